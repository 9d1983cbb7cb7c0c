"""Admin routes (``/admin``): drive the simulator from tests, training sessions and demos.

They answer only requests from a loopback address (403 otherwise), are never faulted, and
are not part of the central API contract (the real service has its own back office).
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, Response, request

from kiosk.net import is_loopback
from kiosk.simulator import data
from kiosk.simulator.app import current
from kiosk.simulator.data import JsonObject
from kiosk.simulator.faults import FaultRule, FaultSpecError
from kiosk.simulator.fleet import fleet, render_fleet
from kiosk.simulator.responses import coded_error, field_errors, json_response, request_json
from kiosk.simulator.routes_kiosk import STATUSES, kiosk_config
from kiosk.simulator.routes_native import base_url, settings
from kiosk.simulator.shapes import (
    InvalidInput,
    build_offer,
    now_for_flags,
    offer_for_api,
    venue_for_api,
)

blueprint = Blueprint("admin", __name__, url_prefix="/admin")

_VENUE_FIELDS = {"name", "publicName", "description", "openingHours", "contact",
                 "accessibilityData", "withdrawalDetails"}  # fmt: skip


@blueprint.before_request
def _loopback_only() -> Response | None:
    if is_loopback(request.remote_addr):
        return None
    return coded_error("FORBIDDEN", "Les routes d'administration ne répondent qu'en local.", 403)


def _object_body() -> tuple[JsonObject, Response | None]:
    if not request.get_data(cache=True):
        return {}, None
    body, problem = request_json()
    if problem is not None:
        return {}, problem
    if not isinstance(body, dict):
        return {}, coded_error("INVALID_JSON", "Un objet JSON est attendu.")
    return body, None


@blueprint.get("/")
def summary() -> Response:
    """What the simulator holds, at a glance."""
    store = current().store
    info = store.catalog_info()
    return json_response({
        "demoVenueId": data.DEMO_VENUE_ID,
        "demoEnrollmentCode": data.DEMO_ENROLLMENT_CODE,
        "seed": None if info is None else info.seed,
        "generatedOn": None if info is None else info.day,
        "counts": store.counts(),
        "lastSeq": store.last_seq,
        "minSeq": store.min_seq,
        "devices": len(store.devices()),
        "fleet": "/admin/fleet",
        "faults": [str(rule) for rule in current().faults.rules],
    })  # fmt: skip


# --- enrollment codes and devices -------------------------------------------------------------


@blueprint.post("/enrollment-codes")
def create_enrollment_code() -> Response:
    """Create a one-time code for a venue: ``{"venueId"?, "code"?}``."""
    body, problem = _object_body()
    if problem is not None:
        return problem
    venue_id = body.get("venueId", data.DEMO_VENUE_ID)
    chosen = body.get("code")
    if not isinstance(venue_id, int) or current().store.venue(venue_id) is None:
        return field_errors({"venueId": ["Lieu inconnu."]})
    if chosen is not None and (not isinstance(chosen, str) or not 4 <= len(chosen) <= 64):
        return field_errors({"code": ["Un code de 4 à 64 caractères est attendu."]})
    if chosen:
        if not current().store.add_enrollment_code(chosen.upper(), venue_id):
            return coded_error("CONFLICT", "Ce code existe déjà.", 409)
        return json_response({"code": chosen.upper(), "venueId": venue_id}, 201)
    # A drawn code can meet an earlier one (1,000 codes: ~3 % of the time with 6 hex
    # digits); draw again rather than answer 409 to a request that chose nothing.
    while True:
        code = f"KIOSK-{secrets.token_hex(3).upper()}"
        if current().store.add_enrollment_code(code, venue_id):
            return json_response({"code": code, "venueId": venue_id}, 201)


@blueprint.get("/enrollment-codes")
def list_enrollment_codes() -> Response:
    """Every code, used or not."""
    return json_response(current().store.enrollment_codes())


@blueprint.get("/devices")
def list_devices() -> Response:
    """Every enrolled device (never the tokens: only their hashes are stored)."""
    return json_response([
        {"id": d.id, "venueId": d.venue_id, "kioskName": d.kiosk_name, "version": d.version,
         "enrolledAt": d.enrolled_at, "revokedAt": d.revoked_at}
        for d in current().store.devices()
    ])  # fmt: skip


@blueprint.post("/devices/<device_id>/revoke")
def revoke_device(device_id: str) -> Response:
    """Revoke a device's token: its next call answers 401."""
    if not current().store.revoke_device(device_id):
        return coded_error("NOT_FOUND", "Aucun appareil actif avec cet identifiant.", 404)
    return json_response({"id": device_id, "revoked": True})


# --- catalogue --------------------------------------------------------------------------------


def _offer_answer(offer_id: int, status: int = 200) -> Response:
    store = current().store
    found = store.offer(offer_id)
    assert found is not None  # just written
    venue = store.venue(found[0]) or data.demo_venue()
    return json_response(offer_for_api(found[1], venue, base_url(), now_for_flags()), status)


@blueprint.post("/offers")
def create_offer() -> Response:
    """Create an offer: ``{"venueId", "name", "subcategoryId", "stocks"?, …}``."""
    body, problem = _object_body()
    if problem is not None:
        return problem
    store = current().store
    offer_id = store.next_offer_id()
    try:
        offer = build_offer(offer_id, body)
    except InvalidInput as error:
        return field_errors(error.errors)
    venue_id = body["venueId"]
    if not isinstance(venue_id, int) or store.venue(venue_id) is None:
        return field_errors({"venueId": ["Lieu inconnu."]})
    store.put_offer(venue_id, offer)
    return _offer_answer(offer_id, 201)


@blueprint.patch("/offers/<int:offer_id>")
def update_offer(offer_id: int) -> Response:
    """Change some fields of an offer (a new change in the feed)."""
    body, problem = _object_body()
    if problem is not None:
        return problem
    store = current().store
    found = store.offer(offer_id)
    if found is None:
        return coded_error("OFFER_NOT_FOUND", "Cette offre n'existe pas.", 404)
    try:
        offer = build_offer(offer_id, body, base=found[1])
    except InvalidInput as error:
        return field_errors(error.errors)
    venue_id = body.get("venueId", found[0])
    if not isinstance(venue_id, int) or store.venue(venue_id) is None:
        return field_errors({"venueId": ["Lieu inconnu."]})
    store.put_offer(venue_id, offer)
    return _offer_answer(offer_id)


@blueprint.delete("/offers/<int:offer_id>")
def delete_offer(offer_id: int) -> Response:
    """Delete an offer (its id then appears in ``deletedIds``)."""
    if not current().store.delete_offer(offer_id):
        return coded_error("OFFER_NOT_FOUND", "Cette offre n'existe pas.", 404)
    return Response(status=204)


@blueprint.patch("/venues/<int:venue_id>")
def update_venue(venue_id: int) -> Response:
    """Change descriptive fields of a venue (name, hours, contact…)."""
    body, problem = _object_body()
    if problem is not None:
        return problem
    unknown = sorted(set(body) - _VENUE_FIELDS)
    if unknown:
        return field_errors({key: ["Champ inconnu ou non modifiable."] for key in unknown})
    store = current().store
    venue = store.venue(venue_id)
    if venue is None:
        return coded_error("VENUE_NOT_FOUND", "Ce lieu n'existe pas.", 404)
    venue.update(body)
    store.put_venue(venue)
    return json_response(venue_for_api(venue, base_url()))


@blueprint.delete("/venues/<int:venue_id>")
def delete_venue(venue_id: int) -> Response:
    """Delete a venue and its offers."""
    if not current().store.delete_venue(venue_id):
        return coded_error("VENUE_NOT_FOUND", "Ce lieu n'existe pas.", 404)
    return Response(status=204)


@blueprint.post("/compact")
def compact() -> Response:
    """Forget deletions up to ``{"upToSeq"}`` (default all): older cursors then expire."""
    body, problem = _object_body()
    if problem is not None:
        return problem
    up_to = body.get("upToSeq")
    if up_to is not None and (not isinstance(up_to, int) or up_to < 0):
        return field_errors({"upToSeq": ["Entier positif attendu."]})
    return json_response({"minSeq": current().store.compact(up_to)})


# --- settings and configuration ---------------------------------------------------------------


def _merge(base: JsonObject, patch: JsonObject) -> JsonObject:
    merged = dict(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@blueprint.patch("/settings")
def patch_settings() -> Response:
    """Change central settings (merged into the current ones); the ETag changes."""
    body, problem = _object_body()
    if problem is not None:
        return problem
    merged = _merge(settings(), body)
    merged.pop("objectStorageUrl", None)
    current().store.set_settings(merged)
    return json_response(settings())


@blueprint.patch("/config")
def patch_config() -> Response:
    """Change the remote configuration of a venue's kiosks (``?venueId=``, default demo)."""
    body, problem = _object_body()
    if problem is not None:
        return problem
    venue_id = request.args.get("venueId", type=int, default=data.DEMO_VENUE_ID)
    store = current().store
    venue = store.venue(venue_id)
    if venue is None:
        return coded_error("VENUE_NOT_FOUND", "Ce lieu n'existe pas.", 404)
    merged = _merge(kiosk_config(venue), body)
    store.set_kiosk_config(venue_id, merged)
    return json_response(merged)


# --- what kiosks sent -------------------------------------------------------------------------


@blueprint.get("/heartbeats")
def list_heartbeats() -> Response:
    """Latest heartbeats, newest first (``?deviceId=&limit=``)."""
    limit = request.args.get("limit", type=int, default=100)
    device_id = request.args.get("deviceId")
    return json_response(current().store.heartbeats(device_id, max(1, min(limit, 1000))))


@blueprint.get("/fleet")
def show_fleet() -> Response:
    """Every kiosk and its last heartbeat, stale ones highlighted (HTML; ``?format=json``)."""
    page = fleet(current().store)
    if request.args.get("format") == "json":
        return json_response(page, headers={"Cache-Control": "no-store"})
    response = Response(render_fleet(page), mimetype="text/html")
    response.headers.update({
        "Cache-Control": "no-store",
        # Defence in depth on top of autoescaping: no script, no outside resource.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        "X-Content-Type-Options": "nosniff",
    })  # fmt: skip
    return response


@blueprint.get("/preregistrations")
def list_preregistrations() -> Response:
    """Every pre-registration with its profile (training data only)."""
    return json_response(current().store.preregistrations())


@blueprint.post("/preregistrations/<prereg_id>")
def set_preregistration(prereg_id: str) -> Response:
    """Move a pre-registration along: ``{"status": "COMPLETED"}`` (or PENDING, EXPIRED)."""
    body, problem = _object_body()
    if problem is not None:
        return problem
    status = body.get("status")
    if status not in STATUSES:
        return field_errors({"status": [f"Valeur attendue parmi : {', '.join(STATUSES)}."]})
    if not current().store.set_preregistration_status(prereg_id, status):
        return coded_error("PREREGISTRATION_NOT_FOUND", "Cette préinscription n'existe pas.", 404)
    return json_response({"id": prereg_id, "status": status})


# --- faults -----------------------------------------------------------------------------------


def _faults_answer() -> Response:
    plan = current().faults
    return json_response({"faults": [str(rule) for rule in plan.rules], "seed": plan.seed})


@blueprint.get("/faults")
def get_faults() -> Response:
    """The fault rules in force."""
    return _faults_answer()


@blueprint.post("/faults")
def set_faults() -> Response:
    """Replace the faults: ``{"faults": ["ROUTE=KIND[:PARAM][,rate=R]", …], "seed"?: N}``."""
    body, problem = _object_body()
    if problem is not None:
        return problem
    texts: Any = body.get("faults", [])
    seed = body.get("seed")
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        return field_errors({"faults": ["Liste de textes ROUTE=KIND[:PARAM] attendue."]})
    if seed is not None and not isinstance(seed, int):
        return field_errors({"seed": ["Entier attendu."]})
    try:
        rules = [FaultRule.parse(text) for text in texts]
    except FaultSpecError as error:
        return field_errors({"faults": [str(error)]})
    current().faults.replace(rules, seed=seed)
    return _faults_answer()


@blueprint.delete("/faults")
def clear_faults() -> Response:
    """Remove every fault."""
    current().faults.clear()
    return _faults_answer()
