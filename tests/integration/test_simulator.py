"""Behaviour of the simulator over real HTTP: idempotency, deltas, ETags, auth, faults, data."""

from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
import threading
import time
import uuid
import zlib
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from kiosk import cli
from kiosk.simulator import data
from kiosk.simulator.app import create_app, ensure_catalog, simulator_of
from kiosk.simulator.faults import Fault, FaultKind, FaultPlan, FaultRule, FaultSpecError
from kiosk.simulator.feed import Cursor
from kiosk.simulator.server import SimulatorServer
from tests.integration.conftest import Kiosk, copy_data, enroll

REPO = Path(__file__).resolve().parents[2]


def prereg(**changes: Any) -> dict[str, Any]:
    body = {
        "email": "nora.benali@example.org",
        "birthdate": "2008-02-29",
        "firstName": "Nora",
        "lastName": "Benali",
        "postalCode": "69120",
        "city": "Vaulx-en-Velin",
    }
    body.update(changes)
    return body


def full_sync(kiosk: Kiosk, feed: str = "offers", cursor: str | None = None) -> dict[str, Any]:
    """Follow the feed to its end; return the items by id, deletions, cursor and resync flag."""
    items: dict[int, dict[str, Any]] = {}
    deleted: list[int] = []
    first_resync = None
    while True:
        params = {"limit": 1000, **({"cursor": cursor} if cursor else {})}
        page = kiosk.get(f"/kiosk/v1/{feed}", params=params).json()
        if first_resync is None:
            first_resync = page["fullResync"]
        items.update({item["id"]: item for item in page["items"]})
        deleted += page["deletedIds"]
        cursor = page["nextCursor"]
        if not page["hasMore"]:
            return {"items": items, "deleted": deleted, "cursor": cursor, "resync": first_resync}


# --- idempotency ------------------------------------------------------------------------------


def test_same_key_twice_gives_one_record_and_the_same_answer(kiosk: Kiosk) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = kiosk.post("/kiosk/v1/preregistrations", json=prereg(), headers=key)
    # Same JSON, other key order and spacing: the same request.
    same = json.dumps(dict(reversed(list(prereg().items()))), indent=2)
    headers = {**key, "Content-Type": "application/json"}
    second = kiosk.post("/kiosk/v1/preregistrations", data=same, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert "Idempotent-Replayed" not in first.headers
    assert second.headers["Idempotent-Replayed"] == "true"
    assert len(kiosk.admin("GET", "/preregistrations").json()) == 1


def test_same_key_with_another_body_is_refused(kiosk: Kiosk) -> None:
    key = {"Idempotency-Key": "clé-0001".encode().hex()}
    assert kiosk.post("/kiosk/v1/preregistrations", json=prereg(), headers=key).status_code == 201
    other = kiosk.post("/kiosk/v1/preregistrations", json=prereg(city="Lyon"), headers=key)
    assert other.status_code == 422
    assert other.json()["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert len(kiosk.admin("GET", "/preregistrations").json()) == 1


def test_concurrent_requests_with_one_key_make_one_record(kiosk: Kiosk) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    answers: list[requests.Response] = []

    def send() -> None:
        answers.append(kiosk.post("/kiosk/v1/preregistrations", json=prereg(), headers=key))

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["id"] for a in answers}) == 1
    assert len(kiosk.admin("GET", "/preregistrations").json()) == 1


def test_a_retry_after_a_lost_answer_does_not_duplicate(kiosk: Kiosk) -> None:
    kiosk.server.faults.add("/kiosk/v1/preregistrations", "reset")
    key = {"Idempotency-Key": str(uuid.uuid4())}
    with pytest.raises(requests.ConnectionError):
        kiosk.post("/kiosk/v1/preregistrations", json=prereg(), headers=key)
    kiosk.server.faults.clear()
    retry = kiosk.post("/kiosk/v1/preregistrations", json=prereg(), headers=key)
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"
    records = kiosk.admin("GET", "/preregistrations").json()
    assert [r["id"] for r in records] == [retry.json()["id"]]


def test_preregistration_status_follows_the_admin(kiosk: Kiosk) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    created = kiosk.post("/kiosk/v1/preregistrations", json=prereg(), headers=key).json()
    assert created["finishUrl"].startswith("https://passculture.app/creation-compte?")
    assert "utm_source=borne" in created["finishUrl"]
    done = kiosk.admin("POST", f"/preregistrations/{created['id']}", json={"status": "COMPLETED"})
    assert done.status_code == 200
    status = kiosk.get(f"/kiosk/v1/preregistrations/{created['id']}").json()["status"]
    assert status == "COMPLETED"


# --- delta feed -------------------------------------------------------------------------------


def test_cursor_returns_changes_and_deletions_only(kiosk: Kiosk) -> None:
    start = full_sync(kiosk)
    assert start["resync"] and len(start["items"]) == data.DEFAULT_OFFER_COUNT
    assert full_sync(kiosk, cursor=start["cursor"])["items"] == {}

    created = kiosk.admin("POST", "/offers", json={
        "venueId": data.DEMO_VENUE_ID, "name": "Atelier BD avec Camille Laurent",
        "subcategoryId": "ATELIER_PRATIQUE_ART",
        "stocks": [{"price": 0, "beginningDatetime": "2031-03-04T15:00:00+01:00",
                    "remainingQuantity": 12}],
    })  # fmt: skip
    assert created.status_code == 201, created.text
    new_id = created.json()["id"]
    assert created.json()["stocks"][0]["beginningDatetime"] == "2031-03-04T14:00:00Z"
    renamed = kiosk.admin("PATCH", "/offers/100002", json={"name": "Nouveau nom"})
    assert renamed.status_code == 200
    assert kiosk.admin("DELETE", "/offers/100003").status_code == 204

    delta = full_sync(kiosk, cursor=start["cursor"])
    assert not delta["resync"]
    assert set(delta["items"]) == {new_id, 100002}
    assert delta["items"][100002]["name"] == "Nouveau nom"
    assert delta["deleted"] == [100003]
    assert full_sync(kiosk, cursor=delta["cursor"])["items"] == {}


def test_pages_are_ordered_and_bounded(kiosk: Kiosk) -> None:
    cursor, ids = None, []
    for _ in range(3):
        params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
        page = kiosk.get("/kiosk/v1/offers", params=params).json()
        assert len(page["items"]) == 7 and page["hasMore"]
        ids += [item["id"] for item in page["items"]]
        cursor = page["nextCursor"]
    assert len(set(ids)) == 21


@pytest.mark.parametrize("cursor", ["not-a-cursor", "YzF8ZGVhZGJlZWZ8b2ZmZXJ8MDAwMDAwMDB8MTI"])
def test_an_unknown_cursor_answers_a_full_resync(kiosk: Kiosk, cursor: str) -> None:
    page = kiosk.get("/kiosk/v1/offers", params={"cursor": cursor, "limit": 10}).json()
    assert page["fullResync"] and page["hasMore"]
    assert page["items"][0]["id"] == data.FIRST_OFFER_ID


def test_a_compacted_cursor_has_expired(kiosk: Kiosk) -> None:
    old = full_sync(kiosk)["cursor"]
    assert kiosk.admin("DELETE", "/offers/100010").status_code == 204
    assert kiosk.admin("POST", "/compact", json={}).json()["minSeq"] > 0
    page = kiosk.get("/kiosk/v1/offers", params={"cursor": old, "limit": 5}).json()
    assert page["fullResync"] and page["deletedIds"] == []


def test_a_cursor_of_the_venues_feed_does_not_fit_the_offers_feed(kiosk: Kiosk) -> None:
    venues_cursor = full_sync(kiosk, "venues")["cursor"]
    page = kiosk.get("/kiosk/v1/offers", params={"cursor": venues_cursor, "limit": 5}).json()
    assert page["fullResync"]


def test_a_new_radius_means_a_full_resync_of_nearer_offers(kiosk: Kiosk) -> None:
    before = full_sync(kiosk)
    assert kiosk.admin("PATCH", "/config", json={"radiusKm": 5}).status_code == 200
    after = full_sync(kiosk, cursor=before["cursor"])
    assert after["resync"]
    assert 0 < len(after["items"]) < len(before["items"])
    centre = data.demo_venue()
    for offer in after["items"].values():
        point = offer["venue"]["coordinates"]
        distance = data.haversine_km(
            centre["latitude"], centre["longitude"], point["latitude"], point["longitude"]
        )
        assert distance <= 5


def test_deleting_a_venue_deletes_it_and_its_offers_in_the_feeds(kiosk: Kiosk) -> None:
    offers, venues = full_sync(kiosk), full_sync(kiosk, "venues")
    victim = next(v for v in venues["items"].values() if v["id"] != data.DEMO_VENUE_ID)
    its_offers = {o["id"] for o in offers["items"].values() if o["venue"]["id"] == victim["id"]}
    assert kiosk.admin("DELETE", f"/venues/{victim['id']}").status_code == 204
    assert full_sync(kiosk, "venues", venues["cursor"])["deleted"] == [victim["id"]]
    assert set(full_sync(kiosk, cursor=offers["cursor"])["deleted"]) == its_offers


@given(st.text(max_size=80))
def test_any_text_is_a_cursor_or_nothing(text: str) -> None:
    cursor = Cursor.decode(text)
    if cursor is not None:
        assert Cursor.decode(cursor.encode()) == cursor


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["offer", "venue"]))
def test_cursors_round_trip(seq: int, kind: str) -> None:
    cursor = Cursor("0a1b2c3d", "offer" if kind == "offer" else "venue", "deadbeef", seq)
    assert Cursor.decode(cursor.encode()) == cursor


# --- ETags, auth, admin -----------------------------------------------------------------------


def test_etag_gives_304_until_the_content_changes(kiosk: Kiosk) -> None:
    first = kiosk.get("/kiosk/v1/config")
    etag = first.headers["ETag"]
    again = kiosk.get("/kiosk/v1/config", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    kiosk.admin("PATCH", "/config", json={"idleTimeout": 120})
    changed = kiosk.get("/kiosk/v1/config", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json()["idleTimeout"] == 120
    assert changed.headers["ETag"] != etag

    settings = requests.get(kiosk.url + "/native/v1/settings", timeout=10)
    kiosk.admin("PATCH", "/settings", json={"depositAmountsByAge": {"age_18": 30000}})
    new = requests.get(
        kiosk.url + "/native/v1/settings",
        headers={"If-None-Match": settings.headers["ETag"]},
        timeout=10,
    )
    assert new.status_code == 200
    assert new.json()["depositAmountsByAge"] == {
        "age_15": 0, "age_16": 0, "age_17": 5000, "age_18": 30000
    }  # fmt: skip


def test_a_revoked_token_gets_401(kiosk: Kiosk) -> None:
    assert kiosk.get("/kiosk/v1/config").status_code == 200
    assert kiosk.admin("POST", f"/devices/{kiosk.device_id}/revoke").status_code == 200
    refused = kiosk.get("/kiosk/v1/config")
    assert refused.status_code == 401
    assert refused.json()["code"] == "UNAUTHORIZED"
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_demo_code_works_once(server: SimulatorServer) -> None:
    url = server.url + "/kiosk/v1/devices/enroll"
    body = {"code": "demo-1234", "kioskName": "Borne du hall", "version": "0.1.0"}
    first = requests.post(url, json=body, timeout=10)
    assert first.status_code == 201
    assert first.json()["venue"]["id"] == data.DEMO_VENUE_ID
    assert first.json()["venue"]["city"] == "Villeurbanne"
    again = requests.post(url, json=body, timeout=10)
    assert again.json()["code"] == "ENROLLMENT_CODE_ALREADY_USED"


def test_admin_creates_codes_and_lists_heartbeats(kiosk: Kiosk) -> None:
    made = kiosk.admin("POST", "/enrollment-codes", json={"venueId": 2})
    assert made.status_code == 201
    other = requests.post(
        kiosk.url + "/kiosk/v1/devices/enroll",
        json={"code": made.json()["code"], "kioskName": "Borne 2", "version": "0.1.0"},
        timeout=10,
    )
    assert other.json()["venue"]["id"] == 2
    beat = {"version": "0.1.0", "uptime": 5, "lastSyncAt": None, "outboxDepth": 0}
    answer = kiosk.post("/kiosk/v1/heartbeat", json=beat).json()
    server_time = datetime.fromisoformat(answer["serverTime"].replace("Z", "+00:00"))
    assert abs(server_time - datetime.now(UTC)) < timedelta(seconds=5)
    beats = kiosk.admin("GET", "/heartbeats", params={"deviceId": kiosk.device_id}).json()
    assert [(b["deviceId"], b["uptime"]) for b in beats] == [(kiosk.device_id, 5)]


def test_admin_is_refused_from_another_address(template_dir: Path, tmp_path: Path) -> None:
    app = create_app(copy_data(template_dir, tmp_path / "sim"))
    try:
        client = app.test_client()
        remote = client.get("/admin/", environ_base={"REMOTE_ADDR": "10.1.2.3"})
        assert remote.status_code == 403 and remote.json["code"] == "FORBIDDEN"
        faults = client.post(
            "/admin/faults", json={"faults": ["*=error:500"]},
            environ_base={"REMOTE_ADDR": "10.1.2.3"},
        )  # fmt: skip
        assert faults.status_code == 403
        assert not simulator_of(app).faults
        local = client.get("/admin/", environ_base={"REMOTE_ADDR": "::ffff:127.0.0.1"})
        assert local.status_code == 200
    finally:
        simulator_of(app).close()


def test_unknown_routes_answer_the_coded_shape(server: SimulatorServer) -> None:
    missing = requests.get(server.url + "/kiosk/v1/nothing", timeout=10)
    assert missing.status_code == 404 and missing.json()["code"] == "NOT_FOUND"
    wrong = requests.delete(server.url + "/native/v1/settings", timeout=10)
    assert wrong.status_code == 405 and "GET" in wrong.headers["Allow"]


# --- faults -----------------------------------------------------------------------------------


def test_fault_latency(shared: SimulatorServer) -> None:
    shared.faults.add("/native/v1/settings", "latency:0.4")
    started = time.monotonic()
    assert requests.get(shared.url + "/native/v1/settings", timeout=10).status_code == 200
    assert time.monotonic() - started >= 0.4


def test_fault_error_with_retry_after(shared: SimulatorServer) -> None:
    shared.faults.add("/native/v1/*", "error:503,retry_after=9")
    answer = requests.get(shared.url + "/native/v1/subcategories/v2", timeout=10)
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "9"
    assert answer.json() == {"global": ["Le service est momentanément indisponible."]}


def test_fault_reset_closes_without_an_answer(shared: SimulatorServer) -> None:
    shared.faults.add("/native/v1/settings", "reset")
    with pytest.raises(requests.ConnectionError):
        requests.get(shared.url + "/native/v1/settings", timeout=10)


def test_fault_truncated_json(shared: SimulatorServer) -> None:
    shared.faults.add("/native/v1/settings", "truncate:0.5")
    answer = requests.get(shared.url + "/native/v1/settings", timeout=10)
    assert answer.status_code == 200
    assert int(answer.headers["Content-Length"]) == len(answer.content)
    with pytest.raises(requests.JSONDecodeError):
        answer.json()


def test_fault_malformed_json(shared: SimulatorServer) -> None:
    shared.faults.add("/native/v1/offer/*", "malformed")
    answer = requests.get(shared.url + "/native/v1/offer/100001", timeout=10)
    with pytest.raises(requests.JSONDecodeError):
        answer.json()


def test_fault_wrong_schema(shared: SimulatorServer) -> None:
    shared.faults.add("/native/v1/offer/*", "schema")
    offer = requests.get(shared.url + "/native/v1/offer/100001", timeout=10).json()
    assert isinstance(offer["id"], str) and isinstance(offer["name"], int)
    assert isinstance(offer["stocks"], dict)


def test_fault_slow_drip_takes_the_configured_time(shared: SimulatorServer) -> None:
    shared.faults.add("/images/*", "drip:0.6")
    started = time.monotonic()
    answer = requests.get(shared.url + "/images/cinema-1.png", timeout=10)
    elapsed = time.monotonic() - started
    assert answer.status_code == 200 and answer.content.startswith(b"\x89PNG")
    assert elapsed >= 0.6


def test_fault_skewed_date_header(shared: SimulatorServer) -> None:
    shared.faults.add("/native/v1/settings", "skew:-7200")
    answer = requests.get(shared.url + "/native/v1/settings", timeout=10)
    sent = parsedate_to_datetime(answer.headers["Date"])
    assert abs((sent - datetime.now(UTC)).total_seconds() + 7200) < 5


def test_faults_only_hit_their_routes_and_never_admin(shared: SimulatorServer) -> None:
    shared.faults.add("/kiosk/v1/*", "error:500")
    shared.faults.add("*", "error:503")
    assert requests.get(shared.url + "/admin/faults", timeout=10).status_code == 200
    assert requests.get(shared.url + "/native/v1/settings", timeout=10).status_code == 503
    assert requests.get(shared.url + "/kiosk/v1/config", timeout=10).status_code == 500


def test_partial_rates_are_deterministic_for_a_seed(shared: SimulatorServer) -> None:
    def statuses(seed: int) -> list[int]:
        answer = requests.post(
            shared.url + "/admin/faults",
            json={"faults": ["/native/v1/settings=error:503,rate=0.5"], "seed": seed},
            timeout=10,
        )
        assert answer.status_code == 200
        return [
            requests.get(shared.url + "/native/v1/settings", timeout=10).status_code
            for _ in range(16)
        ]

    first = statuses(7)
    assert first == statuses(7)
    assert set(first) == {200, 503}
    assert first != statuses(8)


def test_fault_texts_round_trip_and_bad_ones_are_explained() -> None:
    rule = FaultRule.parse("/kiosk/v1/*=error:429,rate=0.25,retry_after=3")
    assert rule.fault == Fault(FaultKind.ERROR, 429, rate=0.25, retry_after=3)
    assert FaultRule.parse(str(rule)) == rule
    assert FaultPlan(["*=latency"]).rules[0].fault.value == 1.0
    for text in ("nothing", "*=explode", "*=error:200", "*=latency:soon", "*=reset,often=1",
                 "*=truncate:1.5", "*=error,rate=2"):  # fmt: skip
        with pytest.raises(FaultSpecError):
            FaultRule.parse(text)


def test_stop_cuts_a_slow_answer_and_leaves_no_thread(template_dir: Path, tmp_path: Path) -> None:
    server = SimulatorServer(copy_data(template_dir, tmp_path / "sim"))
    with pytest.raises(RuntimeError):
        _ = server.url  # not started yet
    server.start()
    server.faults.add("/native/v1/settings", "drip:30")
    outcome: list[object] = []

    def slow_call() -> None:
        try:
            outcome.append(requests.get(server.url + "/native/v1/settings", timeout=60).json())
        except (requests.RequestException, ValueError) as error:
            outcome.append(error)

    caller = threading.Thread(target=slow_call)
    caller.start()
    time.sleep(0.3)
    started = time.monotonic()
    server.stop()
    caller.join(10)
    assert time.monotonic() - started < 1
    assert outcome and isinstance(outcome[0], Exception)


# --- data -------------------------------------------------------------------------------------


def test_same_seed_same_first_offers(template_dir: Path, tmp_path: Path) -> None:
    with SimulatorServer(tmp_path / "a", scale=3000) as first, \
            SimulatorServer(tmp_path / "b", scale=3000) as second:  # fmt: skip
        for offer_id in (100001, 100002, 100500, 102999):
            path = f"/native/v1/offer/{offer_id}"
            a = requests.get(first.url + path, timeout=10).json()
            b = requests.get(second.url + path, timeout=10).json()
            assert _without_urls(a) == _without_urls(b)
    day = date(2025, 6, 1)
    rows = [data.generate(seed, 500, day) for seed in (42, 42, 43)]
    firsts = [[row[3] for _, row in zip(range(20), catalog.offers, strict=False)]
              for catalog in rows]  # fmt: skip
    assert firsts[0] == firsts[1] != firsts[2]


def _without_urls(value: Any) -> Any:
    # Image URLs carry each server's port; everything else must match exactly.
    if isinstance(value, dict):
        return {k: _without_urls(v) for k, v in value.items() if k not in ("url", "bannerUrl")}
    if isinstance(value, list):
        return [_without_urls(v) for v in value]
    return value


def test_the_demo_data_is_realistic(shared: SimulatorServer) -> None:
    kiosk = enroll(shared, "Borne données")
    offers = list(full_sync(kiosk)["items"].values())
    venues = list(full_sync(kiosk, "venues")["items"].values())
    assert len(offers) >= 2000 and len(venues) >= 60
    centre = data.demo_venue()
    assert centre["city"] == "Villeurbanne" and centre["activity"] == "LIBRARY"
    for venue in venues:
        assert data.haversine_km(centre["latitude"], centre["longitude"],
                                 venue["latitude"], venue["longitude"]) < 50  # fmt: skip
    activities = Counter(venue["activity"] for venue in venues)
    assert {"LIBRARY", "CINEMA", "MUSEUM", "BOOKSTORE", "PERFORMANCE_HALL"} <= set(activities)

    taxonomy = data.taxonomy()
    groups = {s["id"]: s["searchGroupName"] for s in taxonomy["subcategories"]}
    seen = {groups[offer["subcategoryId"]] for offer in offers}
    assert seen == {g["name"] for g in taxonomy["searchGroups"]} - {"NONE"}

    stocks = [stock for offer in offers for stock in offer["stocks"]]
    assert sum(all(s["price"] == 0 for s in o["stocks"]) for o in offers) > len(offers) / 5
    assert any(s["isSoldOut"] for s in stocks) and any(s["isExpired"] for s in stocks)
    assert any(s["remainingQuantity"] is None for s in stocks)
    assert any(o["isDuo"] for o in offers)
    assert any(o["accessibility"]["motorDisability"] for o in offers)
    assert sum(o["venue"]["id"] == data.DEMO_VENUE_ID for o in offers) > 50

    now, paris = datetime.now(UTC), ZoneInfo(data.TIMEZONE)
    starts = [datetime.fromisoformat(s["beginningDatetime"].replace("Z", "+00:00"))
              for s in stocks if s["beginningDatetime"]]  # fmt: skip
    assert min(starts) > now - timedelta(days=12)
    assert max(starts) < now + timedelta(days=data.EVENT_DAYS + 1)
    # Events start at whole local quarter hours in the venue's zone, stored in UTC.
    assert all(start.astimezone(paris).minute % 15 == 0 for start in starts)
    assert len({start.astimezone(paris).hour for start in starts}) > 4


def test_offer_pictures_are_real_pngs(shared: SimulatorServer) -> None:
    offer = requests.get(shared.url + "/native/v1/offer/100001", timeout=10).json()
    picture = requests.get(offer["images"]["recto"]["url"], timeout=10)
    assert picture.headers["Content-Type"] == "image/png"
    width, height, pixels = _decode_png(picture.content)
    assert (width, height) == (300, 400)
    assert len(set(pixels)) >= 2  # a background and a white pictogram
    banner = requests.get(offer["venue"]["bannerUrl"], timeout=10)
    assert _decode_png(banner.content)[:2] == (640, 320)


def _decode_png(png: bytes) -> tuple[int, int, list[bytes]]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    assert (depth, colour) == (8, 2)
    position, idat = 8, b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        chunk = png[position + 8 : position + 8 + length]
        crc = struct.unpack(">I", png[position + 8 + length : position + 12 + length])[0]
        assert zlib.crc32(kind + chunk) & 0xFFFFFFFF == crc
        idat += chunk if kind == b"IDAT" else b""
        position += 12 + length
    raw = zlib.decompress(idat)
    stride = 3 * width + 1
    assert len(raw) == stride * height
    pixels = [raw[row * stride + 1 + 3 * x : row * stride + 4 + 3 * x]
              for row in range(0, height, 40) for x in range(0, width, 10)]  # fmt: skip
    return width, height, pixels


def test_restart_reuses_the_generated_data_quickly(template_dir: Path, tmp_path: Path) -> None:
    folder = copy_data(template_dir, tmp_path / "sim")
    started = time.monotonic()
    with SimulatorServer(folder) as server:
        assert time.monotonic() - started < 1.0
        assert requests.get(server.url + "/native/v1/offer/100001", timeout=10).ok
        store = simulator_of(server.app).store
        assert not ensure_catalog(store, 42, data.DEFAULT_OFFER_COUNT)
        # Another seed, or data generated too long ago, is rebuilt.
        assert ensure_catalog(store, 42, data.DEFAULT_OFFER_COUNT,
                              today=data.local_today() + timedelta(days=8))  # fmt: skip


def test_scale_3000_is_quick(tmp_path: Path) -> None:
    started = time.monotonic()
    app = create_app(tmp_path, scale=3000)
    elapsed = time.monotonic() - started
    counts = simulator_of(app).store.counts()
    simulator_of(app).close()
    assert counts["offers"] == 3000 and counts["venues"] == 100
    assert elapsed < 3.0


@pytest.mark.slow
def test_scale_100000_within_30_seconds(tmp_path: Path) -> None:
    started = time.monotonic()
    with SimulatorServer(tmp_path, scale=100_000) as server:
        elapsed = time.monotonic() - started
        counts = simulator_of(server.app).store.counts()
        kiosk = enroll(server)
        page = kiosk.get("/kiosk/v1/offers", params={"limit": 1000})
        assert page.status_code == 200 and len(page.json()["items"]) == 1000
    assert counts["offers"] == 100_000
    assert elapsed < 30.0


# --- command line -----------------------------------------------------------------------------


def test_cli_rejects_a_bad_fault(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["simulator", "--data", str(tmp_path), "--fault", "/x=explode"])
    assert code == 2
    assert "unknown fault kind 'explode'" in capsys.readouterr().err


def test_cli_serves_until_interrupted(template_dir: Path, tmp_path: Path) -> None:
    folder = copy_data(template_dir, tmp_path / "sim")
    command = [sys.executable, "-m", "kiosk.cli", "simulator", "--port", "0", "--data",
               str(folder), "--fault", "/native/v1/venue/*=error:503"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
        assert lines[0].startswith("demo venue: 1; demo enrollment code: DEMO-1234")
        assert lines[1].strip() == "fault: /native/v1/venue/*=error:503"
        url = lines[2].split()[3]
        assert requests.get(url + "/native/v1/settings", timeout=10).status_code == 200
        assert requests.get(url + "/native/v1/venue/1", timeout=10).status_code == 503
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
