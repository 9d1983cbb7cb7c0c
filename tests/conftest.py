"""Test-wide set-up: offscreen Qt, private folders, and failure on leaks.

Environment variables are set at import time, before any Qt module loads, so that every
test (and every subprocess a test starts) sees the offscreen platform, the software scene
graph and temporary folders instead of the developer's real configuration and data.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="pck-tests-"))
os.environ.update(
    {
        "QT_QPA_PLATFORM": "offscreen",
        "QT_QUICK_BACKEND": "software",
        "PCK_SYSTEM_CONFIG_FILE": str(_SESSION_DIR / "system" / "kiosk.toml"),
        "PCK_USER_CONFIG_FILE": str(_SESSION_DIR / "user" / "kiosk.toml"),
        "PCK_DATA_DIR": str(_SESSION_DIR / "data"),
        "PCK_CACHE_DIR": str(_SESSION_DIR / "cache"),
        "PCK_LOG_DIR": str(_SESSION_DIR / "log"),
        # Qt's mock speech engine: real QtTextToSpeech, no sound card or speech service.
        "PCK_SPEECH_ENGINE": "mock",
    }
)
for _name in list(os.environ):
    # A developer's own PCK_ settings must not leak into the tests.
    if _name.startswith("PCK_") and not _name.endswith(("_FILE", "_DIR", "_ENGINE")):
        del os.environ[_name]


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give each test its own config files and data, cache and log folders."""
    for variable, sub in {
        "PCK_SYSTEM_CONFIG_FILE": "system/kiosk.toml",
        "PCK_USER_CONFIG_FILE": "user/kiosk.toml",
        "PCK_DATA_DIR": "data",
        "PCK_CACHE_DIR": "cache",
        "PCK_LOG_DIR": "log",
    }.items():
        monkeypatch.setenv(variable, str(tmp_path / sub))
    return tmp_path


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    """Fail a test that leaves a thread running behind it."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 2.0
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    while leaked and time.monotonic() < deadline:
        time.sleep(0.02)
        leaked = [t for t in leaked if t.is_alive()]
    assert not leaked, f"threads leaked by the test: {[t.name for t in leaked]}"


@pytest.fixture(autouse=True)
def no_leaked_timers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a Python-created QTimer running."""
    yield
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None or "qapp" not in request.fixturenames:
        return  # timers need a Qt application; scanning the heap costs ~50 ms a test
    gc.collect()
    running = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, qtcore.QTimer) and obj.isActive():
                running.append(obj)
        except RuntimeError:  # the C++ side is already gone
            continue
    for timer in running:
        timer.stop()
    assert not running, f"{len(running)} QTimer(s) still running after {request.node.name}"
