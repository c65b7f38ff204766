//! # tagit
//!
//! Finds named entities (people, organisations, places, events, works, products) and dates
//! in Hebrew text. The core is pure Rust with no wasm or DOM dependency; the `web` module
//! (built only for `wasm32`) adapts it to JavaScript and the DOM, and the `tagit` binary
//! exposes it on the command line.
//!
//! ```
//! use tagit::{Annotator, Label, Options};
//! let spans = Annotator::default().annotate("הנשיא ולדימיר פוטין", &Options::default());
//! assert!(spans.iter().all(|s| s.label != Label::DATE));
//! ```
#![deny(missing_docs)]

pub mod annotator;
pub mod article;
pub mod consistency;
pub mod corpus;
pub mod dates;
pub mod dictionary;
pub mod eval;
mod fasthash;
pub mod html_rules;
pub mod lexicon;
pub mod links;
pub mod model;
pub mod offsets;
pub mod recognizer;
pub mod span;
pub mod text;
#[cfg(any(test, not(target_arch = "wasm32")))]
mod xorshift;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use annotator::{Annotator, Options};
pub use article::DocContext;
pub use dates::CivilDate;
pub use dictionary::Dictionary;
pub use recognizer::Recognizer;
pub use span::{Entity, Label, LabelSet, Span};
