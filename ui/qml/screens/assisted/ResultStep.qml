import QtQuick
import QtQuick.Layouts
import Kiosk

// Sent: the QR code to finish on the phone, and a ticket with the next steps. Queued: it
// leaves as soon as the network is back. Refused: the central service's words, for staff.
ColumnLayout {
    id: result
    objectName: "assistedResultStep"
    spacing: Theme.gap4
    readonly property var outcome: assisted.outcome
    readonly property bool sent: outcome.status === "sent"
    readonly property bool queued: outcome.status === "queued"
    property string printStatus: ""
    readonly property var nextSteps: [
        qsTr("1. Ouvre l'e-mail du pass Culture envoyé à %1 et confirme ton adresse.").arg(outcome.email || ""),
        qsTr("2. Choisis ton mot de passe sur ton téléphone (la borne ne le connaît pas)."),
        qsTr("3. Vérifie ton identité sur ton téléphone avec ta pièce d'identité originale (5 minutes), ou avec ÉduConnect si tu es lycéen·ne, ou par la procédure manuelle (quelques jours)."),
        qsTr("4. Confirme sur l'honneur que tes informations sont exactes : ton crédit est alors disponible.")
    ]

    StepTitle {
        Layout.fillWidth: true
        steps: 0
        question: result.sent ? qsTr("C'est envoyé !")
                  : result.queued ? qsTr("C'est enregistré, ça partira tout seul")
                  : outcome.status === "rejected" ? qsTr("Le pass Culture a refusé ces informations")
                  : qsTr("La borne n'a pas pu enregistrer l'inscription")
        hint: result.sent ? qsTr("Scanne le QR code pour finir ton inscription sur ton téléphone.")
              : result.queued ? qsTr("La borne l'enverra dès que le réseau sera revenu, puis un e-mail arrivera à %1.").arg(outcome.email || "")
              : outcome.status === "rejected" ? (outcome.message || "")
              : qsTr("Préviens l'accueil. La personne peut aussi s'inscrire sur son téléphone.")
    }
    QrCode {
        objectName: "finishQrCode"
        Layout.alignment: Qt.AlignHCenter
        visible: result.sent && (outcome.finishUrl || "") !== ""
        link: outcome.finishUrl || ""
        implicitWidth: Theme.px(340)
    }
    Repeater {
        model: result.sent || result.queued ? result.nextSteps : []
        delegate: Text {
            required property string modelData
            Layout.fillWidth: true
            text: modelData
            wrapMode: Text.WordWrap
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
        }
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap3
        KioskButton {
            objectName: "printNextSteps"
            visible: result.sent || result.queued
            primary: false
            iconName: "printer"
            text: qsTr("Imprimer le ticket")
            onClicked: result.printStatus = ticketPrinter.printTicket(
                result.sent ? qsTr("Ton inscription au pass Culture") : qsTr("Ton inscription partira bientôt"),
                (result.queued ? [qsTr("La borne enverra ton inscription dès que le réseau sera revenu ; un e-mail arrivera ensuite.")] : [])
                    .concat(result.nextSteps),
                result.sent ? (outcome.finishUrl || "") : kiosk.appLink("/connexion"))
        }
        Item { Layout.fillWidth: true }
        KioskButton {
            objectName: "newRegistration"
            text: qsTr("Nouvelle inscription")
            onClicked: { session.finish(); navigation.go("assisted"); assisted.start() }
        }
    }
    Text {
        objectName: "assistedPrintStatus"
        Layout.fillWidth: true
        visible: result.printStatus !== ""
        text: result.printStatus === "printed" ? qsTr("C'est imprimé ! Récupère ton ticket.")
              : qsTr("Pas d'imprimante ici : scanne plutôt le QR code.")
        color: result.printStatus === "printed" ? Theme.success : Theme.error
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
        font.weight: Theme.semiBold
    }
}
