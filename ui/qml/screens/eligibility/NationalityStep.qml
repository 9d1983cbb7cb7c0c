import QtQuick
import QtQuick.Layouts
import Kiosk

ColumnLayout {
    objectName: "nationalityStep"
    spacing: Theme.gap6
    StepTitle {
        Layout.fillWidth: true
        step: 3
        question: qsTr("Quelle est ta nationalité ?")
        hint: qsTr("Le pass Culture est ouvert à toutes les nationalités.")
    }
    GridLayout {
        Layout.fillWidth: true
        columns: Theme.portrait ? 1 : 2
        columnSpacing: Theme.gap4
        rowSpacing: Theme.gap4
        AnswerButton {
            objectName: "nationalityFrench"
            text: qsTr("Française")
            onClicked: eligibility.chooseNationality(true)
        }
        AnswerButton {
            objectName: "nationalityOther"
            text: qsTr("Une autre nationalité")
            onClicked: eligibility.chooseNationality(false)
        }
    }
}
