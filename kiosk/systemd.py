"""systemd's service notification protocol (``sd_notify``), in plain Python and without Qt.

Under systemd (``Type=notify``), the unit tells the service where to write through
``$NOTIFY_SOCKET``: an AF_UNIX datagram socket, a file path or, when the address starts with
``@``, a name in the abstract namespace. Each datagram holds newline-separated ``KEY=value``
assignments: ``READY=1`` once the kiosk shows its first frame, ``WATCHDOG=1`` at least every
``$WATCHDOG_USEC`` microseconds (else systemd kills and restarts the service), ``STOPPING=1``
when it leaves, ``STATUS=…`` for ``systemctl status``.

Outside systemd every call is a no-op, and a failure to send is logged, never raised: the
kiosk must not stop because its supervisor went away.

The kiosk runs as a child of the cage compositor, which is the unit's main process, so
``$WATCHDOG_PID`` names cage: the watchdog counts as ours when that variable is unset, names
this process, or names its parent (the unit then needs ``NotifyAccess=all``).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)

NOTIFY_SOCKET_ENV = "NOTIFY_SOCKET"
WATCHDOG_USEC_ENV = "WATCHDOG_USEC"
WATCHDOG_PID_ENV = "WATCHDOG_PID"


def socket_address(value: str) -> str | None:
    r"""The address to send to for a ``$NOTIFY_SOCKET`` value, or None when unusable.

    ``@name`` is the abstract name ``\0name``; an absolute path is used as it is. Anything
    else (empty, relative, systemd's ``vsock:`` addresses) is not supported here.
    """
    if value.startswith("@") and len(value) > 1:
        return "\0" + value[1:]
    if value.startswith("/"):
        return value
    return None


def watchdog_interval(environ: Mapping[str, str] | None = None) -> float | None:
    """The watchdog timeout in seconds from ``$WATCHDOG_USEC``, or None when there is none.

    None too when ``$WATCHDOG_PID`` names a process that is neither this one nor its parent:
    the watchdog is then another process's business.
    """
    env = os.environ if environ is None else environ
    text = env.get(WATCHDOG_USEC_ENV, "").strip()
    if not text:
        return None
    try:
        microseconds = int(text)
    except ValueError:
        log.warning("ignoring %s=%r: not a whole number", WATCHDOG_USEC_ENV, text)
        return None
    if microseconds <= 0:
        return None
    pid_text = env.get(WATCHDOG_PID_ENV, "").strip()
    if pid_text:
        try:
            pid = int(pid_text)
        except ValueError:
            log.warning("ignoring %s=%r: not a process id", WATCHDOG_PID_ENV, pid_text)
            return None
        if pid not in (os.getpid(), os.getppid()):
            return None
    return microseconds / 1_000_000


class Notifier:
    """Sends notifications to systemd; does nothing when not started by systemd.

    Args:
        environ: the environment to read (``os.environ`` when None).
    """

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        raw = env.get(NOTIFY_SOCKET_ENV, "")
        self.address = socket_address(raw)
        if raw and self.address is None:
            log.warning("ignoring %s=%r: unsupported address", NOTIFY_SOCKET_ENV, raw)
        self.watchdog_interval = watchdog_interval(env) if self.address else None
        self._socket: socket.socket | None = None

    @property
    def enabled(self) -> bool:
        """True when systemd gave a socket to notify."""
        return self.address is not None

    def notify(self, *assignments: str) -> bool:
        """Send ``KEY=value`` assignments in one datagram; return whether it was sent."""
        if self.address is None or not assignments:
            return False
        message = "\n".join(assignments).encode("utf-8")
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            self._socket.sendto(message, self.address)
        except OSError as error:
            log.warning("cannot notify systemd (%s): %s", assignments[0], error)
            return False
        return True

    def ready(self, status: str = "") -> bool:
        """Tell systemd the service has started (``READY=1``)."""
        if not status:
            return self.notify("READY=1")
        return self.notify("READY=1", "STATUS=" + " ".join(status.split()))

    def watchdog(self) -> bool:
        """Tell systemd the service is alive (``WATCHDOG=1``)."""
        return self.notify("WATCHDOG=1")

    def stopping(self) -> bool:
        """Tell systemd the service is shutting down (``STOPPING=1``)."""
        return self.notify("STOPPING=1")

    def status(self, text: str) -> bool:
        """Show ``text`` in ``systemctl status`` (``STATUS=…``, on one line)."""
        return self.notify("STATUS=" + " ".join(text.split()))

    def close(self) -> None:
        """Close the socket; a later notification opens a new one."""
        if self._socket is not None:
            self._socket.close()
            self._socket = None
