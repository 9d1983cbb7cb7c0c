import QtQuick
import QtQuick.Layouts
import Kiosk

// Everything once more, each part editable, before it is sent.
ColumnLayout {
    objectName: "reviewStep"
    spacing: Theme.gap3
    readonly property var answers: assisted.answers
    StepTitle {
        Layout.fillWidth: true
        step: 7; steps: 7
        question: qsTr("On vérifie ensemble")
        hint: qsTr("Relis avec la personne. Touche « Modifier » pour corriger une ligne.")
    }
    Repeater {
        model: [
            { step: "email", label: qsTr("E-mail"), value: answers.email || "" },
            { step: "birthdate", label: qsTr("Date de naissance"), value: answers.birthDate || "" },
            { step: "identity", label: qsTr("Prénom et nom"),
              value: (answers.first_name || "") + " " + (answers.last_name || "") },
            { step: "address", label: qsTr("Adresse"),
              value: [answers.address, (answers.postal_code || "") + " " + (answers.city || "")]
                     .filter(function (part) { return part && part.trim() }).join(", ") },
            { step: "status", label: qsTr("Situation"),
              value: screen.statusLabel(answers.status || "") + " · "
                     + (answers.marketing ? qsTr("Bons plans par e-mail : oui") : qsTr("Bons plans par e-mail : non")) }
        ]
        delegate: Rectangle {
            required property var modelData
            Layout.fillWidth: true
            implicitHeight: row.implicitHeight + 2 * Theme.gap2
            radius: Theme.radius
            color: Theme.subtleBackground
            RowLayout {
                id: row
                anchors.fill: parent
                anchors.margins: Theme.gap2
                anchors.leftMargin: Theme.gap3
                spacing: Theme.gap3
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: Theme.px(2)
                    Text {
                        text: modelData.label
                        color: Theme.subtleText
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.caption
                        font.weight: Theme.semiBold
                    }
                    Text {
                        objectName: "review_" + modelData.step
                        Layout.fillWidth: true
                        text: modelData.value
                        wrapMode: Text.WrapAnywhere
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.body
                        font.weight: Theme.bold
                    }
                }
                KioskButton {
                    objectName: "edit_" + modelData.step
                    primary: false
                    text: qsTr("Modifier")
                    onClicked: assisted.edit(modelData.step)
                }
            }
        }
    }
    Text {
        Layout.fillWidth: true
        text: qsTr("Aucun mot de passe ici : la personne le choisira sur son téléphone.")
        wrapMode: Text.WordWrap
        color: Theme.subtleText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
    }
    KioskButton {
        objectName: "sendButton"
        Layout.alignment: Qt.AlignRight
        text: assisted.sending ? qsTr("Envoi…") : qsTr("Envoyer")
        enabled: !assisted.sending
        onClicked: assisted.send()
    }
}
