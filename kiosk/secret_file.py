"""The plain-text secrets file (``secrets_backend = file``), as a keyring backend.

Kept apart from :mod:`kiosk.secrets` so that keyring is imported only when a secret store
is really opened (see there for when this backend is allowed).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from pathlib import Path

import keyring.backend
import keyring.errors
from keyring.compat import properties

log = logging.getLogger("kiosk.secrets")


class FileKeyring(keyring.backend.KeyringBackend):
    """Secrets in one JSON file, mode 0600, written atomically.

    Never chosen by keyring's own detection (its priority raises): only
    ``secrets_backend = file`` with ``allow_plaintext_secrets`` builds one.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.path = path
        self._lock = threading.Lock()

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - a class property, as keyring declares it
        """Not viable for keyring's automatic choice."""
        raise RuntimeError("FileKeyring is used only when the kiosk configuration asks for it")

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise keyring.errors.KeyringError(
                f"the secrets file {self.path} cannot be read ({error.strerror or error})"
            ) from None
        self._tighten()
        try:
            data = json.loads(text)
        except ValueError:
            raise keyring.errors.KeyringError(
                f"the secrets file {self.path} is damaged (not JSON); delete it and enroll again"
            ) from None
        if not isinstance(data, dict) or not all(
            isinstance(entries, dict) and all(isinstance(v, str) for v in entries.values())
            for entries in data.values()
        ):
            raise keyring.errors.KeyringError(
                f"the secrets file {self.path} is damaged (unexpected content); delete it and "
                "enroll again"
            )
        return data

    def _tighten(self) -> None:
        if sys.platform == "win32":
            return  # the profile folder's ACL protects it; POSIX modes mean little there
        try:
            mode = self.path.stat().st_mode & 0o777
            if mode & 0o077:
                log.warning("secrets file %s was readable by others; made it 0600", self.path)
                os.chmod(self.path, 0o600)
        except OSError:
            pass

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
            descriptor = os.open(temporary, flags, 0o600)
            try:
                if hasattr(os, "fchmod"):
                    os.fchmod(descriptor, 0o600)  # O_CREAT's mode does not apply to old files
                os.write(descriptor, json.dumps(data, indent=1).encode("utf-8"))
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            os.replace(temporary, self.path)
        except OSError as error:
            raise keyring.errors.PasswordSetError(
                f"the secrets file {self.path} cannot be written ({error.strerror or error})"
            ) from None

    def get_password(self, service: str, username: str) -> str | None:
        """The secret, or None."""
        with self._lock:
            return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store the secret (replacing any)."""
        with self._lock:
            data = self._load()
            data.setdefault(service, {})[username] = password
            self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        """Remove the secret.

        Raises:
            keyring.errors.PasswordDeleteError: there was none.
        """
        with self._lock:
            data = self._load()
            if username not in data.get(service, {}):
                raise keyring.errors.PasswordDeleteError("no such secret")
            del data[service][username]
            if not data[service]:
                del data[service]
            self._save(data)
