# mfkg — the two commands a new machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast bench setup system-run system-test lint clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	touch $@

setup: $(STAMP)

system-run:
	@scripts/system-deps.sh run

system-test:
	@scripts/system-deps.sh test

## run: install, then build, validate, query and write the explorer on the curated data
run: setup system-run
	$(BIN)/mfkg run

## test: install, then lint and run the whole test suite (its timings go to test-artifacts/pytest-junit.xml, which `make bench` prints)
test: setup system-test lint
	$(BIN)/python -m pytest -q --junitxml=test-artifacts/pytest-junit.xml

## test-fast: the tests that need no Java, browser, Jena, Raptor or Virtuoso and are not slow (about a minute)
test-fast: setup
	$(BIN)/python -m pytest -q -m "not (java or browser or jena or raptor or virtuoso or slow)"

## lint: ruff over the package and the tests
lint: setup
	$(BIN)/ruff check src tests

## bench: print benchmark figures (never asserted in tests); writes bench-results/bench.json
bench: setup system-test
	$(BIN)/mfkg bench --output bench-results/bench.json

clean:
	rm -rf build .pytest_cache test-artifacts bench-results
