import QtQuick
import QtQuick.Layouts
import Kiosk

// The young person's situation, and whether they want the pass Culture's news (off unless
// they say yes).
ColumnLayout {
    id: step
    objectName: "statusStep"
    spacing: Theme.gap4
    property string status: assisted.answers.status || ""
    StepTitle {
        Layout.fillWidth: true
        step: 6; steps: 7
        question: qsTr("Sa situation")
    }
    Flow {
        Layout.fillWidth: true
        spacing: Theme.gap2
        Repeater {
            model: assisted.statuses
            delegate: FilterChip {
                required property string modelData
                objectName: "status_" + modelData
                text: screen.statusLabel(modelData)
                selected: step.status === modelData
                onClicked: step.status = modelData
            }
        }
    }
    ErrorMessage {
        Layout.fillWidth: true
        text: screen.errorText(assisted.errors.status)
    }
    KioskToggle {
        id: marketing
        objectName: "marketingToggle"
        Layout.fillWidth: true
        text: qsTr("Recevoir les bons plans du pass Culture par e-mail")
        hint: qsTr("Facultatif. Désinscription possible à tout moment.")
        checked: assisted.answers.marketing === true
    }
    KioskButton {
        objectName: "statusContinue"
        Layout.alignment: Qt.AlignRight
        text: qsTr("Continuer")
        onClicked: assisted.submitStatus(step.status, marketing.checked)
    }
}
