"""The fleet page (``GET /admin/fleet``): every enrolled kiosk and its last heartbeat.

What the central service's back office would show IT: which kiosks are alive, on which
version, whether they sync, whether their outbox is stuck, whether their PC clock drifts,
and the problems they report. A kiosk silent for three of its sync intervals is **stale**.

The HTML is rendered by Jinja with autoescaping on: kiosk names come from enrollment and
problems from the kiosks, so none of them may become markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

from jinja2 import Environment

from kiosk.simulator.data import JsonObject, iso_utc
from kiosk.simulator.storage import Store

#: The kiosk's default ``sync_interval`` (kiosk/config.py), for kiosks that do not say theirs.
DEFAULT_SYNC_INTERVAL: Final = 300
#: A kiosk silent for this many sync intervals is stale (as `passculture-kiosk status` says
#: of its own syncs, kiosk/health.py).
STALE_AFTER_INTERVALS: Final = 3
#: Beyond this clock skew (seconds) the PC needs NTP (kiosk/health.py MAX_CLOCK_SKEW_S).
SKEW_WARNING_S: Final = 300.0


def _parse(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return None


def fleet(store: Store, now: datetime | None = None) -> JsonObject:
    """Every device with its latest heartbeat, stale ones flagged (the page's JSON)."""
    now = now or datetime.now(UTC)
    latest = store.latest_heartbeats()
    venues: dict[int, JsonObject | None] = {}
    kiosks = []
    for device in store.devices():
        if device.venue_id not in venues:
            venues[device.venue_id] = store.venue(device.venue_id)
        venue = venues[device.venue_id] or {}
        beat = latest.get(device.id, {})
        interval = beat.get("syncInterval")
        if not isinstance(interval, int) or isinstance(interval, bool) or interval < 1:
            interval = DEFAULT_SYNC_INTERVAL
        received = _parse(beat.get("receivedAt"))
        since = received or _parse(device.enrolled_at) or now
        silence = max(0, int((now - since).total_seconds()))
        revoked = device.revoked_at is not None
        stale = not revoked and silence > STALE_AFTER_INTERVALS * interval
        findings = []
        if stale:
            findings.append(
                f"aucun signal depuis {_duration(silence)} (attendu toutes les "
                f"{_duration(interval)})" if received else
                f"aucun signal depuis l'enrôlement, il y a {_duration(silence)}"
            )
        reported = beat.get("problems")
        problems = findings + ([str(p) for p in reported] if isinstance(reported, list) else [])
        kiosks.append({
            "deviceId": device.id,
            "kioskName": device.kiosk_name,
            "venueId": device.venue_id,
            "venueName": venue.get("publicName") or venue.get("name"),
            "enrolledAt": device.enrolled_at,
            "revokedAt": device.revoked_at,
            "version": beat.get("version") or device.version,
            "lastHeartbeatAt": beat.get("receivedAt"),
            "heartbeatAgeSeconds": silence if received else None,
            "heartbeats": beat.get("heartbeats", 0),
            "syncInterval": interval,
            "lastSyncAt": beat.get("lastSyncAt"),
            "outboxDepth": beat.get("outboxDepth"),
            "clockSkewSeconds": beat.get("clockSkewSeconds"),
            "freeBytes": beat.get("freeBytes"),
            "bookableOffers": beat.get("bookableOffers"),
            "lastCrashAt": beat.get("lastCrashAt"),
            "uptime": beat.get("uptime"),
            "stale": stale,
            "state": _state(revoked=revoked, stale=stale, heard=received is not None,
                            problems=bool(problems)),
            "problems": problems,
        })  # fmt: skip
    kiosks.sort(key=lambda k: (k["revokedAt"] is not None, str(k["venueName"] or ""),
                               str(k["kioskName"])))
    return {
        "generatedAt": iso_utc(now),
        "staleAfterIntervals": STALE_AFTER_INTERVALS,
        "defaultSyncInterval": DEFAULT_SYNC_INTERVAL,
        "kiosks": kiosks,
    }


def _state(*, revoked: bool, stale: bool, heard: bool, problems: bool) -> str:
    if revoked:
        return "revoked"
    if stale:
        return "stale"
    if problems:
        return "problems"
    return "ok" if heard else "new"


# --- HTML -------------------------------------------------------------------------------------


def _duration(seconds: object) -> str:
    """``45 s``, ``12 min``, ``3 h 05``, ``4 j``."""
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        return "—"
    value = int(abs(seconds))
    if value < 60:
        return f"{value} s"
    if value < 3600:
        return f"{value // 60} min"
    if value < 86400:
        return f"{value // 3600} h {value % 3600 // 60:02d}"
    return f"{value // 86400} j"


def _ago(moment: object, now: datetime) -> str:
    when = _parse(moment)
    if when is None:
        return "jamais"
    return f"il y a {_duration((now - when).total_seconds())}"


def _skew(seconds: object) -> str:
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        return "—"
    if abs(seconds) < 1:
        return "à l'heure"
    side = "en retard" if seconds > 0 else "en avance"
    return f"{_duration(seconds)} {side}"


def _bytes(value: object) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return "—"
    return f"{value / 1e9:.1f} Go".replace(".", ",")


def _number(value: object) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return "—"
    return f"{value:,}".replace(",", "\u202f")


_STATE_LABELS: Final = {
    "ok": "OK",
    "new": "nouvelle",
    "problems": "à voir",
    "stale": "SANS NOUVELLES",
    "revoked": "révoquée",
}

_TEMPLATE: Final = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="30">
<title>Parc de bornes — simulateur pass Culture</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #161617; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { border-bottom: 1px solid #ccc; padding: 0.4rem 0.5rem; text-align: left;
           vertical-align: top; }
  th { background: #f1f1f4; }
  tr.stale td { background: #fde2e1; }
  tr.stale td.state { color: #a4000e; font-weight: bold; }
  tr.problems td.state { color: #8a5300; font-weight: bold; }
  tr.revoked td { color: #777; text-decoration: line-through; }
  td.warn { color: #a4000e; font-weight: bold; }
  code { font-size: 0.85rem; }
  ul { margin: 0; padding-left: 1.1rem; }
</style>
</head>
<body>
<h1>Parc de bornes</h1>
<p>{{ kiosks | length }} borne(s), {{ stale }} sans nouvelles — une borne est
<strong>sans nouvelles</strong> quand elle n'a envoyé aucun signal depuis
{{ intervals }} intervalles de synchronisation. Page générée {{ generated }} UTC,
rechargée toutes les 30 s. <a href="?format=json">JSON</a></p>
<table>
<thead><tr>
  <th>État</th><th>Appareil</th><th>Nom</th><th>Lieu</th><th>Version</th>
  <th>Dernier signal</th><th>Dernière synchro</th><th>File d'envoi</th>
  <th>Horloge du PC</th><th>Offres</th><th>Disque libre</th><th>Dernier plantage</th>
  <th>Problèmes</th>
</tr></thead>
<tbody>
{% for k in kiosks %}
<tr class="{{ k.state }}">
  <td class="state">{{ labels[k.state] }}</td>
  <td><code>{{ k.deviceId }}</code></td>
  <td>{{ k.kioskName }}</td>
  <td>{{ k.venueName or "—" }} <small>(n° {{ k.venueId }})</small></td>
  <td>{{ k.version }}</td>
  <td>{{ ago(k.lastHeartbeatAt) }}</td>
  <td>{{ ago(k.lastSyncAt) }}</td>
  <td>{{ "—" if k.outboxDepth is none else k.outboxDepth }}</td>
  <td class="{{ 'warn' if k.skew_warning else '' }}">{{ skew(k.clockSkewSeconds) }}</td>
  <td>{{ number(k.bookableOffers) }}</td>
  <td>{{ size(k.freeBytes) }}</td>
  <td>{{ ago(k.lastCrashAt) }}</td>
  <td>{% if k.problems %}<ul>{% for p in k.problems %}<li>{{ p }}</li>{% endfor %}</ul>
      {% else %}—{% endif %}</td>
</tr>
{% else %}
<tr><td colspan="13">Aucune borne enrôlée.</td></tr>
{% endfor %}
</tbody>
</table>
</body>
</html>
"""

_ENVIRONMENT: Final = Environment(autoescape=True)


def render_fleet(page: Mapping[str, Any], now: datetime | None = None) -> str:
    """The fleet page's HTML for :func:`fleet`'s answer (every value escaped)."""
    now = now or _parse(page.get("generatedAt")) or datetime.now(UTC)
    kiosks = [
        {**k, "skew_warning": isinstance(k.get("clockSkewSeconds"), int | float)
         and abs(k["clockSkewSeconds"]) > SKEW_WARNING_S}
        for k in page.get("kiosks", [])
    ]
    return _ENVIRONMENT.from_string(_TEMPLATE).render(
        kiosks=kiosks,
        stale=sum(1 for k in kiosks if k.get("stale")),
        intervals=STALE_AFTER_INTERVALS,
        generated=f"{now:%Y-%m-%d %H:%M:%S}",
        labels=_STATE_LABELS,
        ago=lambda moment: _ago(moment, now),
        skew=_skew,
        size=_bytes,
        number=_number,
    )
