//! The embedded model through the public API: spans exclude attached prefixes, sit on
//! char boundaries of the original text (niqqud included), carry confidences in 0..=1,
//! and odd inputs never panic.

use tagit::{Annotator, Label, Options};

fn entities(text: &str) -> Vec<(Label, String, usize, f32)> {
    Annotator::default()
        .annotate(text, &Options::default())
        .into_iter()
        .filter(|s| !s.label.is_temporal())
        .map(|s| (s.label, s.text, s.start, s.confidence))
        .collect()
}

#[test]
fn names_and_places_in_a_news_sentence() {
    let got = entities("ראש הממשלה בנימין נתניהו נפגש אתמול בירושלים עם שר החוץ של צרפת.");
    let pairs: Vec<(Label, &str)> = got.iter().map(|e| (e.0, e.1.as_str())).collect();
    assert!(pairs.contains(&(Label::PER, "בנימין נתניהו")), "{pairs:?}");
    assert!(
        pairs.contains(&(Label::GPE, "ירושלים")),
        "prefix ב stays outside: {pairs:?}"
    );
    assert!(pairs.contains(&(Label::GPE, "צרפת")), "{pairs:?}");
}

#[test]
fn spans_are_char_boundary_slices_even_with_niqqud() {
    let text = "הנשיא נפגש בְּירושלים עם בנימין נתניהו.";
    for s in Annotator::default().annotate(text, &Options::default()) {
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert_eq!(&text[s.start..s.end], s.text);
        assert!((0.0..=1.0).contains(&s.confidence), "{s:?}");
        if s.label == Label::GPE {
            assert_eq!(s.text, "ירושלים", "the pointed prefix בְּ is outside");
        }
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let long = "מילה ".repeat(2000);
    let cases = [
        "",
        " ",
        ".",
        "\n\n",
        "ב",
        "ו-",
        "!!!",
        "שלום👋עולם",
        long.as_str(),
    ];
    for text in cases {
        for s in Annotator::default().annotate(text, &Options::default()) {
            assert_eq!(&text[s.start..s.end], s.text);
        }
    }
}

/// Two adjacent names of different kinds are two spans: an organisation followed by its
/// chief's name is not one person, and the organisation does not keep the first name.
#[test]
fn an_organisation_and_its_chief_are_two_names() {
    let cases = [
        (
            "סגן ראש הלשכה המדינית של חמאס מוסא אבו מרזוק אמר כי התנועה תשקול.",
            "חמאס",
            "מוסא אבו מרזוק",
        ),
        (
            "מנכ\"ל מיקרוסופט סאטיה נאדלה הודיע.",
            "מיקרוסופט",
            "סאטיה נאדלה",
        ),
        (
            "יו\"ר הפועל תל אביב משה כהן אמר כי",
            "הפועל תל אביב",
            "משה כהן",
        ),
    ];
    for (text, org, person) in cases {
        let got = entities(text);
        let pairs: Vec<(Label, &str)> = got.iter().map(|e| (e.0, e.1.as_str())).collect();
        assert!(pairs.contains(&(Label::ORG, org)), "{text}: {pairs:?}");
        assert!(pairs.contains(&(Label::PER, person)), "{text}: {pairs:?}");
    }
}

/// A geresh or gershayim that belongs to the name stays in its span; a closing quote does
/// not.
#[test]
fn geresh_and_gershayim_of_a_name_stay_inside() {
    let cases = [
        (
            "הטניסאי נובאק ג'וקוביץ' ניצח את רפאל נדאל.",
            "נובאק ג'וקוביץ'",
        ),
        ("נציגי ארה\"ב ורוסיה נפגשו, אמר ראש אמ\"ן.", "ארה\"ב"),
        ("נציגי ארה\"ב ורוסיה נפגשו, אמר ראש אמ\"ן.", "אמ\"ן"),
        ("נציגי ארה״ב נפגשו עם ראש אמ״ן.", "ארה״ב"),
        ("הוא אמר 'נפגשתי עם ג'ונסון' ויצא.", "ג'ונסון"),
    ];
    for (text, name) in cases {
        let got = entities(text);
        let names: Vec<&str> = got.iter().map(|e| e.1.as_str()).collect();
        assert!(names.contains(&name), "{text}: {names:?}");
    }
}
