# marsad — every target creates and uses .venv/ at the repo root.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DB      ?= marsad.db
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: install run test bench lint train-ner screenshots clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (or run: make PY=python3)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e '.[dev,postgres,scale]'
	@if [ -f web/package.json ]; then $(MAKE) --no-print-directory web; fi
	touch $(STAMP)

install: $(STAMP)

.PHONY: web

web:
	cd web && npm ci --no-audit --no-fund && npm run build

run: install
	$(BIN)/marsad --db $(DB) ingest samples/
	$(BIN)/marsad --db $(DB) process
	$(BIN)/marsad --db $(DB) stats
	@if $(BIN)/marsad serve --help >/dev/null 2>&1; then $(BIN)/marsad --db $(DB) serve --host $(HOST) --port $(PORT); fi

test: install
	$(BIN)/ruff check marsad tests scripts
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python scripts/bench.py

train-ner: install
	$(BIN)/python scripts/train_ner.py

screenshots: install
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) *.egg-info $(DB)
