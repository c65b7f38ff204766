"""Tests of the Python bindings (run by ./build.sh python, on the installed wheel)."""

import json
import pathlib
import threading

import pytest
import tagit

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = (ROOT / "tests" / "fixtures" / "demo-article.txt").read_text(encoding="utf-8")
PIECES = [line for line in DEMO.splitlines() if line.strip()]
MIXED = "👋🏽 שָׁלוֹם, סשה טרופנוב 🇮🇱 ולדימיר פוטין"


def slices_back(text, spans):
    return all(text[s["start"] : s["end"]] == s["text"] for s in spans)


# Offsets.


def test_code_point_offsets_on_emoji_and_niqqud():
    spans = tagit.annotate(MIXED)
    assert [(s["text"], s["label"]) for s in spans] == [
        ("סשה טרופנוב", "PER"),
        ("ולדימיר פוטין", "PER"),
    ]
    assert slices_back(MIXED, spans)
    # Code points, not UTF-16 units or bytes: the emoji before the names count 2 (👋🏽).
    assert spans[0]["start"] == MIXED.index("סשה")


def test_the_demo_article_slices_back():
    spans = tagit.annotate(DEMO, dct="2025-03-11")
    assert len(spans) > 50
    assert slices_back(DEMO, spans)
    assert {s["label"] for s in spans} >= {"PER", "GPE", "DATE"}
    starts = [s["start"] for s in spans]
    assert starts == sorted(starts)


def test_span_fields_and_date_values():
    text = "ב-7 באוקטובר 2023 נפגש ולדימיר פוטין עם נציגים בירושלים, ויומיים אחר כך חזר."
    spans = tagit.annotate(text, dct="2024-01-01")
    date = next(s for s in spans if s["label"] == "DATE")
    assert date["value"] == "2023-10-07"
    assert set(date) == {"start", "end", "label", "text", "value"}
    per = next(s for s in spans if s["label"] == "PER")
    assert per["value"] is None
    # The knowledge list names him: the entity's keys are present.
    assert per["canonical"] == "ולדימיר פוטין"
    assert per["link"].startswith("https://")
    assert per["entity_id"] is None


def test_empty_and_labels_filter():
    assert tagit.annotate("") == []
    only_dates = tagit.annotate(DEMO, dct="2025-03-11", labels=["DATE"])
    assert only_dates and {s["label"] for s in only_dates} == {"DATE"}
    assert tagit.annotate(DEMO, labels="date,time") == tagit.annotate(DEMO, labels=["DATE", "TIME"])
    assert tagit.annotate(DEMO, labels=[]) == []
    assert tagit.LABELS == ("PER", "ORG", "GPE", "LOC", "FAC", "EVE", "WOA", "DUC", "ANG", "DATE", "TIME")


def test_min_confidence_drops_spans():
    assert len(tagit.annotate(DEMO, min_confidence=1.0)) < len(tagit.annotate(DEMO))


# Errors: the CLI's messages after the parameter's name.


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"dct": "2024-02-30"}, 'dct: invalid date "2024-02-30": expected a real day as YYYY-MM-DD'),
        ({"dct": "yesterday"}, 'dct: invalid date "yesterday": expected a real day as YYYY-MM-DD'),
        (
            {"labels": ["PER", "FOO"]},
            'labels: unknown label "FOO" (expected one of PER ORG GPE LOC FAC EVE WOA DUC ANG DATE TIME)',
        ),
        ({"min_confidence": 1.5}, "min_confidence must be a number between 0 and 1, got 1.5"),
        ({"min_confidence": -0.1}, "min_confidence must be a number between 0 and 1, got -0.1"),
        ({"min_confidence": float("nan")}, "min_confidence must be a number between 0 and 1, got NaN"),
    ],
)
def test_bad_options_raise_value_error(kwargs, message):
    for call in (
        lambda: tagit.annotate("x", **kwargs),
        lambda: tagit.annotate_many(["x"], **kwargs),
        lambda: tagit.Article(**kwargs),
    ):
        with pytest.raises(ValueError) as e:
            call()
        assert str(e.value) == message


def test_wrong_types_raise_type_error():
    with pytest.raises(TypeError, match="labels must be a list of label names"):
        tagit.annotate("x", labels=3)
    with pytest.raises(TypeError):
        tagit.annotate(b"bytes")
    with pytest.raises(TypeError):
        tagit.annotate("x", dct=20240101)
    with pytest.raises(TypeError):
        tagit.annotate("x", dictionary="{}")
    with pytest.raises(TypeError, match="got int"):
        tagit.Dictionary(3)
    with pytest.raises(TypeError):
        tagit.annotate_many("a string is not a list of texts")


def test_threads_must_be_positive():
    with pytest.raises(ValueError, match="^threads: give at least 1$"):
        tagit.annotate_many(["x"], threads=0)
    with pytest.raises(OverflowError):
        tagit.annotate_many(["x"], threads=-1)


def test_invalid_dictionary_messages():
    with pytest.raises(ValueError) as e:
        tagit.Dictionary("not json")
    assert str(e.value).startswith("dictionary: ")
    with pytest.raises(ValueError) as e:
        tagit.Dictionary({"entries": 3})
    assert str(e.value) == 'dictionary: "entries" must be an array of entries (line 1 column 13)'
    with pytest.raises(ValueError, match="^dictionary: .*label"):
        tagit.Dictionary([{"text": "סשה", "label": "NOPE"}])


# annotate_many.


def test_threads_give_the_same_output_as_one_and_as_annotate():
    texts = PIECES * 3 + [MIXED, "", "שלום"]
    one = tagit.annotate_many(texts, threads=1, dct="2025-03-11")
    assert one == [tagit.annotate(t, dct="2025-03-11") for t in texts]
    for n in (2, 3, 8, 100):
        assert tagit.annotate_many(texts, threads=n, dct="2025-03-11") == one
    assert tagit.annotate_many(texts, dct="2025-03-11") == one  # default: one per core
    assert tagit.annotate_many([]) == []


def test_annotate_many_options_and_tuples():
    texts = ("ולדימיר פוטין", "ב-7 באוקטובר 2023")
    assert tagit.annotate_many(texts, threads=2, labels=["DATE"]) == [
        tagit.annotate(t, labels=["DATE"]) for t in texts
    ]


def test_the_gil_is_released():
    # Another Python thread runs while annotate_many works: it would not if the GIL were held.
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        before = len(ticks)
        tagit.annotate_many([DEMO] * 40, threads=1)
        during = len(ticks) - before
    finally:
        stop.set()
        t.join()
    assert during > 5


# Dictionary.


ENTRY = {
    "text": "סשה טרופנוב",
    "label": "PER",
    "canonical": "Sasha Trupanov",
    "link": "https://example.org/sasha",
    "id": "st-1",
}


@pytest.mark.parametrize("form", ["dict", "list", "str"])
def test_a_dictionary_entry_is_applied(form):
    source = {"dict": {"entries": [ENTRY]}, "list": [ENTRY], "str": json.dumps({"entries": [ENTRY]})}[form]
    d = tagit.Dictionary(source)
    assert d.size == 1 and len(d) == 1 and d.warnings == []
    spans = tagit.annotate(MIXED, dictionary=d)
    sasha = next(s for s in spans if s["text"] == "סשה טרופנוב")
    assert (sasha["canonical"], sasha["link"], sasha["entity_id"]) == (
        "Sasha Trupanov",
        "https://example.org/sasha",
        "st-1",
    )
    assert slices_back(MIXED, spans)
    # Without the dictionary, no entity on him.
    plain = next(s for s in tagit.annotate(MIXED) if s["text"] == "סשה טרופנוב")
    assert "canonical" not in plain
    # The same through annotate_many and Article.
    assert tagit.annotate_many([MIXED], threads=2, dictionary=d) == [spans]
    article = tagit.Article(dictionary=d)
    article.add(MIXED)
    assert article.annotate(MIXED) == spans


def test_a_dictionary_adds_a_name_and_ignores_one():
    d = tagit.Dictionary(
        [
            {"text": "קפה נמרוד", "label": "ORG", "id": "cafe"},
            {"text": "ולדימיר פוטין", "ignore": True},
        ]
    )
    text = "ולדימיר פוטין ישב בקפה נמרוד."
    spans = tagit.annotate(text, dictionary=d)
    assert [(s["text"], s["label"], s.get("entity_id")) for s in spans] == [("קפה נמרוד", "ORG", "cafe")]


def test_dictionary_warnings():
    d = tagit.Dictionary([{"text": "קפה נמרוד", "label": "ORG"}, {"text": "קפה נמרוד", "label": "FAC"}])
    assert d.size == 2
    assert len(d.warnings) == 1 and "more than once" in d.warnings[0]


# Article.


def whole(pieces, **options):
    """The spans of the pieces joined a line each, cut back into the pieces."""
    text = "\n".join(pieces)
    out = [[] for _ in pieces]
    start = 0
    spans = iter(tagit.annotate(text, **options))
    pending = next(spans, None)
    for i, piece in enumerate(pieces):
        end = start + len(piece)
        while pending is not None and pending["start"] < end:
            assert pending["end"] <= end, pending
            out[i].append(dict(pending, start=pending["start"] - start, end=pending["end"] - start))
            pending = next(spans, None)
        start = end + 1
    return out


def test_article_pieces_equal_the_whole_document():
    assert len(PIECES) > 10
    article = tagit.Article(dct="2025-03-11")
    for p in PIECES:
        article.add(p)
    assert len(article) == len(PIECES)
    found = [article.annotate(p) for p in PIECES]
    assert found == whole(PIECES, dct="2025-03-11")
    assert all(slices_back(p, s) for p, s in zip(PIECES, found))


def test_article_finds_what_pieces_alone_miss():
    article = tagit.Article()
    for p in PIECES:
        article.add(p)

    def count(found):
        return sum(1 for spans in found for s in spans if s["text"] == "פוטין" and s["label"] == "PER")

    with_context = count(article.annotate(p) for p in PIECES)
    alone = count(tagit.annotate(p) for p in PIECES)
    assert with_context > alone


def test_article_learns_again_after_a_late_add():
    article = tagit.Article(labels=["PER"])
    late = "והיום טרופנוב שמח."
    assert [s["text"] for s in article.annotate(late)] == []  # nothing learned yet
    article.add("הנשיא ולדימיר פוטין נפגש עם סשה טרופנוב.")
    article.add("   ")  # blank: skipped
    assert len(article) == 1
    assert [(s["text"], s["label"]) for s in article.annotate(late)] == [("טרופנוב", "PER")]
    assert tagit.annotate(late, labels=["PER"]) == [], "precondition: the model alone misses it"
    assert article.annotate("") == []
