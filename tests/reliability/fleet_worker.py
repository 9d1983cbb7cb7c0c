"""One process of the fleet load test: many kiosk sync loops, no GUI (issue 9, item 7).

Run by ``test_fleet_load.py`` as ``python -m tests.reliability.fleet_worker``. It reads one
JSON line on stdin (the simulator's URL, enrollment codes, a folder), enrolls a kiosk per
code and runs each one's first sync, prints ``ready``, then reads the phases (a second JSON
line: ``[{"jitter", "start", "end"}, …]`` in ``time.time()`` seconds) and, for each phase,
starts every kiosk's loop at ``start`` in lockstep (as after a nightly restart or a central
outage) and keeps it going like ``ui.models.sync.SyncModel``: the real ``sync_once`` with
the kiosk's own SQLite catalog, then the next sync after the (compressed) interval, with
±10 % jitter or none. The last stdout line is a JSON result: every request's time, bytes
and status, every sync's outcome, and gzip samples of the bodies of the first kiosk.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from kiosk.api.client import ApiClient
from kiosk.clock import Clock
from kiosk.storage.catalog import Catalog, open_catalog
from kiosk.sync.engine import sync_once

JITTER = 0.1  # ui.models.sync.JITTER (not imported: that module needs Qt)
FIRST_RETRY_S = 30  # ui.models.sync.FIRST_RETRY_S, in real seconds


class _Counter(logging.Handler):
    """Counts the client's warnings (retries) instead of printing a thousand kiosks' logs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.retries = 0
        self.other = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "retrying" in record.getMessage():
            self.retries += 1
        else:
            self.other += 1


class _SampledClient(ApiClient):
    """An ApiClient that also notes how small gzip would make each body it reads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.samples: list[tuple[int, int]] = []

    def _read(self, response: requests.Response, route: str, max_bytes: int) -> bytes:
        body = super()._read(response, route, max_bytes)
        if body:
            self.samples.append((len(body), len(gzip.compress(body, 6))))
        return body


class _Kiosk:
    def __init__(self, index: int, url: str, code: str, folder: Path, sampled: bool) -> None:
        self.index = index
        self.requests: list[tuple[float, int, int, int]] = []
        self.syncs: list[tuple[float, float, bool, str]] = []
        self._lock = threading.Lock()
        bootstrap = ApiClient(url)
        self._hook(bootstrap)
        try:
            enrollment = bootstrap.enroll(code, f"fleet-{index}", "fleet")
        finally:
            bootstrap.close()
        kind = _SampledClient if sampled else ApiClient
        self.client = kind(url, token=lambda: enrollment.device_token)
        self._hook(self.client)
        # A folder per kiosk, as on a real PC: the catalog's neighbours (the local state the
        # clock skew is remembered in) must not be shared.
        home = folder / f"kiosk-{index}"
        home.mkdir(parents=True, exist_ok=True)
        self.catalog: Catalog = open_catalog(home / "catalog.sqlite3")
        self.clock = Clock()

    def _hook(self, client: ApiClient) -> None:
        def record(response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
            request = response.request
            sent = len(request.method or "") + len(request.path_url or "") + 12
            sent += sum(len(k) + len(v) + 4 for k, v in request.headers.items())
            body = request.body
            sent += len(body) if body else 0
            received = 17 + sum(len(k) + len(v) + 4 for k, v in response.headers.items())
            declared = response.headers.get("Content-Length", "0")
            received += int(declared) if declared.isdigit() else 0
            with self._lock:
                self.requests.append((time.time(), sent, received, response.status_code))

        client._session.hooks["response"].append(record)

    def sync(self) -> bool:
        started = time.time()
        try:
            report = sync_once(self.client, self.catalog, self.clock)
            ok, error = report.ok, report.error or ""
        except Exception as crash:  # noqa: BLE001 - a crash is a finding, reported
            ok, error = False, f"CRASH {type(crash).__name__}: {crash}"
        self.syncs.append((started, time.time() - started, ok, error))
        return ok

    def loop(self, start: float, end: float, interval: float, jitter: bool,
             rng: random.Random) -> None:
        """SyncModel's schedule: interval after a success, doubling retries after a failure."""
        scale = interval / 300.0  # compressed seconds per real second of the default interval
        retry = FIRST_RETRY_S * scale
        due = start
        while True:
            pause = due - time.time()
            if pause > 0:
                time.sleep(pause)
            if time.time() >= end:
                return
            if self.sync():
                delay, retry = interval, FIRST_RETRY_S * scale
            else:
                delay, retry = min(retry, interval), min(retry * 2, interval)
            if jitter:
                delay *= 1 + rng.uniform(-JITTER, JITTER)
            due = time.time() + delay

    def close(self) -> None:
        self.catalog.close()
        self.client.close()


def main() -> int:
    """Set up, say ready, run the phases, print the result."""
    counter = _Counter()
    logging.getLogger().addHandler(counter)
    setup = json.loads(sys.stdin.readline())
    folder = Path(setup["folder"])
    folder.mkdir(parents=True, exist_ok=True)
    url, codes, interval = setup["url"], setup["codes"], float(setup["interval"])
    rng = random.Random(setup["seed"])

    def build(item: tuple[int, str]) -> _Kiosk:
        index, code = item
        kiosk = _Kiosk(index, url, code, folder, sampled=index == 0)
        kiosk.sync()  # the first, full sync: measured apart from the lockstep phases
        return kiosk

    setup_started = time.time()
    with ThreadPoolExecutor(max_workers=8) as pool:
        kiosks = list(pool.map(build, enumerate(codes)))
    setup_s = time.time() - setup_started
    sampled = kiosks[0].client
    initial_samples = list(sampled.samples) if isinstance(sampled, _SampledClient) else []
    initial_requests = sum(len(k.requests) for k in kiosks)
    initial_bytes = sum(k.client.bytes_received for k in kiosks)
    initial_syncs = [k.syncs[0] for k in kiosks]
    for kiosk in kiosks:
        kiosk.requests.clear()
        kiosk.syncs.clear()
    if isinstance(sampled, _SampledClient):
        sampled.samples.clear()
    initial_retries, counter.retries = counter.retries, 0
    print("ready", flush=True)

    phases = json.loads(sys.stdin.readline())
    results = []
    for phase in phases:
        threads = [
            threading.Thread(
                target=kiosk.loop,
                args=(phase["start"], phase["end"], interval, phase["jitter"],
                      random.Random(rng.random())),
                daemon=True,
            )
            for kiosk in kiosks
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results.append({
            "jitter": phase["jitter"],
            "requests": [r for k in kiosks for r in k.requests],
            "syncs": [s for k in kiosks for s in k.syncs],
            "kiosks_ok": sum(any(s[2] for s in k.syncs) for k in kiosks),
            "retries": counter.retries,
        })
        counter.retries = 0
        for kiosk in kiosks:
            kiosk.requests.clear()
            kiosk.syncs.clear()
    steady_samples = list(sampled.samples) if isinstance(sampled, _SampledClient) else []
    for kiosk in kiosks:
        kiosk.close()
    print(json.dumps({
        "setup_s": setup_s,
        "initial": {"requests": initial_requests, "body_bytes": initial_bytes,
                    "syncs": initial_syncs, "retries": initial_retries},
        "phases": results,
        "gzip": {"initial": initial_samples, "steady": steady_samples},
        "other_warnings": counter.other,
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
