//! The dictionary's JSON, read straight into [`Entry`]s.
//!
//! Hand-written rather than serde_json: in the wasm build serde_json cost 25 KB gzipped, and
//! going through the browser's `JSON.parse` and serde-wasm-bindgen took 300 ms for 100,000
//! entries (every field a crossing). This reads only the dictionary's shape (an array of
//! entries, or `{"entries": [...]}`), so every error can name the entry and field it is
//! about, with the line and column, and the CLI and the browser give the same messages.

use super::{Entry, Error};

/// The fields an entry may have.
const FIELDS: &str = "text, variants, label, canonical, link, id, ignore, context";

/// Reads a dictionary's JSON text.
pub fn parse(text: &str) -> Result<Vec<Entry>, Error> {
    // A byte-order mark (Windows editors write one) is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser {
        s: text.as_bytes(),
        pos: 0,
    };
    p.ws();
    let entries = match p.peek() {
        Some(b'[') => p.entries()?,
        Some(b'{') => {
            let mut entries = None;
            p.object(|p, key| match key.as_str() {
                "entries" => {
                    entries = Some(p.entries()?);
                    Ok(())
                }
                "$schema" | "$comment" => p.string().map(drop),
                _ => Err(p.wrong(&format!(
                    "unknown field {key:?} (a dictionary has \"entries\", and optionally \"$schema\" and \"$comment\")"
                ))),
            })?;
            entries.ok_or_else(|| Error("no \"entries\" in the dictionary object".into()))?
        }
        _ => return Err(Error(super::NOT_A_DICTIONARY.into())),
    };
    p.ws();
    if p.pos < p.s.len() {
        return Err(p.error("text after the end of the dictionary"));
    }
    Ok(entries)
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// A syntax error at the current position.
    fn error(&self, why: &str) -> Error {
        Error(format!("invalid JSON at {}: {why}", self.place()))
    }

    /// An error about what a well-formed value says, at the current position.
    fn wrong(&self, why: &str) -> Error {
        Error(format!("{why} ({})", self.place()))
    }

    /// The current position as "line L column C" (C in characters).
    fn place(&self) -> String {
        let before = &self.s[..self.pos.min(self.s.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
        format!("line {line} column {column}")
    }

    fn expect(&mut self, byte: u8) -> Result<(), Error> {
        self.ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected '{}'", byte as char)))
        }
    }

    /// `{ "key": value, … }`, each value read by `field`.
    fn object(
        &mut self,
        mut field: impl FnMut(&mut Self, String) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.expect(b'{')?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.ws();
            let key = self.string()?;
            self.expect(b':')?;
            self.ws();
            field(self, key)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    /// `[ item, … ]`, each item read by `item`.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Result<(), Error>) -> Result<(), Error> {
        self.expect(b'[')?;
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.ws();
            item(self)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn entries(&mut self) -> Result<Vec<Entry>, Error> {
        let mut entries = Vec::new();
        self.ws();
        if self.peek() != Some(b'[') {
            return Err(self.wrong("\"entries\" must be an array of entries"));
        }
        self.array(|p| {
            let n = entries.len() + 1;
            if p.peek().is_none() {
                return Err(p.error("the text ends inside the list of entries"));
            }
            if p.peek() != Some(b'{') {
                return Err(p.wrong(&format!("entry {n} is not an object")));
            }
            let mut e = Entry::default();
            p.object(|p, key| p.field(n, &key, &mut e))?;
            entries.push(e);
            Ok(())
        })?;
        Ok(entries)
    }

    /// The value of field `key` of entry `n`.
    fn field(&mut self, n: usize, key: &str, e: &mut Entry) -> Result<(), Error> {
        let wrong = |p: &Self, what: &str| p.wrong(&format!("entry {n}: {key:?} must be {what}"));
        if !FIELDS.split(", ").any(|f| f == key) {
            return Err(self.wrong(&format!(
                "entry {n}: unknown field {key:?} (expected one of {FIELDS})"
            )));
        }
        if self.null() {
            return Ok(());
        }
        match key {
            "text" | "label" | "canonical" | "link" | "id" => {
                if self.peek() != Some(b'"') {
                    return Err(wrong(self, "a string"));
                }
                let v = Some(self.string()?);
                match key {
                    "text" => e.text = v,
                    "label" => e.label = v,
                    "canonical" => e.canonical = v,
                    "link" => e.link = v,
                    _ => e.id = v,
                }
            }
            "variants" | "context" => {
                let mut list = Vec::new();
                if self.peek() != Some(b'[') {
                    return Err(wrong(self, "an array of strings"));
                }
                self.array(|p| {
                    if p.peek() != Some(b'"') {
                        return Err(wrong(p, "an array of strings"));
                    }
                    list.push(p.string()?);
                    Ok(())
                })?;
                if key == "variants" {
                    e.variants = list;
                } else {
                    e.context = list;
                }
            }
            "ignore" => {
                e.ignore = if self.s[self.pos..].starts_with(b"true") {
                    true
                } else if self.s[self.pos..].starts_with(b"false") {
                    false
                } else {
                    return Err(wrong(self, "true or false"));
                };
                self.pos += if e.ignore { 4 } else { 5 };
            }
            _ => {
                return Err(self.wrong(&format!(
                    "entry {n}: unknown field {key:?} (expected one of {FIELDS})"
                )));
            }
        }
        Ok(())
    }

    /// Consumes a `null` if there is one.
    fn null(&mut self) -> bool {
        let is = self.s[self.pos..].starts_with(b"null");
        if is {
            self.pos += 4;
        }
        is
    }

    /// A JSON string, escapes decoded.
    fn string(&mut self) -> Result<String, Error> {
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a string"));
        }
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character at once.
            let run = self.s[self.pos..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .ok_or_else(|| self.error("unterminated string"))?;
            // The input is a &str and the run ends at an ASCII byte: valid UTF-8.
            out.push_str(std::str::from_utf8(&self.s[self.pos..self.pos + run]).unwrap_or(""));
            self.pos += run;
            match self.s[self.pos] {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape in string")),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                _ => return Err(self.error("control character in string")),
            }
        }
    }

    /// The character of `XXXX` (after `\u`), reading a second `\uXXXX` for a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) && self.s[self.pos..].starts_with(b"\\u") {
            self.pos += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.error("invalid surrogate pair"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape (a lone surrogate)"))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .s
            .get(self.pos..self.pos + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_escapes_and_nulls() {
        let a = parse(r#" [ {"text": "a\"b\\c\u05D0\ud83d\ude00", "variants": ["x", "y"], "label": null, "ignore": true} ] "#)
            .unwrap();
        assert_eq!(a[0].text.as_deref(), Some("a\"b\\cא😀"));
        assert_eq!(a[0].variants, ["x", "y"]);
        assert!(a[0].label.is_none() && a[0].ignore);
        let b = parse(r#"{"$schema": "s", "entries": [{}, {"context": []}]}"#).unwrap();
        assert_eq!(b.len(), 2);
        assert!(parse("[]").unwrap().is_empty());
        assert!(parse("\u{feff}[]").unwrap().is_empty(), "a byte-order mark");
    }

    #[test]
    fn errors_name_the_place() {
        let cases = [
            (
                "[{\"text\": \"x\",\n  ",
                "line 2 column 3: expected a string",
            ),
            (r#"[{"text": 5}]"#, "entry 1: \"text\" must be a string"),
            (
                r#"[{}, {"variants": "x"}]"#,
                "entry 2: \"variants\" must be an array of strings",
            ),
            (r#"[{"ignore": "yes"}]"#, "must be true or false"),
            (r#"[{"lable": "PER"}]"#, "entry 1: unknown field \"lable\""),
            (r#"[{"lable": null}]"#, "entry 1: unknown field \"lable\""),
            (r#"{"entries": [], "x": 1}"#, "unknown field \"x\""),
            (r#"{"entry": []}"#, "unknown field \"entry\""),
            (r#"{}"#, "no \"entries\""),
            (r#"[1]"#, "entry 1 is not an object (line 1 column 2)"),
            (
                "{\"entries\": [",
                "invalid JSON at line 1 column 14: the text ends",
            ),
            (r#"[] x"#, "text after the end"),
            ("[{\"text\": \"a\u{1}\"}]", "control character"),
            (r#"[{"text": "\ud800"}]"#, "lone surrogate"),
            ("\"x\"", "not a dictionary"),
        ];
        for (json, want) in cases {
            let got = parse(json).unwrap_err().0;
            assert!(got.contains(want), "{json}: {got}");
        }
    }
}
