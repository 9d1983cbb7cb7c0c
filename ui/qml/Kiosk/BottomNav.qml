import QtQuick
import QtQuick.Layouts
import Kiosk

// "Retour" and "Accueil" on every inner screen: never a dead end.
Rectangle {
    id: nav
    // In low-reach mode the top bar is hidden and its controls join this bar.
    property bool showTools: false
    signal backClicked()
    implicitHeight: Theme.barHeight
    color: Theme.background
    Rectangle { width: parent.width; height: Theme.px(2); color: Theme.subtleBackground }
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        KioskButton {
            objectName: "backButton"
            primary: false
            text: qsTr("Retour")
            iconName: "arrow-left"
            font.pixelSize: Theme.chromeText
            onClicked: nav.backClicked()
        }
        Item { Layout.fillWidth: true }
        SessionTools { visible: nav.showTools }
        Item { Layout.fillWidth: true; visible: nav.showTools }
        KioskButton {
            objectName: "homeButton"
            text: qsTr("Accueil")
            iconName: "home"
            font.pixelSize: Theme.chromeText
            onClicked: navigation.home()
        }
    }
}
