# desdesk: the two commands a new machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv run test lint typecheck contracts pytest stress bench demo clean po

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

# Durability (issue 7): SIGKILL a process editing a district KILLS times and check the
# file after each kill; `make test` runs the same test with 30 kills.
KILLS ?= 200
stress: venv
	DESDESK_KILLS=$(KILLS) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s \
		-p no:cacheprovider tests/durability/test_kill.py

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
