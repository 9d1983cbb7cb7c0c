import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// One offer in a rail: picture, category, name, when or where, and the price.
AbstractButton {
    id: card
    property var offer: ({})
    implicitWidth: Theme.px(380)
    implicitHeight: column.implicitHeight + 2 * Theme.gap2
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: [offer.name, offer.category, offer.when, offer.venue,
                      offer.free ? qsTr("Gratuit") : offer.price]
                     .filter(function (part) { return part }).join(", ")

    TapVoice { button: card; spoken: card.Accessible.name }

    background: Rectangle {
        radius: Theme.radius
        color: card.down ? Theme.primarySoftPressed : Theme.background
        border.width: card.visualFocus ? Theme.px(5) : Theme.px(2)
        border.color: card.visualFocus ? Theme.primaryDeep : Theme.borderLight
    }
    contentItem: Item {
        Column {
            id: column
            x: Theme.gap2; y: Theme.gap2
            width: card.width - 2 * Theme.gap2
            spacing: Theme.gap1
            OfferPicture {
                width: parent.width
                height: Math.round(width * 0.56)
                source: card.offer.image || ""
                category: card.offer.category || ""
                PricePill {
                    anchors.left: parent.left; anchors.bottom: parent.bottom
                    anchors.margins: Theme.gap1
                    offer: card.offer
                }
            }
            Text {
                width: parent.width
                text: card.offer.category || ""
                elide: Text.ElideRight
                color: Theme.primary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.semiBold
            }
            Text {
                width: parent.width
                height: Theme.body * 2.6
                text: card.offer.name || ""
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                font.weight: Theme.bold
            }
            Text {
                width: parent.width
                text: card.offer.when || card.offer.venue || ""
                elide: Text.ElideRight
                color: Theme.subtleText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.medium
            }
            Text {
                width: parent.width
                visible: text !== ""
                text: card.offer.digital ? qsTr("En ligne") : (card.offer.distance || "")
                elide: Text.ElideRight
                color: Theme.subtleText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.medium
            }
        }
    }
}
