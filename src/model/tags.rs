//! The BIOES tag set over the nine entity labels, and which tag may follow which.
//!
//! Tag 0 is `O`; label `l` (its index in [`ENTITY_LABELS`]) owns tags `1 + 4l ..= 4 + 4l`
//! for `B I E S`. Viterbi forbids the transitions that would produce a broken mention
//! (`O → I`, `B-PER → E-ORG`, …), so every decoded path is a valid set of mentions.

use crate::span::Label;

/// The labels the model predicts, in tag order. Dates are the date engine's job.
pub const ENTITY_LABELS: [Label; 9] = match Label::ALL.first_chunk::<9>() {
    // The entity labels lead `Label::ALL`; DATE and TIME follow them.
    Some(entities) => *entities,
    None => unreachable!(),
};

/// Number of tags: `O` plus `B I E S` for each label.
pub const NUM_TAGS: usize = 1 + 4 * ENTITY_LABELS.len();

/// The `O` tag.
pub const O: u8 = 0;

/// Position of a tag inside a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Outside any mention.
    O,
    /// First token of a multi-token mention.
    B,
    /// Inner token.
    I,
    /// Last token of a multi-token mention.
    E,
    /// A one-token mention.
    S,
}

/// The tag for `part` of a mention of label index `label` (ignored for `O`).
pub fn tag(part: Part, label: usize) -> u8 {
    let base = 1 + 4 * label as u8;
    match part {
        Part::O => O,
        Part::B => base,
        Part::I => base + 1,
        Part::E => base + 2,
        Part::S => base + 3,
    }
}

/// Splits a tag into its part and label index (label 0 for `O`).
pub fn split(tag: u8) -> (Part, usize) {
    if tag == O {
        return (Part::O, 0);
    }
    let t = tag - 1;
    let part = match t % 4 {
        0 => Part::B,
        1 => Part::I,
        2 => Part::E,
        _ => Part::S,
    };
    (part, (t / 4) as usize)
}

/// The label index of `label` among [`ENTITY_LABELS`], if the model predicts it.
pub fn label_index(label: Label) -> Option<usize> {
    ENTITY_LABELS.iter().position(|&l| l == label)
}

/// True when tag `to` may follow tag `from`.
pub fn allowed(from: u8, to: u8) -> bool {
    let (fp, fl) = split(from);
    let (tp, tl) = split(to);
    let inside = matches!(fp, Part::B | Part::I);
    match tp {
        Part::I | Part::E => inside && fl == tl,
        _ => !inside,
    }
}

/// True when a sentence may start with `tag`.
pub fn allowed_start(tag: u8) -> bool {
    matches!(split(tag).0, Part::O | Part::B | Part::S)
}

/// True when a sentence may end with `tag`.
pub fn allowed_end(tag: u8) -> bool {
    matches!(split(tag).0, Part::O | Part::E | Part::S)
}

/// Encodes mentions `(start, end_exclusive, label index)` over `n` tokens as BIOES tags.
pub fn encode(n: usize, mentions: &[(usize, usize, usize)], out: &mut Vec<u8>) {
    out.clear();
    out.resize(n, O);
    for &(s, e, l) in mentions {
        if e <= s || e > n {
            continue;
        }
        if e - s == 1 {
            out[s] = tag(Part::S, l);
        } else {
            out[s] = tag(Part::B, l);
            for t in &mut out[s + 1..e - 1] {
                *t = tag(Part::I, l);
            }
            out[e - 1] = tag(Part::E, l);
        }
    }
}

/// Decodes a legal tag sequence into mentions `(start, end_exclusive, label index)`.
pub fn decode(tags: &[u8], out: &mut Vec<(usize, usize, usize)>) {
    out.clear();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            (Part::S, l) => {
                out.push((i, i + 1, l));
                open = None;
            }
            (Part::B, l) => open = Some((i, l)),
            (Part::E, l) => {
                if let Some((s, ol)) = open.take()
                    && ol == l
                {
                    out.push((s, i + 1, l));
                }
            }
            (Part::I, _) => {}
            (Part::O, _) => open = None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mentions = vec![(0, 2, 0), (3, 4, 2), (5, 8, 1)];
        let mut tags = Vec::new();
        encode(9, &mentions, &mut tags);
        let mut back = Vec::new();
        decode(&tags, &mut back);
        assert_eq!(back, mentions);
    }

    #[test]
    fn transitions() {
        let cases = [
            ("O→I", O, tag(Part::I, 0), false),
            ("O→B", O, tag(Part::B, 0), true),
            ("B→E same", tag(Part::B, 1), tag(Part::E, 1), true),
            ("B→E other", tag(Part::B, 1), tag(Part::E, 2), false),
            ("B→O", tag(Part::B, 1), O, false),
            ("E→S", tag(Part::E, 1), tag(Part::S, 3), true),
            ("S→I", tag(Part::S, 1), tag(Part::I, 1), false),
        ];
        for (name, a, b, want) in cases {
            assert_eq!(allowed(a, b), want, "{name}");
        }
    }
}
