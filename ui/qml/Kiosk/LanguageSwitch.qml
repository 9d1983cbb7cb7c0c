import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// Two pills, each language named in itself so a visitor who reads no French finds theirs.
Row {
    id: root
    spacing: Theme.gap1
    Repeater {
        model: [ { code: "fr", label: "Français" }, { code: "en", label: "English" } ]
        delegate: Button {
            required property var modelData
            objectName: "language_" + modelData.code
            text: modelData.label
            checked: preferences.language === modelData.code
            implicitHeight: Theme.touchTarget
            implicitWidth: Math.max(Theme.px(150), contentItem.implicitWidth + Theme.gap6)
            focusPolicy: Qt.StrongFocus
            Accessible.role: Accessible.Button
            Accessible.name: modelData.label
            onClicked: preferences.setLanguage(modelData.code)
            contentItem: Text {
                text: parent.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.bold
                color: parent.checked ? Theme.inkOnPrimary : Theme.primary
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            background: Rectangle {
                radius: height / 2
                color: parent.checked ? Theme.primary : Theme.background
                border.width: Theme.px(3)
                border.color: parent.visualFocus ? Theme.primaryDeep : Theme.primary
            }
        }
    }
}
