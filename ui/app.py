"""Bootstrap: the Qt application, the QML engine, translators and the kiosk window."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import signal
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    Property,
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QObject,
    QSize,
    QTimer,
    QtMsgType,
    QUrl,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

import kiosk
from kiosk import config as kiosk_config
from kiosk.audit import AuditJournal
from kiosk.clock import Clock
from kiosk.domain import links
from kiosk.domain.eligibility import EligibilityRules
from kiosk.logs import setup_logging
from kiosk.paths import FONTS_DIR, RESOURCES_DIR
from kiosk.staff import StaffStore
from kiosk.storage.catalog import CATALOG_FILE_NAME, Catalog, open_catalog
from kiosk.storage.counters import DailyCounters
from kiosk.storage.db import StorageError
from kiosk.storage.images import ImageCache, open_image_cache
from kiosk.storage.local import KioskVenue, kiosk_venue
from kiosk.storage.outbox import OUTBOX_FILE_NAME, Outbox, OutboxError, open_outbox
from kiosk.sync.report import SyncReport
from ui.first_frame import FirstFrame
from ui.i18n import Translations
from ui.icons import PROVIDER_ID as ICON_PROVIDER_ID
from ui.icons import IconImageProvider
from ui.models.assisted import AssistedModel
from ui.models.attract import AttractModel
from ui.models.eligibility import EligibilityModel
from ui.models.hours import OpeningHoursModel
from ui.models.navigation import ATTRACT, NavigationModel
from ui.models.offers import OffersModel
from ui.models.preferences import PreferencesModel
from ui.models.staff import StaffModel
from ui.models.staff_area import StaffAreaModel
from ui.models.sync import SyncModel
from ui.offer_images import PROVIDER_ID as OFFER_IMAGE_PROVIDER_ID
from ui.offer_images import OfferImageProvider
from ui.printing import TicketPrinter
from ui.qr import PROVIDER_ID as QR_PROVIDER_ID
from ui.qr import QrImageProvider
from ui.runner import Lane, TaskRunner
from ui.scene import find_item, visible_texts
from ui.session import Session
from ui.speech import Speech
from ui.watchdog import Watchdog

if TYPE_CHECKING:  # the connection brings requests and the secret store: after first frame
    from kiosk.api.client import ApiClient
    from kiosk.sync.connection import Connection

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).resolve().parent / "qml"
#: The time zone of a kiosk that does not know its venue yet (not enrolled).
DEFAULT_ZONE = "Europe/Paris"
APP_NAME = "passculture-kiosk"
FONT_FAMILY = "Montserrat"
_QT_LOG_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class StartupError(Exception):
    """The kiosk window could not be created; the message says why."""


def prepare_environment(config: kiosk_config.Config, *, offscreen: bool = False) -> None:
    """Set the Qt environment variables; must run before the QGuiApplication exists."""
    os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
    # The InputPanel lives inside our scene; Qt must not open a desktop keyboard window too.
    os.environ["QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"] = "1"
    os.environ["QT_QUICK_CONTROLS_STYLE"] = "Basic"
    if config.render_backend == "software":
        os.environ["QT_QUICK_BACKEND"] = "software"
    elif config.render_backend == "opengl":
        os.environ.pop("QT_QUICK_BACKEND", None)
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _bridge_qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    logging.getLogger(f"qt.{category}").log(_QT_LOG_LEVELS.get(mode, logging.WARNING), message)


def install_qt_message_bridge() -> None:
    """Send Qt's own messages (QML errors included) to Python logging."""
    qInstallMessageHandler(_bridge_qt_message)


def ensure_application() -> QGuiApplication:
    """Return the process's QGuiApplication, creating it with the kiosk's font the first time."""
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication([APP_NAME])
    assert isinstance(app, QGuiApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(kiosk.__version__)
    app.setOrganizationName("pass Culture")
    _load_brand_font(app)
    return app


def _load_brand_font(app: QGuiApplication) -> None:
    if FONT_FAMILY not in QFontDatabase.families():
        for font_file in sorted(FONTS_DIR.glob("*.ttf")):
            if QFontDatabase.addApplicationFont(str(font_file)) < 0:
                log.error("could not load the font %s", font_file)
    font = QFont(FONT_FAMILY)
    font.setPixelSize(24)
    app.setFont(font)


class AppModel(QObject):
    """Kiosk-wide facts for QML: mode, version, whether the window may close."""

    changed = Signal()

    def __init__(self, config: kiosk_config.Config, *, windowed: bool, size: QSize,
                 venue_id: Callable[[], int | None]) -> None:
        super().__init__()
        self._config = config
        self._venue_id = venue_id
        self._windowed = windowed
        self._size = size
        self._staff_unlocked = False

    def _training_mode(self) -> bool:
        return self._config.training_mode

    def _is_windowed(self) -> bool:
        return self._windowed

    def _version(self) -> str:
        return kiosk.__version__

    def _kiosk_name(self) -> str:
        return self._config.kiosk_name

    def _initial_width(self) -> int:
        return self._size.width()

    def _initial_height(self) -> int:
        return self._size.height()

    def _resources_url(self) -> str:
        return QUrl.fromLocalFile(str(RESOURCES_DIR) + "/").toString()

    def _attract_interval_ms(self) -> int:
        return self._config.attract_interval * 1000

    # QML property names are camelCase.
    trainingMode = Property(bool, _training_mode, notify=changed)  # noqa: N815
    windowed = Property(bool, _is_windowed, notify=changed)
    version = Property(str, _version, constant=True)
    kioskName = Property(str, _kiosk_name, constant=True)  # noqa: N815
    initialWidth = Property(int, _initial_width, constant=True)  # noqa: N815
    initialHeight = Property(int, _initial_height, constant=True)  # noqa: N815
    resourcesUrl = Property(str, _resources_url, constant=True)  # noqa: N815
    attractInterval = Property(int, _attract_interval_ms, constant=True)  # noqa: N815

    def _get_can_close(self) -> bool:
        # A public kiosk must not be closable by a visitor with a keyboard (Alt+F4).
        return self._windowed or self._staff_unlocked

    canClose = Property(bool, _get_can_close, notify=changed)  # noqa: N815

    def set_staff_unlocked(self, unlocked: bool) -> None:
        """Staff mode changed: an unlocked kiosk may be closed (by staff, with a keyboard)."""
        self._staff_unlocked = unlocked
        self.changed.emit()

    @Slot(str, result=str)
    def appLink(self, path: str) -> str:  # noqa: N802 - called from QML
        """Return the official app's URL for ``path``, tagged with the kiosk's utm fields."""
        return links.app_link(path, self._venue_id())


class Kiosk:
    """One kiosk window with its view-models; tests, self-test and screenshots build it too."""

    def __init__(
        self,
        config: kiosk_config.Config,
        *,
        windowed: bool | None = None,
        size: QSize | None = None,
        second_ms: int = 1000,
        clock: Clock | None = None,
        ticket_pdf: Path | None = None,
        connection: Connection | None = None,
    ) -> None:
        self.config = config
        self.app = ensure_application()
        self.clock = clock or Clock()
        self._venue: KioskVenue | None = None
        self.catalog = open_catalog(Path(config.data_dir) / CATALOG_FILE_NAME)
        self.runner = TaskRunner()
        self.navigation = NavigationModel()
        self.preferences = PreferencesModel(config.language)
        self.eligibility = EligibilityModel(
            self.clock, self.eligibility_rules, lambda: self.preferences.language
        )
        self.session = Session(config.idle_timeout, config.countdown, second_ms=second_ms)
        self.ticket_printer = TicketPrinter(pdf_path=ticket_pdf, printer_name=config.printer)
        self.speech = Speech(
            config.speech_engine, lambda: self.preferences.language, self.screen_text
        )
        self.session.register(self.speech)
        self._connection: Connection | None = None
        self._owns_connection = False
        self._closed = False
        self._sync_catalog: Catalog | None = None
        self._images: ImageCache | None = None
        self._first_frame: FirstFrame | None = None
        self._keyboard_frame: FirstFrame | None = None
        self.sync = SyncModel(self.runner, self._run_sync, config.sync_interval,
                              second_ms=second_ms)
        self.attract = AttractModel(self.catalog, self.clock, lambda: self.preferences.language)
        self.offers = OffersModel(self.runner, self.catalog, self.clock,
                                  lambda: self.preferences.language, self.venue)
        self.journal = _open_journal(config, self.clock)
        self._staff_store = _open_staff_store(config, self.clock, self.journal)
        self.staff = StaffModel(self.runner, self._staff_store, self.clock, self.journal,
                                timeout_s=config.staff_timeout, second_ms=second_ms)
        self._outbox_lock = threading.Lock()
        self._services_lock = threading.Lock()
        self._outbox_opened = False
        self._outbox: Outbox | None = None
        self.assisted = AssistedModel(
            self.runner, self.clock, self.eligibility_rules, lambda: self.preferences.language,
            outbox=lambda: self.outbox, api=self._client,
            journal=self.journal, staff_name=lambda: self.staff.property("staffName"),
        )
        self.staff.unlocked_changed.connect(self._on_staff_unlocked_changed)
        self.counters = _open_counters(config)
        self.staff_area = StaffAreaModel(
            self.runner, config, self.clock, outbox=lambda: self.outbox, counters=self.counters,
            journal=self.journal, zone=self.zone, language=lambda: self.preferences.language,
            staff_name=lambda: self.staff.property("staffName"),
        )
        self.eligibility.concluded.connect(lambda: self._count("eligibility_checks"))
        self.assisted.submitted.connect(lambda: self._count("preregistrations"))
        self.opening_hours = OpeningHoursModel(self.catalog, self.clock, self.zone,
                                               lambda: self.preferences.language)
        self.sync.sync_finished.connect(self._on_sync_finished)
        self.offers.offer_viewed.connect(lambda: self._count("offers_viewed"))
        self.session.register(self.navigation, self.preferences, self.eligibility, self.offers,
                              self.assisted)
        self.navigation.navigated.connect(self._on_navigation_navigated)
        self.app_model = AppModel(
            config,
            windowed=config.windowed if windowed is None else windowed,
            size=size or QSize(1280, 720),
            venue_id=lambda: venue.id if (venue := self.venue()) else None,
        )
        self.staff.unlocked_changed.connect(self.app_model.set_staff_unlocked)
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(QML_DIR))
        self.engine.addImageProvider(QR_PROVIDER_ID, QrImageProvider())
        self.engine.addImageProvider(ICON_PROVIDER_ID, IconImageProvider())
        self._picture_cache = _open_picture_cache(config)
        self.engine.addImageProvider(OFFER_IMAGE_PROVIDER_ID,
                                     OfferImageProvider(self._picture_cache))
        context = self.engine.rootContext()
        context.setContextProperty("kiosk", self.app_model)
        context.setContextProperty("navigation", self.navigation)
        context.setContextProperty("session", self.session)
        context.setContextProperty("preferences", self.preferences)
        context.setContextProperty("eligibility", self.eligibility)
        context.setContextProperty("ticketPrinter", self.ticket_printer)
        context.setContextProperty("speech", self.speech)
        context.setContextProperty("sync", self.sync)
        context.setContextProperty("attractModel", self.attract)
        context.setContextProperty("offers", self.offers)
        context.setContextProperty("openingHours", self.opening_hours)
        context.setContextProperty("staff", self.staff)
        context.setContextProperty("assisted", self.assisted)
        context.setContextProperty("staffArea", self.staff_area)
        self.translations = Translations(self.engine)
        self.translations.apply(self.preferences.language)
        self.preferences.languageChanged.connect(self._on_preferences_language_changed)
        self.app.installEventFilter(self.session)
        self.app.installEventFilter(self.staff)
        self.engine.load(QUrl.fromLocalFile(str(QML_DIR / "Main.qml")))
        roots = self.engine.rootObjects()
        if not roots or not isinstance(roots[0], QQuickWindow):
            self.close()
            raise StartupError(f"could not load {QML_DIR / 'Main.qml'}; see the log for why")
        self.window: QQuickWindow = roots[0]
        self._keyboard_frame = FirstFrame(
            self.window, lambda: self.window.setProperty("keyboardWanted", True))
        if connection is not None:
            self.attach_connection(connection)

    @property
    def outbox(self) -> Outbox | None:
        """The encrypted outbox, opened on first use; None when it cannot be opened.

        Opening asks the OS secret store for the key, which takes a tenth of a second or
        more: :meth:`start_services` does it in the background after the first frame.
        """
        with self._outbox_lock:  # the storage and network lanes may both ask at once
            if not self._outbox_opened:
                self._outbox = _open_outbox(self.config)
                self._outbox_opened = True
            return self._outbox

    def start_services(self, connect: Callable[[], Connection]) -> None:
        """Once the attract screen is on screen: open the outbox, connect, then sync.

        ``connect`` runs on the network lane: reading the device token, or (training mode)
        starting the simulator and enrolling, must not delay what the visitor sees first.
        """
        def start() -> None:
            self.runner.submit(Lane.STORAGE, lambda: self.outbox)
            task = self.runner.submit(
                Lane.NETWORK, lambda: self.attach_connection(connect(), owned=True))
            task.finished.connect(self._on_connected)
            task.failed.connect(self._on_connect_failed)

        self._first_frame = FirstFrame(self.window, start)

    def _on_connect_failed(self, error: object) -> None:
        # connect() reports problems rather than raising; if a bug makes it raise anyway,
        # the kiosk still runs offline and says why at each sync, instead of never syncing.
        from kiosk.sync.connection import Connection

        self.attach_connection(Connection(None, f"could not connect: {type(error).__name__}"))
        self._on_connected()

    def _on_connected(self) -> None:
        connection = self._connection
        if self._closed or connection is None:
            return
        if connection.client is None:
            log.warning("running offline: %s", connection.problem)
        self.sync.start()
        self.sync.watch_network()

    def attach_connection(self, connection: Connection, *, owned: bool = False) -> None:
        """Sync and send pre-registrations through ``connection`` from now on.

        Any thread may call it (:meth:`start_services` does from the network lane).

        Args:
            connection: a ready client, or the reason why there is none.
            owned: the kiosk closes it with itself (else its maker does).
        """
        with self._services_lock:
            if self._closed:  # connected while the kiosk was shutting down
                if owned:
                    connection.close()
                return
            self._connection, self._owns_connection = connection, owned
            self._venue = None  # a training enrollment has just said where the kiosk stands
            if connection.client is not None and self._sync_catalog is None:
                self._sync_catalog = open_catalog(
                    Path(self.config.data_dir) / CATALOG_FILE_NAME)
                self._images = open_image_cache(self.config)

    def _client(self) -> ApiClient | None:
        connection = self._connection
        return connection.client if connection is not None else None

    def find(self, object_name: str) -> QObject:
        """Return the QML item called ``object_name`` (tests, self-test and screenshots)."""
        item = find_item(self.window, object_name)
        if item is None:
            raise LookupError(f"no QML item named {object_name!r} on screen "
                              f"{self.navigation.screen!r}")
        return item

    def screen_text(self) -> str:
        """The current screen's own text (not its buttons), as it reads top to bottom."""
        loader = find_item(self.window, "screenLoader")
        screen = loader.property("item") if loader is not None else None
        if not isinstance(screen, QQuickItem):
            return ""
        return "\n".join(visible_texts(screen, include_controls=False))

    def venue(self) -> KioskVenue | None:
        """Where the kiosk stands (its enrollment venue), None before enrollment."""
        if self._venue is None:
            self._venue = kiosk_venue(Path(self.config.data_dir))
        return self._venue

    def zone(self) -> str:
        """The kiosk's time zone (its venue's), for local days and opening hours."""
        venue = self.venue()
        return venue.timezone if venue else DEFAULT_ZONE

    def _on_navigation_navigated(self, screen: str) -> None:
        if screen != ATTRACT:
            self.session.begin()
        if screen == "offers":
            self.offers.enter()

    def _count(self, kind: str) -> None:
        """One more of ``kind`` today (the kiosk's local day), for the staff area."""
        if self.counters is None:
            return
        try:
            self.counters.add(kind, self.clock.now().astimezone(ZoneInfo(self.zone())).date())
        except StorageError as error:
            log.warning("counters: %s", error)

    def _on_staff_unlocked_changed(self, unlocked: bool) -> None:
        if unlocked:  # straight to what staff unlock for: a new assisted pre-registration
            self.assisted.start()
            self.navigation.go("assisted")
            self.session.begin()
        elif self.navigation.screen == "assisted":
            self.session.finish()  # locking ends the visit: nothing typed stays on screen

    def _on_sync_finished(self, _report: SyncReport) -> None:
        self.attract.refresh()
        self.offers.refresh()
        self.opening_hours.refresh()  # the remote configuration may bring new hours

    def _on_preferences_language_changed(self) -> None:
        self.translations.apply(self.preferences.language)
        self.eligibility.language_changed()
        self.attract.refresh()
        self.offers.language_changed()
        self.opening_hours.refresh()

    def eligibility_rules(self) -> EligibilityRules:
        """The central settings' amounts and switches when synced, DOMAIN.md defaults else."""
        settings, _etag = self.catalog.settings()
        return EligibilityRules.from_settings(settings) if settings else EligibilityRules()

    def _run_sync(self) -> SyncReport:
        """One sync (network lane) through the sync's own catalog connection."""
        connection, catalog = self._connection, self._sync_catalog
        if connection is None or connection.client is None or catalog is None:
            problem = connection.problem if connection is not None else "no central API"
            return SyncReport(started_at=self.clock.now(), error=problem)
        from kiosk.health import heartbeat_health
        from kiosk.sync.engine import sync_once

        venue = self.venue()
        if venue is not None and venue.origin is not None:
            catalog.set_origin(*venue.origin)  # offers are measured from here
        # Pictures are the heavy part; while the venue is closed they wait.
        pictures = None if self.opening_hours.heavy_work_paused() else self._images
        return sync_once(connection.client, catalog, self.clock, images=pictures,
                         health=lambda: heartbeat_health(self.config),
                         outbox=self.outbox, journal=self.journal)

    def close(self) -> None:
        """Tear everything down in an order that leaves no QML binding on a dead object."""
        with self._services_lock:  # a connection arriving from now on is closed at once
            self._closed = True
        for waiting in (self._keyboard_frame, self._first_frame):
            if waiting is not None:
                waiting.cancel()
        self.app.removeEventFilter(self.session)
        self.app.removeEventFilter(self.staff)
        # The on-screen keyboard's state belongs to the application, not to this window:
        # close it, or the next window built in this process opens with it up.
        window = getattr(self, "window", None)  # none when Main.qml failed to load
        if window is not None:
            window.contentItem().forceActiveFocus()
        QGuiApplication.inputMethod().hide()
        self.session.stop()
        self.opening_hours.stop()
        self.staff.stop()
        self.sync.stop()
        self.runner.shutdown()
        engine = self.engine
        for root in engine.rootObjects():
            root.deleteLater()
        engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.translations.remove_all()
        self.catalog.close()
        for store in (self._staff_store, self.journal, self._outbox, self.counters,
                      self._picture_cache, self._sync_catalog, self._images):
            if store is not None:
                store.close()
        if self._owns_connection and self._connection is not None:
            self._connection.close()


def _open_outbox(config: kiosk_config.Config) -> Outbox | None:
    """The encrypted outbox; None (assisted pre-registration unavailable) when it cannot be.

    In training mode, without a system secret store, the key lives in memory only and the
    file sits with the simulator's data: records typed while training cannot outlive the
    process in a readable form, and never mix with a production outbox.
    """
    try:
        return open_outbox(config)
    except OutboxError as error:
        if not config.training_mode:
            log.error("assisted pre-registration unavailable: %s", error)
            return None
    from kiosk.sync.connection import TRAINING_DATA_DIR

    try:
        path = Path(config.data_dir) / TRAINING_DATA_DIR / OUTBOX_FILE_NAME
        for leftover in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)  # a past run's key is gone: its records too
        return Outbox.open(path, secrets.token_bytes(32))
    except (OSError, OutboxError) as error:
        log.error("assisted pre-registration unavailable: %s", error)
        return None


def _open_counters(config: kiosk_config.Config) -> DailyCounters | None:
    """The day's counts; None (the staff area shows none) when the file cannot be used."""
    try:
        return DailyCounters(Path(config.data_dir))
    except StorageError as error:
        log.error("counters unavailable: %s", error)
        return None


def _open_journal(config: kiosk_config.Config, clock: Clock) -> AuditJournal | None:
    """The audit journal; None (and a logged error) when it cannot be opened."""
    try:
        return AuditJournal(Path(config.data_dir), clock)
    except StorageError as error:
        log.error("audit journal unavailable: %s", error)
        return None


def _open_staff_store(config: kiosk_config.Config, clock: Clock,
                      journal: AuditJournal | None) -> StaffStore | None:
    """The staff accounts; None (staff mode then says it is unavailable) when unreadable."""
    try:
        return StaffStore(Path(config.data_dir), clock, journal)
    except StorageError as error:
        log.error("staff accounts unavailable: %s", error)
        return None


def _open_picture_cache(config: kiosk_config.Config) -> ImageCache | None:
    """The image cache the offers screen reads; None (placeholders only) when unusable."""
    try:
        return open_image_cache(config)
    except (OSError, StorageError, ValueError) as error:
        log.warning("offer pictures unavailable: %s", error)
        return None


def launch(config: kiosk_config.Config, *, windowed: bool | None = None,
           size: QSize | None = None) -> Kiosk:
    """The kiosk as production starts it: the attract screen first, then its services.

    Raises:
        StartupError: the window could not be built.
    """
    kiosk_window = Kiosk(config, windowed=windowed, size=size)

    def connect() -> Connection:
        from kiosk.sync.connection import connect as connect_to_central

        return connect_to_central(config)

    kiosk_window.start_services(connect)
    return kiosk_window


def build_parser() -> argparse.ArgumentParser:
    """The GUI's command line: its own flags plus one per configuration option."""
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="pass Culture kiosk. Commands without a screen: "
        "'passculture-kiosk config show|check|path'.",
    )
    parser.add_argument(
        "--self-test", action="store_true",
        help="boot offscreen, visit every screen, check storage and configuration, then exit",
    )
    kiosk_config.add_arguments(parser)
    return parser


def _quit_on_signals(app: QGuiApplication) -> QTimer:
    """Let SIGINT/SIGTERM (Ctrl+C, systemd stop) quit cleanly while Qt's loop runs."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        # Queued, so that a signal arriving just before exec() still ends the loop.
        # exit(), not quit(): Qt 6's quit() first asks the windows to close, which the
        # full-screen kiosk refuses (onClosing), so SIGTERM from systemd was ignored.
        signal.signal(signum, lambda *_: QTimer.singleShot(0, lambda: app.exit(0)))
    # Python runs signal handlers only between bytecodes; a no-op timer gives it the chance.
    wake = QTimer(interval=250)
    wake.timeout.connect(lambda: None)
    wake.start()
    return wake


def run(argv: Sequence[str]) -> int:
    """Start the kiosk (or its self-test) and return the process exit code."""
    arguments = build_parser().parse_args(argv)
    config = kiosk_config.load(kiosk_config.cli_values(arguments))
    if arguments.self_test:
        from ui.selftest import run_self_test

        return run_self_test(config)
    setup_logging(Path(config.log_dir), config.log_level, console=True)
    for problem in config.problems:
        log.warning("configuration: %s (%s): %s", problem.option, problem.source,
                    problem.message)
    prepare_environment(config)
    install_qt_message_bridge()
    app = ensure_application()
    try:
        kiosk_window = launch(config)
    except StartupError as error:
        log.error("%s", error)
        return 1
    # systemd (the .deb's unit): READY=1 at the first frame, then WATCHDOG=1 from this thread.
    watchdog = Watchdog(kiosk_window.window, status=f"kiosk {kiosk.__version__} running")
    watchdog.start()
    wake = _quit_on_signals(app)
    log.info("kiosk %s started (%s mode)", kiosk.__version__,
             "training" if config.training_mode else "production")
    code = app.exec()
    watchdog.stop()
    wake.stop()
    kiosk_window.close()
    return code
