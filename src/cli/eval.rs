//! `capsift eval DIR`: caption separation quality against a labelled corpus.

use super::input::Reader;
use super::{EXIT_OK, UsageError, load_table, write_stdout};
use capsift::decode::DecodeOptions;
use capsift::eval::{Labelled, Tally, score_document};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(
    after_help = "A corpus is a folder of <id>.json files (paragraphs labelled body, caption or credit; \
the format of shared/corpus/real, described in its README) beside the inputs to clean.\n\nExamples:\n  \
capsift eval ../shared/corpus/real\n  capsift eval ../shared/corpus/real --inputs ../shared/corpus/html --ext .html.gz\n  \
capsift eval my-corpus/ --format json --worst 20"
)]
pub struct Args {
    /// Folder of labelled documents (`<id>.json`).
    dir: PathBuf,
    /// Folder of the inputs to clean (default: DIR).
    #[arg(long, value_name = "DIR")]
    inputs: Option<PathBuf>,
    /// Input file ending, e.g. `.html.gz`.
    #[arg(long, default_value = ".txt")]
    ext: String,
    /// How many of the documents that lose the most body paragraphs to list.
    #[arg(long, default_value_t = 10)]
    worst: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Extra agency table (TSV).
    #[arg(long, value_name = "FILE")]
    agencies: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A table for reading.
    Text,
    /// One JSON object.
    Json,
}

/// The figures of one group of documents.
#[derive(Serialize)]
struct Figures {
    #[serde(flatten)]
    tally: Tally,
    caption_recall: Option<f64>,
    credited_caption_recall: Option<f64>,
    body_retention: Option<f64>,
    long_body_retention: Option<f64>,
    removal_precision: Option<f64>,
    body_removed: usize,
    unlabelled_share: Option<f64>,
}

impl From<Tally> for Figures {
    fn from(t: Tally) -> Figures {
        Figures {
            caption_recall: t.caption_recall(),
            credited_caption_recall: t.credited_recall(),
            body_retention: t.body_retention(),
            long_body_retention: t.long_body_retention(),
            removal_precision: t.removal_precision(),
            body_removed: t.body_removed(),
            unlabelled_share: t.unlabelled_share(),
            tally: t,
        }
    }
}

/// A document that lost body paragraphs.
#[derive(Serialize)]
struct Worst {
    id: String,
    body_removed: usize,
    examples: Vec<String>,
}

#[derive(Serialize)]
struct Report {
    overall: Figures,
    by_language: BTreeMap<String, Figures>,
    errors: Vec<String>,
    worst: Vec<Worst>,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let reader = Reader {
        table: load_table(args.agencies.as_ref())?,
        decode: DecodeOptions::default(),
        max_bytes: 64 << 20,
        max_caption_words: capsift::classify::DEFAULT_MAX_CAPTION_WORDS,
        html: None,
    };
    let ids = labelled_ids(&args.dir)?;
    let inputs = args.inputs.clone().unwrap_or_else(|| args.dir.clone());
    let results: Vec<Result<(Labelled, capsift::eval::DocScore), String>> = ids
        .par_iter()
        .map(|id| score_one(&args.dir, &inputs, id, &args.ext, &reader))
        .collect();
    let mut overall = Tally::default();
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut worst = Vec::new();
    for r in results {
        match r {
            Ok((gold, score)) => {
                overall.add(&score.tally);
                by_lang.entry(gold.lang.clone()).or_default().add(&score.tally);
                if !score.lost.is_empty() {
                    worst.push(Worst {
                        id: gold.id.clone(),
                        body_removed: score.lost.len(),
                        examples: score
                            .lost
                            .iter()
                            .take(3)
                            .map(|t| t.chars().take(90).collect())
                            .collect(),
                    });
                }
            }
            Err(e) => errors.push(e),
        }
    }
    worst.sort_by(|a, b| b.body_removed.cmp(&a.body_removed).then(a.id.cmp(&b.id)));
    worst.truncate(args.worst);
    let report = Report {
        overall: overall.into(),
        by_language: by_lang.into_iter().map(|(k, v)| (k, v.into())).collect(),
        errors,
        worst,
    };
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Text => render(&report),
    };
    write_stdout(out.as_bytes())?;
    Ok(if report.errors.is_empty() {
        EXIT_OK
    } else {
        super::EXIT_SOME_FAILED
    })
}

fn labelled_ids(dir: &Path) -> anyhow::Result<Vec<String>> {
    let entries = std::fs::read_dir(dir).map_err(|e| UsageError(format!("{}: cannot read: {e}", dir.display())))?;
    let mut ids: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(String::from))
        .collect();
    ids.sort();
    if ids.is_empty() {
        return Err(UsageError(format!("{}: no labelled documents (<id>.json)", dir.display())).into());
    }
    Ok(ids)
}

fn score_one(
    dir: &Path,
    inputs: &Path,
    id: &str,
    ext: &str,
    reader: &Reader,
) -> Result<(Labelled, capsift::eval::DocScore), String> {
    let gold_path = dir.join(format!("{id}.json"));
    let text = std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let mut gold: Labelled = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    if gold.id.is_empty() {
        gold.id = id.to_string();
    }
    let input = inputs.join(format!("{id}{ext}"));
    let cleaned = reader
        .clean_file(&input, None)
        .map_err(|e| format!("{}: {e:#}", input.display()))?;
    let score = score_document(&gold, &cleaned.doc);
    Ok((gold, score))
}

fn render(r: &Report) -> String {
    let f = |x: Option<f64>| x.map_or("    -".to_string(), |v| format!("{v:.3}"));
    let row = |name: &str, g: &Figures| {
        format!(
            "{name:<8} {:>5} {:>8} {:>8} {:>9} {:>9} {:>9} {:>8} {:>10}\n",
            g.tally.docs,
            f(g.caption_recall),
            f(g.credited_caption_recall),
            f(g.body_retention),
            f(g.long_body_retention),
            f(g.removal_precision),
            g.body_removed,
            f(g.unlabelled_share)
        )
    };
    let mut s = String::from("language  docs captions credited      body body100+ precision  removed unlabelled\n");
    for (lang, g) in &r.by_language {
        s.push_str(&row(lang, g));
    }
    s.push_str(&row("all", &r.overall));
    if !r.worst.is_empty() {
        s.push_str("\nmost body paragraphs removed:\n");
        for w in &r.worst {
            s.push_str(&format!("  {} ({}): {:?}\n", w.id, w.body_removed, w.examples));
        }
    }
    for e in &r.errors {
        s.push_str(&format!("error: {e}\n"));
    }
    s
}
