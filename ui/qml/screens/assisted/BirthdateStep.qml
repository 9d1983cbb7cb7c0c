import QtQuick
import QtQuick.Layouts
import Kiosk

// The birth date on wheels; it decides what the young person is entitled to.
ColumnLayout {
    objectName: "assistedBirthDateStep"
    spacing: Theme.gap4
    StepTitle {
        Layout.fillWidth: true
        step: 3; steps: 7
        question: qsTr("Sa date de naissance")
        hint: qsTr("Attention : elle ne pourra plus être changée ensuite.")
    }
    DateWheels {
        id: wheels
        Layout.alignment: Qt.AlignHCenter
        firstYear: assisted.firstYear
        lastYear: assisted.lastYear
    }
    ErrorMessage {
        Layout.fillWidth: true
        text: screen.errorText(assisted.errors.birth_date)
    }
    KioskButton {
        objectName: "birthDateContinue"
        Layout.alignment: Qt.AlignRight
        text: qsTr("Continuer")
        onClicked: assisted.submitBirthDate(wheels.day, wheels.month, wheels.year)
    }
}
