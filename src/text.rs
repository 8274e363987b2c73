//! Small measures of text that several rules take of the same lines.

/// Whether `s` has more than `n` words: `s.split_whitespace().nth(n).is_some()`.
///
/// The rules ask it of every line, body paragraphs included: ASCII text is
/// read eight bytes at a time (a word starts at a byte that is no space
/// after one that is), anything else a character at a time.
pub(crate) fn more_words_than(s: &str, n: usize) -> bool {
    let b = s.as_bytes();
    let mut words = 0;
    // Whether the byte before `i` is a space (the start counts as one).
    let mut after_space = true;
    let mut i = 0;
    while i < b.len() {
        let chunk = b
            .get(i..i + 8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()));
        if let Some(w) = chunk.filter(|w| w & HIGH == 0) {
            let space = ascii_spaces(w);
            let before = (space << 8) | u64::from(after_space) << 7;
            words += (!space & before & HIGH).count_ones() as usize;
            if words > n {
                return true;
            }
            after_space = space >> 63 != 0;
            i += 8;
            continue;
        }
        // A character at a time, through the first non-ASCII one of the eight
        // bytes (or to the end); `i` stays at a character's start.
        let stop = chunk.map_or(b.len(), |w| i + (w & HIGH).trailing_zeros() as usize / 8 + 1);
        while i < stop {
            let c = s[i..].chars().next().unwrap_or(' ');
            let space = c.is_whitespace();
            if !space && after_space {
                words += 1;
                if words > n {
                    return true;
                }
            }
            after_space = space;
            i += c.len_utf8();
        }
    }
    false
}

/// The top bit of each byte.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// One in each byte.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The top bit set in each byte of `w` (all ASCII) that is one of the ASCII
/// characters `char::is_whitespace` takes: U+0009 to U+000D and the space.
fn ascii_spaces(w: u64) -> u64 {
    // Bytes below 0x80 plus at most 0x77 carry into no other byte: the top
    // bit says whether a byte reached 9, then 14.
    let from_tab = w + (0x80 - 9) * ONES;
    let from_14 = w + (0x80 - 14) * ONES;
    let controls = from_tab & !from_14 & HIGH;
    // A byte equal to 0x20 is zero after the XOR: adding 0x7F to its low
    // seven bits sets the top bit of every other byte.
    let x = w ^ (0x20 * ONES);
    let spaces = !(((x & !HIGH) + !HIGH) | x) & HIGH;
    controls | spaces
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_words_as_split_whitespace_does() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "a b",
            "a\u{a0}b",
            "a\u{3000}b c",
            "a\u{b}b",
            "a\u{1c}b",
            "é\u{2009}ü  x\n",
            "one two three four five six seven eight nine ten",
            "abcdefg hijklmno\tpqrstuv\rwxyz\u{c}0123 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u{7f}\u{8}\u{e}\u{1f}",
            "Früh\u{ad}ling in Köln: die Straßen sind voll, sagt die Polizei am Montag.",
        ] {
            for n in 0..12 {
                assert_eq!(
                    more_words_than(s, n),
                    s.split_whitespace().nth(n).is_some(),
                    "{s:?} {n}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn same_as_split_whitespace(
            s in "([a-z]{1,9}|[ \t\n\u{b}\u{c}\r]{1,2}|[\u{0}-\u{1f}\u{7f}]|[\u{80}-\u{3000}]|\\PC){0,40}",
            n in 0usize..40,
        ) {
            prop_assert_eq!(more_words_than(&s, n), s.split_whitespace().nth(n).is_some());
        }
    }
}
