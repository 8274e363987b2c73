//! `capsift credit TEXT`: parse one caption or credit line.

use super::{EXIT_OK, load_table, write_stdout};
use capsift::credit::{analyse, find_credits};
use serde::Serialize;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  capsift credit \"(Yuri Kadobnov/Pool Photo via AP, File)\"\n  \
capsift credit \"Shoigu toasts with Kim (KCNA/AP) (Uncredited/)\"\n  capsift credit \"新华社记者 李鑫 摄\""
)]
pub struct Args {
    /// The caption or credit text.
    text: String,
    /// Extra agency table (TSV, same format as `capsift agencies --format tsv`).
    #[arg(long, value_name = "FILE")]
    agencies: Option<PathBuf>,
}

/// What `capsift credit` prints.
#[derive(Serialize)]
struct Output {
    input: String,
    caption: Option<String>,
    credits: Vec<capsift::Credit>,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let table = load_table(args.agencies.as_ref())?;
    let table = table.as_deref().unwrap_or_else(|| capsift::AgencyTable::builtin());
    let text = capsift::normalize::normalize(&args.text).text;
    let line = text.trim();
    let out = match find_credits(line, table) {
        Some(split) => Output {
            input: args.text.clone(),
            caption: (!split.caption.is_empty()).then(|| line[split.caption].to_string()),
            credits: split
                .credits
                .iter()
                .map(|r| analyse(&line[r.clone()], table).credit)
                .collect(),
        },
        None => Output {
            input: args.text.clone(),
            caption: Some(line.to_string()),
            credits: Vec::new(),
        },
    };
    let mut json = serde_json::to_string_pretty(&out)?;
    json.push('\n');
    write_stdout(json.as_bytes())?;
    Ok(EXIT_OK)
}
