# mfkg — the two commands a new machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# the workbench's JavaScript (CodeMirror 6, Oxigraph's WebAssembly build) from npm, bundled into the package
ASSETS := src/mfkg/viz/vendor/versions.json

.PHONY: run test test-fast bench setup assets system-run system-test lint clean

# the pinned pip first: it writes a console script that does not import `re` (a fifth of a cold query)
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt pip
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	touch $@

$(ASSETS): web/package.json web/package-lock.json web/build.mjs $(wildcard web/src/*.js)
	@command -v npm >/dev/null 2>&1 || scripts/system-deps.sh npm || true
	@if command -v npm >/dev/null 2>&1; then \
	  cd web && npm ci --no-audit --no-fund --loglevel=error && node build.mjs; \
	else echo "npm is missing: the query workbench falls back to a plain text box and the static copy cannot run queries" >&2; fi

## assets: install the workbench's JavaScript from npm (web/package-lock.json) and bundle it (web/build.mjs)
assets: $(ASSETS)

setup: $(STAMP) $(ASSETS)

system-run:
	@scripts/system-deps.sh run

system-test:
	@scripts/system-deps.sh test

## run: install, then build, validate, query and write the explorer on the curated data
run: setup system-run
	$(BIN)/mfkg run

# the suite runs in parallel, one worker per core up to four, each test file on one worker, the slowest files
# first (tests/conftest.py orders them by the last run's timings); the workers share one reasoner/validation
# cache for the run (see mfkg.curation.filecache), removed at the end. The end of the output names the 15
# slowest tests and the suite's wall time.
JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)
PYTEST := cache=$$(mktemp -d) && start=$$(date +%s) && MFKG_CACHE_DIR=$$cache $(BIN)/python -m pytest -q -n $(JOBS) \
	--dist loadfile --no-loadscope-reorder --durations=15
WALL = echo "test suite wall time: $$(( $$(date +%s) - start )) s on $(JOBS) workers"

## test: install, then lint and run the whole test suite (its timings go to test-artifacts/pytest-junit.xml, which `make bench` prints)
test: setup system-test lint
	@$(PYTEST) --junitxml=test-artifacts/pytest-junit.xml; status=$$?; $(WALL); rm -rf $$cache; exit $$status

## test-fast: the tests that need no Java, browser, Jena, Raptor or Virtuoso and are not slow (a few minutes)
test-fast: setup
	@$(PYTEST) -m "not (java or browser or jena or raptor or virtuoso or slow)"; status=$$?; $(WALL); rm -rf $$cache; exit $$status

## lint: ruff over the package and the tests
lint: setup
	$(BIN)/ruff check src tests

## bench: print benchmark figures (never asserted in tests); writes bench-results/bench.json
bench: setup system-test
	$(BIN)/mfkg bench --output bench-results/bench.json

clean:
	rm -rf build .pytest_cache test-artifacts bench-results src/mfkg/viz/vendor web/node_modules
