pragma Singleton
import QtQuick

// Which overlay is open over the screens; Main.qml closes them all when a visit ends.
QtObject {
    property bool accessibilityOpen: false
}
