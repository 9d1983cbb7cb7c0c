"""Staff accounts and the PIN pad, against real SQLite files."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.audit import AuditJournal
from kiosk.clock import Clock
from kiosk.staff import (
    PIN_COST,
    STAFF_FILE_NAME,
    ScryptCost,
    StaffAccount,
    StaffStore,
    UnlockResult,
    check_pin,
    lockout_delay,
)

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
FAST = ScryptCost(n=16, r=1, p=1)  # tests only: the kiosk uses PIN_COST


@pytest.fixture
def clock() -> Clock:
    return Clock(frozen_at=T0)


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[StaffStore]:
    with StaffStore(tmp_path, clock, cost=FAST) as opened:
        yield opened


def test_add_and_list(store: StaffStore, clock: Clock) -> None:
    store.add("  Camille   Martin ", "482913")
    clock.freeze(T0 + timedelta(minutes=1))
    store.add("Léo", "739164")
    assert store.accounts() == [
        StaffAccount("Camille Martin", True, T0, None),
        StaffAccount("Léo", True, T0 + timedelta(minutes=1), None),
    ]


def test_disable_enable_and_reset(store: StaffStore, clock: Clock) -> None:
    store.add("Camille", "482913")
    store.disable("camille")
    assert store.accounts()[0].active is False
    assert store.unlock("482913").ok is False
    store.enable("CAMILLE")
    clock.freeze(T0 + timedelta(hours=1))
    result = store.unlock("482913")
    assert result == UnlockResult(True, "Camille", None, 0)
    assert store.accounts()[0].last_unlock_at == T0 + timedelta(hours=1)
    store.reset_pin("Camille", "905162")
    assert store.unlock("482913").ok is False
    assert store.unlock("905162").ok is True


def test_unknown_names(store: StaffStore) -> None:
    for action in (store.disable, store.enable):
        with pytest.raises(LookupError, match="no staff account named 'Nobody'"):
            action("Nobody")
    with pytest.raises(LookupError, match="no staff account named 'Nobody'"):
        store.reset_pin("Nobody", "482913")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "the name is empty"),
        ("   ", "the name is empty"),
        ("x" * 41, r"the name is too long \(41 characters, at most 40\)"),
        ("Tab\x07bell", "control characters"),
        ("=cmd()", "may not start with '='"),
    ],
)
def test_bad_names(store: StaffStore, name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        store.add(name, "482913")
    assert store.accounts() == []


def test_duplicate_names_ignore_case_and_spaces(store: StaffStore) -> None:
    store.add("Camille Martin", "482913")
    with pytest.raises(ValueError, match="a staff account named 'Camille Martin' already"):
        store.add("camille  martin", "739164")


@pytest.mark.parametrize(
    ("pin", "message"),
    [
        ("", "6 to 12 digits"),
        ("12345", "6 to 12 digits"),
        ("1234567890123", "6 to 12 digits"),
        ("48291a", "6 to 12 digits"),
        (" 482913", "6 to 12 digits"),
        ("٤٨٢٩١٣", "6 to 12 digits"),  # Arabic-Indic digits: not on the pad
        ("000000", "all its digits are the same"),
        ("77777777", "all its digits are the same"),
        ("123456", "follow each other"),
        ("654321", "follow each other"),
        ("34567890", "follow each other"),
        ("890123", "follow each other"),
    ],
)
def test_bad_pins(store: StaffStore, pin: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        store.add("Camille", pin)
    assert store.accounts() == []


def test_acceptable_pins() -> None:
    for pin in ("482913", "123457", "112233", "000000000001", "135791"):
        check_pin(pin)


def test_two_accounts_may_not_share_a_pin(store: StaffStore) -> None:
    store.add("Camille", "482913")
    with pytest.raises(ValueError, match="already used by another staff account") as error:
        store.add("Léo", "482913")
    assert "Camille" not in str(error.value)
    store.add("Léo", "739164")
    with pytest.raises(ValueError, match="already used by another staff account"):
        store.reset_pin("Léo", "482913")
    store.reset_pin("Camille", "482913")  # its own PIN again: fine
    # A disabled account keeps its PIN to itself, so that enabling it again stays safe.
    store.disable("Camille")
    with pytest.raises(ValueError, match="already used by another staff account"):
        store.reset_pin("Léo", "482913")


def test_the_file_holds_no_pin(store: StaffStore, tmp_path: Path) -> None:
    pins = ["48291357", "739164", "905162"]
    store.add("Camille", pins[0])
    store.add("Léo", pins[1])
    store.reset_pin("Léo", pins[2])
    assert store.unlock(pins[0]).ok
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob(STAFF_FILE_NAME + "*"))
    assert raw
    for pin in pins:
        assert pin.encode() not in raw
        assert pin.encode("utf-16-le") not in raw


def test_scrypt_parameters_and_salt_are_stored(store: StaffStore, tmp_path: Path) -> None:
    store.add("Camille", "482913")
    store.add("Léo", "739164")
    rows = sqlite3.connect(tmp_path / STAFF_FILE_NAME).execute(
        "SELECT scrypt_n, scrypt_r, scrypt_p, salt, pin_hash FROM accounts").fetchall()
    assert [row[:3] for row in rows] == [(16, 1, 1), (16, 1, 1)]
    assert all(len(row[3]) >= 16 and len(row[4]) == 32 for row in rows)
    assert rows[0][3] != rows[1][3]


def test_the_default_cost_is_the_measured_one(tmp_path: Path, clock: Clock) -> None:
    assert (PIN_COST.n, PIN_COST.r, PIN_COST.p) == (2**14, 12, 1)
    assert 128 * PIN_COST.n * PIN_COST.r >= 16 * 2**20  # memory-hard: 24 MiB per check
    with StaffStore(tmp_path, clock) as store:
        store.add("Camille", "482913")
        assert store.unlock("482913").ok
    row = sqlite3.connect(tmp_path / STAFF_FILE_NAME).execute(
        "SELECT scrypt_n, scrypt_r, scrypt_p FROM accounts").fetchone()
    assert row == (2**14, 12, 1)


def test_a_raised_cost_rehashes_at_the_next_unlock(tmp_path: Path, clock: Clock) -> None:
    with StaffStore(tmp_path, clock, cost=FAST) as store:
        store.add("Camille", "482913")
    stronger = ScryptCost(n=32, r=2, p=1)
    with StaffStore(tmp_path, clock, cost=stronger) as store:
        assert store.unlock("482913").ok
        assert store.unlock("482913").ok
    row = sqlite3.connect(tmp_path / STAFF_FILE_NAME).execute(
        "SELECT scrypt_n, scrypt_r FROM accounts").fetchone()
    assert row == (32, 2)


def test_the_pin_alone_finds_the_account(store: StaffStore) -> None:
    store.add("Camille", "482913")
    store.add("Léo", "739164")
    assert store.unlock("739164") == UnlockResult(True, "Léo", None, 0)
    assert store.unlock("482913").name == "Camille"


def test_no_default_account(store: StaffStore) -> None:
    assert store.accounts() == []
    for pin in ("000000", "123456", "1234", "0000"):
        assert store.unlock(pin).ok is False


def test_lockout_after_five_wrong_pins_with_growing_delays(
    store: StaffStore, clock: Clock
) -> None:
    store.add("Camille", "482913")
    for failures in range(1, 5):
        assert store.unlock("111111") == UnlockResult(False, None, None, failures)
    fifth = store.unlock("111112")
    assert fifth == UnlockResult(False, None, T0 + timedelta(seconds=30), 5)
    assert store.lock_state().locked_until == T0 + timedelta(seconds=30)
    # While locked, even the right PIN is refused without being checked.
    clock.freeze(T0 + timedelta(seconds=29))
    assert store.unlock("482913") == UnlockResult(False, None, T0 + timedelta(seconds=30), 5)
    # Each further wrong PIN locks longer.
    now = T0
    for failures, delay in ((6, 60), (7, 120), (8, 300), (9, 900), (10, 1800), (11, 3600),
                            (12, 3600)):
        now = now + timedelta(hours=2)
        clock.freeze(now)
        assert store.lock_state().locked_until is None
        result = store.unlock("111111")
        assert result == UnlockResult(False, None, now + timedelta(seconds=delay), failures)
    assert lockout_delay(4) is None and lockout_delay(100) == timedelta(hours=1)


def test_a_correct_pin_resets_the_counter(store: StaffStore, clock: Clock) -> None:
    store.add("Camille", "482913")
    for _ in range(4):
        store.unlock("111111")
    assert store.lock_state().failures == 4
    assert store.unlock("482913").ok
    assert store.lock_state().failures == 0
    for failures in range(1, 5):
        assert store.unlock("111111").failures == failures
    assert store.lock_state().locked_until is None


def test_the_lock_survives_a_restart(tmp_path: Path, clock: Clock) -> None:
    with StaffStore(tmp_path, clock, cost=FAST) as store:
        store.add("Camille", "482913")
        for _ in range(5):
            store.unlock("111111")
    with StaffStore(tmp_path, clock, cost=FAST) as store:
        state = store.lock_state()
        assert (state.failures, state.locked_until) == (5, T0 + timedelta(seconds=30))
        assert store.unlock("482913").ok is False
        clock.freeze(T0 + timedelta(seconds=30))
        assert store.unlock("482913").ok is True


def test_a_wrong_pin_counts_even_if_the_kiosk_dies_during_the_check(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with StaffStore(tmp_path, clock, cost=FAST) as store:
        store.add("Camille", "482913")

        def killed(*args: object) -> bool:
            raise SystemExit("killed")

        monkeypatch.setattr("kiosk.staff._matches", killed)
        with pytest.raises(SystemExit):
            store.unlock("111111")
    with StaffStore(tmp_path, clock, cost=FAST) as store:
        assert store.lock_state().failures == 1


def test_a_clock_set_back_does_not_lock_for_days(
    store: StaffStore, clock: Clock
) -> None:
    store.add("Camille", "482913")
    for _ in range(5):
        store.unlock("111111")
    clock.freeze(T0 - timedelta(days=3))  # the PC clock was wrong, then fixed backwards
    result = store.unlock("482913")
    assert result.locked_until == T0 - timedelta(days=3) + timedelta(hours=1)


def test_disabled_accounts_cannot_unlock(store: StaffStore) -> None:
    store.add("Camille", "482913")
    store.disable("Camille")
    assert store.unlock("482913") == UnlockResult(False, None, None, 1)


def test_events_go_to_the_journal_without_pins(tmp_path: Path, clock: Clock) -> None:
    with AuditJournal(tmp_path, clock) as journal, \
            StaffStore(tmp_path, clock, journal, cost=FAST) as store:
        store.add("Camille", "482913")
        store.add("Léo", "739164")
        store.disable("Léo")
        store.enable("Léo")
        store.reset_pin("Léo", "905162")
        assert store.unlock("482913").ok
        for _ in range(5):
            store.unlock("111111")
        events = [(e.kind, e.staff, e.detail) for e in journal.entries()]
        assert events == [
            ("staff_added", "Camille", None),
            ("staff_added", "Léo", None),
            ("staff_disabled", "Léo", None),
            ("staff_enabled", "Léo", None),
            ("staff_pin_reset", "Léo", None),
            ("staff_unlocked", "Camille", None),
            ("pin_failed", None, "1 in a row"),
            ("pin_failed", None, "2 in a row"),
            ("pin_failed", None, "3 in a row"),
            ("pin_failed", None, "4 in a row"),
            ("pin_failed", None, "5 in a row"),
            ("pin_lockout", None, "30 s"),
        ]
        assert journal.verify().ok
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("*.sqlite3*"))
    for pin in ("482913", "739164", "905162", "111111"):
        assert pin.encode() not in raw


def test_an_unusable_journal_does_not_stop_an_unlock(
    tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    journal = AuditJournal(tmp_path / "journal", clock)
    with StaffStore(tmp_path, clock, journal, cost=FAST) as store:
        store.add("Camille", "482913")
        journal.close()
        assert store.unlock("482913").ok
    assert "could not write the audit journal (staff_unlocked)" in caplog.text
    assert "482913" not in caplog.text
