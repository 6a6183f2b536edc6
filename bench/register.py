#!/usr/bin/env python3
"""Registers COUNT pupils one by one through the API (POST /api/v1/pupils), over THREADS keep-alive
connections, and prints registrations per second. Usage: register.py PORT COUNT THREADS"""
import http.client
import json
import sys
import threading
import time

port, count, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def login():
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("POST", "/api/v1/session", json.dumps({"username": "registrar", "password": "xueji-demo-2026"}))
    r = c.getresponse()
    body = json.loads(r.read())
    cookie = r.getheader("Set-Cookie").split(";")[0]
    return c, cookie, body["csrf_token"]


def body(i):
    # Born 2020 in 410102 (valid all years); a serial space the demo's 2019-2020 births do not use.
    day = 1 + i % 365
    date = time.strftime("%Y%m%d", time.gmtime(1577836800 + (day - 1) * 86400))
    serial = 500 + (i // 365) * 2          # even: girls
    base = "410102" + date + "%03d" % (serial % 1000)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(base, W)) % 11]
    return json.dumps({
        "school": "4101029001", "grade": 1, "class": "一年级1班", "entry_date": "2026-09-01", "entry_mode": "11", "study_mode": "1",
        "name": "测试", "sex": "2", "birth_date": f"{date[:4]}-{date[4:6]}-{date[6:]}", "birthplace": "410102", "native_place": "410102",
        "ethnicity": "01", "nationality": "CHN", "id_type": "1", "id_number": base + check, "overseas": "00", "health": "10",
        "hukou_place": "410102", "hukou_nature": "2", "address": "郑州市中原区", "phone": "13812345678", "only_child": True,
        "preschool": True, "left_behind": "0", "migrant": False, "orphan": False, "martyr_family": False,
        "guardians": [{"name": "测试家长", "relation": "51", "is_guardian": True, "phone": "13900001111"}],
    })


statuses = {}
lock = threading.Lock()


def worker(k):
    c, cookie, csrf = login()
    for i in range(k, count, threads):
        c.request("POST", "/api/v1/pupils", body(i), {"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        with lock:
            statuses[r.status] = statuses.get(r.status, 0) + 1


start = time.time()
pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
for t in pool: t.start()
for t in pool: t.join()
elapsed = time.time() - start
print(f"{statuses.get(201, 0) / elapsed:.0f} {elapsed:.2f} {json.dumps(statuses)}")
