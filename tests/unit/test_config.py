"""Tests of kiosk.config: the option spec, the layers, the problems and the generated docs."""

from __future__ import annotations

import argparse
import os
import re
import typing
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import config
from kiosk.config import OPTIONS, Config, ConfigProblem, Kind, Option, load

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "configuration.md"

EXPECTED_OPTIONS = [
    "central_url",
    "kiosk_name",
    "printer",
    "speech_engine",
    "language",
    "windowed",
    "render_backend",
    "idle_timeout",
    "countdown",
    "staff_timeout",
    "attract_interval",
    "sync_interval",
    "data_dir",
    "cache_dir",
    "log_dir",
    "log_level",
    "ca_bundle",
    "proxy",
    "image_cache_mb",
    "outbox_retention_days",
    "secrets_backend",
    "allow_plaintext_secrets",
]


@dataclass
class Env:
    """Config files in tmp_path (not created yet) and an environment that points at them."""

    system: Path
    user: Path
    environ: dict[str, str]

    def load(self, cli: dict[str, object] | None = None, /, **env: str) -> Config:
        return load(cli, environ={**self.environ, **env})

    @property
    def system_source(self) -> str:
        return f"system file {self.system}"

    @property
    def user_source(self) -> str:
        return f"user file {self.user}"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    system = tmp_path / "etc" / "kiosk.toml"
    user = tmp_path / "home" / "kiosk.toml"
    system.parent.mkdir()
    user.parent.mkdir()
    for name in list(os.environ):
        if name.startswith("PCK_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PCK_SYSTEM_CONFIG_FILE", str(system))
    monkeypatch.setenv("PCK_USER_CONFIG_FILE", str(user))
    return Env(
        system, user, {"PCK_SYSTEM_CONFIG_FILE": str(system), "PCK_USER_CONFIG_FILE": str(user)}
    )


def only_problem(cfg: Config) -> ConfigProblem:
    assert len(cfg.problems) == 1, cfg.problems
    return cfg.problems[0]


# --- the spec ---------------------------------------------------------------------------------


def test_options_are_exactly_the_specified_ones() -> None:
    assert [o.name for o in OPTIONS] == EXPECTED_OPTIONS


@pytest.mark.parametrize("option", OPTIONS, ids=lambda o: o.name)
def test_option_is_well_formed(option: Option) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9_]*", option.name)
    assert option.env_var == "PCK_" + option.name.upper()
    assert option.flag == "--" + option.name.replace("_", "-")
    for text in (option.help_fr, option.help_en):
        assert text.endswith("."), text
        assert text.count(". ") == 0, f"one sentence only: {text}"
    if option.kind is Kind.INT:
        assert option.minimum is not None and option.maximum is not None
        assert option.minimum <= option.default_value() <= option.maximum  # type: ignore[operator]
    if option.kind is Kind.CHOICE:
        assert option.default in option.choices


def test_defaults(env: Env) -> None:
    cfg = env.load()
    assert cfg.problems == []
    assert all(source == "default" for _, _, source in cfg.items())
    assert cfg.central_url == "" and cfg.training_mode
    assert (cfg.language, cfg.windowed, cfg.render_backend) == ("fr", False, "auto")
    assert (cfg.idle_timeout, cfg.countdown, cfg.staff_timeout) == (90, 15, 900)
    assert (cfg.attract_interval, cfg.sync_interval, cfg.image_cache_mb) == (8, 300, 200)
    assert (cfg.log_level, cfg.ca_bundle, cfg.proxy, cfg.kiosk_name) == ("INFO", None, "", "")
    app = "passculture-kiosk"
    assert cfg.data_dir == platformdirs.user_data_path(app, appauthor=False)
    assert cfg.cache_dir == platformdirs.user_cache_path(app, appauthor=False)
    assert cfg.log_dir == platformdirs.user_log_path(app, appauthor=False)


def test_config_annotations_match_the_spec() -> None:
    hints = typing.get_type_hints(Config)
    expected = {
        Kind.STR: str,
        Kind.URL: str,
        Kind.CHOICE: str,
        Kind.INT: int,
        Kind.BOOL: bool,
        Kind.PATH: Path,
    }
    for option in OPTIONS:
        wanted = expected[option.kind]
        if option.kind is Kind.PATH and not option.default:
            wanted = Path | None  # type: ignore[assignment]
        assert hints[option.name] == wanted, option.name
    private = {"problems", "_values", "_sources"}
    assert set(hints) - private == set(EXPECTED_OPTIONS)


def test_config_is_read_only_and_indexable(env: Env) -> None:
    cfg = env.load()
    assert cfg["idle_timeout"] == cfg.idle_timeout == 90
    assert "idle_timeout" in cfg
    with pytest.raises(AttributeError):
        cfg.idle_timeout = 5
    with pytest.raises(KeyError, match="did you mean 'idle_timeout'"):
        cfg["idle_timout"]
    with pytest.raises(KeyError):
        cfg.source("nope")
    triples = list(cfg.items())
    assert [o.name for o, _, _ in triples] == EXPECTED_OPTIONS
    idle = triples[EXPECTED_OPTIONS.index("idle_timeout")]
    assert idle == (config.get_option("idle_timeout"), 90, "default")


# --- layers -----------------------------------------------------------------------------------


def test_each_layer_overrides_the_one_below(env: Env) -> None:
    env.system.write_text(
        'idle_timeout = 100\ncountdown = 20\nlanguage = "en"\nsync_interval = 60\n',
        encoding="utf-8",
    )
    env.user.write_text("idle_timeout = 110\ncountdown = 25\nlanguage = 'fr'\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    config.add_arguments(parser)
    cli = config.cli_values(parser.parse_args(["--idle-timeout", "130"]))
    assert cli == {"idle_timeout": "130"}

    cfg = env.load(cli, PCK_IDLE_TIMEOUT="120", PCK_COUNTDOWN="30")

    assert cfg.problems == []
    assert (cfg.idle_timeout, cfg.source("idle_timeout")) == (130, "command line --idle-timeout")
    assert (cfg.countdown, cfg.source("countdown")) == (30, "environment PCK_COUNTDOWN")
    assert (cfg.language, cfg.source("language")) == ("fr", env.user_source)
    assert (cfg.sync_interval, cfg.source("sync_interval")) == (60, env.system_source)
    assert (cfg.staff_timeout, cfg.source("staff_timeout")) == (900, "default")


def test_environ_defaults_to_os_environ(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PCK_KIOSK_NAME", "Hall")
    cfg = load()
    assert (cfg.kiosk_name, cfg.source("kiosk_name")) == ("Hall", "environment PCK_KIOSK_NAME")


def test_file_paths_are_overridable(env: Env) -> None:
    assert config.system_config_path(env.environ) == env.system
    assert config.user_config_path(env.environ) == env.user
    assert config.system_config_path({}) == Path("/etc/passculture-kiosk/kiosk.toml")
    assert config.user_config_path({}) == (
        platformdirs.user_config_path("passculture-kiosk", appauthor=False) / "kiosk.toml"
    )


def test_missing_files_are_not_a_problem(env: Env) -> None:
    assert not env.system.exists() and not env.user.exists()
    assert env.load().problems == []


def test_bool_flag_source_names_the_flag_used(env: Env) -> None:
    parser = argparse.ArgumentParser()
    config.add_arguments(parser)
    assert config.cli_values(parser.parse_args([])) == {}
    off = config.cli_values(parser.parse_args(["--no-windowed"]))
    on = config.cli_values(parser.parse_args(["--windowed"]))
    assert off == {"windowed": False} and on == {"windowed": True}
    cfg = env.load(off, PCK_WINDOWED="yes")
    assert (cfg.windowed, cfg.source("windowed")) == (False, "command line --no-windowed")
    assert env.load(on).source("windowed") == "command line --windowed"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("YES", True), (" On ", True), ("0", False)]
    + [("false", False), ("No", False), ("OFF", False)],
)
def test_bool_from_environment(env: Env, raw: str, expected: bool) -> None:
    cfg = env.load(PCK_WINDOWED=raw)
    assert cfg.problems == []
    assert cfg.windowed is expected


@pytest.mark.parametrize(("raw", "expected"), [("120", 120), (" 45 ", 45), ("+60", 60)])
def test_int_from_environment(env: Env, raw: str, expected: int) -> None:
    cfg = env.load(PCK_IDLE_TIMEOUT=raw)
    assert cfg.problems == []
    assert cfg.idle_timeout == expected


def test_choices_are_case_insensitive(env: Env) -> None:
    cfg = env.load(PCK_LOG_LEVEL="debug", PCK_LANGUAGE="EN")
    assert cfg.problems == []
    assert (cfg.log_level, cfg.language) == ("DEBUG", "en")


def test_paths(env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    env.system.write_text("data_dir = 'data'\nlog_dir = \"~/logs\"\n", encoding="utf-8")
    cfg = env.load(PCK_CACHE_DIR="cache")
    assert cfg.problems == []
    assert cfg.data_dir == env.system.parent / "data"  # relative to the file
    assert cfg.cache_dir == tmp_path / "cache"  # relative to the current folder
    assert cfg.log_dir == Path.home() / "logs"


def test_ca_bundle_that_exists(env: Env, tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    cfg = env.load(PCK_CA_BUNDLE=str(bundle))
    assert cfg.problems == []
    assert cfg.ca_bundle == bundle


def test_utf8_byte_order_mark_is_accepted(env: Env) -> None:
    env.user.write_bytes('\ufeffkiosk_name = "Médiathèque"\n'.encode())
    cfg = env.load()
    assert cfg.problems == []
    assert cfg.kiosk_name == "Médiathèque"


# --- URLs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://kiosk-api.example.org",
        "https://kiosk-api.example.org:8443/base/",
        "http://127.0.0.1:5000",
        "http://127.8.9.10",
        "http://localhost:8080/api",
        "http://LOCALHOST",
        "http://[::1]:5000",
        "",
    ],
)
def test_central_url_accepted(env: Env, url: str) -> None:
    cfg = env.load(PCK_CENTRAL_URL=url)
    assert cfg.problems == []
    assert cfg.central_url == url
    assert cfg.training_mode is (url == "")


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://kiosk-api.example.org", "use https://"),
        ("http://10.0.0.5:5000", "use https://"),
        ("http://128.0.0.1", "use https://"),
        ("http://localhost.example.org", "use https://"),
        ("ftp://kiosk-api.example.org", "not a valid URL"),
        ("kiosk-api.example.org", "not a valid URL"),
        ("https://", "not a valid URL"),
        ("https://host:99999", "not a valid URL"),
    ],
)
def test_central_url_rejected(env: Env, url: str, fragment: str) -> None:
    env.system.write_text('central_url = "https://good.example.org"\n', encoding="utf-8")
    cfg = env.load(PCK_CENTRAL_URL=url)
    problem = only_problem(cfg)
    assert (problem.option, problem.source) == ("central_url", "environment PCK_CENTRAL_URL")
    assert fragment in problem.message
    assert cfg.central_url == "https://good.example.org"
    assert not cfg.training_mode


def test_proxy_allows_http_and_masks_passwords(env: Env) -> None:
    cfg = env.load(PCK_PROXY="http://bob:s3cret@proxy.mairie.local:3128")
    assert cfg.problems == []
    assert cfg.proxy == "http://bob:s3cret@proxy.mairie.local:3128"
    assert "s3cret" not in repr(cfg)
    shown = config.format_value(config.get_option("proxy"), cfg.proxy)
    assert shown == '"http://bob:********@proxy.mairie.local:3128"'
    problem = only_problem(env.load(PCK_PROXY="socks5://bob:s3cret@proxy:1080"))
    assert "s3cret" not in problem.message


def test_secret_options_are_masked() -> None:
    secret = Option("token", Kind.STR, "", "Jeton.", "Token.", secret=True)
    assert config.format_value(secret, "abc") == '"********"'
    assert config.format_value(secret, "") == '""'


# --- problems ---------------------------------------------------------------------------------

# (file content for the system layer, the bad setting, the option, the expected fragment)
# The system file sets a good value first, so "keeps the lower value" is checked for real.
SYSTEM_BASE = 'idle_timeout = 100\nlanguage = "en"\nwindowed = true\nkiosk_name = "Hall"\n'


@pytest.mark.parametrize(
    ("layer", "setting", "option", "fragment"),
    [
        ("user", 'idle_timeout = "120"', "idle_timeout", "wrong type"),
        ("user", "idle_timeout = 12.5", "idle_timeout", "wrong type"),
        ("user", "idle_timeout = true", "idle_timeout", "wrong type"),
        ("user", "kiosk_name = 12", "kiosk_name", "wrong type"),
        ("user", 'windowed = "yes"', "windowed", "wrong type"),
        ("user", "idle_timeout = 99999", "idle_timeout", "above the maximum of 3600"),
        ("user", 'language = "de"', "language", "not one of fr, en"),
        ("env", "PCK_IDLE_TIMEOUT=abc", "idle_timeout", "not a whole number"),
        ("env", "PCK_IDLE_TIMEOUT=12.5", "idle_timeout", "not a whole number"),
        ("env", "PCK_IDLE_TIMEOUT=5", "idle_timeout", "below the minimum of 15"),
        ("env", "PCK_WINDOWED=maybe", "windowed", "not a boolean"),
        ("env", "PCK_LANGUAGE=de", "language", "not one of fr, en"),
        ("cli", "idle_timeout=4000", "idle_timeout", "above the maximum"),
        ("cli", "language=es", "language", "not one of"),
    ],
)
def test_bad_value_is_reported_and_lower_value_kept(
    env: Env, layer: str, setting: str, option: str, fragment: str
) -> None:
    env.system.write_text(SYSTEM_BASE, encoding="utf-8")
    before = env.load()
    assert before.problems == []
    extra_env: dict[str, str] = {}
    cli: dict[str, object] = {}
    if layer == "user":
        env.user.write_text(setting + "\n", encoding="utf-8")
        source = env.user_source
    elif layer == "env":
        name, raw = setting.split("=", 1)
        extra_env[name] = raw
        source = f"environment {name}"
    else:
        name, raw = setting.split("=", 1)
        cli[name] = raw
        source = f"command line --{name.replace('_', '-')}"

    cfg = env.load(cli, **extra_env)

    problem = only_problem(cfg)
    assert (problem.option, problem.source) == (option, source)
    assert fragment in problem.message
    assert option in problem.message
    assert source.rsplit(" ", 1)[1] in problem.message  # the file, variable or flag
    assert f"keeps {config.format_value(config.get_option(option), before[option])}" in (
        problem.message
    )
    assert cfg[option] == before[option]
    assert cfg.source(option) == env.system_source
    assert str(problem).startswith(f"{option} ({source}): ")


def test_unknown_key_suggests_the_closest_name(env: Env) -> None:
    env.user.write_text("idle_timout = 120\n", encoding="utf-8")
    cfg = env.load()
    problem = only_problem(cfg)
    assert (problem.option, problem.source) == ("idle_timout", env.user_source)
    assert str(env.user) in problem.message
    assert "unknown option 'idle_timout'" in problem.message
    assert "did you mean 'idle_timeout'?" in problem.message
    assert cfg.idle_timeout == 90


def test_section_header_is_explained(env: Env) -> None:
    env.system.write_text("[kiosk]\nidle_timeout = 120\n", encoding="utf-8")
    problem = only_problem(env.load())
    assert problem.option == "kiosk"
    assert "without a [kiosk] section header" in problem.message


def test_invalid_toml_names_the_file_and_line(env: Env) -> None:
    env.system.write_text("idle_timeout = 100\n", encoding="utf-8")
    env.user.write_text("countdown = 20\nidle_timeout = \n", encoding="utf-8")
    cfg = env.load()
    problem = only_problem(cfg)
    assert (problem.option, problem.source) == (None, env.user_source)
    assert str(env.user) in problem.message
    assert "not valid TOML" in problem.message and "line 2" in problem.message
    assert str(problem).startswith(f"{env.user_source}: ")
    # The whole file is ignored, the system file still counts.
    assert (cfg.idle_timeout, cfg.countdown) == (100, 15)


def test_windows_path_in_double_quotes_gets_a_hint(env: Env) -> None:
    env.user.write_text('data_dir = "C:\\kiosk\\data"\n', encoding="utf-8")
    problem = only_problem(env.load())
    assert "line 1" in problem.message
    assert "single quotes" in problem.message


def test_non_utf8_file_names_the_file_and_line(env: Env) -> None:
    env.user.write_bytes('idle_timeout = 100\nkiosk_name = "Médiathèque"\n'.encode("cp1252"))
    cfg = env.load()
    problem = only_problem(cfg)
    assert (problem.option, problem.source) == (None, env.user_source)
    assert "not UTF-8" in problem.message and "line 2" in problem.message
    assert cfg.idle_timeout == 90


def test_unreadable_file_is_reported(env: Env) -> None:
    # chmod 000 means nothing to root, which runs the tests: a folder cannot be read either.
    env.user.mkdir()
    cfg = env.load(PCK_IDLE_TIMEOUT="120")
    problem = only_problem(cfg)
    assert (problem.option, problem.source) == (None, env.user_source)
    assert "cannot be read" in problem.message and str(env.user) in problem.message
    assert cfg.idle_timeout == 120


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_ca_bundle_must_exist(env: Env, tmp_path: Path, kind: str) -> None:
    bundle = tmp_path / "ca.pem"
    if kind == "folder":
        bundle.mkdir()
    cfg = env.load(PCK_CA_BUNDLE=str(bundle))
    problem = only_problem(cfg)
    assert (problem.option, problem.source) == ("ca_bundle", "environment PCK_CA_BUNDLE")
    assert "ca_bundle" in problem.message and "PCK_CA_BUNDLE" in problem.message
    assert str(bundle) in problem.message
    assert cfg.ca_bundle is None


def test_empty_path_is_rejected_when_the_default_is_not_empty(env: Env) -> None:
    cfg = env.load(PCK_DATA_DIR="")
    assert only_problem(cfg).option == "data_dir"
    assert cfg.source("data_dir") == "default"


def test_unknown_command_line_key(env: Env) -> None:
    problem = only_problem(env.load({"idle_timout": "30"}))
    assert (problem.option, problem.source) == ("idle_timout", "command line")


def test_problems_accumulate_across_layers(env: Env) -> None:
    env.system.write_text("nope = 1\n", encoding="utf-8")
    env.user.write_text("countdown = 1\n", encoding="utf-8")
    cfg = env.load({"language": "xx"}, PCK_WINDOWED="perhaps")
    assert [p.option for p in cfg.problems] == ["nope", "countdown", "windowed", "language"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    option=st.sampled_from(OPTIONS),
    raw=st.text(alphabet=st.characters(blacklist_categories=["Cs"])),
)
def test_no_environment_value_crashes_loading(env: Env, option: Option, raw: str) -> None:
    cfg = env.load(**{option.env_var: raw})
    assert len(cfg.problems) <= 1
    if cfg.problems:
        assert cfg.source(option.name) == "default"


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary() | st.text().map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_no_file_content_crashes_loading(env: Env, content: bytes) -> None:
    env.user.write_bytes(content)
    cfg = env.load()
    for problem in cfg.problems:
        assert problem.source == env.user_source


# --- flags and docs ---------------------------------------------------------------------------


def test_add_arguments_adds_one_flag_per_option() -> None:
    parser = argparse.ArgumentParser()
    config.add_arguments(parser)
    namespace = parser.parse_args([])
    assert all(getattr(namespace, o.name) is None for o in OPTIONS)
    text = parser.format_help()
    for option in OPTIONS:
        assert option.flag in text
    assert "--no-windowed" in text
    assert str(Path.home()) not in text


def test_markdown_covers_every_option_without_machine_paths() -> None:
    text = config.render_markdown()
    for option in OPTIONS:
        assert f"### {option.name}" in text
        for part in (option.env_var, option.flag, option.help_fr, option.help_en):
            assert part in text
    for part in ("/etc/passculture-kiosk/kiosk.toml", r"%ProgramData%\passculture-kiosk"):
        assert part in text
    assert "passculture-kiosk config check" in text
    assert str(Path.home()) not in text


def test_markdown_command(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    assert config.main(["--markdown"]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == config.render_markdown()
    target = tmp_path / "configuration.md"
    assert config.main(["--markdown", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == config.render_markdown()


def test_committed_docs_are_up_to_date() -> None:
    expected = config.render_markdown()
    actual = DOCS.read_text(encoding="utf-8").replace("\r\n", "\n") if DOCS.exists() else ""
    assert actual == expected, (
        "docs/configuration.md is out of date with kiosk/config.py: run `make docs` "
        "(python -m kiosk.config --markdown --output docs/configuration.md) and commit it"
    )
