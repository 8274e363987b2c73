//! Decoding: bytes to text.
//!
//! Input must be UTF-8 (a UTF-8 byte-order mark is allowed). With `lossy`,
//! invalid sequences become U+FFFD and a warning says how many there were.
//!
//! ```
//! use capsift::decode::decode;
//! assert_eq!(decode(b"\xef\xbb\xbfhello", false).unwrap().text, "hello");
//! assert!(decode(b"caf\xe9", false).is_err());
//! assert_eq!(decode(b"caf\xe9", true).unwrap().text, "caf\u{fffd}");
//! ```

use std::borrow::Cow;

/// Decoded text and what decoding noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// The encoding read, as a WHATWG label (`UTF-8`).
    pub encoding: &'static str,
    /// Things the user may want to know (replacement characters, …).
    pub warnings: Vec<String>,
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not UTF-8.
    #[error("not valid UTF-8 at byte {offset} (use --lossy to replace invalid bytes)")]
    InvalidUtf8 {
        /// Where the first invalid sequence starts.
        offset: usize,
    },
}

/// Decodes `bytes` as UTF-8, dropping a byte-order mark.
pub fn decode(bytes: &[u8], lossy: bool) -> Result<Decoded<'_>, DecodeError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: Cow::Borrowed(s),
            encoding: "UTF-8",
            warnings: Vec::new(),
        }),
        Err(e) if !lossy => Err(DecodeError::InvalidUtf8 {
            offset: e.valid_up_to(),
        }),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let n = text.matches('\u{fffd}').count();
            Ok(Decoded {
                text: Cow::Owned(text),
                encoding: "UTF-8",
                warnings: vec![format!("{n} invalid UTF-8 sequences replaced with U+FFFD")],
            })
        }
    }
}
