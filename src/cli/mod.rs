//! Command-line interface: flags, inputs, outputs. No cleaning logic lives here.

mod agencies;
mod batch;
mod clean;
mod credit;
mod eval;
mod input;
mod output;
mod progress;
mod stream;
mod summary;
mod walk;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::sync::Arc;

/// Exit code when every input was processed.
pub const EXIT_OK: i32 = 0;
/// Exit code when some inputs failed (they are listed on stderr).
pub const EXIT_SOME_FAILED: i32 = 1;
/// Exit code for usage errors.
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser)]
#[command(
    name = "capsift",
    version,
    about = "Separate photo captions, credits and source notes from scraped article text",
    long_about = "capsift cleans scraped news articles: it separates the body text from photo \
captions, photo credits and source notes in any language, and parses every credit into \
creators, agencies, via, pool, handout and file-photo flags.",
    after_help = "Examples:\n  capsift clean article.txt\n  capsift clean article.txt --format json\n  \
cat article.txt | capsift clean -\n  capsift credit \"(Yuri Kadobnov/Pool Photo via AP, File)\"\n  capsift agencies"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean articles: files to stdout, a tree into --out, or a JSON Lines stream.
    Clean(clean::Args),
    /// Parse one caption or credit and print it as JSON.
    Credit(credit::Args),
    /// Print the agency table.
    Agencies(agencies::Args),
    /// Measure caption separation against a labelled corpus.
    Eval(eval::Args),
}

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Clean(a) => clean::run(a),
        Command::Credit(a) => credit::run(a),
        Command::Agencies(a) => agencies::run(a),
        Command::Eval(a) => eval::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("capsift: {e:#}");
            if e.downcast_ref::<UsageError>().is_some() {
                EXIT_USAGE
            } else {
                EXIT_SOME_FAILED
            }
        }
    }
}

/// A mistake in how capsift was called.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Loads `--agencies FILE` on top of the built-in table.
pub fn load_table(path: Option<&PathBuf>) -> anyhow::Result<Option<Arc<capsift::AgencyTable>>> {
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(path)
        .map_err(|e| UsageError(format!("{}: cannot read agency table: {e}", path.display())))?;
    let extra = capsift::AgencyTable::from_tsv(&text).map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
    let mut rows = capsift::AgencyTable::builtin().agencies().to_vec();
    rows.extend(extra.agencies().iter().cloned());
    Ok(Some(Arc::new(capsift::AgencyTable::from_agencies(rows))))
}

/// Writes to stdout, treating a closed pipe (`| head`) as a normal end.
pub fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(EXIT_OK),
        r => Ok(r?),
    }
}
