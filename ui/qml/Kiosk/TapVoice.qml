import QtQuick

// In read-aloud mode, says `spoken` (the control's accessible name) when it is touched.
// On press, not click: a click may destroy the control (a language button rebuilds its list)
// before a later handler runs. Connected in JavaScript, so it adds to the control's handlers.
QtObject {
    id: voice
    required property Item button
    required property string spoken
    function speak() {
        if (voice.button.down && preferences.readAloud)
            speech.say(voice.spoken)
    }
    // `pressed` is both a property and a signal of buttons; the property wins in QML.
    Component.onCompleted: button.downChanged.connect(voice.speak)
}
