"""Run-time language switching: Qt translators for the kiosk's own and Qt's strings."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtQml import QQmlEngine

from kiosk.paths import TRANSLATIONS_DIR

log = logging.getLogger(__name__)

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


class Translations:
    """Installs the catalogues of one language at a time and retranslates the QML."""

    def __init__(self, engine: QQmlEngine) -> None:
        self._engine = engine
        self._installed: list[QTranslator] = []
        self.language = ""

    def apply(self, language: str) -> None:
        """Switch every translated string to ``language`` without reloading any screen."""
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        self._install(f"qtbase_{language}", qt_dir)
        # The source language has a catalogue too: it holds its plural forms.
        if not self._install(f"kiosk_{language}", str(TRANSLATIONS_DIR)):
            log.warning("no kiosk translation for %s in %s; run 'make translations'",
                        language, TRANSLATIONS_DIR)
        QLocale.setDefault(QLocale(_LOCALES[language]))
        self.language = language
        self._engine.setUiLanguage(_LOCALES[language])
        self._engine.retranslate()

    def _install(self, name: str, directory: str) -> bool:
        translator = QTranslator()
        if not translator.load(name, directory):
            return False
        QCoreApplication.instance().installTranslator(translator)
        self._installed.append(translator)
        return True

    def remove_all(self) -> None:
        """Uninstall every catalogue (application shutdown)."""
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
