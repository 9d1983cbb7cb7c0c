"""Bad input fuzzing (issue 9, item 4): whatever is typed, configured or received.

Hypothesis drives every text a visitor or staff can type, every configuration option and
every body the central API could send (through a real HTTP server on 127.0.0.1): the answer
is a value, an error code, a configuration problem naming the option or an ApiError, never
another exception and never a hang. Sizes: ``scale(quick=…, full=…)``; what each test
proves is in docs/reliability-disk-fuzz.md. Figures are printed as ``FIGURE`` lines.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import config
from kiosk.api.client import ApiClient
from kiosk.api.errors import ApiError, BadResponse
from kiosk.api.resilience import RetryPolicy
from kiosk.clock import Clock
from kiosk.domain import registration
from kiosk.staff import ScryptCost, StaffStore
from kiosk.storage.catalog import Catalog, open_catalog
from kiosk.storage.offer_query import OfferFilters
from kiosk.storage.offers import OfferBrowser
from kiosk.sync.engine import sync_once
from tests.catalog_data import offer, stock, venue
from tests.reliability.conftest import scale
from tests.reliability.fuzz_server import FuzzServer

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
EXAMPLES = scale(quick=50, full=2000)
#: Network properties cost seven requests each (one per API call, ~0.3 s an example on
#: two cores): fewer examples, so that make reliability stays well under 20 minutes.
NET_EXAMPLES = scale(quick=40, full=600)
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])  # fmt: skip
NET_FUZZ = settings(FUZZ, max_examples=NET_EXAMPLES)

#: Anything a keyboard, a paste or a broken driver can produce, surrogates included.
TYPED = st.one_of(
    st.text(),
    st.text(st.characters(codec=None), max_size=300),
    st.text(alphabet="0123456789 -'.@aéÉ\u00a0\u200b\u202e\ufeff", max_size=40),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(1, 2000)),
)

_slowest: dict[str, float] = {}


def _timed(name: str, call: Callable[[], Any]) -> Any:
    started = time.monotonic()
    result = call()
    elapsed = time.monotonic() - started
    _slowest[name] = max(_slowest.get(name, 0.0), elapsed)
    return result


@pytest.fixture(scope="module", autouse=True)
def print_figures() -> Iterator[None]:
    yield
    for name, seconds in sorted(_slowest.items()):
        print(f"FIGURE fuzz_slowest_{name}_ms {seconds * 1000:.1f}")


# --- what visitors and staff type ----------------------------------------------------------


def _is_answer(checked: registration.Checked[Any]) -> bool:
    if checked.error is None:
        return True
    return isinstance(checked.error, registration.ErrorCode) and checked.value is None


@FUZZ
@given(TYPED)
def test_registration_fields_answer_a_value_or_an_error_code(text: str) -> None:
    for name, check in (
        ("email", registration.check_email),
        ("name", registration.check_name),
        ("postal_code", registration.check_postal_code),
        ("city", registration.check_city),
        ("address", registration.check_address),
    ):
        checked = _timed(f"check_{name}", lambda check=check: check(text))
        assert _is_answer(checked), (name, text, checked)
    suggestion = registration.suggest_email(text)
    assert suggestion is None or isinstance(suggestion, str)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OfferBrowser]:
    """A small real catalog: 60 offers over 6 venues, written by the sync's own path."""
    path = tmp_path_factory.mktemp("fuzz-catalog") / "catalog.sqlite3"
    catalog = open_catalog(path)
    names = ["Concert de jazz", "Théâtre « L'Avare »", "Ciné-club", 'Le "bon" livre',
             "AND OR NOT NEAR", "*^(){}[]:", "Œuvres d'art", "日本の映画", "Ølstykke"]
    venues = [venue(v, f"Salle {v}") for v in range(1, 7)]
    offers = [offer(n, names[n % len(names)] + f" {n}", venue_id=1 + n % 6,
                    stocks=[stock(n, 100 * n, begins=datetime(2026, 6, 2 + n % 20, 18,
                                                              tzinfo=UTC))])
              for n in range(1, 61)]  # fmt: skip
    catalog.apply_venues_page(venues, [], "v", full_resync=True, has_more=False)
    catalog.apply_offers_page(offers, [], "o", full_resync=True, has_more=False, now=NOW)
    catalog.set_origin(45.76, 4.88)
    yield OfferBrowser(catalog)
    catalog.close()


@FUZZ
@given(TYPED)
def test_the_search_box_takes_any_text(browser: OfferBrowser, text: str) -> None:
    filters = OfferFilters(text=text)
    started = time.monotonic()
    page, count = _timed("search", lambda: browser.search(filters, NOW))
    assert count >= len(page.cards) >= 0
    assert _timed("count", lambda: browser.count(filters, NOW)) >= 0
    first = _timed("page", lambda: browser.page(filters, NOW))
    if first.next is not None:
        browser.page(filters, NOW, first.next)
    assert time.monotonic() - started < 1.0


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaffStore]:
    store = StaffStore(tmp_path_factory.mktemp("fuzz-staff"), Clock(),
                       cost=ScryptCost(n=2, r=1, p=1))  # fmt: skip
    store.add("Camille", "246810")
    yield store
    store.close()


@FUZZ
@given(st.one_of(TYPED, st.text(alphabet="0123456789", max_size=30)))
def test_the_pin_pad_takes_any_string(staff: StaffStore, pin: str) -> None:
    result = _timed("unlock", lambda: staff.unlock(pin))
    assert not result.ok or pin == "246810"  # only the right PIN ever unlocks
    assert result.name in (None, "Camille") and result.failures >= 0


# --- every configuration value --------------------------------------------------------------

OPTION_NAMES = [option.name for option in config.OPTIONS]


@FUZZ
@given(st.sampled_from(OPTION_NAMES), TYPED, st.booleans())
def test_any_configuration_value_is_a_value_or_a_named_problem(
    tmp_path: Path, name: str, text: str, from_env: bool
) -> None:
    option = config.get_option(name)
    environ = {config.SYSTEM_CONFIG_ENV: str(tmp_path / "none-system.toml"),
               config.USER_CONFIG_ENV: str(tmp_path / "none-user.toml")}  # fmt: skip
    cli: dict[str, object] = {}
    if from_env:
        environ[option.env_var] = text
    else:
        cli[name] = text
    cfg = _timed("config_load", lambda: config.load(cli, environ, policy={}))
    for problem in cfg.problems:
        assert problem.option == name, problem
        assert name in str(problem) or option.env_var in str(problem), problem
    cfg[name]  # the value in force: the given one, or the layer below's


# --- every body the central API could send --------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner,
                                                                max_size=5),
    max_leaves=30,
)
#: Field names of the contract, so wrong types reach the validation, not only the top.
FIELDS = ["items", "deletedIds", "nextCursor", "hasMore", "fullResync", "id", "name",
          "serverTime", "communes", "postalCode", "code", "status", "finishUrl", "settings",
          "subcategories", "syncIntervalSeconds", "stocks", "venue", "deviceToken", "city"]
WRONG_TYPES = st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=8)
BODIES = st.one_of(
    JSON.map(lambda value: json.dumps(value).encode()),
    WRONG_TYPES.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(min_size=1, max_size=50).map(lambda b: b'{"items": "' + b + b'"}'),
)
STATUSES = st.sampled_from([200, 200, 200, 201, 204, 304, 400, 404, 409, 422, 500, 503])


def _client(url: str) -> ApiClient:
    return ApiClient(url, token=lambda: "fuzz-token", timeouts=(1.0, 1.0),
                     retry=RetryPolicy(attempts=2, base_delay=0.0), breaker=None,
                     sleep=lambda _s: None)  # fmt: skip


CALLS: dict[str, Callable[[ApiClient], object]] = {
    "settings": lambda api: api.settings(),
    "offers_page": lambda api: api.offers_page(),
    "venues_page": lambda api: api.venues_page("c1"),
    "config": lambda api: api.config(),
    "heartbeat": lambda api: api.heartbeat({"version": "0"}),
    "create_preregistration": lambda api: api.create_preregistration({"email": "a@b.fr"},
                                                                     "key-1"),
    "communes": lambda api: api.communes("69100"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[FuzzServer]:
    with FuzzServer() as running:
        yield running


def _call_all(server: FuzzServer) -> dict[str, str]:
    """Every client method against the current answer: its outcome, by method name."""
    outcomes = {}
    with _client(server.url) as api:
        for name, call in CALLS.items():
            started = time.monotonic()
            try:
                call(api)
            except ApiError as error:
                assert str(error), name
                outcomes[name] = type(error).__name__
            else:
                outcomes[name] = "ok"
            elapsed = time.monotonic() - started
            _slowest[f"api_{name}"] = max(_slowest.get(f"api_{name}", 0.0), elapsed)
            assert elapsed < 10, (name, elapsed)
    return outcomes


@NET_FUZZ
@given(BODIES, STATUSES)
def test_any_body_gives_a_result_or_an_api_error(
    server: FuzzServer, body: bytes, status: int
) -> None:
    server.answer(body, status)
    outcomes = _call_all(server)
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        if status in (200, 201):  # an expected status whose body is not JSON
            assert set(outcomes.values()) == {"BadResponse"}, outcomes


@pytest.mark.parametrize("body", [
    pytest.param(b"[" * 10_000 + b"]" * 10_000, id="deep-list"),
    pytest.param(b'{"a":' * 10_000 + b"1" + b"}" * 10_000, id="deep-object"),
    pytest.param(b'{"items": [' + b"[" * 10_000 + b"]" * 10_000 + b"]}", id="deep-items"),
    pytest.param(json.dumps({"items": ["x" * 10_000_000], "hasMore": False}).encode(),
                 id="10MB-string"),
    pytest.param(b'{"serverTime": "' + b"9" * 10_000_000 + b'"}', id="10MB-time"),
    pytest.param(b"\xff\xfe" + "{}".encode("utf-16-le"), id="utf16"),
    pytest.param(b'{"name": "\xc3\x28\xa0\xa1\xed\xa0\x80"}', id="bad-utf8"),
    pytest.param(b"NaN", id="nan"),
    pytest.param(b'{"items": [], "hasMore": false, "nextCursor": 1e999}', id="inf"),
])  # fmt: skip
def test_extreme_bodies_give_an_api_error(server: FuzzServer, body: bytes) -> None:
    server.answer(body)
    outcomes = _call_all(server)
    assert set(outcomes.values()) <= {"ok", "BadResponse"}, outcomes
    assert "BadResponse" in outcomes.values()


@pytest.mark.parametrize("kind", ["stall", "short"])
def test_a_stalled_or_cut_answer_ends_in_an_api_error(server: FuzzServer, kind: str) -> None:
    server.answer(b'{"items": []}', stall=3.0 if kind == "stall" else 0.0, short=kind == "short")
    started = time.monotonic()
    with _client(server.url) as api, pytest.raises(ApiError) as caught:
        api.offers_page()
    assert time.monotonic() - started < 8  # two attempts of a 1 s read timeout, no hang
    server.answer(b"{}")  # wakes the stalled handlers
    print(f"FIGURE fuzz_{kind}_error {type(caught.value).__name__}")


@settings(NET_FUZZ, max_examples=scale(quick=15, full=300))
@given(BODIES, STATUSES)
def test_sync_once_reports_any_body_as_a_failure(
    server: FuzzServer, tmp_path_factory: pytest.TempPathFactory, body: bytes, status: int
) -> None:
    server.answer(body, status)
    catalog = Catalog(tmp_path_factory.mktemp("sync") / "catalog.sqlite3")
    try:
        with _client(server.url) as api:
            report = _timed("sync_once", lambda: sync_once(api, catalog, Clock()))
    finally:
        catalog.close()
    if not report.ok:
        assert report.error, report


def test_sync_once_on_a_non_json_answer(server: FuzzServer, tmp_path: Path) -> None:
    server.answer(b"<html>proxy login</html>")
    with Catalog(tmp_path / "catalog.sqlite3") as catalog, _client(server.url) as api:
        report = sync_once(api, catalog, Clock())
    assert not report.ok
    assert report.error.startswith("BadResponse")
    assert BadResponse.__name__ in report.error
