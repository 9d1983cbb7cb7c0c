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
    Binding { target: Theme; property: "textScale"; value: preferences.textScale }
    Binding { target: Theme; property: "highContrast"; value: preferences.highContrast }
    Binding {
        target: Theme; property: "keyboardHeight"
        value: window.inputPanel && window.inputPanel.active ? window.inputPanel.height : 0
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

    // Staff mode: who is unlocked, "Espace personnel" and "Verrouiller", always in reach
    // (in low-reach mode, at the top of the lower half).
    StaffRibbon {
        id: staffRibbon
        visible: staff.unlocked
        anchors.top: reachSpacer.visible ? reachSpacer.bottom
                                         : (ribbon.visible ? ribbon.bottom : parent.top)
        width: parent.width
        z: 10
    }

    // Low-reach mode: the upper half only shows where things went; every control is below.
    Rectangle {
        id: reachSpacer
        objectName: "lowReachSpacer"
        visible: preferences.lowReach
        anchors.top: ribbon.visible ? ribbon.bottom : parent.top
        width: parent.width
        height: visible ? window.height / 2 - (ribbon.visible ? ribbon.height : 0) : 0
        color: Theme.primarySoft
        Column {
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            spacing: Theme.gap3
            Wordmark { anchors.horizontalCenter: parent.horizontalCenter; size: Theme.heading }
            Text {
                width: parent.width
                text: qsTr("Tout se passe en bas de l'écran")
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.subheading
                font.weight: Theme.bold
            }
        }
    }

    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors.top: staffRibbon.visible ? staffRibbon.bottom
                     : reachSpacer.visible ? reachSpacer.bottom
                     : (ribbon.visible ? ribbon.bottom : parent.top)
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        source: "screens/" + navigation.screen.charAt(0).toUpperCase()
                + navigation.screen.slice(1) + "Screen.qml"
        focus: true
        // Hidden (and its animations stopped) while the "closed" screen stands in for it.
        visible: !closedScreen.visible
    }

    // Outside opening hours the attract screen gives way to "closed" (a visit under way ends
    // first: the screen changes only once the kiosk is back to attract).
    ClosedScreen {
        id: closedScreen
        anchors.fill: screenLoader
        z: 15
        visible: openingHours.closed && navigation.screen === "attract"
    }

    // The on-screen keyboard is built just after the first frame (Python sets
    // keyboardWanted): it is a good part of the start-up, and nobody types before the
    // attract screen is up.
    property bool keyboardWanted: false
    readonly property var inputPanel: keyboardLoader.item
    Loader {
        id: keyboardLoader
        z: 20
        active: window.keyboardWanted
        sourceComponent: InputPanel {
            objectName: "inputPanel"
            // The layout in use (fr_FR AZERTY or en_GB), for the tests and the logs.
            readonly property string activeLocale: keyboard ? keyboard.locale : ""
            width: Math.min(window.width, Theme.px(1500))
            x: (window.width - width) / 2
            y: active ? window.height - height : window.height
            Behavior on y { NumberAnimation { duration: 150; easing.type: Easing.OutQuad } }
            // While it slides away (no field has focus any more) a tap on a key would go
            // nowhere (Qt warns); it is swallowed here, never passed to the screen below.
            MouseArea {
                anchors.fill: parent
                z: 100
                enabled: !parent.active
                Accessible.ignored: true
            }
        }
    }

    AccessibilityPanel {
        anchors.fill: parent
        z: 25
    }

    // Staff: a long press in the top-left corner opens the PIN pad. Not announced to
    // visitors (no accessible name on purpose); staff learn it with their PIN.
    MouseArea {
        objectName: "staffCorner"
        anchors.left: parent.left
        anchors.top: parent.top
        width: Theme.px(140); height: Theme.px(140)
        z: 26
        visible: !staff.unlocked && !staff.padOpen
        pressAndHoldInterval: 2500
        onPressAndHold: staff.openPad()
        Accessible.ignored: true
    }

    PinPad {
        anchors.fill: parent
        z: 27
    }

    CountdownOverlay {
        anchors.fill: parent
        z: 30
    }

    // When a visit ends, nothing opened by the visitor stays open for the next one.
    Connections {
        target: session
        function onActiveChanged() {
            if (!session.active)
                Overlays.accessibilityOpen = false
        }
    }
}
