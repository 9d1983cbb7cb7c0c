import QtQuick
import QtQuick.Layouts
import Kiosk

// Results as you type: the active filters as chips, how many, and the list.
ColumnLayout {
    id: results
    spacing: Theme.gap2

    // The filters in force (a tap removes one), then the most asked ones, one tap each.
    Flow {
        Layout.fillWidth: true
        spacing: Theme.gap1
        Repeater {
            model: offers.chips
            delegate: FilterChip {
                required property var modelData
                objectName: "chip_" + modelData.key
                removable: true
                text: chipText(modelData.key, modelData.value)
                onClicked: offers.removeChip(modelData.key)
            }
        }
        FilterChip {
            objectName: "quick_free"
            visible: offers.filterState.maxPrice !== 0
            text: "+ " + qsTr("Gratuit")
            onClicked: offers.setMaxPrice(0)
        }
        FilterChip {
            objectName: "quick_weekend"
            visible: offers.filterState.date !== "weekend"
            text: "+ " + qsTr("Ce week-end")
            onClicked: offers.setDate("weekend")
        }
        FilterChip {
            objectName: "quick_near"
            visible: offers.filterState.distance === 0 || offers.filterState.distance > 10
            text: "+ " + qsTr("À moins de %1").arg(qsTr("10 km"))
            onClicked: offers.setDistance(10)
        }
        FilterChip {
            objectName: "quick_duo"
            visible: !offers.filterState.duo
            text: "+ " + qsTr("À deux")
            onClicked: offers.setDuo(true)
        }
    }
    Text {
        objectName: "resultCount"
        Layout.fillWidth: true
        text: offers.countCapped ? qsTr("Plus de %L1 offres").arg(offers.resultCount)
                                 : qsTr("%Ln offre(s)", "", offers.resultCount)
        color: Theme.subtleText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
        font.weight: Theme.semiBold
        opacity: offers.busy ? 0.6 : 1
    }
    ListView {
        id: list
        objectName: "resultsList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        visible: offers.resultCount > 0 || offers.busy
        clip: true
        spacing: Theme.gap1
        // Delegates are made as rows come into view: a list reset (every key typed) then
        // never cancels cards still being built in the background.
        cacheBuffer: 0
        boundsBehavior: Flickable.StopAtBounds
        model: offers.resultsModel
        delegate: OfferRow {
            required property int index
            required property var model
            width: list.width
            offer: model
            onClicked: offers.openOffer(model.offerId)
        }
    }
    ColumnLayout {
        objectName: "noResult"
        Layout.fillWidth: true
        visible: !offers.busy && offers.resultCount === 0
        spacing: Theme.gap3
        Text {
            Layout.fillWidth: true
            text: qsTr("Aucun résultat.")
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.heading
            font.weight: Theme.bold
        }
        Text {
            Layout.fillWidth: true
            text: offers.suggestion !== ""
                  ? qsTr("Essaie sans le filtre « %1 ».").arg(chipText(offers.suggestion, chipValue(offers.suggestion)))
                  : qsTr("Essaie un autre mot, ou moins de filtres.")
            wrapMode: Text.WordWrap
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
        }
        KioskButton {
            objectName: "removeSuggestedFilter"
            visible: offers.suggestion !== ""
            text: qsTr("Retirer ce filtre")
            onClicked: offers.removeChip(offers.suggestion)
        }
    }
    Item { Layout.fillHeight: true; visible: !list.visible }

    function chipValue(key) {
        for (var i = 0; i < offers.chips.length; ++i)
            if (offers.chips[i].key === key)
                return offers.chips[i].value
        return ""
    }

    // The words of a chip; the value comes formatted (a price, a distance, a label).
    function chipText(key, value) {
        switch (key) {
        case "price": return value === "" ? qsTr("Gratuit") : qsTr("Jusqu'à %1").arg(value)
        case "distance": return qsTr("À moins de %1").arg(value)
        case "duo": return qsTr("À deux")
        case "date": return dateText(value)
        case "presence": return value === "digital" ? qsTr("En ligne") : qsTr("Sur place")
        case "access:audio": return qsTr("Handicap auditif")
        case "access:mental": return qsTr("Handicap psychique ou cognitif")
        case "access:motor": return qsTr("Handicap moteur")
        case "access:visual": return qsTr("Handicap visuel")
        default: return value
        }
    }
    function dateText(preset) {
        switch (preset) {
        case "today": return qsTr("Aujourd'hui")
        case "weekend": return qsTr("Ce week-end")
        case "week": return qsTr("Cette semaine")
        default: return preset
        }
    }
}
