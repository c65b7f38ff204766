#!/usr/bin/env python3
"""Assembles model/knowledge-he.tsv, tagit's curated list of well-known entities.

    python3 scripts/knowledge.py SOURCE [--wordfreq ../shared/data/wordfreq/he.tsv]

SOURCE is either a folder of parts as they were first written (people.tsv,
organisations.tsv, places.tsv, events-works.tsv: `label name variants wikipedia`, one entity
a line; the part's name becomes the source) or the list itself: to add or correct entities,
edit model/knowledge-he.tsv (leave `common` empty on new lines) and run
`python3 scripts/knowledge.py model/knowledge-he.tsv`, which rewrites it. The script checks
every line, drops exact duplicates, and adds two columns: `source` (how the line was made)
and `common` (the forms that are also common Hebrew words, Zipf >= 4 in wordfreq, which the
product path does not match on their own; the model weighs them as evidence). Output is
sorted by label and name, so a rerun on the same parts writes the same file.
"""
import argparse
import pathlib
import sys

LABELS = "PER ORG GPE LOC FAC EVE WOA DUC ANG".split()
SOURCE = "tagit-curated/{part}"
HEADER = """# tagit's knowledge list: well-known entities that Hebrew news is about and that the
# imported lists (GeoNames, CLDR, HebSafeHarbor, the Knesset's) lack, with the forms news
# writes them in. Written for tagit from general knowledge by sessions of its developers
# (December 2026), one part per category (the source column: tagit-curated/PART), then
# assembled by scripts/knowledge.py; never taken from any corpus or test split. Facts only.
# MIT licence (see the repository). Columns: label (NEMO's set), canonical name, other
# forms (|-separated, no attached prefixes), Hebrew Wikipedia title (only where the writer
# was sure), source, and the one-word forms that are also everyday Hebrew words (by the
# wordfreq list: very frequent, or frequent and taking the article or a plural), which the
# product path does not match alone; the model weighs every form as evidence.
"""


def fold(s):
    table = {"\u05f3": "'", "\u05f4": '"', "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u05be": "-"}
    return "".join(table.get(c, c) for c in s if not ("\u0591" <= c <= "\u05c7"))


def is_common(w, zipf):
    """A form that is also an everyday word: very frequent (function words), or frequent and
    taking the article or a plural the way nouns and adjectives do (names rarely do)."""
    z = zipf.get(w, 0.0)
    if z >= 5.2:
        return True
    if z < 4.0:
        return False
    derived = max(zipf.get("ה" + w, 0.0), zipf.get(w + "ים", 0.0), zipf.get(w + "ות", 0.0))
    return derived >= z - 1.5


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("parts")
    ap.add_argument("--wordfreq", default="../shared/data/wordfreq/he.tsv")
    ap.add_argument("--out", default="model/knowledge-he.tsv")
    a = ap.parse_args()
    zipf = {}
    for line in open(a.wordfreq, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 2:
            try:
                zipf[fold(f[0])] = float(f[1])
            except ValueError:
                pass
    rows, seen, errors = [], set(), 0
    src = pathlib.Path(a.parts)
    if src.is_dir():
        inputs = [(p, 4, SOURCE.format(part=p.stem)) for p in sorted(src.glob("*.tsv"))]
    else:
        inputs = [(src, 6, None)]
    for part, columns, source in inputs:
        for n, line in enumerate(open(part, encoding="utf-8").read().splitlines(), 1):
            if not line or line.startswith("label\t") or line.startswith("#"):
                continue
            f = line.split("\t")
            if columns == 6 and 4 <= len(f) < 6:
                f += [""] * (6 - len(f))  # a new line written without source or common
            if len(f) != columns or f[0] not in LABELS or not f[1].strip():
                print(f"{part.name}:{n}: bad line {line!r}", file=sys.stderr)
                errors += 1
                continue
            label, name, variants, wiki = (x.strip() for x in f[:4])
            forms = [fold(v.strip()) for v in variants.split("|") if v.strip() and fold(v.strip()) != fold(name)]
            key = (label, fold(name))
            if key in seen:
                continue
            seen.add(key)
            common = [x for x in [fold(name)] + forms if " " not in x and is_common(x, zipf)]
            origin = source or f[4].strip() or "tagit-curated/edit"
            rows.append((label, fold(name), "|".join(dict.fromkeys(forms)), wiki, origin, "|".join(common)))
    if errors:
        sys.exit(f"{errors} bad lines")
    rows.sort(key=lambda r: (LABELS.index(r[0]), r[1]))
    with open(a.out, "w", encoding="utf-8") as o:
        o.write(HEADER)
        o.write("label\tname\tvariants\twikipedia\tsource\tcommon\n")
        for r in rows:
            o.write("\t".join(r) + "\n")
    counts = {l: sum(1 for r in rows if r[0] == l) for l in LABELS}
    print(f"{len(rows)} entities: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
