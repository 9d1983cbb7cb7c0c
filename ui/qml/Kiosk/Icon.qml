import QtQuick
import Kiosk

// An SVG icon from resources/icons, painted in a theme colour by the Python provider.
Image {
    property string name
    property color color: Theme.primary
    source: name !== "" ? "image://icon/" + name + "/" + String(color).substring(1) : ""
    sourceSize: Qt.size(width, height)
    fillMode: Image.PreserveAspectFit
    Accessible.ignored: true
}
