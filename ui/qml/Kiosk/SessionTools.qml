import QtQuick
import QtQuick.Layouts
import Kiosk

// The controls every screen offers: read aloud, accessibility, language, "Terminer".
RowLayout {
    property bool showFinish: true
    spacing: Theme.gap2
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
        visible: parent.showFinish
        primary: false
        text: qsTr("Terminer")
        font.pixelSize: Theme.chromeText
        Accessible.description: qsTr("Efface tout ce que tu as saisi et revient à l'accueil")
        onClicked: session.finish()
    }
}
