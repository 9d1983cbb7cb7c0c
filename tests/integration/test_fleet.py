"""The heartbeat carries the kiosk's health; the simulator's fleet page shows every kiosk.

Real syncs against the simulator over HTTP on 127.0.0.1, real catalog and state files; the
page is read as IT would (HTML) and as a script would (``?format=json``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk import config
from kiosk.api.client import ApiClient
from kiosk.clock import Clock
from kiosk.health import heartbeat_health
from kiosk.logs import CRASH_FILE_NAME
from kiosk.simulator.app import simulator_of
from kiosk.simulator.data import iso_utc
from kiosk.simulator.server import SimulatorServer
from kiosk.storage.catalog import CATALOG_FILE_NAME, Catalog, open_catalog
from kiosk.sync.engine import sync_once
from tests.integration.conftest import Kiosk, enroll


@pytest.fixture
def catalog(private_dirs: Path) -> Iterator[Catalog]:
    catalog = open_catalog(private_dirs / "data" / CATALOG_FILE_NAME)
    yield catalog
    catalog.close()


def synced(kiosk: Kiosk, catalog: Catalog, times: int = 1) -> None:
    """Sync like the kiosk does, the health callable wired as the app wires it."""
    cfg = config.load()
    client = ApiClient(kiosk.url, token=lambda: kiosk.token, timeouts=(2.0, 5.0))
    try:
        for _ in range(times):
            report = sync_once(client, catalog, Clock(), health=lambda: heartbeat_health(cfg))
            assert report.ok, report.error
    finally:
        client.close()


def fleet_json(server: SimulatorServer) -> dict[str, Any]:
    answer = requests.get(server.url + "/admin/fleet", params={"format": "json"}, timeout=10)
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def fleet_html(server: SimulatorServer) -> requests.Response:
    answer = requests.get(server.url + "/admin/fleet", timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/html")
    return answer


def row(page: dict[str, Any], device_id: str) -> dict[str, Any]:
    (found,) = [k for k in page["kiosks"] if k["deviceId"] == device_id]
    return found


def test_a_syncing_kiosk_appears_healthy_with_its_health(kiosk: Kiosk, catalog: Catalog) -> None:
    synced(kiosk, catalog, times=2)
    kiosk_row = row(fleet_json(kiosk.server), kiosk.device_id)
    assert kiosk_row["state"] == "ok" and not kiosk_row["stale"]
    assert kiosk_row["kioskName"] == "Borne de test"
    assert kiosk_row["venueId"] == 1 and "Maison du Livre" in kiosk_row["venueName"]
    assert kiosk_row["version"] == "0.1.0"
    assert kiosk_row["heartbeats"] == 2
    assert kiosk_row["heartbeatAgeSeconds"] < 60
    assert kiosk_row["lastSyncAt"].endswith("Z")  # the first sync, reported by the second
    assert kiosk_row["outboxDepth"] == 0
    assert abs(kiosk_row["clockSkewSeconds"]) < 5
    assert kiosk_row["bookableOffers"] > 1000
    assert kiosk_row["freeBytes"] > 0
    assert kiosk_row["syncInterval"] == 300
    assert kiosk_row["lastCrashAt"] is None
    assert kiosk_row["problems"] == []
    page = fleet_html(kiosk.server).text
    assert kiosk.device_id in page and "Borne de test" in page


def test_the_heartbeat_carries_the_problems_status_reports(
    kiosk: Kiosk, catalog: Catalog, private_dirs: Path
) -> None:
    crash = private_dirs / "log" / CRASH_FILE_NAME
    crash.parent.mkdir(parents=True, exist_ok=True)
    crash.write_text("Fatal Python error: Aborted\n", encoding="utf-8")
    synced(kiosk, catalog)
    kiosk_row = row(fleet_json(kiosk.server), kiosk.device_id)
    assert kiosk_row["state"] == "problems"
    assert kiosk_row["lastCrashAt"] is not None
    assert any(p.startswith("crashed at") for p in kiosk_row["problems"])
    assert "crashed at" in fleet_html(kiosk.server).text


def test_a_silent_kiosk_is_flagged_stale_after_three_sync_intervals(kiosk: Kiosk) -> None:
    quiet = enroll(kiosk.server, "Borne du hall")
    store = simulator_of(kiosk.server.app).store
    beat = {"version": "0.1.0", "uptime": 60, "lastSyncAt": None, "outboxDepth": 0,
            "syncInterval": 300}  # fmt: skip
    now = datetime.now(UTC)
    store.add_heartbeat(kiosk.device_id, beat, received_at=iso_utc(now - timedelta(minutes=14)))
    store.add_heartbeat(quiet.device_id, beat, received_at=iso_utc(now - timedelta(minutes=16)))
    page = fleet_json(kiosk.server)
    assert not row(page, kiosk.device_id)["stale"]
    silent = row(page, quiet.device_id)
    assert silent["stale"] and silent["state"] == "stale"
    assert silent["heartbeatAgeSeconds"] >= 16 * 60
    assert silent["problems"][0].startswith("aucun signal depuis 16 min")
    html = fleet_html(kiosk.server).text
    assert html.count('<tr class="stale">') == 1
    assert "SANS NOUVELLES" in html


def test_a_kiosk_that_syncs_less_often_is_judged_on_its_own_interval(kiosk: Kiosk) -> None:
    store = simulator_of(kiosk.server.app).store
    beat = {"version": "0.1.0", "uptime": 60, "outboxDepth": 0, "syncInterval": 3600}
    store.add_heartbeat(kiosk.device_id, beat,
                        received_at=iso_utc(datetime.now(UTC) - timedelta(hours=2)))
    assert not row(fleet_json(kiosk.server), kiosk.device_id)["stale"]


def test_new_and_revoked_kiosks_are_not_stale(kiosk: Kiosk) -> None:
    stolen = enroll(kiosk.server, "Borne volée")
    assert kiosk.admin("POST", f"/devices/{stolen.device_id}/revoke").status_code == 200
    page = fleet_json(kiosk.server)
    assert row(page, kiosk.device_id)["state"] == "new"
    assert row(page, stolen.device_id)["state"] == "revoked"
    assert page["kiosks"][-1]["deviceId"] == stolen.device_id  # revoked ones last
    assert '<tr class="revoked">' in fleet_html(kiosk.server).text


def test_names_and_problems_from_kiosks_are_escaped(server: SimulatorServer) -> None:
    rogue = enroll(server, "<script>alert('borne')</script>")
    beat = {"version": "0.1.0", "uptime": 1, "outboxDepth": 0,
            "problems": ['<img src=x onerror="alert(1)">']}  # fmt: skip
    assert rogue.post("/kiosk/v1/heartbeat", json=beat).status_code == 200
    answer = fleet_html(server)
    assert "<script>" not in answer.text and "<img" not in answer.text
    assert "&lt;script&gt;alert(&#39;borne&#39;)&lt;/script&gt;" in answer.text
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in answer.text
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]


def test_the_fleet_page_answers_only_on_loopback(server: SimulatorServer) -> None:
    client = server.app.test_client()
    remote = client.get("/admin/fleet", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert remote.status_code == 403
    local = client.get("/admin/fleet", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert local.status_code == 200


@pytest.mark.parametrize("field, value", [
    ("problems", "disk full"),
    ("problems", ["x" * 201]),
    ("problems", ["a"] * 21),
    ("clockSkewSeconds", "2 h"),
    ("freeBytes", -1),
    ("syncInterval", 0),
    ("lastCrashAt", "2025-06-01 12:00"),
])
def test_a_heartbeat_with_a_malformed_health_field_is_refused(
    kiosk: Kiosk, field: str, value: object
) -> None:
    beat = {"version": "0.1.0", "uptime": 1, "outboxDepth": 0, field: value}
    answer = kiosk.post("/kiosk/v1/heartbeat", json=beat)
    assert answer.status_code == 400
    assert field in answer.json()
