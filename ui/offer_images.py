"""Offer pictures for QML, read from the sync's disk cache off the GUI thread.

``image://offerimage/<percent-encoded URL>`` loads the cached picture of that URL. Qt calls
the provider on its image-loading threads (ForceAsynchronousImageLoading), so a list that
scrolls never decodes a picture on the GUI thread. A picture not in the cache yet (the sync
fetches the soonest events' first) comes back as a transparent pixel: the card's placeholder
underneath stays visible, and nothing is logged as an error.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtQuick import QQuickImageProvider

from kiosk.storage.db import StorageError
from kiosk.storage.images import ImageCache

PROVIDER_ID = "offerimage"

log = logging.getLogger(__name__)


class OfferImageProvider(QQuickImageProvider):
    """Pictures from an :class:`ImageCache`, scaled down to the size QML asks for."""

    def __init__(self, cache: ImageCache | None) -> None:
        super().__init__(
            QQuickImageProvider.ImageType.Image,
            QQuickImageProvider.Flag.ForceAsynchronousImageLoading,
        )
        self._cache = cache

    def requestImage(self, id: str, size: QSize, requested_size: QSize) -> QImage:  # noqa: A002,N802
        """Qt's entry point: ``id`` is the picture's URL, percent-encoded."""
        image = self._read(unquote(id), requested_size)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image

    def _read(self, url: str, requested_size: QSize) -> QImage:
        path = None
        if self._cache is not None:
            try:
                path = self._cache.get(url)
            except StorageError as error:
                log.warning("image cache unreadable: %s", error)
        if path is None:
            return _placeholder()
        reader = QImageReader(str(path))
        if requested_size.isValid() and not requested_size.isEmpty():
            original = reader.size()
            if original.isValid():
                reader.setScaledSize(
                    original.scaled(requested_size, Qt.AspectRatioMode.KeepAspectRatioByExpanding)
                )
        image = reader.read()
        return image if not image.isNull() else _placeholder()


def _placeholder() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    return image
