# Voordeur: `make demo` and `make test` are the two commands (README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-run test-fast messages bench clean

install: $(STAMP) voordeur/static/vendor/.installed
	@$(BIN)/voordeur compilemessages -v0 --ignore=.venv --ignore=node_modules
	@$(BIN)/voordeur collectstatic --noinput -v0

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

voordeur/static/vendor/.installed: package.json package-lock.json scripts/vendor_static.sh
	npm ci --no-audit --no-fund --loglevel=error
	sh scripts/vendor_static.sh
	touch $@

demo: install
	$(BIN)/voordeur demo

test: install test-run

# The suite without the install step (CI installs once, then runs the two databases side by side).
test-run:
	$(BIN)/python -m pytest

messages:
	$(BIN)/voordeur makemessages -l nl -l en --ignore=.venv --ignore=node_modules --ignore=tests

bench: install
	$(BIN)/python bench/schedule.py
	$(BIN)/python bench/imports.py

clean:
	rm -rf $(VENV) node_modules voordeur/static/vendor var
