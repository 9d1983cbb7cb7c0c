"""Cut static Montserrat weights out of the variable font shipped by fontpkg-montserrat.

Qt registers only the default (Thin) instance of a variable font on some platforms, so the
kiosk ships static Regular, Medium, SemiBold and Bold files instead. Run with ``make fonts``;
the outputs are committed under resources/fonts/ with the SIL Open Font License.
"""

from __future__ import annotations

import shutil
import sys
from importlib import resources
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

WEIGHTS = {"Regular": 400, "Medium": 500, "SemiBold": 600, "Bold": 700}
OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def main() -> int:
    """Write one static TTF per weight, and the licence, to resources/fonts/."""
    package = resources.files("fontpkg_montserrat")
    variable = package / "files" / "Montserrat[wght].ttf"
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for style, weight in WEIGHTS.items():
        font = instancer.instantiateVariableFont(
            TTFont(str(variable)), {"wght": weight}, updateFontNames=True
        )
        target = OUT_DIR / f"Montserrat-{style}.ttf"
        font.save(str(target))
        print(target)
    licence = Path(str(package)).parent / "fontpkg_montserrat-9.0.dist-info" / "licenses"
    for candidate in licence.glob("LICENSE*"):
        shutil.copyfile(candidate, OUT_DIR / "OFL.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
