"""``passculture-kiosk sync --once``, as IT and monitoring run it."""

from __future__ import annotations

import pytest

from kiosk import cli


def test_training_mode_syncs_from_the_built_in_simulator(capsys) -> None:
    assert cli.main(["sync", "--once"]) == 0
    out = capsys.readouterr().out
    assert "sync OK" in out
    assert "offers: +" in out


def test_a_second_run_brings_nothing_new(capsys) -> None:
    assert cli.main(["sync", "--once"]) == 0
    capsys.readouterr()
    assert cli.main(["sync", "--once"]) == 0
    assert "offers: +0 -0" in capsys.readouterr().out


def test_an_unenrolled_production_kiosk_says_what_to_do(capsys,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PCK_SECRETS_BACKEND", "file")
    monkeypatch.setenv("PCK_ALLOW_PLAINTEXT_SECRETS", "1")
    code = cli.main(["sync", "--once", "--central-url", "https://central.example.org"])
    assert code != 0
    assert "not enrolled" in capsys.readouterr().err
