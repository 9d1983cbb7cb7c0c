"""What one synchronisation did, for the UI, the CLI and monitoring."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class SyncReport:
    """The outcome of one :func:`kiosk.sync.engine.sync_once`.

    Attributes:
        started_at: when the sync began (UTC).
        finished_at: when it ended (UTC).
        ok: True when every step reached the central API and its answers made sense.
        error: a short, personal-data-free explanation when ``ok`` is False.
        offers_upserted: offers added or changed in the catalog.
        offers_deleted: offers removed from the catalog.
        venues_upserted: venues added or changed.
        venues_deleted: venues removed.
        skipped_items: feed items that did not fit the contract and were left out.
        settings_changed: whether the central settings changed (ETag).
        config_changed: whether the kiosk's remote config changed (ETag).
        full_resync: whether the server asked for (or the catalog needed) a full resync.
        clock_skew_seconds: how far the PC clock is from the server's, when known.
        offers_total: bookable offers in the catalog after the sync.
        steps: what was done, in order, for the CLI's report.
    """

    started_at: datetime
    finished_at: datetime | None = None
    ok: bool = False
    error: str = ""
    offers_upserted: int = 0
    offers_deleted: int = 0
    venues_upserted: int = 0
    venues_deleted: int = 0
    skipped_items: int = 0
    settings_changed: bool = False
    config_changed: bool = False
    full_resync: bool = False
    clock_skew_seconds: float | None = None
    offers_total: int = 0
    steps: list[str] = field(default_factory=list)
