#!/usr/bin/env bash
# Attendance at 1,000,000 pupils (issue 8):
#  - storage per pupil-term (target < 100 bytes), from SQLite's dbstat;
#  - the alert review of a county and of the whole province (target < 10 s for a million);
#  - recording a school's day, 40 class registers over HTTP (target < 1 s), beside the raw
#    `sqlite3` writing the same number of packed rows in one transaction.
# BENCH_DB=sqlite:PATH reuses a loaded database (`xueji demo --students 1000000` first).
set -euo pipefail
xueji=${XUEJI:-.build/release/xueji}
pupils=${BENCH_PUPILS:-1000000}
work=$(mktemp -d /tmp/xueji-bench-attendance.XXXXXX)
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
db=${BENCH_DB:-}
if [[ -z "$db" ]]; then
  db="sqlite:$work/attendance.sqlite"
  "$xueji" migrate --db "$db" >/dev/null
  "$xueji" demo --students "$pupils" --db "$db" >/dev/null
fi
"$xueji" migrate --db "$db" >/dev/null
path=${db#sqlite:}
seconds() { python3 -c "import sys,time; t=time.time(); import subprocess; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); print(f'{time.time()-t:.2f}')" "$@"; }

# Storage of a whole term: the current term written to its last day, then measured.
end=$(sqlite3 "$path" "SELECT ends FROM terms WHERE province IN ('41', '00') AND starts <= date('now', '+8 hours') ORDER BY starts DESC, province DESC LIMIT 1")
t=$(seconds "$xueji" demo --attendance --through "$end" --db "$db")
read -r terms days <<<"$(sqlite3 "$path" "SELECT COUNT(*), AVG(length(days)) FROM attendance" | tr '|' ' ')"
bytes=$(sqlite3 "$path" "SELECT SUM(pgsize) FROM dbstat WHERE name = 'attendance'")
printf '%-58s %8s s  (%s pupil-terms)\n' "xueji demo --attendance --through $end (whole term)" "$t" "$terms"
printf '%-58s %8s B  (packed days %s B; target < 100)\n' "storage per pupil-term, whole term (table pages / rows)" \
  "$(python3 -c "print(round($bytes / $terms, 1))")" "$(python3 -c "print(round($days, 1))")"
# Then the term as it stands today, for the review and the registers.
printf '%-58s %8s s\n' "xueji demo --attendance (the term up to yesterday)" "$(seconds "$xueji" demo --attendance --db "$db")"
sqlite3 "$path" "DELETE FROM dropout_alerts; DELETE FROM alert_notes"
printf '%-58s %8s s\n' "xueji alerts scan, county 410102" "$(seconds "$xueji" alerts scan --region 410102 --db "$db")"
sqlite3 "$path" "DELETE FROM dropout_alerts"
printf '%-58s %8s s  (target < 10)\n' "xueji alerts scan, province 410000 ($(sqlite3 "$path" "SELECT COUNT(*) FROM pupils WHERE province = '41'") pupils)" \
  "$(seconds "$xueji" alerts scan --region 410000 --db "$db")"

"$xueji" serve --port 0 --db "$db" --data-dir "$work/data" --no-access-log 2>"$work/serve.log" & pid=$!
for _ in $(seq 100); do port=$(grep -o '"port":[0-9]*' "$work/serve.log" | head -n 1 | cut -d: -f2 || true); [[ -n "$port" ]] && break; sleep 0.1; done
python3 - "http://127.0.0.1:$port" "$path" <<'PY'
import json, re, sqlite3, subprocess, sys, time, urllib.request
base, path = sys.argv[1], sys.argv[2]
def call(method, url, body=None, cookie=None, csrf=None):
    headers = {"Content-Type": "application/json"}
    if cookie: headers["Cookie"] = "xueji_session=" + cookie
    if csrf: headers["X-CSRF-Token"] = csrf
    req = urllib.request.Request(base + url, data=None if body is None else json.dumps(body).encode(), method=method, headers=headers)
    with urllib.request.urlopen(req) as r:
        return r.headers, json.loads(r.read() or b"null")
headers, session = call("POST", "/api/v1/session", {"username": "registrar", "password": "xueji-demo-2026"})
cookie, csrf = re.search("xueji_session=([^;]+)", headers["Set-Cookie"]).group(1), session["csrf_token"]
_, days = call("GET", "/api/v1/schools/4101029001/school-days?from=2026-01-01&to=2099-12-31"[:0] or
               f"/api/v1/schools/4101029001/school-days?from={time.strftime('%Y-%m-%d', time.gmtime(time.time() + 8*3600 - 60*86400))}&to={time.strftime('%Y-%m-%d', time.gmtime(time.time() + 8*3600))}",
               cookie=cookie)
day = [d for d in days["days"] if d < time.strftime('%Y-%m-%d', time.gmtime(time.time() + 8*3600))][-1]
_, classes = call("GET", "/api/v1/schools/4101029001/classes", cookie=cookie)
chosen, pupils = [], 0
for c in classes["items"]:
    _, register = call("GET", f"/api/v1/classes/{c['id']}/attendance/{day}", cookie=cookie)
    chosen.append((c["id"], [p["number"] for p in register["pupils"]]))
    pupils += len(register["pupils"])
    if len(chosen) == 40: break
start = time.time()
for class_id, numbers in chosen:
    absences = [{"pupil": n, "kind": "sick"} for n in numbers[:2]]
    call("PUT", f"/api/v1/classes/{class_id}/attendance/{day}", {"absences": absences}, cookie, csrf)
took = time.time() - start
# The raw tool: sqlite3 upserting the same number of 70-byte packed rows in one transaction.
sql = ["BEGIN;", "CREATE TEMP TABLE raw (pupil_id INTEGER, term_id INTEGER, days BLOB, PRIMARY KEY (pupil_id, term_id)) WITHOUT ROWID;"]
sql += [f"INSERT INTO raw VALUES ({i}, 1, zeroblob(70)) ON CONFLICT DO UPDATE SET days = excluded.days;" for i in range(pupils)]
sql.append("COMMIT;")
start = time.time()
subprocess.run(["sqlite3", path], input="\n".join(sql).encode(), check=True)
raw = time.time() - start
print(f"{'a school day: 40 class registers over HTTP, ' + str(pupils) + ' pupils':<58} {took:8.2f} s  (target < 1)")
print(f"{'sqlite3: the same number of packed rows, one transaction':<58} {raw:8.2f} s  ratio {took / raw:.1f}")
PY
