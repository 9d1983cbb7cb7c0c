"""Links into the official app carry the kiosk's utm fields (DOMAIN.md §5)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from kiosk.domain.links import ACCOUNT_CREATION, app_link, offer_link, venue_link


def test_app_link_is_tagged_with_the_kiosk_venue() -> None:
    url = urlsplit(app_link(ACCOUNT_CREATION, venue_id=1234))
    assert (url.scheme, url.netloc, url.path) == ("https", "passculture.app", "/creation-compte")
    assert parse_qs(url.query) == {
        "utm_source": ["borne"], "utm_medium": ["kiosk"], "utm_campaign": ["1234"],
    }


def test_offer_and_venue_links() -> None:
    assert offer_link(99, venue_id=7).startswith("https://passculture.app/offre/99?")
    assert venue_link(5, venue_id=7).startswith("https://passculture.app/lieu/5?")


def test_unenrolled_kiosk_still_tags_its_links() -> None:
    assert "utm_campaign=unenrolled" in app_link("/connexion")
