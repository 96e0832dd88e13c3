# Two commands matter (see README): `make serve` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Test processes of `make test` (pytest-xdist): one per core, or e.g. `make test TEST_WORKERS=1`.
TEST_WORKERS ?= auto

.PHONY: serve test test-fast build pdf fonts lint check material-check material-digests diff translated new-section bench lock chromium pdf-libs pdf-tools clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Python 3.11.5+ is needed (pymdown-extensions 13), found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/pip.lock

$(VENV)/.site-installed: requirements/site.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/site.lock
	@touch $@

$(VENV)/.test-installed: requirements/test.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.lock
	@touch $@ $(VENV)/.site-installed

## serve: the site at http://127.0.0.1:8000/llm-qa/ with live reload (an edited page first: preview/server.py)
serve: $(VENV)/.site-installed
	$(BIN)/python -m preview --dev-addr 127.0.0.1:8000

## test: the whole test suite, on every core, then its ten slowest tests (installs what it needs, chromium too)
test: $(VENV)/.test-installed chromium pdf-tools lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=10

## test-fast: the section check, the page rules and the unit tests: no build, browser or PDF (under a minute)
test-fast: $(VENV)/.test-installed lint
	$(BIN)/python -m pytest -m "not slow"

## build: the site, strictly, into site/
build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

## pdf: the site, then each language's PDF into it (site/llm-qa-zh.pdf, site/en/llm-qa-en.pdf)
pdf: build pdf-libs
	$(BIN)/python -m pdf site

## fonts: remake the font subsets in fonts/ (when a build says a character is in no font)
fonts: $(VENV)/.site-installed
	@[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc ] && [ -f /usr/share/fonts/truetype/noto/NotoSans-Italic.ttf ] || { \
	  $(call apt_install,fonts-noto-cjk fonts-noto-core); }
	$(BIN)/python fonts/subset.py

## check: the section validator alone, as pre-commit and the pull-request workflow run it
check: $(VENV)/.site-installed
	$(BIN)/python hooks/check_sections.py --strict

## material-check: what the site relies on in Material's files (hooks/llmqa/theme/material_internals.py), checked
material-check: $(VENV)/.site-installed
	$(BIN)/python hooks/check_material.py

## material-digests: record the digests of the templates overrides/ copies, once the overrides are reviewed
material-digests: $(VENV)/.site-installed
	$(BIN)/python hooks/check_material.py --update

## diff FILE=docs/en/<slug>.md: what changed in the Chinese original since that page was translated
diff: $(VENV)/.site-installed
	@[ -n "$(FILE)" ] || { echo "Name the English page: make diff FILE=docs/en/<slug>.md"; exit 2; }
	$(BIN)/python hooks/check_sections.py --diff $(FILE)

## translated FILE=docs/en/<slug>.md: record that the page translates its original as it is now
translated: $(VENV)/.site-installed
	@[ -n "$(FILE)" ] || { echo "Name the English page: make translated FILE=docs/en/<slug>.md"; exit 2; }
	$(BIN)/python hooks/check_sections.py --update-translation-record $(FILE)

## new-section SLUG=<slug> [TOPIC=<topic>]: a new section's two files (docs/zh/ and docs/en/), to fill in
new-section: $(VENV)/.site-installed
	@[ -n "$(SLUG)" ] || { echo "Name the new page: make new-section SLUG=<slug> [TOPIC=<topic>]"; exit 2; }
	$(BIN)/python hooks/new_section.py $(SLUG) $(if $(TOPIC),--topic "$(TOPIC)")

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## bench: Lighthouse, page weight and build-scale figures (not part of the tests)
bench: $(VENV)/.test-installed chromium
	$(BIN)/python benchmarks/run.py

## lock: re-resolve the exact versions after editing requirements/*.in
lock: $(VENV)/.test-installed
	cd requirements && ../$(BIN)/python -m uv --version >/dev/null 2>&1 || ../$(BIN)/python -m pip install --quiet uv
	cd requirements && ../$(BIN)/python -m uv pip compile --quiet --universal --generate-hashes --python-version 3.11.5 pip.in -o pip.lock
	cd requirements && ../$(BIN)/python -m uv pip compile --quiet --universal --generate-hashes --python-version 3.11.5 site.in -o site.lock
	cd requirements && ../$(BIN)/python -m uv pip compile --quiet --universal --generate-hashes --python-version 3.11.5 test.in -o test.lock

# Debian/Ubuntu packages, installed as root or through sudo (as `make chromium` does).
define apt_install
if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); \
elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then \
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); \
else \
  echo "Needs the system packages $(1) (Debian/Ubuntu names)"; exit 1; \
fi
endef

# WeasyPrint (the PDF) calls the system's Pango; the PDF tests read PDFs with poppler-utils.
pdf-libs: $(VENV)/.site-installed
	@$(BIN)/python -c 'import weasyprint' 2>/dev/null || { $(call apt_install,libpango-1.0-0 libpangoft2-1.0-0); }

pdf-tools: pdf-libs
	@command -v pdftotext >/dev/null && command -v pdffonts >/dev/null && command -v pdftoppm >/dev/null || { \
	  $(call apt_install,poppler-utils); }

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
