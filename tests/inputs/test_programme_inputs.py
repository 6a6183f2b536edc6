#!/usr/bin/env python3
"""Junk against the programme endpoints of a running server (issue 9): bodies with every field
missing, mistyped, out of range or hostile; query strings of the reports and pages; uploads that
are empty, binary, half a list or a broken zip. Every answer must be a defined one: a status below
500 and, for the API, a JSON body. The generator is seeded, so a failure reproduces.
Usage: test_programme_inputs.py PATH/TO/xueji. Exit 0 when every answer is defined, 1 otherwise."""
import json, os, random, sys, tempfile, urllib.error, urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "browser"))
import harness  # noqa: E402  (start_server, api_login; no browser is started here)

JUNK = [None, "", "x", "2026-1", "2026-3", "2026-13", "９９", "-1", 0, -5, 1e300, 2**70, [], {}, "<script>alert(1)</script>",
        "\u0000", "a" * 300, True, "4101029001", "410102", "2026-09", "2026-09-01", "生活补助"]
BODIES = {"/api/v1/aid/payments": ["school", "programme", "term", "month", "amount_fen", "paid_on", "reference", "note"],
          "/api/v1/census-snapshots/410102/corrections": ["as_of", "school", "grade", "sex", "delta", "reason"],
          "/api/v1/census-snapshots": ["county", "as_of"],
          "/api/v1/aid/applications": ["pupil", "programme", "school_year", "term", "hardship", "tier"]}
QUERIES = ["/api/v1/reports/aid-reconciliation?term={}&month={}&programme={}", "/api/v1/reports/class-size-targets?level={}&as_of={}&x={}",
           "/api/v1/reports/capacity-outlook?region={}&format={}&x={}", "/api/v1/reports/meal-claims?level={}&month={}&format={}",
           "/api/v1/birth-cohorts/{}?a={}&b={}", "/api/v1/aid/payments?term={}&month={}&x={}", "/api/v1/reports/funding?term={}&level={}&region={}",
           "/api/v1/projections/{}?a={}&b={}", "/aid/ledger?term={}&month={}&x={}", "/reports/meals?month={}&level={}&x={}",
           "/reports/funding?term={}&level={}&x={}", "/reports/projection?county={}&x={}&y={}", "/reports/class-sizes?x={}&y={}&z={}"]
VALUES = ["", "2026-1", "2026-3", "abc", "2026-09", "9999-99", "county", "school", "410102", "41", "0", "%00", "%E7%8E%8B", "xlsx", "csv",
          "1999-09-01", "%FF%FE", "-1"]
UPLOADS = [b"", b"\xff\xfe\x00", "学校标识码,资助项目\n1,2\n".encode(), "县级行政区划代码,出生年份,出生人数\n410102,2020,abc\n410102,,\n".encode("gb18030"),
           b"PK\x03\x04garbage", b"\x00" * 4096]


def send(base, method, path, cookie, csrf, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    headers = {"Cookie": f"xueji_session={cookie}", "X-CSRF-Token": csrf, "Content-Type": content_type}
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, data=data, method=method, headers=headers)) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def main():
    work = tempfile.mkdtemp(prefix="xueji-inputs-")
    server, base = harness.start_server(work, attendance=True)
    random.seed(2026)
    undefined, sent = [], 0
    try:
        for user in ["henan-admin", "county-reviewer", "registrar", "county-analyst"]:
            cookie, csrf = harness.api_login(base, user)
            def check(method, path, status, kind, body, what):
                if status >= 500 or (path.startswith("/api/") and "json" not in kind):
                    undefined.append(f"{user} {method} {path} {what!r}: {status} {body[:160]!r}")
            for path, fields in BODIES.items():
                for _ in range(60):
                    body = {f: random.choice(JUNK) for f in fields if random.random() < 0.8}
                    status, kind, answer = send(base, "POST", path, cookie, csrf, body)
                    sent += 1
                    check("POST", path, status, kind, answer, body)
            for template in QUERIES:
                for _ in range(12):
                    path = template.format(*[random.choice(VALUES) for _ in range(3)])
                    status, kind, answer = send(base, "GET", path, cookie, csrf)
                    sent += 1
                    check("GET", path, status, kind, answer, None)
            for path in ["/api/v1/aid/payments/imports", "/api/v1/birth-cohorts/imports", "/api/v1/reconciliations"]:
                for content in UPLOADS:
                    raw = b"--fz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n\r\n" + content + b"\r\n--fz--\r\n"
                    status, kind, answer = send(base, "POST", path, cookie, csrf, raw=raw, content_type="multipart/form-data; boundary=fz")
                    sent += 1
                    check("POST", path, status, kind, answer, content[:16])
        crashed = server.poll() is not None
    finally:
        server.terminate()
        server.wait(timeout=10)
    for line in undefined[:20]:
        print("FAIL", line)
    if crashed:
        print("FAIL the server stopped during the run")
    print(f"{sent} requests, {len(undefined)} without a defined answer")
    return 1 if undefined or crashed or sent < 1000 else 0


if __name__ == "__main__":
    sys.exit(main())
