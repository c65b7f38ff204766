//! Browser tests: what `annotateElement` marks does not depend on how the page cut its text
//! into nodes. For texts of news prose (and hostile characters), many random cuts into text
//! nodes, nested inline elements, comments, `<wbr>` and empty text nodes all give exactly
//! the entities `annotate(text)` gives for the plain string, at the same places, with the
//! real annotator; and clearing restores each cut exactly.
#![cfg(target_arch = "wasm32")]

mod web_common;

use tagit::offsets::{self, Unit};
use tagit::{Annotator, Options};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_common::*;
use web_sys::{Element, Node};

wasm_bindgen_test_configure!(run_in_browser);

const TEXTS: &[&str] = &[
    "הנשיא ולדימיר פוטין נפגש במוסקבה עם סשה טרופנוב ב-7 באוקטובר 2024",
    "ראש הממשלה בנימין נתניהו הודיע בירושלים כי צה\"ל יפעל בעזה עד 14:30 ביום שלישי",
    "👋🏽 מֹשֶׁה כֹּהֵן\u{200F} ביקר בתל אביב ובחיפה בנובמבר 2023 🇮🇱 עם John Smith",
    "ב-2024 דיווח ארגון הבריאות העולמי על 5,000 מקרים (6.6%) בארה״ב ובאירופה, ב־7.10.2023",
    "محمود عباس נפגש עם ג'ו ביידן בוושינגטון בשנת 2006\u{00A0}ובקהיר",
];

/// Inline elements a cut piece may be wrapped in.
const INLINE: &[&str] = &["b", "i", "a", "span", "em", "strong", "u", "small"];

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `(label, start, end)` in UTF-16 units of `text`, as `annotate` reports them.
fn expected(annotator: &Annotator, text: &str) -> Vec<(String, usize, usize)> {
    let spans = annotator.annotate(text, &Options::default());
    let bounds: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    let units = offsets::bytes_to(text, &bounds, Unit::Utf16);
    spans
        .iter()
        .zip(units.chunks_exact(2))
        .map(|(s, u)| (s.label.as_str().to_string(), u[0], u[1]))
        .collect()
}

/// A `<p>` holding `text` cut at random char boundaries into pieces of random shape.
fn cut(text: &str, rng: &mut Rng) -> Element {
    let doc = document();
    let p = doc.create_element("p").unwrap();
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
    let mut cuts: Vec<usize> = (0..rng.below(12))
        .map(|_| bounds[rng.below(bounds.len())])
        .collect();
    cuts.push(0);
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let piece = &text[w[0]..w[1]];
        let node: Node = doc.create_text_node(piece).into();
        let node = match rng.below(4) {
            0 | 1 => node,
            _ => {
                // One or two levels of inline markup around the piece.
                let mut inner = node;
                for _ in 0..=rng.below(2) {
                    let el = doc.create_element(INLINE[rng.below(INLINE.len())]).unwrap();
                    el.append_child(&inner).unwrap();
                    inner = el.into();
                }
                inner
            }
        };
        p.append_child(&node).unwrap();
        match rng.below(6) {
            0 => drop(p.append_child(&doc.create_comment(" ad ")).unwrap()),
            1 => drop(p.append_child(&doc.create_text_node("")).unwrap()),
            2 => drop(p.append_child(&doc.create_element("wbr").unwrap()).unwrap()),
            _ => {}
        }
    }
    p
}

/// `(label, start, end)` of each entity marked under `p`, in UTF-16 units of its text.
fn marked(p: &Element) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, String, usize, usize)> = Vec::new();
    let mut at = 0;
    for t in text_nodes(p) {
        let len = t.length() as usize;
        let mark = t
            .parent_element()
            .filter(|m| m.has_attribute("data-tagit-id"));
        if let Some(m) = mark {
            let id = m.get_attribute("data-tagit-id").unwrap();
            match out.iter_mut().find(|e| e.1 == id) {
                Some(e) => {
                    assert_eq!(e.3, at, "pieces of one entity are contiguous");
                    e.3 = at + len;
                }
                None => out.push((
                    m.get_attribute("data-tagit-label").unwrap(),
                    id,
                    at,
                    at + len,
                )),
            }
        }
        at += len;
    }
    out.into_iter().map(|(l, _, s, e)| (l, s, e)).collect()
}

#[wasm_bindgen_test]
fn any_cut_gives_the_same_entities() {
    let annotator = Annotator::default();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for text in TEXTS {
        let want = expected(&annotator, text);
        assert!(
            !want.is_empty(),
            "the real annotator finds something in {text}"
        );
        for round in 0..40 {
            let root = fixture("");
            let p = cut(text, &mut rng);
            root.append_child(&p).unwrap();
            let html = root.inner_html();
            let summary = tagit::web::annotate_element(root.clone().into(), JsValue::UNDEFINED);
            let total = js_sys::Reflect::get(&summary, &"total".into())
                .unwrap()
                .as_f64()
                .unwrap();
            let got = marked(&p);
            assert_eq!(got, want, "{text}, cut {round}: {html}");
            assert_eq!(total as usize, want.len());
            tagit::web::clear_annotations(root.clone().into());
            assert_eq!(root.inner_html(), html, "{text}, cut {round}: restored");
            root.remove();
        }
    }
}
