import QtQuick
import Kiosk

// The scrolling body of a screen. When the on-screen keyboard opens, the field being typed
// is scrolled above it, so the keyboard never hides what the visitor is typing.
Flickable {
    id: page
    property real keyboardHeight: 0
    default property alias content: body.data

    objectName: "screenPage"
    clip: true
    contentWidth: width
    contentHeight: Math.max(body.childrenRect.height + Theme.margin * 2, height)
    // Room to scroll the lowest field above the keyboard.
    bottomMargin: keyboardHeight
    boundsBehavior: Flickable.StopAtBounds

    Item {
        id: body
        x: Theme.margin
        y: Theme.margin
        width: page.width - 2 * Theme.margin
        height: childrenRect.height
    }

    // How much of the page the keyboard leaves visible, in page coordinates.
    function visibleHeight() {
        if (keyboardHeight <= 0 || !Window.window)
            return height
        var keyboardTop = mapFromItem(null, 0, Window.height - keyboardHeight).y
        return Math.max(0, Math.min(height, keyboardTop))
    }

    function ensureVisible(item) {
        if (!item || keyboardHeight <= 0 || !isAncestorOf(item))
            return
        var rect = item.mapToItem(contentItem, 0, 0, item.width, item.height)
        var margin = Theme.gap4
        var visible = visibleHeight()
        if (rect.y + rect.height + margin > contentY + visible)
            contentY = rect.y + rect.height + margin - visible
        else if (rect.y - margin < contentY)
            contentY = Math.max(0, rect.y - margin)
    }

    function isAncestorOf(item) {
        for (var parent = item.parent; parent; parent = parent.parent)
            if (parent === page)
                return true
        return false
    }

    // Called later so that the keyboard's size and any layout change have settled.
    Connections {
        target: page.Window.window
        function onActiveFocusItemChanged() {
            Qt.callLater(page.ensureVisible, page.Window.activeFocusItem)
        }
    }
    onKeyboardHeightChanged: {
        if (keyboardHeight > 0)
            Qt.callLater(ensureVisible, Window.activeFocusItem)
        else
            returnToBounds()
    }
}
