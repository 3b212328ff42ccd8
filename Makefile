# The build as a dependency graph: each output lists its inputs and the package code it runs,
# so `make` after an edit redoes exactly what changed and a second `make` does nothing.
# Run `make help` for the targets.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all
MAKEFLAGS += --no-builtin-rules

VENV ?= .venv
PYTHON := $(VENV)/bin/python
PKG := analysis/newsbrief
DATA := build/data
NB := build/notebooks

export PYTHONPATH := $(CURDIR)/analysis
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# Everything that stamps a time (build date, PDF metadata) reads this, so rebuilds are identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)

# A VENV given on the command line or in the environment is used as it is; the default one is
# created here from requirements.txt and refreshed when requirements.txt changes.
ifeq ($(origin VENV),file)
ENV := $(VENV)/.installed
else
ENV :=
endif

# The set of seed files is itself an input: adding or deleting an article must rebuild, even
# when no remaining file is newer. Updated at parse time, only when it changes.
$(shell mkdir -p build && { ls seeds/*.txt seeds/*.html seeds/*.htm 2>/dev/null || true; } | LC_ALL=C sort > build/.seeds.new; \
  cmp -s build/.seeds.new build/seeds.list || mv build/.seeds.new build/seeds.list; rm -f build/.seeds.new)

SEEDS := $(sort $(wildcard seeds/*.txt seeds/*.html seeds/*.htm)) build/seeds.list $(wildcard seeds/catalog.yml)
CONTEXT := $(sort $(wildcard analysis/context/*.yml))
# Each stage's code is its subpackage; core/ and the command line are every stage's.
stage = $(wildcard $(PKG)/$(1)/*.py)
CORE := $(wildcard $(PKG)/*.py) $(call stage,core)
CORPUS_CODE := $(call stage,ingest) $(call stage,dating)
THEMES_CODE := $(call stage,themes)
CLAIMS_CODE := $(call stage,claims) $(call stage,checks) $(call stage,dating)
REPORT_CODE := $(call stage,report) $(call stage,themes)
RENDER_CODE := $(call stage,render) $(wildcard $(PKG)/render/assets/*)

OUTPUTS := report/_output/brief.html report/_output/brief.pdf
SIZES ?= 1000 10000 100000
REPEATS ?= 1

.PHONY: all brief help test lint clean lab env verify bench fetch catalog
all: brief ## Build the brief: report/_output/brief.html and brief.pdf (the default)
brief: $(OUTPUTS)

env: $(ENV) ## Create the virtual environment (.venv) from requirements.txt

$(VENV)/.installed: requirements-pip.txt requirements.txt
	@echo "[env] creating $(VENV) from requirements.txt"
	python3 -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-pip.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $@

# The realistic corpus and its gold are scored in the same notebook (metadata_accuracy.csv).
REALISTIC := $(sort $(wildcard tests/fixtures/realistic/*)) $(wildcard tests/fixtures/gold/metadata_gold.yml tests/fixtures/gold/split.yml)

$(NB)/01_corpus.ipynb: analysis/01_corpus.ipynb $(SEEDS) $(REALISTIC) analysis/ingest.yml analysis/timex.yml $(CONTEXT) $(CORPUS_CODE) $(CORE) | $(ENV)
	$(PYTHON) -m newsbrief run $<

$(NB)/02_themes.ipynb: analysis/02_themes.ipynb $(NB)/01_corpus.ipynb analysis/codebook.yml $(wildcard analysis/validation/hand_codes*.csv analysis/validation/coders.yml) $(THEMES_CODE) $(CORE) | $(ENV)
	$(PYTHON) -m newsbrief run $<

# The claims are measured against the claims gold and the published articles it labels.
CLAIMS_GOLD := $(wildcard tests/fixtures/gold/claim* tests/fixtures/gold/findings_review.yml) $(wildcard $(addprefix tests/fixtures/,$(addsuffix /*.txt,realistic fresh fresh3) $(addsuffix /*.html,realistic fresh fresh3)))

$(NB)/03_claims.ipynb: analysis/03_claims.ipynb $(NB)/01_corpus.ipynb analysis/claim_rules.yml analysis/scope.yml analysis/timex.yml $(CONTEXT) $(CLAIMS_GOLD) $(CLAIMS_CODE) $(CORE) | $(ENV)
	$(PYTHON) -m newsbrief run $<

# The manifest hashes every input, so it is redone whenever any of them changes.
build/manifest.json: $(SEEDS) $(REALISTIC) $(CLAIMS_GOLD) $(CONTEXT) $(wildcard analysis/*.yml analysis/validation/*.csv analysis/validation/*.yml analysis/*.ipynb) \
  $(wildcard $(PKG)/*.py $(PKG)/*/*.py $(PKG)/render/assets/*) report/brief.qmd report/_quarto.yml report/style.css $(wildcard report/*.lua) requirements.txt | $(ENV)
	$(PYTHON) -m newsbrief manifest

$(NB)/04_report.ipynb: analysis/04_report.ipynb $(NB)/02_themes.ipynb $(NB)/03_claims.ipynb build/manifest.json analysis/codebook.yml analysis/scope.yml $(REPORT_CODE) $(CORE) | $(ENV)
	$(PYTHON) -m newsbrief run $<

$(OUTPUTS) &: report/brief.qmd report/_quarto.yml report/style.css $(wildcard report/*.lua) $(NB)/04_report.ipynb $(RENDER_CODE) | $(ENV)
	$(PYTHON) -m newsbrief render

test: lint ## Run the checks and the test suite, including one full build from the real seeds
	$(PYTHON) -m pytest -q

# The code's own standards, checked before the tests: lint, formatting and strict types (the
# complexity limit, 15, is a test: tests/test_code_standards.py).
lint: $(ENV) ## ruff (lint and format) and mypy --strict on the package
	$(VENV)/bin/ruff check analysis tests benchmarks
	$(VENV)/bin/ruff format --check --quiet analysis tests benchmarks
	$(VENV)/bin/mypy

fetch: $(ENV) ## Download the pages of catalog entries that have a url and no file yet, into seeds/
	$(PYTHON) -m newsbrief fetch

catalog: $(ENV) ## Append a draft entry to seeds/catalog.yml for each article file it does not list
	$(PYTHON) -m newsbrief catalog

verify: $(OUTPUTS) ## Rebuild in a scratch copy; compare data, includes, HTML and PDF byte for byte
	$(PYTHON) -m newsbrief verify

bench: $(ENV) ## Time every stage on synthetic corpora (SIZES="1000 10000 100000" REPEATS=1); see benchmarks/
	$(PYTHON) benchmarks/run.py --repeats $(REPEATS) $(SIZES)

lab: $(ENV) ## Open the notebooks in JupyterLab with the project's environment (installs it once)
	$(PYTHON) -m pip install --quiet jupyterlab==4.6.6
	$(PYTHON) -m jupyter lab --notebook-dir=analysis

clean: ## Remove everything generated (build/, report/_output/, report/_generated/)
	rm -rf build report/_output report/_generated report/.quarto

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12
