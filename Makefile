# Set-up and everyday commands. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
MANAGE := $(PY) manage.py
# Integration tests run against these (CI starts the services; see .ci/run).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/upr_presessions
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15
PYTEST_ARGS ?=

.PHONY: install run migrate data test test-unit test-integration worker lint messages benchmarks clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DJANGO_DEBUG=1 $(MANAGE) compile_translations
	$(MANAGE) migrate --noinput

data: migrate
	$(MANAGE) load_reference_data
	$(MANAGE) seed_demo

run: export DJANGO_DEBUG ?= 1
run: data
	$(MANAGE) runserver 127.0.0.1:8000

test: install test-unit test-integration

test-unit: install
	DJANGO_DEBUG=1 $(MANAGE) compile_translations
	$(PY) -m pytest -m "not integration" $(PYTEST_ARGS)

test-integration: install
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		$(PY) -m pytest -m integration $(PYTEST_ARGS)

worker: install
	$(VENV)/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2

lint: install
	$(VENV)/bin/ruff check .

messages: install
	$(MANAGE) makemessages --all --ignore=.venv --ignore=var --no-obsolete
	DJANGO_DEBUG=1 $(MANAGE) compile_translations

benchmarks: install
	for f in tests/benchmarks/bench_*.py; do $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) var
