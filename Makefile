# Everything a newcomer needs: `make serve` (local stack) and `make test` (whole suite).
# Both install what they need into virtual environments first.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SAM_VENV := .venv-sam
SAM := $(SAM_VENV)/bin/sam
SAM_STAMP := $(SAM_VENV)/.installed
SAM_CLI_VERSION := 1.170.0
# sam build (and the smoke test) for the python3.12 runtime need a python3.12 on PATH; with
# pyenv, this selects it for those two steps only, so python3.11 still means the user's 3.11.
PY312_ENV := PYENV_VERSION=3.12.1
export SAM_CLI_TELEMETRY := 0
PYTEST := $(PY) -m pytest -p no:cacheprovider

.PHONY: install serve test lint openapi fuzz unit integration e2e browser browser-deps sam-validate sam-build smoke bench classify eval report clean

install: $(STAMP)

$(STAMP): requirements-dev.txt layers/core/requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# SAM CLI pins its own boto3 and cryptography, so it lives in a venv of its own.
$(SAM_STAMP):
	test -x $(SAM_VENV)/bin/python || $(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet --disable-pip-version-check aws-sam-cli==$(SAM_CLI_VERSION)
	touch $@

# The state is kept in .local/state/ across restarts; `make serve FRESH=1` starts empty.
serve: $(STAMP)
	$(PY) -m local_stack $(if $(filter-out 0 no false,$(FRESH)),--fresh)

test: lint unit integration e2e browser sam-validate sam-build smoke

# The layer's shape (issue #11): import contracts in .importlinter; complexity at the level the code
# meets (no block worse than C, no module worse than C, average A); module and function sizes.
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy
	PYTHONPATH=layers/core $(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/xenon --max-absolute C --max-modules C --max-average A layers/core/optout functions local_stack
	$(PY) scripts/check_shape.py
	$(PY) -m local_stack.openapi_drift --check

# Rewrite the committed OpenAPI document (layers/core/optout/api/openapi.json) from the code.
openapi: $(STAMP)
	$(PY) -m local_stack.openapi_drift --write

unit: $(STAMP)
	$(PYTEST) tests/unit -q -n 2

integration: $(STAMP)
	$(PYTEST) tests/integration -q -n 2

# Two workers, each on a local stack of its own (the session fixture), so the two schemathesis
# roles and the stack restarts run side by side: the suite stays under the 20-minute guide.
e2e: $(STAMP)
	$(PYTEST) tests/e2e -q -n 2

# The console in a real browser (tests/browser): Debian's Chromium, driven by Playwright (pinned in
# requirements-dev.txt). Playwright's own browser download cannot run here, so it is never used.
CHROMIUM := /usr/bin/chromium

browser-deps: $(STAMP)
	@test -x $(CHROMIUM) || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends chromium; }

browser: browser-deps
	$(PYTEST) tests/browser -q -n 2  # a stack and a Chromium per worker

# Only the bounded schemathesis run (part of e2e): every route, every check, admin and member.
fuzz: $(STAMP)
	$(PYTEST) tests/e2e/test_fuzz_api.py -q

sam-validate: $(SAM_STAMP)
	$(SAM) validate --lint

sam-build: $(SAM_STAMP)
	$(PY312_ENV) $(SAM) build

# Imports each built function with only its folder and the layer's python/ on the path.
smoke: $(STAMP) sam-build
	$(PY312_ENV) $(PYTEST) tests/smoke -q

# valgrind counts the engine's instructions per message (benchmarks/engine_instructions.py), a figure
# that does not move with the machine's load; without it that section is skipped.
bench: $(STAMP)
	@command -v valgrind >/dev/null || { \
	  echo "installing valgrind for the engine's instruction counts"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends valgrind \
	    || echo "valgrind could not be installed: the instruction counts are skipped"; }
	$(PY) -m benchmarks

classify: $(STAMP)
	@PYTHONPATH=layers/core $(PY) -m optout classify

# Scores the opt-out engine on evaluation/corpus (dev and test) and on real SMS; see docs/evaluation.md.
eval: $(STAMP)
	@PYTHONPATH=layers/core $(PY) -m evaluation

# The scheduled report job for one day, against a running `make serve`; files land in ./reports/.
report: $(STAMP)
	@test -n "$(DATE)" || { echo "usage: make report DATE=YYYY-MM-DD"; exit 1; }
	$(PY) -m local_stack.report --date $(DATE) --out reports

clean:
	rm -rf .aws-sam .pytest_cache .ruff_cache .mypy_cache
