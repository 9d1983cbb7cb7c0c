"""The ``passculture-kiosk`` command: screenless commands, or the kiosk itself."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to :mod:`kiosk.cli` for its commands, else start the Qt kiosk."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    from kiosk import cli

    if arguments and arguments[0] in cli.COMMANDS:
        return cli.main(arguments)
    # Imported late so that screenless commands never load Qt.
    from ui.app import run

    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
