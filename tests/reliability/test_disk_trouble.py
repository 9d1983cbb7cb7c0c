"""Disk trouble (issue 9, item 3): a full disk, a read-only data folder, damaged files.

Every command runs the real ``passculture-kiosk`` CLI in a child process over a copy of a
kiosk home that one real training sync filled (catalog, local state, training simulator).
What each test proves is in docs/reliability-disk-fuzz.md. Figures are printed as
``FIGURE name value`` lines (``pytest -s`` shows them).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk import config
from kiosk.health import check_health
from kiosk.storage.catalog import CATALOG_FILE_NAME, open_catalog
from kiosk.storage.db import StorageError
from kiosk.storage.outbox import (
    OUTBOX_FILE_NAME,
    Outbox,
    OutboxError,
    damaged_outbox_files,
    outbox_depth,
)
from tests.reliability.conftest import FULL, scale
from tests.reliability.disk_support import (
    CORRUPTIONS,
    Run,
    cli,
    copy_home,
    corrupt,
    give_to_nobody,
    home_env,
    mounted,
    moved_aside,
    read_only_bind,
)

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
KEY = bytes(range(32))
CONSENT = "2026-11-v1"
#: Damaged copies per kind of damage.
ROUNDS = scale(quick=1, full=8)
#: Damaged outboxes opened in process per kind of damage.
OUTBOX_ROUNDS = scale(quick=10, full=200)
#: The quick slice keeps one detected and one undetected kind of damage through the CLI.
CLI_CORRUPTIONS = CORRUPTIONS if FULL else ("garbage", "flip")
FILE_SIZE_LIMITS = [64 * 1024, 1_000_000] if FULL else [64 * 1024]
READ_ONLY_CONTENTS = ["empty", "synced"] if FULL else ["synced"]


def figure(name: str, value: object) -> None:
    print(f"FIGURE {name} {value}")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kiosk home after one successful training sync (about 2,400 offers)."""
    home = tmp_path_factory.mktemp("template")
    run = cli(home, "sync", "--once")
    run.assert_ok()
    figure("disk_template_sync_s", f"{run.seconds:.2f}")
    for extra in ("-wal", "-shm"):
        assert not (home / "data" / (CATALOG_FILE_NAME + extra)).exists()
    return home


def offers_in(run: Run) -> int:
    line = next(line for line in run.stdout.splitlines() if line.startswith("catalog: "))
    return int(line.split()[1])


# --- a damaged catalog ----------------------------------------------------------------------


@pytest.mark.parametrize("mode", CLI_CORRUPTIONS)
def test_a_damaged_catalog_is_moved_aside_and_a_sync_refills_it(
    template: Path, tmp_path: Path, mode: str
) -> None:
    """status: clear and non-zero; the file moved aside intact; sync --once rebuilds it."""
    for round_ in range(ROUNDS):
        home = copy_home(template, tmp_path / f"home-{round_}")
        catalog = home / "data" / CATALOG_FILE_NAME
        damaged = corrupt(catalog, mode, random.Random(f"{mode}-{round_}"))

        status = cli(home, "status")
        assert "Traceback" not in status.output, status.output
        aside = moved_aside(home / "data", CATALOG_FILE_NAME)
        if aside:
            # Detected: moved aside byte for byte, and the kiosk starts on an empty catalog.
            assert aside[0].read_bytes() == damaged
            status.assert_clear_failure()
            assert "problem: never synced" in status.stdout
            assert offers_in(status) == 0
        else:
            # Undetected (bits flipped in row data only): the file must still pass the check.
            assert mode == "flip", f"{mode} damage went unnoticed"
            with sqlite3.connect(catalog) as raw:
                assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            raw.close()

        sync = cli(home, "sync", "--once")
        sync.assert_ok()
        assert "sync OK" in sync.stdout
        after = cli(home, "status")
        after.assert_ok()
        assert offers_in(after) > 2000
        figure(f"disk_catalog_{mode}_detected", int(bool(aside)))
        figure(f"disk_catalog_{mode}_resync_s", f"{sync.seconds:.2f}")


def test_open_catalog_never_raises_on_any_damage(tmp_path: Path, template: Path) -> None:
    """In process: every kind of damage gives a usable catalog, rebuilt when detected."""
    source = (template / "data" / CATALOG_FILE_NAME).read_bytes()
    detected = 0
    rounds = scale(quick=8, full=200)
    for round_ in range(rounds):
        folder = tmp_path / f"c{round_}"
        folder.mkdir()
        path = folder / CATALOG_FILE_NAME
        path.write_bytes(source)
        mode = CORRUPTIONS[round_ % len(CORRUPTIONS)]
        damaged = corrupt(path, mode, random.Random(round_))
        with open_catalog(path) as catalog:
            catalog.counts(NOW)
            catalog.search_offer_ids("concert")
            if catalog.rebuilt:
                detected += 1
                assert catalog.counts(NOW).offers == 0
                (aside,) = moved_aside(folder, CATALOG_FILE_NAME)
                assert aside.read_bytes() == damaged
    figure("disk_catalog_damage_detected", f"{detected}/{rounds}")


# --- a damaged outbox -----------------------------------------------------------------------


def _filled_outbox(path: Path, records: int) -> list[str]:
    with Outbox.open(path, KEY) as box:
        ids = [box.add({"email": f"n{n}@example.org", "firstName": "Ana"},
                       consent_version=CONSENT, now=NOW) for n in range(records)]  # fmt: skip
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    return ids


def test_a_damaged_outbox_is_never_silently_dropped(tmp_path: Path) -> None:
    """Moved aside byte for byte and reported, refused and left alone, or still readable."""
    pristine_dir = tmp_path / "pristine"
    pristine_dir.mkdir()
    _filled_outbox(pristine_dir / OUTBOX_FILE_NAME, 40)
    pristine = (pristine_dir / OUTBOX_FILE_NAME).read_bytes()
    outcomes = {"moved_aside": 0, "refused": 0, "opened": 0}
    for round_ in range(OUTBOX_ROUNDS * len(CORRUPTIONS)):
        mode = CORRUPTIONS[round_ % len(CORRUPTIONS)]
        folder = tmp_path / f"o{round_}"
        folder.mkdir()
        path = folder / OUTBOX_FILE_NAME
        path.write_bytes(pristine)
        damaged = corrupt(path, mode, random.Random(f"outbox-{round_}"))
        try:
            box = Outbox.open(path, KEY)
        except OutboxError as error:
            # Refused (e.g. a header that claims a newer schema): the file is left as it was.
            outcomes["refused"] += 1
            assert str(error)
            assert path.read_bytes() == damaged
            continue
        with box:
            if box.problem is not None:
                outcomes["moved_aside"] += 1
                (aside,) = damaged_outbox_files(folder)
                assert aside.read_bytes() == damaged
                assert str(aside) in box.problem and "not sent" in box.problem
                assert box.depth() == 0
            else:
                outcomes["opened"] += 1
                assert damaged_outbox_files(folder) == []
                try:
                    for row in box.items():
                        box.payload(row.id)
                except StorageError:
                    # Damage quick_check missed surfaces when read, as an error (OutboxError
                    # or SQLite's "malformed" as StorageError): reported, never skipped.
                    pass
    assert outcomes["moved_aside"] > 0
    for name, count in outcomes.items():
        figure(f"disk_outbox_{name}", count)


def test_status_reports_a_damaged_outbox_until_it_is_dealt_with(
    template: Path, tmp_path: Path
) -> None:
    """The damaged outbox is a problem line of status (exit 1), before and after moving."""
    home = copy_home(template, tmp_path / "home")
    data = home / "data"
    _filled_outbox(data / OUTBOX_FILE_NAME, 3)
    corrupt(data / OUTBOX_FILE_NAME, "garbage", random.Random(7))

    before = cli(home, "status")
    before.assert_clear_failure()
    assert "problem: outbox unreadable" in before.stdout

    with Outbox.open(data / OUTBOX_FILE_NAME, KEY) as box:  # what the kiosk does at start
        assert box.problem is not None
    after = cli(home, "status")
    after.assert_clear_failure()
    (aside,) = damaged_outbox_files(data)
    assert f"damaged outbox moved aside, its pre-registrations unsent: {aside.name}" in (
        after.stdout
    )
    env = home_env(home)
    health = check_health(config.load({}, env), NOW)
    assert any(aside.name in problem for problem in health.problems)
    assert outbox_depth(data / OUTBOX_FILE_NAME) == 0


# --- a full disk ------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", FILE_SIZE_LIMITS)
def test_writes_past_a_file_size_limit_fail_cleanly(
    template: Path, tmp_path: Path, limit: int
) -> None:
    """RLIMIT_FSIZE (EFBIG past the limit): sync --once says so and exits 1; status too."""
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    # The training simulator is not what is under test: its files are already written.
    copy_home(template / "data" / "training-simulator", tmp_path / "simulator")
    (home / "data" / "training-simulator").symlink_to(tmp_path / "simulator")
    sync = cli(home, "sync", "--once", fsize=limit)
    sync.assert_clear_failure()
    assert "error: " in sync.stderr
    status = cli(home, "status", fsize=limit)
    status.assert_clear_failure()
    # Room again: the next sync completes.
    cli(home, "sync", "--once").assert_ok()
    figure(f"disk_fsize_{limit}_failed_sync_s", f"{sync.seconds:.2f}")


def test_a_full_tmpfs_data_folder(template: Path, tmp_path: Path) -> None:
    """A 1 MB tmpfs as the data folder: the catalog fills it; every command stays clear."""
    home = tmp_path / "home"
    copy_home(template / "data" / "training-simulator", tmp_path / "simulator")
    with mounted(home / "data", "size=1m", "mode=0755"):
        (home / "data" / "training-simulator").symlink_to(tmp_path / "simulator")
        sync = cli(home, "sync", "--once")
        sync.assert_clear_failure()
        assert "could not be written" in sync.stderr, sync.stderr
        status = cli(home, "status")
        status.assert_clear_failure()
        assert "problem: low disk space" in status.stdout
        figure("disk_tmpfs_failed_sync_s", f"{sync.seconds:.2f}")


def test_a_healthy_catalog_on_a_full_disk_is_left_where_it_is(
    template: Path, tmp_path: Path
) -> None:
    """The disk filled up while the kiosk was off: its good catalog is not taken for damaged."""
    home = tmp_path / "home"
    data = template / "data"
    copy_home(data / "training-simulator", tmp_path / "simulator")
    used = sum(p.stat().st_size for p in data.iterdir() if p.is_file())
    with mounted(home / "data", f"size={used + 512 * 1024}", "mode=0755"):
        for path in data.iterdir():
            if path.is_file():
                shutil.copy2(path, home / "data" / path.name)
        (home / "data" / "training-simulator").symlink_to(tmp_path / "simulator")
        _fill(home / "data" / "filler")
        status = cli(home, "status")
        status.assert_clear_failure()
        assert "catalog cannot be opened" in status.stdout, status.stdout
        assert "never synced" not in status.stdout
        cli(home, "sync", "--once").assert_clear_failure()
        assert not moved_aside(home / "data", CATALOG_FILE_NAME)
        (home / "data" / "filler").unlink()  # IT makes room: everything is there again
        status = cli(home, "status")
        assert offers_in(status) == offers_in(cli(template, "status"))
        cli(home, "sync", "--once").assert_ok()


def _fill(path: Path) -> None:
    """Write zeros to ``path`` until the filesystem is full."""
    with path.open("wb") as filler:
        try:
            while True:
                filler.write(bytes(64 * 1024))
                filler.flush()
        except OSError:
            pass


# --- a read-only data folder ------------------------------------------------------------------


def test_a_read_only_filesystem(template: Path, tmp_path: Path) -> None:
    """The synced data folder remounted read-only (EROFS, even for root)."""
    home = copy_home(template, tmp_path / "home")
    with read_only_bind(home / "data"):
        for args in (("status",), ("sync", "--once")):
            run = cli(home, *args)
            run.assert_clear_failure()
        assert "error: training simulator cannot start" in run.stderr
    assert not moved_aside(home / "data", CATALOG_FILE_NAME)


@pytest.mark.parametrize("content", READ_ONLY_CONTENTS)
def test_a_read_only_data_folder_for_another_user(
    template: Path, tmp_path: Path, content: str
) -> None:
    """A 0555 data folder owned by root, the kiosk running as nobody."""
    if content == "synced":
        home = copy_home(template, tmp_path / "home")
    else:
        home = tmp_path / "home"
        (home / "data").mkdir(parents=True)
    give_to_nobody(home, writable=("cache", "log", "home"))
    (home / "data").chmod(0o555)
    started = time.monotonic()
    for args in (("status",), ("sync", "--once")):
        cli(home, *args, user="nobody").assert_clear_failure()
    figure(f"disk_readonly_{content}_s", f"{time.monotonic() - started:.2f}")
    catalog = home / "data" / CATALOG_FILE_NAME
    if content == "synced":  # nothing was moved or lost
        assert catalog.exists() and not moved_aside(home / "data", CATALOG_FILE_NAME)
    else:
        assert not catalog.exists()
