import QtQuick

// In read-aloud mode, says the name of the control it is attached to when tapped.
Connections {
    required property Item control
    target: control
    function onClicked() {
        if (preferences.readAloud)
            speech.say(control.Accessible.name)
    }
}
