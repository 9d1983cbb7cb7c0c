import QtQuick
import QtQuick.Layouts
import Kiosk

// The staff PIN pad, over everything. Digits show as dots and are never spoken aloud; the
// pad is built when it opens and destroyed when it closes, so the PIN typed so far lives
// nowhere else and never outlives the pad.
Loader {
    id: loader
    active: staff.padOpen
    visible: active
    sourceComponent: Rectangle {
        id: overlay
        objectName: "pinPad"
        color: Theme.scrim
        property string pin: ""
        readonly property bool locked: staff.error === "locked"
        MouseArea {   // nothing under the pad can be touched while it is open
            objectName: "pinPadScrim"
            anchors.fill: parent
            Accessible.ignored: true
        }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.margin, Theme.px(720))
            height: content.implicitHeight + 2 * Theme.gap6
            radius: Theme.radiusLarge
            color: Theme.background
            ColumnLayout {
                id: content
                anchors.fill: parent
                anchors.margins: Theme.gap6
                spacing: Theme.gap3
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Espace personnel")
                    horizontalAlignment: Text.AlignHCenter
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.heading
                    font.weight: Theme.bold
                }
                Text {
                    objectName: "pinDots"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.px(64)
                    text: overlay.pin.length > 0 ? "●".repeat(overlay.pin.length)
                                                 : qsTr("Code personnel")
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    color: overlay.pin.length > 0 ? Theme.text : Theme.subtleText
                    font.family: Theme.fontFamily
                    font.pixelSize: overlay.pin.length > 0 ? Theme.heading : Theme.body
                    font.letterSpacing: overlay.pin.length > 0 ? Theme.px(6) : 0
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("%n chiffre(s) saisi(s)", "", overlay.pin.length)
                }
                Text {
                    objectName: "pinError"
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: {
                        switch (staff.error) {
                        case "wrong": return qsTr("Code incorrect. Réessaie.")
                        case "locked": return qsTr("Trop d'essais : le clavier est bloqué %n minute(s).", "", staff.lockMinutes)
                        case "unavailable": return qsTr("L'espace personnel est indisponible sur cette borne.")
                        default: return ""
                        }
                    }
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                    color: Theme.error
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    font.weight: Theme.semiBold
                }
                DigitPad {
                    Layout.alignment: Qt.AlignHCenter
                    enabled: !overlay.locked && !staff.checking
                    onDigit: (value) => { if (overlay.pin.length < 12) overlay.pin += value }
                    onErase: overlay.pin = overlay.pin.slice(0, -1)
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap3
                    KioskButton {
                        objectName: "pinCancel"
                        Layout.fillWidth: true
                        primary: false
                        text: qsTr("Annuler")
                        onClicked: { overlay.pin = ""; staff.closePad() }
                    }
                    KioskButton {
                        objectName: "pinSubmit"
                        Layout.fillWidth: true
                        text: qsTr("Valider")
                        enabled: overlay.pin.length >= 6 && !overlay.locked && !staff.checking
                        onClicked: { staff.submitPin(overlay.pin); overlay.pin = "" }
                    }
                }
            }
        }

    }
}
