import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// One button per other language, each named in itself, so a visitor who reads no French
// finds theirs ("English", not "Anglais").
Row {
    id: root
    spacing: Theme.gap1
    Repeater {
        model: preferences.languages.filter(function(language) {
            return language.code !== preferences.language
        })
        delegate: KioskButton {
            required property var modelData
            objectName: "language_" + modelData.code
            primary: false
            text: modelData.name
            font.pixelSize: Theme.chromeText
            implicitWidth: Math.max(Theme.px(170), contentItem.implicitWidth + Theme.gap6)
            onClicked: preferences.setLanguage(modelData.code)
        }
    }
}
