# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run demo test test-fast fuzz bench screenshots clean
HOST ?= 127.0.0.1
PORT ?= 5000

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)  # `make run PORT=5001` for another port
	$(BIN)/tracker db upgrade
	$(BIN)/tracker run --host $(HOST) --port $(PORT)

# The sample forum in its own SQLite file (instance/demo.db, made anew each time; instance/tracker.db is left
# alone), the sign-ins printed, then served.
DEMO_DB := sqlite:///$(CURDIR)/instance/demo.db
demo: $(STAMP)
	TRACKER_DATABASE_URL=$(DEMO_DB) $(BIN)/tracker demo --reset --served --site http://$(HOST):$(PORT)
	TRACKER_DATABASE_URL=$(DEMO_DB) $(BIN)/tracker run --host $(HOST) --port $(PORT)

test: $(STAMP)  # lint, types, then every test on both cores
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -n auto --dist loadfile

test-fast: $(STAMP)  # the domain's decisions and folds, the layering rules: no Flask, no database, seconds
	$(BIN)/pytest -q -p no:randomly tests/unit tests/test_layers.py

fuzz: $(STAMP)  # the API fuzzed from its OpenAPI document, with many more examples than `make test`
	TRACKER_FUZZ_EXAMPLES=$${TRACKER_FUZZ_EXAMPLES:-200} $(BIN)/pytest -p no:randomly tests/fuzz

bench: $(STAMP)
	$(BIN)/python bench/event_store.py

screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# Scale data and benchmark (never part of `make test`). E.g. `make bench-generate EVENTS=100000`, then
# `make bench-scale DB=sqlite:////tmp/scale/sqlite_100000.db`.
EVENTS ?= 10000
SEED   ?= 1
DB     ?= sqlite:////tmp/scale/sqlite_$(EVENTS).db
.PHONY: bench-generate bench-scale
bench-generate: $(STAMP)
	$(BIN)/python bench/generate.py --database $(DB) --seed $(SEED) --forums 0 --events-target $(EVENTS)

bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py --database $(DB)
