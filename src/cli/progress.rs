//! The progress line on stderr: shown only on a terminal and without `--quiet`.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Counts inputs and bytes as workers finish them.
pub struct Progress {
    bar: ProgressBar,
    done: AtomicU64,
    unit: &'static str,
}

impl Progress {
    /// A progress line counting `unit` (`files`, `records`); hidden when
    /// stderr is not a terminal or with `--quiet`.
    pub fn new(quiet: bool, unit: &'static str) -> Progress {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::new_spinner();
            let style = ProgressStyle::with_template("{spinner} {msg}, {bytes}, {binary_bytes_per_sec}, {elapsed}")
                .expect("the template is valid");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        };
        Progress {
            bar,
            done: AtomicU64::new(0),
            unit,
        }
    }

    /// One input finished (cleaned, skipped or failed) with `bytes` read.
    pub fn done(&self, n: u64, bytes: u64) {
        let total = self.done.fetch_add(n, Ordering::Relaxed) + n;
        self.bar.inc(bytes);
        if !self.bar.is_hidden() {
            self.bar.set_message(format!("{total} {}", self.unit));
        }
    }

    /// Prints a line on stderr without tearing the progress line.
    pub fn eprintln(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// Removes the progress line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
