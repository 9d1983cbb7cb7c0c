"""Sync figures: an initial sync of 100,000 offers and an incremental one of 1,000 changes.

Both run against the local simulator over real HTTP on 127.0.0.1; the bytes are the
response bodies the client received. Targets (issue 4): ≤ 20 s and ≤ 1 s on 2 cores.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import requests

from kiosk.api.client import ApiClient
from kiosk.clock import Clock
from kiosk.simulator.server import SimulatorServer
from kiosk.storage.catalog import open_catalog
from kiosk.sync.engine import sync_once
from tests.benchmarks.figures import Figure, figure

SCALE = 100_000
CHANGES = 1_000


def _enrolled_client(server: SimulatorServer) -> ApiClient:
    bootstrap = ApiClient(server.url)
    enrollment = bootstrap.enroll(server.create_enrollment_code(), "bench", "bench")
    bootstrap.close()
    return ApiClient(server.url, token=lambda: enrollment.device_token)


def _change_offers(server: SimulatorServer, first_id: int, count: int) -> None:
    with requests.Session() as session:
        for offer_id in range(first_id, first_id + count):
            answer = session.patch(f"{server.url}/admin/offers/{offer_id}",
                                   json={"name": f"Offre modifiée {offer_id}"}, timeout=10)
            answer.raise_for_status()


def run() -> list[Figure]:
    """Time both syncs and count their bytes."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        server = SimulatorServer(Path(folder) / "sim", scale=SCALE).start()
        generation_s = time.perf_counter() - started
        client = _enrolled_client(server)
        catalog = open_catalog(Path(folder) / "catalog.sqlite3")
        try:
            clock = Clock()
            started = time.perf_counter()
            initial = sync_once(client, catalog, clock)
            initial_s = time.perf_counter() - started
            initial_bytes = client.bytes_received
            _change_offers(server, 100_001, CHANGES)
            before = client.bytes_received
            started = time.perf_counter()
            incremental = sync_once(client, catalog, clock)
            incremental_s = time.perf_counter() - started
            incremental_bytes = client.bytes_received - before
        finally:
            catalog.close()
            client.close()
            server.stop()
    if not (initial.ok and incremental.ok):
        raise RuntimeError(f"sync failed: {initial.error or incremental.error}")
    return [
        figure("simulator_generation_100k_s", generation_s, "s"),
        figure("sync_initial_100k_s", initial_s, "s"),
        figure("sync_initial_100k_bytes", initial_bytes, "bytes"),
        figure("sync_incremental_1k_s", incremental_s, "s"),
        figure("sync_incremental_1k_bytes", incremental_bytes, "bytes"),
        figure("sync_incremental_1k_offers_upserted", incremental.offers_upserted, "offers"),
    ]
