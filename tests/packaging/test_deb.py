"""The .deb end to end, on this machine: build, install, self-test, upgrade, remove, purge.

Needs root, dpkg and apt (it really installs the package and its dependencies, creates the
passculture-kiosk account and purges everything at the end). `make package-test` runs it;
`make test` too, as root where dpkg-deb exists. There is no running systemd here: the
maintainer scripts must cope, and the units are checked with `systemd-analyze verify`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import kiosk

REPO = Path(__file__).resolve().parents[2]
PACKAGE = "passculture-kiosk"
ACCOUNT = "passculture-kiosk"
CONFFILE = Path("/etc/passculture-kiosk/kiosk.toml")
STATE_DIRS = [Path(f"/var/{kind}/{PACKAGE}") for kind in ("lib", "cache", "log")]
UNITS = [f"{PACKAGE}.service", f"{PACKAGE}-restart.service", f"{PACKAGE}-restart.timer"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.deb,
    pytest.mark.timeout(1800),
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0
        or any(shutil.which(tool) is None for tool in ("dpkg-deb", "dpkg", "apt-get")),
        reason="installs a .deb on this machine: needs root, dpkg and apt",
    ),
]


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build_deb = _load("build_deb", REPO / "packaging" / "linux" / "build_deb.py")


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without the test suite's PCK_ and Qt settings."""
    environ = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("PCK_", "QT_", "NOTIFY_SOCKET", "WATCHDOG_"))
    }
    environ.update({"DEBIAN_FRONTEND": "noninteractive", "LC_ALL": "C.UTF-8", **extra})
    return environ


def run(*command: str | Path, check: bool = True, timeout: float = 600,
        stdin: str | None = None, **extra_env: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=timeout,
        input=stdin, env=clean_environment(**extra_env), cwd="/",
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, command))} exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return result


def kiosk_command(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The installed command, as IT runs it (root; it switches to the kiosk's account)."""
    return run("/usr/bin/passculture-kiosk", *args, check=check,
               QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")


def apt_install(deb: Path) -> subprocess.CompletedProcess[str]:
    return run("apt-get", "install", "-y", "--allow-downgrades",
               "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold",
               f"{deb}")


def package_status() -> str:
    result = run("dpkg-query", "-W", "-f=${Status} ${Version}", PACKAGE, check=False)
    return result.stdout.strip() if result.returncode == 0 else "not known"


def debconf_value(question: str) -> str:
    answer = run("debconf-communicate", PACKAGE, stdin=f"GET {PACKAGE}/{question}\n",
                 check=False).stdout.strip()
    return answer


def leftovers() -> list[str]:
    """Every trace of the package that a purge must remove."""
    found = [
        str(path) for path in (
            Path(f"/opt/{PACKAGE}"), Path(f"/usr/bin/{PACKAGE}"), CONFFILE.parent,
            Path(f"/etc/pam.d/{PACKAGE}"), *STATE_DIRS,
            *[Path("/usr/lib/systemd/system") / name for name in UNITS],
        ) if path.exists() or path.is_symlink()
    ]
    for root in (Path("/etc/systemd/system"), Path("/var/lib/systemd")):
        found += [str(p) for p in root.rglob(f"*{PACKAGE}*")] if root.exists() else []
    config_dat = Path("/var/cache/debconf/config.dat")
    if f"Name: {PACKAGE}/" in config_dat.read_text(encoding="utf-8", errors="replace"):
        found.append(f"{config_dat}: {PACKAGE}/ questions")
    if package_status() != "not known":
        found.append(f"dpkg status: {package_status()}")
    return found


def purge() -> None:
    run("dpkg", "--purge", PACKAGE, check=False)
    # debconf keeps answers preseeded for a package that was never installed
    run("sh", "-c", f"echo PURGE | debconf-communicate {PACKAGE}", check=False)


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PyInstaller folder, built from this checkout as `make package-linux` does."""
    pytest.importorskip("PyInstaller", reason="needs the package extra: pip install -e .[package]")
    work = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    run(sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", work / "dist", "--workpath", work / "build",
        REPO / "packaging" / "pyinstaller" / "passculture-kiosk.spec", timeout=1200)
    print(f"\nPyInstaller build: {time.monotonic() - started:.0f} s")
    return work / "dist" / PACKAGE


@pytest.fixture(scope="module")
def debs(frozen_app: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same folder packed twice: the release version, and a higher one to upgrade to."""
    out = tmp_path_factory.mktemp("debs")
    out.chmod(0o755)  # apt's download user reads the local .deb
    built = {}
    for version in (kiosk.__version__, f"{kiosk.__version__}+upgradetest1"):
        started = time.monotonic()
        built[version] = build_deb.build(frozen_app, out, tmp_path_factory.mktemp("stage"),
                                         version, compression=("gzip", 6))
        print(f"\n{built[version].name}: {built[version].stat().st_size / 1e6:.1f} MB "
              f"in {time.monotonic() - started:.0f} s")
    return built


@pytest.fixture(scope="module", autouse=True)
def clean_machine() -> Iterator[None]:
    purge()
    run("apt-get", "update", "-qq", timeout=600)
    yield
    purge()


def frozen_kiosk_notifies_systemd(command: Path, scratch: Path) -> None:
    """The frozen kiosk, started as the unit does, says READY=1 then WATCHDOG=1, then stops."""
    address = f"@pck-deb-test-{uuid.uuid4().hex}"
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    systemd.bind("\0" + address[1:])
    systemd.settimeout(60)
    kiosk_process = subprocess.Popen(
        [str(command)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=clean_environment(
            NOTIFY_SOCKET=address, WATCHDOG_USEC="1000000", QT_QPA_PLATFORM="offscreen",
            QT_QUICK_BACKEND="software", PCK_DATA_DIR=str(scratch / "data"),
            PCK_CACHE_DIR=str(scratch / "cache"), PCK_LOG_DIR=str(scratch / "log"),
        ),
    )
    try:
        assert systemd.recv(4096).decode().startswith("READY=1\nSTATUS=kiosk ")
        assert systemd.recv(4096) == b"WATCHDOG=1"
        kiosk_process.terminate()
        assert kiosk_process.wait(timeout=30) == 0
        messages = []
        systemd.settimeout(0.5)
        with contextlib.suppress(TimeoutError):
            while True:
                messages.append(systemd.recv(4096))
        assert messages[-1] == b"STOPPING=1"
    finally:
        if kiosk_process.poll() is None:
            kiosk_process.kill()
            kiosk_process.wait()
        systemd.close()


def children_of(pid: int) -> list[int]:
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat_file.parent.name))
    return found


def kiosk_in_cage_notifies_systemd(scratch: Path) -> None:
    """The unit's ExecStart as its account, in cage's headless backend, as systemd runs it.

    systemd names the unit's main process, cage, in WATCHDOG_PID; the kiosk is cage's child
    and must still ping. No screen here: wlroots draws into memory (pixman), Qt renders in
    software, over a real Wayland connection.
    """
    service = Path(f"/usr/lib/systemd/system/{PACKAGE}.service").read_text(encoding="utf-8")
    exec_start = re.search(r"^ExecStart=(.+)$", service, re.MULTILINE)
    assert exec_start is not None
    # Not under pytest's temporary folders, which the kiosk's account cannot enter.
    runtime = Path(tempfile.mkdtemp(prefix="pck-xdg-runtime-", dir="/tmp"))
    account = pwd.getpwnam(ACCOUNT)
    os.chown(runtime, account.pw_uid, account.pw_gid)
    address = f"@pck-deb-cage-{uuid.uuid4().hex}"
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    systemd.bind("\0" + address[1:])
    systemd.settimeout(120)
    unit_environment = dict(re.findall(r"^Environment=(\w+)=(.*)$", service, re.MULTILINE))
    environment = {
        **unit_environment, "XDG_RUNTIME_DIR": str(runtime), "WLR_BACKENDS": "headless",
        "WLR_RENDERER": "pixman", "QT_QUICK_BACKEND": "software",
        "NOTIFY_SOCKET": address, "WATCHDOG_USEC": "2000000",
    }
    log = (scratch / "cage.log").open("w")
    # setpriv does not fork: the shell, then cage, keep the pid that WATCHDOG_PID names.
    cage = subprocess.Popen(
        ["setpriv", f"--reuid={ACCOUNT}", f"--regid={ACCOUNT}", "--init-groups", "--reset-env",
         "env", *[f"{key}={value}" for key, value in environment.items()],
         "sh", "-c", f"export WATCHDOG_PID=$$; exec {exec_start.group(1)}"],
        stdout=log, stderr=subprocess.STDOUT, cwd="/",
    )
    try:
        try:
            assert systemd.recv(4096).decode().startswith("READY=1\nSTATUS=kiosk ")
            assert systemd.recv(4096) == b"WATCHDOG=1"
            assert systemd.recv(4096) == b"WATCHDOG=1"
        except TimeoutError:
            raise AssertionError((scratch / "cage.log").read_text()) from None
        kiosks = children_of(cage.pid)
        assert len(kiosks) == 1, kiosks
        os.kill(kiosks[0], signal.SIGTERM)
        cage.wait(timeout=60)  # cage leaves with its only client
        systemd.settimeout(1)
        messages = []
        with contextlib.suppress(TimeoutError):
            while True:
                messages.append(systemd.recv(4096))
        assert messages and messages[-1] == b"STOPPING=1"
    finally:
        if cage.poll() is None:
            cage.kill()
            cage.wait()
        log.close()
        systemd.close()
        shutil.rmtree(runtime, ignore_errors=True)


def test_install_self_test_upgrade_remove_purge(debs: dict[str, Path], tmp_path: Path) -> None:
    scratch = tmp_path
    first, upgrade = debs
    assert leftovers() == [], "a previous install was not purged"

    # --- install, without answers: training mode ----------------------------------------------
    apt_install(debs[first])
    assert package_status() == f"install ok installed {first}"
    account = pwd.getpwnam(ACCOUNT)
    assert account.pw_dir == "/var/lib/passculture-kiosk"
    assert account.pw_shell == "/usr/sbin/nologin"
    assert account.pw_uid < 1000
    for folder in STATE_DIRS:
        info = folder.stat()
        assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (account.pw_uid, 0o750), folder
    conffiles = run("dpkg-query", "-W", "-f=${Conffiles}", PACKAGE).stdout
    assert str(CONFFILE) in conffiles and "/etc/pam.d/passculture-kiosk" in conffiles
    # Enabled as deb-systemd-helper does without a running systemd.
    assert Path(f"/etc/systemd/system/graphical.target.wants/{PACKAGE}.service").is_symlink()
    assert Path(f"/etc/systemd/system/timers.target.wants/{PACKAGE}-restart.timer").is_symlink()
    verify = run("systemd-analyze", "verify", "--man=no",
                 *[f"/usr/lib/systemd/system/{name}" for name in UNITS], check=False)
    assert (verify.returncode, verify.stdout + verify.stderr) == (0, "")

    self_test = kiosk_command("--self-test")
    assert "self-test passed" in self_test.stdout
    # It ran as the kiosk's account, in the folders of the conffile.
    state_files = list(Path("/var/lib/passculture-kiosk").iterdir())
    assert state_files and all(p.stat().st_uid == account.pw_uid for p in state_files)
    assert Path("/var/log/passculture-kiosk/kiosk.log").stat().st_uid == account.pw_uid
    frozen_kiosk_notifies_systemd(Path(f"/opt/{PACKAGE}/{PACKAGE}"), scratch)
    kiosk_in_cage_notifies_systemd(scratch)
    shown = kiosk_command("config", "show").stdout
    assert re.search(r"^data_dir += \"/var/lib/passculture-kiosk\" +# system file "
                     r"/etc/passculture-kiosk/kiosk.toml$", shown, re.MULTILINE), shown
    assert kiosk_command("config", "check").stdout.strip() == "configuration OK"

    # --- a local edit survives an upgrade -------------------------------------------------------
    with CONFFILE.open("a", encoding="utf-8") as edit:
        edit.write("idle_timeout = 120  # edited by the test\n")
    apt_install(debs[upgrade])
    assert package_status() == f"install ok installed {upgrade}"
    assert "idle_timeout = 120  # edited by the test" in CONFFILE.read_text(encoding="utf-8")
    assert not list(CONFFILE.parent.glob("*.dpkg-*"))
    assert re.search(r"^idle_timeout += 120 +# system file", kiosk_command("config", "show").stdout,
                     re.MULTILINE)
    assert "self-test passed" in kiosk_command("--self-test").stdout

    # --- remove keeps the configuration and the state -------------------------------------------
    run("apt-get", "remove", "-y", PACKAGE)
    assert package_status() == f"deinstall ok config-files {upgrade}"
    assert "edited by the test" in CONFFILE.read_text(encoding="utf-8")
    assert all(folder.is_dir() for folder in STATE_DIRS)
    assert not Path(f"/opt/{PACKAGE}").exists() and not Path(f"/usr/bin/{PACKAGE}").exists()

    # --- purge leaves nothing but the system account (Debian keeps those) ---------------------
    run("apt-get", "purge", "-y", PACKAGE)
    assert leftovers() == []
    assert pwd.getpwnam(ACCOUNT).pw_uid == account.pw_uid


def test_preseeded_install_enrolls_against_the_simulator(
    debs: dict[str, Path], frozen_app: Path, tmp_path: Path
) -> None:
    assert leftovers() == []
    simulator_data = tmp_path / "simulator"
    # The frozen simulator, so that Flask and its templates are proven to be in the bundle.
    simulator = subprocess.Popen(
        [str(frozen_app / PACKAGE), "simulator", "--port", "0", "--data", str(simulator_data)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=clean_environment(),
    )
    try:
        url = ""
        assert simulator.stdout is not None
        for line in simulator.stdout:
            found = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
            if found:
                url = found.group(1)
                break
        assert url, "the simulator did not start"
        name = 'Hall "Jean-Macé" \\ 2'
        run("debconf-set-selections", stdin=(
            f"{PACKAGE} {PACKAGE}/central_url string {url}\n"
            f"{PACKAGE} {PACKAGE}/kiosk_name string {name}\n"
            f"{PACKAGE} {PACKAGE}/enrollment_code password DEMO-1234\n"
        ))
        installed = apt_install(debs[next(iter(debs))])
        assert "enrolled: device" in installed.stdout + installed.stderr

        token_file = Path("/var/lib/passculture-kiosk/secrets.json")
        info = token_file.stat()
        assert info.st_uid == pwd.getpwnam(ACCOUNT).pw_uid
        assert stat.S_IMODE(info.st_mode) == 0o600
        assert debconf_value("enrollment_code") == "0", "the used code is still stored"

        shown = kiosk_command("config", "show").stdout
        assert re.search(rf'^central_url += "{re.escape(url)}" +# user file '
                         r"/etc/passculture-kiosk/debconf.toml$", shown, re.MULTILINE), shown
        assert kiosk_command("config", "check").stdout.strip() == "configuration OK"
        health = json.loads(kiosk_command("status", "--json", check=False).stdout)
        assert (health["mode"], health["enrolled"]) == ("production", True)
        synced = kiosk_command("sync", "--once")
        assert "sync OK" in synced.stdout
        # The kiosk's name reached the central API as typed, quotes and backslash included.
        with urllib.request.urlopen(f"{url}/admin/devices", timeout=10) as answer:
            devices = json.load(answer)
        assert [device["kioskName"] for device in devices] == [name]
    finally:
        simulator.terminate()
        simulator.wait(timeout=30)
        if simulator.stdout is not None:
            simulator.stdout.close()
    run("apt-get", "purge", "-y", PACKAGE)
    assert leftovers() == []
