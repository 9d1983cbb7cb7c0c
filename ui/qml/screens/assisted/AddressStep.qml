import QtQuick
import QtQuick.Layouts
import Kiosk

// Where the young person lives: postal code, then the commune (looked up when online,
// typed when not), then the street.
ColumnLayout {
    id: step
    objectName: "addressStep"
    spacing: Theme.gap4
    property string city: assisted.answers.city_typed || assisted.answers.city || ""
    StepTitle {
        Layout.fillWidth: true
        step: 5; steps: 7
        question: qsTr("Son adresse")
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap3
        KioskTextField {
            id: postal
            objectName: "postalField"
            Layout.fillWidth: true
            label: qsTr("Code postal")
            placeholderText: qsTr("Code postal")
            inputMethodHints: Qt.ImhDigitsOnly
            maximumLength: 5
            text: assisted.answers.postal_typed || ""
            onTextChanged: if (text.length === 5) assisted.lookUpPostalCode(text)
        }
        KioskButton {
            objectName: "lookUpCommunes"
            primary: false
            text: qsTr("Chercher la commune")
            onClicked: assisted.lookUpPostalCode(postal.text)
        }
    }
    ErrorMessage {
        Layout.fillWidth: true
        text: screen.errorText(assisted.errors.postal_code)
    }
    Flow {
        Layout.fillWidth: true
        visible: assisted.communes.length > 0
        spacing: Theme.gap2
        Repeater {
            model: assisted.communes
            delegate: FilterChip {
                required property string modelData
                objectName: "commune_" + modelData
                text: modelData
                selected: step.city === modelData
                onClicked: { step.city = modelData; cityField.text = modelData }
            }
        }
    }
    Text {
        Layout.fillWidth: true
        visible: assisted.lookup === "offline"
        text: qsTr("La borne n'a pas pu chercher la commune : écris-la.")
        wrapMode: Text.WordWrap
        color: Theme.subtleText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
    }
    KioskTextField {
        id: cityField
        objectName: "cityField"
        Layout.fillWidth: true
        label: qsTr("Commune")
        placeholderText: qsTr("Commune")
        text: step.city
        onTextChanged: step.city = text
    }
    ErrorMessage {
        Layout.fillWidth: true
        text: screen.errorText(assisted.errors.city)
    }
    KioskTextField {
        id: street
        objectName: "streetField"
        Layout.fillWidth: true
        label: qsTr("Numéro et rue")
        placeholderText: qsTr("Numéro et rue")
        text: assisted.answers.street_typed || ""
    }
    ErrorMessage {
        Layout.fillWidth: true
        text: screen.errorText(assisted.errors.address)
    }
    KioskButton {
        objectName: "addressContinue"
        Layout.alignment: Qt.AlignRight
        text: qsTr("Continuer")
        onClicked: assisted.submitAddress(postal.text, step.city, street.text)
    }
}
