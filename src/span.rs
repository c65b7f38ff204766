//! The output vocabulary: entity labels and the spans the annotator returns.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// What a span is: one of the NEMO entity categories, or a temporal expression.
///
/// The entity set is NEMO's (Bareket & Tsarfaty 2021), so scores compare directly with the
/// published Hebrew NER systems; `DATE` and `TIME` come from the date engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    /// Person.
    PER,
    /// Organisation.
    ORG,
    /// Geo-political entity: country, city, state.
    GPE,
    /// Location that is not a GPE: river, mountain, region.
    LOC,
    /// Facility: building, airport, road.
    FAC,
    /// Event.
    EVE,
    /// Work of art: book, film, newspaper title.
    WOA,
    /// Product (NEMO's "DUC").
    DUC,
    /// Language.
    ANG,
    /// A calendar date, period or duration.
    DATE,
    /// A time of day.
    TIME,
}

impl Label {
    /// Every label, in a fixed order (used for masks, counts and the model's tag set).
    pub const ALL: [Label; 11] = [
        Label::PER,
        Label::ORG,
        Label::GPE,
        Label::LOC,
        Label::FAC,
        Label::EVE,
        Label::WOA,
        Label::DUC,
        Label::ANG,
        Label::DATE,
        Label::TIME,
    ];

    /// The label's name as written in data files, CSS classes and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::PER => "PER",
            Label::ORG => "ORG",
            Label::GPE => "GPE",
            Label::LOC => "LOC",
            Label::FAC => "FAC",
            Label::EVE => "EVE",
            Label::WOA => "WOA",
            Label::DUC => "DUC",
            Label::ANG => "ANG",
            Label::DATE => "DATE",
            Label::TIME => "TIME",
        }
    }

    /// Position in [`Label::ALL`]; stable, used as a bit index in [`LabelSet`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// True for `DATE` and `TIME`.
    pub fn is_temporal(self) -> bool {
        matches!(self, Label::DATE | Label::TIME)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a label name that is not in the label set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLabel(pub String);

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown label {:?} (expected one of PER ORG GPE LOC FAC EVE WOA DUC ANG DATE TIME)",
            self.0
        )
    }
}

impl std::error::Error for UnknownLabel {}

impl FromStr for Label {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Label::ALL
            .iter()
            .copied()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownLabel(s.to_string()))
    }
}

/// A set of labels as a bit mask: cheap to copy and to test per span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelSet(u16);

impl LabelSet {
    /// Every label.
    pub const ALL: LabelSet = LabelSet((1 << Label::ALL.len()) - 1);
    /// No label.
    pub const EMPTY: LabelSet = LabelSet(0);

    /// True if `label` is in the set.
    pub fn contains(self, label: Label) -> bool {
        self.0 & (1 << label.index()) != 0
    }

    /// The set with `label` added.
    pub fn with(self, label: Label) -> LabelSet {
        LabelSet(self.0 | (1 << label.index()))
    }
}

impl Default for LabelSet {
    fn default() -> Self {
        LabelSet::ALL
    }
}

impl FromIterator<Label> for LabelSet {
    fn from_iter<I: IntoIterator<Item = Label>>(iter: I) -> Self {
        iter.into_iter().fold(LabelSet::EMPTY, LabelSet::with)
    }
}

/// One recognised mention.
///
/// Offsets are **byte** offsets into the annotated text (end exclusive) and always fall on
/// `char` boundaries; the web layer converts them to UTF-16 and the CLI to code points
/// (see [`crate::offsets`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    /// Byte offset of the first byte of the mention (after any attached prefix).
    pub start: usize,
    /// Byte offset one past the mention's last byte.
    pub end: usize,
    /// What the mention is.
    pub label: Label,
    /// The mention's surface text: exactly `text[start..end]`.
    pub text: String,
    /// A normalised value: ISO 8601 / TIMEX3 for dates and times, `None` otherwise.
    pub value: Option<String>,
    /// The recogniser's confidence in `0.0..=1.0`.
    pub confidence: f32,
    /// What the mention refers to, when a site dictionary entry or tagit's knowledge list
    /// says so; shared with the entry, so marking a name costs no allocation.
    pub entity: Option<Arc<Entity>>,
}

/// The entity a mention refers to: its name and where to read about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// The entity's name as the dictionary gives it (`בנימין נתניהו` for `ביבי`).
    pub canonical: String,
    /// An http(s) page about it (a Hebrew Wikipedia article for the knowledge list).
    pub link: Option<String>,
    /// The publisher's own identifier, from the dictionary entry.
    pub id: Option<String>,
}
