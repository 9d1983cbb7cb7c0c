"""Fixtures for the UI tests: a real kiosk window on the offscreen platform."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk import config as kiosk_config
from kiosk.clock import Clock
from kiosk.simulator.app import DATABASE_NAME, create_app, simulator_of
from kiosk.storage.catalog import CATALOG_FILE_NAME, open_catalog
from kiosk.storage.local import STATE_FILE_NAME, kiosk_venue
from kiosk.sync.connection import Connection, connect
from kiosk.sync.engine import sync_once
from ui.app import Kiosk, ensure_application, prepare_environment
from ui.scene import find_item

#: One second of kiosk time lasts this many milliseconds in tests (idle 90 s -> 0.9 s).
FAST_SECOND_MS = 10
LANDSCAPE = QSize(1920, 1080)


@pytest.fixture(scope="session")
def qapp_cls() -> type[QGuiApplication]:
    """The kiosk is a Qt Quick app: no widgets, so a QGuiApplication."""
    return QGuiApplication


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["passculture-kiosk-tests"]


@pytest.fixture(scope="session", autouse=True)
def _qt_environment() -> None:
    prepare_environment(kiosk_config.load({}), offscreen=True)


@pytest.fixture
def make_kiosk(qapp: QGuiApplication) -> Iterator[Callable[..., Kiosk]]:
    """Build kiosks with chosen options; every one is closed after the test."""
    ensure_application()
    built: list[Kiosk] = []

    def make(
        *, windowed: bool = True, size: QSize = LANDSCAPE, second_ms: int = 1000,
        clock: Clock | None = None, ticket_pdf: Path | None = None,
        connection: Connection | None = None, **options: object,
    ) -> Kiosk:
        config = kiosk_config.load({k: str(v) for k, v in options.items()})
        assert not config.problems, config.problems
        kiosk = Kiosk(config, windowed=windowed, size=size, second_ms=second_ms, clock=clock,
                      ticket_pdf=ticket_pdf, connection=connection)
        built.append(kiosk)
        # Offscreen windows get their size on exposure; taps before that hit nothing.
        assert QTest.qWaitForWindowExposed(kiosk.window, 2000), "the window was never shown"
        return kiosk

    yield make
    for kiosk in built:
        kiosk.close()


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    """A windowed 1920x1080 kiosk in training mode, with a fast clock."""
    return make_kiosk(second_ms=FAST_SECOND_MS)


def item(kiosk: Kiosk, object_name: str) -> QQuickItem:
    """The QML item called ``object_name``, waiting up to 2 s for a screen still being built.

    On a loaded machine a screen can arrive a few event-loop turns after the navigation
    that asked for it; a visitor's finger would wait too.
    """
    deadline = time.monotonic() + 2
    while find_item(kiosk.window, object_name) is None and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    found = kiosk.find(object_name)  # raises LookupError, naming the screen, when absent
    assert isinstance(found, QQuickItem), f"{object_name} is not a visual item"
    return found


def tap(qtbot: object, kiosk: Kiosk, object_name: str) -> None:
    """Touch the centre of a QML item, as a visitor would (press and release)."""
    target = item(kiosk, object_name)
    assert target.isVisible(), f"{object_name} is not visible"
    centre = target.mapToScene(QPointF(target.width() / 2, target.height() / 2)).toPoint()
    QTest.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre)


def text_of(kiosk: Kiosk, object_name: str) -> str:
    """The ``text`` property of a QML item."""
    value = kiosk.find(object_name).property("text")
    return str(value)


def has_item(kiosk: Kiosk, object_name: str) -> bool:
    """Whether an item of that name exists in the scene now."""
    return find_item(kiosk.window, object_name) is not None


@pytest.fixture(scope="session")
def synced_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose catalog holds the simulator's demo offers, synced once a session.

    Built as the kiosk does in training mode (simulator, enrollment, one sync), so the
    enrollment venue is known and distances are measured from it.
    """
    folder = tmp_path_factory.mktemp("synced")
    config = kiosk_config.load({"data_dir": str(folder / "data")})
    connection = connect(config)
    assert connection.client is not None, connection.problem
    catalog = open_catalog(folder / "data" / CATALOG_FILE_NAME)
    try:
        venue = kiosk_venue(folder / "data")
        assert venue is not None and venue.origin is not None
        catalog.set_origin(*venue.origin)
        report = sync_once(connection.client, catalog, Clock())
        assert report.ok, report.error
    finally:
        catalog.close()
        connection.close()
    return folder / "data"


@pytest.fixture
def synced_catalog(private_dirs: Path, synced_data: Path) -> Path:
    """This test's data folder, holding a copy of the synced demo catalog and venue."""
    target = private_dirs / "data"
    target.mkdir(parents=True, exist_ok=True)
    for name in (CATALOG_FILE_NAME, STATE_FILE_NAME):
        shutil.copy2(synced_data / name, target / name)
    return target


@pytest.fixture
def browsing_kiosk(make_kiosk: Callable[..., Kiosk], synced_catalog: Path) -> Kiosk:
    """A kiosk (offline) whose catalog holds the demo offers."""
    return make_kiosk(second_ms=FAST_SECOND_MS)


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The simulator's demo database, generated once a session."""
    folder = tmp_path_factory.mktemp("demo")
    simulator_of(create_app(folder)).close()
    return folder


@pytest.fixture
def training_connection(private_dirs: Path, demo_data: Path) -> Iterator[Connection]:
    """Training mode: the kiosk starts the simulator itself, as in the field."""
    target = private_dirs / "data" / "training-simulator"
    target.mkdir(parents=True)
    shutil.copy2(demo_data / DATABASE_NAME, target / DATABASE_NAME)
    connection = connect(kiosk_config.load({}))
    assert connection.client is not None, connection.problem
    yield connection
    connection.close()
