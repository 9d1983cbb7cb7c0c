"""The Windows packaging sources, checked without Windows and without wixl.

Well-formed XML, a Group Policy template that matches kiosk/config.py in both languages and
covers the settings the MSI takes, PowerShell scripts that do what the docs say they do, a
CI workflow that runs the installer end to end. Windows itself runs the scripts (see
.github/workflows/windows.yml); here they are read, not executed.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from kiosk import config, winpolicy
from kiosk.config import Kind

REPO = Path(__file__).resolve().parents[2]
WINDOWS = REPO / "packaging" / "windows"
WXS = WINDOWS / "passculture-kiosk.wxs"
ADMX = WINDOWS / "policy" / "passculture-kiosk.admx"
ADMLS = {lang: WINDOWS / "policy" / lang / "passculture-kiosk.adml" for lang in ("fr-FR", "en-US")}
WORKFLOW = REPO / ".github" / "workflows" / "windows.yml"
DOCS = REPO / "docs" / "deploy-windows.md"
PD = "{http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions}"
WIX = "{http://schemas.microsoft.com/wix/2006/wi}"
MSI_PROPERTIES = ("SERVER_URL", "ENROLLMENT_CODE", "KIOSK_NAME")


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def admx_policies() -> list[ET.Element]:
    return list(ET.parse(ADMX).getroot().iter(f"{PD}policy"))


def policy_option(policy: ET.Element) -> str:
    elements = policy.find(f"{PD}elements")
    assert elements is not None
    (element,) = list(elements)
    return element.get("valueName", "")


def adml(language: str) -> tuple[dict[str, str], dict[str, ET.Element]]:
    root = ET.parse(ADMLS[language]).getroot()
    strings = {s.get("id", ""): s.text or "" for s in root.iter(f"{PD}string")}
    presentations = {p.get("id", ""): p for p in root.iter(f"{PD}presentation")}
    return strings, presentations


def msi_settings() -> dict[str, str]:
    """MSI property -> config option, as Configure-Kiosk.ps1 maps them (server=, name=)."""
    script = text(WINDOWS / "scripts" / "Configure-Kiosk.ps1")
    match = re.search(r"\$OptionOf = \[ordered\]@\{(.*?)\}", script)
    assert match, "Configure-Kiosk.ps1 must declare its $OptionOf map"
    tokens = dict(re.findall(r"(\w+)\s*=\s*'(\w+)'", match.group(1)))
    action = next(
        a for a in ET.parse(WXS).getroot().iter(f"{WIX}CustomAction")
        if a.get("Id") == "ConfigureKiosk"
    )
    command = action.get("ExeCommand", "")
    by_property = dict(re.findall(r'"(\w+)=\[(\w+)\]"', command))  # token -> property
    return {prop: tokens[token] for token, prop in by_property.items() if token in tokens}


# --- XML ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", [WXS, ADMX, *ADMLS.values()], ids=lambda p: p.relative_to(WINDOWS).as_posix()
)
def test_xml_is_well_formed(path: Path) -> None:
    ET.parse(path)


def test_wix_source_is_ascii() -> None:
    # wixl writes a codepage-neutral database: any accent would be garbled on Windows.
    WXS.read_bytes().decode("ascii")


def test_wix_source_declares_the_public_properties_and_a_fixed_upgrade_code() -> None:
    root = ET.parse(WXS).getroot()
    product = root.find(f"{WIX}Product")
    assert product is not None
    assert product.get("Id") == "*"
    guid = r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}"
    assert re.fullmatch(guid, product.get("UpgradeCode", ""))
    assert product.get("Version") == "$(var.Version)"
    package = product.find(f"{WIX}Package")
    assert package is not None and package.get("InstallScope") == "perMachine"
    assert product.find(f"{WIX}MajorUpgrade") is not None
    secure = {p.get("Id") for p in root.iter(f"{WIX}Property") if p.get("Secure") == "yes"}
    assert set(MSI_PROPERTIES) <= secure


# --- the Group Policy template --------------------------------------------------------------------


def test_template_is_generated_from_the_option_spec() -> None:
    make_admx = _load("make_admx", WINDOWS / "make_admx.py")
    for path, expected in make_admx.rendered().items():
        assert text(path) == expected, (
            f"{path.relative_to(REPO)} is out of date: run python packaging/windows/make_admx.py"
        )


def test_policies_write_under_the_key_the_kiosk_reads() -> None:
    for policy in admx_policies():
        assert policy.get("class") == "Machine"
        assert policy.get("key") == winpolicy.POLICY_KEY


def test_every_policy_names_a_real_option_with_its_bounds_and_choices() -> None:
    for policy in admx_policies():
        elements = policy.find(f"{PD}elements")
        assert elements is not None
        (element,) = list(elements)
        option = config.get_option(element.get("valueName", ""))
        tag = element.tag.removeprefix(PD)
        if option.kind is Kind.INT:
            assert tag == "decimal"
            assert int(element.get("minValue", "")) == option.minimum
            assert int(element.get("maxValue", "")) == option.maximum
        elif option.kind is Kind.CHOICE:
            assert tag == "enum"
            values = [v.text for v in element.iter(f"{PD}string")]
            assert values == list(option.choices)
        elif option.kind is Kind.BOOL:
            assert tag == "boolean"
        else:
            assert tag == "text"


def test_a_policy_value_round_trips_through_the_kiosk_loader() -> None:
    # What each element writes (REG_SZ text / REG_DWORD number) is accepted as it is.
    for policy in admx_policies():
        option = config.get_option(policy_option(policy))
        if option.kind is Kind.INT:
            raw: object = option.default
        elif option.kind is Kind.CHOICE:
            raw = option.choices[-1]
        elif option.kind is Kind.URL:
            raw = "https://kiosk-api.example.org"
        elif option.kind is Kind.PATH:
            raw = str(ADMX)  # an existing readable file, as ca_bundle demands
        else:
            raw = "Borne du hall"
        cfg = config.load(environ={}, policy={option.name: raw})
        assert cfg.problems == [], cfg.problems
        assert cfg.source(option.name) == winpolicy.POLICY_SOURCE


def test_policies_cover_the_settings_the_msi_takes() -> None:
    settings = msi_settings()
    assert settings == {"SERVER_URL": "central_url", "KIOSK_NAME": "kiosk_name"}
    covered = {policy_option(policy) for policy in admx_policies()}
    assert set(settings.values()) <= covered
    # The enrollment code is a one-time secret: never a policy (GPO files are readable by
    # every domain computer).
    assert not any("code" in name or "enroll" in name for name in covered)


@pytest.mark.parametrize("language", ["fr-FR", "en-US"])
def test_every_policy_has_strings_and_a_presentation_in_each_language(language: str) -> None:
    strings, presentations = adml(language)
    references = re.findall(r"\$\((string|presentation)\.([\w.]+)\)", text(ADMX))
    assert references
    for kind, name in references:
        table = strings if kind == "string" else presentations
        assert name in table, f"{language}: missing {kind} {name}"
        if kind == "string":
            assert table[name].strip(), f"{language}: empty string {name}"
    for policy in admx_policies():
        presentation = presentations.get(policy.get("name", ""))
        if presentation is None:
            continue
        elements = policy.find(f"{PD}elements")
        assert elements is not None
        ids = {element.get("id") for element in elements}
        assert {child.get("refId") for child in presentation} == ids


def test_both_languages_define_the_same_strings() -> None:
    french, french_presentations = adml("fr-FR")
    english, english_presentations = adml("en-US")
    assert set(french) == set(english)
    assert set(french_presentations) == set(english_presentations)
    assert french["CentralUrl"] != english["CentralUrl"]  # translated, not copied


@pytest.mark.parametrize("language", ["fr-FR", "en-US"])
def test_explanations_carry_the_option_help(language: str) -> None:
    strings, _ = adml(language)
    for policy in admx_policies():
        option = config.get_option(policy_option(policy))
        expected = option.help_fr if language == "fr-FR" else option.help_en
        assert strings[f"{policy.get('name')}_Help"].startswith(expected)


# --- PowerShell -----------------------------------------------------------------------------------

SCRIPTS: dict[str, tuple[str, ...]] = {
    "scripts/Configure-Kiosk.ps1": (
        "central_url",
        "kiosk_name",
        "'config', 'check'",
        "ProtectedData]::Protect",
        "DataProtectionScope]::LocalMachine",
        "enrollment.pending",
        "kiosk.toml",
        "$env:ProgramData",
    ),
    "scripts/Start-Kiosk.ps1": (
        "'enroll', '--code'",
        "ProtectedData]::Unprotect",
        "enrollment.pending",
        "Remove-Item -LiteralPath $Pending",
        "passculture-kiosk.exe",
        "[switch] $Restart",
        "[switch] $EnrollOnly",
    ),
    "scripts/Remove-KioskData.ps1": ("ProfileList", "'Logs'", "Remove-KioskLockdown.ps1"),
    "lockdown/KioskLockdown.psm1": (
        "AutoAdminLogon",
        "LsaStorePrivateData",
        "DefaultPassword",
        "DisableTaskMgr",
        "NoWinKeys",
        "NoToastApplicationNotification",
        "DisableNotificationCenter",
        "AllowEdgeSwipe",
        "WEKF_PredefinedKey",
        "Client-KeyboardFilter",
        "DisableKeyboardFilterForAdministrators",
        "root\\standardcimv2\\embedded",
        "New-LocalUser",
        "'Professional*'",
        "'Enterprise*'",
        "'Education*'",
        "'IoTEnterprise*'",
    ),
    "lockdown/Set-ShellLauncher.ps1": (
        "#Requires -RunAsAdministrator",
        "ShellLauncherConfiguration",
        "http://schemas.microsoft.com/ShellLauncher/2019/Configuration",
        "MDM_AssignedAccess",
        "root\\cimv2\\mdm\\dmmap",
        "RestartShell",
        "WESL_UserSetting",
        "SetCustomShell",
        "Client-EmbeddedShellLauncher",
        "Invoke-AsSystem",
        "Get-KioskLauncherCommand",
    ),
    "lockdown/Set-ProKiosk.ps1": (
        "#Requires -RunAsAdministrator",
        "Set-KioskAutoLogon",
        "Register-ScheduledTask",
        "-AtLogOn",
        "-LogonType Interactive",
        "Start-Kiosk.ps1",
        "-Restart",
        "Enable-KioskKeyboardFilter",
        "Set-KioskUserPolicies",
        "Set-KioskMachinePolicies",
        "'Home'",
    ),
    "lockdown/Remove-KioskLockdown.ps1": (
        "#Requires -RunAsAdministrator",
        "MDM_AssignedAccess",
        "RemoveCustomShell",
        "Unregister-ScheduledTask",
        "Remove-KioskAutoLogon",
        "Remove-KioskUserPolicies",
        "Remove-KioskMachinePolicies",
        "Disable-KioskKeyboardFilter",
        "[switch] $KeepAccount",
    ),
}


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_powershell_script_does_what_the_docs_say(name: str) -> None:
    script = text(WINDOWS / name)
    for needle in SCRIPTS[name]:
        assert needle in script, f"{name} lacks {needle!r}"
    assert "Set-StrictMode -Version 3" in script
    assert "C:\\Program Files" not in script.split("#>", 1)[-1]  # found, never assumed


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_powershell_scripts_are_ascii(name: str) -> None:
    # Windows PowerShell 5.1 reads a script without a byte-order mark as ANSI: an accent in a
    # string would be garbled. Non-ASCII text (a kiosk name) only ever comes from arguments.
    (WINDOWS / name).read_bytes().decode("ascii")


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_powershell_brackets_balance(name: str) -> None:
    # A cheap guard against a truncated edit; the Windows CI parses them for real.
    body = re.sub(r"@'.*?'@|@\".*?\"@", "", text(WINDOWS / name), flags=re.DOTALL)
    body = re.sub(r"<#.*?#>", "", body, flags=re.DOTALL)
    body = re.sub(r"'[^'\n]*'", "''", body)
    body = re.sub(r'"(?:`.|[^"`\n])*"', '""', body)
    body = re.sub(r"#[^\n]*", "", body)
    for opening, closing in ("{}", "()", "[]"):
        assert body.count(opening) == body.count(closing), f"{name}: {opening}{closing}"


def test_every_script_is_installed_by_the_msi() -> None:
    sources = {
        f.get("Source", "").removeprefix("$(var.SourceDir)/")
        for f in ET.parse(WXS).getroot().iter(f"{WIX}File")
    }
    for path in [*WINDOWS.glob("scripts/*.ps1"), *WINDOWS.glob("lockdown/*.ps*1")]:
        assert path.relative_to(WINDOWS).as_posix() in sources, path.name


def test_configure_script_never_logs_the_code() -> None:
    script = text(WINDOWS / "scripts" / "Configure-Kiosk.ps1")
    for line in script.splitlines():
        if "Write-SetupLog" in line or "Stop-Setup" in line:
            assert "$given.code" not in line and "$Code" not in line, line


# --- CI and docs ----------------------------------------------------------------------------------


def test_workflow_installs_self_tests_and_uninstalls() -> None:
    workflow = yaml.safe_load(text(WORKFLOW))
    job = workflow["jobs"]["msi"]
    assert job["runs-on"].startswith("windows")
    assert job["env"]["QT_QPA_PLATFORM"] == "offscreen"
    assert job["env"]["QT_QUICK_BACKEND"] == "software"
    steps = "\n".join(str(step.get("run", "")) for step in job["steps"])
    for needle in (
        "pyinstaller",
        "packaging/pyinstaller/passculture-kiosk.spec",
        "build_msi.py --toolchain wix3",
        "'/qn'",
        "SERVER_URL=",
        "ENROLLMENT_CODE=",
        "KIOSK_NAME=",
        "kiosk.toml",
        "--self-test",
        "'/x'",
        "Start-Kiosk.ps1\" -EnrollOnly",
        "Where-Object Name -ne 'Logs'",
    ):
        assert needle in steps, needle


def test_deployment_docs_cover_properties_scripts_and_limits() -> None:
    docs = text(DOCS)
    for needle in (
        *MSI_PROPERTIES,
        "KIOSK_ACCOUNT",
        "msiexec /i passculture-kiosk",
        "/qn",
        "Set-ShellLauncher.ps1",
        "Set-ProKiosk.ps1",
        "Remove-KioskLockdown.ps1",
        "passculture-kiosk.admx",
        "HKLM\\SOFTWARE\\Policies\\passculture-kiosk",
        "Home",
        "Not verified",
        "wixl",
    ):
        assert needle in docs, needle
