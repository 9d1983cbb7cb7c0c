"""What a visitor chose for this visit: language and accessibility modes.

Every choice lasts one visit: the next visitor starts from the kiosk's defaults, so nobody
inherits a stranger's giant text or spoken taps without knowing why.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Property, QLocale, QObject, Signal, Slot

from kiosk.paths import TRANSLATIONS_DIR

SOURCE_LANGUAGE: Final = "fr"
#: Text size levels: normal, large, larger (UX.md asks for two large levels).
TEXT_SCALES: Final = (1.0, 1.25, 1.5)


def available_languages() -> tuple[str, ...]:
    """French (the source strings) and every language with a ``kiosk_<code>.ts`` catalogue."""
    others = sorted(path.stem.removeprefix("kiosk_") for path in TRANSLATIONS_DIR.glob("*.ts"))
    return (SOURCE_LANGUAGE, *[code for code in others if code != SOURCE_LANGUAGE])


LANGUAGES: Final = available_languages()
# Qt names "en" after a country ("American English"); a visitor looks for the plain word.
_NATIVE_NAMES: Final = {"fr": "Français", "en": "English"}


def _native_name(code: str) -> str:
    return _NATIVE_NAMES.get(code) or QLocale(code).nativeLanguageName().capitalize()


class PreferencesModel(QObject):
    """Per-visit choices, back to the kiosk's defaults after each visitor."""

    languageChanged = Signal()  # noqa: N815 - Qt notify signals are camelCase for QML
    accessibilityChanged = Signal()  # noqa: N815

    def __init__(self, default_language: str) -> None:
        super().__init__()
        if default_language not in LANGUAGES:
            raise ValueError(f"unsupported language {default_language!r}")
        self._default_language = default_language
        self._language = default_language
        self._text_size = 0
        self._high_contrast = False
        self._low_reach = False
        self._read_aloud = False

    # --- language -----------------------------------------------------------------------

    def _get_language(self) -> str:
        return self._language

    @Slot(str)
    def setLanguage(self, language: str) -> None:  # noqa: N802 - called from QML
        """Switch the whole interface to ``language`` (a code of :data:`LANGUAGES`)."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        if language != self._language:
            self._language = language
            self.languageChanged.emit()

    language = Property(str, _get_language, setLanguage, notify=languageChanged)

    def _get_languages(self) -> list[dict[str, str]]:
        # Each language is named in itself, so a visitor finds theirs without reading French.
        return [{"code": code, "name": _native_name(code)} for code in LANGUAGES]

    languages = Property("QVariantList", _get_languages, constant=True)

    # --- accessibility ------------------------------------------------------------------

    def _get_text_size(self) -> int:
        return self._text_size

    @Slot(int)
    def setTextSize(self, level: int) -> None:  # noqa: N802
        """0 normal, 1 large, 2 larger; anything else is clamped."""
        level = max(0, min(level, len(TEXT_SCALES) - 1))
        if level != self._text_size:
            self._text_size = level
            self.accessibilityChanged.emit()

    textSize = Property(int, _get_text_size, setTextSize, notify=accessibilityChanged)  # noqa: N815

    def _get_text_scale(self) -> float:
        return TEXT_SCALES[self._text_size]

    textScale = Property(float, _get_text_scale, notify=accessibilityChanged)  # noqa: N815

    def _get_high_contrast(self) -> bool:
        return self._high_contrast

    @Slot(bool)
    def setHighContrast(self, on: bool) -> None:  # noqa: N802
        """Light text on black, for low vision and glare."""
        self._set_flag("_high_contrast", on)

    highContrast = Property(  # noqa: N815
        bool, _get_high_contrast, setHighContrast, notify=accessibilityChanged
    )

    def _get_low_reach(self) -> bool:
        return self._low_reach

    @Slot(bool)
    def setLowReach(self, on: bool) -> None:  # noqa: N802
        """Everything to touch in the lower half: wheelchair users and children."""
        self._set_flag("_low_reach", on)

    lowReach = Property(bool, _get_low_reach, setLowReach, notify=accessibilityChanged)  # noqa: N815

    def _get_read_aloud(self) -> bool:
        return self._read_aloud

    @Slot(bool)
    def setReadAloud(self, on: bool) -> None:  # noqa: N802
        """Speak each tapped control."""
        self._set_flag("_read_aloud", on)

    readAloud = Property(bool, _get_read_aloud, setReadAloud, notify=accessibilityChanged)  # noqa: N815

    def _set_flag(self, attribute: str, on: bool) -> None:
        if getattr(self, attribute) != on:
            setattr(self, attribute, on)
            self.accessibilityChanged.emit()

    def reset_visitor_state(self) -> None:
        """The next visitor starts in the kiosk's default language and modes."""
        self.setLanguage(self._default_language)
        self.setTextSize(0)
        self.setHighContrast(False)
        self.setLowReach(False)
        self.setReadAloud(False)
