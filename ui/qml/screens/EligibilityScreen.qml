import QtQuick
import Kiosk

// "Suis-je éligible ?": one question per step, then the answer in plain words.
InnerScreen {
    id: screen
    objectName: "eligibilityScreen"
    handlesBack: true
    onBackRequested: if (!eligibility.back()) navigation.back()

    Loader {
        id: stepLoader
        objectName: "eligibilityStep"
        width: parent.width
        height: item ? item.implicitHeight : 0
        source: {
            switch (eligibility.step) {
            case "birthdate": return "eligibility/BirthDateStep.qml"
            case "postal": return "eligibility/PostalCodeStep.qml"
            case "nationality": return "eligibility/NationalityStep.qml"
            case "residence": return "eligibility/ResidenceStep.qml"
            default: return "eligibility/ResultStep.qml"
            }
        }
        onLoaded: screen.page.contentY = 0
    }
}
