import QtQuick
import QtQuick.Layouts
import Kiosk

// The staff area: the kiosk's state, the queue of pre-registrations, the day's counts, and
// the actions staff need (sync now, printer test, a new pre-registration).
InnerScreen {
    id: screen
    objectName: "staffScreen"
    Component.onCompleted: if (staff.unlocked) staffArea.refresh()

    Text {
        width: parent.width
        visible: !staff.unlocked
        text: qsTr("Cet espace est réservé au personnel de l'accueil.")
        wrapMode: Text.WordWrap
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.subheading
    }

    ColumnLayout {
        id: area
        width: parent.width
        visible: staff.unlocked
        spacing: Theme.gap4
        readonly property var facts: staffArea.facts

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap3
            Text {
                Layout.fillWidth: true
                text: qsTr("Espace personnel")
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.weight: Theme.bold
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            KioskButton {
                objectName: "startAssisted"
                text: qsTr("Nouvelle inscription")
                onClicked: { assisted.start(); navigation.go("assisted") }
            }
        }

        Section {
            title: qsTr("Synchronisation")
            Fact { label: qsTr("Dernière réussie"); value: area.facts.lastSyncText || qsTr("jamais") }
            Fact { label: qsTr("État"); value: sync.online ? qsTr("en ligne") : qsTr("hors ligne") }
            Fact { label: qsTr("Offres réservables"); value: String(area.facts.bookableOffers || 0) }
            Fact {
                label: qsTr("Écart d'horloge")
                value: area.facts.clockSkew === undefined || area.facts.clockSkew === null
                       ? qsTr("inconnu") : qsTr("%1 s").arg(Math.round(area.facts.clockSkew))
            }
            Flow {
                width: parent.width
                spacing: Theme.gap2
                KioskButton {
                    objectName: "syncNow"
                    primary: false
                    text: qsTr("Synchroniser maintenant")
                    onClicked: sync.syncNow()
                }
                KioskButton {
                    objectName: "printerTest"
                    primary: false
                    iconName: "printer"
                    text: qsTr("Tester l'imprimante")
                    onClicked: printerStatus.text = ticketPrinter.printTicket(
                        qsTr("Test d'impression"), [qsTr("Si tu lis ceci, l'imprimante fonctionne.")],
                        kiosk.appLink("/")) === "printed" ? qsTr("Ticket imprimé.") : qsTr("Aucune imprimante ne répond.")
                }
            }
            Text {
                id: printerStatus
                objectName: "printerStatus"
                visible: text !== ""
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
            }
        }

        Section {
            title: qsTr("Inscriptions à envoyer")
            Fact { label: qsTr("En attente"); value: String(area.facts.pending || 0) }
            Fact { label: qsTr("À revoir"); value: String(area.facts.needsStaff || 0) }
            Fact { label: qsTr("Envoyées aujourd'hui"); value: String(area.facts.sentToday || 0) }
            Text {
                width: parent.width
                visible: (area.facts.outboxProblem || "") !== ""
                text: qsTr("Problème : la file d'envoi est indisponible ou a été réparée. Préviens l'informatique.")
                wrapMode: Text.WordWrap
                color: Theme.error
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                font.weight: Theme.semiBold
            }
            Repeater {
                model: staffArea.queue
                delegate: RowLayout {
                    required property var modelData
                    width: parent.width
                    spacing: Theme.gap2
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("N° %1 · %2 · %3").arg(modelData.shortId).arg(modelData.createdText)
                              .arg(modelData.status === "needs_staff" ? qsTr("refusée") : qsTr("en attente"))
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.body
                    }
                    KioskButton {
                        objectName: "retry_" + modelData.shortId
                        visible: modelData.status === "needs_staff"
                        primary: false
                        text: qsTr("Réessayer")
                        onClicked: staffArea.retry(modelData.id)
                    }
                    KioskButton {
                        objectName: "cancel_" + modelData.shortId
                        primary: false
                        text: qsTr("Annuler")
                        onClicked: staffArea.cancel(modelData.id)
                    }
                }
            }
        }

        Section {
            title: qsTr("Aujourd'hui")
            Fact { label: qsTr("Éligibilités vérifiées"); value: String(staffArea.counts.eligibility_checks || 0) }
            Fact { label: qsTr("Inscriptions commencées"); value: String(staffArea.counts.preregistrations || 0) }
            Fact { label: qsTr("Offres consultées"); value: String(staffArea.counts.offers_viewed || 0) }
        }
    }

    component Section: Column {
        property string title
        Layout.fillWidth: true
        spacing: Theme.gap2
        Text {
            text: parent.title
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.heading
            font.weight: Theme.bold
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
    }
    component Fact: Text {
        property string label
        property string value
        width: parent ? parent.width : 0
        text: qsTr("%1 : %2").arg(label).arg(value)
        wrapMode: Text.WordWrap
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
    }
}
