"""QR codes for QML, drawn at the exact pixel size asked for so they stay crisp.

QML asks ``image://qr/<percent-encoded text>`` with a ``sourceSize``; the provider draws the
code's modules as whole pixels (no smoothing), centred with the quiet zone the standard asks.
"""

from __future__ import annotations

from urllib.parse import unquote

import qrcode
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

PROVIDER_ID = "qr"
_QUIET_ZONE_MODULES = 4
_DEFAULT_SIZE = 400
_INK = QColor("#161617")


def qr_matrix(text: str) -> list[list[bool]]:
    """Return the modules of the QR code for ``text`` (medium error correction)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


def render_qr(text: str, size: int) -> QImage:
    """Draw the QR code for ``text`` on a white ``size``×``size`` image."""
    matrix = qr_matrix(text)
    modules = len(matrix) + 2 * _QUIET_ZONE_MODULES
    # Whole pixels per module keep edges sharp for scanners; the rest becomes white margin.
    module_px = max(1, size // modules)
    offset = (size - module_px * len(matrix)) // 2
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            if dark:
                painter.fillRect(
                    QRect(offset + column * module_px, offset + row * module_px, module_px,
                          module_px),
                    _INK,
                )
    painter.end()
    return image


class QrImageProvider(QQuickImageProvider):
    """``image://qr/…`` for QML ``Image`` items."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requested_size: QSize) -> QImage:  # noqa: A002,N802
        """Qt's entry point: ``id`` is the percent-encoded text to encode."""
        side = min(requested_size.width(), requested_size.height())
        image = render_qr(unquote(id), side if side > 0 else _DEFAULT_SIZE)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
