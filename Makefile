# The two commands a new machine needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-from-lock
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve test test-fast browser-test lint fmt check lock messages clean bench

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --upgrade pip
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

install: $(STAMP)  ## virtualenv with exactly the locked versions

run: install  ## set up, load demo data and serve on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Serving AI-hubben on http://$(HOST):$(PORT)/"
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: install  ## production-like: gunicorn, DEBUG off, plain HTTP on loopback
	DEBUG=false HUB_INSECURE_HTTP=true EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend} SECRET_KEY=$${SECRET_KEY:-local-serve-$$(hostname)-not-for-production-0123456789-abcdefghij} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} sh -c '\
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(VENV)/bin/gunicorn hub.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -'

test: install  ## the whole suite, browser tests included when /usr/bin/chromium exists
	$(PY) -m pytest

test-fast: install  ## everything but the browser tests
	$(PY) -m pytest --ignore=tests/browser

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install  ## Django's checks, migrations up to date
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: install  ## refresh the Swedish catalogue, then compile it
	$(PY) manage.py makemessages --locale sv --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale sv --ignore '.venv/*'

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/aihubben_bench
bench: install  ## benchmark on PostgreSQL at 1,000 and 10,000 services (BENCH_ARGS="--services 100000" for more)
	DEBUG=false HUB_INSECURE_HTTP=true SECRET_KEY=$${SECRET_KEY:-local-bench-$$(hostname)-not-for-production-0123456789-abcdefghij} \
	ALLOWED_HOSTS=testserver,127.0.0.1 DATABASE_URL=$(BENCH_DATABASE_URL) sh -c '\
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py bench $(BENCH_ARGS)'

lock:  ## re-resolve the lock file from pyproject.toml's ranges
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	.lock-venv/bin/pip freeze --exclude-editable --disable-pip-version-check > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
