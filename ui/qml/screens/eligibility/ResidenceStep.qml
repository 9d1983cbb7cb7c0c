import QtQuick
import QtQuick.Layouts
import Kiosk

ColumnLayout {
    objectName: "residenceStep"
    spacing: Theme.gap6
    StepTitle {
        Layout.fillWidth: true
        step: 3
        question: qsTr("Tu vis en France depuis plus d'un an ?")
        hint: qsTr("C'est la condition pour les jeunes qui n'ont pas la nationalité française.")
    }
    GridLayout {
        Layout.fillWidth: true
        columns: Theme.portrait ? 1 : 2
        columnSpacing: Theme.gap4
        rowSpacing: Theme.gap4
        AnswerButton {
            objectName: "residenceYes"
            text: qsTr("Oui, plus d'un an")
            onClicked: eligibility.answerResidence(true)
        }
        AnswerButton {
            objectName: "residenceNo"
            text: qsTr("Non, moins d'un an")
            onClicked: eligibility.answerResidence(false)
        }
    }
}
