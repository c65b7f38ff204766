//! Hebrew-aware tokenisation.
//!
//! A [`Document`] is the text cut into [`Token`]s, each with its byte range in the original
//! text and its folded form (see [`super::normalize`]) stored in one shared buffer, so that
//! tokenising allocates twice per document rather than once per token.
//!
//! The rules, in the order they matter for news text:
//! - a Hebrew word runs over letters and the marks on them, and over a `"` or `'` (in any
//!   of their typographic forms) that has a letter after it: `ארה"ב`, `צה״ל`, `ז'בוטינסקי`;
//!   a geresh at the end of a word is kept when it is the Hebrew geresh sign `׳`, after a
//!   word of one or two letters (`ט'`, `ה'`: Hebrew numerals end with one), or after a
//!   letter a geresh turns into another sound (ג ז צ ץ ת ח ט ד ע: `מילושביץ'`,
//!   `ג'וקוביץ'`) unless a single quote opened before the word on the same line, which
//!   this one then closes (`'מודיעין'` keeps its quotes outside);
//! - a number runs over digits and over `. , : /` between digits, with an optional trailing
//!   `%`: `7.10.2023`, `5,000`, `14:30`, `6.6%`;
//! - a run of other letters (Latin, Cyrillic, Arabic) and digits after them is one token;
//! - hyphens and maqaf are tokens of their own, so `ב-2024` is `ב` `-` `2024` and
//!   `בן-גוריון` is `בן` `-` `גוריון`; [`Token::space_before`] tells joined from spaced;
//! - whitespace (including NBSP) separates tokens; invisible controls are skipped;
//! - anything else (punctuation, emoji, symbols) is a one-character token.

use super::normalize::{fold, is_hebrew_letter, is_hebrew_mark, is_ignorable};

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Hebrew letters (with internal gershayim or geresh).
    Hebrew,
    /// Letters of another script (Latin, Cyrillic, Arabic …), possibly followed by digits.
    Foreign,
    /// Digits with internal `. , : /` and an optional trailing `%`.
    Number,
    /// One punctuation or symbol character (including `-` and quotes).
    Punct,
}

/// One token: a byte range of the original text and its folded form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the token's first character in the original text.
    pub start: usize,
    /// Byte offset one past the token's last character.
    pub end: usize,
    /// What the token is made of.
    pub kind: TokenKind,
    /// True when whitespace (or the start of text) precedes the token.
    pub space_before: bool,
    norm_start: u32,
    norm_end: u32,
}

/// A text cut into tokens, with a folded form of each token for matching.
#[derive(Debug)]
pub struct Document<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    norm: String,
}

impl<'t> Document<'t> {
    /// Tokenises `text`.
    pub fn new(text: &'t str) -> Self {
        Tokenizer::new(text).run()
    }

    /// The original text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The tokens, in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the text has no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The folded form of token `i`: marks and invisible controls dropped, quotes and
    /// dashes folded to ASCII.
    pub fn norm(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm[t.norm_start as usize..t.norm_end as usize]
    }

    /// The original text of token `i`.
    pub fn surface(&self, i: usize) -> &'t str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// Maps a byte offset inside the folded form of token `i` back to the original text:
    /// the offset of the original character that folded into `norm[offset]` (or the token's
    /// end). Used to place a span after an attached prefix when the prefix carries niqqud.
    pub fn original_offset(&self, i: usize, norm_offset: usize) -> usize {
        let t = &self.tokens[i];
        let mut seen = 0;
        for (b, c) in self.text[t.start..t.end].char_indices() {
            if is_ignorable(c) {
                continue;
            }
            if seen >= norm_offset {
                return t.start + b;
            }
            seen += fold(c).len_utf8();
        }
        t.end
    }
}

/// How far back (bytes) a word ending in a geresh-like quote looks for an opening quote.
const QUOTE_WINDOW: usize = 240;

/// The tokenizer's state: a cursor over the text and the output being built.
struct Tokenizer<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    norm: String,
}

impl<'t> Tokenizer<'t> {
    fn new(text: &'t str) -> Self {
        Tokenizer {
            text,
            // News Hebrew averages about 10 bytes per token (2-byte letters plus spaces).
            tokens: Vec::with_capacity(text.len() / 8 + 1),
            norm: String::with_capacity(text.len()),
        }
    }

    fn run(mut self) -> Document<'t> {
        let text = self.text;
        let mut pos = 0;
        let mut space_before = true;
        while let Some(c) = text[pos..].chars().next() {
            if c.is_whitespace() {
                space_before = true;
                pos += c.len_utf8();
                continue;
            }
            if is_ignorable(c) {
                pos += c.len_utf8();
                continue;
            }
            let (end, kind) = if is_hebrew_letter(c) {
                (self.hebrew_end(pos), TokenKind::Hebrew)
            } else if c.is_ascii_digit() {
                (self.number_end(pos), TokenKind::Number)
            } else if c.is_alphabetic() {
                (self.foreign_end(pos), TokenKind::Foreign)
            } else {
                (pos + c.len_utf8(), TokenKind::Punct)
            };
            self.push(pos, end, kind, space_before);
            space_before = false;
            pos = end;
        }
        Document {
            text: self.text,
            tokens: self.tokens,
            norm: self.norm,
        }
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind, space_before: bool) {
        let norm_start = self.norm.len() as u32;
        for c in self.text[start..end].chars() {
            if !is_ignorable(c) {
                self.norm.push(fold(c));
            }
        }
        self.tokens.push(Token {
            start,
            end,
            kind,
            space_before,
            norm_start,
            norm_end: self.norm.len() as u32,
        });
    }

    /// The next character at or after `pos` that is not ignorable, with its offset.
    fn next_visible(&self, mut pos: usize) -> Option<(usize, char)> {
        for c in self.text[pos..].chars() {
            if !is_ignorable(c) {
                return Some((pos, c));
            }
            pos += c.len_utf8();
        }
        None
    }

    fn hebrew_end(&self, start: usize) -> usize {
        let mut pos = start;
        let mut letters = 0;
        while let Some((at, c)) = self.next_visible(pos) {
            if is_hebrew_letter(c) {
                letters += 1;
                pos = at + c.len_utf8();
                continue;
            }
            let folded = fold(c);
            if folded == '"' || folded == '\'' {
                let after = at + c.len_utf8();
                let letter_follows = self
                    .next_visible(after)
                    .is_some_and(|(_, n)| is_hebrew_letter(n));
                let sound_letter = || {
                    let last = self.text[..at].chars().rev().find(|&l| !is_ignorable(l));
                    last.is_some_and(|l| "גזצץתחטדע".contains(l))
                };
                let word_geresh = folded == '\'' && c != '`' && c != '\u{2018}' && {
                    c == '\u{05F3}'
                        || letters <= 2
                        || sound_letter() && !self.quote_open_before(start)
                };
                if letter_follows || word_geresh {
                    pos = after;
                    if letter_follows {
                        continue;
                    }
                }
            }
            break;
        }
        // Trailing marks (niqqud on the last letter) belong to the word.
        self.extend_over_marks(pos)
    }

    /// True when a single quote opened before the word at `start`, on the same line (and
    /// within [`QUOTE_WINDOW`]) and not closed since: a `'` (or `‘`) after a space, a line
    /// start or an opening bracket, with a letter right after it.
    fn quote_open_before(&self, start: usize) -> bool {
        // Within the line, and at most QUOTE_WINDOW bytes back: a quotation is short, and a
        // megabyte-long line must not be rescanned at every such word.
        let mut from = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        from = from.max(start.saturating_sub(QUOTE_WINDOW));
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        let mut open = false;
        let mut prev: Option<char> = None;
        for (i, c) in self.text[from..start].char_indices() {
            if fold(c) == '\'' && c != '\u{05F3}' {
                let after = from + i + c.len_utf8();
                let next_is_letter = self.text[after..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic);
                let after_space = prev.is_none_or(|p| p.is_whitespace() || "([{".contains(p));
                if after_space && next_is_letter {
                    open = true;
                } else if prev.is_some_and(char::is_alphabetic) && !next_is_letter {
                    open = false;
                }
            }
            prev = Some(c);
        }
        open
    }

    fn number_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut pos = start;
        while pos < bytes.len() {
            let b = bytes[pos];
            let digit_after = bytes.get(pos + 1).is_some_and(u8::is_ascii_digit);
            if b.is_ascii_digit() || (matches!(b, b'.' | b',' | b':' | b'/') && digit_after) {
                pos += 1;
            } else {
                break;
            }
        }
        if bytes.get(pos) == Some(&b'%') {
            pos += 1;
        }
        pos
    }

    fn foreign_end(&self, start: usize) -> usize {
        let mut pos = start;
        for c in self.text[start..].chars() {
            let word_char = c.is_alphanumeric() && !is_hebrew_letter(c);
            if word_char || is_combining(c) || is_ignorable(c) {
                pos += c.len_utf8();
            } else {
                break;
            }
        }
        pos
    }

    fn extend_over_marks(&self, mut pos: usize) -> usize {
        for c in self.text[pos..].chars() {
            if !is_hebrew_mark(c) {
                break;
            }
            pos += c.len_utf8();
        }
        pos
    }
}

/// Combining marks of other scripts (Latin accents written as separate code points,
/// Arabic harakat), which continue a foreign word.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<&str> {
        let doc = Document::new(text);
        (0..doc.len()).map(|i| doc.surface(i)).collect()
    }

    #[test]
    fn table_of_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("gershayim", "ארה\"ב וצה״ל", &["ארה\"ב", "וצה״ל"]),
            ("curly gershayim", "ארה”ב", &["ארה”ב"]),
            (
                "geresh inside",
                "מודי'ס וז׳בוטינסקי",
                &["מודי'ס", "וז׳בוטינסקי"],
            ),
            ("numeral geresh", "ט' בתשרי", &["ט'", "בתשרי"]),
            ("closing quote is not geresh", "'שלום'", &["'", "שלום", "'"]),
            (
                "a geresh that changes the last letter's sound stays",
                "נובאק ג'וקוביץ' ניצח את מילושביץ' ואת צ'רצ'יל",
                &[
                    "נובאק",
                    "ג'וקוביץ'",
                    "ניצח",
                    "את",
                    "מילושביץ'",
                    "ואת",
                    "צ'רצ'יל",
                ],
            ),
            (
                "with the Hebrew geresh sign and a typographic apostrophe",
                "ג׳וקוביץ׳ ומילושביץ’ ובוריס ג'ונסון",
                &["ג׳וקוביץ׳", "ומילושביץ’", "ובוריס", "ג'ונסון"],
            ),
            (
                "a closing quote after such a letter stays outside",
                "הסרט 'מבצע ברבור' והסרט 'גולדה'",
                &[
                    "הסרט",
                    "'",
                    "מבצע",
                    "ברבור",
                    "'",
                    "והסרט",
                    "'",
                    "גולדה",
                    "'",
                ],
            ),
            (
                "quoted one word ending in such a letter",
                "השיר 'התקוות' והמילה 'מלח'",
                &["השיר", "'", "התקוות", "'", "והמילה", "'", "מלח", "'"],
            ),
            (
                "acronyms keep their gershayim, a closing double quote does not",
                "ארה\"ב, אמ\"ן והרמטכ\"ל אמרו \"נצחון\"",
                &[
                    "ארה\"ב",
                    ",",
                    "אמ\"ן",
                    "והרמטכ\"ל",
                    "אמרו",
                    "\"",
                    "נצחון",
                    "\"",
                ],
            ),
            (
                "closing double quote",
                "אמר \"כן\".",
                &["אמר", "\"", "כן", "\"", "."],
            ),
            ("hyphen prefix", "ב-2024", &["ב", "-", "2024"]),
            ("maqaf", "בן־גוריון", &["בן", "־", "גוריון"]),
            (
                "dates and numbers",
                "7.10.2023 5,000 14:30 6.6%",
                &["7.10.2023", "5,000", "14:30", "6.6%"],
            ),
            (
                "sentence dot after number",
                "ב-2024.",
                &["ב", "-", "2024", "."],
            ),
            (
                "latin inside hebrew",
                "חברת Google הודיעה",
                &["חברת", "Google", "הודיעה"],
            ),
            ("nbsp", "סשה\u{00A0}טרופנוב", &["סשה", "טרופנוב"]),
            ("emoji", "שלום👋🏽עולם", &["שלום", "👋", "🏽", "עולם"]),
            ("niqqud kept in offsets", "שָׁלוֹם", &["שָׁלוֹם"]),
            ("bidi inside word", "פו\u{200F}טין", &["פו\u{200F}טין"]),
            ("bidi between words", "\u{200F}פוטין \u{200E}", &["פוטין"]),
            ("empty", "", &[]),
        ];
        for (name, text, want) in cases {
            assert_eq!(&surfaces(text), want, "{name}");
        }
    }

    #[test]
    fn folded_forms() {
        let doc = Document::new("וצה״ל בְּירושלים");
        assert_eq!(doc.norm(0), "וצה\"ל");
        assert_eq!(doc.norm(1), "בירושלים");
    }

    #[test]
    fn space_before_tells_joined_tokens() {
        let doc = Document::new("ב-2024 ו 5");
        let spaced: Vec<bool> = doc.tokens().iter().map(|t| t.space_before).collect();
        assert_eq!(spaced, [true, false, false, true, true]);
    }

    #[test]
    fn original_offset_skips_niqqud_on_the_prefix() {
        let text = "בְּירושלים";
        let doc = Document::new(text);
        // The folded form is "בירושלים"; the stem starts at folded byte 2.
        let at = doc.original_offset(0, 2);
        assert_eq!(&text[at..], "ירושלים");
    }
}
