import QtQuick
import Kiosk

// Impossible to miss: in training mode nothing leaves the kiosk.
Rectangle {
    objectName: "trainingRibbon"
    implicitHeight: Theme.px(48)
    color: Theme.primaryDeep
    Accessible.role: Accessible.StaticText
    Accessible.name: label.text
    Text {
        id: label
        anchors.centerIn: parent
        text: qsTr("MODE FORMATION · démonstration, aucune donnée n'est envoyée")
        color: Theme.inkOnPrimary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.px(22)
        font.weight: Theme.bold
        font.letterSpacing: Theme.px(1)
    }
}
