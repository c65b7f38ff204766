//! `tagit._tagit`: the native half of the `tagit` Python package (see `tagit/__init__.py`).
//!
//! Every entry point turns its Python arguments into a `tagit::Options` with the messages
//! the CLI gives (a bad date, an unknown label), then annotates with the GIL released, so
//! other Python threads run meanwhile and `annotate_many` can spread texts over OS threads.
//! Spans come back as dicts with Unicode code-point offsets (Python's string indices), the
//! CLI's `--jsonl` fields: `start`, `end`, `label`, `text`, `value`, and `canonical`, `link`,
//! `entity_id` on a span that a dictionary entry or the knowledge list names.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PyString};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use tagit::offsets::{self, Unit};
use tagit::{Annotator, CivilDate, DocContext, Label, LabelSet, Options, Span};

/// One annotator for the process: the embedded model is loaded once, on first use, and
/// shared by every call and thread (`Annotator` is `Sync`).
static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(Annotator::default);

/// A span ready for Python: code-point offsets, owned strings. Built without the GIL.
struct Found {
    start: usize,
    end: usize,
    label: &'static str,
    text: String,
    value: Option<String>,
    entity: Option<Arc<tagit::Entity>>,
}

/// `spans` of `text` with code-point offsets (one pass over the text for all of them).
fn found(text: &str, spans: Vec<Span>) -> Vec<Found> {
    let cps = offsets::span_bounds(text, &spans, Unit::CodePoint);
    spans
        .into_iter()
        .zip(cps)
        .map(|(s, (start, end))| Found {
            start,
            end,
            label: s.label.as_str(),
            text: s.text,
            value: s.value,
            entity: s.entity,
        })
        .collect()
}

fn to_py<'py>(py: Python<'py>, spans: Vec<Found>) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for s in spans {
        let d = PyDict::new(py);
        d.set_item("start", s.start)?;
        d.set_item("end", s.end)?;
        d.set_item("label", s.label)?;
        d.set_item("text", s.text)?;
        d.set_item("value", s.value)?;
        if let Some(e) = &s.entity {
            d.set_item("canonical", &e.canonical)?;
            d.set_item("link", &e.link)?;
            d.set_item("entity_id", &e.id)?;
        }
        out.append(d)?;
    }
    Ok(out)
}

/// The options of a call, checked with the CLI's messages (the parameter's name first).
fn options(
    dct: Option<&str>,
    labels: Option<&Bound<'_, PyAny>>,
    min_confidence: f64,
    dictionary: Option<&Dictionary>,
) -> PyResult<Options> {
    let mut options = Options::default();
    if let Some(d) = dct {
        options.document_date = Some(
            d.parse::<CivilDate>()
                .map_err(|e| PyValueError::new_err(format!("dct: {e}")))?,
        );
    }
    if let Some(labels) = labels {
        // A list of names, or the CLI's comma-separated string.
        let names: Vec<String> = if let Ok(s) = labels.cast::<PyString>() {
            s.to_str()?.split(',').map(str::to_owned).collect()
        } else {
            labels.extract().map_err(|_| {
                let kind = labels
                    .get_type()
                    .name()
                    .map_or("?".into(), |n| n.to_string());
                PyTypeError::new_err(format!(
                    "labels must be a list of label names like [\"PER\", \"DATE\"], got {kind}"
                ))
            })?
        };
        options.labels = names
            .iter()
            .map(|l| l.parse::<Label>())
            .collect::<Result<LabelSet, _>>()
            .map_err(|e| PyValueError::new_err(format!("labels: {e}")))?;
    }
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(PyValueError::new_err(format!(
            "min_confidence must be a number between 0 and 1, got {min_confidence}"
        )));
    }
    options.min_confidence = min_confidence as f32;
    options.dictionary = dictionary.map(|d| d.inner.clone());
    Ok(options)
}

/// Finds the named entities and dates in ``text``.
///
/// Returns the spans, sorted and disjoint, as dicts ``{"start", "end", "label", "text",
/// "value"}`` with code-point offsets (``text[start:end] == span["text"]``), plus
/// ``"canonical"``, ``"link"`` and ``"entity_id"`` on a span that a dictionary entry or
/// tagit's knowledge list names. ``dct`` is the document's date (``"YYYY-MM-DD"``),
/// ``labels`` the labels to keep, ``min_confidence`` the lowest confidence kept (0 to 1),
/// ``dictionary`` a :class:`Dictionary`. The GIL is released while annotating.
#[pyfunction]
#[pyo3(signature = (text, dct=None, labels=None, min_confidence=0.0, dictionary=None))]
fn annotate<'py>(
    py: Python<'py>,
    text: PyBackedStr,
    dct: Option<&str>,
    labels: Option<Bound<'_, PyAny>>,
    min_confidence: f64,
    dictionary: Option<PyRef<'py, Dictionary>>,
) -> PyResult<Bound<'py, PyList>> {
    let options = options(dct, labels.as_ref(), min_confidence, dictionary.as_deref())?;
    let spans = py.detach(|| found(&text, ANNOTATOR.annotate(&text, &options)));
    to_py(py, spans)
}

/// ``[annotate(t, ...) for t in texts]`` on ``threads`` OS threads (default: one per core).
///
/// The GIL is released while annotating. The answers are in the input's order and the same
/// as ``annotate``'s at any thread count. Each text is annotated on its own: for the pieces
/// of one document, use :class:`Article`.
#[pyfunction]
#[pyo3(signature = (texts, threads=None, *, dct=None, labels=None, min_confidence=0.0, dictionary=None))]
fn annotate_many<'py>(
    py: Python<'py>,
    texts: Vec<PyBackedStr>,
    threads: Option<usize>,
    dct: Option<&str>,
    labels: Option<Bound<'_, PyAny>>,
    min_confidence: f64,
    dictionary: Option<PyRef<'py, Dictionary>>,
) -> PyResult<Bound<'py, PyList>> {
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads: give at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let options = options(dct, labels.as_ref(), min_confidence, dictionary.as_deref())?;
    let results = py.detach(|| in_threads(&texts, threads, &options));
    let out = PyList::empty(py);
    for spans in results {
        out.append(to_py(py, spans)?)?;
    }
    Ok(out)
}

/// Annotates `texts` on up to `threads` scoped threads, each taking the next text not yet
/// taken (texts differ in length, so fixed shares would leave threads idle); the answers
/// are put back in input order.
fn in_threads(texts: &[PyBackedStr], threads: usize, options: &Options) -> Vec<Vec<Found>> {
    let one = |t: &PyBackedStr| found(t, ANNOTATOR.annotate(t, options));
    let workers = threads.min(texts.len());
    if workers <= 1 {
        return texts.iter().map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Vec<Found>>> = Vec::new();
    slots.resize_with(texts.len(), || None);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(t) = texts.get(i) else { break };
                        done.push((i, one(t)));
                    }
                    done
                })
            })
            .collect();
        for h in handles {
            // A worker's panic (a bug in the core) is re-raised here, and pyo3 turns it
            // into a Python `PanicException`.
            let done = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            for (i, spans) in done {
                slots[i] = Some(spans);
            }
        }
    });
    slots
        .into_iter()
        .map(|s| s.expect("every text annotated"))
        .collect()
}

/// A site dictionary, compiled once and applied by any number of calls (``dictionary=``).
///
/// ``json`` is the dictionary's JSON text, or the same as a dict (``{"entries": [...]}``) or
/// a list of entries, serialised with :mod:`json` first. The format is tagit's
/// (docs/dictionary.md): each entry has ``text`` (and ``variants``), ``label``, and
/// optionally ``canonical``, ``link``, ``id``, ``ignore``, ``context``. ``size`` is the
/// number of entries; ``warnings`` lists what was accepted but looks like a mistake (a form
/// given twice). An invalid dictionary raises ``ValueError`` (``dictionary: ...``, the
/// CLI's message).
#[pyclass(frozen, module = "tagit")]
struct Dictionary {
    inner: Arc<tagit::Dictionary>,
}

#[pymethods]
impl Dictionary {
    #[new]
    fn new(py: Python<'_>, json: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text: String = if let Ok(s) = json.cast::<PyString>() {
            s.to_str()?.to_owned()
        } else if json.is_instance_of::<PyDict>() || json.is_instance_of::<PyList>() {
            py.import("json")?
                .call_method1("dumps", (json,))?
                .extract()?
        } else {
            return Err(PyTypeError::new_err(format!(
                "Dictionary() takes a JSON string, a dict or a list, got {}",
                json.get_type().name()?
            )));
        };
        let compiled = py.detach(|| tagit::Dictionary::from_json(&text));
        match compiled {
            Ok(d) => Ok(Dictionary { inner: Arc::new(d) }),
            Err(e) => Err(PyValueError::new_err(e.to_string())),
        }
    }

    /// The number of entries (suppressed labels included).
    #[getter]
    fn size(&self) -> usize {
        self.inner.len()
    }

    /// What was accepted but looks like a mistake (forms given twice), a line each.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner.warnings().to_vec()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("<tagit.Dictionary: {} entries>", self.inner.len())
    }
}

/// An article read in pieces and annotated with the evidence of the whole.
///
/// ``add(text)`` each piece (a paragraph, say) in document order, then ``annotate(piece)``
/// each: a bare surname paragraphs after the full name is found as it is in the whole
/// article, and the spans are the ones ``annotate`` finds in the pieces joined a line each,
/// with offsets into the piece. The learning rounds run once, on the first ``annotate``
/// after ``add``s (a piece added later makes the next ``annotate`` learn again from all of
/// them). Blank pieces are skipped; ``len(article)`` is the number of pieces kept.
#[pyclass(module = "tagit")]
struct Article {
    options: Options,
    /// Every piece added, in order (kept: a piece added after learning means learning
    /// again from all of them).
    texts: Vec<String>,
    ctx: DocContext,
    /// How many of `texts` the context was learned from.
    learned: usize,
}

#[pymethods]
impl Article {
    #[new]
    #[pyo3(signature = (dct=None, labels=None, min_confidence=0.0, dictionary=None))]
    fn new(
        dct: Option<&str>,
        labels: Option<Bound<'_, PyAny>>,
        min_confidence: f64,
        dictionary: Option<PyRef<'_, Dictionary>>,
    ) -> PyResult<Self> {
        Ok(Article {
            options: options(dct, labels.as_ref(), min_confidence, dictionary.as_deref())?,
            texts: Vec::new(),
            ctx: DocContext::new(),
            learned: 0,
        })
    }

    /// Adds one piece of the article (a paragraph, say), in document order.
    fn add(&mut self, text: String) {
        if !text.trim().is_empty() {
            self.texts.push(text);
        }
    }

    /// The spans of `text` (one piece) with the context of every piece added.
    fn annotate<'py>(
        &mut self,
        py: Python<'py>,
        text: PyBackedStr,
    ) -> PyResult<Bound<'py, PyList>> {
        let spans = py.detach(|| {
            if self.learned != self.texts.len() {
                // The rounds' protocol: every piece through round 0, then every piece
                // through round 1, ... (see tagit's src/article.rs). A piece added since
                // the last learning changes every round, so learn again from the start.
                let mut ctx = DocContext::new();
                for round in 0..ANNOTATOR.rounds() {
                    for t in &self.texts {
                        ANNOTATOR.learn(round, t, &mut ctx);
                    }
                }
                self.ctx = ctx;
                self.learned = self.texts.len();
            }
            found(
                &text,
                ANNOTATOR.annotate_in(&text, &self.options, &self.ctx),
            )
        });
        to_py(py, spans)
    }

    /// The number of pieces added.
    fn __len__(&self) -> usize {
        self.texts.len()
    }
}

/// The native module; `tagit/__init__.py` re-exports it with its documentation.
#[pymodule]
fn _tagit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(annotate, m)?)?;
    m.add_function(wrap_pyfunction!(annotate_many, m)?)?;
    m.add_class::<Dictionary>()?;
    m.add_class::<Article>()?;
    let labels: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    m.add("LABELS", pyo3::types::PyTuple::new(m.py(), labels)?)?;
    Ok(())
}
