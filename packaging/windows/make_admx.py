r"""Generate the Group Policy template (ADMX + fr-FR and en-US ADML) from kiosk/config.py.

    python packaging/windows/make_admx.py          # rewrite packaging/windows/policy/
    python packaging/windows/make_admx.py --check  # exit 1 if the committed files differ

Each policy sets one option of kiosk/config.py: a registry value named like the option under
HKLM\\SOFTWARE\\Policies\\passculture-kiosk (kiosk.winpolicy reads it), REG_SZ for text,
REG_DWORD for numbers. Types, bounds, choices, defaults and the explanations come from the
option spec, so the template cannot drift from what the kiosk accepts; only the short
titles below are written here. Machine policies only (Computer Configuration): the kiosk
reads HKLM, whoever runs it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from kiosk.config import Kind, Option, get_option  # noqa: E402
from kiosk.winpolicy import POLICY_KEY  # noqa: E402

POLICY_DIR = HERE / "policy"
ADMX = POLICY_DIR / "passculture-kiosk.admx"
LANGUAGES = ("fr-FR", "en-US")
NAMESPACE = "PassCulture.Policies.Kiosk"
PREFIX = "passculturekiosk"
CATEGORY = "PassCultureKiosk"
SUPPORTED = "SUPPORTED_PassCultureKiosk_0_1"
SCHEMA = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"


@dataclass(frozen=True)
class Policy:
    """One policy: its ADMX name, the option it sets, and its titles."""

    name: str
    option: str
    title_fr: str
    title_en: str


# The options IT may enforce by GPO. Left out on purpose: windowed (development only), the
# per-user folders (data_dir, cache_dir, log_dir: a fixed path for every account breaks
# them) and the secret store (secrets_backend, allow_plaintext_secrets: a decision per PC).
POLICIES: tuple[Policy, ...] = (
    Policy("CentralUrl", "central_url", "Adresse de l'API centrale", "Central API address"),
    Policy("KioskName", "kiosk_name", "Nom de la borne", "Kiosk name"),
    Policy("Language", "language", "Langue par défaut", "Default language"),
    Policy(
        "IdleTimeout",
        "idle_timeout",
        "Délai d'inactivité avant de proposer la fin de session",
        "Idle time before offering to end the session",
    ),
    Policy("Countdown", "countdown", "Durée du compte à rebours", "Countdown length"),
    Policy(
        "StaffTimeout",
        "staff_timeout",
        "Verrouillage automatique de l'espace personnel",
        "Staff area automatic lock",
    ),
    Policy(
        "AttractInterval",
        "attract_interval",
        "Durée des diapositives de l'écran d'accueil",
        "Attract screen slide duration",
    ),
    Policy("SyncInterval", "sync_interval", "Intervalle de synchronisation", "Sync interval"),
    Policy("Proxy", "proxy", "Proxy HTTP(S)", "HTTP(S) proxy"),
    Policy(
        "CaBundle",
        "ca_bundle",
        "Autorités de certification supplémentaires",
        "Extra certificate authorities",
    ),
    Policy("Printer", "printer", "Imprimante des tickets", "Ticket printer"),
    Policy("SpeechEngine", "speech_engine", "Moteur de synthèse vocale", "Speech engine"),
    Policy("RenderBackend", "render_backend", "Moteur de rendu graphique", "Rendering backend"),
    Policy("ImageCacheMb", "image_cache_mb", "Taille du cache d'images", "Image cache size"),
    Policy("LogLevel", "log_level", "Niveau de détail des journaux", "Log level"),
)

_UNITS_FR = {"seconds": "secondes", "MB": "Mo"}
_CHOICE_LABELS = {
    ("language", "fr"): ("Français", "French"),
    ("language", "en"): ("Anglais", "English"),
}


def _policy_kind(option: Option) -> str:
    if option.kind is Kind.INT:
        return "decimal"
    if option.kind is Kind.CHOICE:
        return "enum"
    if option.kind is Kind.BOOL:
        return "boolean"
    return "text"


def registry_type(option: Option) -> str:
    """The registry type a policy for ``option`` writes."""
    return "REG_SZ" if _policy_kind(option) in ("text", "enum") else "REG_DWORD"


def _explain(policy: Policy, option: Option, french: bool) -> str:
    help_text = option.help_fr if french else option.help_en
    kind = registry_type(option)
    if option.kind is Kind.INT:
        unit = _UNITS_FR.get(option.unit, option.unit) if french else option.unit
        allowed = (
            f"De {option.minimum} à {option.maximum} {unit} ; par défaut {option.default}."
            if french
            else f"From {option.minimum} to {option.maximum} {unit}; default {option.default}."
        )
    elif option.kind is Kind.CHOICE:
        allowed = (
            f"Valeurs : {', '.join(option.choices)} ; par défaut {option.default}."
            if french
            else f"Values: {', '.join(option.choices)}; default {option.default}."
        )
    elif french:
        allowed = "Texte ; vide par défaut." if not option.default else "Texte."
    else:
        allowed = "Text; empty by default." if not option.default else "Text."
    if french:
        where = (
            f"Écrit la valeur {option.name} ({kind}) sous HKLM\\{POLICY_KEY}. Activée, cette "
            "stratégie l'emporte sur les fichiers kiosk.toml de la borne ; désactivée ou non "
            "configurée, la borne reprend la valeur de ses fichiers. Option de configuration : "
            f"{option.name} (voir docs/configuration.md)."
        )
    else:
        where = (
            f"Writes the value {option.name} ({kind}) under HKLM\\{POLICY_KEY}. When enabled, "
            "this policy beats the kiosk's kiosk.toml files; when disabled or not configured, "
            "the kiosk goes back to the value of its files. Configuration option: "
            f"{option.name} (see docs/configuration.md)."
        )
    return f"{help_text}\n\n{allowed}\n\n{where}"


def _element(policy: Policy, option: Option) -> list[str]:
    kind = _policy_kind(option)
    value = quoteattr(option.name)
    if kind == "decimal":
        return [
            f'        <decimal id="{policy.name}" valueName={value} required="true" '
            f'minValue="{option.minimum}" maxValue="{option.maximum}"/>'
        ]
    if kind == "boolean":
        return [
            f'        <boolean id="{policy.name}" valueName={value}>',
            '          <trueValue><decimal value="1"/></trueValue>',
            '          <falseValue><decimal value="0"/></falseValue>',
            "        </boolean>",
        ]
    if kind == "enum":
        lines = [f'        <enum id="{policy.name}" valueName={value} required="true">']
        for choice in option.choices:
            lines += [
                f'          <item displayName="$(string.{policy.name}_{choice})">',
                f"            <value><string>{escape(choice)}</string></value>",
                "          </item>",
            ]
        return [*lines, "        </enum>"]
    return [f'        <text id="{policy.name}" valueName={value} maxLength="2048"/>']


def render_admx() -> str:
    """The text of passculture-kiosk.admx."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Generated by packaging/windows/make_admx.py from kiosk/config.py: do not edit. -->",
        f'<policyDefinitions revision="1.0" schemaVersion="1.0" xmlns="{SCHEMA}">',
        "  <policyNamespaces>",
        f'    <target prefix="{PREFIX}" namespace="{NAMESPACE}"/>',
        "  </policyNamespaces>",
        '  <resources minRequiredRevision="1.0"/>',
        "  <supportedOn>",
        "    <definitions>",
        f'      <definition name="{SUPPORTED}" displayName="$(string.{SUPPORTED})"/>',
        "    </definitions>",
        "  </supportedOn>",
        "  <categories>",
        f'    <category name="{CATEGORY}" displayName="$(string.{CATEGORY})"/>',
        "  </categories>",
        "  <policies>",
    ]
    for policy in POLICIES:
        option = get_option(policy.option)
        presentation = f' presentation="$(presentation.{policy.name})"'
        if _policy_kind(option) == "boolean":
            presentation = ""
        lines += [
            f'    <policy name="{policy.name}" class="Machine" '
            f'displayName="$(string.{policy.name})" '
            f'explainText="$(string.{policy.name}_Help)"{presentation} key="{POLICY_KEY}">',
            f'      <parentCategory ref="{CATEGORY}"/>',
            f'      <supportedOn ref="{SUPPORTED}"/>',
            "      <elements>",
            *_element(policy, option),
            "      </elements>",
            "    </policy>",
        ]
    lines += ["  </policies>", "</policyDefinitions>", ""]
    return "\n".join(lines)


def _presentation(policy: Policy, option: Option, french: bool) -> list[str]:
    kind = _policy_kind(option)
    colon = "\u00a0:" if french else ":"
    title = policy.title_fr if french else policy.title_en
    label = escape(title + colon)
    if kind == "boolean":
        return []
    lines = [f'      <presentation id="{policy.name}">']
    if kind == "decimal":
        lines.append(
            f'        <decimalTextBox refId="{policy.name}" defaultValue="{option.default}">'
            f"{label}</decimalTextBox>"
        )
    elif kind == "enum":
        default = option.choices.index(str(option.default))
        lines.append(
            f'        <dropdownList refId="{policy.name}" noSort="true" '
            f'defaultItem="{default}">{label}</dropdownList>'
        )
    else:
        lines += [f'        <textBox refId="{policy.name}">', f"          <label>{label}</label>"]
        if option.default:
            lines.append(f"          <defaultValue>{escape(str(option.default))}</defaultValue>")
        lines.append("        </textBox>")
    return [*lines, "      </presentation>"]


def render_adml(language: str) -> str:
    """The text of ``<language>/passculture-kiosk.adml``."""
    french = language.startswith("fr")
    strings = {
        CATEGORY: "Borne pass Culture" if french else "pass Culture kiosk",
        SUPPORTED: (
            "Borne pass Culture 0.1 ou ultérieure" if french else "pass Culture kiosk 0.1 or later"
        ),
    }
    presentations: list[str] = []
    for policy in POLICIES:
        option = get_option(policy.option)
        strings[policy.name] = policy.title_fr if french else policy.title_en
        strings[f"{policy.name}_Help"] = _explain(policy, option, french)
        for choice in option.choices:
            label = _CHOICE_LABELS.get((option.name, choice))
            text = choice if label is None else f"{label[0 if french else 1]} ({choice})"
            strings[f"{policy.name}_{choice}"] = text
        presentations += _presentation(policy, option, french)
    title = "Borne pass Culture" if french else "pass Culture kiosk"
    description = (
        "Réglages de la borne pass Culture imposés par stratégie de groupe."
        if french
        else "Settings of the pass Culture kiosk enforced by Group Policy."
    )
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Generated by packaging/windows/make_admx.py from kiosk/config.py: do not edit. -->",
        f'<policyDefinitionResources revision="1.0" schemaVersion="1.0" xmlns="{SCHEMA}">',
        f"  <displayName>{escape(title)}</displayName>",
        f"  <description>{escape(description)}</description>",
        "  <resources>",
        "    <stringTable>",
    ]
    for key, text in strings.items():
        lines.append(f'      <string id="{key}">{escape(text)}</string>')
    lines += ["    </stringTable>", "    <presentationTable>", *presentations]
    lines += ["    </presentationTable>", "  </resources>", "</policyDefinitionResources>", ""]
    return "\n".join(lines)


def rendered() -> dict[Path, str]:
    """Every file of the template and its expected content."""
    files = {ADMX: render_admx()}
    for language in LANGUAGES:
        files[POLICY_DIR / language / "passculture-kiosk.adml"] = render_adml(language)
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """Write the template, or with --check report files that are out of date."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for path, text in rendered().items():
        current = path.read_bytes() if path.exists() else b""
        if current == text.encode("utf-8"):
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))  # UTF-8 and \n on every platform
    if args.check and stale:
        for path in stale:
            print(f"out of date: {path.relative_to(REPO)}", file=sys.stderr)
        print("run: python packaging/windows/make_admx.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
