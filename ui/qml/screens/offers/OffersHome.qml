import QtQuick
import QtQuick.Layouts
import Kiosk

// The offers home: rails of cards to swipe sideways, this week, free, near here, by kind.
Column {
    id: home
    spacing: Theme.gap6

    // Nothing synced yet (a new kiosk, offline): say so, and hand off to the app meanwhile.
    Row {
        width: parent.width
        visible: offers.rails.length === 0
        spacing: Theme.gap6
        Text {
            width: parent.width - emptyQr.width - parent.spacing
            text: sync.offersTotal > 0 ? qsTr("Un instant, on prépare les offres…")
                                       : qsTr("Les offres arrivent dès que la borne a pu se synchroniser. Reviens dans un moment, ou retrouve-les dans l'application pass Culture.")
            wrapMode: Text.WordWrap
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.subheading
            font.weight: Theme.medium
        }
        QrCode {
            id: emptyQr
            objectName: "handoffQrCode"
            visible: sync.offersTotal === 0
            link: kiosk.appLink("/")
            implicitWidth: visible ? Theme.px(300) : 0
        }
    }

    Repeater {
        model: offers.rails
        delegate: Column {
            id: rail
            required property var modelData
            width: home.width
            spacing: Theme.gap2
            RowLayout {
                width: parent.width
                spacing: Theme.gap2
                Text {
                    Layout.fillWidth: true
                    text: {
                        switch (rail.modelData.key) {
                        case "week": return qsTr("Cette semaine")
                        case "free": return qsTr("Gratuit")
                        case "near": return qsTr("Tout près d'ici")
                        default: return rail.modelData.title
                        }
                    }
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.heading
                    font.weight: Theme.bold
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                KioskButton {
                    objectName: "seeAll_" + rail.modelData.key
                    primary: false
                    text: qsTr("Voir tout")
                    onClicked: offers.showRail(rail.modelData.key)
                }
            }
            ListView {
                objectName: "rail_" + rail.modelData.key
                width: parent.width
                height: contentItem.childrenRect.height
                orientation: ListView.Horizontal
                readonly property bool sideways: true  // for tests: swiped, not cut
                cacheBuffer: 0  // cards are built as they scroll in, never in the background
                spacing: Theme.gap3
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                model: rail.modelData.offers
                delegate: OfferCard {
                    required property var modelData
                    offer: modelData
                    onClicked: offers.openOffer(modelData.offerId)
                }
            }
        }
    }
}
