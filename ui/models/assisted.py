"""The assisted pre-registration: a staff member types, the young person checks and agrees.

Steps: consent → e-mail → birth date → names as on the ID → postal code, commune and street
→ status and marketing consent → review → sent (QR code to finish on the phone) or queued
(offline: sent as soon as the network is back). Every answer is checked by
:mod:`kiosk.domain.registration`, which returns error codes that QML words kindly; nothing
already typed is lost on an error. There is no password field, ever: the young person
chooses it on their own phone.

The answers live in this object only, in memory, until "Envoyer": then they go to the
encrypted outbox (never anywhere else on disk) and are wiped from here by the end of the
visit (Terminer, idle timeout, or a new pre-registration).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.audit import AuditJournal
from kiosk.clock import Clock
from kiosk.domain.eligibility import EligibilityRules
from kiosk.domain.registration import (
    CONSENT_VERSION,
    build_request,
    check_address,
    check_birth_date,
    check_city,
    check_email,
    check_name,
    check_postal_code,
    statuses_for,
)
from kiosk.storage.outbox import Outbox
from kiosk.sync.delivery import DeliveryOutcome, DeliveryStatus, deliver_one
from ui import formatting
from ui.runner import Lane, TaskRunner

if TYPE_CHECKING:  # requests loads with the connection, after the first frame
    from kiosk.api.client import ApiClient

log = logging.getLogger(__name__)

STEPS = ("consent", "email", "birthdate", "identity", "address", "status", "review", "result")


class AssistedModel(QObject):
    """The assisted pre-registration form for QML (context property ``assisted``)."""

    changed = Signal()
    communes_changed = Signal()
    #: A pre-registration went to the outbox (the staff area counts them, nothing more).
    submitted = Signal()

    def __init__(self, runner: TaskRunner, clock: Clock, rules: Callable[[], EligibilityRules],
                 language: Callable[[], str], *, outbox: Callable[[], Outbox | None],
                 api: Callable[[], ApiClient | None], journal: AuditJournal | None,
                 staff_name: Callable[[], str]) -> None:
        super().__init__()
        self._runner = runner
        self._clock = clock
        self._rules = rules
        self._language = language
        self._outbox = outbox
        self._api = api
        self._journal = journal
        self._staff_name = staff_name
        self._reset()

    def _reset(self) -> None:
        self._step = "consent"
        self._answers: dict[str, Any] = {"marketing": False}
        self._errors: dict[str, str] = {}
        self._suggestion = ""
        self._communes: list[str] = []
        self._lookup = "idle"  # idle, busy, done, offline
        self._outcome: dict[str, Any] = {}
        self._sending = False
        self._back_to_review = False
        self._record_id = ""

    # --- state for QML -------------------------------------------------------------------

    def _get_step(self) -> str:
        return self._step

    def _get_answers(self) -> dict[str, Any]:
        answers = dict(self._answers)
        born = answers.pop("birth_date", None)
        if isinstance(born, date):
            answers["birthDate"] = formatting.day(self._language(), born)
            answers["birthDay"], answers["birthMonth"] = born.day, born.month
            answers["birthYear"] = born.year
        return answers

    def _get_errors(self) -> dict[str, str]:
        return dict(self._errors)

    def _get_suggestion(self) -> str:
        return self._suggestion

    def _get_statuses(self) -> list[str]:
        born = self._answers.get("birth_date")
        return statuses_for(_age(born, self._clock.now().date())) if born else []

    def _get_communes(self) -> list[str]:
        return list(self._communes)

    def _get_lookup(self) -> str:
        return self._lookup

    def _get_outcome(self) -> dict[str, Any]:
        return dict(self._outcome)

    def _get_sending(self) -> bool:
        return self._sending

    def _get_available(self) -> bool:
        return self._outbox() is not None

    def _get_first_year(self) -> int:
        return self._clock.now().year - 30

    def _get_last_year(self) -> int:
        return self._clock.now().year

    step = Property(str, _get_step, notify=changed)
    answers = Property("QVariantMap", _get_answers, notify=changed)
    #: Field name → error code of kiosk.domain.registration (or "impossible_date").
    errors = Property("QVariantMap", _get_errors, notify=changed)
    suggestion = Property(str, _get_suggestion, notify=changed)
    statuses = Property("QVariantList", _get_statuses, notify=changed)
    communes = Property("QVariantList", _get_communes, notify=communes_changed)
    #: The commune lookup: "idle", "busy", "done", or "offline" (then the city is typed).
    lookup = Property(str, _get_lookup, notify=communes_changed)
    outcome = Property("QVariantMap", _get_outcome, notify=changed)
    sending = Property(bool, _get_sending, notify=changed)
    available = Property(bool, _get_available, constant=True)
    firstYear = Property(int, _get_first_year, constant=True)  # noqa: N815
    lastYear = Property(int, _get_last_year, constant=True)  # noqa: N815
    consentVersion = Property(str, lambda self: CONSENT_VERSION, constant=True)  # noqa: N815

    # --- steps ---------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """A new pre-registration: forget any previous one."""
        self.reset_visitor_state()

    @Slot()
    def acceptConsent(self) -> None:  # noqa: N802 - called from QML
        """The young person read the consent text and agrees."""
        self._answers["consent"] = CONSENT_VERSION
        self._advance("email")

    @Slot(str)
    def submitEmail(self, text: str) -> None:  # noqa: N802
        """Check the e-mail; a likely typo is suggested, never corrected silently."""
        checked = check_email(text)
        self._answers["email_typed"] = text
        self._suggestion = checked.suggestion or ""
        if not self._accept("email", checked):
            return
        if self._suggestion and self._answers.get("suggestion_seen") != text:
            self._answers["suggestion_seen"] = text  # asked once; a second tap keeps it
            self.changed.emit()
            return
        self._advance("birthdate")

    @Slot()
    def useSuggestion(self) -> None:  # noqa: N802
        """Take the suggested e-mail instead of what was typed."""
        if self._suggestion:
            self._answers["email"] = self._answers["email_typed"] = self._suggestion
            self._suggestion = ""
            self._advance("birthdate")

    @Slot(int, int, int)
    def submitBirthDate(self, day: int, month: int, year: int) -> None:  # noqa: N802
        """Check the date exists and that the young person can pre-register now."""
        try:
            born = date(year, month, day)
        except ValueError:
            self._fail("birth_date", "impossible_date")
            return
        checked = check_birth_date(born, self._clock.now(), self._rules())
        if self._accept("birth_date", checked):
            self._advance("identity")

    @Slot(str, str)
    def submitNames(self, first: str, last: str) -> None:  # noqa: N802
        """First and last names exactly as on the ID."""
        self._answers["first_typed"], self._answers["last_typed"] = first, last
        ok_first = self._accept("first_name", check_name(first), emit=False)
        ok_last = self._accept("last_name", check_name(last), emit=False)
        if ok_first and ok_last:
            self._advance("address")
        else:
            self.changed.emit()

    @Slot(str)
    def lookUpPostalCode(self, text: str) -> None:  # noqa: N802
        """Check the postal code and ask the central API for its communes."""
        checked = check_postal_code(text, rules=self._rules())
        self._answers["postal_typed"] = text
        if not self._accept("postal_code", checked):
            return
        code = checked.value or ""
        api = self._api()
        if api is None:
            self._on_communes(code, None)
            return
        self._lookup = "busy"
        self.communes_changed.emit()
        task = self._runner.submit(Lane.NETWORK, api.communes, code)
        task.finished.connect(lambda found: self._on_communes(code, found))
        task.failed.connect(lambda _error: self._on_communes(code, None))

    @Slot(str, str, str)
    def submitAddress(self, postal: str, city: str, street: str) -> None:  # noqa: N802
        """Postal code, commune (chosen or typed) and street address."""
        self._answers["city_typed"], self._answers["street_typed"] = city, street
        oks = [
            self._accept("postal_code", check_postal_code(postal, rules=self._rules()),
                         emit=False),
            self._accept("city", check_city(city), emit=False),
            self._accept("address", check_address(street), emit=False),
        ]
        if all(oks) and self._born_fits_the_postal_code():
            self._advance("status")
        else:
            self.changed.emit()

    def _born_fits_the_postal_code(self) -> bool:
        """Ages count in the home's time zone: overseas, a birthday can fall a day apart."""
        born, code = self._answers.get("birth_date"), self._answers.get("postal_code")
        if not isinstance(born, date):
            return True  # checked at its own step
        checked = check_birth_date(born, self._clock.now(), self._rules(), postal_code=code)
        if checked.ok:
            return True
        self._fail("postal_code", str(checked.error), emit=False)
        return False

    @Slot(str, bool)
    def submitStatus(self, status: str, marketing: bool) -> None:  # noqa: N802
        """The young person's status, and whether they want the pass Culture's news."""
        if status not in self._get_statuses():
            self._fail("status", "status_missing")
            return
        self._answers["status"], self._answers["marketing"] = status, marketing
        self._advance("review")

    @Slot(str)
    def edit(self, step: str) -> None:
        """From the review, go back to one step to change it."""
        if step in STEPS[1:-2] and self._step == "review":
            self._back_to_review = True
            self._go(step)

    @Slot(result=bool)
    def back(self) -> bool:
        """The previous step; False on the first one (the screen then leaves)."""
        index = STEPS.index(self._step)
        if index == 0 or self._step == "result" or self._sending:
            return False
        self._go(STEPS[index - 1])
        return True

    def _go(self, step: str) -> None:
        self._errors = {}
        self._step = step
        self.changed.emit()

    def _advance(self, step: str) -> None:
        """After a step is answered: the next one, or the review when editing from it."""
        if self._back_to_review:
            self._back_to_review = False
            step = "review"
        self._go(step)

    # --- sending -------------------------------------------------------------------------

    @Slot()
    def send(self) -> None:
        """Queue the pre-registration in the outbox and try to send it right away."""
        if self._sending or self._step != "review":
            return
        if self._outbox() is None:
            self._finish({"status": "unavailable"})
            return
        try:
            request = build_request(
                email=self._answers["email"], birth_date=self._answers["birth_date"],
                first_name=self._answers["first_name"], last_name=self._answers["last_name"],
                postal_code=self._answers["postal_code"], city=self._answers["city"],
                address=self._answers.get("address"), activity_id=self._answers["status"],
                marketing_email_subscription=bool(self._answers.get("marketing")),
            )
        except (KeyError, ValueError):
            log.warning("assisted pre-registration incomplete at review")
            self._go("email")
            return
        self._sending = True
        self.changed.emit()
        task = self._runner.submit(Lane.NETWORK, self._queue_and_send, request)
        task.finished.connect(self._on_sent)
        task.failed.connect(lambda _error: self._on_sent(None))

    def _queue_and_send(self, request: dict[str, Any]) -> DeliveryOutcome | None:
        outbox, api = self._outbox(), self._api()
        assert outbox is not None
        record_id = outbox.add(
            request, consent_version=CONSENT_VERSION, now=self._clock.now(),
            journal=self._journal, staff=self._staff_name() or None,
        )
        if api is None:
            return DeliveryOutcome(record_id, DeliveryStatus.QUEUED, reason="no central API")
        return deliver_one(api, outbox, record_id, self._clock, self._journal)

    def _on_sent(self, outcome: DeliveryOutcome | None) -> None:
        self._sending = False
        if outcome is None:
            self._finish({"status": "unavailable"})
            return
        self.submitted.emit()
        self._record_id = outcome.record_id
        self._finish({
            "status": outcome.status.value,
            "finishUrl": outcome.finish_url or "",
            "message": outcome.message,
            "email": self._answers.get("email", ""),
        })

    def _finish(self, outcome: dict[str, Any]) -> None:
        # What was typed is in the outbox (encrypted) now; only the e-mail stays for the
        # ticket, and the end of the visit wipes it.
        email = self._answers.get("email", "")
        self._answers = {"email": email}
        self._outcome = outcome
        self._step = "result"
        self.changed.emit()

    # --- helpers -------------------------------------------------------------------------

    def _on_communes(self, code: str, found: list[Any] | None) -> None:
        if self._answers.get("postal_code") != code:
            return  # the postal code changed while the lookup ran
        self._communes = sorted({commune.name for commune in found or []})
        self._lookup = "done" if found else "offline"
        self.communes_changed.emit()

    def _accept(self, field: str, checked: Any, *, emit: bool = True) -> bool:
        if checked.ok:
            self._answers[field] = checked.value
            self._errors.pop(field, None)
            return True
        self._fail(field, str(checked.error), emit=emit)
        return False

    def _fail(self, field: str, code: str, *, emit: bool = True) -> None:
        self._errors[field] = code
        if emit:
            self.changed.emit()

    def reset_visitor_state(self) -> None:
        """The visit ended: wipe every answer from memory, and the finish link from disk."""
        outbox = self._outbox()
        if self._record_id and outbox is not None:
            self._runner.submit(Lane.STORAGE, outbox.forget_sent, self._record_id)
        self._reset()
        self.changed.emit()
        self.communes_changed.emit()


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
