import QtQuick
import Kiosk

// "M'inscrire avec un·e conseiller·e". Locked: who to ask. Unlocked by staff: the assisted
// pre-registration, one question per step, then a QR code to finish on the phone.
InnerScreen {
    id: screen
    objectName: "assistedScreen"
    handlesBack: staff.unlocked
    onBackRequested: if (!assisted.back()) navigation.back()

    ComingSoon {
        width: parent.width
        visible: !staff.unlocked
        title: qsTr("M'inscrire avec un·e conseiller·e")
        body: qsTr("Adresse-toi à l'accueil : un·e conseiller·e va t'aider à commencer ton inscription. Tu peux aussi la commencer seul·e sur ton téléphone.")
        link: kiosk.appLink("/creation-compte")
    }

    Loader {
        id: stepLoader
        objectName: "assistedStep"
        width: parent.width
        height: item ? item.implicitHeight : 0
        active: staff.unlocked
        source: active ? "assisted/" + assisted.step.charAt(0).toUpperCase()
                         + assisted.step.slice(1) + "Step.qml" : ""
        onLoaded: screen.page.contentY = 0
    }

    // Each error code of kiosk.domain.registration, in words: what is wrong, what to do.
    function errorText(code) {
        switch (code) {
        case "": case undefined: return ""
        case "email_empty": return qsTr("Écris l'adresse e-mail de la personne.")
        case "email_not_ascii": return qsTr("Une adresse e-mail n'a ni accent ni caractère spécial : vérifie-la.")
        case "email_has_space": return qsTr("Une adresse e-mail n'a pas d'espace : vérifie-la.")
        case "email_too_long": return qsTr("Cette adresse est trop longue (120 caractères au plus).")
        case "email_invalid": return qsTr("Cette adresse ne semble pas complète, par exemple prenom.nom@gmail.com.")
        case "name_empty": return qsTr("Écris le nom comme sur la pièce d'identité.")
        case "name_digits": return qsTr("Un nom ne contient pas de chiffre.")
        case "name_not_latin": return qsTr("Écris le nom en lettres latines, comme sur la pièce d'identité française ou le titre de séjour.")
        case "name_invalid_char": return qsTr("Seuls les lettres, espaces, tirets et apostrophes sont acceptés.")
        case "name_edge_punctuation": return qsTr("Un nom ne commence ni ne finit par un tiret ou une apostrophe.")
        case "name_doubled_separator": return qsTr("Un seul tiret, espace ou apostrophe entre deux parties du nom.")
        case "name_too_long": return qsTr("Ce nom est trop long (100 caractères au plus).")
        case "postal_empty": return qsTr("Écris le code postal du domicile.")
        case "postal_invalid": return qsTr("Un code postal a 5 chiffres, par exemple 69100.")
        case "postal_ineligible": return qsTr("Ce territoire n'est pas couvert par le pass Culture.")
        case "city_empty": return qsTr("Choisis ou écris la commune.")
        case "city_invalid_char": case "address_invalid_char": return qsTr("Ce texte contient des caractères non acceptés.")
        case "city_too_long": return qsTr("Ce nom de commune est trop long.")
        case "address_too_long": return qsTr("Cette adresse est trop longue (200 caractères au plus).")
        case "impossible_date": return qsTr("Cette date n'existe pas. Vérifie le jour et le mois.")
        case "birth_date_future": case "birth_date_out_of_range": return qsTr("Vérifie l'année de naissance.")
        case "birth_too_young": case "birth_below_account_minimum_age": return qsTr("La personne est trop jeune pour s'inscrire aujourd'hui.")
        case "birth_too_old": return qsTr("La personne a passé l'âge du pass Culture.")
        case "birth_started_before_19_maybe": return qsTr("À cet âge, l'inscription se termine dans l'application si elle a été commencée avant 19 ans.")
        case "status_missing": return qsTr("Choisis la situation de la personne.")
        default: return qsTr("Cette réponse n'est pas acceptée : vérifie-la.")
        }
    }

    // The words of each status (activityId) the central API knows.
    function statusLabel(id) {
        switch (id) {
        case "MIDDLE_SCHOOL_STUDENT": return qsTr("Collégien·ne")
        case "HIGH_SCHOOL_STUDENT": return qsTr("Lycéen·ne")
        case "STUDENT": return qsTr("Étudiant·e")
        case "EMPLOYEE": return qsTr("Employé·e")
        case "APPRENTICE": return qsTr("Apprenti·e")
        case "APPRENTICE_STUDENT": return qsTr("Alternant·e")
        case "VOLUNTEER": return qsTr("Volontaire")
        case "INACTIVE": return qsTr("Inactif·ve")
        case "UNEMPLOYED": return qsTr("Demandeur·se d'emploi")
        default: return id
        }
    }
}
