"""The staff and audit commands, run in-process against the test's own data folder."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.audit import AUDIT_FILE_NAME, AuditJournal
from kiosk.clock import Clock
from kiosk.staff import StaffStore


@pytest.fixture
def data_dir(private_dirs: Path) -> Path:
    return private_dirs / "data"


@pytest.fixture
def pins(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the user types at each getpass prompt, in order."""
    typed: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        if not typed:
            raise EOFError
        return typed.pop(0)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    yield typed


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_commands_are_registered() -> None:
    assert {"staff", "audit"} <= cli.COMMANDS


def test_add_list_disable_enable_reset(
    data_dir: Path, pins: list[str], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pins += ["482913", "482913"]
    assert run(capsys, "staff", "add", "Camille") == (0, "staff account 'Camille' added\n", "")
    stdin(monkeypatch, "739164\n")
    assert run(capsys, "staff", "add", "Léo", "--pin-stdin")[0] == 0
    assert run(capsys, "staff", "disable", "léo") == (0, "staff account 'Léo' disabled\n", "")
    code, out, _ = run(capsys, "staff", "list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert lines[0].startswith("Camille  active    created ") and "last unlock never" in lines[0]
    assert lines[1].startswith("Léo      disabled  created ")
    assert lines[2] == "PIN pad: open (0 wrong PINs in a row)"
    assert run(capsys, "staff", "enable", "LÉO") == (0, "staff account 'Léo' enabled\n", "")
    pins += ["905162", "905162"]
    assert run(capsys, "staff", "reset-pin", "Léo") == (0, "new PIN set for 'Léo'\n", "")
    with StaffStore(data_dir, Clock()) as store:
        assert store.unlock("905162").name == "Léo"
        assert store.unlock("739164").ok is False
    with AuditJournal(data_dir) as journal:
        assert [e.kind for e in journal.entries()] == [
            "staff_added", "staff_added", "staff_disabled", "staff_enabled", "staff_pin_reset"]
        assert journal.verify().ok


def test_no_accounts(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "staff", "list")
    assert code == 0
    assert out.splitlines()[0] == (
        "no staff account: add one with 'passculture-kiosk staff add NAME'")


def test_mismatching_pins(data_dir: Path, pins: list[str], capsys: pytest.CaptureFixture[str]
                          ) -> None:
    pins += ["482913", "482914"]
    assert run(capsys, "staff", "add", "Camille") == (
        2, "", "error: the two PINs differ: nothing was changed\n")
    assert run(capsys, "staff", "list")[1].startswith("no staff account")


def test_a_bad_pin_is_said_at_the_first_prompt(
    data_dir: Path, pins: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    pins += ["123456"]  # no second entry: it must not be asked
    code, _, err = run(capsys, "staff", "add", "Camille")
    assert code == 2
    assert err == ("error: the PIN is too easy to guess: its digits follow each other "
                   "(like 123456 or 654321)\n")


def test_no_pin_typed(data_dir: Path, pins: list[str], capsys: pytest.CaptureFixture[str]
                      ) -> None:
    assert run(capsys, "staff", "add", "Camille")[:3] == (
        2, "", "error: no PIN given: nothing was changed\n")


@pytest.mark.parametrize(
    ("argv", "stdin_text", "message"),
    [
        (["staff", "add", "  ", "--pin-stdin"], "482913\n", "error: the name is empty\n"),
        (["staff", "add", "Camille", "--pin-stdin"], "", "error: no PIN on stdin\n"),
        (["staff", "add", "Camille", "--pin-stdin"], "4829\n",
         "error: the PIN must be 6 to 12 digits (0-9), nothing else\n"),
        (["staff", "disable", "Nobody"], "",
         "error: no staff account named 'Nobody' (see 'staff list')\n"),
        (["staff", "enable", "Nobody"], "",
         "error: no staff account named 'Nobody' (see 'staff list')\n"),
        (["staff", "reset-pin", "Nobody", "--pin-stdin"], "482913\n",
         "error: no staff account named 'Nobody' (see 'staff list')\n"),
    ],
)
def test_bad_input(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    argv: list[str], stdin_text: str, message: str,
) -> None:
    stdin(monkeypatch, stdin_text)
    assert run(capsys, *argv) == (2, "", message)


def test_duplicates_are_refused(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, "482913\n")
    assert run(capsys, "staff", "add", "Camille", "--pin-stdin")[0] == 0
    stdin(monkeypatch, "739164\n")
    assert run(capsys, "staff", "add", "camille", "--pin-stdin") == (
        2, "", "error: a staff account named 'Camille' already exists\n")
    stdin(monkeypatch, "482913\n")
    assert run(capsys, "staff", "add", "Léo", "--pin-stdin") == (
        2, "", "error: this PIN is already used by another staff account: choose another one\n")


def test_list_shows_a_locked_pad(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    with StaffStore(data_dir, Clock()) as store:
        for _ in range(5):
            store.unlock("111111")
    out = run(capsys, "staff", "list")[1]
    assert out.splitlines()[-1].startswith("PIN pad: locked until ")
    assert out.splitlines()[-1].endswith("(5 wrong PINs in a row)")


def test_clear_lock_lifts_the_lock_now_and_journals_it(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # A visitor played with the hidden pad: staff should not wait up to an hour.
    stdin(monkeypatch, "482913\n")
    assert run(capsys, "staff", "add", "Camille", "--pin-stdin")[0] == 0
    with StaffStore(data_dir, Clock()) as store:
        for _ in range(5):
            store.unlock("111111")
        assert not store.unlock("482913").ok  # locked: even the right PIN
    code, out, _ = run(capsys, "staff", "clear-lock")
    assert code == 0 and out.startswith("PIN pad unlocked (it was locked until ")
    assert "after 5 wrong PINs in a row" in out
    with StaffStore(data_dir, Clock()) as store:
        assert store.unlock("482913").ok
    with AuditJournal(data_dir) as journal:
        kinds = [entry.kind for entry in journal.entries()]
    assert "pin_lockout_cleared" in kinds
    assert run(capsys, "staff", "clear-lock")[1] == (
        "PIN pad was not locked; 0 wrong PINs in a row forgotten\n")


def test_data_dir_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    stdin(monkeypatch, "482913\n")
    assert run(capsys, "staff", "add", "Camille", "--pin-stdin",
               "--data-dir", str(elsewhere))[0] == 0
    assert (elsewhere / "staff.sqlite3").is_file()
    assert (elsewhere / AUDIT_FILE_NAME).is_file()


def fill_journal(data_dir: Path) -> None:
    with AuditJournal(data_dir) as journal:
        journal.append("staff_unlocked", staff="Camille")
        journal.append("prereg_created", record_id="pr-1f3a", staff="Camille")
        journal.append("prereg_sent", record_id="pr-1f3a", detail="HTTP 201")


def test_verify_ok(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill_journal(data_dir)
    assert run(capsys, "audit", "verify") == (
        0, f"journal: {data_dir / AUDIT_FILE_NAME} (3 entries)\njournal OK\n", "")


def test_verify_lists_the_problems(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill_journal(data_dir)
    connection = sqlite3.connect(data_dir / AUDIT_FILE_NAME)
    connection.execute("DROP TRIGGER entries_no_delete")
    connection.execute("DELETE FROM entries WHERE seq = 1")
    connection.commit()
    connection.close()
    code, out, err = run(capsys, "audit", "verify")
    assert code == 1
    assert out.splitlines()[1].startswith("problem: entry 1 missing")
    assert err == "error: the journal was altered or damaged (1 problems)\n"


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_round_trips(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill_journal(data_dir)
    code, out, err = run(capsys, "audit", "export", "--since", "2000-01-01")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "sequence,time_utc,kind,staff,record_id,detail,hash"
    rows = read_csv(out)
    with AuditJournal(data_dir) as journal:
        entries = journal.entries()
    assert [(int(r["sequence"]), r["time_utc"], r["kind"], r["staff"] or None,
             r["record_id"] or None, r["detail"] or None, r["hash"]) for r in rows] == [
        (e.seq, e.at.isoformat(), e.kind, e.staff, e.record_id, e.detail, e.hash)
        for e in entries]


def test_export_to_a_file_and_since(data_dir: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    fill_journal(data_dir)
    output = tmp_path / "audit.csv"
    code, out, _ = run(capsys, "audit", "export", "--since", "2000-01-01", "--output",
                       str(output))
    assert code == 0 and out.startswith("wrote 3 entries since 2000-01-01T00:00:00+00:00 to ")
    assert len(read_csv(output.read_text(encoding="utf-8-sig"))) == 3
    assert run(capsys, "audit", "export", "--since", "9999-01-01")[1].splitlines() == [
        "sequence,time_utc,kind,staff,record_id,detail,hash"]


@pytest.mark.parametrize("since", ["2025-13-01", "yesterday", "01/06/2025", ""])
def test_export_refuses_a_bad_date(data_dir: Path, capsys: pytest.CaptureFixture[str],
                                   since: str) -> None:
    code, out, err = run(capsys, "audit", "export", "--since", since)
    assert (code, out) == (2, "")
    assert "expected a date like 2025-06-01 (YYYY-MM-DD)" in err


def test_export_to_an_unwritable_place(data_dir: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "audit", "export", "--since", "2000-01-01", "--output",
                       str(tmp_path / "missing" / "audit.csv"))
    assert code == 1 and err.startswith("error: cannot write ")
