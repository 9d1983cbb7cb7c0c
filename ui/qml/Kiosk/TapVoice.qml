import QtQuick

// In read-aloud mode, says `spoken` (the control's accessible name) when it is tapped.
// Connected in JavaScript, so it adds to the control's own onClicked instead of replacing it.
QtObject {
    id: voice
    required property Item button
    required property string spoken
    function speak() {
        if (preferences.readAloud)
            speech.say(voice.spoken)
    }
    Component.onCompleted: button.clicked.connect(voice.speak)
}
