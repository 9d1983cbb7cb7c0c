"""The kiosk's health at a glance, for `passculture-kiosk status` and monitoring tools.

Read-only: it opens the local files, never the network, so it answers instantly even when
the central API is down (which is one of the things it reports).
"""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import kiosk
from kiosk.config import Config
from kiosk.logs import CRASH_FILE_NAME
from kiosk.secrets import SecretStore, SecretStoreError
from kiosk.storage.catalog import CATALOG_FILE_NAME, open_catalog

#: Below this much free space in the data folder, the catalog and logs may fail to write.
MIN_FREE_BYTES = 200 * 1024 * 1024
#: A catalog older than this many sync intervals means syncs keep failing.
STALE_AFTER_INTERVALS = 3


@dataclass
class Health:
    """Facts about the kiosk, and the problems they add up to."""

    version: str
    mode: str
    enrolled: bool | None
    last_sync: str | None
    bookable_offers: int
    venues: int
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
        last_sync = catalog.last_success()
        counts = catalog.counts(now)
    finally:
        catalog.close()
    health = Health(
        version=kiosk.__version__,
        mode="training" if config.training_mode else "production",
        enrolled=None if config.training_mode else _has_token(config),
        last_sync=last_sync.isoformat() if last_sync else None,
        bookable_offers=counts.bookable_offers,
        venues=counts.venues,
        free_bytes=shutil.disk_usage(data_dir).free if data_dir.exists() else 0,
        last_crash=_last_crash(Path(config.log_dir)),
    )
    health.problems = [f"configuration: {problem}" for problem in config.problems]
    if health.enrolled is False:
        health.problems.append("not enrolled: run 'passculture-kiosk enroll'")
    if last_sync is None:
        health.problems.append("never synced")
    elif (now - last_sync).total_seconds() > STALE_AFTER_INTERVALS * config.sync_interval:
        health.problems.append(f"last successful sync at {last_sync:%Y-%m-%d %H:%M} UTC")
    if health.free_bytes < MIN_FREE_BYTES:
        health.problems.append(f"low disk space: {health.free_bytes // 2**20} MB free")
    return health


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
