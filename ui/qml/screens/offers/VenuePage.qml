import QtQuick
import Kiosk

// A venue: where it is, when it opens, how accessible, and its offers.
Column {
    id: venuePage
    readonly property var venue: offers.venue
    spacing: Theme.gap4

    // Facts on the left and the QR code on the right; one above the other in portrait.
    Flow {
        width: parent.width
        spacing: Theme.gap6
        Column {
            width: Theme.portrait ? parent.width
                                  : parent.width - handoffBox.width - parent.spacing
            spacing: Theme.gap3
            Text {
                objectName: "venueName"
                width: parent.width
                text: venuePage.venue.name || ""
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.weight: Theme.bold
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            InfoLine {
                width: parent.width
                iconName: "map-pin"
                text: [venuePage.venue.address, venuePage.venue.distance ? qsTr("à %1 de la borne").arg(venuePage.venue.distance) : ""]
                      .filter(function (p) { return p }).join(" — ")
            }
            InfoLine {
                objectName: "venueHours"
                width: parent.width
                iconName: "calendar"
                text: (venuePage.venue.hours || []).map(function (day) {
                    var name = Qt.locale(preferences.language === "en" ? "en_GB" : "fr_FR")
                               .dayName((day.day + 1) % 7, Locale.LongFormat)
                    return qsTr("%1 : %2").arg(name.charAt(0).toUpperCase() + name.slice(1))
                           .arg(day.spans.length ? day.spans.join(", ") : qsTr("fermé"))
                }).join("\n")
            }
            InfoLine {
                width: parent.width
                iconName: "accessibility"
                text: (venuePage.venue.accessibility || []).length === 4
                      ? qsTr("Accessible à tous les handicaps (auditif, psychique, moteur, visuel)")
                      : (venuePage.venue.accessibility || []).map(function (flag) {
                            switch (flag) {
                            case "audio": return qsTr("Handicap auditif")
                            case "mental": return qsTr("Handicap psychique ou cognitif")
                            case "motor": return qsTr("Handicap moteur")
                            default: return qsTr("Handicap visuel")
                            }
                        }).join(", ")
            }
            Text {
                width: parent.width
                visible: text !== ""
                text: venuePage.venue.description || ""
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
                link: venuePage.venue.link || ""
                ticketTitle: venuePage.venue.name || ""
                ticketLines: [venuePage.venue.address,
                              qsTr("Retrouve ce lieu et ses offres dans l'application pass Culture : scanne le QR code.")]
                             .filter(function (p) { return p })
            }
        }
    }
    Text {
        width: parent.width
        visible: (venuePage.venue.offers || []).length > 0
        text: qsTr("Ses offres")
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.heading
        font.weight: Theme.bold
        Accessible.role: Accessible.Heading
        Accessible.name: text
    }
    ListView {
        objectName: "venueOffers"
        width: parent.width
        height: contentItem.childrenRect.height
        visible: count > 0
        orientation: ListView.Horizontal
        readonly property bool sideways: true  // for tests: swiped, not cut
        cacheBuffer: 0  // cards are built as they scroll in, never in the background
        spacing: Theme.gap3
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: venuePage.venue.offers || []
        delegate: OfferCard {
            required property var modelData
            offer: modelData
            onClicked: offers.openOffer(modelData.offerId)
        }
    }
}
