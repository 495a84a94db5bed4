# Idara: `make run` serves the demo, `make test` runs every test. Both install what they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO := IDARA_DEMO=1
# Where the QR codes and printed links of the demo's documents point: the address it serves.
export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test bench install install-dev system-deps runtime-deps setup-demo lint lock messages

$(BIN)/.runtime: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(BIN)/.dev: requirements-dev.lock $(BIN)/.runtime
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

install: $(BIN)/.runtime
install-dev: $(BIN)/.dev

system-deps:
	bash scripts/system-deps.sh test

runtime-deps:
	bash scripts/system-deps.sh runtime

setup-demo: install runtime-deps
	$(DEMO) $(BIN)/python manage.py migrate --noinput
	$(DEMO) $(BIN)/python manage.py rotate_keys --verbosity 0
	$(DEMO) $(BIN)/python manage.py load_territories
	$(DEMO) $(BIN)/python manage.py load_catalog
	$(DEMO) $(BIN)/python manage.py load_demo
	$(DEMO) $(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: setup-demo
	@echo "Idara serves http://127.0.0.1:$(PORT)/"
	$(DEMO) $(BIN)/python manage.py runserver --noreload 127.0.0.1:$(PORT)

# TODAY=2027-12-31 (or "2027-12-31 23:30", Africa/Casablanca) runs the suite on that day: the
# test process's clock is moved there for the whole session (idara/tests/today.py).
# TEST_WORKERS processes share the tests, a file each at a time (pytest-xdist); 0 runs them in
# this one process.
# Tests marked `alone` restart a server the others share: they run afterwards, by themselves.
# MARKS narrows the run to tests with these marks (pytest -m), as CI's second pass does.
TEST_WORKERS ?= 2
test: install-dev system-deps
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not alone$(if $(MARKS), and ($(MARKS)))" $(if $(TODAY),--today="$(TODAY)")
	$(BIN)/python -m pytest -m "alone$(if $(MARKS), and ($(MARKS)))" $(if $(TODAY),--today="$(TODAY)")

# Benchmarks (docs/performance.md): PostgreSQL and 10 million dossiers by default;
# QUICK=1 for a reduced size, SQLITE=1 for SQLite, BENCH_ARGS for more (--dossiers N, --fresh).
bench: install-dev
	bash scripts/system-deps.sh bench
	redis-cli ping >/dev/null 2>&1 || redis-server --daemonize yes >/dev/null
	$(if $(SQLITE),,bash scripts/start-postgres.sh)
	$(BIN)/python bench/run.py $(if $(QUICK),--quick) $(if $(SQLITE),--sqlite) $(BENCH_ARGS)

lint: install-dev
	$(BIN)/ruff check idara bench
	$(BIN)/ruff format --check idara bench

# Re-pin the dependencies after editing requirements*.in.
lock: install-dev
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-header --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	$(BIN)/pip-compile --quiet --strip-extras --no-header --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements-dev.lock requirements-dev.in

# Extract new interface strings into the .po files, then compile them.
messages: install
	cd idara && ../$(BIN)/python ../manage.py makemessages --locale ar --locale fr --no-obsolete --add-location file
	cd idara && ../$(BIN)/python ../manage.py compilemessages
