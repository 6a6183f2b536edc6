#!/usr/bin/env bash
# The national-shape programme reports at 1,000,000 pupils (issue 9: each under 5 s), each beside
# the same aggregate written by hand in SQL and run in `sqlite3` (or `psql` for a PostgreSQL
# database) in the same run, with the ratio.
# BENCH_DB=sqlite:PATH or BENCH_DB=postgres://… reuses a loaded database (`xueji demo --students
# 1000000 --db …` first).
set -euo pipefail
xueji=${XUEJI:-.build/release/xueji}
pupils=${BENCH_PUPILS:-1000000}
work=$(mktemp -d /tmp/xueji-bench-programmes.XXXXXX)
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
db=${BENCH_DB:-}
if [[ -z "$db" ]]; then
  db="sqlite:$work/programmes.sqlite"
  "$xueji" migrate --db "$db" >/dev/null
  "$xueji" demo --students "$pupils" --db "$db" >/dev/null
fi
"$xueji" migrate --db "$db" >/dev/null
path=${db#sqlite:}
# The raw tool: the same SQL through sqlite3 or psql (CSV out for the statistics table).
raw_sql() { if [[ "$db" == postgres* ]]; then psql "$db" -At -c "$1"; else sqlite3 "$path" "$1"; fi; }
raw_csv() { if [[ "$db" == postgres* ]]; then psql "$db" -At -c "COPY ($1) TO STDOUT WITH CSV"; else sqlite3 -csv "$path" "$1"; fi; }
"$xueji" serve --port 0 --db "$db" --data-dir "$work/data" --no-access-log 2>"$work/serve.log" & pid=$!
for _ in $(seq 100); do port=$(grep -o '"port":[0-9]*' "$work/serve.log" | head -n 1 | cut -d: -f2 || true); [[ -n "$port" ]] && break; sleep 0.1; done
base="http://127.0.0.1:$port"
csrf=$(curl -s -c "$work/jar" -H "Content-Type: application/json" -d '{"username":"henan-admin","password":"xueji-demo-2026"}' "$base/api/v1/session" \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['csrf_token'])")

today=$(date -u -d '+8 hours' +%F)
read -r year term census <<<"$(raw_sql "SELECT school_year, term, starts FROM terms WHERE province IN ('41', '00') AND starts <= '$today' ORDER BY starts DESC, province DESC LIMIT 1" | tr '|' ' ')"
seconds() { python3 - "$@" <<'PY'
import subprocess, sys, time
t = time.time(); subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); print(f"{time.time() - t:.2f}")
PY
}
tool=$([[ "$db" == postgres* ]] && echo psql || echo sqlite3)
raw_time() { if [[ "$db" == postgres* ]]; then seconds psql "$db" -At -c "$1"; else seconds sqlite3 "$path" "$1"; fi; }
row() { printf '%-52s %7s s   %-34s %7s s   ratio %s\n' "$1" "$2" "$3" "$4" "$(python3 -c "print(f'{$2 / max($4, 0.001):.1f}')")"; }

api=$(seconds curl -sf -b "$work/jar" -o /dev/null "$base/api/v1/reports/funding?term=$year-$term")
raw=$(raw_time "SELECT s.code, COUNT(*), SUM(CASE WHEN p.study_mode = '2' THEN 1 ELSE 0 END) FROM memberships m JOIN schools s ON s.id = m.school_id JOIN pupils p ON p.id = m.pupil_id WHERE s.region >= '41' AND s.region < '42' AND m.grade <= 9 AND m.entry_date <= '$census' AND (m.exit_date IS NULL OR m.exit_date > '$census') GROUP BY s.code")
row "funding, province 41, term $year-$term" "$api" "$tool: head count by school" "$raw"

api=$(seconds curl -sf -b "$work/jar" -o /dev/null "$base/api/v1/reports/class-sizes?level=school")
raw=$(raw_time "SELECT c.id, (SELECT COUNT(*) FROM pupils p WHERE p.class_id = c.id AND p.status IN ('active', 'suspended')) FROM classes c JOIN schools s ON s.id = c.school_id WHERE s.region >= '41' AND s.region < '42'")
row "class sizes by school, province 41" "$api" "$tool: pupils per class" "$raw"

raw_csv "SELECT s.code, m.grade, p.sex, COUNT(*) FROM memberships m JOIN schools s ON s.id = m.school_id JOIN pupils p ON p.id = m.pupil_id WHERE m.entry_date <= '$census' AND (m.exit_date IS NULL OR m.exit_date > '$census') GROUP BY 1, 2, 3" > "$work/counts.csv"
{ echo "学校标识码,年级,性别,在校生数"; cat "$work/counts.csv"; } > "$work/statistics.csv"
api=$(seconds curl -sf -b "$work/jar" -H "X-CSRF-Token: $csrf" -o /dev/null -F "file=@$work/statistics.csv" -F "as_of=$census" "$base/api/v1/reconciliations")
raw=$(raw_time "SELECT s.code, m.grade, p.sex, COUNT(*) FROM memberships m JOIN schools s ON s.id = m.school_id JOIN pupils p ON p.id = m.pupil_id WHERE s.region >= '41' AND s.region < '42' AND m.entry_date <= '$census' AND (m.exit_date IS NULL OR m.exit_date > '$census') GROUP BY 1, 2, 3")
row "reconciliation, province 41 ($(wc -l < "$work/counts.csv") rows)" "$api" "$tool: registry counts" "$raw"

api=$(seconds curl -sf -b "$work/jar" -o /dev/null "$base/api/v1/reports/class-size-targets")
raw=$(raw_time "SELECT s.region, s.code, (SELECT COUNT(*) FROM pupils p WHERE p.class_id = c.id AND p.status IN ('active', 'suspended')) FROM classes c JOIN schools s ON s.id = c.school_id WHERE s.region >= '41' AND s.region < '42'")
row "class sizes against the targets, province 41" "$api" "$tool: pupils per class" "$raw"

base_year=$(( $(date -u -d '+8 hours' +%m) >= 9 ? $(date -u -d '+8 hours' +%Y) : $(date -u -d '+8 hours' +%Y) - 1 ))
api=$(seconds curl -sf -b "$work/jar" -o /dev/null "$base/api/v1/reports/capacity-outlook")
raw=$(raw_time "SELECT s.region, m.grade, COUNT(*) FROM memberships m JOIN schools s ON s.id = m.school_id WHERE s.region >= '41' AND s.region < '42' AND m.entry_date <= '$base_year-09-01' AND (m.exit_date IS NULL OR m.exit_date > '$base_year-09-01') GROUP BY 1, 2")
row "places outlook, every county of province 41" "$api" "$tool: one stock date's grades (of 3)" "$raw"

# A county signs off its snapshot of the census date (once: a rerun on the same database finds it
# signed); funding then pays it from the frozen pupils.
county=$(raw_sql "SELECT region FROM schools WHERE region >= '41' AND region < '42' GROUP BY region ORDER BY COUNT(*) DESC LIMIT 1")
signed=$(seconds curl -s -b "$work/jar" -H "X-CSRF-Token: $csrf" -H "Content-Type: application/json" -o /dev/null \
  -d "{\"county\":\"$county\",\"as_of\":\"$census\"}" "$base/api/v1/census-snapshots")
api=$(seconds curl -sf -b "$work/jar" -o /dev/null "$base/api/v1/reports/funding?term=$year-$term")
raw=$(raw_time "SELECT s.code, COUNT(*), SUM(CASE WHEN p.study_mode = '2' THEN 1 ELSE 0 END) FROM memberships m JOIN schools s ON s.id = m.school_id JOIN pupils p ON p.id = m.pupil_id WHERE s.region >= '41' AND s.region < '42' AND m.grade <= 9 AND m.entry_date <= '$census' AND (m.exit_date IS NULL OR m.exit_date > '$census') GROUP BY s.code")
row "funding with county $county frozen (sign-off ${signed} s)" "$api" "$tool: head count by school" "$raw"
