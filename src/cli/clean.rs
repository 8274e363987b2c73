//! `capsift clean`: clean files or standard input.

use super::{EXIT_OK, EXIT_SOME_FAILED, load_table, write_stdout};
use anyhow::Context;
use capsift::Options;
use std::io::Read;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  capsift clean article.txt                 # clean body text on stdout\n  \
capsift clean article.txt --format json   # the whole document as JSON\n  \
cat article.txt | capsift clean -         # standard input"
)]
pub struct Args {
    /// Input files; `-` (or nothing) reads standard input.
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Extra agency table (TSV, same format as `capsift agencies --format tsv`).
    #[arg(long, value_name = "FILE")]
    agencies: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// The clean article: title and body paragraphs.
    Text,
    /// The whole document as one pretty-printed JSON object.
    Json,
    /// The whole document as one JSON line per input.
    Jsonl,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let table = load_table(args.agencies.as_ref())?;
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    let mut failed = 0;
    for path in &inputs {
        match clean_one(path, &args, table.clone()) {
            Ok(out) => write_stdout(out.as_bytes())?,
            Err(e) => {
                failed += 1;
                eprintln!("capsift: {e:#}");
            }
        }
    }
    Ok(if failed > 0 { EXIT_SOME_FAILED } else { EXIT_OK })
}

fn clean_one(
    path: &PathBuf,
    args: &Args,
    table: Option<std::sync::Arc<capsift::AgencyTable>>,
) -> anyhow::Result<String> {
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let bytes = if stdin {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).context("<stdin>: cannot read")?;
        b
    } else {
        std::fs::read(path).with_context(|| format!("{name}: cannot read"))?
    };
    let decoded = capsift::decode::decode(&bytes, args.lossy).with_context(|| name.clone())?;
    let opts = Options {
        agencies: table,
        source: (!stdin).then(|| name.clone()),
    };
    let mut doc = capsift::clean(&decoded.text, &opts);
    doc.warnings.splice(0..0, decoded.warnings);
    Ok(match args.format {
        Format::Text => render_text(&doc),
        Format::Json => serde_json::to_string_pretty(&doc)? + "\n",
        Format::Jsonl => serde_json::to_string(&doc)? + "\n",
    })
}

/// The clean article as text: the title, then the body.
fn render_text(doc: &capsift::Document) -> String {
    let mut s = String::new();
    if let Some(t) = &doc.title {
        s.push_str(t);
        s.push_str("\n\n");
    }
    s.push_str(&doc.body);
    if !s.is_empty() {
        s.push('\n');
    }
    s
}
