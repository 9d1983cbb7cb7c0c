"""The local catalog: feed pages, full resyncs, search, bookability and damaged files."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.storage.catalog import Catalog, PageResult, open_catalog
from kiosk.storage.db import StorageError, move_aside
from tests.catalog_data import NOW, offer, page, stock, venue


def ids(catalog: Catalog) -> set[int]:
    """Every offer id the catalog holds, read through the file like a second process."""
    connection = sqlite3.connect(catalog.path)
    try:
        return {row[0] for row in connection.execute("SELECT id FROM offers")}
    finally:
        connection.close()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "catalog.sqlite3"


@pytest.fixture
def catalog(path: Path) -> Iterator[Catalog]:
    opened = open_catalog(path)
    yield opened
    opened.close()


# --- feed pages ---------------------------------------------------------------------------


def test_pages_upsert_and_delete(catalog: Catalog) -> None:
    first = page(catalog, [offer(1, "Dune"), offer(2, "Fondation"), offer(3, "Hypérion")])
    assert first == PageResult(upserted=3, deleted=0, skipped=0)

    second = page(catalog, [offer(1, "Dune, tome 2")], deleted=[2, 99], cursor="c2")
    assert second == PageResult(upserted=1, deleted=1, skipped=0)
    assert ids(catalog) == {1, 3}
    assert catalog.offer_payload(1) == offer(1, "Dune, tome 2")
    assert catalog.offer_payload(2) is None
    assert catalog.search_offer_ids("dune tome") == [1]
    assert catalog.search_offer_ids("fondation") == []
    assert catalog.cursor("offers") == "c2"
    assert catalog.counts(NOW).offers == 2


def test_an_offer_deleted_and_sent_again_in_one_page_is_kept(catalog: Catalog) -> None:
    page(catalog, [offer(1)])
    page(catalog, [offer(1, "Recréée")], deleted=[1])
    assert catalog.search_offer_ids("recreee") == [1]


def test_venue_pages_have_their_own_cursor(catalog: Catalog) -> None:
    result = catalog.apply_venues_page(
        [venue(1), venue(2), {"id": "3"}], [], "v1", full_resync=True, has_more=False
    )
    assert result == PageResult(upserted=2, deleted=0, skipped=1)
    catalog.apply_venues_page([], [1], "v2", full_resync=False, has_more=False)
    assert catalog.venue_payload(1) is None
    assert catalog.venue_payload(2) == venue(2)
    assert (catalog.cursor("venues"), catalog.cursor("offers")) == ("v2", None)
    assert catalog.counts(NOW).venues == 1


def test_cursor_data_and_documents_survive_reopening(path: Path) -> None:
    with open_catalog(path) as catalog:
        page(catalog, [offer(1, "Dune")], cursor="after-1")
        catalog.store_settings({"accountCreationMinimumAge": 15}, '"s1"')
        catalog.mark_success(NOW)
    with open_catalog(path) as again:
        assert again.rebuilt is False
        assert again.cursor("offers") == "after-1"
        assert again.search_offer_ids("dune") == [1]
        assert again.settings() == ({"accountCreationMinimumAge": 15}, '"s1"')
        assert again.last_success() == NOW


def test_a_page_failing_inside_its_transaction_keeps_the_previous_catalog(path: Path) -> None:
    with open_catalog(path) as catalog:
        page(catalog, [offer(1, "Dune"), offer(2, "Fondation")], cursor="c1")
        # A real database failure half-way through the page: offer 3 is written, then the
        # insertion of offer 666 is refused by SQLite itself.
        saboteur = sqlite3.connect(path)
        saboteur.execute(
            "CREATE TRIGGER sabotage BEFORE INSERT ON offers WHEN new.id = 666 "
            "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
        )
        saboteur.close()
        with pytest.raises(StorageError, match="disk says no"):
            page(catalog, [offer(3), offer(666), offer(1, "Modifiée")], deleted=[2], cursor="c2")
        assert ids(catalog) == {1, 2}
        assert catalog.search_offer_ids("dune") == [1]
        assert catalog.cursor("offers") == "c1"

        saboteur = sqlite3.connect(path)
        saboteur.execute("DROP TRIGGER sabotage")
        saboteur.close()
        # The sync resumes from the committed cursor and the same page now goes through.
        page(catalog, [offer(3), offer(666), offer(1, "Modifiée")], deleted=[2], cursor="c2")
        assert ids(catalog) == {1, 3, 666}


def test_a_page_on_a_dead_connection_fails_cleanly_and_loses_nothing(path: Path) -> None:
    catalog = open_catalog(path)
    page(catalog, [offer(1, "Dune")], cursor="c1")
    catalog.close()  # as if the process were going down in the middle of a sync
    with pytest.raises(StorageError):
        page(catalog, [offer(2)], deleted=[1], cursor="c2")
    with open_catalog(path) as again:
        assert ids(again) == {1}
        assert again.cursor("offers") == "c1"


# --- full resync --------------------------------------------------------------------------


def test_a_full_resync_keeps_old_offers_visible_until_its_last_page(path: Path) -> None:
    with open_catalog(path) as catalog:
        page(catalog, [offer(n, f"Ancienne {n}") for n in range(1, 7)], cursor="old")

        page(catalog, [offer(1), offer(2)], cursor="r1", full=True, more=True)
        assert catalog.resync_in_progress("offers")
        assert ids(catalog) == {1, 2, 3, 4, 5, 6}
        assert catalog.search_offer_ids("ancienne 5") == [5]

    # The kiosk restarts in the middle of the resync: it resumes from the committed cursor.
    with open_catalog(path) as catalog:
        assert catalog.cursor("offers") == "r1"
        page(catalog, [offer(3)], cursor="r2", more=True)
        assert catalog.counts(NOW).offers == 6

        last = page(catalog, [offer(4), offer(7)], deleted=[], cursor="r3")
        assert last == PageResult(upserted=2, deleted=2, skipped=0)
        assert ids(catalog) == {1, 2, 3, 4, 7}
        assert catalog.search_offer_ids("ancienne 5") == []
        assert not catalog.resync_in_progress("offers")

        # Later deltas belong to the new generation: a next resync would not drop them twice.
        page(catalog, [offer(8)], cursor="d1")
        assert ids(catalog) == {1, 2, 3, 4, 7, 8}


def test_a_resync_restarted_midway_drops_what_neither_brought_again(catalog: Catalog) -> None:
    page(catalog, [offer(1), offer(2), offer(3)], cursor="old")
    page(catalog, [offer(1), offer(4)], cursor="r1", full=True, more=True)
    # The server lost the cursor and starts over: offer 4 is gone by now.
    page(catalog, [offer(1)], cursor="s1", full=True, more=True)
    page(catalog, [offer(2)], cursor="s2", more=False)
    assert ids(catalog) == {1, 2}


def test_a_full_resync_of_venues_also_waits_for_its_last_page(catalog: Catalog) -> None:
    catalog.apply_venues_page([venue(1), venue(2)], [], "v0", full_resync=True, has_more=False)
    catalog.apply_venues_page([venue(3)], [], "v1", full_resync=True, has_more=True)
    assert catalog.counts(NOW).venues == 3
    catalog.apply_venues_page([venue(2)], [], "v2", full_resync=False, has_more=False)
    assert catalog.venue_payload(1) is None
    assert catalog.counts(NOW).venues == 2


# --- items that do not fit ----------------------------------------------------------------


def _broken(change: dict[str, Any]) -> dict[str, Any]:
    return {**offer(50), **change}


BAD_OFFERS: list[object] = [
    None,
    "offer",
    [offer(40)],
    {key: value for key, value in offer(41).items() if key != "id"},
    _broken({"id": "51"}),
    _broken({"id": True}),
    _broken({"id": -3}),
    _broken({"id": 2**70}),
    _broken({"name": 42}),
    _broken({"name": "bad \ud800 surrogate"}),
    _broken({"isDuo": "yes"}),
    _broken({"stocks": None}),
    _broken({"stocks": [{"id": 1, "price": "10 €"}]}),
    _broken({"stocks": [stock(1), stock(1)]}),
    _broken({"stocks": [{**stock(1), "beginningDatetime": "demain"}]}),
    _broken({"stocks": [{**stock(1), "beginningDatetime": "2025-06-20T18:30:00"}]}),
    _broken({"venue": {"id": 7, "name": "Salle", "coordinates": {"latitude": float("nan")}}}),
    _broken({"venue": {"id": 7, "name": "Salle", "coordinates": {"latitude": 95, "longitude": 0}}}),
    _broken({"artists": [{"name": None}]}),
    _broken({"extraData": {"payload": object()}}),
]


def test_items_that_do_not_fit_are_skipped_and_counted(catalog: Catalog) -> None:
    page(catalog, [offer(3)])
    items = [offer(1), *BAD_OFFERS, offer(2)]
    result = page(catalog, items, deleted=["3", 4.0, None, True, 3])
    assert result == PageResult(upserted=2, deleted=1, skipped=len(BAD_OFFERS) + 4)
    assert ids(catalog) == {1, 2}  # offer 3 went with the one valid deleted id


def test_missing_optional_fields_are_tolerated(catalog: Catalog) -> None:
    minimal = {
        "id": 5,
        "name": "Atelier",
        "subcategoryId": "ATELIER_PRATIQUE_ART",
        "venue": {"id": 3, "name": "MJC"},
        "stocks": [{"id": 1, "price": 0}],
        "unknownField": {"anything": [1, 2]},
    }
    assert page(catalog, [minimal]).upserted == 1
    summary = catalog.offer_summary(5)
    assert summary is not None
    assert (summary.latitude, summary.image_url, summary.audio_disability) == (None, None, None)
    assert summary.bookable_at(NOW + timedelta(days=3650))
    assert summary.min_price_cents == 0


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
_MUTATED_OFFERS = st.builds(
    lambda changes, drops: {
        key: value for key, value in {**offer(9), **changes}.items() if key not in drops
    },
    st.dictionaries(st.sampled_from(sorted(offer(9))), _JSON, max_size=3),
    st.sets(st.sampled_from(sorted(offer(9))), max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(items=st.lists(_MUTATED_OFFERS | _JSON, max_size=4), deleted=st.lists(_JSON, max_size=3))
def test_any_json_page_is_applied_without_raising(
    tmp_path_factory: pytest.TempPathFactory, items: list[object], deleted: list[object]
) -> None:
    with open_catalog(tmp_path_factory.mktemp("fuzz") / "catalog.sqlite3") as catalog:
        result = page(catalog, items, deleted)
        assert result.upserted + (result.skipped - _bad_ids(deleted)) == len(items)


def _bad_ids(values: list[object]) -> int:
    return sum(
        1
        for value in values
        if not (isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63)
    )


# --- search -------------------------------------------------------------------------------


@pytest.fixture
def shelves(catalog: Catalog) -> Catalog:
    page(
        catalog,
        [
            offer(1, "Théâtre : Le Misanthrope", description="Une comédie de Molière."),
            offer(2, "Concert de jazz", description="Trio Ambre en plein air."),
            offer(3, "Atelier d'écriture", venue_name="Bibliothèque Émile-Zola"),
            offer(4, "Lecture publique", artists=["Édouard Glissant"]),
            offer(5, "Visite guidée", description="Le théâtre romain et ses coulisses."),
            offer(6, "Concert de rock", description="Guitares."),
        ],
    )
    return catalog


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("theatre", [1, 5]),
        ("THÉÂTRE", [1, 5]),
        ("conc jaz", [2]),
        ("concert", [2, 6]),
        ("emile zola", [3]),
        ("edouard", [4]),
        ("molière", [1]),
        ("  Jazz!  ", [2]),
    ],
)
def test_search_is_accent_insensitive_and_by_prefix(
    shelves: Catalog, text: str, expected: list[int]
) -> None:
    assert sorted(shelves.search_offer_ids(text)) == sorted(expected)


def test_search_ranks_names_above_descriptions(shelves: Catalog) -> None:
    assert shelves.search_offer_ids("théâtre") == [1, 5]
    assert shelves.search_offer_ids("concert", limit=1) in ([2], [6])
    assert shelves.search_offer_ids("concert", limit=0) == []


@pytest.mark.parametrize(
    "text",
    ['"', 'jazz"', "*", "conc*", "(jazz", "jazz)", "NEAR(jazz concert)", "jazz AND", "OR",
     "NOT jazz", "-jazz", "name:jazz", "^jazz", "{name}: jazz", "jazz + concert", "'; DROP"],
)  # fmt: skip
def test_hostile_search_text_is_only_words(shelves: Catalog, text: str) -> None:
    found = shelves.search_offer_ids(text)
    assert isinstance(found, list)


def test_operators_in_search_text_are_plain_words(shelves: Catalog) -> None:
    # As FTS syntax, "jazz OR rock" would find both concerts; as words it needs an "or…".
    assert shelves.search_offer_ids("jazz OR rock") == []
    assert shelves.search_offer_ids("concert NOT rock") == []
    assert shelves.search_offer_ids('"concert" jazz*') == [2]
    assert shelves.search_offer_ids("") == []
    assert shelves.search_offer_ids("!!! ???") == []


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=80))
def test_any_search_text_is_safe(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    with open_catalog(tmp_path_factory.mktemp("search") / "catalog.sqlite3") as catalog:
        page(catalog, [offer(1, "Concert de jazz"), offer(2, "Théâtre")])
        found = catalog.search_offer_ids(text)
        assert set(found) <= {1, 2}


# --- bookability --------------------------------------------------------------------------


def test_only_offers_with_a_bookable_stock_count_as_bookable(catalog: Catalog) -> None:
    soon, later, past = NOW + timedelta(days=2), NOW + timedelta(days=20), NOW - timedelta(hours=1)
    page(
        catalog,
        [
            offer(1, "Livre en stock", stocks=[stock(10)]),
            offer(2, "Complet", stocks=[stock(20, sold_out=True, bookable=False)]),
            offer(3, "Plus de places", stocks=[stock(30, remaining=0)]),
            offer(4, "Concert passé", stocks=[stock(40, begins=past)]),
            offer(5, "Réservations closes", stocks=[stock(50, begins=later, limit=past)]),
            offer(6, "Refusé par le serveur", stocks=[stock(60, bookable=False)]),
            offer(7, "Expiré", stocks=[stock(70, expired=True)]),
            offer(8, "Sans stock", stocks=[]),
            offer(
                9,
                "Concert en deux dates",
                stocks=[stock(90, 500, begins=soon), stock(91, 1500, begins=later)],
            ),
        ],
        # The page was fetched an hour ago, when the past concert still looked bookable.
        now=NOW - timedelta(hours=2),
    )
    assert catalog.counts(NOW).bookable_offers == 2
    assert sorted(catalog.search_offer_ids("concert", now=NOW)) == [9]
    assert sorted(catalog.search_offer_ids("concert")) == [4, 9]

    two_dates = catalog.offer_summary(9)
    assert two_dates is not None
    assert (two_dates.min_price_cents, two_dates.next_beginning) == (500, soon)
    assert two_dates.bookable_at(soon) and not two_dates.bookable_at(later)

    # Once the first date is past, the cheaper stock no longer counts.
    catalog.refresh_bookable(soon)
    two_dates = catalog.offer_summary(9)
    assert two_dates is not None
    assert (two_dates.min_price_cents, two_dates.next_beginning) == (1500, later)
    assert catalog.counts(later).bookable_offers == 1  # only the book, without a deadline


def test_a_sold_out_offer_has_nothing_bookable(catalog: Catalog) -> None:
    sold_out = {**offer(1, stocks=[stock(10)]), "isSoldOut": True}
    withdrawn = {**offer(2, stocks=[stock(20)]), "isReleased": False}
    page(catalog, [sold_out, withdrawn])
    assert catalog.counts(NOW).bookable_offers == 0


def test_offers_summarise_their_columns(catalog: Catalog) -> None:
    page(catalog, [{**offer(1), "address": {
        "postalCode": "69007", "city": "Lyon", "timezone": "Europe/Paris",
        "coordinates": {"latitude": 45.73, "longitude": 4.84}}}])  # fmt: skip
    summary = catalog.offer_summary(1)
    assert summary is not None
    assert (summary.latitude, summary.longitude) == (45.73, 4.84)  # where it takes place
    assert (summary.venue_id, summary.is_duo, summary.is_digital) == (7, True, False)
    assert (summary.audio_disability, summary.mental_disability) == (True, None)
    assert summary.image_url == "https://storage.example/1.png"
    assert catalog.offer_summary(2) is None


# --- documents ----------------------------------------------------------------------------


def test_documents_keep_their_etag_and_the_taxonomy_groups_offers(catalog: Catalog) -> None:
    assert catalog.settings() == (None, None)
    assert catalog.last_success() is None
    page(catalog, [offer(1, subcategory="CONCERT")])
    taxonomy = {
        "subcategories": [
            {"id": "CONCERT", "searchGroupName": "CONCERTS_FESTIVALS", "isEvent": True},
            {"id": "LIVRE_PAPIER", "searchGroupName": "LIVRES"},
            {"id": 12},
        ],
        "searchGroups": [{"name": "LIVRES", "value": "Livres"}],
    }
    catalog.store_taxonomy(taxonomy, '"t1"')
    catalog.store_remote_config({"idleTimeout": 90}, None)
    page(catalog, [offer(2)])

    assert catalog.taxonomy() == (taxonomy, '"t1"')
    assert catalog.remote_config() == ({"idleTimeout": 90}, None)
    groups = [catalog.offer_summary(n) for n in (1, 2)]
    assert [s.search_group if s else None for s in groups] == ["CONCERTS_FESTIVALS", "LIVRES"]


def test_times_must_be_aware(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="aware"):
        catalog.counts(datetime(2025, 6, 1))  # naive: the mistake under test


# --- damaged files ------------------------------------------------------------------------


def _assert_fresh_and_working(catalog: Catalog) -> None:
    assert catalog.rebuilt is True
    assert catalog.cursor("offers") is None
    assert catalog.counts(NOW).offers == 0
    page(catalog, [offer(1, "Dune")])
    assert catalog.search_offer_ids("dune") == [1]


def _aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


def test_a_garbage_file_is_moved_aside(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database at all " * 200)
    with open_catalog(path) as catalog:
        _assert_fresh_and_working(catalog)
    (aside,) = _aside(path)
    assert aside.read_bytes().startswith(b"not a database")
    assert "moved to catalog.sqlite3.corrupt-" in caplog.text
    assert str(path.parent) not in caplog.text


def test_journal_files_left_behind_go_aside_too(path: Path) -> None:
    # SQLite usually removes them when it closes; when it could not, they must not be
    # replayed into the new catalog.
    path.parent.mkdir(parents=True)
    for suffix, content in (("", b"garbage"), ("-wal", b"old wal"), ("-shm", b"old shm")):
        path.with_name(path.name + suffix).write_bytes(content)
    target = move_aside(path)
    assert not path.exists() and not path.with_name(path.name + "-wal").exists()
    assert target.with_name(target.name + "-wal").read_bytes() == b"old wal"
    assert target.with_name(target.name + "-shm").read_bytes() == b"old shm"
    path.write_bytes(b"garbage again, same second")
    assert move_aside(path) != target


def test_a_truncated_database_is_replaced(path: Path) -> None:
    with open_catalog(path) as catalog:
        long = "Une description assez longue pour remplir des pages. " * 20
        page(catalog, [offer(n, f"Offre {n}", description=long) for n in range(1, 300)])
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2)
    with open_catalog(path) as catalog:
        _assert_fresh_and_working(catalog)
    assert len(_aside(path)) == 1


def test_a_catalog_from_a_newer_kiosk_is_replaced(path: Path) -> None:
    open_catalog(path).close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with open_catalog(path) as catalog:
        _assert_fresh_and_working(catalog)
    assert len(_aside(path)) == 1


def test_a_healthy_catalog_is_reopened_as_it_was(path: Path) -> None:
    with open_catalog(path) as catalog:
        assert catalog.rebuilt is False
        page(catalog, [offer(1, "Dune")])
    with open_catalog(path) as catalog:
        assert catalog.rebuilt is False
        assert catalog.search_offer_ids("dune") == [1]
    assert _aside(path) == []


def test_a_catalog_that_cannot_be_written_anywhere_lives_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with open_catalog(blocker / "catalog.sqlite3") as catalog:
        _assert_fresh_and_working(catalog)
