#![cfg(not(target_arch = "wasm32"))]
//! `docs/dictionary.md`, `docs/dictionary.schema.json` and the fixtures in
//! `tests/fixtures/dictionaries/` say what the dictionary reader does; these tests keep
//! them saying it.
//!
//! - every ```json block of the reference compiles (a block marked
//!   `<!-- dictionary-test: skip (why) -->` on the line before is left alone), the worked
//!   example is `site.json`, and the examples the reference gives of the matching rules,
//!   the error messages and `tagit dictionary --from-feedback` are what tagit does;
//! - the broken fixtures fail with the message the reference gives for them;
//! - the schema's limits are the reader's constants, and the schema accepts the fixtures
//!   and the examples. No JSON Schema crate is a dependency, so a small validator below
//!   knows the keywords the schema uses (and refuses any other), and the meaning of each of
//!   its patterns.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tagit::dictionary::{MAX_ENTRIES, MAX_FORM_CHARS, MAX_VARIANTS};
use tagit::{Annotator, Dictionary, Label, Options, Span};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: impl AsRef<Path>) -> String {
    let path = root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn doc() -> String {
    read("docs/dictionary.md")
}

fn fixture(name: &str) -> String {
    read(format!("tests/fixtures/dictionaries/{name}"))
}

fn schema() -> Value {
    serde_json::from_str(&read("docs/dictionary.schema.json")).expect("the schema is JSON")
}

fn compile(json: &str) -> Dictionary {
    Dictionary::from_json(json).unwrap_or_else(|e| panic!("{e}\n{json}"))
}

/// The message of the error `json` gives (without the `dictionary: ` of its Display).
fn error(json: &str) -> String {
    match Dictionary::from_json(json) {
        Ok(_) => panic!("accepted: {json}"),
        Err(e) => e.0,
    }
}

/// One fenced block of the reference: its info string, the `dictionary-test` marker on the
/// line before (if any), its first line number and its text.
struct Block {
    info: String,
    marker: Option<String>,
    line: usize,
    text: String,
}

fn blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let lines: Vec<&str> = md.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let Some(info) = lines[i].strip_prefix("```") else {
            i += 1;
            continue;
        };
        let marker = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| l.trim().strip_prefix("<!-- dictionary-test:"))
            .and_then(|l| l.strip_suffix("-->"))
            .map(|m| m.trim().to_string());
        let start = i + 1;
        let end = (start..lines.len())
            .find(|&k| lines[k].starts_with("```"))
            .unwrap_or_else(|| panic!("docs/dictionary.md:{start}: unclosed block"));
        out.push(Block {
            info: info.trim().to_string(),
            marker,
            line: start,
            text: lines[start..end].join("\n"),
        });
        i = end + 1;
    }
    out
}

/// The block marked `dictionary-test: name`.
fn marked(md: &str, name: &str) -> Block {
    blocks(md)
        .into_iter()
        .find(|b| b.marker.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no block marked {name:?} in docs/dictionary.md"))
}

#[test]
fn every_json_block_of_the_reference_compiles_and_fits_the_schema() {
    let md = doc();
    let schema = schema();
    let mut checked = 0;
    for b in blocks(&md).iter().filter(|b| b.info == "json") {
        let at = format!("docs/dictionary.md:{}", b.line);
        match b.marker.as_deref() {
            Some(m) if m.starts_with("skip") => continue,
            None | Some("site.json" | "feedback-output") => {}
            Some(other) => panic!("{at}: unknown marker {other:?} on a json block"),
        }
        let d = Dictionary::from_json(&b.text).unwrap_or_else(|e| panic!("{at}: {e}"));
        assert!(d.warnings().is_empty(), "{at}: {:?}", d.warnings());
        let value: Value = serde_json::from_str(&b.text).unwrap_or_else(|e| panic!("{at}: {e}"));
        if let Err(why) = validate(&schema, &schema, &value, "") {
            panic!("{at}: the schema refuses it: {why}");
        }
        if b.marker.as_deref() == Some("site.json") {
            let site: Value = serde_json::from_str(&fixture("site.json")).unwrap();
            assert_eq!(
                value["entries"], site["entries"],
                "{at}: the worked example and tests/fixtures/dictionaries/site.json differ"
            );
        }
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} json blocks found");
}

#[test]
fn the_worked_example_compiles_and_does_what_the_reference_says() {
    let d = compile(&fixture("site.json"));
    assert_eq!(d.len(), 8, "the reference says `site.json: 8 entries, ok`");
    assert!(d.warnings().is_empty(), "{:?}", d.warnings());
    let annotator = Annotator::default().with_dictionary(d);
    let text =
        "שמעון פנחסי כתב השבוע כי ראש המועצה האזורית עמק הגפן נפגש בירושלים עם לוחמי צוק איתן.
לדברי פנחסי, במועצה האזורית עמק הגפן מתכוננים לחג. נועה שקד מוסיפה פרטים.
הכוכבים ניצחו אתמול במשחק הכדורגל.
המדור מוגש בחסות שקד, החברה שלכם.";
    assert!(
        doc().contains(text),
        "the example text of the reference changed"
    );
    let spans = annotator.annotate(text, &Options::default());
    let find = |t: &str| -> &Span {
        spans
            .iter()
            .find(|s| s.text == t)
            .unwrap_or_else(|| panic!("{t:?} not marked: {spans:?}"))
    };
    let entity = |t: &str| {
        let s = find(t);
        let e = s.entity.as_ref().unwrap();
        (
            s.label,
            e.canonical.as_str(),
            e.link.as_deref(),
            e.id.as_deref(),
        )
    };
    let pinchasi = Some("https://news.example.com/writers/shimon-pinchasi");
    assert_eq!(
        entity("שמעון פנחסי"),
        (Label::PER, "שמעון פנחסי", pinchasi, Some("writer-17"))
    );
    assert_eq!(
        entity("פנחסי"),
        (Label::PER, "שמעון פנחסי", pinchasi, Some("writer-17"))
    );
    // After ב, without the article the preposition swallowed.
    assert_eq!(entity("מועצה האזורית עמק הגפן").3, Some("org-emek-hagefen"));
    assert_eq!(entity("צוק איתן").0, Label::EVE);
    assert_eq!(entity("צוק איתן").1, "מבצע צוק איתן");
    assert_eq!(entity("נועה שקד").3, Some("writer-23"));
    assert_eq!(
        entity("הכוכבים"),
        (Label::ORG, "הכוכבים עמק הגפן", None, Some("team-kochavim"))
    );
    assert!(
        spans.iter().all(|s| s.label != Label::DATE),
        "dates suppressed: {spans:?}"
    );
    assert!(
        !spans.iter().any(|s| s.text == "שקד"),
        "the sponsor suppressed: {spans:?}"
    );
    // Out of context, the club's short name is the stars.
    let sky = annotator.annotate("בלילה הכוכבים זרחו בשמיים מעל ההרים.", &Options::default());
    assert!(!sky.iter().any(|s| s.text == "הכוכבים"), "{sky:?}");
}

#[test]
fn the_broken_fixtures_fail_as_the_reference_says() {
    let md = doc();
    let cases = [
        (
            "bad-label.json",
            "entry 2 (\"מועצה אזורית עמק הגפן\"): unknown label \"ORGANIZATION\" (expected one of PER ORG GPE LOC FAC EVE WOA DUC ANG DATE TIME)",
        ),
        (
            "bad-link.json",
            "entry 1 (\"שמעון פנחסי\"): \"link\" must be an http:// or https:// URL",
        ),
        (
            "no-text.json",
            "entry 2: no \"text\" (every entry names a string, except {\"label\": …, \"ignore\": true})",
        ),
        (
            "invalid.json",
            "invalid JSON at line 6 column 7: expected ',' or '}'",
        ),
    ];
    for (name, want) in cases {
        assert_eq!(error(&fixture(name)), want, "{name}");
    }
    // The CLI's full line for bad-label.json is the one the reference shows.
    let block = marked(&md, "check-output");
    let mut lines = block.text.lines();
    assert_eq!(
        lines.next(),
        Some("$ tagit dictionary --check bad-label.json")
    );
    let out = Command::new(env!("CARGO_BIN_EXE_tagit"))
        .args(["dictionary", "--check", "bad-label.json"])
        .current_dir(root().join("tests/fixtures/dictionaries"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim_end(),
        lines.next().unwrap()
    );
}

#[test]
fn the_schema_refuses_the_broken_fixtures() {
    let schema = schema();
    for name in ["bad-label.json", "bad-link.json", "no-text.json"] {
        let value: Value = serde_json::from_str(&fixture(name)).unwrap();
        assert!(
            validate(&schema, &schema, &value, "").is_err(),
            "{name} fits the schema"
        );
    }
    let site: Value = serde_json::from_str(&fixture("site.json")).unwrap();
    validate(&schema, &schema, &site, "").unwrap();
}

/// Every message the reference lists, from the input that gives it. The reference quotes
/// each one whole (a JSON syntax error's position is quoted once, for the first of them).
#[test]
fn the_reference_quotes_every_error_message() {
    let md = doc();
    let cases: &[(&str, &str)] = &[
        (
            r#""hello""#,
            r#"not a dictionary: expected a JSON object {"entries": [...]} or an array of entries"#,
        ),
        (
            r#"{"$comment": "x"}"#,
            r#"no "entries" in the dictionary object"#,
        ),
        (
            r#"{"entries": [], "extra": 1}"#,
            r#"unknown field "extra" (a dictionary has "entries", and optionally "$schema" and "$comment") (line 1 column 26)"#,
        ),
        (
            r#"{"entries": {}}"#,
            r#""entries" must be an array of entries (line 1 column 13)"#,
        ),
        ("[1]", "entry 1 is not an object (line 1 column 2)"),
        (
            r#"[{"text":"רון","lable": "PER"}]"#,
            r#"entry 1: unknown field "lable" (expected one of text, variants, label, canonical, link, id, ignore, context) (line 1 column 25)"#,
        ),
        (
            r#"[{"text": 5}]"#,
            r#"entry 1: "text" must be a string (line 1 column 11)"#,
        ),
        (
            r#"[{"text":"רון","variants": "רוני"}]"#,
            r#"entry 1: "variants" must be an array of strings (line 1 column 28)"#,
        ),
        (
            r#"[{"text":"רון","ignore": "yes"}]"#,
            r#"entry 1: "ignore" must be true or false (line 1 column 26)"#,
        ),
        (
            r#"[{"text":"רון", "label" "PER"}]"#,
            "invalid JSON at line 1 column 25: expected ':'",
        ),
        (
            r#"[{"text":"רון" "label": "PER"}]"#,
            "invalid JSON at line 1 column 16: expected ',' or '}'",
        ),
        (
            r#"[{"text":"רון", "label": "PER"} {"text":"x"}]"#,
            "invalid JSON at line 1 column 33: expected ',' or ']'",
        ),
        (
            r#"[{text:"רון"}]"#,
            "invalid JSON at line 1 column 3: expected a string",
        ),
        (
            r#"[{"text":"רון", "label": "PER}]"#,
            "invalid JSON at line 1 column 27: unterminated string",
        ),
        (
            r#"[{"text":"רון\q", "label": "PER"}]"#,
            "invalid JSON at line 1 column 15: invalid escape in string",
        ),
        (
            "[{\"text\":\"a\tb\", \"label\": \"PER\"}]",
            "invalid JSON at line 1 column 12: control character in string",
        ),
        (
            r#"[{"text":"רון\u12", "label": "PER"}]"#,
            r"invalid JSON at line 1 column 16: invalid \u escape",
        ),
        (
            r#"[{"text":"\ud800", "label": "PER"}]"#,
            r"invalid JSON at line 1 column 17: invalid \u escape (a lone surrogate)",
        ),
        (
            r#"[{"text":"\ud800\u0041", "label": "PER"}]"#,
            "invalid JSON at line 1 column 23: invalid surrogate pair",
        ),
        (
            r#"{"entries": [{"text": "רון", "label": "PER"},"#,
            "invalid JSON at line 1 column 46: the text ends inside the list of entries",
        ),
        (
            r#"[{"text": "רון", "label": "PER"}] x"#,
            "invalid JSON at line 1 column 35: text after the end of the dictionary",
        ),
        (
            r#"[{"text": "רון", "label": "PERSON"}]"#,
            r#"entry 1 ("רון"): unknown label "PERSON" (expected one of PER ORG GPE LOC FAC EVE WOA DUC ANG DATE TIME)"#,
        ),
        (
            r#"[{"label": "PER"}]"#,
            r#"entry 1: no "text" (every entry names a string, except {"label": …, "ignore": true})"#,
        ),
        (
            r#"[{"label": "PER"}]"#,
            r#"entry 1: no "text" (every entry names a string, except {"label": …, "ignore": true})"#,
        ),
        (
            r#"[{"text": "  ", "label": "PER", "ignore": true}]"#,
            r#"entry 1: "text" is empty"#,
        ),
        (
            r#"[{"label": "DATE", "ignore": true, "variants": ["x"]}]"#,
            r#"entry 1: an entry suppressing a whole label has only "label" and "ignore""#,
        ),
        (
            r#"[{"text": "רון"}]"#,
            r#"entry 1 ("רון"): no "label" (one of PER ORG GPE LOC FAC EVE WOA DUC ANG DATE TIME, or "ignore": true)"#,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "javascript:alert(1)"}]"#,
            r#"entry 1 ("רון"): "link" must be an http:// or https:// URL"#,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "//example.com/x"}]"#,
            r#"entry 1 ("רון"): "link" must be an http:// or https:// URL"#,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "https://"}]"#,
            r#"entry 1 ("רון"): "link" must be an http(s) URL with a host and no spaces"#,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "https://example.com/a b"}]"#,
            r#"entry 1 ("רון"): "link" must be an http(s) URL with a host and no spaces"#,
        ),
        (
            r#"[{"text": "!!", "label": "PER"}]"#,
            r#"entry 1 ("!!"): "!!" has no word to match"#,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "context": ["שתי מילים"]}]"#,
            r#"entry 1 ("רון"): context word "שתי מילים" is not one word"#,
        ),
    ];
    for (json, want) in cases {
        let got = error(json);
        assert_eq!(&got, want, "{json}");
        let quoted = match want.split_once(": ") {
            Some((at, rest)) if at.starts_with("invalid JSON at line") => {
                if md.contains(want) {
                    want
                } else {
                    rest
                }
            }
            _ => want,
        };
        assert!(
            md.contains(quoted),
            "docs/dictionary.md does not quote {quoted:?}"
        );
    }
    // The limits, each at one over.
    let big = format!("[{}]", " ".repeat(16 << 20));
    let limits = [
        (
            big,
            "16777218 bytes is over the limit of 16777216 bytes (16 MiB)".to_string(),
        ),
        (
            format!(
                "[{}]",
                vec![r#"{"text":"א ב","label":"PER"}"#; MAX_ENTRIES + 1].join(",")
            ),
            format!(
                "{} entries is over the limit of {MAX_ENTRIES}",
                MAX_ENTRIES + 1
            ),
        ),
        (
            format!(
                r#"[{{"text": "רון", "label": "PER", "variants": ["{}"]}}]"#,
                "א".repeat(MAX_FORM_CHARS + 1)
            ),
            format!("entry 1 (\"רון\"): a form is over {MAX_FORM_CHARS} characters"),
        ),
        (
            format!(
                r#"[{{"text": "רון", "label": "PER", "context": [{}]}}]"#,
                vec![r#""x""#; MAX_VARIANTS + 1].join(",")
            ),
            format!("entry 1 (\"רון\"): over {MAX_VARIANTS} variants or context words"),
        ),
        (
            r#"[{"text": "א, ב, ג, ד, ה, ו, ז", "label": "PER"}]"#.to_string(),
            r#"entry 1 ("א, ב, ג, ד, ה, ו, ז"): "א, ב, ג, ד, ה, ו, ז" has over 12 words"#
                .to_string(),
        ),
    ];
    for (json, want) in &limits {
        assert_eq!(&error(json), want);
        assert!(
            md.contains(want.as_str()),
            "docs/dictionary.md does not quote {want:?}"
        );
    }
}

#[test]
fn the_duplicate_warning_is_the_one_quoted() {
    let d = compile(
        r#"[{"text":"רון","label":"PER","variants":["רוֹן","רון"]},
            {"text":"בית-שמש","variants":["בית שמש"],"label":"GPE"}]"#,
    );
    let want = "3 form(s) given more than once, the later entry wins: רוֹן, רון, בית שמש";
    assert_eq!(d.warnings(), [want]);
    assert!(doc().contains(want));
}

/// The spans of `text` that a dictionary entry made, as (text, label, canonical).
fn dictionary_spans(json: &str, text: &str) -> Vec<(String, Label, String)> {
    let annotator = Annotator::default().with_dictionary(compile(json));
    annotator
        .annotate(text, &Options::default())
        .into_iter()
        .filter_map(|s| {
            // The dictionary's spans: the publisher's confidence (the knowledge list's
            // links only name spans the model found).
            let e = s.entity.as_ref()?;
            (s.confidence == tagit::dictionary::DICTIONARY_CONFIDENCE)
                .then(|| (s.text.clone(), s.label, e.canonical.clone()))
        })
        .collect()
}

fn texts(spans: &[(String, Label, String)]) -> Vec<&str> {
    spans.iter().map(|s| s.0.as_str()).collect()
}

#[test]
fn the_matching_rules_are_as_described() {
    // Folding.
    let spans = dictionary_spans(
        r#"[{"text": "בית-שמש", "label": "GPE"}, {"text": "צה\"ל", "label": "ORG"},
            {"text": "צ'רלי", "label": "PER"}, {"text": "שָׁלוֹם", "label": "PER"}]"#,
        "בבית שמש ובבית־שמש ובית - שמש; צה״ל וצה\"ל וצה“ל; צ׳רלי; ושלום",
    );
    assert_eq!(
        texts(&spans),
        [
            "בית שמש",
            "בית־שמש",
            "בית - שמש",
            "צה״ל",
            "צה\"ל",
            "צה“ל",
            "צ׳רלי",
            "שלום"
        ]
    );
    // Latin: A-Z in any case, other letters as written.
    let spans = dictionary_spans(
        r#"[{"text": "NBA", "label": "ORG"}, {"text": "Émile", "label": "PER"}]"#,
        "ב-nba ו-Nba, Émile émile",
    );
    assert_eq!(texts(&spans), ["nba", "Nba", "Émile"]);
    // Attached prefixes outside the mark.
    let spans = dictionary_spans(
        r#"[{"text": "פנחסי", "label": "PER"}]"#,
        "ולפנחסי, שפנחסי, כשפנחסי, מהפנחסי, בפנחסי",
    );
    assert_eq!(texts(&spans), ["פנחסי"; 5]);
    // A whole word is preferred to a peeled one: the reference's ברון example.
    let md = doc();
    let ron = r#"[
  {"text": "רון", "label": "PER"},
  {"text": "ברון", "ignore": true}
]"#;
    assert!(md.contains(ron));
    let text = "ברון הגיע, וגם רון ולרון.";
    assert_eq!(
        texts(&dictionary_spans(
            r#"[{"text": "רון", "label": "PER"}]"#,
            text
        )),
        ["רון"; 3]
    );
    assert_eq!(texts(&dictionary_spans(ron, text)), ["רון"; 2]);
    let annotator = Annotator::default().with_dictionary(compile(ron));
    let spans = annotator.annotate(text, &Options::default());
    assert!(spans.iter().all(|s| s.start >= "ברון".len()), "{spans:?}");
    // Leftmost first, then longest.
    let spans = dictionary_spans(
        r#"[{"text": "א ב", "label": "PER"}, {"text": "ב ג ד", "label": "ORG"}]"#,
        "א ב ג ד",
    );
    assert_eq!(texts(&spans), ["א ב"]);
    // The context window: 20 tokens, a comma being one.
    let club = r#"[{"text": "הכוכבים", "label": "ORG", "context": ["כדורגל"]}]"#;
    let at = |commas: usize| format!("הכוכבים ניצחו {} הכדורגל", ", ".repeat(commas));
    assert_eq!(dictionary_spans(club, &at(18)).len(), 1);
    assert_eq!(dictionary_spans(club, &at(19)).len(), 0);
}

#[test]
fn the_entry_semantics_are_as_described() {
    let annotator = |json: &str| Annotator::default().with_dictionary(compile(json));
    let options = Options::default();
    // An ignore keeps a longer name around it, and drops what lies within it.
    let ignore = annotator(r#"[{"text": "אביב", "ignore": true}]"#);
    let spans = ignore.annotate("הוא גר בתל אביב.", &options);
    assert!(spans.iter().any(|s| s.text == "תל אביב"), "{spans:?}");
    let spans = ignore.annotate("סשה טרופנוב נפגש עם אביב.", &options);
    assert!(!spans.iter().any(|s| s.text == "אביב"), "{spans:?}");
    // A suppressed label keeps the dictionary's own entries of it, without a value.
    let spans =
        annotator(r#"[{"label": "DATE", "ignore": true}, {"text": "חנוכה", "label": "DATE"}]"#)
            .annotate("ביום ירושלים ובחנוכה", &options);
    let dates: Vec<(&str, Option<&str>)> = spans
        .iter()
        .filter(|s| s.label == Label::DATE)
        .map(|s| (s.text.as_str(), s.value.as_deref()))
        .collect();
    assert_eq!(dates, [("חנוכה", None)]);
    // A site entry without a link keeps its id and gets the knowledge list's link.
    let plain = Annotator::default().annotate("נפגשו בירושלים", &options);
    let wiki = plain[0]
        .entity
        .as_ref()
        .expect("ירושלים is linked by the knowledge list");
    assert!(
        wiki.link
            .as_deref()
            .unwrap()
            .starts_with("https://he.wikipedia.org/wiki/")
    );
    let spans = annotator(r#"[{"text": "ירושלים", "label": "GPE", "id": "j1"}]"#)
        .annotate("נפגשו בירושלים", &options);
    let e = spans[0].entity.as_ref().unwrap();
    assert_eq!(
        (e.id.as_deref(), e.link.as_deref()),
        (Some("j1"), wiki.link.as_deref())
    );
    assert!(doc().contains(r#"`{"text": "ירושלים", "label": "GPE", "id": "j1"}`"#));
}

#[test]
fn the_knowledge_list_count_is_the_one_quoted() {
    let n = tagit::links::entries(tagit::links::TABLE).len();
    let quoted = format!("{},{:03} entities", n / 1000, n % 1000);
    assert!(
        doc().contains(&quoted),
        "docs/dictionary.md should say {quoted}"
    );
}

#[test]
fn the_feedback_example_prints_what_the_reference_shows() {
    let md = doc();
    let log = marked(&md, "feedback-log").text;
    let want: Value = serde_json::from_str(&marked(&md, "feedback-output").text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tagit"))
        .args(["dictionary", "--from-feedback", "-", "--min-count", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), log.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got, want);
}

/// The Rust example of the reference, as it is written there (reading site.json).
#[test]
fn the_rust_example_runs() -> Result<(), Box<dyn std::error::Error>> {
    use std::sync::Arc;
    let path = root().join("tests/fixtures/dictionaries/site.json");
    let dictionary = Dictionary::from_json(&std::fs::read_to_string(path)?)?;
    for warning in dictionary.warnings() {
        eprintln!("{warning}");
    }
    let annotator = Annotator::default().with_dictionary(dictionary);
    let spans = annotator.annotate("שמעון פנחסי כתב", &Options::default());
    assert_eq!(
        spans[0].entity.as_ref().unwrap().id.as_deref(),
        Some("writer-17")
    );
    let other = Arc::new(Dictionary::from_json(
        r#"[{"text": "פנחסי", "label": "PER"}]"#,
    )?);
    let options = Options {
        dictionary: Some(other),
        ..Options::default()
    };
    let spans = annotator.annotate("פנחסי כתב", &options);
    assert_eq!(
        spans[0].entity.as_ref().unwrap().id,
        None,
        "the call's own dictionary"
    );
    assert!(doc().contains("Options { dictionary: Some(other), ..Options::default() }"));
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The schema.

#[test]
fn the_schema_limits_and_labels_are_the_readers() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let defs = &s["$defs"];
    assert_eq!(defs["entries"]["maxItems"], MAX_ENTRIES);
    assert_eq!(defs["form"]["maxLength"], MAX_FORM_CHARS);
    let fields = &defs["entry"]["properties"];
    assert_eq!(fields["variants"]["maxItems"], MAX_VARIANTS);
    assert_eq!(fields["context"]["maxItems"], MAX_VARIANTS);
    let labels: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    assert_eq!(defs["label"]["enum"], serde_json::json!(labels));
    // The entry fields are the reader's (its unknown-field message lists them).
    let names: Vec<&str> = fields
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let listed = "text, variants, label, canonical, link, id, ignore, context";
    assert_eq!(names.join(", "), listed);
    assert!(error(r#"[{"x": 1}]"#).contains(listed));
}

/// Dictionaries the reader and the schema agree on, and the few they do not (each said in
/// the reference: the schema is stricter about label case, blank text and links in
/// label-suppressing entries, and cannot see words).
#[test]
fn the_schema_agrees_with_the_reader() {
    let schema = schema();
    // (json, the reader accepts it, the schema accepts it)
    let cases: &[(&str, bool, bool)] = &[
        ("[]", true, true),
        (r#"{"entries": []}"#, true, true),
        (
            r#"{"entries": [], "$schema": "s", "$comment": "c"}"#,
            true,
            true,
        ),
        (r#"{"entries": [], "$schema": null}"#, false, false),
        (r#"{"entries": null}"#, false, false),
        (r#"{"$schema": "s"}"#, false, false),
        (r#"{"entries": [], "x": 1}"#, false, false),
        ("{}", false, false),
        (r#""x""#, false, false),
        ("[1]", false, false),
        (r#"[{"text": "רון", "label": "PER"}]"#, true, true),
        (
            r#"[{"text": "רון", "label": "PER", "variants": null, "canonical": null, "link": null, "id": null, "ignore": null, "context": null}]"#,
            true,
            true,
        ),
        (r#"[{"text": "רון", "label": null}]"#, false, false),
        (
            r#"[{"text": "רון", "label": "PER", "ignore": false}]"#,
            true,
            true,
        ),
        (r#"[{"text": "רון", "ignore": true}]"#, true, true),
        (
            r#"[{"text": "רון", "label": "ORG", "ignore": true}]"#,
            true,
            true,
        ),
        (
            r#"[{"text": null, "label": "DATE", "ignore": true}]"#,
            true,
            true,
        ),
        (
            r#"[{"label": "DATE", "ignore": true, "variants": []}]"#,
            true,
            true,
        ),
        (
            r#"[{"label": "DATE", "ignore": true, "variants": ["x"]}]"#,
            false,
            false,
        ),
        (r#"[{"label": "DATE"}]"#, false, false),
        (r#"[{"label": "DATE", "ignore": false}]"#, false, false),
        (r#"[{"ignore": true}]"#, false, false),
        (r#"[{}]"#, false, false),
        (r#"[{"variants": ["x"], "label": "PER"}]"#, false, false),
        (r#"[{"text": "רון"}]"#, false, false),
        (r#"[{"text": "רון", "ignore": null}]"#, false, false),
        (r#"[{"text": "", "label": "PER"}]"#, false, false),
        (r#"[{"text": "רון", "label": "PERSON"}]"#, false, false),
        (r#"[{"text": 5, "label": "PER"}]"#, false, false),
        (
            r#"[{"text": "רון", "label": "PER", "id": 17}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "ignore": "yes"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "variants": "x"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "variants": [null]}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "variants": [""]}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "lable": "PER"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "https://x.example/a"}]"#,
            true,
            true,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "HTTP://x.example"}]"#,
            true,
            true,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "https://he.wikipedia.org/wiki/רון"}]"#,
            true,
            true,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "javascript:alert(1)"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "ftp://x.example"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "//x.example"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "https://"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "https:///x"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "https://x.example/a b"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "https://x.example/\u0007"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "ignore": true, "link": "javascript:x"}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "context": ["כדורגל", " ליגה "]}]"#,
            true,
            true,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "context": ["שתי מילים"]}]"#,
            false,
            false,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "context": [""]}]"#,
            false,
            false,
        ),
        // The schema is stricter here (see the reference).
        (r#"[{"text": "רון", "label": "per"}]"#, true, false),
        (
            r#"[{"text": "  ", "label": "PER", "ignore": true}]"#,
            false,
            false,
        ),
        (
            r#"[{"label": "DATE", "ignore": true, "link": "javascript:x"}]"#,
            false,
            false,
        ),
        // What JSON Schema cannot see: words.
        (r#"[{"text": "!!", "label": "PER"}]"#, false, true),
        (
            r#"[{"text": "א ב ג ד ה ו ז ח ט י כ ל מ", "label": "PER"}]"#,
            false,
            true,
        ),
        (
            r#"[{"text": "רון", "label": "PER", "context": ["ה-7"]}]"#,
            false,
            true,
        ),
    ];
    for &(json, reader, fits) in cases {
        let value: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(
            Dictionary::from_json(json).is_ok(),
            reader,
            "reader: {json}"
        );
        let verdict = validate(&schema, &schema, &value, "");
        assert_eq!(verdict.is_ok(), fits, "schema: {json}: {verdict:?}");
    }
    // Over the limits: the schema's maxItems and maxLength.
    let long = format!(
        r#"[{{"text": "{}", "label": "PER"}}]"#,
        "א".repeat(MAX_FORM_CHARS + 1)
    );
    let ok = format!(
        r#"[{{"text": "{}", "label": "PER"}}]"#,
        "א".repeat(MAX_FORM_CHARS)
    );
    let many = format!(
        r#"[{{"text": "רון", "label": "PER", "variants": [{}]}}]"#,
        vec![r#""x""#; MAX_VARIANTS + 1].join(",")
    );
    for (json, fits) in [(long, false), (ok, true), (many, false)] {
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(Dictionary::from_json(&json).is_ok(), fits);
        assert_eq!(
            validate(&schema, &schema, &value, "").is_ok(),
            fits,
            "{json}"
        );
    }
}

/// Validates `value` against `schema` (a part of `root`), for the keywords
/// `docs/dictionary.schema.json` uses; panics on any other keyword or an unknown pattern,
/// so the schema cannot grow a rule these tests silently skip.
fn validate(root: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let Some(keywords) = schema.as_object() else {
        panic!("{at}: a schema that is not an object: {schema}");
    };
    let fail = |why: String| Err(format!("{}: {why}", if at.is_empty() { "/" } else { at }));
    for (keyword, rule) in keywords {
        match keyword.as_str() {
            "$schema" | "$comment" | "$defs" | "title" | "description" | "then" | "else" => {}
            "$ref" => {
                let path = rule.as_str().and_then(|r| r.strip_prefix("#/")).unwrap();
                let target = path.split('/').fold(root, |v, k| &v[k]);
                assert!(!target.is_null(), "unresolved $ref {rule}");
                validate(root, target, value, at)?;
            }
            "type" => {
                let types: Vec<&str> = match rule {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().map(|t| t.as_str().unwrap()).collect(),
                    _ => panic!("type {rule}"),
                };
                let is = |t: &str| match t {
                    "string" => value.is_string(),
                    "array" => value.is_array(),
                    "object" => value.is_object(),
                    "boolean" => value.is_boolean(),
                    "null" => value.is_null(),
                    _ => panic!("type {t}"),
                };
                if !types.iter().any(|t| is(t)) {
                    return fail(format!("{value} is not {types:?}"));
                }
            }
            "enum" => {
                if !rule.as_array().unwrap().contains(value) {
                    return fail(format!("{value} is not one of {rule}"));
                }
            }
            "const" => {
                if rule != value {
                    return fail(format!("{value} is not {rule}"));
                }
            }
            "required" => {
                if let Some(object) = value.as_object() {
                    for name in rule.as_array().unwrap() {
                        if !object.contains_key(name.as_str().unwrap()) {
                            return fail(format!("no {name}"));
                        }
                    }
                }
            }
            "properties" => {
                if let Some(object) = value.as_object() {
                    for (name, sub) in rule.as_object().unwrap() {
                        if let Some(v) = object.get(name) {
                            validate(root, sub, v, &format!("{at}/{name}"))?;
                        }
                    }
                }
            }
            "additionalProperties" => {
                assert_eq!(rule, &Value::Bool(false), "additionalProperties {rule}");
                if let Some(object) = value.as_object() {
                    let known = schema["properties"].as_object().unwrap();
                    if let Some(extra) = object.keys().find(|k| !known.contains_key(*k)) {
                        return fail(format!("unknown field {extra:?}"));
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (k, item) in items.iter().enumerate() {
                        validate(root, rule, item, &format!("{at}/{k}"))?;
                    }
                }
            }
            "maxItems" => {
                if value
                    .as_array()
                    .is_some_and(|a| a.len() as u64 > rule.as_u64().unwrap())
                {
                    return fail(format!("over {rule} items"));
                }
            }
            "maxLength" => {
                if value
                    .as_str()
                    .is_some_and(|s| s.chars().count() as u64 > rule.as_u64().unwrap())
                {
                    return fail(format!("over {rule} characters"));
                }
            }
            "pattern" => {
                if let Some(s) = value.as_str()
                    && !pattern(rule.as_str().unwrap())(s)
                {
                    return fail(format!("{s:?} does not match {rule}"));
                }
            }
            "oneOf" => {
                let fits = rule
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|sub| validate(root, sub, value, at).is_ok())
                    .count();
                if fits != 1 {
                    return fail(format!("{fits} of the oneOf fit {value}"));
                }
            }
            "allOf" => {
                for sub in rule.as_array().unwrap() {
                    validate(root, sub, value, at)?;
                }
            }
            "if" => {
                let branch = if validate(root, rule, value, at).is_ok() {
                    "then"
                } else {
                    "else"
                };
                if let Some(sub) = keywords.get(branch) {
                    validate(root, sub, value, at)?;
                }
            }
            other => panic!("the test's validator does not know {other:?} (at {at})"),
        }
    }
    Ok(())
}

/// ECMA-262's `\s`, which JSON Schema patterns use.
fn ecma_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// What each pattern of the schema means, written out.
fn pattern(p: &str) -> fn(&str) -> bool {
    const LINK: &str = r"^[Hh][Tt][Tt][Pp][Ss]?://[^/\s\u0000-\u001F\u007F-\u009F][^\s\u0000-\u001F\u007F-\u009F]*$";
    match p {
        // Something other than white space.
        r"\S" => |s| s.chars().any(|c| !ecma_space(c)),
        // One run of non-space characters, spaces around it allowed.
        r"^\s*\S+\s*$" => |s| {
            let t = s.trim_matches(ecma_space);
            !t.is_empty() && !t.chars().any(ecma_space)
        },
        LINK => |s| {
            let bad = |c: char| ecma_space(c) || matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}');
            let rest = s
                .get(..8)
                .filter(|p| p.eq_ignore_ascii_case("https://"))
                .map(|_| &s[8..])
                .or_else(|| {
                    s.get(..7)
                        .filter(|p| p.eq_ignore_ascii_case("http://"))
                        .map(|_| &s[7..])
                });
            rest.is_some_and(|r| {
                r.chars().next().is_some_and(|c| c != '/' && !bad(c)) && !r.chars().any(bad)
            })
        },
        _ => panic!("the test does not know what the schema's pattern {p:?} means"),
    }
}
