"""Routes that mirror the real backend's public API (``/native/v1``) and the pictures."""

from __future__ import annotations

from flask import Blueprint, Response, request

from kiosk.simulator import data, images
from kiosk.simulator.app import current
from kiosk.simulator.data import JsonObject
from kiosk.simulator.responses import (
    coded_error,
    conditional_json,
    etag_of,
    if_none_match,
    json_response,
)
from kiosk.simulator.shapes import now_for_flags, offer_for_api, venue_for_api

blueprint = Blueprint("native", __name__)


def base_url() -> str:
    """The simulator's own address as the client reached it (for absolute image URLs)."""
    return request.host_url.rstrip("/")


def settings() -> JsonObject:
    """The central settings as served: stored ones, or the defaults."""
    stored = current().store.settings()
    document = stored if stored is not None else data.default_settings()
    return {**document, "objectStorageUrl": f"{base_url()}/images"}


@blueprint.get("/native/v1/settings")
def get_settings() -> Response:
    """Central settings (amounts, bonus, ineligible postal codes); ETag."""
    return conditional_json(settings())


@blueprint.get("/native/v1/subcategories/v2")
def get_subcategories() -> Response:
    """The taxonomy: subcategories, search groups, native categories…; ETag."""
    return conditional_json(data.taxonomy())


@blueprint.get("/native/v1/offer/<int:offer_id>")
def get_offer(offer_id: int) -> Response:
    """One offer, whatever its distance to the kiosk."""
    store = current().store
    found = store.offer(offer_id)
    venue = None if found is None else store.venue(found[0])
    if found is None or venue is None:
        return coded_error("OFFER_NOT_FOUND", "Cette offre n'existe pas.", 404)
    return json_response(offer_for_api(found[1], venue, base_url(), now_for_flags()))


@blueprint.get("/native/v1/venue/<int:venue_id>")
def get_venue(venue_id: int) -> Response:
    """One venue."""
    venue = current().store.venue(venue_id)
    if venue is None:
        return coded_error("VENUE_NOT_FOUND", "Ce lieu n'existe pas.", 404)
    return json_response(venue_for_api(venue, base_url()))


@blueprint.get("/images/<name>.png")
def get_image(name: str) -> Response:
    """A generated picture; cacheable for a day, with an ETag."""
    png = images.render(name)
    if png is None:
        return coded_error("IMAGE_NOT_FOUND", "Cette image n'existe pas.", 404)
    etag = etag_of({"image": name, "generator": data.GENERATOR_VERSION})
    headers = {"ETag": etag, "Cache-Control": "public, max-age=86400"}
    fresh = if_none_match(etag)
    response = Response(status=304) if fresh else Response(png, mimetype="image/png")
    response.headers.update(headers)
    return response
