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
    readonly property bool compactBars: preferences.lowReach && !Theme.portrait
    signal backRequested()
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        // Low reach in landscape: one bar at the bottom holds everything.
        TopBar { Layout.fillWidth: true; visible: !screen.compactBars }
        ScreenPage {
            id: page
            Layout.fillWidth: true
            Layout.fillHeight: true
            keyboardHeight: Theme.keyboardHeight
        }
        BottomNav {
            Layout.fillWidth: true
            showTools: screen.compactBars
            onBackClicked: screen.handlesBack ? screen.backRequested() : navigation.back()
        }
    }
}
