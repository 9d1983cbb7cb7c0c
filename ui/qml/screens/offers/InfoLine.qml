import QtQuick
import Kiosk

// An icon and a line of facts (where, when, for how many).
Row {
    id: line
    property string iconName
    property string text
    spacing: Theme.gap2
    visible: text !== ""
    Icon {
        width: Theme.px(40); height: width
        name: line.iconName
        color: Theme.primary
    }
    Text {
        width: line.width - Theme.px(40) - line.spacing
        text: line.text
        wrapMode: Text.WordWrap
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
        font.weight: Theme.medium
    }
}
