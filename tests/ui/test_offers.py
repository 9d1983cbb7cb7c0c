"""The offers screen, as a visitor uses it: rails, typing, filters, results, an offer, a venue."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QMetaObject, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.domain import links
from kiosk.domain.offer_dates import DatePreset, preset_span
from tests.ui.conftest import item, tap, text_of
from ui.app import Kiosk
from ui.scene import visible_texts


def _open_offers(qtbot, kiosk: Kiosk) -> None:
    kiosk.navigation.home()
    tap(qtbot, kiosk, "choiceOffers")
    qtbot.waitUntil(lambda: len(kiosk.offers.rails) > 0, timeout=10000)


def _reveal(qtbot, kiosk: Kiosk, name: str) -> None:
    """Scroll the screen so that item ``name`` is on screen, as a visitor would."""
    page = item(kiosk, "screenPage")
    target = item(kiosk, name)
    top = target.mapToItem(page.property("contentItem"), QPointF(0, 0)).y()
    page.setProperty("contentY", max(0.0, min(top - 200, page.property("contentHeight")
                                               - page.height())))
    qtbot.wait(50)


def _settled(qtbot, kiosk: Kiosk) -> None:
    qtbot.waitUntil(lambda: not kiosk.offers.busy, timeout=10000)


def _shown(kiosk: Kiosk, name: str) -> str:
    return "\n".join(visible_texts(item(kiosk, name)))


def _virtual_key(kiosk: Kiosk, character: str) -> QQuickItem:
    """The key of the on-screen keyboard that types ``character``."""
    panel = item(kiosk, "inputPanel")
    found: list[QQuickItem] = []

    def walk(node: QQuickItem) -> None:
        for child in node.childItems():
            if (child.isVisible() and child.property("text") == character
                    and child.property("key") is not None and child.width() > 0):
                found.append(child)
            walk(child)

    walk(panel)
    assert found, f"no key {character!r} on the on-screen keyboard"
    return found[0]


def _type_on_keyboard(qtbot, kiosk: Kiosk, word: str, after_each=None) -> None:
    """Tap the on-screen keyboard's keys, one letter after the other."""
    for character in word:
        key = _virtual_key(kiosk, character)
        centre = key.mapToScene(QPointF(key.width() / 2, key.height() / 2)).toPoint()
        QTest.mousePress(kiosk.window, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, centre)
        QTest.mouseRelease(kiosk.window, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier, centre, 20)
        if after_each is not None:
            after_each()


def _focus_search(qtbot, kiosk: Kiosk) -> None:
    tap(qtbot, kiosk, "offerSearchField")
    panel = item(kiosk, "inputPanel")
    qtbot.waitUntil(lambda: panel.property("active"), timeout=3000)
    qtbot.wait(250)  # the keyboard slides in


def _result_ids(kiosk: Kiosk) -> list[int]:
    model = kiosk.offers.results
    return [model.offer_id_at(row) for row in range(model.rowCount())]


def test_the_offers_home_shows_rails_of_real_offers(qtbot, browsing_kiosk: Kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    shown = _shown(kiosk, "offersHome")
    for title in ("Cette semaine", "Gratuit", "Tout près d'ici", "Concerts et festivals"):
        assert title in shown
    rail = item(kiosk, "rail_free")
    assert rail.property("count") > 0
    first_free = kiosk.offers.rails[1]["offers"][0]
    assert first_free["free"] and first_free["name"] in shown


def test_results_change_at_every_key_typed_on_the_keyboard(qtbot, browsing_kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    _focus_search(qtbot, kiosk)
    counts: list[int] = []

    def record() -> None:
        _settled(qtbot, kiosk)
        counts.append(kiosk.offers.resultCount)

    _type_on_keyboard(qtbot, kiosk, "theatre", after_each=record)
    assert text_of(kiosk, "offerSearchField") == "theatre"
    assert kiosk.offers.page == "results"
    assert len(counts) == 7 and counts == sorted(counts, reverse=True), counts
    assert 0 < counts[-1] < counts[0]
    # Without accents, by prefix: "theatre" finds "Théâtre".
    names = [kiosk.offers.results.data(kiosk.offers.results.index(row),
                                       _role(kiosk, "name")) for row in range(5)]
    assert any("théâtre" in name.lower() for name in names), names
    assert "Théâtre" in _shown(kiosk, "offersResults") or "théâtre" in \
        _shown(kiosk, "offersResults")


def _role(kiosk: Kiosk, name: str) -> int:
    roles = kiosk.offers.results.roleNames()
    return next(role for role, role_name in roles.items() if bytes(role_name).decode() == name)


def test_a_free_concert_this_weekend_near_here_is_a_word_and_three_taps(
        qtbot, browsing_kiosk: Kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    _focus_search(qtbot, kiosk)
    _type_on_keyboard(qtbot, kiosk, "concert")
    _settled(qtbot, kiosk)
    for quick in ("quick_free", "quick_weekend", "quick_near"):
        tap(qtbot, kiosk, quick)
        _settled(qtbot, kiosk)
    chips = {chip["key"] for chip in kiosk.offers.chips}
    assert {"price", "date", "distance"} <= chips
    ids = _result_ids(kiosk)
    assert ids, "the demo catalog has free concerts this weekend near the kiosk"
    assert kiosk.offers.resultCount == len(ids)
    now = kiosk.clock.now()
    weekend = preset_span(DatePreset.WEEKEND, now, "Europe/Paris")
    for offer_id in ids:
        summary = kiosk.catalog.offer_summary(offer_id)
        assert summary is not None and summary.min_price_cents == 0
        assert summary.search_group == "CONCERTS_FESTIVALS" or "concert" in summary.name.lower()
        dates = kiosk.catalog.read(
            "SELECT count(*) FROM stocks WHERE offer_id = ? AND is_open AND price_cents = 0 "
            "AND beginning >= ? AND beginning < ?",
            (offer_id, weekend.start.strftime("%Y-%m-%dT%H:%M:%SZ"),
             weekend.end.strftime("%Y-%m-%dT%H:%M:%SZ")))
        assert dates[0][0] >= 1
        distance = kiosk.catalog.read("SELECT distance_km FROM offers WHERE id = ?",
                                      (offer_id,))[0][0]
        assert distance <= 10


def test_the_qr_code_of_an_offer_opens_that_offer_in_the_app(qtbot, browsing_kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    kiosk.offers.setProperty("text", "concert")
    _settled(qtbot, kiosk)
    offer_id = _result_ids(kiosk)[0]
    first_row = item(kiosk, "resultsList").property("contentItem").childItems()[0]
    centre = first_row.mapToScene(QPointF(first_row.width() / 2, first_row.height() / 2))
    QTest.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre.toPoint())
    qtbot.waitUntil(lambda: kiosk.offers.page == "detail", timeout=3000)
    venue = kiosk.venue()
    assert venue is not None
    expected = links.offer_link(offer_id, venue.id)
    assert item(kiosk, "offerQrCode").property("link") == expected
    assert f"/offre/{offer_id}?" in expected and f"utm_campaign={venue.id}" in expected
    summary = kiosk.catalog.offer_summary(offer_id)
    assert summary is not None
    assert text_of(kiosk, "offerName") == summary.name


def test_the_filter_panel_updates_the_count_and_the_chips(qtbot, browsing_kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    tap(qtbot, kiosk, "filtersButton")
    assert kiosk.offers.page == "filters"
    _settled(qtbot, kiosk)
    everything = kiosk.offers.resultCount
    tap(qtbot, kiosk, "group_CONCERTS_FESTIVALS")
    _settled(qtbot, kiosk)
    concerts = kiosk.offers.resultCount
    assert 0 < concerts < everything
    _reveal(qtbot, kiosk, "price_0")
    tap(qtbot, kiosk, "price_0")
    _settled(qtbot, kiosk)
    assert 0 < kiosk.offers.resultCount < concerts
    assert str(kiosk.offers.resultCount) in text_of(kiosk, "showResultsButton").replace(
        "\u202f", "").replace("\xa0", "")
    kiosk.offers.showResults()
    qtbot.waitUntil(lambda: kiosk.offers.page == "results", timeout=2000)
    _settled(qtbot, kiosk)
    assert item(kiosk, "chip_group").isVisible() and item(kiosk, "chip_price").isVisible()
    tap(qtbot, kiosk, "chip_price")
    _settled(qtbot, kiosk)
    assert kiosk.offers.resultCount == concerts
    assert "price" not in {chip["key"] for chip in kiosk.offers.chips}


def test_no_result_says_which_filter_to_remove(qtbot, browsing_kiosk: Kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    kiosk.offers.setProperty("text", "concert")
    kiosk.offers.setPresence("digital")  # the demo concerts all take place somewhere
    _settled(qtbot, kiosk)
    assert kiosk.offers.resultCount == 0
    assert kiosk.offers.suggestion == "presence"
    shown = _shown(kiosk, "offersResults")
    assert "Aucun résultat." in shown and "Essaie sans le filtre «\xa0En ligne\xa0»." in shown
    tap(qtbot, kiosk, "removeSuggestedFilter")
    _settled(qtbot, kiosk)
    assert kiosk.offers.resultCount > 0


def test_scrolling_the_results_loads_the_next_pages(qtbot, browsing_kiosk: Kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    kiosk.offers.showRail("near")
    _settled(qtbot, kiosk)
    model = kiosk.offers.results
    assert model.rowCount() >= 40  # the first page, and maybe the next one the list asked for
    listing = item(kiosk, "resultsList")
    for _ in range(3):  # fling to the end a few times: each end asks for one more page
        loaded = model.rowCount()
        QMetaObject.invokeMethod(listing, "positionViewAtEnd")
        qtbot.waitUntil(lambda loaded=loaded: model.rowCount() > loaded, timeout=5000)
    assert model.rowCount() >= 160
    ids = _result_ids(kiosk)
    assert len(ids) == len(set(ids)), "a page repeated offers"


def test_an_offer_leads_to_its_venue_and_back(qtbot, browsing_kiosk: Kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    offer = kiosk.offers.rails[0]["offers"][0]
    kiosk.offers.openOffer(offer["offerId"])
    _reveal(qtbot, kiosk, "openVenueButton")
    tap(qtbot, kiosk, "openVenueButton")
    assert kiosk.offers.page == "venue"
    venue = kiosk.catalog.venue_payload(offer["venueId"])
    assert venue is not None
    assert text_of(kiosk, "venueName") == (venue.get("publicName") or venue["name"])
    if venue.get("openingHours"):
        assert "Mardi" in text_of(kiosk, "venueHours") or "fermé" in text_of(kiosk, "venueHours")
    tap(qtbot, kiosk, "backButton")
    assert kiosk.offers.page == "detail"
    tap(qtbot, kiosk, "backButton")
    assert kiosk.offers.page == "home"
    tap(qtbot, kiosk, "backButton")
    assert kiosk.navigation.screen == "home"


def test_an_offer_gone_since_says_so(qtbot, browsing_kiosk: Kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    kiosk.offers.openOffer(1)  # no such offer
    assert item(kiosk, "offerGone").isVisible()


def test_ending_the_visit_forgets_the_search(qtbot, browsing_kiosk: Kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    kiosk.offers.setProperty("text", "jazz")
    kiosk.offers.setMaxPrice(0)
    _settled(qtbot, kiosk)
    kiosk.session.finish()
    assert kiosk.offers.text == "" and kiosk.offers.page == "home"
    assert kiosk.offers.chips == [{"key": "distance", "value": "20\xa0km"}]
    assert kiosk.offers.results.rowCount() == 0


@pytest.mark.parametrize("language", ["en"])
def test_the_offers_screen_speaks_english(qtbot, browsing_kiosk: Kiosk, language: str) -> None:
    kiosk = browsing_kiosk
    kiosk.preferences.setLanguage(language)
    _open_offers(qtbot, kiosk)
    qtbot.waitUntil(lambda: "This week" in _shown(kiosk, "offersHome"), timeout=5000)
    shown = _shown(kiosk, "offersHome")
    assert "Concerts and festivals" in shown
    assert "Cette semaine" not in shown


def test_times_are_shown_in_the_venue_time_zone(qtbot, browsing_kiosk: Kiosk) -> None:
    kiosk = browsing_kiosk
    _open_offers(qtbot, kiosk)
    event = next(offer for rail in kiosk.offers.rails for offer in rail["offers"]
                 if offer["when"])
    summary = kiosk.catalog.offer_summary(event["offerId"])
    assert summary is not None and summary.next_beginning is not None
    # The catalog keeps UTC; the card shows the wall-clock time at the venue.
    local = summary.next_beginning.astimezone(ZoneInfo("Europe/Paris"))
    assert summary.next_beginning.utcoffset() == timedelta(0)
    assert event["when"].endswith(f"{local:%H:%M}")
