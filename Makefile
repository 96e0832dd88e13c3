# Two commands matter (see README): `make serve` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build lint check bench lock chromium clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10+ is needed, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/pip.lock

$(VENV)/.site-installed: requirements/site.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/site.lock
	@touch $@

$(VENV)/.test-installed: requirements/test.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.lock
	@touch $@ $(VENV)/.site-installed

## serve: the site at http://127.0.0.1:8000 with live reload
serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## test: the whole test suite (installs what it needs, chromium included when it can)
test: $(VENV)/.test-installed chromium lint
	$(BIN)/python -m pytest

## build: the site, strictly, into site/
build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

## check: the section validator alone, as pre-commit and the pull-request workflow run it
check: $(VENV)/.site-installed
	$(BIN)/python hooks/check_sections.py --strict

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## bench: Lighthouse, page weight and build-scale figures (not part of the tests)
bench: $(VENV)/.test-installed chromium
	$(BIN)/python benchmarks/run.py

## lock: re-resolve the exact versions after editing requirements/*.in
lock: $(VENV)/.test-installed
	cd requirements && ../$(BIN)/python -m uv --version >/dev/null 2>&1 || ../$(BIN)/python -m pip install --quiet uv
	cd requirements && ../$(BIN)/python -m uv pip compile --quiet --universal --generate-hashes --python-version 3.10 pip.in -o pip.lock
	cd requirements && ../$(BIN)/python -m uv pip compile --quiet --universal --generate-hashes --python-version 3.10 site.in -o site.lock
	cd requirements && ../$(BIN)/python -m uv pip compile --quiet --universal --generate-hashes --python-version 3.10 test.in -o test.lock

# The browser tests drive Debian's chromium (Playwright's own download is not used).
chromium:
	@[ -x "$${CHROMIUM:-/usr/bin/chromium}" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	  elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	  else \
	    echo "The browser tests need chromium at /usr/bin/chromium (Debian/Ubuntu: apt-get install chromium)"; exit 1; \
	  fi; }

clean:
	rm -rf site $(VENV) .pytest_cache .ruff_cache
