# verifier: `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.DEFAULT_GOAL := help
.PHONY: help venv verify test check lint schedule report demo bench bench-peers bench-quotes fuzz clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "verifier needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the pinned dependencies

verify: $(STAMP) ## check every source in sources.toml; writes results/
	$(BIN)/verifier verify sources.toml

check: $(STAMP) ## validate sources.toml only
	$(BIN)/verifier check sources.toml

report: $(STAMP) ## re-render the reports from the history, no fetching
	$(BIN)/verifier report

schedule: $(STAMP) ## run on settings.schedule until stopped (SIGTERM)
	$(BIN)/verifier schedule sources.toml

demo: $(STAMP) ## the whole job offline against a local site and archive; writes results/demo/
	$(BIN)/python -m demo.run_demo results/demo

# The link checkers make bench compares with, pinned, installed for the bench only: linkchecker
# in its own venv, linkinator with npm ci. make test and make verify never need them.
PEERS := .venv-peers
PEERS_STAMP := $(PEERS)/.installed-stamp
$(PEERS_STAMP): bench/requirements-peers.txt bench/peers/package.json bench/peers/package-lock.json
	@test -x $(PEERS)/bin/python || $(PYTHON) -m venv $(PEERS)
	$(PEERS)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements-peers.txt
	cd bench/peers && npm ci --no-audit --no-fund --silent
	@touch $@

bench-peers: ## install linkchecker (PyPI) and linkinator (npm) for make bench; a failure only warns
	@$(MAKE) --no-print-directory $(PEERS_STAMP) || echo "bench-peers: not installed; make bench names the peers it cannot run"

BENCH_SOURCES ?= 200
BENCH_HOSTS ?= 20
bench: $(STAMP) bench-peers ## benchmarks: the fixture web at scale (BENCH_SOURCES, BENCH_HOSTS) with linkchecker and linkinator, quotes, the job against plain httpx
	$(BIN)/python -m bench.bench_scale --sources $(BENCH_SOURCES) --hosts $(BENCH_HOSTS)
	$(BIN)/python -m bench.bench_quotes
	$(BIN)/python -m bench.bench_pipeline --pages 40 --runs 5

HELD_OUT ?=
bench-quotes: $(STAMP) ## quote judge on the dev and regression corpus (HELD_OUT="note": the held-out split, logged)
	$(BIN)/python -m bench.bench_quotes $(if $(HELD_OUT),--held-out "$(HELD_OUT)",)

FUZZ_SECONDS ?= 300
fuzz: $(STAMP) ## fuzz text extraction and quote matching for FUZZ_SECONDS (default 300)
	$(BIN)/python -m fuzz.fuzz_targets --seconds $(FUZZ_SECONDS)

test: $(STAMP) ## run every test (lint and types included)
	$(BIN)/ruff check verifier tests bench demo fuzz
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP) ## ruff and mypy only
	$(BIN)/ruff check verifier tests bench demo fuzz
	$(BIN)/mypy

clean: ## remove the environments and caches (results/ is kept)
	rm -rf $(VENV) $(PEERS) bench/peers/node_modules .mypy_cache .ruff_cache .pytest_cache
