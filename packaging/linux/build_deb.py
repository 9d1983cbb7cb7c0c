"""Build dist/passculture-kiosk_<version>_amd64.deb from the PyInstaller folder, with dpkg-deb.

Usage (from the project root, after `make package-linux`)::

    python packaging/linux/build_deb.py [--version 0.1.1] [--app dist/passculture-kiosk]

The version defaults to ``kiosk.__version__``; ``--version`` overrides it (the upgrade test
re-packs the same folder under a higher version). What the package holds and why is in
docs/deploy-linux.md; the fast tests in tests/packaging/test_linux_package.py read the
constants below.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from email.utils import formatdate
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import __version__, config  # noqa: E402 - after the path set-up above

PACKAGE = "passculture-kiosk"
ARCHITECTURE = "amd64"
MAINTAINER = os.environ.get("DEB_MAINTAINER", "pass Culture kiosk team <kiosk@passculture.app>")
INSTALL_DIR = f"/opt/{PACKAGE}"
CONFIG_FILE = config.LINUX_SYSTEM_CONFIG
PAM_FILE = f"/etc/pam.d/{PACKAGE}"
CONFFILES = (CONFIG_FILE, PAM_FILE)
UNIT_DIR = "/usr/lib/systemd/system"
UNITS = (
    f"{PACKAGE}.service",
    f"{PACKAGE}-restart.service",
    f"{PACKAGE}-restart.timer",
)
DOC_DIR = f"/usr/share/doc/{PACKAGE}"
MAINTAINER_SCRIPTS = ("config", "postinst", "prerm", "postrm")

#: Where a system install keeps its state (the unit's StateDirectory, CacheDirectory and
#: LogsDirectory name the same folders).
SYSTEM_SETTINGS: dict[str, str | bool] = {
    "data_dir": f"/var/lib/{PACKAGE}",
    "cache_dir": f"/var/cache/{PACKAGE}",
    "log_dir": f"/var/log/{PACKAGE}",
    "secrets_backend": "file",
    "allow_plaintext_secrets": True,
}

# Libraries that the frozen folder links but does not carry (PyInstaller leaves the C
# library, OpenGL/EGL and the display protocols to the system; the spec leaves out
# libstdc++, libgcc_s and libgbm so that the system's graphics drivers get their own).
# glibc 2.36: the highest symbol version that the bundled libraries ask for on the build
# machine (Debian 12), see docs/deploy-linux.md.
DEPENDS = (
    "libc6 (>= 2.36)",
    "libstdc++6 (>= 12)",
    "libgcc-s1",
    "libgbm1",
    "libegl1",
    "libgl1",
    "libdrm2",
    "libxcb1",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
    "libwayland-server0",
    # cage 0.1.4 (Debian 12) exits at start when it cannot run Xwayland.
    "cage",
    "xwayland",
    "libpam-systemd",
    "adduser",
    "init-system-helpers (>= 1.54~)",
    "debconf (>= 0.5) | debconf-2.0",
)
RECOMMENDS = (
    # read aloud (the speechd text-to-speech plugin)
    "speech-dispatcher",
    "libspeechd2",
    # the X11 platform plugin, when the kiosk is started inside an X session
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "fonts-dejavu-core",
)
SUGGESTS = ("cups",)

DESCRIPTION = """\
Touchscreen kiosk for the pass Culture
 A touchscreen kiosk for libraries and town halls: young people discover the
 pass Culture, check whether they are eligible and how much they get, start
 their registration with a staff member and browse the cultural offers
 nearby, then continue on their own phone through QR codes.
 .
 This package runs the kiosk full screen in the cage Wayland compositor on
 tty1, as the passculture-kiosk system account, supervised by systemd (with a
 watchdog and a nightly restart)."""

_DEBIAN_VERSION = re.compile(r"^(\d+:)?[0-9][A-Za-z0-9.+~-]*$")


def render_conffile() -> str:
    """The commented /etc/passculture-kiosk/kiosk.toml, generated from the option spec."""
    lines = [
        f"# {CONFIG_FILE}: settings of the pass Culture kiosk on this computer.",
        "#",
        "# A conffile of the passculture-kiosk package: your edits survive upgrades. Flat TOML",
        "# in UTF-8, one `option = value` per line, no [section]. After a change:",
        "#   passculture-kiosk config check            # 'configuration OK', or each problem",
        "#   systemctl restart passculture-kiosk",
        "# `passculture-kiosk config show` tells where each value comes from.",
        "#",
        "# The central URL and the kiosk name asked at installation (debconf) are written to",
        "# /etc/passculture-kiosk/debconf.toml, which is read after this file: change them with",
        "# `dpkg-reconfigure passculture-kiosk`, or leave those answers empty and set them here.",
        "",
        "# --- Set by the package for the passculture-kiosk service -----------------------------",
        "# Its state, cache and logs, owned by the passculture-kiosk account (mode 0750).",
        "# The device token is kept in data_dir/secrets.json, mode 0600: a system service has no",
        "# unlocked desktop keyring (Secret Service) to keep it in, and the enrollment at",
        "# installation runs without any session at all.",
    ]
    lines += [
        f"{name} = {config.format_value(config.get_option(name), value)}"
        for name, value in SYSTEM_SETTINGS.items()
    ]
    lines += [
        "",
        "# --- Every other option, commented out at its default ----------------------------------",
    ]
    for option in config.OPTIONS:
        if option.name in SYSTEM_SETTINGS:
            continue
        lines.append("")
        text = f"{option.name}: {option.help_en} Allowed: {option.allowed_text}."
        lines += textwrap.wrap(
            text, width=90, initial_indent="# ", subsequent_indent="#   ",
            break_on_hyphens=False,
        )
        lines.append(f"#{option.name} = {option.default_text}")
    return "\n".join(lines) + "\n"


def control(version: str, installed_size_kib: int) -> str:
    """The DEBIAN/control file."""
    fields = {
        "Package": PACKAGE,
        "Version": version,
        "Architecture": ARCHITECTURE,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_size_kib),
        "Depends": ", ".join(DEPENDS),
        "Recommends": ", ".join(RECOMMENDS),
        "Suggests": ", ".join(SUGGESTS),
        "Section": "misc",
        "Priority": "optional",
        "Homepage": "https://passculture.app",
        "Description": DESCRIPTION,
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def _changelog(version: str) -> bytes:
    date = formatdate(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())), usegmt=False)
    text = (
        f"{PACKAGE} ({version}) stable; urgency=medium\n\n"
        f"  * Release {version} of the kiosk, frozen with PyInstaller.\n\n"
        f" -- {MAINTAINER}  {date}\n"
    )
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


_COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: passculture-kiosk

Files: *
License: AGPL-3.0-or-later

Files: opt/passculture-kiosk/_internal/resources/fonts/*
License: OFL-1.1
 See /opt/passculture-kiosk/_internal/resources/fonts/OFL.txt.

Files: opt/passculture-kiosk/_internal/PySide6/*
License: LGPL-3.0-only
 Qt and Qt for Python (PySide6), shipped unmodified as dynamic libraries.

Files: opt/passculture-kiosk/_internal/*
License: various
 The Python interpreter (PSF-2.0) and the Python packages and libraries the kiosk
 depends on, each under its own licence, named in its *.dist-info folder.
"""


def _tree_size_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        total += path.stat().st_size
    return (total + 1023) // 1024


def _write(path: Path, content: str | bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    path.chmod(mode)


def _normalise_modes(root: Path) -> None:
    """Directories 0755, files 0644 or 0755: nothing writable by group or others."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def stage(app: Path, staging: Path, version: str) -> None:
    """Lay out the package's file tree and DEBIAN/ control area in ``staging``."""
    if staging.exists():
        shutil.rmtree(staging)
    if not (app / PACKAGE).is_file():
        raise SystemExit(f"{app / PACKAGE} is missing: run `make package-linux` first")
    shutil.copytree(app, staging / INSTALL_DIR.lstrip("/"), symlinks=True)
    _normalise_modes(staging)
    _write(staging / "usr/bin" / PACKAGE, (HERE / "passculture-kiosk.sh").read_bytes(), 0o755)
    for unit in UNITS:
        _write(staging / UNIT_DIR.lstrip("/") / unit, (HERE / "systemd" / unit).read_bytes())
    _write(staging / CONFIG_FILE.lstrip("/"), render_conffile())
    _write(staging / PAM_FILE.lstrip("/"), (HERE / "pam-passculture-kiosk").read_bytes())
    doc = staging / DOC_DIR.lstrip("/")
    _write(doc / "copyright", _COPYRIGHT)
    _write(doc / "changelog.Debian.gz", _changelog(version))
    _write(doc / "deploy-linux.md", (ROOT / "docs" / "deploy-linux.md").read_bytes())
    _write(doc / "examples" / f"{PACKAGE}.preseed", (HERE / f"{PACKAGE}.preseed").read_bytes())

    debian = staging / "DEBIAN"
    debian.mkdir(mode=0o755)
    size = _tree_size_kib(staging)
    _write(debian / "control", control(version, size))
    _write(debian / "conffiles", "".join(f"{path}\n" for path in CONFFILES))
    _write(debian / "templates", (HERE / "debian" / "templates").read_bytes())
    for script in MAINTAINER_SCRIPTS:
        _write(debian / script, (HERE / "debian" / script).read_bytes(), 0o755)
    sums = []
    for path in sorted(staging.rglob("*")):
        relative = path.relative_to(staging).as_posix()
        if relative.startswith("DEBIAN/") or path.is_symlink() or not path.is_file():
            continue
        if "/" + relative in CONFFILES:
            continue
        sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative}\n")
    _write(debian / "md5sums", "".join(sums))


#: dpkg-deb's compressor and level: xz -6 makes the smallest package (79 MB for 273 MB,
#: in ~2 minutes on 2 cores); the tests re-pack with gzip, 13 s, since only the content counts.
COMPRESSION = ("xz", 6)


def build(
    app: Path, output_dir: Path, work_dir: Path, version: str,
    compression: tuple[str, int] = COMPRESSION,
) -> Path:
    """Stage and build the .deb; return its path."""
    if not _DEBIAN_VERSION.match(version):
        raise SystemExit(f"{version!r} is not a Debian version number")
    staging = work_dir / f"{PACKAGE}_{version}"
    stage(app, staging, version)
    output_dir.mkdir(parents=True, exist_ok=True)
    deb = output_dir / f"{PACKAGE}_{version}_{ARCHITECTURE}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compression[0]}", f"-z{compression[1]}",
         "--build", str(staging), str(deb)],
        check=True, stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(staging)
    return deb


def main(argv: list[str] | None = None) -> int:
    """Build the package named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=__version__, help="package version")
    parser.add_argument("--app", type=Path, default=ROOT / "dist" / PACKAGE,
                        help="the PyInstaller folder")
    parser.add_argument("--output-dir", type=Path, default=ROOT / "dist")
    parser.add_argument("--work-dir", type=Path, default=ROOT / "build" / "deb")
    parser.add_argument("--compression", default=f"{COMPRESSION[0]}:{COMPRESSION[1]}",
                        metavar="TYPE:LEVEL", help="dpkg-deb compressor, e.g. gzip:6")
    args = parser.parse_args(argv)
    kind, _, level = args.compression.partition(":")
    deb = build(args.app, args.output_dir, args.work_dir, args.version,
                (kind, int(level or 6)))
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
