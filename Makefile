# Two commands do everything on a fresh machine:  make serve   and   make test
#   make serve  installs the reader's packages (requirements.txt: build and serve), then serves;
#   make test   adds the tester's (requirements-test.txt: pytest, Playwright, Nu, Brian2).
# Both install from hash-pinned locks with uv, which the Makefile itself fetches from PyPI
# into .tools/ the first time (a new user needs only python3); each step reruns only when
# its lock changed. Both compile the packages' bytecode as they install (--compile-bytecode):
# where PYTHONDONTWRITEBYTECODE is set (this project's CI machines), Python would otherwise
# recompile numpy, matplotlib, mkdocs... from source in every process (`import numpy,
# matplotlib.pyplot`: 1.5 s -> 0.5 s; that alone took `make test` from 412 s to 368 s on 2 cores).
PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
TOOLS      := .tools
UV_VERSION := 0.13.9
UV         := $(TOOLS)/bin/uv
READER     := $(VENV)/.reader-installed
TESTER     := $(VENV)/.tester-installed
ENGINE     := $(VENV)/.engine-installed
RUN        := NO_MKDOCS_2_WARNING=1
LIGHTHOUSE := $(TOOLS)/lighthouse/.installed
# pytest-xdist: one test process per core; the site is built once, and a module whose tests
# share a costly fixture runs whole on one worker (tests/conftest.py). (Two per core were
# tried on 2 cores: a clean clone of the same code took 22 min 50 s and 1,298 CPU-s, against
# 19 min 17 s and 1,033 CPU-s with one: four Chromiums and two cold builds contend.)
PARALLEL   := -n auto

.PHONY: serve build test quick lint bench bench-setup offline pdf slides-pdf lock math-font release deploy clean lighthouse long-tasks

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# A .venv installed before bytecode was compiled at install still has the old stamps
# (.installed-*): its packages are reinstalled once, from uv's cache, to compile them.
$(READER): requirements.txt | $(UV)
	test -x $(BIN)/python || $(UV) venv --quiet --python $(PYTHON) $(VENV)
	$(UV) pip install --quiet --python $(BIN)/python --require-hashes --no-deps --compile-bytecode \
	  $(if $(wildcard $(VENV)/.installed-reader),--reinstall) -r requirements.txt
	rm -f $(VENV)/.installed-reader
	touch $@

$(TESTER): requirements-test.txt $(READER)
	$(UV) pip install --quiet --python $(BIN)/python --require-hashes --no-deps --compile-bytecode \
	  $(if $(wildcard $(VENV)/.installed-test),--reinstall) -r requirements-test.txt
	rm -f $(VENV)/.installed-test
	touch $@

# The site engine (nn_site/, pyproject.toml), editable: after the hashed lock, without its
# dependencies (they are the lock's) and built by the lock's setuptools (no isolation).
$(ENGINE): pyproject.toml $(READER)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $@

serve: $(READER) $(ENGINE)  ## build and serve the site on http://127.0.0.1:8000, rebuilding on change
	$(RUN) $(BIN)/mkdocs serve $(if $(ADDR),-a $(ADDR))

build: $(READER) $(ENGINE)  ## build the site into site/
	$(RUN) $(BIN)/mkdocs build

test: $(TESTER) $(ENGINE)  ## the whole test suite (what CI runs); ends with its 30 slowest steps
	$(RUN) $(BIN)/python -m pytest $(PARALLEL) --durations=30

quick: $(TESTER) $(ENGINE)  ## the inner loop: no browser, no double builds (one warm build of the site)
	$(RUN) $(BIN)/python -m pytest $(PARALLEL) -m "not browser and not slow" -q

lint: $(TESTER)  ## ruff: lint everything, check the engine's format (make test runs it: tests/test_lint.py)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(TESTER) $(ENGINE) $(LIGHTHOUSE)  ## cold build, warm rebuild, the same pages without the hook (ratios); Lighthouse on the representative pages
	$(RUN) $(BIN)/python scripts/bench.py

bench-setup:  ## fresh clone -> reader's install -> first page served: prints the times
	$(PYTHON) scripts/bench_setup.py

offline: $(READER) $(ENGINE)  ## the site as a zip that works opened from disk, search included
	$(RUN) $(BIN)/python scripts/offline_zip.py

# The book PDF, printed from the print page by the Chromium the browser tests use (a
# reader's install has none, so not part of build/serve); the release attaches it.
pdf: $(TESTER) $(ENGINE)  ## the whole site as one A4 book: dist/neural-and-neuronal.pdf
	$(RUN) $(BIN)/mkdocs build
	$(RUN) $(BIN)/python scripts/book_pdf.py --site site --out dist/neural-and-neuronal.pdf

# The slide decks (one .pptx per content page, written by every build: nn_site/publish/slides/)
# as PDFs, converted by LibreOffice headless, which a reader's install has none of (Debian:
# libreoffice-impress); the release attaches them, like the book PDF.
slides-pdf: build  ## every page's slide deck as a PDF: dist/slides/<page>-slides.pdf (needs LibreOffice)
	@command -v soffice >/dev/null || { echo "make slides-pdf needs LibreOffice (soffice): e.g. apt-get install libreoffice-impress" >&2; exit 2; }
	mkdir -p dist/slides
	soffice --headless --convert-to pdf --outdir dist/slides $$(find site -name '*-slides.pptx' | sort)

lock: | $(UV)  ## re-pin both locks from requirements*.in (the reader's pins = the tester's)
	$(UV) pip compile requirements-test.in --generate-hashes --python-version 3.11.7 -o requirements-test.txt
	$(UV) pip compile requirements.in --generate-hashes --python-version 3.11.7 -c requirements-test.txt -o requirements.txt

release: $(READER) $(ENGINE)  ## make release VERSION=x.y.z: test, set version + date everywhere, commit, tag
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z"; exit 2; }
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/release.py $(VERSION)

deploy: $(READER) $(ENGINE)  ## publish the release in mkdocs.yml with mike to the gh-pages branch (CI does this on a tag)
	NN_RELEASE=1 NO_MKDOCS_2_WARNING=1 $(BIN)/mike deploy --push --update-aliases 	  $$($(BIN)/python -c "import yaml,sys;print(yaml.load(open('mkdocs.yml'),Loader=yaml.BaseLoader)['extra']['release'])") latest
	$(BIN)/mike set-default --push latest


MATH_FONT := @fontsource/stix-two-math@5.3.0
math-font:  ## re-fetch the self-hosted math font (docs/assets/fonts/) from npm; needs npm
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent $(MATH_FONT) >/dev/null && tar xzf *.tgz && \
	cp package/files/stix-two-math-latin-400-normal.woff2 $(CURDIR)/docs/assets/fonts/STIXTwoMath-Regular.woff2 && \
	cp package/LICENSE $(CURDIR)/docs/assets/fonts/STIXTwoMath-OFL.txt && rm -rf $$tmp

# Lighthouse (Node, pinned with its dependency tree in scripts/lighthouse/package-lock.json)
# in .tools/, like uv; not part of the reader's install nor of `make test` (timings are not
# assertions). Needs Node >= 18 and npm.
$(LIGHTHOUSE): scripts/lighthouse/package-lock.json
	mkdir -p $(TOOLS)/lighthouse
	cp scripts/lighthouse/package.json scripts/lighthouse/package-lock.json $(TOOLS)/lighthouse/
	cd $(TOOLS)/lighthouse && npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $@

lighthouse: $(LIGHTHOUSE) build  ## Lighthouse mobile + desktop scores of every page (PAGES="a/ b/" RUNS=3), median of RUNS
	$(BIN)/python scripts/lighthouse.py --runs $(or $(RUNS),3) $(PAGES)

# The longest main-thread task while each page loads and is scrolled through at 4x CPU
# throttle (issue 34: none over 200 ms while scrolling), with what forced layout (DETAIL=1).
long-tasks: $(TESTER) build  ## longest tasks, layouts and forced layouts per page at 4x throttle (PAGES="a/ b/" DETAIL=1)
	$(BIN)/python scripts/long_tasks.py $(if $(DETAIL),--detail) $(PAGES)

clean:
	rm -rf site site-offline .cache neural-neuronal-offline.zip dist
