//! Caption sentences recognised by their shape: the full date wire services
//! put after the description (`… Tuesday, Nov. 19, 2019, in Columbia, S.C.`),
//! a figure number opening the line (`Abb. 3: …`), a note that the picture
//! only illustrates the story (`… (Symbolbild)`). The shapes are data
//! (`data/caption_shapes.tsv`).

use regex::{Regex, RegexSet};
use std::sync::OnceLock;

const BUILTIN_TSV: &str = include_str!("../data/caption_shapes.tsv");

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
    if line.split_whitespace().nth(MAX_WORDS).is_some() {
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
        (Place::After, re) => re
            .find(line)
            .is_some_and(|m| line[..m.start()].split_whitespace().nth(MIN_WORDS_BEFORE - 1).is_some()),
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
