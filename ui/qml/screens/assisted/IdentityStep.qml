import QtQuick
import QtQuick.Layouts
import Kiosk

// First and last names exactly as on the ID: the identity check compares them.
ColumnLayout {
    objectName: "identityStep"
    spacing: Theme.gap4
    StepTitle {
        Layout.fillWidth: true
        step: 4; steps: 7
        question: qsTr("Son prénom et son nom")
        hint: qsTr("Exactement comme sur sa pièce d'identité : la vérification d'identité les comparera.")
    }
    KioskTextField {
        id: first
        objectName: "firstNameField"
        Layout.fillWidth: true
        label: qsTr("Prénom")
        placeholderText: qsTr("Prénom")
        inputMethodHints: Qt.ImhNoPredictiveText
        text: assisted.answers.first_typed || ""
    }
    ErrorMessage {
        Layout.fillWidth: true
        text: screen.errorText(assisted.errors.first_name)
    }
    KioskTextField {
        id: last
        objectName: "lastNameField"
        Layout.fillWidth: true
        label: qsTr("Nom")
        placeholderText: qsTr("Nom de famille")
        inputMethodHints: Qt.ImhNoPredictiveText
        text: assisted.answers.last_typed || ""
    }
    ErrorMessage {
        Layout.fillWidth: true
        text: screen.errorText(assisted.errors.last_name)
    }
    KioskButton {
        objectName: "identityContinue"
        Layout.alignment: Qt.AlignRight
        text: qsTr("Continuer")
        onClicked: assisted.submitNames(first.text, last.text)
    }
}
