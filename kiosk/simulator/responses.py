"""JSON answers in the real backend's shapes: bodies, error shapes, ETags and 304s.

Errors follow DOMAIN.md §6: ``{"field": ["message"]}`` for invalid fields,
``{"code": "SOME_CODE", "message": "…"}`` for a refused action (400 unless said otherwise),
``{"global": ["…"]}`` for 429 and 5xx. Messages are French, like the real service's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from flask import Response, request

JSON_MIMETYPE = "application/json"

_GLOBAL_MESSAGES = {
    429: "Trop de requêtes : réessaie dans quelques instants.",
    500: "Une erreur interne est survenue.",
    502: "Le service est momentanément injoignable.",
    503: "Le service est momentanément indisponible.",
    504: "Le service a mis trop de temps à répondre.",
}

_CODED = {
    400: ("BAD_REQUEST", "La requête est invalide."),
    401: ("UNAUTHORIZED", "Cette borne n'est pas autorisée : jeton inconnu ou révoqué."),
    403: ("FORBIDDEN", "Accès refusé."),
    404: ("NOT_FOUND", "Cette ressource n'existe pas."),
    405: ("METHOD_NOT_ALLOWED", "Méthode non autorisée sur cette ressource."),
    409: ("CONFLICT", "Conflit avec l'état actuel de la ressource."),
    413: ("PAYLOAD_TOO_LARGE", "La requête est trop volumineuse."),
    415: ("UNSUPPORTED_MEDIA_TYPE", "Le corps doit être du JSON."),
    422: ("UNPROCESSABLE_ENTITY", "La requête ne peut pas être traitée."),
}


def dumps(body: Any) -> str:
    """Compact JSON, UTF-8 characters kept (the API's wire format)."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def json_response(
    body: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """A JSON answer."""
    response = Response(dumps(body), status=status, mimetype=JSON_MIMETYPE)
    response.headers.update(headers or {})
    return response


def field_errors(errors: Mapping[str, list[str]], status: int = 400) -> Response:
    """``{"field": ["message", …]}``."""
    return json_response(dict(errors), status)


def coded_error(
    code: str, message: str, status: int = 400, headers: Mapping[str, str] | None = None
) -> Response:
    """``{"code": …, "message": …}``."""
    return json_response({"code": code, "message": message}, status, headers)


def global_error(
    status: int, message: str | None = None, retry_after: int | None = None
) -> Response:
    """``{"global": [message]}``, with ``Retry-After`` when given."""
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    text = message or _GLOBAL_MESSAGES.get(status, "Le service a rencontré un problème.")
    return json_response({"global": [text]}, status, headers)


def error_for_status(status: int, retry_after: int | None = None) -> Response:
    """The usual error answer for ``status`` (used by handlers and injected faults)."""
    if status == 429 or status >= 500:
        return global_error(status, retry_after=retry_after)
    code, message = _CODED.get(status, ("ERROR", "La requête a échoué."))
    headers = {"WWW-Authenticate": 'Bearer realm="kiosk"'} if status == 401 else None
    return coded_error(code, message, status, headers)


def etag_of(body: Any) -> str:
    """A strong ETag of a JSON body: a hash of its canonical form."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return '"' + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32] + '"'


def if_none_match(etag: str) -> bool:
    """Whether the request's ``If-None-Match`` names ``etag`` (or ``*``)."""
    header = request.headers.get("If-None-Match", "")
    candidates = {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
    return "*" in candidates or etag in candidates


def conditional_json(body: Any, cache_control: str = "no-cache") -> Response:
    """200 with an ETag, or 304 without a body when the client already has this version."""
    etag = etag_of(body)
    headers = {"ETag": etag, "Cache-Control": cache_control}
    if if_none_match(etag):
        response = Response(status=304)
        response.headers.update(headers)
        return response
    return json_response(body, headers=headers)


def request_json() -> tuple[Any, Response | None]:
    """The request's JSON body, or an error answer when it is missing or not JSON."""
    raw = request.get_data(cache=True)
    if not raw:
        return None, coded_error("INVALID_JSON", "Le corps de la requête doit être du JSON.")
    try:
        return json.loads(raw), None
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, coded_error("INVALID_JSON", "Le corps de la requête n'est pas du JSON valide.")
