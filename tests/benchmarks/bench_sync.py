"""Sync figures: an initial sync of 100,000 offers and an incremental one of 1,000 changes.

Both run against the local simulator over real HTTP on 127.0.0.1, in a process of its own
(as the central API would be: serving must not compete with the kiosk for Python's lock);
the bytes are the response bodies the client received. Targets (issue 4): ≤ 20 s and ≤ 1 s
on 2 cores.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from kiosk.api.client import ApiClient
from kiosk.clock import Clock
from kiosk.storage.catalog import open_catalog
from kiosk.sync.engine import sync_once
from tests.benchmarks.figures import Figure, figure

SCALE = 100_000
CHANGES = 1_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _simulator_process(data_dir: Path, scale: int) -> Iterator[str]:
    """The simulator CLI in a subprocess; yields its URL once it answers."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "simulator", "--port", str(port),
         "--data", str(data_dir), "--scale", str(scale)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                requests.get(url + "/admin/", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _enrolled_client(url: str) -> ApiClient:
    code = requests.post(url + "/admin/enrollment-codes", json={}, timeout=10).json()["code"]
    bootstrap = ApiClient(url)
    enrollment = bootstrap.enroll(code, "bench", "bench")
    bootstrap.close()
    return ApiClient(url, token=lambda: enrollment.device_token)


def _change_offers(url: str, first_id: int, count: int) -> None:
    with requests.Session() as session:
        for offer_id in range(first_id, first_id + count):
            answer = session.patch(f"{url}/admin/offers/{offer_id}",
                                   json={"name": f"Offre modifiée {offer_id}"}, timeout=10)
            answer.raise_for_status()


def run() -> list[Figure]:
    """Time both syncs and count their bytes."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        with _simulator_process(Path(folder) / "sim", SCALE) as url:
            generation_s = time.perf_counter() - started
            client = _enrolled_client(url)
            catalog = open_catalog(Path(folder) / "catalog.sqlite3")
            try:
                clock = Clock()
                started = time.perf_counter()
                initial = sync_once(client, catalog, clock)
                initial_s = time.perf_counter() - started
                initial_bytes = client.bytes_received
                _change_offers(url, 100_001, CHANGES)
                before = client.bytes_received
                started = time.perf_counter()
                incremental = sync_once(client, catalog, clock)
                incremental_s = time.perf_counter() - started
                incremental_bytes = client.bytes_received - before
            finally:
                catalog.close()
                client.close()
    if not (initial.ok and incremental.ok):
        raise RuntimeError(f"sync failed: {initial.error or incremental.error}")
    return [
        figure("simulator_start_100k_s", generation_s, "s"),
        figure("sync_initial_100k_s", initial_s, "s"),
        figure("sync_initial_100k_bytes", initial_bytes, "bytes"),
        figure("sync_incremental_1k_s", incremental_s, "s"),
        figure("sync_incremental_1k_bytes", incremental_bytes, "bytes"),
        figure("sync_incremental_1k_offers_upserted", incremental.offers_upserted, "offers"),
    ]
