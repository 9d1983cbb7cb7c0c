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
            objectName: "scrim"
            anchors.fill: parent
            Accessible.ignored: true
        }
        // Centred; in low-reach mode wide and low, the keys beside the rest, all within reach.
        Rectangle {
            readonly property bool low: preferences.lowReach
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.verticalCenter: low ? undefined : parent.verticalCenter
            anchors.bottom: low ? parent.bottom : undefined
            anchors.bottomMargin: Theme.gap3
            width: Math.min(parent.width - 2 * Theme.margin, Theme.px(low ? 1200 : 720))
            height: content.implicitHeight + 2 * (low ? Theme.gap3 : Theme.gap6)
            radius: Theme.radiusLarge
            color: Theme.background
            GridLayout {
                id: content
                anchors.fill: parent
                anchors.margins: parent.low ? Theme.gap3 : Theme.gap6
                columns: parent.low ? 2 : 1
                columnSpacing: Theme.gap6
                rowSpacing: Theme.gap3
                ColumnLayout {
                    Layout.row: 0
                    Layout.column: 0
                    Layout.fillWidth: true
                    spacing: Theme.gap2
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
                }
                DigitPad {
                    Layout.row: content.columns === 2 ? 0 : 1
                    Layout.column: content.columns === 2 ? 1 : 0
                    Layout.rowSpan: content.columns === 2 ? 2 : 1
                    Layout.alignment: Qt.AlignHCenter
                    keyHeight: content.columns === 2 ? Theme.px(80) : Theme.px(104)
                    enabled: !overlay.locked && !staff.checking
                    onDigit: (value) => { if (overlay.pin.length < 12) overlay.pin += value }
                    onErase: overlay.pin = overlay.pin.slice(0, -1)
                }
                RowLayout {
                    Layout.row: content.columns === 2 ? 1 : 2
                    Layout.column: 0
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignBottom
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
