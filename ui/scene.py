"""Looking into the QML scene from Python: finding items and reading what is on screen."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtQuick import QQuickItem, QQuickWindow

_TEXT_CLASSES = ("QQuickText", "QQuickTextInput", "QQuickTextEdit")


def find_item(window: QQuickWindow, object_name: str) -> QObject | None:
    """Search the scene for ``object_name`` through the visual tree, breadth first.

    Walking ``childItems`` finds what Repeaters and Loaders create, and skips a screen the
    Loader has just unloaded (it leaves the visual tree at once, before it is deleted).
    """
    pending: list[QObject] = [window.contentItem()]
    while pending:
        current = pending.pop(0)
        if not isinstance(current, QObject):
            continue  # PySide6 can hand back a stray wrapper for a child being destroyed
        if current.objectName() == object_name:
            return current
        if isinstance(current, QQuickItem):
            pending.extend(current.childItems())
        pending.extend(c for c in current.children() if not isinstance(c, QQuickItem))
    return None


def _is_text(item: QQuickItem) -> bool:
    class_name = item.metaObject().className()
    return class_name.startswith(_TEXT_CLASSES) or any(
        item.metaObject().superClass() is not None
        and item.metaObject().superClass().className() == name
        for name in _TEXT_CLASSES
    )


def _is_control(item: QQuickItem) -> bool:
    meta = item.metaObject()
    while meta is not None:
        if meta.className() in {"QQuickAbstractButton", "QQuickControl"}:
            return True
        meta = meta.superClass()
    return False


def visible_texts(root: QQuickItem, *, include_controls: bool = True) -> list[str]:
    """Every visible, non-empty text under ``root`` in reading order (top to bottom).

    With ``include_controls`` False, the labels of buttons and other controls are left out:
    what remains is the screen's own text, the part worth reading aloud.
    """
    found: list[tuple[float, float, str]] = []
    pending = [root]
    while pending:
        item = pending.pop()
        if not item.isVisible() or item.opacity() == 0:
            continue
        if not include_controls and item is not root and _is_control(item):
            continue
        if _is_text(item):
            text = item.property("text")
            if isinstance(text, str) and text.strip():
                position = item.mapToScene(item.boundingRect().topLeft())
                found.append((round(position.y()), position.x(), text))
        pending.extend(item.childItems())
    return [text for _, _, text in sorted(found)]
