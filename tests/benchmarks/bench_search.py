"""Browsing figures: search as you type, filters, sorts, pages and counts on 100,000 offers.

The catalog is built as bench_sync builds it (the simulator in a process of its own, a real
initial sync over HTTP), then measured from the demo venue, the kiosk's own. Every "query"
is what the offers screen runs on each key press or tap: the first page *and* the count.
Each kind is typed or tapped once untimed (the kiosk has been browsed before), then timed
over several rounds; targets (issue 8): p95 ≤ 15 ms per query, ≤ 300 MB resident.
"""

from __future__ import annotations

import enum
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from kiosk.clock import Clock
from kiosk.domain.offer_dates import DatePreset, preset_span
from kiosk.simulator.data import DEMO_VENUE_ID
from kiosk.storage.catalog import Catalog, open_catalog
from kiosk.storage.offer_query import OfferFilters, Presence, Sort
from kiosk.storage.offers import OfferBrowser, PageCursor
from kiosk.sync.engine import sync_once
from tests.benchmarks.bench_sync import SCALE, _enrolled_client, _simulator_process
from tests.benchmarks.figures import Figure, figure, timing_figures

ROUNDS = 5
#: Words a visitor types, and the search group they would pick with them.
WORDS = {
    "concert": "CONCERTS_FESTIVALS", "théâtre": "SPECTACLES", "livre": "LIVRES",
    "jazz": "CONCERTS_FESTIVALS", "cinéma": "CINEMA", "musée": "MUSEES_VISITES_CULTURELLES",
    "manga": "LIVRES",
}  # fmt: skip
PHRASES = {
    "concert jazz": "CONCERTS_FESTIVALS", "atelier théâtre": "ARTS_LOISIRS_CREATIFS",
    "livre manga": "LIVRES",
}  # fmt: skip
QUERY = ("one query = search(): the first page and the count, as the offers screen asks on "
         "each key press")


def run() -> list[Figure]:
    """Build a 100,000-offer catalog from the simulator, then browse it."""
    with tempfile.TemporaryDirectory() as folder:
        catalog = open_catalog(Path(folder) / "catalog.sqlite3")
        try:
            with _simulator_process(Path(folder) / "sim", SCALE) as url:
                client = _enrolled_client(url)
                try:
                    report = sync_once(client, catalog, Clock())
                finally:
                    client.close()
            if not report.ok:
                raise RuntimeError(f"sync failed: {report.error}")
            return browse(catalog, Clock().now())
        finally:
            catalog.close()


def browse(catalog: Catalog, now: datetime) -> list[Figure]:
    """Measure from the demo venue; ``catalog`` is a synced one (bench or experiment)."""
    kiosk = catalog.venue_payload(DEMO_VENUE_ID)
    if kiosk is None:
        raise RuntimeError("the demo venue is not in the catalog")
    catalog.set_origin(kiosk["latitude"], kiosk["longitude"])
    browser = OfferBrowser(catalog)
    weekend = preset_span(DatePreset.WEEKEND, now, kiosk.get("timezone") or "Europe/Paris")
    free_20km_weekend = OfferFilters(
        max_price_cents=0, max_distance_km=20, starts_from=weekend.start,
        starts_before=weekend.end,
    )  # fmt: skip

    def group_10km(group: str) -> OfferFilters:
        return OfferFilters(search_group=group, max_distance_km=10)

    figures: list[Figure] = []
    search_p95: dict[str, float] = {}

    def measure(kind: str, what: str, queries: Sequence[OfferFilters],
                run: Callable[[OfferFilters], object] | None = None) -> list[Figure]:
        def one(filters: OfferFilters) -> None:
            browser.search(filters, now)  # the first page and the count, as the screen asks

        action = run or one
        for filters in queries:  # the kiosk has been browsed before: warm caches
            action(filters)
        values: list[float] = []
        per_query: dict[int, list[float]] = {}
        for _ in range(ROUNDS):
            for number, filters in enumerate(queries):
                started = time.perf_counter()
                action(filters)
                values.append((time.perf_counter() - started) * 1000)
                per_query.setdefault(number, []).append(values[-1])
        lines = timing_figures(kind, values)
        slowest = max(per_query, key=lambda number: statistics.median(per_query[number]))
        plan = browser.plan(queries[0], now)
        for line in lines:
            line.update(
                what=what, queries=len(queries), samples=len(values),
                slowest={"query": _describe(queries[slowest]),
                         "median_ms": round(statistics.median(per_query[slowest]), 3)},
                plan=plan,
            )  # fmt: skip
        figures.extend(lines)
        return lines

    # --- search as you type -----------------------------------------------------------
    first_letters = [OfferFilters(text=word[0]) for word in WORDS]
    first_letters += [replace(free_20km_weekend, text=word[0]) for word in WORDS]
    first_letters += [replace(group_10km(group), text=word[0]) for word, group in WORDS.items()]
    single = [(prefix, group) for word, group in WORDS.items() for prefix in _typed(word)]
    double = [(prefix, group) for phrase, group in PHRASES.items() for prefix in _typed(phrase)]
    for name, typed, texts in (("search_single_word", single, WORDS),
                               ("search_two_words", double, PHRASES)):  # fmt: skip
        for suffix, filters_of in (
            ("", lambda _group: OfferFilters()),
            ("_free_20km_weekend", lambda _group: free_20km_weekend),
            ("_group_10km", group_10km),
        ):
            kind = name + suffix
            queries = [replace(filters_of(group), text=prefix) for prefix, group in typed]
            what = (f"{QUERY}; {', '.join(texts)} typed letter by letter from the 2nd "
                    "letter" + (", each with its search group" if suffix == "_group_10km"
                                else ""))  # fmt: skip
            lines = measure(kind, what, queries)
            search_p95[kind] = lines[1]["value"]
    worst = max(search_p95, key=lambda kind: search_p95[kind])
    figures.append({
        **figure("search_p95_ms", search_p95[worst], "ms"),
        "what": "the worst p95 over the search-as-you-type kinds above (from the 2nd letter)",
        "kind": worst,
    })  # fmt: skip
    for line in measure("search_first_letter", f"{QUERY}; the first letter of each word, "
                        "alone, with free+20 km+weekend, with its group+10 km", first_letters):
        line["note"] = (
            "a single letter is the prefix of a word in most of the demo catalog's offers, "
            "so the first key press is a broad query: reported apart from search_p95_ms"
        )

    # --- filters, sorts, pages, counts --------------------------------------------------
    today = preset_span(DatePreset.TODAY, now, kiosk.get("timezone") or "Europe/Paris")
    free_concert = replace(group_10km("CONCERTS_FESTIVALS"), max_price_cents=0,
                           starts_from=weekend.start, starts_before=weekend.end)  # fmt: skip
    filter_only = [
        free_concert,
        OfferFilters(max_distance_km=20),
        OfferFilters(max_price_cents=0),
        free_20km_weekend,
        group_10km("LIVRES"),
        OfferFilters(search_group="CINEMA", starts_from=today.start, starts_before=today.end),
        OfferFilters(subcategory="CONCERT", max_distance_km=50),
        OfferFilters(max_price_cents=1000, duo=True, max_distance_km=20),
        OfferFilters(accessibility=frozenset({"motor", "audio"}), presence=Presence.PHYSICAL,
                     max_distance_km=5),
        OfferFilters(presence=Presence.DIGITAL),
        OfferFilters(venue_id=DEMO_VENUE_ID),
    ]  # fmt: skip
    measure("filter_free_concert_weekend_10km",
            f"{QUERY}; 'un concert gratuit ce week-end à moins de 10 km'", [free_concert])
    measure("filter_only", f"{QUERY}; {len(filter_only)} combinations of filters, no text",
            filter_only)
    measure("sort_date", f"{QUERY}; soonest first, within 20 km, with and without a group",
            [OfferFilters(sort=Sort.DATE, max_distance_km=20),
             OfferFilters(sort=Sort.DATE, search_group="SPECTACLES")])  # fmt: skip
    measure("sort_price", f"{QUERY}; cheapest first, within 20 km, with and without a group",
            [OfferFilters(sort=Sort.PRICE, max_distance_km=20),
             OfferFilters(sort=Sort.PRICE, search_group="LIVRES")])  # fmt: skip
    lists = [OfferFilters(), OfferFilters(text="concert"), OfferFilters(sort=Sort.DATE),
             free_20km_weekend]  # fmt: skip
    for number in (2, 10):
        cursors = {filters: _cursor(browser, filters, now, number) for filters in lists}

        def fetch(filters: OfferFilters, cursors: dict[OfferFilters, PageCursor] = cursors
                  ) -> None:
            browser.page(filters, now, cursors[filters])

        measure(f"page_{number}", f"page() alone from the cursor of page {number - 1} (40 "
                "rows, scrolling); over the default list, 'concert', by date, free+20 km+"
                "weekend", lists, fetch)  # fmt: skip
    measure("count", "count() alone (capped at 1,000), over the filter-only combinations",
            filter_only, lambda filters: browser.count(filters, now))
    figures.append({
        **figure("browse_rss_mb", _rss_mb(), "MB"),
        "what": "VmRSS of this process after the initial sync and all the browsing above",
    })  # fmt: skip
    figures.append(figure("search_catalog_bookable_offers",
                          catalog.counts(now).bookable_offers, "offers"))  # fmt: skip
    return figures


def _describe(filters: OfferFilters) -> str:
    """The fields of ``filters`` that differ from no filter at all."""
    default = OfferFilters()
    shown = {
        name: value.isoformat(timespec="seconds") if isinstance(value, datetime)
        else sorted(value) if isinstance(value, frozenset)
        else str(value) if isinstance(value, enum.Enum) else value
        for name, value in vars(filters).items() if value != getattr(default, name)
    }  # fmt: skip
    return ", ".join(f"{name}={value!r}" for name, value in shown.items())


def _typed(text: str) -> list[str]:
    """What the search box holds after each key press, from the 2nd letter on."""
    return [text[:end] for end in range(2, len(text) + 1)]


def _cursor(browser: OfferBrowser, filters: OfferFilters, now: datetime, number: int
            ) -> PageCursor:
    """The cursor of page ``number`` (1 is the first) of ``filters``' list.

    As the screen gets there: search() for the first page, then page() after page().
    """
    first = browser.search(filters, now)[0].next
    if first is None:
        raise RuntimeError(f"fewer than 2 pages for {filters}")
    cursor = first
    for _ in range(number - 2):
        following = browser.page(filters, now, cursor).next
        if following is None:
            raise RuntimeError(f"fewer than {number} pages for {filters}")
        cursor = following
    return cursor


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")

