"""Kiosk processes for tests/reliability/test_kills.py, meant to be SIGKILLed.

    python -m tests.reliability.soak_child sync URL TOKEN CATALOG PAGE_LIMIT
    python -m tests.reliability.soak_child migrate CATALOG

``sync`` opens the catalog file as the kiosk does (``open_catalog``), prints ``ready``, then
runs ``sync_once`` against the simulator at URL over and over (small pages: many
transactions), printing ``synced ok`` or ``synced failed`` after each, until killed (or
after 500 syncs, so that a lost process ends by itself).

``migrate`` prints ``ready``, opens the catalog (which runs the pending migrations), then
prints ``migrated <user_version>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.api.client import ApiClient
from kiosk.api.resilience import RetryPolicy
from kiosk.clock import Clock
from kiosk.storage.catalog import open_catalog
from kiosk.sync.engine import sync_once


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "sync":
        url, token, path, page_limit = argv[1], argv[2], Path(argv[3]), int(argv[4])
        api = ApiClient(url, token=lambda: token, timeouts=(2.0, 5.0),
                        retry=RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.05))  # fmt: skip
        catalog = open_catalog(path)
        clock = Clock()
        print("ready", flush=True)
        for _ in range(500):
            report = sync_once(api, catalog, clock, page_limit=page_limit)
            print("synced", "ok" if report.ok else f"failed {report.error}", flush=True)
        catalog.close()
        api.close()
    else:
        path = Path(argv[1])
        print("ready", flush=True)
        catalog = open_catalog(path)
        version = catalog.read("PRAGMA user_version")[0][0]
        print("migrated", version, "rebuilt" if catalog.rebuilt else "kept", flush=True)
        catalog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
