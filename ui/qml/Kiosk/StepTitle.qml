import QtQuick
import QtQuick.Layouts
import Kiosk

// "Étape 2 sur 3" above the question of a wizard step.
ColumnLayout {
    property int step: 1
    property int steps: 3
    property string question
    property string hint
    spacing: Theme.gap2
    Text {
        text: qsTr("Étape %1 sur %2").arg(step).arg(steps)
        color: Theme.primary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.caption
        font.weight: Theme.bold
        visible: steps > 0
    }
    Text {
        objectName: "stepQuestion"
        Layout.fillWidth: true
        text: question
        wrapMode: Text.WordWrap
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.title
        font.weight: Theme.bold
        Accessible.role: Accessible.Heading
        Accessible.name: text
    }
    Text {
        Layout.fillWidth: true
        visible: hint !== ""
        text: hint
        wrapMode: Text.WordWrap
        color: Theme.subtleText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
        font.weight: Theme.medium
    }
}
