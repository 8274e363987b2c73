//! Article-level source notes: `(With information from AP)`, `Reuters
//! contributed to this report.`, `(Con información de EFE)`, `Mit Material
//! von dpa`. Patterns per language are in `data/source_notes.tsv`.
//!
//! ```
//! use capsift::source_note::source_note;
//! let who = source_note("(With information from AP)").unwrap();
//! assert_eq!(who, "AP");
//! assert!(source_note("Reuters reported on Tuesday that talks had stalled.").is_none());
//! ```

use crate::text::more_words_than;
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::sync::OnceLock;

const BUILTIN_TSV: &str = include_str!("../data/source_notes.tsv");
/// Source notes are short; longer lines are body.
const MAX_WORDS: usize = 40;
const MAX_BYTES: usize = 600;

/// The patterns, and all of them in one set to test a line in one pass.
struct Patterns {
    each: Vec<Regex>,
    any: RegexSet,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let pats: Vec<&str> = BUILTIN_TSV
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split_once('\t').expect("source_notes.tsv: language <TAB> pattern").1)
            .collect();
        let each = pats
            .iter()
            .map(|pat| {
                RegexBuilder::new(pat)
                    .case_insensitive(true)
                    .build()
                    .unwrap_or_else(|e| panic!("source_notes.tsv: bad pattern {pat:?}: {e}"))
            })
            .collect();
        let any = RegexSetBuilder::new(&pats)
            .case_insensitive(true)
            .build()
            .expect("source note patterns compile");
        Patterns { each, any }
    })
}

/// When `line` is a source note, the part naming the sources (the whole
/// line when the pattern does not say); else `None`.
pub fn source_note(line: &str) -> Option<&str> {
    let t = line.trim();
    // (The count stops once there are too many words.)
    if t.len() > MAX_BYTES || more_words_than(t, MAX_WORDS) {
        return None;
    }
    let p = patterns();
    // The set answers yes or no fast; which pattern matched is asked only
    // for the rare lines that are source notes.
    if !p.any.is_match(t) {
        return None;
    }
    p.each.iter().find_map(|re| {
        let caps = re.captures(t)?;
        Some(caps.name("who").map_or(t, |m| m.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_notes_in_many_languages() {
        for (s, who) in [
            ("(With information from AP)", "AP"),
            (
                "Associated Press writer Jane Roe in Kyiv contributed to this report.",
                "Associated Press writer Jane Roe in Kyiv",
            ),
            ("(Con información de EFE)", "EFE"),
            ("Com informações da Agência Brasil", "Agência Brasil"),
            ("Mit Material von dpa", "dpa"),
            ("Avec AFP", "AFP"),
            ("(dpa)", "dpa"),
            // Indian outlets close articles with the agencies' "inputs".
            ("(With inputs from PTI)", "PTI"),
            ("With inputs from agencies", "agencies"),
            ("(With PTI inputs)", "PTI"),
            ("With agency inputs", "agency"),
            ("(With ANI, IANS inputs)", "ANI, IANS"),
            // "With" and the agencies alone, in Portuguese, Spanish, German.
            ("Com agências", "agências"),
            ("(Com Reuters e AFP)", "Reuters e AFP"),
            ("Con agencias", "agencias"),
            ("(mit dpa)", "dpa"),
            ("mit dpa/AFP", "dpa/AFP"),
            ("Mit Agenturmaterial", "Agenturmaterial"),
            // Every agency of a chain, and the author's initials before it.
            ("AFP/dpa/sda", "AFP/dpa/sda"),
            ("jm/dpa", "dpa"),
            ("ust/dpa/AFP", "dpa/AFP"),
            ("С использованием материалов ТАСС", "ТАСС"),
            ("© dpa-infocom, dpa:240101-99-123456/2", "dpa-infocom"),
            ("dpa:240101-99-123456/2", "dpa"),
            (
                "Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
                "The Associated Press",
            ),
            ("© 2024 Thomson Reuters", "Thomson Reuters"),
            // Source labels across Europe and beyond, French with its
            // space before the colon.
            ("Source : AFP", "AFP"),
            ("Fuente : EFE", "EFE"),
            ("Bron: ANP/Reuters", "ANP/Reuters"),
            ("Zdroj: ČTK", "ČTK"),
            ("Källa: TT", "TT"),
            ("Lähde: STT", "STT"),
            ("Sursa: Agerpres", "Agerpres"),
            ("(Izvor: Hina)", "Hina"),
            ("Извор: Танјуг", "Танјуг"),
            ("Източник: БТА", "БТА"),
            ("Πηγή: ΑΠΕ-ΜΠΕ", "ΑΠΕ-ΜΠΕ"),
            ("מקור: רויטרס", "רויטרס"),
            // A French paper's byline with the wire.
            ("Le Monde avec AFP", "Le Monde avec AFP"),
            ("Par Le Figaro avec AFP", "Le Figaro avec AFP"),
            ("La rédaction avec AFP", "La rédaction avec AFP"),
        ] {
            assert_eq!(source_note(s), Some(who), "{s}");
        }
        assert!(source_note("(Reporting by Jane Roe; Editing by John Doe)").is_some());
    }

    #[test]
    fn body_sentences_are_not_source_notes() {
        for s in [
            "With the information from AP, analysts said the deal was close.",
            "Avec la hausse des prix, les ménages ont réduit leurs dépenses.",
            "The Associated Press reported that the talks had stalled.",
            "With rising costs and falling inputs",
            "With Inputs",
            "Com a alta dos preços, as famílias cortaram gastos.",
            "Con agencias de viajes cerradas, el turismo cayó.",
            "Mit dpa-Informationen hat das nichts zu tun.",
            "© 2024 CBS Interactive Inc. All Rights Reserved.",
            "© Agence France-Presse",
            "Press Trust of India",
            "Bron van inspiratie was zijn grootvader.",
            "Zdroj pitné vody je ohrožen.",
            "Le ministre s'est entretenu avec l'AFP.",
            "Il a parlé avec AFP",
            // A picture's source is a photo credit, not the article's.
            "Sursa foto: Inquam Photos",
        ] {
            assert_eq!(source_note(s), None, "{s}");
        }
    }
}
