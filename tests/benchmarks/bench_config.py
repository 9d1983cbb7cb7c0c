"""How long loading the layered configuration takes (it runs at every start)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from kiosk import config
from tests.benchmarks.figures import Figure, time_ms, timing_figures


def run() -> list[Figure]:
    """Time config.load() with both files present against defaults alone."""
    with tempfile.TemporaryDirectory() as folder:
        system = Path(folder) / "system.toml"
        user = Path(folder) / "user.toml"
        system.write_text('idle_timeout = 120\nlanguage = "fr"\n', encoding="utf-8")
        user.write_text("countdown = 20\n", encoding="utf-8")
        with_files = {"PCK_SYSTEM_CONFIG_FILE": str(system), "PCK_USER_CONFIG_FILE": str(user)}
        no_files = {"PCK_SYSTEM_CONFIG_FILE": str(Path(folder) / "none.toml"),
                    "PCK_USER_CONFIG_FILE": str(Path(folder) / "none.toml")}
        baseline = time_ms(lambda: config.load({}, environ=no_files), 300)
        measured = time_ms(lambda: config.load({}, environ=with_files), 300)
    return timing_figures("config_load", measured, baseline)
