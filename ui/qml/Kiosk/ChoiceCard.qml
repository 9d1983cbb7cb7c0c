import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// One of the home screen's big choices: the whole card is the touch target.
AbstractButton {
    id: card
    property string title
    property string subtitle
    property string iconName
    property bool highlighted: false
    // Icon beside the text: wide, short cards in portrait.
    readonly property bool horizontal: Theme.portrait
    // Half a landscape screen (low reach): words only, the icons would push them out.
    readonly property bool compact: preferences.lowReach && !Theme.portrait
    focusPolicy: Qt.StrongFocus
    padding: compact ? Theme.gap4 : Theme.gap6
    Accessible.role: Accessible.Button
    Accessible.name: title
    Accessible.description: subtitle

    readonly property color ink: highlighted ? Theme.inkOnPrimary : Theme.text
    readonly property color subtleInk: highlighted ? Theme.inkOnPrimarySubtle : Theme.subtleText

    background: Rectangle {
        radius: Theme.radiusLarge
        color: card.highlighted ? (card.down ? Theme.primaryDeep : Theme.primary)
                                : (card.down ? Theme.subtleBackground : Theme.background)
        border.width: card.visualFocus ? Theme.px(6) : Theme.px(2)
        border.color: card.visualFocus ? Theme.primaryDeep
                                       : (card.highlighted ? Theme.primary : Theme.borderLight)
        scale: card.down ? 0.98 : 1.0
        Behavior on scale { NumberAnimation { duration: 90 } }
    }

    TapVoice { button: card; spoken: card.Accessible.name }

    contentItem: GridLayout {
        // Landscape: icon above text. Portrait: icon beside text, cards are wide and short.
        columns: card.horizontal ? 3 : 1
        columnSpacing: Theme.gap4
        rowSpacing: Theme.gap3

        Rectangle {
            visible: !card.compact
            Layout.preferredWidth: Theme.px(132)
            Layout.preferredHeight: Theme.px(132)
            Layout.alignment: card.horizontal ? Qt.AlignVCenter : Qt.AlignLeft
            radius: width / 2
            color: card.highlighted ? Theme.background : Theme.primarySoft
            Icon {
                anchors.centerIn: parent
                width: Theme.px(72); height: width
                name: card.iconName
                color: Theme.primary
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: !card.horizontal
            Layout.alignment: card.horizontal ? Qt.AlignVCenter : Qt.AlignTop
            spacing: Theme.gap2
            Text {
                Layout.fillWidth: true
                text: card.title
                wrapMode: Text.WordWrap
                color: card.ink
                font.family: Theme.fontFamily
                font.pixelSize: Theme.heading
                font.weight: Theme.bold
            }
            Text {
                Layout.fillWidth: true
                text: card.subtitle
                wrapMode: Text.WordWrap
                color: card.subtleInk
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                font.weight: Theme.medium
                lineHeight: 1.15
            }
        }
        Rectangle {   // "go" affordance: bottom right in landscape, at the end in portrait
            visible: !card.compact
            Layout.preferredWidth: Theme.px(72)
            Layout.preferredHeight: Theme.px(72)
            Layout.alignment: card.horizontal ? Qt.AlignVCenter : (Qt.AlignRight | Qt.AlignBottom)
            radius: width / 2
            color: card.highlighted ? Theme.background : Theme.primary
            Icon {
                anchors.centerIn: parent
                width: Theme.px(40); height: width
                name: "arrow-right"
                color: card.highlighted ? Theme.primary : Theme.inkOnPrimary
            }
        }
    }
}
