import QtQuick
import Kiosk

// One group of choices in the filter panel: a heading and chips that wrap.
Column {
    id: section
    property string title
    default property alias chips: flow.data
    spacing: Theme.gap2
    Text {
        width: parent.width
        text: section.title
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.subheading
        font.weight: Theme.bold
        Accessible.role: Accessible.Heading
        Accessible.name: text
    }
    Flow {
        id: flow
        width: parent.width
        spacing: Theme.gap2
    }
}
