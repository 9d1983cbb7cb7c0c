import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A round button with only an icon; its label is for screen readers and read-aloud.
AbstractButton {
    id: control
    property string iconName
    property string label
    implicitWidth: Theme.touchTarget
    implicitHeight: Theme.touchTarget
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: label
    Accessible.checkable: checkable
    Accessible.checked: checked

    TapVoice { button: control; spoken: control.Accessible.name }

    contentItem: Item {
        Icon {
            anchors.centerIn: parent
            width: Theme.px(44); height: width
            name: control.iconName
            color: control.checked ? Theme.inkOnPrimary : Theme.primary
        }
    }
    background: Rectangle {
        radius: height / 2
        color: control.checked ? Theme.primary
                               : (control.down ? Theme.primarySoftPressed : Theme.background)
        border.width: control.visualFocus ? Theme.px(6) : Theme.px(3)
        border.color: control.visualFocus ? Theme.primaryDeep : Theme.primary
    }
}
