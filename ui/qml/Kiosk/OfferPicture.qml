import QtQuick
import Kiosk

// An offer's picture from the disk cache, over a brand placeholder that shows while it
// loads and stays when the kiosk has no picture yet.
Rectangle {
    id: picture
    property string source
    property string category
    radius: Theme.radius
    color: Theme.primarySoft
    clip: true
    Accessible.ignored: true

    Icon {
        anchors.centerIn: parent
        width: Math.min(parent.width, parent.height) * 0.32; height: width
        name: "image"
        color: Theme.primary
        visible: image.status !== Image.Ready || image.implicitWidth <= 1
    }
    Image {
        id: image
        anchors.fill: parent
        source: picture.source
        sourceSize: Qt.size(picture.width, picture.height)
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
        cache: true
        visible: status === Image.Ready && implicitWidth > 1
    }
}
