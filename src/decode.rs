//! Decoding: bytes to text.
//!
//! [`decode_bytes`] is what the command line uses. It finds the encoding — a
//! byte-order mark first, then valid UTF-8, then a guess by `chardetng` —
//! decodes with `encoding_rs` and repairs mojibake ([`repair_mojibake`]).
//! A file that is not text (NUL bytes) or is invalid in the encoding found is
//! an error, unless [`DecodeOptions::lossy`] asks for U+FFFD replacements.
//!
//! ```
//! use capsift::decode::{DecodeOptions, decode_bytes};
//! let opts = DecodeOptions::default();
//! // Windows-1252 bytes: `café’s`
//! let d = decode_bytes(b"Le caf\xe9\x92s de la place, le caf\xe9 du coin.", &opts).unwrap();
//! assert_eq!(d.encoding, "windows-1252");
//! assert_eq!(d.text, "Le café’s de la place, le café du coin.");
//! // UTF-8 that was once read as Windows-1252 is put right, with a warning
//! let d = decode_bytes("Le cafÃ© du coin".as_bytes(), &opts).unwrap();
//! assert_eq!(d.text, "Le café du coin");
//! assert_eq!(d.repairs.len(), 1);
//! ```
//!
//! [`decode`] is the older strict decoder: UTF-8 only (a UTF-8 byte-order
//! mark is allowed); with `lossy`, invalid sequences become U+FFFD.
//!
//! ```
//! use capsift::decode::decode;
//! assert_eq!(decode(b"\xef\xbb\xbfhello", false).unwrap().text, "hello");
//! assert!(decode(b"caf\xe9", false).is_err());
//! assert_eq!(decode(b"caf\xe9", true).unwrap().text, "caf\u{fffd}");
//! ```

use encoding_rs::{DecoderResult, Encoding};
use std::borrow::Cow;
use std::sync::LazyLock;

/// Decoded text and what decoding noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// The encoding read, as a WHATWG name (`UTF-8`, `windows-1252`,
    /// `Shift_JIS`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// Things the user may want to know: a guessed encoding, replacement
    /// characters, mojibake repairs, an empty input.
    pub warnings: Vec<String>,
    /// The mojibake repairs made (each also has a line in `warnings`).
    pub repairs: Vec<Repair>,
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not UTF-8 (strict [`decode`] only).
    #[error("not valid UTF-8 at byte {offset} (use --lossy to replace invalid bytes)")]
    InvalidUtf8 {
        /// Where the first invalid sequence starts.
        offset: usize,
    },
    /// NUL bytes near the start: not a text file.
    #[error("binary file (NUL byte at offset {offset})")]
    Binary {
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// A byte-order mark named the encoding but the bytes do not follow it.
    #[error("not valid {encoding} at byte {offset} (use --lossy to replace invalid bytes)")]
    Malformed {
        /// The encoding the byte-order mark names.
        encoding: &'static str,
        /// Where the first invalid sequence starts.
        offset: usize,
    },
    /// Neither UTF-8 nor the best guess decodes the bytes cleanly.
    #[error(
        "not valid UTF-8 (byte {utf8_offset}) nor {guess}, the likeliest other encoding \
         (use --lossy to replace invalid bytes)"
    )]
    Undecodable {
        /// The encoding `chardetng` found likeliest.
        guess: &'static str,
        /// Where the first invalid UTF-8 sequence starts.
        utf8_offset: usize,
    },
}

/// How [`decode_bytes`] decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Replace invalid sequences with U+FFFD (with a warning) instead of failing.
    pub lossy: bool,
    /// Repair mojibake with [`repair_mojibake`].
    pub repair_mojibake: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            lossy: false,
            repair_mojibake: true,
        }
    }
}

/// Decodes `bytes` as UTF-8, dropping a byte-order mark (the strict decoder).
pub fn decode(bytes: &[u8], lossy: bool) -> Result<Decoded<'_>, DecodeError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(decoded(Cow::Borrowed(s), "UTF-8", Vec::new())),
        Err(e) if !lossy => Err(DecodeError::InvalidUtf8 {
            offset: e.valid_up_to(),
        }),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let n = text.matches('\u{fffd}').count();
            let warning = format!("{n} invalid UTF-8 sequences replaced with U+FFFD");
            Ok(decoded(Cow::Owned(text), "UTF-8", vec![warning]))
        }
    }
}

/// NUL bytes are looked for in this many leading bytes (as `git` and `grep` do).
const BINARY_SNIFF_BYTES: usize = 8192;
/// `chardetng` sees at most this much; more does not change its guess.
const DETECT_BYTES: usize = 1 << 20;

/// Decodes bytes in whatever encoding they are in.
///
/// The encoding is the byte-order mark's when there is one (UTF-8, UTF-16LE,
/// UTF-16BE); else UTF-8 when the bytes are valid UTF-8; else `chardetng`'s
/// guess, accepted only when it decodes without errors into text without
/// control characters. Then mojibake is repaired (see [`repair_mojibake`]).
/// An empty input is an empty text with an `empty file` warning.
///
/// ```
/// use capsift::decode::{DecodeOptions, decode_bytes};
/// let opts = DecodeOptions::default();
/// let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("東京で記者会見が開かれた。写真は共同通信。");
/// let d = decode_bytes(&sjis, &opts).unwrap();
/// assert_eq!((d.encoding, &*d.text), ("Shift_JIS", "東京で記者会見が開かれた。写真は共同通信。"));
/// assert!(decode_bytes(b"PK\x03\x04\x00\x00", &opts).is_err());
/// ```
pub fn decode_bytes<'a>(bytes: &'a [u8], opts: &DecodeOptions) -> Result<Decoded<'a>, DecodeError> {
    if bytes.is_empty() {
        return Ok(decoded(Cow::Borrowed(""), "UTF-8", vec!["empty file".into()]));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_declared(&bytes[bom_len..], enc, opts).map_err(|e| match e {
            // offsets count from the start of the file, byte-order mark included
            DecodeError::Malformed { encoding, offset } => DecodeError::Malformed {
                encoding,
                offset: offset + bom_len,
            },
            e => e,
        });
    }
    if let Some(offset) = memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)]) {
        return Err(DecodeError::Binary { offset });
    }
    let utf8_offset = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok(repaired(decoded(Cow::Borrowed(s), "UTF-8", Vec::new()), opts)),
        Err(e) => e.valid_up_to(),
    };
    let guess = guess_encoding(bytes);
    let note = format!("encoding detected: {} (not UTF-8)", guess.name());
    if let Some(text) = guess.decode_without_bom_handling_and_without_replacement(bytes) {
        let d = repaired(decoded(text, guess.name(), vec![note.clone()]), opts);
        if count_controls(&d.text) == 0 {
            return Ok(d);
        }
    }
    if opts.lossy {
        return Ok(repaired(least_damaged(bytes, guess, note), opts));
    }
    Err(DecodeError::Undecodable {
        guess: guess.name(),
        utf8_offset,
    })
}

/// Decodes bytes whose container declares their encoding (a web page's
/// `<meta charset>`, found by [`crate::html::declared_charset`]).
///
/// A byte-order mark wins, then the declaration, then detection as in
/// [`decode_bytes`]. One exception: bytes that are valid UTF-8 and hold
/// multi-byte sequences are UTF-8 whatever is declared. A page saved as UTF-8
/// keeps the `iso-8859-1` that its server's HTTP header overrode, and
/// decoding by the declaration would turn every accented letter into
/// mojibake; text in another encoding is almost never valid UTF-8 (the same
/// evidence [`repair_mojibake`] relies on). Mojibake is repaired in every case.
///
/// ```
/// use capsift::decode::{DecodeOptions, decode_declared_bytes};
/// let opts = DecodeOptions::default();
/// let latin1 = encoding_rs::WINDOWS_1252;
/// // UTF-8 bytes under an `iso-8859-1` declaration
/// let d = decode_declared_bytes("la policía gala".as_bytes(), Some(latin1), &opts).unwrap();
/// assert_eq!((&*d.text, d.encoding), ("la policía gala", "UTF-8"));
/// // Latin-1 bytes as declared
/// let d = decode_declared_bytes(b"la polic\xeda gala", Some(latin1), &opts).unwrap();
/// assert_eq!((&*d.text, d.encoding), ("la policía gala", "windows-1252"));
/// ```
pub fn decode_declared_bytes<'a>(
    bytes: &'a [u8],
    declared: Option<&'static Encoding>,
    opts: &DecodeOptions,
) -> Result<Decoded<'a>, DecodeError> {
    let utf8 = || std::str::from_utf8(bytes).is_ok_and(|s| !s.is_ascii());
    if let Some(enc) = declared
        && enc != encoding_rs::UTF_8
        && Encoding::for_bom(bytes).is_none()
    {
        if utf8() {
            let mut d = decode_bytes(bytes, opts)?;
            let note = format!("decoded as UTF-8, not the {} the page declares", enc.name());
            d.warnings.insert(0, note);
            return Ok(d);
        }
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            let note = format!("decoded as {} (declared by the page)", enc.name());
            return Ok(repaired(decoded(text, enc.name(), vec![note]), opts));
        }
    }
    decode_bytes(bytes, opts)
}

/// Text that is already decoded (a JSON string, say): only the mojibake
/// repair of [`decode_bytes`] applies, with its warnings.
///
/// ```
/// use capsift::decode::{DecodeOptions, decode_text};
/// let d = decode_text("Itâ€™s here", &DecodeOptions::default());
/// assert_eq!((&*d.text, d.warnings.len()), ("It’s here", 1));
/// ```
pub fn decode_text<'a>(text: &'a str, opts: &DecodeOptions) -> Decoded<'a> {
    repaired(decoded(Cow::Borrowed(text), "UTF-8", Vec::new()), opts)
}

/// Decodes with the encoding a byte-order mark declared.
fn decode_declared<'a>(
    bytes: &'a [u8],
    enc: &'static Encoding,
    opts: &DecodeOptions,
) -> Result<Decoded<'a>, DecodeError> {
    let note = (enc != encoding_rs::UTF_8).then(|| format!("encoding: {} (byte-order mark)", enc.name()));
    if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(repaired(decoded(text, enc.name(), note.into_iter().collect()), opts));
    }
    if !opts.lossy {
        let offset = first_malformed(bytes, enc);
        return Err(DecodeError::Malformed {
            encoding: enc.name(),
            offset,
        });
    }
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let n = text.matches('\u{fffd}').count();
    let mut warnings: Vec<String> = note.into_iter().collect();
    warnings.push(format!("{n} invalid {} sequences replaced with U+FFFD", enc.name()));
    Ok(repaired(decoded(text, enc.name(), warnings), opts))
}

/// `chardetng`'s guess for bytes that are not UTF-8.
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    det.feed(sample, sample.len() == bytes.len());
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    // The WHATWG GBK decoder *is* the gb18030 decoder; name what was accepted.
    if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    }
}

/// With `--lossy`: UTF-8 or the guess, whichever leaves fewer characters replaced.
fn least_damaged<'a>(bytes: &'a [u8], guess: &'static Encoding, note: String) -> Decoded<'a> {
    let utf8 = String::from_utf8_lossy(bytes);
    let (legacy, _) = guess.decode_without_bom_handling(bytes);
    let damage = |s: &str| s.matches('\u{fffd}').count() + count_controls(s);
    let (text, enc, mut warnings) = if damage(&legacy) < damage(&utf8) {
        (legacy, guess, vec![note])
    } else {
        (utf8, encoding_rs::UTF_8, Vec::new())
    };
    let n = damage(&text);
    let text = if count_controls(&text) > 0 {
        Cow::Owned(
            text.chars()
                .map(|c| if is_control(c) { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        text
    };
    warnings.push(format!("{n} invalid {} sequences replaced with U+FFFD", enc.name()));
    decoded(text, enc.name(), warnings)
}

/// The byte offset of the first malformed sequence (the input is known to
/// have one), decoding in small chunks rather than into a copy of it all.
fn first_malformed(bytes: &[u8], enc: &'static Encoding) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut scratch = String::with_capacity(8192);
    let mut at = 0;
    loop {
        scratch.clear();
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[at..], &mut scratch, true);
        match result {
            // `read` is past the bad sequence and the `after` bytes read beyond it
            DecoderResult::Malformed(bad, after) => return at + read - after as usize - bad as usize,
            DecoderResult::OutputFull => at += read,
            DecoderResult::InputEmpty => return bytes.len(),
        }
    }
}

fn decoded<'a>(text: Cow<'a, str>, encoding: &'static str, warnings: Vec<String>) -> Decoded<'a> {
    Decoded {
        text,
        encoding,
        warnings,
        repairs: Vec::new(),
    }
}

/// At most this many repairs are listed one by one in the warnings.
const MAX_REPAIR_WARNINGS: usize = 10;

/// Applies [`repair_mojibake`] when asked, and says what it changed.
fn repaired<'a>(mut d: Decoded<'a>, opts: &DecodeOptions) -> Decoded<'a> {
    if !opts.repair_mojibake {
        return d;
    }
    let (fixed, repairs) = repair_mojibake(&d.text);
    let fixed = match fixed {
        Cow::Owned(s) => Some(s),
        Cow::Borrowed(_) => None,
    };
    if let Some(s) = fixed {
        d.text = Cow::Owned(s);
    }
    for r in repairs.iter().take(MAX_REPAIR_WARNINGS) {
        d.warnings.push(r.to_string());
    }
    if repairs.len() > MAX_REPAIR_WARNINGS {
        let more = repairs.len() - MAX_REPAIR_WARNINGS;
        d.warnings.push(format!("… and {more} more mojibake repairs"));
    }
    d.repairs = repairs;
    d
}

/// Control characters that do not belong in text (tabs, newlines and form
/// feeds do); a legacy decoding that yields them is a wrong guess.
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

fn count_controls(s: &str) -> usize {
    s.chars().filter(|&c| is_control(c)).count()
}

/// One stretch of mojibake put right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// 1-based line of the text where it was.
    pub line: usize,
    /// The text as it was (`Ã©`).
    pub from: String,
    /// The text as repaired (`é`).
    pub to: String,
    /// How the UTF-8 bytes had been misread: `windows-1252` or `ISO-8859-1`.
    pub misread_as: &'static str,
    /// 1, or 2 when the text had been misread twice.
    pub passes: u8,
}

impl std::fmt::Display for Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let twice = if self.passes > 1 { " twice" } else { "" };
        write!(
            f,
            "line {}: mojibake repaired: {:?} → {:?} (UTF-8 read as {}{twice})",
            self.line, self.from, self.to, self.misread_as
        )
    }
}

/// Repairs text that was UTF-8 once decoded as Windows-1252 or Latin-1
/// (`â€™` → `’`, `Ã©` → `é`, `ì—°í•©ë‰´ìŠ¤` → `연합뉴스`), once or twice.
///
/// Each run of non-ASCII characters that all have a Windows-1252/Latin-1 byte
/// is tried on its own, so correct text around it is never touched. A run is
/// repaired when its bytes are strict UTF-8, the result has fewer mojibake
/// sequences and no control characters, and the evidence is strong: several
/// characters, one after the Latin mojibake leaders `Â`, `Ã`, `Ä`, `Å`, a
/// punctuation mark or symbol such as `’` or `€`, or a four-byte character.
/// Weaker evidence (`ß“` in German `„Spaß“` reads as NKo `ߓ`) is enough only
/// on a line with a strong repair into the same script. A run that fails as a
/// whole is tried stretch by stretch.
///
/// ```
/// use capsift::decode::repair_mojibake;
/// let (text, repairs) = repair_mojibake("Itâ€™s the cafÃ© of ì—°í•©ë‰´ìŠ¤");
/// assert_eq!(text, "It’s the café of 연합뉴스");
/// assert_eq!(repairs.len(), 3);
/// let (text, repairs) = repair_mojibake("„Das macht Spaß“, sagte er in der Straße.");
/// assert_eq!(text, "„Das macht Spaß“, sagte er in der Straße.");
/// assert!(repairs.is_empty());
/// ```
pub fn repair_mojibake(text: &str) -> (Cow<'_, str>, Vec<Repair>) {
    if !has_mojibake_leader(text) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut repairs = Vec::new();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        match repair_line(line, n + 1) {
            Some((fixed, mut r)) => {
                out.push_str(&fixed);
                repairs.append(&mut r);
            }
            None => out.push_str(line),
        }
    }
    if repairs.is_empty() {
        (Cow::Borrowed(text), repairs)
    } else {
        (Cow::Owned(out), repairs)
    }
}

/// Whether any character could start a misread UTF-8 sequence (`Â`..`ô`,
/// U+00C2–U+00F4, which UTF-8 writes as C3 82..C3 B4): a quick test that
/// lets almost all correct text through untouched.
fn has_mojibake_leader(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xC3, b).any(|i| b.get(i + 1).is_some_and(|n| (0x82..=0xB4).contains(n)))
}

/// A candidate repair of one run in a line.
struct Candidate {
    range: std::ops::Range<usize>,
    to: String,
    misread_as: &'static str,
    passes: u8,
    strong: bool,
}

/// The line with its mojibake runs repaired, or `None` when nothing changes.
fn repair_line(line: &str, line_no: usize) -> Option<(String, Vec<Repair>)> {
    let candidates: Vec<Candidate> = runs(line)
        .flat_map(|r| {
            let found = repair_run_or_parts(line, r.clone());
            if found.is_empty() {
                lost_soft_hyphen(line, r).into_iter().collect()
            } else {
                found
            }
        })
        .collect();
    // A weak repair needs a strong one on the line in the same script
    // (Cyrillic `и` beside `Путин`, a lone `第` beside `回答`).
    let strong_scripts: Vec<u32> = candidates
        .iter()
        .filter(|c| c.strong)
        .flat_map(|c| c.to.chars().map(script))
        .collect();
    let accepted: Vec<Candidate> = candidates
        .into_iter()
        .filter(|c| {
            c.strong
                || c.to
                    .chars()
                    .all(|ch| ch.is_ascii() || strong_scripts.contains(&script(ch)))
        })
        .collect();
    if accepted.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    let mut repairs = Vec::with_capacity(accepted.len());
    for c in accepted {
        out.push_str(&line[at..c.range.start]);
        out.push_str(&c.to);
        at = c.range.end;
        repairs.push(Repair {
            line: line_no,
            from: line[c.range].to_string(),
            to: c.to,
            misread_as: c.misread_as,
            passes: c.passes,
        });
    }
    out.push_str(&line[at..]);
    Some((out, repairs))
}

/// Byte ranges of maximal runs of non-ASCII characters that have a
/// Windows-1252 or Latin-1 byte; mojibake never contains ASCII because every
/// byte of a multi-byte UTF-8 sequence is 0x80 or above.
fn runs(line: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut chars = line.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c) = chars.next()?;
            if c.is_ascii() || misread_byte(c).is_none() {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_ascii() || misread_byte(c).is_none() {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            return Some(start..end);
        }
    })
}

/// Repairs a run whole, or else each stretch of it made of well-formed
/// sequences (`Â«` in `Â«\u{a0}`, where the no-break space was not misread).
fn repair_run_or_parts(line: &str, run: std::ops::Range<usize>) -> Vec<Candidate> {
    if let Some(c) = repair_run(line, run.clone()) {
        return vec![c];
    }
    sequence_stretches(&line[run.clone()])
        .into_iter()
        .filter_map(|r| repair_run(line, run.start + r.start..run.start + r.end))
        .collect()
}

/// `í` is C3 AD in UTF-8, and AD misread is the soft hyphen, which is
/// invisible, so scrapers and editors drop it: `policía` comes out as
/// `policÃa`, a lone `Ã` between two small letters, which no language
/// writes. The evidence is weak (a bare byte), so it counts only on a line
/// with a strong repair ([`repair_line`]). At a word's end `Ã` is left alone:
/// `aquÃ ` may be `aquí` or `già` (C3 A0, the no-break space made a space).
fn lost_soft_hyphen(line: &str, run: std::ops::Range<usize>) -> Option<Candidate> {
    let small = |c: Option<char>| c.is_some_and(char::is_lowercase);
    let inside_word = small(line[..run.start].chars().next_back()) && small(line[run.end..].chars().next());
    (&line[run.clone()] == "Ã" && inside_word).then(|| Candidate {
        range: run,
        to: "í".to_string(),
        misread_as: "windows-1252",
        passes: 1,
        strong: false,
    })
}

/// Byte ranges of `run` covered by consecutive well-formed multi-byte UTF-8
/// sequences in its misread bytes.
fn sequence_stretches(run: &str) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<(usize, u8)> = run
        .char_indices()
        .filter_map(|(i, c)| Some((i, misread_byte(c)?)))
        .collect();
    let end_of = |k: usize| chars.get(k).map_or(run.len(), |&(i, _)| i);
    let (mut out, mut open): (Vec<std::ops::Range<usize>>, Option<usize>) = (Vec::new(), None);
    let mut k = 0;
    while k < chars.len() {
        let need = utf8_continuations(chars[k].1);
        let whole = need > 0 && (1..=need).all(|j| chars.get(k + j).is_some_and(|&(_, b)| (0x80..=0xbf).contains(&b)));
        if whole {
            open.get_or_insert(chars[k].0);
            k += need + 1;
        } else {
            if let Some(start) = open.take() {
                out.push(start..end_of(k));
            }
            k += 1;
        }
    }
    if let Some(start) = open {
        out.push(start..run.len());
    }
    out
}

/// How many continuation bytes a UTF-8 lead byte wants (0: not a lead).
fn utf8_continuations(b: u8) -> usize {
    match b {
        0xc2..=0xdf => 1,
        0xe0..=0xef => 2,
        0xf0..=0xf4 => 3,
        _ => 0,
    }
}

/// Tries to repair one run, at most twice.
fn repair_run(line: &str, range: std::ops::Range<usize>) -> Option<Candidate> {
    let from = &line[range.clone()];
    // Each pass must shrink the mojibake; a middle state may hold C1 bytes
    // (Latin-1 mojibake of mojibake), so only the state kept must be clean.
    let mut states = vec![from.to_string()];
    while states.len() <= 2 {
        let cur = states.last().expect("starts non-empty");
        let Some(bytes) = cur.chars().map(misread_byte).collect::<Option<Vec<u8>>>() else {
            break;
        };
        match String::from_utf8(bytes) {
            // a second pass must stand on its own: `ßœ` is right, not NKo `ߜ`
            Ok(next) if suspicious(&next) < suspicious(cur) && (states.len() == 1 || strong_evidence(cur, &next)) => {
                states.push(next)
            }
            _ => break,
        }
    }
    let passes = (1..states.len()).rev().find(|&i| !states[i].chars().any(implausible))?;
    let misread_as = misread_as(&states[..passes]);
    let to = states.swap_remove(passes);
    Some(Candidate {
        range,
        strong: strong_evidence(from, &to),
        to,
        misread_as,
        passes: passes as u8,
    })
}

/// `ISO-8859-1` when a misread state has a C1 control that Windows-1252
/// shows as a character of its own (U+0092 where it has `’`), else
/// `windows-1252` (the two agree on everything else; WHATWG Windows-1252 also
/// yields C1 controls for its five undefined bytes).
fn misread_as(states: &[String]) -> &'static str {
    let latin1_only = |c: char| ('\u{80}'..='\u{9f}').contains(&c) && WINDOWS_1252_HIGH[c as usize - 0x80] != c;
    if states.iter().flat_map(|s| s.chars()).any(latin1_only) {
        "ISO-8859-1"
    } else {
        "windows-1252"
    }
}

/// A coarse script class, enough to tell whether two repairs agree.
fn script(c: char) -> u32 {
    match c as u32 {
        0..=0x24f | 0x1e00..=0x1eff => 0,
        0x370..=0x3ff => 1,
        0x400..=0x52f => 2,
        0x590..=0x5ff => 3,
        0x600..=0x6ff | 0x750..=0x77f => 4,
        0x1100..=0x11ff | 0x2e80..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0xff00..=0xffef => 5,
        0x2000..=0x2bff => 6,
        n => 0x100 + (n >> 8),
    }
}

/// Whether a repair stands on its own (see [`repair_mojibake`]): several
/// characters; or one after a Latin mojibake leader; or one of the
/// punctuation, currency and letterlike symbols (`’`, `—`, `€`, `™`) that
/// make up most single-character mojibake; or one of four UTF-8 bytes. A
/// lone letter of three bytes is not: `má»“` may be Vietnamese `mồ` misread,
/// or `má` followed by `»“`; it needs a strong repair in its script on the line. A lone
/// CJK character from an accented letter and two punctuation marks
/// (`José”…`) is not enough.
fn strong_evidence(from: &str, to: &str) -> bool {
    let mut non_ascii = to.chars().filter(|c| !c.is_ascii());
    let (Some(c), None) = (non_ascii.next(), non_ascii.next()) else {
        return true;
    };
    from.starts_with(['Â', 'Ã', 'Ä', 'Å'])
        || matches!(c as u32, 0x2000..=0x206f | 0x20a0..=0x20cf | 0x2100..=0x214f)
        || c.len_utf8() == 4
}

/// Characters a repair must not produce.
fn implausible(c: char) -> bool {
    is_control(c)
        || c == '\u{fffd}'
        || ('\u{e000}'..='\u{f8ff}').contains(&c)
        || ('\u{fdd0}'..='\u{fdef}').contains(&c)
        || (c as u32 & 0xfffe) == 0xfffe
}

/// How many well-formed multi-byte UTF-8 sequences the text's misread bytes
/// hold: the signature of mojibake.
fn suspicious(s: &str) -> usize {
    let bytes: Vec<Option<u8>> = s
        .chars()
        .map(|c| if c.is_ascii() { None } else { misread_byte(c) })
        .collect();
    let is_cont = |i: usize| {
        bytes
            .get(i)
            .copied()
            .flatten()
            .is_some_and(|b| (0x80..=0xbf).contains(&b))
    };
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() {
        let need = bytes[i].map_or(0, utf8_continuations);
        if need > 0 && (1..=need).all(|k| is_cont(i + k)) {
            n += 1;
            i += need;
        }
        i += 1;
    }
    n
}

/// The byte a character came from when UTF-8 was decoded as Windows-1252
/// (`’` ← 0x92) or Latin-1 (U+0092 ← 0x92); `None` for other characters.
fn misread_byte(c: char) -> Option<u8> {
    match c as u32 {
        0..=0xff => Some(c as u32 as u8),
        _ => WINDOWS_1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8),
    }
}

/// What Windows-1252 makes of 0x80..=0x9F, from `encoding_rs`'s table.
static WINDOWS_1252_HIGH: LazyLock<[char; 32]> = LazyLock::new(|| {
    let bytes: Vec<u8> = (0x80..=0x9f).collect();
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    let mut table = ['\0'; 32];
    for (slot, c) in table.iter_mut().zip(text.chars()) {
        *slot = c;
    }
    table
});

#[cfg(test)]
mod tests {
    use super::*;

    fn mojibake(s: &str) -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(s.as_bytes())
            .0
            .into_owned()
    }

    fn latin1_mojibake(s: &str) -> String {
        s.bytes().map(char::from).collect()
    }

    #[test]
    fn correct_text_is_never_changed() {
        let texts = [
            // French: œ, guillemets with and without spaces, ligatures, apostrophes
            "« L’œuvre de l’été », a-t-il dit. Cœur, sœur, Noël, «ÉTÉ», naïve, garçon, où ça ?",
            "À Paris, l’Élysée a confirmé hier… Ça déçoit — “vraiment”.",
            // German: ß before closing quotes, umlauts, »…«
            "„Das macht Spaß“, sagte er. »Straße« und „Fuß“. ÄÖÜ äöü ß GRÜẞE, Größe 42°.",
            "Die Übergröße «Maß» kostet 12,50 € – Ölpreis ±3 %.",
            // Spanish: inverted marks, ñ, guillemets, ordinals
            "¿Qué pasó? ¡Olé! «ESPAÑA» ganó el 1.º de mayo; el niño tenía 5 años. Sra. Muñoz, 3ª vez.",
            // Portuguese and Polish in caps
            "NÃO, IRMÃ; SÃO PAULO. Łódź, Żywiec, ŚWIĘTO, zażółć gęślą jaźń.",
            // Vietnamese
            "Hà Nội: Thủ tướng Phạm Minh Chính đã gặp các đại biểu tại Quốc hội. Ảnh: TTXVN",
            "Người dân Đà Nẵng đón Tết; ông Nguyễn Văn Á nói “tôi rất vui”.",
            // Chinese, Japanese, Korean with their punctuation
            "新华社记者 李鑫 摄。“让·保罗”——这是他的名字…… 《人民日报》",
            "東京（共同）＝写真は共同通信社提供。「記者会見」で述べた。",
            "ⓒ연합뉴스 서울=연합뉴스 기자 · 사진",
            // an accented letter before two punctuation marks
            "Dijo «José»… y “José”… o «sí»— pero “Hà”…",
            // symbols next to letters
            "Température : 25 °C, 2×3 m², ½ litre, © AFP, ® ™, § 4, µg, ¼, Ø 30 mm, Å 5",
        ];
        for t in texts {
            let (out, repairs) = repair_mojibake(t);
            assert_eq!(out, t, "changed correct text");
            assert!(repairs.is_empty(), "{t}: {repairs:?}");
        }
    }

    /// Words and marks of correct French, German, Spanish, Vietnamese,
    /// Chinese, Japanese and Korean text, to be glued in any order. (`×`
    /// is left out: `×“×“` glued is exactly Hebrew mojibake, `דד`.)
    const TOKENS: &[&str] = &[
        "été",
        "Noël",
        "œuvre",
        "cœur",
        "Élysée",
        "ÉTÉ",
        "déjà",
        "où",
        "naïve",
        "garçon",
        "Straße",
        "Spaß",
        "Größe",
        "Übermaß",
        "Ärger",
        "ÄÖÜ",
        "Fuß",
        "¿Qué",
        "¡Olé",
        "España",
        "AÑO",
        "niño",
        "José",
        "sí",
        "1.º",
        "3ª",
        "Hà",
        "Nội",
        "người",
        "Đà",
        "Nẵng",
        "Việt",
        "Thủ",
        "tướng",
        "bà",
        "má",
        "新华社",
        "记者",
        "摄",
        "東京",
        "共同",
        "연합뉴스",
        "“",
        "”",
        "„",
        "‚",
        "‘",
        "’",
        "«",
        "»",
        "‹",
        "›",
        "…",
        "—",
        "–",
        "·",
        "°",
        "€",
        "©",
        "®",
        "™",
        "§",
        "±",
        "²",
        "½",
        "\u{a0}",
    ];

    proptest::proptest! {
        #[test]
        fn correct_text_glued_any_way_is_never_changed(
            parts in proptest::collection::vec(
                (proptest::sample::select(TOKENS), proptest::sample::select(&["", "", " ", ", ", "\n"][..])),
                1..60,
            )
        ) {
            let text: String = parts.iter().flat_map(|(w, sep)| [*w, *sep]).collect();
            let (out, repairs) = repair_mojibake(&text);
            proptest::prop_assert_eq!(&*out, text.as_str(), "{:?}", repairs);
        }
    }

    #[test]
    fn lone_letters_are_repaired_beside_evidence_in_their_script() {
        for t in [
            "Thủ tướng Việt Nam thăm Đà Nẵng",
            "新华社记者 李鑫 摄",
            "Tin từ Hà Nội: Việt",
        ] {
            let input = mojibake(t);
            let (out, _) = repair_mojibake(&input);
            assert_eq!(out, t, "from {input:?}");
        }
        // alone, `ẵ` is as likely `á` followed by `ºµ`: left as it is
        assert_eq!(repair_mojibake(&mojibake("Nẵng")).0, mojibake("Nẵng"));
    }

    /// Words and marks whose misreading shows on its own.
    const EVIDENT_TOKENS: &[&str] = &[
        "été",
        "Noël",
        "œuvre",
        "cœur",
        "Élysée",
        "ÉTÉ",
        "déjà",
        "où",
        "naïve",
        "garçon",
        "Straße",
        "Spaß",
        "Größe",
        "Übermaß",
        "Ärger",
        "Fuß",
        "¿Qué",
        "¡Olé",
        "España",
        "AÑO",
        "niño",
        "José",
        "Hà",
        "bà",
        "má",
        "người",
        "tướng",
        "新华社",
        "记者",
        "東京",
        "共同",
        "연합뉴스",
        "“",
        "”",
        "„",
        "‘",
        "’",
        "«",
        "»",
        "…",
        "—",
        "–",
        "·",
        "°",
        "€",
        "©",
        "™",
        "½",
        "\u{a0}",
    ];

    proptest::proptest! {
        #[test]
        fn mojibake_of_evident_text_is_repaired(
            parts in proptest::collection::vec(
                (proptest::sample::select(EVIDENT_TOKENS), proptest::sample::select(&["", " ", ", ", "\n"][..])),
                1..30,
            )
        ) {
            let text: String = parts.iter().flat_map(|(w, sep)| [*w, *sep]).collect();
            let input = mojibake(&text);
            let (out, _) = repair_mojibake(&input);
            proptest::prop_assert_eq!(&*out, text.as_str(), "from {:?}", input);
        }
    }

    #[test]
    fn windows_1252_mojibake_is_repaired() {
        for t in [
            "It’s “quoted” — and café, naïve, Noël",
            "Zażółć gęślą jaźń, Łódź, Żywiec",
            "Straße, Größe, Übermaß",
            "¿Qué pasó en España?",
            "연합뉴스 서울 기자",
            "Путин и Шойгу в Пхеньяне",
            "新华社记者 李鑫 摄",
            "Ελληνικά και עברית ו-العربية",
        ] {
            let input = mojibake(t);
            let (out, repairs) = repair_mojibake(&input);
            assert_eq!(out, t);
            assert!(!repairs.is_empty());
            assert!(repairs.iter().all(|r| r.misread_as == "windows-1252" && r.passes == 1));
        }
    }

    #[test]
    fn latin1_and_double_mojibake_are_repaired() {
        let t = "“Noël” à l’école";
        let input = latin1_mojibake(t);
        let (out, repairs) = repair_mojibake(&input);
        assert_eq!(out, t);
        assert!(repairs.iter().any(|r| r.misread_as == "ISO-8859-1"));
        let input = mojibake(&mojibake(t));
        let (out, repairs) = repair_mojibake(&input);
        assert_eq!(out, t);
        assert!(repairs.iter().all(|r| r.passes == 2));
    }

    #[test]
    fn only_the_mojibake_in_a_mixed_line_changes() {
        let line = "„Spaß“ und cafÃ© — 東京 â€” Größe";
        let (out, repairs) = repair_mojibake(line);
        assert_eq!(out, "„Spaß“ und café — 東京 — Größe");
        let (out, _) = repair_mojibake("„Spaß“ and Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð² Ð¼Ð¸Ñ€Ðµ");
        assert_eq!(
            out, "„Spaß“ and привет в мире",
            "the lone Cyrillic `в` goes with its line"
        );
        assert_eq!(repairs.len(), 2);
        assert_eq!(repairs[0].from, "Ã©");
        assert_eq!(repairs[0].line, 1);
    }

    #[test]
    fn a_run_mixing_good_and_misread_characters_is_repaired_in_parts() {
        let (out, repairs) = repair_mojibake("dit : Â«\u{a0}oui\u{a0}Â» et Ã©tÃ©é");
        assert_eq!(out, "dit : «\u{a0}oui\u{a0}» et étéé");
        assert_eq!(repairs.len(), 4);
    }

    #[test]
    fn a_lost_soft_hyphen_is_an_i_acute_beside_other_repairs() {
        // `í` misread is `Ã` and a soft hyphen; the soft hyphen was dropped.
        let (out, repairs) = repair_mojibake("la policÃa gala detuvo en el paÃs vecino a la jefa de la organizaciÃ³n");
        assert_eq!(
            out,
            "la policía gala detuvo en el país vecino a la jefa de la organización"
        );
        assert_eq!(repairs.len(), 3);
        assert_eq!((repairs[0].from.as_str(), repairs[0].to.as_str()), ("Ã", "í"));
        // alone on its line it is not evidence enough
        let line = "la policÃa gala";
        assert_eq!(repair_mojibake(line).0, line);
        // at a word's end it may be `à` as well as `í`; in capitals it is Portuguese
        let line = "aquÃ y allÃ, SÃO PAULO, la organizaciÃ³n";
        assert_eq!(repair_mojibake(line).0, "aquÃ y allÃ, SÃO PAULO, la organización");
    }

    #[test]
    fn repairs_report_their_line() {
        let (out, repairs) = repair_mojibake("good line\nthe cafÃ©\nend\n");
        assert_eq!(out, "good line\nthe café\nend\n");
        assert_eq!(repairs[0].line, 2);
        assert_eq!(
            repairs[0].to_string(),
            "line 2: mojibake repaired: \"Ã©\" → \"é\" (UTF-8 read as windows-1252)"
        );
    }

    fn enc(e: &'static Encoding, s: &str) -> Vec<u8> {
        let (b, _, unmappable) = e.encode(s);
        assert!(!unmappable);
        b.into_owned()
    }

    const JA: &str = "東京で記者会見が開かれ、首相は新しい経済対策を発表した。写真は共同通信の提供。";
    const KO: &str = "서울에서 기자회견이 열렸으며 총리는 새로운 경제 대책을 발표했다. 사진은 연합뉴스 제공.";
    const ZH: &str = "国务院总理在北京人民大会堂会见了来访的外国代表团，新华社记者李鑫摄。";
    const ZH_TW: &str = "行政院長在臺北召開記者會，宣布新的經濟政策，中央社記者攝影。";
    const PL: &str =
        "Premier spotkał się w Warszawie z przedstawicielami związków zawodowych. Źródło: PAP, fot. Łukasz Gągulski.";

    #[test]
    fn legacy_encodings_are_detected() {
        let opts = DecodeOptions::default();
        let cases: [(&'static Encoding, &str, &[&str]); 5] = [
            (encoding_rs::SHIFT_JIS, JA, &["Shift_JIS"]),
            (encoding_rs::EUC_KR, KO, &["EUC-KR"]),
            (encoding_rs::GB18030, ZH, &["gb18030"]),
            (encoding_rs::BIG5, ZH_TW, &["Big5"]),
            (encoding_rs::ISO_8859_2, PL, &["ISO-8859-2"]),
        ];
        for (e, text, names) in cases {
            let bytes = enc(e, text);
            let d = decode_bytes(&bytes, &opts).unwrap();
            assert_eq!(d.text, text);
            assert!(names.contains(&d.encoding), "{} read as {}", e.name(), d.encoding);
            assert!(d.warnings[0].starts_with("encoding detected"));
        }
    }

    #[test]
    fn byte_order_marks_win() {
        let opts = DecodeOptions::default();
        for (e, bom) in [
            (encoding_rs::UTF_16LE, &b"\xff\xfe"[..]),
            (encoding_rs::UTF_16BE, b"\xfe\xff"),
        ] {
            // encoding_rs encodes to UTF-16 as UTF-8 (per WHATWG), so by hand
            let mut bytes = bom.to_vec();
            for u in KO.encode_utf16() {
                let pair = if e == encoding_rs::UTF_16LE {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                };
                bytes.extend(pair);
            }
            let d = decode_bytes(&bytes, &opts).unwrap();
            assert_eq!((d.text.as_ref(), d.encoding), (KO, e.name()));
        }
        let d = decode_bytes("\u{feff}café".as_bytes(), &opts).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), ("café", "UTF-8"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn bad_input_is_a_clear_error() {
        let opts = DecodeOptions::default();
        let e = decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", &opts).unwrap_err();
        assert_eq!(e.to_string(), "binary file (NUL byte at offset 8)");
        let e = decode_bytes(b"\xff\xfe\x00\xd8", &opts).unwrap_err();
        assert!(
            matches!(
                e,
                DecodeError::Malformed {
                    encoding: "UTF-16LE",
                    offset: 2
                }
            ),
            "{e:?}"
        );
        let mut long = b"\xff\xfe".to_vec();
        long.extend(b"a\x00".repeat(20_000));
        long.extend(b"\x00\xd8a\x00");
        let e = decode_bytes(&long, &opts).unwrap_err();
        assert!(matches!(e, DecodeError::Malformed { offset: 40_002, .. }), "{e:?}");
        // control bytes in every reading
        let junk: Vec<u8> = (1..=8u8).chain([0x81, 0x8d, 0x8f, 0x90, 0x9d].repeat(20)).collect();
        let e = decode_bytes(&junk, &opts).unwrap_err();
        assert!(matches!(e, DecodeError::Undecodable { utf8_offset: 8, .. }), "{e:?}");
        let lossy = DecodeOptions { lossy: true, ..opts };
        let d = decode_bytes(&junk, &lossy).unwrap();
        assert!(d.text.contains('\u{fffd}'));
        assert!(d.warnings.iter().any(|w| w.contains("replaced with U+FFFD")));
    }

    #[test]
    fn empty_input_is_an_empty_text_with_a_warning() {
        let d = decode_bytes(b"", &DecodeOptions::default()).unwrap();
        assert_eq!(
            (d.text.as_ref(), d.warnings.as_slice()),
            ("", &["empty file".to_string()][..])
        );
    }

    #[test]
    fn utf8_with_a_stray_latin1_byte_is_read_as_windows_1252_and_repaired() {
        let mut bytes = "Le café “du coin”, ".as_bytes().to_vec();
        bytes.extend(b"o\xf9 est-il ?");
        let d = decode_bytes(&bytes, &DecodeOptions::default()).unwrap();
        assert_eq!(d.text, "Le café “du coin”, où est-il ?");
        assert_eq!(d.encoding, "windows-1252");
    }
}
