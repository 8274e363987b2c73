//! Directory mode, `capsift clean DIR… --out OUT`: every selected file is
//! cleaned in parallel into a mirrored tree of `.txt` and `.captions.json`
//! files, and a summary ends the run.

use super::input::Reader;
use super::output::{render_text, sidecar_json, write_atomic};
use super::progress::Progress;
use super::summary::{Failure, Summary, Tally};
use super::walk::{Found, OutPaths, Selection, out_paths};
use super::{EXIT_OK, EXIT_SOME_FAILED, UsageError};
use anyhow::Context;
use rayon::iter::{ParallelBridge, ParallelIterator};
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Everything directory mode needs from the command line.
pub struct Config {
    /// Input directories and files.
    pub inputs: Vec<PathBuf>,
    /// `--out`.
    pub out: PathBuf,
    /// Which files to take from directories.
    pub select: Selection,
    /// `--resume`: skip inputs whose outputs are newer.
    pub resume: bool,
    /// `--summary FILE`.
    pub summary: Option<PathBuf>,
    /// `--quiet`.
    pub quiet: bool,
    /// `--jobs`; all cores when `None`.
    pub jobs: Option<NonZeroUsize>,
    /// How to read and clean each file.
    pub reader: Reader,
}

/// One input and what to do with it, in walk order.
enum Item {
    Clean { input: PathBuf, outputs: OutPaths },
    Symlink,
    Failed(Failure),
}

/// Cleans every input into `--out`; the exit code is 1 when any failed.
pub fn run(cfg: Config) -> anyhow::Result<i32> {
    let start = Instant::now();
    std::fs::create_dir_all(&cfg.out).with_context(|| format!("{}: cannot create --out", cfg.out.display()))?;
    let out_real = std::fs::canonicalize(&cfg.out).with_context(|| format!("{}: cannot read", cfg.out.display()))?;
    let roots = plan_roots(&cfg.inputs, &out_real)?;
    let progress = Progress::new(cfg.quiet, "files");
    let work = || {
        items(&roots, &cfg)
            .par_bridge()
            .fold(Tally::default, |t, item| process(t, item, &cfg, &progress))
            .reduce(Tally::default, Tally::merge)
    };
    let tally = match cfg.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.get())
            .build()?
            .install(work),
        None => work(),
    };
    progress.finish();
    let summary = tally.summary("files", start.elapsed());
    report(&summary, &cfg)?;
    Ok(if summary.failed > 0 { EXIT_SOME_FAILED } else { EXIT_OK })
}

/// An input as planned: a directory to walk (leaving out `--out` when it is
/// inside), a file, or an input that cannot be read.
enum Root {
    Dir { path: PathBuf, exclude: Option<PathBuf> },
    File(PathBuf),
    Unreadable(Failure),
}

/// Checks the inputs against `--out` before any work: outputs must never
/// land on inputs.
fn plan_roots(inputs: &[PathBuf], out_real: &Path) -> anyhow::Result<Vec<Root>> {
    let mut roots = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            return Err(UsageError("standard input (-) cannot be cleaned into --out; give files".into()).into());
        }
        let meta = std::fs::metadata(input).and_then(|m| Ok((m, std::fs::canonicalize(input)?)));
        let (meta, real) = match meta {
            Ok(m) => m,
            Err(e) => {
                roots.push(Root::Unreadable(failure(input, format!("cannot read: {e}"))));
                continue;
            }
        };
        if !meta.is_dir() {
            if real.parent() == Some(out_real) {
                return Err(UsageError(format!(
                    "{}: --out is its own directory; it would be overwritten",
                    input.display()
                ))
                .into());
            }
            roots.push(Root::File(input.clone()));
        } else if real.starts_with(out_real) {
            let msg = format!(
                "{}: the input is inside --out; outputs could overwrite it",
                input.display()
            );
            return Err(UsageError(msg).into());
        } else {
            let exclude = out_real.strip_prefix(&real).ok().map(|rel| input.join(rel));
            roots.push(Root::Dir {
                path: input.clone(),
                exclude,
            });
        }
    }
    Ok(roots)
}

/// The inputs in walk order, each with outputs nobody else claimed.
fn items<'a>(roots: &'a [Root], cfg: &'a Config) -> impl Iterator<Item = Item> + Send + 'a {
    let mut claimed = Claimed::default();
    roots
        .iter()
        .flat_map(move |root| -> Box<dyn Iterator<Item = Found> + Send + 'a> {
            match root {
                Root::Dir { path, exclude } => match cfg.select.walk(path, exclude.clone()) {
                    Ok(found) => Box::new(found),
                    Err(e) => Box::new(std::iter::once(Found::Error {
                        path: path.clone(),
                        error: e.to_string(),
                    })),
                },
                Root::File(path) => Box::new(std::iter::once(Found::File {
                    path: path.clone(),
                    rel: path.file_name().map(PathBuf::from).unwrap_or_default(),
                })),
                Root::Unreadable(f) => Box::new(std::iter::once(Found::Error {
                    path: PathBuf::from(&f.input),
                    error: f.error.clone(),
                })),
            }
        })
        .map(move |found| match found {
            Found::File { path, rel } => match out_paths(&cfg.out, &rel) {
                Ok(outputs) => match claimed.claim(&outputs) {
                    Ok(()) => Item::Clean { input: path, outputs },
                    Err(e) => Item::Failed(failure(&path, e)),
                },
                Err(e) => Item::Failed(failure(&path, e)),
            },
            Found::Symlink => Item::Symlink,
            Found::Error { path, error } => Item::Failed(failure(&path, error)),
        })
}

/// Output paths already given to an input. Hashes, not paths, so a run over
/// millions of files stays small; two paths sharing a 64-bit hash are not a
/// practical concern.
#[derive(Default)]
struct Claimed {
    hashes: HashSet<u64>,
    state: std::hash::RandomState,
}

impl Claimed {
    fn claim(&mut self, o: &OutPaths) -> Result<(), String> {
        let taken = [&o.text, &o.sidecar]
            .into_iter()
            .find(|p| self.hashes.contains(&self.state.hash_one(p)));
        if let Some(p) = taken {
            return Err(format!("output {} is already written for another input", p.display()));
        }
        self.hashes.insert(self.state.hash_one(&o.text));
        self.hashes.insert(self.state.hash_one(&o.sidecar));
        Ok(())
    }
}

fn failure(path: &Path, error: impl Into<String>) -> Failure {
    Failure {
        input: path.display().to_string(),
        error: error.into(),
    }
}

/// Cleans one input (or counts why not) into the worker's tally.
fn process(mut tally: Tally, item: Item, cfg: &Config, progress: &Progress) -> Tally {
    let result = match item {
        Item::Symlink => {
            tally.symlinks += 1;
            return tally;
        }
        Item::Failed(f) => Err(f),
        Item::Clean { input, outputs } => {
            let fresh = if cfg.resume {
                fresh_outputs(&input, &outputs)
            } else {
                [false; 2]
            };
            if fresh == [true; 2] {
                tally.up_to_date += 1;
                progress.done(1, 0);
                return tally;
            }
            clean_one(&input, &outputs, fresh, &cfg.reader, &mut tally).map_err(|e| failure(&input, format!("{e:#}")))
        }
    };
    match result {
        Ok(bytes) => progress.done(1, bytes),
        Err(f) => {
            progress.eprintln(&format!("capsift: {}: {}", f.input, f.error));
            progress.done(1, 0);
            tally.failure(f, usize::MAX);
        }
    }
    tally
}

/// Reads, cleans and writes one file, leaving alone an output that `--resume`
/// found fresh; returns the bytes read.
fn clean_one(
    input: &Path,
    outputs: &OutPaths,
    fresh: [bool; 2],
    reader: &Reader,
    tally: &mut Tally,
) -> anyhow::Result<u64> {
    let c = reader.clean_file(input, Some(input.display().to_string()))?;
    if !fresh[0] {
        write_atomic(&outputs.text, render_text(&c.doc).as_bytes())?;
    }
    if !fresh[1] {
        write_atomic(&outputs.sidecar, sidecar_json(&c.doc, c.encoding)?.as_bytes())?;
    }
    tally.document(&c.doc, c.bytes);
    Ok(c.bytes)
}

/// For the text and the sidecar: whether it exists and is newer than the input.
fn fresh_outputs(input: &Path, outputs: &OutPaths) -> [bool; 2] {
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(input_time) = mtime(input) else {
        return [false; 2];
    };
    [&outputs.text, &outputs.sidecar].map(|o| mtime(o).is_some_and(|t| t > input_time))
}

/// Prints the summary (unless `--quiet`) and writes `--summary FILE`.
fn report(summary: &Summary, cfg: &Config) -> anyhow::Result<()> {
    if !cfg.quiet {
        eprint!("{}", summary.render());
    }
    if let Some(path) = &cfg.summary {
        let json = serde_json::to_string_pretty(summary)? + "\n";
        write_atomic(path, json.as_bytes()).with_context(|| format!("{}: cannot write the summary", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_is_claimed_once() {
        let mut c = Claimed::default();
        let a = out_paths(Path::new("o"), Path::new("b.txt")).unwrap();
        let b = out_paths(Path::new("o"), Path::new("b")).unwrap();
        assert!(c.claim(&a).is_ok());
        let e = c.claim(&b).unwrap_err();
        assert_eq!(e, "output o/b.captions.json is already written for another input");
    }
}
