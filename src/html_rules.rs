//! Which parts of a page are prose tagit may annotate: the rules shared by the browser's walk
//! (`web::walk`, over the live DOM) and the CLI's `tagit annotate --html` (over the page's
//! source, at publish time). One copy, so the two cannot drift: a page annotated ahead must get
//! the marks the browser would have made.

/// Elements whose text is not prose, or not ours to touch, as a CSS selector list: code, form
/// controls, editors, embedded documents, opt-outs, and anything that looks like one of
/// tagit's marks. The CLI reads this same list (each item a tag name, `[attribute]` or
/// `tag[attribute]`), so keep to those three forms.
pub const SKIP: &str = "script,style,noscript,template,textarea,input,select,option,\
button,code,pre,kbd,samp,svg,math,iframe,object,embed,canvas,video,audio,head,title,\
[contenteditable],[data-tagit-skip],mark[data-tagit-id]";

/// Elements that flow inside a line of text. Anything else (including unknown and custom
/// elements) ends a run: joining text across a real boundary could invent an entity
/// ("…Tel" | "Aviv…"), while a missed boundary only loses a rare cross-element match.
pub const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font",
    "i", "ins", "label", "mark", "nobr", "q", "s", "small", "span", "strike", "strong", "sub",
    "sup", "time", "tt", "u", "var", "wbr",
];

/// True for elements (by lower-case local name) that do not break a run.
pub fn is_inline(local_name: &str) -> bool {
    INLINE.contains(&local_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_items_are_tags_or_attributes() {
        for item in SKIP.split(',') {
            let (tag, attr) = match item.split_once('[') {
                Some((tag, rest)) => (tag, rest.strip_suffix(']').expect(item)),
                None => (item, ""),
            };
            let name = |s: &str| s.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            assert!(name(tag) && name(attr) && !item.is_empty(), "{item:?}");
        }
    }

    #[test]
    fn inline_or_block() {
        assert!(is_inline("b") && is_inline("wbr") && is_inline("mark"));
        assert!(!is_inline("p") && !is_inline("br") && !is_inline("my-widget"));
    }
}
