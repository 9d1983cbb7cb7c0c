"""Entry script of the frozen kiosk: the same ``ui.__main__:main`` as the console script."""

import sys

from ui.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
