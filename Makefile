# The two commands of the README:
#   make edition   builds the whole edition from tei/ into build/ (validated first)
#   make test      runs the whole test suite
# Both create or refresh the virtualenv .venv from pyproject.toml first, and install the
# Debian packages they need when they are absent (apt-get; as root, or through sudo).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# fonts-noto-core: Latin, Greek, Cyrillic, Armenian, Georgian, Arabic, Hebrew and Syriac fonts for
# the PDF (WeasyPrint embeds them); fonts-noto-cjk: Chinese, Japanese and Korean.
BUILD_PACKAGES := fonts-noto-core fonts-noto-cjk
# chromium: browser tests (Playwright drives Debian's chromium, never a downloaded one);
# poppler-utils: pdftotext, pdffonts and pdftoppm for the PDF tests.
TEST_PACKAGES  := $(BUILD_PACKAGES) chromium poppler-utils

.PHONY: edition test lint build-packages test-packages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test,import]'
	touch $(STAMP)

define install_missing
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
endef

build-packages:
	$(call install_missing,$(BUILD_PACKAGES))

test-packages:
	$(call install_missing,$(TEST_PACKAGES))

edition: $(STAMP) build-packages
	$(BIN)/edition build tei -o build

# ruff (lint and format) and mypy first: a finding stops the run before the tests
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: $(STAMP) test-packages lint
	$(BIN)/python -m pytest
