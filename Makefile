# desdesk: the two commands a new machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv run test lint typecheck contracts pytest test-postgres stress bench demo clean po package

venv: $(STAMP)

# Re-created only when pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: venv
	$(BIN)/desdesk

demo: venv
	$(BIN)/desdesk demo demo.des --members 60

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv
	$(BIN)/mypy

contracts: venv
	$(BIN)/lint-imports

pytest: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

test: lint typecheck contracts pytest

# The service and GUI tests on a real PostgreSQL server (issue 8): a throwaway cluster on
# 127.0.0.1 (Debian package `postgresql`; tests/postgres/server.py), each test in a
# database of its own; the tests of the district file itself are left out.
test-postgres: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.postgres.server -- -q -p no:cacheprovider \
		-m "not district_file" tests/unit tests/gui tests/postgres

# Durability (issue 7): SIGKILL a process editing a district KILLS times and check the
# file after each kill; `make test` runs the same test with 30 kills.
KILLS ?= 200
stress: venv
	DESDESK_KILLS=$(KILLS) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s \
		-p no:cacheprovider tests/durability/test_kill.py

# Benchmarks (issue 8): start-up, memory, filter, roll call, PDFs on generated districts
# (kept in benchmarks/out); prints the table and writes benchmarks/RESULTS.md. The
# register PDF is compared with LibreOffice (Debian: libreoffice-calc-nogui) where
# `soffice` is installed; without it that line is skipped with a note. About a minute
# and a half on 2 cores (the districts are generated again when the generator changes).
bench: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .import_linter_cache

# Translations: extract every _(), N_() and ngettext() into the template (not committed),
# then merge it into the English catalogue; translate the new empty or fuzzy entries.
LOCALE_DIR := resources/locale
POT := $(LOCALE_DIR)/desdesk.pot

po: venv
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k _ -k N_ -k ngettext:1,2 \
		--add-comments=TRANSLATORS: --project=desdesk --copyright-holder=desdesk \
		-o $(POT) desdesk
	$(BIN)/pybabel update --init-missing --ignore-obsolete -i $(POT) -d $(LOCALE_DIR) \
		-D desdesk -l en

# Installers (issue 8): a one-folder app in dist/desdesk/ built by PyInstaller in its own
# venv (.venv-package, re-created when pyproject.toml changes), then smoke-tested: a demo
# district, the GUI started offscreen on it, and the register PDF (reportlab and the fonts
# from inside the bundle). Windows and macOS: see "Building a release" in the README.
PKG_VENV := .venv-package
PKG_BIN := $(PKG_VENV)/bin
PKG_STAMP := $(PKG_VENV)/.installed
SMOKE := $(CURDIR)/build/smoke

$(PKG_STAMP): pyproject.toml
	$(PYTHON) -m venv $(PKG_VENV)
	$(PKG_BIN)/python -m pip install --quiet --upgrade pip
	$(PKG_BIN)/python -m pip install --quiet -e '.[package]'
	touch $(PKG_STAMP)

package: $(PKG_STAMP)
	@start=$$(date +%s); \
	$(PKG_BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/desdesk.spec || exit 1; \
	echo "PyInstaller build: $$(( $$(date +%s) - start )) s"
	rm -rf $(SMOKE) && mkdir -p $(SMOKE)
	cd $(SMOKE) && export DESDESK_HOME=$(SMOKE)/home && \
		$(CURDIR)/dist/desdesk/desdesk demo $(SMOKE)/x.des --members 20 && \
		QT_QPA_PLATFORM=offscreen $(CURDIR)/dist/desdesk/desdesk --quit-after-startup $(SMOKE)/x.des && \
		$(CURDIR)/dist/desdesk/desdesk report register $(SMOKE)/x.des -o $(SMOKE)/x.pdf && \
		test -s $(SMOKE)/x.pdf && \
		{ ! $(CURDIR)/dist/desdesk/desdesk check postgresql://smoke@127.0.0.1:9/d 2>server.txt; } && \
		grep -q "il server non risponde" server.txt && \
		if command -v xvfb-run >/dev/null; then \
			QT_QPA_PLATFORM=xcb xvfb-run -a $(CURDIR)/dist/desdesk/desdesk --quit-after-startup $(SMOKE)/x.des; \
		else echo "xvfb-run not found: the xcb platform plugin was not tried"; fi
	@echo "Smoke test passed. Bundle dist/desdesk: $$(du -sh dist/desdesk | cut -f1)" \
		"($$(du -sh --apparent-size dist/desdesk | cut -f1) apparent)"
