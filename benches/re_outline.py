#!/usr/bin/env python3
"""The outline a user could get with Python's `re` instead of tigang: one regex
per line for line-start markers, plus finditer for inline 一是/一要/第一，
after 。；：！？ — the comparison of issue 5 (tigang must be ≥ 3× faster).

    python3 benches/re_outline.py FILE [RUNS]

Prints the number of markers found and the best of RUNS (default 3) timings as
MB/s (10^6 bytes of the file per second). Reading and decoding the file are
outside the timing, as tigang's `parse` bench gets a &str.

It recognises what the spec's table lists at line start (part, chapter,
section, article, capital numeral, numeral, paren numeral, digit, dotted,
paren digit, circled, ordinals, sequence words) and levels by marker kind; it
does none of tigang's work on titles, bodies, spans, TOC or nesting, so it is
a generous lower bound for what a Python outline takes.
"""

import re
import sys
import time

NUM = "[一二三四五六七八九十百零两廿〇]+"
CAP = "[壹貳贰參叁肆伍陸陆柒捌玖拾]+"
DIG = "[0-9０-９]{1,3}"

LINE = re.compile(
    r"^(?:[\s\u3000\u00a0>#*\-]|&nbsp;)*"
    r"(?:"
    rf"(?P<part>【(?:篇{DIG}|篇{NUM}|第{NUM}篇)】|篇{NUM}|第{NUM}篇)"
    rf"|(?P<chapter>第\s*(?:{NUM}|{DIG})\s*章)"
    rf"|(?P<section>第\s*(?:{NUM}|{DIG})\s*[节節])"
    rf"|(?P<article>第\s*(?:{NUM}|{DIG})\s*[条條])(?![规的所至和及第款项中、或])"
    rf"|(?P<capital>{CAP}[、．.])"
    rf"|(?P<numeral>{NUM}[、．.])(?!{NUM}[、级类季等届])"
    rf"|(?P<paren_numeral>[（(〔]\s*{NUM}\s*[）)〕]|[㈠-㈩])"
    rf"|(?P<dotted>{DIG}(?:\.{DIG}){{1,5}}\.?)(?=[\s\u3000、，：])"
    rf"|(?P<digit>{DIG}[.．、](?![0-9])|[⒈-⒛])"
    rf"|(?P<paren_digit>[（(]\s*{DIG}\s*[）)]|{DIG}[）)]|[⑴-⒇])"
    rf"|(?P<circled>[①-⑳㉑-㉟㊱-㊿❶-❿])"
    rf"|(?P<ordinal>{NUM}[是要]|第{NUM}(?:[，,、：:]|是|要(?![务义])))"
    r"|(?P<sequence>首先|其次|再次|然后|最后)"
    r")"
)

# Starts with a character class, so `re` scans for it quickly instead of
# trying the pattern at every character (a lookbehind would be 2× slower).
INLINE = re.compile(
    rf"[。；：！？;:!?][”’」』）)]?(?P<ordinal>{NUM}[是要]|第{NUM}(?:[，,、：:]|是|要(?![务义])))"
)

LEVEL = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "article": 3,
    "capital": 4,
    "numeral": 5,
    "paren_numeral": 6,
    "digit": 7,
    "dotted": 8,
    "paren_digit": 9,
    "circled": 10,
    "ordinal": 11,
    "sequence": 12,
}


def outline(text):
    """(kind, line number, column, marker) for every marker found."""
    out = []
    for no, line in enumerate(text.splitlines(), 1):
        m = LINE.match(line)
        start = 0
        if m is not None:
            kind = m.lastgroup
            out.append((kind, LEVEL[kind], no, m.start(kind), m.group(kind)))
            start = m.end()
        for im in INLINE.finditer(line, start):
            out.append(("ordinal", LEVEL["ordinal"], no, im.start("ordinal"), im.group("ordinal")))
    return out


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    best = float("inf")
    found = []
    for _ in range(runs):
        t = time.perf_counter()
        found = outline(text)
        best = min(best, time.perf_counter() - t)
    print(
        f"{path}: {len(data)} bytes, {len(found)} markers, "
        f"best of {runs}: {best:.3f} s, {len(data) / best / 1e6:.1f} MB/s"
    )


if __name__ == "__main__":
    main()
