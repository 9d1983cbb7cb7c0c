"""Which hosts count as this machine (plain http allowed, admin routes open)."""

from __future__ import annotations

import pytest

from kiosk.net import is_loopback


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST", "127.0.0.1", "127.8.9.10", "::1",
                                  "[::1]", "::ffff:127.0.0.1"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["", None, "10.0.0.1", "192.168.1.10", "passculture.app",
                                  "::ffff:10.0.0.1", "localhost.example.org", "0.0.0.0"])
def test_other_hosts(host: str | None) -> None:
    assert not is_loopback(host)
