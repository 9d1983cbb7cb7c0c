"""The Windows installer, built here with wixl against a stand-in PyInstaller folder.

wixl (msitools) compiles packaging/windows/passculture-kiosk.wxs as the Windows CI's WiX 3
does (the differences are listed in docs/deploy-windows.md); the tables of the built MSI are
then read back with msiinfo and its files extracted with msiextract. A build takes well under
a second, so this runs with the fast tests (`make package-msi-check` runs it alone). What
only Windows can prove (the custom actions, the install itself) is the CI's job.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
WINDOWS = REPO / "packaging" / "windows"
WIX = "{http://schemas.microsoft.com/wix/2006/wi}"

needs_msitools = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("wixl", "msiinfo", "msibuild", "msiextract")),
    reason="needs wixl and msitools (apt-get install wixl msitools; `make test` installs them)",
)


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


build_msi = _load("build_msi", WINDOWS / "build_msi.py")

# Laid out like `pyinstaller --onedir`: the exe, then everything else under _internal/.
STAND_IN = {
    "passculture-kiosk.exe": b"MZ stand-in for the frozen kiosk",
    "_internal/python311.dll": b"MZ stand-in",
    "_internal/base_library.zip": b"PK stand-in",
    "_internal/PySide6/Qt6Core.dll": b"MZ stand-in",
    "_internal/PySide6/qml/QtQuick/qmldir": b"module QtQuick\n",
    "_internal/PySide6/qml/QtQuick/VirtualKeyboard/qmldir": b"module QtQuick.VirtualKeyboard\n",
    "_internal/ui/qml/Main.qml": b"import QtQuick\n",
    "_internal/resources/fonts/Montserrat Regular.ttf": b"font with a space in its name",
    "_internal/tzdata/zoneinfo/Europe/Paris": b"TZif",
}
EMPTY_FOLDER = "_internal/PySide6/plugins/empty"
INSTALLED_EXTRAS = {
    "tools/Configure-Kiosk.ps1": "scripts/Configure-Kiosk.ps1",
    "tools/Remove-KioskData.ps1": "scripts/Remove-KioskData.ps1",
    "tools/Start-Kiosk.ps1": "scripts/Start-Kiosk.ps1",
    "tools/lockdown/KioskLockdown.psm1": "lockdown/KioskLockdown.psm1",
    "tools/lockdown/Set-ShellLauncher.ps1": "lockdown/Set-ShellLauncher.ps1",
    "tools/lockdown/Set-ProKiosk.ps1": "lockdown/Set-ProKiosk.ps1",
    "tools/lockdown/Remove-KioskLockdown.ps1": "lockdown/Remove-KioskLockdown.ps1",
    "policy/passculture-kiosk.admx": "policy/passculture-kiosk.admx",
    "policy/fr-FR/passculture-kiosk.adml": "policy/fr-FR/passculture-kiosk.adml",
    "policy/en-US/passculture-kiosk.adml": "policy/en-US/passculture-kiosk.adml",
}

# Custom action type bits (MSI SDK, CustomAction table).
TYPE_EXE_PROPERTY = 50
CONTINUE = 0x40
IN_SCRIPT = 0x400
NO_IMPERSONATE = 0x800
HIDE_TARGET = 0x2000


def make_payload(root: Path) -> Path:
    payload = root / "passculture-kiosk"
    for relative, content in STAND_IN.items():
        path = payload / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    (payload / EMPTY_FOLDER).mkdir(parents=True)
    return payload


@dataclass
class Built:
    msi: Path
    payload: Path
    seconds: float

    def table(self, name: str) -> list[list[str]]:
        rows: list[list[str]] = build_msi.export_table(self.msi, name)
        return rows

    def properties(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self.table("Property")}

    def sequence(self) -> dict[str, tuple[int, str]]:
        return {row[0]: (int(row[2]), row[1]) for row in self.table("InstallExecuteSequence")}


def build(root: Path, version: str | None = None) -> Built:
    payload = make_payload(root)
    msi = root / "out" / "passculture-kiosk.msi"
    started = time.monotonic()
    build_msi.build(
        payload, msi, toolchain="wixl", version=version or build_msi.project_version()
    )
    return Built(msi, payload, time.monotonic() - started)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    if any(shutil.which(tool) is None for tool in ("wixl", "msiinfo", "msibuild", "msiextract")):
        pytest.skip("needs wixl and msitools (apt-get install wixl msitools)")
    return build(tmp_path_factory.mktemp("msi"))


def source_upgrade_code() -> str:
    product = ET.parse(WINDOWS / "passculture-kiosk.wxs").getroot().find(f"{WIX}Product")
    assert product is not None
    return product.get("UpgradeCode", "")


# --- building -------------------------------------------------------------------------------------


@needs_msitools
def test_wixl_builds_the_source_quickly(built: Built) -> None:
    assert built.msi.stat().st_size > 0
    # Measured at ~0.15 s here: fast enough for `make test`, hence not marked slow.
    assert built.seconds < 20, f"wixl took {built.seconds:.1f} s: mark the MSI tests slow"


@needs_msitools
def test_wixl_meets_nothing_it_does_not_understand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # build_msi repeats every wixl warning but those about Secure and HideTarget, which it
    # writes into the database itself: any other means the source left wixl's subset.
    build(tmp_path)
    assert capsys.readouterr().err == ""


@needs_msitools
def test_every_payload_file_is_installed_where_pyinstaller_put_it(
    built: Built, tmp_path: Path
) -> None:
    import subprocess

    target = tmp_path / "extracted"
    target.mkdir()
    subprocess.run(
        ["msiextract", "-C", str(target), str(built.msi)], check=True, capture_output=True
    )
    installed = target / "passculture-kiosk"  # INSTALLDIR, under Program Files
    files = {
        path.relative_to(installed).as_posix(): path
        for path in installed.rglob("*")
        if path.is_file()
    }
    assert set(files) == set(STAND_IN) | set(INSTALLED_EXTRAS)
    for relative, content in STAND_IN.items():
        assert files[relative].read_bytes() == content, relative
    for relative, source in INSTALLED_EXTRAS.items():
        assert files[relative].read_bytes() == (WINDOWS / source).read_bytes(), relative


@needs_msitools
def test_empty_payload_folders_are_created(built: Built) -> None:
    directories = {row[0]: row for row in built.table("Directory")}
    created = {row[0] for row in built.table("CreateFolder")}
    assert len(created) == 1
    (folder,) = created
    assert directories[folder][2] == "empty"


# --- the Property table ---------------------------------------------------------------------------


@needs_msitools
def test_property_table_has_version_upgrade_code_and_per_machine_scope(built: Built) -> None:
    properties = built.properties()
    assert properties["ProductVersion"] == build_msi.msi_version(build_msi.project_version())
    assert properties["UpgradeCode"] == "{" + source_upgrade_code() + "}"
    assert properties["ALLUSERS"] == "1"
    assert properties["ProductName"] == "pass Culture kiosk"


@needs_msitools
def test_public_properties_are_secure_and_the_code_is_hidden(built: Built) -> None:
    properties = built.properties()
    secure = set(properties["SecureCustomProperties"].split(";"))
    assert {"SERVER_URL", "ENROLLMENT_CODE", "KIOSK_NAME", "KIOSK_ACCOUNT"} <= secure
    assert {"WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"} <= secure
    assert properties["MsiHiddenProperties"].split(";") == ["ENROLLMENT_CODE"]
    # No default value: the MSI must never hold a code or a server of its own.
    for name in ("SERVER_URL", "ENROLLMENT_CODE", "KIOSK_NAME", "KIOSK_ACCOUNT"):
        assert name not in properties


@needs_msitools
def test_version_comes_from_the_build(tmp_path: Path) -> None:
    built = build(tmp_path, version="2.7")
    assert built.properties()["ProductVersion"] == "2.7.0"
    upgrades = built.table("Upgrade")
    assert {row[1] for row in upgrades} | {row[2] for row in upgrades} >= {"2.7.0"}


@needs_msitools
def test_component_guids_are_stable_and_product_codes_are_not(
    built: Built, tmp_path: Path
) -> None:
    again = build(tmp_path)
    assert sorted(again.table("Component")) == sorted(built.table("Component"))
    assert again.properties()["ProductCode"] != built.properties()["ProductCode"]


# --- upgrades, custom actions, shortcut -----------------------------------------------------------


@needs_msitools
def test_major_upgrade_removes_older_versions_and_refuses_downgrades(built: Built) -> None:
    version = built.properties()["ProductVersion"]
    code = "{" + source_upgrade_code() + "}"
    rows = {row[6]: row for row in built.table("Upgrade")}
    older, newer = rows["WIX_UPGRADE_DETECTED"], rows["WIX_DOWNGRADE_DETECTED"]
    assert older[0] == newer[0] == code
    assert (older[1], older[2]) == ("", version)  # any version below this one
    assert int(newer[4]) & 2  # msidbUpgradeAttributesOnlyDetect: never removes a newer one
    conditions = {row[0] for row in built.table("LaunchCondition")}
    assert "NOT WIX_DOWNGRADE_DETECTED" in conditions
    sequence = built.sequence()
    assert (
        sequence["InstallValidate"][0]
        < sequence["RemoveExistingProducts"][0]
        < sequence["InstallInitialize"][0]
    )


@needs_msitools
def test_configuration_runs_deferred_as_system_with_a_hidden_command_line(built: Built) -> None:
    actions = {row[0]: row for row in built.table("CustomAction")}
    _, kind, source, target = actions["ConfigureKiosk"][:4]
    flags = int(kind)
    assert flags & 0x3F == TYPE_EXE_PROPERTY
    assert flags & IN_SCRIPT and flags & NO_IMPERSONATE and flags & HIDE_TARGET
    assert not flags & CONTINUE  # a failure fails the install
    assert source == "POWERSHELLEXE"
    assert actions["SetPowerShellExe"][3].endswith(r"WindowsPowerShell\v1.0\powershell.exe")
    assert '-File "[#ScriptConfigure]"' in target
    for argument in (
        '"server=[SERVER_URL]"',
        '"name=[KIOSK_NAME]"',
        '"code=[ENROLLMENT_CODE]"',
        '"account=[KIOSK_ACCOUNT]"',
    ):
        assert argument in target
    files = {row[0]: row[2] for row in built.table("File")}
    assert files["ScriptConfigure"] == "Configure-Kiosk.ps1"
    sequence = built.sequence()
    position, condition = sequence["ConfigureKiosk"]
    assert condition == 'NOT REMOVE~="ALL"'
    assert sequence["InstallFiles"][0] < position < sequence["InstallFinalize"][0]
    assert sequence["SetPowerShellExe"][0] < sequence["InstallInitialize"][0]


@needs_msitools
def test_uninstall_cleanup_runs_only_for_a_real_uninstall_and_never_fails_it(
    built: Built,
) -> None:
    actions = {row[0]: row for row in built.table("CustomAction")}
    _, kind, source, target = actions["RemoveKioskData"][:4]
    flags = int(kind)
    assert flags & IN_SCRIPT and flags & NO_IMPERSONATE and flags & CONTINUE
    assert '-File "[#ScriptCleanup]"' in target
    sequence = built.sequence()
    position, condition = sequence["RemoveKioskData"]
    assert condition == 'REMOVE~="ALL" AND NOT UPGRADINGPRODUCTCODE'
    # Before RemoveFiles: the script is still on disk when it runs.
    assert sequence["InstallInitialize"][0] < position < sequence["RemoveFiles"][0]


@needs_msitools
def test_start_menu_shortcut_targets_the_installed_exe(built: Built) -> None:
    (shortcut,) = built.table("Shortcut")
    assert shortcut[1] == "ProgramMenuFolder"
    assert shortcut[2] == "Borne pass Culture"
    assert shortcut[4] == "[#MainExe]"  # not a feature name: a plain, non-advertised shortcut
    files = {row[0]: row[2] for row in built.table("File")}
    assert files["MainExe"] == "passculture-kiosk.exe"
    registry = {row[3]: row for row in built.table("Registry")}
    assert registry["InstallDir"][1:3] == ["2", r"SOFTWARE\passculture-kiosk"]  # 2: HKLM


@needs_msitools
def test_summary_information_says_x64(built: Built) -> None:
    import subprocess

    info = subprocess.run(
        ["msiinfo", "suminfo", str(built.msi)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Template: x64;1033$", info, re.MULTILINE), info


# --- the build script on its own ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "expected"), [("0.1.0", "0.1.0"), ("1.2", "1.2.0"), ("255.255.65535", None)]
)
def test_msi_version(version: str, expected: str | None) -> None:
    assert build_msi.msi_version(version) == (expected or version)


@pytest.mark.parametrize("version", ["1.0.0rc1", "1.0.0.dev3", "1.2.3.4", "256.0.0", "1.0.65536"])
def test_versions_windows_installer_cannot_compare_are_refused(version: str) -> None:
    with pytest.raises(build_msi.BuildError):
        build_msi.msi_version(version)


def test_harvest_refuses_a_folder_without_the_exe(tmp_path: Path) -> None:
    (tmp_path / "something.dll").write_bytes(b"")
    with pytest.raises(build_msi.BuildError, match="passculture-kiosk.exe"):
        build_msi.harvest(tmp_path)


def test_harvest_refuses_folders_the_installer_adds_itself(tmp_path: Path) -> None:
    payload = make_payload(tmp_path)
    (payload / "tools").mkdir()
    with pytest.raises(build_msi.BuildError, match="tools"):
        build_msi.harvest(payload)


def test_harvest_lists_every_file_but_the_exe_once(tmp_path: Path) -> None:
    harvested = build_msi.harvest(make_payload(tmp_path))
    root = ET.fromstring(harvested.xml)
    sources = [f.get("Source", "") for f in root.iter(f"{WIX}File")]
    assert sorted(sources) == sorted(
        f"$(var.PayloadDir)/{relative}"
        for relative in STAND_IN
        if relative != "passculture-kiosk.exe"
    )
    components = list(root.iter(f"{WIX}Component"))
    refs = {ref.get("Id") for ref in root.iter(f"{WIX}ComponentRef")}
    assert refs == {c.get("Id") for c in components}
    assert len({c.get("Guid") for c in components}) == len(components)
    assert harvested.files == len(STAND_IN) - 1
