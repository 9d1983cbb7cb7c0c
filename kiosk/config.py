"""Configuration: one declarative option spec, layered sources, flags and the generated docs.

Every setting is one :class:`Option` in :data:`OPTIONS`. That single spec drives the defaults,
the TOML files, the ``PCK_*`` environment variables, the command-line flags and
``docs/configuration.md``. Sources, lowest first: defaults, system file, user file, Windows
policy (:mod:`kiosk.winpolicy`), environment, command line. A bad value never stops the
kiosk: :func:`load` records a
:class:`ConfigProblem` and keeps the value of the layer below.
"""

from __future__ import annotations

import argparse
import difflib
import enum
import json
import os
import sys
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import platformdirs

from kiosk import winpolicy
from kiosk.net import is_loopback

APP_NAME = "passculture-kiosk"
ENV_PREFIX = "PCK_"
CONFIG_FILE_NAME = "kiosk.toml"
SYSTEM_CONFIG_ENV = "PCK_SYSTEM_CONFIG_FILE"
USER_CONFIG_ENV = "PCK_USER_CONFIG_FILE"
LINUX_SYSTEM_CONFIG = "/etc/passculture-kiosk/kiosk.toml"
WINDOWS_SYSTEM_CONFIG = r"%ProgramData%\passculture-kiosk\kiosk.toml"
LINUX_USER_CONFIG = "~/.config/passculture-kiosk/kiosk.toml"
WINDOWS_USER_CONFIG = r"%LOCALAPPDATA%\passculture-kiosk\kiosk.toml"

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
_MASK = "********"
_LOOPBACK_TEXT = "127.0.0.0/8, ::1 or localhost"

OptionValue = str | int | bool | Path | None
"""A loaded value: str (STR, CHOICE, URL), int, bool, or Path (None for an unset PATH)."""


class Kind(enum.Enum):
    """The type of an option, which decides how its values are parsed and checked."""

    STR = "text"
    INT = "integer"
    BOOL = "boolean"
    CHOICE = "choice"
    URL = "URL"
    PATH = "path"


@dataclass(frozen=True)
class PlatformDir:
    """A per-user folder from platformdirs, resolved at load time and not at import time.

    The docs show ``linux`` and ``windows`` (readable placeholders), never the folder of
    whoever generated them.
    """

    which: str
    linux: str
    windows: str

    def resolve(self) -> Path:
        """Return this folder for the current user and platform."""
        if self.which == "data":
            return platformdirs.user_data_path(APP_NAME, appauthor=False)
        if self.which == "cache":
            return platformdirs.user_cache_path(APP_NAME, appauthor=False)
        if self.which == "log":
            return platformdirs.user_log_path(APP_NAME, appauthor=False)
        raise ValueError(f"unknown platform folder {self.which!r}")

    def __str__(self) -> str:
        return f"platform default (Linux: {self.linux}; Windows: {self.windows})"


@dataclass(frozen=True)
class Option:
    """One setting of the kiosk, declared once.

    Attributes:
        name: snake_case name, as written in the TOML files.
        kind: how values are parsed and checked.
        default: the built-in value; a :class:`PlatformDir` for per-user folders.
        help_fr: one sentence for IT, in French.
        help_en: the same sentence in English.
        choices: allowed values of a CHOICE option (matched case-insensitively).
        minimum: smallest allowed value of an INT option.
        maximum: largest allowed value of an INT option.
        secret: mask the value when displaying it.
        unit: unit of an INT option, for messages and docs ("seconds", "MB").
        schemes: URL schemes always allowed; http:// is also allowed for a loopback host.
        existing_file: a non-empty PATH must name an existing readable file.
    """

    name: str
    kind: Kind
    default: str | int | bool | PlatformDir
    help_fr: str
    help_en: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    secret: bool = False
    unit: str = ""
    schemes: tuple[str, ...] = ()
    existing_file: bool = False

    @property
    def env_var(self) -> str:
        """The environment variable, e.g. ``PCK_IDLE_TIMEOUT``."""
        return ENV_PREFIX + self.name.upper()

    @property
    def flag(self) -> str:
        """The command-line flag, e.g. ``--idle-timeout``."""
        return "--" + self.name.replace("_", "-")

    def default_value(self) -> OptionValue:
        """Return the default as a loaded value (resolving per-user folders now)."""
        if isinstance(self.default, PlatformDir):
            return self.default.resolve()
        if self.kind is Kind.PATH:
            return Path(str(self.default)) if self.default else None
        return self.default

    @property
    def default_text(self) -> str:
        """The default as shown in the docs and in ``--help``, never machine-specific."""
        if isinstance(self.default, PlatformDir):
            return str(self.default)
        if self.kind is Kind.PATH and not self.default:
            return '""'
        return _literal(self.default)

    @property
    def type_text(self) -> str:
        """The type as shown in the docs, e.g. ``integer (seconds)``."""
        return f"{self.kind.value} ({self.unit})" if self.unit else self.kind.value

    @property
    def metavar(self) -> str:
        """The placeholder after the flag in ``--help`` and the docs, e.g. ``SECONDS``."""
        if self.kind is Kind.CHOICE:
            return "{" + ",".join(self.choices) + "}"
        if self.kind is Kind.INT and self.unit:
            return self.unit.upper()
        return {Kind.STR: "TEXT"}.get(self.kind, self.kind.name)

    @property
    def allowed_text(self) -> str:
        """The allowed values in one line of plain text."""
        if self.kind is Kind.INT:
            unit = f" {self.unit}" if self.unit else ""
            return f"{self.minimum} to {self.maximum}{unit}"
        if self.kind is Kind.CHOICE:
            return ", ".join(self.choices)
        if self.kind is Kind.BOOL:
            return "true or false (environment: 1/0, true/false, yes/no, on/off)"
        if self.kind is Kind.URL:
            schemes = " or ".join(f"{s}://" for s in self.schemes)
            text = f"empty, or an {schemes} URL"
            if "http" not in self.schemes:
                text += f" (http:// only for {_LOOPBACK_TEXT})"
            return text
        if self.kind is Kind.PATH:
            if self.existing_file:
                return "empty, or the path of an existing readable file"
            return "a folder path"
        return "any text"


OPTIONS: tuple[Option, ...] = (
    Option(
        "central_url",
        Kind.URL,
        "",
        "Adresse de l'API centrale pass Culture ; laissez vide pour le mode formation sur le "
        "simulateur intégré (https:// obligatoire, http:// accepté seulement en local).",
        "Address of the central pass Culture API; leave empty for training mode on the "
        "built-in simulator (https:// required, http:// accepted only for a local address).",
        schemes=("https",),
    ),
    Option(
        "kiosk_name",
        Kind.STR,
        "",
        "Nom de la borne, affiché au personnel et utile pour la repérer dans la supervision "
        "(par exemple « Médiathèque Jean-Macé, hall »).",
        "Name of this kiosk, shown to staff and handy to spot it in monitoring "
        "(for example “Médiathèque Jean-Macé, hall”).",
    ),
    Option(
        "printer",
        Kind.STR,
        "",
        "Nom de l'imprimante des tickets ; vide pour l'imprimante par défaut du système.",
        "Name of the ticket printer; empty for the system's default printer.",
    ),
    Option(
        "speech_engine",
        Kind.STR,
        "",
        "Moteur de synthèse vocale pour la lecture à voix haute (par exemple « speechd » sous "
        "Linux, « sapi » ou « winrt » sous Windows) ; vide pour celui du système.",
        "Text-to-speech engine for reading aloud (for example “speechd” on Linux, “sapi” or "
        "“winrt” on Windows); empty for the system's own.",
    ),
    Option(
        "language",
        Kind.CHOICE,
        "fr",
        "Langue affichée au démarrage et après chaque visiteur.",
        "Language shown at start-up and after each visitor.",
        choices=("fr", "en"),
    ),
    Option(
        "windowed",
        Kind.BOOL,
        False,
        "Ouvre une fenêtre normale au lieu du plein écran, pour les démonstrations et le "
        "développement.",
        "Opens a normal window instead of full screen, for demos and development.",
    ),
    Option(
        "render_backend",
        Kind.CHOICE,
        "auto",
        "Moteur de rendu graphique : « software » pour les vieux PC à la carte graphique "
        "faible, « auto » laisse Qt choisir.",
        "Graphics rendering backend: “software” for old PCs with a weak GPU, “auto” lets Qt "
        "choose.",
        choices=("auto", "software", "opengl"),
    ),
    Option(
        "idle_timeout",
        Kind.INT,
        90,
        "Durée sans interaction avant de proposer au visiteur de terminer sa session.",
        "Time without interaction before the kiosk offers the visitor to end their session.",
        minimum=15,
        maximum=3600,
        unit="seconds",
    ),
    Option(
        "countdown",
        Kind.INT,
        15,
        "Durée du compte à rebours affiché avant l'effacement de la session du visiteur.",
        "Length of the countdown shown before the visitor's session is wiped.",
        minimum=5,
        maximum=120,
        unit="seconds",
    ),
    Option(
        "staff_timeout",
        Kind.INT,
        900,
        "Durée sans interaction avant le verrouillage automatique de l'espace personnel.",
        "Time without interaction before the staff area locks itself.",
        minimum=60,
        maximum=7200,
        unit="seconds",
    ),
    Option(
        "attract_interval",
        Kind.INT,
        8,
        "Durée de chaque diapositive de l'écran d'accueil quand personne n'utilise la borne.",
        "Time each slide of the attract screen stays up while nobody uses the kiosk.",
        minimum=3,
        maximum=60,
        unit="seconds",
    ),
    Option(
        "sync_interval",
        Kind.INT,
        300,
        "Intervalle entre deux synchronisations avec l'API centrale.",
        "Interval between two synchronisations with the central API.",
        minimum=30,
        maximum=86400,
        unit="seconds",
    ),
    Option(
        "data_dir",
        Kind.PATH,
        PlatformDir(
            "data", "~/.local/share/passculture-kiosk", r"%LOCALAPPDATA%\passculture-kiosk"
        ),
        "Dossier des données locales (catalogue, file d'envoi chiffrée, journal d'audit), "
        "où le compte de la borne doit pouvoir écrire.",
        "Folder for local data (catalog, encrypted outbox, audit journal), which the kiosk's "
        "account must be able to write to.",
    ),
    Option(
        "cache_dir",
        Kind.PATH,
        PlatformDir(
            "cache", "~/.cache/passculture-kiosk", r"%LOCALAPPDATA%\passculture-kiosk\Cache"
        ),
        "Dossier du cache (images des offres), qu'on peut vider sans risque.",
        "Folder for the cache (offer images), which is safe to empty.",
    ),
    Option(
        "log_dir",
        Kind.PATH,
        PlatformDir(
            "log", "~/.local/state/passculture-kiosk/log", r"%LOCALAPPDATA%\passculture-kiosk\Logs"
        ),
        "Dossier des journaux techniques, qui ne contiennent aucune donnée personnelle.",
        "Folder for the technical logs, which contain no personal data.",
    ),
    Option(
        "log_level",
        Kind.CHOICE,
        "INFO",
        "Niveau de détail des journaux ; passez en DEBUG le temps d'un diagnostic.",
        "Level of detail of the logs; switch to DEBUG while troubleshooting.",
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
    ),
    Option(
        "ca_bundle",
        Kind.PATH,
        "",
        "Fichier PEM d'autorités de certification ajoutées au magasin du système, par exemple "
        "pour un proxy qui inspecte le TLS ; vide, seul le magasin du système sert.",
        "PEM file of certificate authorities added to the OS trust store, for example for a "
        "TLS-inspecting proxy; when empty, only the OS trust store is used.",
        existing_file=True,
    ),
    Option(
        "proxy",
        Kind.URL,
        "",
        "Proxy HTTP(S) pour joindre l'API centrale, par exemple "
        "http://proxy.mairie.local:3128 ; laissez vide si le réseau n'en demande pas.",
        "HTTP(S) proxy used to reach the central API, for example "
        "http://proxy.mairie.local:3128; leave empty if the network needs none.",
        schemes=("http", "https"),
    ),
    Option(
        "image_cache_mb",
        Kind.INT,
        200,
        "Taille maximale du cache d'images ; au-delà, les images les plus anciennes sont "
        "supprimées.",
        "Maximum size of the image cache; beyond it, the oldest images are removed.",
        minimum=10,
        maximum=10000,
        unit="MB",
    ),
    Option(
        "outbox_retention_days",
        Kind.INT,
        30,
        "Durée au bout de laquelle une préinscription qui n'a pas pu être envoyée est effacée "
        "de la file chiffrée et signalée au personnel.",
        "Time after which a pre-registration that could not be sent is erased from the "
        "encrypted outbox and reported to staff.",
        minimum=1,
        maximum=90,
        unit="days",
    ),
    Option(
        "secrets_backend",
        Kind.CHOICE,
        "system",
        "Où garder le jeton de la borne : « system » pour le coffre-fort du système "
        "(Gestionnaire d'identification Windows, Secret Service sous Linux), « file » pour un "
        "fichier en clair lisible par le seul compte de la borne (voir "
        "allow_plaintext_secrets).",
        "Where the kiosk's device token is kept: “system” for the OS secret store (Windows "
        "Credential Manager, Secret Service on Linux), “file” for a plain-text file readable "
        "only by the kiosk's account (see allow_plaintext_secrets).",
        choices=("system", "file"),
    ),
    Option(
        "allow_plaintext_secrets",
        Kind.BOOL,
        False,
        "Autorise secrets_backend = file, qui garde le jeton en clair dans le dossier des "
        "données ; à réserver aux comptes de borne sans coffre-fort du système.",
        "Allows secrets_backend = file, which keeps the token in plain text in the data "
        "folder; only for kiosk accounts that have no OS secret store.",
    ),
)

_BY_NAME: dict[str, Option] = {option.name: option for option in OPTIONS}


def get_option(name: str) -> Option:
    """Return the option called ``name``.

    Raises:
        KeyError: no such option; the message suggests the closest name.
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown option {name!r}{_did_you_mean(name)}") from None


@dataclass(frozen=True)
class ConfigProblem:
    """A bad setting found while loading; loading went on with the value of the layer below.

    Attributes:
        option: the option (or unknown key) concerned; None for a whole-file problem.
        source: where the bad setting came from, e.g. ``environment PCK_IDLE_TIMEOUT``.
        message: a complete sentence naming the option and the source, fit for a log line.
    """

    option: str | None
    source: str
    message: str

    def __str__(self) -> str:
        if self.option is None:
            return f"{self.source}: {self.message}"
        return f"{self.option} ({self.source}): {self.message}"


class Config:
    """The loaded settings: read-only, by attribute (typed) or by ``config["name"]``."""

    central_url: str
    kiosk_name: str
    printer: str
    speech_engine: str
    language: str
    windowed: bool
    render_backend: str
    idle_timeout: int
    countdown: int
    staff_timeout: int
    attract_interval: int
    sync_interval: int
    data_dir: Path
    cache_dir: Path
    log_dir: Path
    log_level: str
    ca_bundle: Path | None
    proxy: str
    image_cache_mb: int
    outbox_retention_days: int
    secrets_backend: str
    allow_plaintext_secrets: bool

    problems: list[ConfigProblem]
    _values: dict[str, OptionValue]
    _sources: dict[str, str]

    def __init__(
        self,
        values: Mapping[str, OptionValue],
        sources: Mapping[str, str],
        problems: Iterable[ConfigProblem] = (),
    ) -> None:
        expected = set(_BY_NAME)
        if set(values) != expected or set(sources) != expected:
            raise ValueError("Config needs exactly one value and one source per option")
        object.__setattr__(self, "_values", {o.name: values[o.name] for o in OPTIONS})
        object.__setattr__(self, "_sources", {o.name: sources[o.name] for o in OPTIONS})
        object.__setattr__(self, "problems", list(problems))
        for name, value in self._values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Config is read-only (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Config is read-only (tried to delete {name!r})")

    def __getitem__(self, name: str) -> OptionValue:
        return self._values[get_option(name).name]

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __repr__(self) -> str:
        shown = ", ".join(f"{o.name}={format_value(o, v)}" for o, v, _ in self.items())
        return f"Config({shown})"

    def source(self, name: str) -> str:
        """Where the value of ``name`` comes from, e.g. ``user file /…/kiosk.toml``."""
        return self._sources[get_option(name).name]

    def items(self) -> Iterator[tuple[Option, OptionValue, str]]:
        """Yield ``(option, value, source)`` for every option, in spec order."""
        for option in OPTIONS:
            yield option, self._values[option.name], self._sources[option.name]

    @property
    def training_mode(self) -> bool:
        """True when no central URL is set: the kiosk runs on the built-in simulator."""
        return not self.central_url


# --- file locations ---------------------------------------------------------------------------


def system_config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The system file: /etc/… on Linux, %ProgramData%/… on Windows, or $PCK_SYSTEM_CONFIG_FILE."""
    env = os.environ if environ is None else environ
    override = env.get(SYSTEM_CONFIG_ENV, "")
    if override:
        return Path(override)
    if sys.platform == "win32":
        program_data = env.get("ProgramData") or env.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(program_data) / APP_NAME / CONFIG_FILE_NAME
    return Path(LINUX_SYSTEM_CONFIG)


def user_config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The user file: platformdirs' user config folder, or $PCK_USER_CONFIG_FILE."""
    env = os.environ if environ is None else environ
    override = env.get(USER_CONFIG_ENV, "")
    if override:
        return Path(override)
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_FILE_NAME


# --- parsing and checking ---------------------------------------------------------------------


class _Invalid(Exception):
    """A value was rejected; the argument completes the sentence "<setting> …"."""


def _did_you_mean(name: str) -> str:
    close = difflib.get_close_matches(name.lower(), list(_BY_NAME), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _toml_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a date or time" if value is not None else "nothing"


def _wrong_type(option: Option, value: object) -> _Invalid:
    expected = {
        Kind.INT: "a whole number",
        Kind.BOOL: "true or false",
    }.get(option.kind, "a string in quotes")
    hint = ""
    if isinstance(value, str) and option.kind in (Kind.INT, Kind.BOOL):
        hint = " (remove the quotes)"
    return _Invalid(f"has the wrong type: expected {expected}, got {_toml_type(value)}{hint}")


def _parse_int(option: Option, value: object, text: bool) -> int:
    if text and isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            raise _Invalid("is not a whole number") from None
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        raise _wrong_type(option, value)
    unit = f" {option.unit}" if option.unit else ""
    if option.minimum is not None and number < option.minimum:
        raise _Invalid(f"is below the minimum of {option.minimum}{unit}")
    if option.maximum is not None and number > option.maximum:
        raise _Invalid(f"is above the maximum of {option.maximum}{unit}")
    return number


def _parse_bool(option: Option, value: object, text: bool) -> bool:
    if isinstance(value, bool):
        return value
    if text and isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise _Invalid("is not a boolean (use true/false, yes/no, on/off or 1/0)")
    raise _wrong_type(option, value)


def _parse_choice(option: Option, value: str) -> str:
    word = value.strip()
    for choice in option.choices:
        if word.lower() == choice.lower():
            return choice
    close = difflib.get_close_matches(word, option.choices, n=1, cutoff=0.5)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise _Invalid(f"is not one of {', '.join(option.choices)}{hint}")


def _parse_url(option: Option, value: str) -> str:
    url = value.strip()
    if not url:
        return ""
    example = f"{option.schemes[0]}://host.example.org"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError for a bad port
    except ValueError as error:
        raise _Invalid(f"is not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host or "://" not in url:
        raise _Invalid(f"is not a valid URL: write it in full, like {example}")
    if scheme in option.schemes:
        return url
    if scheme == "http" and is_loopback(host):
        return url
    allowed = " or ".join(f"{s}://" for s in option.schemes)
    if "http" not in option.schemes:
        allowed += f" (http:// only for {_LOOPBACK_TEXT})"
    raise _Invalid(f"is not allowed: use {allowed}")


def _parse_path(option: Option, value: str, base_dir: Path) -> Path | None:
    raw = value.strip()
    if not raw:
        if option.default:
            raise _Invalid("is empty, which this option does not allow")
        return None
    if "\0" in raw:
        raise _Invalid("contains a NUL character, which no path can hold")
    try:
        path = Path(raw).expanduser()
    except RuntimeError:
        raise _Invalid("starts with ~ but that home folder cannot be found") from None
    if not path.is_absolute():
        path = base_dir / path
    if option.existing_file:
        try:
            if not path.exists():
                raise _Invalid(f"names a file that does not exist ({path})")
            if not path.is_file():
                raise _Invalid(f"is not a file ({path})")
            if not os.access(path, os.R_OK):
                raise _Invalid(f"names a file that cannot be read ({path})")
        except (OSError, ValueError) as error:
            raise _Invalid(f"names a file that cannot be checked ({error})") from None
    return path


def _parse(option: Option, value: object, *, text: bool, base_dir: Path) -> OptionValue:
    """Turn one raw setting into a value; ``text`` marks env and flag strings.

    Raises:
        _Invalid: the value is rejected; the reason completes "<setting> …".
    """
    if option.kind is Kind.INT:
        return _parse_int(option, value, text)
    if option.kind is Kind.BOOL:
        return _parse_bool(option, value, text)
    if text and option.kind is Kind.PATH and isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise _wrong_type(option, value)
    if option.kind is Kind.CHOICE:
        return _parse_choice(option, value)
    if option.kind is Kind.URL:
        return _parse_url(option, value)
    if option.kind is Kind.PATH:
        return _parse_path(option, value, base_dir)
    return value.strip()


# --- display ----------------------------------------------------------------------------------


def _toml_string(text: str) -> str:
    if "\\" in text and "'" not in text and text.isprintable():
        return f"'{text}'"  # a TOML literal string keeps Windows paths readable
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _literal(value: object) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _toml_string(str(value))


def _mask_url(text: str) -> str:
    try:
        parts = urlsplit(text)
        if parts.password is None:
            return text
        netloc = parts.netloc.rsplit("@", 1)[1]
        user = parts.username or ""
        return urlunsplit(parts._replace(netloc=f"{user}:{_MASK}@{netloc}"))
    except ValueError:
        return text


def _shown(option: Option, value: object) -> object:
    if option.secret and value not in ("", None):
        return _MASK
    if option.kind is Kind.URL and isinstance(value, str):
        return _mask_url(value)
    return value


def format_value(option: Option, value: object) -> str:
    """Render a value as a TOML literal, masking secrets and URL passwords."""
    return _literal(_shown(option, value))


# --- loading ----------------------------------------------------------------------------------


class _Loader:
    """Applies the layers one by one, keeping the lower value when a setting is bad."""

    def __init__(self) -> None:
        self.values: dict[str, OptionValue] = {o.name: o.default_value() for o in OPTIONS}
        self.sources: dict[str, str] = {o.name: "default" for o in OPTIONS}
        self.problems: list[ConfigProblem] = []

    def set(
        self, option: Option, raw: object, *, text: bool, source: str, setting: str, base: Path
    ) -> None:
        try:
            value = _parse(option, raw, text=text, base_dir=base)
        except _Invalid as invalid:
            kept = format_value(option, self.values[option.name])
            message = (
                f"{setting} {invalid}; {option.name} keeps {kept} ({self.sources[option.name]})"
            )
            self.problems.append(ConfigProblem(option.name, source, message))
            return
        self.values[option.name] = value
        self.sources[option.name] = source

    def file(self, label: str, path: Path) -> None:
        source = f"{label} {path}"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            reason = error.strerror or str(error)
            self._file_problem(source, f"{source} cannot be read ({reason}); it is ignored")
            return
        try:
            content = data.decode("utf-8-sig")  # Notepad may add a byte-order mark
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self._file_problem(
                source, f"{source} is not UTF-8 text (line {line}); save it as UTF-8; it is ignored"
            )
            return
        try:
            table = tomllib.loads(content)
        except tomllib.TOMLDecodeError as error:
            hint = ""
            if "\\" in str(error) or "escape" in str(error).lower():
                hint = "; write Windows paths in single quotes, like data_dir = 'D:\\kiosk\\data'"
            self._file_problem(source, f"{source} is not valid TOML: {error}{hint}; it is ignored")
            return
        for key, raw in table.items():
            option = _BY_NAME.get(key)
            if option is None:
                self._unknown_key(key, raw, source)
                continue
            setting = f"{key} = {_literal(_shown(option, raw))} in {source}"
            self.set(option, raw, text=False, source=source, setting=setting, base=path.parent)

    def _unknown_key(self, key: str, raw: object, source: str) -> None:
        if isinstance(raw, dict):
            hint = f"; the file is flat: put options at the top, without a [{key}] section header"
        else:
            hint = _did_you_mean(key)
        message = f"{source} has an unknown option {key!r}, which is ignored{hint}"
        self.problems.append(ConfigProblem(key, source, message))

    def _file_problem(self, source: str, message: str) -> None:
        self.problems.append(ConfigProblem(None, source, message))

    def policy(self, values: Mapping[str, object] | None, base: Path) -> None:
        """The Windows policy layer: registry values named like the options."""
        source = winpolicy.POLICY_SOURCE
        if values is None:
            try:
                values = winpolicy.read_values()
            except OSError as error:
                reason = error.strerror or str(error)
                self._file_problem(source, f"{source} cannot be read ({reason}); it is ignored")
                return
        for name, raw in values.items():
            option = _BY_NAME.get(name.lower())
            if option is None:
                message = f"{source} has an unknown value {name!r}, which is ignored"
                self.problems.append(ConfigProblem(name, source, message + _did_you_mean(name)))
                continue
            value, text = winpolicy.as_setting(raw, boolean=option.kind is Kind.BOOL)
            if not isinstance(value, str | int):
                kept = format_value(option, self.values[option.name])
                message = (
                    f"{name} in {source} is a {winpolicy.registry_type_name(raw)} value; use "
                    f"REG_SZ or REG_DWORD; {option.name} keeps {kept} ({self.sources[option.name]})"
                )
                self.problems.append(ConfigProblem(option.name, source, message))
                continue
            setting = f"{name} = {_literal(_shown(option, raw))} in {source}"
            self.set(option, value, text=text, source=source, setting=setting, base=base)

    def environment(self, environ: Mapping[str, str]) -> None:
        cwd = Path.cwd()
        for option in OPTIONS:
            raw = environ.get(option.env_var)
            if raw is None:
                continue
            source = f"environment {option.env_var}"
            setting = f"{option.env_var}={_literal(_shown(option, raw))} in the environment"
            self.set(option, raw, text=True, source=source, setting=setting, base=cwd)

    def command_line(self, given: Mapping[str, object]) -> None:
        cwd = Path.cwd()
        for name, raw in given.items():
            if raw is None:
                continue
            option = _BY_NAME.get(name)
            if option is None:
                message = f"the command line has an unknown option {name!r}, which is ignored"
                self.problems.append(ConfigProblem(name, "command line", message))
                continue
            flag = option.flag
            if option.kind is Kind.BOOL and raw is False:
                flag = "--no-" + flag[2:]
            source = f"command line {flag}"
            shown = "" if isinstance(raw, bool) else f" {_literal(_shown(option, raw))}"
            setting = f"{flag}{shown} on the command line"
            self.set(option, raw, text=True, source=source, setting=setting, base=cwd)


def load(
    cli_values: Mapping[str, object] | None = None,
    environ: Mapping[str, str] | None = None,
    policy: Mapping[str, object] | None = None,
) -> Config:
    """Load the configuration: defaults, files, Windows policy, environment, command line.

    Never raises for a bad setting: each one becomes a :class:`ConfigProblem` in
    ``Config.problems`` and the value of the layer below is kept. A missing file is fine.
    A Group Policy is enforced by IT, so it beats both files; the environment and the
    command line, set by whoever starts the kiosk (IT again), still beat it.

    Args:
        cli_values: option values given on the command line (see :func:`cli_values`);
            strings are parsed like environment values.
        environ: the environment to read; ``os.environ`` when None.
        policy: the raw Windows policy values (registry value name → data); read from
            HKLM by :func:`kiosk.winpolicy.read_values` when None (nothing outside Windows).
    """
    env = os.environ if environ is None else environ
    loader = _Loader()
    system_file = system_config_path(env)
    loader.file("system file", system_file)
    loader.file("user file", user_config_path(env))
    loader.policy(policy, base=system_file.parent)
    loader.environment(env)
    loader.command_line(cli_values or {})
    return Config(loader.values, loader.sources, loader.problems)


# --- command line -----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add one flag per option to ``parser`` (all default to None, meaning "not given")."""
    group = parser.add_argument_group(
        "configuration options",
        "Override the configuration files and PCK_* environment variables.",
    )
    for option in OPTIONS:
        text = f"{option.help_en} Env {option.env_var}; default {option.default_text}."
        text = text.replace("%", "%%")
        if option.kind is Kind.BOOL:
            group.add_argument(
                option.flag,
                dest=option.name,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=text,
            )
            continue
        group.add_argument(
            option.flag, dest=option.name, default=None, metavar=option.metavar, help=text
        )


def cli_values(namespace: argparse.Namespace) -> dict[str, object]:
    """Return the option flags that were given in ``namespace``, by option name."""
    given: dict[str, object] = {}
    for option in OPTIONS:
        value = getattr(namespace, option.name, None)
        if value is not None:
            given[option.name] = value
    return given


# --- documentation ----------------------------------------------------------------------------


def _code(text: str) -> str:
    return f"`{text}`"


def render_markdown() -> str:
    """Return the content of ``docs/configuration.md``, generated from :data:`OPTIONS`."""
    lines = [
        "# Configuration",
        "",
        "<!-- Generated from kiosk/config.py by `make docs` "
        "(python -m kiosk.config --markdown --output docs/configuration.md). "
        "Do not edit by hand: a test fails when this file is out of date. -->",
        "",
        "Every setting of the kiosk is one of the options below. Each one can be set in a "
        "configuration file, in an environment variable or with a command-line flag.",
        "",
        "## Where settings come from",
        "",
        "Each source overrides the ones before it:",
        "",
        "1. The built-in defaults, listed below.",
        "2. The **system file**, for IT, one per PC (written by your deployment tool):",
        f"   - Linux: {_code(LINUX_SYSTEM_CONFIG)}",
        f"   - Windows: {_code(WINDOWS_SYSTEM_CONFIG)}",
        "",
        f"   Set {_code(SYSTEM_CONFIG_ENV)} to read another file instead.",
        "3. The **user file**, in the profile of the account the kiosk runs as:",
        f"   - Linux: {_code(LINUX_USER_CONFIG)} (under `$XDG_CONFIG_HOME` when it is set)",
        f"   - Windows: {_code(WINDOWS_USER_CONFIG)}",
        "",
        f"   Set {_code(USER_CONFIG_ENV)} to read another file instead.",
        "4. **Windows Group Policy** (Windows only): one registry value per option, named like "
        f"the option, under {_code(winpolicy.POLICY_PATH)}; the ADMX template in "
        "`packaging/windows/policy/` writes them (see `docs/deploy-windows.md`). Text is "
        "REG_SZ, numbers and yes/no REG_DWORD. A policy is enforced by IT, so it beats both "
        "files.",
        f"5. **Environment variables**: {_code(ENV_PREFIX)} followed by the option name in "
        "capitals, for example `PCK_IDLE_TIMEOUT=120`.",
        "6. **Command-line flags**, for example `--idle-timeout 120`, or `--windowed` and "
        "`--no-windowed` for a yes/no option.",
        "",
        "A missing file is fine: the kiosk runs on its defaults.",
        "",
        "## File format",
        "",
        "Both files are flat TOML, saved as UTF-8, with one option per line and no "
        "`[section]` header:",
        "",
        "```toml",
        'central_url = "https://kiosk-api.example.org"',
        'kiosk_name = "Médiathèque Jean-Macé, hall"',
        "idle_timeout = 120",
        "windowed = false",
        "ca_bundle = 'C:\\ProgramData\\passculture-kiosk\\municipal-ca.pem'",
        "```",
        "",
        "- Numbers and `true`/`false` go without quotes; text goes in quotes.",
        "- Write Windows paths in single quotes (in double quotes, `\\` starts an escape).",
        "- A relative path in a file is relative to the file's folder; in an environment "
        "variable or a flag, to the current folder. `~` is the user's home folder.",
        "",
        "## Checking the configuration",
        "",
        "```",
        "passculture-kiosk config check   # prints 'configuration OK' and exits 0,",
        "                                 # or prints one 'error: ...' line per problem "
        "and exits 2",
        "passculture-kiosk config show    # every option, its value and where it comes from",
        "passculture-kiosk config path    # the system and user file paths",
        "```",
        "",
        "`config check` and `config show` accept the same flags as the kiosk, so you can "
        "check a command line before putting it in a shortcut or a service.",
        "",
        "A bad value never stops the kiosk: it is reported as a problem and the value from the "
        "source before it is kept (in the end, the default). An unknown option in a file is "
        "reported with the closest known name.",
        "",
        "## Summary",
        "",
        "| Option | Type | Default | Environment variable | Flag |",
        "|---|---|---|---|---|",
    ]
    for option in OPTIONS:
        default = (
            "platform default"
            if isinstance(option.default, PlatformDir)
            else _code(option.default_text)
        )
        lines.append(
            f"| [{_code(option.name)}](#{option.name}) | {option.type_text} | {default} "
            f"| {_code(option.env_var)} | {_code(option.flag)} |"
        )
    lines += ["", "## Options", ""]
    for option in OPTIONS:
        lines += [f"### {option.name}", "", f"- **Français :** {option.help_fr}"]
        lines += [f"- **English:** {option.help_en}", f"- **Type:** {option.type_text}"]
        if isinstance(option.default, PlatformDir):
            lines.append(
                f"- **Default:** Linux {_code(option.default.linux)}, "
                f"Windows {_code(option.default.windows)}"
            )
        else:
            lines.append(f"- **Default:** {_code(option.default_text)}")
        lines.append(f"- **Allowed:** {option.allowed_text}")
        lines.append(f"- **Environment variable:** {_code(option.env_var)}")
        if option.kind is Kind.BOOL:
            flag = f"{_code(option.flag)} / {_code('--no-' + option.flag[2:])}"
        else:
            flag = _code(f"{option.flag} {option.metavar}")
        lines += [f"- **Flag:** {flag}", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kiosk.config --markdown [--output FILE]``: print or write the docs."""
    parser = argparse.ArgumentParser(prog="python -m kiosk.config", description=__doc__)
    parser.add_argument("--markdown", action="store_true", help="render docs/configuration.md")
    parser.add_argument("--output", type=Path, help="write to this file instead of stdout")
    args = parser.parse_args(argv)
    if not args.markdown:
        parser.print_help()
        return 2
    data = render_markdown().encode("utf-8")  # UTF-8 and \n on every platform
    if args.output is not None:
        args.output.write_bytes(data)
        return 0
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
