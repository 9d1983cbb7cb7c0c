import QtQuick
import QtQuick.Layouts
import Kiosk

// The e-mail, where the link to finish arrives; a likely typo is pointed out, not fixed.
ColumnLayout {
    objectName: "emailStep"
    spacing: Theme.gap4
    StepTitle {
        Layout.fillWidth: true
        step: 2; steps: 7
        question: qsTr("Son adresse e-mail")
        hint: qsTr("C'est là qu'arrivera le lien pour finir l'inscription. Elle sera vérifiée.")
    }
    KioskTextField {
        id: field
        objectName: "emailField"
        Layout.fillWidth: true
        label: qsTr("Adresse e-mail")
        placeholderText: qsTr("prenom.nom@exemple.fr")
        inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
        text: assisted.answers.email_typed || ""
        onAccepted: assisted.submitEmail(text)
    }
    ErrorMessage {
        Layout.fillWidth: true
        text: screen.errorText(assisted.errors.email)
    }
    Rectangle {
        Layout.fillWidth: true
        visible: assisted.suggestion !== ""
        implicitHeight: suggestionRow.implicitHeight + 2 * Theme.gap3
        radius: Theme.radius
        color: Theme.primarySoft
        RowLayout {
            id: suggestionRow
            anchors.fill: parent
            anchors.margins: Theme.gap3
            spacing: Theme.gap3
            Text {
                Layout.fillWidth: true
                text: qsTr("Tu voulais dire %1 ?").arg(assisted.suggestion)
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                font.weight: Theme.semiBold
            }
            KioskButton {
                objectName: "useSuggestion"
                text: qsTr("Oui, corriger")
                onClicked: assisted.useSuggestion()
            }
        }
    }
    KioskButton {
        objectName: "emailContinue"
        Layout.alignment: Qt.AlignRight
        text: assisted.suggestion !== "" ? qsTr("Non, garder") : qsTr("Continuer")
        primary: assisted.suggestion === ""
        onClicked: assisted.submitEmail(field.text)
    }
}
