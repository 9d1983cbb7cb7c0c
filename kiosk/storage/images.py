"""The offer image cache: pictures by absolute URL, on disk, bounded in size (LRU).

Everything here can be downloaded again, and the design leans on that:

* a picture lives in ``<folder>/ab/cd/<sha256 of the URL>.<ext>`` (two levels of fan-out
  keep every folder small, which Windows Explorer and antivirus scans appreciate); it is
  written to a temporary file and moved into place with ``os.replace``, so a kill never
  leaves half a picture under a real name;
* a small SQLite index (``images.sqlite3``) maps each URL to its file, size, last use and
  download time; the total of its sizes is what the bound applies to;
* disagreements heal themselves: an index row whose file is gone (or has the wrong size)
  is forgotten on sight, files without a row are deleted by :meth:`ImageCache.prune`, and
  an index that cannot be read is replaced by an empty one, with every picture deleted
  (:attr:`ImageCache.rebuilt`);
* only PNG, JPEG, WebP and GIF content is accepted, by its magic bytes: whatever a portal
  or a misconfigured server sends instead never reaches the screen.

The cache is thread-safe (the sync and the screens may use it at once) and Qt-free; Qt
loads the files by path.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterable
from contextlib import AbstractContextManager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from kiosk.config import Config
from kiosk.storage.db import StorageError, check_database, open_database, write_transaction

#: The folder under ``cache_dir`` that holds the pictures and their index.
IMAGES_DIR_NAME: Final = "images"

INDEX_FILE_NAME: Final = "images.sqlite3"

#: Numbered schema steps; never edit a published one, append a new one.
MIGRATIONS: Final = (
    """
    CREATE TABLE images (
        url TEXT PRIMARY KEY,
        file TEXT NOT NULL,
        size INTEGER NOT NULL,
        last_used INTEGER NOT NULL,
        fetched_at TEXT NOT NULL
    );
    CREATE INDEX images_by_use ON images (last_used);
    """,
)

#: A temporary file older than this belongs to no write still under way (a write takes
#: milliseconds): it was left by a kill and may go.
STALE_TEMP_SECONDS: Final = 3600.0

_log = logging.getLogger(__name__)

_TEMP_SUFFIX: Final = ".tmp"
_FAN_OUT: Final = re.compile(r"^[0-9a-f]{2}$")
_SIGNATURES: Final = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
)


class ImageRefused(ValueError):
    """The bytes were not stored: not a PNG/JPEG/WebP/GIF picture, or larger than the cache."""


def image_extension(data: bytes) -> str | None:
    """The file extension of ``data`` by its magic bytes (``.png``…), or None if not a picture.

    Only the formats every Qt build reads are accepted: PNG, JPEG, WebP and GIF.
    """
    for magic, extension in _SIGNATURES:
        if data.startswith(magic):
            return extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return None


def url_digest(url: str) -> str:
    """The SHA-256 hex digest naming ``url``'s file (URLs are too long and odd for names)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class ImageCache:
    """Pictures by absolute URL in ``folder``, at most ``max_bytes`` in all.

    Every picture put or got becomes the most recently used; when a put takes the total
    over ``max_bytes``, the least recently used pictures are deleted until it fits again.

    Args:
        folder: a folder of the cache's own (e.g. ``<cache_dir>/images``); created if missing.
        max_bytes: the bound on the total size of the pictures (the index is not counted).

    Attributes:
        folder: where the pictures and the index live.
        max_bytes: the bound on the total size of the pictures.
        rebuilt: True when the index could not be read at opening and the cache started
            empty.

    Raises:
        ValueError: ``max_bytes`` is not positive.
        StorageError: the index cannot be created at all (the folder is not writable).
    """

    def __init__(self, folder: Path, max_bytes: int) -> None:
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        self.folder = folder
        self.max_bytes = max_bytes
        self.rebuilt = False
        self._index_path = folder / INDEX_FILE_NAME
        self._lock = threading.RLock()
        self._db = self._open_index()

    def __enter__(self) -> ImageCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the index; the cache must not be used afterwards."""
        with self._lock:
            self._db.close()

    # --- reading ---------------------------------------------------------------------------

    def get(self, url: str) -> Path | None:
        """The file holding ``url``'s picture, now the most recently used; None if not cached.

        Raises:
            StorageError: the index cannot be read or written.
        """
        with self._transaction() as db:
            row = db.execute("SELECT file, size FROM images WHERE url = ?", (url,)).fetchone()
            if row is None or not self._intact(db, url, row[0], row[1]):
                return None
            db.execute("UPDATE images SET last_used = ? WHERE url = ?", (_next_use(db), url))
            name: str = row[0]
        return self.folder / name

    def contains(self, url: str) -> bool:
        """Whether ``url``'s picture is cached, without counting it as used.

        Raises:
            StorageError: the index cannot be read or written.
        """
        with self._transaction() as db:
            row = db.execute("SELECT file, size FROM images WHERE url = ?", (url,)).fetchone()
            return row is not None and self._intact(db, url, row[0], row[1])

    def touch(self, urls: Iterable[str]) -> set[str]:
        """Count ``urls`` as used in their order (the last one most recently), in one write.

        The sync calls this with the pictures it wants kept, least wanted first, so that
        eviction takes other pictures before them and the soonest offers' pictures last.

        Returns:
            Those of ``urls`` that are cached (rows whose file is gone are forgotten).

        Raises:
            StorageError: the index cannot be read or written.
        """
        cached: set[str] = set()
        with self._transaction() as db:
            use = _next_use(db)
            for url in urls:
                row = db.execute("SELECT file, size FROM images WHERE url = ?", (url,)).fetchone()
                if row is None or not self._intact(db, url, row[0], row[1]):
                    continue
                db.execute("UPDATE images SET last_used = ? WHERE url = ?", (use, url))
                use += 1
                cached.add(url)
        return cached

    def total_bytes(self) -> int:
        """The total size of the cached pictures, by the index.

        Raises:
            StorageError: the index cannot be read.
        """
        with self._transaction() as db:
            total: int = db.execute("SELECT COALESCE(SUM(size), 0) FROM images").fetchone()[0]
        return total

    # --- writing ---------------------------------------------------------------------------

    def put(self, url: str, data: bytes, *, fetched_at: datetime | None = None) -> Path:
        """Store ``data`` as ``url``'s picture, the most recently used; evict to fit the bound.

        Args:
            url: the picture's absolute URL (the key; any text works).
            data: the picture's bytes.
            fetched_at: when it was downloaded, for the record only (default: the PC's time;
                no rule depends on it).

        Returns:
            The file now holding the picture.

        Raises:
            ImageRefused: not a PNG/JPEG/WebP/GIF, or alone larger than ``max_bytes``
                (storing it would empty the cache and still break the bound).
            OSError: the file cannot be written.
            StorageError: the index cannot be written; the picture is then not kept.
        """
        extension = image_extension(data)
        if extension is None:
            raise ImageRefused("not a PNG, JPEG, WebP or GIF picture")
        if len(data) > self.max_bytes:
            raise ImageRefused(
                f"the picture ({len(data)} bytes) is larger than the whole cache "
                f"({self.max_bytes} bytes)"
            )
        digest = url_digest(url)
        relative = f"{digest[:2]}/{digest[2:4]}/{digest}{extension}"
        target = self.folder / relative
        # The slow part (write + fsync) happens outside the lock so readers are not held up;
        # only the move into place and the index update need to be one step for others.
        temp = _write_temp(target, data)
        moment = (fetched_at or datetime.now(UTC)).astimezone(UTC).isoformat()
        try:
            # Files go under the same lock as the index: a put of an evicted URL in another
            # thread must not see its fresh file deleted by this one.
            with self._lock:
                with self._transaction() as db:
                    old = db.execute("SELECT file FROM images WHERE url = ?", (url,)).fetchone()
                    os.replace(temp, target)
                    db.execute(
                        "INSERT OR REPLACE INTO images (url, file, size, last_used, fetched_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (url, relative, len(data), _next_use(db), moment),
                    )
                    evicted = _evict(db, self.max_bytes, keep=url)
                    if old is not None and old[0] != relative:
                        evicted.append(old[0])  # the same URL now serves another format
                for name in evicted:
                    self._delete_file(name)
        finally:
            with suppress(OSError):
                temp.unlink()  # only still there when something failed before the move
        return target

    def prune(self, keep_urls: set[str]) -> int:
        """Delete every picture whose URL is not in ``keep_urls``, and every stray file.

        The sync passes the image URLs of the offers still in the catalog. Stray files are
        pictures without an index row (a rebuilt index, a kill between two steps) and
        temporary files left by a kill.

        Returns:
            How many files were deleted.

        Raises:
            StorageError: the index cannot be read or written.
        """
        with self._transaction() as db:
            rows = db.execute("SELECT url, file FROM images").fetchall()
            gone = [(url, name) for url, name in rows if url not in keep_urls]
            db.executemany("DELETE FROM images WHERE url = ?", [(url,) for url, _ in gone])
            known = {name for url, name in rows if url in keep_urls}
            # Under the lock: a put moves its file in and adds its row in one locked step,
            # so no file about to get a row can be mistaken for a stray one.
            deleted = sum(self._delete_file(name) for _, name in gone)
            deleted += self._sweep(known)
        return deleted

    # --- internals -------------------------------------------------------------------------

    def _open_index(self) -> sqlite3.Connection:
        try:
            return _open_checked(self._index_path)
        except StorageError as error:
            _log.warning("image index unreadable (%s): starting an empty cache", error)
        for suffix in ("-wal", "-shm", ""):
            with suppress(FileNotFoundError):
                self._index_path.with_name(self._index_path.name + suffix).unlink()
        self.rebuilt = True
        db = _open_checked(self._index_path)
        # The old pictures cannot be matched to URLs again (names are hashes): they would
        # only take room that the bound no longer counts.
        self._sweep(set())
        return db

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return write_transaction(self._db, self._lock, "the image index")

    def _intact(self, db: sqlite3.Connection, url: str, name: str, size: int) -> bool:
        """Whether ``url``'s file is there with its size; forget the row when it is not."""
        try:
            found = (self.folder / name).stat().st_size
        except OSError:
            found = None
        if found == size:
            return True
        db.execute("DELETE FROM images WHERE url = ?", (url,))
        if found is not None:
            self._delete_file(name)  # a file of the wrong size was damaged: never show it
        return False

    def _delete_file(self, name: str) -> int:
        try:
            (self.folder / name).unlink()
        except FileNotFoundError:
            return 0
        except OSError as error:
            # Windows refuses while a reader has the file open; prune() will get it later.
            _log.warning("cannot delete cached image %s: %s", name, error.strerror or error)
            return 0
        return 1

    def _sweep(self, known: set[str]) -> int:
        """Delete files in the fan-out folders that ``known`` (relative names) lacks."""
        deleted = 0
        stale_before = time.time() - STALE_TEMP_SECONDS
        for first in _subfolders(self.folder):
            for second in _subfolders(first):
                for path in _files(second):
                    name = f"{first.name}/{second.name}/{path.name}"
                    if name in known or not path.is_file():
                        continue
                    if path.name.endswith(_TEMP_SUFFIX) and _mtime(path) > stale_before:
                        continue  # a put may be writing it right now
                    deleted += self._delete_file(name)
                with suppress(OSError):
                    second.rmdir()  # only succeeds when empty
            with suppress(OSError):
                first.rmdir()
        return deleted


def _open_checked(path: Path) -> sqlite3.Connection:
    db = open_database(path, MIGRATIONS)
    try:
        check_database(db)
        # A cache may lose its last writes on a power cut; it may not lose time to fsyncs.
        db.execute("PRAGMA synchronous=NORMAL")
    except (StorageError, sqlite3.Error) as error:
        db.close()
        raise StorageError(str(error)) from error
    return db


def _next_use(db: sqlite3.Connection) -> int:
    # A counter, not a clock: it orders uses exactly, even two in the same microsecond or
    # across a clock correction.
    last: int = db.execute("SELECT COALESCE(MAX(last_used), 0) FROM images").fetchone()[0]
    return last + 1


def _evict(db: sqlite3.Connection, max_bytes: int, *, keep: str) -> list[str]:
    """Drop least recently used rows (never ``keep``) until the total fits; return files."""
    total: int = db.execute("SELECT COALESCE(SUM(size), 0) FROM images").fetchone()[0]
    if total <= max_bytes:
        return []
    files: list[str] = []
    rows = db.execute(
        "SELECT url, file, size FROM images WHERE url != ? ORDER BY last_used", (keep,)
    )
    for url, name, size in rows.fetchall():
        if total <= max_bytes:
            break
        db.execute("DELETE FROM images WHERE url = ?", (url,))
        files.append(name)
        total -= size
    return files


def _write_temp(target: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``target``, flushed to the disk."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # Beside the target: os.replace is only atomic within one file system.
    handle, name = tempfile.mkstemp(
        prefix=target.stem + ".", suffix=_TEMP_SUFFIX, dir=target.parent
    )
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())  # else a power cut can leave an empty file under the name
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
    return temp


def _subfolders(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if _FAN_OUT.match(p.name) and p.is_dir()]
    except OSError:
        return []


def _files(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def open_image_cache(config: Config) -> ImageCache:
    """The kiosk's image cache, where and as large as the configuration says."""
    return ImageCache(Path(config.cache_dir) / IMAGES_DIR_NAME, config.image_cache_mb * 2**20)
