# Two commands on a fresh machine: `make demo` and `make test` (both set up .venv first).
# .venv is built with the newest Python we support when the machine has it (pyenv or PATH), so
# that `make unit` runs the compat "ceiling" configuration and compat-quick need not (compat/run.py).
PYTHON ?= $(shell python3 compat/run.py --newest-python)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
JS_STAMP := tests/js/node_modules/.installed-stamp

.PHONY: demo test lint typecheck unit compat-quick compat fuzz bench mutation clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The JavaScript SDK v3 used by the server-mode tests, exactly as the lock file says.
$(JS_STAMP): tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund
	touch $(JS_STAMP)

demo: $(STAMP)
	$(BIN)/python examples/tour.py

# unit and compat-quick side by side: neither keeps 2 cores busy alone (start-up, the wheel, xdist's
# last tests, coverage's combine), together they do. Each one's output is shown when it ends.
test: lint typecheck
	@echo "unit and compat-quick run side by side; each one's output is shown when it ends"
	@$(MAKE) --no-print-directory -j2 --output-sync=target unit compat-quick

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

UNIT_ARGS = -n 2 $(PYTEST_ARGS)

# The whole suite under branch coverage of connect_mock/ ([coverage:*] in setup.cfg): the report
# fails below its fail_under. A narrowed run (PYTEST_ARGS=...) or COVERAGE=0 is plain pytest.
COVERAGE ?= $(if $(PYTEST_ARGS),0,1)

unit: $(STAMP) $(JS_STAMP)
ifeq ($(COVERAGE),1)
	rm -f .coverage .coverage.*
	$(BIN)/python -m coverage run -m pytest $(UNIT_ARGS)
	$(BIN)/python -m coverage combine --quiet
	$(BIN)/python -m coverage report
else
	$(BIN)/python -m pytest $(UNIT_ARGS)
endif

# The suite against other Pythons and dependency sets, each in a venv cached outside the repo
# (docs/compat.md). `make test` runs the whole suite once (unit), then compat-quick: floor and
# ceiling, the ends of every declared range, run only the tests a release can change (RELEASE_SENSITIVE in
# compat/run.py); ceiling is skipped when .venv is its configuration (unit ran it whole).
# compat: every moto release too, each running the whole suite.
# COMPAT_JOBS picks others: make compat COMPAT_JOBS="floor 3.10/5.2.5/floor".
compat-quick: $(JS_STAMP)
	python3 compat/run.py $(or $(COMPAT_JOBS),quick) -- $(UNIT_ARGS)

compat: $(JS_STAMP)
	python3 compat/run.py $(or $(COMPAT_JOBS),full) -- $(UNIT_ARGS)

# >= 5,000 model-generated requests in-process and over the server, >= 2,000 to the control
# endpoints, ~3,300 per mode for the output-shape contract (CI runs a smaller budget).
fuzz: $(STAMP)
	CONNECT_MOCK_FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest -p no:cacheprovider -q tests/test_fuzz.py tests/test_fuzz_control.py tests/test_contract.py

# How many injected bugs the suite catches (docs/mutation.md): a seeded sample of mutants over
# core/, inventory/, backend/, faults.py and wire/parse.py, each run against the tests that
# execute its line. MUTATION_SAMPLE=0 runs every mutant; MUTATION_MODULES picks modules.
mutation: $(STAMP) $(JS_STAMP)
	$(BIN)/python -m scripts.mutation

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/soak.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache tests/js/node_modules
