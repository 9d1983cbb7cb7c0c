"""One synchronisation with the central API: ``sync_once``, synchronous and Qt-free.

Order matters: settings and taxonomy first (the screens need them to make sense of offers),
then venues before offers (offers point at venues), then the heartbeat, which carries the
kiosk's health and brings back the server's time. Each feed page lands in its own catalog
transaction, so stopping anywhere (network gone, process killed) keeps the catalog usable
and the next sync resumes from the last page that landed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping

import kiosk
from kiosk.api.client import ApiClient
from kiosk.api.errors import ApiError, Unauthorized
from kiosk.api.models import Fetched
from kiosk.clock import Clock
from kiosk.storage.catalog import Catalog, Feed
from kiosk.sync.report import SyncReport

log = logging.getLogger(__name__)
_STARTED = time.monotonic()

PAGE_LIMIT = 500
#: Beyond this many pages in one sync, stop and go on next time: a runaway feed must not
#: keep the network lane busy forever.
MAX_PAGES = 1000
#: A PC clock further than this from the server's is corrected (birthdays start at midnight).
CLOCK_TOLERANCE_S = 60.0


def sync_once(
    api: ApiClient,
    catalog: Catalog,
    clock: Clock,
    *,
    health: Callable[[], Mapping[str, object]] = dict,
    page_limit: int = PAGE_LIMIT,
) -> SyncReport:
    """Bring the catalog up to date; never raises for a network or server problem.

    Returns a report; ``report.ok`` is False (with ``report.error``) when the central API
    could not be reached or answered nonsense. Whatever landed before the problem stays.
    """
    report = SyncReport(started_at=clock.now())
    try:
        _pull_documents(api, catalog, report)
        for feed in ("venues", "offers"):
            _pull_feed(api, catalog, clock, feed, report, page_limit)
        catalog.refresh_bookable(clock.now())
        _heartbeat(api, clock, health, report)
    except Unauthorized:
        report.error = "the central API refused this kiosk's token: enroll it again"
    except ApiError as error:
        report.error = f"{type(error).__name__}: {error}"
    else:
        report.ok = True
        catalog.mark_success(clock.now())
    report.offers_total = catalog.counts(clock.now()).bookable_offers
    report.finished_at = clock.now()
    log.info("sync %s: %d offers changed, %d deleted, %d skipped%s",
             "done" if report.ok else "failed", report.offers_upserted, report.offers_deleted,
             report.skipped_items, f" ({report.error})" if report.error else "")
    return report


def _pull_documents(api: ApiClient, catalog: Catalog, report: SyncReport) -> None:
    _payload, settings_etag = catalog.settings()
    settings = api.settings(settings_etag)
    if isinstance(settings, Fetched):
        catalog.store_settings(settings.value, settings.etag)
        report.settings_changed = True
    report.steps.append("settings " + ("updated" if report.settings_changed else "unchanged"))

    taxonomy = api.subcategories()
    catalog.store_taxonomy(taxonomy.payload, None)
    report.steps.append(f"taxonomy: {len(taxonomy.subcategories)} subcategories")

    _payload, config_etag = catalog.remote_config()
    config = api.config(config_etag)
    if isinstance(config, Fetched):
        catalog.store_remote_config(config.value.payload, config.etag)
        report.config_changed = True
    report.steps.append("config " + ("updated" if report.config_changed else "unchanged"))


def _pull_feed(api: ApiClient, catalog: Catalog, clock: Clock, feed: Feed,
               report: SyncReport, page_limit: int) -> None:
    fetch = api.offers_page if feed == "offers" else api.venues_page
    cursor = catalog.cursor(feed)
    for _ in range(MAX_PAGES):
        page = fetch(cursor, page_limit)
        if feed == "offers":
            result = catalog.apply_offers_page(
                page.items, page.deleted_ids, page.next_cursor,
                full_resync=page.full_resync, has_more=page.has_more, now=clock.now(),
            )
            report.offers_upserted += result.upserted
            report.offers_deleted += result.deleted
        else:
            result = catalog.apply_venues_page(
                page.items, page.deleted_ids, page.next_cursor,
                full_resync=page.full_resync, has_more=page.has_more,
            )
            report.venues_upserted += result.upserted
            report.venues_deleted += result.deleted
        report.skipped_items += result.skipped + page.dropped
        report.full_resync = report.full_resync or page.full_resync
        cursor = page.next_cursor
        if not page.has_more:
            break
    report.steps.append(f"{feed}: up to date")


def base_health() -> dict[str, object]:
    """What every heartbeat carries; callers add the outbox depth and error counts."""
    return {
        "version": kiosk.__version__,
        "uptime": int(time.monotonic() - _STARTED),
        "outboxDepth": 0,
        "errorCounts": {},
    }


def _heartbeat(api: ApiClient, clock: Clock, health: Callable[[], Mapping[str, object]],
               report: SyncReport) -> None:
    api.heartbeat({**base_health(), **health()})
    skew = api.clock_skew()
    report.clock_skew_seconds = skew
    server_now = api.server_now()
    if skew is not None and server_now is not None and abs(skew) > CLOCK_TOLERANCE_S:
        log.warning("the PC clock is %.0f s off the central API's; correcting", skew)
        clock.correct(server_now)
    report.steps.append("heartbeat sent")

