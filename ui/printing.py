"""Paper tickets: a one-page summary with a QR code that a visitor takes home.

QML calls :meth:`TicketPrinter.printTicket` with strings it has already translated. The ticket
goes to a printer (an 80 mm thermal receipt roll in most venues, an office printer in some) or,
when the kiosk archives instead of printing, and in tests, into a PDF file.

The text may be personal (a first name, an amount, a date), so nothing here ever logs it.
"""

from __future__ import annotations

import logging
import math
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFile, QIODevice, QMarginsF, QObject, QPointF, QRectF, Qt, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextLayout,
    QTextOption,
)

from ui.qr import qr_matrix, render_qr

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)

PRINTED = "printed"
NO_PRINTER = "no_printer"
FAILED = "failed"

WORDMARK = "pass Culture"
FOOTER = "passculture.app"
FONT_FAMILY = "Montserrat"
PDF_PAGE = QPageSize.PageSizeId.A6
MARGIN_MM = 6.0
#: Smallest QR code, quiet zone included: smaller, a phone held at arm's length struggles.
MIN_QR_MM = 35.0
MAX_QR_MM = 60.0
#: Pages narrower than this (printable width of an 80 mm roll) keep the base type sizes.
_BASE_WIDTH_MM = 68.0
_MAX_TYPE_SCALE = 1.6
_BODY_PT = 9.5
#: Smallest body size tried before lines are left out; still legible on a 203 dpi printer.
_MIN_BODY_PT = 5.0
_SHRINK_STEP = 0.9
_ELLIPSIS = "…"
_MM_PER_INCH = 25.4
#: ui.qr draws the standard quiet zone, 4 modules on each side.
_QUIET_ZONE_MODULES = 8
_INK = QColor(Qt.GlobalColor.black)
_PAPER = QColor(Qt.GlobalColor.white)


class PrintError(RuntimeError):
    """The ticket could not be drawn on the device (it refused to start painting)."""


class TicketPrinter(QObject):
    """Prints tickets for QML; one instance per kiosk.

    Args:
        pdf_path: Write each ticket into this PDF file (replacing it) instead of printing.
        printer_name: The printer to use; empty means the system's default printer.
        parent: The usual Qt parent.
    """

    def __init__(self, pdf_path: Path | None = None, printer_name: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pdf_path = pdf_path
        self._printer_name = printer_name

    @Slot(str, list, str, result=str)
    def printTicket(self, title: str, lines: list[str], link: str) -> str:  # noqa: N802
        """Print one ticket.

        Args:
            title: The headline, already translated.
            lines: The body, one paragraph per entry, already translated.
            link: The URL encoded in the QR code and printed under it.

        Returns:
            ``"printed"``, ``"no_printer"`` when no printer is installed (or the configured
            one is unknown), or ``"failed"``.
        """
        try:
            if self._pdf_path is not None:
                self._print_to_pdf(self._pdf_path, title, [str(line) for line in lines], link)
                return PRINTED
            printer = self._find_printer()
            if printer is None:
                log.warning("no printer for the ticket (configured name: %r)",
                            self._printer_name)
                return NO_PRINTER
            render_ticket(printer, title, [str(line) for line in lines], link)
            return PRINTED
        except Exception as exc:  # reported to QML, never raised into it
            _log_failure(exc)
            return FAILED

    def _print_to_pdf(self, path: Path, title: str, lines: Sequence[str], link: str) -> None:
        # Opening the file ourselves reports an unwritable path as an error string instead
        # of a Qt warning from QPdfWriter.
        file = QFile(str(path))
        if not file.open(QIODevice.OpenModeFlag.WriteOnly | QIODevice.OpenModeFlag.Truncate):
            raise PrintError(f"cannot write the PDF file: {file.errorString()}")
        try:
            writer = QPdfWriter(file)
            writer.setCreator("passculture-kiosk")
            writer.setTitle(WORDMARK)
            writer.setPageLayout(
                QPageLayout(QPageSize(PDF_PAGE), QPageLayout.Orientation.Portrait,
                            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                            QPageLayout.Unit.Millimeter)
            )
            # Black on white: grey images stay a third of the size of RGB ones.
            writer.setColorModel(QPdfWriter.ColorModel.Grayscale)
            # QPdfWriter's default 1200 dpi is kept: a QR module is a whole number of device
            # pixels, and that fine a grid lets the code come out at 35 mm, not 38.
            render_ticket(writer, title, lines, link)
        finally:
            file.close()

    def _find_printer(self) -> QPrinter | None:
        # Qt's print support is a module of its own (~20 ms): loaded when a ticket prints.
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        if self._printer_name:
            info = QPrinterInfo.printerInfo(self._printer_name)
        else:
            info = QPrinterInfo.defaultPrinter()
        if info.isNull():
            return None
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(WORDMARK)
        # The driver's page size stands (a roll's width, an office sheet); only the margins
        # are ours, and a printer whose hardware margins are wider keeps its own.
        printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                               QPageLayout.Unit.Millimeter)
        return printer


def _log_failure(exc: BaseException) -> None:
    # The exception's message and a full traceback can quote the ticket's text (a codec
    # error, a formatting error), so only the type and where it happened are logged.
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    log.error("could not print the ticket: %s at %s", type(exc).__name__, where)


@dataclass
class _Block:
    """A laid-out paragraph and the vertical space it takes, in device pixels."""

    layout: QTextLayout
    height: float


@dataclass
class _Ticket:
    """Every piece of a ticket, measured; the fitting steps change the body and the QR size."""

    head: list[_Block]
    body: list[_Block]
    qr_side: int
    tail: list[_Block]
    gap: float
    paragraph_gap: float

    def place(self) -> tuple[list[tuple[float, _Block | int]], float]:
        """Stack the pieces from the top: (top, block or QR side) pairs, and the total height.

        Measuring and drawing both go through here, so what was measured is what is drawn.
        """
        placed: list[tuple[float, _Block | int]] = []
        y = 0.0

        def add(blocks: Sequence[_Block], between: float) -> None:
            nonlocal y
            for index, block in enumerate(blocks):
                y += between if index else 0.0
                placed.append((y, block))
                y += block.height

        add(self.head, self.gap * 0.25)
        y += self.gap * 0.75
        add(self.body, self.paragraph_gap)
        y += self.gap
        if self.qr_side:
            placed.append((y, self.qr_side))
            y += self.qr_side + self.gap * 0.3
        add(self.tail, self.gap * 0.3)
        return placed, y

    def height(self) -> float:
        """The height the ticket needs, in device pixels."""
        return self.place()[1]


def render_ticket(device: QPagedPaintDevice, title: str, lines: Sequence[str],
                  link: str) -> None:
    """Draw one ticket on the first page of ``device``; the layout follows the page width.

    From top to bottom: the wordmark, the title in bold, the lines (wrapped), the QR code of
    ``link`` (at least 35 mm wide, centred), the link in small type, and a footer. A ticket
    always fits on one page: a long text first takes the QR code down to 35 mm and the space
    between its lines, then is set smaller down to a legible minimum; lines that still do not
    fit give way to an ellipsis, because the QR code is what the visitor came for.

    Args:
        device: A PDF writer or a printer, with its page layout already set.
        title: The headline.
        lines: The body, one paragraph per entry.
        link: The URL for the QR code; no QR code when empty.

    Raises:
        PrintError: The device refused to start painting.
    """
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("the device refused to start painting")
    try:
        _draw(painter, device, title, list(lines), link)
    finally:
        painter.end()


def _draw(painter: QPainter, device: QPagedPaintDevice, title: str, lines: list[str],
          link: str) -> None:
    dpi = device.logicalDpiY()
    mm = device.logicalDpiX() / _MM_PER_INCH
    width = float(device.width())
    height = float(device.height())
    # Wider pages get larger type, but more slowly than the page grows, and within reason:
    # an A4 sheet is read from the same distance as a receipt.
    scale = min(max((width / mm / _BASE_WIDTH_MM) ** 0.5, 1.0), _MAX_TYPE_SCALE)
    centred = Qt.AlignmentFlag.AlignHCenter
    head = [
        _layout(WORDMARK, _font(15 * scale, QFont.Weight.Bold), device, width, centred),
        _layout(title, _font(12 * scale, QFont.Weight.Bold), device, width, centred),
    ]
    tail = [_layout(FOOTER, _font(7 * scale, QFont.Weight.Medium), device, width, centred)]
    qr_side = 0
    if link:
        modules = len(qr_matrix(link)) + _QUIET_ZONE_MODULES
        qr_side = _qr_side(min(0.55 * width, MAX_QR_MM * mm), MIN_QR_MM * mm, modules, width)
        tail.insert(0, _layout(link, _font(6.5 * scale), device, width, centred,
                               anywhere=True))
    body_pt = _BODY_PT * scale
    ticket = _Ticket(head, _body(lines, body_pt, device, width), qr_side, tail,
                     gap=3.0 * mm * scale, paragraph_gap=body_pt * 0.35 / 72 * dpi)

    if link and ticket.height() > height:
        ticket.qr_side = _qr_side(MIN_QR_MM * mm, MIN_QR_MM * mm, modules, width)
    if ticket.height() > height:
        ticket.paragraph_gap = 0.0
    while ticket.height() > height and body_pt > _MIN_BODY_PT:
        body_pt = max(body_pt * _SHRINK_STEP, _MIN_BODY_PT)
        ticket.body = _body(lines, body_pt, device, width)
    if ticket.height() > height:
        body = ticket.body
        ellipsis = _layout(_ELLIPSIS, _font(body_pt), device, width)
        kept = len(body)
        ticket.body = [*body, ellipsis]
        while kept and ticket.height() > height:
            kept -= 1
            ticket.body = [*body[:kept], ellipsis]
        # Counts only: the lines themselves may be personal.
        log.warning("ticket too long: %d of %d lines printed", kept, len(lines))

    painter.fillRect(QRectF(0, 0, width, height), _PAPER)
    painter.setPen(_INK)
    # Without this hint the PDF engine may store the QR code as a JPEG, blurring its edges.
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    for y, item in ticket.place()[0]:
        if isinstance(item, _Block):
            item.layout.draw(painter, QPointF(0, y))
            continue
        qr = render_qr(link, item)
        # Pure black like the text: render_qr's ink is the screens' near-black.
        qr = qr.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.ThresholdDither)
        # Whole device pixels, so the modules keep the sharp edges render_qr gave them.
        painter.drawImage(QPointF(round((width - item) / 2), round(y)), qr)


def _qr_side(preferred: float, minimum: float, modules: int, width: float) -> int:
    """The QR image's side in device pixels: about ``preferred``, never under ``minimum``.

    The side is a whole number of pixels a module, which leaves no slack for render_qr to
    turn into extra margin: the code itself, quiet zone included, is at least ``minimum``
    wide. Only a page narrower than that gets a smaller code, as wide as the page.
    """
    module_px = max(math.floor(preferred / modules), math.ceil(minimum / modules))
    if module_px * modules > width:
        module_px = max(1, math.floor(width / modules))
    return module_px * modules


def _font(point_size: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    # Asking for a family that is not installed makes Qt scan its aliases (and warn about
    # the cost); the application's default font is the graceful fallback.
    font = QFont(FONT_FAMILY) if QFontDatabase.hasFamily(FONT_FAMILY) else QFont()
    font.setPointSizeF(point_size)
    font.setWeight(weight)
    return font


def _body(lines: Sequence[str], point_size: float, device: QPagedPaintDevice,
          width: float) -> list[_Block]:
    font = _font(point_size)
    return [_layout(line, font, device, width) for line in lines]


def _layout(text: str, font: QFont, device: QPagedPaintDevice, width: float,
            alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, *,
            anywhere: bool = False) -> _Block:
    """Break ``text`` into lines of at most ``width`` device pixels, measured for ``device``."""
    layout = QTextLayout(text, font, device)
    option = QTextOption(alignment)
    # A URL has no spaces to break at; a word longer than the page must not overflow either.
    option.setWrapMode(QTextOption.WrapMode.WrapAnywhere if anywhere
                       else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return _Block(layout, y)
