# Set-up and everyday commands. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
MANAGE := $(PY) manage.py
# Integration tests run against these (CI starts the services; see .ci/run). pytest-django creates and
# drops its own `test_<name>` database on that server; the tests FLUSH the broker's Redis database, so
# give them one of their own.
TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/upr_presessions
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15
PYTEST_ARGS ?=

.PHONY: install run migrate data backup restore test test-unit test-integration worker beat lint messages benchmarks clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DJANGO_DEBUG=1 $(MANAGE) compile_translations
	$(MANAGE) migrate --noinput

# Reference data and the demo (fictional accounts): a development set-up, so DJANGO_DEBUG defaults to 1
# here as for `make run` (seed_demo refuses to run with DJANGO_DEBUG=0). In production, run `make migrate`
# and `manage.py load_reference_data` with the production settings.
data: export DJANGO_DEBUG ?= 1
data: migrate
	$(MANAGE) load_reference_data
	$(MANAGE) load_recommendations
	$(MANAGE) sync_staff_group
	$(MANAGE) seed_demo

run: export DJANGO_DEBUG ?= 1
run: data
	$(MANAGE) runserver 127.0.0.1:8000

# Backups (README, "Backups"): the database (SQLite online backup or pg_dump) and MEDIA_ROOT in one archive,
# by default var/backups/upr-<time>.tar.gz; `make restore ARCHIVE=...` into an empty database and media folder.
ARCHIVE ?=
backup: install
	$(MANAGE) backup $(ARCHIVE)

restore: install
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=var/backups/upr-<time>.tar.gz"; exit 2; }
	$(MANAGE) restore $(ARCHIVE)
	$(MANAGE) migrate --noinput

# Unit tests on SQLite with tasks in-process (coverage measured on every run, failing under the floor in
# pyproject.toml's [tool.coverage.report]), then the integration tests on PostgreSQL + Redis with real
# worker processes. Without the services the integration tests skip, unless CI is set: then they fail.
test: install lint test-unit test-integration

test-unit: install
	DJANGO_DEBUG=1 $(MANAGE) compile_translations
	env -u DATABASE_URL -u CELERY_BROKER_URL $(PY) -m pytest -m "not integration" \
		--cov --cov-report=term:skip-covered $(PYTEST_ARGS)

test-integration: install
	DJANGO_DEBUG=1 $(MANAGE) compile_translations
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) tests/integration/ensure_database.py || test -z "$$CI"
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		$(PY) -m pytest -m integration $(PYTEST_ARGS)

# Production background jobs: one Celery worker (queues "celery" and "mail") with beat embedded. With
# several worker machines, run `make beat` once and `celery -A config worker` (without --beat) on each.
WORKER_CONCURRENCY ?= 2
worker: install
	$(VENV)/bin/celery -A config worker --beat --loglevel=INFO --concurrency=$(WORKER_CONCURRENCY) \
		--queues=celery,mail

beat: install
	$(VENV)/bin/celery -A config beat --loglevel=INFO

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

messages: install
	DJANGO_DEBUG=1 $(MANAGE) makemessages -l fr -l es --ignore=.venv --ignore=var --no-obsolete
	DJANGO_DEBUG=1 $(MANAGE) compile_translations

benchmarks: install
	for f in tests/benchmarks/bench_*.py; do $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) var
