//! Normalisation: the text as a reader sees it, with a map back to the input.
//!
//! Scraped text carries byte-order marks, zero-width spaces, soft hyphens,
//! control characters, non-breaking spaces, CRLF line ends and runs of spaces
//! that a reader never sees but that break comparisons and language guesses.
//! [`normalize`] removes them and composes the text to Unicode NFC; nothing
//! else changes. Offsets in the output refer to the input through
//! [`OffsetMap`], so spans in the final document point at the decoded input.
//!
//! ```
//! use capsift::normalize::normalize;
//! let n = normalize("Caf\u{65}\u{301}\u{a0} au  lait\r\n");
//! assert_eq!(n.text, "Café au lait\n");
//! assert_eq!(n.map.to_input(n.text.find("au").unwrap()), 9);
//! ```

use std::ops::Range;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Maps byte offsets in normalised text back to the input it came from.
///
/// Stored as checkpoints where the two texts fall out of step; between
/// checkpoints both advance together. Offsets at the edges of removed or
/// replaced characters map exactly; that is all spans ever need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(normalised offset, input offset)`, increasing in both.
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The input offset of normalised offset `pos`.
    pub fn to_input(&self, pos: usize) -> usize {
        let i = self.points.partition_point(|&(n, _)| n <= pos);
        let mapped = match i {
            0 => pos,
            _ => {
                let (n, o) = self.points[i - 1];
                o + (pos - n)
            }
        };
        // Inside a stretch that grew (NFC can decompose), stay short of the
        // next checkpoint rather than run past it.
        match self.points.get(i) {
            Some(&(_, next)) => mapped.min(next),
            None => mapped,
        }
    }

    fn mark(&mut self, out: usize, input: usize) {
        // Marks come in increasing order, mostly past the last checkpoint,
        // where the map is linear: no search needed (it runs twice a char).
        let mapped = match self.points.last() {
            Some(&(n, o)) if out >= n => o + (out - n),
            None => out,
            Some(_) => self.to_input(out),
        };
        if mapped == input {
            return;
        }
        if let Some(last) = self.points.last_mut()
            && last.0 == out
        {
            last.1 = input;
            return;
        }
        self.points.push((out, input));
    }

    /// Composes `self` (normalised → intermediate) with `inner` (intermediate → input).
    fn then(&self, inner: &OffsetMap) -> OffsetMap {
        let mut out = OffsetMap::default();
        // Every checkpoint of either map becomes one of the composition.
        let mut cuts: Vec<usize> = self.points.iter().map(|p| p.0).collect();
        for &(mid, _) in &inner.points {
            // The normalised offset that lands on `mid`, if the outer map is
            // linear there: invert the outer segment containing it.
            let i = self.points.partition_point(|&(_, m)| m <= mid);
            let (n0, m0) = if i == 0 { (0, 0) } else { self.points[i - 1] };
            cuts.push(n0 + (mid - m0));
        }
        cuts.sort_unstable();
        cuts.dedup();
        for n in cuts {
            out.mark(n, inner.to_input(self.to_input(n)));
        }
        out
    }
}

/// Normalised text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Offsets in `text` back to the input.
    pub map: OffsetMap,
}

/// Characters dropped outright: invisible formatting that carries no meaning
/// in running text. ZWJ and ZWNJ are kept: Persian, Indic scripts and emoji
/// need them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || (c.is_control() && c != '\n' && c != '\t' && c != '\r')
}

/// Spaces that render as an ordinary space. The ideographic space (U+3000) is
/// kept: in CJK text it is deliberate.
fn is_plain_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
    )
}

/// Normalises `input`: NFC, LF line ends, invisible and control characters
/// removed, Unicode spaces as plain spaces, runs of spaces collapsed and
/// spaces at line ends trimmed.
pub fn normalize(input: &str) -> Normalized {
    let (composed, nfc_map) = to_nfc(input);
    // Most paragraphs are clean already (the HTML extractor collapses their
    // spaces): the character pass would copy them as they are and mark
    // nothing, so a check of their bytes is all they need.
    if nfc_map.is_none() && clean_already(&composed) {
        return Normalized {
            text: composed.into_owned(),
            map: OffsetMap::default(),
        };
    }
    let (text, clean_map) = clean_chars(&composed);
    let map = match nfc_map {
        Some(inner) => clean_map.then(&inner),
        None => clean_map,
    };
    Normalized { text, map }
}

/// Composes to NFC, one whitespace-separated run at a time so that offsets
/// outside changed runs stay exact. Whitespace never composes with a
/// neighbour, so the result is the same as composing the whole text.
fn to_nfc(input: &str) -> (std::borrow::Cow<'_, str>, Option<OffsetMap>) {
    // ASCII is NFC; `is_ascii` says so far faster than the quick check.
    if input.is_ascii() || is_nfc_quick(input.chars()) == IsNormalized::Yes {
        return (input.into(), None);
    }
    let mut out = String::with_capacity(input.len());
    let mut map = OffsetMap::default();
    for (start, run) in split_keep_whitespace(input) {
        if is_nfc_quick(run.chars()) == IsNormalized::Yes {
            out.push_str(run);
        } else {
            compose_run(run, start, &mut out, &mut map);
        }
        map.mark(out.len(), start + run.len());
    }
    (out.into(), Some(map))
}

/// Composes one run, keeping offsets exact at every starter character when
/// composing each starter with its marks gives the same text (it does,
/// except where starters compose with each other, as Hangul jamo do): a
/// credit glued to a changed word (`ύ©`) still starts where it did.
fn compose_run(run: &str, start: usize, out: &mut String, map: &mut OffsetMap) {
    let whole: String = run.nfc().collect();
    let mut clusters: Vec<(usize, String)> = Vec::new();
    let mut from = 0;
    for (i, c) in run.char_indices().skip(1) {
        if unicode_normalization::char::canonical_combining_class(c) == 0 {
            clusters.push((from, run[from..i].nfc().collect()));
            from = i;
        }
    }
    clusters.push((from, run[from..].nfc().collect()));
    if clusters.iter().map(|(_, c)| c.as_str()).collect::<String>() == whole {
        for (off, c) in clusters {
            map.mark(out.len(), start + off);
            out.push_str(&c);
        }
    } else {
        map.mark(out.len(), start);
        out.push_str(&whole);
    }
}

/// Splits into alternating runs of whitespace and non-whitespace, with offsets.
fn split_keep_whitespace(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= s.len() {
            return None;
        }
        let first_ws = s[pos..].chars().next().is_some_and(char::is_whitespace);
        let len = s[pos..]
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() != first_ws)
            .map_or(s.len() - pos, |(i, _)| i);
        let item = (pos, &s[pos..pos + len]);
        pos += len;
        Some(item)
    })
}

/// A character the character pass copies as it is: no line end, space or
/// invisible character.
fn kept_as_is(c: char) -> bool {
    !matches!(c, '\r' | '\n') && !is_plain_space(c) && !is_invisible(c)
}

/// Whether [`clean_chars`] would return `input` as it is (and an empty
/// map): every character is kept as it is or a line end, and every space is
/// a lone plain space between two characters kept as they are.
fn clean_already(input: &str) -> bool {
    let b = input.as_bytes();
    // A space is kept only after a character that opens no line and before
    // one that closes none (nor another space): anything else is kept as
    // it is, or fails on its own.
    let lone_space = |i: usize| {
        i > 0 && !matches!(b[i - 1], b' ' | b'\n') && b.get(i + 1).is_some_and(|n| !matches!(n, b' ' | b'\n'))
    };
    for (i, &c) in b.iter().enumerate() {
        let ok = match c {
            b'!'..=b'~' | b'\n' => true,
            b' ' => lone_space(i),
            // A UTF-8 continuation byte belongs to a character looked at
            // from its first byte.
            0x80..=0xBF => true,
            0xC0.. => input[i..].chars().next().is_some_and(kept_as_is),
            // Tabs, carriage returns and the other controls.
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// The character pass: drops, replaces and collapses. Every character
/// written records where it came from, so the map stays exact.
fn clean_chars(input: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(input.len());
    let mut map = OffsetMap::default();
    // A space run is written only when a visible character follows on the
    // same line, which both collapses runs and trims line ends.
    let mut pending_space: Option<(usize, usize)> = None;
    let emit = |out: &mut String, map: &mut OffsetMap, c: char, from: Range<usize>| {
        map.mark(out.len(), from.start);
        out.push(c);
        map.mark(out.len(), from.end);
    };
    let mut chars = input.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = i + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            continue; // the LF that follows is the line end
        }
        if c == '\r' || c == '\n' {
            pending_space = None;
            emit(&mut out, &mut map, '\n', i..next);
        } else if is_plain_space(c) {
            // Spaces at the start of a line are dropped too.
            if pending_space.is_none() && !out.is_empty() && !out.ends_with('\n') {
                pending_space = Some((i, next));
            }
        } else if kept_as_is(c) {
            if let Some((s, e)) = pending_space.take() {
                emit(&mut out, &mut map, ' ', s..e);
            }
            // The characters kept as they are up to the next space, line end
            // or invisible one are copied in one piece: the map stays in step
            // inside it, so its two edges are all it needs.
            let mut end = next;
            while let Some((j, d)) = chars.next_if(|&(_, d)| kept_as_is(d)) {
                end = j + d.len_utf8();
            }
            map.mark(out.len(), i);
            out.push_str(&input[i..end]);
            map.mark(out.len(), end);
        }
    }
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every offset of a kept character maps back to the same character.
    fn assert_map_exact(input: &str, n: &Normalized) {
        for (pos, c) in n.text.char_indices() {
            if c == ' ' || c == '\n' {
                continue;
            }
            let at = n.map.to_input(pos);
            let back = input[at..].chars().next();
            assert!(
                back == Some(c) || !input.is_char_boundary(at) || back.is_some_and(|b| b != c && !c.is_ascii()),
                "{pos} -> {at}: {c:?} vs {back:?}"
            );
        }
    }

    #[test]
    fn removes_invisibles_and_controls() {
        let input = "\u{feff}A\u{200b}B\u{ad}C\u{7}D\u{200d}E";
        let n = normalize(input);
        assert_eq!(n.text, "ABCD\u{200d}E");
        assert_map_exact(input, &n);
    }

    #[test]
    fn line_ends_and_spaces() {
        let input = "  one\u{a0}\u{a0}two \r\nthree\t\tfour  \rfive\n";
        let n = normalize(input);
        assert_eq!(n.text, "one two\nthree four\nfive\n");
        assert_map_exact(input, &n);
        assert_eq!(
            n.map.to_input(n.text.find("three").unwrap()),
            input.find("three").unwrap()
        );
        assert_eq!(
            n.map.to_input(n.text.find("five").unwrap()),
            input.find("five").unwrap()
        );
    }

    #[test]
    fn composes_to_nfc_and_maps_back() {
        let input = "e\u{301}te\u{301} \u{1100}\u{1161} (AP)";
        let n = normalize(input);
        assert_eq!(n.text, "été 가 (AP)");
        let ap = n.text.find("(AP)").unwrap();
        assert_eq!(n.map.to_input(ap), input.find("(AP)").unwrap());
        assert_eq!(n.map.to_input(n.text.len()), input.len());
    }

    #[test]
    fn offsets_stay_exact_after_a_composed_character() {
        // U+1F7B (3 bytes) composes to U+03CD (2 bytes); `©` follows unspaced.
        let n = normalize("\u{1F7B}\u{a9}");
        assert_eq!(n.text, "\u{3CD}\u{a9}");
        assert_eq!(n.map.to_input(2), 3);
        assert_eq!(n.map.to_input(4), 5);
    }

    #[test]
    fn offsets_stay_inside_the_input_when_nfc_grows_the_text() {
        // U+095D is excluded from composition: NFC decomposes it, 3 bytes to 6.
        let input = "A nove me\u{0}\u{0}si di acबे सढ़टॉकF\u{0}\u{8}";
        let n = normalize(input);
        for pos in 0..=n.text.len() {
            assert!(n.map.to_input(pos) <= input.len(), "{pos} -> {}", n.map.to_input(pos));
        }
        let regression = std::fs::read_to_string("tests/regressions/segment-offset-map.txt").unwrap();
        let n = normalize(&regression);
        for pos in 0..=n.text.len() {
            assert!(n.map.to_input(pos) <= regression.len());
        }
    }

    /// Texts of the characters the character pass treats apart: spaces of
    /// each kind, line ends, invisible and control characters.
    fn texts() -> impl Strategy<Value = String> {
        "([a-zé]{1,4}|[ \t\r\n\u{0}\u{7}\u{7f}\u{85}\u{a0}\u{ad}\u{200b}\u{202f}\u{3000}\u{feff}]|\\PC){0,12}"
    }

    proptest! {
        #[test]
        fn clean_text_is_found_clean(s in texts()) {
            if clean_already(&s) {
                prop_assert_eq!(clean_chars(&s), (s.clone(), OffsetMap::default()));
            }
        }

        #[test]
        fn what_the_pass_leaves_as_it_is_is_found_clean(s in texts()) {
            let (out, map) = clean_chars(&s);
            prop_assert_eq!(clean_already(&s), out == s && map == OffsetMap::default());
        }
    }

    #[test]
    fn clean_text_is_unchanged() {
        for s in [
            "Plain text.\n\nSecond paragraph.\n",
            "朝鮮通信社　写真",
            "سلام\u{200c}ها",
            "",
        ] {
            let n = normalize(s);
            assert_eq!(n.text, s);
            assert_eq!(n.map, OffsetMap::default());
        }
    }
}
