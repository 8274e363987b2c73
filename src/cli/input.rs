//! Reading one input (a file, standard input or a JSON string) and running
//! the library on it: decode, then clean.

use anyhow::{Context, bail};
use capsift::decode::{DecodeOptions, decode_bytes, decode_text};
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
        self.clean_bytes(&bytes, source)
    }

    /// Reads and cleans standard input.
    pub fn clean_stdin(&self) -> anyhow::Result<Cleaned> {
        let bytes = self.read_limited(std::io::stdin().lock(), 0)?;
        self.clean_bytes(&bytes, None)
    }

    /// Decodes and cleans bytes.
    pub fn clean_bytes(&self, bytes: &[u8], source: Option<String>) -> anyhow::Result<Cleaned> {
        let decoded = decode_bytes(bytes, &self.decode)?;
        let mut doc = capsift::clean(&decoded.text, &self.options(source));
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
        let mut doc = capsift::clean(&decoded.text, &self.options(None));
        doc.warnings.splice(0..0, decoded.warnings);
        doc
    }

    fn options(&self, source: Option<String>) -> Options {
        Options {
            agencies: self.table.clone(),
            source,
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
        };
        let e = r.read_limited(&b"0123456789abcdef"[..], 0).unwrap_err();
        assert_eq!(e.to_string(), "too large: more than --max-bytes 10 bytes");
        assert!(r.check_size(11).is_err() && r.check_size(10).is_ok());
        assert_eq!(r.read_limited(&b"0123456789"[..], 0).unwrap().len(), 10);
    }
}
