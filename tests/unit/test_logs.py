"""No personal data in the logs, whatever way it is passed to the logger."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import CRASH_FILE_NAME, REDACTED, scrub_text, setup_logging, shutdown_logging


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = setup_logging(tmp_path / "log", "DEBUG")
    yield path
    shutdown_logging()


def _written(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "secret",
    [
        "lea.martin@gmail.com",
        "LEA+kiosk@laposte.net",
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
        "0612345678",
        "14/07/2008",
        "2008-07-14",
    ],
)
def test_scrub_text_removes_contact_details_and_dates(secret: str) -> None:
    scrubbed = scrub_text(f"visitor typed {secret} in the form")
    assert secret not in scrubbed
    assert REDACTED in scrubbed


def test_scrub_text_keeps_ordinary_numbers() -> None:
    text = "synced 2000 offers in 350 ms, outbox depth 3, HTTP 503"
    assert scrub_text(text) == text


def test_planted_data_never_reaches_the_file(log_file: Path) -> None:
    log = logging.getLogger("kiosk.test")
    log.info("registration for %s born %s", "zoe.dupont@orange.fr", "2009-02-28")
    log.info("queued", extra={"first_name": "Zoé", "last_name": "Dupont",
                              "email": "zoe.dupont@orange.fr"})
    try:
        raise ValueError("bad e-mail zoe.dupont@orange.fr")
    except ValueError:
        log.exception("validation failed")
    text = _written(log_file)
    assert "zoe.dupont" not in text
    assert "2009-02-28" not in text
    assert "registration for" in text and "validation failed" in text


def test_structured_personal_fields_are_replaced(log_file: Path) -> None:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep()
    for handler in logging.getLogger().handlers:
        for flt in handler.filters:
            keep.addFilter(flt)
            break
    logging.getLogger().addHandler(keep)
    try:
        logging.getLogger("kiosk.test").info("x", extra={"last_name": "Dupont"})
    finally:
        logging.getLogger().removeHandler(keep)
    assert records and records[0].last_name == REDACTED  # type: ignore[attr-defined]


def test_crash_file_is_armed(log_file: Path) -> None:
    assert (log_file.parent / CRASH_FILE_NAME).exists()


def test_each_line_still_names_the_module_that_logged_it(log_file: Path) -> None:
    # "name" is a personal field in structured extras, but a record's own name is its logger.
    logging.getLogger("kiosk.sync.engine").warning("catalog refreshed")
    text = _written(log_file)
    assert "kiosk.sync.engine" in text and REDACTED not in text
