import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// Day / month / year wheels: a date is turned to, never typed. Months are named in the
// visitor's language; the year wheel starts near the age the pass is for.
RowLayout {
    id: wheels
    property int firstYear
    property int lastYear
    // The age the year wheel starts at, so that most visitors scroll little.
    property int startAge: 17
    readonly property int day: dayWheel.currentIndex + 1
    readonly property int month: monthWheel.currentIndex + 1
    readonly property int year: firstYear + yearWheel.currentIndex
    readonly property var locale: Qt.locale(preferences.language === "en" ? "en_GB" : "fr_FR")
    spacing: Theme.gap3

    Wheel {
        id: dayWheel
        objectName: "dayTumbler"
        label: qsTr("Jour")
        model: 31
        display: function(index) { return index + 1 }
        Layout.preferredWidth: Theme.px(180)
    }
    Wheel {
        id: monthWheel
        objectName: "monthTumbler"
        label: qsTr("Mois")
        model: 12
        display: function(index) { return wheels.locale.standaloneMonthName(index, Locale.LongFormat) }
        Layout.preferredWidth: Theme.px(360)
    }
    Wheel {
        id: yearWheel
        objectName: "yearTumbler"
        label: qsTr("Année")
        model: wheels.lastYear - wheels.firstYear + 1
        wrap: false
        display: function(index) { return wheels.firstYear + index }
        currentIndex: model - 1 - wheels.startAge
        Layout.preferredWidth: Theme.px(220)
    }

    component Wheel: ColumnLayout {
        id: wheel
        property alias model: tumbler.model
        property alias currentIndex: tumbler.currentIndex
        property alias wrap: tumbler.wrap
        property string label
        property var display
        spacing: Theme.gap1
        Text {
            Layout.alignment: Qt.AlignHCenter
            text: wheel.label
            color: Theme.subtleText
            font.family: Theme.fontFamily
            font.pixelSize: Theme.caption
            font.weight: Theme.bold
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.px(104) * 3
            radius: Theme.radius
            color: Theme.subtleBackground
            Rectangle {   // the selection band
                anchors.verticalCenter: parent.verticalCenter
                width: parent.width; height: Theme.px(104)
                radius: Theme.radius
                color: Theme.primarySoftPressed
                border.width: Theme.px(3)
                border.color: Theme.primary
            }
            Tumbler {
                id: tumbler
                anchors.fill: parent
                visibleItemCount: 3
                focusPolicy: Qt.StrongFocus
                Accessible.role: Accessible.SpinBox
                Accessible.name: wheel.label
                delegate: Text {
                    required property int index
                    text: wheel.display(index)
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    color: Theme.text
                    // Neighbours fade; a wheel that does not wrap may report no displacement yet.
                    opacity: isNaN(Tumbler.displacement) ? 0.5
                             : Math.max(0.35, 1.0 - Math.abs(Tumbler.displacement) / 2)
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.heading
                    font.weight: Math.abs(Tumbler.displacement) < 0.5 ? Theme.bold : Theme.medium
                }
            }
        }
    }
}
