//! Stream mode, `capsift clean --input-format jsonl`: JSON Lines in, the same
//! lines out in the same order, each record with its cleaned document added
//! under `--output-key`. Lines are read in bounded batches, cleaned in
//! parallel and written (and flushed) in order, so memory stays bounded
//! whatever the input size.

use super::input::Reader;
use super::output::{stream_object, write_atomic};
use super::progress::Progress;
use super::summary::{Failure, Tally};
use super::{EXIT_OK, EXIT_SOME_FAILED};
use anyhow::Context;
use rayon::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::time::Instant;

/// A batch ends after this many lines…
const BATCH_LINES: usize = 1000;
/// …or this many bytes, whichever comes first.
const BATCH_BYTES: usize = 64 << 20;
/// The summary keeps the first failures only (all are printed as they happen).
const KEEP_ERRORS: usize = 100;

/// Everything stream mode needs from the command line.
pub struct Config {
    /// JSON Lines files; `-` is standard input.
    pub inputs: Vec<PathBuf>,
    /// `--text-field`: the field holding the article text.
    pub text_field: String,
    /// `--output-key`: where the cleaned document goes.
    pub output_key: String,
    /// `--id-field`: names records in error messages.
    pub id_field: Option<String>,
    /// `--summary FILE`.
    pub summary: Option<PathBuf>,
    /// `--quiet`.
    pub quiet: bool,
    /// `--jobs`; all cores when `None`.
    pub jobs: Option<NonZeroUsize>,
    /// How to clean; `max_bytes` limits each line.
    pub reader: Reader,
    /// `--tolerate-record-errors`: records that failed (and went out as
    /// error records) do not make the exit code 1; inputs that could not be
    /// read still do.
    pub tolerate_record_errors: bool,
}

/// A gzip stream (a `.jsonl.gz` file or one piped in) read as the lines it
/// holds: `.gz` inputs are read transparently in every mode. Told by its
/// first two bytes, not the name, so a pipe is unpacked too.
fn ungzip(mut source: Box<dyn BufRead>) -> std::io::Result<Box<dyn BufRead>> {
    if source.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(source))))
    } else {
        Ok(source)
    }
}

/// One input of the stream: a file, or stdin for `-`.
fn open(input: &std::path::Path) -> std::io::Result<Box<dyn BufRead>> {
    Ok(if input.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(BufReader::new(std::fs::File::open(input)?))
    })
}

/// Streams every input to stdout; exit code 1 when any record failed.
pub fn run(cfg: Config) -> anyhow::Result<i32> {
    let start = Instant::now();
    let pool = match cfg.jobs {
        Some(n) => Some(rayon::ThreadPoolBuilder::new().num_threads(n.get()).build()?),
        None => None,
    };
    let progress = Progress::new(cfg.quiet, "records");
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut tally = Tally::default();
    // Inputs that could not be opened: their lines are missing from the
    // output, which no flag may hide.
    let mut unreadable_inputs = 0;
    for input in &cfg.inputs {
        let name = if input.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            input.display().to_string()
        };
        let source = match open(input).and_then(ungzip) {
            Ok(s) => s,
            Err(e) => {
                let f = Failure {
                    input: name,
                    error: format!("cannot read: {e}"),
                };
                progress.eprintln(&format!("capsift: {}: {}", f.input, f.error));
                tally.failure(f, KEEP_ERRORS);
                unreadable_inputs += 1;
                continue;
            }
        };
        let stream = Stream {
            name: &name,
            cfg: &cfg,
            progress: &progress,
            pool: pool.as_ref(),
        };
        if let Err(e) = stream.copy(source, &mut out, &mut tally) {
            if is_broken_pipe(&e) {
                // the reader went away (`| head`): not an error
                return Ok(EXIT_OK);
            }
            return Err(e);
        }
    }
    progress.finish();
    let summary = tally.summary("records", start.elapsed());
    if !cfg.quiet {
        eprint!("{}", summary.render());
    }
    if let Some(path) = &cfg.summary {
        let json = serde_json::to_string_pretty(&summary)? + "\n";
        write_atomic(path, json.as_bytes()).with_context(|| format!("{}: cannot write the summary", path.display()))?;
    }
    let counted = if cfg.tolerate_record_errors {
        unreadable_inputs
    } else {
        summary.failed
    };
    Ok(if counted > 0 { EXIT_SOME_FAILED } else { EXIT_OK })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// One input being streamed.
struct Stream<'a> {
    name: &'a str,
    cfg: &'a Config,
    progress: &'a Progress,
    /// `--jobs`' pool; rayon's global pool when `None`.
    pool: Option<&'a rayon::ThreadPool>,
}

/// One input line: number, bytes with their line end, and length of the
/// content (without the line end), which may exceed what was kept.
struct Line {
    no: u64,
    raw: Vec<u8>,
    len: u64,
}

/// What became of one line.
enum Outcome {
    Blank,
    Cleaned(Box<capsift::Document>, u64),
    Failed(Failure),
}

impl Stream<'_> {
    /// Copies `source` to `out` batch by batch, adding the cleaned documents.
    fn copy(&self, mut source: Box<dyn BufRead>, out: &mut impl Write, tally: &mut Tally) -> anyhow::Result<()> {
        let mut next_no = 1;
        loop {
            let batch = self.read_batch(&mut source, &mut next_no)?;
            if batch.is_empty() {
                return Ok(());
            }
            let bytes: u64 = batch.iter().map(|l| l.len).sum();
            let clean = || -> Vec<(Vec<u8>, Outcome)> { batch.par_iter().map(|l| self.line(l)).collect() };
            let done = match self.pool {
                Some(p) => p.install(clean),
                None => clean(),
            };
            for (line, outcome) in done {
                out.write_all(&line).context("cannot write to standard output")?;
                match outcome {
                    Outcome::Blank => tally.blank += 1,
                    Outcome::Cleaned(doc, n) => tally.document(&doc, n),
                    Outcome::Failed(f) => {
                        self.progress.eprintln(&format!("capsift: {}: {}", f.input, f.error));
                        tally.failure(f, KEEP_ERRORS);
                    }
                }
            }
            out.flush().context("cannot write to standard output")?;
            self.progress.done(batch.len() as u64, bytes);
        }
    }

    fn read_batch(&self, source: &mut dyn BufRead, next_no: &mut u64) -> anyhow::Result<Vec<Line>> {
        let mut batch = Vec::new();
        let mut held = 0;
        while batch.len() < BATCH_LINES && held < BATCH_BYTES {
            let no = *next_no;
            let read =
                read_line(source, self.cfg.reader.max_bytes).with_context(|| format!("{}: cannot read", self.name))?;
            let Some(line) = read else { break };
            held += line.raw.len();
            batch.push(Line { no, ..line });
            *next_no += 1;
        }
        Ok(batch)
    }

    /// The output line for one input line, and what happened.
    fn line(&self, line: &Line) -> (Vec<u8>, Outcome) {
        let content = content(&line.raw);
        if line.len > self.cfg.reader.max_bytes {
            let msg = format!(
                "line is {} bytes, more than --max-bytes {}",
                line.len, self.cfg.reader.max_bytes
            );
            return self.bad_line(line.no, msg, None);
        }
        if content.iter().all(u8::is_ascii_whitespace) {
            return (line.raw.clone(), Outcome::Blank);
        }
        let text = match std::str::from_utf8(content) {
            Ok(t) => t,
            Err(e) => {
                let raw = String::from_utf8_lossy(content);
                return self.bad_line(line.no, format!("not UTF-8 at byte {}", e.valid_up_to()), Some(&raw));
            }
        };
        let fields = match serde_json::from_str::<Fields>(text) {
            Ok(f) => f.0,
            Err(e) => return self.bad_line(line.no, format!("bad JSON: {e}"), Some(text)),
        };
        self.record(line.no, text, &fields)
    }

    /// A line that is not a JSON object: `{"error", "line", "raw"}` in its place.
    fn bad_line(&self, no: u64, error: String, raw: Option<&str>) -> (Vec<u8>, Outcome) {
        let mut obj = serde_json::json!({ "error": error, "line": no });
        if let Some(raw) = raw {
            obj["raw"] = raw.into();
        }
        let out = obj.to_string() + "\n";
        let f = Failure {
            input: format!("{}:{no}", self.name),
            error,
        };
        (out.into_bytes(), Outcome::Failed(f))
    }

    /// A JSON object: cleaned under the output key, or an `error` there.
    fn record(&self, no: u64, text: &str, fields: &[(String, &RawValue)]) -> (Vec<u8>, Outcome) {
        let field = |name: &str| fields.iter().rev().find(|(k, _)| k == name).map(|(_, v)| *v);
        let article = match field(&self.cfg.text_field) {
            None => Err(format!("no {:?} field", self.cfg.text_field)),
            Some(v) => serde_json::from_str::<String>(v.get())
                .map_err(|_| format!("{:?} is {}, not a string", self.cfg.text_field, json_kind(v))),
        };
        let cleaned = article.and_then(|a| {
            let doc = self.cfg.reader.clean_text(&a);
            let obj = stream_object(&doc).map_err(|e| format!("{e:#}"))?;
            Ok((obj, doc, a.len() as u64))
        });
        match cleaned {
            Ok((obj, doc, n)) => (
                with_key(text, fields, &self.cfg.output_key, &obj),
                Outcome::Cleaned(Box::new(doc), n),
            ),
            Err(error) => {
                let obj = serde_json::json!({ "error": error });
                let id = self.cfg.id_field.as_deref().and_then(|k| Some((k, field(k)?)));
                let who = id.map_or(String::new(), |(k, v)| format!(" ({k}={})", id_text(v)));
                let f = Failure {
                    input: format!("{}:{no}{who}", self.name),
                    error,
                };
                (with_key(text, fields, &self.cfg.output_key, &obj), Outcome::Failed(f))
            }
        }
    }
}

/// Reads one line, keeping at most `max + 2` bytes of it (enough to know it
/// is too long, with its `\r\n`) and counting the rest.
fn read_line(r: &mut dyn BufRead, max: u64) -> std::io::Result<Option<Line>> {
    let keep = max.saturating_add(2);
    let mut raw = Vec::new();
    let (mut total, mut ending) = (0u64, 0u64);
    let mut last = None;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        let (take, end) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = keep.saturating_sub(raw.len() as u64).min(take as u64) as usize;
        raw.extend_from_slice(&chunk[..room]);
        if end {
            // the `\r` of a `\r\n` may have ended the previous chunk
            let before = if take >= 2 { Some(chunk[take - 2]) } else { last };
            ending = 1 + u64::from(before == Some(b'\r'));
        }
        last = chunk[..take].last().copied();
        total += take as u64;
        r.consume(take);
        if end {
            break;
        }
    }
    Ok((total > 0).then(|| Line {
        no: 0,
        raw,
        len: total - ending,
    }))
}

/// The line without its `\n` or `\r\n`.
fn content(raw: &[u8]) -> &[u8] {
    let s = raw.strip_suffix(b"\n").unwrap_or(raw);
    s.strip_suffix(b"\r").unwrap_or(s)
}

/// The record with `key` set to `value`. When the record does not have the
/// key, its text is kept byte for byte and the key appended; when it does,
/// the record is rebuilt from its fields (values still verbatim) with the
/// key replaced.
fn with_key(text: &str, fields: &[(String, &RawValue)], key: &str, value: &serde_json::Value) -> Vec<u8> {
    let key_json = serde_json::Value::from(key).to_string();
    let mut out = if fields.iter().any(|(k, _)| k == key) {
        let mut s = String::from("{");
        for (k, v) in fields.iter().filter(|(k, _)| k != key) {
            s.push_str(&serde_json::Value::from(k.as_str()).to_string());
            s.push(':');
            s.push_str(v.get());
            s.push(',');
        }
        s
    } else {
        let open = text.trim_end();
        // the text parsed as an object, so it ends with `}`
        let mut s = open[..open.len() - 1].to_string();
        if !fields.is_empty() {
            s.push(',');
        }
        s
    };
    out.push_str(&key_json);
    out.push(':');
    out.push_str(&value.to_string());
    out.push_str("}\n");
    out.into_bytes()
}

fn json_kind(v: &RawValue) -> &'static str {
    match v.get().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// An id for messages: strings without their quotes, anything else as JSON.
fn id_text(v: &RawValue) -> String {
    serde_json::from_str::<String>(v.get()).unwrap_or_else(|_| v.get().to_string())
}

/// A JSON object's fields in order, values kept as written.
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Fields<'de>, A::Error> {
                let mut v = Vec::new();
                while let Some(entry) = m.next_entry::<String, &'de RawValue>()? {
                    v.push(entry);
                }
                Ok(Fields(v))
            }
        }
        d.deserialize_map(ObjectVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<(String, &RawValue)> {
        serde_json::from_str::<Fields>(text).unwrap().0
    }

    #[test]
    fn the_record_is_kept_byte_for_byte() {
        let text = r#"{"url": "u", "n": 1.50, "big": 123456789012345678901234567890}"#;
        let out = with_key(text, &fields(text), "capsift", &serde_json::json!({"x": 1}));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"url\": \"u\", \"n\": 1.50, \"big\": 123456789012345678901234567890,\"capsift\":{\"x\":1}}\n"
        );
        let out = with_key("{ }", &[], "capsift", &serde_json::json!(1));
        assert_eq!(out, b"{ \"capsift\":1}\n");
    }

    #[test]
    fn an_existing_output_key_is_replaced() {
        let text = r#"{"capsift": {"old": true}, "n": 1.50}"#;
        let out = with_key(text, &fields(text), "capsift", &serde_json::json!(2));
        assert_eq!(out, b"{\"n\":1.50,\"capsift\":2}\n");
    }

    #[test]
    fn long_lines_are_counted_not_kept() {
        let mut input: &[u8] = b"0123456789\r\nab\n\ncd";
        let a = read_line(&mut input, 4).unwrap().unwrap();
        assert_eq!((a.raw.as_slice(), a.len), (&b"012345"[..], 10));
        let b = read_line(&mut input, 4).unwrap().unwrap();
        assert_eq!((b.raw.as_slice(), b.len), (&b"ab\n"[..], 2));
        let c = read_line(&mut input, 4).unwrap().unwrap();
        assert_eq!((c.raw.as_slice(), c.len), (&b"\n"[..], 0));
        let d = read_line(&mut input, 4).unwrap().unwrap();
        assert_eq!((d.raw.as_slice(), d.len), (&b"cd"[..], 2));
        assert!(read_line(&mut input, 4).unwrap().is_none());
    }

    #[test]
    fn only_objects_are_records() {
        assert!(serde_json::from_str::<Fields>("[1, 2]").is_err());
        assert!(serde_json::from_str::<Fields>("{\"a\": ").is_err());
        assert_eq!(fields(r#"{"a": [1, {"b": 2}]}"#)[0].1.get(), r#"[1, {"b": 2}]"#);
    }
}
