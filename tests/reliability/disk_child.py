"""Run the real ``passculture-kiosk`` CLI in a child process under disk trouble.

``python -m tests.reliability.disk_child [--fsize BYTES] [--user NAME] -- COMMAND …``
calls :func:`kiosk.cli.main` with ``COMMAND …`` after:

* ``--fsize``: ``RLIMIT_FSIZE`` so that any write past BYTES fails with ``EFBIG``
  (``SIGXFSZ`` ignored, as a full disk gives an error, not a signal);
* ``--user``: dropping root for that user (``nobody``), so that file permissions apply.
  The interpreter lives where ``nobody`` cannot read, so every module the commands load
  lazily is imported first, as root.

Anything escaping ``main`` prints its traceback and exits 1, like the real entry point:
the tests look for ``Traceback`` in stderr.
"""

from __future__ import annotations

import argparse
import os
import pwd
import resource
import signal
import sys


def _preload() -> None:
    # What `status` and `sync --once` import inside their handlers, and what those import.
    import json  # noqa: F401

    import kiosk.api.client  # noqa: F401
    import kiosk.clock  # noqa: F401
    import kiosk.health  # noqa: F401
    import kiosk.secrets  # noqa: F401
    import kiosk.simulator.server  # noqa: F401
    import kiosk.storage.catalog  # noqa: F401
    import kiosk.storage.images  # noqa: F401
    import kiosk.storage.local  # noqa: F401
    import kiosk.storage.outbox  # noqa: F401
    import kiosk.sync.connection  # noqa: F401
    import kiosk.sync.engine  # noqa: F401
    from kiosk.simulator import app  # noqa: F401


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fsize", type=int)
    parser.add_argument("--user")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    import kiosk.cli

    _preload()
    if args.fsize is not None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.fsize, args.fsize))
    if args.user:
        entry = pwd.getpwnam(args.user)
        os.setgroups([])
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)
    return kiosk.cli.main(command)


if __name__ == "__main__":
    sys.exit(main())
