"""``passculture-kiosk status``: health for IT and monitoring tools."""

from __future__ import annotations

import json

from kiosk import cli


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
