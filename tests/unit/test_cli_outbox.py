"""`outbox discard-damaged`: a moved-aside outbox and its keys, deleted only when asked."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk import cli, config
from kiosk.audit import AuditJournal
from kiosk.storage.outbox import OUTBOX_FILE_NAME, open_outbox
from tests.unit.test_outbox import CONSENT, payload

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
ASIDE = OUTBOX_FILE_NAME + ".corrupt-20261129T090000Z"


@pytest.fixture
def data_dir(private_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PCK_SECRETS_BACKEND", "file")
    monkeypatch.setenv("PCK_ALLOW_PLAINTEXT_SECRETS", "1")
    return private_dirs / "data"


def _moved_aside_outbox(data_dir: Path, records: int) -> Path:
    """An outbox holding ``records`` unsent pre-registrations, as the kiosk moves it aside."""
    with open_outbox(config.load({})) as outbox:
        for number in range(records):
            outbox.add(payload(email=f"eleve{number}@exemple.fr"), consent_version=CONSENT,
                       now=NOW)
    aside = data_dir / ASIDE
    (data_dir / OUTBOX_FILE_NAME).rename(aside)
    return aside


def _outbox_keys(data_dir: Path) -> list[str]:
    stored = json.loads((data_dir / "secrets.json").read_text(encoding="utf-8"))
    return [name for names in stored.values() for name in names if "outbox-key" in name]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_without_yes_it_only_lists(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aside = _moved_aside_outbox(data_dir, 2)
    code, out, _ = run(capsys, "outbox", "discard-damaged")
    assert code == 0
    assert f"{aside}: 2 unsent pre-registrations; its keys can be found" in out
    assert "nothing deleted: run again with --yes" in out
    assert aside.exists() and _outbox_keys(data_dir)


def test_with_yes_the_file_and_its_keys_are_gone_and_journalled(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aside = _moved_aside_outbox(data_dir, 2)
    assert len(_outbox_keys(data_dir)) == 1
    code, out, err = run(capsys, "outbox", "discard-damaged", "--yes")
    assert (code, err) == (0, "")
    assert f"deleted {ASIDE} and 1 key(s) from the secret store" in out
    assert not aside.exists()
    assert _outbox_keys(data_dir) == []
    with AuditJournal(data_dir) as journal:
        assert [e.kind for e in journal.entries()][-1] == "outbox_discarded"
    assert run(capsys, "outbox", "discard-damaged")[1] == "no damaged outbox file\n"


def test_a_file_too_damaged_to_name_its_keys_is_still_deleted(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir(parents=True)
    aside = data_dir / ASIDE
    aside.write_bytes(b"\x00garbage" * 512)
    out = run(capsys, "outbox", "discard-damaged")[1]
    assert "an unknown number of unsent pre-registrations" in out
    assert "its keys cannot be named (damaged)" in out
    code, out, _ = run(capsys, "outbox", "discard-damaged", "--yes")
    assert code == 0 and f"deleted {ASIDE} and 0 key(s)" in out
    assert not aside.exists()
