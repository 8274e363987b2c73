//! Caption sentences recognised by their shape: the full date wire services
//! put after the description (`… Tuesday, Nov. 19, 2019, in Columbia, S.C.`).
//! The shapes are data (`data/caption_shapes.tsv`).

use regex::{Regex, RegexSet};
use std::sync::OnceLock;

const BUILTIN_TSV: &str = include_str!("../data/caption_shapes.tsv");

/// Longest line, in words, taken as a caption for its shape.
const MAX_WORDS: usize = 60;
/// Words of description a caption has before its date.
const MIN_WORDS_BEFORE: usize = 6;

/// The shapes, as one set for the quick test and one by one for positions.
fn shapes() -> &'static (RegexSet, Vec<Regex>) {
    static S: OnceLock<(RegexSet, Vec<Regex>)> = OnceLock::new();
    S.get_or_init(|| {
        let patterns: Vec<&str> = BUILTIN_TSV
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| match l.split_once('\t') {
                Some((_lang, re)) => re,
                None => panic!("bad line in caption_shapes.tsv: {l:?}"),
            })
            .collect();
        let set = RegexSet::new(&patterns).expect("caption shapes compile");
        let each = patterns
            .iter()
            .map(|p| Regex::new(p).expect("caption shape compiles"))
            .collect();
        (set, each)
    })
}

/// `line` is shaped like a wire-service caption: a description, then the
/// picture's full date.
///
/// ```
/// use capsift::caption_shape::is_caption_shaped;
/// assert!(is_caption_shaped(
///     "Deval Patrick, left, speaks with a business owner during a campaign stop, Tuesday, Nov. 19, 2019, in Columbia, S.C."
/// ));
/// assert!(!is_caption_shaped("Published Tuesday, Nov. 19, 2019"));
/// ```
pub fn is_caption_shaped(line: &str) -> bool {
    if line.split_whitespace().nth(MAX_WORDS).is_some() {
        return false;
    }
    let (set, each) = shapes();
    // The date must come after the description, not open the line.
    set.matches(line).iter().any(|i| {
        each[i]
            .find(line)
            .is_some_and(|m| line[..m.start()].split_whitespace().nth(MIN_WORDS_BEFORE - 1).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_captions_have_the_full_date_after_the_description() {
        assert!(is_caption_shaped(
            "New York Islanders' Brock Nelson (29) puts the game-winning overtime goal behind Pittsburgh \
             Penguins goaltender Matt Murray in Pittsburgh, Tuesday, Nov. 19, 2019."
        ));
        for body in [
            "Published Tuesday, Nov. 19, 2019",
            "The Senate voted on Tuesday to pass the bill after a long debate.",
            &"The debate went on for hours on Tuesday, Nov. 19, 2019, and beyond. ".repeat(8),
        ] {
            assert!(!is_caption_shaped(body), "{body}");
        }
    }
}
