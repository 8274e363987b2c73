//! The credit grammar: segments, markers, names.

use super::words::{Role, Words};
use super::{AgencyRef, Credit};
use crate::agency::{AgencyKind, AgencyTable, is_unspaced_script};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

/// The result of reading a stretch of text as a credit.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The credit as parsed.
    pub credit: Credit,
    /// How many things in it say "this is a credit": agencies, markers,
    /// `Name/Agency` slashes.
    pub signals: usize,
    /// Segments that are neither names, agencies nor credit words.
    pub unknown: Vec<String>,
    /// Words in the stretch.
    pub words: usize,
    /// A label (`Photo:`, `©`, `写真：`) was seen.
    pub labelled: bool,
}

impl Analysis {
    /// Reads as a credit: every segment understood and something says so.
    pub fn is_credit(&self) -> bool {
        self.signals > 0 && self.unknown.is_empty() && self.words <= 30
    }
}

/// One understood piece of a credit.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// A label that only looks like one (`Video Empfehlungen`, `Images of
    /// Stars`): no colon, no `by`, no `©`. It says nothing about credits.
    WeakLabel,
    Agency(usize, String),
    Org(String),
    Person(String),
    Mark(Role),
}

/// A segment and the separator that ended it.
struct Segment<'a> {
    text: &'a str,
    /// The separator after this segment, if any.
    sep: Option<char>,
    /// The separator is a slash with no space on either side, as in a
    /// link's path (`pic.twitter.com/qc6VqGZYA2`).
    glued_slash: bool,
}

/// Words that open the usage notices agencies append to credits, in capitals:
/// `ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. NO
/// RESALES. NO ARCHIVES.`, `RESTRICTED TO EDITORIAL USE - MANDATORY CREDIT …`.
const NOTICE_OPENERS: &[&str] = &[
    "ATTENTION EDITORS",
    "RESTRICTED TO EDITORIAL USE",
    "EDITORIAL USE ONLY",
    "MANDATORY CREDIT",
    "NO RESALES",
    "NO SALES",
    "NO ARCHIVES",
    "THIS IMAGE HAS BEEN SUPPLIED",
    "HANDOUT - EDITORIAL USE",
    "SOLO USO EDITORIAL",
    "USO EDITORIAL",
    "CRÉDITO OBLIGATORIO",
    "USAGE EDITORIAL",
    "NUR FÜR REDAKTIONELLE",
];

/// Openers of notices written in sentences: `ACHTUNG: Nur zur redaktionellen
/// Verwendung …`.
const PROSE_NOTICE_OPENERS: &[&str] = &["ACHTUNG:", "HINWEIS:", "ATENCIÓN:", "ATTENTION:", "NOTE TO EDITORS"];
/// Longest prose notice, in words.
const MAX_NOTICE_WORDS: usize = 40;

/// Where a usage notice at the end of `text` starts: the earliest opener
/// after which nothing is written in lowercase, or a prose notice opener.
pub fn usage_notice_start(text: &str) -> Option<usize> {
    // The earliest place any opener starts: what the smallest `text.find`
    // over the openers gives, in one pass (this runs on every credit and
    // on the end of every line that may hold one).
    static OPENERS: OnceLock<[AhoCorasick; 2]> = OnceLock::new();
    let [capital, prose] = OPENERS.get_or_init(|| {
        let build = |o: &[&str]| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostFirst)
                .build(o)
                .expect("notice openers compile")
        };
        [build(NOTICE_OPENERS), build(PROSE_NOTICE_OPENERS)]
    });
    let capitals = capital
        .find(text)
        .map(|m| m.start())
        .filter(|&start| !text[start..].chars().any(char::is_lowercase));
    let prose = prose
        .find(text)
        .map(|m| m.start())
        .filter(|&start| text[start..].split_whitespace().count() <= MAX_NOTICE_WORDS);
    capitals.into_iter().chain(prose).min()
}

/// Reads `raw` as a credit.
pub fn analyse(raw: &str, table: &AgencyTable) -> Analysis {
    read_credit(raw, table, false)
}

/// [`analyse`], or with `stop_at_unknown` only as far as the first segment
/// that is not understood: `unknown` never empties again, so a caller that
/// only asks whether the whole is understood needs read no further. Then
/// `unknown` holds that segment and nothing else in the result is complete.
pub(crate) fn read_credit(raw: &str, table: &AgencyTable, stop_at_unknown: bool) -> Analysis {
    let words = Words::builtin();
    let mut a = Analysis {
        words: raw.split_whitespace().count(),
        ..Analysis::default()
    };
    // A usage notice is part of the credit as written, but names nobody.
    let parsed = &raw[..usage_notice_start(raw).unwrap_or(raw.len())];
    // `(c)` and `（Ｃ）` are copyright signs, not brackets around a letter.
    let parsed = copyright_as_sign(parsed);
    let parsed = &parsed[..licence_url_start(&parsed).unwrap_or(parsed.len())];
    let segments = split_segments(parsed);
    let mut pieces: Vec<Piece> = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        // `Foto: Name (CC BY 2.0)`: the picture's licence names nobody.
        if is_licence(seg.text) {
            continue;
        }
        let before = pieces.len();
        let labelled = pieces.iter().any(|p| matches!(p, Piece::Mark(Role::Label)));
        // `[AFP=연합뉴스]`, `（AP＝共同）`: the agency after `=` distributed it.
        let after_equals =
            i > 0 && segments[i - 1].sep == Some('=') && matches!(pieces.last(), Some(Piece::Agency(..)));
        // `pic.twitter.com/qc6VqGZYA2`: a host the table does not know with
        // a path glued on is a link, not a website credited.
        let link = seg.glued_slash && is_domain(seg.text) && table.find_all(seg.text).is_empty();
        match read_segment(seg.text, seg.sep, table, words).filter(|_| !link) {
            Some(mut ps) => {
                if after_equals && matches!(ps.first(), Some(Piece::Agency(..))) {
                    pieces.push(Piece::Mark(Role::Via));
                }
                // `EFE/ Mariscal`, `ANSA/Frustaci`: a wire service's staff
                // photographer signs with the surname alone, after the slash
                // that closes the credit.
                let after_wire = i > 0
                    && i + 1 == segments.len()
                    && segments[i - 1].sep == Some('/')
                    && matches!(pieces.last(), Some(Piece::Agency(k, _)) if table.get(*k).kind == AgencyKind::Wire);
                if let [Piece::Org(name)] = ps.as_mut_slice()
                    && after_wire
                    && is_surname(name)
                {
                    ps = vec![Piece::Person(std::mem::take(name))];
                }
                pieces.append(&mut ps)
            }
            // After `Foto:` or `©`, a short handle is a photographer's name
            // however it is written: `Foto: sidm / DW`, `© Shutterstock/racorn`.
            // `Foto: Von Joschi71, CC BY-SA 3.0`: the `by` of a label whose
            // colon ended its segment, before a user's name.
            None if labelled && by_handle(seg.text, words).is_some() => pieces.push(Piece::Person(
                by_handle(seg.text, words).unwrap_or_default().to_string(),
            )),
            None if labelled && is_handle(seg.text) => pieces.push(Piece::Person(seg.text.to_string())),
            // `Shutterstock/chrisdorney`, `iStock/kieferpix`: after an agency
            // and a slash, a one-word handle is the contributor's user name;
            // after a wire service, initials closing the credit are an
            // editor's (`(ats/nxp)`, below).
            None if i > 0
                && segments[i - 1].sep == Some('/')
                && matches!(pieces.last(), Some(Piece::Agency(k, _))
                    if !(table.get(*k).kind == AgencyKind::Wire && i + 1 == segments.len() && is_initials(seg.text)))
                && is_user_name(seg.text) =>
            {
                pieces.push(Piece::Person(seg.text.to_string()))
            }
            // `mlharing / iStock.com`: a user name before a slash and a stock
            // agency is the contributor's.
            None if seg.sep == Some('/')
                && is_user_name(seg.text)
                && segments.get(i + 1).is_some_and(|n| {
                    read_segment(n.text, n.sep, table, words).is_some_and(
                        |ps| matches!(ps.as_slice(), [Piece::Agency(k, _)] if table.get(*k).kind == AgencyKind::Stock),
                    )
                }) =>
            {
                pieces.push(Piece::Person(seg.text.to_string()))
            }
            // `ANTARA FOTO/Rizky Pratama/foc.`: the photo editor's initials.
            None if i + 1 == segments.len() && i > 0 && segments[i - 1].sep == Some('/') && is_initials(seg.text) => {}
            None => {
                a.unknown.push(seg.text.to_string());
                if stop_at_unknown {
                    return a;
                }
            }
        }
        // `Name/detikcom`: a one-word handle after a person and a slash is the
        // outlet the person works for. (Two names either way round stay as
        // read: `Суспільне Харків/Олена Мартинюк` puts the outlet first.)
        let one_word = !seg.text.contains(char::is_whitespace);
        if one_word
            && i > 0
            && segments[i - 1].sep == Some('/')
            && before > 0
            && matches!(pieces[before - 1], Piece::Person(_))
        {
            for p in &mut pieces[before..] {
                if let Piece::Person(name) = p {
                    *p = Piece::Org(std::mem::take(name));
                }
            }
            // `Devindra Hardawar/AOL`: a full name glued by a slash to a
            // capitalised outlet closing the credit is the `Name/Agency` shape
            // with an outlet the table does not know. (`and/or`, `1/2` and
            // `Input/Output` hold no full name.)
            let prev = segments[i - 1].text;
            let full_name = matches!(&pieces[before - 1], Piece::Person(n) if n == prev)
                && (2..=3).contains(&prev.split_whitespace().count())
                && prev.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
            let outlet = seg.text.starts_with(char::is_uppercase)
                && seg
                    .text
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '&'))
                && seg.text.chars().filter(|c| c.is_alphabetic()).count() >= 2;
            if full_name && outlet && i + 1 == segments.len() && parsed.contains(&format!("{prev}/{}", seg.text)) {
                a.signals += 1;
            }
        }
        // `Name / Houston Chronicle`: a person credited with an outlet.
        if seg.sep == Some('/') || (i > 0 && segments[i - 1].sep == Some('/')) {
            let outlet = pieces[before..]
                .iter()
                .any(|p| matches!(p, Piece::Org(o) if o.split_whitespace().any(is_org_word)));
            let person = pieces[..before].last().is_some_and(|p| matches!(p, Piece::Person(_)));
            if outlet && person {
                a.signals += 1;
            }
        }
        // A lone trailing slash is a CMS leaving the agency out of a
        // `Name/Agency` credit: `(Yuri Kadobnov/)`. (A slash between two
        // unknown names says nothing: `Fragen zu Klima / FAQ`.)
        let cms_slash = seg.sep == Some('/') && segments[i + 1..].iter().all(|n| n.text.is_empty());
        if cms_slash
            && pieces[before..]
                .iter()
                .any(|p| matches!(p, Piece::Person(_) | Piece::Agency(..) | Piece::Mark(Role::Nobody)))
        {
            a.signals += 1;
        }
    }
    a.signals += pieces
        .iter()
        .filter(|p| match p {
            Piece::Agency(..) => true,
            // `via`, `for` and `Staff` occur in page furniture too (`Share
            // via Email`, `RECOMMENDED FOR YOU`, `Staff Reports`).
            Piece::Mark(r) => !matches!(r, Role::Noise | Role::By | Role::Via | Role::For | Role::Nobody),
            _ => false,
        })
        .count();
    // `© 2017-2023`: a copyright year naming nobody is a page's notice. (A
    // bare `（Ｃ）` before `共同` is a unit of its own and stays a credit.)
    let names = pieces.iter().any(|p| {
        !matches!(
            p,
            Piece::WeakLabel | Piece::Mark(Role::Label | Role::By | Role::Noise | Role::Via | Role::For)
        )
    });
    if !names && raw.contains(|c: char| c.is_ascii_digit()) {
        a.signals = 0;
    }
    a.labelled = pieces.iter().any(|p| matches!(p, Piece::Mark(Role::Label)));
    a.credit = assemble(raw, &pieces, table);
    drop_cut_names(&mut a.credit);
    a
}

/// A credit scraped twice, its first copy cut short (`… via Get (… via
/// Getty Images)`): a name the table does not know that starts a name it
/// knows in the same credit is that name cut off, not an organisation.
fn drop_cut_names(credit: &mut Credit) {
    // Most credits name only agencies the table knows: nothing to look at.
    if credit.agencies.iter().all(|a| a.id.is_some()) {
        return;
    }
    if let Some(via) = &credit.via
        && let Some(known) = cut_from(via, &credit.agencies)
    {
        credit.via = Some(known.clone());
    }
    let all = credit.agencies.clone();
    credit.agencies.retain(|a| cut_from(a, &all).is_none());
}

/// The known name in `all` that `cut`, a name the table does not know,
/// is the start of.
fn cut_from<'a>(cut: &AgencyRef, all: &'a [AgencyRef]) -> Option<&'a AgencyRef> {
    if cut.id.is_some() || cut.as_written.chars().count() < 2 {
        return None;
    }
    all.iter().find(|k| {
        k.id.is_some() && k.as_written.len() > cut.as_written.len() && k.as_written.starts_with(&cut.as_written)
    })
}

/// Where the address of a licensed picture's page starts, when it closes a
/// credit right after the licence: `Von Joschi71, CC BY-SA 3.0, https://…`
/// (Wikimedia Commons' attribution). The address names nobody.
fn licence_url_start(s: &str) -> Option<usize> {
    // Most credits hold no colon: one quick search spares two slow ones.
    if !s.contains(':') {
        return None;
    }
    let at = s.rfind("https://").or_else(|| s.rfind("http://"))?;
    if s[at..].contains(char::is_whitespace) {
        return None;
    }
    let before = s[..at].trim_end().trim_end_matches([',', ';', '-', '–']).trim_end();
    let licence = before.rsplit([',', ';', '(']).next().unwrap_or("").trim();
    is_licence(licence).then_some(before.len())
}

/// The copyright sign written with brackets.
pub(crate) const COPYRIGHT_FORMS: &[&str] = &["(c)", "(C)", "（Ｃ）", "（c）", "(Ｃ)"];

/// Writes the bracketed forms of the copyright sign as `©`.
fn copyright_as_sign(s: &str) -> std::borrow::Cow<'_, str> {
    // Every form opens a bracket; most credits have none to look at.
    let bracket = s.contains('(') || s.contains('（');
    if bracket && COPYRIGHT_FORMS.iter().any(|f| s.contains(f)) {
        let mut out = s.to_string();
        for f in COPYRIGHT_FORMS {
            out = out.replace(f, "©");
        }
        out.into()
    } else {
        s.into()
    }
}

/// Splits a credit at its separators. Brackets count as separators too.
fn split_segments(raw: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let sep_len = separator_len(raw, i, c);
        if sep_len == 0 {
            continue;
        }
        let glued_slash = normal_sep(c) == '/'
            && !raw[..i].ends_with(char::is_whitespace)
            && raw[i + sep_len..].starts_with(|c: char| !c.is_whitespace());
        out.push(Segment {
            text: raw[start..i].trim(),
            sep: Some(normal_sep(c)),
            glued_slash,
        });
        start = i + sep_len;
        while chars.peek().is_some_and(|&(j, _)| j < start) {
            chars.next();
        }
    }
    out.push(Segment {
        text: raw[start..].trim(),
        sep: None,
        glued_slash: false,
    });
    // Word markers inside a segment (`Name via AP`, `Name for NYT`) split it too.
    let mut split = Vec::new();
    for seg in out {
        split.extend(split_on_markers(seg));
    }
    // A dash standing for an unknown photographer (`Foto: -/Polizei`) is no segment.
    for s in &mut split {
        if s.text
            .chars()
            .all(|c| !c.is_alphanumeric() && !matches!(c, '©' | 'ⓒ' | 'Ⓒ'))
        {
            s.text = "";
        }
    }
    split.retain(|s| !s.text.is_empty() || s.sep == Some('/'));
    split
}

fn normal_sep(c: char) -> char {
    match c {
        '／' => '/',
        '＝' => '=',
        '：' => ':',
        _ => c,
    }
}

/// Length of the separator starting at `i`, or 0.
fn separator_len(raw: &str, i: usize, c: char) -> usize {
    match c {
        // `CQ-Roll Call, Inc`: a comma before a legal form is part of the name.
        ',' if raw[i + 1..].starts_with(' ')
            && LEGAL_FORMS.contains(&raw[i + 2..].split([' ', '/', ')']).next().unwrap_or("")) =>
        {
            0
        }
        '/' | '\\' | '|' | ';' | ',' | '=' | '／' | '＝' | '，' | '、' | '·' | '•' | '(' | ')' | '（' | '）' | '['
        | ']' | '【' | '】' | '［' | '］' | '〔' | '〕' | '「' | '」' | '：' => c.len_utf8(),
        ':' => 1,
        '-' | '–' | '—' if raw[..i].ends_with(' ') && raw[i + c.len_utf8()..].starts_with(' ') => c.len_utf8(),
        // A full stop ends a segment unless it ends an initial (`Aaron M. Sprecher`).
        '.' | '。' if is_sentence_stop(raw, i) => c.len_utf8(),
        _ => 0,
    }
}

fn is_sentence_stop(raw: &str, i: usize) -> bool {
    let after = raw[i..].chars().nth(1);
    if raw[i..].starts_with('。') {
        return true;
    }
    if after.is_some_and(|c| !c.is_whitespace()) {
        return false;
    }
    let word = word_before(raw, i);
    // An initial or an abbreviation: `H.W.`, `Jr.`, `Fot. PAP/Name`.
    let short_capitalised = word.chars().count() <= 3 && word.chars().next().is_some_and(char::is_uppercase);
    !(word.chars().count() <= 1 || word.contains('.') || short_capitalised)
}

/// The word that ends at byte `i` of `text`, without an opening bracket or
/// what a slash joins to it: in `(Dok. Antara)` the word before the full
/// stop is `Dok`, an abbreviation, not a four-letter word, and in `AP
/// Photo/J. Scott Applewhite` it is the initial `J`.
pub(super) fn word_before(text: &str, i: usize) -> &str {
    text[..i]
        .rsplit(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '[', '（', '［', '【'])
}

/// Splits a segment at `via` and `for` used as words.
fn split_on_markers(seg: Segment<'_>) -> Vec<Segment<'_>> {
    let words = Words::builtin();
    let text = seg.text;
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(' ') {
        let rest = &text[i + 1..];
        let word_end = rest.find(' ').unwrap_or(rest.len());
        let word = &rest[..word_end];
        if matches!(words.role(word), Some(Role::Via | Role::For)) && word_end < rest.len() {
            out.push(Segment {
                text: text[start..i].trim(),
                sep: Some(' '),
                glued_slash: false,
            });
            start = i + 1;
        }
    }
    out.push(Segment {
        text: text[start..].trim(),
        sep: seg.sep,
        glued_slash: seg.glued_slash,
    });
    out
}

/// Reads one segment: markers stripped from both ends, then an agency, a
/// name, an organisation or nothing. `None` when the segment is not
/// understood.
fn read_segment(seg: &str, sep: Option<char>, table: &AgencyTable, words: &Words) -> Option<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut s = seg.trim();
    // A press office handing the picture out, as written (see below).
    let mut office: Option<(&str, bool)> = None;
    // Markers at the start: `Photo by`, `Courtesy of`, `via`, `©`.
    while let Some((role, n)) = words.prefix(s) {
        // An agency whose name starts like a label: `picture alliance`.
        if table.find_all(s).first().is_some_and(|m| m.start == 0 && m.end > n) {
            break;
        }
        // `By Rob Picheta, CNN` is a byline, not a credit; `Pool photo by
        // Evan Vucci` is one.
        if role == Role::By
            && !pieces
                .iter()
                .any(|p| matches!(p, Piece::Mark(Role::Label | Role::File | Role::Pool) | Piece::WeakLabel))
        {
            return None;
        }
        let rest = s[n..].trim_start_matches(' ');
        // `CreditEllen Surrey`: the label's element joined to the name's
        // without a space, as screen-reader labels are scraped.
        let glued =
            s[..n].ends_with(char::is_lowercase) && rest.len() == s.len() - n && rest.starts_with(char::is_uppercase);
        let piece = match role {
            Role::Label if !glued && !is_strong_label(&s[..n], rest, sep, words) => Piece::WeakLabel,
            _ => Piece::Mark(role),
        };
        pieces.push(piece);
        office = (role == Role::Handout && words.is_office(&s[..n])).then(|| (s[..n].trim_end(), true));
        // `撮影・山田太郎`: Japanese joins a label to the name with a middle dot.
        s = rest
            .trim_start_matches([' ', ':', '：', '=', '-', '.', '…', '・'])
            .trim_start();
    }
    // Markers at the end: `Pool Photo`, `handout`, `摄`, `-Pool`.
    let mut tail = Vec::new();
    while let Some((role, start)) = words.suffix(s, TRAILING_ROLES) {
        if start == 0 {
            break;
        }
        // An agency whose name ends like a marker: `Ukrainian Presidential
        // Press Service`.
        if table
            .find_all(s)
            .last()
            .is_some_and(|m| m.end == s.len() && m.start < start)
        {
            break;
        }
        tail.push(Piece::Mark(role));
        if role == Role::Handout && words.is_office(&s[start..]) {
            office = Some((s[start..].trim(), false));
        }
        s = s[..start].trim_end_matches([' ', '-']).trim_end();
    }
    let s = strip_year(s);
    let provider = pieces.last() == Some(&Piece::Mark(Role::Handout)) || tail.contains(&Piece::Mark(Role::Handout));
    if !s.is_empty() {
        let labelled = pieces.contains(&Piece::Mark(Role::Label));
        // `пресс-служба губернатора Белгородской области`, `press service of
        // the Odesa Regional Military Administration`: an office the table
        // does not know is named with its office word, not by its owner
        // alone (in the genitive, or with an article).
        let read = read_names(s, table, words);
        let described = || s.split_whitespace().count() <= MAX_DESCRIBED_PROVIDER_WORDS;
        // The owner is not in the table: a name read from its words, or a
        // short description.
        let unknown_owner = || {
            read.as_ref().map_or_else(described, |ns| {
                ns.iter().all(|p| matches!(p, Piece::Org(_) | Piece::Person(_)))
            })
        };
        let office_name = office
            .filter(|_| names_someone(s) && unknown_owner())
            .map(
                |(o, before)| {
                    if before { format!("{o} {s}") } else { format!("{s} {o}") }
                },
            );
        let mut names = match (read, office_name) {
            (_, Some(name)) => vec![Piece::Org(name)],
            (Some(names), None) => names,
            // After `Foto:` or `©`, a short handle is a photographer's name
            // however it is written: `Foto: sidm / DW`, `© dtv Verlag`.
            // After `by` the words are prose unless they look like a name or
            // a handle: `Bilder von hinten` (pictures from behind).
            (None, None)
                if labelled && is_handle(s) && !(pieces.contains(&Piece::Mark(Role::By)) && is_plain_word(s)) =>
            {
                vec![Piece::Person(s.to_string())]
            }
            // `Courtesy of the family`: a provider described, not named.
            // `인천국제공항공사 제공`, `пресс-службой ГУ МЧС России по …`: a
            // provider named the way the language names organisations.
            (None, None) if provider && described() => {
                if s.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || is_uncased_letter(c))
                {
                    vec![Piece::Org(s.to_string())]
                } else {
                    Vec::new()
                }
            }
            (None, None) => return None,
        };
        // `Kremlin Pool Photo`, `Pool Moncloa`: the pool's name, not a
        // credited agency; a wire service in a pool is credited
        // (`Reuters pool`).
        if tail.contains(&Piece::Mark(Role::Pool)) || pieces.last() == Some(&Piece::Mark(Role::Pool)) {
            names.retain(|p| match p {
                Piece::Agency(i, _) => table.get(*i).kind != AgencyKind::Official,
                Piece::Person(_) | Piece::Mark(_) => true,
                _ => false,
            });
        }
        pieces.extend(names);
    }
    pieces.extend(tail.into_iter().rev());
    Some(pieces)
}

/// Some word of `s` is a name: it has a capital, or is in a script
/// without case (`the family` names nobody; `губернатора Белгородской
/// области` names the region).
fn names_someone(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase() || is_uncased_letter(c))
}

/// A label that really introduces a credit: followed by a colon, `=`, a
/// full stop (`Fot.`) or `by`, or a copyright sign. `sep` is the separator
/// that ends the segment (the colon of `Photographer: …` splits segments).
fn is_strong_label(label: &str, rest: &str, sep: Option<char>, words: &Words) -> bool {
    let symbol = !label.chars().any(char::is_alphanumeric) || label.starts_with('(');
    // Dots count only when glued to what follows (`Credit...Doug Mills`):
    // `bewerte das Bild.` ends a sentence.
    let glued_dots =
        rest.starts_with(['.', '…']) && rest.trim_start_matches(['.', '…']).starts_with(char::is_alphanumeric);
    let punct = rest.starts_with([':', '：', '=', '＝']) || glued_dots || label.ends_with('.');
    // `Image source, Huw Evans Agency` (BBC): a label of two words may end
    // with a comma; one word before a comma is too often a list (`Foto, Video`).
    let comma = sep == Some(',') && label.contains(' ');
    let ends_segment = rest.trim().is_empty() && (matches!(sep, Some(':' | '=' | '/')) || comma);
    // `Photo by`, `Фото предоставлено`, `फोटो साभार`, `Foto de archivo`.
    let by = matches!(words.prefix(rest), Some((Role::By | Role::Handout | Role::File, _)));
    // `Фото Андрея Кузнецова`: in Russian and Ukrainian a label may take the
    // photographer's name in the genitive, with no colon.
    let rest_words: Vec<&str> = rest.split_whitespace().collect();
    let cyrillic = label
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '\u{0400}'..='\u{04FF}'));
    let name_follows = cyrillic
        && (2..=3).contains(&rest_words.len())
        && rest_words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    // `写真は…` ("the photo shows…") opens a sentence: a kana particle after
    // the word makes it the subject, not a label. Han or Hangul glued to the
    // word continues a phrase (`图片仅供参考`, "pictures for reference only";
    // `사진은…`, "the photo is…") unless it is credit vocabulary
    // (`图片来源于网络`, `사진제공`).
    let glued_han = rest.starts_with(|c| is_han(c) || is_hangul(c)) && words.prefix(rest).is_none();
    let unspaced =
        is_unspaced_script(label.chars().next().unwrap_or(' ')) && !rest.starts_with(is_hiragana) && !glued_han;
    symbol || punct || ends_segment || by || name_follows || unspaced
}

/// A Han ideograph (CJK Unified Ideographs and Extension A).
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

/// A Hangul syllable.
fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF)
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

/// One word written as a surname: a capital, then three or more lowercase
/// letters (`Mariscal`, not an acronym such as `SIPA`).
fn is_surname(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.clone().count() >= 3 && cs.all(char::is_lowercase)
}

/// A user name as stock libraries print them: one word of letters, digits,
/// `_`, `-` or `.`, starting with a letter (`chrisdorney`, `Pekic`, `m-imagephotography`).
fn is_user_name(s: &str) -> bool {
    (3..=32).contains(&s.chars().count())
        && s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The handle after a `by` word opening `s`: `Von Joschi71`, `by jdoe`.
fn by_handle<'a>(s: &'a str, words: &Words) -> Option<&'a str> {
    let (Role::By, n) = words.prefix(s)? else {
        return None;
    };
    let rest = s[n..].trim();
    (is_handle(rest) && !is_plain_word(rest)).then_some(rest)
}

/// One lowercase word with nothing of a user name in it (`hinten`, not
/// `@sidm` or `sidm_photo`).
fn is_plain_word(s: &str) -> bool {
    !s.contains(char::is_whitespace) && s.chars().all(|c| c.is_lowercase())
}

/// An editor's initials closing a credit: `foc.`, `wsj`.
fn is_initials(s: &str) -> bool {
    let t = s.trim_end_matches('.');
    (2..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_lowercase())
}

/// A letter of a script without case (Arabic, Devanagari, CJK, Hangul).
fn is_uncased_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()
}

/// A Creative Commons licence tag: `CC BY 2.0`, `cc by sa 2.0`, `CC BY-NC-ND 4.0`, `CC0`.
pub(crate) fn is_licence(s: &str) -> bool {
    let mut parts = s.split([' ', '-']).filter(|p| !p.is_empty());
    let Some(first) = parts.next() else {
        return false;
    };
    if first.eq_ignore_ascii_case("cc0") {
        return parts.next().is_none_or(|p| p.eq_ignore_ascii_case("1.0")) && parts.next().is_none();
    }
    if !first.eq_ignore_ascii_case("cc") {
        return false;
    }
    let mut terms = 0;
    let mut version = false;
    for p in parts {
        let term = ["by", "sa", "nc", "nd"].iter().any(|t| p.eq_ignore_ascii_case(t));
        if term && !version {
            terms += 1;
        } else if !version
            && terms > 0
            && p.split('.')
                .all(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        {
            version = true;
        } else {
            return false;
        }
    }
    terms > 0
}

/// A short name written as a handle: one to three words, no sentence in it.
fn is_handle(s: &str) -> bool {
    let n = s.split_whitespace().count();
    (1..=3).contains(&n)
        && s.chars().count() <= 40
        && !s.contains(['.', '!', '?', '"', '“'])
        && s.chars().any(char::is_alphabetic)
        || s.contains('@') && n == 1
}

/// Markers that may close a segment: `Kremlin Pool Photo`, `Rosneft handout`,
/// `李鑫 摄`. Labels only ever open one.
/// (`File` only stands alone: `Browse the BusinessWeek Archive` is no archive photo.)
const TRAILING_ROLES: &[Role] = &[Role::Pool, Role::Handout, Role::Taken, Role::Noise, Role::Reporter];

/// Longest description of a provider after `Courtesy of` (`the family`).
const MAX_DESCRIBED_PROVIDER_WORDS: usize = 8;

/// Drops a copyright year or a date (`©2022 Maxar`, `2023 Reuters`,
/// `王騰毅攝 113年3月20日`, `2024.3.20/뉴스1`).
fn strip_year(s: &str) -> &str {
    let s = s.trim();
    let is_year = |w: &str| {
        let digits = w.chars().filter(char::is_ascii_digit).count();
        digits >= 2
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '年' | '月' | '日' | '/'))
            && (digits == 4 || w.contains(['年', '.', '-']))
            || is_month_date(w)
    };
    let s = match s.split_once(' ') {
        Some((first, rest)) if is_year(first) => rest.trim(),
        _ if is_year(s) => "",
        _ => s,
    };
    match s.rsplit_once(' ') {
        Some((rest, last)) if is_year(last) => rest.trim(),
        _ => s,
    }
}

/// A date written with a month's short name between dots: `4.fev.2025`,
/// `12.dez.2019` (Folha de S.Paulo's credits).
pub(crate) fn is_month_date(w: &str) -> bool {
    // Asked of every word at a segment's ends: most start with no digit.
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let parts: Vec<&str> = w.split('.').collect();
    let digits =
        |p: &str, n: std::ops::RangeInclusive<usize>| n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    matches!(parts.as_slice(), [d, m, y]
        if digits(d, 1..=2) && digits(y, 4..=4) && (3..=4).contains(&m.chars().count()) && m.chars().all(char::is_lowercase))
}

/// What remains of a segment once its markers are gone.
fn read_names(s: &str, table: &AgencyTable, words: &Words) -> Option<Vec<Piece>> {
    if let Some(role) = words.role(s) {
        return Some(vec![Piece::Mark(role)]);
    }
    let hits = table.find_all(s);
    if hits.is_empty() || hits.iter().all(|h| inside_name(s, h.start..h.end, words)) {
        return read_name(s, words).map(|p| vec![p]);
    }
    // Agencies with whatever stands between them (`新华社记者 李鑫`).
    let mut pieces = Vec::new();
    let mut pos = 0;
    let mut prev_agency = "";
    for h in hits {
        let gap = after_label_by(&s[pos..h.start], prev_agency, words);
        // `[조선중앙통신 연합뉴스]`, `로이터 뉴스핌`: in CJK credits the second of
        // two agencies side by side is the one that distributed the picture.
        let side_by_side = pos > 0 && gap.trim().is_empty() && matches!(pieces.last(), Some(Piece::Agency(..)));
        pieces.extend(read_gap(gap, table, words)?);
        if side_by_side && s[h.start..].chars().next().is_some_and(is_unspaced_script) {
            pieces.push(Piece::Mark(Role::Via));
        }
        pieces.push(Piece::Agency(h.agency, s[h.start..h.end].to_string()));
        prev_agency = &s[h.start..h.end];
        pos = h.end;
    }
    pieces.extend(read_gap(after_label_by(&s[pos..], prev_agency, words), table, words)?);
    Some(pieces)
}

/// An abbreviation in capitals with a name's words on both sides and no
/// separator is a word of that name: `JAM STA ROSA` (a photographer) holds
/// `STA`, the Slovenian agency.
fn inside_name(s: &str, hit: std::ops::Range<usize>, words: &Words) -> bool {
    let abbreviation = s[hit.clone()].chars().all(|c| c.is_uppercase()) && hit.len() <= 4;
    let name_words = |part: &str| {
        let part = part.trim();
        !part.is_empty() && words.role(part).is_none() && part.split_whitespace().all(is_name_word)
    };
    abbreviation
        && s[..hit.start].ends_with(' ')
        && s[hit.end..].starts_with(' ')
        && name_words(&s[..hit.start])
        && name_words(&s[hit.end..])
}

/// `AP Photo by Evan Vucci`, `Express Photo by Name`: after an agency
/// written with its label (`agency`, as written before the gap; empty
/// before the first), the `by` before the photographer belongs to that
/// label, not to a byline. The label is looked for only when a `by` follows.
fn after_label_by<'a>(gap: &'a str, agency: &str, words: &Words) -> &'a str {
    let rest = gap.trim_start();
    match words.prefix(rest) {
        Some((Role::By, n)) if words.suffix(agency, &[Role::Label]).is_some() => &rest[n..],
        _ => gap,
    }
}

fn read_gap(gap: &str, table: &AgencyTable, words: &Words) -> Option<Vec<Piece>> {
    // `iStock.com`, `Pixabay.com`: an agency credited by its web address.
    let gap = match WEB_SUFFIXES.iter().find(|w| gap.starts_with(**w)) {
        Some(w) if gap[w.len()..].trim().is_empty() => "",
        _ => gap,
    };
    let gap = gap.trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '\'' || c == '’');
    // `EL PAÍS, S.L.`: a legal form after an agency's name closes that name.
    if gap.is_empty() || LEGAL_FORMS.contains(&gap.trim_start_matches([',', ' '])) {
        return Some(Vec::new());
    }
    // `Josh Willink von Pexels`: the photographer from an agency.
    let gap = match gap.rsplit_once(' ') {
        Some((name, w)) if words.role(w) == Some(Role::By) => name,
        _ => gap,
    };
    read_segment(gap, None, table, words)
}

/// Web address endings that may follow an agency's name: `iStock.com`.
const WEB_SUFFIXES: &[&str] = &[
    ".com", ".de", ".at", ".ch", ".net", ".org", ".co.uk", ".fr", ".es", ".it",
];

/// A person's or an organisation's name, or `None`.
fn read_name(s: &str, words: &Words) -> Option<Piece> {
    let ws: Vec<&str> = s.split_whitespace().collect();
    if let Some(org) = legal_form_org(s, &ws) {
        return Some(org);
    }
    if ws.is_empty() || ws.len() > 6 || s.chars().count() > 60 {
        return None;
    }
    // A credit word opening or closing a "name" means the text runs on past
    // the credit (`Tesla CEO Elon Musk Photographer`); inside one it is part
    // of it (`Funke Foto Services`).
    let credit_word = |w: &&str| matches!(words.role(w), Some(Role::Label | Role::File | Role::Via));
    if ws.len() > 1 && (credit_word(&ws[0]) || credit_word(&ws[ws.len() - 1])) {
        return None;
    }
    if is_unspaced_script(s.chars().next()?) {
        return read_unspaced_name(s);
    }
    // `| pixelmaker.at`: a website is named by its domain, in lowercase.
    if let [w] = ws.as_slice()
        && is_domain(w)
    {
        return Some(Piece::Org(s.to_string()));
    }
    if !ws.iter().all(|w| is_name_word(w)) || !ws.iter().any(|w| starts_upper(w)) {
        return None;
    }
    // Particles stand before a name, never last: `CLICK HERE TO GET THE`,
    // `DESCARGA LA` are words of a sentence in capitals.
    let last = ws[ws.len() - 1].to_lowercase();
    if NAME_PARTICLES.contains(&last.as_str()) {
        return None;
    }
    let org = ws.len() == 1 || ws[0] == "The" || ws.iter().any(|w| is_org_word(w));
    Some(if org {
        Piece::Org(s.to_string())
    } else {
        Piece::Person(s.to_string())
    })
}

/// Generic top-level domains that credits name websites with (country
/// codes, of two letters, are all taken).
const GENERIC_TLDS: &[&str] = &["com", "net", "org", "info", "biz", "edu", "gov", "io", "tv"];

/// A website's domain: `pixelio.de`, `www.example.com`. Sentences glued by a
/// full stop (`Mitzscherlich.DCV`) have capitals or words that are no
/// top-level domain after the dot.
pub(crate) fn is_domain(w: &str) -> bool {
    let labels: Vec<&str> = w.split('.').collect();
    let Some((tld, names)) = labels.split_last() else {
        return false;
    };
    let tld_ok = (tld.len() == 2 && tld.bytes().all(|b| b.is_ascii_lowercase())) || GENERIC_TLDS.contains(tld);
    tld_ok
        && !names.is_empty()
        && names
            .iter()
            .all(|l| !l.is_empty() && !l.starts_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && names.last().is_some_and(|l| l.chars().count() >= 2)
}

/// Legal forms that close an organisation's name: `e.V.`, `GmbH`, `Ltd.`.
const LEGAL_FORMS: &[&str] = &[
    "e.V.", "e.V", "eV", "gGmbH", "GmbH", "mbH", "AG", "KG", "eG", "Ltd", "Ltd.", "Inc", "Inc.", "LLC", "S.A.", "S.L.",
    "SAS",
];
/// Most words in a name closed by a legal form.
const MAX_LEGAL_NAME_WORDS: usize = 9;

/// A name closed by a legal form is an organisation's whatever stands in
/// it: `Heimat- und Museumsverein Königs Wusterhausen 1990 e.V.` (lowercase
/// joining words and a founding year are part of such names).
fn legal_form_org(s: &str, ws: &[&str]) -> Option<Piece> {
    let (last, rest) = ws.split_last()?;
    if !LEGAL_FORMS.contains(last) {
        return None;
    }
    // `CQ-Roll Call, Inc`: a comma may stand before the form.
    let words = || {
        rest.iter().enumerate().map(|(k, w)| {
            if k + 1 == rest.len() {
                w.strip_suffix(',').unwrap_or(w)
            } else {
                w
            }
        })
    };
    let joining = |w: &str| w.chars().count() <= 4 && w.chars().all(char::is_lowercase);
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    ((2..=MAX_LEGAL_NAME_WORDS).contains(&ws.len())
        && rest.first().is_some_and(|w| starts_upper(w))
        && words().all(|w| is_name_word(w) || joining(w) || year(w))
        && !words().next_back().is_some_and(joining))
    .then(|| Piece::Org(s.to_string()))
}

/// Han or Hangul names: two to four syllables, no kana.
fn read_unspaced_name(s: &str) -> Option<Piece> {
    let s: String = s.split_whitespace().collect();
    let n = s.chars().count();
    let han = s.chars().all(is_han);
    let hangul = s.chars().all(is_hangul);
    ((han || hangul) && (2..=4).contains(&n)).then_some(Piece::Person(s))
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) || w.chars().any(char::is_uppercase)
}

/// Particles that stand lowercase inside names: `Vincent van Gogh`.
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "ter", "la", "le", "du", "bin",
    "al", "el", "y", "e", "zu", "af", "ibn", "abu", "bint", "ben", "St.", "&", "of", "the",
];

fn is_name_word(w: &str) -> bool {
    if NAME_PARTICLES.contains(&w) {
        return true;
    }
    let first = w.chars().next();
    let letters_ok = w
        .chars()
        .all(|c| c.is_alphabetic() || c.is_ascii_digit() || matches!(c, '.' | '\'' | '’' | '-' | '&' | '+' | '!'));
    letters_ok && (first.is_some_and(char::is_uppercase) || w.chars().any(char::is_uppercase))
}

/// Words that make a name an organisation's.
const ORG_WORDS: &[&str] = &[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Co.",
    "Ltd",
    "Ltd.",
    "LLC",
    "GmbH",
    "AG",
    "SA",
    "University",
    "Universität",
    "Institute",
    "Office",
    "Service",
    "Services",
    "Ministry",
    "Department",
    "Agency",
    "News",
    "Press",
    "Images",
    "Photos",
    "Pictures",
    "Studio",
    "Studios",
    "Group",
    "Museum",
    "Foundation",
    "Council",
    "Company",
    "Association",
    "Center",
    "Centre",
    "Times",
    "Post",
    "Journal",
    "Herald",
    "Tribune",
    "Magazine",
    "Team",
    "Records",
    "Films",
    "Bros.",
    "TV",
    "Channel",
    "Government",
    "Police",
    "Army",
    "Navy",
    "Force",
    "Emergency",
    "Technologies",
    "Labs",
    "Archive",
    "Archives",
    "Library",
    "Collection",
    "Gallery",
    "Media",
    "Network",
    "Daily",
    "Club",
    "Party",
    "Committee",
    "Commission",
    "Command",
    "Authority",
    "Hospital",
    "School",
    "College",
    "Organization",
    "Organisation",
    "Federation",
    "Union",
    "Design",
    "Productions",
    "Entertainment",
    "Bank",
    "Airlines",
    "Motors",
    "Chronicle",
    "Gazette",
    "Observer",
    "Examiner",
    "Courier",
    "Register",
    "Dispatch",
    "Inquirer",
    "Telegraph",
    "Express",
    "Mirror",
    "Standard",
    "Independent",
    "Zeitung",
    "Tagblatt",
    "Rundschau",
    "Kurier",
    "Verlag",
    "Sports",
    "Photography",
    "Fotografie",
    "Presse",
    "Newspapers",
    "Radio",
    "Television",
    "Athletics",
    "Stadt",
    "Gemeinde",
    "Landkreis",
    "Polizei",
    "Feuerwehr",
    "Ministerium",
    "Bundesministerium",
    "Verband",
    "Verein",
    "Amt",
    "Stiftung",
    "Ayuntamiento",
    "Presidencia",
    "Prensa",
    "Presidência",
    "Présidence",
    "Presidenza",
    "Parliament",
    "Parlament",
    "Parlamento",
    "Senate",
    "Senado",
    "Congress",
    "Congreso",
    "Alcaldía",
    "Gobernación",
    "Gobierno",
    "Ministerio",
    "Policía",
    "Prefeitura",
    "Governo",
    "Ministère",
    "Mairie",
    "Préfecture",
    "Comune",
    "Regione",
    "Polizia",
    "Humas",
    "Pemerintah",
    "Kementerian",
    "Sajtóiroda",
    "Iroda",
    "Minisztérium",
    "Rendőrség",
    "Kormány",
    "Hivatal",
    "Министерство",
    "Міністерство",
    "Agencja",
    "Urząd",
    "Policja",
    "Bakanlığı",
    "Belediyesi",
    "Valiliği",
    "Kementerian",
    "Polri",
];

fn is_org_word(w: &str) -> bool {
    ORG_WORDS.contains(&w)
}

/// Builds the credit from its pieces.
fn assemble(raw: &str, pieces: &[Piece], table: &AgencyTable) -> Credit {
    let mut c = Credit {
        raw: raw.to_string(),
        ..Credit::default()
    };
    // A name right before `Handout` is whoever handed the picture out:
    // `Apple Inc/Handout via REUTERS`.
    let pieces: Vec<Piece> = pieces
        .iter()
        .enumerate()
        .map(|(k, p)| match (p, pieces.get(k + 1)) {
            (Piece::Person(name), Some(Piece::Mark(Role::Handout))) => Piece::Org(name.clone()),
            _ => p.clone(),
        })
        .collect();
    // What the last marker says about the name that follows it.
    let mut pending: Option<Role> = None;
    for p in &pieces {
        match p {
            Piece::Mark(Role::File) => c.file_photo = true,
            Piece::Mark(Role::Pool) => c.pool = true,
            Piece::Mark(Role::Handout) => {
                c.handout = true;
                pending = Some(Role::Handout);
            }
            Piece::Mark(role @ (Role::Via | Role::For)) => pending = Some(*role),
            Piece::Mark(_) | Piece::WeakLabel => {}
            // A person is a creator, unless a marker says the name is the
            // distributor (`via`), the client (`for`) or the provider
            // (`Courtesy of`).
            Piece::Person(name) if pending.is_none() => push_unique(&mut c.creators, name),
            Piece::Agency(..) | Piece::Org(_) | Piece::Person(_) => {
                let r = agency_ref(p, table);
                if pending == Some(Role::Via) && c.via.is_none() {
                    c.via = Some(r.clone());
                }
                pending = None;
                if !c.agencies.iter().any(|a| a.same_as(&r)) {
                    c.agencies.push(r);
                }
            }
        }
    }
    c
}

fn agency_ref(p: &Piece, table: &AgencyTable) -> AgencyRef {
    match p {
        Piece::Agency(i, written) => {
            let a = table.get(*i);
            AgencyRef {
                id: Some(a.id.clone()),
                name: a.name.clone(),
                as_written: written.clone(),
            }
        }
        Piece::Org(s) | Piece::Person(s) => AgencyRef {
            id: None,
            name: without_corporate_suffix(s).to_string(),
            as_written: s.clone(),
        },
        Piece::Mark(_) | Piece::WeakLabel => unreachable!("marks are not agencies"),
    }
}

/// `Apple Inc.` is credited as Apple.
fn without_corporate_suffix(s: &str) -> &str {
    const SUFFIXES: &[&str] = &[
        " Inc.", " Inc", " Corp.", " Corp", " Ltd.", " Ltd", " LLC", " GmbH", " plc",
    ];
    SUFFIXES
        .iter()
        .find_map(|suf| s.strip_suffix(suf))
        .map_or(s, |rest| rest.trim_end_matches(','))
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_cut_short_is_the_known_name_it_starts() {
        let t = AgencyTable::builtin();
        let c = analyse(
            "(Photographer: Simon Dawson/Bloomberg via Get (Photographer: Simon Dawson/Bloomberg via Getty Images / Getty Images)",
            t,
        )
        .credit;
        let names: Vec<&str> = c.agencies.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Bloomberg", "Getty Images"]);
        assert_eq!(c.via.map(|v| v.name), Some("Getty Images".to_string()));
        // An unknown name that starts no known one stays.
        let c = analyse("Jane Doe/Getty Images via Gett Foundation", t).credit;
        assert!(c.agencies.iter().any(|a| a.id.is_none()), "{c:?}");
    }

    #[test]
    fn creative_commons_licences_name_nobody() {
        for l in ["CC BY 2.0", "cc by sa 2.0", "CC BY-NC-ND 4.0", "CC0", "CC BY-SA"] {
            assert!(is_licence(l), "{l}");
        }
        for s in ["CC", "CC Sabathia", "by 2.0", "CC BY 2.0 Jane"] {
            assert!(!is_licence(s), "{s}");
        }
        let t = AgencyTable::builtin();
        let a = analyse("Foto: Jorge Mejía Peralta (CC BY 2.0)", t);
        assert!(a.unknown.is_empty() && a.is_credit(), "{a:?}");
        assert_eq!(a.credit.creators, ["Jorge Mejía Peralta"]);
    }

    fn parse(s: &str) -> Credit {
        analyse(s, AgencyTable::builtin()).credit
    }

    #[test]
    fn wikimedia_attribution_by_user_with_licence_and_address() {
        let a = analyse(
            "Foto: Von Joschi71, CC BY-SA 3.0, https://commons.wikimedia.org/w/index.php?curid=17679861",
            AgencyTable::builtin(),
        );
        assert!(a.is_credit(), "{a:?}");
        assert_eq!(a.credit.creators, ["Joschi71"]);
        // An address without a licence before it is not understood.
        assert!(!analyse("Foto: Von Joschi71, https://example.org/bild", AgencyTable::builtin()).is_credit());
        // `by` before a plain word is prose.
        assert!(analyse("Foto: Von hinten", AgencyTable::builtin()).credit.creators != ["hinten"]);
    }

    #[test]
    fn full_name_slash_unknown_outlet_is_a_credit() {
        let t = AgencyTable::builtin();
        let a = analyse("Devindra Hardawar/AOL", t);
        assert!(a.is_credit(), "{a:?}");
        assert_eq!(a.credit.creators, ["Devindra Hardawar"]);
        assert_eq!(agency_names(&a.credit), ["AOL"]);
        for s in [
            "and/or",
            "Input/Output",
            "4/5",
            "Berlin/Brandenburg",
            "Lesen Sie/mehr",
            "Jane Doe / AOL",
        ] {
            assert!(!analyse(s, t).is_credit(), "{s}");
        }
    }

    #[test]
    fn user_name_before_a_stock_library_and_its_web_address() {
        let t = AgencyTable::builtin();
        let a = analyse("(mlharing / iStock.com)", t);
        assert!(a.is_credit(), "{a:?}");
        assert_eq!(a.credit.creators, ["mlharing"]);
        assert_eq!(agency_names(&a.credit), ["iStock"]);
        let a = analyse("iStock.com/kieferpix", t);
        assert_eq!(a.credit.creators, ["kieferpix"]);
        // A lowercase word before a wire service is no contributor's name.
        assert!(!analyse("mehr / AP", t).credit.creators.contains(&"mehr".to_string()));
        // Only a bare web ending counts: `iStock.community` is something else.
        assert!(!analyse("iStock.community", t).is_credit());
    }

    #[test]
    fn month_dates_are_dates() {
        for d in ["4.fev.2025", "12.dez.2019"] {
            assert!(is_month_date(d), "{d}");
        }
        for d in ["4.Feb.2025", "4.2.2025", "Dr.med.2025", "fev.2025"] {
            assert!(!is_month_date(d), "{d}");
        }
        assert_eq!(parse("Ana Souza - 4.fev.2025/Folhapress").creators, ["Ana Souza"]);
    }

    #[test]
    fn name_closed_by_a_legal_form_is_an_organisation() {
        let a = analyse(
            "© Heimat- und Museumsverein Königs Wusterhausen 1990 e.V.",
            AgencyTable::builtin(),
        );
        assert!(a.is_credit(), "{a:?}");
        assert_eq!(
            agency_names(&a.credit),
            ["Heimat- und Museumsverein Königs Wusterhausen 1990 e.V."]
        );
        assert!(legal_form_org("Foto und e.V.", &["Foto", "und", "e.V."]).is_none());
        assert!(legal_form_org("GmbH", &["GmbH"]).is_none());
        assert!(legal_form_org("die neue GmbH", &["die", "neue", "GmbH"]).is_none());
    }

    fn agency_names(c: &Credit) -> Vec<&str> {
        c.agencies.iter().map(|a| a.name.as_str()).collect()
    }

    #[test]
    fn ap_photo_with_file() {
        let c = parse("(AP Photo/David Zalubowski, File / AP Newsroom)");
        assert_eq!(c.creators, ["David Zalubowski"]);
        assert_eq!(agency_names(&c), ["Associated Press"]);
        assert!(c.file_photo && !c.pool && !c.handout);
    }

    #[test]
    fn pool_photo_via_ap() {
        let c = parse("(Yuri Kadobnov/Pool Photo via AP, File)");
        assert_eq!(c.creators, ["Yuri Kadobnov"]);
        assert_eq!(agency_names(&c), ["Associated Press"]);
        assert_eq!(c.via.unwrap().id.as_deref(), Some("ap"));
        assert!(c.pool && c.file_photo);
    }

    #[test]
    fn getty_chains() {
        let c = parse("(Photo Illustration by Jakub Porzycki/NurPhoto via Getty Images)");
        assert_eq!(c.creators, ["Jakub Porzycki"]);
        assert_eq!(agency_names(&c), ["NurPhoto", "Getty Images"]);
        assert_eq!(c.via.unwrap().name, "Getty Images");
        let c = parse("(Tom Williams-Pool/Getty Images / Getty Images)");
        assert_eq!(c.creators, ["Tom Williams"]);
        assert!(c.pool);
        let c = parse("Photographer: Aaron M. Sprecher/Bloomberg via Getty Images");
        assert_eq!(c.creators, ["Aaron M. Sprecher"]);
    }

    #[test]
    fn handouts_and_organisations() {
        let c = parse("(Rosneft handout via EYEPRESS)");
        assert!(c.handout);
        assert!(c.creators.is_empty());
        assert_eq!(agency_names(&c)[0], "Rosneft");
        let c = parse("Courtesy Tesla");
        assert!(c.handout);
        assert_eq!(agency_names(&c), ["Tesla"]);
    }

    #[test]
    fn cms_slash_and_uncredited() {
        let a = analyse("(Yuri Kadobnov/)", AgencyTable::builtin());
        assert!(a.is_credit());
        assert_eq!(a.credit.creators, ["Yuri Kadobnov"]);
        let a = analyse("(Uncredited/)", AgencyTable::builtin());
        assert!(a.is_credit());
        assert!(a.credit.creators.is_empty());
    }

    #[test]
    fn photographer_from_an_agency() {
        let c = parse("Foto von Josh Willink von Pexels");
        assert_eq!(c.creators, ["Josh Willink"]);
        assert_eq!(agency_names(&c), ["Pexels"]);
    }

    #[test]
    fn not_credits() {
        for s in [
            "(IMF)",
            "(L-R)",
            "(left to right)",
            "(2019)",
            "(INK)",
            "Reuters reported on Tuesday",
            "Bilder von hinten",
            "© 2017-2023",
            "CLICK HERE TO GET THE FOX NEWS APP",
            "DESCARGA LA APP EL TIEMPO",
        ] {
            assert!(!analyse(s, AgencyTable::builtin()).is_credit(), "{s}");
        }
    }

    #[test]
    fn usage_notices_belong_to_the_credit_but_name_nobody() {
        let c = parse(
            "Nordvik Pumps/Handout via REUTERS ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. NO RESALES. NO ARCHIVES.",
        );
        assert!(c.handout && !c.file_photo);
        assert!(c.creators.is_empty());
        assert_eq!(agency_names(&c), ["Nordvik Pumps", "Reuters"]);
    }

    #[test]
    fn described_providers() {
        let a = analyse("(Courtesy of the family)", AgencyTable::builtin());
        assert!(a.is_credit());
        assert!(a.credit.handout && a.credit.agencies.is_empty());
    }

    #[test]
    fn cjk_distributors() {
        let c = parse("[AFP=연합뉴스]");
        assert_eq!(c.via.unwrap().id.as_deref(), Some("yonhap"));
        let c = parse("[조선중앙통신 연합뉴스]");
        assert_eq!(agency_names(&c), ["Korean Central News Agency", "Yonhap News Agency"]);
        assert_eq!(c.via.unwrap().id.as_deref(), Some("yonhap"));
        let c = parse("（新华社发 周亮 摄）");
        assert_eq!(c.creators, ["周亮"]);
        assert_eq!(agency_names(&c), ["Xinhua News Agency"]);
        let c = parse("中央社記者王騰毅攝 113年3月20日");
        assert_eq!(c.creators, ["王騰毅"]);
    }

    #[test]
    fn years_and_copyright() {
        let c = parse("(Courtesy of Satellite image ©2022 Maxar Technologies/Handout via REUTERS)");
        assert!(c.handout);
        assert_eq!(agency_names(&c), ["Maxar Technologies", "Reuters"]);
    }
}
