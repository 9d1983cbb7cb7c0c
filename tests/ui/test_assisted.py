"""The assisted pre-registration, as a staff member and a young person go through it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QPointF

from kiosk.audit import AuditJournal
from kiosk.clock import Clock
from kiosk.staff import ScryptCost, StaffStore
from kiosk.sync.connection import Connection
from tests.ui.conftest import FAST_SECOND_MS, item, tap
from ui.app import Kiosk
from ui.scene import visible_texts

PIN = "482915"
TEST_COST = ScryptCost(n=2**4, r=1, p=1)
NOW = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
PERSON = {"email": "zoe.planted@gmail.com", "first": "Zoé", "last": "N'Diaye-Plantée",
          "postal": "69100", "street": "12 rue des Plantes"}


def _unlocked(qtbot, make_kiosk, private_dirs: Path, connection: Connection | None) -> Kiosk:
    with StaffStore(private_dirs / "data", Clock(), cost=TEST_COST) as store:
        store.add("Camille", PIN)
    kiosk = make_kiosk(second_ms=FAST_SECOND_MS, clock=Clock(frozen_at=NOW),
                       connection=connection)
    kiosk.staff.openPad()
    qtbot.waitUntil(lambda: kiosk.staff.padOpen, timeout=2000)
    for digit in PIN:
        tap(qtbot, kiosk, f"digit_{digit}")
    tap(qtbot, kiosk, "pinSubmit")
    qtbot.waitUntil(lambda: kiosk.staff.unlocked, timeout=5000)
    assert kiosk.navigation.screen == "assisted"
    return kiosk


def _type(kiosk: Kiosk, field: str, text: str) -> None:
    """What staff typed (typing itself on the on-screen keyboard: test_keyboard, test_offers)."""
    target = item(kiosk, field)
    target.forceActiveFocus()
    target.setProperty("text", text)


def _press(qtbot, kiosk: Kiosk, name: str) -> None:
    """Tap a button of the current step, scrolling it into view first."""
    page = item(kiosk, "screenPage")
    target = item(kiosk, name)
    top = target.mapToItem(page.property("contentItem"), QPointF(0, 0)).y()
    page.setProperty("contentY", max(0.0, min(top - 200, page.property("contentHeight")
                                               - page.height())))
    qtbot.wait(30)
    tap(qtbot, kiosk, name)


def _fill_everything(qtbot, kiosk: Kiosk, *, email: str = PERSON["email"]) -> None:
    _press(qtbot, kiosk, "consentAccept")
    _type(kiosk, "emailField", email)
    _press(qtbot, kiosk, "emailContinue")
    assert kiosk.assisted.step == "birthdate", kiosk.assisted.errors
    kiosk.find("yearTumbler").setProperty("currentIndex", 30 - 17)  # 17 years old
    _press(qtbot, kiosk, "birthDateContinue")
    assert kiosk.assisted.step == "identity", kiosk.assisted.errors
    _type(kiosk, "firstNameField", PERSON["first"])
    _type(kiosk, "lastNameField", PERSON["last"])
    _press(qtbot, kiosk, "identityContinue")
    assert kiosk.assisted.step == "address", kiosk.assisted.errors
    _type(kiosk, "postalField", PERSON["postal"])
    qtbot.waitUntil(lambda: kiosk.assisted.lookup in ("done", "offline"), timeout=5000)
    if kiosk.assisted.lookup == "done":
        _press(qtbot, kiosk, "commune_Villeurbanne")
    else:
        _type(kiosk, "cityField", "Villeurbanne")
    _type(kiosk, "streetField", PERSON["street"])
    _press(qtbot, kiosk, "addressContinue")
    assert kiosk.assisted.step == "status", kiosk.assisted.errors
    _press(qtbot, kiosk, "status_HIGH_SCHOOL_STUDENT")
    _press(qtbot, kiosk, "statusContinue")
    assert kiosk.assisted.step == "review", kiosk.assisted.errors


def test_online_the_young_person_leaves_with_a_qr_code_to_finish(
        qtbot, make_kiosk, private_dirs: Path, training_connection: Connection) -> None:
    kiosk = _unlocked(qtbot, make_kiosk, private_dirs, training_connection)
    _fill_everything(qtbot, kiosk)
    review = "\n".join(visible_texts(item(kiosk, "reviewStep")))
    assert PERSON["email"] in review and "Zoé N'Diaye-Plantée" in review
    assert "mot de passe" in review  # says there is none to type here
    _press(qtbot, kiosk, "sendButton")
    qtbot.waitUntil(lambda: kiosk.assisted.step == "result", timeout=10000)
    assert kiosk.assisted.outcome["status"] == "sent"
    assert item(kiosk, "finishQrCode").property("link").startswith("http")
    # Acknowledged: no personal data is left in the outbox, and the journal knows why.
    assert kiosk.outbox is not None and kiosk.outbox.depth() == 0
    with AuditJournal(private_dirs / "data") as journal:
        kinds = [entry.kind for entry in journal.entries()]
    assert "prereg_created" in kinds and "prereg_sent" in kinds


def test_offline_it_is_queued_and_the_ticket_says_it_will_leave(
        qtbot, make_kiosk, private_dirs: Path, tmp_path: Path) -> None:
    kiosk = _unlocked(qtbot, make_kiosk, private_dirs, None)
    _fill_everything(qtbot, kiosk)
    _press(qtbot, kiosk, "sendButton")
    qtbot.waitUntil(lambda: kiosk.assisted.step == "result", timeout=10000)
    assert kiosk.assisted.outcome["status"] == "queued"
    shown = "\n".join(visible_texts(item(kiosk, "assistedResultStep")))
    assert "dès que le réseau sera revenu" in shown
    assert kiosk.outbox is not None and kiosk.outbox.depth() == 1


def test_a_typo_in_the_email_is_pointed_out_and_fixed_on_request(
        qtbot, make_kiosk, private_dirs: Path) -> None:
    kiosk = _unlocked(qtbot, make_kiosk, private_dirs, None)
    _press(qtbot, kiosk, "consentAccept")
    _type(kiosk, "emailField", "lea.martin@gmial.com")
    _press(qtbot, kiosk, "emailContinue")
    assert kiosk.assisted.suggestion == "lea.martin@gmail.com"
    assert kiosk.assisted.step == "email"
    _press(qtbot, kiosk, "useSuggestion")
    assert kiosk.assisted.step == "birthdate"
    assert kiosk.assisted.answers["email"] == "lea.martin@gmail.com"


def test_a_bad_name_says_why_and_keeps_what_was_typed(qtbot, make_kiosk,
                                                      private_dirs: Path) -> None:
    kiosk = _unlocked(qtbot, make_kiosk, private_dirs, None)
    _press(qtbot, kiosk, "consentAccept")
    _type(kiosk, "emailField", PERSON["email"])
    _press(qtbot, kiosk, "emailContinue")
    _press(qtbot, kiosk, "birthDateContinue")
    _type(kiosk, "firstNameField", "Zoé2")
    _type(kiosk, "lastNameField", "Martin")
    _press(qtbot, kiosk, "identityContinue")
    assert kiosk.assisted.step == "identity"
    assert "Un nom ne contient pas de chiffre." in "\n".join(
        visible_texts(item(kiosk, "identityStep")))
    assert item(kiosk, "firstNameField").property("text") == "Zoé2"
    assert item(kiosk, "lastNameField").property("text") == "Martin"


def test_locking_ends_the_visit_and_wipes_the_form(qtbot, make_kiosk,
                                                   private_dirs: Path) -> None:
    kiosk = _unlocked(qtbot, make_kiosk, private_dirs, None)
    _press(qtbot, kiosk, "consentAccept")
    _type(kiosk, "emailField", PERSON["email"])
    _press(qtbot, kiosk, "emailContinue")
    tap(qtbot, kiosk, "lockButton")
    assert kiosk.navigation.screen == "attract"
    assert kiosk.assisted.step == "consent" and "email" not in kiosk.assisted.answers


def test_nothing_typed_reaches_the_disk_in_clear(qtbot, make_kiosk, private_dirs: Path
                                                 ) -> None:
    kiosk = _unlocked(qtbot, make_kiosk, private_dirs, None)
    _fill_everything(qtbot, kiosk)
    _press(qtbot, kiosk, "sendButton")
    qtbot.waitUntil(lambda: kiosk.assisted.step == "result", timeout=10000)
    planted = [PERSON["email"], "Plantée", "rue des Plantes"]
    for path in private_dirs.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in planted:
                assert secret.encode() not in data, f"{secret!r} in clear in {path}"


def test_the_staff_area_shows_the_queue_and_the_day_and_cancels(
        qtbot, make_kiosk, private_dirs: Path) -> None:
    kiosk = _unlocked(qtbot, make_kiosk, private_dirs, None)
    _fill_everything(qtbot, kiosk)
    _press(qtbot, kiosk, "sendButton")
    qtbot.waitUntil(lambda: kiosk.assisted.step == "result", timeout=10000)
    tap(qtbot, kiosk, "staffAreaButton")
    assert kiosk.navigation.screen == "staff"
    qtbot.waitUntil(lambda: kiosk.staff_area.facts.get("pending") == 1, timeout=5000)
    assert kiosk.staff_area.counts["preregistrations"] == 1
    shown = "\n".join(visible_texts(item(kiosk, "staffScreen")))
    assert "En attente\xa0: 1" in shown
    assert PERSON["email"] not in shown and "Plantée" not in shown  # rows are pseudonymous
    row = kiosk.staff_area.queue[0]
    _press(qtbot, kiosk, f"cancel_{row['shortId']}")
    qtbot.waitUntil(lambda: kiosk.staff_area.facts.get("pending") == 0, timeout=5000)
    assert kiosk.outbox is not None and kiosk.outbox.depth() == 0
