"""A kiosk process for tests/integration/test_delivery_kill.py, meant to be SIGKILLed.

    python -m tests.integration.delivery_child work URL TOKEN RUN COUNT
    python -m tests.integration.delivery_child recover URL TOKEN

Both use the kiosk's own outbox (``open_outbox`` over the configuration in the environment:
``PCK_DATA_DIR``, a file secret store) and the real client against the simulator at URL.

``work`` does what the assisted pre-registration does COUNT times — add a record, send it
at once (``deliver_one``), forget its link when the visit ends — then one ``deliver`` round.
It prints ``ready`` once it is set up and ``added <id>`` once each record is committed.
``PCK_TEST_CRASH_AT=after_post:N`` makes it SIGKILL itself right after the N-th
pre-registration request got its answer, before the outbox records it (the worst moment).

``recover`` delivers until the outbox is empty (its clock two hours ahead, so that backoffs
are over), then prints ``depth 0``.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from kiosk.api.client import ApiClient
from kiosk.api.models import Preregistration
from kiosk.api.resilience import RetryPolicy
from kiosk.clock import Clock
from kiosk.config import load
from kiosk.storage.outbox import open_outbox
from kiosk.sync.delivery import DeliveryStatus, deliver, deliver_one

CONSENT = "consentement-2025-05-v1"


class CrashingClient(ApiClient):
    """The real client, which kills its own process after the N-th answer when told to."""

    def __init__(self, url: str, token: str, crash_after: int | None) -> None:
        super().__init__(url, token=lambda: token, timeouts=(2.0, 5.0),
                         retry=RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.05),
                         breaker=None)  # fmt: skip
        self._crash_after = crash_after
        self._posts = 0

    def create_preregistration(
        self, payload: Mapping[str, Any], idempotency_key: str
    ) -> Preregistration:
        answer = super().create_preregistration(payload, idempotency_key)
        self._posts += 1
        if self._posts == self._crash_after:
            os.kill(os.getpid(), signal.SIGKILL)
        return answer


def payload(run: int, number: int) -> dict[str, Any]:
    return {
        "email": f"kill.{run}.{number}@exemple.fr", "birthdate": "2007-11-30",
        "firstName": "Maël", "lastName": "Kervella", "postalCode": "29200", "city": "Brest",
        "address": "12 quai de la Douane", "activityId": "STUDENT",
        "marketingEmailSubscription": False,
    }  # fmt: skip


def main(argv: list[str]) -> int:
    mode, url, token = argv[:3]
    crash_at = os.environ.get("PCK_TEST_CRASH_AT", "")
    crash_after = int(crash_at.split(":")[1]) if crash_at.startswith("after_post:") else None
    api = CrashingClient(url, token, crash_after)
    outbox = open_outbox(load())
    clock = Clock()
    print("ready", flush=True)
    if mode == "work":
        run, count = int(argv[3]), int(argv[4])
        for number in range(count):
            record_id = outbox.add(payload(run, number), consent_version=CONSENT, now=clock.now())
            print("added", record_id, flush=True)
            if deliver_one(api, outbox, record_id, clock).status is DeliveryStatus.SENT:
                outbox.forget_sent(record_id)  # the visitor pressed "Terminer"
        deliver(api, outbox, clock)
    else:
        clock.correct(clock.now() + timedelta(hours=2))
        for _ in range(20):
            if outbox.depth() == 0:
                break
            deliver(api, outbox, clock, limit=100)
        print("depth", outbox.depth(), flush=True)
    outbox.close()
    api.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
