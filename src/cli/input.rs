//! Reading one input (a file, standard input or a JSON string) and running
//! the library on it: decode, then clean.

use anyhow::{Context, bail};
use capsift::decode::{DecodeOptions, decode_bytes, decode_declared_bytes, decode_text};
use capsift::{AgencyTable, Document, Options};
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// How every input is read and cleaned; shared by all modes.
#[derive(Clone)]
pub struct Reader {
    /// `--agencies`, on top of the built-in table.
    pub table: Option<Arc<AgencyTable>>,
    /// `--lossy` and mojibake repair.
    pub decode: DecodeOptions,
    /// `--max-bytes`: a larger document is an error, not an out-of-memory.
    pub max_bytes: u64,
    /// `--max-caption-words`: a longer paragraph is never a caption.
    pub max_caption_words: usize,
    /// HTML or text: `Some(true)` always HTML (`--input-format html`),
    /// `Some(false)` always text, `None` by file name and first bytes.
    pub html: Option<bool>,
}

/// A file name that says HTML: `.html`, `.htm`, `.xhtml`, also with `.gz`.
pub fn html_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".html", ".htm", ".xhtml"].iter().any(|e| name.ends_with(e))
}

/// Gzip data starts with these two bytes.
fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// One cleaned input.
pub struct Cleaned {
    /// The document, decode warnings first.
    pub doc: Document,
    /// The encoding read (WHATWG name).
    pub encoding: &'static str,
    /// Input size in bytes.
    pub bytes: u64,
}

impl Reader {
    /// Reads and cleans a file. Errors say what went wrong but not which
    /// file: the caller names it.
    pub fn clean_file(&self, path: &Path, source: Option<String>) -> anyhow::Result<Cleaned> {
        let file = std::fs::File::open(path).context("cannot read")?;
        let len = file.metadata().context("cannot read")?.len();
        self.check_size(len)?;
        let bytes = self.read_limited(file, len)?;
        let by_name = html_name(path).then_some(true);
        self.clean_bytes_as(&bytes, source, by_name)
    }

    /// Reads and cleans standard input.
    pub fn clean_stdin(&self) -> anyhow::Result<Cleaned> {
        let bytes = self.read_limited(std::io::stdin().lock(), 0)?;
        self.clean_bytes_as(&bytes, None, None)
    }

    /// Decodes and cleans bytes (gzip is unpacked first); `by_name` is what
    /// the file name says about HTML.
    pub fn clean_bytes_as(
        &self,
        bytes: &[u8],
        source: Option<String>,
        by_name: Option<bool>,
    ) -> anyhow::Result<Cleaned> {
        if is_gzip(bytes) {
            let plain = self
                .read_limited(flate2::read::MultiGzDecoder::new(bytes), 0)
                .context("bad gzip data")?;
            return self.clean_bytes_as(&plain, source, by_name);
        }
        let html = self
            .html
            .or(by_name)
            .unwrap_or_else(|| capsift::html::looks_like_html(bytes));
        let decoded = if html {
            decode_declared_bytes(bytes, capsift::html::declared_charset(bytes), &self.decode)?
        } else {
            decode_bytes(bytes, &self.decode)?
        };
        let opts = self.options(source);
        let mut doc = if html {
            capsift::html::clean_html(&decoded.text, &opts)
        } else {
            capsift::clean(&decoded.text, &opts)
        };
        doc.warnings.splice(0..0, decoded.warnings);
        Ok(Cleaned {
            doc,
            encoding: decoded.encoding,
            bytes: bytes.len() as u64,
        })
    }

    /// Cleans text that is already decoded (a JSON Lines record's field).
    pub fn clean_text(&self, text: &str) -> Document {
        let decoded = decode_text(text, &self.decode);
        let html = self
            .html
            .unwrap_or_else(|| capsift::html::looks_like_html(text.as_bytes()));
        let mut doc = if html {
            capsift::html::clean_html(&decoded.text, &self.options(None))
        } else {
            capsift::clean(&decoded.text, &self.options(None))
        };
        doc.warnings.splice(0..0, decoded.warnings);
        doc
    }

    fn options(&self, source: Option<String>) -> Options {
        Options {
            agencies: self.table.clone(),
            source,
            max_caption_words: self.max_caption_words,
        }
    }

    fn check_size(&self, len: u64) -> anyhow::Result<()> {
        if len > self.max_bytes {
            bail!("too large: {len} bytes, more than --max-bytes {}", self.max_bytes);
        }
        Ok(())
    }

    /// Reads at most `max_bytes + 1` bytes, so a file that grows while it is
    /// read or an endless pipe still ends in a clear error.
    fn read_limited(&self, r: impl Read, size_hint: u64) -> anyhow::Result<Vec<u8>> {
        let mut bytes = Vec::with_capacity(size_hint.min(self.max_bytes) as usize);
        r.take(self.max_bytes + 1)
            .read_to_end(&mut bytes)
            .context("cannot read")?;
        if bytes.len() as u64 > self.max_bytes {
            bail!("too large: more than --max-bytes {} bytes", self.max_bytes);
        }
        Ok(bytes)
    }
}

/// Parses `--max-bytes`: a number of bytes, optionally with a binary suffix
/// `K`, `M` or `G` (`64M` = 64 MiB).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, shift) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 10),
        Some((i, 'm' | 'M')) => (&s[..i], 20),
        Some((i, 'g' | 'G')) => (&s[..i], 30),
        _ => (s, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size (bytes, or with K, M or G)"))?;
    n.checked_mul(1 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{s:?} is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn too_large_input_is_an_error_before_reading_it_all() {
        let r = Reader {
            table: None,
            decode: DecodeOptions::default(),
            max_bytes: 10,
            max_caption_words: capsift::classify::DEFAULT_MAX_CAPTION_WORDS,
            html: None,
        };
        let e = r.read_limited(&b"0123456789abcdef"[..], 0).unwrap_err();
        assert_eq!(e.to_string(), "too large: more than --max-bytes 10 bytes");
        assert!(r.check_size(11).is_err() && r.check_size(10).is_ok());
        assert_eq!(r.read_limited(&b"0123456789"[..], 0).unwrap().len(), 10);
    }
}
