import QtQuick
import QtQuick.Layouts
import Kiosk

// Brand on the left; reading aloud, accessibility, language and "Terminer" always in reach.
Rectangle {
    id: bar
    property bool showFinish: true
    implicitHeight: Theme.barHeight
    color: Theme.background

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.gap2
        Wordmark {
            Layout.alignment: Qt.AlignVCenter
            size: Theme.px(30)
        }
        Item { Layout.fillWidth: true }
        IconButton {
            objectName: "readScreenButton"
            iconName: "speaker"
            label: qsTr("Lire l'écran à voix haute")
            onClicked: speech.speakScreen()
        }
        IconButton {
            objectName: "accessibilityButton"
            iconName: "accessibility"
            label: qsTr("Accessibilité : taille du texte, contraste, écran plus bas")
            checked: Overlays.accessibilityOpen
            onClicked: Overlays.accessibilityOpen = !Overlays.accessibilityOpen
        }
        LanguageSwitch { Layout.alignment: Qt.AlignVCenter }
        KioskButton {
            objectName: "finishButton"
            visible: bar.showFinish
            primary: false
            text: qsTr("Terminer")
            font.pixelSize: Theme.chromeText
            Accessible.description: qsTr("Efface tout ce que tu as saisi et revient à l'accueil")
            onClicked: session.finish()
        }
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width; height: Theme.px(2)
        color: Theme.subtleBackground
    }
}
