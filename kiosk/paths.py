"""Where the kiosk's shipped resources are, from a source checkout or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final


def _root() -> Path:
    # PyInstaller unpacks data next to the executable and names the folder in _MEIPASS.
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


PROJECT_ROOT: Final = _root()
RESOURCES_DIR: Final = PROJECT_ROOT / "resources"
TRANSLATIONS_DIR: Final = RESOURCES_DIR / "translations"
ICONS_DIR: Final = RESOURCES_DIR / "icons"
FONTS_DIR: Final = RESOURCES_DIR / "fonts"
