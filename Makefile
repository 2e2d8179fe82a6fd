# procmine — quick start: `make demo`, then `make test`.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# The Spark engine's tests need pyspark and Java: when `java` is on PATH, `make test` also installs
# the spark extra (pyspark, ≈ 450 MB). SPARK=0 leaves it out (the Spark tests then skip).
SPARK   ?= $(if $(shell command -v java 2>/dev/null),1,0)
comma   := ,
TEXTRAS := test$(if $(filter 1,$(SPARK)),$(comma)spark)
TSTAMP  := $(VENV)/.installed-$(subst $(comma),-,$(TEXTRAS))

.PHONY: demo test graphviz sample clean check

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[$(TEXTRAS)]'
	touch $@ $(STAMP)

# Graphviz's `dot` renders the process maps. Installed with apt-get when missing and we are root.
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Graphviz (dot) with apt-get ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz fonts-noto-cjk >/dev/null; \
	  else \
	    echo "Graphviz's 'dot' is missing: install it (sudo apt-get install graphviz fonts-noto-cjk) and run make again." >&2; exit 1; \
	  fi; }

demo: graphviz $(STAMP)
	$(BIN)/procmine analyze sample_logs --out reports/sample

test: graphviz $(TSTAMP)
	$(BIN)/python -m pytest

# Regenerate the committed sample city (deterministic).
sample: $(STAMP)
	$(BIN)/procmine sample --size small --seed 7 --out sample_logs

# Lint, types and tests in one go (installs the dev extras).
check: graphviz | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/python -m ruff check procmine tests benchmarks
	$(BIN)/python -m mypy procmine --ignore-missing-imports
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) reports/sample .pytest_cache
