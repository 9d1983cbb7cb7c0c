import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A whole-row switch: the state is written ("Oui"/"Non"), never shown by colour alone.
AbstractButton {
    id: control
    property string hint
    checkable: true
    focusPolicy: Qt.StrongFocus
    implicitHeight: Math.max(Theme.touchTarget, row.implicitHeight + 2 * Theme.gap2)
    implicitWidth: row.implicitWidth + 2 * Theme.gap3
    Accessible.role: Accessible.CheckBox
    Accessible.name: text
    Accessible.description: hint
    Accessible.checkable: true
    Accessible.checked: checked

    TapVoice { button: control; spoken: control.Accessible.name }

    background: Rectangle {
        radius: Theme.radius
        color: control.down ? Theme.primarySoftPressed : Theme.primarySoft
        border.width: control.visualFocus ? Theme.px(4) : 0
        border.color: Theme.primaryDeep
    }
    contentItem: RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.gap3
        anchors.rightMargin: Theme.gap3
        spacing: Theme.gap3
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.px(4)
            Text {
                Layout.fillWidth: true
                text: control.text
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                font.weight: Theme.bold
            }
            Text {
                Layout.fillWidth: true
                visible: control.hint !== ""
                text: control.hint
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.medium
            }
        }
        Rectangle {
            Layout.preferredWidth: Theme.px(120)
            Layout.preferredHeight: Theme.px(56)
            radius: height / 2
            color: control.checked ? Theme.primary : Theme.background
            border.width: Theme.px(3)
            border.color: Theme.primary
            Text {
                anchors.centerIn: parent
                text: control.checked ? qsTr("Oui") : qsTr("Non")
                color: control.checked ? Theme.inkOnPrimary : Theme.primary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.bold
            }
        }
    }
}
