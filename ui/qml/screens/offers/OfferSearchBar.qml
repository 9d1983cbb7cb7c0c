import QtQuick
import QtQuick.Layouts
import Kiosk

// The search box (results change at every key) and the way to the filters.
RowLayout {
    id: bar
    spacing: Theme.gap2

    KioskTextField {
        id: field
        objectName: "offerSearchField"
        Layout.fillWidth: true
        leftPadding: Theme.gap3 + searchIcon.width + Theme.gap2
        label: qsTr("Rechercher une offre")
        placeholderText: qsTr("Un concert, un livre, un lieu…")
        inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
        text: offers.text
        onTextChanged: offers.text = text
        Icon {
            id: searchIcon
            x: Theme.gap3
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.px(40); height: width
            name: "search"
            color: Theme.subtleText
        }
    }
    IconButton {
        objectName: "clearSearchButton"
        visible: field.text !== ""
        iconName: "close"
        label: qsTr("Effacer la recherche")
        onClicked: offers.text = ""
    }
    KioskButton {
        objectName: "filtersButton"
        primary: false
        iconName: "sliders"
        text: offers.chips.length > 0 ? qsTr("Filtres (%1)").arg(offers.chips.length)
                                      : qsTr("Filtres")
        onClicked: offers.openFilters()
    }
}
