import QtQuick
import QtQuick.Layouts
import Kiosk

// Before anything is typed: what is collected, why, for how long, and the visitor's rights.
ColumnLayout {
    objectName: "consentStep"
    spacing: Theme.gap4
    StepTitle {
        Layout.fillWidth: true
        step: 1; steps: 7
        question: qsTr("Avant de commencer")
        hint: qsTr("Lis ce texte avec la personne : c'est elle qui décide.")
    }
    Rectangle {
        Layout.fillWidth: true
        implicitHeight: consent.implicitHeight + 2 * Theme.gap4
        radius: Theme.radius
        color: Theme.subtleBackground
        Text {
            id: consent
            objectName: "consentText"
            anchors.fill: parent
            anchors.margins: Theme.gap4
            wrapMode: Text.WordWrap
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            lineHeight: 1.2
            text: qsTr("Pour commencer ton inscription au pass Culture, la borne note ton adresse e-mail, ta date de naissance, tes nom et prénom comme sur ta pièce d'identité, ton adresse et ta situation. Aucun mot de passe : tu le choisiras sur ton téléphone.\n\nCes informations sont envoyées au pass Culture (ministère de la Culture) pour créer ton compte. Sur la borne, elles sont chiffrées et effacées dès que le pass Culture les a reçues, au plus tard après 30 jours si la borne n'a pas pu les envoyer.\n\nTu peux demander à les consulter, les corriger ou les effacer auprès du pass Culture (support.passculture.app) ou de l'accueil. Texte version %1.").arg(assisted.consentVersion)
        }
    }
    KioskButton {
        objectName: "consentAccept"
        Layout.alignment: Qt.AlignRight
        text: qsTr("La personne est d'accord")
        onClicked: assisted.acceptConsent()
    }
}
