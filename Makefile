# zoom_calendar: the two commands are `make demo` and `make test`.
# Every target sets up what it needs (idempotent, seconds when nothing changed).
# ODOO17_SRC=/path/to/odoo-17.0 adds the Odoo 17.0 addon (odoo17/) to `make
# test` and `make bench`, and makes `make demo` serve it (see README.rst).
.PHONY: help setup demo test test-browser lint bench pot fake-zoom db-start db-stop stop clean

help:
	@echo "make demo       set up, then serve Odoo + zoom_calendar + demo data on http://127.0.0.1:$${PORT:-8069}"
	@echo "                (with ODOO17_SRC=/path/to/odoo-17.0: the same on Odoo 17.0, on port $${PORT:-8169})"
	@echo "make test       set up, then run every test: pytest on a fresh database zoom_test, then the browser tests"
	@echo "                (then, with ODOO17_SRC=/path/to/odoo-17.0, the same for Odoo 17.0: scripts/test17.sh)"
	@echo "make test-browser  the browser tests alone (headless Chromium; screenshots in artifacts/browser/; with ODOO17_SRC, 17.0's too)"
	@echo "make lint       flake8 and pylint-odoo's Odoo 11.0 and 17.0 checks (.flake8, .pylintrc)"
	@echo "make bench      run the benchmarks under bench/ (with ODOO17_SRC, on Odoo 17.0 too)"
	@echo "make pot        regenerate zoom_calendar/i18n/zoom_calendar.pot (Odoo's export) and merge it into i18n/*.po"
	@echo "make fake-zoom  serve the fake Zoom server on 127.0.0.1:$${ZOOM_PORT:-8790}"
	@echo "make stop       stop PostgreSQL and anything else the project left running"
	@echo "make clean      stop, then remove the venv, node tools and run/ (databases included)"

setup:
	@bash scripts/setup.sh
	@bash scripts/config.sh

# With ODOO17_SRC: the same demo on Odoo 17.0 (scripts/demo.sh --odoo17).
demo: setup
	@if [ -n "$${ODOO17_SRC:-}" ]; then bash scripts/demo.sh --odoo17; else bash scripts/demo.sh; fi

# pytest, then the browser tests, then the Odoo 17.0 suite (or one line saying
# why it was skipped): all run, and any failing fails it.
test: setup
	@status=0; bash scripts/test.sh || status=$$?; bash scripts/test-browser.sh || status=$$?; \
	bash scripts/odoo17/suite.sh || status=$$?; exit $$status

test-browser: setup
	@status=0; bash scripts/test-browser.sh || status=$$?; \
	if [ -n "$${ODOO17_SRC:-}" ]; then bash scripts/test-browser.sh --odoo17 || status=$$?; fi; exit $$status

lint: setup
	@bash scripts/lint.sh

bench: setup
	@status=0; bash scripts/bench.sh || status=$$?; \
	if [ -n "$${ODOO17_SRC:-}" ]; then bash scripts/bench.sh --odoo17 || status=$$?; fi; exit $$status

pot: setup
	@bash scripts/pot.sh

fake-zoom: setup
	@bash scripts/fake-zoom.sh

db-start: setup
	@bash scripts/pg.sh start

db-stop:
	@bash scripts/pg.sh stop

stop:
	@bash scripts/stop.sh

# pg.sh remove: the cluster's folder outside the checkout, if it has one
# (as root, when the postgres user cannot enter the checkout).
clean: stop
	@bash scripts/pg.sh remove
	rm -rf .venv .venv-lint .venv17 node_modules run artifacts
