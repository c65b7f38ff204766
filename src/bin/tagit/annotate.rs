//! `tagit annotate`: annotate text from stdin.
//!
//! The `--jsonl` contract is used by outside evaluation, so it is kept stable: one JSON
//! object per input line, `{"id", "text", "dct"?}`, answered by one line per input in the
//! same order, `{"id", "entities": [{"start", "end", "label", "text", "value"}]}` with
//! offsets in Unicode code points (plus `"canonical"`, `"link"` and `"entityId"` on a span that
//! a dictionary entry or the knowledge list names). A malformed line is answered with `{"id", "error"}`,
//! reported on stderr with its line number, and does not stop the others. `--threads N`
//! spreads the lines over N threads (see `ordered.rs`); the output is the same.
//!
//! `--html` reads a page and writes it back with the marks the browser would make
//! (`html/`, `docs/publish-time.md`).

use crate::args::Args;
use serde_json::{Value, json};
use std::io::{self, BufWriter, Read, Write};
use tagit::offsets::{self, Unit};
use tagit::{Annotator, CivilDate, Dictionary, Label, LabelSet, Options, Span};

const HELP: &str = "usage: tagit annotate [--jsonl [--threads N]] [--dct YYYY-MM-DD] [--labels PER,ORG,...] [--min-confidence X] [--model FILE] [--dictionary FILE]
       tagit annotate --html [--target SELECTOR] [same options] < page.html > annotated.html

Reads stdin. With --jsonl, each line is {\"id\": ..., \"text\": \"...\", \"dct\": \"YYYY-MM-DD\"}
(dct optional, overrides --dct) and each output line is
{\"id\": ..., \"entities\": [{\"start\", \"end\", \"label\", \"text\", \"value\"}]}.
Without --jsonl, the whole input is one text and each span is printed as
start<TAB>end<TAB>label<TAB>text<TAB>value. Offsets are Unicode code points, end exclusive.
A span that a dictionary entry or tagit's knowledge list names also has \"canonical\",
\"link\" (or null) and \"entityId\" (the entry's id, or null) in the JSON.
--model FILE annotates with a trained model file instead of the embedded one.
--dictionary FILE applies a site dictionary (JSON, see docs/dictionary.md).
--threads N annotates JSONL lines on N threads (default: one per core); the output keeps the
input's order and streams (memory stays small whatever the input's size).
--html reads an HTML page (UTF-8) and writes it with the <mark>s the browser's annotateElement
would make under the root: --target SELECTOR (the first element matching it), else the first
[itemprop~=articleBody], else <article>, else <body>. All other bytes are kept as they were;
the root gets data-tagit-ahead, the digest the browser checks before adopting the marks.";

/// Runs `tagit annotate`.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut jsonl = false;
    let mut html = false;
    let mut target: Option<String> = None;
    let mut model: Option<std::path::PathBuf> = None;
    let mut dictionary: Option<std::path::PathBuf> = None;
    // One worker per core by default: annotating is CPU work, and lines are independent.
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut options = Options::default();
    let mut args = Args::new(args, HELP);
    while let Some(flag) = args.next_flag() {
        match flag {
            "--jsonl" => jsonl = true,
            "--html" => html = true,
            "--target" => target = Some(args.value()?),
            "--model" => model = Some(args.value()?.into()),
            "--dictionary" => dictionary = Some(args.value()?.into()),
            "--threads" => {
                threads = args.parse()?;
                if threads == 0 {
                    return Err("--threads: give at least 1".into());
                }
            }
            "--dct" => options.document_date = Some(args.parse()?),
            "--labels" => {
                options.labels = args
                    .value()?
                    .split(',')
                    .map(str::parse::<Label>)
                    .collect::<Result<LabelSet, _>>()
                    .map_err(|e| format!("--labels: {e}"))?
            }
            "--min-confidence" => {
                let v = args.value()?;
                options.min_confidence = v
                    .parse()
                    .map_err(|_| format!("--min-confidence: not a number: {v:?}"))?
            }
            other => return args.help_or_unknown(other),
        }
    }
    if html && jsonl {
        return Err("--html and --jsonl do not go together".into());
    }
    if target.is_some() && !html {
        return Err("--target needs --html".into());
    }
    let mut annotator = match model {
        Some(p) => Annotator::around(crate::args::model_file(&p)?),
        None => Annotator::default(),
    };
    if let Some(path) = dictionary {
        annotator = annotator.with_dictionary(load_dictionary(&path)?);
    }
    if html {
        return annotate_html(&annotator, target.as_deref(), &options);
    }
    match annotate_stdin(&annotator, jsonl, threads, &options) {
        Ok(()) | Err(Stop::ReaderGone) => Ok(()),
        Err(Stop::Failed(message)) => Err(message),
    }
}

/// Reads and compiles the dictionary at `path`; its warnings go to stderr.
pub fn load_dictionary(path: &std::path::Path) -> Result<Dictionary, String> {
    let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let dictionary =
        Dictionary::from_json(&json).map_err(|e| format!("{}: {e}", path.display()))?;
    for w in dictionary.warnings() {
        eprintln!("tagit: {}: {w}", path.display());
    }
    Ok(dictionary)
}

/// Annotates the page on stdin onto stdout (`--html`).
fn annotate_html(
    annotator: &Annotator,
    target: Option<&str>,
    options: &Options,
) -> Result<(), String> {
    let mut page = Vec::new();
    io::stdin()
        .read_to_end(&mut page)
        .map_err(|e| format!("reading stdin: {e}"))?;
    let out =
        crate::html::annotate_page(&page, target, &mut |text| annotator.annotate(text, options))?;
    let mut stdout = io::stdout().lock();
    match stdout.write_all(&out).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("writing output: {e}")),
        _ => Ok(()),
    }
}

/// Why annotating stdin stopped early.
enum Stop {
    /// The reader closed its end (`tagit annotate < archive | head`): as Unix filters do, stop
    /// quietly and successfully rather than report a broken pipe.
    ReaderGone,
    /// Anything else, with what to tell the user.
    Failed(String),
}

impl From<String> for Stop {
    fn from(message: String) -> Self {
        Stop::Failed(message)
    }
}

fn write_err(e: io::Error) -> Stop {
    match e.kind() {
        io::ErrorKind::BrokenPipe => Stop::ReaderGone,
        _ => Stop::Failed(format!("writing output: {e}")),
    }
}

/// Annotates stdin (one text, or JSONL) onto stdout.
fn annotate_stdin(
    annotator: &Annotator,
    jsonl: bool,
    threads: usize,
    options: &Options,
) -> Result<(), Stop> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if !jsonl {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("reading stdin: {e}"))?;
        for e in entities(annotator, &text, options) {
            let value = e["value"].as_str().unwrap_or("");
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                e["start"],
                e["end"],
                e["label"].as_str().unwrap_or(""),
                e["text"].as_str().unwrap_or(""),
                value
            )
            .map_err(write_err)?;
        }
        return out.flush().map_err(write_err);
    }
    let mut failed = 0;
    let mut write_error = None;
    crate::ordered::run(
        io::BufReader::new(io::stdin()),
        threads,
        |_, line| annotate_line(annotator, line, options),
        |n, answer| {
            let answer = match answer {
                Ok(answer) => answer,
                Err((id, message)) => {
                    failed += 1;
                    eprintln!("tagit annotate: line {n}: {message}");
                    json!({"id": id, "error": message})
                }
            };
            match writeln!(out, "{answer}") {
                Ok(()) => true,
                Err(e) => {
                    write_error = Some(write_err(e));
                    false
                }
            }
        },
    )?;
    if let Some(e) = write_error {
        return Err(e);
    }
    out.flush().map_err(write_err)?;
    match failed {
        0 => Ok(()),
        n => Err(Stop::Failed(format!(
            "{n} input line(s) could not be annotated (see above)"
        ))),
    }
}

/// Annotates one JSONL input line; on failure returns the line's id (if it had one) and
/// what was wrong.
fn annotate_line(
    annotator: &Annotator,
    line: &str,
    defaults: &Options,
) -> Result<Value, (Value, String)> {
    let input: Value =
        serde_json::from_str(line).map_err(|e| (Value::Null, format!("not valid JSON: {e}")))?;
    let Value::Object(fields) = input else {
        return Err((
            Value::Null,
            "expected a JSON object like {\"id\": \"a\", \"text\": \"...\"}".into(),
        ));
    };
    let id = fields.get("id").cloned().unwrap_or(Value::Null);
    let fail = |m: String| (id.clone(), m);
    let text = match fields.get("text") {
        Some(Value::String(t)) => t,
        Some(_) => return Err(fail("\"text\" must be a string".into())),
        None => return Err(fail("missing \"text\"".into())),
    };
    let mut options = defaults.clone();
    match fields.get("dct") {
        None | Some(Value::Null) => {}
        Some(Value::String(d)) => {
            options.document_date = Some(
                d.parse::<CivilDate>()
                    .map_err(|e| fail(format!("\"dct\": {e}")))?,
            )
        }
        Some(_) => return Err(fail("\"dct\" must be a string YYYY-MM-DD".into())),
    }
    Ok(json!({"id": id, "entities": entities(annotator, text, &options)}))
}

/// The spans of `text` as JSON objects with code-point offsets.
fn entities(annotator: &Annotator, text: &str, options: &Options) -> Vec<Value> {
    let spans = annotator.annotate(text, options);
    let cps = offsets::span_bounds(text, &spans, Unit::CodePoint);
    spans
        .iter()
        .zip(cps)
        .map(|(s, (start, end))| span_json(s, start, end))
        .collect()
}

/// One span as JSON: the stable fields, then the entity's where there is one.
fn span_json(s: &Span, start: usize, end: usize) -> Value {
    let mut v = json!({"start": start, "end": end, "label": s.label.as_str(), "text": s.text, "value": s.value});
    if let (Some(e), Value::Object(fields)) = (&s.entity, &mut v) {
        fields.insert("canonical".into(), e.canonical.clone().into());
        fields.insert("link".into(), e.link.clone().into());
        fields.insert("entityId".into(), e.id.clone().into());
    }
    v
}
