import QtQuick
import QtQuick.Layouts
import Kiosk

// The answer, one case per kind of visitor, in plain words with amounts and dates.
GridLayout {
    id: result
    objectName: "resultStep"
    columns: Theme.portrait ? 1 : 2
    columnSpacing: Theme.gap8
    rowSpacing: Theme.gap6

    readonly property var facts: eligibility.facts
    // Rebuilt when the kind, the facts or the language change (facts follow the language).
    readonly property var content: describe(eligibility.kind, facts, preferences.language)
    property string printStatus: ""

    function upcomingLine(credit) {
        return qsTr("%1 à tes %2 ans, le %3.").arg(credit.amount).arg(credit.age).arg(credit.date)
    }

    function creditLine(f) {
        return qsTr("Ton crédit sera valable jusqu'au %1, la veille de tes 21 ans.").arg(f.creditUntil)
    }

    function bonusText(f) {
        return qsTr("Bonus de %1 en plus à 18 ans si le quotient familial de ta famille est de %2 ou moins, ou si tu touches l'AAH ou l'AEEH. Tu le demandes dans l'application.")
            .arg(f.bonusAmount).arg(f.bonusThreshold)
    }

    function describe(kind, f, language) {
        switch (kind) {
        case "eligible_18": return {
            headline: qsTr("Bonne nouvelle : tu as droit au pass Culture !"),
            amount: f.amountNow,
            amountCaption: qsTr("à dépenser en culture"),
            lines: [qsTr("Inscris-toi au plus tard le %1.").arg(f.registerUntil), creditLine(f)],
            bonus: f.bonusNow ? bonusText(f) : "",
            action: qsTr("Crée ton compte sur ton téléphone")
        }
        case "eligible_17": return {
            headline: qsTr("Bonne nouvelle : tu as droit au pass Culture !"),
            amount: f.amountNow,
            amountCaption: qsTr("dès maintenant"),
            lines: [qsTr("Et ce n'est pas fini :")].concat(f.upcoming.map(upcomingLine))
                   .concat([qsTr("Inscris-toi au plus tard le %1.").arg(f.registerUntil),
                            creditLine(f)]),
            bonus: f.bonusLater !== "" ? bonusText(f) : "",
            action: qsTr("Crée ton compte sur ton téléphone")
        }
        case "free_15_16": return {
            headline: qsTr("Tu peux déjà profiter des offres gratuites !"),
            amount: "",
            amountCaption: "",
            lines: [qsTr("Crée ton compte pour réserver des sorties, ateliers et spectacles gratuits.")]
                   .concat(f.upcoming.length > 0 ? [qsTr("Ensuite, ton crédit arrive :")] : [])
                   .concat(f.upcoming.map(upcomingLine)),
            bonus: "",
            action: qsTr("Crée ton compte sur ton téléphone")
        }
        case "eligible_before_reform": return {
            headline: qsTr("Bonne nouvelle : tu as droit au pass Culture !"),
            amount: f.amountNow,
            amountCaption: qsTr("à dépenser en culture"),
            lines: [creditLine(f)],
            bonus: "",
            action: qsTr("Crée ton compte sur ton téléphone")
        }
        case "too_young": return {
            headline: qsTr("C'est encore un peu tôt"),
            amount: "",
            amountCaption: "",
            lines: [qsTr("Reviens à partir du %1 (tes %2 ans) : tu pourras créer ton compte.")
                    .arg(f.opensOn).arg(f.opensAtAge)]
                   .concat(f.upcoming.length > 0 ? [qsTr("Ce qui t'attend :")] : [])
                   .concat(f.upcoming.map(upcomingLine)),
            bonus: "",
            action: ""
        }
        case "too_late": return {
            headline: qsTr("Le pass Culture se demande avant 19 ans"),
            amount: "",
            amountCaption: "",
            lines: [qsTr("Tu as commencé ton inscription avant tes 19 ans ? Termine-la dans l'application : scanne le QR code."),
                    qsTr("Sinon, l'équipe de la médiathèque peut te proposer d'autres bons plans.")],
            bonus: "",
            action: qsTr("Termine ton inscription sur ton téléphone")
        }
        case "too_old": return {
            headline: qsTr("Le pass Culture est réservé aux 15-18 ans"),
            amount: "",
            amountCaption: "",
            lines: [qsTr("Tu ne peux plus en profiter, mais la médiathèque a plein d'autres choses à te proposer : demande à l'accueil !")],
            bonus: "",
            action: ""
        }
        case "ineligible_area": return {
            headline: qsTr("Le pass Culture n'est pas encore ouvert dans ta commune"),
            amount: "",
            amountCaption: "",
            lines: [qsTr("Il n'est pas disponible dans la Province Nord de Nouvelle-Calédonie ni dans les îles Loyauté. Vérifie ton code postal ou demande à l'accueil.")],
            bonus: "",
            action: ""
        }
        case "not_resident": return {
            headline: qsTr("Il faut vivre en France depuis plus d'un an"),
            amount: "",
            amountCaption: "",
            lines: [qsTr("Le pass Culture est ouvert aux jeunes de nationalité française, et aux autres quand ils vivent en France depuis plus d'un an. Reviens quand ce sera ton cas !")],
            bonus: "",
            action: ""
        }
        default: return { headline: "", amount: "", amountCaption: "", lines: [], bonus: "", action: "" }
        }
    }

    ColumnLayout {
        Layout.fillWidth: true
        Layout.alignment: Qt.AlignTop
        spacing: Theme.gap4

        Text {
            objectName: "resultHeadline"
            Layout.fillWidth: true
            text: result.content.headline
            wrapMode: Text.WordWrap
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.title
            font.weight: Theme.bold
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        RowLayout {
            visible: result.content.amount !== ""
            spacing: Theme.gap3
            Text {
                objectName: "resultAmount"
                text: result.content.amount
                color: Theme.primary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.px(120)
                font.weight: Theme.bold
            }
            Text {
                Layout.alignment: Qt.AlignBottom
                Layout.bottomMargin: Theme.gap3
                text: result.content.amountCaption
                color: Theme.subtleText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.subheading
                font.weight: Theme.semiBold
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.gap2
            Repeater {
                model: result.content.lines
                delegate: Text {
                    required property string modelData
                    Layout.fillWidth: true
                    text: modelData
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.subheading
                    font.weight: Theme.medium
                    lineHeight: 1.15
                }
            }
        }
        Rectangle {
            objectName: "resultBonus"
            visible: result.content.bonus !== ""
            Layout.fillWidth: true
            implicitHeight: bonus.implicitHeight + 2 * Theme.gap4
            radius: Theme.radius
            color: Theme.primarySoft
            Rectangle { width: Theme.px(8); height: parent.height; radius: Theme.px(4); color: Theme.primary }
            Text {
                id: bonus
                anchors.fill: parent
                anchors.margins: Theme.gap4
                anchors.leftMargin: Theme.gap6
                text: result.content.bonus
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                font.weight: Theme.medium
            }
        }
        Flow {
            Layout.fillWidth: true
            Layout.topMargin: Theme.gap2
            spacing: Theme.gap3
            KioskButton {
                objectName: "restartButton"
                primary: false
                text: qsTr("Refaire le test")
                onClicked: eligibility.restart()
            }
            KioskButton {
                // Nothing to do in the app yet: the médiathèque still has things to offer.
                objectName: "resultOffersButton"
                visible: eligibility.link === ""
                text: qsTr("Voir les sorties près d'ici")
                onClicked: navigation.go("offers")
            }
        }
    }

    ColumnLayout {
        visible: eligibility.link !== ""
        Layout.alignment: Theme.portrait ? Qt.AlignHCenter : Qt.AlignTop
        spacing: Theme.gap3
        Text {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: Theme.px(420)
            text: result.content.action
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.weight: Theme.bold
        }
        QrCode {
            objectName: "resultQrCode"
            Layout.alignment: Qt.AlignHCenter
            link: eligibility.link
            implicitWidth: Theme.px(360)
        }
        Text {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: Theme.px(420)
            text: qsTr("Scanne avec l'appareil photo de ton téléphone")
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: Theme.subtleText
            font.family: Theme.fontFamily
            font.pixelSize: Theme.caption
            font.weight: Theme.semiBold
        }
        KioskButton {
            objectName: "printButton"
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Imprimer")
            onClicked: result.printStatus = ticketPrinter.printTicket(
                result.content.headline,
                [result.content.amount + " " + result.content.amountCaption]
                    .filter(function(line) { return line.trim() !== "" })
                    .concat(result.content.lines)
                    .concat(result.content.bonus !== "" ? [result.content.bonus] : []),
                eligibility.link)
        }
        Text {
            objectName: "printStatus"
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: Theme.px(420)
            visible: text !== ""
            text: {
                switch (result.printStatus) {
                case "printed": return qsTr("C'est imprimé ! Récupère ton ticket.")
                case "no_printer": return qsTr("Pas d'imprimante ici : scanne plutôt le QR code.")
                case "failed": return qsTr("L'impression n'a pas marché : scanne plutôt le QR code.")
                default: return ""
                }
            }
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: result.printStatus === "printed" ? Theme.success : Theme.error
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.weight: Theme.semiBold
        }
    }
}
