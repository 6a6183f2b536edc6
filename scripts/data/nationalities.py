#!/usr/bin/env python3
"""Writes the nationality code table (ISO 3166-1 alpha-3 with Chinese and English names) from
Debian's iso-codes package (/usr/share/iso-codes/json/iso_3166-1.json and its zh_CN translation).

Usage: scripts/data/nationalities.py > Sources/XuejiCore/Codes/Nationality.swift
Hong Kong, Macao and Taiwan are named as regions of China, as the national student-status
system and GB/T 2659 do.
"""
import gettext
import json

data = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]
zh = gettext.translation("iso_3166-1", "/usr/share/locale", languages=["zh_CN"])
special = {"CHN": ("中国", "China"), "HKG": ("中国香港", "Hong Kong, China"), "MAC": ("中国澳门", "Macao, China"),
           "TWN": ("中国台湾", "Taiwan, China")}
rows = []
for c in sorted(data, key=lambda c: c["alpha_3"]):
    code = c["alpha_3"]
    en = c.get("common_name") or c["name"]
    name_zh = zh.gettext(c["name"])
    if code in special:
        name_zh, en = special[code]
    rows.append((code, name_zh.replace('"', "'"), en.replace('"', "'")))
rows.append(("XXX", "无国籍", "Stateless"))
print('''extension CodeTables {
    /// Nationality or region (国籍/地区): ISO 3166-1 alpha-3, generated from Debian's iso-codes 4.15
    /// by scripts/data/nationalities.py (docs/data-sources.md). XXX marks a stateless person.
    public static let nationality = CodeTable(name: "nationality", version: "2026.1", entries: [''')
for code, z, e in rows:
    print(f'        ("{code}", "{z}", "{e}"),')
print('''    ])
}''')
