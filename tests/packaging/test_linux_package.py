"""The Linux package's parts, checked fast: units, control fields, conffiles, debconf, spec.

The slow end-to-end test (build, install, upgrade, purge on this machine) is test_deb.py;
these run with every `make test`. A package is built here too, around a stand-in for the
PyInstaller folder, and read back with dpkg-deb.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from kiosk import config

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
SPEC = REPO / "packaging" / "pyinstaller" / "passculture-kiosk.spec"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build_deb = _load("build_deb", LINUX / "build_deb.py")


def unit(name: str) -> dict[str, list[tuple[str, str]]]:
    """A systemd unit file as {section: [(key, value), ...]}; keys may repeat."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for line in (LINUX / "systemd" / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
            continue
        key, _, value = line.partition("=")
        current.append((key.strip(), value.strip()))
    return sections


def values(section: list[tuple[str, str]], key: str) -> list[str]:
    return [value for k, value in section if k == key]


def one(section: list[tuple[str, str]], key: str) -> str:
    found = values(section, key)
    assert len(found) == 1, f"{key}= appears {len(found)} times"
    return found[0]


# --- systemd units ----------------------------------------------------------------------------


def test_the_kiosk_unit_runs_in_cage_on_a_console_with_a_watchdog() -> None:
    kiosk = unit("passculture-kiosk.service")
    service, section = kiosk["Service"], kiosk["Unit"]
    assert one(service, "ExecStart").startswith("/usr/bin/cage ")
    assert one(service, "ExecStart").endswith(" -- /usr/bin/passculture-kiosk")
    assert one(service, "User") == "passculture-kiosk"
    assert one(service, "TTYPath") == "/dev/tty1"
    assert "getty@tty1.service" in one(section, "Conflicts")
    assert one(service, "PAMName") == "passculture-kiosk"
    # The kiosk is cage's child: systemd must accept its notifications.
    assert one(service, "Type") == "notify"
    assert one(service, "NotifyAccess") == "all"
    assert int(one(service, "WatchdogSec")) >= 10
    assert one(service, "Restart") == "always"
    assert one(section, "StartLimitIntervalSec")
    assert int(one(section, "StartLimitBurst")) > 1
    assert one(service, "StandardError") == "journal"
    assert ("Install", [("WantedBy", "graphical.target")]) in kiosk.items()


def test_the_unit_keeps_the_folders_that_the_conffile_names() -> None:
    service = unit("passculture-kiosk.service")["Service"]
    settings = build_deb.SYSTEM_SETTINGS
    assert f"/var/lib/{one(service, 'StateDirectory')}" == settings["data_dir"]
    assert f"/var/cache/{one(service, 'CacheDirectory')}" == settings["cache_dir"]
    assert f"/var/log/{one(service, 'LogsDirectory')}" == settings["log_dir"]
    for key in ("StateDirectoryMode", "CacheDirectoryMode", "LogsDirectoryMode"):
        assert one(service, key) == "0750"


def test_the_nightly_timer_restarts_the_kiosk() -> None:
    timer = unit("passculture-kiosk-restart.timer")
    assert one(timer["Timer"], "OnCalendar")
    assert one(timer["Install"], "WantedBy") == "timers.target"
    restart = unit("passculture-kiosk-restart.service")["Service"]
    assert one(restart, "Type") == "oneshot"
    command = one(restart, "ExecStart")
    assert "try-restart passculture-kiosk.service" in command
    assert "reset-failed passculture-kiosk.service" in command
    assert set(build_deb.UNITS) == {p.name for p in (LINUX / "systemd").iterdir()}


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_analyze_verify_passes() -> None:
    units = [str(LINUX / "systemd" / name) for name in build_deb.UNITS]
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units],
        capture_output=True, text=True, timeout=60,
    )
    # The package's own command exists only once installed (test_deb.py verifies the
    # installed units strictly); cage comes with the package's dependencies.
    absent = ["/usr/bin/passculture-kiosk"]
    if shutil.which("cage") is None:
        absent.append("/usr/bin/cage")
    problems = [
        line for line in (result.stdout + result.stderr).splitlines()
        if line.strip()
        and not any(f"Command {command} is not executable" in line for command in absent)
    ]
    assert problems == [], "\n".join(problems)


# --- control file, conffiles, configuration ---------------------------------------------------


def control_fields(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if line.startswith(" "):
            fields[key] += "\n" + line
            continue
        key, _, value = line.partition(": ")
        fields[key] = value
    return fields


def test_control_fields() -> None:
    fields = control_fields(build_deb.control("1.2.3", 4321))
    assert fields["Package"] == "passculture-kiosk"
    assert fields["Version"] == "1.2.3"
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "4321"
    assert re.fullmatch(r"[^<>]+ <[^@\s]+@[^>\s]+>", fields["Maintainer"])
    depends = [d.strip() for d in fields["Depends"].split(",")]
    for needed in ("cage", "adduser", "libpam-systemd", "libc6 (>= 2.36)",
                   "debconf (>= 0.5) | debconf-2.0", "init-system-helpers (>= 1.54~)"):
        assert needed in depends
    summary, *body = fields["Description"].split("\n")
    assert 0 < len(summary) <= 80
    assert body and all(line.startswith(" ") and len(line) <= 80 for line in body)


def test_conffiles() -> None:
    assert build_deb.CONFFILES == (config.LINUX_SYSTEM_CONFIG, "/etc/pam.d/passculture-kiosk")


def test_the_conffile_template_configures_a_system_service(tmp_path: Path) -> None:
    text = build_deb.render_conffile()
    table = tomllib.loads(text)
    assert table == build_deb.SYSTEM_SETTINGS
    for option in config.OPTIONS:
        assert re.search(rf"^#?{option.name} = ", text, re.MULTILINE), option.name
    assert all(len(line) <= 90 for line in text.splitlines())
    system_file = tmp_path / "kiosk.toml"
    system_file.write_text(text, encoding="utf-8")
    loaded = config.load(environ={
        "PCK_SYSTEM_CONFIG_FILE": str(system_file),
        "PCK_USER_CONFIG_FILE": str(tmp_path / "absent.toml"),
    })
    assert loaded.problems == []
    assert str(loaded.data_dir) == "/var/lib/passculture-kiosk"
    assert str(loaded.log_dir) == "/var/log/passculture-kiosk"
    assert loaded.secrets_backend == "file" and loaded.allow_plaintext_secrets
    assert loaded.training_mode


# --- debconf and maintainer scripts -----------------------------------------------------------


def debconf_templates() -> dict[str, str]:
    text = (LINUX / "debian" / "templates").read_text(encoding="utf-8")
    names = re.findall(r"^Template: (\S+)$", text, re.MULTILINE)
    types = re.findall(r"^Type: (\S+)$", text, re.MULTILINE)
    assert len(names) == len(types)
    return dict(zip(names, types, strict=True))


def test_debconf_questions_config_script_and_preseed_agree() -> None:
    templates = debconf_templates()
    assert templates == {
        "passculture-kiosk/central_url": "string",
        "passculture-kiosk/kiosk_name": "string",
        "passculture-kiosk/enrollment_code": "password",
    }
    asked = re.findall(r"db_input \w+ (\S+)", (LINUX / "debian" / "config").read_text())
    assert sorted(asked) == sorted(templates)
    preseed = {}
    for line in (LINUX / "passculture-kiosk.preseed").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            owner, question, kind, _value = line.split(None, 3)
            assert owner == "passculture-kiosk"
            preseed[question] = kind
    assert preseed == templates


@pytest.mark.parametrize("script", [*build_deb.MAINTAINER_SCRIPTS, "../passculture-kiosk.sh"])
def test_maintainer_scripts_are_posix_shell(script: str) -> None:
    path = LINUX / "debian" / script
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh\n")
    assert os.access(path, os.X_OK)
    subprocess.run(["sh", "-n", str(path)], check=True)
    if shutil.which("dash"):
        subprocess.run(["dash", "-n", str(path)], check=True)


def test_purge_removes_every_state_folder_and_the_debconf_answers() -> None:
    postrm = (LINUX / "debian" / "postrm").read_text(encoding="utf-8")
    purge = postrm[postrm.index("    purge)"):]
    purge = purge[: purge.index(";;")]
    for name in ("data_dir", "cache_dir", "log_dir"):
        assert str(build_deb.SYSTEM_SETTINGS[name]) in purge
    assert "/etc/passculture-kiosk" in purge
    assert "db_purge" in purge


# --- the PyInstaller spec ---------------------------------------------------------------------


def spec_constant(name: str) -> tuple[str, ...]:
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple)
            return value
    raise AssertionError(f"{name} is not in the spec")


def test_the_spec_bundles_the_resources() -> None:
    text = SPEC.read_text(encoding="utf-8")
    for source, target in (
        ('"resources" / "fonts"', '"resources/fonts"'),
        ('"resources" / "icons"', '"resources/icons"'),
        ('"resources" / "translations"', '"resources/translations"'),
        ('"ui" / "qml"', '"ui/qml"'),
    ):
        assert source in text and target in text
    for collected in ('collect_data_files(package', 'collect_data_files("tzdata")',
                      'copy_metadata("keyring")', '"PySide6.QtTextToSpeech"',
                      '"PySide6.QtPdf"', '"PySide6.QtPrintSupport"'):
        assert collected in text
    # collect_data_files("kiosk") finds the package data the kiosk reads at run time.
    hooks = pytest.importorskip("PyInstaller.utils.hooks", reason="needs the package extra")
    collected_files = {Path(source).name for source, _ in hooks.collect_data_files("kiosk")}
    assert {"openapi.yaml", "taxonomy.json"} <= collected_files


def test_the_spec_leaves_out_nothing_the_kiosk_uses() -> None:
    unused_qt = spec_constant("UNUSED_QT")
    used_modules = set()
    for source in [*REPO.joinpath("ui").rglob("*.py"), *REPO.joinpath("kiosk").rglob("*.py")]:
        used_modules |= set(re.findall(r"PySide6\.Qt(\w+)", source.read_text(encoding="utf-8")))
    for module in used_modules:
        assert not any(module.startswith(name) for name in unused_qt), module
    qml_imports = set()
    for qml in REPO.joinpath("ui", "qml").rglob("*.qml"):
        qml_imports |= set(re.findall(r"^import ([\w.]+)", qml.read_text(), re.MULTILINE))
    # The virtual keyboard itself imports these.
    qml_imports |= {"QtMultimedia", "Qt.labs.folderlistmodel"}
    unused_qml = spec_constant("UNUSED_QML")
    for name in qml_imports - {"Kiosk"}:
        folder = name.replace(".", "/")
        assert not any(folder == u or folder.startswith(u + "/") for u in unused_qml), name
    assert "texttospeech" not in spec_constant("UNUSED_PLUGINS")


# --- a package around a stand-in payload ------------------------------------------------------


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")
def test_a_package_built_around_a_stand_in_payload(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "_internal" / "ui" / "qml").mkdir(parents=True)
    (app / "passculture-kiosk").write_text("#!/bin/sh\necho stand-in\n")
    (app / "passculture-kiosk").chmod(0o755)
    (app / "_internal" / "ui" / "qml" / "Main.qml").write_text("import QtQuick\n")
    deb = build_deb.build(app, tmp_path / "out", tmp_path / "work", "9.8.7~rc1",
                          compression=("gzip", 1))
    assert deb.name == "passculture-kiosk_9.8.7~rc1_amd64.deb"

    def dpkg_deb(*args: str) -> str:
        return subprocess.run(["dpkg-deb", *args, str(deb)], check=True, capture_output=True,
                              text=True).stdout

    assert dpkg_deb("--field").startswith("Package: passculture-kiosk\nVersion: 9.8.7~rc1\n")
    contents = {}
    for line in dpkg_deb("--contents").splitlines():
        mode, owner, _size, _date, _time, path, *_link = line.split()
        contents[path.removeprefix(".")] = (mode, owner)
    assert contents["/opt/passculture-kiosk/passculture-kiosk"] == ("-rwxr-xr-x", "root/root")
    assert contents["/usr/bin/passculture-kiosk"][0] == "-rwxr-xr-x"
    assert contents["/etc/passculture-kiosk/kiosk.toml"] == ("-rw-r--r--", "root/root")
    for name in build_deb.UNITS:
        assert f"/usr/lib/systemd/system/{name}" in contents
    assert "/usr/share/doc/passculture-kiosk/copyright" in contents
    assert "/usr/share/doc/passculture-kiosk/examples/passculture-kiosk.preseed" in contents
    assert all(owner == "root/root" for _mode, owner in contents.values())
    assert not any(mode[8] == "w" or mode[5] == "w" for mode, _ in contents.values())

    control_dir = tmp_path / "control"
    subprocess.run(["dpkg-deb", "--control", str(deb), str(control_dir)], check=True)
    conffiles = (control_dir / "conffiles").read_text().split()
    assert tuple(conffiles) == build_deb.CONFFILES
    for script in build_deb.MAINTAINER_SCRIPTS:
        assert os.access(control_dir / script, os.X_OK)
    md5sums = (control_dir / "md5sums").read_text()
    assert "opt/passculture-kiosk/passculture-kiosk\n" in md5sums
    assert "etc/passculture-kiosk/kiosk.toml" not in md5sums  # dpkg keeps conffile sums itself
    tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], check=True,
                         capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as files:
        shipped = files.extractfile("./etc/passculture-kiosk/kiosk.toml")
        assert shipped is not None
        assert shipped.read().decode("utf-8") == build_deb.render_conffile()
