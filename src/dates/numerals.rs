//! Hebrew numerals (gematria) as written for days and years: `ט'`, `כ"ב`, `ט"ו`,
//! `תשפ"ד`, `ה'תשפ"ד`.
//!
//! Parsing is strict on purpose: a word counts as a numeral only when it is spelled exactly
//! as [`format()`] would spell its value (letters in descending order, 15 and 16 as ט"ו ט"ז,
//! a geresh after a single letter, gershayim before the last letter). That keeps acronyms
//! and ordinary words (`בית`, `תנ"ך`) from being read as numbers.

/// Letter values, in descending order of value (final forms are not numerals).
const LETTERS: [(char, u16); 22] = [
    ('ת', 400),
    ('ש', 300),
    ('ר', 200),
    ('ק', 100),
    ('צ', 90),
    ('פ', 80),
    ('ע', 70),
    ('ס', 60),
    ('נ', 50),
    ('מ', 40),
    ('ל', 30),
    ('כ', 20),
    ('י', 10),
    ('ט', 9),
    ('ח', 8),
    ('ז', 7),
    ('ו', 6),
    ('ה', 5),
    ('ד', 4),
    ('ג', 3),
    ('ב', 2),
    ('א', 1),
];

fn letter_value(c: char) -> Option<u16> {
    LETTERS.iter().find(|(l, _)| *l == c).map(|&(_, v)| v)
}

/// Writes `n` (1..=999) as Hebrew letters without punctuation into `buf`, returning the
/// letter count.
fn letters(mut n: u16, buf: &mut [char; 8]) -> usize {
    let mut k = 0;
    while n >= 400 && k < 6 {
        buf[k] = 'ת';
        k += 1;
        n -= 400;
    }
    for &(c, v) in &LETTERS[1..] {
        // 15 and 16 are written 9+6 and 9+7 to avoid spelling the divine name.
        if n == 15 || n == 16 {
            buf[k] = 'ט';
            buf[k + 1] = if n == 15 { 'ו' } else { 'ז' };
            return k + 2;
        }
        if n >= v && k < 8 {
            buf[k] = c;
            k += 1;
            n -= v;
        }
    }
    k
}

/// The canonical spelling of `n` (1..=999): `ט'`, `כ"ב`, `תשפ"ד`.
pub fn format(n: u16) -> String {
    let mut buf = ['\0'; 8];
    let k = letters(n % 1000, &mut buf);
    let mut s = String::with_capacity(2 * k + 2);
    for (i, &c) in buf[..k].iter().enumerate() {
        if k > 1 && i == k - 1 {
            s.push('"');
        }
        s.push(c);
    }
    if k == 1 {
        s.push('\'');
    }
    s
}

/// The value of a folded word written as a canonical Hebrew numeral (see the module doc),
/// or `None`. Punctuation is required: `כב` without gershayim is not accepted.
pub fn parse(word: &str) -> Option<u16> {
    // Every canonical numeral has a geresh or gershayim ([`format`] always writes one):
    // most words are rejected here, before summing letters and formatting the sum (an
    // allocation) to compare, which the date rules would otherwise do for every token.
    if !word.bytes().any(|b| b == b'"' || b == b'\'') {
        return None;
    }
    let mut total: u16 = 0;
    let mut count = 0;
    for c in word.chars() {
        if c == '"' || c == '\'' {
            continue;
        }
        total = total.checked_add(letter_value(c)?)?;
        count += 1;
    }
    if count == 0 || total >= 1000 {
        return None;
    }
    (format(total) == word).then_some(total)
}

/// A Hebrew year as written in the press: `תשפ"ד`, `ה'תשפ"ד`, `התשפ"ד`. The thousands
/// are implied (5000) when not written. Only years 5560..=5960 (1800–2200) are accepted,
/// as older spellings collide with acronyms (`תמ"א`).
pub fn parse_year(word: &str) -> Option<i32> {
    let rest = word
        .strip_prefix("ה'")
        .or_else(|| word.strip_prefix('ה').filter(|r| r.starts_with('ת')))
        .unwrap_or(word);
    if !rest.starts_with('ת') {
        return None;
    }
    let y = 5000 + i32::from(parse(rest)?);
    (5560..=5960).contains(&y).then_some(y)
}

/// A year written as in the press, without the thousands: `תשפ"ד` for 5784.
pub fn format_year(year: i32) -> String {
    format(year.rem_euclid(1000) as u16)
}

/// A day of the month written as a numeral (`א'` … `ל'`).
pub fn parse_day(word: &str) -> Option<u8> {
    parse(word)
        .filter(|&n| (1..=30).contains(&n))
        .map(|n| n as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let cases = [
            (1, "א'"),
            (9, "ט'"),
            (10, "י'"),
            (15, "ט\"ו"),
            (16, "ט\"ז"),
            (22, "כ\"ב"),
            (30, "ל'"),
            (708, "תש\"ח"),
            (784, "תשפ\"ד"),
            (770, "תש\"ע"),
            (800, "ת\"ת"),
            (915, "תתקט\"ו"),
        ];
        for (n, want) in cases {
            assert_eq!(format(n), want, "{n}");
            assert_eq!(parse(want), Some(n), "{want}");
        }
    }

    #[test]
    fn rejects_words_and_acronyms() {
        for w in [
            "בית",
            "כב",
            "תנ\"ך",
            "יה",
            "ו\"ט",
            "א",
            "",
            "צה\"ל",
            "ק'ק",
            "ארה\"ב",
        ] {
            assert_eq!(parse(w), None, "{w}");
        }
    }

    #[test]
    fn years() {
        assert_eq!(parse_year("תשפ\"ד"), Some(5784));
        assert_eq!(parse_year("ה'תשפ\"ד"), Some(5784));
        assert_eq!(parse_year("התשפ\"ד"), Some(5784));
        assert_eq!(parse_year("תש\"ח"), Some(5708));
        assert_eq!(parse_year("תמ\"א"), None);
        assert_eq!(parse_year("כ\"ב"), None);
        assert_eq!(format_year(5784), "תשפ\"ד");
    }
}
