import QtQuick
import QtQuick.Layouts
import Kiosk

// While staff mode is unlocked: who it is, and "Verrouiller" always in reach.
Rectangle {
    id: ribbon
    objectName: "staffRibbon"
    implicitHeight: Math.max(Theme.touchTarget, who.implicitHeight) + Theme.gap2
    color: Theme.success

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.gap3
        Text {
            id: who
            objectName: "staffRibbonText"
            Layout.fillWidth: true
            text: qsTr("MODE ASSISTÉ — %1").arg(staff.staffName)
            wrapMode: Text.WordWrap
            color: Theme.inkOnPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.chromeText
            font.weight: Theme.bold
            font.letterSpacing: Theme.px(1)
        }
        KioskButton {
            objectName: "staffAreaButton"
            inverted: true
            visible: navigation.screen !== "staff"
            text: qsTr("Espace personnel")
            onClicked: navigation.go("staff")
        }
        KioskButton {
            objectName: "lockButton"
            inverted: true
            text: qsTr("Verrouiller")
            onClicked: staff.lock()
        }
    }
}
