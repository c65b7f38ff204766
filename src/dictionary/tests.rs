use super::*;

fn dict(json: &str) -> Dictionary {
    Dictionary::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

fn err(json: &str) -> String {
    Dictionary::from_json(json).unwrap_err().to_string()
}

fn span(text: &str, word: &str, label: Label) -> Span {
    let start = text.find(word).unwrap();
    Span {
        start,
        end: start + word.len(),
        label,
        text: String::new(),
        value: None,
        confidence: 0.9,
        entity: None,
    }
}

/// `(text, label, canonical)` of the spans after the dictionary layer.
fn applied(
    d: &Dictionary,
    text: &str,
    mut spans: Vec<Span>,
) -> Vec<(String, Label, Option<String>)> {
    let doc = Document::new(text);
    d.apply(&doc, &mut spans);
    spans
        .iter()
        .map(|s| {
            (
                text[s.start..s.end].to_string(),
                s.label,
                s.entity.as_ref().map(|e| e.canonical.clone()),
            )
        })
        .collect()
}

#[test]
fn entries_add_with_prefixes_outside_and_canonical_names() {
    let d = dict(
        r#"{"entries": [{"text": "שמעון פנחסי", "variants": ["פנחסי"], "label": "PER",
            "link": "https://example.com/p", "id": "c-17"}]}"#,
    );
    let text = "שמעון פנחסי כתב. ולפנחסי יש טור.";
    let got = applied(&d, text, Vec::new());
    let canon = Some("שמעון פנחסי".to_string());
    assert_eq!(
        got,
        [
            ("שמעון פנחסי".into(), Label::PER, canon.clone()),
            ("פנחסי".into(), Label::PER, canon)
        ]
    );
    let doc = Document::new(text);
    let mut spans = Vec::new();
    d.apply(&doc, &mut spans);
    let e = spans[0].entity.as_ref().unwrap();
    assert_eq!(
        (e.link.as_deref(), e.id.as_deref()),
        (Some("https://example.com/p"), Some("c-17"))
    );
}

#[test]
fn entries_win_over_what_overlaps_them_and_relabel() {
    let d = dict(r#"[{"text": "בנק הפועלים", "label": "ORG"}, {"text": "אפל", "label": "ORG"}]"#);
    let text = "מניית בנק הפועלים ואפל עלו";
    // The model found "הפועלים" as ORG and "אפל" as PER.
    let got = applied(
        &d,
        text,
        vec![
            span(text, "הפועלים", Label::ORG),
            span(text, "אפל", Label::PER),
        ],
    );
    let labels: Vec<(&str, Label)> = got.iter().map(|(t, l, _)| (t.as_str(), *l)).collect();
    assert_eq!(labels, [("בנק הפועלים", Label::ORG), ("אפל", Label::ORG)]);
}

#[test]
fn ignore_a_string_a_string_under_one_label_or_a_whole_label() {
    let text = "פסגה בירושלים ב-7 באוקטובר עם אור";
    let found = || {
        vec![
            span(text, "פסגה", Label::ORG),
            span(text, "ירושלים", Label::GPE),
            span(text, "7 באוקטובר", Label::DATE),
            span(text, "אור", Label::PER),
        ]
    };
    let labels =
        |d: &Dictionary| -> Vec<Label> { applied(d, text, found()).iter().map(|x| x.1).collect() };
    assert_eq!(
        labels(&dict(r#"[{"text": "פסגה", "ignore": true}]"#)),
        [Label::GPE, Label::DATE, Label::PER]
    );
    // Only where it would be marked ORG: "אור" as PER stays.
    assert_eq!(
        labels(&dict(
            r#"[{"text": "אור", "label": "ORG", "ignore": true}]"#
        )),
        [Label::ORG, Label::GPE, Label::DATE, Label::PER]
    );
    assert_eq!(
        labels(&dict(r#"[{"label": "DATE", "ignore": true}]"#)),
        [Label::ORG, Label::GPE, Label::PER]
    );
    // A longer name around an ignored string stays; a name inside it goes.
    let text = "הוא גר בתל אביב ובאביב.";
    let d = dict(r#"[{"text": "אביב", "ignore": true}, {"text": "גר בתל", "ignore": true}]"#);
    let got = applied(&d, text, vec![span(text, "תל אביב", Label::GPE)]);
    assert_eq!(got.len(), 1, "{got:?}");
    let at = text.find("ובאביב").unwrap() + "וב".len();
    let inner = Span {
        start: at,
        end: at + "אביב".len(),
        ..span(text, "תל אביב", Label::GPE)
    };
    let got = applied(&d, text, vec![inner]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn context_words_gate_an_entry() {
    let d = dict(r#"[{"text": "מכבי", "label": "ORG", "context": ["כדורגל", "אוהדים"]}]"#);
    assert_eq!(applied(&d, "מכבי ניצחה במשחק הכדורגל", Vec::new()).len(), 1);
    assert_eq!(
        applied(&d, "ולאוהדי מכבי אין", Vec::new()).len(),
        0,
        "not a context word"
    );
    assert_eq!(
        applied(&d, "ולאוהדים של מכבי", Vec::new()).len(),
        1,
        "prefix peeled"
    );
    assert!(applied(&d, "חג החנוכה ומכבי", Vec::new()).is_empty());
}

#[test]
fn bad_input_is_a_clear_error() {
    let cases = [
        ("[{\"text\": \"x\", ", "invalid JSON"),
        ("\"hello\"", "not a dictionary"),
        (
            r#"[{"text": "רון", "label": "PERSON"}]"#,
            "entry 1 (\"רון\"): unknown label \"PERSON\"",
        ),
        (r#"[{"label": "PER"}]"#, "entry 1: no \"text\""),
        (
            r#"[{"text": "  ", "label": "PER", "ignore": true}]"#,
            "entry 1: \"text\" is empty",
        ),
        (
            r#"[{"label": "DATE", "ignore": true, "link": "javascript:x"}]"#,
            "only \"label\" and \"ignore\"",
        ),
        (r#"[{"text": "רון"}]"#, "no \"label\""),
        (
            r#"[{"text": "רון", "label": "PER", "link": "javascript:alert(1)"}]"#,
            "http:// or https://",
        ),
        (
            r#"[{"text": "רון", "label": "PER", "link": "https:// x"}]"#,
            "no spaces",
        ),
        (
            r#"[{"text": "רון", "label": "PER", "lable": "ORG"}]"#,
            "entry 1: unknown field \"lable\"",
        ),
        (r#"[{"text": "!!", "label": "PER"}]"#, "has no word"),
        (
            r#"[{"text": "רון", "label": "PER", "context": ["שני מילים"]}]"#,
            "not one word",
        ),
        (r#"{"entries": [], "extra": 1}"#, "unknown field \"extra\""),
    ];
    for (json, want) in cases {
        let got = err(json);
        assert!(got.contains(want), "{json}: {got}");
        assert!(got.starts_with("dictionary: "), "{got}");
    }
}

#[test]
fn limits_are_errors() {
    let big = format!(
        "[{}]",
        vec![r#"{"text":"א ב","label":"PER"}"#; MAX_ENTRIES + 1].join(",")
    );
    assert!(err(&big).contains("over the limit"));
    assert!(err(&" ".repeat(MAX_BYTES + 1)).contains("over the limit"));
    let long = format!(
        r#"[{{"text": "{}", "label": "PER"}}]"#,
        "א".repeat(MAX_FORM_CHARS + 1)
    );
    assert!(err(&long).contains("characters"));
}

#[test]
fn duplicates_are_kept_last_and_said_once() {
    let d = dict(r#"[{"text": "רון", "label": "PER"}, {"text": "רוֹן", "label": "ORG"}]"#);
    assert_eq!(d.warnings().len(), 1, "{:?}", d.warnings());
    assert!(d.warnings()[0].contains("later entry wins"));
    assert_eq!(applied(&d, "רון", Vec::new())[0].1, Label::ORG);
    assert!(
        dict(r#"[{"text": "רון", "label": "PER"}]"#)
            .warnings()
            .is_empty()
    );
}

#[test]
fn links_attach_only_to_exact_spans_with_the_same_label() {
    let d = dict(
        r#"[{"text": "ג'ו ביידן", "variants": ["ביידן"], "label": "PER", "link": "https://he.wikipedia.org/wiki/x"}]"#,
    );
    let text = "הנשיא ג'ו ביידן ולביידן, ביידן ושות'";
    let doc = Document::new(text);
    let mut spans = vec![
        span(text, "ג'ו ביידן", Label::PER),
        span(text, "ביידן ושות'", Label::ORG),
    ];
    let lb = text.find("ולביידן").unwrap() + "ול".len();
    spans.insert(
        1,
        Span {
            start: lb,
            end: lb + "ביידן".len(),
            ..spans[0].clone()
        },
    );
    d.link(&doc, &mut spans);
    let linked: Vec<bool> = spans.iter().map(|s| s.entity.is_some()).collect();
    assert_eq!(linked, [true, true, false]);
    assert_eq!(spans.len(), 3, "linking adds nothing");

    // A site entry without a link keeps its name and id, and gets the list's link.
    let mut named = vec![span(text, "ג'ו ביידן", Label::PER)];
    named[0].entity = Some(Arc::new(Entity {
        canonical: "הנשיא ביידן".into(),
        link: None,
        id: Some("b1".into()),
    }));
    d.link(&doc, &mut named);
    let e = named[0].entity.as_ref().unwrap();
    assert_eq!(
        (e.canonical.as_str(), e.link.as_deref(), e.id.as_deref()),
        (
            "הנשיא ביידן",
            Some("https://he.wikipedia.org/wiki/x"),
            Some("b1")
        )
    );
}
