"""``make bench``: print one JSON object per line for each figure the kiosk tracks.

Each figure is ``{"name", "value", "unit"}``; a figure compared with a baseline measured in
the same run adds ``"baseline"`` and ``"ratio"``. Later issues add modules to ``BENCHMARKS``.
"""

from __future__ import annotations

import json
import sys

from tests.benchmarks import (
    bench_config,
    bench_search,
    bench_startup,
    bench_sync,
    bench_transitions,
)

BENCHMARKS = (bench_config, bench_startup, bench_transitions, bench_sync, bench_search)


def main() -> int:
    """Run every benchmark module and print its figures as JSON lines."""
    for module in BENCHMARKS:
        for figure in module.run():
            print(json.dumps(figure, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
