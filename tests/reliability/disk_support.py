"""Helpers of the disk trouble suite: run the real CLI on a kiosk home, damage files, mount.

A *home* is one folder holding everything a kiosk writes (``data``, ``cache``, ``log``,
config files, ``HOME``), given to the child through the same ``PCK_*`` variables as
``tests/conftest.py``'s ``private_dirs``.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI_TIMEOUT_S = 120


@dataclass(frozen=True)
class Run:
    """One finished CLI command."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def assert_clear_failure(self) -> None:
        """Non-zero exit, a message, and never a traceback."""
        assert "Traceback" not in self.output, self.output
        assert self.code != 0, self.output
        assert self.output.strip(), "a failure must say something"

    def assert_ok(self) -> None:
        assert "Traceback" not in self.output, self.output
        assert self.code == 0, self.output


def home_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PCK_")}
    env.update(
        PCK_SYSTEM_CONFIG_FILE=str(home / "system.toml"),
        PCK_USER_CONFIG_FILE=str(home / "user.toml"),
        PCK_DATA_DIR=str(home / "data"),
        PCK_CACHE_DIR=str(home / "cache"),
        PCK_LOG_DIR=str(home / "log"),
        HOME=str(home / "home"),
        PYTHONPATH=str(ROOT),
    )
    return env


def cli(home: Path, *args: str, fsize: int | None = None, user: str | None = None) -> Run:
    """Run ``passculture-kiosk ARGS`` for ``home``: the real CLI, in a child process.

    With ``fsize`` or ``user``, through :mod:`tests.reliability.disk_child` (a write limit,
    another user); otherwise ``python -m kiosk.cli`` itself.
    """
    import time

    if fsize is None and user is None:
        command = [sys.executable, "-m", "kiosk.cli", *args]
    else:
        command = [sys.executable, "-m", "tests.reliability.disk_child"]
        command += ["--fsize", str(fsize)] if fsize is not None else []
        command += ["--user", user] if user is not None else []
        command += ["--", *args]
    started = time.monotonic()
    done = subprocess.run(
        command, cwd=ROOT, env=home_env(home), capture_output=True, text=True,
        timeout=CLI_TIMEOUT_S, check=False,
    )  # fmt: skip
    return Run(tuple(args), done.returncode, done.stdout, done.stderr,
               time.monotonic() - started)  # fmt: skip


def copy_home(template: Path, home: Path) -> Path:
    """A copy of a synced kiosk home (its catalog, local state and training simulator)."""
    shutil.copytree(template, home, symlinks=True)
    return home


CORRUPTIONS = ("garbage", "truncate", "flip", "header")


def corrupt(path: Path, mode: str, rng: random.Random) -> bytes:
    """Damage the file at ``path`` as ``mode`` says; return the damaged bytes.

    garbage: random bytes of the same size; truncate: cut at a random point in the middle
    third; flip: 64 random bit flips in the middle half; header: the first 100 bytes
    (SQLite's header) overwritten.
    """
    content = bytearray(path.read_bytes())
    size = len(content)
    if mode == "garbage":
        content = bytearray(rng.randbytes(size))
    elif mode == "truncate":
        content = content[: rng.randrange(size // 3, 2 * size // 3)]
    elif mode == "flip":
        for _ in range(64):
            content[rng.randrange(size // 4, 3 * size // 4)] ^= 1 << rng.randrange(8)
    elif mode == "header":
        content[:100] = rng.randbytes(100)
    else:
        raise ValueError(mode)
    path.write_bytes(bytes(content))
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return bytes(content)


def moved_aside(folder: Path, name: str) -> list[Path]:
    """Files ``<name>.corrupt-*`` in ``folder`` (journals left out)."""
    return sorted(p for p in folder.glob(f"{name}.corrupt-*")
                  if not p.name.endswith(("-wal", "-shm")))  # fmt: skip


@contextmanager
def mounted(target: Path, *options: str, fstype: str = "tmpfs") -> Iterator[Path]:
    """Mount a tmpfs (or remount a bind) on ``target``; skip the test when not permitted."""
    target.mkdir(parents=True, exist_ok=True)
    command = ["mount", "-t", fstype, "-o", ",".join(options), fstype, str(target)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip() or done.returncode}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


@contextmanager
def read_only_bind(folder: Path) -> Iterator[Path]:
    """Make ``folder`` a read-only filesystem (EROFS even for root); skip when not permitted."""
    done = subprocess.run(["mount", "--bind", str(folder), str(folder)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {done.stderr.strip()}")
    try:
        done = subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)],
                              capture_output=True, text=True, check=False)  # fmt: skip
        if done.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {done.stderr.strip()}")
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def give_to_nobody(home: Path, *, writable: tuple[str, ...]) -> None:
    """Let ``nobody`` reach ``home`` and write in the ``writable`` sub-folders only."""
    for folder in [home, *home.parents]:
        if folder == Path("/"):
            break
        folder.chmod(folder.stat().st_mode | 0o011)
    for name in writable:
        (home / name).mkdir(parents=True, exist_ok=True)
        for path in [home / name, *(home / name).rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)
