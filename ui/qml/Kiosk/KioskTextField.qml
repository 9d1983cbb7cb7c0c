import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A large text field for the on-screen keyboard: label above, clear focus state.
TextField {
    id: field
    property string label
    implicitHeight: Theme.touchTarget
    font.family: Theme.fontFamily
    font.pixelSize: Theme.body
    color: Theme.text
    leftPadding: Theme.gap3
    rightPadding: Theme.gap3
    placeholderTextColor: Theme.subtleText
    Accessible.role: Accessible.EditableText
    Accessible.name: label !== "" ? label : placeholderText
    background: Rectangle {
        radius: Theme.radius
        color: Theme.background
        border.width: field.activeFocus ? Theme.px(4) : Theme.px(2)
        border.color: field.activeFocus ? Theme.primary : Theme.border
    }
}
