#!/usr/bin/env bash
# Import and the year cycle at scale (issue 6), each next to the raw tool in the same run:
#  - `xueji import` of N valid rows (CSV from `xueji demo --export`) into SQLite against `sqlite3 .import`
#    of the same file into a table of the same columns (target <= 2x), with the peak memory (< 300 MB);
#  - the same into PostgreSQL against `psql \copy` (target <= 2x), when a server is given or can be started;
#  - promotion of every pupil after graduating the final grades (target < 30 s at 1,000,000).
set -euo pipefail
xueji=${XUEJI:-.build/release/xueji}
rows=${BENCH_IMPORT_ROWS:-1000000}
work=$(mktemp -d /tmp/xueji-import.XXXXXX)
trap 'rm -rf "$work"' EXIT
seconds() { python3 -c "import sys; print(f'{float(sys.argv[1]):.1f}')" "$1"; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$(now)"; }

db="sqlite:$work/import.sqlite"
"$xueji" migrate --db "$db" >/dev/null
"$xueji" demo --students 1000 --db "$db" >/dev/null          # schools and classes
"$xueji" demo --students "$rows" --export "$work/pupils.csv" --school 4101029005 --db "$db" >/dev/null
size=$(du -m "$work/pupils.csv" | cut -f1)
echo "file: $rows rows, $size MB (national template, UTF-8 with BOM)"

t0=$(now); sqlite3 "$work/raw.sqlite" ".mode csv" ".import $work/pupils.csv raw"; raw=$(elapsed "$t0")
t0=$(now)
/usr/bin/time -f "%M" -o "$work/rss" "$xueji" import "$work/pupils.csv" --school 4101029005 --db "$db" > "$work/out.txt"
ours=$(elapsed "$t0"); rss=$(( $(cat "$work/rss") / 1024 ))
printf '%-52s %8s s  (sqlite3 .import %s s)  ratio %s  (target <= 2)\n' "xueji import into SQLite" "$ours" "$raw" \
  "$(python3 -c "print(f'{$ours / $raw:.1f}')")"
printf '%-52s %8s MB (target < 300)\n' "peak memory of the import" "$rss"
tail -n 1 "$work/out.txt"

"$xueji" graduate --school-year 2026 --db "$db" >/dev/null
t0=$(now); "$xueji" promote --school-year 2026 --db "$db" > "$work/promote.txt"; promote=$(elapsed "$t0")
printf '%-52s %8s s  (%s; target < 30 s at 1,000,000)\n' "promotion" "$promote" "$(cat "$work/promote.txt" | cut -d';' -f1)"

if [[ -n "${XUEJI_BENCH_POSTGRES_URL:-}" ]]; then
  pg="$XUEJI_BENCH_POSTGRES_URL"
  "$xueji" migrate --db "$pg" >/dev/null
  "$xueji" demo --students 1000 --db "$pg" >/dev/null
  header=$(head -n 1 "$work/pupils.csv" | sed 's/^\xEF\xBB\xBF//; s/\r$//')
  columns=$(python3 -c "import sys; print(', '.join(f'c{i} text' for i in range(len(sys.argv[1].split(',')))))" "$header")
  psql -q "$pg" -c "DROP TABLE IF EXISTS raw_import; CREATE TABLE raw_import ($columns)"
  t0=$(now); psql -q "$pg" -c "\\copy raw_import FROM '$work/pupils.csv' WITH (FORMAT csv, HEADER true)"; rawpg=$(elapsed "$t0")
  t0=$(now); "$xueji" import "$work/pupils.csv" --school 4101029005 --db "$pg" > /dev/null; ourspg=$(elapsed "$t0")
  printf '%-52s %8s s  (psql \\copy %s s)  ratio %s  (target <= 2)\n' "xueji import into PostgreSQL" "$ourspg" "$rawpg" \
    "$(python3 -c "print(f'{$ourspg / $rawpg:.1f}')")"
fi
echo "$(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
