"""Reliability suites (issue 9): each test runs a quick slice by default (``make test``) and
its full length under ``make reliability`` (``PCK_RELIABILITY=full``).

Use :func:`scale` to pick a size: ``scale(quick=20, full=2000)``.
"""

from __future__ import annotations

import os

FULL = os.environ.get("PCK_RELIABILITY", "quick") == "full"


def scale(*, quick: int, full: int) -> int:
    """The size of a run: ``full`` under make reliability, ``quick`` otherwise."""
    return full if FULL else quick
