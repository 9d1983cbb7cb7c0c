"""Reliability suites (issue 9): quick slices in ``make test``, full in ``make reliability``.

``make reliability`` sets ``KIOSK_RELIABILITY=full`` (not a ``PCK_`` variable: tests/conftest.py
clears those so that a developer's kiosk settings never leak into the tests). Use
:func:`scale` to pick a size: ``scale(quick=20, full=2000)``.
"""

from __future__ import annotations

import os

FULL = os.environ.get("KIOSK_RELIABILITY", "quick") == "full"


def scale(*, quick: int, full: int) -> int:
    """The size of a run: ``full`` under make reliability, ``quick`` otherwise."""
    return full if FULL else quick
