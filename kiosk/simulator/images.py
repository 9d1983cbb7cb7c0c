"""Generated pictures for the demo data: a PNG per category, drawn and encoded in pure Python.

No third-party picture ships with the kiosk (licences, weight): every offer image and venue
banner is a flat category colour with a simple white pictogram, drawn with horizontal spans
(fast enough to draw on request) and encoded with zlib and struct only (no Pillow, no Qt).
Names look like ``livres-3`` (an offer of the LIVRES search group, variant 3) or
``venue-cinema-7`` (a venue banner); variants shift the pictogram and the shade so that
neighbouring cards differ.
"""

from __future__ import annotations

import functools
import re
import struct
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

VARIANTS = 12
"""Variants per key: names end in ``-0`` … ``-11``."""

OFFER_SIZE = (300, 400)
"""Offer pictures are portrait posters, 3:4, like the app's."""

BANNER_SIZE = (640, 320)
"""Venue banners are landscape, 2:1."""

Colour = tuple[int, int, int]

_COLOURS: dict[str, Colour] = {
    "arts_loisirs_creatifs": (0xE8, 0x59, 0x0C),
    "cartes_jeunes": (0x0B, 0x72, 0x85),
    "cinema": (0x32, 0x00, 0x96),
    "concerts_festivals": (0xC2, 0x25, 0x5C),
    "evenements_en_ligne": (0x19, 0x71, 0xC2),
    "films_documentaires_series": (0x5F, 0x3D, 0xC4),
    "jeux_jeux_videos": (0x2B, 0x8A, 0x3E),
    "livres": (0x61, 0x23, 0xDF),
    "media_presse": (0x49, 0x50, 0x57),
    "musees_visites_culturelles": (0xA6, 0x1E, 0x4D),
    "musique": (0xD6, 0x33, 0x6C),
    "rencontres_conferences": (0x08, 0x7F, 0x5B),
    "spectacles": (0xB0, 0x2A, 0x37),
    "none": (0x69, 0x6A, 0x6F),
}

# A venue banner borrows the picture of the search group closest to its activity.
_ACTIVITY_KEYS: dict[str, str] = {
    "art_gallery": "arts_loisirs_creatifs",
    "arts_centre": "arts_loisirs_creatifs",
    "bookstore": "livres",
    "cinema": "cinema",
    "community_centre": "jeux_jeux_videos",
    "creative_arts_store": "arts_loisirs_creatifs",
    "cultural_centre": "rencontres_conferences",
    "distribution_store": "media_presse",
    "festival": "concerts_festivals",
    "heritage_site": "musees_visites_culturelles",
    "library": "livres",
    "museum": "musees_visites_culturelles",
    "music_instrument_store": "musique",
    "other": "evenements_en_ligne",
    "performance_hall": "spectacles",
    "record_store": "musique",
    "tourist_information_centre": "musees_visites_culturelles",
}

_NAME = re.compile(r"^(?P<venue>venue-)?(?P<key>[a-z_]+)-(?P<variant>\d{1,2})$")


def offer_image_name(search_group: str, variant: int) -> str:
    """The picture name of an offer of ``search_group`` (``LIVRES`` → ``livres-3``)."""
    return f"{search_group.lower()}-{variant % VARIANTS}"


def venue_image_name(activity: str, variant: int) -> str:
    """The banner name of a venue with ``activity`` (``CINEMA`` → ``venue-cinema-7``)."""
    return f"venue-{activity.lower()}-{variant % VARIANTS}"


def is_known(name: str) -> bool:
    """Whether :func:`render` can draw ``name``."""
    match = _NAME.match(name)
    if match is None or int(match["variant"]) >= VARIANTS:
        return False
    keys = _ACTIVITY_KEYS if match["venue"] else _COLOURS
    return match["key"] in keys


@functools.lru_cache(maxsize=128)
def render(name: str) -> bytes | None:
    """The PNG bytes of picture ``name``, or None when the name is unknown."""
    if not is_known(name):
        return None
    match = _NAME.match(name)
    assert match is not None  # is_known() checked it
    variant = int(match["variant"])
    if match["venue"]:
        key, (width, height) = _ACTIVITY_KEYS[match["key"]], BANNER_SIZE
    else:
        key, (width, height) = match["key"], OFFER_SIZE
    background = _shade(_COLOURS[key], variant)
    shapes = _pictogram(key, width, height, variant)
    return encode_png(width, height, _rows(width, height, background, shapes))


# --- drawing ----------------------------------------------------------------------------------

Spans = Callable[[float], Sequence[tuple[float, float]]]
"""A shape: for the centre line ``y`` of a pixel row, the ``[x0, x1)`` intervals it covers."""


@dataclass(frozen=True)
class _Shape:
    spans: Spans
    colour: Colour


def _rect(x0: float, y0: float, x1: float, y1: float) -> Spans:
    def spans(y: float) -> Sequence[tuple[float, float]]:
        return [(x0, x1)] if y0 <= y < y1 else []

    return spans


def _circle(cx: float, cy: float, r: float) -> Spans:
    def spans(y: float) -> Sequence[tuple[float, float]]:
        dy = y - cy
        if abs(dy) >= r:
            return []
        half = (r * r - dy * dy) ** 0.5
        return [(cx - half, cx + half)]

    return spans


def _polygon(points: Sequence[tuple[float, float]]) -> Spans:
    """A convex polygon, by the crossings of its edges with each row."""
    edges = list(zip(points, [*points[1:], points[0]], strict=True))

    def spans(y: float) -> Sequence[tuple[float, float]]:
        xs = []
        for (xa, ya), (xb, yb) in edges:
            if (ya <= y < yb) or (yb <= y < ya):
                xs.append(xa + (y - ya) * (xb - xa) / (yb - ya))
        return [(min(xs), max(xs))] if len(xs) >= 2 else []

    return spans


def _shade(colour: Colour, variant: int) -> Colour:
    # Darken by up to ~20 % so that cards of one category are not all the same tile.
    factor = 1.0 - 0.018 * variant
    r, g, b = colour
    return (int(r * factor), int(g * factor), int(b * factor))


_WHITE: Colour = (0xFF, 0xFF, 0xFF)
# Pictograms in unit coordinates: the centre is (0, 0) and the size is 1. "fg" parts are
# white, "bg" parts cut holes in the background colour (painter's order).
_Part = tuple[str, str, tuple[float, ...]]


def _rect_part(x0: float, y0: float, x1: float, y1: float, role: str = "fg") -> _Part:
    return ("rect", role, (x0, y0, x1, y1))


def _circle_part(cx: float, cy: float, r: float, role: str = "fg") -> _Part:
    return ("circle", role, (cx, cy, r))


def _poly_part(*points: float, role: str = "fg") -> _Part:
    return ("poly", role, points)


_BOOK = [
    _poly_part(-0.5, -0.35, -0.02, -0.29, -0.02, 0.35, -0.5, 0.29),
    _poly_part(0.02, -0.29, 0.5, -0.35, 0.5, 0.29, 0.02, 0.35),
]
_FILM = [
    _rect_part(-0.5, -0.35, 0.5, 0.35),
    *[_rect_part(-0.42 + i * 0.16, -0.3, -0.35 + i * 0.16, -0.23, "bg") for i in range(6)],
    *[_rect_part(-0.42 + i * 0.16, 0.23, -0.35 + i * 0.16, 0.3, "bg") for i in range(6)],
    _rect_part(-0.4, -0.17, 0.4, 0.17, "bg"),
]
_NOTE = [
    _circle_part(-0.15, 0.28, 0.16),
    _rect_part(-0.02, -0.4, 0.06, 0.28),
    _poly_part(0.06, -0.4, 0.35, -0.25, 0.35, -0.12, 0.06, -0.27),
]
_STAGE = [
    _poly_part(0.0, -0.5, 0.5, 0.3, -0.5, 0.3),
    _rect_part(-0.5, 0.36, 0.5, 0.44),
    _circle_part(0.0, -0.02, 0.12, "bg"),
]
_TEMPLE = [
    _poly_part(0.0, -0.5, 0.5, -0.22, -0.5, -0.22),
    _rect_part(-0.5, 0.36, 0.5, 0.46),
    *[_rect_part(-0.4 + i * 0.25, -0.16, -0.32 + i * 0.25, 0.32) for i in range(4)],
]
_PALETTE = [
    _circle_part(0.0, 0.0, 0.5),
    _circle_part(0.2, 0.2, 0.1, "bg"),
    _circle_part(-0.22, -0.1, 0.07, "bg"),
    _circle_part(-0.05, -0.27, 0.07, "bg"),
    _circle_part(0.18, -0.15, 0.07, "bg"),
]
_DICE = [
    _rect_part(-0.4, -0.4, 0.4, 0.4),
    *[
        _circle_part(x, y, 0.07, "bg")
        for x, y in ((-0.2, -0.2), (0.2, -0.2), (0, 0), (-0.2, 0.2), (0.2, 0.2))
    ],
]
_BUBBLE = [
    _rect_part(-0.5, -0.35, 0.5, 0.2),
    _poly_part(-0.3, 0.19, -0.05, 0.19, -0.32, 0.45),
    _rect_part(-0.35, -0.2, 0.35, -0.13, "bg"),
    _rect_part(-0.35, -0.02, 0.15, 0.05, "bg"),
]
_PAPER = [
    _rect_part(-0.38, -0.5, 0.38, 0.5),
    _rect_part(-0.3, -0.42, 0.3, -0.25, "bg"),
    *[_rect_part(-0.3, -0.15 + i * 0.13, 0.3, -0.1 + i * 0.13, "bg") for i in range(5)],
]
_SCREEN = [
    _rect_part(-0.5, -0.35, 0.5, 0.25),
    _rect_part(-0.43, -0.28, 0.43, 0.18, "bg"),
    _poly_part(-0.08, -0.15, 0.14, -0.05, -0.08, 0.05),
    _rect_part(-0.05, 0.25, 0.05, 0.37),
    _rect_part(-0.2, 0.37, 0.2, 0.43),
]
_CARD = [
    _rect_part(-0.5, -0.3, 0.5, 0.3),
    _rect_part(-0.5, -0.18, 0.5, -0.06, "bg"),
    _rect_part(-0.4, 0.08, -0.05, 0.16, "bg"),
]

_PICTOGRAMS: dict[str, list[_Part]] = {
    "arts_loisirs_creatifs": _PALETTE,
    "cartes_jeunes": _CARD,
    "cinema": _FILM,
    "concerts_festivals": _NOTE,
    "evenements_en_ligne": _SCREEN,
    "films_documentaires_series": _FILM,
    "jeux_jeux_videos": _DICE,
    "livres": _BOOK,
    "media_presse": _PAPER,
    "musees_visites_culturelles": _TEMPLE,
    "musique": _NOTE,
    "rencontres_conferences": _BUBBLE,
    "spectacles": _STAGE,
}


def _pictogram(key: str, width: int, height: int, variant: int) -> list[_Shape]:
    size = min(width, height) * (0.42 + 0.02 * (variant % 4))
    cx = width / 2 + (variant % 3 - 1) * width * 0.06
    cy = height * (0.42 + 0.03 * (variant % 2))
    background = _shade(_COLOURS[key], variant)
    shapes = [_place(part, cx, cy, size, background) for part in _PICTOGRAMS.get(key, _CARD)]
    # A row of small dots at the bottom, one per variant step: a cheap visual signature.
    shapes += [
        _Shape(_circle(width * (0.1 + i * 0.07), height * 0.9, size * 0.03), _WHITE)
        for i in range(variant % 6 + 1)
    ]
    return shapes


def _place(part: _Part, cx: float, cy: float, size: float, background: Colour) -> _Shape:
    kind, role, v = part
    colour = _WHITE if role == "fg" else background
    if kind == "rect":
        spans = _rect(cx + v[0] * size, cy + v[1] * size, cx + v[2] * size, cy + v[3] * size)
    elif kind == "circle":
        spans = _circle(cx + v[0] * size, cy + v[1] * size, v[2] * size)
    else:
        points = [(cx + x * size, cy + y * size) for x, y in zip(v[::2], v[1::2], strict=True)]
        spans = _polygon(points)
    return _Shape(spans, colour)


def _rows(width: int, height: int, background: Colour, shapes: Sequence[_Shape]) -> list[bytes]:
    blank = bytes(background) * width
    rows = []
    for y in range(height):
        row = bytearray(blank)
        for shape in shapes:  # painter's order: later shapes cover earlier ones
            for x0, x1 in shape.spans(y + 0.5):
                start, end = max(0, round(x0)), min(width, round(x1))
                if end > start:
                    row[start * 3 : end * 3] = bytes(shape.colour) * (end - start)
        rows.append(bytes(row))
    return rows


# --- encoding ---------------------------------------------------------------------------------


def encode_png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    """Encode 8-bit RGB ``rows`` (``3 * width`` bytes each) as a PNG file.

    Raises:
        ValueError: when the rows do not match the size.
    """
    if len(rows) != height or any(len(row) != 3 * width for row in rows):
        raise ValueError(f"rows do not make a {width}x{height} RGB picture")
    # Filter type 0 (None) on every row: the flat colours compress well without prediction.
    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(raw, 6)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
