import QtQuick
import QtQuick.Layouts
import Kiosk

// Postal code on a digit pad; optional ("je ne sais pas").
GridLayout {
    id: step
    objectName: "postalCodeStep"
    property string code: eligibility.postalCode
    columns: Theme.portrait ? 1 : 2
    columnSpacing: Theme.gap8
    rowSpacing: Theme.gap4

    ColumnLayout {
        Layout.fillWidth: true
        Layout.alignment: Qt.AlignTop
        spacing: Theme.gap4
        StepTitle {
            Layout.fillWidth: true
            step: 2
            question: qsTr("Quel est ton code postal ?")
            hint: qsTr("Il sert à compter ton âge à la bonne heure, en outre-mer aussi. Tu peux passer cette question.")
        }
        Row {
            objectName: "postalCodeBoxes"
            spacing: Theme.gap2
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Code postal saisi : %1").arg(step.code)
            Repeater {
                model: 5
                Rectangle {
                    required property int index
                    width: Theme.px(96); height: Theme.px(120)
                    radius: Theme.radius
                    color: Theme.background
                    border.width: index === step.code.length ? Theme.px(4) : Theme.px(2)
                    border.color: index === step.code.length ? Theme.primary : Theme.border
                    Text {
                        anchors.centerIn: parent
                        text: step.code.charAt(index)
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.title
                        font.weight: Theme.bold
                    }
                }
            }
        }
        ErrorMessage {
            Layout.fillWidth: true
            text: eligibility.error === "postal_code"
                  ? qsTr("Un code postal a 5 chiffres, par exemple 75011. Complète-le, ou touche « Je ne sais pas ».")
                  : ""
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap3
            KioskButton {
                objectName: "postalCodeSkip"
                primary: false
                text: qsTr("Je ne sais pas")
                onClicked: eligibility.skipPostalCode()
            }
            KioskButton {
                objectName: "postalCodeContinue"
                text: qsTr("Continuer")
                onClicked: eligibility.submitPostalCode(step.code)
            }
        }
    }

    DigitPad {
        objectName: "postalCodePad"
        Layout.alignment: Theme.portrait ? Qt.AlignHCenter : (Qt.AlignRight | Qt.AlignTop)
        onDigit: (value) => { if (step.code.length < 5) step.code += value }
        onErase: step.code = step.code.slice(0, -1)
    }
}
