"""The kiosk's own routes (``/kiosk/v1``): enrollment, config, feeds, pre-registrations.

Every route but enrollment needs ``Authorization: Bearer <device token>``; an unknown or
revoked token answers 401 ``{"code": "UNAUTHORIZED", …}``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
import uuid
from collections import deque
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, g, request

from kiosk.simulator import data
from kiosk.simulator.app import DATE_SKEW_ENVIRON_KEY, current
from kiosk.simulator.data import JsonObject, iso_utc
from kiosk.simulator.feed import Cursor, resume_point, scope_of
from kiosk.simulator.responses import (
    coded_error,
    conditional_json,
    error_for_status,
    field_errors,
    global_error,
    json_response,
    request_json,
)
from kiosk.simulator.routes_native import base_url, settings
from kiosk.simulator.shapes import now_for_flags, offer_for_api, venue_for_api
from kiosk.simulator.storage import Device, EnrollmentError, Kind

blueprint = Blueprint("kiosk", __name__, url_prefix="/kiosk/v1")

FEED_DEFAULT_LIMIT = 200
FEED_MAX_LIMIT = 1000
PREREGISTRATION_LIFETIME = timedelta(days=7)
ENROLL_FAILURES_ALLOWED = 10
"""Failed enrollment attempts allowed per address and per :data:`ENROLL_WINDOW` seconds."""
ENROLL_WINDOW = 60.0

REQUIRED = "Ce champ est obligatoire."


# --- authentication ---------------------------------------------------------------------------

Route = Callable[..., Response]


def device_required(route: Route) -> Route:
    """Answer 401 unless the request carries a live device token; set ``g.device``."""

    @wraps(route)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        device = None
        if scheme.lower() == "bearer" and token.strip():
            device = current().store.device_for_token(token.strip())
        if device is None:
            return error_for_status(401)
        g.device = device
        return route(*args, **kwargs)

    return wrapper


def _device() -> Device:
    device: Device = g.device
    return device


def _kiosk_venue() -> JsonObject:
    venue = current().store.venue(_device().venue_id)
    # A venue deleted by an admin after enrollment: keep serving with the demo venue's
    # place rather than failing every route.
    return venue or data.demo_venue()


def kiosk_config(venue: JsonObject) -> JsonObject:
    """The remote configuration of the kiosks of ``venue``."""
    stored = current().store.kiosk_config(venue["id"])
    return stored if stored is not None else data.default_kiosk_config(venue)


# --- enrollment -------------------------------------------------------------------------------


def _string_field(
    body: JsonObject, name: str, errors: dict[str, list[str]], *, max_length: int
) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        errors[name] = [REQUIRED]
        return ""
    if len(value) > max_length:
        errors[name] = [f"{max_length} caractères au plus."]
    return value.strip()


def _enroll_throttled(address: str) -> int | None:
    """Seconds to wait when this address failed too often lately, else None."""
    now = time.monotonic()
    simulator = current()
    with simulator.lock:
        failures = simulator.enroll_failures.setdefault(address, deque())
        while failures and now - failures[0] > ENROLL_WINDOW:
            failures.popleft()
        if len(failures) >= ENROLL_FAILURES_ALLOWED:
            return max(1, int(ENROLL_WINDOW - (now - failures[0])) + 1)
    return None


def _enroll_failed(address: str) -> None:
    simulator = current()
    with simulator.lock:
        simulator.enroll_failures.setdefault(address, deque()).append(time.monotonic())


@blueprint.post("/devices/enroll")
def enroll() -> Response:
    """Spend a one-time enrollment code for a device id and token."""
    address = request.remote_addr or "?"
    wait = _enroll_throttled(address)
    if wait is not None:
        return global_error(429, "Trop de tentatives d'enrôlement : réessaie plus tard.", wait)
    body, problem = request_json()
    if problem is not None:
        return problem
    if not isinstance(body, dict):
        return coded_error("INVALID_JSON", "Un objet JSON est attendu.")
    errors: dict[str, list[str]] = {}
    code = _string_field(body, "code", errors, max_length=64).upper()
    kiosk_name = _string_field(body, "kioskName", errors, max_length=80)
    version = _string_field(body, "version", errors, max_length=40)
    if errors:
        return field_errors(errors)
    store = current().store
    try:
        device, token = store.enroll(code, kiosk_name, version)
    except EnrollmentError as error:
        _enroll_failed(address)
        message = (
            "Ce code a déjà servi : demande un nouveau code."
            if error.code == "ENROLLMENT_CODE_ALREADY_USED"
            else "Ce code d'enrôlement est inconnu."
        )
        return coded_error(error.code, message)
    venue = store.venue(device.venue_id) or data.demo_venue()
    answer = {
        "deviceId": device.id,
        "deviceToken": token,
        "venue": venue_for_api(venue, base_url()),
        "config": kiosk_config(venue),
    }
    return json_response(answer, 201, {"Cache-Control": "no-store"})


# --- configuration and feeds ------------------------------------------------------------------


@blueprint.get("/config")
@device_required
def get_config() -> Response:
    """The remote settings of this kiosk; ETag."""
    return conditional_json(kiosk_config(_kiosk_venue()))


def _limit() -> tuple[int, Response | None]:
    raw = request.args.get("limit")
    if raw is None or raw == "":
        return FEED_DEFAULT_LIMIT, None
    if not raw.isdigit() or not 1 <= int(raw) <= FEED_MAX_LIMIT:
        message = f"Un entier entre 1 et {FEED_MAX_LIMIT} est attendu."
        return 0, field_errors({"limit": [message]})
    return int(raw), None


def _feed(kind: Kind) -> Response:
    limit, problem = _limit()
    if problem is not None:
        return problem
    store = current().store
    venue = _kiosk_venue()
    radius = float(kiosk_config(venue).get("radiusKm") or data.RADIUS_KM)
    scope = scope_of(venue["id"], radius)
    epoch = store.epoch
    after = resume_point(
        request.args.get("cursor"),
        epoch=epoch,
        kind=kind,
        scope=scope,
        min_seq=store.min_seq,
        last_seq=store.last_seq,
    )
    full_resync = after is None
    page = store.feed(
        kind,
        after or 0,
        # A resync starts from nothing: deletions before its start mean nothing to the client.
        with_deletions=not full_resync,
        limit=limit,
        centre=(venue["latitude"], venue["longitude"]),
        radius_km=radius,
    )
    root, now = base_url(), now_for_flags()
    if kind == "offer":
        venues: dict[int, JsonObject] = {}  # a page has many offers of few venues
        items = [
            offer_for_api(payload, _venue_of(venue_id, venues), root, now)
            for _, payload, venue_id in page.items
        ]
    else:
        items = [venue_for_api(payload, root) for _, payload, _ in page.items]
    body = {
        "items": items,
        "deletedIds": page.deleted,
        "nextCursor": Cursor(epoch, kind, scope, page.end_seq).encode(),
        "hasMore": page.has_more,
        "fullResync": full_resync,
    }
    return json_response(body, headers={"Cache-Control": "no-store"})


def _venue_of(venue_id: int | None, cache: dict[int, JsonObject]) -> JsonObject:
    if venue_id is None:
        return data.demo_venue()
    if venue_id not in cache:
        cache[venue_id] = current().store.venue(venue_id) or data.demo_venue()
    return cache[venue_id]


@blueprint.get("/offers")
@device_required
def get_offers() -> Response:
    """Changed and deleted offers around the kiosk's venue since a cursor."""
    return _feed("offer")


@blueprint.get("/venues")
@device_required
def get_venues() -> Response:
    """Changed and deleted venues around the kiosk's venue since a cursor."""
    return _feed("venue")


# --- pre-registrations ------------------------------------------------------------------------

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
# Latin-script letters (Latin-1, Extended-A/B, Extended Additional: Łukasz, Dvořák, Nguyễn),
# as the real backend's name check accepts; other scripts are refused.
_LATIN = "A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ"
_NAME = re.compile(rf"^[{_LATIN}]+(?:[ '’-]+[{_LATIN}]+)*$")
_POSTAL_CODE = re.compile(r"^\d{5}$")
_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
ACTIVITIES = (
    "MIDDLE_SCHOOL_STUDENT", "HIGH_SCHOOL_STUDENT", "STUDENT", "EMPLOYEE", "APPRENTICE",
    "APPRENTICE_STUDENT", "VOLUNTEER", "INACTIVE", "UNEMPLOYED",
)  # fmt: skip
STATUSES = ("PENDING", "COMPLETED", "EXPIRED")
#: What a heartbeat may carry (openapi.yaml, HeartbeatRequest); the simulator keeps these.
HEARTBEAT_FIELDS = (
    "version", "uptime", "lastSyncAt", "outboxDepth", "errorCounts", "freeBytes",
    "lastCrashAt", "clockSkewSeconds", "bookableOffers", "syncInterval", "problems",
)  # fmt: skip


def _age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _validate_profile(body: JsonObject) -> tuple[JsonObject, dict[str, list[str]]]:
    """The normalized profile, and field errors (empty when valid)."""
    errors: dict[str, list[str]] = {}
    email = _string_field(body, "email", errors, max_length=120).lower()
    if "email" not in errors and (not email.isascii() or not _EMAIL.match(email)):
        errors["email"] = ["Adresse e-mail invalide."]
    names = {}
    for key in ("firstName", "lastName"):
        names[key] = _string_field(body, key, errors, max_length=100)
        if key not in errors and not _NAME.match(names[key]):
            errors[key] = ["Lettres, espaces, tirets et apostrophes uniquement."]
    birthdate = _birthdate(body.get("birthdate"), errors)
    postal_code = _string_field(body, "postalCode", errors, max_length=5)
    if "postalCode" not in errors and not _POSTAL_CODE.match(postal_code):
        errors["postalCode"] = ["Un code postal à 5 chiffres est attendu."]
    city = _string_field(body, "city", errors, max_length=100)
    address = body.get("address")
    if address is not None and (not isinstance(address, str) or len(address) > 200):
        errors["address"] = ["Une adresse de 200 caractères au plus est attendue."]
    activity = body.get("activityId")
    if activity is not None and activity not in ACTIVITIES:
        errors["activityId"] = [f"Valeur attendue parmi : {', '.join(ACTIVITIES)}."]
    marketing = body.get("marketingEmailSubscription", False)
    if not isinstance(marketing, bool):
        errors["marketingEmailSubscription"] = ["Booléen attendu."]
    profile = {
        "email": email, **names, "birthdate": birthdate, "postalCode": postal_code,
        "city": city, "address": address, "activityId": activity,
        "marketingEmailSubscription": marketing,
    }  # fmt: skip
    return profile, errors


def _birthdate(value: Any, errors: dict[str, list[str]]) -> str:
    if not isinstance(value, str) or not value:
        errors["birthdate"] = [REQUIRED]
        return ""
    try:
        birth = date.fromisoformat(value)
        if len(value) != 10:
            raise ValueError(value)
    except ValueError:
        errors["birthdate"] = ["Une date AAAA-MM-JJ est attendue."]
        return ""
    today = data.local_today()
    minimum = int(settings().get("accountCreationMinimumAge", 15))
    if birth > today:
        errors["birthdate"] = ["La date de naissance est dans le futur."]
    elif _age_on(birth, today) < minimum:
        errors["birthdate"] = [f"Il faut avoir au moins {minimum} ans pour créer un compte."]
    return value


def _request_hash(body: Any) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _prereg_answer(record: JsonObject) -> JsonObject:
    status = record["status"]
    if status == "PENDING" and record["expiresAt"] <= now_for_flags():
        status = "EXPIRED"
    return {
        "id": record["id"],
        "status": status,
        "finishUrl": record["finishUrl"],
        "expiresAt": record["expiresAt"],
    }


def _finish_url(venue_id: int) -> str:
    # The young person opens this on their phone to choose a password, check their identity
    # and sign the honour statement; utm parameters let the central service count kiosks.
    query = urlencode({
        "preinscription": uuid.uuid4().hex,
        "utm_source": "borne",
        "utm_medium": "kiosk",
        "utm_campaign": str(venue_id),
    })  # fmt: skip
    return f"https://passculture.app/creation-compte?{query}"


@blueprint.post("/preregistrations")
@device_required
def create_preregistration() -> Response:
    """Start an assisted registration; idempotent under the ``Idempotency-Key`` header."""
    key = request.headers.get("Idempotency-Key", "")
    if not _IDEMPOTENCY_KEY.match(key):
        return coded_error(
            "IDEMPOTENCY_KEY_REQUIRED",
            "L'en-tête Idempotency-Key (1 à 255 caractères ASCII visibles) est obligatoire.",
        )
    body, problem = request_json()
    if problem is not None:
        return problem
    if not isinstance(body, dict):
        return coded_error("INVALID_JSON", "Un objet JSON est attendu.")
    device, store = _device(), current().store
    request_hash = _request_hash(body)
    stored = store.stored_answer(device.id, key)
    if stored is None:
        profile, errors = _validate_profile(body)
        if errors:
            return field_errors(errors)
        if profile["postalCode"] in settings().get("ineligiblePostalCodes", []):
            return coded_error(
                "INELIGIBLE_POSTAL_CODE",
                "Ce code postal n'est pas éligible au pass Culture.",
            )
        now = datetime.now(UTC)
        record = {
            "id": str(uuid.uuid4()),
            "status": "PENDING",
            "finishUrl": _finish_url(device.venue_id),
            "profile": profile,
            "createdAt": iso_utc(now),
            "expiresAt": iso_utc(now + PREREGISTRATION_LIFETIME),
        }
        answer = _prereg_answer(record)
        stored = store.create_preregistration(device.id, key, request_hash, record, answer, 201)
        replayed = stored.body != answer
    else:
        replayed = True
    if stored.request_hash != request_hash:
        return coded_error(
            "IDEMPOTENCY_KEY_REUSED",
            "Cette clé d'idempotence a déjà servi pour une autre demande.",
            422,
        )
    headers = {"Cache-Control": "no-store"}
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return json_response(stored.body, stored.status, headers)


@blueprint.get("/preregistrations/<prereg_id>")
@device_required
def get_preregistration(prereg_id: str) -> Response:
    """Where a pre-registration stands (PENDING, COMPLETED or EXPIRED)."""
    record = current().store.preregistration(prereg_id)
    if record is None or record["deviceId"] != _device().id:
        return coded_error("PREREGISTRATION_NOT_FOUND", "Cette préinscription n'existe pas.", 404)
    return json_response(_prereg_answer(record), headers={"Cache-Control": "no-store"})


# --- communes and heartbeat -------------------------------------------------------------------


@blueprint.get("/communes")
@device_required
def get_communes() -> Response:
    """The communes a postal code serves (empty list when unknown)."""
    postal_code = request.args.get("postalCode", "")
    if not _POSTAL_CODE.match(postal_code):
        return field_errors({"postalCode": ["Un code postal à 5 chiffres est attendu."]})
    communes = data.communes_by_postal_code().get(postal_code, [])
    return json_response(communes, headers={"Cache-Control": "public, max-age=86400"})


def _heartbeat_errors(body: JsonObject) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    version = body.get("version")
    if not isinstance(version, str) or not version:
        errors["version"] = [REQUIRED]
    for key in ("uptime", "outboxDepth", "freeBytes", "bookableOffers", "syncInterval"):
        value = body.get(key)
        if value is None and key not in ("uptime", "outboxDepth"):
            continue  # optional: kiosks before 0.2 do not send it
        least = 1 if key == "syncInterval" else 0
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            errors[key] = [f"Entier supérieur ou égal à {least} attendu."]
    for key in ("lastSyncAt", "lastCrashAt"):
        moment = body.get(key)
        if moment is None:
            continue
        try:
            if not isinstance(moment, str) or not moment.endswith("Z"):
                raise ValueError(moment)
            datetime.fromisoformat(moment.replace("Z", "+00:00"))
        except ValueError:
            errors[key] = ["Datetime ISO-8601 UTC (…Z) ou null attendue."]
    skew = body.get("clockSkewSeconds")
    if skew is not None and (not isinstance(skew, int | float) or isinstance(skew, bool)
                             or not math.isfinite(skew)):
        errors["clockSkewSeconds"] = ["Nombre ou null attendu."]
    problems = body.get("problems", [])
    if not isinstance(problems, list) or len(problems) > 20 or not all(
        isinstance(p, str) and len(p) <= 200 for p in problems
    ):
        errors["problems"] = ["Liste de 20 textes de 200 caractères au plus attendue."]
    counts = body.get("errorCounts", {})
    if not isinstance(counts, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in counts.values()
    ):
        errors["errorCounts"] = ["Objet {nom: entier >= 0} attendu."]
    return errors


@blueprint.post("/heartbeat")
@device_required
def heartbeat() -> Response:
    """Record the kiosk's health; answer the server's time (to detect a wrong PC clock)."""
    body, problem = request_json()
    if problem is not None:
        return problem
    if not isinstance(body, dict):
        return coded_error("INVALID_JSON", "Un objet JSON est attendu.")
    errors = _heartbeat_errors(body)
    if errors:
        return field_errors(errors)
    record = {key: body.get(key) for key in HEARTBEAT_FIELDS}
    current().store.add_heartbeat(_device().id, record)
    # A clock-skew fault plays a server whose clock differs from the kiosk's: its Date
    # header and the time it states must agree, as they would for a real server.
    skew = float(request.environ.get(DATE_SKEW_ENVIRON_KEY, 0.0))
    server_time = iso_utc(datetime.now(UTC) + timedelta(seconds=skew))
    return json_response({"serverTime": server_time}, headers={"Cache-Control": "no-store"})
