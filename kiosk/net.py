"""Network facts shared by the configuration, the API client and the simulator."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` is ``localhost`` or a loopback address (127.0.0.0/8, ::1).

    Accepts a URL's host with IPv6 brackets (``[::1]``) and IPv4-mapped IPv6 addresses
    (``::ffff:127.0.0.1``, as a dual-stack server reports its peers).
    """
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback
