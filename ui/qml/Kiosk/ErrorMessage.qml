import QtQuick
import QtQuick.Layouts
import Kiosk

// A refused answer: what is wrong and what to do, never only in red.
Rectangle {
    property alias text: label.text
    objectName: "errorMessage"
    visible: text !== ""
    implicitHeight: visible ? label.implicitHeight + 2 * Theme.gap3 : 0
    radius: Theme.radius
    color: Theme.errorBackground
    border.width: Theme.px(2)
    border.color: Theme.error
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text
    Text {
        id: label
        anchors.fill: parent
        anchors.margins: Theme.gap3
        wrapMode: Text.WordWrap
        color: Theme.error
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
        font.weight: Theme.semiBold
    }
}
