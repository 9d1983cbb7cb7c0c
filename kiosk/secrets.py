"""The device token and the outbox keys in a secret store chosen explicitly by IT.

Two backends, both used through keyring's API so that the rest of the kiosk sees one:

* ``secrets_backend = system``: keyring's choice for this machine (Windows Credential
  Manager, macOS Keychain, Secret Service or KWallet on Linux; ``PYTHON_KEYRING_BACKEND`` or
  keyring's own configuration file can force one). A backend that would not really keep
  the secret — keyring's "fail" backend when the OS has no store, the null backend, a chain
  of nothing, a plain-text store — is refused with a message telling IT what to do.
* ``secrets_backend = file``: :class:`FileKeyring`, a JSON file readable only by the
  kiosk's account (mode 0600) in ``data_dir``. It is plain text, so it is refused unless
  ``allow_plaintext_secrets`` is true: a kiosk account without a login keyring (an
  auto-login kiosk session on Linux) may need it, but it must be a decision.

No secret ever reaches a log: messages name the backend and the key, never the value.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import Config

# keyring takes a tenth of a second to import and more to pick its backend: it is imported
# when a store is first opened, not by every module that names its errors.
if TYPE_CHECKING:
    import keyring.backend

    from kiosk.secret_file import FileKeyring

log = logging.getLogger(__name__)

SERVICE = "passculture-kiosk"
"""The keyring service name under which the kiosk's secrets are kept."""
TOKEN_KEY = "device-token"
OUTBOX_KEY_PREFIX = "outbox-key-"
"""Outbox keys are kept as ``outbox-key-<name>`` (kiosk.storage.outbox names and rotates them)."""
SECRETS_FILE_NAME = "secrets.json"

_FIX_SYSTEM = (
    "On Windows the Credential Manager of the kiosk's account is used; on Linux, run a Secret "
    "Service (gnome-keyring or KeePassXC) or KWallet, unlocked in the kiosk account's session. "
    "For a kiosk account that has no OS secret store, set secrets_backend = file and "
    "allow_plaintext_secrets = true (PCK_SECRETS_BACKEND=file, PCK_ALLOW_PLAINTEXT_SECRETS=1): "
    "the token then lies in a file readable only by that account."
)


class SecretStoreError(Exception):
    """The secret store is refused, unusable or failed; the message tells IT what to do."""


def _describe(backend: Any) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _refusal(backend: Any) -> str | None:
    """Why keyring's choice cannot keep a secret, or None when it can."""
    from keyring.backends import chainer, fail, null

    from kiosk.secret_file import FileKeyring

    name = _describe(backend)
    if isinstance(backend, fail.Keyring):
        return f"no OS secret store was found (keyring fell back to {name})"
    if isinstance(backend, null.Keyring):
        return f"keyring is configured with {name}, which forgets every secret"
    if isinstance(backend, chainer.ChainerBackend) and not list(backend.backends):
        return f"keyring chained no usable secret store ({name})"
    if isinstance(backend, FileKeyring) or "plaintext" in name.lower():
        return f"keyring chose {name}, which keeps secrets in plain text"
    return None


def system_backend() -> keyring.backend.KeyringBackend:
    """The backend keyring picks for this machine, if it really keeps secrets.

    Raises:
        SecretStoreError: no usable OS secret store; the message says how to fix it.
    """
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception as error:  # keyring loads configured backends: anything may go wrong
        raise SecretStoreError(
            f"secrets_backend = system: the OS secret store cannot be opened "
            f"({type(error).__name__}: {error}). {_FIX_SYSTEM}"
        ) from None
    reason = _refusal(backend)
    if reason is not None:
        raise SecretStoreError(f"secrets_backend = system refused: {reason}. {_FIX_SYSTEM}")
    return backend


def file_backend(config: Config) -> FileKeyring:
    """The plain-text file backend, if the configuration allows it.

    Raises:
        SecretStoreError: ``allow_plaintext_secrets`` is not true.
    """
    from kiosk.secret_file import FileKeyring

    path = Path(config.data_dir) / SECRETS_FILE_NAME
    if not config.allow_plaintext_secrets:
        raise SecretStoreError(
            f"secrets_backend = file would keep the device token in plain text in {path}; "
            "set allow_plaintext_secrets = true (PCK_ALLOW_PLAINTEXT_SECRETS=1) to accept "
            "that, or use secrets_backend = system"
        )
    return FileKeyring(path)


class SecretStore:
    """The kiosk's secrets, in the backend its configuration names.

    Args:
        config: the loaded configuration (``secrets_backend``, ``allow_plaintext_secrets``,
            ``data_dir``).
        backend: a keyring backend to use instead (tests).

    Raises:
        SecretStoreError: the configured backend is refused.
    """

    def __init__(
        self, config: Config, *, backend: keyring.backend.KeyringBackend | None = None
    ) -> None:
        if backend is not None:
            self._backend = backend
        elif config.secrets_backend == "file":
            self._backend = file_backend(config)
        else:
            self._backend = system_backend()

    @property
    def backend_name(self) -> str:
        """The backend, for IT (e.g. ``keyring.backends.Windows.WinVaultKeyring``)."""
        from kiosk.secret_file import FileKeyring

        if isinstance(self._backend, FileKeyring):
            return f"plain-text file {self._backend.path}"
        return _describe(self._backend)

    def get_token(self) -> str | None:
        """The device token, or None when the kiosk is not enrolled.

        Raises:
            SecretStoreError: the store failed (locked, damaged…).
        """
        return self._get(TOKEN_KEY)

    def set_token(self, token: str) -> None:
        """Keep the device token (replacing any).

        Raises:
            ValueError: an empty token.
            SecretStoreError: the store failed.
        """
        if not token:
            raise ValueError("the device token must not be empty")
        self._set(TOKEN_KEY, token)

    def delete_token(self) -> bool:
        """Forget the device token; return whether there was one.

        Raises:
            SecretStoreError: the store failed.
        """
        return self._delete(TOKEN_KEY)

    def get_outbox_key(self, name: str) -> bytes | None:
        """The outbox's AES key called ``name``, or None when there is none.

        Raises:
            SecretStoreError: the store failed, or the stored key is damaged.
        """
        text = self._get(f"{OUTBOX_KEY_PREFIX}{name}")
        if text is None:
            return None
        try:
            return base64.b64decode(text.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            raise SecretStoreError(
                f"{OUTBOX_KEY_PREFIX}{name} is damaged in {self.backend_name}"
            ) from None

    def set_outbox_key(self, name: str, key: bytes) -> None:
        """Keep the outbox's AES key called ``name`` (replacing any).

        Raises:
            SecretStoreError: the store failed.
        """
        self._set(f"{OUTBOX_KEY_PREFIX}{name}", base64.b64encode(key).decode("ascii"))

    def delete_outbox_key(self, name: str) -> bool:
        """Forget the outbox's AES key called ``name``; return whether there was one.

        Raises:
            SecretStoreError: the store failed.
        """
        return self._delete(f"{OUTBOX_KEY_PREFIX}{name}")

    def _get(self, key: str) -> str | None:
        import keyring.errors  # already loaded with the backend

        try:
            value = self._backend.get_password(SERVICE, key)
        except keyring.errors.KeyringError as error:
            raise SecretStoreError(self._failure("read", key, error)) from None
        return value if isinstance(value, str) else None

    def _set(self, key: str, value: str) -> None:
        import keyring.errors  # already loaded with the backend

        try:
            self._backend.set_password(SERVICE, key, value)
        except keyring.errors.KeyringError as error:
            raise SecretStoreError(self._failure("write", key, error)) from None
        log.info("%s stored in %s", key, self.backend_name)

    def _delete(self, key: str) -> bool:
        import keyring.errors  # already loaded with the backend

        try:
            if self._backend.get_password(SERVICE, key) is None:
                return False
            self._backend.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as error:
            raise SecretStoreError(self._failure("delete", key, error)) from None
        log.info("%s deleted from %s", key, self.backend_name)
        return True

    def _failure(self, action: str, key: str, error: Exception) -> str:
        return f"cannot {action} {key} in {self.backend_name}: {error}"


def __getattr__(name: str) -> Any:
    """``kiosk.secrets.FileKeyring`` as before (e.g. ``PYTHON_KEYRING_BACKEND``)."""
    if name == "FileKeyring":
        from kiosk.secret_file import FileKeyring

        return FileKeyring
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
