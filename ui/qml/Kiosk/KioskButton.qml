import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// The kiosk's button: at least 88 px tall, filled (primary) or outlined (secondary).
Button {
    id: control
    property bool primary: true
    property bool inverted: false        // white button on a purple background
    property string iconName: ""

    implicitHeight: Theme.touchTarget
    opacity: enabled ? 1 : 0.45  // a button that cannot be pressed yet looks it
    implicitWidth: Math.max(Theme.px(240), contentItem.implicitWidth + leftPadding + rightPadding)
    leftPadding: Theme.gap4
    rightPadding: Theme.gap4
    font.family: Theme.fontFamily
    font.pixelSize: Theme.body
    font.weight: Theme.bold
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: text

    readonly property color fillColor: inverted ? Theme.background
                                       : (primary ? Theme.primary : Theme.background)
    readonly property color inkColor: inverted ? Theme.primary
                                      : (primary ? Theme.inkOnPrimary : Theme.primary)

    TapVoice { button: control; spoken: control.Accessible.name }

    contentItem: Item {
        implicitWidth: row.implicitWidth
        implicitHeight: row.implicitHeight
        Row {
            id: row
            anchors.centerIn: parent
            spacing: Theme.gap2
            Icon {
                visible: control.iconName !== ""
                name: control.iconName
                color: control.inkColor
                width: Theme.px(36); height: width
                anchors.verticalCenter: parent.verticalCenter
            }
            Text {
                text: control.text
                font: control.font
                color: control.inkColor
                anchors.verticalCenter: parent.verticalCenter
            }
        }
    }
    background: Rectangle {
        radius: height / 2
        color: control.down ? Qt.darker(control.fillColor, control.primary ? 1.25 : 1.05)
                            : control.fillColor
        border.width: control.primary && !control.inverted ? 0 : Theme.px(3)
        border.color: control.inverted ? Theme.background : Theme.primary
        Rectangle {   // visible focus ring for keyboard and switch users
            anchors.fill: parent
            anchors.margins: -Theme.px(6)
            radius: height / 2
            color: "transparent"
            border.width: Theme.px(4)
            border.color: Theme.primaryDeep
            visible: control.visualFocus
        }
    }
}
