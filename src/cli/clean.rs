//! `capsift clean`: flags, and the choice between the three modes: single
//! files to stdout (here), a tree into `--out` (`batch`), JSON Lines
//! (`stream`).

use super::input::{Reader, parse_size};
use super::output::render_text;
use super::walk::Selection;
use super::{EXIT_OK, EXIT_SOME_FAILED, UsageError, batch, load_table, stream, write_stdout};
use anyhow::Context;
use capsift::decode::DecodeOptions;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  capsift clean article.txt                 # clean body text on stdout\n  \
capsift clean article.txt --format json   # the whole document as JSON\n  \
capsift clean page.html.gz --format json  # a saved page (HTML, gzip read transparently)\n  \
cat article.txt | capsift clean -         # standard input\n  \
capsift clean crawl/ --out cleaned/       # a whole tree, in parallel\n  \
capsift clean crawl/ --out cleaned/ --resume --summary run.json\n  \
capsift clean --input-format jsonl --text-field text --id-field url < in.jsonl > out.jsonl"
)]
pub struct Args {
    /// Input files or directories; `-` (or nothing) reads standard input.
    inputs: Vec<PathBuf>,
    /// Output format on stdout (not with --out, which writes .txt and .captions.json files).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Replace invalid sequences with U+FFFD (with a warning) instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Extra agency table (TSV, same format as `capsift agencies --format tsv`).
    #[arg(long, value_name = "FILE")]
    agencies: Option<PathBuf>,
    /// Largest document (or JSON Lines line) in bytes; K, M, G suffixes allowed.
    #[arg(long, value_name = "N", value_parser = parse_size, default_value = "64M")]
    max_bytes: u64,
    /// Longest caption in words: a longer paragraph that ends like a credit stays in the body.
    #[arg(long, value_name = "N", default_value_t = capsift::classify::DEFAULT_MAX_CAPTION_WORDS)]
    max_caption_words: usize,

    /// Write a cleaned tree here: DIR/a/b.txt and DIR/a/b.captions.json for INPUT/a/b.txt.
    #[arg(long, value_name = "DIR", help_heading = "Directories")]
    out: Option<PathBuf>,
    /// Files to take from directories (gitignore-style glob, repeatable, `!` excludes)
    /// [default: *.txt, *.text, *.md].
    #[arg(
        long = "glob",
        value_name = "PATTERN",
        requires = "out",
        help_heading = "Directories"
    )]
    globs: Vec<String>,
    /// Walk hidden files and directories too.
    #[arg(long, requires = "out", help_heading = "Directories")]
    hidden: bool,
    /// Clean files that .gitignore or .ignore files exclude too.
    #[arg(long, requires = "out", help_heading = "Directories")]
    no_ignore: bool,
    /// Follow symbolic links (skipped by default).
    #[arg(long, requires = "out", help_heading = "Directories")]
    follow: bool,
    /// Skip inputs whose two outputs are both newer than the input.
    #[arg(long, requires = "out", help_heading = "Directories")]
    resume: bool,

    /// How to read the inputs.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto, help_heading = "Streams")]
    input_format: InputFormat,
    /// JSON Lines: the field holding the article text [default: text].
    #[arg(long, value_name = "FIELD", help_heading = "Streams")]
    text_field: Option<String>,
    /// JSON Lines: the key the cleaned document is added under [default: capsift].
    #[arg(long, value_name = "KEY", help_heading = "Streams")]
    output_key: Option<String>,
    /// JSON Lines: the field naming a record in error messages (e.g. url).
    #[arg(long, value_name = "FIELD", help_heading = "Streams")]
    id_field: Option<String>,
    /// JSON Lines: exit 0 when the stream completed even if some records
    /// failed (they are in the output as error records); for Spark's
    /// checkCode=True, Hadoop Streaming and other runners that fail a task on
    /// any non-zero exit. Unreadable inputs and fatal errors still fail.
    #[arg(long, help_heading = "Streams")]
    tolerate_record_errors: bool,

    /// Parallel jobs for --out and JSON Lines [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// Write the run's summary as JSON to FILE (--out and JSON Lines).
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// No progress line and no summary on stderr; errors are still printed.
    #[arg(long, short = 'q')]
    quiet: bool,
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

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum InputFormat {
    /// HTML for .html/.htm/.xhtml (also .gz) and for inputs that start like a page; else text.
    Auto,
    /// Article text files (any encoding).
    Text,
    /// Saved HTML pages.
    Html,
    /// JSON Lines: one record per line with the article in --text-field.
    Jsonl,
}

/// Runs `capsift clean` in the mode its inputs and flags ask for.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let reader = Reader {
        table: load_table(args.agencies.as_ref())?,
        decode: DecodeOptions {
            lossy: args.lossy,
            ..DecodeOptions::default()
        },
        max_bytes: args.max_bytes,
        max_caption_words: args.max_caption_words,
        html: match args.input_format {
            InputFormat::Html => Some(true),
            InputFormat::Text => Some(false),
            InputFormat::Auto | InputFormat::Jsonl => None,
        },
    };
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    if args.input_format == InputFormat::Jsonl {
        return stream::run(stream_config(args, inputs, reader)?);
    }
    reject_stream_flags(&args)?;
    if let Some(out) = args.out.clone() {
        return batch::run(batch_config(args, inputs, out, reader)?);
    }
    if let Some(dir) = inputs.iter().find(|p| p.is_dir()) {
        let msg = format!("{}: is a directory; give --out DIR to clean a tree", dir.display());
        return Err(UsageError(msg).into());
    }
    if args.summary.is_some() {
        return Err(UsageError("--summary needs --out or --input-format jsonl".into()).into());
    }
    single(&inputs, args.format.unwrap_or(Format::Text), &reader)
}

fn stream_config(args: Args, inputs: Vec<PathBuf>, reader: Reader) -> anyhow::Result<stream::Config> {
    if args.out.is_some() || args.format.is_some() {
        let msg = "--input-format jsonl writes JSON Lines to standard output; --out and --format do not apply";
        return Err(UsageError(msg.into()).into());
    }
    Ok(stream::Config {
        tolerate_record_errors: args.tolerate_record_errors,
        inputs,
        text_field: args.text_field.unwrap_or_else(|| "text".into()),
        output_key: args.output_key.unwrap_or_else(|| "capsift".into()),
        id_field: args.id_field,
        summary: args.summary,
        quiet: args.quiet,
        jobs: args.jobs,
        reader,
    })
}

fn reject_stream_flags(args: &Args) -> Result<(), UsageError> {
    let given = [
        ("--text-field", args.text_field.is_some()),
        ("--output-key", args.output_key.is_some()),
        ("--id-field", args.id_field.is_some()),
        ("--tolerate-record-errors", args.tolerate_record_errors),
    ];
    match given.iter().find(|(_, set)| *set) {
        Some((flag, _)) => Err(UsageError(format!("{flag} needs --input-format jsonl"))),
        None => Ok(()),
    }
}

fn batch_config(args: Args, inputs: Vec<PathBuf>, out: PathBuf, reader: Reader) -> anyhow::Result<batch::Config> {
    if args.format.is_some() {
        let msg = "--format is for standard output; --out writes .txt and .captions.json files";
        return Err(UsageError(msg.into()).into());
    }
    let select = Selection {
        globs: args.globs,
        hidden: args.hidden,
        no_ignore: args.no_ignore,
        follow: args.follow,
    };
    select.validate()?;
    Ok(batch::Config {
        inputs,
        out,
        select,
        resume: args.resume,
        summary: args.summary,
        quiet: args.quiet,
        jobs: args.jobs,
        reader,
    })
}

/// Single-file mode: each input cleaned in turn to stdout.
fn single(inputs: &[PathBuf], format: Format, reader: &Reader) -> anyhow::Result<i32> {
    let mut failed = 0;
    for path in inputs {
        match clean_one(path, format, reader) {
            Ok(out) => write_stdout(out.as_bytes())?,
            Err(e) => {
                failed += 1;
                eprintln!("capsift: {e:#}");
            }
        }
    }
    Ok(if failed > 0 { EXIT_SOME_FAILED } else { EXIT_OK })
}

fn clean_one(path: &Path, format: Format, reader: &Reader) -> anyhow::Result<String> {
    let cleaned = if path.as_os_str() == "-" {
        reader.clean_stdin().context("<stdin>")?
    } else {
        let name = path.display().to_string();
        reader.clean_file(path, Some(name.clone())).context(name)?
    };
    let doc = cleaned.doc;
    Ok(match format {
        Format::Text => render_text(&doc),
        Format::Json => serde_json::to_string_pretty(&doc)? + "\n",
        Format::Jsonl => serde_json::to_string(&doc)? + "\n",
    })
}
