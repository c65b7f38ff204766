#!/usr/bin/env python3
"""What a Python user would otherwise install, measured in the same run as tagit (issue 15).

    python3 -m venv /tmp/bench && /tmp/bench/bin/pip install ./python spacy onnx onnxruntime
    /tmp/bench/bin/python python/benchmarks/compare.py [--words 20000]

Three ways to get Hebrew text through a pipeline, one core each, on the demo article's
paragraphs (tests/fixtures/demo-article.txt) repeated to --words words:

- tagit.annotate_many(threads=1): the whole annotator (names, dates, links);
- spaCy's blank Hebrew pipeline (`spacy.blank("he")`): its tokenizer only, the floor of any
  spaCy pipeline, no model at all;
- a BERT-base token classifier of DictaBERT-NER's shape (12 layers, hidden 768, 12 heads,
  feed-forward 3072, a 128,000-piece vocabulary, 9 labels), random weights (speed does not
  depend on them), built as an ONNX graph here, quantised to int8 (onnxruntime's dynamic
  quantisation) and run with onnxruntime on one thread, 128-piece windows, two pieces a word.

Prints words per second and the install size of each (the Python packages' files on disk,
plus the model file for BERT).
"""
import argparse, os, sys, time, tempfile
from pathlib import Path

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--words", type=int, default=20000)
args = ap.parse_args()
root = Path(__file__).resolve().parents[2]
paras = [p for p in (root / "tests/fixtures/demo-article.txt").read_text(encoding="utf-8").split("\n") if p.strip()]
texts, n = [], 0
while n < args.words:
    for p in paras:
        texts.append(p)
        n += len(p.split())
words = sum(len(t.split()) for t in texts)


def dist_size(*names):
    import importlib.metadata as md
    total = 0
    for name in names:
        try:
            d = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        for f in d.files or []:
            p = Path(d.locate_file(f))
            if p.is_file():
                total += p.stat().st_size
    return total


def timed(f):
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t0)
    return best


rows = []
import tagit
t = timed(lambda: tagit.annotate_many(texts, threads=1))
rows.append(("tagit (whole annotator)", words / t, dist_size("tagit")))

import spacy
nlp = spacy.blank("he")
t = timed(lambda: [nlp(x) for x in texts])
rows.append(("spaCy blank Hebrew (tokenizer only)", words / t, dist_size("spacy", "thinc", "blis", "cymem", "preshed", "murmurhash", "srsly", "wasabi", "catalogue", "confection", "weasel", "typer", "langcodes", "pydantic", "pydantic-core", "numpy")))


def bert_onnx(path, layers=12, hidden=768, heads=12, ffn=3072, vocab=128000, labels=9, seq=128):
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    rng = np.random.default_rng(0)
    inits, nodes = [], []

    def w(name, shape, scale=0.02):
        inits.append(numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name))
        return name

    def c(name, value, dtype=np.int64):
        inits.append(numpy_helper.from_array(np.array(value, dtype=dtype), name))
        return name

    k = [0]

    def node(op, inputs, **attrs):
        k[0] += 1
        out = f"t{k[0]}"
        nodes.append(helper.make_node(op, inputs, [out], **attrs))
        return out

    def linear(x, i, o, name):
        return node("Add", [node("MatMul", [x, w(name + ".w", (i, o))]), w(name + ".b", (o,), 0.0)])

    def norm(x, name):
        return node("LayerNormalization", [x, c(name + ".g", np.ones(hidden), np.float32), c(name + ".b", np.zeros(hidden), np.float32)], axis=-1, epsilon=1e-12)

    ids = helper.make_tensor_value_info("ids", TensorProto.INT64, [1, seq])
    x = node("Gather", [w("word_emb", (vocab, hidden)), "ids"])
    x = node("Add", [x, w("pos_emb", (1, seq, hidden))])
    x = norm(x, "emb.ln")
    hd = hidden // heads
    split = c("split", [1, seq, heads, hd])
    merge = c("merge", [1, seq, hidden])
    scale = c("scale", 1.0 / np.sqrt(hd), np.float32)
    for l in range(layers):
        def heads_of(t):
            return node("Transpose", [node("Reshape", [t, split])], perm=[0, 2, 1, 3])
        q = heads_of(linear(x, hidden, hidden, f"l{l}.q"))
        kk = node("Transpose", [node("Reshape", [linear(x, hidden, hidden, f"l{l}.k"), split])], perm=[0, 2, 3, 1])
        v = heads_of(linear(x, hidden, hidden, f"l{l}.v"))
        att = node("Softmax", [node("Mul", [node("MatMul", [q, kk]), scale])], axis=-1)
        ctx = node("Reshape", [node("Transpose", [node("MatMul", [att, v])], perm=[0, 2, 1, 3]), merge])
        x = norm(node("Add", [x, linear(ctx, hidden, hidden, f"l{l}.o")]), f"l{l}.ln1")
        h = node("Gelu", [linear(x, hidden, ffn, f"l{l}.f1")])
        x = norm(node("Add", [x, linear(h, ffn, hidden, f"l{l}.f2")]), f"l{l}.ln2")
    logits = linear(x, hidden, labels, "cls")
    out = helper.make_tensor_value_info(logits, TensorProto.FLOAT, [1, seq, labels])
    graph = helper.make_graph(nodes, "bert", [ids], [out], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True, location=os.path.basename(path) + ".data")


import onnxruntime as ort
from onnxruntime.quantization import QuantType, quantize_dynamic
with tempfile.TemporaryDirectory() as d:
    fp32 = os.path.join(d, "bert.onnx")
    int8 = os.path.join(d, "bert-int8.onnx")
    bert_onnx(fp32)
    quantize_dynamic(fp32, int8, weight_type=QuantType.QInt8)
    size = os.path.getsize(int8) + sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.startswith("bert-int8") and f != "bert-int8.onnx")
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    sess = ort.InferenceSession(int8, so, providers=["CPUExecutionProvider"])
    pieces = 2 * words
    windows = (pieces + 127) // 128
    batch = np.random.default_rng(1).integers(0, 128000, size=(1, 128), dtype=np.int64)
    sess.run(None, {"ids": batch})
    t0 = time.perf_counter()
    runs = min(windows, 60)
    for _ in range(runs):
        sess.run(None, {"ids": batch})
    per_window = (time.perf_counter() - t0) / runs
    rows.append(("BERT-base token classifier, ONNX int8, onnxruntime", words / (per_window * windows), size + dist_size("onnxruntime", "numpy")))

print(f"{words:,} words of the demo article's paragraphs, one core\n")
print("| pipeline | words/s | install size |")
print("|---|---|---|")
base = rows[0][1]
for name, rate, size in rows:
    print(f"| {name} | {rate:,.0f} ({rate / base:.2g}× tagit) | {size / 1e6:.0f} MB |")
