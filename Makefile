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

.PHONY: demo test lint typecheck importcheck unit bench screenshots translations docs fonts \
        system-deps self-test clean

## demo: the kiosk in training mode (full screen; `make demo ARGS=--windowed` for a window)
demo: system-deps $(STAMP) translations
	$(VENV)/bin/passculture-kiosk $(ARGS)

## test: lint, types, architecture contract, then the fast test suite
test: system-deps $(STAMP) translations lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow" $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check kiosk ui tests tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

self-test: system-deps $(STAMP) translations
	$(VENV)/bin/passculture-kiosk --self-test

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
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete ui/qml ui \
	  -ts $(filter-out %_fr.ts,$(TS_FILES))
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete -pluralonly ui/qml ui \
	  -ts resources/translations/kiosk_fr.ts

docs: $(STAMP)
	$(PY) -m kiosk.config --markdown --output docs/configuration.md

fonts: $(STAMP)
	$(PY) tools/build_fonts.py

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
