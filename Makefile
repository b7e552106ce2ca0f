# Two commands for a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
PG_URL ?= postgres://postgres@127.0.0.1:5432/peertalk

.PHONY: run test test-postgres install migrate seed editor-password check-deploy bench clean

$(INSTALLED): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

install: $(INSTALLED)

migrate: install
	$(BIN)/python manage.py migrate --noinput --verbosity 0

seed: migrate
	$(BIN)/python manage.py load_seed --if-empty

run: seed
	$(BIN)/python manage.py ensure_editor
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Tests run on every core (pytest-xdist): most of them load the whole seed site. loadgroup keeps
# each tests/a11y module on one worker, so its seeded site and browser are set up once.
test: install
	$(BIN)/python -m pytest -n auto --dist loadgroup

# The same suite against PostgreSQL (search stemming, Postgres-only SQL).
test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -n auto -m "not browser"

editor-password: install
	$(BIN)/python manage.py ensure_editor --reset-password

check-deploy: install
	SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") ALLOWED_HOSTS=peertalk.example.org \
	DJANGO_SETTINGS_MODULE=peertalk_site.settings.production $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) .pytest_cache .test-media staticfiles
