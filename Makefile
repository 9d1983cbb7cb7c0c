# passculture-kiosk — every target bootstraps .venv (and Qt's system libraries) when missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
ARGS ?=
# Shared libraries the PySide6 wheels need on a bare Debian/Ubuntu (plus fonts for fallbacks).
APT_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
                libpulse0 fonts-dejavu-core
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

.PHONY: demo test reliability lint typecheck importcheck unit bench screenshots translations docs fonts \
        system-deps self-test clean package-msi-check package-admx \
        package-tools package-linux package-deb package-test

## demo: the kiosk in training mode (full screen; `make demo ARGS=--windowed` for a window)
demo: system-deps $(STAMP) translations
	$(VENV)/bin/passculture-kiosk $(ARGS)

## test: lint, types, architecture contract, the fast test suite, then (as root, with dpkg)
## the .deb's install/upgrade/purge test (`make package-test`, about 2 minutes)
test: system-deps $(STAMP) translations lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow" $(ARGS)
	@if [ "$$(id -u)" = 0 ] && command -v dpkg-deb >/dev/null; then \
	  $(MAKE) --no-print-directory package-test ARGS=; \
	else echo "skipped the .deb test (needs root and dpkg-deb): make package-test"; fi

## lint: ruff, mypy, the import contract, and the dependency audit (pip-audit: a known
## vulnerability fails; an unreachable advisory database is said loudly, fails with AUDIT_STRICT=1)
lint: $(STAMP)
	$(VENV)/bin/ruff check kiosk ui tests tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) tools/audit_dependencies.py

self-test: system-deps $(STAMP) translations
	$(VENV)/bin/passculture-kiosk --self-test

## reliability: faults, kills, disk trouble, fuzzing, GUI and fault soaks, fleet load, at
## full length (each also runs a quick slice in `make test`); figures in docs/reliability.md
reliability: system-deps $(STAMP) translations
	QT_QPA_PLATFORM=offscreen KIOSK_RELIABILITY=full $(PY) -m pytest tests/reliability -q -s \
	  --timeout=1500 -p no:cacheprovider $(ARGS)

## bench: one JSON object per line: {"name", "value", "unit"[, "baseline", "ratio"]}
bench: system-deps $(STAMP) translations
	@QT_QPA_PLATFORM=offscreen $(PY) -m tests.benchmarks

## screenshots: PNGs of every screen, landscape and portrait, in build/screenshots/
screenshots: system-deps $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots --out build/screenshots

translations: $(QM_FILES)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

## update-translations: collect new strings from QML and Python into the .ts sources
# French is the source language: its catalogue holds only the plural forms.
update-translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -extensions qml,py -locations none -no-obsolete ui/qml ui \
	  -ts $(filter-out %_fr.ts,$(TS_FILES))
	$(VENV)/bin/pyside6-lupdate -extensions qml,py -locations none -no-obsolete -pluralonly ui/qml ui \
	  -ts resources/translations/kiosk_fr.ts

docs: $(STAMP)
	$(PY) -m kiosk.config --markdown --output docs/configuration.md

fonts: $(STAMP)
	$(PY) tools/build_fonts.py

# --- Linux: the frozen kiosk, the .deb, and its install/upgrade/purge test -------------------
# docs/deploy-linux.md. cage lets `systemd-analyze verify` check the kiosk unit's ExecStart
# (the .deb depends on it).
APT_PACKAGES += cage
DEB_VERSION ?=
SELF_TEST_DIR := build/self-test
FROZEN_SELF_TEST_ENV := QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software \
  PCK_SYSTEM_CONFIG_FILE=$(SELF_TEST_DIR)/none.toml PCK_USER_CONFIG_FILE=$(SELF_TEST_DIR)/none.toml \
  PCK_DATA_DIR=$(SELF_TEST_DIR)/data PCK_CACHE_DIR=$(SELF_TEST_DIR)/cache PCK_LOG_DIR=$(SELF_TEST_DIR)/log

package-tools: $(STAMP)
	@$(PY) -c "import PyInstaller" 2>/dev/null || $(PY) -m pip install --quiet -e ".[dev,package]"

## package-linux: the kiosk frozen by PyInstaller in dist/passculture-kiosk/, then self-tested
package-linux: system-deps $(STAMP) translations package-tools
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/pyinstaller/passculture-kiosk.spec
	rm -rf $(SELF_TEST_DIR)
	env $(FROZEN_SELF_TEST_ENV) dist/passculture-kiosk/passculture-kiosk --self-test

## package-deb: dist/passculture-kiosk_<version>_amd64.deb (`make package-deb DEB_VERSION=0.1.1`)
package-deb: package-linux
	$(PY) packaging/linux/build_deb.py $(if $(DEB_VERSION),--version $(DEB_VERSION))

## package-test: build the .deb, install, upgrade and purge it on this machine (root, dpkg)
package-test: system-deps $(STAMP) translations package-tools
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m deb tests/packaging/test_deb.py $(ARGS)

# --- Windows installer: written here, built and installed by .github/workflows/windows.yml ---
# wixl and msitools check the WiX source on Linux; `make test` installs them with Qt's libraries.
APT_PACKAGES += wixl msitools

## package-msi-check: build the MSI with wixl from a stand-in payload, read its tables back
package-msi-check: system-deps $(STAMP)
	@command -v wixl >/dev/null || { echo "wixl is missing: sudo apt-get install -y wixl msitools"; exit 1; }
	$(PY) packaging/windows/make_admx.py --check
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/packaging/test_windows_msi.py \
	  tests/packaging/test_windows_files.py $(ARGS)

## package-admx: regenerate the Group Policy template (ADMX/ADML) from kiosk/config.py
package-admx: $(STAMP)
	$(PY) packaging/windows/make_admx.py

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

system-deps:
	@command -v dpkg-query >/dev/null || exit 0; \
	missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" \
	    || missing="$$missing $$package"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Qt's system libraries:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "Qt needs system libraries that are missing. Run:"; \
	  echo "  sudo apt-get install -y$$missing"; \
	fi

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache $(QM_FILES)
