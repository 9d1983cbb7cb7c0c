"""``passculture-kiosk status``: health for IT and monitoring tools."""

from __future__ import annotations

import json
import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import kiosk
from kiosk import cli
from kiosk.api.client import ApiClient
from kiosk.clock import Clock
from kiosk.logs import CRASH_FILE_NAME
from kiosk.storage.catalog import CATALOG_FILE_NAME, open_catalog
from kiosk.storage.local import STATE_FILE_NAME, LocalState
from kiosk.sync.engine import sync_once
from tests.integration.conftest import Kiosk


def test_a_fresh_kiosk_reports_that_it_never_synced(capsys) -> None:
    assert cli.main(["status"]) == 1
    out = capsys.readouterr().out
    assert "mode: training" in out
    assert "problem: never synced" in out


def test_after_a_sync_the_kiosk_is_healthy_and_says_so_in_json(capsys) -> None:
    assert cli.main(["sync", "--once"]) == 0
    capsys.readouterr()
    assert cli.main(["status", "--json"]) == 0
    health = json.loads(capsys.readouterr().out)
    assert health["healthy"] is True
    assert health["bookable_offers"] > 1000
    assert health["last_sync"]


def test_an_unenrolled_production_kiosk_is_unhealthy(capsys, monkeypatch) -> None:
    monkeypatch.setenv("PCK_SECRETS_BACKEND", "file")
    monkeypatch.setenv("PCK_ALLOW_PLAINTEXT_SECRETS", "1")
    assert cli.main(["status", "--central-url", "https://central.example.org"]) == 1
    assert "not enrolled" in capsys.readouterr().out


# --- everything the issue lists: venue, outbox, clock skew, disk, crash -----------------------


def _status_json(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = cli.main(["status", "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_the_json_names_every_fact_monitoring_needs(capsys) -> None:
    _code, health = _status_json(capsys)
    assert {
        "version", "mode", "enrolled", "venue", "last_sync", "bookable_offers", "venues",
        "outbox_depth", "clock_skew_seconds", "data_dir", "free_bytes", "last_crash",
        "problems", "healthy",
    } <= health.keys()
    assert health["version"] == kiosk.__version__
    assert health["outbox_depth"] is None  # no outbox yet: unknown, not a made-up zero
    assert health["free_bytes"] > 0


def test_the_enrollment_venue_is_reported_when_the_kiosk_knows_it(
    capsys, private_dirs: Path
) -> None:
    state = LocalState(private_dirs / "data")
    state.set("kiosk_venue", json.dumps({
        "id": 1, "name": "Maison du Livre, de l'Image et du Son", "city": "Villeurbanne",
        "timezone": "Europe/Paris",
    }))  # fmt: skip
    state.close()
    _code, health = _status_json(capsys)
    assert health["venue"] == {
        "id": 1, "name": "Maison du Livre, de l'Image et du Son", "city": "Villeurbanne",
    }
    cli.main(["status"])
    assert "venue: Maison du Livre, de l'Image et du Son (Villeurbanne), id 1" in (
        capsys.readouterr().out
    )


def test_status_does_not_create_the_local_state(capsys, private_dirs: Path) -> None:
    _code, health = _status_json(capsys)
    assert health["venue"] is None and health["clock_skew_seconds"] is None
    assert not (private_dirs / "data" / STATE_FILE_NAME).exists()
    cli.main(["status"])
    out = capsys.readouterr().out
    assert "venue: unknown" in out
    assert "clock skew: unknown (no heartbeat yet)" in out
    assert "outbox: unknown" in out


def test_a_damaged_local_state_is_a_problem_not_a_crash(capsys, private_dirs: Path) -> None:
    (private_dirs / "data").mkdir(parents=True)
    (private_dirs / "data" / STATE_FILE_NAME).write_bytes(b"this is not a database" * 100)
    code, health = _status_json(capsys)
    assert code == 1
    assert any(p.startswith("local state unreadable") for p in health["problems"])


def test_a_pc_clock_two_hours_fast_shows_in_status_after_a_sync(
    capsys, kiosk: Kiosk, private_dirs: Path
) -> None:
    # The sync engine keeps the skew its heartbeat measured; status reads it.
    kiosk.server.faults.add("/kiosk/v1/heartbeat", "skew:-7200")
    catalog = open_catalog(private_dirs / "data" / CATALOG_FILE_NAME)
    client = ApiClient(kiosk.url, token=lambda: kiosk.token, timeouts=(2.0, 5.0))
    try:
        assert sync_once(client, catalog, Clock()).ok
    finally:
        client.close()
        catalog.close()
    code, health = _status_json(capsys)
    assert health["clock_skew_seconds"] == pytest.approx(-7200, abs=5)
    assert code == 1
    assert any("ahead of the central API's" in p and "NTP" in p for p in health["problems"])
    cli.main(["status"])
    # The measured skew is -7200 s give or take the request's round trip (-7199.7, -7200.2…).
    shown = re.search(r"clock skew: ([-+][0-9.]+) s", capsys.readouterr().out)
    assert shown is not None and float(shown.group(1)) == pytest.approx(-7200, abs=5)


def test_a_crash_today_makes_the_kiosk_unhealthy_and_an_old_one_does_not(
    capsys, private_dirs: Path
) -> None:
    assert cli.main(["sync", "--once"]) == 0
    crash = private_dirs / "log" / CRASH_FILE_NAME
    crash.parent.mkdir(parents=True, exist_ok=True)
    crash.write_text("Fatal Python error: Segmentation fault\n", encoding="utf-8")
    capsys.readouterr()
    code, health = _status_json(capsys)
    assert code == 1
    assert health["last_crash"] is not None
    assert any(p.startswith("crashed at") for p in health["problems"])
    three_days_ago = time.time() - 3 * 86400
    os.utime(crash, (three_days_ago, three_days_ago))
    code, health = _status_json(capsys)
    assert code == 0, health["problems"]
    assert health["last_crash"].startswith(
        datetime.fromtimestamp(three_days_ago, UTC).strftime("%Y-%m-%dT%H:%M")
    )
