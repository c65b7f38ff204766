"""Annotate a directory of Hebrew articles (.txt files) with dask.bag on a local cluster.

    pip install ./python "dask[distributed]"
    python python/examples/dask_directory.py ARTICLES_DIR --workers 4 --out entities.jsonl

Each .txt file is one article: its non-blank lines are the pieces of a tagit.Article, so a
bare surname paragraphs after the full name is found as in the whole article, and the
offsets are per line. The answer is one JSON line per file, in the files' sorted order:
{"file": "a.txt", "paragraphs": [[span, ...], ...]} (spans as tagit.annotate gives them),
with --dct as each article's date. On a cluster, point dask.distributed.Client at its
scheduler instead of the LocalCluster below; the rest is the same.

Each worker is a process with one thread (tagit is CPU work and releases the GIL, so
threads would work too; processes keep one slow article from holding up the others').
"""

import argparse
import json
import pathlib
import sys
import time


def annotate_file(path: str, dct: str | None) -> dict:
    import tagit  # imported in the worker (the model loads once per worker process)

    text = pathlib.Path(path).read_text(encoding="utf-8")
    pieces = [line for line in text.splitlines() if line.strip()]
    article = tagit.Article(dct=dct)
    for p in pieces:
        article.add(p)
    return {"file": pathlib.Path(path).name, "paragraphs": [article.annotate(p) for p in pieces]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", type=pathlib.Path)
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--dct", help="the articles' date, YYYY-MM-DD")
    ap.add_argument("--out", type=pathlib.Path, help="JSONL output (default: only a summary)")
    args = ap.parse_args()

    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    paths = sorted(str(p) for p in args.directory.glob("*.txt"))
    if not paths:
        print(f"no .txt file in {args.directory}", file=sys.stderr)
        return 1
    size = sum(pathlib.Path(p).stat().st_size for p in paths)

    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True) as cluster, Client(cluster):
        # A few partitions per worker: balanced, without a task per file.
        bag = db.from_sequence(paths, npartitions=min(len(paths), args.workers * 4))
        started = time.perf_counter()
        results = bag.map(annotate_file, args.dct).compute()
        seconds = time.perf_counter() - started

    spans = sum(len(p) for r in results for p in r["paragraphs"])
    print(
        f"{len(paths)} files, {size / 1e6:.2f} MB, {spans} spans in {seconds:.2f} s "
        f"on {args.workers} worker(s) ({size / 1e6 / seconds:.2f} MB/s)",
        file=sys.stderr,
    )
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for r in results:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
