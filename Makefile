# chipexport course: `make lab` to work, `make test` to check everything (see README.md).
# Both create the virtual environment .venv on first use, installing exactly the pinned
# versions of requirements.lock (what students and Binder get) and requirements-test.lock.

PYTHON ?= python3
PORT ?= 8888
LAB_ARGS ?=
PYTEST_ARGS ?=
KERNEL := python3
CELL_TIMEOUT := 300

VENV := .venv
PY := $(VENV)/bin/python
LOCKS := -c requirements.lock -c requirements-test.lock
PIP := $(PY) -m pip install --disable-pip-version-check --quiet $(LOCKS)
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test execute exercises bench grade student-copy handouts venv venv-test lock clean

lab: $(VENV)/.runtime
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/notebooks/00_course_guide.ipynb \
	  --ip=127.0.0.1 --port=$(PORT) $(ALLOW_ROOT) $(LAB_ARGS)

test: $(VENV)/.test
	$(PY) -m pytest $(PYTEST_ARGS)

# Re-run every notebook of notebooks/ (and solutions/, once it exists) top to bottom and
# save the outputs: the only way notebooks get their outputs.
execute: $(VENV)/.runtime
	$(PY) tools/execute_notebooks.py --kernel $(KERNEL) --timeout $(CELL_TIMEOUT) notebooks solutions

# Write exercises/ from solutions/; an exercise a student changed is kept (see README).
exercises: $(VENV)/.runtime
	$(PY) -m chipexport.exercises build

# Instructors: grade a folder of submitted exercise notebooks (an LMS download: sub-folders and
# zips too) into OUT (default grades/, git-ignored: it holds students' names). README, "For instructors".
SUBMISSIONS ?=
OUT ?= grades
GRADE_ARGS ?=
grade: $(VENV)/.runtime
	@test -n "$(SUBMISSIONS)" || { echo "Say which folder to grade: make grade SUBMISSIONS=path/to/folder"; exit 2; }
	$(PY) -m chipexport.grade "$(SUBMISSIONS)" --out "$(OUT)" $(GRADE_ARGS)

# Instructors: write what you hand out into DEST (outside the repository): no solutions, no
# instructor cells (tools/student_copy.py). FORCE=1 writes into a folder that is not empty.
DEST ?=
FORCE ?=
student-copy: $(VENV)/.runtime
	@test -n "$(DEST)" || { echo "Say where to write it: make student-copy DEST=path/to/folder"; exit 2; }
	$(PY) tools/student_copy.py "$(DEST)" $(if $(FORCE),--force,)

# Instructors: HTML and PDF handouts of every lesson and exercise into handouts/ (git-ignored);
# the PDF needs Chromium, and is named as skipped without it.
handouts: $(VENV)/.runtime
	$(PY) tools/handouts.py --out handouts

# Measure the widgets, the browser and the notebooks against the budgets (benchmarks/README.md).
bench: $(VENV)/.test
	$(PY) benchmarks/bench.py

venv: $(VENV)/.runtime
venv-test: $(VENV)/.test

$(VENV)/bin/python:
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo; \
	  echo "Could not create a virtual environment with '$(PYTHON) -m venv'."; \
	  echo "On Debian or Ubuntu, install the venv module first:  sudo apt install python3-venv"; \
	  echo "then run make again."; exit 1; }

PREFIX_FILES := $(shell find prefix -type f 2>/dev/null)

# prefix/ holds JupyterLab and nbconvert settings the course installs into the environment
# (prefix/README.md): keys on a widget stay in it; HTML exports read offline.
$(VENV)/.runtime: $(VENV)/bin/python pyproject.toml requirements.lock requirements-test.lock $(PREFIX_FILES)
	$(PIP) -e .
	@cp -r prefix/share prefix/etc $(VENV)/
	@touch $@

$(VENV)/.test: $(VENV)/.runtime
	$(PIP) -e '.[test]'
	@touch $@

# Maintainers: re-pin requirements*.lock and environment.yml from fresh virtual environments.
lock:
	$(PYTHON) tools/lock.py

clean:
	rm -rf $(VENV) artifacts .hypothesis
