"""Security checks (issue 9, item 6): nothing for a disk thief, a log reader or a PIN guesser.

Nor for a network attacker or a visitor on the venue's network, each test says:

(a) planted personal data never lies in clear in any file the kiosk writes (data, cache,
    logs, temp), -wal/-shm included, nor in the log text;
(b) the staff PIN pad locks under brute force, longer and longer, and refuses even the right
    PIN while locked;
(c) the device token is never logged, even at DEBUG;
(d) TLS verification cannot be turned off, and http:// to a non-loopback host is refused;
(e) the simulator's /admin routes answer loopback callers only.
The dependency audit (pip-audit) is in test_dependency_audit.py.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import socket
import ssl
import tempfile
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk import cli
from kiosk import config as kiosk_config
from kiosk.api.client import ApiClient, check_url
from kiosk.api.errors import ApiError
from kiosk.api.resilience import RetryPolicy
from kiosk.clock import Clock
from kiosk.health import heartbeat_health
from kiosk.logs import setup_logging, shutdown_logging
from kiosk.secrets import SecretStore
from kiosk.simulator.app import create_app
from kiosk.simulator.server import SimulatorServer
from kiosk.staff import LOCKOUT_DELAYS, LOCKOUT_THRESHOLD, StaffStore
from kiosk.sync.connection import Connection, client_for
from tests.ui import conftest as ui_fixtures
from tests.ui import test_assisted as assisted

# The UI fixtures (a real kiosk window) and the assisted flow's, used here as they are.
qapp_cls = ui_fixtures.qapp_cls
qapp_args = ui_fixtures.qapp_args
_qt_environment = ui_fixtures._qt_environment
make_kiosk = ui_fixtures.make_kiosk
demo_data = ui_fixtures.demo_data
online = ui_fixtures.training_connection

PERSON = assisted.PERSON
OFFLINE_EMAIL = "lou.offline.planted@gmail.com"
#: What is typed into the form and must never be found in clear on disk or in a log.
PLANTED = [PERSON["email"], OFFLINE_EMAIL, PERSON["last"], "Plantée", PERSON["street"],
           "rue des Plantes"]
LOOPBACK_ONLY_ADMIN = [
    ("GET", "/admin/"), ("GET", "/admin/devices"), ("GET", "/admin/enrollment-codes"),
    ("POST", "/admin/enrollment-codes"), ("GET", "/admin/preregistrations"),
    ("GET", "/admin/faults"), ("POST", "/admin/faults"), ("DELETE", "/admin/faults"),
    ("GET", "/admin/fleet"), ("GET", "/admin/heartbeats"), ("POST", "/admin/compact"),
    ("POST", "/admin/devices/1/revoke"), ("DELETE", "/admin/offers/1"),
]


def _files_holding(root: Path, secrets: list[str]) -> list[str]:
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for secret in secrets:
            for encoded in {secret.encode("utf-8"), secret.encode("utf-16-le")}:
                if encoded in data:
                    found.append(f"{secret!r} in clear in {path.relative_to(root)}")
    return found


@pytest.fixture
def debug_log(private_dirs: Path) -> Iterator[Path]:
    """The kiosk's own log file set-up (scrubbing filter included), at DEBUG."""
    path = setup_logging(private_dirs / "log", "DEBUG")
    yield path
    shutdown_logging()
    logging.getLogger().setLevel(logging.WARNING)


@pytest.fixture
def private_tmp(private_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary files of Python and Qt go under this test's folder, to be scanned too."""
    folder = private_dirs / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


# --- (a) planted data ------------------------------------------------------------------------


def test_planted_personal_data_is_nowhere_in_clear(
        qtbot, make_kiosk, private_dirs: Path, private_tmp: Path, debug_log: Path,
        online: Connection, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    # Sent: the training simulator acknowledges it.
    sent = assisted._unlocked(qtbot, make_kiosk, private_dirs, online)
    assisted._fill_everything(qtbot, sent)
    assisted._press(qtbot, sent, "sendButton")
    qtbot.waitUntil(lambda: sent.assisted.step == "result", timeout=10000)
    assert sent.assisted.outcome["status"] == "sent"
    sent.close()
    sent.close = lambda: None  # type: ignore[method-assign]  # make_kiosk closes it again
    # Queued: a second kiosk on the same folders, offline, keeps it in the outbox.
    # The staff account made by the first kiosk's set-up is reused.
    queued = make_kiosk(second_ms=ui_fixtures.FAST_SECOND_MS,
                        clock=Clock(frozen_at=assisted.NOW), connection=None)
    queued.staff.openPad()
    qtbot.waitUntil(lambda: queued.staff.padOpen, timeout=2000)
    for digit in assisted.PIN:
        ui_fixtures.tap(qtbot, queued, f"digit_{digit}")
    ui_fixtures.tap(qtbot, queued, "pinSubmit")
    qtbot.waitUntil(lambda: queued.staff.unlocked, timeout=5000)
    assisted._fill_everything(qtbot, queued, email=OFFLINE_EMAIL)
    assisted._press(qtbot, queued, "sendButton")
    qtbot.waitUntil(lambda: queued.assisted.step == "result", timeout=10000)
    assert queued.assisted.outcome["status"] == "queued"
    assert queued.outbox is not None and queued.outbox.depth() == 1
    # Scan while the kiosk still runs (its -wal/-shm files exist now), then after closing.
    online.close()  # the training simulator stands for the central service: not the kiosk's
    training_db = private_dirs / "data" / "training-simulator"
    scanned = [p for p in private_dirs.rglob("*") if p.is_file()]
    print(f"FIGURE security_scanned_files={len(scanned)} "
          f"wal_shm={sum(p.name.endswith(('-wal', '-shm')) for p in scanned)}")
    found = [hit for hit in _files_holding(private_dirs, PLANTED)
             if not hit.split(" in clear in ")[1].startswith(training_db.name)
             and "training-simulator" not in hit]
    assert not found, found
    queued.close()
    queued.close = lambda: None  # type: ignore[method-assign]
    everywhere = _files_holding(private_dirs, PLANTED)
    found = [hit for hit in everywhere if "training-simulator" not in hit]
    # The training simulator plays the central service, which keeps what it received.
    print(f"FIGURE planted_hits_kiosk={len(found)} planted_hits_training_simulator="
          f"{len(everywhere) - len(found)}")
    assert not found, found
    log_text = debug_log.read_text(encoding="utf-8")
    assert log_text.strip(), "the flow logged nothing: the scan proves nothing"
    for secret in PLANTED:
        assert secret not in log_text, f"{secret!r} in the log file"
    raw = "\n".join(record.getMessage() for record in caplog.records)
    for secret in PLANTED:
        assert secret not in raw, f"{secret!r} in a log message (before scrubbing)"


# --- (b) PIN brute force ---------------------------------------------------------------------


def test_pin_brute_force_is_locked_out_longer_and_longer(private_dirs: Path) -> None:
    now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    clock = Clock(frozen_at=now)
    with StaffStore(private_dirs / "data", clock, cost=assisted.TEST_COST) as store:
        store.add("Camille", assisted.PIN)
        delays: list[timedelta] = []
        refused_while_locked = 0
        for attempt in range(1, 11):
            wrong = f"{100000 + attempt:06d}"
            result = store.unlock(wrong)
            assert not result.ok and result.failures == attempt
            if attempt < LOCKOUT_THRESHOLD:
                assert result.locked_until is None
                continue
            assert result.locked_until is not None
            delay = result.locked_until - clock.now()
            delays.append(delay)
            # During the lock even the right PIN is refused, and nothing is counted.
            assert not store.unlock(assisted.PIN).ok
            assert not store.unlock(wrong).ok
            refused_while_locked += 2
            assert store.lock_state().failures == attempt
            clock.freeze(result.locked_until + timedelta(seconds=1))
        assert delays == list(LOCKOUT_DELAYS[:6])
        assert all(later > earlier for earlier, later in zip(delays, delays[1:], strict=False))
        # Only after the lock ends does the right PIN open it, and the counter starts over.
        assert store.unlock(assisted.PIN).ok
        assert store.lock_state().failures == 0
    total = sum(delays, timedelta())
    print(f"FIGURE pin_bruteforce_delays_s={[int(d.total_seconds()) for d in delays]} "
          f"locked_total_s={int(total.total_seconds())} refused_while_locked="
          f"{refused_while_locked}")


def test_a_restart_does_not_lift_the_lock(private_dirs: Path) -> None:
    clock = Clock(frozen_at=datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    with StaffStore(private_dirs / "data", clock, cost=assisted.TEST_COST) as store:
        store.add("Camille", assisted.PIN)
        for attempt in range(LOCKOUT_THRESHOLD):
            store.unlock(f"{200000 + attempt:06d}")
    with StaffStore(private_dirs / "data", clock, cost=assisted.TEST_COST) as store:
        assert store.lock_state().locked_until is not None
        assert not store.unlock(assisted.PIN).ok


# --- (c) the device token --------------------------------------------------------------------


@pytest.fixture
def simulator(tmp_path: Path) -> Iterator[SimulatorServer]:
    server = SimulatorServer(tmp_path / "central").start()
    yield server
    server.stop()


def simulator_devices(server: SimulatorServer) -> list[dict[str, object]]:
    answer = requests.get(f"{server.url}/admin/devices", timeout=10)
    answer.raise_for_status()
    return list(answer.json())


def test_the_device_token_is_never_logged(
        simulator: SimulatorServer, debug_log: Path, private_dirs: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("PCK_SECRETS_BACKEND", "file")
    monkeypatch.setenv("PCK_ALLOW_PLAINTEXT_SECRETS", "1")
    monkeypatch.setenv("PCK_CENTRAL_URL", simulator.url)
    monkeypatch.setenv("PCK_LOG_LEVEL", "DEBUG")
    code = simulator.create_enrollment_code()
    assert cli.main(["enroll", "--server", simulator.url, "--code", code]) == 0
    assert cli.main(["sync", "--once"]) == 0
    token = SecretStore(kiosk_config.load()).get_token()
    assert token
    # A heartbeat, then the same token revoked: the 401 path must not name it either.
    with client_for(kiosk_config.load(), simulator.url, token) as client:
        client.heartbeat({"version": "0.1.0", "uptime": 1, "outboxDepth": 0,
                          **heartbeat_health(kiosk_config.load())})
        device = simulator_devices(simulator)[0]["id"]
        requests.post(f"{simulator.url}/admin/devices/{device}/revoke", timeout=10)
        with pytest.raises(ApiError):
            client.config()
    out, err = capsys.readouterr()
    logs = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in (private_dirs / "log").iterdir() if p.is_file())
    assert "GET" in logs or "sync" in logs.lower(), "nothing was logged at DEBUG"
    raw = "\n".join(record.getMessage() for record in caplog.records)
    for where, text in {"log files": logs, "log records": raw, "stdout": out,
                        "stderr": err}.items():
        assert token not in text, f"the device token is in the {where}"
    # Nor is it in clear anywhere but the secret store the test chose (the plain-text file).
    holders = [p.relative_to(private_dirs) for p in private_dirs.rglob("*")
               if p.is_file() and token.encode() in p.read_bytes()]
    print(f"FIGURE token_log_lines={logs.count(chr(10))} token_files={holders}")
    assert all("secret" in str(path).lower() for path in holders), holders


# --- (d) TLS ---------------------------------------------------------------------------------


_DISABLING_ENV = {
    "CURL_CA_BUNDLE": "",  # requests < 2.32 turned verification off with this
    "REQUESTS_CA_BUNDLE": "",
    "PYTHONHTTPSVERIFY": "0",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "PCK_VERIFY": "0", "PCK_TLS_VERIFY": "0", "PCK_INSECURE": "1", "PCK_SSL_VERIFY": "false",
}


def test_no_option_can_turn_tls_verification_off() -> None:
    names = {option.name for option in kiosk_config.OPTIONS}
    suspicious = {n for n in names if any(w in n for w in ("verify", "insecure", "ssl", "tls"))}
    assert not suspicious, suspicious
    assert {"ca_bundle", "proxy"} <= names  # the only TLS-related options: they add trust


@pytest.mark.parametrize("url", ["http://example.org", "http://10.0.0.5:8080/api",
                                 "http://192.168.1.1", "http://[2001:db8::1]/",
                                 "http://127.0.0.1.example.org", "ftp://example.org",
                                 "https://user:pw@example.org"])
def test_clear_or_odd_urls_to_other_hosts_are_refused(url: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError):
        check_url(url)
    with pytest.raises(ValueError):
        ApiClient(url)
    monkeypatch.setenv("PCK_SECRETS_BACKEND", "file")
    monkeypatch.setenv("PCK_ALLOW_PLAINTEXT_SECRETS", "1")
    assert cli.main(["enroll", "--server", url, "--code", "ABCD-1234"]) == cli.EXIT_USAGE


def test_https_to_example_org_always_verifies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in _DISABLING_ENV.items():
        monkeypatch.setenv(name, value)
    config = kiosk_config.load({})
    with client_for(config, "https://example.org", "x" * 43) as client:
        session = client._session
        assert session.trust_env is False
        adapter = session.get_adapter("https://example.org/kiosk/v1/config")
        context = adapter._context
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
        # The session's own verify flag is ignored by the adapter: still verified.
        session.verify = False
        connection = type("Conn", (), {})()
        adapter.cert_verify(connection, "https://example.org/", False, None)
        assert connection.cert_reqs == "CERT_REQUIRED"


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.DNSName("localhost"),
                 x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_a_self_signed_server_is_rejected_whatever_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real TLS handshake with an untrusted certificate fails, env vars or not."""
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    handshakes: list[str] = []

    def serve() -> None:
        listener.settimeout(10)
        try:
            raw, _ = listener.accept()
        except OSError:
            return
        with raw:
            try:
                with context.wrap_socket(raw, server_side=True) as tls:
                    tls.recv(1024)
                    handshakes.append("completed")
            except (ssl.SSLError, OSError) as error:
                handshakes.append(type(error).__name__)

    thread = threading.Thread(target=serve, name="tls-test-server")
    thread.start()
    for name, value in _DISABLING_ENV.items():
        if name != "HTTPS_PROXY":
            monkeypatch.setenv(name, value)
    try:
        with ApiClient(f"https://127.0.0.1:{port}", token=lambda: "x" * 43,
                       retry=RetryPolicy(attempts=1), breaker=None) as client:
            client._session.verify = False
            with pytest.raises(ApiError) as caught:
                client.enroll("ABCD-1234", "tls-test", "0")
    finally:
        listener.close()
        thread.join(10)
    assert "certificate" in str(caught.value).lower(), caught.value
    assert handshakes != ["completed"]
    print(f"FIGURE tls_self_signed_refused=1 error={str(caught.value)[:80]!r}")


# --- (e) the simulator's admin routes ------------------------------------------------------


@pytest.mark.parametrize("remote", ["192.168.1.20", "10.0.0.7", "203.0.113.9",
                                    "::ffff:192.168.1.20", "2001:db8::5"])
def test_admin_routes_refuse_other_hosts(remote: str, tmp_path: Path) -> None:
    app = create_app(tmp_path / "central", scale=100)
    client = app.test_client()
    codes = {}
    for method, path in LOOPBACK_ONLY_ADMIN:
        answer = client.open(path, method=method, json={} if method == "POST" else None,
                             environ_base={"REMOTE_ADDR": remote})
        codes[f"{method} {path}"] = answer.status_code
    assert all(code in (403, 404) for code in codes.values()), codes
    assert 403 in codes.values()
    # The same call from loopback works: the refusal is about the caller, not the route.
    local = client.get("/admin/devices", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert local.status_code == 200


def test_the_simulator_binds_loopback_by_default(tmp_path: Path) -> None:
    server = SimulatorServer(tmp_path / "central", scale=100).start()
    try:
        assert server.url.startswith("http://127.0.0.1:")
    finally:
        server.stop()
