//! Citations: body sentences that name a wire service or outlet as their
//! source (`TASS reported`, `according to Reuters`, `según informó EFE`,
//! `据新华社报道`) and datelines (`WASHINGTON (AP) —`, `(CNN)`). They stay in
//! the body — they are article text — and are also listed in `sources`, so
//! a user can see which agencies an article draws on. The cue words are in
//! `data/citations.tsv`.
//!
//! ```
//! use capsift::{agency::AgencyTable, citation::cited_agencies};
//! let t = AgencyTable::builtin();
//! let cited = cited_agencies("Russian state news agency TASS reported on Tuesday.", t);
//! assert_eq!(t.get(cited[0]).name, "TASS");
//! assert!(cited_agencies("The EPA said Monday it would tighten limits.", t).is_empty());
//! ```

use crate::agency::{AgencyIdx, AgencyKind, AgencyMatch, AgencyTable};
use crate::credit::words::contains_word;
use std::sync::OnceLock;

const BUILTIN_TSV: &str = include_str!("../data/citations.tsv");
/// How far from the agency name a cue may stand, in characters.
const WINDOW_CHARS: usize = 48;

fn cues() -> &'static [String] {
    static C: OnceLock<Vec<String>> = OnceLock::new();
    C.get_or_init(|| {
        BUILTIN_TSV
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t').map(|(_, cue)| cue.to_lowercase()))
            .collect()
    })
}

/// The agencies a body paragraph cites as its source, in order, without
/// repeats. Only news agencies and outlets count: a photo agency named in a
/// sentence (`the EPA said`) is the US Environmental Protection Agency far
/// more often than the photo agency.
pub fn cited_agencies(paragraph: &str, table: &AgencyTable) -> Vec<AgencyIdx> {
    cited_among(paragraph, table.find_all(paragraph), table)
}

/// [`cited_agencies`] given the agency names in the paragraph
/// (`table.find_all(paragraph)`).
pub(crate) fn cited_among(paragraph: &str, names: Vec<AgencyMatch>, table: &AgencyTable) -> Vec<AgencyIdx> {
    let mut out = Vec::new();
    // The lowercased paragraph, made only when an agency needs a cue looked
    // for: most paragraphs name none.
    let mut lower: Option<String> = None;
    for m in names {
        let kind = table.get(m.agency).kind;
        if !matches!(kind, AgencyKind::Wire | AgencyKind::Outlet) || out.contains(&m.agency) {
            continue;
        }
        if is_dateline(paragraph, m.start, m.end) || closes_in_brackets(paragraph, m.start, m.end) {
            out.push(m.agency);
            continue;
        }
        let lower = lower.get_or_insert_with(|| {
            let l = paragraph.to_lowercase();
            // Lowercasing changed byte lengths (rare scripts): fall back to
            // the original text, where cues in capitals are simply not found.
            if l.len() != paragraph.len() {
                paragraph.to_string()
            } else {
                l
            }
        });
        if cue_near(lower, m.start, m.end) {
            out.push(m.agency);
        }
    }
    out
}

/// `WASHINGTON (AP) —`, `SANTIAGO, May 7 (Reuters) -`, `(CNN)The …`: the
/// agency in brackets near the start of the paragraph.
fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let Some(after) = text[end..].strip_prefix([')', '）']) else {
        return false;
    };
    // The bracket opens the paragraph (`(CNN)The …`) or a dash follows it
    // (`Berlin (dpa) -`, `Madrid, 20 mar (EFE).-`); `Das Auswärtige Amt (AA)`
    // is an abbreviation, not a dateline.
    let dash = after.trim_start_matches(['.', ' ']).starts_with(['-', '—', '–', '=']);
    before.ends_with(['(', '（']) && before.chars().count() <= 60 && (before.chars().count() == 1 || dash)
}

/// `… teilte das Amt mit. (dpa)`, `… animaux aquatiques. (ats/nxp)`: the
/// agency in brackets closing the paragraph, perhaps with an editor's
/// initials or more agencies after a slash, names the wire the text is from.
fn closes_in_brackets(text: &str, start: usize, end: usize) -> bool {
    let opens = text[..start]
        .strip_suffix(['(', '（'])
        .is_some_and(|b| b.ends_with(' ') || b.is_empty());
    let Some(inside) = text[end..].trim_end().strip_suffix([')', '）']) else {
        return false;
    };
    let word = |part: &str| !part.trim().is_empty() && part.trim().chars().all(char::is_alphabetic);
    opens && (inside.is_empty() || inside.strip_prefix('/').is_some_and(|more| more.split('/').all(word)))
}

fn cue_near(lower: &str, start: usize, end: usize) -> bool {
    let from = lower[..start]
        .char_indices()
        .rev()
        .nth(WINDOW_CHARS)
        .map_or(0, |(i, _)| i);
    let to = lower[end..]
        .char_indices()
        .nth(WINDOW_CHARS)
        .map_or(lower.len(), |(i, _)| end + i);
    let window = &lower[from..to];
    cues().iter().any(|cue| contains_word(window, cue))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        let t = AgencyTable::builtin();
        cited_agencies(s, t).into_iter().map(|i| t.get(i).id.clone()).collect()
    }

    #[test]
    fn citations_in_many_languages() {
        assert_eq!(
            names("In a statement to Reuters news agency, the government said it regretted it."),
            ["reuters"]
        );
        assert_eq!(names("WASHINGTON (AP) — The Senate passed the bill."), ["ap"]);
        assert_eq!(
            names("(CNN)The National Archives has asked the Department of Justice."),
            ["cnn"]
        );
        assert_eq!(names("El ministro dijo a EFE que la medida entrará en vigor."), ["efe"]);
        assert_eq!(
            names("Wie die Nachrichtenagentur dpa berichtete, ist der Zug entgleist."),
            ["dpa"]
        );
        assert_eq!(names("据新华社报道，会议将于明天举行。"), ["xinhua"]);
        assert_eq!(
            names("Die Regierung hat neue Regeln beschlossen. Sie gelten ab Mai. (dpa)"),
            ["dpa"]
        );
        assert_eq!(
            names("Ces produits sont très toxiques pour les insectes. (ats/nxp)"),
            ["keystone"]
        );
    }

    #[test]
    fn mentions_that_are_not_citations() {
        assert!(names("Tech companies are blocking Russian broadcasters RT and Sputnik.").is_empty());
        assert!(names("The EPA said Monday it will finalize stricter limits.").is_empty());
        assert!(names("Auf dem AFP-Kongress in Berlin wurde diskutiert.").is_empty());
        assert!(names("Das Auswärtige Amt (AA) rät von Reisen ab.").is_empty());
        assert!(names("Bei der Pressekonferenz (dpa) fehlten viele Journalisten.").is_empty());
    }
}
