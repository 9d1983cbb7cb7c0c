import QtQuick
import Kiosk

InnerScreen {
    objectName: "eligibilityScreen"
    ComingSoon {
        width: parent.width
        title: qsTr("Suis-je éligible ?")
        body: qsTr("Le test d'éligibilité arrive très bientôt sur cette borne. En attendant, fais-le sur ton téléphone : ça prend une minute.")
        link: kiosk.appLink("/creation-compte")
    }
}
