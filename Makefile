# Ratsradar: `make run` installs and starts the app; `make test` installs what the tests need and runs them all.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_RUN  := tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng chromium fonts-dejavu-core
APT_TEST := $(APT_RUN) postgresql

.PHONY: run test setup setup-test system-run system-test seed-build clean-runtime

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Debian packages: only the missing ones are installed.
system-run:
	@missing=$$(for p in $(APT_RUN); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi

system-test:
	@missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi

setup: $(BIN)/python system-run
	$(BIN)/pip install -q -e .

setup-test: $(BIN)/python system-test
	$(BIN)/pip install -q -e ".[test]"

run: setup
	$(BIN)/ratsradar init
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

test: setup-test
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# Rebuild data/seed/decisions.csv from the reference dataset (needs ../shared/reference).
seed-build: setup
	$(BIN)/ratsradar seed-build ../shared/reference/decisions.csv

clean-runtime:
	rm -rf data/runtime
