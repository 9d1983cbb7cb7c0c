import QtQuick
import Kiosk
import "offers"

// "Découvrir les offres près d'ici": rails, search as you type, filters, results, details.
// Every page stays built and only the current one shows: going back finds the rails and the
// list where the visitor left them, and no list is torn down while it creates its cards.
InnerScreen {
    id: screen
    objectName: "offersScreen"
    handlesBack: true
    onBackRequested: if (!offers.back()) navigation.back()

    // What the page shows between the bars, less what the on-screen keyboard covers.
    readonly property real available: screen.page.height - 2 * Theme.margin
                                      - Math.max(0, Theme.keyboardHeight - Theme.barHeight)

    Connections {
        target: offers
        function onPageChanged() { screen.page.contentY = 0 }
    }

    Column {
        id: pages
        width: parent.width
        spacing: Theme.gap3
        OfferSearchBar {
            id: searchBar
            width: parent.width
            visible: offers.page === "home" || offers.page === "results"
        }
        OffersHome {
            objectName: "offersHome"
            width: parent.width
            visible: offers.page === "home"
        }
        OffersResults {
            objectName: "offersResults"
            width: parent.width
            // The list scrolls inside the screen's height, above the keyboard.
            height: Math.max(Theme.px(320),
                             screen.available - searchBar.height - pages.spacing)
            visible: offers.page === "results"
        }
        OffersFilters {
            objectName: "offersFilters"
            width: parent.width
            visible: offers.page === "filters"
        }
        OfferDetail {
            objectName: "offerDetail"
            width: parent.width
            visible: offers.page === "detail"
        }
        VenuePage {
            objectName: "venuePage"
            width: parent.width
            visible: offers.page === "venue"
        }
    }
}
