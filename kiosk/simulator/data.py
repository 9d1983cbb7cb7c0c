"""Deterministic demo data: the kiosk's médiathèque, the venues around it and their offers.

Everything comes from one ``random.Random(seed)`` and the day of generation, so the same
seed on the same day gives the same catalogue. The kiosk's venue is the Maison du Livre, de
l'Image et du Son in Villeurbanne (real address and coordinates); the other venues sit in
real towns within 50 km, with made-up names (:mod:`kiosk.simulator.words`). Offers cover
every search group; events are dated over the next 60 days at local times in the venue's
zone and stored in UTC; some stocks are sold out or already past, so that clients must
filter as they would with the real service.

Rows come out ready for ``executemany`` (payloads already JSON) and offers as a generator,
so that 100,000 offers stream into SQLite without building them all in memory.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.eligibility import DEFAULT_INELIGIBLE_POSTAL_CODES
from kiosk.simulator import images, words

GENERATOR_VERSION = 1
"""Bump when the generated data changes shape: cached databases are then rebuilt."""

DEMO_VENUE_ID = 1
"""Id of the kiosk's own venue, the médiathèque (also the venue of ``DEMO-1234``)."""

DEMO_ENROLLMENT_CODE = "DEMO-1234"
"""The enrollment code every fresh simulator knows (single use, like any code)."""

DEFAULT_OFFER_COUNT = 2_400
"""Offers generated when no scale is given."""

MIN_OFFER_COUNT = 100
"""Fewest offers a scale may ask for (enough to cover every subcategory)."""

MIN_VENUES = 80
"""Venues generated at the default scale (more at larger scales: one per 30 offers)."""

RADIUS_KM = 50
"""Every generated venue lies within this distance of the kiosk's venue."""

TIMEZONE = "Europe/Paris"

EVENT_DAYS = 60
"""Events are dated over this many days from the day of generation."""

JsonObject = dict[str, Any]
VenueRow = tuple[int, int, float, float, str]
"""``(id, seq, latitude, longitude, payload JSON)``."""
OfferRow = tuple[int, int, int, str]
"""``(id, seq, venue id, payload JSON)``."""


@dataclass(frozen=True)
class Town:
    """A real commune: name, postal code, INSEE code and the coordinates of its centre."""

    name: str
    postal_code: str
    insee_code: str
    latitude: float
    longitude: float


# Real communes of the Lyon area (INSEE codes from the official geographic code; Lyon's
# arrondissements share the commune code 69123, like the national address base answers).
TOWNS: tuple[Town, ...] = (
    Town("Villeurbanne", "69100", "69266", 45.7719, 4.8902),
    Town("Lyon", "69001", "69123", 45.7676, 4.8344),
    Town("Lyon", "69002", "69123", 45.7485, 4.8270),
    Town("Lyon", "69003", "69123", 45.7597, 4.8522),
    Town("Lyon", "69004", "69123", 45.7787, 4.8268),
    Town("Lyon", "69005", "69123", 45.7580, 4.8170),
    Town("Lyon", "69006", "69123", 45.7700, 4.8500),
    Town("Lyon", "69007", "69123", 45.7338, 4.8404),
    Town("Lyon", "69008", "69123", 45.7356, 4.8695),
    Town("Lyon", "69009", "69123", 45.7742, 4.8053),
    Town("Vaulx-en-Velin", "69120", "69256", 45.7781, 4.9206),
    Town("Bron", "69500", "69029", 45.7386, 4.9131),
    Town("Vénissieux", "69200", "69259", 45.6975, 4.8867),
    Town("Caluire-et-Cuire", "69300", "69034", 45.7953, 4.8468),
    Town("Saint-Priest", "69800", "69290", 45.6960, 4.9440),
    Town("Meyzieu", "69330", "69282", 45.7667, 5.0036),
    Town("Décines-Charpieu", "69150", "69275", 45.7692, 4.9589),
    Town("Rillieux-la-Pape", "69140", "69286", 45.8214, 4.8983),
    Town("Oullins-Pierre-Bénite", "69600", "69149", 45.7147, 4.8075),
    Town("Écully", "69130", "69081", 45.7744, 4.7775),
    Town("Tassin-la-Demi-Lune", "69160", "69244", 45.7639, 4.7800),
    Town("Sainte-Foy-lès-Lyon", "69110", "69202", 45.7336, 4.7925),
    Town("Givors", "69700", "69091", 45.5906, 4.7689),
    Town("Vienne", "38200", "38544", 45.5255, 4.8740),
    Town("Villefranche-sur-Saône", "69400", "69264", 45.9897, 4.7186),
    Town("Bourgoin-Jallieu", "38300", "38053", 45.5860, 5.2736),
    Town("Neuville-sur-Saône", "69250", "69143", 45.8761, 4.8411),
    Town("Trévoux", "01600", "01427", 45.9411, 4.7750),
    Town("Miribel", "01700", "01249", 45.8258, 4.9536),
    Town("Genas", "69740", "69277", 45.7317, 5.0017),
    Town("Chassieu", "69680", "69271", 45.7372, 4.9650),
    Town("Saint-Fons", "69190", "69199", 45.7086, 4.8533),
    Town("Francheville", "69340", "69089", 45.7364, 4.7636),
    Town("Brignais", "69530", "69027", 45.6736, 4.7542),
    Town("Saint-Genis-Laval", "69230", "69204", 45.6950, 4.7931),
    Town("Mions", "69780", "69283", 45.6631, 4.9542),
    Town("Corbas", "69960", "69273", 45.6681, 4.9022),
    Town("L'Isle-d'Abeau", "38080", "38193", 45.6197, 5.2264),
    Town("Villefontaine", "38090", "38553", 45.6139, 5.1503),
    Town("Tarare", "69170", "69243", 45.8967, 4.4333),
    Town("L'Arbresle", "69210", "69010", 45.8358, 4.6167),
    Town("Ambérieu-en-Bugey", "01500", "01004", 45.9581, 5.3575),
    Town("Montluel", "01120", "01262", 45.8519, 5.0569),
    Town("Crémieu", "38460", "38138", 45.7253, 5.2492),
)

# Communes the ``communes`` route knows besides TOWNS: a postal code shared by several
# communes, Corsica and overseas (other time zones), and an ineligible New Caledonia code.
_OTHER_COMMUNES: tuple[tuple[str, str, str], ...] = (
    ("Jonage", "69330", "69279"),
    ("Pusignan", "69330", "69285"),
    ("Saint-Denis", "93200", "93066"),
    ("Paris", "75001", "75056"),
    ("Marseille", "13001", "13055"),
    ("Ajaccio", "20000", "2A004"),
    ("Bastia", "20200", "2B033"),
    ("Saint-Denis", "97400", "97411"),
    ("Fort-de-France", "97200", "97209"),
    ("Pointe-à-Pitre", "97110", "97120"),
    ("Cayenne", "97300", "97302"),
    ("Mamoudzou", "97600", "97611"),
    ("Nouméa", "98800", "98818"),
    ("Koumac", "98850", "98812"),
    ("Papeete", "98714", "98735"),
)


@cache
def communes_by_postal_code() -> dict[str, list[JsonObject]]:
    """Postal code → the communes it serves, in the ``communes`` route's shape."""
    table: dict[str, list[JsonObject]] = {}
    rows = [(t.name, t.postal_code, t.insee_code) for t in TOWNS] + list(_OTHER_COMMUNES)
    for name, postal_code, insee_code in rows:
        table.setdefault(postal_code, []).append(
            {"name": name, "postalCode": postal_code, "inseeCode": insee_code}
        )
    return table


@cache
def taxonomy() -> JsonObject:
    """The ``GET /native/v1/subcategories/v2`` document (packaged JSON)."""
    text = resources.files("kiosk.simulator").joinpath("taxonomy.json").read_text("utf-8")
    document: JsonObject = json.loads(text)
    document.pop("_comment", None)
    return document


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def iso_utc(moment: datetime) -> str:
    """``2025-03-01T19:30:00Z``: the one datetime format of the API."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- settings and remote configuration --------------------------------------------------------


def default_settings() -> JsonObject:
    """The ``GET /native/v1/settings`` document with the real service's current values."""
    return {
        "accountCreationMinimumAge": 15,
        "depositAmountsByAge": {"age_15": 0, "age_16": 0, "age_17": 5000, "age_18": 15000},
        "bonification": {"bonusAmount": 5000, "qfThreshold": 700},
        "ineligiblePostalCodes": sorted(DEFAULT_INELIGIBLE_POSTAL_CODES),
        "isRecaptchaEnabled": False,
        "objectStorageUrl": "",  # the app serves it with the request's host
        "rates": {"pacificFrancToEuro": 0.00838},
        "displayDmsRedirection": True,
        "accountUnsuspensionLimit": 60,
        "wipEnableCreditV3": True,
    }


def default_kiosk_config(venue: JsonObject) -> JsonObject:
    """The remote configuration a kiosk of ``venue`` gets until an admin changes it."""
    return {
        "idleTimeout": 90,
        "countdown": 15,
        "openingHours": venue.get("openingHours"),
        "radiusKm": RADIUS_KM,
        "messages": [
            {
                "id": "bienvenue",
                "level": "info",
                "text": {
                    "fr": f"Bienvenue à {venue['publicName'] or venue['name']} !",
                    "en": f"Welcome to {venue['publicName'] or venue['name']}!",
                },
                "startsAt": None,
                "endsAt": None,
            }
        ],
    }


# --- venues -----------------------------------------------------------------------------------

_ACTIVITY_WEIGHTS: dict[str, int] = {
    "LIBRARY": 12,
    "CINEMA": 10,
    "MUSEUM": 8,
    "BOOKSTORE": 14,
    "PERFORMANCE_HALL": 12,
    "MUSIC_INSTRUMENT_STORE": 4,
    "RECORD_STORE": 4,
    "ARTS_CENTRE": 6,
    "CREATIVE_ARTS_STORE": 3,
    "CULTURAL_CENTRE": 6,
    "COMMUNITY_CENTRE": 6,
    "HERITAGE_SITE": 4,
    "FESTIVAL": 3,
    "ART_GALLERY": 3,
    "DISTRIBUTION_STORE": 2,
    "OTHER": 3,
}

_WEEK = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")

# Opening days and hours by kind of place (None: closed that day).
_HOURS: dict[str, tuple[tuple[tuple[str, str], ...] | None, ...]] = {
    "LIBRARY": (None, (("10:00", "19:00"),), (("10:00", "18:00"),), (("14:00", "19:00"),),
                (("10:00", "19:00"),), (("10:00", "17:00"),), None),
    "CINEMA": ((("13:30", "23:00"),),) * 7,
    "MUSEUM": (None,) + ((("10:00", "18:00"),),) * 6,
    "BOOKSTORE": ((("14:00", "19:00"),),) + ((("10:00", "19:00"),),) * 5 + (None,),
    "PERFORMANCE_HALL": (None,) + ((("14:00", "19:00"),),) * 5 + (None,),
    "DEFAULT": ((("09:00", "12:00"), ("14:00", "18:00")),) * 5 + (None, None),
}  # fmt: skip


def _opening_hours(activity: str) -> JsonObject:
    days = _HOURS.get(activity, _HOURS["DEFAULT"])
    return {
        day: None if spans is None else [{"open": a, "close": b} for a, b in spans]
        for day, spans in zip(_WEEK, days, strict=True)
    }


def de(town: str) -> str:
    """``de Lyon``, ``d'Écully``: the French preposition before a town's name."""
    return f"d'{town}" if town[0] in "AEIOUYÉÈÂÎ" else f"de {town}"


def _slug(text: str) -> str:
    ascii_text = (
        text.lower()
        .translate(str.maketrans("àâäéèêëîïôöùûüçœ'’ ", "aaaeeeeiioouuuco---"))
        .encode("ascii", "ignore")
        .decode()
    )
    return "-".join(part for part in ascii_text.split("-") if part)


def demo_venue() -> JsonObject:
    """The kiosk's own venue, a real médiathèque in Villeurbanne."""
    return {
        "id": DEMO_VENUE_ID,
        "name": "Maison du Livre, de l'Image et du Son François-Mitterrand",
        "publicName": "Médiathèque Maison du Livre, de l'Image et du Son",
        "description": "La médiathèque de Villeurbanne : livres, films, musique, jeux vidéo, "
        "ateliers et rencontres, au cœur des Gratte-Ciel.",
        "street": "247 cours Émile-Zola",
        "postalCode": "69100",
        "city": "Villeurbanne",
        "latitude": 45.7664,
        "longitude": 4.8795,
        "timezone": TIMEZONE,
        "isPermanent": True,
        "isOpenToPublic": True,
        "activity": "LIBRARY",
        "contact": {
            "email": "mediatheque@villeurbanne.example",
            "phoneNumber": "04 78 68 04 04",
            "website": "https://mediatheque-villeurbanne.example",
        },
        "openingHours": _opening_hours("LIBRARY"),
        "withdrawalDetails": None,
        "accessibilityData": {
            "isAccessibleAudioDisability": True,
            "isAccessibleMentalDisability": True,
            "isAccessibleMotorDisability": True,
            "isAccessibleVisualDisability": True,
        },
        "_image": images.venue_image_name("LIBRARY", 0),
        "_offerer": "Ville de Villeurbanne",
    }


def _venue(rng: random.Random, venue_id: int, activity: str, origin: JsonObject) -> JsonObject:
    town = rng.choice(TOWNS)
    name = rng.choice(words.VENUE_NAMES[activity]).format(
        town=town.name,
        de_town=de(town.name),
        honoured=rng.choice(words.HONOURED),
        platform=rng.choice(words.PLATFORMS),
    )
    digital = activity == "OTHER"
    # A few hundred metres around the town centre, and never past the radius.
    while True:
        latitude = round(town.latitude + rng.uniform(-0.012, 0.012), 6)
        longitude = round(town.longitude + rng.uniform(-0.016, 0.016), 6)
        distance = haversine_km(origin["latitude"], origin["longitude"], latitude, longitude)
        if distance < RADIUS_KM - 1:
            break
    slug = _slug(name)
    return {
        "id": venue_id,
        "name": name,
        "publicName": name if rng.random() < 0.7 else None,
        "description": None if rng.random() < 0.3 else rng.choice(words.DESCRIPTIONS),
        "street": None if digital else f"{rng.randint(1, 180)} {rng.choice(words.STREETS)}",
        "postalCode": town.postal_code,
        "city": town.name,
        "latitude": latitude,
        "longitude": longitude,
        "timezone": TIMEZONE,
        "isPermanent": not digital,
        "isOpenToPublic": not digital,
        "activity": activity,
        "contact": {
            "email": f"contact@{slug}.example",
            "phoneNumber": f"04 {rng.randint(72, 79)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
            "website": f"https://{slug}.example",
        },
        "openingHours": None if digital else _opening_hours(activity),
        "withdrawalDetails": None,
        "accessibilityData": {
            "isAccessibleAudioDisability": rng.random() < 0.5,
            "isAccessibleMentalDisability": rng.random() < 0.5,
            "isAccessibleMotorDisability": rng.random() < 0.7,
            "isAccessibleVisualDisability": rng.random() < 0.4,
        },
        "_image": images.venue_image_name(activity, rng.randrange(images.VARIANTS)),
        "_offerer": name if activity != "LIBRARY" else f"Ville de {town.name}",
    }


def generate_venues(rng: random.Random, count: int) -> list[JsonObject]:
    """The kiosk's venue then ``count - 1`` venues around it, each activity at least once."""
    origin = demo_venue()
    venues = [origin]
    activities = list(_ACTIVITY_WEIGHTS)
    weights = list(_ACTIVITY_WEIGHTS.values())
    for venue_id in range(DEMO_VENUE_ID + 1, DEMO_VENUE_ID + count):
        index = venue_id - DEMO_VENUE_ID - 1
        if index < len(activities):
            activity = activities[index]
        else:
            activity = rng.choices(activities, weights)[0]
        venues.append(_venue(rng, venue_id, activity, origin))
    return venues


# --- offers -----------------------------------------------------------------------------------

# Which kinds of venue publish which subcategory (technical subcategories get no offer).
_HOSTS: dict[str, tuple[str, ...]] = {
    "MATERIEL_ART_CREATIF": ("CREATIVE_ARTS_STORE",),
    "CARTE_JEUNES": ("COMMUNITY_CENTRE", "CULTURAL_CENTRE"),
    "CARTE_CINE_ILLIMITE": ("CINEMA",),
    "CARTE_CINE_MULTISEANCES": ("CINEMA",),
    "CINE_PLEIN_AIR": ("CINEMA", "CULTURAL_CENTRE", "FESTIVAL"),
    "CINE_VENTE_DISTANCE": ("CINEMA",),
    "EVENEMENT_CINE": ("CINEMA",),
    "FESTIVAL_CINE": ("CINEMA", "FESTIVAL"),
    "SEANCE_CINE": ("CINEMA",),
    "CONFERENCE": ("LIBRARY", "MUSEUM", "CULTURAL_CENTRE"),
    "DECOUVERTE_METIERS": ("CULTURAL_CENTRE", "COMMUNITY_CENTRE", "LIBRARY"),
    "RENCONTRE": ("LIBRARY", "BOOKSTORE", "CULTURAL_CENTRE"),
    "RENCONTRE_EN_LIGNE": ("OTHER", "LIBRARY"),
    "SALON": ("FESTIVAL", "CULTURAL_CENTRE"),
    "ABO_MEDIATHEQUE": ("LIBRARY",),
    "ABO_PLATEFORME_VIDEO": ("OTHER",),
    "AUTRE_SUPPORT_NUMERIQUE": ("OTHER",),
    "SUPPORT_PHYSIQUE_FILM": ("DISTRIBUTION_STORE", "RECORD_STORE"),
    "VOD": ("OTHER",),
    "ACHAT_INSTRUMENT": ("MUSIC_INSTRUMENT_STORE",),
    "BON_ACHAT_INSTRUMENT": ("MUSIC_INSTRUMENT_STORE",),
    "LOCATION_INSTRUMENT": ("MUSIC_INSTRUMENT_STORE",),
    "PARTITION": ("MUSIC_INSTRUMENT_STORE", "BOOKSTORE"),
    "ABO_JEU_VIDEO": ("OTHER",),
    "ABO_LUDOTHEQUE": ("COMMUNITY_CENTRE", "LIBRARY"),
    "CONCOURS": ("COMMUNITY_CENTRE", "LIBRARY"),
    "ESCAPE_GAME": ("COMMUNITY_CENTRE", "CULTURAL_CENTRE", "HERITAGE_SITE"),
    "EVENEMENT_JEU": ("LIBRARY", "COMMUNITY_CENTRE"),
    "JEU_EN_LIGNE": ("OTHER",),
    "RENCONTRE_JEU": ("LIBRARY", "COMMUNITY_CENTRE"),
    "ABO_BIBLIOTHEQUE": ("LIBRARY",),
    "ABO_LIVRE_NUMERIQUE": ("OTHER",),
    "FESTIVAL_LIVRE": ("FESTIVAL", "LIBRARY"),
    "LIVRE_AUDIO_PHYSIQUE": ("BOOKSTORE", "DISTRIBUTION_STORE"),
    "LIVRE_NUMERIQUE": ("OTHER", "BOOKSTORE"),
    "LIVRE_PAPIER": ("BOOKSTORE", "DISTRIBUTION_STORE"),
    "TELECHARGEMENT_LIVRE_AUDIO": ("OTHER",),
    "ABO_PRESSE_EN_LIGNE": ("OTHER",),
    "APP_CULTURELLE": ("OTHER",),
    "PODCAST": ("OTHER",),
    "CARTE_MUSEE": ("MUSEUM", "HERITAGE_SITE"),
    "EVENEMENT_PATRIMOINE": ("HERITAGE_SITE", "MUSEUM"),
    "FESTIVAL_ART_VISUEL": ("FESTIVAL", "ART_GALLERY", "ARTS_CENTRE"),
    "MUSEE_VENTE_DISTANCE": ("MUSEUM",),
    "VISITE": ("MUSEUM", "HERITAGE_SITE", "ART_GALLERY"),
    "VISITE_GUIDEE": ("MUSEUM", "HERITAGE_SITE"),
    "VISITE_VIRTUELLE": ("OTHER", "MUSEUM"),
    "ABO_PLATEFORME_MUSIQUE": ("OTHER",),
    "CAPTATION_MUSIQUE": ("OTHER", "PERFORMANCE_HALL"),
    "SUPPORT_PHYSIQUE_MUSIQUE_CD": ("RECORD_STORE", "DISTRIBUTION_STORE"),
    "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE": ("RECORD_STORE",),
    "TELECHARGEMENT_MUSIQUE": ("OTHER",),
    "ABO_CONCERT": ("PERFORMANCE_HALL",),
    "CONCERT": ("PERFORMANCE_HALL", "FESTIVAL", "CULTURAL_CENTRE"),
    "EVENEMENT_MUSIQUE": ("PERFORMANCE_HALL", "LIBRARY", "COMMUNITY_CENTRE"),
    "FESTIVAL_MUSIQUE": ("FESTIVAL",),
    "LIVESTREAM_MUSIQUE": ("OTHER",),
    "ABO_PRATIQUE_ART": ("ARTS_CENTRE", "COMMUNITY_CENTRE"),
    "ATELIER_PRATIQUE_ART": ("LIBRARY", "ARTS_CENTRE", "COMMUNITY_CENTRE", "MUSEUM"),
    "LIVESTREAM_PRATIQUE_ARTISTIQUE": ("OTHER",),
    "PLATEFORME_PRATIQUE_ARTISTIQUE": ("OTHER",),
    "PRATIQUE_ART_VENTE_DISTANCE": ("ARTS_CENTRE",),
    "SEANCE_ESSAI_PRATIQUE_ART": ("ARTS_CENTRE", "COMMUNITY_CENTRE"),
    "ABO_SPECTACLE": ("PERFORMANCE_HALL",),
    "FESTIVAL_SPECTACLE": ("FESTIVAL",),
    "LIVESTREAM_EVENEMENT": ("OTHER",),
    "SPECTACLE_ENREGISTRE": ("OTHER",),
    "SPECTACLE_REPRESENTATION": ("PERFORMANCE_HALL", "CULTURAL_CENTRE"),
    "SPECTACLE_VENTE_DISTANCE": ("PERFORMANCE_HALL",),
}

# How common each subcategory is (others weigh 1): books, films and concerts dominate.
_WEIGHTS: dict[str, int] = {
    "LIVRE_PAPIER": 14, "SEANCE_CINE": 10, "CONCERT": 8, "SPECTACLE_REPRESENTATION": 7,
    "ATELIER_PRATIQUE_ART": 6, "VISITE": 4, "VISITE_GUIDEE": 4, "RENCONTRE": 4,
    "CONFERENCE": 3, "SUPPORT_PHYSIQUE_MUSIQUE_CD": 3, "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE": 3,
    "EVENEMENT_JEU": 3, "ESCAPE_GAME": 2, "FESTIVAL_MUSIQUE": 2, "LIVRE_NUMERIQUE": 2,
    "ACHAT_INSTRUMENT": 2, "EVENEMENT_CINE": 2,
}  # fmt: skip

# (share of free offers, lowest price, highest price) in euros; others use _DEFAULT_PRICE.
_PRICES: dict[str, tuple[float, float, float]] = {
    "LIVRE_PAPIER": (0.02, 5, 28), "LIVRE_NUMERIQUE": (0.05, 3, 15),
    "LIVRE_AUDIO_PHYSIQUE": (0.0, 10, 30), "TELECHARGEMENT_LIVRE_AUDIO": (0.05, 8, 25),
    "SEANCE_CINE": (0.05, 4, 9), "CINE_PLEIN_AIR": (0.8, 3, 6), "EVENEMENT_CINE": (0.2, 5, 10),
    "FESTIVAL_CINE": (0.1, 10, 40), "CARTE_CINE_ILLIMITE": (0.0, 20, 25),
    "CARTE_CINE_MULTISEANCES": (0.0, 25, 60), "CONCERT": (0.15, 8, 45),
    "FESTIVAL_MUSIQUE": (0.05, 20, 60), "EVENEMENT_MUSIQUE": (0.6, 3, 12),
    "ABO_CONCERT": (0.0, 30, 90), "SPECTACLE_REPRESENTATION": (0.15, 8, 35),
    "FESTIVAL_SPECTACLE": (0.3, 10, 40), "ABO_SPECTACLE": (0.0, 30, 80),
    "ACHAT_INSTRUMENT": (0.0, 60, 300), "LOCATION_INSTRUMENT": (0.0, 30, 90),
    "BON_ACHAT_INSTRUMENT": (0.0, 20, 100), "PARTITION": (0.0, 8, 30),
    "ABO_BIBLIOTHEQUE": (0.9, 5, 15), "ABO_MEDIATHEQUE": (0.85, 5, 20),
    "ABO_LUDOTHEQUE": (0.6, 5, 15), "RENCONTRE": (0.85, 2, 8), "CONFERENCE": (0.75, 3, 10),
    "DECOUVERTE_METIERS": (0.9, 2, 5), "SALON": (0.4, 3, 12),
    "ATELIER_PRATIQUE_ART": (0.45, 5, 40), "SEANCE_ESSAI_PRATIQUE_ART": (0.7, 5, 15),
    "ABO_PRATIQUE_ART": (0.0, 60, 250), "VISITE": (0.4, 3, 12), "VISITE_GUIDEE": (0.5, 4, 15),
    "CARTE_MUSEE": (0.0, 15, 40), "EVENEMENT_PATRIMOINE": (0.7, 3, 10),
    "SUPPORT_PHYSIQUE_MUSIQUE_CD": (0.0, 10, 20), "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE": (0.0, 18, 35),
    "SUPPORT_PHYSIQUE_FILM": (0.0, 10, 25), "ESCAPE_GAME": (0.1, 10, 30),
    "EVENEMENT_JEU": (0.8, 2, 8), "CONCOURS": (0.8, 2, 10), "RENCONTRE_JEU": (0.8, 2, 8),
    "MATERIEL_ART_CREATIF": (0.0, 8, 60), "CARTE_JEUNES": (0.3, 5, 10),
}  # fmt: skip
_DEFAULT_PRICE = (0.3, 3, 20)

# Offer name templates; {placeholders} are filled by _Picks.
_NAMES: dict[str, tuple[str, ...]] = {
    "MATERIEL_ART_CREATIF": ("Kit {discipline} pour débuter", "Coffret aquarelle 24 couleurs",
                             "Carnet de croquis A4"),
    "CARTE_JEUNES": ("Carte jeunes — {town}",),
    "CARTE_CINE_ILLIMITE": ("Carte cinéma illimitée — {venue}",),
    "CARTE_CINE_MULTISEANCES": ("Carte 5 places — {venue}", "Carte 10 séances — {venue}"),
    "CINE_PLEIN_AIR": ("Cinéma plein air : {film}",),
    "CINE_VENTE_DISTANCE": ("{film} — billet à distance",),
    "EVENEMENT_CINE": ("Avant-première : {film}", "Ciné-débat : {film}",
                       "Nuit du court métrage"),
    "FESTIVAL_CINE": ("Festival du film d'animation {de_town}", "Festival Ciné Jeunes"),
    "SEANCE_CINE": ("{film}",),
    "CONFERENCE": ("Conférence : {topic}",),
    "DECOUVERTE_METIERS": ("Découverte des métiers du livre", "Découverte des métiers du cinéma",
                           "Forum des métiers de la musique", "Les métiers du jeu vidéo"),
    "RENCONTRE": ("Rencontre avec {person}, {role}", "Rencontre d'auteur : {person}"),
    "RENCONTRE_EN_LIGNE": ("Rencontre en ligne avec {person}, {role}",),
    "SALON": ("Salon de la BD {de_town}", "Salon du manga", "Salon du livre jeunesse"),
    "ABO_MEDIATHEQUE": ("Abonnement annuel — {venue}",),
    "ABO_PLATEFORME_VIDEO": ("Abonnement {platform} 1 mois",),
    "AUTRE_SUPPORT_NUMERIQUE": ("{film} — version numérique",),
    "SUPPORT_PHYSIQUE_FILM": ("{film} (DVD)", "{film} (Blu-ray)"),
    "VOD": ("{film} en VOD",),
    "ACHAT_INSTRUMENT": ("{instrument} d'étude", "{instrument} — pack débutant"),
    "BON_ACHAT_INSTRUMENT": ("Bon d'achat instrument — {venue}",),
    "LOCATION_INSTRUMENT": ("Location : {instrument} (3 mois)",),
    "PARTITION": ("Partitions {genre} — {instrument}",),
    "ABO_JEU_VIDEO": ("Abonnement {platform} 3 mois",),
    "ABO_LUDOTHEQUE": ("Abonnement ludothèque — {venue}",),
    "CONCOURS": ("Tournoi de {game}",),
    "ESCAPE_GAME": ("Escape game : {escape}",),
    "EVENEMENT_JEU": ("Soirée {game}", "Après-midi {game}"),
    "JEU_EN_LIGNE": ("{title} — le jeu",),
    "RENCONTRE_JEU": ("Rencontre avec {person}, game designer",),
    "ABO_BIBLIOTHEQUE": ("Inscription annuelle — {venue}",),
    "ABO_LIVRE_NUMERIQUE": ("Abonnement livres numériques {platform} 6 mois",),
    "FESTIVAL_LIVRE": ("Festival du premier roman {de_town}", "Fête du livre jeunesse"),
    "LIVRE_AUDIO_PHYSIQUE": ("{title} (livre audio)",),
    "LIVRE_NUMERIQUE": ("{title} (e-book)",),
    "LIVRE_PAPIER": ("{title}",),
    "TELECHARGEMENT_LIVRE_AUDIO": ("{title} (livre audio à télécharger)",),
    "ABO_PRESSE_EN_LIGNE": ("Abonnement numérique {platform} 1 an",),
    "APP_CULTURELLE": ("Application {platform}",),
    "PODCAST": ("Podcast : {topic}",),
    "CARTE_MUSEE": ("Pass musées 1 an — {venue}", "Carte jeune — {venue}"),
    "EVENEMENT_PATRIMOINE": ("Journée patrimoine : {heritage}", "Atelier patrimoine : {heritage}"),
    "FESTIVAL_ART_VISUEL": ("Festival d'arts numériques {de_town}",),
    "MUSEE_VENTE_DISTANCE": ("Billet d'entrée — {venue}",),
    "VISITE": ("Exposition « {exhibition} »", "Entrée : {exhibition}"),
    "VISITE_GUIDEE": ("Visite guidée : {heritage}",),
    "VISITE_VIRTUELLE": ("Visite virtuelle : {exhibition}",),
    "ABO_PLATEFORME_MUSIQUE": ("Abonnement {platform} 3 mois",),
    "CAPTATION_MUSIQUE": ("Captation : {performer} en live",),
    "SUPPORT_PHYSIQUE_MUSIQUE_CD": ("{album} — {performer} (CD)",),
    "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE": ("{album} — {performer} (vinyle)",),
    "TELECHARGEMENT_MUSIQUE": ("{album} — {performer} (album numérique)",),
    "ABO_CONCERT": ("Abonnement saison {season} — {venue}",),
    "CONCERT": ("Concert : {performer}", "Concert : Les Nuits de {place}",
                "{performer} en concert"),
    "EVENEMENT_MUSIQUE": ("Scène ouverte {genre}", "Jam session {genre}", "Blind test {genre}"),
    "FESTIVAL_MUSIQUE": ("Festival {ensemble_name} — {genre}", "Les Nuits de {place}"),
    "LIVESTREAM_MUSIQUE": ("Live stream : {performer}",),
    "ABO_PRATIQUE_ART": ("Cours de {discipline} à l'année",),
    "ATELIER_PRATIQUE_ART": ("Atelier {discipline} avec {person}", "Stage de {discipline}"),
    "LIVESTREAM_PRATIQUE_ARTISTIQUE": ("Cours de {discipline} en direct",),
    "PLATEFORME_PRATIQUE_ARTISTIQUE": ("Cours en ligne : {discipline}",),
    "PRATIQUE_ART_VENTE_DISTANCE": ("Stage de {discipline} — réservation",),
    "SEANCE_ESSAI_PRATIQUE_ART": ("Séance d'essai : {discipline}",),
    "ABO_SPECTACLE": ("Abonnement jeune — saison {season}",),
    "FESTIVAL_SPECTACLE": ("Festival des arts de la rue {de_town}",),
    "LIVESTREAM_EVENEMENT": ("En direct : {play}",),
    "SPECTACLE_ENREGISTRE": ("{play} (captation)",),
    "SPECTACLE_REPRESENTATION": ("{play}", "{show_kind} : {play}"),
    "SPECTACLE_VENTE_DISTANCE": ("{play} — billet",),
}  # fmt: skip

# Local start times of events, by family of subcategory.
_TIMES: dict[str, tuple[str, ...]] = {
    "CINEMA": ("14:00", "16:15", "18:00", "20:30", "21:00"),
    "EVENING": ("19:00", "20:00", "20:30", "21:00"),
    "DAY": ("10:00", "14:00", "14:30", "15:00", "16:00"),
    "DEFAULT": ("10:00", "14:00", "15:00", "18:30", "19:00", "20:00"),
}
_EVENING = {"CONCERT", "SPECTACLE_REPRESENTATION", "FESTIVAL_MUSIQUE", "FESTIVAL_SPECTACLE",
            "EVENEMENT_MUSIQUE", "LIVESTREAM_MUSIQUE", "LIVESTREAM_EVENEMENT"}  # fmt: skip
_DAYTIME = {"ATELIER_PRATIQUE_ART", "SEANCE_ESSAI_PRATIQUE_ART", "VISITE", "VISITE_GUIDEE",
            "EVENEMENT_PATRIMOINE", "DECOUVERTE_METIERS", "SALON", "FESTIVAL_LIVRE"}  # fmt: skip
_PHYSICAL_GOODS = {"LIVRE_PAPIER", "LIVRE_AUDIO_PHYSIQUE", "SUPPORT_PHYSIQUE_FILM",
                   "SUPPORT_PHYSIQUE_MUSIQUE_CD", "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE",
                   "ACHAT_INSTRUMENT", "PARTITION", "MATERIEL_ART_CREATIF"}  # fmt: skip
_TIERED = {"CONCERT", "SPECTACLE_REPRESENTATION", "FESTIVAL_MUSIQUE", "FESTIVAL_SPECTACLE"}


_WITHDRAWAL = "Présente-toi à l'accueil avec ta contremarque."


def _expense_domains(sid: str, is_digital: bool) -> list[str]:
    if is_digital:
        return ["all", "digital"]
    return ["all", "physical"] if sid in _PHYSICAL_GOODS else ["all"]


class _Picks(dict[str, str]):
    """Fills name placeholders on demand, each from its word list, in template order."""

    def __init__(self, rng: random.Random, venue: JsonObject, season: str) -> None:
        super().__init__(
            venue=venue["publicName"] or venue["name"],
            town=venue["city"],
            de_town=de(venue["city"]),
            season=season,
        )
        self._rng = rng

    def __missing__(self, key: str) -> str:
        value = _PICKERS[key](self._rng)
        self[key] = value
        return value


def _person(rng: random.Random) -> str:
    return f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"


def _title(rng: random.Random) -> str:
    return f"{rng.choice(words.TITLE_HEADS)} {rng.choice(words.TITLE_TAILS)}"


def _performer(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return _person(rng)
    if roll < 0.7:
        return f"{rng.choice(words.ENSEMBLE_KINDS)} {rng.choice(words.ENSEMBLE_NAMES)}"
    return rng.choice(words.BAND_NAMES)


def _choice_of(options: Sequence[str]) -> Callable[[random.Random], str]:
    return lambda rng: rng.choice(options)


_PICKERS: dict[str, Callable[[random.Random], str]] = {
    "person": _person,
    "title": _title,
    "album": _title,
    "performer": _performer,
    "film": _choice_of(words.FILM_TITLES),
    "ensemble_name": _choice_of(words.ENSEMBLE_NAMES),
    "place": _choice_of(words.PLACES),
    "genre": _choice_of(words.MUSIC_GENRES),
    "discipline": _choice_of(words.DISCIPLINES),
    "topic": _choice_of(words.TOPICS),
    "role": _choice_of(words.ROLES),
    "exhibition": _choice_of(words.EXHIBITIONS),
    "heritage": _choice_of(words.HERITAGE),
    "play": _choice_of(words.PLAYS),
    "show_kind": _choice_of(words.SHOW_KINDS),
    "instrument": _choice_of(words.INSTRUMENTS),
    "game": _choice_of(words.BOARD_GAMES),
    "escape": _choice_of(words.ESCAPE_THEMES),
    "platform": _choice_of(words.PLATFORMS),
}


def _ean13(rng: random.Random) -> str:
    digits = [9, 7, 8, 2] + [rng.randrange(10) for _ in range(8)]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


class _OfferFactory:
    """Builds offers one at a time from one random stream (see :func:`generate_offers`)."""

    def __init__(self, rng: random.Random, venues: Sequence[JsonObject], today: date) -> None:
        self.rng = rng
        self.today = today
        self.zone = ZoneInfo(TIMEZONE)
        self.season = (
            f"{today.year}-{today.year + 1}"
            if today.month >= 7
            else (f"{today.year - 1}-{today.year}")
        )
        subcategories = {row["id"]: row for row in taxonomy()["subcategories"]}
        self.subcategories = subcategories
        self.order: list[str] = [sid for sid in subcategories if sid in _HOSTS]
        self.cum_weights = list(itertools.accumulate(_WEIGHTS.get(s, 1) for s in self.order))
        by_activity: dict[str, list[JsonObject]] = {}
        for venue in venues:
            by_activity.setdefault(venue["activity"], []).append(venue)
        self.hosts = {
            sid: [v for activity in _HOSTS[sid] for v in by_activity.get(activity, [])]
            for sid in self.order
        }
        self.demo = venues[0]

    def make(self, offer_id: int, index: int) -> tuple[int, JsonObject]:
        """``(venue id, stored payload)`` of the offer at position ``index``."""
        rng = self.rng
        sid = self._subcategory(index)
        sub = self.subcategories[sid]
        venue = self._venue_for(sid)
        picks = _Picks(rng, venue, self.season)
        is_event = bool(sub["isEvent"])
        is_digital = sub["onlineOfflinePlatform"] == "ONLINE"
        price_cents = self._price(sid)
        forbidden = rng.random() < 0.01
        offer: JsonObject = {
            "id": offer_id,
            "name": rng.choice(_NAMES[sid]).format_map(picks)[:140],
            "description": f"{rng.choice(words.DESCRIPTIONS)}\n\nProposé par : "
            f"{venue['publicName'] or venue['name']}, {venue['city']}.",
            "subcategoryId": sid,
            "isDigital": is_digital,
            "isDuo": is_event and rng.random() < 0.4,
            "isEvent": is_event,
            "isEducational": False,
            "isReleased": True,
            "isHeadline": rng.random() < 0.02,
            "isForbiddenToUnderage": forbidden,
            "bookingAllowedDatetime": None,
            "publicationDate": self._publication_date(),
            "expenseDomains": _expense_domains(sid, is_digital),
            "externalTicketOfficeUrl": None,
            "withdrawalDetails": None if is_digital or rng.random() < 0.6 else _WITHDRAWAL,
            "accessibility": {
                "audioDisability": rng.random() < 0.5,
                "mentalDisability": rng.random() < 0.5,
                "motorDisability": rng.random() < 0.6,
                "visualDisability": rng.random() < 0.4,
            },
            "address": None,
            "stocks": self._stocks(offer_id, sid, is_event, price_cents, forbidden),
            "extraData": self._extra_data(sid, picks),
            "artists": [],
            "last30DaysBookings": rng.randint(0, 40) if rng.random() < 0.5 else None,
            "_image": images.offer_image_name(sub["searchGroupName"], rng.randrange(12)),
        }
        performer = picks.get("performer") or picks.get("person")
        if performer:
            offer["artists"] = [{"id": None, "name": performer, "image": None, "role": None}]
        return venue["id"], offer

    def _subcategory(self, index: int) -> str:
        # The first offers take each subcategory once, so every search group is present.
        if index < len(self.order):
            return self.order[index]
        return self.rng.choices(self.order, cum_weights=self.cum_weights)[0]

    def _venue_for(self, sid: str) -> JsonObject:
        # The kiosk's médiathèque hosts a good share of what libraries offer.
        if "LIBRARY" in _HOSTS[sid] and self.rng.random() < 0.35:
            return self.demo
        hosts = self.hosts[sid]
        return self.rng.choice(hosts) if hosts else self.demo

    def _publication_date(self) -> str:
        day = self.today - timedelta(days=self.rng.randint(1, 90))
        return iso_utc(datetime.combine(day, time(8, 0), tzinfo=UTC))

    def _price(self, sid: str) -> int:
        free_share, low, high = _PRICES.get(sid, _DEFAULT_PRICE)
        if self.rng.random() < free_share:
            return 0
        return round(self.rng.uniform(low, high) * 2) * 50  # whole or half euros, in cents

    def _stocks(
        self, offer_id: int, sid: str, is_event: bool, price: int, forbidden: bool
    ) -> list[JsonObject]:
        rng = self.rng
        if not is_event:
            roll = rng.random()
            quantity = None if roll < 0.6 else (0 if roll < 0.66 else rng.randint(1, 50))
            return [self._stock(offer_id * 100, price, None, quantity, forbidden, None)]
        family = ("CINEMA" if sid == "SEANCE_CINE" else "EVENING" if sid in _EVENING
                  else "DAY" if sid in _DAYTIME else "DEFAULT")  # fmt: skip
        dates = rng.randint(2, 6) if sid == "SEANCE_CINE" else rng.randint(1, 3)
        tiers: list[tuple[str | None, int]] = [(None, price)]
        if sid in _TIERED and price and rng.random() < 0.3:
            tiers = [("Catégorie 1", price), ("Catégorie 2", max(500, price - 1000))]
        stocks: list[JsonObject] = []
        for _ in range(dates):
            # Mostly ahead, some already past: clients must filter by date themselves.
            offset = rng.randrange(-10, 0) if rng.random() < 0.08 else rng.randrange(EVENT_DAYS)
            hour, minute = map(int, rng.choice(_TIMES[family]).split(":"))
            local = datetime.combine(self.today + timedelta(days=offset), time(hour, minute),
                                     tzinfo=self.zone)  # fmt: skip
            for label, tier_price in tiers:
                roll = rng.random()
                quantity = None if roll < 0.2 else (0 if roll < 0.3 else rng.randint(1, 200))
                stock_id = offer_id * 100 + len(stocks)
                stocks.append(self._stock(stock_id, tier_price, local, quantity, forbidden, label))
        return stocks

    def _stock(
        self,
        stock_id: int,
        price: int,
        begins: datetime | None,
        quantity: int | None,
        forbidden: bool,
        label: str | None,
    ) -> JsonObject:
        limit = cancel = None
        features: list[str] = []
        if begins is not None:
            if label is None and self.rng.random() < 0.3:
                features = [self.rng.choice(("VF", "VO", "VOSTFR"))]
            limit = iso_utc(begins - timedelta(hours=1)) if self.rng.random() < 0.6 else None
            cancel = iso_utc(begins - timedelta(hours=48))
        return {
            "id": stock_id,
            "price": price,
            "beginningDatetime": None if begins is None else iso_utc(begins),
            "bookingLimitDatetime": limit,
            "cancellationLimitDatetime": cancel,
            "isForbiddenToUnderage": forbidden,
            "priceCategoryLabel": label,
            "remainingQuantity": quantity,
            "features": features,
        }

    def _extra_data(self, sid: str, picks: _Picks) -> JsonObject | None:
        rng = self.rng
        if sid in {"LIVRE_PAPIER", "LIVRE_NUMERIQUE", "LIVRE_AUDIO_PHYSIQUE",
                   "TELECHARGEMENT_LIVRE_AUDIO"}:  # fmt: skip
            return {
                "author": _person(rng),
                "editeur": rng.choice(words.PUBLISHERS),
                "ean": _ean13(rng),
                "bookFormat": rng.choice(("POCHE", "BROCHE", "RELIE")),
                "genres": [rng.choice(("Romans", "Bandes dessinées", "Mangas", "Jeunesse",
                                       "Policier", "Science-fiction", "Poésie", "Essais"))],
            }  # fmt: skip
        if sid in {"SEANCE_CINE", "CINE_PLEIN_AIR", "EVENEMENT_CINE", "SUPPORT_PHYSIQUE_FILM",
                   "VOD"}:  # fmt: skip
            return {
                "durationMinutes": rng.randint(80, 150),
                "genres": [rng.choice(("Animation", "Comédie", "Drame", "Documentaire",
                                       "Science-fiction", "Action"))],
                "cast": [_person(rng), _person(rng)],
                "releaseDate": (self.today - timedelta(days=rng.randint(0, 60))).isoformat(),
            }  # fmt: skip
        if "performer" in picks:
            return {"performer": picks["performer"], "musicType": picks.get("genre")}
        if sid in {"SPECTACLE_REPRESENTATION", "FESTIVAL_SPECTACLE"}:
            return {"stageDirector": _person(rng), "showType": picks.get("show_kind", "Théâtre")}
        if sid in {"CONFERENCE", "RENCONTRE", "RENCONTRE_EN_LIGNE"}:
            return {"speaker": picks.get("person") or _person(rng)}
        return None


def generate_offers(
    rng: random.Random, venues: Sequence[JsonObject], count: int, today: date, first_id: int
) -> Iterator[tuple[int, int, JsonObject]]:
    """Yield ``(offer id, venue id, payload)`` for ``count`` offers, ids from ``first_id``."""
    factory = _OfferFactory(rng, venues, today)
    for index in range(count):
        offer_id = first_id + index
        venue_id, offer = factory.make(offer_id, index)
        yield offer_id, venue_id, offer


FIRST_OFFER_ID = 100_001
"""Offers and venues have separate id ranges, which makes logs easier to read."""


@dataclass(frozen=True)
class Catalog:
    """Rows to insert: every venue, and the offers as a generator (consume it once)."""

    venues: list[VenueRow]
    offers: Iterator[OfferRow]
    offer_count: int


def venue_count(offer_count: int) -> int:
    """How many venues go with ``offer_count`` offers."""
    return max(MIN_VENUES, offer_count // 30)


def generate(seed: int, offer_count: int, today: date) -> Catalog:
    """The whole demo catalogue for ``seed`` as of ``today`` (the venue's local date).

    Sequence numbers (for the change feed) follow the ids: venues first, then offers.
    """
    if offer_count < MIN_OFFER_COUNT:
        raise ValueError(f"scale must be at least {MIN_OFFER_COUNT} offers, not {offer_count}")
    rng = random.Random(seed)
    venues = generate_venues(rng, venue_count(offer_count))
    venue_rows: list[VenueRow] = [
        (v["id"], seq, v["latitude"], v["longitude"], _dumps(v))
        for seq, v in enumerate(venues, start=1)
    ]
    first_seq = len(venue_rows) + 1

    def offer_rows() -> Iterator[OfferRow]:
        offers = generate_offers(rng, venues, offer_count, today, FIRST_OFFER_ID)
        for seq, (offer_id, venue_id, payload) in enumerate(offers, start=first_seq):
            yield offer_id, seq, venue_id, _dumps(payload)

    return Catalog(venue_rows, offer_rows(), offer_count)


def _dumps(payload: JsonObject) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def local_today(now: datetime | None = None) -> date:
    """Today's date at the kiosk's venue (the anchor of the generated dates)."""
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(TIMEZONE)).date()
