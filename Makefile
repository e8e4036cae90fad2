# Set-up and builds. Every target creates .venv with the pinned dependencies on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SOURCEDIR := source
BUILDDIR := _build
# -W: any warning fails the build; -n: nitpicky cross-references; --keep-going: report all.
SPHINXOPTS ?= -W --keep-going -n
SPHINXBUILD := $(BIN)/python -m sphinx

.PHONY: help html dirhtml latexpdf test lint check schema new live livehtml clean

help:
	@echo "make html      build the site into $(BUILDDIR)/html"
	@echo "make test      run the test suite"
	@echo "make check     validate source/registry.yaml without a build"
	@echo "make schema    regenerate source/registry.schema.json"
	@echo "make new ID=… CATEGORY=… FILE=… TITLE=… TITLE_EN=… SUMMARY=… [SHORT=…]"
	@echo "               scaffold an article and register its topic"
	@echo "make livehtml  preview with automatic rebuilds at http://127.0.0.1:8000 (also: make live)"
	@echo "make clean     remove $(BUILDDIR)"

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev,examples]'
	@touch $@

# Node tools (Mermaid, pinned in package-lock.json) for the browser tests. Without npm
# those tests are skipped locally, with the command that installs what is missing.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: browser tests will be skipped (install Node.js 20 or newer)"; \
	fi

html dirhtml: $(VENV)/.installed
	$(SPHINXBUILD) -b $@ -c . $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/$@
	@echo "Output: $(BUILDDIR)/$@/index.html"

latexpdf: $(VENV)/.installed
	$(SPHINXBUILD) -M latexpdf $(SOURCEDIR) $(BUILDDIR) -c . $(SPHINXOPTS)

test: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .

check: $(VENV)/.installed
	$(BIN)/python -m knowledge check --srcdir $(SOURCEDIR)
	$(BIN)/python -m knowledge schema --check --output $(SOURCEDIR)/registry.schema.json

schema: $(VENV)/.installed
	$(BIN)/python -m knowledge schema --output $(SOURCEDIR)/registry.schema.json

new: $(VENV)/.installed
	$(BIN)/python -m knowledge new --srcdir $(SOURCEDIR) --id "$(ID)" --category "$(CATEGORY)" --file "$(FILE)" \
		--title "$(TITLE)" --title-en "$(TITLE_EN)" --summary "$(SUMMARY)" $(if $(SHORT),--short "$(SHORT)")

# sphinx-autobuild watches source/ (articles, registry.yaml, references.bib) and ext/;
# Sphinx re-reads every page that shows registry data when registry.yaml changes.
livehtml live: $(VENV)/.installed
	$(BIN)/sphinx-autobuild -c . $(SOURCEDIR) $(BUILDDIR)/html --watch ext --watch conf.py --port 8000

clean:
	rm -rf $(BUILDDIR)
