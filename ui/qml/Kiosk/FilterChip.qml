import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A choice in the filter panel (checkable), or an active filter with a cross to remove it.
AbstractButton {
    id: chip
    property bool removable: false
    // A choice of the filter panel that is in force (not Qt's checked: taps never toggle it,
    // the view-model decides).
    property bool selected: false
    implicitHeight: Math.max(Theme.px(72), label.implicitHeight + Theme.gap2)
    implicitWidth: label.implicitWidth + 2 * Theme.gap3 + (removable ? cross.width + Theme.gap1 : 0)
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: removable ? qsTr("Retirer le filtre %1").arg(text) : text
    Accessible.checkable: !removable
    Accessible.checked: selected

    TapVoice { button: chip; spoken: chip.Accessible.name }

    readonly property color ink: chip.selected || chip.removable ? Theme.inkOnPrimary : Theme.primary
    background: Rectangle {
        radius: height / 2
        color: chip.selected || chip.removable
               ? (chip.down ? Theme.primaryDeep : Theme.primary)
               : (chip.down ? Theme.primarySoftPressed : Theme.background)
        border.width: chip.visualFocus ? Theme.px(5) : Theme.px(2)
        border.color: chip.visualFocus ? Theme.primaryDeep : Theme.primary
    }
    contentItem: Item {
        Text {
            id: label
            anchors.verticalCenter: parent.verticalCenter
            x: Theme.gap3 - chip.leftPadding
            text: chip.text
            color: chip.ink
            font.family: Theme.fontFamily
            font.pixelSize: Theme.caption
            font.weight: Theme.semiBold
        }
        Icon {
            id: cross
            visible: chip.removable
            anchors.verticalCenter: parent.verticalCenter
            anchors.left: label.right; anchors.leftMargin: Theme.gap1
            width: Theme.px(28); height: width
            name: "close"
            color: chip.ink
        }
    }
}
