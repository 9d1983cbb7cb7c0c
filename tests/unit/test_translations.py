"""Every visible string is translated: no unfinished entry, no string missing from the .ts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.paths import PROJECT_ROOT, TRANSLATIONS_DIR

TS_FILES = sorted(TRANSLATIONS_DIR.glob("*.ts"))
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"


def _untranslated(ts_file: Path) -> list[str]:
    missing = []
    for message in ET.parse(ts_file).iter("message"):
        translation = message.find("translation")
        source = message.findtext("source", "")
        if translation is None or translation.get("type") in {"unfinished", "obsolete"}:
            missing.append(source)
        elif message.get("numerus") == "yes":
            if not all((form.text or "").strip() for form in translation.iter("numerusform")):
                missing.append(source)
        elif not (translation.text or "").strip():
            missing.append(source)
    return missing


def test_there_are_french_and_english_catalogues() -> None:
    assert [path.name for path in TS_FILES] == ["kiosk_en.ts", "kiosk_fr.ts"]


@pytest.mark.parametrize("ts_file", TS_FILES, ids=lambda path: path.name)
def test_every_entry_is_translated(ts_file: Path) -> None:
    assert _untranslated(ts_file) == []


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")
@pytest.mark.parametrize("ts_file", TS_FILES, ids=lambda path: path.name)
def test_no_string_of_the_interface_is_missing_from_the_catalogue(
    ts_file: Path, tmp_path: Path
) -> None:
    # Run lupdate on a copy: new strings appear as unfinished entries.
    copy = tmp_path / ts_file.name
    shutil.copyfile(ts_file, copy)
    # French is the source language: its catalogue only needs the plural forms.
    only_plurals = ["-pluralonly"] if ts_file.stem.endswith("_fr") else []
    subprocess.run(
        [str(LUPDATE), "-silent", "-extensions", "qml,py", "-locations", "none", "-no-obsolete",
         *only_plurals,
         str(PROJECT_ROOT / "ui" / "qml"), str(PROJECT_ROOT / "ui"), "-ts", str(copy)],
        check=True, capture_output=True, timeout=120,
    )
    missing = _untranslated(copy)
    assert missing == [], f"run 'make update-translations' and translate: {missing}"


#: Literal texts that are not words to translate: the brand, as the design system writes it.
NOT_FOR_TRANSLATION = {"pass", "Culture", "pass Culture"}
_TEXT_LITERAL = re.compile(
    r"\b(?:text|title|subtitle|label|hint|question|body|caption|headline|placeholderText"
    r"|Accessible\.name|Accessible\.description)\s*:\s*\"([^\"]*)\""
)


def test_every_visible_literal_in_qml_goes_through_qsTr() -> None:
    bare = []
    for path in sorted((PROJECT_ROOT / "ui" / "qml").rglob("*.qml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for literal in _TEXT_LITERAL.findall(line):
                if re.search(r"[^\W\d_]{2,}", literal) and literal not in NOT_FOR_TRANSLATION:
                    bare.append(f"{path.name}:{number}: {literal!r}")
    assert bare == [], "wrap these in qsTr(): " + "; ".join(bare)
