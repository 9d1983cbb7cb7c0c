"""Logging set-up: rotating files, personal-data scrubbing and crash dumps.

Visitors are often minors: nothing personal may reach a log file. Two layers guard it:
structured fields with a personal name (``extra={"email": ...}``) are replaced outright, and
the rendered message is scanned for e-mail addresses, phone numbers and dates that look like
birth dates. The scrubber is a filter on every handler, so third-party loggers are covered.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import re
from pathlib import Path
from typing import IO, Final

REDACTED: Final = "[redacted]"

#: Record attributes that carry personal data when code passes them as ``extra``.
PERSONAL_FIELDS: Final = frozenset(
    {
        "email",
        "first_name",
        "last_name",
        "name",
        "birth_date",
        "phone",
        "phone_number",
        "address",
        "street",
        "postal_code",
    }
)

_PATTERNS: Final = (
    # e-mail addresses
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # French and international phone numbers: 06 12 34 56 78, +33 6 12 34 56 78, 0612345678
    re.compile(r"(?<!\d)(?:\+\d{2,3}[ .-]?|0)[1-9](?:[ .-]?\d{2}){4}(?!\d)"),
    # dates written 31/12/2008, 31-12-2008, 31.12.2008 and ISO 2008-12-31
    re.compile(r"(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}(?!\d)"),
    re.compile(r"(?<!\d)(?:19|20)\d{2}-\d{2}-\d{2}(?![\dT:])"),
)

LOG_FILE_NAME: Final = "kiosk.log"
CRASH_FILE_NAME: Final = "crash.log"
_FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def scrub_text(text: str) -> str:
    """Return ``text`` with e-mail addresses, phone numbers and dates replaced."""
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


#: What every LogRecord has (its logger's ``name`` among them): never personal data, and
#: redacting it would hide which module logged the line.
_RECORD_ATTRIBUTES: Final = frozenset(logging.makeLogRecord({}).__dict__)


class PersonalDataFilter(logging.Filter):
    """Rewrite each record so that no personal data survives formatting.

    The message is rendered once (``getMessage``) and scrubbed, then the arguments are dropped
    so that no handler can render the original values again.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub the record in place; never drops it."""
        for field in (PERSONAL_FIELDS & record.__dict__.keys()) - _RECORD_ATTRIBUTES:
            setattr(record, field, REDACTED)
        record.msg = scrub_text(record.getMessage())
        record.args = None
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        return True


class _ScrubbingFormatter(logging.Formatter):
    """Also scrub tracebacks, whose text exists only once the formatter renders them."""

    def formatException(self, ei: object) -> str:  # noqa: N802 - logging's API name
        return scrub_text(super().formatException(ei))  # type: ignore[arg-type]


_crash_file: IO[str] | None = None


def setup_logging(log_dir: Path, level: str = "INFO", *, console: bool = False) -> Path:
    """Send the root logger to a rotating file in ``log_dir`` and arm faulthandler.

    Returns the path of the log file. Calling it again replaces the handlers it added before.
    """
    global _crash_file
    log_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk_handler", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(
            log_dir / LOG_FILE_NAME, maxBytes=5_000_000, backupCount=5, encoding="utf-8"
        )
    ]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.addFilter(PersonalDataFilter())
        handler.setFormatter(_ScrubbingFormatter(_FORMAT))
        handler._kiosk_handler = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # A hard crash (segfault in a driver, deadlock killed by the watchdog) leaves no Python
    # traceback in the normal log; faulthandler writes the stacks of every thread instead.
    if _crash_file is not None:
        faulthandler.disable()
        _crash_file.close()
    _crash_file = open(log_dir / CRASH_FILE_NAME, "a", encoding="utf-8")  # noqa: SIM115
    faulthandler.enable(file=_crash_file, all_threads=True)
    return log_dir / LOG_FILE_NAME


def shutdown_logging() -> None:
    """Close the handlers and the crash file that :func:`setup_logging` opened."""
    global _crash_file
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk_handler", False):
            root.removeHandler(handler)
            handler.close()
    if _crash_file is not None:
        faulthandler.disable()
        _crash_file.close()
        _crash_file = None
