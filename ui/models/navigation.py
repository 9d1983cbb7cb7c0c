"""Which screen is shown, and the way back."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Property, QObject, Signal, Slot

ATTRACT: Final = "attract"
HOME: Final = "home"

#: Every screen of the kiosk, in the order the self-test and the screenshots visit them.
#: A name maps to ``ui/qml/screens/<Name>Screen.qml``.
SCREENS: Final = (ATTRACT, HOME, "eligibility", "offers", "assisted", "staff")


class NavigationModel(QObject):
    """A stack of screens with Retour (back) and Accueil (home)."""

    screenChanged = Signal()  # noqa: N815 - Qt notify signals are camelCase for QML
    navigated = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._stack: list[str] = [ATTRACT]

    def _get_screen(self) -> str:
        return self._stack[-1]

    screen = Property(str, _get_screen, notify=screenChanged)

    def _get_can_go_back(self) -> bool:
        return len(self._stack) > 1

    canGoBack = Property(bool, _get_can_go_back, notify=screenChanged)  # noqa: N815

    @Slot(str)
    def go(self, name: str) -> None:
        """Show screen ``name`` on top of the current one."""
        if name not in SCREENS:
            raise ValueError(f"unknown screen {name!r}; known: {', '.join(SCREENS)}")
        if name == self.screen:
            return
        if name == HOME:
            self._stack = [ATTRACT, HOME]
        elif name == ATTRACT:
            self._stack = [ATTRACT]
        else:
            self._stack.append(name)
        self._changed()

    @Slot()
    def back(self) -> None:
        """Return to the previous screen; from home, stay on home."""
        if len(self._stack) > 2:
            self._stack.pop()
            self._changed()

    @Slot()
    def home(self) -> None:
        """Show the home screen with a fresh history."""
        self.go(HOME)

    def reset_visitor_state(self) -> None:
        """Forget the visitor's path and show the attract screen."""
        self._stack = [ATTRACT]
        self._changed()

    def _changed(self) -> None:
        self.screenChanged.emit()
        self.navigated.emit(self.screen)
