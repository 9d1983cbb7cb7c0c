"""Tests of kiosk.cli: the screenless commands, run in-process (and once as a real process)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk import cli, config

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Point both config files at tmp_path and clear any PCK_* variable."""
    for name in list(os.environ):
        if name.startswith("PCK_"):
            monkeypatch.delenv(name)
    system, user = tmp_path / "system.toml", tmp_path / "user.toml"
    monkeypatch.setenv("PCK_SYSTEM_CONFIG_FILE", str(system))
    monkeypatch.setenv("PCK_USER_CONFIG_FILE", str(user))
    return system, user


def test_commands() -> None:
    assert "config" in cli.COMMANDS
    assert isinstance(cli.COMMANDS, frozenset)


def test_check_ok(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    files[1].write_text("idle_timeout = 120\n", encoding="utf-8")
    assert cli.main(["config", "check"]) == 0
    out, err = capsys.readouterr()
    assert out == "configuration OK\n"
    assert err == ""


def test_check_reports_each_problem_on_stderr(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    system, user = files
    system.write_text("idle_timeout = \n", encoding="utf-8")
    user.write_text('central_url = "http://kiosk-api.example.org"\n', encoding="utf-8")
    monkeypatch.setenv("PCK_COUNTDOWN", "abc")

    assert cli.main(["config", "check", "--language", "de"]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 4
    assert all(line.startswith("error: ") for line in lines)
    assert lines[0].startswith(f"error: system file {system}: ")
    assert "line 1" in lines[0]
    assert lines[1].startswith(f"error: central_url (user file {user}): ")
    assert lines[2].startswith("error: countdown (environment PCK_COUNTDOWN): ")
    assert lines[3].startswith("error: language (command line --language): ")


def test_check_accepts_the_kiosk_flags(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["config", "check", "--idle-timeout", "5", "--windowed"]) == 2
    err = capsys.readouterr().err
    assert "error: idle_timeout (command line --idle-timeout): " in err
    assert "below the minimum of 15 seconds" in err


def test_show_lists_every_option_with_its_source(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files[1].write_text("idle_timeout = 120\nbogus = 1\n", encoding="utf-8")
    monkeypatch.setenv("PCK_PROXY", "http://bob:s3cret@proxy.mairie.local:3128")

    assert cli.main(["config", "show", "--no-windowed"]) == 0

    out = capsys.readouterr().out
    assert "s3cret" not in out
    lines = out.splitlines()
    assert len(lines) == len(config.OPTIONS) + 1
    for option, line in zip(config.OPTIONS, lines, strict=False):
        assert line.startswith(option.name + " ")
    by_name = {line.split()[0]: line for line in lines}
    assert by_name["idle_timeout"].endswith(f"# user file {files[1]}")
    assert by_name["windowed"].endswith("# command line --no-windowed")
    assert by_name["proxy"].endswith("# environment PCK_PROXY")
    assert by_name["countdown"].endswith("# default")
    assert lines[-1].startswith(f"error: bogus (user file {files[1]}): ")
    # The option lines are valid TOML, ready to paste into a kiosk.toml.
    table = tomllib.loads("\n".join(lines[:-1]))
    assert table["idle_timeout"] == 120
    assert table["windowed"] is False
    assert table["proxy"] == "http://bob:********@proxy.mairie.local:3128"


def test_path(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    system, user = files
    user.write_text("", encoding="utf-8")
    assert cli.main(["config", "path"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"system file: {system} (missing, set by PCK_SYSTEM_CONFIG_FILE)",
        f"user file: {user} (found, set by PCK_USER_CONFIG_FILE)",
    ]


@pytest.mark.parametrize(
    ("argv", "code"),
    [([], 2), (["nope"], 2), (["config"], 2), (["config", "check", "--bogus"], 2)]
    + [(["--help"], 0), (["config", "--help"], 0), (["--version"], 0)],
)
def test_usage_returns_a_code_instead_of_exiting(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], argv: list[str], code: int
) -> None:
    assert cli.main(argv) == code
    out, err = capsys.readouterr()
    assert (out if code == 0 else err).strip()


def test_python_m_kiosk_cli_config_check(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PCK_")}
    environ |= {
        "PCK_SYSTEM_CONFIG_FILE": str(tmp_path / "system.toml"),
        "PCK_USER_CONFIG_FILE": str(tmp_path / "user.toml"),
        "PCK_IDLE_TIMEOUT": "abc",
        "PYTHONPATH": str(REPO),
    }
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "config", "check"],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("error: idle_timeout (environment PCK_IDLE_TIMEOUT): ")
    assert "not a whole number" in result.stderr
