#!/usr/bin/env bash
# Benchmarks, not tests: each figure is printed next to a raw tool measured in the same run, with
# the ratio. Run with `make bench` (which builds release first). Record results in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/http.sh
echo
bench/registry.sh
echo
bench/pages.sh
echo
bench/attendance.sh
echo
bench/programmes.sh
echo
# PostgreSQL for the import comparison: a throwaway cluster, as in `make test`.
scripts/with-postgres.sh bash -c 'XUEJI_BENCH_POSTGRES_URL=$XUEJI_TEST_POSTGRES_URL bench/import.sh'
