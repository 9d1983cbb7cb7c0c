"""Fleet load (issue 9, item 7): many kiosks syncing and heartbeating against one simulator.

The simulator runs in a process of its own; a few worker processes
(``tests.reliability.fleet_worker``) each run a share of the kiosks, one thread per kiosk,
each with its own enrollment, ``ApiClient`` and SQLite catalog, calling the real
``sync_once`` (settings, taxonomy, config, both feeds, heartbeat) on ``SyncModel``'s
schedule. The sync interval (300 s by default) is compressed to ``INTERVAL_S`` of wall time.

Two phases start every kiosk in lockstep (as a nightly restart or the end of a central
outage would): one without jitter, one with the kiosk's ±10 %. Printed as ``FIGURE`` lines:
requests and bytes per kiosk per real day, the simulator's CPU time per kiosk per day (from
``/proc/<pid>/stat``), the peak/mean ratio of requests per bin with and without jitter, and
what gzip would save. Asserted: no crash, every kiosk synced successfully at least once,
and (printed) the error rate. docs/fleet-capacity.md turns the figures into a sizing.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.reliability.conftest import FULL, scale

KIOSKS = scale(quick=20, full=1000)
WORKERS = 2 if not FULL else 4
#: The default sync interval (300 s) compressed to this many wall seconds.
INTERVAL_S = 2.0 if not FULL else 30.0
REAL_INTERVAL_S = 300.0
COMPRESSION = REAL_INTERVAL_S / INTERVAL_S
#: Wall seconds of each phase: without jitter, then with.
PHASE_S = (5.0, 6.0) if not FULL else (60.0, 150.0)
#: Histogram bins: 5 real seconds each.
BIN_S = 5.0 / COMPRESSION
OFFERS = 100
DAY_S = 86400.0
CAPACITY_FLEET = 5000

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/<pid>/stat"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _simulator(data_dir: Path) -> Iterator[tuple[str, int]]:
    """The simulator CLI in its own process; yields its URL and pid once it answers."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "simulator", "--port", str(port),
         "--data", str(data_dir), "--scale", str(OFFERS)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(url + "/admin/", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the simulator did not start") from None
                time.sleep(0.1)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _cpu_s(pid: int) -> float:
    """The CPU time (utime + stime) of ``pid`` in seconds (psutil is not a dependency)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _sleep_until(moment: float) -> None:
    pause = moment - time.time()
    if pause > 0:
        time.sleep(pause)


def _peak_to_mean(times: list[float], start: float, end: float) -> tuple[float, float]:
    """Peak and mean requests per bin of ``BIN_S`` between start and end."""
    bins = max(1, int((end - start) / BIN_S))
    counts = Counter(min(bins - 1, int((t - start) / BIN_S)) for t in times if start <= t < end)
    mean = sum(counts.values()) / bins
    return (max(counts.values()) if counts else 0.0), mean


def _figure(name: str, value: float, unit: str) -> None:
    print(f"FIGURE {name} = {value:.6g} {unit}", flush=True)


def _gzip_saving(samples: list[list[int]]) -> float:
    raw = sum(s[0] for s in samples)
    return 1 - sum(s[1] for s in samples) / raw if raw else 0.0


def _new_code(admin: requests.Session, url: str) -> str:
    answer = admin.post(url + "/admin/enrollment-codes", json={}, timeout=10)
    assert answer.status_code == 201, answer.text
    code: str = answer.json()["code"]
    return code


def test_fleet_load(tmp_path: Path) -> None:
    """Run the fleet, print its figures, and fail only on unexpected failures."""
    with _simulator(tmp_path / "sim") as (url, pid):
        with requests.Session() as admin:
            codes = [_new_code(admin, url) for _ in range(KIOSKS)]
        workers = []
        for number in range(WORKERS):
            worker = subprocess.Popen(
                [sys.executable, "-m", "tests.reliability.fleet_worker"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )
            assert worker.stdin is not None
            worker.stdin.write(json.dumps({
                "url": url, "codes": codes[number::WORKERS], "interval": INTERVAL_S,
                "folder": str(tmp_path / f"worker-{number}"), "seed": number,
            }) + "\n")
            worker.stdin.flush()
            workers.append(worker)
        cpu_setup = _cpu_s(pid)
        setup_started = time.time()
        for worker in workers:
            assert worker.stdout is not None
            line = worker.stdout.readline().strip()
            assert line == "ready", f"a fleet worker failed during enrollment: {line!r}"
        setup_s = time.time() - setup_started
        cpu_initial = _cpu_s(pid) - cpu_setup

        first = time.time() + 1.0
        gap = 1.0 if not FULL else INTERVAL_S / 4
        phases = [
            {"jitter": False, "start": first, "end": first + PHASE_S[0]},
            {"jitter": True, "start": first + PHASE_S[0] + gap,
             "end": first + PHASE_S[0] + gap + PHASE_S[1]},
        ]
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write(json.dumps(phases) + "\n")
            worker.stdin.flush()
        cpu: list[float] = []
        for phase in phases:
            _sleep_until(phase["start"])
            before = _cpu_s(pid)
            _sleep_until(phase["end"])
            cpu.append(_cpu_s(pid) - before)
        results: list[dict[str, Any]] = []
        for worker in workers:
            out, _ = worker.communicate(timeout=120)
            assert worker.returncode == 0, "a fleet worker crashed"
            results.append(json.loads(out.strip().splitlines()[-1]))

    kiosks_ok: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    _figure("fleet_kiosks", KIOSKS, "kiosks")
    _figure("fleet_compression", COMPRESSION, "x (300 s sync interval -> wall seconds)")
    _figure("fleet_setup_s", setup_s, "s (enroll + first sync of every kiosk)")
    initial_requests = sum(r["initial"]["requests"] for r in results)
    initial_bytes = sum(r["initial"]["body_bytes"] for r in results)
    initial_syncs = [s for r in results for s in r["initial"]["syncs"]]
    _figure("fleet_initial_requests_per_kiosk", initial_requests / KIOSKS, "requests")
    _figure("fleet_initial_body_bytes_per_kiosk", initial_bytes / KIOSKS,
            f"bytes ({OFFERS} offers)")
    _figure("fleet_initial_server_cpu_ms_per_kiosk", cpu_initial / KIOSKS * 1000, "ms")
    _figure("fleet_initial_client_retries", sum(r["initial"]["retries"] for r in results),
            "requests retried by ApiClient")
    for s in initial_syncs:
        if not s[2]:
            errors[s[3].split(":")[0]] += 1
    for index, phase in enumerate(phases):
        label = "jitter" if phase["jitter"] else "nojitter"
        real_day_fraction = (phase["end"] - phase["start"]) * COMPRESSION / DAY_S
        requests_ = [q for r in results for q in r["phases"][index]["requests"]]
        syncs = [s for r in results for s in r["phases"][index]["syncs"]]
        kiosks_ok[label] = sum(r["phases"][index]["kiosks_ok"] for r in results)
        failed = [s for s in syncs if not s[2]]
        bad_status = [q for q in requests_ if q[3] >= 400]
        errors.update(s[3].split(":")[0] for s in failed)
        per_day = 1 / KIOSKS / real_day_fraction
        times = [q[0] for q in requests_]
        peak, mean = _peak_to_mean(times, phase["start"], phase["end"])
        # After the first interval the lockstep start has had time to spread (or not).
        settled = phase["start"] + INTERVAL_S
        settled_peak, settled_mean = _peak_to_mean(times, settled, phase["end"])
        retries = sum(r["phases"][index]["retries"] for r in results)
        durations = [s[1] * 1000 for s in syncs]
        _figure(f"fleet_{label}_syncs", len(syncs), "syncs")
        _figure(f"fleet_{label}_sync_error_rate", len(failed) / max(1, len(syncs)), "")
        _figure(f"fleet_{label}_http_error_rate", len(bad_status) / max(1, len(requests_)), "")
        _figure(f"fleet_{label}_requests_per_sync", len(requests_) / max(1, len(syncs)),
                "requests")
        _figure(f"fleet_{label}_requests_per_kiosk_day", len(requests_) * per_day, "requests")
        _figure(f"fleet_{label}_bytes_received_per_kiosk_day",
                sum(q[2] for q in requests_) * per_day, "bytes (headers + bodies)")
        _figure(f"fleet_{label}_bytes_sent_per_kiosk_day",
                sum(q[1] for q in requests_) * per_day, "bytes (headers + bodies)")
        _figure(f"fleet_{label}_server_cpu_s_per_kiosk_day", cpu[index] * per_day, "CPU s")
        _figure(f"fleet_{label}_server_cpu_ms_per_sync", cpu[index] / max(1, len(syncs)) * 1000,
                "ms")
        _figure(f"fleet_{label}_sync_median_ms", statistics.median(durations or [0]), "ms")
        _figure(f"fleet_{label}_sync_max_ms", max(durations or [0]), "ms")
        _figure(f"fleet_{label}_wall_requests_per_s",
                len(requests_) / (phase["end"] - phase["start"]), "requests/s (compressed)")
        _figure(f"fleet_{label}_peak_bin_requests", peak,
                f"requests per {BIN_S:.3g} s bin (5 real s)")
        _figure(f"fleet_{label}_peak_to_mean", peak / mean if mean else 0.0, "(whole phase)")
        _figure(f"fleet_{label}_settled_peak_to_mean",
                settled_peak / settled_mean if settled_mean else 0.0,
                "(after the first interval)")
        _figure(f"fleet_{label}_client_retries", retries, "requests retried by ApiClient")
        if phase["jitter"]:
            rate_5000 = len(requests_) * per_day * CAPACITY_FLEET / DAY_S
            _figure("fleet_5000_mean_requests_per_s", rate_5000, "requests/s")
            _figure("fleet_5000_peak_requests_per_s",
                    rate_5000 * settled_peak / settled_mean if settled_mean else 0,
                    "requests/s (settled peak/mean of this run)")
            _figure("fleet_5000_bytes_per_day",
                    sum(q[1] + q[2] for q in requests_) * per_day * CAPACITY_FLEET, "bytes")
            _figure("fleet_5000_server_cores_mean", cpu[index] * per_day * CAPACITY_FLEET / DAY_S,
                    "cores (simulator's cost per kiosk)")
    _figure("fleet_gzip_saving_initial",
            _gzip_saving([s for r in results for s in r["gzip"]["initial"]]), "of body bytes")
    _figure("fleet_gzip_saving_steady",
            _gzip_saving([s for r in results for s in r["gzip"]["steady"]]), "of body bytes")
    total_syncs = len(initial_syncs) + sum(
        len(r["phases"][i]["syncs"]) for r in results for i in range(len(phases))
    )
    _figure("fleet_error_rate", sum(errors.values()) / total_syncs, f"of {total_syncs} syncs")
    if errors:
        print(f"fleet sync errors: {dict(errors.most_common(5))}", flush=True)

    assert not [e for e in errors if e.startswith("CRASH")], f"sync_once raised: {errors}"
    assert all(count == KIOSKS for count in kiosks_ok.values()), (
        f"kiosks without a successful sync in a phase: {dict(kiosks_ok)} of {KIOSKS}"
    )
