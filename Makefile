# Two commands do everything on a fresh machine:  make serve   and   make test
# Both create .venv from the hash-pinned lock file first (only when it changed).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build test bench offline lock math-font release deploy clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	touch $(STAMP)

serve: $(STAMP)  ## build and serve the site on http://127.0.0.1:8000, rebuilding on change
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

build: $(STAMP)  ## build the site into site/
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build

test: $(STAMP)  ## the whole test suite (what CI runs)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

bench: $(STAMP)  ## cold build, warm rebuild, and the same pages without the hook: prints ratios
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/bench.py

offline: $(STAMP)  ## the site as a zip that works opened from disk, search included
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/offline_zip.py

release: $(STAMP)  ## make release VERSION=x.y.z: test, set version + date everywhere, commit, tag
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z"; exit 2; }
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/release.py $(VERSION)

deploy: $(STAMP)  ## publish the release in mkdocs.yml with mike to the gh-pages branch (CI does this on a tag)
	NN_RELEASE=1 NO_MKDOCS_2_WARNING=1 $(BIN)/mike deploy --push --update-aliases 	  $$($(BIN)/python -c "import yaml,sys;print(yaml.load(open('mkdocs.yml'),Loader=yaml.BaseLoader)['extra']['release'])") latest
	$(BIN)/mike set-default --push latest

lock:  ## re-pin requirements.txt from requirements.in (needs uv: pip install uv)
	uv pip compile requirements.in --generate-hashes --python-version 3.11.7 -o requirements.txt

MATH_FONT := @fontsource/stix-two-math@5.3.0
math-font:  ## re-fetch the self-hosted math font (docs/assets/fonts/) from npm; needs npm
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent $(MATH_FONT) >/dev/null && tar xzf *.tgz && \
	cp package/files/stix-two-math-latin-400-normal.woff2 $(CURDIR)/docs/assets/fonts/STIXTwoMath-Regular.woff2 && \
	cp package/LICENSE $(CURDIR)/docs/assets/fonts/STIXTwoMath-OFL.txt && rm -rf $$tmp

clean:
	rm -rf site site-offline .cache neural-neuronal-offline.zip
