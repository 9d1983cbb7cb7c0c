"""Read aloud: the current screen on request, and each tapped control when the mode is on.

The engine is created only when a visitor first asks for speech: on a PC without a speech
service, probing it at start would log an error on every boot for a feature nobody used.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Property, QLocale, QObject, Signal, Slot
from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


class Speech(QObject):
    """Speaks texts in the visitor's language through QtTextToSpeech."""

    availabilityChanged = Signal()  # noqa: N815 - Qt notify signals are camelCase for QML

    def __init__(
        self,
        engine_name: str,
        language: Callable[[], str],
        screen_text: Callable[[], str],
    ) -> None:
        super().__init__()
        self._engine_name = engine_name
        self._language = language
        self._screen_text = screen_text
        self._engine: QTextToSpeech | None = None
        self._failed = False
        self.last_spoken = ""

    def _get_available(self) -> bool:
        return not self._failed

    #: False once the engine turned out to be missing; QML then says so instead of speaking.
    available = Property(bool, _get_available, notify=availabilityChanged)

    @Slot(str)
    def say(self, text: str) -> None:
        """Speak ``text`` now, interrupting whatever was being said."""
        engine = self._ready_engine()
        if engine is None or not text.strip():
            return
        engine.stop()
        locale = QLocale(_LOCALES.get(self._language(), "fr_FR"))
        if locale in engine.availableLocales():
            engine.setLocale(locale)
        self.last_spoken = text
        engine.say(text)

    @Slot()
    def speakScreen(self) -> None:  # noqa: N802 - called from QML
        """Speak the main text of the screen the visitor is on."""
        self.say(self._screen_text())

    @Slot()
    def stop(self) -> None:
        """Stop speaking (the visit ended, or the visitor asked)."""
        if self._engine is not None:
            self._engine.stop()

    def reset_visitor_state(self) -> None:
        """Nothing said to one visitor goes on for the next."""
        self.stop()
        self.last_spoken = ""

    def _ready_engine(self) -> QTextToSpeech | None:
        if self._engine is None and not self._failed:
            engine = QTextToSpeech(self._engine_name, self) if self._engine_name \
                else QTextToSpeech(self)
            if engine.state() == QTextToSpeech.State.Error:
                log.warning("text to speech unavailable (%s): %s",
                            self._engine_name or "system default", engine.errorString())
                self._failed = True
                self.availabilityChanged.emit()
                return None
            self._engine = engine
        return self._engine
