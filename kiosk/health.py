"""The kiosk's health at a glance, for `passculture-kiosk status` and monitoring tools.

Read-only: it opens the local files, never the network, so it answers instantly even when
the central API is down (which is one of the things it reports). The heartbeat carries the
same facts to the central API: the sync engine adds what it knows itself (last sync, clock
skew, catalog), :func:`heartbeat_health` what only the configuration tells (crash file,
disk of the data folder, problems).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import kiosk
from kiosk.config import Config
from kiosk.logs import CRASH_FILE_NAME
from kiosk.secrets import SecretStore, SecretStoreError
from kiosk.storage.catalog import CATALOG_FILE_NAME, open_catalog
from kiosk.storage.db import StorageError
from kiosk.storage.local import STATE_FILE_NAME, LocalState
from kiosk.storage.outbox import OUTBOX_FILE_NAME, damaged_outbox_files, outbox_depth

#: Below this much free space in the data folder, the catalog and logs may fail to write.
MIN_FREE_BYTES = 200 * 1024 * 1024
#: A catalog older than this many sync intervals means syncs keep failing.
STALE_AFTER_INTERVALS = 3
#: A PC clock further than this from the central API's needs IT (NTP): the kiosk corrects
#: the time its rules use, but the system, its logs and TLS checks still use the PC's.
MAX_CLOCK_SKEW_S = 300.0
#: A crash this recent makes the kiosk unhealthy (the service manager restarted it, but
#: someone should read the crash file).
RECENT_CRASH = timedelta(hours=24)
#: LocalState keys: the enrollment venue's JSON (written at enrollment) and the last clock
#: skew measured by a heartbeat, in seconds, server minus PC (written by the sync engine).
VENUE_KEY = "kiosk_venue"
CLOCK_SKEW_KEY = "clock_skew_seconds"


@dataclass
class Health:
    """Facts about the kiosk, and the problems they add up to.

    Attributes:
        venue: the venue the kiosk was enrolled at (``id``, ``name``, ``city``), None when
            not known locally (not enrolled, or enrolled by an older version).
        outbox_depth: pre-registrations waiting to be sent; None before the kiosk first
            opened its outbox, or when the outbox file cannot be read.
        clock_skew_seconds: the central API's time minus the PC's at the last heartbeat
            (positive: the PC is behind); None before the first.
    """

    version: str
    mode: str
    enrolled: bool | None
    venue: dict[str, object] | None
    last_sync: str | None
    bookable_offers: int
    venues: int
    outbox_depth: int | None
    clock_skew_seconds: float | None
    data_dir: str
    free_bytes: int
    last_crash: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """No problem found."""
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        """For ``--json``."""
        return {**asdict(self), "healthy": self.healthy}


def check_health(config: Config, now: datetime | None = None) -> Health:
    """Gather the kiosk's health from its configuration and local files."""
    now = now or datetime.now(UTC)
    data_dir = Path(config.data_dir)
    catalog = open_catalog(data_dir / CATALOG_FILE_NAME)
    try:
        catalog_unusable = catalog.in_memory
        last_sync = catalog.last_success()
        counts = catalog.counts(now)
    finally:
        catalog.close()
    venue, skew, state_problem = _local_state(data_dir)
    health = Health(
        version=kiosk.__version__,
        mode="training" if config.training_mode else "production",
        enrolled=None if config.training_mode else _has_token(config),
        venue=venue,
        last_sync=last_sync.isoformat() if last_sync else None,
        bookable_offers=counts.bookable_offers,
        venues=counts.venues,
        outbox_depth=outbox_depth(data_dir / OUTBOX_FILE_NAME),
        clock_skew_seconds=skew,
        data_dir=str(data_dir),
        free_bytes=_free_bytes(data_dir),
        last_crash=_last_crash(Path(config.log_dir)),
    )
    health.problems = [f"configuration: {problem}" for problem in config.problems]
    if health.enrolled is False:
        health.problems.append("not enrolled: run 'passculture-kiosk enroll'")
    if state_problem:
        health.problems.append(state_problem)
    if health.outbox_depth is None and (data_dir / OUTBOX_FILE_NAME).exists():
        health.problems.append("outbox unreadable: pre-registrations cannot be counted or sent")
    health.problems += _outbox_problems(data_dir)
    if catalog_unusable:  # not "never synced": the file may hold a good catalog
        health.problems.append(f"catalog cannot be opened in {data_dir} (disk full or "
                               "read-only?): offers are not shown; see the log")
    elif last_sync is None:
        health.problems.append("never synced")
    elif (now - last_sync).total_seconds() > STALE_AFTER_INTERVALS * config.sync_interval:
        health.problems.append(f"last successful sync at {last_sync:%Y-%m-%d %H:%M} UTC")
    health.problems += _machine_problems(health.free_bytes, health.last_crash, skew, now)
    return health


def heartbeat_health(config: Config, now: datetime | None = None) -> dict[str, object]:
    """Heartbeat fields only the configuration can tell: crash, disk, sync interval, problems.

    Pass it to ``sync_once(…, health=lambda: heartbeat_health(config))``; the engine adds
    the last sync, the clock skew and the catalog itself. Reads no database, so it is cheap
    enough for every heartbeat. The problems are those of ``status`` that a kiosk able to
    send a heartbeat can still have (configuration, disk, crash, clock).
    """
    now = now or datetime.now(UTC)
    data_dir = Path(config.data_dir)
    free_bytes = _free_bytes(data_dir)
    last_crash = _last_crash(Path(config.log_dir))
    _venue, skew, _state_problem = _local_state(data_dir)
    problems = [f"configuration: {problem}" for problem in config.problems]
    problems += _machine_problems(free_bytes, last_crash, skew, now)
    problems += _outbox_problems(data_dir)
    return {
        "freeBytes": free_bytes,
        "lastCrashAt": _api_time(last_crash),
        "syncInterval": config.sync_interval,
        "problems": [problem[:200] for problem in problems[:20]],
    }


def _machine_problems(free_bytes: int, last_crash: str | None, skew: float | None,
                      now: datetime) -> list[str]:
    problems = []
    if free_bytes < MIN_FREE_BYTES:
        problems.append(f"low disk space: {free_bytes // 2**20} MB free")
    if last_crash is not None and now - datetime.fromisoformat(last_crash) < RECENT_CRASH:
        problems.append(f"crashed at {datetime.fromisoformat(last_crash):%Y-%m-%d %H:%M} UTC: "
                        f"see {CRASH_FILE_NAME} in the log folder")
    if skew is not None and abs(skew) > MAX_CLOCK_SKEW_S:
        side = "behind" if skew > 0 else "ahead of"
        problems.append(f"the PC clock is {abs(skew):.0f} s {side} the central API's: "
                        "check its time synchronisation (NTP)")
    return problems


def _outbox_problems(data_dir: Path) -> list[str]:
    """Damaged outbox files moved aside: unsent pre-registrations IT must look at."""
    return [f"damaged outbox moved aside, its pre-registrations unsent: {path.name} (see "
            "docs/privacy.md)" for path in damaged_outbox_files(data_dir)]  # fmt: skip


def _local_state(data_dir: Path) -> tuple[dict[str, object] | None, float | None, str]:
    """The enrollment venue and the last clock skew, and a problem when unreadable.

    The state file is not created when missing: ``status`` must not write.
    """
    if not (data_dir / STATE_FILE_NAME).is_file():
        return None, None, ""
    try:
        state = LocalState(data_dir)
        try:
            venue_text, skew_text = state.get(VENUE_KEY), state.get(CLOCK_SKEW_KEY)
        finally:
            state.close()
    except (StorageError, sqlite3.Error, OSError) as error:
        return None, None, f"local state unreadable: {error}"
    return _venue(venue_text), _number(skew_text), ""


def _venue(text: str | None) -> dict[str, object] | None:
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("id"), int):
        return None
    return {key: value.get(key) for key in ("id", "name", "city") if key in value}


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _free_bytes(data_dir: Path) -> int:
    """Free space on the data folder's disk (its nearest existing parent before creation)."""
    folder = data_dir
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def _api_time(iso: str | None) -> str | None:
    """The API's UTC format (``2025-06-01T18:30:00Z``) of an ISO date-time."""
    if iso is None:
        return None
    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _has_token(config: Config) -> bool:
    try:
        return SecretStore(config).get_token() is not None
    except SecretStoreError:
        return False


def _last_crash(log_dir: Path) -> str | None:
    """When faulthandler last wrote a crash, if it ever did."""
    crash_file = log_dir / CRASH_FILE_NAME
    if not crash_file.exists() or crash_file.stat().st_size == 0:
        return None
    return datetime.fromtimestamp(crash_file.stat().st_mtime, UTC).isoformat()
