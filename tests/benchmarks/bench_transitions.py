"""Screen transitions and resident memory of a real kiosk window (offscreen, software).

A fresh process builds the kiosk as ``bench_startup`` does, waits for its first frame,
notes its resident memory, then walks home → eligibility → offers → home ``ROUNDS`` times;
each transition is timed from the navigation call to the first frame the window swaps
afterwards (``QQuickWindow.frameSwapped``), so it covers loading the screen's QML,
laying it out and rendering it. The catalog is empty (no sync runs), so the offers screen
is its empty-catalog state.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from tests.benchmarks.figures import Figure, figure, timing_figures

ROUNDS = 15

_PROBE = r"""
import json, os, sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSize, QTimer
from kiosk import config as kiosk_config
from ui.app import Kiosk, ensure_application, prepare_environment

def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

config = kiosk_config.load({})
prepare_environment(config, offscreen=True)
app = ensure_application()
kiosk = Kiosk(config, windowed=True, size=QSize(1920, 1080))
window = kiosk.window

def next_frame(action):
    loop = QEventLoop()
    swapped = []
    def on_swap():
        if not swapped:
            swapped.append(time.perf_counter())
            loop.quit()
    window.frameSwapped.connect(on_swap)
    guard = QTimer(singleShot=True)
    guard.timeout.connect(loop.quit)
    guard.start(10000)
    started = time.perf_counter()
    action()
    if not swapped:
        loop.exec()
    window.frameSwapped.disconnect(on_swap)
    if not swapped:
        raise SystemExit("no frame within 10 s")
    return (swapped[0] - started) * 1000

next_frame(lambda: None)  # the attract screen's first frame
for _ in range(5):  # settle: a few frames of the attract screen
    next_frame(window.update)
result = {"rss_start_mb": rss_mb(), "home": [], "eligibility": [], "offers": []}
nav = kiosk.navigation
next_frame(lambda: nav.go("home"))
for _ in range(int(sys.argv[1])):
    result["eligibility"].append(next_frame(lambda: nav.go("eligibility")))
    result["offers"].append(next_frame(lambda: nav.go("offers")))
    result["home"].append(next_frame(nav.home))
    assert nav.screen == "home", nav.screen
result["rss_end_mb"] = rss_mb()
print(json.dumps(result), flush=True)
os._exit(0)
"""


def run() -> list[Figure]:
    """Time the transitions in one fresh kiosk process."""
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
        answer = subprocess.run(
            [sys.executable, "-c", _PROBE, str(ROUNDS)], capture_output=True, text=True,
            timeout=300, env=environment,
        )
    if answer.returncode != 0:
        raise RuntimeError(f"transition probe failed: {answer.stderr[-2000:]}")
    result = json.loads(answer.stdout.strip().splitlines()[-1])
    every = result["eligibility"] + result["offers"] + result["home"]
    figures = timing_figures("screen_transition", every)
    for screen in ("eligibility", "offers", "home"):
        figures += timing_figures(f"screen_transition_to_{screen}", result[screen])
    figures.append(figure("kiosk_rss_after_start", result["rss_start_mb"], "MB"))
    figures.append(figure(
        f"kiosk_rss_after_{3 * ROUNDS}_transitions", result["rss_end_mb"], "MB",
        result["rss_start_mb"],
    ))
    return figures
