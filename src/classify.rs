//! Classification: what each line of the article is.
//!
//! Every line is a picture leftover, a source note, a caption (with or
//! without caption text: a credit-only line has none), or body. Adjacent body
//! lines of one block stay one body paragraph; a caption seen before is a
//! duplicate.

use crate::agency::{AgencyKind, AgencyTable, TextScan};
use crate::credit::words::{Role, Words};
use crate::credit::{analyse, find_credits_scanned};
use crate::segment::Block;
use crate::text::more_words_than;
use crate::{caption_shape, leftover, source_note};
use std::collections::HashMap;
use std::ops::Range;

/// Longest line, in words, that caption evidence other than a credit (an
/// opener, a position in the picture, a wire date) makes a caption: about
/// the longest real captions.
const MAX_UNCREDITED_CAPTION_WORDS: usize = 60;

/// By default, captions longer than this many words are not captions: a
/// body paragraph that happens to end like a credit stays in the body.
pub const DEFAULT_MAX_CAPTION_WORDS: usize = 150;

/// What a unit of text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    /// Article text.
    Body,
    /// A photo caption; `caption` is empty for a credit-only line.
    Caption {
        /// The caption text without its credits.
        caption: Range<usize>,
        /// Each credit as written.
        credits: Vec<Range<usize>>,
    },
    /// A caption already seen: `of` is the index of the first unit with it.
    Duplicate {
        /// Index of the unit this one repeats.
        of: usize,
        /// Its own credits, which may add to the first one's.
        credits: Vec<Range<usize>>,
    },
    /// An article-level source note; `who` names the sources.
    SourceNote {
        /// The part naming the sources.
        who: Range<usize>,
    },
    /// Text left by an image widget.
    Leftover,
}

/// A line (or, for body, a run of lines of one block) and its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Byte range in the normalised text.
    pub span: Range<usize>,
    /// Index of the block it belongs to.
    pub block: usize,
    /// What it is.
    pub class: Class,
}

impl Unit {
    /// A caption or credit-only line (not a duplicate).
    pub fn is_caption(&self) -> bool {
        matches!(self.class, Class::Caption { .. })
    }

    /// A credit-only line: a caption unit with no caption text.
    pub fn is_credit_only(&self) -> bool {
        matches!(&self.class, Class::Caption { caption, .. } if caption.is_empty())
    }
}

/// Classifies every line of `blocks`, with warnings for doubtful cases.
/// `max_caption_words` bounds captions: a longer paragraph ending like a
/// credit stays in the body.
pub fn classify(
    text: &str,
    blocks: &[Block],
    table: &AgencyTable,
    max_caption_words: usize,
) -> (Vec<Unit>, Vec<String>) {
    classify_scanned(text, blocks, &TextScan::new(table, text), max_caption_words)
}

/// [`classify`] with the agency names of `text` already found.
pub(crate) fn classify_scanned(
    text: &str,
    blocks: &[Block],
    scan: &TextScan<'_>,
    max_caption_words: usize,
) -> (Vec<Unit>, Vec<String>) {
    let table = scan.table();
    let mut warnings = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        for line in &block.lines {
            let class = classify_line(text, line.clone(), scan, max_caption_words, &mut warnings);
            match units.last_mut() {
                // Body lines of one block stay one paragraph.
                Some(u) if u.block == b && u.class == Class::Body && class == Class::Body => u.span.end = line.end,
                _ => units.push(Unit {
                    span: line.clone(),
                    block: b,
                    class,
                }),
            }
        }
    }
    buttons_between_leftovers(text, &mut units);
    credits_under_a_bare_label(text, &mut units);
    repeated_lines_are_captions(text, &mut units);
    mark_duplicates(text, &mut units);
    closing_agency_is_source(text, &mut units, table);
    same_block_captions(text, &mut units);
    wire_captions_above_credits(text, &mut units);
    captions_framed_by_running_text(text, &mut units);
    warn_on_lone_captions(text, &units, &mut warnings);
    (units, warnings)
}

fn classify_line(
    text: &str,
    line: Range<usize>,
    scan: &TextScan<'_>,
    max_caption_words: usize,
    warnings: &mut Vec<String>,
) -> Class {
    let table = scan.table();
    let s = &text[line.clone()];
    if leftover::is_leftover(s) {
        return Class::Leftover;
    }
    if let Some(who) = source_note::source_note(s)
        && !names_picture_sources_only(who, table)
    {
        let start = line.start + (who.as_ptr() as usize - s.as_ptr() as usize);
        return Class::SourceNote {
            who: start..start + who.len(),
        };
    }
    let Some(split) = find_credits_scanned(s, scan, line.start) else {
        // A caption without a credit says so in other ways: it opens like
        // one (`图为…`, `In this photo …`, `Image: …`), says where someone
        // stands (`Mark Esper, left, and …`) or dates the picture in full
        // (`… Tuesday, Nov. 19, 2019, in Columbia, S.C.`). (The count
        // stops early in a long body paragraph.)
        let words = Words::builtin();
        if !more_words_than(s, MAX_UNCREDITED_CAPTION_WORDS)
            && (words.opens_caption(s)
                || labelled_caption(s)
                || words.names_a_position(s)
                || caption_shape::is_caption_shaped(s))
        {
            return Class::Caption {
                caption: line,
                credits: Vec::new(),
            };
        }
        // `Image caption, Protesters gathered …`: the label is no caption text.
        if let Some(end) = words.caption_label_prefix(s)
            && end < s.len()
        {
            return Class::Caption {
                caption: line.start + end..line.end,
                credits: Vec::new(),
            };
        }
        return Class::Body;
    };
    // Only a line that reads like a credit needs these (slower) looks: a
    // site's copyright notice, a story's byline (`Words: … Photos: …`).
    if is_site_notice(s) || Words::builtin().credits_the_story(s) {
        return Class::Body;
    }
    let words = s[split.caption.clone()].split_whitespace().count();
    if words > max_caption_words {
        warnings.push(format!(
            "a {words}-word paragraph ends like a photo credit; kept in the body: {:?}",
            excerpt(s)
        ));
        return Class::Body;
    }
    let caption_text = &s[split.caption.clone()];
    if caption_text.is_empty() && is_sign_off(s, table) {
        return Class::Body; // `Max Lee, KBS World Radio News.` closing a report
    }
    if is_dateline(caption_text) {
        return Class::Body; // `MADRID, 20 (EUROPA PRESS)` opening the article
    }
    if cites_a_source(caption_text, split.credits.iter().map(|r| &s[r.clone()]), table) {
        // `… Die Ermittlungen gehen weiter. (Quelle: SWR)`: a body paragraph
        // naming its source, not a photo caption.
        return Class::Body;
    }
    let shift = |r: &Range<usize>| r.start + line.start..r.end + line.start;
    Class::Caption {
        caption: shift(&split.caption),
        credits: split.credits.iter().map(shift).collect(),
    }
}

/// `Quelle: Unsplash/John Doe`, `Source: Shutterstock`: a source label
/// naming only photo agencies and stock libraries gives a picture's source,
/// not the article's, and is read as a credit.
fn names_picture_sources_only(who: &str, table: &AgencyTable) -> bool {
    let found = table.find_all(who);
    !found.is_empty()
        && found
            .iter()
            .all(|m| matches!(table.get(m.agency).kind, AgencyKind::Photo | AgencyKind::Stock))
}

/// A reporter's sign-off: `Name, Outlet.` — a comma, a closing full stop, no
/// label, slash or bracket, as photo credits have.
fn is_sign_off(line: &str, table: &AgencyTable) -> bool {
    let t = line.trim();
    t.ends_with('.')
        && t.contains(',')
        && !t.contains(['/', '\\', '(', '（', '[', '|', '©'])
        && !analyse(t, table).labelled
}

/// A place (and date) in capitals: `MADRID, 20`, `ANKARA`, `BERLIN, 3. März`.
fn is_dateline(caption: &str) -> bool {
    let words: Vec<&str> = caption.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words[0].chars().filter(|c| c.is_alphabetic()).count() >= 3
        && words[0].chars().any(char::is_uppercase)
        && words[0].chars().all(|c| !c.is_lowercase())
        && !caption.ends_with('.')
}

/// A paragraph of several sentences that ends with a bare agency (`(dpa)`) or
/// a source label (`(Quelle: SWR)`) is body text citing its source.
fn cites_a_source<'a>(caption: &str, credits: impl Iterator<Item = &'a str>, table: &AgencyTable) -> bool {
    let words = caption.split_whitespace().count();
    let sentences = 1 + [". ", "! ", "? ", "。"]
        .iter()
        .map(|end| caption.matches(end).count())
        .sum::<usize>();
    let mut bare = true;
    let mut source_label = false;
    // `… over the weekend. Max Lee, KBS World Radio News.`: a reporter's
    // sign-off, written with a comma, no slash, no label, no bracket.
    let mut sign_off = true;
    for raw in credits {
        let a = analyse(raw, table);
        let c = &a.credit;
        let label = raw.trim_start_matches(['(', '（', '[', ' ']);
        source_label |= Words::builtin().opens_with_source_label(label);
        bare &= c.creators.is_empty() && !c.file_photo && !c.pool && !c.handout && (!a.labelled || source_label);
        sign_off &= !a.labelled && raw.contains(',') && !raw.contains(['/', '\\', '(', '（', '[', '|', '©']);
    }
    // Captions credited to a bare agency are a sentence or two
    // (`An MSC cargo ship leaves PortMiami, on Aug. 31, 2019. (AP)`); the
    // paragraph a wire story closes with its agency runs longer.
    let long = words >= 60 || sentences >= 3 || (sentences >= 2 && words >= 35);
    (bare && ((source_label && words >= 25 && sentences >= 2) || long)) || (sign_off && words >= 25)
}

/// The first words of a text, for messages.
pub(crate) fn excerpt(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// A button label between two picture leftovers (`Caption` / `Close` /
/// `Image 1 of 9`, `Video` / `Transcript` / `0:00/0:45`), or closing or
/// opening a run of two (`0:00/0:45` / `-0:00` / `Transcript`), belongs to
/// the same widget; elsewhere it may be the page's own link and stays.
fn buttons_between_leftovers(text: &str, units: &mut [Unit]) {
    let leftover =
        |units: &[Unit], j: Option<usize>| j.and_then(|j| units.get(j)).is_some_and(|u| u.class == Class::Leftover);
    for i in 0..units.len() {
        let between = leftover(units, i.checked_sub(1)) && leftover(units, Some(i + 1));
        let after_two = leftover(units, i.checked_sub(1)) && leftover(units, i.checked_sub(2));
        let before_two = leftover(units, Some(i + 1)) && leftover(units, Some(i + 2));
        if units[i].class == Class::Body
            && (between || after_two || before_two)
            && leftover::is_widget_button(&text[units[i].span.clone()])
        {
            units[i].class = Class::Leftover;
        }
    }
}

/// Most words a credit printed under its own label line may have.
const MAX_CREDIT_UNDER_LABEL_WORDS: usize = 6;

/// `Foto:` alone on a line (a picture leftover), then a short line with no
/// sentence in it (`WITTERS`, `Jaiver Nieto`): the page printed the credit
/// label and the credit as two elements, so the short line is the credit.
fn credits_under_a_bare_label(text: &str, units: &mut [Unit]) {
    for i in 1..units.len() {
        let label = text[units[i - 1].span.clone()].trim();
        let below = &text[units[i].span.clone()];
        let bare_label = units[i - 1].class == Class::Leftover
            && label.ends_with([':', '：'])
            && matches!(Words::builtin().prefix(label), Some((Role::Label, n)) if label[n..].trim() == ":" || label[n..].trim() == "：");
        if bare_label
            && units[i].class == Class::Body
            && !below.contains('\n')
            && (1..=MAX_CREDIT_UNDER_LABEL_WORDS).contains(&below.split_whitespace().count())
            && !below.trim_end().ends_with(['.', '!', '?', '。', ':'])
        {
            let span = units[i].span.clone();
            units[i].class = Class::Caption {
                caption: span.start..span.start,
                credits: vec![span],
            };
        }
    }
}

/// A block whose lines say the same thing twice is a picture's alt text and
/// caption (`Станция метро "Коммунарка"` twice): the lines become a caption
/// and its duplicate, which `mark_duplicates` then pairs.
fn repeated_lines_are_captions(text: &str, units: &mut Vec<Unit>) {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for u in units.drain(..) {
        let lines: Vec<std::ops::Range<usize>> = line_ranges(text, &u.span);
        let repeated = u.class == Class::Body
            && lines.len() == 2
            && caption_key(&text[lines[0].clone()]) == caption_key(&text[lines[1].clone()])
            && text[lines[0].clone()].split_whitespace().count() <= DEFAULT_MAX_CAPTION_WORDS;
        if repeated {
            for line in lines {
                out.push(Unit {
                    span: line.clone(),
                    block: u.block,
                    class: Class::Caption {
                        caption: line,
                        credits: Vec::new(),
                    },
                });
            }
        } else {
            out.push(u);
        }
    }
    *units = out;
}

/// The lines of `span` in `text`.
fn line_ranges(text: &str, span: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = span.start;
    for line in text[span.clone()].split('\n') {
        out.push(start..start + line.len());
        start += line.len() + 1;
    }
    out
}

/// A comparison key for caption text: case, spacing and final punctuation
/// do not make a caption different.
fn caption_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', '。', ' '])
        .to_lowercase()
}

/// Marks captions that repeat an earlier caption, and body lines that repeat
/// a caption (alt text kept beside the caption).
fn mark_duplicates(text: &str, units: &mut [Unit]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, unit) in units.iter_mut().enumerate() {
        if let Class::Caption { caption, credits } = &unit.class
            && !caption.is_empty()
        {
            let key = caption_key(&text[caption.clone()]);
            match seen.get(&key) {
                Some(&of) => {
                    unit.class = Class::Duplicate {
                        of,
                        credits: credits.clone(),
                    }
                }
                None => {
                    seen.insert(key, i);
                }
            }
        }
    }
    if seen.is_empty() {
        return; // no caption to repeat: spare the body its keys
    }
    // A key has at least as many characters as the text has characters
    // other than spaces and full stops (lowercasing never removes one): a
    // body paragraph longer than every caption needs no key (and its
    // characters need no counting past the longest key).
    let longest = seen.keys().map(|k| k.chars().count()).max().unwrap_or(0);
    let key_fits = |s: &str| {
        s.chars()
            .filter(|&c| !c.is_whitespace() && !matches!(c, '.' | '。'))
            .nth(longest)
            .is_none()
    };
    for u in units.iter_mut() {
        if u.class == Class::Body
            && key_fits(&text[u.span.clone()])
            && let Some(&of) = seen.get(&caption_key(&text[u.span.clone()]))
        {
            u.class = Class::Duplicate {
                of,
                credits: Vec::new(),
            };
        }
    }
}

/// `© 2019 CBS Interactive Inc. All Rights Reserved.`: the page's copyright
/// notice, which has two of these three: the notice's words, a year, the
/// site's domain (`© handwerk-magazin.de - Alle Rechte vorbehalten`, `© 2000
/// – 2023 nnz-online.de`). It credits no photo: a photographer's copyright
/// seldom has a year, and a picture library's domain comes without one.
fn is_site_notice(s: &str) -> bool {
    let year = s
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit) && (w.starts_with(b"19") || w.starts_with(b"20")));
    let domain = || {
        s.split_whitespace()
            .any(|w| crate::credit::is_domain(w.trim_end_matches(['.', ',', ';', ')'])))
    };
    let notice = || Words::builtin().mentions_site_notice(s);
    (year && (notice() || domain())) || (notice() && domain())
}

/// `Image: Jose Mourinho, left, has replaced …`: a credit label with a
/// colon, then a sentence that is not a credit; some pages print every
/// caption this way. (A label in capitals is a teaser for a gallery or a
/// video: `VIDEO: The 20-second hand wash`.)
fn labelled_caption(s: &str) -> bool {
    // The colon is needed below; most lines have none (a cheap first look:
    // one fast search per colon, as a set of characters is searched for a
    // character at a time).
    if !s.contains(':') && !s.contains('：') {
        return false;
    }
    let Some((Role::Label, n)) = Words::builtin().prefix(s) else {
        return false;
    };
    let Some(rest) = s[n..].trim_start().strip_prefix([':', '：']) else {
        return false;
    };
    s[..n].chars().any(char::is_lowercase) && rest.split_whitespace().count() >= MIN_LABELLED_CAPTION_WORDS
}

/// Fewest words after `Image:` that make a sentence rather than a credit.
const MIN_LABELLED_CAPTION_WORDS: usize = 5;

/// Longest line, in words, that a credit line right under it in the same
/// paragraph makes a caption.
const MAX_SAME_BLOCK_CAPTION_WORDS: usize = 80;

/// A line break (not a blank line) between a short line and a credit-only
/// line is a caption and its credit printed as one block: `Caption<br>Foto: dpa`.
fn same_block_captions(text: &str, units: &mut [Unit]) {
    captions_over_credits(text, units, |above, credit, words, _| {
        above.block == credit.block && words <= MAX_SAME_BLOCK_CAPTION_WORDS
    });
}

/// A paragraph right above a credit-only line that reads as one wire
/// caption sentence (`Then-nominee Donald Trump speaks at a rally on Sept.
/// 28 in Waukesha, Wisconsin.` over `Spencer Platt/Getty Images`) is that
/// picture's caption: article text is seldom one present-tense sentence
/// describing a scene, and the credit under it says a picture is there.
/// Other short paragraphs above a credit line stay body (see
/// [`warn_on_lone_captions`]).
fn wire_captions_above_credits(text: &str, units: &mut [Unit]) {
    captions_over_credits(text, units, |_, _, words, line| {
        words <= MAX_LONE_CAPTION_WORDS && caption_shape::is_wire_sentence(line)
    });
}

/// Fewest words of a paragraph that reads as running text rather than a
/// heading, a list item or a caption.
const MIN_RUNNING_TEXT_WORDS: usize = 40;

/// A short sentence alone between running text and a credit line, with
/// running text again after the credit, is laid out as a figure: paragraph,
/// caption, credit, paragraph. Headings and short transitions also stand
/// between long paragraphs, but seldom over a credit line and seldom as a
/// closed sentence. On the public corpus's labels, a short sentence above a
/// credit line after a long paragraph was a caption 11 times of 13; framed
/// by long paragraphs on both sides, every time.
fn captions_framed_by_running_text(text: &str, units: &mut [Unit]) {
    let running =
        |u: &Unit| u.class == Class::Body && more_words_than(&text[u.span.clone()], MIN_RUNNING_TEXT_WORDS - 1);
    for i in 2..units.len().saturating_sub(1) {
        // Credit lines are few: look at them first, at the paragraphs around
        // them only then.
        let credit_only = units[i].is_credit_only();
        if credit_only && running(&units[i - 2]) && running(&units[i + 1]) {
            captions_over_credits_at(text, units, i, |_, _, words, line| {
                words <= MAX_LONE_CAPTION_WORDS && line.trim_end().ends_with(['.', '!', '?', '。'])
            });
        }
    }
}

/// Makes a one-line body unit right above a credit-only line a caption when
/// `takes(above, credit, its words, its text)` says so.
fn captions_over_credits(text: &str, units: &mut [Unit], takes: impl Fn(&Unit, &Unit, usize, &str) -> bool) {
    for i in 1..units.len() {
        captions_over_credits_at(text, units, i, &takes);
    }
}

/// [`captions_over_credits`] for the credit line at `i`.
fn captions_over_credits_at(
    text: &str,
    units: &mut [Unit],
    i: usize,
    takes: impl Fn(&Unit, &Unit, usize, &str) -> bool,
) {
    let credit_only = units[i].is_credit_only();
    let above = &units[i - 1];
    let line = &text[above.span.clone()];
    if credit_only
        && above.class == Class::Body
        && !line.contains('\n')
        && takes(above, &units[i], line.split_whitespace().count(), line)
    {
        units[i - 1].class = Class::Caption {
            caption: above.span.clone(),
            credits: Vec::new(),
        };
    }
}

/// Longest paragraph, in words, that may be the caption of a credit line below it.
const MAX_LONE_CAPTION_WORDS: usize = 30;

/// Pages often put a caption and its credit in separate paragraphs, but on
/// real pages a credit line far more often follows body text (a picture with
/// no caption): measured on the public corpus, taking the short paragraph
/// above a credit line as its caption removed three body paragraphs for
/// every caption it found. So the paragraph stays in the body, with a warning.
fn warn_on_lone_captions(text: &str, units: &[Unit], warnings: &mut Vec<String>) {
    warnings.extend(lone_captions(text, units).into_iter().map(|(_, w)| w));
}

/// The warnings of [`warn_on_lone_captions`], each with the credit line's
/// unit. HTML input recomputes them once the markup has labelled the units:
/// a credit the markup placed is no doubt about the paragraph above it.
pub(crate) fn lone_captions(text: &str, units: &[Unit]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for i in 2..units.len() {
        let credit_only = units[i].is_credit_only();
        let above = &text[units[i - 1].span.clone()];
        // `Image source, …` over `Image caption, …`: the caption is below.
        let captioned_below = units
            .get(i + 1)
            .is_some_and(|n| n.block == units[i].block && n.is_caption());
        if credit_only
            && !captioned_below
            && units[i - 1].class == Class::Body
            && above.split_whitespace().count() <= MAX_LONE_CAPTION_WORDS
        {
            out.push((
                i,
                format!(
                    "credit line {:?} follows a short paragraph that may be its caption; kept in the body: {:?}",
                    excerpt(&text[units[i].span.clone()]),
                    excerpt(above)
                ),
            ));
        }
    }
    out
}

/// A bare agency name closing the article (`(dpa)`, `AP`) with no caption
/// before it is the article's source, not a photo credit.
fn closing_agency_is_source(text: &str, units: &mut [Unit], table: &AgencyTable) {
    let Some(last) = units.iter().rposition(|u| u.class != Class::Leftover) else {
        return;
    };
    let Class::Caption { caption, credits } = &units[last].class else {
        return;
    };
    let after_caption = last > 0 && matches!(units[last - 1].class, Class::Caption { .. } | Class::Duplicate { .. });
    let bare = credits.iter().all(|r| {
        let a = analyse(&text[r.clone()], table);
        let c = &a.credit;
        c.creators.is_empty() && !c.agencies.is_empty() && !a.labelled && !c.file_photo && !c.pool && !c.handout
    });
    if caption.is_empty() && bare && !after_caption {
        let who = units[last].span.clone();
        units[last].class = Class::SourceNote { who };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporter_sign_offs_are_not_credits() {
        let t = AgencyTable::builtin();
        assert!(is_sign_off("Max Lee, KBS World Radio News.", t));
        assert!(!is_sign_off("Photo: Meg Kinnard, AP", t));
        assert!(!is_sign_off("(Jane Roe, AP)", t));
        assert!(!is_sign_off("JIM WATSON/AFP/Getty Images", t));
    }

    #[test]
    fn caption_openers_labels_and_positions_make_captions() {
        let t = AgencyTable::builtin();
        let mut w = Vec::new();
        for line in [
            "Media captionDrone footage shows mass burials in New York",
            "图为北京的街景",
            "Image: Jose Mourinho, left, has replaced Mauricio Pochettino as manager of Tottenham",
            "U.S. Defense Secretary Mark Esper, left, and Vietnamese Defense Minister Ngo Xuan Lich shake hands",
            "Marcell Jansen (l.) und Piotr Trochowski haben einen guten Draht.",
            "Los ministros, de izquierda a derecha, durante la cumbre en Lima.",
            "An artist's concept of a moon lander and lunar rover on the moon's surface.",
            "さらにコンパクトな端末と並べてみた。左から、ストラップフォン2、Jelly Pro、そしてPalm Phone",
        ] {
            let class = classify_line(line, 0..line.len(), &TextScan::new(t, line), 150, &mut w);
            assert!(matches!(class, Class::Caption { .. }), "{line}: {class:?}");
        }
        for body in [
            "Media coverage of the captions was thin.",
            "VIDEO: The 20-second hand wash",
            "Sie werden von links nach rechts zunehmend restriktiver.",
            "Produced by Alicia DeSantis and Josh Williams, Photographs by Lexey Swall, Written by Graham Bowley",
            "Words: Rudolf Fischer, Simon Kohler Photos: Simon Kohler",
            "© 2019 CBS Interactive Inc. All Rights Reserved.",
            "Copyright © 2021 Bennett, Coleman & Co. Ltd. All rights reserved.",
            // A site's notice names the site by its domain.
            "© handwerk-magazin.de - Alle Rechte vorbehalten",
            "© 2000 – 2023 nnz-online.de",
            "© volksblatt.at 2023",
        ] {
            assert_eq!(
                classify_line(body, 0..body.len(), &TextScan::new(t, body), 150, &mut w),
                Class::Body,
                "{body}"
            );
        }
        // A long paragraph that names a position is article text.
        let long = format!(
            "The senator, left, spoke first. {}",
            "Then the debate went on for hours. ".repeat(12)
        );
        assert_eq!(
            classify_line(&long, 0..long.len(), &TextScan::new(t, &long), 150, &mut w),
            Class::Body
        );
    }

    /// The class of each paragraph of `text`.
    fn classes(text: &str) -> Vec<Class> {
        let blocks = crate::segment::segment(text);
        let (units, _) = classify(text, &blocks, AgencyTable::builtin(), 150);
        units.into_iter().map(|u| u.class).collect()
    }

    #[test]
    fn a_source_label_naming_a_stock_library_is_a_credit() {
        let page =
            "The senator spoke on Tuesday.\n\nQuelle: Unsplash/John Doe\n\nQuelle: dpa\n\nThe vote is next week.";
        let got = classes(page);
        assert!(matches!(&got[1], Class::Caption { caption, credits } if caption.is_empty() && credits.len() == 1));
        assert!(matches!(got[2], Class::SourceNote { .. }));
    }

    #[test]
    fn a_button_between_picture_leftovers_is_one() {
        let widget = "Caption\n\nClose\n\nImage 1 of 9\n\nThe senator spoke on Tuesday.";
        assert_eq!(classes(widget)[1], Class::Leftover);
        // A page's own `Close` link, next to one leftover only, stays.
        let link = "Share\n\nClose\n\nVideo\n\nThe senator spoke on Tuesday.";
        assert_eq!(classes(link)[1], Class::Body);
        // Closing a run of two leftovers (a video player's times).
        let player = "The senator spoke on Tuesday.\n\n0:00/0:45\n\n-0:00\n\nTranscript\n\nThe vote is next week.";
        assert_eq!(classes(player)[3], Class::Leftover);
        let link = "The senator spoke on Tuesday.\n\nShare\n\nVideo\n\nTranscript\n\nThe vote is next week.";
        assert_eq!(classes(link)[3], Class::Body);
    }

    #[test]
    fn a_wire_sentence_over_a_credit_line_is_its_caption() {
        let body = "The rally drew thousands of supporters to the county fairgrounds on a cold evening.";
        let pictured = format!(
            "{body}\n\nThen-nominee Donald Trump speaks at a rally in Waukesha, Wisconsin.\n\nSpencer Platt/Getty Images\n\n{body}"
        );
        assert!(matches!(&classes(&pictured)[1], Class::Caption { credits, .. } if credits.is_empty()));
        // Narrative above the credit line stays body (with a warning).
        let told = format!(
            "{body}\n\nTrump said he speaks for the forgotten men and women of the country.\n\nSpencer Platt/Getty Images\n\n{body}"
        );
        assert_eq!(classes(&told)[1], Class::Body);
    }

    #[test]
    fn a_short_sentence_between_running_text_over_a_credit_is_its_caption() {
        let running = "Built in 1866 to carry lumber and granite along the coast, the two-masted vessel had been \
                       slowly rotting at her berth since the 1990s. When museum staff surveyed the hull in 2017, \
                       they found that more than half of the frames below the waterline would have to be replaced.";
        let figure = format!(
            "{running}\n\nThe vessel's original figurehead, after restoration.\n\n© Lucas Brennan\n\n{running}"
        );
        assert!(matches!(&classes(&figure)[1], Class::Caption { credits, .. } if credits.is_empty()));
        // A heading over a credit stays body; so does a sentence with no
        // running text after the credit.
        let heading = format!("{running}\n\nThe figurehead\n\n© Lucas Brennan\n\n{running}");
        assert_eq!(classes(&heading)[1], Class::Body);
        let last = format!("{running}\n\nThe vessel's original figurehead, after restoration.\n\n© Lucas Brennan");
        assert_eq!(classes(&last)[1], Class::Body);
    }

    #[test]
    fn a_short_line_under_a_bare_credit_label_is_the_credit() {
        let split = "Der Roll-Out der zweiten F13.\n\nFoto:\n\nJunkers Flugzeugwerke AG\n\nDer Nachbau dauerte Jahre.";
        assert!(
            matches!(&classes(split)[2], Class::Caption { caption, credits } if caption.is_empty() && credits.len() == 1)
        );
        // A sentence under the label is not a credit; nor is a line under a
        // label that is not a credit label.
        let sentence = "Foto:\n\nDie Maschine steht im Hangar.";
        assert_eq!(classes(sentence)[1], Class::Body);
        let tags = "Tags:\n\nVerizon Fios TV";
        assert_eq!(classes(tags)[1], Class::Body);
    }

    #[test]
    fn long_paragraphs_ending_with_a_sign_off_stay_body() {
        let t = AgencyTable::builtin();
        let caption = "The sudden cold snap should peak Wednesday before temperatures climb back up on Thursday, \
                       but the weather service forecasts the winter-like weather to return over the weekend.";
        assert!(cites_a_source(
            caption,
            ["Max Lee, KBS World Radio News."].into_iter(),
            t
        ));
        assert!(!cites_a_source(
            "Kim and Putin in 2019",
            ["(AP Photo/Jane Roe)"].into_iter(),
            t
        ));
    }
}
