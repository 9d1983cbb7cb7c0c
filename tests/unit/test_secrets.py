"""Tests of kiosk.secrets: the explicit choice of backend, the 0600 file, and quiet logs."""

from __future__ import annotations

import json
import logging
import os
import stat
import sys
from pathlib import Path

import keyring
import keyring.core
import pytest

from kiosk import config
from kiosk.secrets import (
    SECRETS_FILE_NAME,
    SERVICE,
    TOKEN_KEY,
    FileKeyring,
    SecretStore,
    SecretStoreError,
)

TOKEN = "tok-4jLe1FFt9bb8dYAXPHidFaMsw9F3LPmWm1BmGSnYRr4"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def load(tmp_path: Path, **settings: str) -> config.Config:
    """A configuration from defaults plus ``settings`` (as PCK_* variables), data in tmp."""
    environ = {
        "PCK_SYSTEM_CONFIG_FILE": str(tmp_path / "none-system.toml"),
        "PCK_USER_CONFIG_FILE": str(tmp_path / "none-user.toml"),
        "PCK_DATA_DIR": str(tmp_path / "data"),
    }
    environ.update({f"PCK_{name.upper()}": value for name, value in settings.items()})
    cfg = config.load(environ=environ)
    assert cfg.problems == []
    return cfg


@pytest.fixture
def keyring_choice(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Make keyring detect its backend afresh (restored after the test)."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    return monkeypatch


def test_defaults_are_system_and_no_plaintext(tmp_path: Path) -> None:
    cfg = load(tmp_path)
    assert cfg.secrets_backend == "system"
    assert cfg.allow_plaintext_secrets is False


def test_file_backend_is_refused_unless_allowed(tmp_path: Path) -> None:
    cfg = load(tmp_path, secrets_backend="file")
    with pytest.raises(SecretStoreError) as refused:
        SecretStore(cfg)
    message = str(refused.value)
    assert "plain text" in message
    assert "allow_plaintext_secrets = true" in message
    assert "PCK_ALLOW_PLAINTEXT_SECRETS=1" in message
    assert not (tmp_path / "data" / SECRETS_FILE_NAME).exists()


def test_file_backend_round_trip(tmp_path: Path) -> None:
    cfg = load(tmp_path, secrets_backend="file", allow_plaintext_secrets="1")
    store = SecretStore(cfg)
    path = tmp_path / "data" / SECRETS_FILE_NAME
    assert store.backend_name == f"plain-text file {path}"
    assert store.get_token() is None
    assert store.delete_token() is False

    store.set_token(TOKEN)
    assert path.is_file()
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8")) == {SERVICE: {TOKEN_KEY: TOKEN}}
    # A new store (a restart) reads the same file.
    assert SecretStore(cfg).get_token() == TOKEN

    store.set_token(TOKEN + "-2")
    assert store.get_token() == TOKEN + "-2"
    assert store.delete_token() is True
    assert store.get_token() is None
    assert store.delete_token() is False
    assert json.loads(path.read_text(encoding="utf-8")) == {}
    assert [p.name for p in path.parent.iterdir()] == [SECRETS_FILE_NAME]  # no temp left


def test_file_backend_goes_through_the_keyring_api(tmp_path: Path) -> None:
    backend = FileKeyring(tmp_path / "s.json")
    assert isinstance(backend, keyring.backend.KeyringBackend)
    backend.set_password("svc", "user", "pw")
    assert backend.get_password("svc", "user") == "pw"
    assert backend.get_credential("svc", "user").password == "pw"  # type: ignore[union-attr]
    # Never picked by keyring's own detection: it is not viable on its own.
    assert not FileKeyring.viable


@posix_only
def test_file_backend_tightens_a_readable_file(tmp_path: Path) -> None:
    cfg = load(tmp_path, secrets_backend="file", allow_plaintext_secrets="true")
    path = tmp_path / "data" / SECRETS_FILE_NAME
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({SERVICE: {TOKEN_KEY: TOKEN}}), encoding="utf-8")
    os.chmod(path, 0o644)
    assert SecretStore(cfg).get_token() == TOKEN
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_damaged_file_is_a_clear_error(tmp_path: Path) -> None:
    cfg = load(tmp_path, secrets_backend="file", allow_plaintext_secrets="yes")
    path = tmp_path / "data" / SECRETS_FILE_NAME
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SecretStoreError, match="damaged"):
        SecretStore(cfg).get_token()


def test_system_backend_refuses_keyrings_fail_backend(
    tmp_path: Path, keyring_choice: pytest.MonkeyPatch
) -> None:
    keyring_choice.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(SecretStoreError) as refused:
        SecretStore(load(tmp_path))
    message = str(refused.value)
    assert "secrets_backend = system refused" in message
    assert "no OS secret store was found" in message
    assert "keyring.backends.fail.Keyring" in message
    # It tells IT how to fix it, both ways.
    assert "Secret Service" in message and "Credential Manager" in message
    assert "secrets_backend = file" in message and "allow_plaintext_secrets = true" in message


def test_system_backend_on_this_machine(tmp_path: Path, keyring_choice: pytest.MonkeyPatch) -> None:
    """Without a Secret Service (CI, containers), keyring's choice is its fail backend."""
    try:
        store = SecretStore(load(tmp_path))
    except SecretStoreError as refused:
        assert "no OS secret store was found" in str(refused)
        return
    pytest.skip(f"this machine has a usable secret store: {store.backend_name}")


def test_system_backend_refuses_the_null_backend(
    tmp_path: Path, keyring_choice: pytest.MonkeyPatch
) -> None:
    keyring_choice.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    with pytest.raises(SecretStoreError, match="forgets every secret"):
        SecretStore(load(tmp_path))


def test_system_backend_refuses_an_empty_chain(
    tmp_path: Path, keyring_choice: pytest.MonkeyPatch
) -> None:
    keyring_choice.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.chainer.ChainerBackend")
    chained = keyring.backends.chainer.ChainerBackend.backends
    if chained:
        pytest.skip("this machine has secret stores to chain")
    with pytest.raises(SecretStoreError, match="chained no usable secret store"):
        SecretStore(load(tmp_path))


def test_the_file_keyring_cannot_pose_as_the_system_store(
    tmp_path: Path, keyring_choice: pytest.MonkeyPatch
) -> None:
    keyring_choice.setenv("PYTHON_KEYRING_BACKEND", "kiosk.secrets.FileKeyring")
    with pytest.raises(SecretStoreError, match="cannot be opened"):
        SecretStore(load(tmp_path))


def test_the_token_never_reaches_the_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    cfg = load(tmp_path, secrets_backend="file", allow_plaintext_secrets="1")
    store = SecretStore(cfg)
    store.set_token(TOKEN)
    assert store.get_token() == TOKEN
    store.set_token(TOKEN)
    assert store.delete_token()
    path = tmp_path / "data" / SECRETS_FILE_NAME
    path.write_text(json.dumps({SERVICE: {TOKEN_KEY: TOKEN}}), encoding="utf-8")
    os.chmod(path, 0o644)  # provokes the warning about a readable file
    assert store.get_token() == TOKEN
    assert caplog.records, "the store should say what it does"
    assert TOKEN not in caplog.text
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
    assert TOKEN not in repr(store)
