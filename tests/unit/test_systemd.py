"""kiosk.systemd: the sd_notify protocol, checked against real AF_UNIX datagram sockets."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.systemd import Notifier, socket_address, watchdog_interval


@pytest.fixture
def path_socket(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    """The systemd side: a datagram socket bound to a file, as $NOTIFY_SOCKET names it."""
    path = tmp_path / "notify"
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(str(path))
    receiver.settimeout(2)
    yield str(path), receiver
    receiver.close()


@pytest.fixture
def abstract_socket() -> Iterator[tuple[str, socket.socket]]:
    """The usual systemd side: a datagram socket in the abstract namespace (@name)."""
    name = f"pck-test-{uuid.uuid4().hex}"
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind("\0" + name)
    receiver.settimeout(2)
    yield "@" + name, receiver
    receiver.close()


def received(receiver: socket.socket) -> list[str]:
    return receiver.recv(4096).decode("utf-8").split("\n")


def test_outside_systemd_every_call_is_a_no_op() -> None:
    notifier = Notifier({})
    assert not notifier.enabled
    assert notifier.watchdog_interval is None
    assert notifier.ready() is False
    assert notifier.watchdog() is False
    assert notifier.stopping() is False
    notifier.close()


def test_ready_watchdog_and_stopping_reach_a_path_socket(
    path_socket: tuple[str, socket.socket],
) -> None:
    address, receiver = path_socket
    notifier = Notifier({"NOTIFY_SOCKET": address})
    assert notifier.enabled
    assert notifier.ready("kiosk running") is True
    assert received(receiver) == ["READY=1", "STATUS=kiosk running"]
    assert notifier.watchdog() is True
    assert received(receiver) == ["WATCHDOG=1"]
    assert notifier.stopping() is True
    assert received(receiver) == ["STOPPING=1"]
    notifier.close()


def test_the_abstract_namespace_is_used_for_an_at_address(
    abstract_socket: tuple[str, socket.socket],
) -> None:
    address, receiver = abstract_socket
    notifier = Notifier({"NOTIFY_SOCKET": address})
    assert notifier.ready() is True
    assert received(receiver) == ["READY=1"]
    notifier.close()


def test_status_stays_on_one_line(path_socket: tuple[str, socket.socket]) -> None:
    address, receiver = path_socket
    notifier = Notifier({"NOTIFY_SOCKET": address})
    notifier.status("offline:\nno network")
    assert received(receiver) == ["STATUS=offline: no network"]
    notifier.close()


def test_the_socket_is_reopened_after_close(path_socket: tuple[str, socket.socket]) -> None:
    address, receiver = path_socket
    notifier = Notifier({"NOTIFY_SOCKET": address})
    notifier.watchdog()
    notifier.close()
    notifier.watchdog()
    assert received(receiver) == ["WATCHDOG=1"]
    assert received(receiver) == ["WATCHDOG=1"]
    notifier.close()


def test_a_vanished_socket_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notifier = Notifier({"NOTIFY_SOCKET": str(tmp_path / "nobody-listens")})
    with caplog.at_level(logging.WARNING, logger="kiosk.systemd"):
        assert notifier.watchdog() is False
    assert "cannot notify systemd (WATCHDOG=1)" in caplog.text
    notifier.close()


@pytest.mark.parametrize("value", ["relative/path", "vsock:2:1234", "@"])
def test_unsupported_addresses_disable_notifications(
    value: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.systemd"):
        notifier = Notifier({"NOTIFY_SOCKET": value, "WATCHDOG_USEC": "30000000"})
    assert not notifier.enabled
    assert notifier.watchdog_interval is None
    assert "unsupported address" in caplog.text


def test_socket_address() -> None:
    assert socket_address("@systemd/notify") == "\0systemd/notify"
    assert socket_address("/run/systemd/notify") == "/run/systemd/notify"
    assert socket_address("") is None


def test_watchdog_interval_is_read_in_seconds(
    abstract_socket: tuple[str, socket.socket],
) -> None:
    address, _receiver = abstract_socket
    notifier = Notifier({"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "60000000"})
    assert notifier.watchdog_interval == 60.0
    notifier.close()


@pytest.mark.parametrize(
    ("usec", "pid", "expected"),
    [
        ("60000000", None, 60.0),
        ("500000", str(os.getpid()), 0.5),
        # cage is the unit's main process and the kiosk its child
        ("60000000", str(os.getppid()), 60.0),
        ("60000000", "1", None),
        ("60000000", "not-a-pid", None),
        ("0", None, None),
        ("soon", None, None),
        (None, None, None),
    ],
)
def test_watchdog_interval(usec: str | None, pid: str | None, expected: float | None) -> None:
    environ = {}
    if usec is not None:
        environ["WATCHDOG_USEC"] = usec
    if pid is not None:
        environ["WATCHDOG_PID"] = pid
    if os.getppid() == 1 and pid == "1":
        pytest.skip("this process is a child of PID 1")
    assert watchdog_interval(environ) == expected
