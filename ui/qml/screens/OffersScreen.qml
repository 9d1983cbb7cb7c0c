import QtQuick
import Kiosk

InnerScreen {
    objectName: "offersScreen"
    ComingSoon {
        width: parent.width
        title: qsTr("Les offres près d'ici")
        body: (sync.offersTotal > 0
               ? qsTr("%Ln offre(s) t'attendent autour de la médiathèque.", "", sync.offersTotal) + " "
               : "")
              + qsTr("Bientôt, tu pourras parcourir ici les sorties, livres et ateliers autour de toi. En attendant, retrouve-les dans l'application pass Culture.")
        link: kiosk.appLink("/")
    }
}
