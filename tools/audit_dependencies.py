"""Dependency audit (``make lint``): no installed package has a known vulnerability.

Runs pip-audit over the environment the kiosk is built and tested in, against PyPI's
advisory data, and reads its JSON report so that three outcomes stay apart:

* known vulnerabilities: listed with their fixed versions, exit 1;
* an audit of every package with none found: exit 0;
* nothing audited (an offline machine, or a mirror that serves PyPI's per-release JSON
  pages as "not found", as on the development machines here): that is no audit at all,
  so it is said loudly on stderr, and exit 0 unless ``--strict`` (or ``AUDIT_STRICT=1``),
  where it is exit 2 — release builds run strict.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT_S = 300


class AuditError(Exception):
    """pip-audit is missing or could not produce a report; the message says why."""


@dataclass
class AuditReport:
    """What pip-audit found: vulnerable packages and the packages it could not audit."""

    packages: int = 0
    vulnerable: list[str] = field(default_factory=list)
    not_audited: dict[str, str] = field(default_factory=dict)

    @property
    def audited(self) -> int:
        """How many packages were really checked against the advisory data."""
        return self.packages - len(self.not_audited)


def parse_report(text: str) -> AuditReport:
    """Read pip-audit's ``--format json`` output."""
    data = json.loads(text)
    packages = data["dependencies"] if isinstance(data, dict) else data
    report = AuditReport(packages=len(packages))
    for package in packages:
        if package.get("skip_reason"):
            report.not_audited[package["name"]] = package["skip_reason"]
        for vuln in package.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions") or ["no fixed version yet"])
            report.vulnerable.append(
                f"{package['name']} {package['version']}: {vuln['id']} (fixed in {fixed})"
            )
    return report


def pip_audit_command() -> list[str]:
    """pip-audit beside this interpreter (the project's venv)."""
    beside = Path(sys.executable).with_name("pip-audit")
    if beside.exists():
        return [str(beside)]
    raise AuditError("pip-audit is not installed: pip install -e '.[dev]'")


def run_audit() -> AuditReport:
    """Audit the running interpreter's environment (editable installs excluded)."""
    command = [*pip_audit_command(), "--format", "json", "--progress-spinner", "off",
               "--skip-editable"]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S,
                             check=False)
    except subprocess.TimeoutExpired:
        raise AuditError(f"pip-audit did not finish in {TIMEOUT_S} s") from None
    # pip-audit exits 1 when it found vulnerabilities; anything else without a report failed.
    if run.returncode not in (0, 1) or not run.stdout.strip():
        raise AuditError(f"pip-audit failed (exit {run.returncode}): {run.stderr[-1500:]}")
    return parse_report(run.stdout)


def main(argv: list[str] | None = None) -> int:
    """Print the audit's outcome; the exit code is the module docstring's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true",
                        default=os.environ.get("AUDIT_STRICT") == "1",
                        help="fail (exit 2) when the advisory data could not be reached")
    arguments = parser.parse_args(argv)
    try:
        report = run_audit()
    except AuditError as error:
        print(f"dependency audit FAILED to run: {error}", file=sys.stderr)
        return 2
    return judge(report, strict=arguments.strict)


def judge(report: AuditReport, *, strict: bool) -> int:
    """Print what the report means for the build and return the exit code."""
    if report.vulnerable:
        print("known vulnerabilities:\n  " + "\n  ".join(report.vulnerable), file=sys.stderr)
        return 1
    if report.audited == 0:
        reason = next(iter(report.not_audited.values()), "pip-audit listed no package")
        print(f"dependency audit NOT DONE: none of {report.packages} packages could be "
              f"checked (advisory data unreachable?), e.g. {reason}", file=sys.stderr)
        return 2 if strict else 0
    print(f"dependency audit: {report.audited} package(s), no known vulnerability"
          + (f" ({len(report.not_audited)} not on PyPI: {', '.join(report.not_audited)})"
             if report.not_audited else ""))
    return 0

if __name__ == "__main__":
    sys.exit(main())
