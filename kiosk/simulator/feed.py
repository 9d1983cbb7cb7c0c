"""Delta feed cursors: opaque to clients, checked by the simulator.

A cursor encodes the catalogue epoch, the feed (offers or venues), a hash of the scope (the
device's venue and radius) and the change number reached. The simulator answers a full
resync, from change 0, when the cursor is absent, unreadable, from another epoch, feed or
scope, from the future, or older than the compaction horizon (``Store.min_seq``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from kiosk.simulator.storage import Kind

_VERSION = "c1"


@dataclass(frozen=True)
class Cursor:
    """A decoded cursor."""

    epoch: str
    kind: Kind
    scope: str
    seq: int

    def encode(self) -> str:
        """The opaque text handed to clients (URL-safe base64, no padding)."""
        raw = f"{_VERSION}|{self.epoch}|{self.kind}|{self.scope}|{self.seq}".encode("ascii")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor | None:
        """The cursor in ``text``, or None when it is not one of ours."""
        try:
            padded = text + "=" * (-len(text) % 4)
            raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
            version, epoch, kind, scope, seq = raw.split("|")
            number = int(seq)
        except (ValueError, UnicodeError, binascii.Error):
            return None
        if version != _VERSION or kind not in ("offer", "venue") or number < 0:
            return None
        return cls(epoch, "offer" if kind == "offer" else "venue", scope, number)


def scope_of(venue_id: int, radius_km: float) -> str:
    """A short hash of what the feed covers: a new radius invalidates old cursors."""
    return hashlib.sha256(f"{venue_id}:{radius_km:g}".encode()).hexdigest()[:8]


def resume_point(
    text: str | None, *, epoch: str, kind: Kind, scope: str, min_seq: int, last_seq: int
) -> int | None:
    """The change number to continue from, or None for a full resync."""
    if not text:
        return None
    cursor = Cursor.decode(text)
    if cursor is None or (cursor.epoch, cursor.kind, cursor.scope) != (epoch, kind, scope):
        return None
    if cursor.seq < min_seq or cursor.seq > last_seq:
        return None
    return cursor.seq
