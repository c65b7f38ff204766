//! Text handling shared by every recogniser: character folding, tokenisation and
//! attached-prefix splitting. Nothing here knows about labels or models.

pub mod normalize;
pub mod prefix;
pub mod tokenize;

pub use tokenize::{Document, Token, TokenKind};
