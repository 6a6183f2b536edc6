#!/usr/bin/env python3
"""Derive Xueji's dated division-code list from python-stdnum's stdnum/cn/loc.dat.

A resident ID keeps the division code of the day it was issued, so the ID check accepts a code that
was valid in the person's birth year (DOMAIN.md §2), as python-stdnum's stdnum.cn.ric does.

Usage: scripts/data/division_history.py path/to/loc.dat > Sources/XuejiStore/Data/division-history.csv
Output: code,from,to,name  (one row per validity interval; an empty from/to is open-ended)
"""
import re
import sys

def main(path):
    print("code,from,to,name")
    stack = []  # (indent, prefix)
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        key, _, props = line.strip().partition(" ")
        while stack and stack[-1][0] >= indent:
            stack.pop()
        prefix = (stack[-1][1] if stack else "") + key
        stack.append((indent, prefix))
        match = re.search(r'county="([^"]*)"', props)
        if len(prefix) != 6 or not match:
            continue
        for part in match.group(1).split(","):
            m = re.match(r"\[(\d*)-(\d*)\](.*)", part)
            start, end, name = (m.group(1), m.group(2), m.group(3)) if m else ("", "", part)
            print(f"{prefix},{start},{end},{name}")

if __name__ == "__main__":
    main(sys.argv[1])
