import QtQuick
import Kiosk

// One offer: what it is, where, when, for how much, for whom; then the QR code to book it.
Column {
    id: detail
    readonly property var offer: offers.detail
    spacing: Theme.gap4

    Text {
        objectName: "offerGone"
        width: parent.width
        visible: detail.offer.missing === true
        text: qsTr("Cette offre n'est plus disponible. Reviens à la liste pour en choisir une autre.")
        wrapMode: Text.WordWrap
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.subheading
        font.weight: Theme.medium
    }

    // Facts on the left and the QR code on the right; one above the other in portrait.
    Flow {
        width: parent.width
        visible: detail.offer.missing !== true
        spacing: Theme.gap6

        Column {
            width: Theme.portrait ? parent.width
                                  : parent.width - handoffBox.width - parent.spacing
            spacing: Theme.gap3
            OfferPicture {
                width: parent.width
                height: Math.min(Math.round(width * 0.42), Theme.px(320))
                source: detail.offer.image || ""
                category: detail.offer.category || ""
            }
            Text {
                width: parent.width
                text: detail.offer.category || ""
                color: Theme.primary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                font.weight: Theme.semiBold
            }
            Text {
                objectName: "offerName"
                width: parent.width
                text: detail.offer.name || ""
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.weight: Theme.bold
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            PricePill { offer: detail.offer }
            InfoLine {
                width: parent.width
                iconName: "map-pin"
                text: detail.offer.digital ? qsTr("En ligne")
                      : [detail.offer.address, detail.offer.distance ? qsTr("à %1 de la borne").arg(detail.offer.distance) : ""]
                        .filter(function (p) { return p }).join(" — ")
            }
            VenueLink {
                objectName: "openVenueButton"
                width: parent.width
                text: detail.offer.venue || ""
                onClicked: offers.openVenue(detail.offer.venueId)
            }
            InfoLine {
                width: parent.width
                iconName: "calendar"
                text: (detail.offer.dates || []).join("\n")
            }
            InfoLine {
                width: parent.width
                iconName: "people"
                text: detail.offer.duo ? qsTr("Tu peux réserver pour toi et une personne de ton choix.") : ""
            }
            InfoLine {
                width: parent.width
                iconName: "accessibility"
                text: (detail.offer.accessibility || []).map(function (flag) {
                    switch (flag) {
                    case "audio": return qsTr("Accessible aux personnes en situation de handicap auditif")
                    case "mental": return qsTr("Accessible aux personnes en situation de handicap psychique ou cognitif")
                    case "motor": return qsTr("Accessible aux personnes en situation de handicap moteur")
                    default: return qsTr("Accessible aux personnes en situation de handicap visuel")
                    }
                }).join("\n")
            }
            Text {
                width: parent.width
                visible: text !== ""
                text: detail.offer.description || ""
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                lineHeight: 1.2
            }
        }
        Item {
            id: handoffBox
            width: Theme.portrait ? parent.width : handoff.implicitWidth
            height: handoff.implicitHeight
            HandOff {
                id: handoff
                anchors.horizontalCenter: parent.horizontalCenter
                link: detail.offer.link || ""
                ticketTitle: detail.offer.name || ""
                ticketLines: [detail.offer.category, detail.offer.venue, detail.offer.address,
                              (detail.offer.dates || []).slice(0, 3).join(", "),
                              detail.offer.free ? qsTr("Gratuit") : detail.offer.price,
                              qsTr("Réserve-la dans l'application pass Culture : scanne le QR code.")]
                             .filter(function (p) { return p })
            }
        }
    }
}
