import QtQuick
import QtQuick.Layouts
import Kiosk

// The QR code to continue on the phone, and a paper ticket with the same link.
ColumnLayout {
    id: handoff
    property string link
    property string ticketTitle
    property var ticketLines: []
    property string printStatus: ""
    spacing: Theme.gap2

    QrCode {
        objectName: "offerQrCode"
        Layout.alignment: Qt.AlignHCenter
        link: handoff.link
        implicitWidth: Theme.px(300)
    }
    Text {
        Layout.alignment: Qt.AlignHCenter
        Layout.maximumWidth: Theme.px(360)
        text: qsTr("Scanne pour réserver dans l'application pass Culture")
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        color: Theme.subtleText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.caption
        font.weight: Theme.semiBold
    }
    KioskButton {
        objectName: "printOfferButton"
        Layout.alignment: Qt.AlignHCenter
        primary: false
        iconName: "printer"
        text: qsTr("Imprimer")
        onClicked: handoff.printStatus = ticketPrinter.printTicket(
                       handoff.ticketTitle, handoff.ticketLines, handoff.link)
    }
    Text {
        objectName: "offerPrintStatus"
        Layout.alignment: Qt.AlignHCenter
        Layout.maximumWidth: Theme.px(360)
        visible: handoff.printStatus !== ""
        text: handoff.printStatus === "printed" ? qsTr("C'est imprimé ! Récupère ton ticket.")
              : handoff.printStatus === "no_printer" ? qsTr("Pas d'imprimante ici : scanne plutôt le QR code.")
              : qsTr("L'impression n'a pas marché : scanne plutôt le QR code.")
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        color: handoff.printStatus === "printed" ? Theme.success : Theme.error
        font.family: Theme.fontFamily
        font.pixelSize: Theme.caption
        font.weight: Theme.semiBold
    }
}
