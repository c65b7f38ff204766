"""Named entities and dates in Hebrew text.

tagit finds people, organisations, places, events, works, products and languages (the NEMO
label set: PER ORG GPE LOC FAC EVE WOA DUC ANG) and dates and times (DATE, TIME, with their
ISO values) in Hebrew text. This package wraps the tagit Rust crate: the model is built in,
nothing is downloaded, and annotating releases the GIL.

>>> import tagit
>>> spans = tagit.annotate("הנשיא ולדימיר פוטין ביקר בירושלים ב-7 באוקטובר 2024")
>>> [(s["text"], s["label"]) for s in spans]  # doctest: +SKIP
[('ולדימיר פוטין', 'PER'), ('ירושלים', 'GPE'), ('7 באוקטובר 2024', 'DATE')]

Each span is a dict:

``start``, ``end``
    Unicode code-point offsets into the text, end exclusive (Python's string indices:
    ``text[span["start"]:span["end"]] == span["text"]``, whatever emoji or niqqud the text
    holds).
``label``
    One of :data:`LABELS`.
``text``
    The mention as it appears in the text.
``value``
    For DATE and TIME, the normalised value (``"2024-10-07"``, ``"P3D"``, ``"T17:30"``...);
    otherwise ``None``.
``canonical``, ``link``, ``entity_id``
    Present only on a span that a :class:`Dictionary` entry or tagit's knowledge list names
    (as in the CLI's JSON, where the last is ``entityId``): the entity's canonical name, its
    link (or ``None``) and the entry's ``id`` (or ``None``).

The options of every call:

``dct``
    The document's date, ``"YYYY-MM-DD"`` (a full timestamp is accepted too): relative and
    underspecified dates ("yesterday", "on Sunday", "7 October") resolve against it.
``labels``
    The labels to return (``["PER", "DATE"]``); default all.
``min_confidence``
    Spans with a lower confidence are dropped (0 to 1; default 0).
``dictionary``
    A :class:`Dictionary` applied to the text.

Bad options raise ``ValueError`` with the tagit CLI's message after the parameter's name
(``dct: invalid date "2024-02-30": expected a real day as YYYY-MM-DD``); options of the
wrong type raise ``TypeError``.
"""

from . import _tagit

__all__ = ["annotate", "annotate_many", "Article", "Dictionary", "LABELS"]

#: Every label tagit returns, in a fixed order.
LABELS: "tuple[str, ...]" = _tagit.LABELS

# The functions' and classes' documentation is in the native module (from the Rust source).
annotate = _tagit.annotate
annotate_many = _tagit.annotate_many
Dictionary = _tagit.Dictionary
Article = _tagit.Article
