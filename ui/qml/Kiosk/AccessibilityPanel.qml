import QtQuick
import QtQuick.Layouts
import Kiosk

// The accessibility options, as a sheet rising from the bottom (within reach of everyone).
Rectangle {
    id: overlay
    objectName: "accessibilityPanel"
    visible: Overlays.accessibilityOpen
    color: Theme.scrim

    MouseArea {   // a tap outside the sheet closes it
        objectName: "scrim"
        anchors.fill: parent
        onClicked: Overlays.accessibilityOpen = false
        Accessible.ignored: true
    }

    Rectangle {
        id: sheet
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Math.min(column.implicitHeight + 2 * Theme.gap6, overlay.height)
        color: Theme.background
        radius: Theme.radiusLarge
        // Taps on the sheet's background stay in the sheet.
        MouseArea { objectName: "scrim"; anchors.fill: parent; Accessible.ignored: true }

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.gap6
            spacing: Theme.gap3

            RowLayout {
                Layout.fillWidth: true
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Accessibilité")
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.heading
                    font.weight: Theme.bold
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                IconButton {
                    objectName: "accessibilityClose"
                    iconName: "close"
                    label: qsTr("Fermer")
                    onClicked: Overlays.accessibilityOpen = false
                }
            }

            GridLayout {
                Layout.fillWidth: true
                columns: Theme.portrait ? 1 : 2
                columnSpacing: Theme.gap3
                rowSpacing: Theme.gap3

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap1
                    Text {
                        text: qsTr("Taille du texte")
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.body
                        font.weight: Theme.bold
                    }
                    Row {
                        spacing: Theme.gap2
                        Repeater {
                            model: [qsTr("Normal"), qsTr("Grand"), qsTr("Très grand")]
                            delegate: KioskButton {
                                required property int index
                                required property string modelData
                                objectName: "textSize" + index
                                text: modelData
                                primary: preferences.textSize === index
                                font.pixelSize: Theme.chromeText
                                Accessible.checked: preferences.textSize === index
                                onClicked: preferences.setTextSize(index)
                            }
                        }
                    }
                }
                KioskToggle {
                    objectName: "highContrastToggle"
                    Layout.fillWidth: true
                    text: qsTr("Contraste élevé")
                    hint: qsTr("Texte clair sur fond noir")
                    checked: preferences.highContrast
                    onToggled: preferences.setHighContrast(checked)
                }
                KioskToggle {
                    objectName: "lowReachToggle"
                    Layout.fillWidth: true
                    text: qsTr("Tout en bas de l'écran")
                    hint: qsTr("Pour toucher sans lever le bras : fauteuil, enfants")
                    checked: preferences.lowReach
                    onToggled: preferences.setLowReach(checked)
                }
                KioskToggle {
                    objectName: "readAloudToggle"
                    Layout.fillWidth: true
                    text: qsTr("Lecture à voix haute")
                    hint: speech.available ? qsTr("La borne lit chaque bouton que tu touches")
                                           : qsTr("Pas de voix disponible sur cette borne")
                    enabled: speech.available
                    checked: preferences.readAloud
                    onToggled: preferences.setReadAloud(checked)
                }
            }
        }
    }
}
