#!/usr/bin/env python3
"""Side-by-side comparison of tagit's date engine with dateparser (PyPI), on demand.

Runs both over the committed case tables (tests/fixtures/dates.tsv and
dates-generated.tsv) and prints a Markdown table, per family: how many expected
expressions each finds and how many values each gets right, and how many spurious
expressions each reports on the sentences that contain none. Not run in CI.

    pip install dateparser==1.5.0
    cargo build --release --bin tagit
    python3 scripts/compare_dateparser.py [path/to/tagit]

Scoring. An expected expression is *found* when a reported span overlaps it (same
characters, either containing the other). Its *value* is right when it equals the
expected TIMEX3 value: tagit's value string is compared as is; dateparser returns a
datetime, which is rendered at the granularity of the expected value (day, month, year,
clock time, day+time). Values dateparser cannot express (weeks, ranges, durations,
decades, quarters, unresolved `XXXX`) count as wrong for it: that is the point of a
TIMEX3 value.
"""
import datetime as dt
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import dateparser
from dateparser.search import search_dates

ROOT = Path(__file__).resolve().parent.parent
TABLES = [ROOT / "tests/fixtures/dates.tsv", ROOT / "tests/fixtures/dates-generated.tsv"]


def load():
    cases = []
    for table in TABLES:
        for line in table.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            family, dct, text, expected = line.split("\t")
            family = family.removeprefix("gen-")
            want = []
            if expected != "-":
                for item in expected.split(" | "):
                    label, rest = item.split(":", 1)
                    span, value = rest.split("=>")
                    want.append((span, value))
            cases.append((family, None if dct == "-" else dct, text, want))
    return cases


def run_tagit(binary, cases):
    lines = []
    for i, (_, dct, text, _) in enumerate(cases):
        rec = {"id": str(i), "text": text}
        if dct:
            rec["dct"] = dct
        lines.append(json.dumps(rec, ensure_ascii=False))
    out = subprocess.run([binary, "annotate", "--jsonl"], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, check=True).stdout
    result = []
    for line in out.splitlines():
        ents = json.loads(line)["entities"]
        result.append([(e["text"], e["value"]) for e in ents if e["label"] in ("DATE", "TIME")])
    return result


def render(value_shape, d):
    """dateparser's datetime at the granularity of the expected value."""
    v = value_shape
    if len(v) == 10 and v[4] == "-" and v[7] == "-" and not v.startswith("X"):
        return d.date().isoformat()
    if len(v) == 7 and v[4] == "-" and v[:4].isdigit() and v[5:].isdigit():
        return d.strftime("%Y-%m")
    if len(v) == 4 and v.isdigit():
        return d.strftime("%Y")
    if v.startswith("T") and len(v) == 6:
        return d.strftime("T%H:%M")
    if len(v) == 16 and v[10] == "T" and v[13] == ":":
        return d.strftime("%Y-%m-%dT%H:%M")
    return None


def run_dateparser(cases):
    result = []
    for _, dct, text, _ in cases:
        base = dt.datetime.fromisoformat(dct) if dct else dt.datetime(2000, 1, 1)
        found = search_dates(text, languages=["he"], settings={"RELATIVE_BASE": base}) or []
        result.append(found)
    return result


def overlaps(a, b):
    return a in b or b in a


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/release/tagit")
    cases = load()
    ours = run_tagit(binary, cases)
    theirs = run_dateparser(cases)
    stats = defaultdict(lambda: defaultdict(int))
    for (family, _, _, want), o, t in zip(cases, ours, theirs):
        s = stats[family]
        s["cases"] += 1
        if not want:
            s["reject"] += 1
            s["tagit_fp"] += len(o)
            s["dp_fp"] += len(t)
            continue
        for span, value in want:
            s["expected"] += 1
            hit = [v for (txt, v) in o if overlaps(txt, span)]
            s["tagit_found"] += bool(hit)
            s["tagit_value"] += value in hit
            dhit = [d for (txt, d) in t if overlaps(txt, span)]
            s["dp_found"] += bool(dhit)
            s["dp_value"] += any(render(value, d) == value for d in dhit)
    cols = ["cases", "expected", "tagit_found", "tagit_value", "dp_found", "dp_value",
            "reject", "tagit_fp", "dp_fp"]
    print(f"dateparser {dateparser.__version__}; {len(cases)} cases\n")
    print("| family | cases | expressions | tagit found | tagit value right | dateparser found "
          "| dateparser value right | no-date sentences | tagit spurious | dateparser spurious |")
    print("|---" * (len(cols) + 1) + "|")
    total = defaultdict(int)
    for family in sorted(stats):
        s = stats[family]
        for c in cols:
            total[c] += s[c]
        print(f"| {family} | " + " | ".join(str(s[c]) for c in cols) + " |")
    print("| **all** | " + " | ".join(f"**{total[c]}**" for c in cols) + " |")


if __name__ == "__main__":
    main()
