import QtQuick
import Kiosk

// A QR code drawn by the Python provider at exactly this item's pixel size.
Rectangle {
    id: root
    property string link: ""
    property string caption: ""
    implicitWidth: Theme.px(320)
    implicitHeight: implicitWidth
    radius: Theme.radius
    color: "white"  // always dark on light: phone cameras expect it
    border.color: Theme.borderLight
    border.width: Theme.px(2)
    Accessible.role: Accessible.Graphic
    Accessible.name: caption !== "" ? caption : qsTr("QR code à scanner avec ton téléphone")
    Image {
        anchors.fill: parent
        anchors.margins: Theme.px(12)
        source: root.link !== "" ? "image://qr/" + encodeURIComponent(root.link) : ""
        sourceSize: Qt.size(width, height)
        smooth: false
        cache: false
    }
}
