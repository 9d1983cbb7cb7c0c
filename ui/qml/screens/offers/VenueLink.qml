import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// The venue of an offer, as a wide button that wraps long names and leads to its page.
AbstractButton {
    id: link
    visible: text !== ""
    implicitHeight: Math.max(Theme.touchTarget, label.implicitHeight + 2 * Theme.gap2)
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: qsTr("Voir le lieu : %1").arg(text)

    TapVoice { button: link; spoken: link.Accessible.name }

    background: Rectangle {
        radius: Theme.radius
        color: link.down ? Theme.primarySoftPressed : Theme.primarySoft
        border.width: link.visualFocus ? Theme.px(5) : 0
        border.color: Theme.primaryDeep
    }
    contentItem: Item {
        Icon {
            id: place
            x: Theme.gap3 - link.leftPadding
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.px(40); height: width
            name: "building"
            color: Theme.primary
        }
        Text {
            id: label
            anchors.left: place.right; anchors.leftMargin: Theme.gap2
            anchors.right: arrow.left; anchors.rightMargin: Theme.gap2
            anchors.verticalCenter: parent.verticalCenter
            text: link.text
            wrapMode: Text.WordWrap
            color: Theme.primary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.weight: Theme.bold
        }
        Icon {
            id: arrow
            anchors.right: parent.right; anchors.rightMargin: Theme.gap3 - link.rightPadding
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.px(36); height: width
            name: "arrow-right"
            color: Theme.primary
        }
    }
}
