"""``sync_once`` with an image cache against the simulator over real HTTP.

The pictures of the soonest events land in the cache, a second sync downloads nothing, and
a failing image host never makes the sync fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.api.client import ApiClient
from kiosk.api.resilience import RetryPolicy
from kiosk.clock import Clock
from kiosk.simulator.server import SimulatorServer
from kiosk.storage.catalog import Catalog, open_catalog
from kiosk.storage.images import ImageCache
from kiosk.sync.engine import IMAGE_CANDIDATES, IMAGE_HORIZON, sync_once
from kiosk.sync.report import SyncReport
from tests.integration.conftest import enroll

_STEP = re.compile(
    r"^images: (?P<fetched>\d+) fetched, (?P<failed>\d+) failed, (?P<cached>\d+) already "
    r"cached, (?P<left>\d+) left for later(?: \((?P<stopped>.+)\))?$"
)


@pytest.fixture
def client(shared: SimulatorServer) -> Iterator[ApiClient]:
    kiosk = enroll(shared)
    api = ApiClient(
        kiosk.url, token=lambda: kiosk.token, timeouts=(2.0, 3.0), sleep=lambda _s: None,
        retry=RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02),
    )  # fmt: skip
    yield api
    api.close()


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Catalog]:
    catalog = open_catalog(tmp_path / "catalog.sqlite3")
    yield catalog
    catalog.close()


@pytest.fixture
def images(tmp_path: Path) -> Iterator[ImageCache]:
    cache = ImageCache(tmp_path / "images", max_bytes=50 * 1024 * 1024)
    yield cache
    cache.close()


def image_step(report: SyncReport) -> dict[str, str | None]:
    """The numbers of the report's images step (exactly one such step)."""
    steps = [step for step in report.steps if step.startswith("images:")]
    assert len(steps) == 1, report.steps
    match = _STEP.match(steps[0])
    assert match is not None, steps[0]
    return match.groupdict()


def wanted_urls(catalog: Catalog, clock: Clock) -> list[str]:
    """The distinct picture URLs of the events within the horizon, soonest first."""
    now = clock.now()
    events = catalog.upcoming_events(now, now + IMAGE_HORIZON, IMAGE_CANDIDATES)
    return list(dict.fromkeys(o.image_url for o, _v, _z in events if o.image_url))


def test_a_sync_caches_the_pictures_of_upcoming_events(
    shared: SimulatorServer, client: ApiClient, catalog: Catalog, images: ImageCache
) -> None:
    clock = Clock()
    report = sync_once(client, catalog, clock, images=images)
    assert report.ok, report.error
    wanted = wanted_urls(catalog, clock)
    assert len(wanted) >= 20  # the demo data has plenty of events this week
    step = image_step(report)
    assert step == {"fetched": str(len(wanted)), "failed": "0", "cached": "0", "left": "0",
                    "stopped": None}  # fmt: skip
    for url in wanted:
        path = images.get(url)
        assert path is not None, url
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    served = requests.get(wanted[0], timeout=10).content
    assert images.get(wanted[0]) is not None
    assert (images.get(wanted[0]) or Path()).read_bytes() == served

    # A second sync finds everything cached: with every image request failing, it would
    # count failures if it asked for a single picture.
    total = images.total_bytes()
    shared.faults.add("/images/*", "error:500")
    again = sync_once(client, catalog, clock, images=images)
    assert again.ok, again.error
    assert image_step(again) == {"fetched": "0", "failed": "0", "cached": str(len(wanted)),
                                 "left": "0", "stopped": None}  # fmt: skip
    assert images.total_bytes() == total


def test_the_budget_takes_the_soonest_first_and_the_next_sync_goes_on(
    client: ApiClient, catalog: Catalog, images: ImageCache
) -> None:
    clock = Clock()
    report = sync_once(client, catalog, clock, images=images, image_budget=10)
    assert report.ok, report.error
    wanted = wanted_urls(catalog, clock)
    step = image_step(report)
    assert (step["fetched"], step["left"]) == ("10", str(len(wanted) - 10))
    assert [url for url in wanted if images.contains(url)] == wanted[:10]

    again = sync_once(client, catalog, clock, images=images, image_budget=10)
    assert image_step(again)["fetched"] == "10"
    assert [url for url in wanted if images.contains(url)] == wanted[:20]


def test_failing_images_leave_the_sync_ok_with_the_failures_noted(
    shared: SimulatorServer, client: ApiClient, catalog: Catalog, images: ImageCache
) -> None:
    shared.faults.add("/images/*", "error:500")
    clock = Clock()
    report = sync_once(client, catalog, clock, images=images)
    assert report.ok, report.error
    assert report.error == ""
    assert catalog.counts(clock.now()).bookable_offers > 0
    step = image_step(report)
    assert step["fetched"] == "0"
    assert int(step["failed"] or 0) >= 1
    # The step gives up on a failing host instead of trying every picture.
    assert step["stopped"] is not None and "failing" in step["stopped"]
    assert images.total_bytes() == 0
    assert catalog.last_success() is not None
    # The simulator serves pictures on the API's origin, behind the same circuit breaker:
    # the step stopped before failing pictures could open it, so the next sync goes through.
    assert step["failed"] == "1"
    shared.faults.clear()
    again = sync_once(client, catalog, clock, images=images)
    assert again.ok, again.error
    # Everything comes then, the picture that failed included.
    assert image_step(again)["fetched"] == str(len(wanted_urls(catalog, clock)))


def test_one_missing_picture_is_counted_and_the_others_still_come(
    shared: SimulatorServer, client: ApiClient, catalog: Catalog, images: ImageCache
) -> None:
    clock = Clock()
    assert sync_once(client, catalog, clock).ok  # the catalog first, without pictures
    wanted = wanted_urls(catalog, clock)
    # A 404 proves the host alive: only that picture is skipped, and tried again next time.
    shared.faults.add("/images/" + wanted[0].rsplit("/", 1)[1], "error:404")
    report = sync_once(client, catalog, clock, images=images)
    assert report.ok, report.error
    step = image_step(report)
    assert (step["fetched"], step["failed"], step["stopped"]) == (str(len(wanted) - 1), "1", None)
    assert not images.contains(wanted[0])
    assert all(images.contains(url) for url in wanted[1:])
    shared.faults.clear()
    assert image_step(sync_once(client, catalog, clock, images=images))["fetched"] == "1"
