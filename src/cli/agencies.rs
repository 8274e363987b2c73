//! `capsift agencies`: print the agency table.

use super::{EXIT_OK, load_table, write_stdout};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  capsift agencies\n  capsift agencies --format json | jq '.[].name'\n  \
capsift agencies --agencies mine.tsv --format tsv"
)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Extra agency table to merge in (same TSV format).
    #[arg(long, value_name = "FILE")]
    agencies: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Aligned columns for reading.
    Table,
    /// The TSV format `--agencies` reads.
    Tsv,
    /// A JSON array.
    Json,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let table = load_table(args.agencies.as_ref())?;
    let table = table.as_deref().unwrap_or_else(|| capsift::AgencyTable::builtin());
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(table.agencies())? + "\n",
        Format::Tsv | Format::Table => {
            let mut s = String::new();
            if matches!(args.format, Format::Tsv) {
                s.push_str("# id\tname\tkind\tcountry\taliases\n");
            }
            for a in table.agencies() {
                let kind = serde_json::to_value(a.kind)?;
                let kind = kind.as_str().unwrap_or_default();
                let aliases = a.aliases.join(" | ");
                if matches!(args.format, Format::Tsv) {
                    s.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", a.id, a.name, kind, a.country, aliases));
                } else {
                    s.push_str(&format!(
                        "{:<14} {:<40} {:<8} {:<4} {}\n",
                        a.id, a.name, kind, a.country, aliases
                    ));
                }
            }
            s
        }
    };
    write_stdout(out.as_bytes())?;
    Ok(EXIT_OK)
}
