import QtQuick
import QtQuick.Layouts
import Kiosk

// "Tu es toujours là ?": shown after the idle delay; any touch keeps the visit going.
Rectangle {
    id: overlay
    objectName: "countdownOverlay"
    visible: session.countdownActive
    color: Theme.scrim
    Accessible.role: Accessible.AlertMessage
    Accessible.name: question.text

    // Swallow taps outside the card: the session's event filter already noted them.
    MouseArea { objectName: "scrim"; anchors.fill: parent; Accessible.ignored: true }

    Rectangle {
        id: card
        // Centred, or at the bottom in low-reach mode so the buttons stay within reach.
        anchors.horizontalCenter: parent.horizontalCenter
        y: preferences.lowReach ? parent.height - height - Theme.margin
                                : (parent.height - height) / 2
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(1000))
        height: column.implicitHeight + 2 * Theme.gap8
        radius: Theme.radiusLarge
        color: Theme.background

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.gap8
            spacing: Theme.gap4

            Text {
                id: question
                Layout.fillWidth: true
                text: qsTr("Tu es toujours là ?")
                horizontalAlignment: Text.AlignHCenter
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.weight: Theme.bold
            }
            Rectangle {
                Layout.alignment: Qt.AlignHCenter
                width: Theme.px(200); height: width
                radius: width / 2
                color: Theme.primarySoft
                border.width: Theme.px(8)
                border.color: Theme.primary
                Text {
                    objectName: "countdownSeconds"
                    anchors.centerIn: parent
                    text: session.secondsLeft
                    color: Theme.primary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.px(96)
                    font.weight: Theme.bold
                    Accessible.name: qsTr("%n seconde(s)", "", session.secondsLeft)
                }
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("Sans réponse, la borne efface tout ce que tu as saisi pour protéger tes informations.")
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                color: Theme.subtleText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                font.weight: Theme.medium
            }
            GridLayout {
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: Theme.gap2
                columns: Theme.portrait ? 1 : 2
                columnSpacing: Theme.gap3
                rowSpacing: Theme.gap3
                KioskButton {
                    objectName: "stayButton"
                    Layout.fillWidth: Theme.portrait
                    text: qsTr("Oui, je continue")
                    onClicked: session.note_activity()
                }
                KioskButton {
                    objectName: "countdownFinishButton"
                    Layout.fillWidth: Theme.portrait
                    primary: false
                    text: qsTr("Terminer")
                    onClicked: session.finish()
                }
            }
        }
    }
}
