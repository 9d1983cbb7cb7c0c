"""The image cache: round trips, LRU eviction under a bound, refusals and self-repair."""

from __future__ import annotations

import os
import sqlite3
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.storage.images import (
    INDEX_FILE_NAME,
    STALE_TEMP_SECONDS,
    ImageCache,
    ImageRefused,
    image_extension,
    url_digest,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png(size: int, seed: int = 0) -> bytes:
    """Bytes of exactly ``size`` that start like a PNG (the cache only reads the magic)."""
    body = bytes((seed + i) % 251 for i in range(size - len(PNG_MAGIC)))
    return PNG_MAGIC + body


def real_png() -> bytes:
    """A genuine 1x1 PNG, to be sure real files pass too."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return PNG_MAGIC + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def url(n: int) -> str:
    return f"https://images.example.org/offers/{n}.png?v=1"


def image_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.parent != folder)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[ImageCache]:
    images = ImageCache(tmp_path / "images", max_bytes=10_000)
    yield images
    images.close()


def test_put_then_get_gives_the_same_bytes_from_a_hashed_file(cache: ImageCache) -> None:
    data = real_png()
    stored = cache.put(url(1), data)
    assert stored.read_bytes() == data
    digest = url_digest(url(1))
    assert stored == cache.folder / digest[:2] / digest[2:4] / f"{digest}.png"
    assert cache.get(url(1)) == stored
    assert cache.contains(url(1))
    assert not cache.contains(url(2))
    assert cache.get(url(2)) is None
    assert cache.total_bytes() == len(data)


def test_the_index_survives_a_restart(tmp_path: Path) -> None:
    with ImageCache(tmp_path, max_bytes=10_000) as first:
        stored = first.put(url(1), png(500))
    with ImageCache(tmp_path, max_bytes=10_000) as again:
        assert not again.rebuilt
        assert again.get(url(1)) == stored
        assert again.total_bytes() == 500


def test_formats_are_known_by_their_magic_bytes() -> None:
    assert image_extension(real_png()) == ".png"
    assert image_extension(b"\xff\xd8\xff\xe0" + bytes(20)) == ".jpg"
    assert image_extension(b"GIF89a" + bytes(20)) == ".gif"
    assert image_extension(b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(20)) == ".webp"
    assert image_extension(b"RIFF\x10\x00\x00\x00WAVEfmt " + bytes(20)) is None
    assert image_extension(b"<!DOCTYPE html><title>Portail captif</title>") is None
    assert image_extension(b"") is None


def test_bytes_that_are_not_a_picture_are_refused(cache: ImageCache) -> None:
    for data in (b"<html>Connectez-vous au Wi-Fi</html>", b"%PDF-1.7", b""):
        with pytest.raises(ImageRefused):
            cache.put(url(1), data)
    assert not cache.contains(url(1))
    assert image_files(cache.folder) == []


def test_an_image_larger_than_the_whole_cache_is_refused(cache: ImageCache) -> None:
    cache.put(url(1), png(4000))
    with pytest.raises(ImageRefused, match="larger than the whole cache"):
        cache.put(url(2), png(10_001))
    assert cache.contains(url(1))  # nothing was evicted for it
    assert not cache.contains(url(2))
    cache.put(url(3), png(10_000 - 4000))  # exactly at the bound is fine
    assert cache.total_bytes() == 10_000


def test_eviction_takes_the_least_recently_used_and_respects_get(cache: ImageCache) -> None:
    for n in range(1, 5):
        cache.put(url(n), png(2500, n))  # 4 x 2500 = the bound exactly
    assert cache.get(url(1)) is not None  # 1 is now the most recent; 2 the least
    cache.put(url(5), png(2500, 5))
    assert not cache.contains(url(2))
    assert all(cache.contains(url(n)) for n in (1, 3, 4, 5))
    cache.put(url(6), png(4000, 6))  # needs two to go: 3 then 4
    assert [n for n in range(1, 7) if cache.contains(url(n))] == [1, 5, 6]
    assert cache.total_bytes() == 2500 + 2500 + 4000
    assert len(image_files(cache.folder)) == 3  # evicted files are gone from the disk


def test_contains_does_not_count_as_a_use(cache: ImageCache) -> None:
    cache.put(url(1), png(5000, 1))
    cache.put(url(2), png(5000, 2))
    assert cache.contains(url(1))
    cache.put(url(3), png(5000, 3))
    assert not cache.contains(url(1))
    assert cache.contains(url(2))


def test_touch_orders_uses_and_reports_what_is_cached(cache: ImageCache) -> None:
    for n in (1, 2, 3):
        cache.put(url(n), png(3000, n))
    assert cache.touch([url(3), url(9), url(1), url(2)]) == {url(1), url(2), url(3)}
    cache.put(url(4), png(3000, 4))  # 3 was touched first, so it is the least recent
    assert not cache.contains(url(3))
    assert cache.contains(url(1)) and cache.contains(url(2))


def test_the_bound_holds_after_many_puts(cache: ImageCache) -> None:
    for n in range(200):
        cache.put(url(n), png(100 + (n * 37) % 1900, n))
        assert cache.total_bytes() <= cache.max_bytes
    on_disk = sum(path.stat().st_size for path in image_files(cache.folder))
    assert on_disk == cache.total_bytes()
    assert cache.contains(url(199))  # the newest is always kept


def test_putting_a_url_again_replaces_its_picture(cache: ImageCache) -> None:
    cache.put(url(1), png(1000))
    gif = b"GIF89a" + bytes(300)
    stored = cache.put(url(1), gif)
    assert stored.suffix == ".gif"
    assert cache.get(url(1)) == stored
    assert cache.total_bytes() == len(gif)
    assert image_files(cache.folder) == [stored]  # the old .png went


def test_writes_leave_no_temporary_file(cache: ImageCache) -> None:
    for n in range(20):
        cache.put(url(n), png(400, n))
    with pytest.raises(ImageRefused):
        cache.put(url(99), b"not a picture")
    names = [path.name for path in image_files(cache.folder)]
    assert len(names) == 20
    assert not [name for name in names if name.endswith(".tmp")]


def test_a_deleted_file_is_forgotten(cache: ImageCache) -> None:
    stored = cache.put(url(1), png(1000))
    cache.put(url(2), png(1000))
    stored.unlink()
    assert cache.get(url(1)) is None
    assert not cache.contains(url(1))
    assert cache.total_bytes() == 1000  # its row went too, so the bound counts true bytes
    assert cache.touch([url(1), url(2)]) == {url(2)}
    cache.put(url(1), png(1000))  # and it can be cached again
    assert cache.get(url(1)) == stored


def test_a_damaged_file_is_never_served(cache: ImageCache) -> None:
    stored = cache.put(url(1), png(1000))
    stored.write_bytes(png(10))  # cut short, e.g. by a disk tool
    assert cache.get(url(1)) is None
    assert not stored.exists()


def test_prune_keeps_only_the_given_urls_and_deletes_stray_files(cache: ImageCache) -> None:
    for n in (1, 2, 3):
        cache.put(url(n), png(1000, n))
    stray = cache.folder / "ab" / "cd" / ("ab" + "cd" + "0" * 60 + ".png")
    stray.parent.mkdir(parents=True)
    stray.write_bytes(png(700))
    old_temp = cache.folder / "ab" / "cd" / "abcd.x1.tmp"
    old_temp.write_bytes(b"half a pic")
    long_ago = old_temp.stat().st_mtime - STALE_TEMP_SECONDS - 60
    os.utime(old_temp, (long_ago, long_ago))
    fresh_temp = cache.folder / "ab" / "cd" / "abcd.x2.tmp"
    fresh_temp.write_bytes(b"being written")  # a put under way in another thread
    unrelated = cache.folder / "notes.txt"
    unrelated.write_text("not in a fan-out folder: not the cache's")

    deleted = cache.prune({url(2), "https://images.example.org/never-cached.png"})

    assert deleted == 4  # urls 1 and 3, the stray picture, the stale temp file
    assert [n for n in (1, 2, 3) if cache.contains(url(n))] == [2]
    assert cache.total_bytes() == 1000
    assert not stray.exists() and not old_temp.exists()
    assert fresh_temp.exists() and unrelated.exists()
    assert cache.get(url(2)) is not None


def test_a_garbage_index_is_rebuilt_from_nothing(tmp_path: Path) -> None:
    with ImageCache(tmp_path, max_bytes=10_000) as first:
        first.put(url(1), png(1000))
    (tmp_path / INDEX_FILE_NAME).write_bytes(b"this is not a database, just garbage " * 50)
    with ImageCache(tmp_path, max_bytes=10_000) as again:
        assert again.rebuilt
        assert not again.contains(url(1))
        assert again.total_bytes() == 0
        assert image_files(tmp_path) == []  # orphans could never be found again
        again.put(url(1), png(1000))
        assert again.get(url(1)) is not None


def test_an_index_from_a_newer_kiosk_is_rebuilt(tmp_path: Path) -> None:
    ImageCache(tmp_path, max_bytes=1000).close()
    with sqlite3.connect(tmp_path / INDEX_FILE_NAME) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with ImageCache(tmp_path, max_bytes=1000) as again:
        assert again.rebuilt


def test_the_bound_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ImageCache(tmp_path, max_bytes=0)
