import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// Day / month / year wheels: no typing, and impossible dates get a kind message.
ColumnLayout {
    id: step
    objectName: "birthDateStep"
    spacing: Theme.gap4

    StepTitle {
        Layout.fillWidth: true
        step: 1
        question: qsTr("Quelle est ta date de naissance ?")
        hint: qsTr("Fais tourner les roues. La borne oublie ta réponse dès que tu as fini.")
    }

    DateWheels {
        id: wheels
        Layout.alignment: Qt.AlignHCenter
        firstYear: eligibility.pickerFirstYear
        lastYear: eligibility.pickerLastYear
    }

    ErrorMessage {
        Layout.fillWidth: true
        text: {
            switch (eligibility.error) {
            case "impossible_date": return qsTr("Cette date n'existe pas (ce mois-là n'a pas autant de jours). Vérifie le jour et le mois.")
            case "future_date": return qsTr("Cette date n'est pas encore arrivée ! Vérifie l'année de ta naissance.")
            default: return ""
            }
        }
    }

    KioskButton {
        objectName: "birthDateContinue"
        Layout.alignment: Qt.AlignRight
        text: qsTr("Continuer")
        onClicked: eligibility.submitBirthDate(wheels.day, wheels.month, wheels.year)
    }
}
