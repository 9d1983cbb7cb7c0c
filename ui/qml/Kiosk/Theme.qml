pragma Singleton
import QtQuick

// Design tokens of the pass Culture design system (DOMAIN.md §7), scaled for a kiosk.
// Sizes are written for a 1080 px short side and multiplied by `scale`, which Main.qml
// keeps equal to the window's short side / 1080. Text sizes also follow `textScale`
// (large-text modes), colours follow `highContrast`; Main.qml binds both to the visitor's
// preferences. tests/ui/test_accessibility.py checks every text/background pair below.
QtObject {
    property real scale: 1.0
    property bool portrait: false
    property real textScale: 1.0
    property bool highContrast: false
    // Height of the on-screen keyboard when it is open, 0 otherwise (set by Main.qml).
    property real keyboardHeight: 0
    function px(value) { return Math.round(value * scale) }
    function textPx(value) { return Math.round(value * scale * textScale) }

    // Colours: the brand palette, and the dark brand palette for high contrast.
    readonly property color primary: highContrast ? "#C1A3FF" : "#6123DF"
    readonly property color primaryDeep: highContrast ? "#E4D8FF" : "#320096"
    readonly property color primarySoft: highContrast ? "#1E1538" : "#EFE8FD"
    readonly property color primarySoftPressed: highContrast ? "#33265E" : "#E3D7FB"
    readonly property color brandLight: "#C1A3FF"
    readonly property color text: highContrast ? "#FFFFFF" : "#161617"
    readonly property color subtleText: highContrast ? "#E6E6EA" : "#696A6F"
    readonly property color subtleBackground: highContrast ? "#161617" : "#F1F1F4"
    readonly property color border: highContrast ? "#FFFFFF" : "#90949D"
    readonly property color borderLight: highContrast ? "#FFFFFF" : "#CBCDD2"
    readonly property color error: highContrast ? "#FF9AA8" : "#A20121"
    readonly property color errorBackground: highContrast ? "#2B0710" : "#FBEAEC"
    readonly property color success: highContrast ? "#7BE8AE" : "#15884F"
    readonly property color background: highContrast ? "#000000" : "#FFFFFF"
    readonly property color inkOnPrimary: highContrast ? "#000000" : "#FFFFFF"
    readonly property color inkOnPrimarySubtle: highContrast ? "#000000" : "#F1EBFF"
    readonly property color scrim: highContrast ? "#F2000000" : "#D9161617"

    // Foreground/background pairs the screens use; each must reach WCAG AA (4.5:1).
    readonly property var contrastPairs: [
        ["text", "background"], ["subtleText", "background"],
        ["text", "subtleBackground"], ["subtleText", "subtleBackground"],
        ["inkOnPrimary", "primary"], ["inkOnPrimary", "primaryDeep"], ["inkOnPrimary", "success"],
        ["inkOnPrimarySubtle", "primary"], ["primary", "background"],
        ["primary", "primarySoft"], ["primary", "primarySoftPressed"],
        ["primary", "subtleBackground"], ["text", "primarySoft"],
        ["text", "primarySoftPressed"], ["error", "errorBackground"],
        ["error", "background"], ["success", "background"]
    ]

    // Typography: Montserrat; the phone scale 28/21/19/17 grown for reading at two metres.
    readonly property string fontFamily: "Montserrat"
    readonly property int display: textPx(72)
    readonly property int title: textPx(52)
    readonly property int heading: textPx(38)
    readonly property int subheading: textPx(30)
    readonly property int body: textPx(26)
    readonly property int caption: textPx(22)
    // The top and bottom bars grow less, so that they never overflow the screen's width.
    readonly property int chromeText: Math.round(px(26) * Math.min(textScale, 1.2))
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
