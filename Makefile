# The two commands of the README:
#   make edition   builds the whole edition from tei/ into build/ (validated first)
#   make test      runs the whole test suite
# Both create or refresh the virtualenv .venv from pyproject.toml first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: edition test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $(STAMP)

edition: $(STAMP)
	$(BIN)/edition build tei -o build

test: $(STAMP)
	$(BIN)/python -m pytest
