"""The results list of the offers screen: a list model that reads the catalog page by page.

The list holds the rows loaded so far and a cursor to the next page; QML's ListView asks for
more (``canFetchMore``/``fetchMore``) as the visitor scrolls, and each page is read on the
storage lane so that scrolling never waits for SQLite. A new question replaces the whole
list at once, with its first page and its count, so the visitor never sees the rows of one
question under the count of another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from kiosk.storage.offer_query import OfferFilters
from kiosk.storage.offers import OfferBrowser, OfferCard, PageCursor
from ui.runner import Lane, TaskRunner

#: The fields of a card QML reads, each a role named after it.
ROLES = ("offerId", "name", "category", "venue", "venueId", "distance", "price", "free", "when",
         "image", "duo", "digital")
_ROLE_IDS = {Qt.ItemDataRole.UserRole + number: name for number, name in enumerate(ROLES)}

CardView = Callable[[OfferCard], dict[str, Any]]
Index = QModelIndex | QPersistentModelIndex


class OfferListModel(QAbstractListModel):
    """Rows of offer cards for one question, fetched a page at a time."""

    def __init__(self, runner: TaskRunner, browser: OfferBrowser, view: CardView) -> None:
        super().__init__()
        self._runner = runner
        self._browser = browser
        self._view = view
        self._rows: list[dict[str, Any]] = []
        self._cursor: PageCursor | None = None
        self._question: tuple[OfferFilters, Any] | None = None
        self._fetching = False
        self._generation = 0

    # --- Qt's list model -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows loaded so far (Qt's API)."""
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        """The role names QML delegates use (Qt's API)."""
        return {role: QByteArray(name.encode()) for role, name in _ROLE_IDS.items()}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """One field of one row (Qt's API)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name = _ROLE_IDS.get(role)
        return self._rows[index.row()].get(name) if name else None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        """Whether another page exists and is not already on its way (Qt's API)."""
        return not parent.isValid() and self._cursor is not None and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        """Read the next page in the background (Qt's API)."""
        if not self.canFetchMore(parent) or self._question is None:
            return
        self._fetching = True
        filters, now = self._question
        generation, cursor = self._generation, self._cursor
        task = self._runner.submit(Lane.STORAGE, self._browser.page, filters, now, cursor)
        task.finished.connect(lambda page: self._append(generation, page))
        task.failed.connect(lambda _error: self._stop_fetching(generation))

    # --- the kiosk's side ------------------------------------------------------------------

    def replace(self, filters: OfferFilters, now: Any, cards: list[OfferCard],
                cursor: PageCursor | None) -> None:
        """Show the first page of a new question (already read in the background)."""
        self.beginResetModel()
        self._generation += 1
        self._question = (filters, now)
        self._rows = [self._view(card) for card in cards]
        self._cursor = cursor
        self._fetching = False
        self.endResetModel()

    def clear(self) -> None:
        """Forget the question and its rows."""
        self.beginResetModel()
        self._generation += 1
        self._question = None
        self._rows = []
        self._cursor = None
        self._fetching = False
        self.endResetModel()

    def offer_id_at(self, row: int) -> int | None:
        """The offer shown at ``row``, None past the rows loaded."""
        return int(self._rows[row]["offerId"]) if 0 <= row < len(self._rows) else None

    def refresh_views(self) -> None:
        """Format the loaded rows again (the language changed)."""
        if not self._rows:
            return
        ids = [row["offerId"] for row in self._rows]
        self._rows = [self._view(card) for card in self._browser.cards(ids)]
        self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def _append(self, generation: int, page: Any) -> None:
        if generation != self._generation:
            return  # the answer to a question the visitor has since changed
        self._fetching = False
        self._cursor = page.next
        if page.cards:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.cards) - 1)
            self._rows.extend(self._view(card) for card in page.cards)
            self.endInsertRows()

    def _stop_fetching(self, generation: int) -> None:
        if generation == self._generation:
            self._fetching = False
            self._cursor = None  # the catalog failed: keep what is shown, stop asking
