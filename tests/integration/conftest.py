"""Fixtures for tests that talk to the simulator over real HTTP on 127.0.0.1.

The demo data is generated once per session into a template folder; each server gets a
copy, so tests that change data (admin writes, enrollments) never see each other's changes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.simulator.app import DATABASE_NAME, create_app, simulator_of
from kiosk.simulator.server import SimulatorServer


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the default demo data (seed 42), generated once."""
    folder = tmp_path_factory.mktemp("simulator-template")
    simulator_of(create_app(folder)).close()
    return folder


def copy_data(template: Path, target: Path) -> Path:
    """A private copy of the template's database in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(template / DATABASE_NAME, target / DATABASE_NAME)
    return target


@dataclass
class Kiosk:
    """An enrolled device on a running simulator."""

    server: SimulatorServer
    device_id: str
    token: str

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return requests.get(self.url + path, headers=headers, timeout=10, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return requests.post(self.url + path, headers=headers, timeout=10, **kwargs)

    def admin(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return requests.request(method, self.url + "/admin" + path, timeout=10, **kwargs)


def enroll(server: SimulatorServer, name: str = "Borne de test") -> Kiosk:
    """Enroll a new device with a fresh code."""
    code = server.create_enrollment_code()
    answer = requests.post(
        server.url + "/kiosk/v1/devices/enroll",
        json={"code": code, "kioskName": name, "version": "0.1.0"},
        timeout=10,
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    return Kiosk(server, body["deviceId"], body["deviceToken"])


@pytest.fixture(scope="module")
def module_server(
    template_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SimulatorServer]:
    """One simulator shared by a module's read-mostly tests (faults cleared after each)."""
    server = SimulatorServer(copy_data(template_dir, tmp_path_factory.mktemp("sim"))).start()
    yield server
    server.stop()


@pytest.fixture
def shared(module_server: SimulatorServer) -> Iterator[SimulatorServer]:
    """The module's simulator, with no fault left behind by the test."""
    yield module_server
    module_server.faults.clear()


@pytest.fixture
def server(template_dir: Path, tmp_path: Path) -> Iterator[SimulatorServer]:
    """A simulator of the test's own (fresh copy of the demo data)."""
    simulator = SimulatorServer(copy_data(template_dir, tmp_path / "sim")).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def kiosk(server: SimulatorServer) -> Kiosk:
    """An enrolled device on the test's own simulator."""
    return enroll(server)
