import QtQuick
import QtQuick.Layouts
import Kiosk

// A large answer to a yes/no or either/or question.
KioskButton {
    Layout.fillWidth: true
    Layout.preferredHeight: Theme.px(160)
    primary: false
    font.pixelSize: Theme.heading
}
