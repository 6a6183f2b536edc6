#!/usr/bin/env python3
"""Compare Xueji's resident-ID check with python-stdnum's stdnum.cn.ric on thousands of IDs.

Issue 3: an ID that stdnum rejects must fail in Xueji with the matching code, and one it accepts must
pass. Generates valid IDs from the shipped dated division list and mutates them (digits, check
character, length, letters, impossible dates, codes outside their years), asks stdnum, then asks
`xueji identity check` (the same ResidentID check registration runs).

Usage: ric_oracle.py PATH/TO/xueji [COUNT]
Known, deliberate difference: Xueji also refuses birth dates in the future; stdnum does not check
that, so the generator keeps dates in the past.
"""
import datetime
import json
import random
import subprocess
import sys

from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def check_char(body):
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


def stdnum_verdict(number):
    """None when stdnum accepts, else the Xueji code its exception corresponds to."""
    try:
        ric.validate(number)
        return None
    except InvalidLength:
        return "id_length"
    except InvalidFormat:
        return "id_charset"
    except InvalidChecksum:
        return "id_check_digit"
    except InvalidComponent:
        try:
            ric.get_birth_date(number)
        except InvalidComponent:
            return "id_birth_date"
        return "id_region"


def load_codes(path):
    codes = []
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        code, start, end, _ = line.split(",", 3)
        codes.append((code, int(start) if start else 1900, int(end) if end else 2100))
    return codes


def generate(codes, count, rng):
    today = datetime.date.today()
    cases = []
    while len(cases) < count:
        code, start, end = rng.choice(codes)
        low, high = max(start, 1950), min(end, today.year - 1)
        if low > high:
            continue
        year = rng.randint(low, high)
        date = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
        body = code + date.strftime("%Y%m%d") + "%03d" % rng.randint(0, 999)
        valid = body + check_char(body)
        kind = rng.randrange(9)
        if kind <= 2:
            cases.append(valid)                                   # valid
        elif kind == 3:
            wrong = rng.choice([c for c in "0123456789X" if c != valid[-1]])
            cases.append(valid[:-1] + wrong)                      # wrong check character
        elif kind == 4:
            i = rng.randrange(17)
            d = str((int(valid[i]) + rng.randint(1, 9)) % 10)
            cases.append(valid[:i] + d + valid[i + 1:])           # one digit changed
        elif kind == 5:
            cases.append(valid[: rng.choice([15, 16, 17])] if rng.random() < 0.5 else valid + "1")  # length
        elif kind == 6:
            i = rng.randrange(17)
            cases.append(valid[:i] + rng.choice("ABCxZ") + valid[i + 1:])  # letters
        elif kind == 7:
            bad = code + "%04d0230" % year + "%03d" % rng.randint(0, 999)   # 30 February
            cases.append(bad + check_char(bad))
        else:
            other, s, e = rng.choice(codes)                       # a code possibly outside its years
            swapped = other + valid[6:17]
            cases.append(swapped + check_char(swapped))
        if rng.random() < 0.1 and cases[-1].endswith("X"):
            cases[-1] = cases[-1][:-1] + "x"                      # lower-case x is normalised by both
    return cases


def main():
    xueji = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    codes = load_codes("Sources/XuejiStore/Data/division-history.csv")
    cases = generate(codes, count, random.Random(2026))
    out = subprocess.run([xueji, "identity", "check"], input="\n".join(cases) + "\n", capture_output=True, text=True)
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    if len(answers) != len(cases):
        print(f"xueji answered {len(answers)} of {len(cases)} lines: {out.stderr}")
        return 1
    failures = []
    accepted = 0
    for number, answer in zip(cases, answers):
        expected = stdnum_verdict(number)
        accepted += expected is None
        got = None if answer["valid"] else answer["errors"][0]
        if got != expected:
            failures.append((number, expected, got))
    for number, expected, got in failures[:20]:
        print(f"  {number}: stdnum {expected or 'valid'}, xueji {got or 'valid'}")
    print(f"ric oracle: {len(cases)} IDs ({accepted} valid per stdnum)")
    print(f"{len(cases) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
