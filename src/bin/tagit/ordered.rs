//! Work on a stream of lines with several threads, answers in input order: what
//! `tagit annotate --jsonl --threads N` runs on.
//!
//! A reader cuts the input into batches of lines, `threads` workers answer batches as they
//! come, and the calling thread writes the answers back in input order (a batch that
//! finishes early waits in a small map). The channels are bounded, so a slow writer slows
//! the reader rather than letting the input pile up in memory: an archive of any size
//! streams through. When the writer stops (its reader went away), the workers and the reader
//! stop too.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

/// Lines per batch: enough to keep a worker busy between two channel operations, few
/// enough that the order buffer stays small.
const BATCH: usize = 64;

/// Reads lines from `input`, answers each non-blank one with `answer(line_number, line)` on
/// `threads` threads, and hands the answers to `write` in input order. `write` returning
/// `false` stops everything early. Returns the error of reading the input, if any.
pub fn run<R, A, T>(
    input: R,
    threads: usize,
    answer: A,
    mut write: impl FnMut(usize, T) -> bool,
) -> Result<(), String>
where
    R: BufRead + Send,
    A: Fn(usize, &str) -> T + Sync,
    T: Send,
{
    let threads = threads.max(1);
    // (batch number, first line number, lines) in; (batch number, answers) out.
    let (batch_tx, batch_rx) = sync_channel::<(usize, usize, Vec<String>)>(threads * 2);
    let batch_rx = Arc::new(Mutex::new(batch_rx));
    let (done_tx, done_rx) = sync_channel::<(usize, Vec<(usize, T)>)>(threads * 2);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_batches(input, |batch| batch_tx.send(batch).is_ok()));
        for _ in 0..threads {
            let (done_tx, batch_rx, answer) = (done_tx.clone(), Arc::clone(&batch_rx), &answer);
            scope.spawn(move || {
                while let Some((seq, first, lines)) = next_batch(&batch_rx) {
                    let answers = lines
                        .iter()
                        .enumerate()
                        .filter(|(_, line)| !line.trim().is_empty())
                        .map(|(k, line)| (first + k, answer(first + k, line)))
                        .collect();
                    if done_tx.send((seq, answers)).is_err() {
                        return;
                    }
                }
            });
        }
        // The workers hold the only receivers of batches: when they are all done (or all
        // stopped), the reader's next send fails and it stops as well.
        drop(batch_rx);
        drop(done_tx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        'write: for (seq, answers) in done_rx.iter() {
            pending.insert(seq, answers);
            while let Some(answers) = pending.remove(&next) {
                next += 1;
                for (line, t) in answers {
                    if !write(line, t) {
                        break 'write;
                    }
                }
            }
        }
        drop(done_rx);
        reader
            .join()
            .unwrap_or_else(|_| Err("the input reader failed".into()))
    })
}

/// The next batch for a worker, or `None` when the input is done.
fn next_batch<B>(rx: &Mutex<Receiver<B>>) -> Option<B> {
    rx.lock().ok()?.recv().ok()
}

/// Cuts `input` into numbered batches of lines and gives each to `send` until the input
/// ends or `send` refuses one.
fn read_batches(
    input: impl BufRead,
    mut send: impl FnMut((usize, usize, Vec<String>)) -> bool,
) -> Result<(), String> {
    let mut lines = input.lines();
    let (mut seq, mut n) = (0, 0);
    loop {
        let first = n + 1;
        let mut batch = Vec::with_capacity(BATCH);
        for line in lines.by_ref().take(BATCH) {
            n += 1;
            batch.push(line.map_err(|e| format!("reading stdin line {n}: {e}"))?);
        }
        let last = batch.len() < BATCH;
        if batch.is_empty() || !send((seq, first, batch)) || last {
            return Ok(());
        }
        seq += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every thread count gives the same answers in the same order, blank lines skipped,
    /// with their line numbers; stopping early stops.
    #[test]
    fn answers_come_back_in_order() {
        let input: String = (1..=1000)
            .map(|i| {
                if i % 7 == 0 {
                    "\n".to_string()
                } else {
                    format!("{i}\n")
                }
            })
            .collect();
        let mut want = Vec::new();
        for threads in [1, 2, 8] {
            let mut got = Vec::new();
            run(
                input.as_bytes(),
                threads,
                |n, l| (n, l.len()),
                |n, t| {
                    got.push((n, t));
                    true
                },
            )
            .unwrap();
            if threads == 1 {
                want = got.clone();
                assert_eq!(got.len(), 1000 - 1000 / 7);
                assert!(got.iter().all(|&(n, (m, _))| n == m && n % 7 != 0));
            }
            assert_eq!(got, want, "{threads} threads");
        }
        let mut seen = 0;
        run(
            input.as_bytes(),
            4,
            |_, l| l.len(),
            |_, _| {
                seen += 1;
                seen < 10
            },
        )
        .unwrap();
        assert_eq!(seen, 10);
    }
}
