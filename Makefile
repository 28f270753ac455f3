# The README's two commands: `make demo` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite runs on every core (pytest-xdist), one test module per worker at a time (its world is built once).
PYTEST := $(BIN)/python -m pytest -q -n auto --dist loadfile
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-data.txt pyproject.toml | cksum | cut -d' ' -f1)

# A local demo over plain http on the loopback address; production sets these for real.
DEMO_ENV := DANVAN_DEMO=1 SECRET_KEY=demo-not-secret-$(PORT) HTTPS=false ALLOWED_HOSTS=127.0.0.1,localhost \
	EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend

.PHONY: demo test test-sqlite test-postgres test-browser lint install chromium bench clean messages

# requirements-data.txt: data-only packages, installed without their dependencies (docs/imports.md).
$(STAMP): requirements.txt requirements-data.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-data.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

demo: install
	mkdir -p var/mail
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	$(DEMO_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "danvan: http://127.0.0.1:$(PORT)/  (mọi tài khoản mẫu dùng mật khẩu: demo; Ctrl+C để dừng)"
	$(DEMO_ENV) $(BIN)/python manage.py db_worker --queue-name '*' >var/worker.log 2>&1 & \
	WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/granian --interface wsgi --host 127.0.0.1 --port $(PORT) --workers 2 danvan.wsgi:application

# Debian's Chromium for the browser tests; never a browser download (CONTRIBUTING.md, make test).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-liberation2 >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-liberation2 >/dev/null; fi; }

test: install chromium
	$(BIN)/ruff check .
	$(PYTEST)

test-sqlite: install
	$(PYTEST)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/danvan} $(PYTEST)

test-browser: install chromium
	$(PYTEST) -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput --verbosity 0
	DEBUG=1 $(BIN)/python manage.py bench
	DEBUG=1 $(BIN)/python manage.py bench_supervision
	DEBUG=1 $(BIN)/python manage.py bench_petitions
	DEBUG=1 $(BIN)/python manage.py bench_emulation
	DEBUG=1 $(BIN)/python manage.py bench_democracy
	DEBUG=1 $(BIN)/python bench/quarterly_report.py

messages: install
	cd danvan && DEBUG=1 ../$(BIN)/python ../manage.py makemessages -l en --no-obsolete --no-location && DEBUG=1 ../$(BIN)/python ../manage.py compilemessages -l en

clean:
	rm -rf $(VENV) var test-results
