pragma Singleton
import QtQuick

// Design tokens of the pass Culture design system (DOMAIN.md §7), scaled for a kiosk.
// Sizes are written for a 1080 px short side and multiplied by `scale`, which Main.qml
// keeps equal to the window's short side / 1080.
QtObject {
    property real scale: 1.0
    property bool portrait: false
    // Height of the on-screen keyboard when it is open, 0 otherwise (set by Main.qml).
    property real keyboardHeight: 0
    function px(value) { return Math.round(value * scale) }

    // Colours
    readonly property color primary: "#6123DF"
    readonly property color primaryDeep: "#320096"
    readonly property color brandLight: "#C1A3FF"
    readonly property color text: "#161617"
    readonly property color subtleText: "#696A6F"
    readonly property color subtleBackground: "#F1F1F4"
    readonly property color border: "#90949D"
    readonly property color borderLight: "#CBCDD2"
    readonly property color error: "#A20121"
    readonly property color success: "#15884F"
    readonly property color background: "#FFFFFF"
    readonly property color inkOnPrimary: "#FFFFFF"
    readonly property color scrim: "#D9161617"

    // Typography: Montserrat; the phone scale 28/21/19/17 grown for reading at two metres.
    readonly property string fontFamily: "Montserrat"
    readonly property int display: px(72)
    readonly property int title: px(52)
    readonly property int heading: px(38)
    readonly property int subheading: px(30)
    readonly property int body: px(26)
    readonly property int caption: px(22)
    readonly property int medium: Font.Medium
    readonly property int semiBold: Font.DemiBold
    readonly property int bold: Font.Bold

    // Spacing on a 4 px grid, radii and touch targets.
    readonly property int gap1: px(8)
    readonly property int gap2: px(16)
    readonly property int gap3: px(24)
    readonly property int gap4: px(32)
    readonly property int gap6: px(48)
    readonly property int gap8: px(64)
    readonly property int margin: px(portrait ? 48 : 64)
    readonly property int radiusSmall: px(8)
    readonly property int radius: px(16)
    readonly property int radiusLarge: px(32)
    readonly property int touchTarget: px(88)
    readonly property int barHeight: px(120)
}
