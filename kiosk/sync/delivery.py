"""Sending the outbox to the central API: each pre-registration exactly once.

Exactly once rests on two facts. The outbox commits a record, with its idempotency key,
before anything is sent; and every try of that record sends the same key, so the central
API creates the pre-registration the first time and replays the same answer afterwards.
Whatever is killed or cut in between — before the request, during it, after the answer and
before :meth:`Outbox.mark_sent` — the next round sends the same key again and gets the
same pre-registration back.

What happens to a try:

* 201/200 → ``mark_sent`` (payload deleted), journal ``prereg_sent``;
* 400 or 422 (``Rejected``) → ``needs_staff`` with the server's message (sealed), journal
  ``prereg_rejected``; retrying the same payload would be refused the same way;
* network down, 5xx, 429, other 4xx → ``mark_failed`` (backoff) and the round stops: the
  rest would fail the same way and hammer a server in trouble;
* an answer that makes no sense (``BadResponse``) → ``mark_failed``, next record;
* circuit breaker open, token refused (401) → the round stops and the record keeps its
  place (it is not the record's fault, so no try is counted).

Nothing here logs a payload, a finish link or a server message: only pseudonymous ids.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from kiosk.api.errors import (
    ApiError,
    BadResponse,
    CircuitOpen,
    RateLimited,
    Rejected,
    ServerError,
    Unauthorized,
    Unreachable,
)
from kiosk.clock import Clock
from kiosk.storage.db import StorageError
from kiosk.storage.outbox import (
    CANCELLED,
    NEEDS_STAFF,
    PENDING,
    PURGED,
    SENT,
    Journal,
    Outbox,
    OutboxItem,
    PayloadGone,
    Undecryptable,
    journal_event,
)

if TYPE_CHECKING:  # requests is imported by whoever makes the client, not by the GUI's start
    from kiosk.api.client import ApiClient

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 20
"""Records tried per round at most: the sync's network lane has other work."""

_EMPTY_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType({})


class DeliveryStatus(enum.StrEnum):
    """Where a record stands after :func:`deliver_one`."""

    SENT = "sent"
    """The central API has it; ``finish_url`` is the link to show as a QR code."""
    QUEUED = "queued"
    """Not sent now (offline, server trouble, token refused): it will be, automatically."""
    REJECTED = "rejected"
    """The central API refused it: ``message`` says why; staff retry or cancel it."""
    CANCELLED = "cancelled"
    """Staff cancelled it, or it was purged unsent: it will not be sent."""


@dataclass(frozen=True)
class DeliveryOutcome:
    """What became of one record, for the screen right after the submission.

    Attributes:
        finish_url: the link that finishes the sign-up (SENT), while it is kept.
        server_id: the central API's id of the pre-registration (SENT).
        message: the server's message (REJECTED), French, for staff; it may quote what
            was typed: show it, never log it.
        fields: field name → the server's messages about it (REJECTED with field errors).
        reason: why it was not sent now (QUEUED), in English, for logs and IT.
    """

    record_id: str
    status: DeliveryStatus
    finish_url: str | None = None
    server_id: str | None = None
    message: str = ""
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY_FIELDS)
    reason: str = ""


@dataclass
class DeliveryReport:
    """What one :func:`deliver` round did.

    Attributes:
        sent: records the central API acknowledged.
        failed: tries that failed and will be retried (backoff).
        rejected: records the central API refused (now waiting for staff).
        purged: ids of unsent records purged after the retention (report them to staff).
        stopped: why the round stopped before the due records were all tried, or "".
        error: the outbox itself failed (storage, secret store), or "".
        depth: records still waiting after the round (None when unknown).
    """

    sent: int = 0
    failed: int = 0
    rejected: int = 0
    purged: list[str] = field(default_factory=list)
    stopped: str = ""
    error: str = ""
    depth: int | None = None

    def describe(self) -> str:
        """One line for the sync's steps and the logs (no personal data)."""
        text = (f"outbox: {self.sent} sent, {self.failed} failed, {self.rejected} refused, "
                f"{len(self.purged)} purged")  # fmt: skip
        if self.depth is not None:
            text += f", {self.depth} waiting"
        if self.stopped:
            text += f" (stopped: {self.stopped})"
        if self.error:
            text += f" (error: {self.error})"
        return text


@dataclass(frozen=True)
class _Try:
    outcome: DeliveryOutcome
    stop: str = ""  # why the round must stop here
    failed: bool = False  # a try was made and failed (backoff)


def deliver(
    api: ApiClient,
    outbox: Outbox,
    clock: Clock,
    *,
    journal: Journal | None = None,
    limit: int = DEFAULT_LIMIT,
) -> DeliveryReport:
    """One round: apply the retention, then send up to ``limit`` due records.

    Never raises for a network, server or storage problem: they end up in the report.
    Purged records are journaled (``prereg_purged``) and listed in ``report.purged``.
    """
    report = DeliveryReport()
    try:
        now = clock.now()
        report.purged = outbox.purge(now)
        for record_id in report.purged:
            journal_event(journal, "prereg_purged", now, record_id=record_id)
        for item in outbox.due(clock.now(), limit):
            attempt = _try(api, outbox, item, clock, journal)
            status = attempt.outcome.status
            if status is DeliveryStatus.SENT:
                report.sent += 1
            elif status is DeliveryStatus.REJECTED:
                report.rejected += 1
            elif attempt.failed:
                report.failed += 1
            if attempt.stop:
                report.stopped = attempt.stop
                break
        report.depth = outbox.depth()
    except StorageError as error:
        report.error = str(error)
        log.error("outbox delivery interrupted: %s", error)
    if report.sent or report.failed or report.rejected or report.purged or report.error:
        log.info("%s", report.describe())
    return report


def deliver_one(
    api: ApiClient,
    outbox: Outbox,
    record_id: str,
    clock: Clock,
    journal: Journal | None = None,
) -> DeliveryOutcome:
    """Send one record now (right after its submission), whatever its next-try time.

    A record already sent answers SENT (with its finish link while it is kept); one waiting
    for staff answers REJECTED with the server's message; a cancelled or purged one,
    CANCELLED. Never raises for a network or server problem (the record stays queued).

    Raises:
        UnknownRecord: no such record.
        StorageError: the outbox failed (the record, if it was added, is still there).
    """
    item = outbox.item(record_id)
    if item.status == PENDING:
        return _try(api, outbox, item, clock, journal).outcome
    return _standing(outbox, item, clock)


def _standing(outbox: Outbox, item: OutboxItem, clock: Clock) -> DeliveryOutcome:
    """The outcome a record's stored state tells, without sending anything."""
    if item.status == SENT:
        return DeliveryOutcome(item.id, DeliveryStatus.SENT,
                               finish_url=outbox.finish_url(item.id, clock.now()))  # fmt: skip
    if item.status == NEEDS_STAFF:
        try:
            message = outbox.error_message(item.id) or ""
        except Undecryptable:
            message = ""
        return DeliveryOutcome(item.id, DeliveryStatus.REJECTED, message=message)
    if item.status in (CANCELLED, PURGED):
        return DeliveryOutcome(item.id, DeliveryStatus.CANCELLED)
    return DeliveryOutcome(item.id, DeliveryStatus.QUEUED, reason=f"status {item.status}")


def _try(api: ApiClient, outbox: Outbox, item: OutboxItem, clock: Clock,
         journal: Journal | None) -> _Try:
    """One try of one record; storage errors pass through, API errors do not."""
    record_id = item.id
    try:
        payload = outbox.payload(record_id)
    except PayloadGone:  # sent, cancelled or purged meanwhile (another lane, staff)
        return _Try(_standing(outbox, outbox.item(record_id), clock))
    except Undecryptable as error:
        outbox.mark_rejected(record_id, str(error), clock.now(), kind="unreadable")
        journal_event(journal, "prereg_rejected", clock.now(), record_id=record_id,
                      detail="unreadable")  # fmt: skip
        return _Try(DeliveryOutcome(record_id, DeliveryStatus.REJECTED, message=str(error)))
    try:
        answer = api.create_preregistration(payload, item.idempotency_key)
    except Rejected as error:
        if error.status not in (400, 422):
            # Not about this payload (a 404 or 403 from a misconfigured server or proxy).
            return _failed(outbox, record_id, error, clock, stop=True)
        kind = _rejection_kind(error)
        message = _rejection_message(error)
        outbox.mark_rejected(record_id, message, clock.now(), kind=kind)
        journal_event(journal, "prereg_rejected", clock.now(), record_id=record_id, detail=kind)
        return _Try(DeliveryOutcome(record_id, DeliveryStatus.REJECTED, message=message,
                                    fields=error.fields))  # fmt: skip
    except Unauthorized as error:
        reason = "the central API refused this kiosk's token: enroll it again"
        log.warning("outbox: record %s not sent: %s", record_id, error)
        return _Try(_queued(record_id, reason), stop=reason)
    except CircuitOpen as error:
        reason = f"the central API failed repeatedly; next try in {error.retry_in:.0f} s"
        return _Try(_queued(record_id, reason), stop=reason)
    except (Unreachable, ServerError, RateLimited) as error:
        return _failed(outbox, record_id, error, clock, stop=True)
    except BadResponse as error:
        return _failed(outbox, record_id, error, clock, stop=False)
    except ApiError as error:
        return _failed(outbox, record_id, error, clock, stop=True)
    except ValueError as error:  # a payload the client cannot send as JSON
        outbox.mark_rejected(record_id, str(error), clock.now(), kind="invalid payload")
        journal_event(journal, "prereg_rejected", clock.now(), record_id=record_id,
              detail="invalid payload")  # fmt: skip
        return _Try(DeliveryOutcome(record_id, DeliveryStatus.REJECTED, message=str(error)))
    now = clock.now()
    outbox.mark_sent(record_id, server_id=answer.id, finish_url=answer.finish_url, now=now)
    journal_event(journal, "prereg_sent", now, record_id=record_id,
          detail="replayed" if answer.replayed else None)  # fmt: skip
    return _Try(DeliveryOutcome(record_id, DeliveryStatus.SENT, finish_url=answer.finish_url,
                                server_id=answer.id))  # fmt: skip


def _failed(outbox: Outbox, record_id: str, error: ApiError, clock: Clock, *,
            stop: bool) -> _Try:
    kind = {
        Unreachable: "unreachable", ServerError: "server error", RateLimited: "rate-limited",
        BadResponse: "bad answer",
    }.get(type(error), f"refused ({error.status})" if error.status else "failed")  # fmt: skip
    retry_after = getattr(error, "retry_after", None)
    outbox.mark_failed(record_id, str(error), clock.now(), kind=kind,
                       retry_after=retry_after if isinstance(retry_after, float | int) else None)
    log.warning("outbox: record %s not sent: %s", record_id, error)
    reason = f"{kind}: {error}"
    return _Try(_queued(record_id, reason), stop=reason if stop else "", failed=True)


def _queued(record_id: str, reason: str) -> DeliveryOutcome:
    return DeliveryOutcome(record_id, DeliveryStatus.QUEUED, reason=reason)


def _rejection_kind(error: Rejected) -> str:
    """What the refusal was about, with no personal data: the code, or the field names."""
    if error.code:
        return f"rejected: {error.code}"
    if error.fields:
        return "rejected: " + ", ".join(sorted(error.fields))
    return f"rejected ({error.status})"


def _rejection_message(error: Rejected) -> str:
    """The server's words, for staff (sealed in the outbox)."""
    parts = [error.message] if error.message else []
    parts += [f"{name} : {' '.join(texts)}" for name, texts in sorted(error.fields.items())]
    return "\n".join(parts) or f"refused with status {error.status}"
