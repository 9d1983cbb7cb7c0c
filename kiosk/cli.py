"""Commands that need no screen: ``passculture-kiosk <command> …`` (config, simulator, enroll).

The GUI launcher hands ``argv`` to :func:`main` when ``argv[0]`` is in :data:`COMMANDS`.
To add a command, write a ``_setup_<name>(parser)`` that adds its arguments and sets
``handler`` with ``parser.set_defaults(handler=…)``, then list it in ``_COMMAND_LIST``.
Import heavy modules (the simulator, requests) inside the handler, so that ``config check``
stays fast. Output is English for IT, one fact per line; handlers return the exit code.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import kiosk
from kiosk import config

if TYPE_CHECKING:  # the status command imports it when run
    from kiosk.health import Health

PROG = "passculture-kiosk"
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_CONFIG_PROBLEMS = 2

Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    """A top-level subcommand: its name, one line of help, and the function that sets it up."""

    name: str
    help: str
    setup: Callable[[argparse.ArgumentParser], None]


# --- config -----------------------------------------------------------------------------------


def _setup_config(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="config_action", metavar="ACTION", required=True)
    show = actions.add_parser(
        "show",
        help="print every option with its value and its source",
        description="Print every option as 'name = value  # source' (TOML), then one "
        "'error: …' line per problem. Accepts the kiosk's flags.",
    )
    config.add_arguments(show)
    show.set_defaults(handler=_config_show)
    check = actions.add_parser(
        "check",
        help="exit 0 if the configuration has no problem, 2 otherwise",
        description="Print 'configuration OK' and exit 0, or print one 'error: …' line per "
        "problem on stderr and exit 2. Accepts the kiosk's flags, to check a command line.",
    )
    config.add_arguments(check)
    check.set_defaults(handler=_config_check)
    path = actions.add_parser("path", help="print the system and user configuration files")
    path.set_defaults(handler=_config_path)


def _problem_line(problem: config.ConfigProblem) -> str:
    return f"error: {problem}"


def _config_show(args: argparse.Namespace) -> int:
    cfg = config.load(config.cli_values(args))
    rows = [(o.name, config.format_value(o, value), source) for o, value, source in cfg.items()]
    name_width = max(len(name) for name, _, _ in rows)
    value_width = min(max(len(value) for _, value, _ in rows), 40)
    for name, value, source in rows:
        print(f"{name:<{name_width}} = {value:<{value_width}}  # {source}")
    for problem in cfg.problems:
        print(_problem_line(problem))
    return EXIT_OK


def _config_check(args: argparse.Namespace) -> int:
    cfg = config.load(config.cli_values(args))
    if not cfg.problems:
        print("configuration OK")
        return EXIT_OK
    for problem in cfg.problems:
        print(_problem_line(problem), file=sys.stderr)
    return EXIT_CONFIG_PROBLEMS


def _file_state(path: Path) -> str:
    if path.is_file():
        return "found"
    return "not a file" if path.exists() else "missing"


def _config_path(args: argparse.Namespace) -> int:
    for label, path, variable in (
        ("system file", config.system_config_path(), config.SYSTEM_CONFIG_ENV),
        ("user file", config.user_config_path(), config.USER_CONFIG_ENV),
    ):
        origin = f", set by {variable}" if os.environ.get(variable) else ""
        print(f"{label}: {path} ({_file_state(path)}{origin})")
    return EXIT_OK


# --- simulator --------------------------------------------------------------------------------


def _setup_simulator(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Serve the reference central API (demo data, fault injection) until Ctrl-C. "
        "Admin routes under /admin answer on loopback only."
    )
    parser.add_argument("--port", type=int, default=8765, help="port to listen on (0: any)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: loopback only)"
    )
    parser.add_argument(
        "--data",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder of the simulator's database (created, then reused)",
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=None,
        metavar="OFFERS",
        help="number of offers to generate (default 2400)",
    )
    parser.add_argument("--seed", type=int, default=42, help="seed of the demo data and faults")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="ROUTE=KIND[:PARAM]",
        help="inject a fault, e.g. '/kiosk/v1/*=error:503,rate=0.3' "
        "(kinds: latency error reset truncate malformed schema drip skew)",
    )
    parser.set_defaults(handler=_simulator)


def _simulator(args: argparse.Namespace) -> int:
    # Imported here: Flask and the simulator must not slow down the other commands.
    from kiosk.simulator.data import DEMO_ENROLLMENT_CODE, DEMO_VENUE_ID
    from kiosk.simulator.faults import FaultPlan, FaultSpecError
    from kiosk.simulator.server import SimulatorServer

    try:
        plan = FaultPlan.parse(args.fault, seed=args.seed)
        server = SimulatorServer(
            args.data,
            host=args.host,
            port=args.port,
            seed=args.seed,
            scale=args.scale,
            faults=plan,
        ).bind()  # generates the demo data if needed, then binds: errors surface here
    except (FaultSpecError, ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"demo venue: {DEMO_VENUE_ID}; demo enrollment code: {DEMO_ENROLLMENT_CODE}")
    for rule in plan.rules:
        print(f"fault: {rule}")
    print(f"simulator listening on {server.url} (data in {args.data})", flush=True)
    # A service manager stops us with SIGTERM: leave as cleanly as on Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


# --- enroll -----------------------------------------------------------------------------------

ENROLL_TIMEOUTS = (10.0, 30.0)


def _setup_enroll(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Enroll this kiosk with a one-time code from the venue's back office: the device "
        "token goes to the secret store chosen by secrets_backend, and the venue the kiosk "
        "is bound to is printed. Accepts the kiosk's flags (e.g. --ca-bundle, --proxy)."
    )
    parser.add_argument(
        "--server", metavar="URL", help="central API address (default: the central_url option)"
    )
    parser.add_argument("--code", required=True, help="the one-time enrollment code")
    parser.add_argument(
        "--name",
        help="name of this kiosk in monitoring (default: the kiosk_name option, else the "
        "computer's name)",
    )
    config.add_arguments(parser)
    parser.set_defaults(handler=_enroll)


def _fail(message: str, code: int = EXIT_FAILURE) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _enroll(args: argparse.Namespace) -> int:
    # Imported here: requests and keyring must not slow down the other commands.
    import socket

    from kiosk.api.client import ApiClient
    from kiosk.api.errors import ApiError, RateLimited, Rejected, Unreachable
    from kiosk.api.resilience import RetryPolicy
    from kiosk.secrets import SecretStore, SecretStoreError
    from kiosk.sync.connection import remember_venue

    cfg = config.load(config.cli_values(args))
    for problem in cfg.problems:
        print(f"warning: {problem}", file=sys.stderr)
    server = (args.server or cfg.central_url).strip()
    if not server:
        return _fail("no server: pass --server URL or set the central_url option", EXIT_USAGE)
    code = args.code.strip()
    if not code:
        return _fail("the enrollment code is empty", EXIT_USAGE)
    name = (args.name or cfg.kiosk_name or socket.gethostname() or "Borne").strip()[:80]
    # The secret store is checked before the code is spent: a code works only once.
    try:
        store = SecretStore(cfg)
        previous = store.get_token()
    except SecretStoreError as error:
        return _fail(f"{error} (the code was not used)")
    try:
        client = ApiClient(
            server,
            timeouts=ENROLL_TIMEOUTS,
            ca_bundle=cfg.ca_bundle,
            proxy=cfg.proxy,
            retry=RetryPolicy(attempts=1),  # spending a code is not idempotent
        )
    except ValueError as error:
        return _fail(str(error), EXIT_USAGE)
    try:
        with client:
            enrollment = client.enroll(code, name, kiosk.__version__)
    except Rejected as error:
        if error.code == "ENROLLMENT_CODE_ALREADY_USED":
            return _fail(
                "this enrollment code was already used: ask the venue's back office for a new one"
            )
        if error.code == "INVALID_ENROLLMENT_CODE":
            return _fail(
                "this enrollment code is unknown: check it, or ask the venue's back office for "
                "a new one"
            )
        return _fail(f"the server refused the enrollment: {error}")
    except RateLimited as error:
        wait = f" {error.retry_after:.0f} s" if error.retry_after is not None else " a minute"
        return _fail(f"too many failed attempts from this address: wait{wait}, then retry")
    except Unreachable as error:
        return _fail(
            f"cannot reach {server}: {error}. If the server received the request, the code "
            "may be spent: ask for a new one if the next try says so"
        )
    except ApiError as error:
        return _fail(f"the enrollment failed: {error}")
    try:
        store.set_token(enrollment.device_token)
    except SecretStoreError as error:
        return _fail(
            f"enrolled as device {enrollment.device_id}, but the token could not be kept: "
            f"{error}. Fix the secret store, then enroll again with a new code"
        )
    venue = enrollment.venue
    remember_venue(cfg, venue)
    print(f"enrolled: device {enrollment.device_id}, named {name!r}")
    print(f"venue: {venue.name} ({venue.city or 'no city'}), id {venue.id}")
    print(f"device token stored in: {store.backend_name}")
    if previous is not None:
        print("note: the previous device token was replaced")
    if server.rstrip("/") != cfg.central_url.rstrip("/"):
        print(
            f"note: set central_url = {server!r} in the system configuration file so that the "
            "kiosk uses this server"
        )
    return EXIT_OK


# --- dispatch ---------------------------------------------------------------------------------

def _setup_sync(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Run one synchronisation with the central API (the built-in simulator in training "
        "mode), print what changed, and exit non-zero when the central API could not be "
        "reached or answered nonsense. For IT and monitoring."
    )
    parser.add_argument("--once", action="store_true", required=True,
                        help="sync once and exit (the kiosk itself syncs on a schedule)")
    config.add_arguments(parser)
    parser.set_defaults(handler=_sync)


def _sync(args: argparse.Namespace) -> int:
    # Imported here: requests and the simulator must not slow down the other commands.
    from kiosk.clock import Clock
    from kiosk.health import heartbeat_health
    from kiosk.storage.catalog import CATALOG_FILE_NAME, open_catalog
    from kiosk.storage.images import open_image_cache
    from kiosk.storage.local import kiosk_venue
    from kiosk.sync.connection import connect
    from kiosk.sync.engine import sync_once

    cfg = config.load(config.cli_values(args))
    for problem in cfg.problems:
        print(f"warning: {problem}", file=sys.stderr)
    connection = connect(cfg)
    if connection.client is None:
        return _fail(connection.problem)
    catalog = open_catalog(Path(cfg.data_dir) / CATALOG_FILE_NAME)
    images = open_image_cache(cfg)
    try:
        venue = kiosk_venue(Path(cfg.data_dir))
        if venue is not None:
            catalog.set_origin(*(venue.origin or (None, None)))
        report = sync_once(connection.client, catalog, Clock(), images=images,
                           health=lambda: heartbeat_health(cfg))
    finally:
        images.close()
        catalog.close()
        connection.close()
    for step in report.steps:
        print(step)
    print(f"offers: +{report.offers_upserted} -{report.offers_deleted}, "
          f"venues: +{report.venues_upserted} -{report.venues_deleted}, "
          f"skipped: {report.skipped_items}, bookable now: {report.offers_total}")
    if not report.ok:
        return _fail(f"sync failed: {report.error}")
    print("sync OK")
    return 0


def _setup_status(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Print the kiosk's health (version, mode, enrollment and venue, last sync, catalog, "
        "outbox, clock skew, disk, last crash) and exit 1 when something needs attention, "
        "with one 'problem: …' line each. Reads local files only. See docs/operations.md."
    )
    parser.add_argument("--json", action="store_true", help="one JSON object, for monitoring")
    config.add_arguments(parser)
    parser.set_defaults(handler=_status)


def _status(args: argparse.Namespace) -> int:
    import json

    from kiosk.health import check_health

    health = check_health(config.load(config.cli_values(args)))
    if args.json:
        print(json.dumps(health.as_dict(), ensure_ascii=False))
    else:
        for line in _status_lines(health):
            print(line)
    return 0 if health.healthy else EXIT_FAILURE


def _status_lines(health: Health) -> list[str]:
    """``status``'s text: one fact per line, then one line per problem."""
    from datetime import UTC, datetime

    def ago(iso: str | None) -> str:
        if iso is None:
            return "never"
        seconds = max(0, int((datetime.now(UTC) - datetime.fromisoformat(iso)).total_seconds()))
        age = (f"{seconds // 86400} d" if seconds >= 86400 else
               f"{seconds // 3600} h" if seconds >= 3600 else f"{seconds // 60} min")
        return f"{iso} ({age} ago)"

    venue = health.venue
    skew = health.clock_skew_seconds
    lines = [
        f"version: {health.version}",
        f"mode: {health.mode}",
        "enrolled: " + {None: "not needed (training mode)", True: "yes", False: "no"}[
            health.enrolled],
        "venue: " + (f"{venue.get('name')} ({venue.get('city') or 'no city'}), id {venue['id']}"
                     if venue else "unknown (not recorded at enrollment)"),
        f"last sync: {ago(health.last_sync)}",
        f"catalog: {health.bookable_offers} bookable offers, {health.venues} venues",
        "outbox: " + ("unknown (no outbox in this version)" if health.outbox_depth is None
                      else f"{health.outbox_depth} waiting"),
        "clock skew: " + ("unknown (no heartbeat yet)" if skew is None else
                          f"{skew:+.1f} s (the PC is {'behind' if skew > 0 else 'ahead of'} "
                          "the central API)"),
        f"disk: {health.free_bytes / 1e9:.1f} GB free for {health.data_dir}",
        f"last crash: {ago(health.last_crash)}",
        f"healthy: {'yes' if health.healthy else 'no'}",
    ]
    return lines + [f"problem: {problem}" for problem in health.problems]


_COMMAND_LIST: tuple[Command, ...] = (
    Command("config", "show, check and locate the configuration", _setup_config),
    Command("simulator", "serve the reference central API with demo data", _setup_simulator),
    Command("enroll", "enroll this kiosk with a one-time code from the back office", _setup_enroll),
    Command("sync", "synchronise the local catalog with the central API once", _setup_sync),
    Command("status", "print the kiosk's health; non-zero exit when unhealthy", _setup_status),
)

COMMANDS: frozenset[str] = frozenset(command.name for command in _COMMAND_LIST)
"""Names of the subcommands; the GUI launcher dispatches here when argv[0] is one of them."""


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of every subcommand (also used to render ``--help``)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="pass Culture kiosk: commands for IT that need no screen. "
        "Without a command, the kiosk itself starts.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {kiosk.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in _COMMAND_LIST:
        sub = commands.add_parser(command.name, help=command.help, description=command.help)
        command.setup(sub)
    return parser


def _safe_output() -> None:
    # A path or a kiosk name must not crash the output on a console that cannot show it.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (2 for a usage error, like argparse)."""
    _safe_output()
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as exit_:  # --help, --version and usage errors
        code = exit_.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_USAGE)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
