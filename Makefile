# `make site` and `make test` set everything up themselves (a venv in .venv/).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve clean score

site: $(STAMP)
	$(BIN)/sitegen build seeds --out _site

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/sitegen serve seeds

score: $(STAMP)
	$(BIN)/python ../shared/tools/score_extraction.py --gold-dir ../shared/gold --sources seeds \
		--cmd '$(BIN)/sitegen extract {source} --name {name} --format json'

# Re-install when the project's dependencies change (the venv is "stale").
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf _site seeds/_site .pytest_cache
