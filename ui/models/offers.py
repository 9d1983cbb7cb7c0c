"""The offers screen: rails, search as you type, filters, results, offer and venue pages.

One view-model holds what the visitor asked (:class:`OfferFilters` plus a date choice that
is turned into instants at each query, in the kiosk's time zone) and which page of the
screen is shown. Every catalog read that can touch many rows (rails, results, counts) runs
on the storage lane; while one runs, newer questions wait and only the latest is asked, so
typing fast never queues a backlog. Texts are formatted here per language; the words
around them are translated in QML.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, Final
from urllib.parse import quote

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.clock import Clock
from kiosk.domain import links
from kiosk.domain.offer_dates import DatePreset, preset_span
from kiosk.storage.catalog import Catalog
from kiosk.storage.local import KioskVenue
from kiosk.storage.offer_query import ACCESSIBILITY, OfferFilters, Presence, Sort
from kiosk.storage.offers import COUNT_CAP, OfferBrowser, OfferCard, Page
from ui import formatting
from ui.models.offer_list import OfferListModel
from ui.runner import Lane, TaskRunner
from ui.taxonomy import translated_label

log = logging.getLogger(__name__)

#: The distance filter a visit starts with, and the choices the filter panel offers.
DEFAULT_DISTANCE_KM: Final = 20
DISTANCE_CHOICES: Final = (1, 5, 10, 20, 50)
#: Maximum price choices in euros (0: free only).
PRICE_CHOICES: Final = (0, 10, 20, 50)
#: Cards per rail.
RAIL_SIZE: Final = 10
HOME, RESULTS, FILTERS, DETAIL, VENUE = "home", "results", "filters", "detail", "venue"
_FALLBACK_ZONE: Final = "Europe/Paris"


class OffersModel(QObject):
    """State of the offers screen for QML (context property ``offers``)."""

    pageChanged = Signal()  # noqa: N815 - Qt notify signals are camelCase for QML
    filtersChanged = Signal()  # noqa: N815
    resultsChanged = Signal()  # noqa: N815
    railsChanged = Signal()  # noqa: N815
    detailChanged = Signal()  # noqa: N815
    #: An offer's page was opened (the staff area counts them, nothing more).
    offer_viewed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        catalog: Catalog,
        clock: Clock,
        language: Callable[[], str],
        venue: Callable[[], KioskVenue | None],
    ) -> None:
        super().__init__()
        self._runner = runner
        self._browser = OfferBrowser(catalog)
        self._clock = clock
        self._language = language
        self._venue = venue
        self.results = OfferListModel(runner, self._browser, self._card_view)
        self._pages = [HOME]
        self._filters = OfferFilters(max_distance_km=DEFAULT_DISTANCE_KM)
        self._date_preset = ""
        self._count = 0
        self._busy = False
        self._suggestion = ""
        self._rails: list[dict[str, Any]] = []
        self._groups: list[dict[str, Any]] = []
        self._subcategories: list[dict[str, Any]] = []
        self._detail: dict[str, Any] = {}
        self._venue_page: dict[str, Any] = {}
        self._search_running = False
        self._search_waiting = False
        self._generation = 0

    # --- pages of the screen ---------------------------------------------------------------

    def _get_page(self) -> str:
        return self._pages[-1]

    page = Property(str, _get_page, notify=pageChanged)

    @Slot(result=bool)
    def back(self) -> bool:
        """Go to the previous page of the screen; False when on its first page."""
        if len(self._pages) == 1:
            return False
        self._pages.pop()
        self.pageChanged.emit()
        return True

    def _push(self, page: str) -> None:
        if self._pages[-1] != page:
            self._pages.append(page)
            self.pageChanged.emit()

    @Slot()
    def enter(self) -> None:
        """The visitor opened the offers screen: show its home with fresh rails."""
        self.refresh()

    @Slot()
    def showResults(self) -> None:  # noqa: N802 - called from QML
        """Show the results of the current question."""
        if self._pages[-1] == FILTERS:
            self._pages.pop()
        self._push(RESULTS)
        self._search()

    @Slot()
    def openFilters(self) -> None:  # noqa: N802
        """Show the filter panel."""
        self._load_groups()
        self._push(FILTERS)
        self._search()  # the panel's button tells how many offers the filters leave

    @Slot(int)
    def openOffer(self, offer_id: int) -> None:  # noqa: N802
        """Show one offer's page (or say it is gone)."""
        now = self._clock.now()
        detail = self._browser.detail(offer_id, now)
        self._detail = self._detail_view(detail) if detail else {"missing": True}
        self.detailChanged.emit()
        self._push(DETAIL)
        if detail:
            self.offer_viewed.emit()

    @Slot(int)
    def openVenue(self, venue_id: int) -> None:  # noqa: N802
        """Show a venue's page with its offers."""
        venue = self._browser.venue(venue_id)
        if venue is None:
            return
        cards = self._browser.find(OfferFilters(venue_id=venue_id), self._clock.now(),
                                   limit=RAIL_SIZE * 2)
        language = self._language()
        self._venue_page = {
            "id": venue.id,
            "name": venue.name,
            "description": venue.description or "",
            "address": venue.address,
            "distance": formatting.distance(language, venue.distance_km),
            "hours": _opening_hours(venue.opening_hours),
            "accessibility": [flag for flag, value in venue.accessibility.items() if value],
            "offers": [self._card_view(card) for card in cards],
            "link": links.venue_link(venue.id, self._kiosk_venue_id()),
        }
        self.detailChanged.emit()
        self._push(VENUE)

    # --- the question ----------------------------------------------------------------------

    def _get_text(self) -> str:
        return self._filters.text

    def _set_text(self, text: str) -> None:
        if text == self._filters.text:
            return
        self._update(text=text)
        if text.strip() and self._pages[-1] == HOME:
            self._push(RESULTS)

    text = Property(str, _get_text, _set_text, notify=filtersChanged)

    def _get_filter_state(self) -> dict[str, Any]:
        filters = self._filters
        return {
            "searchGroup": filters.search_group or "",
            "subcategory": filters.subcategory or "",
            "maxPrice": -1 if filters.max_price_cents is None else filters.max_price_cents // 100,
            "date": self._date_preset,
            "distance": int(filters.max_distance_km or 0),
            "duo": filters.duo,
            "accessibility": sorted(filters.accessibility),
            "presence": filters.presence.value,
            "sort": filters.sort.value,
        }

    filterState = Property("QVariantMap", _get_filter_state, notify=filtersChanged)  # noqa: N815

    def _get_choices(self) -> dict[str, Any]:
        return {
            "distances": list(DISTANCE_CHOICES),
            "prices": list(PRICE_CHOICES),
            "dates": [preset.value for preset in DatePreset],
            "accessibility": list(ACCESSIBILITY),
            "presences": [presence.value for presence in Presence],
            "sorts": [sort.value for sort in Sort],
        }

    choices = Property("QVariantMap", _get_choices, constant=True)

    @Slot(str)
    def setSearchGroup(self, group: str) -> None:  # noqa: N802
        """Filter on a search group ("" for all); the subcategory choice is cleared."""
        self._update(search_group=group or None, subcategory=None)
        self._load_subcategories()

    @Slot(str)
    def setSubcategory(self, subcategory: str) -> None:  # noqa: N802
        """Filter on a subcategory of the chosen group ("" for all)."""
        self._update(subcategory=subcategory or None)

    @Slot(int)
    def setMaxPrice(self, euros: int) -> None:  # noqa: N802
        """Highest price in euros; 0 for free offers only, -1 for any price."""
        self._update(max_price_cents=None if euros < 0 else euros * 100)

    @Slot(str)
    def setDate(self, preset: str) -> None:  # noqa: N802
        """"today", "weekend", "week", or "" for any date."""
        self._date_preset = preset if preset in set(DatePreset) else ""
        self._update()

    @Slot(int)
    def setDistance(self, km: int) -> None:  # noqa: N802
        """Only places within ``km`` of the kiosk (0 for any distance)."""
        self._update(max_distance_km=float(km) if km > 0 else None)

    @Slot(bool)
    def setDuo(self, duo: bool) -> None:  # noqa: N802
        """Only offers bookable for two."""
        self._update(duo=duo)

    @Slot(str)
    def toggleAccessibility(self, flag: str) -> None:  # noqa: N802
        """Add or remove one accessibility requirement."""
        if flag in ACCESSIBILITY:
            self._update(accessibility=self._filters.accessibility ^ {flag})

    @Slot(str)
    def setPresence(self, presence: str) -> None:  # noqa: N802
        """"physical", "digital" or "any"."""
        self._update(presence=Presence(presence) if presence in set(Presence) else Presence.ANY)

    @Slot(str)
    def setSort(self, sort: str) -> None:  # noqa: N802
        """"distance", "date" or "price"."""
        self._update(sort=Sort(sort) if sort in set(Sort) else Sort.DISTANCE)

    @Slot(str)
    def removeChip(self, key: str) -> None:  # noqa: N802
        """Remove the filter a chip stands for."""
        self._update(**_without(key, self._filters))
        if key == "date":
            self._date_preset = ""
            self._update()

    @Slot()
    def clearFilters(self) -> None:  # noqa: N802
        """Every filter back to how a visit starts; the typed text stays."""
        self._date_preset = ""
        self._filters = OfferFilters(text=self._filters.text,
                                     max_distance_km=DEFAULT_DISTANCE_KM)
        self._subcategories = []
        self.filtersChanged.emit()
        self._search()

    @Slot(str)
    def showRail(self, key: str) -> None:  # noqa: N802
        """Open the results of one rail ("Voir tout")."""
        base = OfferFilters(max_distance_km=DEFAULT_DISTANCE_KM)
        self._date_preset = ""
        if key == "week":
            self._date_preset = DatePreset.WEEK.value
            base = dataclasses.replace(base, sort=Sort.DATE)
        elif key == "free":
            base = dataclasses.replace(base, max_price_cents=0)
        elif key.startswith("group:"):
            base = dataclasses.replace(base, search_group=key.removeprefix("group:"))
        self._filters = base
        self.filtersChanged.emit()
        self.showResults()

    def _get_chips(self) -> list[dict[str, str]]:
        return _chips(self._filters, self._date_preset, self._group_label, self._language())

    chips = Property("QVariantList", _get_chips, notify=filtersChanged)

    def _update(self, **changes: Any) -> None:
        self._filters = dataclasses.replace(self._filters, **changes)
        self.filtersChanged.emit()
        if self._pages[-1] != HOME or self._filters.text.strip():
            self._search()

    # --- results ---------------------------------------------------------------------------

    def _get_count(self) -> int:
        return self._count

    def _get_capped(self) -> bool:
        return self._count >= COUNT_CAP

    def _get_busy(self) -> bool:
        return self._busy

    def _get_suggestion(self) -> str:
        return self._suggestion

    resultCount = Property(int, _get_count, notify=resultsChanged)  # noqa: N815
    countCapped = Property(bool, _get_capped, notify=resultsChanged)  # noqa: N815
    busy = Property(bool, _get_busy, notify=resultsChanged)
    #: The chip whose removal would bring results back, when there are none.
    suggestion = Property(str, _get_suggestion, notify=resultsChanged)

    def _get_results(self) -> OfferListModel:
        return self.results

    resultsModel = Property(QObject, _get_results, constant=True)  # noqa: N815

    def _search(self) -> None:
        """Ask the current question in the background; only the latest one is answered."""
        self._busy = True
        self.resultsChanged.emit()
        if self._search_running:
            self._search_waiting = True
            return
        self._search_running = True
        self._generation += 1
        generation = self._generation
        filters = self._dated(self._filters)
        now = self._clock.now()
        task = self._runner.submit(Lane.STORAGE, self._answer, filters, now)
        task.finished.connect(lambda answer: self._on_answer(generation, filters, now, answer))
        task.failed.connect(lambda _error: self._on_answer(generation, filters, now, None))

    def _answer(self, filters: OfferFilters, now: datetime) -> tuple[Page, int, str]:
        page, count = self._browser.search(filters, now)
        return page, count, "" if count else self._suggest(filters, now)

    def _suggest(self, filters: OfferFilters, now: datetime) -> str:
        """The first chip whose removal gives results (on the storage lane)."""
        for chip in _chips(filters, self._date_preset, lambda group: group, "fr"):
            key = chip["key"]
            loosened = dataclasses.replace(filters, **_without(key, filters))
            if key == "date":
                loosened = dataclasses.replace(loosened, starts_from=None, starts_before=None)
            if self._browser.count(loosened, now, cap=1):
                return key
        return ""

    def _on_answer(self, generation: int, filters: OfferFilters, now: datetime,
                   answer: tuple[Page, int, str] | None) -> None:
        self._search_running = False
        if self._search_waiting:
            self._search_waiting = False
            self._search()
            return
        if generation != self._generation:
            return
        page, count, suggestion = answer if answer else (Page([], None), 0, "")
        self.results.replace(filters, now, page.cards, page.next)
        self._count, self._suggestion, self._busy = count, suggestion, False
        self.resultsChanged.emit()

    def _dated(self, filters: OfferFilters) -> OfferFilters:
        """``filters`` with the date choice turned into instants, now, at the kiosk."""
        if not self._date_preset:
            return dataclasses.replace(filters, starts_from=None, starts_before=None)
        span = preset_span(DatePreset(self._date_preset), self._clock.now(), self._zone())
        return dataclasses.replace(filters, starts_from=span.start, starts_before=span.end)

    # --- rails and facets ------------------------------------------------------------------

    def _get_rails(self) -> list[dict[str, Any]]:
        return self._rails

    rails = Property("QVariantList", _get_rails, notify=railsChanged)

    def _get_groups(self) -> list[dict[str, Any]]:
        return self._groups

    groups = Property("QVariantList", _get_groups, notify=railsChanged)

    def _get_subcategories(self) -> list[dict[str, Any]]:
        return self._subcategories

    subcategories = Property("QVariantList", _get_subcategories, notify=filtersChanged)

    @Slot()
    def refresh(self) -> None:
        """Read the rails again (entering the screen, after a sync)."""
        now = self._clock.now()
        task = self._runner.submit(Lane.STORAGE, self._read_rails, now, self._zone())
        task.finished.connect(self._on_rails)

    def _read_rails(self, now: datetime, zone: str) -> list[tuple[str, str, list[OfferCard]]]:
        near = OfferFilters(max_distance_km=DEFAULT_DISTANCE_KM)
        week = preset_span(DatePreset.WEEK, now, zone)
        rails = [
            ("week", "", dataclasses.replace(near, starts_from=week.start,
                                             starts_before=week.end, sort=Sort.DATE)),
            ("free", "", dataclasses.replace(near, max_price_cents=0)),
            ("near", "", near),
        ]
        rails += [
            (f"group:{facet.id}", facet.label, dataclasses.replace(near, search_group=facet.id))
            for facet in self._browser.search_groups(now)
        ]
        found = [(key, label, self._browser.find(filters, now, limit=RAIL_SIZE))
                 for key, label, filters in rails]
        return [(key, label, cards) for key, label, cards in found if cards]

    def _on_rails(self, rails: list[tuple[str, str, list[OfferCard]]]) -> None:
        self._rails = [
            {"key": key, "title": translated_label(label) if label else "",
             "offers": [self._card_view(card) for card in cards]}
            for key, label, cards in rails
        ]
        self.railsChanged.emit()

    def _load_groups(self) -> None:
        now = self._clock.now()
        self._groups = [
            {"id": facet.id, "label": translated_label(facet.label), "count": facet.count}
            for facet in self._browser.search_groups(now)
        ]
        self._load_subcategories()
        self.railsChanged.emit()

    def _load_subcategories(self) -> None:
        group = self._filters.search_group
        self._subcategories = [
            {"id": facet.id, "label": translated_label(facet.label), "count": facet.count}
            for facet in (self._browser.subcategories(group, self._clock.now()) if group else [])
        ]
        self.filtersChanged.emit()

    def _group_label(self, group: str) -> str:
        for facet in self._groups:
            if facet["id"] == group:
                return str(facet["label"])
        return translated_label(group)

    # --- detail ----------------------------------------------------------------------------

    def _get_detail(self) -> dict[str, Any]:
        return self._detail

    def _get_venue_page(self) -> dict[str, Any]:
        return self._venue_page

    detail = Property("QVariantMap", _get_detail, notify=detailChanged)
    venue = Property("QVariantMap", _get_venue_page, notify=detailChanged)

    # --- formatting ------------------------------------------------------------------------

    def _card_view(self, card: OfferCard) -> dict[str, Any]:
        language = self._language()
        return {
            "offerId": card.id,
            "name": card.name,
            "category": translated_label(card.subcategory_label or ""),
            "venue": card.venue_name,
            "venueId": card.venue_id,
            "distance": formatting.distance(language, card.distance_km),
            "price": "" if card.min_price_cents in (None, 0)
            else formatting.price(language, card.min_price_cents),
            "free": card.min_price_cents == 0,
            "when": formatting.moment(language, card.next_beginning, card.timezone)
            if card.next_beginning else "",
            "image": image_source(card.image_url),
            "duo": card.is_duo,
            "digital": card.is_digital,
        }

    def _detail_view(self, detail: Any) -> dict[str, Any]:
        language = self._language()
        card = detail.card
        return {
            **self._card_view(card),
            "description": detail.description,
            "address": detail.address,
            "dates": [formatting.moment(language, moment, card.timezone)
                      for moment in detail.dates],
            "accessibility": [flag for flag, value in detail.accessibility.items() if value],
            "withdrawal": detail.withdrawal_details or "",
            "link": links.offer_link(card.id, self._kiosk_venue_id()),
        }

    def _kiosk_venue_id(self) -> int | None:
        venue = self._venue()
        return venue.id if venue else None

    def _zone(self) -> str:
        venue = self._venue()
        return venue.timezone if venue else _FALLBACK_ZONE

    def language_changed(self) -> None:
        """Format everything shown again in the new language."""
        self.results.refresh_views()
        self.refresh()
        if self._pages[-1] == DETAIL and self._detail.get("offerId"):
            self._pages.pop()
            self.openOffer(int(self._detail["offerId"]))

    # --- session ---------------------------------------------------------------------------

    def reset_visitor_state(self) -> None:
        """Forget the visit: text, filters, pages and results."""
        self._pages = [HOME]
        self._filters = OfferFilters(max_distance_km=DEFAULT_DISTANCE_KM)
        self._date_preset = ""
        self._detail, self._venue_page, self._subcategories = {}, {}, []
        self._generation += 1
        self._count, self._suggestion, self._busy = 0, "", False
        self.results.clear()
        self.pageChanged.emit()
        self.filtersChanged.emit()
        self.resultsChanged.emit()
        self.detailChanged.emit()


def image_source(url: str | None) -> str:
    """The QML source of an offer picture from the disk cache ("" without one)."""
    return f"image://offerimage/{quote(url, safe='')}" if url else ""


def _without(key: str, filters: OfferFilters) -> dict[str, Any]:
    """The changes that remove the filter of chip ``key``."""
    defaults = {
        "group": {"search_group": None, "subcategory": None},
        "subcategory": {"subcategory": None},
        "price": {"max_price_cents": None},
        "distance": {"max_distance_km": None},
        "duo": {"duo": False},
        "presence": {"presence": Presence.ANY},
    }
    if key.startswith("access:"):
        return {"accessibility": filters.accessibility - {key.removeprefix("access:")}}
    return defaults.get(key, {})


def _chips(filters: OfferFilters, date_preset: str, group_label: Callable[[str], str],
           language: str) -> list[dict[str, str]]:
    """The active filters as removable chips: a key and the value QML words around."""
    chips = []
    if filters.search_group:
        chips.append({"key": "group", "value": group_label(filters.search_group)})
    if filters.subcategory:
        chips.append({"key": "subcategory", "value": filters.subcategory})
    if filters.max_price_cents is not None:
        chips.append({"key": "price", "value": "" if filters.max_price_cents == 0
                      else formatting.price(language, filters.max_price_cents)})
    if date_preset:
        chips.append({"key": "date", "value": date_preset})
    if filters.max_distance_km is not None:
        chips.append({"key": "distance", "value": formatting.distance(
            language, filters.max_distance_km)})
    if filters.duo:
        chips.append({"key": "duo", "value": ""})
    chips += [{"key": f"access:{flag}", "value": flag} for flag in sorted(filters.accessibility)]
    if filters.presence is not Presence.ANY:
        chips.append({"key": "presence", "value": filters.presence.value})
    return chips


_DAYS: Final = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


def _opening_hours(hours: Any) -> list[dict[str, Any]]:
    """Day by day, the opening spans as ``"10:00–19:00"`` (empty list: closed that day)."""
    if not isinstance(hours, dict):
        return []
    days = []
    for number, day in enumerate(_DAYS):
        spans = hours.get(day)
        days.append({
            "day": number,
            "spans": [f"{span.get('open')}–{span.get('close')}" for span in spans
                      if isinstance(span, dict)] if isinstance(spans, list) else [],
        })
    return days
