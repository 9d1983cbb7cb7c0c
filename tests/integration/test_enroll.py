"""``passculture-kiosk enroll`` in-process against the simulator, with the file secret store."""

from __future__ import annotations

import socket
from typing import Any

import pytest
import requests

from kiosk import cli, config
from kiosk.secrets import SecretStore
from kiosk.simulator.server import SimulatorServer


@pytest.fixture
def plaintext_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file backend, allowed (tests/conftest.py already points data_dir at tmp)."""
    monkeypatch.setenv("PCK_SECRETS_BACKEND", "file")
    monkeypatch.setenv("PCK_ALLOW_PLAINTEXT_SECRETS", "1")


def stored_token() -> str | None:
    return SecretStore(config.load()).get_token()


def admin(server: SimulatorServer, path: str) -> Any:
    answer = requests.get(f"{server.url}/admin{path}", timeout=10)
    answer.raise_for_status()
    return answer.json()


def code_state(server: SimulatorServer, code: str) -> dict[str, Any]:
    return next(entry for entry in admin(server, "/enrollment-codes") if entry["code"] == code)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.usefixtures("plaintext_secrets")
def test_enroll_stores_the_token_and_prints_the_venue(
    server: SimulatorServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = server.create_enrollment_code()
    assert cli.main(["enroll", "--server", server.url, "--code", code, "--name", "Hall"]) == 0
    out, err = capsys.readouterr()
    assert "venue: Maison du Livre, de l'Image et du Son François-Mitterrand (Villeurbanne), id 1" in out  # noqa: E501
    devices = admin(server, "/devices")
    assert [d["kioskName"] for d in devices] == ["Hall"]
    assert f"enrolled: device {devices[0]['id']}" in out
    assert "device token stored in: plain-text file" in out
    token = stored_token()
    assert token is not None
    assert token not in out and token not in err  # printed nowhere
    assert code_state(server, code)["deviceId"] == devices[0]["id"]


@pytest.mark.usefixtures("plaintext_secrets")
def test_the_same_code_twice_is_a_clear_error(
    server: SimulatorServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = server.create_enrollment_code()
    assert cli.main(["enroll", "--server", server.url, "--code", code]) == 0
    first = stored_token()
    capsys.readouterr()
    assert cli.main(["enroll", "--server", server.url, "--code", code]) == cli.EXIT_FAILURE
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "error: this enrollment code was already used: ask the venue's back office for a "
        "new one\n"
    )
    assert stored_token() == first  # the working token is kept


@pytest.mark.usefixtures("plaintext_secrets")
def test_an_unknown_code_is_a_clear_error(
    server: SimulatorServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["enroll", "--server", server.url, "--code", "NOPE-0000"]) == 1
    assert "this enrollment code is unknown" in capsys.readouterr().err
    assert stored_token() is None


@pytest.mark.usefixtures("plaintext_secrets")
def test_an_unreachable_server_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    assert cli.main(["enroll", "--server", url, "--code", "DEMO-1234"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot reach {url}: POST /kiosk/v1/devices/enroll: ")
    assert "refused" in err
    assert stored_token() is None


@pytest.mark.usefixtures("plaintext_secrets")
def test_a_public_http_server_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["enroll", "--server", "http://kiosk.example.org", "--code", "X"]) == 2
    assert "refusing http:// for kiosk.example.org" in capsys.readouterr().err


@pytest.mark.usefixtures("plaintext_secrets")
def test_no_server_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["enroll", "--code", "DEMO-1234"]) == 2
    assert "pass --server URL or set the central_url option" in capsys.readouterr().err


@pytest.mark.usefixtures("plaintext_secrets")
def test_the_server_may_come_from_central_url(
    server: SimulatorServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PCK_CENTRAL_URL", server.url)
    monkeypatch.setenv("PCK_KIOSK_NAME", "Borne de l'accueil")
    assert cli.main(["enroll", "--code", "demo-1234"]) == 0  # codes are case-insensitive
    out = capsys.readouterr().out
    assert "named \"Borne de l'accueil\"" in out
    assert "note: set central_url" not in out
    assert stored_token() is not None


def test_a_refused_secret_store_does_not_spend_the_code(
    server: SimulatorServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PCK_SECRETS_BACKEND", "file")  # without allow_plaintext_secrets
    code = server.create_enrollment_code()
    assert cli.main(["enroll", "--server", server.url, "--code", code]) == 1
    err = capsys.readouterr().err
    assert "allow_plaintext_secrets = true" in err and "the code was not used" in err
    assert code_state(server, code)["usedAt"] is None
    assert admin(server, "/devices") == []


def test_flags_choose_the_secret_store_too(
    server: SimulatorServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = server.create_enrollment_code()
    argv = ["enroll", "--server", server.url, "--code", code,
            "--secrets-backend", "file", "--allow-plaintext-secrets"]  # fmt: skip
    assert cli.main(argv) == 0
    capsys.readouterr()
    monkeypatch.setenv("PCK_SECRETS_BACKEND", "file")
    monkeypatch.setenv("PCK_ALLOW_PLAINTEXT_SECRETS", "true")
    assert stored_token() is not None
