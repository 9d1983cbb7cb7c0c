"""``passculture-kiosk --self-test``, as installers and CI run it: a real subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ui.models.navigation import SCREENS


def _run(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui", *arguments],
        capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})},
    )


def test_self_test_passes_and_prepares_storage(private_dirs: Path) -> None:
    result = _run("--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert f"{len(SCREENS)} screens" in result.stdout
    assert (private_dirs / "data" / "kiosk-state.sqlite3").exists()
    assert (private_dirs / "log" / "kiosk.log").exists()


def test_self_test_fails_and_names_a_bad_option() -> None:
    result = _run("--self-test", env={"PCK_IDLE_TIMEOUT": "soon"})
    assert result.returncode == 1
    assert "idle_timeout" in result.stderr
    assert "FAILED: configuration" in result.stderr


def test_self_test_fails_when_the_data_folder_is_unusable(private_dirs: Path) -> None:
    blocker = private_dirs / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    result = _run("--self-test", env={"PCK_DATA_DIR": str(blocker)})
    assert result.returncode == 1
    assert "FAILED: storage" in result.stderr


def test_screenless_commands_do_not_load_qt() -> None:
    code = (
        "import sys; from ui.__main__ import main; rc = main(['config', 'check']); "
        "assert 'PySide6' not in sys.modules, 'Qt was loaded'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "configuration OK" in result.stdout


def test_the_kiosk_runs_until_asked_to_stop(private_dirs: Path) -> None:
    """What `make demo` and systemd do: start, show the attract screen, stop on SIGTERM."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ui", "--windowed"], stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, env={**os.environ},
    )
    log_file = private_dirs / "log" / "kiosk.log"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            if log_file.exists() and "started (training mode)" in log_file.read_text():
                break
            time.sleep(0.1)
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
    assert "Traceback" not in log_file.read_text()
