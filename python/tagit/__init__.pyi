from typing import Any, Literal, NotRequired, Sequence, TypedDict

Label = Literal["PER", "ORG", "GPE", "LOC", "FAC", "EVE", "WOA", "DUC", "ANG", "DATE", "TIME"]

LABELS: tuple[Label, ...]

class Span(TypedDict):
    """One mention. Offsets are code points (Python string indices), end exclusive."""

    start: int
    end: int
    label: Label
    text: str
    value: str | None
    # Only on a span that a dictionary entry or tagit's knowledge list names.
    canonical: NotRequired[str]
    link: NotRequired[str | None]
    entity_id: NotRequired[str | None]

class Dictionary:
    def __init__(self, json: str | dict[str, Any] | list[Any]) -> None: ...
    @property
    def size(self) -> int: ...
    @property
    def warnings(self) -> list[str]: ...
    def __len__(self) -> int: ...

def annotate(
    text: str,
    dct: str | None = None,
    labels: Sequence[str] | str | None = None,
    min_confidence: float = 0.0,
    dictionary: Dictionary | None = None,
) -> list[Span]: ...
def annotate_many(
    texts: Sequence[str],
    threads: int | None = None,
    *,
    dct: str | None = None,
    labels: Sequence[str] | str | None = None,
    min_confidence: float = 0.0,
    dictionary: Dictionary | None = None,
) -> list[list[Span]]: ...

class Article:
    def __init__(
        self,
        dct: str | None = None,
        labels: Sequence[str] | str | None = None,
        min_confidence: float = 0.0,
        dictionary: Dictionary | None = None,
    ) -> None: ...
    def add(self, text: str) -> None: ...
    def annotate(self, text: str) -> list[Span]: ...
    def __len__(self) -> int: ...
