//! Locating credits inside a caption line.

use super::grammar::{analyse, read_credit};
use super::words::{Role, Words};
use crate::agency::{AgencyMatch, AgencyTable, TextScan};
use crate::text::more_words_than;
use std::collections::HashMap;
use std::ops::Range;

/// A line cut into caption text and the credits around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditSplit {
    /// The caption text (byte range in the line); empty for a credit-only line.
    pub caption: Range<usize>,
    /// Each credit as written, in order (leading markers such as `FILE -` first).
    pub credits: Vec<Range<usize>>,
}

/// Opening brackets that may start a credit.
const OPENERS: &[char] = &['(', '（', '[', '【', '［', '〔'];
/// Longest credit worth considering, in words.
const MAX_CREDIT_WORDS: usize = 40;
/// … and in bytes: where in a long paragraph the search for a credit starts.
const MAX_CREDIT_BYTES: usize = 640;

/// How far into a line a leading credit may reach.
const MAX_LEADING_BYTES: usize = 96;

/// Finds the credits of a line: a credit-only line, leading markers
/// (`FILE -`, `[사진=연합뉴스]`) and trailing credits (`(AP Photo/Name)`,
/// `REUTERS/Name`, `Photographer: Name/Bloomberg`). `None` when the line
/// carries no credit.
///
/// ```
/// use capsift::{agency::AgencyTable, credit::find_credits};
/// let line = "Shoigu toasts with Kim (KCNA/AP) (Uncredited/)";
/// let split = find_credits(line, AgencyTable::builtin()).unwrap();
/// assert_eq!(&line[split.caption], "Shoigu toasts with Kim");
/// assert_eq!(split.credits.len(), 2);
/// ```
pub fn find_credits(line: &str, table: &AgencyTable) -> Option<CreditSplit> {
    find_credits_in(line, Names { table, scan: None })
}

/// [`find_credits`] for a line of a scanned text, starting at byte `at`:
/// agency names are read off the text's scan where that is exact.
pub(crate) fn find_credits_scanned(line: &str, scan: &TextScan<'_>, at: usize) -> Option<CreditSplit> {
    find_credits_in(
        line,
        Names {
            table: scan.table(),
            scan: Some((scan, at)),
        },
    )
}

/// Where the credit search looks agency names up: in the scan of the text
/// the line is part of, when there is one, else in the line itself.
#[derive(Clone, Copy)]
struct Names<'a> {
    table: &'a AgencyTable,
    /// The scan and the line's offset in the scanned text.
    scan: Option<(&'a TextScan<'a>, usize)>,
}

impl Names<'_> {
    /// `table.find_all(&line[r])`; `line` starts where the line does.
    fn find_all(&self, line: &str, r: Range<usize>) -> Vec<AgencyMatch> {
        match self.scan {
            Some((scan, at)) => scan.names_in(at + r.start..at + r.end),
            None => self.table.find_all(&line[r]),
        }
    }
}

fn find_credits_in(line: &str, names: Names<'_>) -> Option<CreditSplit> {
    let table = names.table;
    if !may_hold_credit(line, names) {
        return None;
    }
    // A line that ends a sentence before its credit (`Posiedzenie Sejmu.
    // Fot. PAP/Name`) has a caption: only the trailing search may split it.
    // (The count stops early in a long line.)
    let whole = !more_words_than(line, MAX_CREDIT_WORDS) && !has_sentence_end(line);
    if whole && is_credit_text(line, table) {
        return Some(CreditSplit {
            caption: 0..0,
            credits: credit_units(line, 0),
        });
    }
    let mut credits = Vec::new();
    let lead = leading_credit(line, table);
    let mut cap_start = match &lead {
        Some(r) => {
            credits.push(r.clone());
            skip_separators(line, r.end)
        }
        None => 0,
    };
    // `Image source, Getty Images Image caption, Protesters …` (BBC): a
    // credit, then a label that opens the caption and is not part of it.
    if let Some((k, end)) = Words::builtin().caption_label(&line[cap_start..]) {
        let before = line[cap_start..cap_start + k].trim_end();
        if before.is_empty() {
            cap_start += end;
        } else if lead.is_none() && is_credit_text(before, table) {
            credits.extend(credit_units(before, 0));
            cap_start += end;
        }
    }
    // A usage notice in capitals closes the last credit; look for the
    // credits before it.
    let notice = super::grammar::usage_notice_start(&line[cap_start..]).map(|n| n + cap_start);
    // `Foto: -/Polizei Hamburg/dpa - ACHTUNG: …`: the dash only joins them.
    let before_notice = notice.map_or(line, |n| line[..n].trim_end_matches([' ', '-', '–', '—']));
    let trailing = trailing_credit_start(before_notice, cap_start, names)
        .or_else(|| labelled_bracket_start(before_notice, cap_start))
        .or_else(|| handout_provider_bracket_start(before_notice, cap_start));
    let cap_end = trailing.unwrap_or(before_notice.len());
    if let Some(t) = trailing {
        credits.extend(credit_units(&line[t..before_notice.len()], t));
        if let Some(last) = credits.last_mut() {
            last.end = line.len();
        }
    }
    if credits.is_empty() {
        return None;
    }
    let caption = trim_caption(line, cap_start..cap_end);
    if caption.is_empty() {
        // Everything was credit after all.
        return Some(CreditSplit { caption: 0..0, credits });
    }
    Some(CreditSplit { caption, credits })
}

/// A full stop (or `!`, `?`, `。`) that ends a sentence inside the line:
/// after a word longer than an abbreviation (`Fot.`, `Jr.`, `M.`).
fn has_sentence_end(line: &str) -> bool {
    line.contains('。')
        || line.match_indices(['.', '!', '?']).any(|(i, _)| {
            let followed = line[i + 1..].starts_with(' ') && line[i + 1..].trim_start().chars().next().is_some();
            let word = super::grammar::word_before(line, i);
            followed && word.chars().count() > 3 && !word.contains('.')
        })
}

/// Two to four words in capitals: `RODRIGO SALAS`.
fn is_capitals_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase))
}

/// Every credit holds an agency, a label or marker word, or a slash; the end
/// of a line without any of them needs no closer look.
fn may_hold_credit(line: &str, names: Names<'_>) -> bool {
    let tail = line.floor_char_boundary(line.len().saturating_sub(MAX_CREDIT_BYTES))..line.len();
    // Leading credits are short: `FILE -`, `[사진=연합뉴스]`.
    let head = 0..line.floor_char_boundary(MAX_LEADING_BYTES);
    let evident = |r: &Range<usize>| {
        let part = &line[r.clone()];
        // One fast search per sign: a set of characters is searched for a
        // character at a time.
        let sign = part.contains('/')
            || part.contains('\\')
            || (!part.is_ascii() && (part.contains('©') || part.contains('ⓒ') || part.contains('Ⓒ')));
        sign || Words::builtin().has_evidence(part)
    };
    let named = |r: &Range<usize>| !names.find_all(line, r.clone()).is_empty();
    if evident(&tail) || named(&tail) {
        return true;
    }
    // A short line is its own head and tail: look at it once.
    if head.end == line.len() {
        return false;
    }
    // A head inside the tail holds no sign or word the tail lacks; only a
    // name may stand as a word in it and not in the line (cut off at its end).
    (tail.start > 0 && evident(&head)) || named(&head)
}

/// A whole stretch reads as credits: every bracket group and every stretch
/// between them.
fn is_credit_text(text: &str, table: &AgencyTable) -> bool {
    credit_text_from(text, 0, |r| judge(&text[r], table))
}

/// What the credit search needs to know of one unit.
#[derive(Debug, Clone, Copy)]
struct Verdict {
    /// Every segment is understood and the unit is short enough.
    understood: bool,
    /// Something in it says "credit".
    signals: bool,
    /// It names an agency.
    agency: bool,
}

fn judge(unit: &str, table: &AgencyTable) -> Verdict {
    // A unit not understood fails whatever else it holds: most candidates
    // fail on an early segment, and the rest of the unit needs no reading.
    let a = read_credit(unit, table, true);
    let understood = a.unknown.is_empty() && a.words <= MAX_CREDIT_WORDS;
    Verdict {
        understood,
        signals: understood && a.signals > 0,
        agency: understood && !a.credit.agencies.is_empty(),
    }
}

/// `line[from..]` reads as credits; `verdict` judges each unit (by its range
/// in `line`), so that callers trying many starts can remember the verdicts.
fn credit_text_from(line: &str, from: usize, mut verdict: impl FnMut(Range<usize>) -> Verdict) -> bool {
    let text = &line[from..];
    // Each unit must say "credit" on its own: a bare name before a bracketed
    // credit (`… Calif. California Gov. (AP Photo/Name)`) is caption text.
    // A label with nothing after it (`Primary Funding Source:`) or a dateline
    // (`Washington CNN —`) is not a credit.
    if text.trim_end().ends_with([':', '：', '—', '–', '-']) {
        return false;
    }
    let units = credit_units(text, from);
    if units.is_empty() {
        return false;
    }
    // Most candidates fail on their first unit, so stop at the first failure.
    let mut any_agency = false;
    let mut capitals_names = 0;
    for (k, u) in units.iter().enumerate() {
        let v = verdict(u.clone());
        if !v.understood {
            return false;
        }
        any_agency |= v.agency;
        // `Foto: Name (CC BY 2.0)`: the licence after a credit belongs to it.
        let licence =
            || super::grammar::is_licence(line[u.clone()].trim_matches(|c: char| OPENERS.contains(&c) || is_closer(c)));
        if !v.signals && k > 0 && licence() {
            continue;
        }
        if !v.signals {
            // `RODRIGO SALAS (EFE)`: a photographer's name in capitals before
            // the agency's bracket is part of the credit (EFE, AFP style).
            if !is_capitals_name(&line[u.clone()]) {
                return false;
            }
            capitals_names += 1;
        }
    }
    capitals_names == 0 || any_agency
}

/// The credits written one after another in `text`: top-level bracket groups
/// (unbalanced ones run to the end) and the stretches between them. Ranges are
/// offset by `base`.
fn credit_units(text: &str, base: usize) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    // The end of a bracketed copyright sign being stepped over.
    let mut sign_end = 0;
    for (i, c) in text.char_indices() {
        if i < sign_end {
            continue;
        }
        // `(C) Kab Niang`: a copyright sign written with brackets opens a
        // credit; it is no bracket group of its own.
        let sign = match c {
            '(' | '（' => super::grammar::COPYRIGHT_FORMS
                .iter()
                .find(|f| text[i..].starts_with(**f)),
            _ => None,
        };
        if let Some(f) = sign {
            sign_end = i + f.len();
            continue;
        }
        if OPENERS.contains(&c) || c == '「' {
            if depth == 0 {
                push_stretch(text, start..i, &mut units);
                start = i;
            }
            depth += 1;
        } else if is_closer(c) && depth > 0 {
            depth -= 1;
            // `APA (dpa)/Jens Büttner`: a bracket inside a slash chain is
            // part of that credit, not one of its own.
            let end = i + c.len_utf8();
            if depth == 0 && !text[end..].trim_start().starts_with(['/', '／']) {
                units.push(start..end);
                start = end;
            }
        }
    }
    if depth > 0 {
        units.push(start..text.len());
    } else {
        push_stretch(text, start..text.len(), &mut units);
    }
    units.into_iter().map(|r| r.start + base..r.end + base).collect()
}

/// `text` opens a bracket it does not close.
fn unclosed_bracket(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        if OPENERS.contains(&c) || c == '「' {
            depth += 1;
        } else if is_closer(c) {
            depth = (depth - 1).max(0);
        }
    }
    depth > 0
}

fn is_closer(c: char) -> bool {
    matches!(c, ')' | '）' | ']' | '】' | '］' | '〕' | '」')
}

/// Adds the stretch without its separators, if anything is left.
fn push_stretch(text: &str, r: Range<usize>, units: &mut Vec<Range<usize>>) {
    let r = trim_range(text, r);
    if !r.is_empty() {
        units.push(r);
    }
}

/// Characters that separate a credit from its caption or from another credit.
fn is_edge_junk(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '/' | ';' | ',' | '-' | '–' | '—' | ')' | '）' | '·' | '•')
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_edge_junk).len();
    let trimmed = s.trim_matches(is_edge_junk);
    r.start + lead..r.start + lead + trimmed.len()
}

/// The caption without the separators that stood between it and its credits;
/// its own punctuation (`in Washington,`) stays.
fn trim_caption(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim().trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '/' | '-' | '–' | '—' | '·' | '•' | '、' | '＝' | '，')
    });
    r.start + lead..r.start + lead + trimmed.len()
}

fn skip_separators(line: &str, from: usize) -> usize {
    let rest = &line[from..];
    from + (rest.len() - rest.trim_start_matches(|c: char| is_edge_junk(c) || c == ':').len())
}

/// A credit standing before the caption: `FILE -`, `FILE PHOTO:`, or a
/// bracketed credit with a label (`[사진=연합뉴스]`).
fn leading_credit(line: &str, table: &AgencyTable) -> Option<Range<usize>> {
    let words = Words::builtin();
    if let Some((Role::File, n)) = words.prefix(line) {
        let rest = line[n..].trim_start();
        if rest.starts_with(['-', '–', '—', ':']) {
            return Some(0..n);
        }
    }
    let first = line.chars().next()?;
    if !OPENERS.contains(&first) {
        return None;
    }
    let unit = credit_units(line, 0).into_iter().next()?;
    let a = analyse(&line[unit.clone()], table);
    // A bare `（Ｃ）` names nobody: the holder follows it (`（Ｃ）２０２４「…」製作委員会`).
    let names_someone = !a.credit.agencies.is_empty() || !a.credit.creators.is_empty() || a.credit.file_photo;
    (a.is_credit() && a.labelled && names_someone && unit.end < line.len()).then_some(unit)
}

/// Where the trailing credits start: the earliest place from which the rest
/// of the line reads as credits.
fn trailing_credit_start(line: &str, from: usize, names: Names<'_>) -> Option<usize> {
    let table = names.table;
    // Later starts share their last units with earlier ones: judge each once.
    let mut verdicts: HashMap<(usize, usize), Verdict> = HashMap::new();
    candidates(line, from, names).into_iter().find(|&c| {
        let rest = &line[c..];
        // A credit never starts inside the caption's own brackets:
        // `写真は…撮影（2024年　ロイター/Name）`.
        if unclosed_bracket(&line[from..c]) {
            return false;
        }
        // A lone marker word run on from the caption names nobody: `Browse
        // the BusinessWeek Archive`, `zum Archiv`.
        // `Sala de espera de un ambulatorio madrileño. / GORKA LEJARCEGI`
        // (El País): a name in capitals set apart by a slash after the
        // caption's last sentence.
        if slash_after_sentence(&line[from..c]) && is_capitals_name(rest.trim()) {
            return true;
        }
        // `… from the air. SIA/EFAK/YPPOA`: initials of the bodies that hold
        // the picture, chained by slashes after the caption's last sentence.
        if ends_sentence(&line[from..c]) && is_initials_chain(rest.trim()) {
            return true;
        }
        // `Housing market slowdown continues | BBC News`: a page title names
        // its site after a bar. A photo credit there has a label or a name
        // (`| Photo Credit: Reuters`, `| Reuters`: a wire is a credit).
        // A spaced slash does the same in datelines: `Updated on: November
        // 19, 2019 / 10:07 AM / CBS News`.
        if (line[from..c].trim_end().ends_with('|') || spaced_slash(&line[from..c])) && is_bare_outlet(rest, table) {
            return false;
        }
        let lone_word = !rest.trim().contains(char::is_whitespace);
        let before = &line[from..c];
        let glued = !before.ends_with(char::is_whitespace);
        let bracketed = rest.starts_with(OPENERS);
        if lone_word && !glued && !bracketed && !set_apart(before) && names.find_all(line, c..line.len()).is_empty() {
            return false;
        }
        !more_words_than(rest, MAX_CREDIT_WORDS)
            && credit_text_from(line, c, |r| {
                *verdicts
                    .entry((r.start, r.end))
                    .or_insert_with(|| judge(&line[r], table))
            })
    })
}

/// Nothing but outlets (newspapers, broadcasters): no label, no person, no
/// wire or photo agency.
fn is_bare_outlet(text: &str, table: &AgencyTable) -> bool {
    let a = analyse(text.trim(), table);
    let c = &a.credit;
    !a.labelled
        && c.creators.is_empty()
        && !c.agencies.is_empty()
        && c.agencies.iter().all(|r| {
            r.id.as_deref()
                .and_then(|id| table.by_id(id))
                .is_some_and(|i| table.get(i).kind == crate::agency::AgencyKind::Outlet)
        })
}

/// Most words between a photo label and its colon inside a closing bracket:
/// `(Foto Prensa Libre: Name)`.
const MAX_WORDS_BEFORE_BRACKET_COLON: usize = 3;

/// A bracket closing the line that opens with a photo label and a colon
/// (`… aus? (Foto: Pixabay.com / irfanahmad)`, `(Foto Prensa Libre: Esbin
/// García)`) is a credit whatever it names: captions say so, body text
/// does not. Source labels (`(Quelle: SWR)`) cite a story's source and are
/// left to the grammar.
fn labelled_bracket_start(line: &str, from: usize) -> Option<usize> {
    let (open, inside) = closing_bracket(line)?;
    if open < from || inside.contains(')') {
        return None;
    }
    let inside = inside.trim_start();
    let (Role::Label, n) = Words::builtin().prefix(inside)? else {
        return None;
    };
    if !inside[..n].chars().any(char::is_lowercase) || Words::builtin().opens_with_source_label(inside) {
        return None;
    }
    let rest = &inside[n..];
    let colon = rest.find([':', '：'])?;
    let named = rest[colon..]
        .trim_start_matches([':', '：'])
        .chars()
        .any(char::is_alphanumeric);
    (named && rest[..colon].split_whitespace().count() <= MAX_WORDS_BEFORE_BRACKET_COLON).then_some(open)
}

/// A bracket closing a handout's caption that repeats the provider the
/// caption names: `صورة وزعتها الرئاسة المصرية … (الرئاسة المصرية)`, `Photo
/// provided by the Interior Ministry shows … (Interior Ministry)`.
fn handout_provider_bracket_start(line: &str, from: usize) -> Option<usize> {
    let (open, inside) = closing_bracket(line)?;
    if open <= from {
        return None;
    }
    let inside = inside.trim();
    let before = &line[from..open];
    (inside.chars().count() >= 3
        && super::words::contains_word(before, inside)
        && Words::builtin().mentions_handout(before))
    .then_some(open)
}

/// The bracket closing the line: where its last `(` opens, and what stands
/// between it and the final `)`.
fn closing_bracket(line: &str) -> Option<(usize, &str)> {
    let body = line.trim_end().strip_suffix(')')?;
    let open = body.rfind('(')?;
    Some((open, &body[open + 1..]))
}

/// Places where a trailing credit may begin, in order.
fn candidates(line: &str, from: usize, names: Names<'_>) -> Vec<usize> {
    let words = Words::builtin();
    let mut out = Vec::new();
    // Credits are short, so only the end of a long paragraph can hold one;
    // this also keeps the work per paragraph bounded.
    let scan_from = line
        .floor_char_boundary(line.len().saturating_sub(MAX_CREDIT_BYTES))
        .max(from);
    let mut prev: Option<char> = line[..scan_from].chars().next_back();
    for (i, c) in line[scan_from..].char_indices().map(|(i, c)| (i + scan_from, c)) {
        // Inside a word of prose (a small letter or digit after a letter or
        // digit) no test below can hold: nothing opens, nothing is a
        // capital, and what stands before is no space, stop or mark.
        if (c.is_ascii_lowercase() || c.is_ascii_digit()) && prev.is_some_and(|p| p.is_ascii_alphanumeric()) {
            prev = Some(c);
            continue;
        }
        let word_start = prev.is_none_or(|p| p.is_whitespace() || is_edge_junk(p));
        let opens = OPENERS.contains(&c) || matches!(c, '©' | 'ⓒ' | 'Ⓒ');
        // Labels glued to the caption by a lost line break: `…rodentCredit: The
        // Siberian Times`, `…tragen.Foto: Name/Reuters`.
        // Capitals start credit words; scripts without case (Arabic,
        // Devanagari, CJK) have none to look for.
        let upper = c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase() && !c.is_ascii());
        let glued = upper && prev.is_some_and(|p| p.is_lowercase() || p == '.') && glued_label(&line[i..], words);
        let credit_word = upper && (word_start || glued) && starts_credit_word(&line[i..], words);
        let after_bar = prev.is_some_and(|p| matches!(p, '|' | '。' | '।'));
        // `Die Corona-Intensivstation im Klinikum / picture alliance`: a
        // spaced slash sets a credit apart from its caption as a bar does.
        let after_slash = word_start && spaced_slash(&line[from..i]);
        let after_sentence = word_start && (ends_sentence(&line[from..i]) || slash_after_sentence(&line[from..i]));
        // A caption and a credit from two elements joined without a space:
        // `…isn't easy.Kathrin Ziegler/Getty`.
        let after_glued_stop = upper && prev == Some('.') && line[..i - 1].ends_with(char::is_lowercase);
        // `会見する首相＝東京都千代田区で、山田太郎撮影`: Japanese papers end a
        // caption with the photographer's name and 撮影, after `、` or `＝`.
        let cjk_taken = matches!(prev, Some('、' | '＝'))
            && !line[i..].contains(['、', '＝'])
            && words.suffix(&line[i..], &[Role::Taken]).is_some_and(|(_, at)| at > 0);
        if i > from
            && (opens || credit_word || after_bar || after_slash || after_sentence || after_glued_stop || cjk_taken)
        {
            out.push(i);
        }
        prev = Some(c);
    }
    // `… em Brasília Renato Farias - 4.fev.2025/Folhapress`: a credit dated
    // after a dash, glued to the caption; the name is the two capitalised
    // words before the dash.
    if let Some(dash) = line[scan_from..].rfind(" - ").map(|d| d + scan_from) {
        let dated = line[dash + 3..]
            .split_once('/')
            .is_some_and(|(d, _)| super::grammar::is_month_date(d.trim()));
        let name: Vec<(usize, &str)> = line[from..dash]
            .split(' ')
            .scan(from, |pos, w| {
                let at = *pos;
                *pos += w.len() + 1;
                Some((at, w))
            })
            .collect();
        if dated && name.len() >= 2 {
            let two = &name[name.len() - 2..];
            if two.iter().all(|(_, w)| w.starts_with(char::is_uppercase)) && two[0].0 > from {
                out.push(two[0].0);
            }
        }
    }
    // An agency name followed by a slash: `REUTERS/Name`, `EFE/Nombre`.
    let agencies = names.find_all(line, scan_from..line.len());
    for m in &agencies {
        let (s, e) = (m.start + scan_from, m.end + scan_from);
        if s > from && line[e..].starts_with('/') {
            out.push(s);
        }
    }
    // A credit never starts inside an agency's name: `… AP, Getty Images,
    // Reuters` holds the label word `Images`.
    out.retain(|&c| {
        !agencies
            .iter()
            .any(|m| m.start + scan_from < c && c < m.end + scan_from)
    });
    out.sort_unstable();
    out.dedup();
    out
}

fn starts_credit_word(rest: &str, words: &Words) -> bool {
    matches!(
        words.prefix(rest),
        Some((Role::Label | Role::File | Role::Handout | Role::Pool, _))
    )
}

/// A label word followed by `:` or dots, as a glued label is written.
fn glued_label(rest: &str, words: &Words) -> bool {
    match words.prefix(rest) {
        Some((Role::Label | Role::File, n)) => rest[n..].starts_with([':', '.', '…']),
        Some((Role::Handout, n)) => rest[n..].trim().is_empty() || rest[n..].starts_with([':', ' ']),
        _ => false,
    }
}

/// The text before a position ends with punctuation that sets what follows
/// apart from it: a separator between credits, a sentence's end or a colon.
fn set_apart(before: &str) -> bool {
    before
        .trim_end()
        .ends_with(|c| is_edge_junk(c) || matches!(c, '.' | '!' | '?' | '。' | ':'))
}

/// Two or more initialisms joined by slashes, nothing else: `SIA/EFAK/YPPOA`.
fn is_initials_chain(s: &str) -> bool {
    let parts: Vec<&str> = s.split('/').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| (2..=6).contains(&p.chars().count()) && p.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
}

/// The text before a position ends with a slash with spaces on both sides:
/// `… Klinikum / `.
fn spaced_slash(before: &str) -> bool {
    let t = before.trim_end();
    t.len() < before.len() && t.strip_suffix('/').is_some_and(|b| b.ends_with(' '))
}

/// The text before a position ends with a sentence's end and a spaced
/// slash: `… madrileño. / `.
fn slash_after_sentence(before: &str) -> bool {
    let t = before.trim_end();
    t.len() < before.len()
        && t.strip_suffix('/')
            .is_some_and(|b| b.ends_with(' ') && ends_sentence(b))
}

/// The text before a position ends a sentence: `… California. ` or `…2019.`.
fn ends_sentence(before: &str) -> bool {
    let t = before.trim_end();
    t.len() < before.len() && t.ends_with(['.', '!', '?', '。', '．', '"', '”', '।'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Option<(String, Vec<String>)> {
        let s = find_credits(line, AgencyTable::builtin())?;
        Some((
            line[s.caption].to_string(),
            s.credits.iter().map(|r| line[r.clone()].to_string()).collect(),
        ))
    }

    #[test]
    fn dated_credit_after_a_dash_glued_to_the_caption() {
        let (cap, credits) =
            split("Sessão no plenário da Casa, em Brasília Renato Farias - 4.fev.2025/Folhapress").unwrap();
        assert_eq!(cap, "Sessão no plenário da Casa, em Brasília");
        assert_eq!(credits, vec!["Renato Farias - 4.fev.2025/Folhapress"]);
        // A dash before anything but a dated slash is left alone.
        assert!(split("Ein Satz über Berlin Mitte - und mehr dazu").is_none());
    }

    #[test]
    fn capitals_name_after_a_sentence_and_a_slash() {
        let (cap, credits) = split("Sala de espera de un ambulatorio madrileño. / GORKA LEJARCEGI").unwrap();
        assert_eq!(cap, "Sala de espera de un ambulatorio madrileño.");
        assert_eq!(credits, vec!["GORKA LEJARCEGI"]);
        // Without the sentence's end, or in lowercase, it stays caption text.
        assert!(split("Sala de espera / GORKA LEJARCEGI").is_none());
        assert!(split("Sala de espera. / Gorka y Ana").is_none());
    }

    #[test]
    fn initials_chain_after_the_last_sentence() {
        let (cap, credits) = split("Fortress walls are clearly visible from the air. SIA/EFAK/YPPOA").unwrap();
        assert_eq!(cap, "Fortress walls are clearly visible from the air.");
        assert_eq!(credits, vec!["SIA/EFAK/YPPOA"]);
        assert!(is_initials_chain("CDU/CSU") && !is_initials_chain("CDU") && !is_initials_chain("AP Photo/X"));
        // Inside a sentence the chain is prose.
        assert!(split("Die Koalition aus SPD/CDU regiert weiter").is_none());
    }

    #[test]
    fn a_bracket_before_the_caption_start_is_no_provider() {
        // Found by the `credit` fuzz target: the last `(` opens the label's
        // bracket, before where the caption starts.
        assert_eq!(
            handout_provider_bracket_start("(Foto:c]re alliance/dpa/)Ｃ\"\")", 8),
            None
        );
        let _ = split("(Foto:c]re alliance/dpa/)Ｃ\"\")");
    }

    #[test]
    fn handout_caption_closed_by_its_provider() {
        let line = "صورة وزعتها الرئاسة المصرية للقاء الرئيس في القاهرة (الرئاسة المصرية)";
        let (cap, credits) = split(line).unwrap();
        assert_eq!(cap, "صورة وزعتها الرئاسة المصرية للقاء الرئيس في القاهرة");
        assert_eq!(credits, vec!["(الرئاسة المصرية)"]);
        // A bracket naming someone else, or no handout phrase, stays caption.
        assert!(split("Photo provided by the Interior Ministry shows the site (in 2020)").is_none());
        assert!(split("The Interior Ministry said so on Monday (Interior Ministry)").is_none());
    }

    #[test]
    fn bracketed_copyright_sign_opens_a_credit() {
        let (cap, credits) = split("Le piquet de grève dans le hall de l’université / (C) Kab Niang").unwrap();
        assert_eq!(cap, "Le piquet de grève dans le hall de l’université");
        assert_eq!(credits, vec!["(C) Kab Niang"]);
        let (cap, credits) = split("(c) Reuters").unwrap();
        assert_eq!((cap.as_str(), credits), ("", vec!["(c) Reuters".to_string()]));
        // A letter in brackets inside prose stays caption text.
        assert!(split("Variante (c) der Studie zeigt mehr.").is_none());
    }

    #[test]
    fn a_licence_after_a_credit_belongs_to_it() {
        let (caption, credits) =
            split("Demonstranten in Managua im August 2018. Foto: Jorge Mejía Peralta (CC BY 2.0)").unwrap();
        assert_eq!(caption, "Demonstranten in Managua im August 2018.");
        assert_eq!(credits.join(" "), "Foto: Jorge Mejía Peralta (CC BY 2.0)");
        // A licence alone credits nobody.
        assert!(split("Der Text steht unter CC BY 2.0").is_none());
    }

    #[test]
    fn a_closing_bracket_with_a_photo_label_is_a_credit() {
        assert_eq!(
            split("Was zeichnet erfolgreiche Tweets aus? (Foto: Pixabay.com / irfanahmad)"),
            Some((
                "Was zeichnet erfolgreiche Tweets aus?".to_string(),
                vec!["(Foto: Pixabay.com / irfanahmad)".to_string()]
            ))
        );
        assert!(split("Los precios siguen aumentando. (Foto Prensa Libre: Esbin García)").is_some());
        // A source cited in the body, a figure reference and an empty label stay.
        for body in [
            "Die Ermittlungen gehen weiter (Quelle: SWR)",
            "Die Anlage ist im Bild zu sehen (Bild 3)",
            "Der Streit geht weiter (Foto: )",
        ] {
            assert!(labelled_bracket_start(body, 0).is_none(), "{body}");
        }
    }

    #[test]
    fn trailing_parenthesised_credits() {
        let (cap, cr) =
            split("Kim Jong-un and Sergei Shoigu at a parade in Pyongyang (KCNA/AP) (朝鮮通信社/)").unwrap();
        assert_eq!(cap, "Kim Jong-un and Sergei Shoigu at a parade in Pyongyang");
        assert_eq!(cr, ["(KCNA/AP)", "(朝鮮通信社/)"]);
    }

    #[test]
    fn leading_file_marker() {
        let (cap, cr) = split("FILE - Pipes are pictured in Lubmin, Germany. (AP Photo/Michael Sohn, File)").unwrap();
        assert_eq!(cap, "Pipes are pictured in Lubmin, Germany.");
        assert_eq!(cr, ["FILE", "(AP Photo/Michael Sohn, File)"]);
    }

    #[test]
    fn unbracketed_trailing_credits() {
        let (cap, cr) =
            split("Self-driving cars in San Francisco, California. REUTERS/Elijah Nouvelage (Reuters)").unwrap();
        assert_eq!(cap, "Self-driving cars in San Francisco, California.");
        assert_eq!(cr, ["REUTERS/Elijah Nouvelage", "(Reuters)"]);
        let (cap, cr) = split("Gita Gopinath speaks in Santiago, Chile, July 23, 2019. | Reuters").unwrap();
        assert_eq!(cap, "Gita Gopinath speaks in Santiago, Chile, July 23, 2019.");
        assert_eq!(cr, ["Reuters"]);
        let (cap, _) = split("Tesla S Courtesy Tesla").unwrap();
        assert_eq!(cap, "Tesla S");
        // A spaced slash sets a credit apart as a bar does (Cicero).
        let (cap, cr) =
            split("Die Corona-Intensivstation im Dresdner Universitätsklinikum / picture alliance").unwrap();
        assert_eq!(cap, "Die Corona-Intensivstation im Dresdner Universitätsklinikum");
        assert_eq!(cr, ["picture alliance"]);
    }

    #[test]
    fn credits_joined_to_the_caption_or_chained_through_brackets() {
        // Caption and credit elements rendered without a space between them.
        let (cap, cr) = split("The road to retiring early isn't easy.Kathrin Ziegler/Getty").unwrap();
        assert_eq!(cap, "The road to retiring early isn't easy.");
        assert_eq!(cr, ["Kathrin Ziegler/Getty"]);
        // A distributing agency in brackets inside a slash chain.
        let (cap, cr) = split("Pro-Kopf-Konsum von 11,1 Litern pro Jahr © APA/APA (dpa)/Jens Büttner").unwrap();
        assert_eq!(cap, "Pro-Kopf-Konsum von 11,1 Litern pro Jahr");
        assert_eq!(cr.concat().replace(' ', ""), "©APA/APA(dpa)/JensBüttner");
        // A stock library and its contributor's user name.
        let (cap, cr) = split("Best-selling hate. Shutterstock/chrisdorney").unwrap();
        assert_eq!(cap, "Best-selling hate.");
        assert_eq!(cr, ["Shutterstock/chrisdorney"]);
        // Not a credit: a lowercase word after a slash with no agency before it.
        assert_eq!(split("Fragen zu Klima / faq"), None);
        // A lone marker word needs punctuation or a bracket before it, or
        // to be glued on: `Browse the BusinessWeek Archive` is a link.
        assert_eq!(split("Browse the BusinessWeek Archive"), None);
        assert_eq!(split("zum Archiv"), None);
        let (cap, cr) = split("Kim Jong Un in Pjöngjang. Archivbild").unwrap();
        assert_eq!(
            (cap.as_str(), cr.concat()),
            ("Kim Jong Un in Pjöngjang.", "Archivbild".into())
        );
        let (cap, cr) = split("Walber Castillo, gerente del InstitutoCedida").unwrap();
        assert_eq!(
            (cap.as_str(), cr.concat()),
            ("Walber Castillo, gerente del Instituto", "Cedida".into())
        );
        // Not a glued credit: an abbreviation with no credit after it.
        assert_eq!(split("Er wohnt in der Stadt.Berlin ist schön"), None);
    }

    #[test]
    fn a_dash_before_a_usage_notice_joins_it_to_the_credit() {
        let line = "Kokain im Hamburger Hafen. Foto: -/Polizei Hamburg/dpa - ACHTUNG: Nur zur redaktionellen \
                    Verwendung im Zusammenhang mit der aktuellen Berichterstattung";
        let (cap, cr) = split(line).unwrap();
        assert_eq!(cap, "Kokain im Hamburger Hafen.");
        assert!(cr.concat().starts_with("Foto: -/Polizei Hamburg/dpa"));
    }

    #[test]
    fn bbc_source_and_caption_labels() {
        let line = "Image source, EPA-EFE/REX/Shutterstock Image caption, Protesters gathered in Tbilisi";
        let (cap, cr) = split(line).unwrap();
        assert_eq!(cap, "Protesters gathered in Tbilisi");
        assert_eq!(cr, ["Image source, EPA-EFE/REX/Shutterstock"]);
        let (cap, cr) = split("Image source, Huw Evans Agency").unwrap();
        assert_eq!(
            (cap.as_str(), cr.concat()),
            ("", "Image source, Huw Evans Agency".into())
        );
        // The label alone is no credit; the caption rules take such a line.
        assert_eq!(split("Image caption, Protesters gathered in Tbilisi"), None);
    }

    #[test]
    fn credit_only_lines() {
        for line in [
            "Photographer: Seth Wenig/AP Photo",
            "JIM WATSON/AFP/Getty Images",
            "© Wiebke Jann",
            "Foto: dpa",
            "Imago/Shotshop",
            "© complize / photocase.de",
            "Symbolbild / Salzgitter Flachstahl AG",
            "CreditEllen Surrey",
            "Submitted photo",
            "Screenshot by Amanda Tan/ONE Esports",
            "CreditDustin Chambers para The New York Times",
            "Ilustración: Confidencial",
            "Infografik: dpa",
        ] {
            let (cap, cr) = split(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(cap, "", "{line}");
            assert_eq!(cr.concat().len(), line.len(), "{line}");
        }
    }

    #[test]
    fn datelines_and_body_sentences_have_no_credit() {
        for line in [
            "WASHINGTON (AP) — The Senate voted on Tuesday to pass the bill.",
            "Russian state news agency TASS reported Tuesday, citing the company's spokesperson.",
            "The International Monetary Fund (IMF) said growth would slow.",
            "The agreement was signed by both sides (see below).",
            "Tags: BildFarbeHolzKind 1MinionsSchablonenStencil",
            // A slash between words of the text, or before the outlet
            // that dates a page, sets no credit apart.
            "Berlin / Brandenburg",
            "Updated on: November 19, 2019 / 10:07 AM / CBS News",
        ] {
            assert_eq!(split(line), None, "{line}");
        }
    }

    #[test]
    fn unbalanced_brackets() {
        let (cap, cr) = split("Rubles in Moscow. (AP Photo/Dmitry Lovetsky (AP Newsroom)").unwrap();
        assert_eq!(cap, "Rubles in Moscow.");
        assert_eq!(cr, ["(AP Photo/Dmitry Lovetsky (AP Newsroom)"]);
    }
}
