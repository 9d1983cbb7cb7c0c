import QtQuick
import QtQuick.Layouts
import Kiosk

// The frame of every screen after home: top bar, scrolling body, Retour/Accueil.
Rectangle {
    id: screen
    default property alias content: page.content
    property alias page: page
    // A screen with steps of its own sets this and answers backRequested.
    property bool handlesBack: false
    signal backRequested()
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TopBar { Layout.fillWidth: true }
        ScreenPage {
            id: page
            Layout.fillWidth: true
            Layout.fillHeight: true
            keyboardHeight: Theme.keyboardHeight
        }
        BottomNav {
            Layout.fillWidth: true
            onBackClicked: screen.handlesBack ? screen.backRequested() : navigation.back()
        }
    }
}
