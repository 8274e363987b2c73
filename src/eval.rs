//! Quality measurement against a labelled corpus.
//!
//! A corpus is a folder of `<id>.json` files, each with the document's
//! paragraphs labelled `body`, `caption` or `credit` (the format of
//! `shared/corpus/real`, described in its README), beside the text to clean
//! (`<id>.txt` by default). [`score_document`] compares one cleaned
//! [`Document`] with its labels; [`Tally`] adds documents up. The matching
//! rules are those of the project's external scorer (`eval/score.py`), so
//! the two report the same figures.
//!
//! ```
//! use capsift::eval::{Labelled, Paragraph, Tally, score_document};
//! let gold = Labelled {
//!     id: "doc".into(),
//!     lang: "en".into(),
//!     paragraphs: vec![
//!         Paragraph { text: "The minister spoke on Tuesday about the plan and its cost.".into(), label: "body".into(), credit: None },
//!         Paragraph { text: "The minister (AP Photo/Jane Roe)".into(), label: "caption".into(), credit: None },
//!     ],
//! };
//! let text = gold.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n\n");
//! let doc = capsift::clean(&text, &capsift::Options::default());
//! let mut tally = Tally::default();
//! tally.add(&score_document(&gold, &doc).tally);
//! assert_eq!(tally.caption_recall(), Some(1.0));
//! assert_eq!(tally.body_retention(), Some(1.0));
//! ```

use crate::Document;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// A labelled document.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    /// Document id (the file stem).
    #[serde(default)]
    pub id: String,
    /// Language of the document (ISO 639-1).
    #[serde(default)]
    pub lang: String,
    /// The paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
}

/// A labelled paragraph.
#[derive(Debug, Clone, Deserialize)]
pub struct Paragraph {
    /// The paragraph text.
    pub text: String,
    /// `body`, `caption` or `credit`.
    pub label: String,
    /// For captions: the part marked as the credit, if any.
    #[serde(default)]
    pub credit: Option<String>,
}

/// Counts for one document or many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Documents counted.
    pub docs: usize,
    /// Caption and credit paragraphs.
    pub captions: usize,
    /// … of which taken out of the body.
    pub captions_out: usize,
    /// Captions with a marked credit, and credit paragraphs.
    pub credited: usize,
    /// … of which taken out of the body.
    pub credited_out: usize,
    /// Body paragraphs.
    pub body: usize,
    /// … of which kept in the body.
    pub body_kept: usize,
    /// … of which moved to the source notes (not lost).
    pub body_in_sources: usize,
    /// Body paragraphs of 100 characters or more.
    pub long_body: usize,
    /// … of which kept.
    pub long_body_kept: usize,
    /// Characters of the predicted body (its paragraphs, normalised).
    pub body_chars: usize,
    /// … of which in paragraphs found in no labelled paragraph: text the
    /// labeller did not take from the page at all (menus, teasers, footers
    /// that an HTML page holds around the article).
    pub unlabelled_chars: usize,
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

impl Tally {
    /// Adds another tally to this one.
    pub fn add(&mut self, o: &Tally) {
        self.docs += o.docs;
        self.captions += o.captions;
        self.captions_out += o.captions_out;
        self.credited += o.credited;
        self.credited_out += o.credited_out;
        self.body += o.body;
        self.body_kept += o.body_kept;
        self.body_in_sources += o.body_in_sources;
        self.long_body += o.long_body;
        self.long_body_kept += o.long_body_kept;
        self.body_chars += o.body_chars;
        self.unlabelled_chars += o.unlabelled_chars;
    }

    /// Share of captions taken out of the body.
    pub fn caption_recall(&self) -> Option<f64> {
        ratio(self.captions_out, self.captions)
    }

    /// Share of credited captions taken out of the body.
    pub fn credited_recall(&self) -> Option<f64> {
        ratio(self.credited_out, self.credited)
    }

    /// Share of body paragraphs kept (in the body or as a source note).
    pub fn body_retention(&self) -> Option<f64> {
        ratio(self.body_kept + self.body_in_sources, self.body)
    }

    /// Share of body paragraphs of 100+ characters kept.
    pub fn long_body_retention(&self) -> Option<f64> {
        ratio(self.long_body_kept, self.long_body)
    }

    /// Share of the predicted body's characters in paragraphs the labels do
    /// not hold at all: page furniture kept as article text.
    pub fn unlabelled_share(&self) -> Option<f64> {
        ratio(self.unlabelled_chars, self.body_chars)
    }

    /// Body paragraphs removed (neither in the body nor in the sources).
    pub fn body_removed(&self) -> usize {
        self.body - self.body_kept - self.body_in_sources
    }

    /// Share of removed paragraphs that were captions.
    pub fn removal_precision(&self) -> Option<f64> {
        ratio(self.captions_out, self.captions_out + self.body_removed())
    }
}

/// The comparison of one document with its labels.
#[derive(Debug, Clone, Default)]
pub struct DocScore {
    /// The counts.
    pub tally: Tally,
    /// Body paragraphs that were removed.
    pub lost: Vec<String>,
    /// Captions left in the body.
    pub missed: Vec<String>,
}

/// Compares a cleaned document with its labels.
pub fn score_document(gold: &Labelled, doc: &Document) -> DocScore {
    let predicted = BodyUnits::of(doc);
    let sources: HashSet<String> = doc.sources.iter().map(|s| norm(&s.raw)).collect();
    let mut s = DocScore {
        tally: Tally {
            docs: 1,
            ..Tally::default()
        },
        ..DocScore::default()
    };
    for p in &gold.paragraphs {
        let kept = predicted.contains(&p.text);
        let t = &mut s.tally;
        if p.label == "body" {
            let n = norm(&p.text);
            let in_sources = sources.contains(&n);
            t.body += 1;
            if n.chars().count() >= 100 {
                t.long_body += 1;
                t.long_body_kept += usize::from(kept || in_sources);
            }
            if kept {
                t.body_kept += 1;
            } else if in_sources {
                t.body_in_sources += 1;
            } else {
                s.lost.push(p.text.clone());
            }
        } else {
            let credited = p.label == "credit" || p.credit.as_deref().is_some_and(|c| !c.is_empty());
            t.captions += 1;
            t.captions_out += usize::from(!kept);
            if credited {
                t.credited += 1;
                t.credited_out += usize::from(!kept);
            }
            if kept {
                s.missed.push(p.text.clone());
            }
        }
    }
    (s.tally.body_chars, s.tally.unlabelled_chars) = unlabelled(gold, doc);
    s
}

/// The predicted body's characters, and those of its paragraphs that are
/// in no labelled paragraph (compared normalised, as part of the labelled
/// text: a paragraph may join two labelled ones).
fn unlabelled(gold: &Labelled, doc: &Document) -> (usize, usize) {
    let labelled: Vec<String> = gold.paragraphs.iter().map(|p| norm(&p.text)).collect();
    let labelled = labelled.join(" ");
    let (mut all, mut unlabelled) = (0, 0);
    for para in split_paragraphs(&doc.body) {
        let n = norm(para);
        let chars = n.chars().count();
        all += chars;
        if !labelled.contains(&n) {
            unlabelled += chars;
        }
    }
    (all, unlabelled)
}

/// The predicted body as comparable units: every paragraph and every line,
/// normalised, plus the whole text for long paragraphs split differently.
struct BodyUnits {
    units: HashSet<String>,
    flat: String,
}

impl BodyUnits {
    fn of(doc: &Document) -> BodyUnits {
        let text = match &doc.title {
            Some(t) => format!("{t}\n\n{}", doc.body),
            None => doc.body.clone(),
        };
        let mut units = HashSet::new();
        for para in split_paragraphs(&text) {
            units.insert(norm(para));
            for line in para.split('\n') {
                units.insert(norm(line));
            }
        }
        BodyUnits {
            units,
            flat: norm(&text),
        }
    }

    fn contains(&self, gold: &str) -> bool {
        let g = norm(gold);
        g.is_empty() || self.units.contains(&g) || (g.chars().count() >= 40 && self.flat.contains(&g))
    }
}

/// Splits at blank lines (a newline, optional spaces, a newline).
fn split_paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                out.push(&text[start..i]);
                // Swallow every blank line of the run.
                while j < bytes.len() && (bytes[j] as char).is_ascii_whitespace() {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.push(&text[start..]);
    out
}

/// The comparison form of a text: NFKC, no zero-width characters, plain
/// quotes and dashes, single spaces, lowercase.
pub fn norm(s: &str) -> String {
    let mapped = s.nfkc().filter_map(|c| match c {
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => None,
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => Some('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => Some('"'),
        '\u{2013}' | '\u{2014}' | '\u{2212}' => Some('-'),
        '\u{a0}' => Some(' '),
        c => Some(c),
    });
    let collected: String = mapped.collect();
    let words: Vec<&str> = collected.split_whitespace().collect();
    casefold(&words.join(" "))
}

/// Lowercase, with the full case folding of `ß` that Python's `casefold` does.
fn casefold(s: &str) -> String {
    s.to_lowercase().replace('ß', "ss").replace('ς', "σ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_matches_the_external_scorer() {
        assert_eq!(
            norm("  Straße\u{a0}„Zitat“ — ﬁne\u{200b}  "),
            "strasse \"zitat\" - fine"
        );
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(split_paragraphs("a\nb\n\nc\n \n\nd"), ["a\nb", "c", "d"]);
    }

    #[test]
    fn unlabelled_body_text_is_counted() {
        let gold = Labelled {
            id: "doc".into(),
            lang: "en".into(),
            paragraphs: vec![Paragraph {
                text: "The minister spoke on Tuesday.".into(),
                label: "body".into(),
                credit: None,
            }],
        };
        let doc = crate::clean(
            "Home\n\nThe minister spoke on Tuesday.\n\nMost read",
            &crate::Options::default(),
        );
        let t = score_document(&gold, &doc).tally;
        assert_eq!(
            doc.body, "The minister spoke on Tuesday.\n\nMost read",
            "Home is the title"
        );
        assert_eq!((t.body_chars, t.unlabelled_chars), (30 + 9, 9));
    }

    #[test]
    fn removal_precision_counts_lost_body() {
        let t = Tally {
            captions: 10,
            captions_out: 9,
            body: 100,
            body_kept: 98,
            body_in_sources: 1,
            ..Tally::default()
        };
        assert_eq!(t.body_removed(), 1);
        assert_eq!(t.removal_precision(), Some(0.9));
        assert_eq!(t.body_retention(), Some(0.99));
    }
}
