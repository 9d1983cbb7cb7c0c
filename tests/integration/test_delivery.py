"""Outbox delivery against the simulator over real HTTP: online, offline, refused, replayed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.api.client import ApiClient
from kiosk.api.resilience import RetryPolicy
from kiosk.clock import Clock
from kiosk.simulator.server import SimulatorServer
from kiosk.storage.catalog import open_catalog
from kiosk.storage.outbox import OUTBOX_FILE_NAME, Outbox
from kiosk.sync.delivery import DeliveryStatus, deliver, deliver_one
from kiosk.sync.engine import sync_once
from tests.integration.conftest import Kiosk

KEY = bytes(range(32, 64))
CONSENT = "consentement-2025-05-v1"
ROUTE = "/kiosk/v1/preregistrations"


def payload(number: int = 0, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "email": f"jeune.{number}@exemple.fr", "birthdate": "2008-03-14",
        "firstName": "Inès", "lastName": "Le Goff", "postalCode": "29200", "city": "Brest",
        "address": "3 rue de Siam", "activityId": "HIGH_SCHOOL_STUDENT",
        "marketingEmailSubscription": False,
    }  # fmt: skip
    body.update(changes)
    return body


@dataclass
class Journal:
    events: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def append(self, kind: str, *, at: datetime, staff: str | None = None,
               record_id: str | None = None, detail: str | None = None) -> None:
        self.events.append((kind, record_id, detail))


def make_client(url: str, token: str) -> ApiClient:
    return ApiClient(
        url, token=lambda: token, timeouts=(2.0, 3.0), sleep=lambda _s: None,
        retry=RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02), breaker=None,
    )  # fmt: skip


@pytest.fixture
def api(kiosk: Kiosk) -> Iterator[ApiClient]:
    client = make_client(kiosk.url, kiosk.token)
    yield client
    client.close()


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox(tmp_path / OUTBOX_FILE_NAME, KEY)
    yield box
    box.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(frozen_at=datetime.now(UTC).replace(microsecond=0))


def later(clock: Clock, **delta: float) -> None:
    clock.freeze(clock.now() + timedelta(**delta))


def server_records(url: str) -> list[dict[str, Any]]:
    answer = requests.get(url + "/admin/preregistrations", timeout=10)
    assert answer.status_code == 200
    records: list[dict[str, Any]] = answer.json()
    return records


def by_email(url: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for record in server_records(url):
        found.setdefault(record["profile"]["email"], []).append(record)
    return found


def test_online_delivery_sends_everything_once(
    api: ApiClient, outbox: Outbox, clock: Clock, kiosk: Kiosk
) -> None:
    journal = Journal()
    ids = [outbox.add(payload(n), consent_version=CONSENT, now=clock.now()) for n in range(3)]
    report = deliver(api, outbox, clock, journal=journal)
    assert (report.sent, report.failed, report.rejected, report.stopped) == (3, 0, 0, "")
    assert report.depth == 0 and outbox.depth() == 0
    records = by_email(kiosk.url)
    assert sorted(records) == [f"jeune.{n}@exemple.fr" for n in range(3)]
    for number, record_id in enumerate(ids):
        [record] = records[f"jeune.{number}@exemple.fr"]
        assert record["profile"]["firstName"] == "Inès" and record["deviceId"] == kiosk.device_id
        assert outbox.item(record_id).status == "sent"
        assert outbox.finish_url(record_id, clock.now()) == record["finishUrl"]
    assert journal.events == [("prereg_sent", record_id, None) for record_id in ids]
    assert deliver(api, outbox, clock).sent == 0  # nothing left


def test_deliver_one_answers_the_screen_with_the_finish_link(
    api: ApiClient, outbox: Outbox, clock: Clock, kiosk: Kiosk
) -> None:
    record_id = outbox.add(payload(), consent_version=CONSENT, now=clock.now())
    outcome = deliver_one(api, outbox, record_id, clock)
    [record] = server_records(kiosk.url)
    assert outcome.status is DeliveryStatus.SENT
    assert outcome.finish_url == record["finishUrl"] and outcome.server_id == record["id"]
    # Asked again (the screen reloaded, the other lane sent it): the stored state answers.
    again = deliver_one(api, outbox, record_id, clock)
    assert (again.status, again.finish_url) == (DeliveryStatus.SENT, record["finishUrl"])
    outbox.forget_sent(record_id)
    assert deliver_one(api, outbox, record_id, clock).finish_url is None
    assert len(server_records(kiosk.url)) == 1


def test_offline_then_back(
    api: ApiClient, outbox: Outbox, clock: Clock, kiosk: Kiosk, server: SimulatorServer
) -> None:
    first = outbox.add(payload(1), consent_version=CONSENT, now=clock.now())
    second = outbox.add(payload(2), consent_version=CONSENT, now=clock.now())
    server.faults.add(ROUTE, "error:503,retry_after=0")
    report = deliver(api, outbox, clock)
    assert (report.sent, report.failed) == (0, 1)  # the round stops at the first failure
    assert report.stopped.startswith("server error") and report.depth == 2
    assert outbox.item(first).attempts == 1 and outbox.item(second).attempts == 0
    outcome = deliver_one(api, outbox, second, clock)
    assert outcome.status is DeliveryStatus.QUEUED and "server error" in outcome.reason

    server.faults.clear()
    assert deliver(api, outbox, clock).sent == 0  # backing off: not due yet
    later(clock, seconds=31)
    report = deliver(api, outbox, clock)
    assert (report.sent, report.depth) == (2, 0)
    assert sorted(by_email(kiosk.url)) == ["jeune.1@exemple.fr", "jeune.2@exemple.fr"]


def test_a_stopped_server_then_a_restarted_one(
    outbox: Outbox, clock: Clock, kiosk: Kiosk, server: SimulatorServer, tmp_path: Path
) -> None:
    port, url = server.port, server.url
    record_id = outbox.add(payload(), consent_version=CONSENT, now=clock.now())
    server.stop()
    with make_client(url, kiosk.token) as api:
        report = deliver(api, outbox, clock)
        assert (report.failed, report.sent) == (1, 0) and "unreachable" in report.stopped
        assert outbox.item(record_id).status == "pending"
        restarted = SimulatorServer(tmp_path / "sim", port=port).start()
        try:
            later(clock, minutes=5)
            assert deliver(api, outbox, clock).sent == 1
            assert len(server_records(url)) == 1
        finally:
            restarted.stop()


def test_a_lost_answer_is_retried_with_the_same_key_and_created_once(
    api: ApiClient, outbox: Outbox, clock: Clock, kiosk: Kiosk, server: SimulatorServer
) -> None:
    journal = Journal()
    record_id = outbox.add(payload(), consent_version=CONSENT, now=clock.now())
    # The server creates the pre-registration, then the connection drops before the answer.
    server.faults.add(ROUTE, "reset")
    for _ in range(3):
        report = deliver(api, outbox, clock, journal=journal)
        assert (report.sent, report.failed) == (0, 1)
        later(clock, hours=2)
    assert outbox.item(record_id).attempts == 3
    [created] = server_records(kiosk.url)
    server.faults.clear()
    report = deliver(api, outbox, clock, journal=journal)
    assert report.sent == 1
    assert server_records(kiosk.url) == [created]  # one pre-registration, never two
    assert outbox.finish_url(record_id) == created["finishUrl"]
    assert journal.events == [("prereg_sent", record_id, "replayed")]


def test_a_refused_payload_waits_for_staff_with_the_servers_message(
    api: ApiClient, outbox: Outbox, clock: Clock, kiosk: Kiosk
) -> None:
    journal = Journal()
    good = outbox.add(payload(1), consent_version=CONSENT, now=clock.now())
    bad = outbox.add(payload(2, email="pas-une-adresse", firstName="R2D2"),
                     consent_version=CONSENT, now=clock.now())  # fmt: skip
    last = outbox.add(payload(3), consent_version=CONSENT, now=clock.now())
    report = deliver(api, outbox, clock, journal=journal)
    assert (report.sent, report.rejected, report.failed, report.stopped) == (2, 1, 0, "")
    assert outbox.item(bad).status == "needs_staff" and outbox.depth() == 1
    message = outbox.error_message(bad)
    assert message is not None and "Adresse e-mail invalide." in message
    assert "firstName" in message
    [row] = [row for row in outbox.items() if row.id == bad]
    assert row.error_kind == "rejected: email, firstName"
    assert ("prereg_rejected", bad, "rejected: email, firstName") in journal.events
    assert {good, last} == {event[1] for event in journal.events if event[0] == "prereg_sent"}
    # The screen asking again gets the same message and the staff can retry or cancel.
    outcome = deliver_one(api, outbox, bad, clock)
    assert outcome.status is DeliveryStatus.REJECTED and outcome.message == message
    outbox.retry(bad, clock.now())
    outcome = deliver_one(api, outbox, bad, clock)
    assert outcome.status is DeliveryStatus.REJECTED
    assert set(outcome.fields) == {"email", "firstName"}
    assert outbox.cancel(bad, clock.now())
    assert deliver_one(api, outbox, bad, clock).status is DeliveryStatus.CANCELLED
    assert sorted(by_email(kiosk.url)) == ["jeune.1@exemple.fr", "jeune.3@exemple.fr"]


def test_a_revoked_token_stops_the_round_without_counting_a_try(
    api: ApiClient, outbox: Outbox, clock: Clock, kiosk: Kiosk
) -> None:
    record_id = outbox.add(payload(), consent_version=CONSENT, now=clock.now())
    assert kiosk.admin("POST", f"/devices/{kiosk.device_id}/revoke").status_code == 200
    report = deliver(api, outbox, clock)
    assert (report.sent, report.failed) == (0, 0) and "token" in report.stopped
    assert outbox.item(record_id).attempts == 0 and outbox.due(clock.now())
    outcome = deliver_one(api, outbox, record_id, clock)
    assert outcome.status is DeliveryStatus.QUEUED and "enroll" in outcome.reason


def test_sync_delivers_first_and_reports_the_depth_in_the_heartbeat(
    api: ApiClient, outbox: Outbox, clock: Clock, kiosk: Kiosk, tmp_path: Path
) -> None:
    journal = Journal()
    outbox.add(payload(1), consent_version=CONSENT, now=clock.now())
    refused = outbox.add(payload(2, postalCode="2920"), consent_version=CONSENT, now=clock.now())
    catalog = open_catalog(tmp_path / "catalog.sqlite3")
    try:
        report = sync_once(api, catalog, clock, page_limit=1000, outbox=outbox,
                           journal=journal)  # fmt: skip
    finally:
        catalog.close()
    assert report.ok, report.error
    assert report.steps[0].startswith("outbox: 1 sent, 0 failed, 1 refused")
    assert outbox.item(refused).status == "needs_staff"
    [beat] = kiosk.admin("GET", f"/heartbeats?deviceId={kiosk.device_id}").json()
    assert beat["outboxDepth"] == 1
    assert [event[0] for event in journal.events] == ["prereg_sent", "prereg_rejected"]


def test_sync_without_an_outbox_is_unchanged(
    api: ApiClient, clock: Clock, kiosk: Kiosk, tmp_path: Path
) -> None:
    catalog = open_catalog(tmp_path / "catalog.sqlite3")
    try:
        report = sync_once(api, catalog, clock, page_limit=1000)
    finally:
        catalog.close()
    assert report.ok and not any(step.startswith("outbox") for step in report.steps)
    [beat] = kiosk.admin("GET", f"/heartbeats?deviceId={kiosk.device_id}").json()
    assert beat["outboxDepth"] == 0


def test_a_round_purges_what_waited_too_long_and_journals_it(
    api: ApiClient, outbox: Outbox, clock: Clock, kiosk: Kiosk, server: SimulatorServer
) -> None:
    journal = Journal()
    stale = outbox.add(payload(1), consent_version=CONSENT, now=clock.now())
    server.faults.add(ROUTE, "error:503,retry_after=0")
    assert deliver(api, outbox, clock).failed == 1
    server.faults.clear()
    later(clock, days=30)
    fresh = outbox.add(payload(2), consent_version=CONSENT, now=clock.now())
    report = deliver(api, outbox, clock, journal=journal)
    assert report.purged == [stale] and report.sent == 1
    assert "1 purged" in report.describe()
    assert outbox.item(stale).status == "purged" and outbox.item(fresh).status == "sent"
    assert journal.events == [("prereg_purged", stale, None), ("prereg_sent", fresh, None)]
    assert sorted(by_email(kiosk.url)) == ["jeune.2@exemple.fr"]
