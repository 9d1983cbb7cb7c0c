import QtQuick
import Kiosk

InnerScreen {
    objectName: "assistedScreen"
    ComingSoon {
        width: parent.width
        title: qsTr("M'inscrire avec un·e conseiller·e")
        body: qsTr("Adresse-toi à l'accueil : un·e conseiller·e va t'aider à commencer ton inscription. Tu peux aussi la commencer seul·e sur ton téléphone.")
        link: kiosk.appLink("/creation-compte")
    }
}
