r"""Build the Windows installer from the PyInstaller folder: harvest, compile, link.

    python packaging/windows/build_msi.py --payload dist/passculture-kiosk \\
        --output dist/passculture-kiosk-0.1.0-x64.msi [--toolchain wix3|wixl] [--version 0.1.0]

The PyInstaller one-folder output is harvested into ``payload.wxs`` (one component per file,
with a GUID derived from the file's path so that it never changes between builds), then
``passculture-kiosk.wxs`` and ``payload.wxs`` are built either with WiX 3 (candle + light, on
Windows: the MSI that ships, with ICE validation) or with wixl (msitools, on Linux: the
check ``make package-msi-check`` runs). wixl 0.101 ignores two attributes the source relies
on; :func:`apply_wixl_gaps` writes their effect into the built database with msibuild, so
that both toolchains give the same tables. Standard library only: it runs before anything
is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SOURCE = HERE / "passculture-kiosk.wxs"
MAIN_EXE = "passculture-kiosk.exe"
WIX_NS = "http://schemas.microsoft.com/wix/2006/wi"
# Component GUIDs of harvested files: uuid5(this, relative path). Never change it: Windows
# Installer tracks components by GUID across versions.
COMPONENT_NAMESPACE = uuid.UUID("B52F841B-C8FA-4744-9DBC-19BAFAC44615")
# Folders that the .wxs itself puts in INSTALLDIR: the payload must not have them.
RESERVED_TOP_LEVEL = frozenset({"tools", "policy"})
# Type bit of a custom action whose target must not be logged (msidbCustomActionTypeHideTarget).
HIDE_TARGET = 0x2000
# ICE38/43/57 expect the Start-menu shortcut's component to have an HKCU key path: they do
# not know that ProgramMenuFolder is per-machine in a per-machine (ALLUSERS=1) package.
SUPPRESSED_ICES = ("ICE38", "ICE43", "ICE57")


class BuildError(Exception):
    """The MSI cannot be built; the message says why."""


# --- version ----------------------------------------------------------------------------------


def project_version() -> str:
    """``__version__`` from kiosk/__init__.py, read without importing the package."""
    text = (REPO / "kiosk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise BuildError("kiosk/__init__.py has no __version__")
    return match.group(1)


def msi_version(version: str) -> str:
    """The MSI ProductVersion for a project version: ``major.minor.build``.

    Windows Installer compares only these three fields (major and minor up to 255, build up
    to 65535), so a pre-release or local version cannot be told from its release: refused.

    Raises:
        BuildError: the version cannot be an MSI version.
    """
    match = re.fullmatch(r"(\d+)\.(\d+)(?:\.(\d+))?", version.strip())
    if match is None:
        raise BuildError(
            f"version {version!r} is not major.minor[.build]: Windows Installer compares only "
            "those numbers, so pre-releases cannot be upgraded reliably"
        )
    major, minor, build = (int(part) if part else 0 for part in match.groups())
    if major > 255 or minor > 255 or build > 65535:
        raise BuildError(f"version {version!r} is out of range (255.255.65535 at most)")
    return f"{major}.{minor}.{build}"


# --- harvest ----------------------------------------------------------------------------------


def _digest(kind: str, relative: str) -> str:
    return kind + hashlib.sha1(relative.encode("utf-8")).hexdigest()[:24].upper()


def component_guid(relative: str) -> str:
    """The stable component GUID of a payload file (paths compare case-insensitively)."""
    return str(uuid.uuid5(COMPONENT_NAMESPACE, relative.lower())).upper()


@dataclass(frozen=True)
class Harvest:
    """What was harvested: the fragment's text and a count for the build log."""

    xml: str
    files: int
    folders: int


def harvest(payload: Path) -> Harvest:
    """A WiX fragment installing every file of ``payload`` but the main exe under INSTALLDIR.

    Raises:
        BuildError: the payload is not a PyInstaller one-folder output, or collides with the
            folders the installer adds itself.
    """
    if not (payload / MAIN_EXE).is_file():
        raise BuildError(f"{payload} has no {MAIN_EXE}: is it the PyInstaller one-folder output?")
    clash = sorted(p.name for p in payload.iterdir() if p.name.lower() in RESERVED_TOP_LEVEL)
    if clash:
        raise BuildError(f"the payload has {', '.join(clash)}, which the installer adds itself")
    ET.register_namespace("", WIX_NS)
    wix = ET.Element(f"{{{WIX_NS}}}Wix")
    fragment = ET.SubElement(wix, f"{{{WIX_NS}}}Fragment")
    ref = ET.SubElement(fragment, f"{{{WIX_NS}}}DirectoryRef", Id="INSTALLDIR")
    group = ET.SubElement(
        ET.SubElement(wix, f"{{{WIX_NS}}}Fragment"), f"{{{WIX_NS}}}ComponentGroup", Id="Payload"
    )
    counts = {"files": 0, "folders": 0}

    def component(parent: ET.Element, relative: str) -> ET.Element:
        element = ET.SubElement(
            parent,
            f"{{{WIX_NS}}}Component",
            Id=_digest("c", relative),
            Guid=component_guid(relative),
            Win64="yes",
        )
        ET.SubElement(group, f"{{{WIX_NS}}}ComponentRef", Id=element.get("Id", ""))
        return element

    def walk(folder: Path, parent: ET.Element, prefix: str) -> None:
        entries = sorted(folder.iterdir(), key=lambda p: p.name.lower())
        if not entries and prefix:
            # An empty folder: MSI creates only folders that a component names.
            create = component(parent, prefix + "/")
            ET.SubElement(create, f"{{{WIX_NS}}}CreateFolder")
        for entry in entries:
            relative = f"{prefix}{entry.name}"
            if entry.is_dir():
                counts["folders"] += 1
                directory = ET.SubElement(
                    parent, f"{{{WIX_NS}}}Directory", Id=_digest("d", relative), Name=entry.name
                )
                walk(entry, directory, relative + "/")
            elif relative != MAIN_EXE:  # the .wxs declares it, with the shortcut and the icon
                counts["files"] += 1
                file_component = component(parent, relative)
                ET.SubElement(
                    file_component,
                    f"{{{WIX_NS}}}File",
                    Id=_digest("f", relative),
                    Name=entry.name,
                    Source=f"$(var.PayloadDir)/{relative}",
                    KeyPath="yes",
                )

    walk(payload, ref, "")
    ET.indent(wix)
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(wix, encoding="unicode")
    return Harvest(text + "\n", counts["files"], counts["folders"])


# --- build ------------------------------------------------------------------------------------


# wixl's complaints about what apply_wixl_gaps handles: known, so not repeated in the log.
_HANDLED_WIXL_WARNINGS = ("has no property named 'Secure'", "has no property named 'HideTarget'")


def _run(command: Sequence[str | os.PathLike[str]], cwd: Path | None = None) -> None:
    result = subprocess.run(
        [os.fspath(part) for part in command], cwd=cwd, capture_output=True, text=True
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise BuildError(f"{Path(command[0]).name} failed ({result.returncode}):\n{output}")
    for line in (result.stdout + result.stderr).splitlines():
        if any(known in line for known in _HANDLED_WIXL_WARNINGS):
            continue
        if "warning" in line.lower() or "unimplemented" in line.lower():
            print(line, file=sys.stderr)


def _tool(name: str, hint: str) -> str:
    found = shutil.which(name)
    if found is None:
        wix = os.environ.get("WIX")  # set by the WiX 3 installer
        if wix and (Path(wix) / "bin" / f"{name}.exe").is_file():
            return str(Path(wix) / "bin" / f"{name}.exe")
        raise BuildError(f"{name} not found: {hint}")
    return found


def build_wixl(sources: Sequence[Path], defines: dict[str, Path | str], output: Path) -> None:
    """Build with wixl; paths are handed relative to the working folder, as wixl wants."""
    wixl = _tool("wixl", "apt-get install wixl msitools (Debian/Ubuntu)")
    work = output.parent
    command: list[str] = [wixl, "-a", "x64", "-o", output.name]
    for name, value in defines.items():
        if isinstance(value, Path):
            value = Path(os.path.relpath(value, work)).as_posix()
        command += ["-D", f"{name}={value}"]
    command += [os.path.relpath(source, work) for source in sources]
    _run(command, cwd=work)
    apply_wixl_gaps(SOURCE, output)


def build_wix3(
    sources: Sequence[Path], defines: dict[str, Path | str], output: Path, work: Path
) -> None:
    """Build with WiX 3: candle then light, whose ICE validation runs on Windows only."""
    candle = _tool("candle", "install WiX Toolset 3.14 (WIX variable) or add its bin to PATH")
    light = _tool("light", "install WiX Toolset 3.14 (WIX variable) or add its bin to PATH")
    command: list[str] = [candle, "-nologo", "-arch", "x64", "-out", f"{work}{os.sep}"]
    command += [f"-d{name}={value}" for name, value in defines.items()]
    command += [str(source) for source in sources]
    _run(command)
    objects = [work / (source.stem + ".wixobj") for source in sources]
    suppress = [f"-sice:{ice}" for ice in SUPPRESSED_ICES]
    _run([light, "-nologo", "-spdb", *suppress, "-out", str(output), *map(str, objects)])


def apply_wixl_gaps(source: Path, msi: Path) -> None:
    """Write into a wixl-built MSI what wixl 0.101 ignores: Secure and HideTarget.

    candle turns ``<Property Secure="yes">`` into entries of SecureCustomProperties and
    ``HideTarget="yes"`` into a custom action type bit; wixl warns that both attributes are
    unknown and drops them. This reads them from the source and updates the tables with
    msibuild (msitools), so the wixl MSI checked on Linux has the tables the WiX 3 MSI has.
    """
    msibuild = _tool("msibuild", "apt-get install msitools")
    root = ET.parse(source).getroot()
    secure = [p.get("Id", "") for p in root.iter(f"{{{WIX_NS}}}Property") if p.get("Secure")]
    hidden = [
        a.get("Id", "")
        for a in root.iter(f"{{{WIX_NS}}}CustomAction")
        if a.get("HideTarget") == "yes"
    ]
    queries: list[str] = []
    if secure:
        existing = _property(msi, "SecureCustomProperties")
        names = [n for n in (existing or "").split(";") if n]
        names += [n for n in secure if n not in names]
        value = ";".join(names)
        if existing is None:
            queries.append(
                f"INSERT INTO `Property` (`Property`, `Value`) "
                f"VALUES ('SecureCustomProperties', '{value}')"
            )
        else:
            queries.append(
                f"UPDATE `Property` SET `Value` = '{value}' "
                "WHERE `Property` = 'SecureCustomProperties'"
            )
    types = _custom_action_types(msi)
    for action in hidden:
        if action not in types:
            raise BuildError(f"custom action {action} is missing from the built MSI")
        queries.append(
            f"UPDATE `CustomAction` SET `Type` = {types[action] | HIDE_TARGET} "
            f"WHERE `Action` = '{action}'"
        )
    for query in queries:
        _run([msibuild, str(msi), "-q", query])


def export_table(msi: Path, table: str) -> list[list[str]]:
    """The rows of an MSI table, through ``msiinfo export`` (the three header lines dropped)."""
    msiinfo = _tool("msiinfo", "apt-get install msitools")
    result = subprocess.run(
        [msiinfo, "export", str(msi), table], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BuildError(f"msiinfo export {table} failed: {result.stderr.strip()}")
    lines = result.stdout.replace("\r\n", "\n").split("\n")
    return [line.split("\t") for line in lines[3:] if line]


def _property(msi: Path, name: str) -> str | None:
    for row in export_table(msi, "Property"):
        if row[0] == name:
            return row[1]
    return None


def _custom_action_types(msi: Path) -> dict[str, int]:
    return {row[0]: int(row[1]) for row in export_table(msi, "CustomAction")}


def build(
    payload: Path, output: Path, *, toolchain: str, version: str, work: Path | None = None
) -> Harvest:
    """Harvest ``payload`` and build ``output``; return what was harvested.

    Raises:
        BuildError: a missing tool, a bad payload or version, or a failed compile or link.
    """
    payload = payload.resolve()
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    work = (work or output.parent / "msi-build").resolve()
    work.mkdir(parents=True, exist_ok=True)
    harvested = harvest(payload)
    fragment = work / "payload.wxs"
    fragment.write_text(harvested.xml, encoding="utf-8")
    defines: dict[str, Path | str] = {
        "Version": msi_version(version),
        "PayloadDir": payload,
        "SourceDir": HERE,
    }
    output.unlink(missing_ok=True)
    if toolchain == "wixl":
        build_wixl([SOURCE, fragment], defines, output)
    elif toolchain == "wix3":
        build_wix3([SOURCE, fragment], defines, output, work)
    else:
        raise BuildError(f"unknown toolchain {toolchain!r}")
    if not output.is_file():
        raise BuildError(f"{toolchain} reported success but wrote no {output}")
    return harvested


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--payload", type=Path, required=True, help="the PyInstaller folder")
    parser.add_argument("--output", type=Path, required=True, help="the .msi to write")
    parser.add_argument(
        "--toolchain",
        choices=("wix3", "wixl"),
        default="wix3" if sys.platform == "win32" else "wixl",
        help="WiX 3 on Windows (default there), wixl elsewhere",
    )
    parser.add_argument("--version", help="project version (default: kiosk/__init__.py)")
    parser.add_argument("--work", type=Path, help="folder for intermediate files")
    args = parser.parse_args(argv)
    try:
        version = args.version or project_version()
        harvested = build(
            args.payload, args.output, toolchain=args.toolchain, version=version, work=args.work
        )
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"built {args.output} ({args.toolchain}, version {msi_version(version)}, "
        f"{harvested.files + 1} files in {harvested.folders + 1} folders from {args.payload})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
