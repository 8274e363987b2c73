//! The output document (schema version 1) and its assembly from the stages.

use crate::agency::{AgencyTable, TextScan};
use crate::citation;
use crate::classify::{Class, Unit};
use crate::credit::words::Words;
use crate::credit::{AgencyRef, Credit, analyse};
use crate::lang::{self, Language};
use crate::normalize::OffsetMap;
use serde::Serialize;
use std::ops::Range;

/// The version of the JSON schema below; it changes only with a breaking change.
pub const SCHEMA_VERSION: u32 = 1;

/// A cleaned article: body text plus photo metadata.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The input path, or `None` for standard input and library calls.
    pub source: Option<String>,
    /// Language of the document, from its body.
    pub lang: Language,
    /// The headline when the text starts with one (it stays out of `body`).
    pub title: Option<String>,
    /// Body paragraphs joined by a blank line (by a line break when the input
    /// had one paragraph per line).
    pub body: String,
    /// Photos, in order of their first caption or credit.
    pub photos: Vec<Photo>,
    /// Article-level source notes.
    pub sources: Vec<SourceNote>,
    /// Everything else taken out of the body, with the reason.
    pub removed: Vec<Removed>,
    /// Things a user may want to check.
    pub warnings: Vec<String>,
}

/// One photo: its captions and credits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Photo {
    /// 1-based number in the document.
    pub id: usize,
    /// Caption texts without credits, duplicates merged, in document order.
    pub captions: Vec<String>,
    /// Language of the captions; `None` for a credit-only photo.
    pub lang: Option<Language>,
    /// `detected` when the captions' own text decided, `inherited` when the
    /// document's language was taken; `None` with `lang`.
    pub lang_source: Option<&'static str>,
    /// The credits as written, joined by `; ` (IPTC Credit Line).
    pub credit_line: Option<String>,
    /// Photographers (IPTC Creator).
    pub creators: Vec<String>,
    /// Agencies and organisations credited (IPTC Source).
    pub agencies: Vec<AgencyRef>,
    /// The distributing agency.
    pub via: Option<AgencyRef>,
    /// An archive picture.
    pub file_photo: bool,
    /// A pool picture.
    pub pool: bool,
    /// A handout picture.
    pub handout: bool,
    /// Each credit as written, parsed.
    pub credits: Vec<Credit>,
    /// Where its parts are in the decoded input.
    pub spans: Vec<Span>,
    /// The image URL (HTML input only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// The image's `alt` or `title` text, apart from the caption (HTML input only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

/// A byte range of the decoded input and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What the range holds.
    pub role: SpanRole,
}

/// What a [`Span`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanRole {
    /// Caption text.
    Caption,
    /// A credit.
    Credit,
    /// A repeated caption line.
    Duplicate,
}

/// What kind of source a [`SourceNote`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A note about the article's sources (`(With information from AP)`),
    /// taken out of the body.
    Note,
    /// A body paragraph citing an agency as its source (`TASS reported`,
    /// `WASHINGTON (AP) —`); it stays in the body too.
    Citation,
}

/// An article-level source: a source note, or a body paragraph citing one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceNote {
    /// `note` or `citation`.
    pub kind: SourceKind,
    /// The note (or the citing paragraph) as written.
    pub raw: String,
    /// Agencies it names.
    pub agencies: Vec<AgencyRef>,
    /// First byte in the decoded input.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Text taken out of the body that is neither caption, credit nor source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Removed {
    /// The text.
    pub text: String,
    /// Why it was removed.
    pub reason: String,
    /// First byte in the decoded input.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Everything assembly needs from the earlier stages.
pub(crate) struct Parts<'a> {
    pub text: &'a str,
    pub map: &'a OffsetMap,
    pub units: &'a [Unit],
    pub photos: &'a [Vec<usize>],
    /// The agency names of `text`, and the table they were found with.
    pub scan: &'a TextScan<'a>,
    pub warnings: Vec<String>,
    pub source: Option<String>,
    pub line_per_paragraph: bool,
}

/// Builds the document.
pub(crate) fn assemble(p: Parts<'_>) -> Document {
    let title = title_unit(p.text, p.units);
    let mut body_paras: Vec<&str> = Vec::new();
    let mut sources = Vec::new();
    let mut removed = Vec::new();
    for (i, u) in p.units.iter().enumerate() {
        let s = &p.text[u.span.clone()];
        match &u.class {
            Class::Body if Some(i) != title => {
                body_paras.push(s);
                let cited = citation::cited_among(s, p.scan.names_in(u.span.clone()), p.scan.table());
                if !cited.is_empty() {
                    sources.push(SourceNote {
                        kind: SourceKind::Citation,
                        raw: s.to_string(),
                        agencies: cited.into_iter().map(|a| table_ref(a, s, p.scan.table())).collect(),
                        start: p.map.to_input(u.span.start),
                        end: p.map.to_input(u.span.end),
                    });
                }
            }
            Class::SourceNote { who } => sources.push(SourceNote {
                kind: SourceKind::Note,
                raw: s.to_string(),
                agencies: agencies_in(&p.text[who.clone()], p.scan.table()),
                start: p.map.to_input(u.span.start),
                end: p.map.to_input(u.span.end),
            }),
            Class::Leftover => removed.push(Removed {
                text: s.to_string(),
                reason: "picture leftover".into(),
                start: p.map.to_input(u.span.start),
                end: p.map.to_input(u.span.end),
            }),
            Class::Caption { caption, credits } => {
                if let Some(r) = caption_label(p.text, u.span.clone(), caption, credits) {
                    removed.push(Removed {
                        text: p.text[r.clone()].to_string(),
                        reason: "caption label".into(),
                        start: p.map.to_input(r.start),
                        end: p.map.to_input(r.end),
                    })
                }
            }
            _ => {}
        }
    }
    let body = body_paras.join(if p.line_per_paragraph { "\n" } else { "\n\n" });
    let doc_lang = document_language(title.map(|t| &p.text[p.units[t].span.clone()]), &body_paras);
    let photos = p
        .photos
        .iter()
        .enumerate()
        .map(|(n, units)| build_photo(n + 1, units, &p, &doc_lang))
        .collect();
    Document {
        schema_version: SCHEMA_VERSION,
        source: p.source,
        lang: doc_lang,
        title: title.map(|t| p.text[p.units[t].span.clone()].to_string()),
        body,
        photos,
        sources,
        removed,
        warnings: p.warnings,
    }
}

/// The words before a caption's text that are neither caption nor credit:
/// a label such as `Image caption,` (separators between a leading credit
/// and the caption are not kept).
fn caption_label(
    text: &str,
    span: Range<usize>,
    caption: &Range<usize>,
    credits: &[Range<usize>],
) -> Option<Range<usize>> {
    if caption.is_empty() || caption.start <= span.start {
        return None;
    }
    let from = credits
        .iter()
        .map(|c| c.end)
        .filter(|&e| e <= caption.start)
        .max()
        .unwrap_or(span.start);
    let gap = &text[from..caption.start];
    let start = from + gap.find(char::is_alphanumeric)?;
    Some(start..from + gap.trim_end().len())
}

/// The first unit is a headline when it is a single short line of body text
/// that does not end a sentence, and more text follows.
fn title_unit(text: &str, units: &[Unit]) -> Option<usize> {
    let first = units.first()?;
    let s = &text[first.span.clone()];
    let headline = first.class == Class::Body
        && !s.contains('\n')
        && s.split_whitespace().count() <= 30
        && s.chars().count() <= 250
        && !s.trim_end().ends_with(['.', ':', ',', ';', '。'])
        && units.len() > 1;
    headline.then_some(0)
}

/// At most this many bytes of body text are read to find the language.
const LANG_SAMPLE_BYTES: usize = 1024;

/// The document's language from a bounded sample of its body: paragraphs
/// spread over the whole text, not just the first ones.
fn document_language(title: Option<&str>, body: &[&str]) -> Language {
    // The longest paragraphs are the article's prose; menus, language
    // pickers (`Deutsch`, `Español`, …) and share bars are short.
    let mut longest: Vec<&str> = body.to_vec();
    longest.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut sample = String::new();
    for para in longest {
        if sample.len() >= LANG_SAMPLE_BYTES {
            break;
        }
        let take = para.floor_char_boundary(LANG_SAMPLE_BYTES - sample.len());
        sample.push_str(&para[..take]);
        sample.push('\n');
    }
    if sample.trim().is_empty() {
        sample.push_str(title.unwrap_or(""));
    }
    lang::detect(&sample).map_or_else(Language::undetermined, |(l, _)| l)
}

fn agencies_in(text: &str, table: &AgencyTable) -> Vec<AgencyRef> {
    let mut out: Vec<AgencyRef> = Vec::new();
    for m in table.find_all(text) {
        let r = table_ref(m.agency, &text[m.start..m.end], table);
        if !out.iter().any(|o| o.same_as(&r)) {
            out.push(r);
        }
    }
    out
}

/// A reference to a table agency; `written` is the text it was found in or
/// the name as written.
fn table_ref(idx: usize, written: &str, table: &AgencyTable) -> AgencyRef {
    let a = table.get(idx);
    let as_written = table
        .find_all(written)
        .into_iter()
        .find(|m| m.agency == idx)
        .map_or(written, |m| &written[m.start..m.end]);
    AgencyRef {
        id: Some(a.id.clone()),
        name: a.name.clone(),
        as_written: as_written.to_string(),
    }
}

fn build_photo(id: usize, members: &[usize], p: &Parts<'_>, doc_lang: &Language) -> Photo {
    let mut captions: Vec<String> = Vec::new();
    let mut credits: Vec<Credit> = Vec::new();
    let mut spans = Vec::new();
    let span = |r: &Range<usize>, role| Span {
        start: p.map.to_input(r.start),
        end: p.map.to_input(r.end),
        role,
    };
    for &i in members {
        let u = &p.units[i];
        let credit_ranges = match &u.class {
            Class::Caption { caption, credits } => {
                if !caption.is_empty() {
                    captions.push(p.text[caption.clone()].to_string());
                    spans.push(span(caption, SpanRole::Caption));
                }
                credits.iter().for_each(|c| spans.push(span(c, SpanRole::Credit)));
                credits
            }
            Class::Duplicate { credits, .. } => {
                spans.push(span(&u.span, SpanRole::Duplicate));
                credits
            }
            _ => continue,
        };
        for r in credit_ranges {
            let raw = &p.text[r.clone()];
            if !credits.iter().any(|c| c.raw == raw) {
                credits.push(analyse(raw, p.scan.table()).credit);
            }
        }
    }
    spans.sort_by_key(|s| s.start);
    let (lang, lang_source) = caption_language(&captions, doc_lang);
    merge_credits(id, captions, credits, spans, lang, lang_source)
}

fn caption_language(captions: &[String], doc_lang: &Language) -> (Option<Language>, Option<&'static str>) {
    if captions.is_empty() {
        return (None, None);
    }
    let (l, detected) = lang::detect_caption(&captions.join(" "), doc_lang);
    (Some(l), Some(if detected { "detected" } else { "inherited" }))
}

/// The photo's fields are the union of its credits'.
fn merge_credits(
    id: usize,
    captions: Vec<String>,
    credits: Vec<Credit>,
    spans: Vec<Span>,
    lang: Option<Language>,
    lang_source: Option<&'static str>,
) -> Photo {
    let mut creators: Vec<String> = Vec::new();
    let mut agencies: Vec<AgencyRef> = Vec::new();
    for c in &credits {
        for name in &c.creators {
            if !creators.iter().any(|x| x.to_lowercase() == name.to_lowercase()) {
                creators.push(name.clone());
            }
        }
        for a in &c.agencies {
            if !agencies.iter().any(|x| x.same_as(a)) {
                agencies.push(a.clone());
            }
        }
    }
    // A `via` the table knows beats one it does not (a truncated `via Get`).
    let vias = || credits.iter().filter_map(|c| c.via.as_ref());
    let via = vias().find(|v| v.id.is_some()).or_else(|| vias().next()).cloned();
    Photo {
        id,
        lang,
        lang_source,
        credit_line: (!credits.is_empty())
            .then(|| credits.iter().map(|c| c.raw.as_str()).collect::<Vec<_>>().join("; ")),
        creators,
        agencies,
        via,
        file_photo: credits.iter().any(|c| c.file_photo)
            || captions.iter().any(|c| Words::builtin().mentions_file_photo(c)),
        pool: credits.iter().any(|c| c.pool),
        handout: credits.iter().any(|c| c.handout) || captions.iter().any(|c| Words::builtin().mentions_handout(c)),
        captions,
        credits,
        spans,
        src: None,
        alt: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_language_reads_the_prose_not_the_menus() {
        // A language picker of 119 entries, then the article.
        let picker = [
            "Deutsch",
            "Malagasy",
            "Español",
            "Français",
            "Italiano",
            "Nederlands",
            "Svenska",
        ];
        let mut body: Vec<&str> = picker.iter().cycle().take(119).copied().collect();
        body.push(
            "The government is likely to take a decision on the export of the drug after the president \
             said there could be retaliation if the request was turned down, officials said on Tuesday.",
        );
        assert_eq!(document_language(None, &body).code, "en");
    }
}
