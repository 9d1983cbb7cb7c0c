import QtQuick
import QtQuick.Layouts
import Kiosk

// The controls every screen offers: read aloud, accessibility, language, "Terminer".
RowLayout {
    property bool showFinish: true
    spacing: Theme.gap2
    // Unobtrusive: visitors can go on (everything works from the local catalog); staff and
    // IT see at a glance that the kiosk lost touch with the central service.
    Rectangle {
        objectName: "offlineIndicator"
        visible: !sync.online
        Layout.alignment: Qt.AlignVCenter
        implicitWidth: offlineRow.implicitWidth + 2 * Theme.gap2
        implicitHeight: Theme.px(48)
        radius: height / 2
        color: Theme.subtleBackground
        Accessible.role: Accessible.StaticText
        Accessible.name: offlineLabel.text
        Row {
            id: offlineRow
            anchors.centerIn: parent
            spacing: Theme.gap1
            Rectangle {
                width: Theme.px(12); height: width; radius: width / 2
                anchors.verticalCenter: parent.verticalCenter
                color: Theme.subtleText
            }
            Text {
                id: offlineLabel
                text: qsTr("Hors ligne")
                color: Theme.subtleText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.px(20)
                font.weight: Theme.semiBold
            }
        }
    }
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
