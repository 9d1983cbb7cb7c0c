"""One synchronisation with the central API: ``sync_once``, synchronous and Qt-free.

Order matters: settings and taxonomy first (the screens need them to make sense of offers),
then venues before offers (offers point at venues), then the heartbeat, which carries the
kiosk's health and brings back the server's time. Each feed page lands in its own catalog
transaction, so stopping anywhere (network gone, process killed) keeps the catalog usable
and the next sync resumes from the last page that landed.

When given an image cache, a successful sync ends by downloading the pictures of the
soonest events, a bounded number per sync; pictures are a nicety, so their failures are
counted in the report's steps and never make the sync fail.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, timedelta
from urllib.parse import urlsplit

import kiosk
from kiosk.api.client import ApiClient
from kiosk.api.errors import (
    ApiError,
    CircuitOpen,
    RateLimited,
    ServerError,
    Unauthorized,
    Unreachable,
)
from kiosk.api.models import FeedPage, Fetched
from kiosk.clock import Clock
from kiosk.health import CLOCK_SKEW_KEY
from kiosk.storage.catalog import Catalog, Feed
from kiosk.storage.db import StorageError
from kiosk.storage.images import ImageCache, ImageRefused
from kiosk.storage.local import LocalState
from kiosk.storage.outbox import Journal, Outbox
from kiosk.sync.delivery import deliver
from kiosk.sync.report import SyncReport

log = logging.getLogger(__name__)
_STARTED = time.monotonic()

PAGE_LIMIT = 1000  # the contract's maximum (openapi.yaml): half the transactions of 500
#: Beyond this many pages in one sync, stop and go on next time: a runaway feed must not
#: keep the network lane busy forever.
MAX_PAGES = 1000
#: A PC clock further than this from the server's is corrected (birthdays start at midnight).
CLOCK_TOLERANCE_S = 60.0
#: New pictures downloaded per sync at most: the rest waits for the next sync, so a fresh
#: kiosk does not keep the network lane busy for minutes.
IMAGE_BUDGET = 200
#: Largest picture accepted; an offer poster is a few hundred kB.
IMAGE_MAX_BYTES = 2 * 1024 * 1024
#: Pictures are fetched for events starting within this horizon, soonest first.
IMAGE_HORIZON = timedelta(days=7)
#: Events looked at per sync (already cached pictures are skipped, not counted).
IMAGE_CANDIDATES = 2000
#: This many failures in a row that say the image host is down or overloaded end the step
#: (one when the host is the central API's, see ``_pull_images``).
IMAGE_HOST_FAILURES = 3
#: The step stops after this many seconds whatever is left (slow links, dripping hosts).
IMAGE_TIME_LIMIT_S = 300.0


def sync_once(
    api: ApiClient,
    catalog: Catalog,
    clock: Clock,
    *,
    health: Callable[[], Mapping[str, object]] = dict,
    page_limit: int = PAGE_LIMIT,
    images: ImageCache | None = None,
    image_budget: int = IMAGE_BUDGET,
    outbox: Outbox | None = None,
    journal: Journal | None = None,
) -> SyncReport:
    """Bring the catalog up to date; never raises for a network or server problem.

    Returns a report; ``report.ok`` is False (with ``report.error``) when the central API
    could not be reached or answered nonsense. Whatever landed before the problem stays.

    With ``images``, a successful sync then downloads up to ``image_budget`` new pictures
    of the soonest events into it (see :func:`_pull_images`); how that went is one line of
    ``report.steps`` and never changes ``report.ok``.

    With ``outbox``, pre-registrations are delivered first (:func:`kiosk.sync.delivery.deliver`,
    journaled in ``journal``): a person waits on them, the catalog can wait. How that went is
    the first line of ``report.steps``; the heartbeat then carries ``outbox.depth()``.
    """
    report = SyncReport(started_at=clock.now())
    if outbox is not None:
        report.steps.append(deliver(api, outbox, clock, journal=journal).describe())
    try:
        _pull_documents(api, catalog, report)
        for feed in ("venues", "offers"):
            _pull_feed(api, catalog, clock, feed, report, page_limit)
        catalog.refresh_bookable(clock.now())
        _heartbeat(api, catalog, clock, health, report, outbox)
    except Unauthorized:
        report.error = "the central API refused this kiosk's token: enroll it again"
    except ApiError as error:
        report.error = f"{type(error).__name__}: {error}"
    except StorageError as error:  # a full or read-only disk: the last committed page stays
        report.error = f"the catalog could not be written: {error}"
    else:
        report.ok = True
        catalog.mark_success(clock.now())
        if images is not None:
            # Only after a success: when the central API is out of reach, the image host
            # most likely is too, and each picture would wait for its own timeouts.
            _pull_images(api, catalog, images, clock, report, image_budget)
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

    _payload, taxonomy_etag = catalog.taxonomy()
    taxonomy = api.subcategories(taxonomy_etag)
    if isinstance(taxonomy, Fetched):
        catalog.store_taxonomy(taxonomy.value.payload, taxonomy.etag)
        report.steps.append(f"taxonomy: {len(taxonomy.value.subcategories)} subcategories")
    else:
        report.steps.append("taxonomy unchanged")

    _payload, config_etag = catalog.remote_config()
    config = api.config(config_etag)
    if isinstance(config, Fetched):
        catalog.store_remote_config(config.value.payload, config.etag)
        report.config_changed = True
    report.steps.append("config " + ("updated" if report.config_changed else "unchanged"))


def _pull_feed(api: ApiClient, catalog: Catalog, clock: Clock, feed: Feed,
               report: SyncReport, page_limit: int) -> None:
    fetch = api.offers_page if feed == "offers" else api.venues_page
    # The next page downloads while this one is written: the network waits on the server
    # and the disk on SQLite, so overlapping them nearly halves an initial sync. This is
    # the one thread the core starts; it lives only as long as this call.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"kiosk-{feed}-prefetch") as ahead:
        pending = ahead.submit(fetch, catalog.cursor(feed), page_limit)
        for _ in range(MAX_PAGES):
            page = pending.result()
            if page.has_more:
                pending = ahead.submit(fetch, page.next_cursor, page_limit)
            _apply_page(catalog, clock, feed, page, report)
            if not page.has_more:
                break
    report.steps.append(f"{feed}: up to date")


def _apply_page(catalog: Catalog, clock: Clock, feed: Feed, page: FeedPage,
                report: SyncReport) -> None:
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


def base_health() -> dict[str, object]:
    """What every heartbeat carries; callers add the outbox depth and error counts.

    The engine adds :func:`sync_health`; ``sync_once``'s ``health`` callable adds the rest
    (``kiosk.health.heartbeat_health``: crash, problems) and wins over both.
    """
    return {
        "version": kiosk.__version__,
        "uptime": int(time.monotonic() - _STARTED),
        "outboxDepth": 0,
        "errorCounts": {},
    }


def sync_health(api: ApiClient, catalog: Catalog, clock: Clock) -> dict[str, object]:
    """Heartbeat fields the engine knows: last sync, clock skew so far, catalog, disk.

    ``lastSyncAt`` is the last sync that completed before this one (null on the first);
    ``clockSkewSeconds`` is the estimate before this heartbeat (the previous heartbeat's,
    or this sync's ``Date`` headers).
    """
    last_sync = catalog.last_success()
    skew = api.clock_skew()
    try:
        free_bytes: int | None = shutil.disk_usage(catalog.path.parent).free
    except OSError:
        free_bytes = None
    return {
        "lastSyncAt": None if last_sync is None
        else last_sync.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "clockSkewSeconds": None if skew is None else round(skew, 1),
        "bookableOffers": catalog.counts(clock.now()).bookable_offers,
        "freeBytes": free_bytes,
    }


def _heartbeat(api: ApiClient, catalog: Catalog, clock: Clock,
               health: Callable[[], Mapping[str, object]], report: SyncReport,
               outbox: Outbox | None = None) -> None:
    depth: dict[str, object] = {}
    if outbox is not None:
        try:
            depth["outboxDepth"] = outbox.depth()
        except StorageError as error:
            log.warning("outbox depth unknown for the heartbeat: %s", error)
    api.heartbeat({**base_health(), **sync_health(api, catalog, clock), **depth, **health()})
    skew = api.clock_skew()
    report.clock_skew_seconds = skew
    if skew is not None:
        _remember_skew(catalog, skew)
    server_now = api.server_now()
    # The skew is measured against the PC's own time; the clock may already be corrected.
    # Align whenever the correction in force is off by more than the tolerance, so that a
    # correction made during a server's bad hour is undone when its time is right again.
    if (skew is not None and server_now is not None
            and abs(skew - clock.offset.total_seconds()) > CLOCK_TOLERANCE_S):
        log.warning("the PC clock is %.0f s off the central API's; correcting", skew)
        clock.correct(server_now)
    report.steps.append("heartbeat sent")


def _remember_skew(catalog: Catalog, skew: float) -> None:
    """Keep the skew for ``passculture-kiosk status``, in the local state next to the catalog."""
    try:
        state = LocalState(catalog.path.parent)
        try:
            state.set(CLOCK_SKEW_KEY, f"{skew:.1f}")
        finally:
            state.close()
    except (StorageError, sqlite3.Error) as error:
        log.warning("clock skew not remembered: %s", error)


def _pull_images(api: ApiClient, catalog: Catalog, images: ImageCache, clock: Clock,
                 report: SyncReport, budget: int) -> None:
    """Download the missing pictures of the soonest events, at most ``budget``; never raises.

    The wanted pictures are first marked as used, least wanted first, so the cache's LRU
    eviction takes pictures nobody is about to show before them. Per-picture problems (a
    404, not a picture, too large) are counted and skipped; signs that the image host is
    down end the step early, since the rest would fail the same way.
    """
    now = clock.now()
    try:
        events = catalog.upcoming_events(now, now + IMAGE_HORIZON, IMAGE_CANDIDATES)
        wanted = list(dict.fromkeys(
            offer.image_url for offer, _venue, _zone in events if offer.image_url
        ))
        cached = images.touch(reversed(wanted))
    except (StorageError, OSError) as error:
        log.warning("images skipped: %s", error)
        report.steps.append(f"images: skipped ({type(error).__name__})")
        return
    missing = [url for url in wanted if url not in cached]
    api_origin = _origin(api.base_url)
    fetched = failed = in_a_row = 0
    stopped = ""
    started = time.monotonic()
    for url in missing[:max(budget, 0)]:
        if time.monotonic() - started > IMAGE_TIME_LIMIT_S:
            stopped = "time limit reached"
            break
        try:
            images.put(url, api.image(url, IMAGE_MAX_BYTES), fetched_at=clock.now())
        except (Unreachable, ServerError, RateLimited, CircuitOpen) as error:
            failed += 1
            in_a_row += 1
            # The error names the route without its query string (signed URLs stay out).
            log.warning("image not fetched: %s", error)
            # Pictures on the API's own origin share its circuit breaker (each failed try
            # counts): one more failing picture could open it and fail the next sync.
            limit = 1 if _origin(url) == api_origin else IMAGE_HOST_FAILURES
            if isinstance(error, CircuitOpen | RateLimited) or in_a_row >= limit:
                stopped = f"the image host is failing ({type(error).__name__})"
                break
        except (ApiError, ValueError, StorageError, OSError) as error:
            # The host answered (a 404, a web page, a huge file) or the disk refused: this
            # picture only. ValueError covers refused content and refused URLs, whose
            # message quotes the whole URL: only the kind of error is logged for those.
            failed += 1
            in_a_row = 0
            quoted = isinstance(error, ValueError) and not isinstance(error, ImageRefused)
            log.warning("image not cached: %s%s", type(error).__name__,
                        "" if quoted else f": {error}")
        else:
            fetched += 1
            in_a_row = 0
    left = len(missing) - fetched - failed
    report.steps.append(
        f"images: {fetched} fetched, {failed} failed, {len(cached)} already cached, "
        f"{left} left for later" + (f" ({stopped})" if stopped else "")
    )


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()
