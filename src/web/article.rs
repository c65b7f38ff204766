//! `TagitArticle`: an article annotated block by block with the evidence of the whole.
//!
//! The widget annotates a page a block at a time, yielding between blocks, so no task is
//! long. The core's document-level evidence ([`crate::article`]) needs the whole article,
//! so a `TagitArticle` first reads every block's text (`read`, cheap: the same walk
//! `annotateElement` does), then learns from the texts a piece at a time (`learn`, one
//! piece of one round per call, no DOM access), then annotates each block with what it
//! learned (`annotateElement`). The spans are then the ones the CLI finds in the article's
//! text. Every method is safe on publishers' pages: none throws.

use super::{Summary, annotate_element_joined, guard, joined_text, options, walk};
use crate::{DocContext, Options};
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// An article annotated block by block with document-level context.
#[wasm_bindgen(js_name = TagitArticle)]
pub struct Article {
    options: Result<Options, String>,
    /// The blocks' texts read so far, in document order; dropped once learned.
    texts: Vec<String>,
    ctx: DocContext,
    /// The learning round under way and the next text it takes.
    round: usize,
    next: usize,
}

#[wasm_bindgen(js_class = TagitArticle)]
impl Article {
    /// A new article with `TagitOptions`. Never throws: invalid options are reported by
    /// each `annotateElement` call's summary, as `annotateElement` reports them.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "TagitOptions")] options: JsValue,
    ) -> Article {
        Article {
            options: guard::run(|| options::parse(&options)).and_then(|parsed| parsed),
            texts: Vec::new(),
            ctx: DocContext::new(),
            round: 0,
            next: 0,
        }
    }

    /// Reads the prose under `block` as `annotateElement` would see it. Call it for every
    /// block of the article, in document order, before `learn`. Returns the number of
    /// characters (UTF-8 bytes) read; never throws (a failure, or invalid constructor
    /// options, reads nothing: no learning is spent on an article that cannot be annotated).
    pub fn read(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Element")] block: JsValue,
    ) -> u32 {
        if self.options.is_err() {
            return 0;
        }
        let Some(node) = super::as_node(&block, None) else {
            return 0;
        };
        let text = guard::run(|| {
            walk::collect_for(node, walk::Purpose::Read)
                .map(|runs| joined_text(&runs).0)
                .unwrap_or_default()
        })
        .unwrap_or_default();
        let n = text.len() as u32;
        if !text.is_empty() {
            self.texts.push(text);
        }
        n
    }

    /// Adds a plain text (one block of the article) to what `learn` learns from: for
    /// callers that annotate texts, not elements (the Highlight-API painter). Never throws.
    #[wasm_bindgen(js_name = addText)]
    pub fn add_text(&mut self, text: &str) {
        if self.options.is_ok() && !text.trim().is_empty() {
            self.texts.push(text.to_owned());
        }
    }

    /// One step of learning: one block's text through one round. Returns `true` while
    /// steps remain, so a caller can loop with a time budget and yield between steps.
    /// Never throws (a failed step is skipped: that block may then teach nothing, or only
    /// part of what it would).
    pub fn learn(&mut self) -> bool {
        let rounds = super::ANNOTATOR.with(|a| a.rounds());
        while self.round < rounds {
            if let Some(text) = self.texts.get(self.next) {
                let (round, ctx) = (self.round, &mut self.ctx);
                let _ = guard::run(|| super::ANNOTATOR.with(|a| a.learn(round, text, ctx)));
                self.next += 1;
                return true;
            }
            self.round += 1;
            self.next = 0;
        }
        self.texts = Vec::new();
        false
    }

    /// `annotate(text, options)` with the article's context: the mentions in `text` (one
    /// block of the article), sorted, with UTF-16 offsets. Throws, like `annotate`, when the
    /// options given to the constructor were invalid or the core failed.
    #[wasm_bindgen(unchecked_return_type = "TagitSpan[]")]
    pub fn annotate(&self, text: &str) -> Result<JsValue, JsValue> {
        let options = self.options.as_ref().map_err(|e| super::js_error(e))?;
        let spans =
            guard::run(|| super::ANNOTATOR.with(|a| a.annotate_in(text, options, &self.ctx)))
                .map_err(|e| super::js_error(&e))?;
        Ok(super::spans_to_js(text, &spans).into())
    }

    /// The mentions `annotateElement(root)` would wrap, without changing the page: the
    /// `TagitSpan`s in document order, offsets in UTF-16 units of the element's text as
    /// tagit reads it (its blocks joined by newlines). Lets a caller index a long article
    /// while wrapping only what the reader is near. Never throws: a failure, invalid
    /// options or a block already annotated give an empty array.
    #[wasm_bindgen(unchecked_return_type = "TagitSpan[]")]
    pub fn scan(&self, #[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue) -> JsValue {
        let Ok(options) = &self.options else {
            return Array::new().into();
        };
        let found = guard::run(|| {
            super::scan(&root, &mut |text| {
                super::ANNOTATOR.with(|a| a.annotate_in(text, options, &self.ctx))
            })
        });
        match found {
            Ok(Ok((text, spans))) => super::spans_to_js(&text, &spans).into(),
            _ => Array::new().into(),
        }
    }

    /// `annotateElement(root, options)` with the article's context: wraps the entities and
    /// dates under `root` (one block, or any element) and returns a `TagitSummary`. Never
    /// throws.
    #[wasm_bindgen(js_name = annotateElement, unchecked_return_type = "TagitSummary")]
    pub fn annotate_element(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue,
    ) -> JsValue {
        let summary = match &self.options {
            Ok(options) => annotate_element_joined(&root, &mut |text| {
                super::ANNOTATOR.with(|a| a.annotate_in(text, options, &self.ctx))
            }),
            Err(e) => Summary::failed(e.clone()),
        };
        summary.to_js()
    }
}
