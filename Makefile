# Xueji: the two commands a newcomer needs are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := run
XUEJI := .build/release/xueji

.PHONY: run test bench build deps-run deps-test deps-bench clean

deps-run:
	@scripts/install-deps.sh run
deps-test:
	@scripts/install-deps.sh test
deps-bench:
	@scripts/install-deps.sh bench

build: deps-run
	swift build -c release --product xueji

## run: install what is missing, build, migrate, and serve http://localhost:8080 on SQLite
run: build
	$(XUEJI) migrate
	$(XUEJI) demo --if-missing --with-attendance
	@echo "Xueji is starting on http://localhost:8080 (API description: /api/v1/openapi.json)"
	$(XUEJI) serve --port 8080

## test: every test, on SQLite and on a throwaway PostgreSQL cluster, then the pages in headless Chromium and junk against the programme endpoints
test: deps-test
	swift build --build-tests
	scripts/python-env.sh
	.venv/bin/python tests/oracle/ric_oracle.py .build/debug/xueji 5000
	XUEJI_REQUIRE_POSTGRES=1 scripts/with-postgres.sh swift test --skip-build
	.venv/bin/python tests/browser/test_pages.py .build/debug/xueji
	.venv/bin/python tests/browser/test_records.py .build/debug/xueji
	.venv/bin/python tests/inputs/test_programme_inputs.py .build/debug/xueji

## bench: benchmarks against raw tools in the same run (not a test; see docs/benchmarks.md)
bench: deps-bench build
	bench/run.sh

clean:
	rm -rf .build test-output
