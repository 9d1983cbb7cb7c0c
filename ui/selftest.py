"""``--self-test``: boot offscreen, visit every screen, check storage and configuration.

Installers and CI run it: exit 0 when everything works, otherwise print what failed and exit 1.
It writes nothing but the kiosk's own state database and log.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kiosk import config as kiosk_config
from kiosk.logs import setup_logging, shutdown_logging
from kiosk.storage.db import StorageError
from kiosk.storage.local import LocalState
from ui.models.navigation import SCREENS

DEADLINE_S = 20.0


@dataclass
class SelfTestReport:
    """What the self-test checked and what went wrong."""

    checks: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def ok(self, message: str) -> None:
        """Record a passed check."""
        self.checks.append(message)

    def fail(self, message: str) -> None:
        """Record a failed check."""
        self.failures.append(message)


class _WarningCollector(logging.Handler):
    """Collects every Qt warning (QML errors arrive as warnings) raised during the visit."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("qt"):
            self.messages.append(record.getMessage())


def _settle(milliseconds: int = 50) -> None:
    """Let Qt process events (loading, layout, rendering) for a short while."""
    end = time.monotonic() + milliseconds / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents()


def check_configuration(config: kiosk_config.Config, report: SelfTestReport) -> None:
    """Every configuration problem is a failure: the kiosk would run on a fallback value."""
    for problem in config.problems:
        report.fail(f"configuration: {problem}")
    if not config.problems:
        report.ok("configuration valid")


def check_storage(data_dir: Path, report: SelfTestReport) -> None:
    """The state database opens, migrates, passes its integrity check and takes a write."""
    try:
        state = LocalState(data_dir)
        try:
            state.check()
            state.set("last_self_test", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        finally:
            state.close()
    except StorageError as error:
        report.fail(f"storage: {error}")
    else:
        report.ok(f"storage ready in {data_dir}")


def visit_screens(config: kiosk_config.Config, report: SelfTestReport) -> None:
    """Build the kiosk offscreen and show every screen and the countdown overlay."""
    from ui.app import Kiosk, StartupError, ensure_application, install_qt_message_bridge
    from ui.scene import find_item

    install_qt_message_bridge()
    collector = _WarningCollector()
    logging.getLogger().addHandler(collector)
    ensure_application()
    try:
        try:
            kiosk = Kiosk(config, windowed=True)
        except StartupError as error:
            report.fail(f"interface: {error}")
            return
        try:
            for screen in SCREENS:
                kiosk.navigation.go(screen)
                _settle()
                loaded = find_item(kiosk.window, f"{screen}Screen")
                if loaded is None:
                    report.fail(f"screen {screen}: did not load")
            kiosk.session.begin()
            kiosk.session._on_idle_timer_timeout()  # show the countdown without waiting 90 s
            _settle()
            if not kiosk.session.countdownActive:
                report.fail("countdown overlay: did not open")
            kiosk.session.finish()
            _settle()
            if kiosk.navigation.screen != "attract":
                report.fail("reset: did not return to the attract screen")
        finally:
            kiosk.close()
    finally:
        logging.getLogger().removeHandler(collector)
    for message in collector.messages:
        report.fail(f"Qt warning: {message}")
    if not any(f.startswith(("screen", "Qt", "countdown", "reset")) for f in report.failures):
        report.ok(f"{len(SCREENS)} screens and the countdown overlay shown without warnings")


def run_self_test(config: kiosk_config.Config) -> int:
    """Run every check, print the report, and return the exit code."""
    from ui.app import prepare_environment

    started = time.monotonic()
    report = SelfTestReport()
    setup_logging(Path(config.log_dir), config.log_level)
    try:
        prepare_environment(config, offscreen=True)
        check_configuration(config, report)
        check_storage(Path(config.data_dir), report)
        visit_screens(config, report)
    finally:
        shutdown_logging()
    elapsed = time.monotonic() - started
    if elapsed > DEADLINE_S:
        report.fail(f"took {elapsed:.1f} s, more than the {DEADLINE_S:.0f} s allowed")
    for line in report.checks:
        print(f"ok: {line}")
    for line in report.failures:
        print(f"FAILED: {line}", file=sys.stderr)
    verdict = "passed" if not report.failures else "failed"
    print(f"self-test {verdict} in {elapsed:.1f} s")
    return 0 if not report.failures else 1
