"""Tickets print as one PDF page with the text, the link and a QR code a phone can read.

The PDFs are read back with Qt's own PDF module (PDFium): its text extraction proves the
words are real text, accents included, and its rendering lets the QR code be checked module by
module against the code :mod:`ui.qr` computes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF, QSize, QSizeF
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtQml import QJSEngine

from kiosk.domain.links import app_link
from ui import printing
from ui.app import ensure_application
from ui.printing import FAILED, NO_PRINTER, PRINTED, TicketPrinter, render_ticket
from ui.qr import qr_matrix

TITLE = "Ton crédit pass Culture"
LINES = ["Bonjour Camille,", "Tu as droit à 150 € !", "valable jusqu'au 16 mai 2029"]
LINK = app_link("/creation-compte", venue_id=42)
MM_PER_POINT = 25.4 / 72
#: Rendering resolution for the QR checks: a 35 mm code's modules are then 4 pixels or more.
PX_PER_MM = 6
DARK = 128


@pytest.fixture
def app(qapp: QGuiApplication) -> QGuiApplication:
    """The application with the brand font registered, as in the kiosk."""
    return ensure_application()


def open_pdf(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    document.load(str(path))
    assert document.status() == QPdfDocument.Status.Ready, document.error()
    return document


def page_text(document: QPdfDocument) -> str:
    """The first page's text, with every run of white space made one space.

    PDFium rebuilds lines from glyph positions, so a wrapped paragraph comes back with a
    space or a line break where the line was broken.
    """
    return " ".join(document.getAllText(0).text().split())


def squeezed(text: str) -> str:
    """``text`` without any white space, to find a link that was wrapped anywhere."""
    return "".join(text.split())


@dataclass
class Gray:
    """A rendered page in grey levels (0 black, 255 white)."""

    data: bytes
    stride: int
    width: int
    height: int

    def at(self, x: int, y: int) -> int:
        return self.data[y * self.stride + x]

    def row(self, y: int) -> bytes:
        return self.data[y * self.stride: y * self.stride + self.width]


def render(document: QPdfDocument, px_per_mm: float) -> Gray:
    """Render page 0 on white paper (PDFium leaves the background transparent)."""
    points = document.pagePointSize(0)
    size = QSize(round(points.width() * MM_PER_POINT * px_per_mm),
                 round(points.height() * MM_PER_POINT * px_per_mm))
    page = document.render(0, size)
    paper = QImage(size, QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.end()
    gray = paper.convertToFormat(QImage.Format.Format_Grayscale8)
    return Gray(bytes(gray.constBits()), gray.bytesPerLine(), gray.width(), gray.height())


def darkest_square(page: Gray, side: int) -> tuple[float, int, int]:
    """The ``side``-pixel square with the most ink: its share of ink and its centre."""
    integral = [[0] * (page.width + 1)]
    for y in range(page.height):
        ink = accumulate((255 - v for v in page.row(y)), initial=0)
        integral.append([above + here for above, here in zip(integral[-1], ink, strict=True)])
    best = (0.0, 0, 0)
    for y in range(page.height - side + 1):
        top, bottom = integral[y], integral[y + side]
        for x in range(page.width - side + 1):
            ink = bottom[x + side] - bottom[x] - top[x + side] + top[x]
            share = ink / (255 * side * side)
            if share > best[0]:
                best = (share, x + side // 2, y + side // 2)
    return best


def find_qr(document: QPdfDocument) -> tuple[Gray, int, int, int, int]:
    """Locate the QR code on page 0: the rendered page and the code's box (x0, y0, x1, y1).

    A coarse render finds the densest 20 mm square, which only a QR code fills; a fine
    render then gives the code's exact box, framed by its white quiet zone.
    """
    share, cx, cy = darkest_square(render(document, 1), 20)
    assert share > 0.3, f"no dark square region on the page (best ink share {share:.2f})"
    page = render(document, PX_PER_MM)
    cx, cy = cx * PX_PER_MM, cy * PX_PER_MM
    # Nothing but the code shares its rows, so the ink around its middle gives its width.
    band = range(cy - 10 * PX_PER_MM, cy + 10 * PX_PER_MM)
    x0 = min(next(x for x, v in enumerate(page.row(y)) if v < DARK) for y in band
             if min(page.row(y)) < DARK)
    x1 = max(page.width - 1 - next(x for x, v in enumerate(reversed(page.row(y))) if v < DARK)
             for y in band if min(page.row(y)) < DARK)
    # Every row of modules holds some ink; the quiet zone above and below holds none.
    y0 = cy
    while min(page.row(y0 - 1)) < DARK:
        y0 -= 1
    y1 = cy
    while min(page.row(y1 + 1)) < DARK:
        y1 += 1
    return page, x0, y0, x1, y1


def assert_readable_qr(document: QPdfDocument, link: str = LINK) -> float:
    """Check the page's QR code module by module against ``link``'s; return its width in mm.

    The width includes the standard quiet zone (4 modules a side), as the size asked of
    ``render_qr`` does; it is measured to a rendered pixel, hence a 0.25 mm tolerance in the
    callers.
    """
    page, x0, y0, x1, y1 = find_qr(document)
    matrix = qr_matrix(link)
    count = len(matrix)
    side = x1 - x0 + 1
    assert abs((y1 - y0 + 1) - side) <= 2, "the QR code is not square"
    module = side / count
    wrong = [
        (row, column)
        for row, line in enumerate(matrix)
        for column, dark in enumerate(line)
        if (page.at(int(x0 + (column + 0.5) * module), int(y0 + (row + 0.5) * module)) < DARK)
        != dark
    ]
    assert not wrong, f"{len(wrong)} modules differ from the code, first {wrong[:5]}"
    # Centred on the page, with text above it and the link and footer under it.
    assert abs((x0 + x1) / 2 - page.width / 2) <= PX_PER_MM
    assert any(min(page.row(y)) < DARK for y in range(y0 - 1))
    assert any(min(page.row(y)) < DARK for y in range(y1 + 2, page.height))
    return side / PX_PER_MM * (count + 8) / count


def print_pdf(path: Path, title: str = TITLE, lines: Sequence[str] = LINES,
              link: str = LINK) -> QPdfDocument:
    assert TicketPrinter(pdf_path=path).printTicket(title, list(lines), link) == PRINTED
    return open_pdf(path)


def test_ticket_is_one_page_with_the_text_and_the_qr_code(app, tmp_path: Path) -> None:
    document = print_pdf(tmp_path / "ticket.pdf")
    assert document.pageCount() == 1
    text = page_text(document)
    assert text.startswith("pass Culture")
    assert text.endswith("passculture.app")
    for expected in (TITLE, *LINES):
        assert expected in text
    assert LINK in squeezed(text)
    assert assert_readable_qr(document) >= 35 - 0.25
    # A JPEG'd QR code has blurred edges; the PDF must hold it losslessly.
    assert b"/DCTDecode" not in (tmp_path / "ticket.pdf").read_bytes()


def test_default_page_is_a6_portrait(app, tmp_path: Path) -> None:
    document = print_pdf(tmp_path / "ticket.pdf")
    points = document.pagePointSize(0)
    width_mm, height_mm = points.width() * MM_PER_POINT, points.height() * MM_PER_POINT
    assert (round(width_mm), round(height_mm)) == (105, 148)


def test_thirty_lines_are_set_smaller_and_all_fit_on_one_page(app, tmp_path: Path,
                                                               caplog) -> None:
    lines = [f"Ligne {n} : une information à garder" for n in range(1, 31)]
    document = print_pdf(tmp_path / "long.pdf", lines=lines)
    assert document.pageCount() == 1
    text = page_text(document)
    # Whole lines, so "Ligne 1 :" cannot be matched inside "Ligne 11 :".
    for line in lines:
        assert f"{line} Ligne" in text or f"{line} https" in text
    assert "…" not in text
    assert LINK in squeezed(text)
    assert assert_readable_qr(document) >= 35 - 0.25
    assert not [r for r in caplog.records if r.name == printing.__name__]


def test_text_too_long_for_any_legible_size_is_cut_but_the_qr_code_stays(
        app, tmp_path: Path, caplog) -> None:
    lines = [f"Ligne {n} : une information à garder" for n in range(1, 201)]
    with caplog.at_level(logging.WARNING, logger=printing.__name__):
        document = print_pdf(tmp_path / "too-long.pdf", lines=lines)
    assert document.pageCount() == 1
    text = page_text(document)
    assert f"{lines[0]} " in text
    assert lines[-1] not in text
    assert "…" in text
    assert LINK in squeezed(text)
    assert text.endswith("passculture.app")
    assert assert_readable_qr(document) >= 35 - 0.25
    # The warning counts lines; it never quotes them.
    warnings = [r.getMessage() for r in caplog.records if r.name == printing.__name__]
    assert warnings and "of 200 lines" in warnings[0]
    assert "information" not in " ".join(warnings)


def _write(path: Path, page: QPageSize, margin_mm: float, resolution: int) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(resolution)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait,
                                     QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                                     QPageLayout.Unit.Millimeter))
    render_ticket(writer, TITLE, [*LINES, "Une phrase assez longue pour passer à la ligne "
                                  "sur un ticket de caisse, même large de 80 mm."], LINK)


def test_layout_follows_the_page_width(app, tmp_path: Path) -> None:
    pages = {
        # A thermal receipt roll (72 mm printable, 203 dpi), an A5 and an A4 sheet.
        "roll": (QPageSize(QSizeF(80, 200), QPageSize.Unit.Millimeter), 4, 203),
        "a5": (QPageSize(QPageSize.PageSizeId.A5), 6, 300),
        "a4": (QPageSize(QPageSize.PageSizeId.A4), 6, 600),
    }
    qr_mm = {}
    for name, (page, margin, resolution) in pages.items():
        path = tmp_path / f"{name}.pdf"
        _write(path, page, margin, resolution)
        document = open_pdf(path)
        assert document.pageCount() == 1, name
        text = page_text(document)
        for expected in (TITLE, *LINES, "même large de 80 mm."):
            assert expected in text, name
        assert LINK in squeezed(text), name
        qr_mm[name] = assert_readable_qr(document)
    # Wider pages get a larger code, up to 60 mm: the A5 and the A4 both reach it.
    assert 35 - 0.25 <= qr_mm["roll"] < qr_mm["a5"] <= qr_mm["a4"] <= 60 + 0.25, qr_mm


def test_unwritable_path_fails_without_logging_the_ticket(app, tmp_path: Path,
                                                          caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        result = TicketPrinter(pdf_path=tmp_path).printTicket(TITLE, LINES, LINK)
    assert result == FAILED
    assert any(r.levelno >= logging.ERROR for r in caplog.records)
    _assert_no_ticket_text(caplog.text)


def test_failure_while_drawing_does_not_log_the_exception_message(
        app, tmp_path: Path, caplog, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_qr(text: str, size: int) -> QImage:
        # Exception messages often quote the data: this one quotes the whole ticket.
        raise ValueError(f"cannot encode {TITLE} {LINES} {text}")

    monkeypatch.setattr(printing, "render_qr", failing_qr)
    with caplog.at_level(logging.DEBUG):
        result = TicketPrinter(pdf_path=tmp_path / "t.pdf").printTicket(TITLE, LINES, LINK)
    assert result == FAILED
    assert "ValueError" in caplog.text
    _assert_no_ticket_text(caplog.text)


def _assert_no_ticket_text(logged: str) -> None:
    # Line numbers and times are in the log too, so only words are looked for.
    for secret in (TITLE, *LINES, LINK, "Camille", "crédit", "droit", "jusqu", "utm_"):
        assert secret not in logged


def test_unknown_printer_is_no_printer(app) -> None:
    assert TicketPrinter(printer_name="pck-no-such-printer").printTicket(
        TITLE, LINES, LINK) == NO_PRINTER


def test_qml_calls_it_with_a_javascript_array(app, tmp_path: Path) -> None:
    printer = TicketPrinter(pdf_path=tmp_path / "from-qml.pdf")
    engine = QJSEngine()
    # Python owns the printer; the engine must not delete it when it is collected.
    QJSEngine.setObjectOwnership(printer, QJSEngine.ObjectOwnership.CppOwnership)
    engine.globalObject().setProperty("printer", engine.newQObject(printer))
    result = engine.evaluate(f"printer.printTicket('Titre', ['à', 'b'], '{LINK}')")
    assert result.toString() == PRINTED
    assert "Titre à b" in page_text(open_pdf(tmp_path / "from-qml.pdf"))
