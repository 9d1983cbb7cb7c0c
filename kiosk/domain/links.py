"""Links into the official pass Culture app, tagged so the central service counts kiosk visits."""

from __future__ import annotations

from typing import Final
from urllib.parse import urlencode

APP_BASE_URL: Final = "https://passculture.app"

ACCOUNT_CREATION: Final = "/creation-compte"
IDENTITY_CHECK: Final = "/verification-identite"
SIGN_IN: Final = "/connexion"


def app_link(path: str, venue_id: str | int | None = None) -> str:
    """Return the absolute app URL for ``path`` with the kiosk's utm parameters.

    ``venue_id`` is the kiosk's venue (utm_campaign); unknown before enrollment, in which
    case the campaign says so rather than being left out, to keep the reports' columns full.
    """
    query = urlencode(
        {
            "utm_source": "borne",
            "utm_medium": "kiosk",
            "utm_campaign": "unenrolled" if venue_id is None else str(venue_id),
        }
    )
    return f"{APP_BASE_URL}{path}?{query}"


def offer_link(offer_id: int | str, venue_id: str | int | None = None) -> str:
    """Return the app link of one offer."""
    return app_link(f"/offre/{offer_id}", venue_id)


def venue_link(place_id: int | str, venue_id: str | int | None = None) -> str:
    """Return the app link of one venue page."""
    return app_link(f"/lieu/{place_id}", venue_id)
