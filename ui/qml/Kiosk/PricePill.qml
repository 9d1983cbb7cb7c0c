import QtQuick
import Kiosk

// "Gratuit" or the price, as a pill over a picture or beside a title.
Rectangle {
    property var offer: ({})
    readonly property string label: offer.free ? qsTr("Gratuit") : (offer.price || "")
    visible: label !== ""
    implicitWidth: priceText.implicitWidth + 2 * Theme.gap2
    implicitHeight: priceText.implicitHeight + Theme.gap1
    radius: height / 2
    color: offer.free ? Theme.success : Theme.primaryDeep
    Text {
        id: priceText
        anchors.centerIn: parent
        text: parent.label
        color: Theme.inkOnPrimary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.caption
        font.weight: Theme.bold
    }
}
