"""``make screenshots``: a PNG of every screen in landscape and portrait kiosk sizes."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize

from kiosk import config as kiosk_config
from ui.models.navigation import SCREENS

ORIENTATIONS = {"landscape": QSize(1920, 1080), "portrait": QSize(1080, 1920)}


def _settle(milliseconds: int = 150) -> None:
    end = time.monotonic() + milliseconds / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents()


def capture_all(out_dir: Path, languages: tuple[str, ...] = ("fr", "en")) -> list[Path]:
    """Write one PNG per screen, orientation and language; return their paths."""
    from ui.app import Kiosk, ensure_application, prepare_environment

    config = kiosk_config.load({})
    prepare_environment(config, offscreen=True)
    ensure_application()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for orientation, size in ORIENTATIONS.items():
        kiosk = Kiosk(config, windowed=True, size=size)
        try:
            for language in languages:
                kiosk.preferences.setLanguage(language)
                for screen in SCREENS:
                    kiosk.navigation.go(screen)
                    written.append(_grab(kiosk, out_dir, f"{screen}-{orientation}-{language}"))
                kiosk.session._on_idle_timer_timeout()  # the countdown overlay, over home
                written.append(_grab(kiosk, out_dir, f"countdown-{orientation}-{language}"))
                kiosk.session.finish()
        finally:
            kiosk.close()
    return written


def _grab(kiosk: object, out_dir: Path, name: str) -> Path:
    _settle()
    path = out_dir / f"{name}.png"
    image = kiosk.window.grabWindow()  # type: ignore[attr-defined]
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def main() -> int:
    """Command-line entry: ``python -m ui.screenshots [--out DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("build/screenshots"))
    arguments = parser.parse_args()
    for path in capture_all(arguments.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
