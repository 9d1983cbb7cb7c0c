"""What a visitor chose for this visit: language (and later, accessibility modes)."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Property, QObject, Signal, Slot

LANGUAGES: Final = ("fr", "en")


class PreferencesModel(QObject):
    """Per-visit choices, back to the kiosk's defaults after each visitor."""

    languageChanged = Signal()  # noqa: N815 - Qt notify signals are camelCase for QML

    def __init__(self, default_language: str) -> None:
        super().__init__()
        if default_language not in LANGUAGES:
            raise ValueError(f"unsupported language {default_language!r}")
        self._default_language = default_language
        self._language = default_language

    def _get_language(self) -> str:
        return self._language

    @Slot(str)
    def setLanguage(self, language: str) -> None:  # noqa: N802 - called from QML
        """Switch the whole interface to ``language`` ("fr" or "en")."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        if language != self._language:
            self._language = language
            self.languageChanged.emit()

    language = Property(str, _get_language, setLanguage, notify=languageChanged)

    def reset_visitor_state(self) -> None:
        """The next visitor starts in the kiosk's default language."""
        self.setLanguage(self._default_language)
