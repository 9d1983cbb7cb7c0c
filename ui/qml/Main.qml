import QtQuick
import QtQuick.Window
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk

// The kiosk window: one screen at a time, the countdown overlay, the on-screen keyboard.
Window {
    id: window
    objectName: "kioskWindow"
    width: kiosk.initialWidth
    height: kiosk.initialHeight
    visible: true
    visibility: kiosk.windowed ? Window.Windowed : Window.FullScreen
    flags: kiosk.windowed ? Qt.Window : (Qt.Window | Qt.FramelessWindowHint)
    title: "pass Culture"
    color: Theme.background

    onWidthChanged: Theme.scale = Math.min(width, height) / 1080
    onHeightChanged: Theme.scale = Math.min(width, height) / 1080
    Component.onCompleted: {
        Theme.scale = Math.min(width, height) / 1080
        VirtualKeyboardSettings.activeLocales = ["fr_FR", "en_GB"]
    }

    // Alt+F4 and the window manager's close button do nothing on a public kiosk.
    onClosing: (close) => { close.accepted = kiosk.canClose }

    Binding { target: Theme; property: "portrait"; value: window.height > window.width }
    Binding {
        target: Theme; property: "keyboardHeight"
        value: inputPanel.active ? inputPanel.height : 0
    }
    Binding {
        target: VirtualKeyboardSettings; property: "locale"
        value: preferences.language === "en" ? "en_GB" : "fr_FR"
    }

    TrainingRibbon {
        id: ribbon
        visible: kiosk.trainingMode
        anchors.top: parent.top
        width: parent.width
        z: 10
    }

    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors.top: ribbon.visible ? ribbon.bottom : parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        source: "screens/" + navigation.screen.charAt(0).toUpperCase()
                + navigation.screen.slice(1) + "Screen.qml"
        focus: true
    }

    InputPanel {
        id: inputPanel
        objectName: "inputPanel"
        // The layout in use (fr_FR AZERTY or en_GB), for the tests and the logs.
        readonly property string activeLocale: keyboard ? keyboard.locale : ""
        z: 20
        width: Math.min(window.width, Theme.px(1500))
        anchors.horizontalCenter: parent.horizontalCenter
        y: active ? window.height - height : window.height
        Behavior on y { NumberAnimation { duration: 150; easing.type: Easing.OutQuad } }
    }

    CountdownOverlay {
        anchors.fill: parent
        z: 30
    }
}
