//! `Annotator::annotate` on any bytes (as UTF-8-lossy text) with any options.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use tagit::Annotator;
use tagit_fuzz::Target;

static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| Target::Annotate.annotator());

fuzz_target!(|data: &[u8]| Target::Annotate.run(&ANNOTATOR, data));
