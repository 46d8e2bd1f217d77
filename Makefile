# zoom_calendar: the two commands are `make demo` and `make test`.
# Every target sets up what it needs (idempotent, seconds when nothing changed).
.PHONY: help setup demo test test-browser bench pot fake-zoom db-start db-stop stop clean

help:
	@echo "make demo       set up, then serve Odoo + zoom_calendar + demo data on http://127.0.0.1:$${PORT:-8069}"
	@echo "make test       set up, then run every test: pytest on a fresh database zoom_test, then the browser tests"
	@echo "make test-browser  the browser tests alone (headless Chromium; screenshots in artifacts/browser/)"
	@echo "make bench      run the benchmarks under bench/"
	@echo "make pot        regenerate zoom_calendar/i18n/zoom_calendar.pot (Odoo's export) and merge it into i18n/*.po"
	@echo "make fake-zoom  serve the fake Zoom server on 127.0.0.1:$${ZOOM_PORT:-8790}"
	@echo "make stop       stop PostgreSQL and anything else the project left running"
	@echo "make clean      stop, then remove the venv, node tools and run/ (databases included)"

setup:
	@bash scripts/setup.sh
	@bash scripts/config.sh

demo: setup
	@bash scripts/demo.sh

# pytest, then the browser tests last: both run, and either failing fails it.
test: setup
	@status=0; bash scripts/test.sh || status=$$?; bash scripts/test-browser.sh || status=$$?; exit $$status

test-browser: setup
	@bash scripts/test-browser.sh

bench: setup
	@bash scripts/bench.sh

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

clean: stop
	rm -rf .venv node_modules run artifacts
