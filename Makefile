# EduCluster — make run · make test · make lint · make bench
PYTHON ?= python3.12
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench load install messages compilemessages clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.12+ is needed (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) compilemessages

compilemessages: $(STAMP)
	@$(PY) manage.py compilemessages --ignore=.venv -v0

# Starts the web server and a background task worker; Ctrl-C stops both.
run: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py schedule_daily_jobs
	$(PY) manage.py demo_accounts
	@echo "EduCluster: http://$(HOST):$(PORT)/"
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py db_worker --queue-name default & \
	  $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy .

bench: install
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# Load run (not part of `make test`): 2 gunicorn + 2 task workers on PostgreSQL and Redis,
# locust with 50 users; figures into bench/RESULTS.md. Needs PostgreSQL and Redis on 127.0.0.1.
load: install
	$(PY) -m pip install --quiet -e '.[dev,load]'
	$(PY) bench/load/run_load.py $(LOAD_ARGS)

messages: $(STAMP)
	$(PY) manage.py makemessages -l uz -l ru -l en --ignore=.venv --ignore=var --ignore=bench --no-obsolete
	$(PY) manage.py fill_english_catalog
	$(PY) manage.py compilemessages --ignore=.venv -v0

clean:
	rm -rf $(VENV) var
