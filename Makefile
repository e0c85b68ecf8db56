# One entry point per job. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE ?= examples/factory-in-assessed-park.yaml
OUT ?= out

.PHONY: demo test setup system-deps lint typecheck pytest snapshots bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) system-deps

# Graphviz's `dot` (and Chromium for the HTML report test) come from Debian packages.
system-deps:
	@sh scripts/install-system-deps.sh

demo: setup
	$(BIN)/pathplanner check
	$(BIN)/pathplanner plan $(EXAMPLE) --format html -o $(OUT)/plan.html

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy src

pytest: setup
	$(BIN)/pytest -q

test: setup lint typecheck pytest

snapshots: setup
	$(BIN)/python -m tests.snapshots

bench: setup
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis
