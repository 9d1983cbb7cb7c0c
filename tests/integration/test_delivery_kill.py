"""Kill the kiosk (SIGKILL) at random moments of submissions: nothing lost, nothing twice.

The simulator runs in a process of its own (its CLI). Each round starts a kiosk process
(tests/integration/delivery_child.py) that queues and sends pre-registrations one after the
other, and kills it: after a random delay of 0–300 ms, or, one round in three, right after
a request was answered and before the outbox could record it (the worst moment). A fresh
process then delivers what is left. At the end, every record the kiosk acknowledged is in
the outbox as sent, and the simulator holds exactly one pre-registration per record: the
same e-mail never twice, and the outbox's server ids match the simulator's one for one.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.storage.outbox import OUTBOX_FILE_NAME
from tests.benchmarks.bench_sync import _simulator_process

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

REPO = Path(__file__).resolve().parents[2]
#: Records a kiosk process queues and sends at most: about 8 ms each here, so that a kill
#: within MAX_DELAY_S lands in the middle of the work (the process is never done first).
PER_ROUND = 40
MAX_DELAY_S = 0.3
#: Crash points: right after the N-th answer, before the outbox records it.
CRASH_AFTER = range(1, 7)


@pytest.fixture
def simulator(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The simulator CLI in its own process, and an enrolled device token."""
    with _simulator_process(tmp_path / "sim", 100) as url:
        code = requests.post(url + "/admin/enrollment-codes", json={}, timeout=10).json()["code"]
        answer = requests.post(url + "/kiosk/v1/devices/enroll", timeout=10,
                               json={"code": code, "kioskName": "kill", "version": "0"})
        assert answer.status_code == 201, answer.text
        yield url, answer.json()["deviceToken"]


def child_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PCK_")}
    env.update({
        "PCK_SYSTEM_CONFIG_FILE": str(data_dir / "none-system.toml"),
        "PCK_USER_CONFIG_FILE": str(data_dir / "none-user.toml"),
        "PCK_DATA_DIR": str(data_dir),
        "PCK_LOG_DIR": str(data_dir / "log"),
        "PCK_SECRETS_BACKEND": "file",
        "PCK_ALLOW_PLAINTEXT_SECRETS": "1",
        "PYTHONPATH": str(REPO),
        **extra,
    })  # fmt: skip
    return env


def child(mode: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "tests.integration.delivery_child", mode, *args]


def kill_rounds(rounds: int, simulator: tuple[str, str], data_dir: Path, seed: int) -> None:
    url, token = simulator
    rng = random.Random(seed)
    acknowledged: set[str] = set()
    killed = 0
    for number in range(rounds):
        crash_at = f"after_post:{rng.choice(CRASH_AFTER)}" if number % 3 == 2 else ""
        process = subprocess.Popen(
            child("work", url, token, f"{seed}{number}", str(PER_ROUND)),
            env=child_env(data_dir, PCK_TEST_CRASH_AT=crash_at),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
        )  # fmt: skip
        try:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "ready", process.stderr
            if not crash_at:
                time.sleep(rng.uniform(0.0, MAX_DELAY_S))
                process.send_signal(signal.SIGKILL)
            out, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:  # a failed assertion: leave no process behind
                process.kill()
                process.communicate()
        killed += process.returncode == -signal.SIGKILL
        assert process.returncode in (0, -signal.SIGKILL), err
        acknowledged |= {line.split()[1] for line in out.splitlines() if line.startswith("added")}
        recovery = subprocess.run(child("recover", url, token), env=child_env(data_dir),
                                  capture_output=True, text=True, timeout=60, cwd=REPO)  # fmt: skip
        assert recovery.returncode == 0, recovery.stderr
        assert recovery.stdout.splitlines()[-1] == "depth 0", recovery.stdout
    # On a loaded machine more children finish before their kill lands; half still proves
    # the point, and every round (killed or not) is checked for loss and duplicates above.
    assert killed >= rounds // 2, f"only {killed} of {rounds} processes died half way"

    # The outbox, read as it is on disk (no key needed: only pseudonymous columns).
    with sqlite3.connect(data_dir / OUTBOX_FILE_NAME) as raw:
        rows = raw.execute("SELECT id, status, server_id, payload FROM records").fetchall()
    raw.close()
    assert acknowledged <= {row[0] for row in rows}, "an acknowledged record was lost"
    assert {row[1] for row in rows} == {"sent"}
    assert all(row[3] is None for row in rows)  # payloads deleted once sent
    server_ids = [row[2] for row in rows]

    created = [record for record in requests.get(url + "/admin/preregistrations",
                                                 timeout=10).json()  # fmt: skip
               if record["profile"]["email"].startswith(f"kill.{seed}")]
    emails = [record["profile"]["email"] for record in created]
    assert len(emails) == len(set(emails)), "a pre-registration was created twice"
    assert sorted(server_ids) == sorted(record["id"] for record in created)
    assert len(rows) >= len(acknowledged) >= rounds  # most rounds queued several


def test_fifty_kills_lose_nothing_and_send_nothing_twice(
    simulator: tuple[str, str], tmp_path: Path
) -> None:
    # About 35 s here: under the minute the suite allows a test, so not marked slow.
    kill_rounds(50, simulator, tmp_path / "data", seed=50)
