import QtQuick
import Kiosk

// "pass Culture" set in the brand font (a wordmark, not the official logo file).
Row {
    property color color: Theme.primary
    property int size: Theme.subheading
    spacing: Theme.px(8)
    Accessible.role: Accessible.StaticText
    Accessible.name: "pass Culture"
    Text { text: "pass"; color: parent.color; font.family: Theme.fontFamily
           font.pixelSize: parent.size; font.weight: Theme.medium }
    Text { text: "Culture"; color: parent.color; font.family: Theme.fontFamily
           font.pixelSize: parent.size; font.weight: Theme.bold }
}
