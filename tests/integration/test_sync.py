"""``sync_once`` against the simulator over real HTTP.

The catalog fills, follows changes, and survives every fault without losing what it had.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.api.client import ApiClient
from kiosk.api.resilience import RetryPolicy
from kiosk.clock import Clock
from kiosk.domain.eligibility import EligibilityRules
from kiosk.simulator.server import SimulatorServer
from kiosk.storage.catalog import Catalog, open_catalog
from kiosk.sync.engine import sync_once
from tests.integration.conftest import Kiosk


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Catalog]:
    catalog = open_catalog(tmp_path / "catalog.sqlite3")
    yield catalog
    catalog.close()


def make_client(kiosk: Kiosk) -> ApiClient:
    return ApiClient(
        kiosk.url, token=lambda: kiosk.token, timeouts=(2.0, 3.0), sleep=lambda _s: None,
        retry=RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02),
    )


@pytest.fixture
def client(kiosk: Kiosk) -> Iterator[ApiClient]:
    api = make_client(kiosk)
    yield api
    api.close()


def admin(server: SimulatorServer, method: str, path: str, **kwargs: object) -> None:
    answer = requests.request(method, server.url + "/admin" + path, timeout=10, **kwargs)
    assert answer.status_code < 300, answer.text


def test_first_sync_fills_the_catalog(client: ApiClient, catalog: Catalog) -> None:
    clock = Clock()
    report = sync_once(client, catalog, clock, page_limit=500)
    assert report.ok, report.error
    counts = catalog.counts(clock.now())
    assert counts.venues >= 60
    assert counts.offers >= 2000
    assert 0 < counts.bookable_offers <= counts.offers
    assert report.offers_total == counts.bookable_offers
    assert report.full_resync
    settings, _etag = catalog.settings()
    assert EligibilityRules.from_settings(settings or {}).amount_for(
        EligibilityRules().amounts_eur.keys().__iter__().__next__(), 17) >= 0
    assert catalog.last_success() is not None


def test_second_sync_brings_only_changes(kiosk: Kiosk, client: ApiClient,
                                         catalog: Catalog) -> None:
    clock = Clock()
    assert sync_once(client, catalog, clock).ok
    first_offer = min(catalog.search_offer_ids("concert", limit=500))
    admin(kiosk.server, "DELETE", f"/offers/{first_offer}")
    admin(kiosk.server, "PATCH", f"/offers/{first_offer + 1}", json={"name": "Théâtre du Jeudi"})
    report = sync_once(client, catalog, clock)
    assert report.ok, report.error
    assert not report.full_resync
    assert report.offers_deleted == 1
    assert report.offers_upserted == 1
    assert not report.settings_changed  # ETag: not downloaded again
    assert catalog.offer_summary(first_offer) is None
    assert first_offer + 1 in catalog.search_offer_ids("theatre jeudi")


@pytest.mark.parametrize("fault", ["reset", "error:503,rate=1", "truncate", "malformed",
                                   "schema"])
def test_a_fault_mid_feed_keeps_the_catalog_and_the_next_sync_recovers(
    kiosk: Kiosk, client: ApiClient, catalog: Catalog, fault: str
) -> None:
    clock = Clock()
    assert sync_once(client, catalog, clock).ok
    before = catalog.counts(clock.now())
    kiosk.server.faults.add("/kiosk/v1/offers", fault)
    admin(kiosk.server, "PATCH", "/offers/100002", json={"name": "Nouvelle offre du jour"})
    failed = sync_once(client, catalog, clock)
    assert not failed.ok
    assert failed.error
    assert catalog.counts(clock.now()) == before, "a failed sync changed the catalog"
    kiosk.server.faults.clear()
    recovered = sync_once(make_client(kiosk), catalog, clock)
    assert recovered.ok, recovered.error
    assert 100002 in catalog.search_offer_ids("nouvelle offre du jour")


def test_a_slow_drip_feed_still_lands_whole(kiosk: Kiosk, client: ApiClient,
                                            catalog: Catalog) -> None:
    # Bytes keep coming, so no read times out: the sync is slow, not broken.
    kiosk.server.faults.add("/kiosk/v1/venues", "drip:1")
    report = sync_once(client, catalog, Clock())
    assert report.ok, report.error
    assert catalog.counts(Clock().now()).venues >= 60


def test_a_dead_server_leaves_the_catalog_usable(kiosk: Kiosk, client: ApiClient,
                                                 catalog: Catalog) -> None:
    clock = Clock()
    assert sync_once(client, catalog, clock).ok
    before = catalog.counts(clock.now())
    kiosk.server.stop()
    report = sync_once(client, catalog, clock)
    assert not report.ok
    assert "Unreachable" in report.error or "CircuitOpen" in report.error
    assert catalog.counts(clock.now()) == before
    assert catalog.search_offer_ids("concert")


def test_a_revoked_kiosk_is_told_to_enroll_again(kiosk: Kiosk, client: ApiClient,
                                                 catalog: Catalog) -> None:
    admin(kiosk.server, "POST", f"/devices/{kiosk.device_id}/revoke")
    report = sync_once(client, catalog, Clock())
    assert not report.ok
    assert "enroll" in report.error


def test_a_wrong_pc_clock_is_corrected_from_the_server(kiosk: Kiosk, client: ApiClient,
                                                      catalog: Catalog) -> None:
    kiosk.server.faults.add("/kiosk/v1/heartbeat", "skew:-7200")
    clock = Clock()
    report = sync_once(client, catalog, clock)
    assert report.ok, report.error
    assert report.clock_skew_seconds is not None, report
    assert report.clock_skew_seconds == pytest.approx(-7200, abs=5)
    assert abs(clock.offset.total_seconds()) > 3000


def test_the_heartbeat_reaches_the_server(kiosk: Kiosk, client: ApiClient,
                                          catalog: Catalog) -> None:
    report = sync_once(client, catalog, Clock(), health=lambda: {"version": "9.9.9"})
    assert report.ok, report.error
    beats = requests.get(kiosk.server.url + "/admin/heartbeats", timeout=10).json()
    assert "9.9.9" in str(beats)

