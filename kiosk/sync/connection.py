"""Where the kiosk syncs from: the enrolled central API, or the built-in simulator.

Training mode (no ``central_url``) starts the reference simulator on 127.0.0.1 with the
demo data and enrolls against it automatically, so staff learn on a kiosk that behaves
exactly like a production one and sends nothing anywhere else. Production reads the device
token from the OS secret store; without one the kiosk still runs, offline, and says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import kiosk
from kiosk.api.client import ApiClient
from kiosk.api.errors import ApiError
from kiosk.api.models import Venue
from kiosk.config import Config
from kiosk.secrets import SecretStore, SecretStoreError
from kiosk.storage.db import StorageError
from kiosk.storage.local import KioskVenue, remember_kiosk_venue

if TYPE_CHECKING:  # Flask and the demo data load only in training mode
    from kiosk.simulator.server import SimulatorServer

log = logging.getLogger(__name__)

TRAINING_DATA_DIR = "training-simulator"


@dataclass
class Connection:
    """A ready client, or the reason why the kiosk cannot sync (then ``client`` is None)."""

    client: ApiClient | None
    problem: str = ""
    simulator: SimulatorServer | None = field(default=None, repr=False)

    def close(self) -> None:
        """Close the client and stop the training simulator, if any."""
        if self.client is not None:
            self.client.close()
        if self.simulator is not None:
            self.simulator.stop()


def client_for(config: Config, base_url: str, token: str | None) -> ApiClient:
    """An API client with the network settings of ``config``."""
    return ApiClient(
        base_url,
        token=lambda: token,
        ca_bundle=Path(config.ca_bundle) if config.ca_bundle else None,
        proxy=config.proxy,
        user_agent=f"passculture-kiosk/{kiosk.__version__}",
    )


def remember_venue(config: Config, venue: Venue) -> None:
    """Keep the venue a kiosk was just enrolled at: offers are measured from it."""
    remember_kiosk_venue(
        Path(config.data_dir),
        KioskVenue(
            id=venue.id,
            name=venue.public_name or venue.name,
            city=venue.city,
            latitude=venue.latitude,
            longitude=venue.longitude,
            timezone=venue.timezone,
        ),
    )


def connect(config: Config) -> Connection:
    """Connect to where this kiosk syncs from, per ``config``; never raises."""
    if config.training_mode:
        return _training(config)
    try:
        token = SecretStore(config).get_token()
    except SecretStoreError as error:
        return Connection(None, f"secret store: {error}")
    if token is None:
        return Connection(None, "this kiosk is not enrolled: run 'passculture-kiosk enroll'")
    return Connection(client_for(config, config.central_url, token))


def _training(config: Config) -> Connection:
    from kiosk.simulator.server import SimulatorServer

    try:
        simulator = SimulatorServer(Path(config.data_dir) / TRAINING_DATA_DIR).start()
    except (OSError, StorageError) as error:  # a full or read-only data folder
        return Connection(None, f"training simulator cannot start: {error}")
    code = simulator.create_enrollment_code()
    client = client_for(config, simulator.url, None)
    try:
        enrollment = client.enroll(code, config.kiosk_name or "Borne de formation",
                                   kiosk.__version__)
    except ApiError as error:
        simulator.stop()
        return Connection(None, f"training simulator: {error}")
    finally:
        client.close()
    try:
        remember_venue(config, enrollment.venue)
    except StorageError as error:  # a full disk: distances wait for a later start
        log.warning("training mode: the venue cannot be remembered: %s", error)
    log.info("training mode: simulator on %s", simulator.url)
    return Connection(
        client_for(config, simulator.url, enrollment.device_token), simulator=simulator
    )
