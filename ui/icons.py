"""Icons for QML, drawn from the SVGs in resources/icons in any colour the theme asks for.

``image://icon/<name>/<rrggbb>`` renders ``<name>.svg`` at the requested size and paints it in
that colour, so one file serves the normal and the high-contrast themes alike (the software
scene graph has no shader effects to recolour images).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider
from PySide6.QtSvg import QSvgRenderer

from kiosk.paths import ICONS_DIR

PROVIDER_ID = "icon"
_DEFAULT_SIZE = 64


def render_icon(name: str, colour: QColor, size: QSize) -> QImage:
    """The icon ``name`` at ``size``, every opaque pixel painted ``colour``."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(str(ICONS_DIR / f"{name}.svg"))
    if not renderer.isValid():
        return image  # an unknown icon shows nothing rather than a broken-image glyph
    painter = QPainter(image)
    renderer.render(painter)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), colour)
    painter.end()
    return image


class IconImageProvider(QQuickImageProvider):
    """``image://icon/<name>/<rrggbb>`` for QML ``Image`` items."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requested_size: QSize) -> QImage:  # noqa: A002,N802
        """Qt's entry point: ``id`` is the icon name, a slash, and the colour in hex."""
        name, _, hex_colour = id.partition("/")
        colour = QColor(f"#{hex_colour}") if hex_colour else QColor("#161617")
        side = requested_size if requested_size.isValid() and not requested_size.isEmpty() \
            else QSize(_DEFAULT_SIZE, _DEFAULT_SIZE)
        image = render_icon(name, colour, side)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
