"""Every simulator answer, success and error, validated against kiosk/api/openapi.yaml.

Real HTTP calls with ``requests`` to the simulator on 127.0.0.1; openapi-core checks each
response (status, headers, body schema) against the operation the request matches. Each
test declares the operations it covers with ``@covers``; the last test fails if an
operation of the contract has none, or lacks a success or an error case.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
import requests
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.exceptions import OpenAPIError

from kiosk.simulator.data import DEMO_VENUE_ID
from kiosk.simulator.server import SimulatorServer
from tests.integration.conftest import Kiosk, enroll

SPEC_PATH = Path(__file__).resolve().parents[2] / "kiosk" / "api" / "openapi.yaml"
SPEC = OpenAPI.from_file_path(str(SPEC_PATH))

# operationId → statuses observed by the tests that declare it (filled at import time).
COVERAGE: dict[str, set[int]] = {}

F = TypeVar("F", bound=Callable[..., Any])


def covers(operation: str, *statuses: int) -> Callable[[F], F]:
    """Declare that the decorated test checks these statuses of ``operation``."""
    COVERAGE.setdefault(operation, set()).update(statuses)
    return lambda test: test


def check(response: requests.Response, status: int) -> requests.Response:
    """Assert the status, then validate the response against the contract."""
    assert response.status_code == status, response.text[:500]
    SPEC.validate_response(
        RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response)
    )
    return response


@pytest.fixture(scope="module")
def device(module_server: SimulatorServer) -> Kiosk:
    return enroll(module_server, "Borne contrat")


def prereg_body(**changes: Any) -> dict[str, Any]:
    body = {
        "email": "lea.martin@example.org",
        "birthdate": "2008-05-14",
        "firstName": "Léa",
        "lastName": "Martin",
        "postalCode": "69100",
        "city": "Villeurbanne",
        "address": "12 rue Paul-Bert",
        "activityId": "HIGH_SCHOOL_STUDENT",
        "marketingEmailSubscription": False,
    }
    body.update(changes)
    return body


# --- native routes ----------------------------------------------------------------------------


@covers("getSettings", 200, 304, 429, 500, 503)
def test_settings(shared: SimulatorServer) -> None:
    url = shared.url + "/native/v1/settings"
    first = check(requests.get(url, timeout=10), 200)
    check(requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=10), 304)
    for status in (429, 500, 503):
        shared.faults.replace([], seed=1)
        shared.faults.add("/native/v1/settings", f"error:{status}")
        check(requests.get(url, timeout=10), status)


@covers("getSubcategories", 200, 304, 502)
def test_subcategories(shared: SimulatorServer) -> None:
    url = shared.url + "/native/v1/subcategories/v2"
    first = check(requests.get(url, timeout=10), 200)
    assert len(first.json()["subcategories"]) == 73
    check(requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=10), 304)
    shared.faults.add("/native/v1/*", "error:502")  # an unlisted status: the default shape
    check(requests.get(url, timeout=10), 502)


@covers("getOffer", 200, 404)
def test_offer(shared: SimulatorServer) -> None:
    first = check(requests.get(shared.url + "/native/v1/offer/100001", timeout=10), 200)
    assert first.json()["id"] == 100001
    check(requests.get(shared.url + "/native/v1/offer/1", timeout=10), 404)


def test_every_generated_offer_kind_matches_the_contract(shared: SimulatorServer) -> None:
    # The first offers take each subcategory once: their shapes cover every generator branch.
    for offer_id in range(100001, 100001 + 69):
        check(requests.get(f"{shared.url}/native/v1/offer/{offer_id}", timeout=10), 200)


@covers("getVenue", 200, 404)
def test_venue(shared: SimulatorServer) -> None:
    check(requests.get(f"{shared.url}/native/v1/venue/{DEMO_VENUE_ID}", timeout=10), 200)
    check(requests.get(shared.url + "/native/v1/venue/999999", timeout=10), 404)


@covers("getImage", 200, 304, 404)
def test_image(shared: SimulatorServer) -> None:
    url = shared.url + "/images/livres-3.png"
    first = check(requests.get(url, timeout=10), 200)
    assert first.content.startswith(b"\x89PNG")
    check(requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=10), 304)
    check(requests.get(shared.url + "/images/nothing-3.png", timeout=10), 404)


# --- kiosk routes -----------------------------------------------------------------------------


@covers("enrollDevice", 201, 400)
def test_enroll(shared: SimulatorServer) -> None:
    url = shared.url + "/kiosk/v1/devices/enroll"
    code = shared.create_enrollment_code()
    body = {"code": code, "kioskName": "Borne du hall", "version": "0.1.0"}
    check(requests.post(url, json=body, timeout=10), 201)
    used = check(requests.post(url, json=body, timeout=10), 400)
    assert used.json()["code"] == "ENROLLMENT_CODE_ALREADY_USED"
    check(requests.post(url, json={"code": code}, timeout=10), 400)
    check(requests.post(url, data=b"not json", timeout=10), 400)


@covers("enrollDevice", 429)
def test_enroll_rate_limit(server: SimulatorServer) -> None:
    url = server.url + "/kiosk/v1/devices/enroll"
    body = {"code": "WRONG-0000", "kioskName": "Borne", "version": "0.1.0"}
    statuses = [requests.post(url, json=body, timeout=10).status_code for _ in range(11)]
    assert statuses == [400] * 10 + [429]
    limited = check(requests.post(url, json=body, timeout=10), 429)
    assert int(limited.headers["Retry-After"]) >= 1


@covers("getKioskConfig", 200, 304, 401)
def test_config(shared: SimulatorServer, device: Kiosk) -> None:
    first = check(device.get("/kiosk/v1/config"), 200)
    check(device.get("/kiosk/v1/config", headers={"If-None-Match": first.headers["ETag"]}), 304)
    check(requests.get(shared.url + "/kiosk/v1/config", timeout=10), 401)


@covers("getOfferFeed", 200, 400, 401)
def test_offer_feed(shared: SimulatorServer, device: Kiosk) -> None:
    page = check(device.get("/kiosk/v1/offers", params={"limit": 50}), 200).json()
    assert page["fullResync"] and page["hasMore"] and len(page["items"]) == 50
    page = check(device.get("/kiosk/v1/offers", params={"cursor": page["nextCursor"]}), 200)
    assert not page.json()["fullResync"]
    check(device.get("/kiosk/v1/offers", params={"limit": 0}), 400)
    check(device.get("/kiosk/v1/offers", params={"limit": "many"}), 400)
    bogus = {"Authorization": "Bearer not-a-token"}
    check(requests.get(shared.url + "/kiosk/v1/offers", headers=bogus, timeout=10), 401)


def test_whole_offer_feed_matches_the_contract(shared: SimulatorServer, device: Kiosk) -> None:
    cursor, seen = None, 0
    while True:
        params = {"limit": 1000, **({"cursor": cursor} if cursor else {})}
        page = check(device.get("/kiosk/v1/offers", params=params), 200).json()
        seen += len(page["items"])
        cursor = page["nextCursor"]
        if not page["hasMore"]:
            break
    assert seen >= 2000


@covers("getVenueFeed", 200, 400, 401)
def test_venue_feed(shared: SimulatorServer, device: Kiosk) -> None:
    page = check(device.get("/kiosk/v1/venues", params={"limit": 1000}), 200).json()
    assert len(page["items"]) >= 60 and not page["hasMore"]
    check(device.get("/kiosk/v1/venues", params={"limit": 5000}), 400)
    check(requests.get(shared.url + "/kiosk/v1/venues", timeout=10), 401)


@covers("createPreregistration", 201, 400, 401, 422)
def test_create_preregistration(shared: SimulatorServer, device: Kiosk) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    created = check(device.post("/kiosk/v1/preregistrations", json=prereg_body(), headers=key), 201)
    replay = check(device.post("/kiosk/v1/preregistrations", json=prereg_body(), headers=key), 201)
    assert replay.json() == created.json()
    assert replay.headers["Idempotent-Replayed"] == "true"
    other = prereg_body(firstName="Inès")
    check(device.post("/kiosk/v1/preregistrations", json=other, headers=key), 422)
    check(device.post("/kiosk/v1/preregistrations", json=prereg_body()), 400)  # no key
    fresh = {"Idempotency-Key": str(uuid.uuid4())}
    too_young = prereg_body(birthdate="2020-01-01", email="bad")
    errors = check(device.post("/kiosk/v1/preregistrations", json=too_young, headers=fresh), 400)
    assert set(errors.json()) == {"birthdate", "email"}
    noumea = prereg_body(postalCode="98850", city="Koumac")
    ineligible = check(device.post("/kiosk/v1/preregistrations", json=noumea, headers=fresh), 400)
    assert ineligible.json()["code"] == "INELIGIBLE_POSTAL_CODE"
    url = shared.url + "/kiosk/v1/preregistrations"
    check(requests.post(url, json=prereg_body(), headers=key, timeout=10), 401)


@covers("getPreregistration", 200, 401, 404)
def test_get_preregistration(shared: SimulatorServer, device: Kiosk) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    created = device.post("/kiosk/v1/preregistrations", json=prereg_body(), headers=key).json()
    path = f"/kiosk/v1/preregistrations/{created['id']}"
    assert check(device.get(path), 200).json()["status"] == "PENDING"
    check(device.get("/kiosk/v1/preregistrations/unknown"), 404)
    check(enroll(shared, "Autre borne").get(path), 404)  # another device's
    check(requests.get(shared.url + path, timeout=10), 401)


@covers("getCommunes", 200, 400, 401)
def test_communes(shared: SimulatorServer, device: Kiosk) -> None:
    communes = check(device.get("/kiosk/v1/communes", params={"postalCode": "69330"}), 200)
    assert {c["name"] for c in communes.json()} == {"Meyzieu", "Jonage", "Pusignan"}
    assert check(device.get("/kiosk/v1/communes", params={"postalCode": "00000"}), 200).json() == []
    check(device.get("/kiosk/v1/communes", params={"postalCode": "691"}), 400)
    check(device.get("/kiosk/v1/communes"), 400)
    url = shared.url + "/kiosk/v1/communes?postalCode=69100"
    check(requests.get(url, timeout=10), 401)


@covers("sendHeartbeat", 200, 400, 401, 429, 503)
def test_heartbeat(shared: SimulatorServer, device: Kiosk) -> None:
    body = {"version": "0.1.0", "uptime": 3600, "lastSyncAt": "2025-06-01T08:55:00Z",
            "outboxDepth": 2, "errorCounts": {"network": 3}}  # fmt: skip
    check(device.post("/kiosk/v1/heartbeat", json=body), 200)
    check(device.post("/kiosk/v1/heartbeat", json={**body, "uptime": -1}), 400)
    check(device.post("/kiosk/v1/heartbeat", json=[1, 2]), 400)
    check(requests.post(shared.url + "/kiosk/v1/heartbeat", json=body, timeout=10), 401)
    shared.faults.add("/kiosk/v1/heartbeat", "error:429,retry_after=7")
    assert check(device.post("/kiosk/v1/heartbeat", json=body), 429).headers["Retry-After"] == "7"
    shared.faults.replace([])
    shared.faults.add("/kiosk/v1/*", "error:503")
    check(device.post("/kiosk/v1/heartbeat", json=body), 503)


def test_revoked_token_answers_the_contract_401(shared: SimulatorServer) -> None:
    other = enroll(shared, "Borne révoquée")
    assert other.admin("POST", f"/devices/{other.device_id}/revoke").status_code == 200
    answer = check(other.get("/kiosk/v1/config"), 401)
    assert answer.json()["code"] == "UNAUTHORIZED"


def test_the_validator_rejects_what_breaks_the_contract(shared: SimulatorServer) -> None:
    # A control: were validation silently skipped, every test above would pass for nothing.
    shared.faults.add("/native/v1/settings", "schema")
    with pytest.raises(OpenAPIError, match="not valid for schema"):
        check(requests.get(shared.url + "/native/v1/settings", timeout=10), 200)


# --- the contract itself ----------------------------------------------------------------------


def _operations() -> dict[str, set[str]]:
    """OperationId → the statuses the contract lists for it."""
    found = {}
    for methods in _document()["paths"].values():
        for operation in methods.values():
            found[operation["operationId"]] = set(operation["responses"])
    return found


def test_every_operation_is_covered_with_success_and_error() -> None:
    operations = _operations()
    assert set(COVERAGE) == set(operations), "operations without a contract test"
    for operation, statuses in COVERAGE.items():
        assert any(s < 300 for s in statuses), f"{operation}: no success case"
        assert any(s >= 400 for s in statuses), f"{operation}: no error case"


def test_examples_match_their_schemas() -> None:
    from jsonschema import Draft202012Validator

    document = _document()
    checked = 0
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            bodies = [operation.get("requestBody", {})]
            bodies += list(operation["responses"].values())
            for body in bodies:
                body = _resolve(document, body)
                for media in body.get("content", {}).values():
                    if "schema" not in media:
                        continue
                    examples = [media["example"]] if "example" in media else []
                    examples += [e["value"] for e in media.get("examples", {}).values()]
                    for example in examples:
                        # The whole document as the root, so that "#/components/…" resolves.
                        schema = {**document, **media["schema"]}
                        validator = Draft202012Validator(schema)
                        errors = [e.message for e in validator.iter_errors(example)]
                        assert not errors, f"{method.upper()} {path}: {errors[:3]}"
                        checked += 1
    assert checked >= 30


def _document() -> dict[str, Any]:
    import yaml

    with SPEC_PATH.open(encoding="utf-8") as stream:
        document: dict[str, Any] = yaml.safe_load(stream)
    return document


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node
