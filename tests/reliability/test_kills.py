"""Kill tests (issue 9, item 2): SIGKILL the kiosk at random points; every restart works.

Three places where a kiosk is most often killed (power cut, watchdog, OOM killer), each in a
real process of its own, against the simulator in another process:

* **during a sync**: a child (tests/reliability/soak_child.py) runs ``sync_once`` with small
  pages in a loop and is killed after a random delay; one round in three starts from an
  empty catalog (the long initial sync), the others follow offers renamed meanwhile. After
  each kill the catalog opens as it was (never moved aside as damaged), passes its check,
  holds only offers of the scope, and the next sync succeeds with every offer and rename.
* **during outbox delivery**: the rounds of tests/integration/test_delivery_kill.py
  (``kill_rounds``): nothing acknowledged lost, nothing created twice.
* **during a catalog migration**: a catalog at schema 2 (``MIGRATIONS[:2]``) with thousands
  of offers is opened by a child, which runs migrations 3 (the payloads move to a table of
  their own, a column is dropped) and 4 (the search index rebuilt with 1-letter prefixes),
  and killed part way. The file is then at schema 2, 3 or 4,
  never damaged, never moved aside, with every offer and every payload byte for byte; a
  restart finishes the migration and the feed resumes.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.api.client import ApiClient
from kiosk.api.resilience import RetryPolicy
from kiosk.clock import Clock
from kiosk.storage.catalog import open_catalog
from kiosk.storage.catalog_schema import MIGRATIONS
from kiosk.storage.db import open_database
from kiosk.sync.engine import sync_once
from tests.integration.test_delivery_kill import (  # noqa: F401  (simulator: a fixture)
    REPO,
    child_env,
    kill_rounds,
    simulator,
)
from tests.reliability.conftest import scale
from tests.reliability.test_fault_soak import catalog_ids, offers_in_scope

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

SYNC_KILLS = scale(quick=2, full=40)
DELIVERY_KILLS = scale(quick=2, full=40)
MIGRATION_KILLS = scale(quick=2, full=40)
MIGRATION_OFFERS = scale(quick=4_000, full=20_000)
PAGE_LIMIT = 5  # 100 offers and 80 venues: about 40 page transactions in a first sync


def spawn(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.soak_child", *args], env=child_env(data_dir),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if line != "ready":
        process.kill()
        raise AssertionError(f"child not ready: {line!r} {process.communicate()[1]}")
    return process


def kill_after(process: subprocess.Popen[str], delay: float) -> tuple[str, str]:
    """SIGKILL after ``delay`` s (unless done before); the rest of its output."""
    try:
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return out, err


@pytest.fixture
def client(simulator: tuple[str, str]) -> Iterator[ApiClient]:  # noqa: F811
    url, token = simulator
    api = ApiClient(url, token=lambda: token, timeouts=(2.0, 5.0), breaker=None,
                    retry=RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.05))  # fmt: skip
    yield api
    api.close()


def test_kills_during_sync(simulator: tuple[str, str], client: ApiClient,  # noqa: F811
                           tmp_path: Path) -> None:
    url, token = simulator
    seed = random.SystemRandom().randrange(1 << 32)
    print(f"\nkills during sync: seed {seed}, {SYNC_KILLS} kills")
    rng = random.Random(seed)
    scope = offers_in_scope(url, token)
    path = tmp_path / "data" / "catalog.sqlite3"
    renamed: dict[int, str] = {}
    killed = Counter[str]()
    started = time.monotonic()
    with requests.Session() as admin:
        for number in range(SYNC_KILLS):
            fresh = number % 3 == 0
            if fresh:
                shutil.rmtree(path.parent, ignore_errors=True)
            for offer_id in rng.sample(sorted(scope), rng.randint(1, 15)):
                renamed[offer_id] = f"Offre {offer_id} tour {number}"
                answer = admin.patch(f"{url}/admin/offers/{offer_id}",
                                     json={"name": renamed[offer_id]}, timeout=10)  # fmt: skip
                assert answer.status_code == 200, answer.text
            process = spawn(tmp_path / "data", "sync", url, token, str(path), str(PAGE_LIMIT))
            out, err = kill_after(process, rng.uniform(0.0, 0.6 if fresh else 0.25))
            assert process.returncode == -signal.SIGKILL, (process.returncode, err)
            syncs = out.count("synced")
            assert "synced failed" not in out, out
            killed["first sync" if fresh and not syncs else "later sync"] += 1

            # The restart.
            catalog = open_catalog(path)
            try:
                assert not catalog.rebuilt, f"kill {number}: the catalog was damaged"
                catalog.check()
                assert catalog_ids(catalog) <= scope
                report = sync_once(client, catalog, Clock(), page_limit=PAGE_LIMIT)
                assert report.ok, report.error
                catalog.check()
                assert catalog_ids(catalog) == scope, f"kill {number}: offers missing"
                names = {i: (catalog.offer_payload(i) or {}).get("name") for i in renamed}
                assert names == renamed, f"kill {number}: a rename did not land"
            finally:
                catalog.close()
    print(f"FIGURE kills_sync {sum(killed.values())} ({dict(killed)}) in "
          f"{time.monotonic() - started:.1f} s")


def test_kills_during_delivery(simulator: tuple[str, str], tmp_path: Path) -> None:  # noqa: F811
    seed = random.SystemRandom().randrange(1 << 20)
    print(f"\nkills during delivery: seed {seed}, {DELIVERY_KILLS} rounds")
    started = time.monotonic()
    kill_rounds(DELIVERY_KILLS, simulator, tmp_path / "data", seed=seed)
    print(f"FIGURE kills_delivery {DELIVERY_KILLS} rounds in {time.monotonic() - started:.1f} s")


def schema_2_catalog(path: Path, offers: int) -> dict[int, str]:
    """A catalog as the kiosk left it before migration 3, with ``offers`` offers."""
    connection = open_database(path, MIGRATIONS[:2])
    payloads = {
        number: json.dumps({"id": number, "name": f"Offre {number}",
                            "description": "Une offre à payload long. " * 60}, ensure_ascii=False)
        for number in range(1, offers + 1)
    }  # fmt: skip
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO offers (id, name, description, subcategory_id, search_group, venue_id,"
        " venue_name, artists, is_digital, is_duo, is_event, image_url, latitude, longitude,"
        " min_price_cents, next_beginning, bookable_until, generation, payload) VALUES"
        " (?, ?, ?, 'CONCERT', 'CONCERTS_FESTIVALS', 1, 'Salle', '', 0, 1, 1, NULL, 48.1,"
        " -1.6, 500, '2030-01-01T20:00:00Z', '2030-01-01T20:00:00Z', 0, ?)",
        [(number, f"Offre {number}", f"Concert numéro {number}", payload)
         for number, payload in payloads.items()],
    )  # fmt: skip
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return payloads


def raw_state(path: Path) -> tuple[int, str]:
    """The schema version and SQLite's integrity check of the file, untouched by the kiosk."""
    with sqlite3.connect(path) as raw:
        version = raw.execute("PRAGMA user_version").fetchone()[0]
        check = raw.execute("PRAGMA integrity_check").fetchone()[0]
    raw.close()
    return version, check


def test_kills_during_migration(simulator: tuple[str, str], client: ApiClient,  # noqa: F811
                                tmp_path: Path) -> None:
    url, token = simulator
    seed = random.SystemRandom().randrange(1 << 32)
    print(f"\nkills during migration: seed {seed}, {MIGRATION_KILLS} kills, "
          f"{MIGRATION_OFFERS} offers")  # fmt: skip
    rng = random.Random(seed)
    template = tmp_path / "template" / "catalog.sqlite3"
    payloads = schema_2_catalog(template, MIGRATION_OFFERS)
    data = tmp_path / "data"
    path = data / "catalog.sqlite3"

    # How long a migration takes here, to aim the kills inside it.
    shutil.copytree(template.parent, data)
    process = spawn(data, "migrate", str(path))
    began = time.monotonic()
    out, err = process.communicate(timeout=120)
    duration = time.monotonic() - began
    assert process.returncode == 0 and f"migrated {len(MIGRATIONS)} kept" in out, (out, err)
    print(f"FIGURE migrations_3_4_seconds {duration:.2f} ({MIGRATION_OFFERS} offers)")

    states: Counter[str] = Counter()
    scope = offers_in_scope(url, token)
    started = time.monotonic()
    for number in range(MIGRATION_KILLS):
        shutil.rmtree(data)
        shutil.copytree(template.parent, data)
        process = spawn(data, "migrate", str(path))
        out, err = kill_after(process, rng.uniform(0.0, duration))
        assert process.returncode in (0, -signal.SIGKILL), err
        version, check = raw_state(path)
        assert check == "ok", f"kill {number}: {check}"
        assert 2 <= version <= len(MIGRATIONS), version
        states[("killed" if process.returncode else "finished") + f" at schema {version}"] += 1

        # The restart: the migration completes (or had), nothing lost.
        catalog = open_catalog(path)
        try:
            assert not catalog.rebuilt, f"kill {number}: the catalog was moved aside"
            catalog.check()
            assert catalog.read("PRAGMA user_version")[0][0] == len(MIGRATIONS)
            assert catalog.read("SELECT COUNT(*) FROM offers")[0][0] == MIGRATION_OFFERS
            stored = dict(catalog.read("SELECT id, payload FROM offer_payloads"))
            assert stored == payloads, f"kill {number}: payloads lost or changed"
            assert len(catalog.search_offer_ids("concert", limit=10)) == 10
            if number % 10 == 0 or number == MIGRATION_KILLS - 1:
                # The feed resumes: a first sync replaces the old offers by the scope's.
                report = sync_once(client, catalog, Clock())
                assert report.ok, report.error
                assert catalog_ids(catalog) == scope
                catalog.check()
        finally:
            catalog.close()
    print(f"FIGURE kills_migration {MIGRATION_KILLS} ({dict(states)}) in "
          f"{time.monotonic() - started:.1f} s")
