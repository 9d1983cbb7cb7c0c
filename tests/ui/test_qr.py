"""QR codes are drawn crisply: every module is whole pixels of the right colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from kiosk.domain.links import app_link
from ui.qr import qr_matrix, render_qr

LINK = app_link("/creation-compte", venue_id=42)


@pytest.mark.parametrize("size", [180, 333, 600])
def test_rendered_modules_match_the_code(qapp, size: int) -> None:
    matrix = qr_matrix(LINK)
    image = render_qr(LINK, size)
    assert (image.width(), image.height()) == (size, size)
    module = size // (len(matrix) + 8)
    offset = (size - module * len(matrix)) // 2
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            colour = QColor(image.pixel(offset + column * module + module // 2,
                                        offset + row * module + module // 2))
            assert (colour.lightness() < 128) == dark, (row, column)


def test_the_quiet_zone_is_white(qapp) -> None:
    image = render_qr(LINK, 400)
    for i in range(400):
        for x, y in ((i, 0), (0, i), (i, 399), (399, i)):
            assert QColor(image.pixel(x, y)).lightness() == 255


def test_long_texts_still_fit(qapp) -> None:
    text = LINK + "&" + "x" * 500
    image = render_qr(text, 300)
    assert image.width() == 300
