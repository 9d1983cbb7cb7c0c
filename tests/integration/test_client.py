"""kiosk.api.client against the simulator over real HTTP on 127.0.0.1: every route, every fault.

Retries never really wait: each client gets a ``sleep`` that records the delays it was asked
for, so the tests check the backoff and ``Retry-After`` without spending the time.
"""

from __future__ import annotations

import json
import logging
import random
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.api import models
from kiosk.api.client import ApiClient
from kiosk.api.errors import (
    ApiError,
    BadResponse,
    CircuitOpen,
    RateLimited,
    Rejected,
    ServerError,
    Unauthorized,
    Unreachable,
)
from kiosk.api.models import (
    Commune,
    Enrollment,
    FeedPage,
    Fetched,
    HeartbeatAnswer,
    KioskConfig,
    NotModified,
    Preregistration,
    Taxonomy,
    Venue,
)
from kiosk.api.resilience import BreakerState, CircuitBreaker, RetryPolicy
from kiosk.clock import Clock
from kiosk.domain.eligibility import EligibilityRules
from kiosk.simulator.server import SimulatorServer
from tests.integration.conftest import Kiosk, enroll

PROFILE = {
    "email": "lea.martin@example.org",
    "birthdate": "2008-05-14",
    "firstName": "Léa",
    "lastName": "Martin",
    "postalCode": "69100",
    "city": "Villeurbanne",
    "address": "12 rue Paul-Bert",
    "activityId": "HIGH_SCHOOL_STUDENT",
    "marketingEmailSubscription": False,
}

Factory = Callable[..., ApiClient]


class Sleeps(list[float]):
    """A ``sleep`` that records the delays instead of waiting; ``then`` runs on each."""

    def __init__(self, then: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.then = then

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        if self.then is not None:
            self.then()


@pytest.fixture
def client_factory() -> Iterator[Factory]:
    """Build clients (small timeouts, seeded jitter, recorded sleeps); close them after."""
    made: list[ApiClient] = []

    def factory(
        url: str,
        token: str | None = None,
        *,
        attempts: int = 3,
        sleep: Callable[[float], None] | None = None,
        timeouts: tuple[float, float] = (2.0, 5.0),
        **options: Any,
    ) -> ApiClient:
        options.setdefault("breaker", None)
        client = ApiClient(
            url,
            token=lambda: token,
            timeouts=timeouts,
            retry=RetryPolicy(attempts=attempts, base_delay=0.5, rng=random.Random(7)),
            sleep=sleep if sleep is not None else Sleeps(),
            **options,
        )
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close()


@pytest.fixture(scope="module")
def device(module_server: SimulatorServer) -> Kiosk:
    """One enrolled device on the module's shared simulator."""
    return enroll(module_server, "Borne du module")


@pytest.fixture
def api(shared: SimulatorServer, device: Kiosk, client_factory: Factory) -> ApiClient:
    """A client of the shared simulator with the module device's token."""
    return client_factory(shared.url, device.token)


def admin(server: SimulatorServer, method: str, path: str, **kwargs: Any) -> Any:
    answer = requests.request(method, f"{server.url}/admin{path}", timeout=10, **kwargs)
    answer.raise_for_status()
    return answer.json()


# --- every route's happy path -----------------------------------------------------------------


def test_settings_is_a_checked_dict_then_not_modified(api: ApiClient) -> None:
    fetched = api.settings()
    assert isinstance(fetched, Fetched)
    assert fetched.etag
    assert fetched.value["depositAmountsByAge"]["age_18"] > 0
    rules = EligibilityRules.from_settings(fetched.value)
    assert rules.account_minimum_age == fetched.value["accountCreationMinimumAge"]
    again = api.settings(fetched.etag)
    assert again == NotModified(fetched.etag)


def test_subcategories(api: ApiClient) -> None:
    taxonomy = api.subcategories()
    assert isinstance(taxonomy, Taxonomy)
    assert len(taxonomy.subcategories) == 73
    assert {s.search_group_name for s in taxonomy.subcategories} <= {
        g.name for g in taxonomy.search_groups
    }
    assert taxonomy.payload["subcategories"][0]["id"] == taxonomy.subcategories[0].id
    conditional = api.subcategories(None)
    assert isinstance(conditional, Fetched) and conditional.etag
    assert api.subcategories(conditional.etag) == NotModified(conditional.etag)


def test_config_then_not_modified(api: ApiClient) -> None:
    fetched = api.config()
    assert isinstance(fetched, Fetched) and isinstance(fetched.value, KioskConfig)
    config = fetched.value
    assert (config.idle_timeout, config.countdown, config.radius_km) == (90, 15, 50.0)
    assert config.opening_hours is not None and config.opening_hours["MONDAY"] is None
    assert config.messages[0].text["fr"]
    assert config.payload["idleTimeout"] == 90
    assert fetched.etag is not None
    assert api.config(fetched.etag) == NotModified(fetched.etag)


def test_offer_feed_pages(api: ApiClient) -> None:
    first = api.offers_page(limit=100)
    assert isinstance(first, FeedPage)
    assert first.full_resync and first.has_more and first.dropped == 0
    assert len(first.items) == 100 and first.deleted_ids == ()
    offer = first.items[0]
    assert {"id", "name", "subcategoryId", "venue", "stocks"} <= set(offer)
    second = api.offers_page(first.next_cursor, limit=100)
    assert not second.full_resync
    assert {o["id"] for o in first.items}.isdisjoint(o["id"] for o in second.items)


def test_venue_feed(api: ApiClient) -> None:
    page = api.venues_page()
    assert page.full_resync and not page.has_more
    assert any(venue["id"] == 1 for venue in page.items)
    again = api.venues_page(page.next_cursor)
    assert again.items == () and not again.full_resync


def test_native_offer_and_venue(api: ApiClient) -> None:
    assert api.offer(100001)["id"] == 100001
    venue = api.venue(1)
    assert isinstance(venue, Venue)
    assert (venue.id, venue.city, venue.timezone) == (1, "Villeurbanne", "Europe/Paris")
    with pytest.raises(Rejected) as missing:
        api.venue(999999)
    assert (missing.value.status, missing.value.code) == (404, "VENUE_NOT_FOUND")


def test_preregistration_create_replay_and_get(api: ApiClient) -> None:
    key = f"test-{time.monotonic_ns()}"
    created = api.create_preregistration(PROFILE, key)
    assert isinstance(created, Preregistration)
    assert created.status == "PENDING" and not created.replayed
    assert created.finish_url.startswith("https://")
    assert created.expires_at > datetime.now(UTC)
    replay = api.create_preregistration(dict(reversed(PROFILE.items())), key)
    assert replay.replayed and replay.id == created.id
    assert api.get_preregistration(created.id) == created
    with pytest.raises(Rejected) as reused:
        api.create_preregistration({**PROFILE, "city": "Lyon"}, key)
    assert (reused.value.status, reused.value.code) == (422, "IDEMPOTENCY_KEY_REUSED")
    with pytest.raises(Rejected) as invalid:
        api.create_preregistration({**PROFILE, "email": "pas-une-adresse"}, key + "-2")
    assert invalid.value.status == 400 and set(invalid.value.fields) == {"email"}
    assert "pas-une-adresse" not in str(invalid.value)  # the body never shows in messages
    with pytest.raises(Rejected) as unknown:
        api.get_preregistration("no-such-id")
    assert unknown.value.code == "PREREGISTRATION_NOT_FOUND"
    with pytest.raises(ValueError, match="idempotency key"):
        api.create_preregistration(PROFILE, "a key with spaces")


def test_communes(api: ApiClient) -> None:
    assert api.communes("69100") == [Commune("Villeurbanne", "69100", "69266")]
    assert api.communes("00000") == []
    with pytest.raises(Rejected) as refused:
        api.communes("6910")
    assert set(refused.value.fields) == {"postalCode"}


def test_heartbeat_answers_the_server_time(api: ApiClient, device: Kiosk) -> None:
    answer = api.heartbeat({"version": "0.1.0", "uptime": 12, "outboxDepth": 0})
    assert isinstance(answer, HeartbeatAnswer)
    assert abs(answer.server_time - datetime.now(UTC)) < timedelta(seconds=5)
    estimate = api.skew_estimate()
    assert estimate is not None and estimate.source == "heartbeat"
    skew = api.clock_skew()
    assert skew is not None and abs(skew) < 2
    server_now = api.server_now()
    assert server_now is not None and abs(server_now - datetime.now(UTC)) < timedelta(seconds=2)


def test_image(api: ApiClient) -> None:
    offer = api.offers_page(limit=1).items[0]
    url = offer["images"]["recto"]["url"]
    png = api.image(url, max_bytes=1_000_000)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(BadResponse, match="larger than 100 bytes"):
        api.image(url, max_bytes=100)
    with pytest.raises(BadResponse, match="expected an image"):
        api.image(api.base_url + "/native/v1/settings", max_bytes=1_000_000)


def test_enroll_is_typed_and_keeps_the_token_out_of_reprs(
    shared: SimulatorServer, client_factory: Factory
) -> None:
    client = client_factory(shared.url)
    enrollment = client.enroll(shared.create_enrollment_code(), "Borne du hall", "0.1.0")
    assert isinstance(enrollment, Enrollment)
    assert enrollment.device_id.startswith("dev-")
    assert enrollment.venue.id == 1 and enrollment.venue.city == "Villeurbanne"
    assert enrollment.config.idle_timeout == 90
    assert enrollment.device_token not in repr(enrollment)
    with pytest.raises(Rejected) as unknown:
        client.enroll("NOT-A-CODE", "Borne", "0.1.0")
    assert unknown.value.code == "INVALID_ENROLLMENT_CODE"


def test_no_token_is_unauthorized_without_a_call(
    shared: SimulatorServer, client_factory: Factory
) -> None:
    shared.faults.add("/kiosk/v1/*", "error:500")  # would fail differently if called
    with pytest.raises(Unauthorized, match="enroll this kiosk first"):
        client_factory(shared.url).config()


def test_revoked_token_is_unauthorized(kiosk: Kiosk, client_factory: Factory) -> None:
    client = client_factory(kiosk.url, kiosk.token)
    assert isinstance(client.config(), Fetched)
    admin(kiosk.server, "POST", f"/devices/{kiosk.device_id}/revoke")
    with pytest.raises(Unauthorized) as refused:
        client.config()
    assert refused.value.status == 401
    assert kiosk.token not in str(refused.value)


def test_http_to_a_public_host_is_refused(client_factory: Factory) -> None:
    with pytest.raises(ValueError, match="refusing http:// for kiosk-api.example.org"):
        ApiClient("http://kiosk-api.example.org")
    with pytest.raises(ValueError, match="not an absolute web address"):
        ApiClient("kiosk-api.example.org")
    ApiClient("https://kiosk-api.example.org").close()  # no call is made
    client = client_factory("http://localhost:9")
    with pytest.raises(ValueError, match="refusing http:// for storage.example"):
        client.image("http://storage.example/a.png", max_bytes=1000)


def test_feed_items_that_do_not_fit_are_dropped_not_fatal(shared: SimulatorServer,
                                                          device: Kiosk) -> None:  # fmt: skip
    body = device.get("/kiosk/v1/offers", params={"limit": 5}).json()
    del body["items"][1]["venue"]
    body["items"][3]["stocks"][0]["price"] = "12 €"
    page = models.parse_feed_page(body, models.check_offer)
    assert page.dropped == 2 and len(page.items) == 3


# --- faults -----------------------------------------------------------------------------------


def test_latency_within_the_timeouts_still_answers(kiosk: Kiosk, client_factory: Factory) -> None:
    kiosk.server.faults.add("/native/v1/settings", "latency:0.3")
    sleeps = Sleeps()
    client = client_factory(kiosk.url, timeouts=(1.0, 1.0), sleep=sleeps)
    started = time.monotonic()
    assert isinstance(client.settings(), Fetched)
    assert time.monotonic() - started >= 0.3
    assert sleeps == []


def test_503_with_retry_after_is_retried_until_it_succeeds(
    kiosk: Kiosk, client_factory: Factory
) -> None:
    kiosk.server.faults.add("/kiosk/v1/config", "error:503,rate=0.5,retry_after=1")
    sleeps = Sleeps()
    client = client_factory(kiosk.url, kiosk.token, attempts=8, sleep=sleeps)
    for _ in range(6):
        assert isinstance(client.config(), Fetched)
    assert sleeps, "some calls should have met the 503"
    assert all(delay >= 1 for delay in sleeps)  # never sooner than Retry-After


def test_503_always_gives_server_error(kiosk: Kiosk, client_factory: Factory) -> None:
    kiosk.server.faults.add("/kiosk/v1/config", "error:503,retry_after=1")
    sleeps = Sleeps()
    client = client_factory(kiosk.url, kiosk.token, attempts=3, sleep=sleeps)
    with pytest.raises(ServerError) as failed:
        client.config()
    assert failed.value.status == 503 and failed.value.retry_after == 1
    assert "after 3 attempts" in str(failed.value)
    assert len(sleeps) == 2 and all(delay >= 1 for delay in sleeps)


def test_500_is_retried_with_growing_jittered_backoff(
    kiosk: Kiosk, client_factory: Factory
) -> None:
    kiosk.server.faults.add("/kiosk/v1/offers", "error:500")
    sleeps = Sleeps()
    client = client_factory(kiosk.url, kiosk.token, attempts=5, sleep=sleeps)
    with pytest.raises(ServerError):
        client.offers_page()
    assert len(sleeps) == 4
    for retry, delay in enumerate(sleeps, start=1):
        assert 0 <= delay <= 0.5 * 2 ** (retry - 1)  # full jitter under a doubling ceiling


def test_429_gives_rate_limited_after_the_retries(kiosk: Kiosk, client_factory: Factory) -> None:
    kiosk.server.faults.add("/kiosk/v1/communes", "error:429,retry_after=2")
    sleeps = Sleeps()
    client = client_factory(kiosk.url, kiosk.token, attempts=3, sleep=sleeps)
    with pytest.raises(RateLimited) as limited:
        client.communes("69100")
    assert limited.value.retry_after == 2
    assert len(sleeps) == 2 and all(delay >= 2 for delay in sleeps)


def test_a_retry_after_beyond_the_cap_fails_at_once(kiosk: Kiosk, client_factory: Factory) -> None:
    kiosk.server.faults.add("/native/v1/settings", "error:503,retry_after=3600")
    sleeps = Sleeps()
    client = client_factory(kiosk.url, attempts=4, sleep=sleeps)
    with pytest.raises(ServerError) as failed:
        client.settings()
    assert failed.value.retry_after == 3600
    assert sleeps == []  # the caller comes back later; the client does not block for an hour


def test_reset_gives_unreachable(kiosk: Kiosk, client_factory: Factory) -> None:
    kiosk.server.faults.add("/native/v1/settings", "reset")
    sleeps = Sleeps()
    client = client_factory(kiosk.url, attempts=3, sleep=sleeps)
    with pytest.raises(Unreachable, match="reset|closed"):
        client.settings()
    assert len(sleeps) == 2


def test_a_post_without_idempotency_key_is_never_retried(
    kiosk: Kiosk, client_factory: Factory
) -> None:
    kiosk.server.faults.add("/kiosk/v1/heartbeat", "reset")
    sleeps = Sleeps()
    client = client_factory(kiosk.url, kiosk.token, attempts=4, sleep=sleeps)
    with pytest.raises(Unreachable):
        client.heartbeat({"version": "0.1.0", "uptime": 1, "outboxDepth": 0})
    assert sleeps == []
    assert len(admin(kiosk.server, "GET", f"/heartbeats?deviceId={kiosk.device_id}")) == 1


@pytest.mark.parametrize("kind", ["truncate", "truncate:0.9", "malformed", "schema"])
@pytest.mark.parametrize(
    ("route", "call"),
    [
        ("/native/v1/settings", lambda c: c.settings()),
        ("/native/v1/subcategories/v2", lambda c: c.subcategories()),
        ("/kiosk/v1/config", lambda c: c.config()),
        ("/kiosk/v1/offers", lambda c: c.offers_page(limit=20)),
        ("/kiosk/v1/venues", lambda c: c.venues_page(limit=20)),
        ("/kiosk/v1/preregistrations", lambda c: c.create_preregistration(PROFILE, "k-bad")),
        ("/kiosk/v1/communes", lambda c: c.communes("69100")),
        ("/kiosk/v1/heartbeat", lambda c: c.heartbeat({"version": "1", "uptime": 1,
                                                        "outboxDepth": 0})),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)  # fmt: skip
def test_broken_answers_give_bad_response(
    shared: SimulatorServer,
    device: Kiosk,
    client_factory: Factory,
    route: str,
    call: Callable[[ApiClient], object],
    kind: str,
) -> None:
    shared.faults.add(route, kind)
    sleeps = Sleeps()
    client = client_factory(shared.url, device.token, sleep=sleeps)
    with pytest.raises(BadResponse) as broken:
        call(client)
    assert route in str(broken.value)
    assert sleeps == []  # the same request would get the same broken answer


def test_drip_slower_than_the_read_timeout_gives_unreachable(
    kiosk: Kiosk, client_factory: Factory
) -> None:
    kiosk.server.faults.add("/native/v1/settings", "drip:1")  # a piece every 0.1 s
    client = client_factory(kiosk.url, attempts=1, timeouts=(1.0, 0.03))
    with pytest.raises(Unreachable, match="no answer within 0.03 s"):
        client.settings()


def test_drip_within_the_read_timeout_still_answers(kiosk: Kiosk, client_factory: Factory) -> None:
    kiosk.server.faults.add("/native/v1/settings", "drip:0.2")
    client = client_factory(kiosk.url, attempts=1, timeouts=(1.0, 1.0))
    assert isinstance(client.settings(), Fetched)


def test_skew_in_the_date_header_is_reported(kiosk: Kiosk, client_factory: Factory) -> None:
    # Only this route's Date header is off (as a rewriting proxy would do); the server's own
    # clock, which the heartbeat states, is right.
    kiosk.server.faults.add("/native/v1/settings", "skew:3600")
    client = client_factory(kiosk.url, kiosk.token)
    assert client.clock_skew() is None
    client.settings()
    skew = client.clock_skew()
    assert skew is not None and abs(skew - 3600) < 2
    estimate = client.skew_estimate()
    assert estimate is not None and estimate.source == "date"
    server_now = client.server_now()
    assert server_now is not None
    assert abs(server_now - datetime.now(UTC) - timedelta(hours=1)) < timedelta(seconds=2)
    # The heartbeat's serverTime is trusted over a Date header (a proxy may rewrite those).
    client.heartbeat({"version": "0.1.0", "uptime": 1, "outboxDepth": 0})
    skew = client.clock_skew()
    assert skew is not None and abs(skew) < 2


def test_skew_is_measured_against_the_pc_clock_not_its_correction(
    kiosk: Kiosk, client_factory: Factory
) -> None:
    clock = Clock()
    clock.correct(datetime.now(UTC) - timedelta(hours=5))  # a correction applied earlier
    client = client_factory(kiosk.url, kiosk.token, clock=clock)
    client.heartbeat({"version": "0.1.0", "uptime": 1, "outboxDepth": 0})
    skew = client.clock_skew()
    assert skew is not None and abs(skew) < 2
    server_now = client.server_now()
    assert server_now is not None
    clock.correct(server_now)
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=2)


# --- circuit breaker --------------------------------------------------------------------------


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_after_n_failures_then_probes(kiosk: Kiosk, client_factory: Factory) -> None:
    fake = FakeTime()
    breaker = CircuitBreaker(threshold=3, cooldown=30, monotonic=fake)
    kiosk.server.faults.add("/native/v1/settings", "error:503")
    client = client_factory(kiosk.url, attempts=1, breaker=breaker)
    for _ in range(3):
        with pytest.raises(ServerError):
            client.settings()
    assert breaker.state is BreakerState.OPEN
    kiosk.server.faults.clear()
    with pytest.raises(CircuitOpen) as refused:
        client.settings()
    assert refused.value.retry_in == pytest.approx(30)
    fake.now += 31
    assert breaker.state is BreakerState.HALF_OPEN
    assert isinstance(client.settings(), Fetched)  # the probe
    assert breaker.state is BreakerState.CLOSED


def test_a_failed_probe_opens_the_breaker_again(kiosk: Kiosk, client_factory: Factory) -> None:
    fake = FakeTime()
    breaker = CircuitBreaker(threshold=2, cooldown=10, monotonic=fake)
    kiosk.server.faults.add("/native/v1/settings", "error:500")
    client = client_factory(kiosk.url, attempts=1, breaker=breaker)
    for _ in range(2):
        with pytest.raises(ServerError):
            client.settings()
    fake.now += 11
    with pytest.raises(ServerError):
        client.settings()  # the probe fails…
    with pytest.raises(CircuitOpen):
        client.settings()  # …so the circuit is open for another cooldown


def test_a_stopped_server_gives_unreachable_then_circuit_open(
    server: SimulatorServer, client_factory: Factory
) -> None:
    breaker = CircuitBreaker(threshold=3, cooldown=60)
    sleeps = Sleeps()
    client = client_factory(server.url, attempts=3, breaker=breaker, sleep=sleeps)
    assert isinstance(client.settings(), Fetched)
    server.stop()
    with pytest.raises(Unreachable, match="refused|closed|reset"):
        client.settings()
    assert len(sleeps) == 2
    with pytest.raises(CircuitOpen):
        client.settings()
    assert len(sleeps) == 2


class CountingListener:
    """A TCP server that accepts connections, counts them and hangs up at once."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.05)
        self.accepted = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="counting-listener")
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.socket.getsockname()[1]}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


def test_an_open_breaker_makes_no_new_connection(client_factory: Factory) -> None:
    listener = CountingListener()
    try:
        breaker = CircuitBreaker(threshold=2, cooldown=60)
        sleeps = Sleeps()
        client = client_factory(listener.url, attempts=5, breaker=breaker, sleep=sleeps)
        with pytest.raises(Unreachable, match="after 2 attempts"):
            client.settings()  # the breaker opens during the retries: they stop there
        assert listener.accepted == 2 and len(sleeps) == 1
        for _ in range(3):
            with pytest.raises(CircuitOpen):
                client.settings()
        assert listener.accepted == 2
    finally:
        listener.close()


# --- idempotency ------------------------------------------------------------------------------


def test_preregistration_retried_after_a_reset_is_created_once(
    kiosk: Kiosk, client_factory: Factory
) -> None:
    faults = kiosk.server.faults
    faults.add("/kiosk/v1/preregistrations", "reset")
    # The server does the work, then hangs up; the fault is lifted while the client waits.
    sleeps = Sleeps(then=faults.clear)
    client = client_factory(kiosk.url, kiosk.token, attempts=3, sleep=sleeps)
    created = client.create_preregistration(PROFILE, "outbox-entry-42")
    assert len(sleeps) == 1
    assert created.replayed  # the answer is the first one, stored under the key
    records = admin(kiosk.server, "GET", "/preregistrations")
    assert [record["id"] for record in records] == [created.id]


# --- privacy ----------------------------------------------------------------------------------


def test_neither_token_nor_personal_data_reach_the_logs(
    kiosk: Kiosk, client_factory: Factory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    kiosk.server.faults.add("/kiosk/v1/preregistrations", "error:503,rate=0.5")
    client = client_factory(kiosk.url, kiosk.token, attempts=6)
    client.config()
    client.create_preregistration(PROFILE, "privacy-1")
    with pytest.raises(Rejected) as refused:
        client.create_preregistration({**PROFILE, "email": "lea@@example"}, "privacy-2")
    texts = [caplog.text, str(refused.value)]
    for text in texts:
        assert kiosk.token not in text
        for value in ("lea.martin@example.org", "Martin", "2008-05-14", "Paul-Bert", "lea@@"):
            assert value not in text
    assert "POST /kiosk/v1/preregistrations" in caplog.text


# --- TLS --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made with the openssl command)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=kiosk-test", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


class _SettingsHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's naming
        body = json.dumps({
            "accountCreationMinimumAge": 15,
            "depositAmountsByAge": {"age_15": 0, "age_16": 0, "age_17": 5000, "age_18": 15000},
            "bonification": {"bonusAmount": 5000, "qfThreshold": 700},
            "ineligiblePostalCodes": [],
        }).encode()  # fmt: skip
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[str]:
    """An HTTPS server on 127.0.0.1 with the self-signed certificate."""
    httpd = HTTPServer(("127.0.0.1", 0), _SettingsHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        thread.join()
        httpd.server_close()


def test_tls_is_verified_against_the_trust_store_plus_the_ca_bundle(
    tls_server: str, certificate: tuple[Path, Path], client_factory: Factory
) -> None:
    untrusted = client_factory(tls_server, attempts=1)
    with pytest.raises(Unreachable, match="certificate was rejected"):
        untrusted.settings()
    trusted = client_factory(tls_server, attempts=1, ca_bundle=certificate[0])
    assert isinstance(trusted.settings(), Fetched)


def test_an_unreadable_ca_bundle_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate", encoding="utf-8")
    with pytest.raises(ValueError, match="CA bundle"):
        ApiClient("https://kiosk-api.example.org", ca_bundle=bad)


def test_api_errors_share_one_base() -> None:
    for kind in (Unreachable, ServerError, RateLimited, Unauthorized, BadResponse, CircuitOpen):
        assert issubclass(kind, ApiError)
    assert issubclass(Rejected, ApiError)
