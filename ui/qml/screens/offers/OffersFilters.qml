import QtQuick
import QtQuick.Layouts
import Kiosk

// Every filter on one page, each choice one tap; the button shows how many offers match.
Column {
    id: panel
    readonly property var state: offers.filterState
    spacing: Theme.gap6

    RowLayout {
        width: parent.width
        Text {
            Layout.fillWidth: true
            text: qsTr("Filtres")
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.title
            font.weight: Theme.bold
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        KioskButton {
            objectName: "clearFiltersButton"
            primary: false
            text: qsTr("Tout effacer")
            onClicked: offers.clearFilters()
        }
    }

    FilterSection {
        width: parent.width
        title: qsTr("Catégorie")
        FilterChip {
            objectName: "group_all"
            text: qsTr("Toutes")
            selected: panel.state.searchGroup === ""
            onClicked: offers.setSearchGroup("")
        }
        Repeater {
            model: offers.groups
            delegate: FilterChip {
                required property var modelData
                objectName: "group_" + modelData.id
                text: modelData.label
                selected: panel.state.searchGroup === modelData.id
                onClicked: offers.setSearchGroup(selected ? "" : modelData.id)
            }
        }
    }
    FilterSection {
        width: parent.width
        visible: offers.subcategories.length > 1
        title: qsTr("Précise")
        Repeater {
            model: offers.subcategories
            delegate: FilterChip {
                required property var modelData
                objectName: "subcategory_" + modelData.id
                text: modelData.label
                selected: panel.state.subcategory === modelData.id
                onClicked: offers.setSubcategory(selected ? "" : modelData.id)
            }
        }
    }
    FilterSection {
        width: parent.width
        title: qsTr("Prix")
        Repeater {
            model: [-1].concat(offers.choices.prices)
            delegate: FilterChip {
                required property int modelData
                objectName: "price_" + modelData
                text: modelData < 0 ? qsTr("Tous les prix")
                      : modelData === 0 ? qsTr("Gratuit") : qsTr("Jusqu'à %1 €").arg(modelData)
                selected: panel.state.maxPrice === modelData
                onClicked: offers.setMaxPrice(modelData)
            }
        }
    }
    FilterSection {
        width: parent.width
        title: qsTr("Quand ?")
        Repeater {
            model: [""].concat(offers.choices.dates)
            delegate: FilterChip {
                required property string modelData
                objectName: "date_" + (modelData || "any")
                text: {
                    switch (modelData) {
                    case "today": return qsTr("Aujourd'hui")
                    case "weekend": return qsTr("Ce week-end")
                    case "week": return qsTr("Cette semaine")
                    default: return qsTr("Toutes les dates")
                    }
                }
                selected: panel.state.date === modelData
                onClicked: offers.setDate(modelData)
            }
        }
    }
    FilterSection {
        width: parent.width
        title: qsTr("Distance de la borne")
        Repeater {
            model: offers.choices.distances.concat([0])
            delegate: FilterChip {
                required property int modelData
                objectName: "distance_" + modelData
                text: modelData > 0 ? qsTr("%1 km").arg(modelData) : qsTr("Partout")
                selected: panel.state.distance === modelData
                onClicked: offers.setDistance(modelData)
            }
        }
    }
    FilterSection {
        width: parent.width
        title: qsTr("Accessibilité")
        Repeater {
            model: offers.choices.accessibility
            delegate: FilterChip {
                required property string modelData
                objectName: "access_" + modelData
                text: {
                    switch (modelData) {
                    case "audio": return qsTr("Handicap auditif")
                    case "mental": return qsTr("Handicap psychique ou cognitif")
                    case "motor": return qsTr("Handicap moteur")
                    default: return qsTr("Handicap visuel")
                    }
                }
                selected: panel.state.accessibility.indexOf(modelData) >= 0
                onClicked: offers.toggleAccessibility(modelData)
            }
        }
    }
    FilterSection {
        width: parent.width
        title: qsTr("Autres")
        FilterChip {
            objectName: "duoChip"
            text: qsTr("À deux (offre duo)")
            selected: panel.state.duo
            onClicked: offers.setDuo(!selected)
        }
        Repeater {
            model: offers.choices.presences
            delegate: FilterChip {
                required property string modelData
                objectName: "presence_" + modelData
                text: modelData === "physical" ? qsTr("Sur place")
                      : modelData === "digital" ? qsTr("En ligne") : qsTr("Sur place et en ligne")
                selected: panel.state.presence === modelData
                onClicked: offers.setPresence(modelData)
            }
        }
    }
    FilterSection {
        width: parent.width
        title: qsTr("Trier par")
        Repeater {
            model: offers.choices.sorts
            delegate: FilterChip {
                required property string modelData
                objectName: "sort_" + modelData
                text: modelData === "date" ? qsTr("Date") : modelData === "price" ? qsTr("Prix")
                                                                                   : qsTr("Distance")
                selected: panel.state.sort === modelData
                onClicked: offers.setSort(modelData)
            }
        }
    }
    KioskButton {
        objectName: "showResultsButton"
        anchors.horizontalCenter: parent.horizontalCenter
        text: offers.busy ? qsTr("Voir les offres")
              : offers.resultCount === 0 ? qsTr("Aucune offre avec ces filtres")
              : offers.countCapped ? qsTr("Voir plus de %L1 offres").arg(offers.resultCount)
              : qsTr("Voir les %Ln offre(s)", "", offers.resultCount)
        enabled: offers.busy || offers.resultCount > 0
        onClicked: offers.showResults()
    }
}
