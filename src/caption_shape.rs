//! Caption sentences recognised by their shape: the full date wire services
//! put after the description (`… Tuesday, Nov. 19, 2019, in Columbia, S.C.`),
//! a figure number opening the line (`Abb. 3: …`), a note that the picture
//! only illustrates the story (`… (Symbolbild)`), and a wire caption's
//! action verb with a date (`… sits during a group photo … on April 23,
//! 2021.`). The shapes are data (`data/caption_shapes.tsv`, with the verbs
//! in `data/caption_verbs.tsv`).

use crate::text::more_words_than;
use regex::{Regex, RegexSet};
use std::sync::OnceLock;

const BUILTIN_TSV: &str = include_str!("../data/caption_shapes.tsv");
const VERBS_TSV: &str = include_str!("../data/caption_verbs.tsv");

/// Longest line, in words, taken as a caption for its shape.
const MAX_WORDS: usize = 60;
/// Words of description a caption has before its date.
const MIN_WORDS_BEFORE: usize = 6;

/// Where in the line a shape may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// After the first words of description (a wire date).
    After,
    /// Anywhere its pattern allows.
    Any,
    /// As `After`, in one wire caption sentence with an action verb before
    /// the shape and no word of narrative.
    Verb,
}

/// The shapes, as one set for the quick test and one by one (with their
/// places) for positions.
fn shapes() -> &'static (RegexSet, Vec<(Place, Regex)>) {
    static S: OnceLock<(RegexSet, Vec<(Place, Regex)>)> = OnceLock::new();
    S.get_or_init(|| {
        let rows: Vec<(Place, &str)> = BUILTIN_TSV
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let mut cols = l.splitn(3, '\t');
                let (_lang, place, re) = (cols.next(), cols.next(), cols.next());
                let place = match place {
                    Some("after") => Place::After,
                    Some("any") => Place::Any,
                    Some("verb") => Place::Verb,
                    _ => panic!("bad line in caption_shapes.tsv: {l:?}"),
                };
                (
                    place,
                    re.unwrap_or_else(|| panic!("bad line in caption_shapes.tsv: {l:?}")),
                )
            })
            .collect();
        let set = RegexSet::new(rows.iter().map(|(_, re)| re)).expect("caption shapes compile");
        let each = rows
            .iter()
            .map(|(place, p)| (*place, Regex::new(p).expect("caption shape compiles")))
            .collect();
        (set, each)
    })
}

/// `line` is shaped like a caption: a description, then the picture's full
/// date (wire services); a figure number first; an illustration note last.
///
/// ```
/// use capsift::caption_shape::is_caption_shaped;
/// assert!(is_caption_shaped(
///     "Deval Patrick, left, speaks with a business owner during a campaign stop, Tuesday, Nov. 19, 2019, in Columbia, S.C."
/// ));
/// assert!(!is_caption_shaped("Published Tuesday, Nov. 19, 2019"));
/// ```
pub fn is_caption_shaped(line: &str) -> bool {
    if more_words_than(line, MAX_WORDS) {
        return false;
    }
    let (set, each) = shapes();
    // Most lines have no shape: say so with the set's quick test before
    // asking which shapes match.
    if !set.is_match(line) {
        return false;
    }
    // A date must come after the description, not open the line.
    set.matches(line).iter().any(|i| match &each[i] {
        (Place::Any, _) => true,
        (Place::After, re) => re.find(line).is_some_and(|m| described(&line[..m.start()])),
        (Place::Verb, re) => re
            .find(line)
            .is_some_and(|m| described(&line[..m.start()]) && wire_sentence(line, &line[..m.start()])),
    })
}

/// `line` is one wire caption sentence on its own, without the date that
/// [`is_caption_shaped`] asks for: an action verb in the simple present
/// (`… speaks at a rally`, `This satellite image … shows …`), no word of
/// narrative, no quotation, no second sentence. Alone it is weak evidence
/// (a lede may read so); the classifier asks it only of a paragraph right
/// above a credit line.
///
/// ```
/// use capsift::caption_shape::is_wire_sentence;
/// assert!(is_wire_sentence("Then-nominee Donald Trump speaks at a rally in Waukesha, Wisconsin."));
/// assert!(!is_wire_sentence("Trump said he speaks for the forgotten men and women of the country."));
/// ```
pub fn is_wire_sentence(line: &str) -> bool {
    !more_words_than(line, MAX_WORDS) && wire_sentence(line, line)
}

/// Enough words of description before a date.
fn described(before: &str) -> bool {
    more_words_than(before, MIN_WORDS_BEFORE - 1)
}

/// The caption verbs and the words of narrative, each as its words.
struct Verbs {
    action: Vec<Vec<&'static str>>,
    narrative: Vec<&'static str>,
}

fn verbs() -> &'static Verbs {
    static V: OnceLock<Verbs> = OnceLock::new();
    V.get_or_init(|| {
        let mut v = Verbs {
            action: Vec::new(),
            narrative: Vec::new(),
        };
        for l in VERBS_TSV.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let mut cols = l.splitn(3, '\t');
            match (cols.next(), cols.next(), cols.next()) {
                (Some("action"), Some(_), Some(w)) => v.action.push(w.split_whitespace().collect()),
                (Some("narrative"), Some(_), Some(w)) => v.narrative.push(w),
                _ => panic!("bad line in caption_verbs.tsv: {l:?}"),
            }
        }
        v
    })
}

/// The words of `s`: runs of letters and digits.
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// `line` reads as one wire caption sentence, with an action verb in
/// `before` (the description before the date): no quotation mark, no word of
/// narrative, no second sentence.
fn wire_sentence(line: &str, before: &str) -> bool {
    if line.contains(['"', '“', '”', '„', '«', '»']) || second_sentence(line) {
        return false;
    }
    let v = verbs();
    let all = words(line);
    if all.iter().any(|w| v.narrative.contains(w)) {
        return false;
    }
    let desc = words(before);
    v.action
        .iter()
        .any(|phrase| desc.windows(phrase.len()).any(|w| w == phrase.as_slice()))
}

/// A full stop, `!` or `?` after a lowercase word and before a capital
/// (`… the city. The …`): a second sentence. (`Nov. 3`, `Jr. Dr.` are not.)
fn second_sentence(line: &str) -> bool {
    let b = line.as_bytes();
    (3..b.len().saturating_sub(2)).any(|i| {
        matches!(b[i], b'.' | b'!' | b'?')
            && b[i + 1] == b' '
            && b[i + 2].is_ascii_uppercase()
            && b[i - 3..i].iter().all(u8::is_ascii_lowercase)
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

    #[test]
    fn wire_captions_have_an_action_verb_before_a_date() {
        for caption in [
            "Associate Justice Samuel Alito sits during a group photo of the Justices at the Supreme Court in \
             Washington, DC on April 23, 2021.",
            "Children injured in an Israeli attack are treated at Al Aqsa Martyrs Hospital in Deir Al Balah, \
             Gaza, on Nov. 05, 2023.",
        ] {
            assert!(is_caption_shaped(caption), "{caption}");
        }
        for body in [
            // Narrated in the past, or reported.
            "Roof entered Emanuel African Methodist Episcopal Church in downtown Charleston on the evening of \
             June 17, 2015.",
            "The senator said she speaks for the voters of her state since March 3, 2019.",
            // No action verb.
            "Jefferson Graham, USA TODAY 3:53 p.m. EST January 25, 2014",
            // A quotation, a second sentence.
            "\"She speaks for us all at the rally in Columbia,\" on March 3, 2019.",
            "The crowd gathered early in the square. The mayor speaks at the rally on March 3, 2019.",
            // The date first.
            "On March 3, 2019 the mayor speaks at a rally in the old square of the town.",
        ] {
            assert!(!is_caption_shaped(body), "{body}");
        }
    }

    #[test]
    fn figure_numbers_open_captions() {
        for caption in [
            "Abb. 3: Windmühlen waren in Holland der Energielieferant Nr. 1.",
            "Fig. 2. The detector before its installation",
            "Figure 4: Sea ice extent in September",
            "図1 SYN パケットに占めるスキャナーの割合",
            "图2：北京的街景",
        ] {
            assert!(is_caption_shaped(caption), "{caption}");
        }
        for body in [
            "Figure 2 shows how the ice retreated over the decade.",
            "Abb. 3 zeigt die Windmühlen.",
            "As Fig. 2 shows, the detector works.",
            "図1は検出器の構成を示す。",
        ] {
            assert!(!is_caption_shaped(body), "{body}");
        }
    }

    #[test]
    fn illustration_notes_close_captions() {
        for caption in [
            "Parade zum Christopher-Street-Day (Symbolbild)",
            "Die Kinder waren alle noch sehr klein (Symbolbild).",
            "Un policier devant la gare (photo d'illustration)",
            "Agentes de la Guardia Civil (imagen de archivo)",
        ] {
            assert!(is_caption_shaped(caption), "{caption}");
        }
        for body in [
            "Das Symbolbild zeigt eine Parade.",
            "(Symbolbild) Die Polizei ermittelt seit Montag in dem Fall.",
        ] {
            assert!(!is_caption_shaped(body), "{body}");
        }
    }
}
