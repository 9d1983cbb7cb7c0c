"""Cold start of the kiosk to its first rendered frame, against a bare Qt Quick window.

Each run is a fresh process (a kiosk boots once, cold); the baseline is the cheapest
possible Qt Quick app in the same conditions, so the ratio is what the kiosk itself adds.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

from tests.benchmarks.figures import Figure, figure, timing_figures

RUNS = 7

_PROBE = r"""
import json, os, resource, sys, time
started = time.perf_counter()
from PySide6.QtCore import QSize, QTimer
if sys.argv[1] == "kiosk":
    from kiosk import config as kiosk_config
    from ui.app import ensure_application, launch, prepare_environment
    config = kiosk_config.load({})
    prepare_environment(config, offscreen=True)
    app = ensure_application()
    # As production starts: training mode here, its simulator starting after the frame.
    window = launch(config, windowed=True, size=QSize(1920, 1080)).window
else:  # the cheapest Qt Quick app: none of the kiosk's imports
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine
    app = QGuiApplication(["baseline"])
    engine = QQmlApplicationEngine()
    engine.loadData(b"import QtQuick\nWindow { visible: true; width: 1920; height: 1080 }")
    window = engine.rootObjects()[0]
def done():
    elapsed = (time.perf_counter() - started) * 1000
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ms": elapsed, "rss_mb": rss}))
    os._exit(0)
window.frameSwapped.connect(done)
QTimer.singleShot(20000, lambda: os._exit(3))
app.exec()
"""


def _boot(kind: str, environment: dict[str, str]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, kind], capture_output=True, text=True, timeout=60,
        env=environment,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{kind} boot failed: {result.stderr[-2000:]}")
    values: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return values


def run() -> list[Figure]:
    """Boot the kiosk and the baseline ``RUNS`` times each, interleaved."""
    with tempfile.TemporaryDirectory() as folder:
        environment = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "QT_QUICK_BACKEND": "software",
            "PCK_SYSTEM_CONFIG_FILE": os.path.join(folder, "none.toml"),
            "PCK_USER_CONFIG_FILE": os.path.join(folder, "none.toml"),
            "PCK_DATA_DIR": os.path.join(folder, "data"),
            "PCK_LOG_DIR": os.path.join(folder, "log"),
            "PCK_CACHE_DIR": os.path.join(folder, "cache"),
        }
        kiosk_runs, bare_runs = [], []
        for _ in range(RUNS):
            kiosk_runs.append(_boot("kiosk", environment))
            bare_runs.append(_boot("bare", environment))
    figures = timing_figures(
        "startup_first_frame", [r["ms"] for r in kiosk_runs], [r["ms"] for r in bare_runs]
    )
    # The headline figure: the kiosk's median start-up over the bare window's
    # (aim: at most 1.5).
    figures.append(figure(
        "startup_ratio",
        statistics.median(r["ms"] for r in kiosk_runs)
        / statistics.median(r["ms"] for r in bare_runs),
        "x",
    ))
    figures.append(figure(
        "startup_peak_rss", max(r["rss_mb"] for r in kiosk_runs), "MB",
        max(r["rss_mb"] for r in bare_runs),
    ))
    return figures
