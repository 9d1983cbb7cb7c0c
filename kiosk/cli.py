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
from datetime import date
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
    if catalog.in_memory:  # a sync kept in memory would be lost at exit
        catalog.close()
        connection.close()
        return _fail(f"the catalog cannot be written in {cfg.data_dir} (disk full or "
                     "read-only?): see the log")
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
        "outbox: " + ("unknown (not opened yet, or unreadable: see the problems)"
                      if health.outbox_depth is None else f"{health.outbox_depth} waiting"),
        "clock skew: " + ("unknown (no heartbeat yet)" if skew is None else
                          f"{skew:+.1f} s (the PC is {'behind' if skew > 0 else 'ahead of'} "
                          "the central API)"),
        f"disk: {health.free_bytes / 1e9:.1f} GB free for {health.data_dir}",
        f"last crash: {ago(health.last_crash)}",
        f"healthy: {'yes' if health.healthy else 'no'}",
    ]
    return lines + [f"problem: {problem}" for problem in health.problems]


# --- staff and audit --------------------------------------------------------------------------

if TYPE_CHECKING:  # the staff and audit commands import them when run
    from kiosk.audit import AuditJournal
    from kiosk.staff import StaffStore


def _setup_staff(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Manage the kiosk's staff accounts (a referent or IT runs these, as the kiosk's "
        "account). A PIN has 6 to 12 digits and is asked twice without echo; --pin-stdin "
        "reads it once from the first line of stdin, for scripts. Every change goes to the "
        "audit journal. See docs/operations.md."
    )
    actions = parser.add_subparsers(dest="staff_action", metavar="ACTION", required=True)
    for action, text, handler, pin in (
        ("add", "create an account and choose its PIN", _staff_add, True),
        ("list", "list the accounts and the PIN pad's lock", _staff_list, False),
        ("disable", "stop an account from unlocking (kept for the record)", _staff_disable,
         False),
        ("enable", "let a disabled account unlock again", _staff_enable, False),
        ("reset-pin", "give an account a new PIN", _staff_reset_pin, True),
        ("clear-lock", "lift the PIN pad's lock after wrong PINs, now", _staff_clear_lock,
         False),
    ):
        sub = actions.add_parser(action, help=text, description=text)
        if action not in ("list", "clear-lock"):
            sub.add_argument("name", metavar="NAME", help="the staff member's display name")
        if pin:
            sub.add_argument("--pin-stdin", action="store_true",
                             help="read the PIN from the first line of stdin (no prompt)")
        config.add_arguments(sub)
        sub.set_defaults(handler=handler)


def _open_staff(args: argparse.Namespace) -> tuple[StaffStore, AuditJournal]:
    """The staff store of the configured data folder, writing to its audit journal."""
    from kiosk.audit import AuditJournal
    from kiosk.clock import Clock
    from kiosk.staff import StaffStore

    cfg = config.load(config.cli_values(args))
    for problem in cfg.problems:
        print(f"warning: {problem}", file=sys.stderr)
    clock = Clock()
    data_dir = Path(cfg.data_dir)
    journal = AuditJournal(data_dir, clock)
    try:
        return StaffStore(data_dir, clock, journal), journal
    except BaseException:
        journal.close()
        raise


def _read_new_pin(args: argparse.Namespace) -> str:
    """The new PIN: one line of stdin, or typed twice without echo (ValueError if they differ)."""
    from kiosk.staff import check_pin

    if args.pin_stdin:
        line = sys.stdin.readline()
        if not line:
            raise ValueError("no PIN on stdin")
        return line.rstrip("\r\n")
    import getpass

    try:
        first = getpass.getpass("PIN (6 to 12 digits): ")
        check_pin(first)  # say it now rather than after the second entry
        second = getpass.getpass("the same PIN again: ")
    except (EOFError, KeyboardInterrupt):
        raise ValueError("no PIN given: nothing was changed") from None
    if first != second:
        raise ValueError("the two PINs differ: nothing was changed")
    return first


def _staff_command(args: argparse.Namespace, action: Callable[[StaffStore], str]) -> int:
    """Run ``action`` on the store; bad input exits 2, an unusable database 1."""
    from kiosk.storage.db import StorageError

    try:
        store, journal = _open_staff(args)
    except StorageError as error:
        return _fail(str(error))
    try:
        print(action(store))
    except (ValueError, LookupError) as error:
        return _fail(str(error), EXIT_USAGE)
    except StorageError as error:
        return _fail(str(error))
    finally:
        store.close()
        journal.close()
    return EXIT_OK


def _known(store: StaffStore, name: str) -> str:
    """The stored spelling of ``name``; LookupError before any PIN is asked."""
    key = " ".join(name.split()).casefold()
    for account in store.accounts():
        if account.name.casefold() == key:
            return account.name
    raise LookupError(f"no staff account named {name.strip()!r} (see 'staff list')")


def _staff_add(args: argparse.Namespace) -> int:
    from kiosk.staff import check_name

    def add(store: StaffStore) -> str:
        name = check_name(args.name)
        for account in store.accounts():  # said before the PIN is asked
            if account.name.casefold() == name.casefold():
                raise ValueError(f"a staff account named {account.name!r} already exists")
        store.add(name, _read_new_pin(args))
        return f"staff account {name!r} added"

    return _staff_command(args, add)


def _staff_list(args: argparse.Namespace) -> int:
    def listing(store: StaffStore) -> str:
        accounts = store.accounts()
        if not accounts:
            lines = [f"no staff account: add one with '{PROG} staff add NAME'"]
        else:
            width = max(len(a.name) for a in accounts)
            lines = [
                f"{a.name:<{width}}  {'active  ' if a.active else 'disabled'}  "
                f"created {a.created_at.isoformat()}  last unlock "
                f"{a.last_unlock_at.isoformat() if a.last_unlock_at else 'never'}"
                for a in accounts
            ]
        lock = store.lock_state()
        if lock.locked_until is not None:
            lines.append(f"PIN pad: locked until {lock.locked_until.isoformat()} "
                         f"({lock.failures} wrong PINs in a row)")
        else:
            lines.append(f"PIN pad: open ({lock.failures} wrong PINs in a row)")
        return "\n".join(lines)

    return _staff_command(args, listing)


def _staff_clear_lock(args: argparse.Namespace) -> int:
    def clear(store: StaffStore) -> str:
        cleared = store.clear_lockout()
        if cleared.locked_until is not None:
            return (f"PIN pad unlocked (it was locked until {cleared.locked_until.isoformat()} "
                    f"after {cleared.failures} wrong PINs in a row)")
        return f"PIN pad was not locked; {cleared.failures} wrong PINs in a row forgotten"

    return _staff_command(args, clear)


def _staff_disable(args: argparse.Namespace) -> int:
    def disable(store: StaffStore) -> str:
        name = _known(store, args.name)
        store.disable(name)
        return f"staff account {name!r} disabled"

    return _staff_command(args, disable)


def _staff_enable(args: argparse.Namespace) -> int:
    def enable(store: StaffStore) -> str:
        name = _known(store, args.name)
        store.enable(name)
        return f"staff account {name!r} enabled"

    return _staff_command(args, enable)


def _staff_reset_pin(args: argparse.Namespace) -> int:
    def reset(store: StaffStore) -> str:
        name = _known(store, args.name)
        store.reset_pin(name, _read_new_pin(args))
        return f"new PIN set for {name!r}"

    return _staff_command(args, reset)


def _since_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date like 2025-06-01 (YYYY-MM-DD), not {text!r}") from None


def _setup_audit(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check or export the audit journal (staff unlocks, failed PINs, account changes, "
        "pre-registrations; no personal data). See docs/operations.md."
    )
    actions = parser.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="exit 0 if the journal is intact, 1 with one 'problem: …' line each otherwise",
        description="Check every entry's hash chain and the journal's recorded end: detects "
        "edited, removed, reordered and truncated entries.",
    )
    config.add_arguments(verify)
    verify.set_defaults(handler=_audit_verify)
    export = actions.add_parser(
        "export",
        help="write the entries since a date as CSV (stdout by default)",
        description="Write the entries since midnight of DATE (the kiosk's venue's time "
        "zone, UTC when unknown) as CSV with a header; times in the file are UTC.",
    )
    export.add_argument("--since", type=_since_date, required=True, metavar="YYYY-MM-DD",
                        help="first day to export")
    export.add_argument("--output", type=Path, metavar="FILE",
                        help="write to FILE (UTF-8 with a BOM, for spreadsheets) instead of "
                        "stdout")
    config.add_arguments(export)
    export.set_defaults(handler=_audit_export)


def _open_journal(args: argparse.Namespace) -> tuple[AuditJournal, Path]:
    from kiosk.audit import AuditJournal

    cfg = config.load(config.cli_values(args))
    for problem in cfg.problems:
        print(f"warning: {problem}", file=sys.stderr)
    data_dir = Path(cfg.data_dir)
    return AuditJournal(data_dir), data_dir


def _audit_verify(args: argparse.Namespace) -> int:
    from kiosk.storage.db import StorageError

    try:
        journal, _ = _open_journal(args)
    except StorageError as error:
        return _fail(str(error))
    try:
        check = journal.verify()
        print(f"journal: {journal.path} ({check.entries} entries)")
    finally:
        journal.close()
    if check.ok:
        print("journal OK")
        return EXIT_OK
    for problem in check.problems:
        print(f"problem: {problem}")
    return _fail(f"the journal was altered or damaged ({len(check.problems)} problems)")


AUDIT_CSV_COLUMNS = ("sequence", "time_utc", "kind", "staff", "record_id", "detail", "hash")


def _audit_export(args: argparse.Namespace) -> int:
    import csv
    from datetime import UTC, datetime, time
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from kiosk.storage.db import StorageError
    from kiosk.storage.local import kiosk_venue

    try:
        journal, data_dir = _open_journal(args)
    except StorageError as error:
        return _fail(str(error))
    try:
        venue = kiosk_venue(data_dir)
        try:
            zone = ZoneInfo(venue.timezone) if venue is not None else UTC
        except (ZoneInfoNotFoundError, ValueError):
            zone = UTC
        since = datetime.combine(args.since, time(), tzinfo=zone)
        entries = journal.entries(since=since)
    except StorageError as error:
        return _fail(str(error))
    finally:
        journal.close()
    rows = [(e.seq, e.at.isoformat(), e.kind, e.staff or "", e.record_id or "", e.detail or "",
             e.hash) for e in entries]
    if args.output is None:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(AUDIT_CSV_COLUMNS)
        writer.writerows(rows)
        return EXIT_OK
    try:
        with args.output.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(AUDIT_CSV_COLUMNS)
            writer.writerows(rows)
    except OSError as error:
        return _fail(f"cannot write {args.output}: {error}")
    print(f"wrote {len(rows)} entries since {since.isoformat()} to {args.output}")
    return EXIT_OK


# --- outbox ----------------------------------------------------------------------------------


def _setup_outbox(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Deal with damaged outbox files the kiosk moved aside (outbox.sqlite3.corrupt-*, "
        "still encrypted; `status` lists them). See docs/privacy.md, section 7."
    )
    actions = parser.add_subparsers(dest="outbox_action", metavar="ACTION", required=True)
    discard = actions.add_parser(
        "discard-damaged",
        help="delete the damaged outbox files and the keys that sealed them",
        description="List each damaged outbox file with the unsent pre-registrations it "
        "held; with --yes, delete the keys that sealed them from the secret store, then the "
        "files. Do it once support has said no recovery will be tried, and tell the staff, "
        "so that the young people concerned can be asked to register again.",
    )
    discard.add_argument("--yes", action="store_true", help="really delete (else only list)")
    config.add_arguments(discard)
    discard.set_defaults(handler=_outbox_discard_damaged)


def _outbox_discard_damaged(args: argparse.Namespace) -> int:
    from kiosk.audit import AuditJournal
    from kiosk.clock import Clock
    from kiosk.secrets import SecretStore, SecretStoreError
    from kiosk.storage.db import StorageError
    from kiosk.storage.outbox import (
        OutboxError,
        damaged_outbox_files,
        discard_damaged,
        inspect_damaged,
    )

    cfg = config.load(config.cli_values(args))
    found = [inspect_damaged(path) for path in damaged_outbox_files(Path(cfg.data_dir))]
    if not found:
        print("no damaged outbox file")
        return EXIT_OK
    for damaged in found:
        unsent = "an unknown number of" if damaged.unsent is None else str(damaged.unsent)
        keys = ("its keys can be found" if damaged.key_names is not None else
                "its keys cannot be named (damaged): they will stay in the secret store")
        print(f"{damaged.path}: {unsent} unsent pre-registrations; {keys}")
    if not args.yes:
        print("nothing deleted: run again with --yes to delete these files and their keys")
        return EXIT_OK
    try:
        store = SecretStore(cfg)
        journal = AuditJournal(Path(cfg.data_dir), Clock())
    except (SecretStoreError, StorageError) as error:
        return _fail(str(error))
    try:
        for damaged in found:
            deleted = discard_damaged(damaged, store)
            journal.append("outbox_discarded", detail=f"{damaged.path.name}: "
                           f"{damaged.unsent} unsent, {deleted} keys deleted")
            print(f"deleted {damaged.path.name} and {deleted} key(s) from the secret store")
    except (OutboxError, StorageError) as error:
        return _fail(str(error))
    finally:
        journal.close()
    return EXIT_OK


_COMMAND_LIST: tuple[Command, ...] = (
    Command("config", "show, check and locate the configuration", _setup_config),
    Command("simulator", "serve the reference central API with demo data", _setup_simulator),
    Command("enroll", "enroll this kiosk with a one-time code from the back office", _setup_enroll),
    Command("sync", "synchronise the local catalog with the central API once", _setup_sync),
    Command("status", "print the kiosk's health; non-zero exit when unhealthy", _setup_status),
    Command("staff", "add, list, disable, enable staff accounts and reset their PIN", _setup_staff),
    Command("audit", "verify the audit journal or export it as CSV", _setup_audit),
    Command("outbox", "delete damaged outbox files and their keys", _setup_outbox),
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
