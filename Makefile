# The ICS Directory's two commands:
#   make serve   create the environment, install, migrate, load the fixtures and run the site (SQLite)
#   make test    install what the tests need and run the pre-test gate and the whole suite
# On PostgreSQL: scripts/with-postgres make test (it starts a throwaway server; see README).

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
# Django 6 needs Python 3.12+: use the first one found (pyenv's too, via .python-version).
PYTHON ?= $(shell for p in python3.13 python3.12 $$(pyenv root 2>/dev/null)/versions/3.1[23]*/bin/python3 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

export DJANGO_ENV ?= development

.PHONY: serve test gate install install-test assets browser fixtures superuser clean

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.12 or later is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"

install: $(PY)
	$(PY) -m pip install --quiet -e .

install-test: $(PY)
	$(PY) -m pip install --quiet -e . --group test

# The stylesheet and images, built from the NHS.UK frontend npm package (needs Node.js and npm).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

static/css/site.css: node_modules/.package-lock.json assets/site.scss assets/build.mjs
	npm run -s build

assets: static/css/site.css

# Browser and server tests drive Debian's Chromium (Playwright cannot download browsers here) and
# start a throwaway Redis server.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1 || { \
		apt-get update -qq && apt-get install -y -qq --no-upgrade chromium redis-server; }

serve: install assets
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_directory
	$(PY) manage.py runserver $(PORT)

superuser: install
	$(PY) manage.py createsuperuser

gate: install-test assets
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --check --quiet
	$(BIN)/djlint directory/jinja2 api/jinja2 --profile=jinja --check --quiet
	$(PY) scripts/check-templates

test: gate browser
	$(BIN)/pytest

fixtures: install
	$(PY) -m pip install --quiet -e . --group build
	$(PY) manage.py build_fixtures

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles static node_modules .pytest_cache .ruff_cache
