#!/usr/bin/env python3
"""Throughput of `tagit annotate --jsonl` at 1 and 2 threads on raw news text (issue 15).

    cargo build --release && python3 scripts/bench_threads.py [--data ../shared/data] [--runs 3]

The text is the sentences of NEMO's test split (Haaretz news) and of the IAHLT Knesset test
split, each sentence a JSONL line, repeated to about 1 MB per corpus; tokens are counted as
tagit's whitespace-separated words. Prints a Markdown table: the best of --runs runs.
"""
import argparse, json, subprocess, time
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("--data", default="../shared/data")
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--tagit", default="target/release/tagit")
args = ap.parse_args()
data = Path(args.data)


def nemo_sentences():
    words, out = [], []
    for line in open(data / "nemo/spmrl/token-single_gold_test.bmes", encoding="utf-8"):
        line = line.strip()
        if not line:
            if words:
                out.append(" ".join(words))
            words = []
        else:
            words.append(line.split()[0])
    return out


def knesset_sentences():
    return [json.loads(l)["text"] for l in open(data / "iahlt-knesset/he_iahltknesset-ne-ud-test.jsonl", encoding="utf-8")]


print("| text | lines | words | 1 thread | 2 threads | speed-up |")
print("|---|---|---|---|---|---|")
for name, sentences in [("NEMO test (news)", nemo_sentences()), ("Knesset test", knesset_sentences())]:
    lines, size = [], 0
    while size < 1_000_000:
        for s in sentences:
            lines.append(json.dumps({"id": len(lines), "text": s}, ensure_ascii=False))
            size += len(s.encode())
    payload = ("\n".join(lines) + "\n").encode()
    words = sum(len(json.loads(l)["text"].split()) for l in lines)
    best = {}
    outputs = {}
    for threads in (1, 2):
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            r = subprocess.run([args.tagit, "annotate", "--jsonl", "--threads", str(threads)], input=payload, capture_output=True, check=True)
            times.append(time.perf_counter() - t0)
            outputs[threads] = r.stdout
        best[threads] = min(times)
    assert outputs[1] == outputs[2], "1 and 2 threads must give the same output"
    r1, r2 = words / best[1], words / best[2]
    print(f"| {name} | {len(lines):,} | {words:,} | {r1/1e6:.2f} M words/s | {r2/1e6:.2f} M words/s | {r2/r1:.2f}× |")
