"""Tests of kiosk.storage.outbox: states, backoff, retention, encryption at rest, damage."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk import config
from kiosk.health import check_health, heartbeat_health
from kiosk.secrets import SECRETS_FILE_NAME, FileKeyring, SecretStore
from kiosk.storage.outbox import (
    FINISH_URL_KEEP,
    MAX_RETRY,
    MIGRATIONS,
    OUTBOX_FILE_NAME,
    Outbox,
    OutboxDamaged,
    OutboxError,
    PayloadGone,
    Undecryptable,
    UnknownRecord,
    damaged_outbox_files,
    open_outbox,
    outbox_depth,
)

NOW = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)
KEY = bytes(range(32))
CONSENT = "consentement-2025-05-v1"

# Distinctive values, so that finding any of them in a file cannot be a coincidence.
EMAIL = "zephyrine.quillard-marchetti@exemple-unique.fr"
FIRST_NAME = "Zéphyrine"
LAST_NAME = "Quillard-Marchetti"
ADDRESS = "17 bis impasse des Tilleuls-Argentés"
BIRTH_DATE = "2008-02-29"
CITY = "Saint-Amand-Montrond"
FINISH_URL = "https://passculture.app/creation-compte?preinscription=f00dfacecafe4b1d9e4aa2c3"
SERVER_MESSAGE = f"L'adresse {EMAIL} est déjà utilisée par {FIRST_NAME} {LAST_NAME}."


def payload(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "email": EMAIL, "birthdate": BIRTH_DATE, "firstName": FIRST_NAME,
        "lastName": LAST_NAME, "postalCode": "18200", "city": CITY, "address": ADDRESS,
        "activityId": "HIGH_SCHOOL_STUDENT", "marketingEmailSubscription": False,
    }  # fmt: skip
    body.update(changes)
    return body


def load(tmp_path: Path, **settings: str) -> config.Config:
    environ = {
        "PCK_SYSTEM_CONFIG_FILE": str(tmp_path / "none-system.toml"),
        "PCK_USER_CONFIG_FILE": str(tmp_path / "none-user.toml"),
        "PCK_DATA_DIR": str(tmp_path / "data"),
        "PCK_SECRETS_BACKEND": "file",
        "PCK_ALLOW_PLAINTEXT_SECRETS": "1",
    }
    environ.update({f"PCK_{name.upper()}": value for name, value in settings.items()})
    cfg = config.load(environ=environ)
    assert cfg.problems == []
    return cfg


@pytest.fixture
def outbox(tmp_path: Path) -> Any:
    box = Outbox(tmp_path / OUTBOX_FILE_NAME, KEY, rng=random.Random(7))
    yield box
    box.close()


@pytest.fixture
def cfg(tmp_path: Path) -> config.Config:
    return load(tmp_path)


@pytest.fixture
def stored(cfg: config.Config) -> Any:
    """The kiosk's outbox with its keys in a (file) secret store."""
    box = open_outbox(cfg)
    yield box
    box.close()


@dataclass
class Journal:
    """A journal that keeps its events in a list (same append signature as AuditJournal)."""

    events: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    fail: bool = False

    def append(self, kind: str, *, at: datetime, staff: str | None = None,
               record_id: str | None = None, detail: str | None = None) -> None:
        if self.fail:
            raise OSError("journal disk full")
        self.events.append((kind, record_id, staff))


def stored_keys(cfg: config.Config) -> list[str]:
    """The outbox keys in the (file) secret store, as ``<file id>-<serial>`` names."""
    path = Path(cfg.data_dir) / SECRETS_FILE_NAME
    if not path.exists():
        return []
    data: dict[str, dict[str, str]] = json.loads(path.read_text())
    names = data.get("passculture-kiosk", {})
    return sorted(name.removeprefix("outbox-key-") for name in names)


def serials(cfg: config.Config) -> list[int]:
    return [int(name.rsplit("-", 1)[1]) for name in stored_keys(cfg)]


def stored_key(cfg: config.Config, serial: int) -> bytes:
    [name] = [name for name in stored_keys(cfg) if name.endswith(f"-{serial}")]
    key = SecretStore(cfg).get_outbox_key(name)
    assert key is not None and len(key) == 32
    return key


# --- states ------------------------------------------------------------------------------------


def test_a_new_record_is_due_at_once_with_its_payload_and_consent_version(outbox: Outbox) -> None:
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    [item] = outbox.due(NOW)
    assert item.id == record and item.status == "pending" and item.attempts == 0
    assert item.created_at == NOW and item.next_attempt_at == NOW
    assert outbox.payload(record) == payload()
    assert outbox.consent_version(record) == CONSENT
    assert outbox.depth() == 1
    assert outbox.due(NOW - timedelta(seconds=1)) == []


def test_each_record_gets_fresh_random_ids(outbox: Outbox) -> None:
    first = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    second = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    items = {item.id: item for item in outbox.due(NOW)}
    assert first != second
    keys = {items[first].idempotency_key, items[second].idempotency_key}
    assert len(keys) == 2 and not keys & {first, second}


def test_add_refuses_what_is_not_json_and_bad_consent_versions(outbox: Outbox) -> None:
    with pytest.raises(ValueError, match="JSON"):
        outbox.add({"when": NOW}, consent_version=CONSENT, now=NOW)
    with pytest.raises(ValueError, match="JSON"):
        outbox.add({"x": float("nan")}, consent_version=CONSENT, now=NOW)
    with pytest.raises(ValueError, match="consent"):
        outbox.add(payload(), consent_version="", now=NOW)
    assert outbox.depth() == 0


def test_due_is_oldest_first_and_limited(outbox: Outbox) -> None:
    ids = [outbox.add(payload(), consent_version=CONSENT, now=NOW + timedelta(seconds=i))
           for i in range(5)]  # fmt: skip
    assert [item.id for item in outbox.due(NOW + timedelta(minutes=1))] == ids
    assert [item.id for item in outbox.due(NOW + timedelta(minutes=1), 2)] == ids[:2]


def test_backoff_doubles_from_30_seconds_up_to_an_hour(outbox: Outbox) -> None:
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    waits = []
    now = NOW
    for _ in range(10):
        next_at = outbox.mark_failed(record, "connection refused", now, kind="unreachable")
        assert next_at is not None
        waits.append((next_at - now).total_seconds())
        assert outbox.due(now) == [] and outbox.due(next_at)[0].id == record
        now = next_at
    assert 22.5 <= waits[0] <= 30
    assert all(later > earlier for earlier, later in zip(waits[:7], waits[1:8], strict=True))
    assert max(waits) <= MAX_RETRY.total_seconds()
    assert waits[-1] >= 0.75 * MAX_RETRY.total_seconds()
    assert outbox.item(record).attempts == 10
    [row] = outbox.items()
    assert row.error_kind == "unreachable" and row.status == "pending"
    assert outbox.error_message(record) == "connection refused"


def test_retry_after_is_a_floor_within_the_maximum(outbox: Outbox) -> None:
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    next_at = outbox.mark_failed(record, "429", NOW, kind="rate-limited", retry_after=600)
    assert next_at == NOW + timedelta(seconds=600)
    next_at = outbox.mark_failed(record, "429", NOW, retry_after=86400)
    assert next_at == NOW + MAX_RETRY


def test_a_refused_record_waits_for_staff_who_retry_or_cancel_it(outbox: Outbox) -> None:
    journal = Journal()
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW, journal=journal,
                        staff="Camille")  # fmt: skip
    assert outbox.mark_rejected(record, SERVER_MESSAGE, NOW, kind="rejected: email")
    assert outbox.due(NOW + timedelta(days=1)) == []
    assert outbox.depth() == 1
    summary = outbox.summary(NOW)
    assert (summary.pending, summary.needs_staff) == (0, 1)
    [row] = outbox.items()
    assert (row.status, row.error_kind, row.attempts) == ("needs_staff", "rejected: email", 1)
    assert outbox.error_message(record) == SERVER_MESSAGE
    assert not outbox.mark_rejected(record, "again", NOW)  # only a pending record

    assert outbox.retry(record, NOW, journal=journal, staff="Camille")
    assert not outbox.retry(record, NOW)
    [item] = outbox.due(NOW)
    assert item.id == record and outbox.items()[0].error_kind is None

    assert outbox.cancel(record, NOW, journal=journal, staff="Camille")
    assert not outbox.cancel(record, NOW)
    assert outbox.item(record).status == "cancelled" and outbox.depth() == 0
    with pytest.raises(PayloadGone):
        outbox.payload(record)
    assert journal.events == [
        ("prereg_created", record, "Camille"),
        ("prereg_retried", record, "Camille"),
        ("prereg_cancelled", record, "Camille"),
    ]


def test_a_failing_journal_does_not_undo_the_outbox(outbox: Outbox) -> None:
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW, journal=Journal(fail=True))
    assert outbox.due(NOW)[0].id == record


def test_sent_deletes_the_payload_and_keeps_the_link_a_few_minutes(outbox: Outbox) -> None:
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    outbox.mark_failed(record, "reset", NOW)
    outbox.mark_sent(record, server_id="srv-1", finish_url=FINISH_URL, now=NOW)
    with pytest.raises(PayloadGone):
        outbox.payload(record)
    assert outbox.error_message(record) is None
    assert outbox.due(NOW + timedelta(days=1)) == [] and outbox.depth() == 0
    assert outbox.finish_url(record) == FINISH_URL
    assert outbox.finish_url(record, NOW + FINISH_URL_KEEP - timedelta(seconds=1)) == FINISH_URL
    assert outbox.finish_url(record, NOW + FINISH_URL_KEEP) is None
    assert outbox.summary(NOW).sent_today == 1
    assert outbox.summary(NOW + timedelta(days=2)).sent_today == 0
    [row] = outbox.items()
    assert (row.status, row.sent_at, row.attempts) == ("sent", NOW, 2)
    # A second acknowledgement (the other lane, a replay) changes nothing.
    outbox.mark_sent(record, server_id="srv-1", finish_url=FINISH_URL, now=NOW)
    assert outbox.purge(NOW + FINISH_URL_KEEP) == []
    assert outbox.finish_url(record) is None
    assert not outbox.cancel(record, NOW)


def test_forget_sent_wipes_the_link_at_once(outbox: Outbox) -> None:
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    outbox.mark_sent(record, server_id="srv-1", finish_url=FINISH_URL, now=NOW)
    outbox.forget_sent(record)
    assert outbox.finish_url(record) is None
    outbox.forget_sent("no-such-record")


def test_a_record_cancelled_while_in_flight_is_marked_sent(outbox: Outbox) -> None:
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    outbox.cancel(record, NOW)
    outbox.mark_sent(record, server_id="srv-1", finish_url=FINISH_URL, now=NOW)
    assert outbox.item(record).status == "sent"


def test_unknown_records_are_refused(outbox: Outbox) -> None:
    for call in (lambda: outbox.payload("nope"), lambda: outbox.item("nope"),
                 lambda: outbox.cancel("nope", NOW), lambda: outbox.retry("nope", NOW),
                 lambda: outbox.mark_failed("nope", "x", NOW),
                 lambda: outbox.mark_sent("nope", server_id="s", finish_url="u", now=NOW)):
        with pytest.raises(UnknownRecord):
            call()  # type: ignore[no-untyped-call]
    assert outbox.finish_url("nope") is None


# --- retention ---------------------------------------------------------------------------------


def test_purge_erases_unsent_records_after_the_retention(outbox: Outbox) -> None:
    old = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    refused = outbox.add(payload(), consent_version=CONSENT, now=NOW + timedelta(hours=1))
    outbox.mark_rejected(refused, SERVER_MESSAGE, NOW)
    recent = outbox.add(payload(), consent_version=CONSENT, now=NOW + timedelta(days=10))
    later = NOW + timedelta(days=30, hours=2)
    assert outbox.purge(later) == [old, refused]
    assert outbox.purge(later) == []
    for record in (old, refused):
        assert outbox.item(record).status == "purged"
        with pytest.raises(PayloadGone):
            outbox.payload(record)
        assert outbox.error_message(record) is None
    assert outbox.payload(recent) == payload()
    summary = outbox.summary(later)
    assert (summary.pending, summary.needs_staff, summary.oldest_pending_at) == (
        1, 0, NOW + timedelta(days=10))  # fmt: skip
    # The pseudonymous rows of closed records go after the same delay.
    assert outbox.purge(later + timedelta(days=30)) == [recent]
    assert {row.id for row in outbox.items()} == {recent}
    assert outbox.purge(later + timedelta(days=61)) == []
    assert outbox.items() == []


def test_retention_comes_from_the_configuration(tmp_path: Path) -> None:
    cfg = load(tmp_path, outbox_retention_days="7")
    with open_outbox(cfg) as box:
        assert box.retention == timedelta(days=7)
        record = box.add(payload(), consent_version=CONSENT, now=NOW)
        assert box.purge(NOW + timedelta(days=6)) == []
        assert box.purge(NOW + timedelta(days=7)) == [record]


# --- encryption at rest ------------------------------------------------------------------------


PLANTED = (EMAIL, FIRST_NAME, LAST_NAME, ADDRESS, BIRTH_DATE, CITY, FINISH_URL,
           "Quillard", "Tilleuls", "2008-02")  # fmt: skip


def file_bytes(path: Path) -> dict[str, bytes]:
    return {
        suffix or "db": path.with_name(path.name + suffix).read_bytes()
        for suffix in ("", "-wal", "-shm")
        if path.with_name(path.name + suffix).exists()
    }


def assert_nothing_planted(path: Path, extra: tuple[bytes, ...] = ()) -> None:
    files = file_bytes(path)
    assert files["db"] and "-wal" in files and "-shm" in files
    for name, content in files.items():
        lowered = content.lower()
        for value in PLANTED:
            for encoded in (value.encode("utf-8"), value.encode("utf-16-le"),
                            value.encode("latin-1", "replace")):  # fmt: skip
                assert encoded.lower() not in lowered, f"{value!r} in {name}"
        for secret in extra:
            assert secret not in content, f"a secret in {name}"


def test_no_personal_data_reaches_the_files(stored: Outbox, cfg: config.Config) -> None:
    records = [stored.add(payload(), consent_version=CONSENT, now=NOW) for _ in range(3)]
    stored.mark_failed(records[0], f"timeout for {EMAIL}", NOW)
    stored.mark_rejected(records[1], SERVER_MESSAGE, NOW, kind="rejected: email")
    assert stored.payload(records[0]) == payload()  # really there, only sealed
    assert stored.error_message(records[1]) == SERVER_MESSAGE
    key = stored_key(cfg, 1)
    assert len(file_bytes(stored.path)["-wal"]) > 10_000  # the data is in the WAL for now
    assert_nothing_planted(stored.path, extra=(key,))
    stored.mark_sent(records[2], server_id="srv-1", finish_url=FINISH_URL, now=NOW)
    assert stored.finish_url(records[2]) == FINISH_URL
    stored.add(payload(), consent_version=CONSENT, now=NOW)
    assert_nothing_planted(stored.path, extra=(key,))


def test_a_sent_payload_leaves_no_trace_in_the_files(outbox: Outbox) -> None:
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    with sqlite3.connect(outbox.path) as raw:
        sealed = raw.execute("SELECT payload FROM records WHERE id = ?", (record,)).fetchone()[0]
    raw.close()
    assert len(sealed) % 256 == 5 + 12 + 16  # header, nonce, tag; the text padded to 256
    assert any(sealed[20:60] in content for content in file_bytes(outbox.path).values())
    outbox.mark_sent(record, server_id="srv-1", finish_url=FINISH_URL, now=NOW)
    outbox.purge(NOW + FINISH_URL_KEEP)
    for name, content in file_bytes(outbox.path).items():
        assert sealed[20:60] not in content, f"the deleted ciphertext is still in {name}"


def test_swapped_ciphertexts_do_not_open(outbox: Outbox) -> None:
    first = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    second = outbox.add(payload(email="autre@exemple.fr"), consent_version=CONSENT, now=NOW)
    with sqlite3.connect(outbox.path) as raw:
        blobs = dict(raw.execute("SELECT id, payload FROM records").fetchall())
        raw.execute("UPDATE records SET payload = ? WHERE id = ?", (blobs[second], first))
        raw.execute("UPDATE records SET payload = ? WHERE id = ?", (blobs[first], second))
        # …nor does a payload moved into another column of its own row.
        raw.execute("UPDATE records SET error = payload WHERE id = ?", (first,))
    raw.close()
    for record in (first, second):
        with pytest.raises(Undecryptable):
            outbox.payload(record)
    with pytest.raises(Undecryptable):
        outbox.error_message(first)


def test_an_altered_ciphertext_does_not_open(outbox: Outbox) -> None:
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    with sqlite3.connect(outbox.path) as raw:
        blob = bytearray(raw.execute("SELECT payload FROM records").fetchone()[0])
        blob[40] ^= 1
        raw.execute("UPDATE records SET payload = ?", (bytes(blob),))
    raw.close()
    with pytest.raises(Undecryptable):
        outbox.payload(record)


def test_the_key_lives_in_the_secret_store_and_is_forgotten_once_drained(
    stored: Outbox, cfg: config.Config
) -> None:
    assert stored_keys(cfg) == []  # created on first use
    record = stored.add(payload(), consent_version=CONSENT, now=NOW)
    assert serials(cfg) == [1]
    key = stored_key(cfg, 1)
    assert key not in b"".join(file_bytes(stored.path).values())
    stored.mark_sent(record, server_id="srv-1", finish_url=FINISH_URL, now=NOW)
    assert serials(cfg) == [1]  # the link is still sealed with it
    stored.purge(NOW + FINISH_URL_KEEP)
    assert stored_keys(cfg) == []  # no ciphertext left: its key is gone for good
    second = stored.add(payload(), consent_version=CONSENT, now=NOW)
    assert serials(cfg) == [2]
    assert stored.payload(second) == payload()
    stored.cancel(second, NOW)
    assert stored_keys(cfg) == []


def test_another_process_sees_the_same_key(stored: Outbox, cfg: config.Config) -> None:
    record = stored.add(payload(), consent_version=CONSENT, now=NOW)
    with open_outbox(cfg) as other:
        assert other.payload(record) == payload()
        second = other.add(payload(city="Vierzon"), consent_version=CONSENT, now=NOW)
    assert stored.payload(second)["city"] == "Vierzon"
    assert serials(cfg) == [1]


def test_a_lost_key_makes_its_records_unreadable_but_not_the_outbox(
    stored: Outbox, cfg: config.Config
) -> None:
    record = stored.add(payload(), consent_version=CONSENT, now=NOW)
    [name] = stored_keys(cfg)
    SecretStore(cfg).delete_outbox_key(name)  # e.g. the OS profile was recreated
    with open_outbox(cfg) as reopened:
        with pytest.raises(Undecryptable, match="not in the secret store"):
            reopened.payload(record)
        second = reopened.add(payload(), consent_version=CONSENT, now=NOW)
        assert reopened.payload(second) == payload()
        assert serials(cfg) == [2]


def test_a_refused_secret_store_is_an_explicit_error(tmp_path: Path) -> None:
    cfg = load(tmp_path, allow_plaintext_secrets="0")
    with pytest.raises(OutboxError, match="secret store"):
        open_outbox(cfg)


# --- damage and status -------------------------------------------------------------------------


def test_a_damaged_file_is_moved_aside_and_reported(tmp_path: Path) -> None:
    path = tmp_path / OUTBOX_FILE_NAME
    garbage = b"this is not a database, but it may be someone's only copy " * 100
    path.write_bytes(garbage)
    with pytest.raises(OutboxDamaged):
        Outbox(path, KEY)  # the constructor never moves anything
    assert path.read_bytes() == garbage
    box = Outbox.open(path, KEY)
    try:
        [aside] = damaged_outbox_files(tmp_path)
        assert aside.read_bytes() == garbage
        assert box.problem is not None and aside.name in box.problem
        assert box.damaged_files() == [aside] and box.summary(NOW).damaged_files == 1
        record = box.add(payload(), consent_version=CONSENT, now=NOW)  # usable again
        assert box.due(NOW)[0].id == record
    finally:
        box.close()
    with Outbox.open(path, KEY) as again:
        assert again.problem is None  # reported once at opening, then by status
        assert again.damaged_files() == [aside]


def test_a_new_outbox_never_touches_the_keys_of_a_damaged_one(cfg: config.Config) -> None:
    path = Path(cfg.data_dir) / OUTBOX_FILE_NAME
    with open_outbox(cfg) as box:
        box.add(payload(), consent_version=CONSENT, now=NOW)
    [old_key] = stored_keys(cfg)
    content = bytearray(path.read_bytes())
    content[:16] = b"not a database!!"
    path.write_bytes(bytes(content))
    with open_outbox(cfg) as box:
        assert box.problem is not None
        record = box.add(payload(), consent_version=CONSENT, now=NOW)
        assert len(stored_keys(cfg)) == 2  # a key of its own, same serial, other file id
        box.cancel(record, NOW)  # drained: its own key goes, the old one stays
    assert stored_keys(cfg) == [old_key]  # what recovering the moved file needs


def test_a_corrupted_page_is_detected(outbox: Outbox, tmp_path: Path) -> None:
    for _ in range(50):
        outbox.add(payload(), consent_version=CONSENT, now=NOW)
    outbox.close()
    path = tmp_path / OUTBOX_FILE_NAME
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    content = bytearray(path.read_bytes())
    page = 4096
    assert len(content) > 4 * page
    content[2 * page : 3 * page] = os.urandom(page)
    path.write_bytes(bytes(content))
    with Outbox.open(path, KEY) as box:
        assert box.problem is not None
        assert len(damaged_outbox_files(tmp_path)) == 1
        assert box.depth() == 0


def test_a_newer_outbox_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / OUTBOX_FILE_NAME
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    raw.close()
    with pytest.raises(OutboxError, match="newer") as caught:
        Outbox.open(path, KEY)
    assert not isinstance(caught.value, OutboxDamaged)
    assert path.exists() and damaged_outbox_files(tmp_path) == []


def test_depth_is_read_without_the_key(outbox: Outbox, tmp_path: Path) -> None:
    path = tmp_path / OUTBOX_FILE_NAME
    outbox.add(payload(), consent_version=CONSENT, now=NOW)
    refused = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    outbox.mark_rejected(refused, "x", NOW)
    sent = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    outbox.mark_sent(sent, server_id="s", finish_url=FINISH_URL, now=NOW)
    assert outbox_depth(path) == 2 == outbox.depth()
    assert outbox_depth(tmp_path / "missing.sqlite3") is None
    (tmp_path / "garbage.sqlite3").write_bytes(b"garbage" * 1000)
    assert outbox_depth(tmp_path / "garbage.sqlite3") is None


def test_status_reports_the_depth_and_damaged_outboxes(cfg: config.Config) -> None:
    data_dir = Path(cfg.data_dir)
    assert check_health(cfg, NOW).outbox_depth is None  # never opened
    with open_outbox(cfg) as box:
        box.add(payload(), consent_version=CONSENT, now=NOW)
    assert check_health(cfg, NOW).outbox_depth == 1
    (data_dir / OUTBOX_FILE_NAME).write_bytes(b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        (data_dir / (OUTBOX_FILE_NAME + suffix)).unlink(missing_ok=True)
    health = check_health(cfg, NOW)
    assert health.outbox_depth is None
    assert any("outbox unreadable" in problem for problem in health.problems)
    with open_outbox(cfg) as box:
        assert box.problem is not None
    health = check_health(cfg, NOW)
    assert health.outbox_depth == 0
    assert any("damaged outbox moved aside" in problem for problem in health.problems)
    assert any("damaged outbox" in problem for problem in heartbeat_health(cfg, NOW)["problems"])  # type: ignore[union-attr]


def test_a_damaged_key_in_the_store_is_an_error_not_a_refusal(
    stored: Outbox, cfg: config.Config
) -> None:
    record = stored.add(payload(), consent_version=CONSENT, now=NOW)
    [name] = stored_keys(cfg)
    FileKeyring(Path(cfg.data_dir) / SECRETS_FILE_NAME).set_password(
        "passculture-kiosk", f"outbox-key-{name}", "not base64!")
    with open_outbox(cfg) as reopened:
        with pytest.raises(OutboxError, match="damaged") as caught:
            reopened.payload(record)
        assert not isinstance(caught.value, Undecryptable)  # nothing goes to staff for it


def test_a_record_damaged_past_sqlites_check_is_an_error_never_skipped(outbox: Any) -> None:
    # Found by the disk-trouble suite: a bit flip inside a date ("20r6-…") passes SQLite's
    # quick check; reading it raised a bare ValueError that nothing above expected.
    record = outbox.add(payload(), consent_version=CONSENT, now=NOW)
    raw = sqlite3.connect(outbox.path)
    raw.execute("UPDATE records SET created_at = '20r6-06-01T09:00:00.000000Z'")
    raw.commit()
    raw.close()
    for read in (outbox.items, lambda: outbox.due(NOW + timedelta(days=1)),
                 lambda: outbox.item(record)):
        with pytest.raises(OutboxError, match="damaged record"):
            read()
