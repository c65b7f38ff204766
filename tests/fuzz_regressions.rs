//! Replays fuzz inputs natively: the committed seeds (`fuzz/seeds/<target>/`) and every
//! input that once crashed a target (`tests/fixtures/fuzz/<target>/`), through exactly the
//! checks the fuzz targets run (`fuzz/src/lib.rs`, included here as a module).
//!
//! When `./build.sh fuzz` finds a crash, copy `fuzz/artifacts/<target>/crash-…` into
//! `tests/fixtures/fuzz/<target>/` under a name that says what it broke, fix the bug, and
//! this test keeps it fixed.

#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

use fuzz_checks::Target;
use std::fs;
use std::path::Path;

fn replay(target: Target, dirs: &[&str]) -> usize {
    let annotator = target.annotator();
    let mut n = 0;
    for dir in dirs {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            if path
                .file_name()
                .is_some_and(|f| f.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            let data = fs::read(&path).unwrap();
            let run = std::panic::AssertUnwindSafe(|| target.run(&annotator, &data));
            let result = std::panic::catch_unwind(run);
            assert!(result.is_ok(), "{target:?} fails on {}", path.display());
            n += 1;
        }
    }
    n
}

#[test]
fn annotate_inputs() {
    let n = replay(
        Target::Annotate,
        &["fuzz/seeds/annotate", "tests/fixtures/fuzz/annotate"],
    );
    assert!(n >= 5, "seeds found: {n}");
}

#[test]
fn dictionary_inputs() {
    let n = replay(
        Target::Dictionary,
        &["fuzz/seeds/dictionary", "tests/fixtures/fuzz/dictionary"],
    );
    assert!(n >= 3, "seeds found: {n}");
}

#[test]
fn dates_inputs() {
    let n = replay(
        Target::Dates,
        &["fuzz/seeds/dates", "tests/fixtures/fuzz/dates"],
    );
    assert!(n >= 5, "seeds found: {n}");
}
