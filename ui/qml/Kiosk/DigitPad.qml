import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A big numeric pad: digits are tapped, never typed on a full keyboard.
GridLayout {
    id: pad
    // Keys are shorter where the pad must fit in the lower half (low reach).
    property int keyHeight: Theme.px(104)
    signal digit(string value)
    signal erase()
    columns: 3
    columnSpacing: Theme.gap2
    rowSpacing: Theme.gap2

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0"]
        delegate: Button {
            required property string modelData
            readonly property bool isErase: modelData === "erase"
            objectName: "digit_" + modelData
            Layout.preferredWidth: Theme.px(150)
            Layout.preferredHeight: pad.keyHeight
            focusPolicy: Qt.StrongFocus
            text: isErase ? qsTr("Effacer") : modelData
            Accessible.role: Accessible.Button
            Accessible.name: isErase ? qsTr("Effacer le dernier chiffre") : modelData
            onClicked: isErase ? pad.erase() : pad.digit(modelData)
            contentItem: Item {
                Text {
                    anchors.centerIn: parent
                    visible: !parent.parent.isErase
                    text: parent.parent.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.title
                    font.weight: Theme.bold
                    color: Theme.primary
                }
                Icon {
                    anchors.centerIn: parent
                    visible: parent.parent.isErase
                    width: Theme.px(56); height: width
                    name: "backspace"
                }
            }
            background: Rectangle {
                radius: Theme.radius
                color: parent.down ? Theme.primarySoftPressed : Theme.primarySoft
                border.width: parent.visualFocus ? Theme.px(4) : 0
                border.color: Theme.primaryDeep
            }
        }
    }
}
