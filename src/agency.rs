//! The agency table: wire services, photo agencies, stock libraries and outlets,
//! with every name they are credited under, in every script.
//!
//! The table is a data file (`data/agencies.tsv`) compiled into the binary; users
//! may load their own file in the same format with [`AgencyTable::from_tsv`].
//! Look-ups run one [`aho_corasick`] automaton over a credit and keep only
//! matches that stand as whole words, so `AFP` is found in `AFP/Getty Images`
//! but not in `AFPTV`.
//!
//! ```
//! use capsift::agency::AgencyTable;
//! let table = AgencyTable::builtin();
//! let hits = table.find_all("Yuri Kadobnov/Pool Photo via AP");
//! assert_eq!(hits.len(), 1);
//! assert_eq!(table.get(hits[0].agency).name, "Associated Press");
//! ```

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

/// The table shipped with capsift.
const BUILTIN_TSV: &str = include_str!("../data/agencies.tsv");

/// What sort of organisation an agency is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AgencyKind {
    /// A news agency that distributes text and pictures (AP, Xinhua, TASS).
    Wire,
    /// A photo agency or picture collection (Getty Images, NurPhoto).
    Photo,
    /// A stock-photo library (Shutterstock, iStock).
    Stock,
    /// A newspaper, magazine or broadcaster crediting its own pictures.
    Outlet,
    /// A government or official press service.
    Official,
}

impl AgencyKind {
    fn parse(s: &str) -> Option<AgencyKind> {
        Some(match s {
            "wire" => AgencyKind::Wire,
            "photo" => AgencyKind::Photo,
            "stock" => AgencyKind::Stock,
            "outlet" => AgencyKind::Outlet,
            "official" => AgencyKind::Official,
            _ => return None,
        })
    }
}

/// One row of the table.
#[derive(Debug, Clone, Serialize)]
pub struct Agency {
    /// Stable lowercase identifier, e.g. `ap`, `yonhap`.
    pub id: String,
    /// Canonical English name, e.g. `Associated Press`.
    pub name: String,
    /// Kind of organisation.
    pub kind: AgencyKind,
    /// ISO 3166-1 alpha-2 country code, or `INT`.
    pub country: String,
    /// Every other spelling it is credited under (abbreviations, other scripts).
    pub aliases: Vec<String>,
}

/// Index of an agency in its [`AgencyTable`].
pub type AgencyIdx = usize;

/// One agency name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgencyMatch {
    /// Which agency.
    pub agency: AgencyIdx,
    /// Byte offset where the name starts.
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
}

/// An error in a table file, with the line it is on.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TableError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The agency table with its compiled matcher.
#[derive(Debug)]
pub struct AgencyTable {
    agencies: Vec<Agency>,
    /// Patterns fed to the case-insensitive automaton, and whom they name.
    folded: Automaton,
    /// All-capitals abbreviations (AP, AFP, AA) must match exactly.
    exact: Automaton,
}

#[derive(Debug)]
struct Automaton {
    ac: Option<AhoCorasick>,
    owners: Vec<AgencyIdx>,
}

impl Automaton {
    fn build(patterns: Vec<(String, AgencyIdx)>, fold: bool) -> Automaton {
        if patterns.is_empty() {
            return Automaton {
                ac: None,
                owners: Vec::new(),
            };
        }
        let owners = patterns.iter().map(|p| p.1).collect();
        // The folded table (932 names) as a contiguous NFA, not a DFA: its
        // DFA takes 11 MB, far more than the caches, and building it costs
        // more than the pages of a small run. The exact table (short
        // capitals) makes a DFA of 0.2 MB, built in 0.4 ms, and as one the
        // agency scan of a page takes a sixth fewer instructions.
        let kind = if fold {
            aho_corasick::AhoCorasickKind::ContiguousNFA
        } else {
            aho_corasick::AhoCorasickKind::DFA
        };
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(fold)
            .kind(Some(kind))
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|p| fold_case(&p.0, fold).into_owned()))
            .expect("agency patterns compile");
        Automaton { ac: Some(ac), owners }
    }
}

/// Lowercases non-ASCII letters for the case-insensitive automaton (which folds
/// only ASCII itself); ASCII is left for the automaton so offsets stay exact.
fn fold_case(s: &str, fold: bool) -> Cow<'_, str> {
    if !fold {
        return Cow::Borrowed(s);
    }
    // Only non-ASCII characters can change (the automaton folds ASCII
    // itself), and most of them do not (caseless scripts, lowercase): the
    // text is copied only from the first one that does, and the stretches
    // between changed characters are copied whole.
    let mut out: Option<String> = None;
    let (mut copied, mut from) = (0, 0);
    while let Some(k) = s.as_bytes()[from..].iter().position(|b| !b.is_ascii()) {
        let at = from + k;
        // A non-ASCII byte after a character boundary starts a character.
        let Some(c) = s[at..].chars().next() else { break };
        from = at + c.len_utf8();
        let folded = fold_char(c);
        if folded != c {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(&s[copied..at]);
            o.push(folded);
            copied = from;
        }
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Folds one character to lowercase when that keeps its UTF-8 length, so a
/// folded haystack has the same byte offsets as the original.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// Written before an alias that must match with its exact case although it
/// has lowercase letters: `=Bernama` (the Malay word `bernama` means "named").
const EXACT_MARK: char = '=';

/// True when an alias must match with its exact case: an abbreviation in
/// capitals, or one marked with [`EXACT_MARK`].
fn is_exact_alias(alias: &str) -> bool {
    alias.starts_with(EXACT_MARK)
        || alias
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || !c.is_alphanumeric())
            && alias.chars().any(|c| c.is_ascii_uppercase())
}

/// Scripts whose words are separated by spaces, so a name must not run on into
/// a neighbouring letter. Han, kana, Hangul and Thai are written without spaces
/// and agency names there are glued to their neighbours (`ⓒ연합뉴스`).
pub(crate) fn needs_boundary(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced_script(c)
}

/// Han, kana, Hangul, Thai, Lao, Khmer and Myanmar letters.
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF
        | 0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3FFFF)
}

impl AgencyTable {
    /// The table compiled into capsift.
    pub fn builtin() -> &'static AgencyTable {
        static TABLE: OnceLock<AgencyTable> = OnceLock::new();
        TABLE.get_or_init(|| AgencyTable::from_tsv(BUILTIN_TSV).expect("built-in agency table is valid"))
    }

    /// Parses a table in the `agencies.tsv` format: `id`, `name`, `kind`,
    /// `country`, `aliases` separated by tabs, aliases separated by ` | `;
    /// `#` starts a comment line.
    pub fn from_tsv(text: &str) -> Result<AgencyTable, TableError> {
        let mut agencies = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            agencies.push(parse_row(line).map_err(|message| TableError { line: n + 1, message })?);
        }
        Ok(AgencyTable::from_agencies(agencies))
    }

    /// Builds a table from rows, e.g. the built-in rows plus a user's own.
    /// A later row with an id already present replaces the earlier one.
    pub fn from_agencies(rows: Vec<Agency>) -> AgencyTable {
        let mut agencies: Vec<Agency> = Vec::with_capacity(rows.len());
        for row in rows {
            match agencies.iter_mut().find(|a| a.id == row.id) {
                Some(old) => *old = row,
                None => agencies.push(row),
            }
        }
        let mut folded = Vec::new();
        let mut exact = Vec::new();
        for (i, a) in agencies.iter().enumerate() {
            for alias in std::iter::once(&a.name).chain(&a.aliases) {
                if is_exact_alias(alias) {
                    exact.push((alias.trim_start_matches(EXACT_MARK).to_string(), i));
                } else {
                    folded.push((alias.clone(), i));
                }
            }
        }
        AgencyTable {
            agencies,
            folded: Automaton::build(folded, true),
            exact: Automaton::build(exact, false),
        }
    }

    /// Every agency, in table order.
    pub fn agencies(&self) -> &[Agency] {
        &self.agencies
    }

    /// The agency at `idx`.
    pub fn get(&self, idx: AgencyIdx) -> &Agency {
        &self.agencies[idx]
    }

    /// Looks an agency up by id.
    pub fn by_id(&self, id: &str) -> Option<AgencyIdx> {
        self.agencies.iter().position(|a| a.id == id)
    }

    /// All agency names standing as whole words in `text`, left to right,
    /// longest first where they overlap.
    pub fn find_all(&self, text: &str) -> Vec<AgencyMatch> {
        longest_of(self.whole_words(text))
    }

    /// Every name either automaton finds standing as a whole word, sorted by
    /// start and longest first, overlaps not yet resolved.
    fn whole_words(&self, text: &str) -> Vec<AgencyMatch> {
        let folded = fold_case(text, true);
        let mut hits: Vec<AgencyMatch> = Vec::new();
        for (auto, hay, exact) in [(&self.folded, &*folded, false), (&self.exact, text, true)] {
            let Some(ac) = &auto.ac else { continue };
            let scan = WordScan { ac, hay, text, pos: 0 };
            hits.extend(
                scan.filter(|&(start, end, _)| !(exact && is_given_name(text, start, end)))
                    .map(|(start, end, p)| AgencyMatch {
                        agency: auto.owners[p],
                        start,
                        end,
                    }),
            );
        }
        // Stable: of two equal spans the folded automaton's comes first.
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        hits
    }

    /// The agency whose name or alias is the whole of `text` (trimmed), if any.
    pub fn lookup_exact(&self, text: &str) -> Option<AgencyIdx> {
        let t = text.trim();
        let hits = self.find_all(t);
        match hits.as_slice() {
            [h] if h.start == 0 && h.end == t.len() => Some(h.agency),
            _ => None,
        }
    }
}

/// Keeps the longest of overlapping names (`EPA-EFE` over `EPA`) from hits
/// sorted by start, longest first.
fn longest_of(hits: impl IntoIterator<Item = AgencyMatch>) -> Vec<AgencyMatch> {
    let mut out: Vec<AgencyMatch> = Vec::new();
    for h in hits {
        if out.last().is_none_or(|l| h.start >= l.end) {
            out.push(h);
        }
    }
    out
}

/// The agency names of a whole text, found in one pass, so that the stages
/// looking at its lines and paragraphs (credit search, citations) need not
/// scan the same bytes again.
///
/// A scan of a part of the text is not always the scan of the whole cut to
/// that part: a name may run across the cut, and a name may stand as a whole
/// word only at the cut. [`TextScan::names_in`] reads a part off the whole
/// scan only where that is provably the same and scans the part otherwise.
pub struct TextScan<'a> {
    table: &'a AgencyTable,
    text: &'a str,
    /// [`AgencyTable::whole_words`] of the text: kept before overlaps are
    /// resolved, so that a part can resolve its own.
    hits: Vec<AgencyMatch>,
}

impl<'a> TextScan<'a> {
    /// Scans `text` once.
    pub fn new(table: &'a AgencyTable, text: &'a str) -> TextScan<'a> {
        TextScan {
            table,
            text,
            hits: table.whole_words(text),
        }
    }

    /// The table scanned with.
    pub fn table(&self) -> &'a AgencyTable {
        self.table
    }

    /// Exactly `table.find_all(&text[range])` (offsets relative to the range).
    pub fn names_in(&self, range: Range<usize>) -> Vec<AgencyMatch> {
        if !(self.clean_start(range.start) && self.clean_end(range.end)) {
            return self.table.find_all(&self.text[range]);
        }
        // No hit runs across either end, so the hits inside the range are
        // those a scan of the range finds (the scan reaches the range's start
        // exactly and no name reaches past its end), and overlaps resolve
        // the same among them.
        let first = self.hits.partition_point(|h| h.start < range.start);
        let inside = self.hits[first..]
            .iter()
            .take_while(|h| h.start < range.end)
            .map(|h| AgencyMatch {
                agency: h.agency,
                start: h.start - range.start,
                end: h.end - range.start,
            });
        longest_of(inside)
    }

    /// A scan starting at `at` finds what the whole scan finds from there:
    /// no hit runs across `at`, and the character before it cannot continue
    /// a word, so a name starting at `at` stands as a word either way.
    fn clean_start(&self, at: usize) -> bool {
        let before = self.text[..at].chars().next_back();
        !before.is_some_and(|c| c.is_alphanumeric() && !is_unspaced_script(c))
            && !self.hits.iter().take_while(|h| h.start < at).any(|h| h.end > at)
    }

    /// A scan ending at `at` finds what the whole scan finds before it: `at`
    /// ends a line (no name holds a line break, so none runs across it) or
    /// the text. Elsewhere a longer name cut short at `at` could hide a
    /// shorter one the part alone would find.
    fn clean_end(&self, at: usize) -> bool {
        self.text[at..].is_empty() || self.text[at..].starts_with('\n')
    }
}

/// Leftmost-longest matches that stand as whole words. Leftmost-longest
/// search reports no overlaps, so when the longest name at a place fails the
/// word check the scan restarts one character later rather than losing a
/// shorter valid name inside it.
struct WordScan<'a> {
    ac: &'a AhoCorasick,
    /// The text searched (case-folded for the folding automaton).
    hay: &'a str,
    /// The original text, for the word-boundary check.
    text: &'a str,
    pos: usize,
}

impl Iterator for WordScan<'_> {
    type Item = (usize, usize, usize);
    fn next(&mut self) -> Option<Self::Item> {
        while self.pos < self.hay.len() {
            let input = aho_corasick::Input::new(self.hay).span(self.pos..self.hay.len());
            let m = self.ac.find(input)?;
            if is_whole_word(self.text, m.start(), m.end()) {
                self.pos = m.end();
                return Some((m.start(), m.end(), m.pattern().as_usize()));
            }
            let step = self.hay[m.start()..].chars().next().map_or(1, char::len_utf8);
            self.pos = m.start() + step;
        }
        None
    }
}

/// A word-like exact alias (`=Efe`) followed by a capitalised word is a
/// person's first name (`Efe Aydan`, a Turkish name), not the agency. Only
/// asked of exact aliases: abbreviations in capitals (`AP`) are no first
/// names, and a folded name before a person's (`Xinhua Li Ming`) is the
/// agency.
fn is_given_name(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    let word_like = name.chars().next().is_some_and(char::is_uppercase) && name.chars().skip(1).all(char::is_lowercase);
    let mut after = text[end..].chars();
    word_like && after.next() == Some(' ') && after.next().is_some_and(char::is_uppercase)
}

/// A name at `start..end` stands as a whole word when the letters on either
/// side (if any) do not continue a word of a spaced script.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    let (Some(first), Some(last)) = (name.chars().next(), name.chars().next_back()) else {
        return false;
    };
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // A letter of an unspaced script does not continue a Latin word:
    // `AFP時事`, `AP通信`.
    let continues = |c: char| c.is_alphanumeric() && !is_unspaced_script(c);
    let left_ok = !needs_boundary(first) || !before.is_some_and(continues);
    let right_ok = !needs_boundary(last) || !after.is_some_and(continues);
    left_ok && right_ok
}

fn parse_row(line: &str) -> Result<Agency, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 5 {
        return Err(format!(
            "expected 5 tab-separated columns (id, name, kind, country, aliases), found {}",
            cols.len()
        ));
    }
    let id = cols[0].trim();
    let name = cols[1].trim();
    if id.is_empty() || name.is_empty() {
        return Err("id and name must not be empty".into());
    }
    let kind = AgencyKind::parse(cols[2].trim()).ok_or_else(|| {
        format!(
            "unknown kind {:?} (wire, photo, stock, outlet, official)",
            cols[2].trim()
        )
    })?;
    let aliases = cols[4]
        .split(" | ")
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect();
    Ok(Agency {
        id: id.to_string(),
        name: name.to_string(),
        kind,
        country: cols[3].trim().to_string(),
        aliases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> AgencyTable {
        AgencyTable::from_tsv(
            "# test\nap\tAssociated Press\twire\tUS\tAP | AP Photo\nafp\tAgence France-Presse\twire\tFR\tAFP | 法新社\n\
             epa\tEuropean Pressphoto Agency\tphoto\tINT\tEPA\nepa-efe\tEPA-EFE\tphoto\tINT\tEPA-EFE\n\
             yonhap\tYonhap News Agency\twire\tKR\tYonhap | 연합뉴스\nreuters\tReuters\twire\tGB\tREUTERS\n",
        )
        .unwrap()
    }

    fn names(t: &AgencyTable, s: &str) -> Vec<String> {
        t.find_all(s).iter().map(|m| t.get(m.agency).id.clone()).collect()
    }

    #[test]
    fn abbreviations_need_word_boundaries_and_exact_case() {
        let t = table();
        assert_eq!(names(&t, "AFP/Getty"), ["afp"]);
        assert!(names(&t, "AFPTV").is_empty());
        assert!(names(&t, "a map of the gap").is_empty());
        assert!(names(&t, "Ap").is_empty());
    }

    #[test]
    fn marked_aliases_match_exactly() {
        let t = AgencyTable::builtin();
        assert_eq!(
            names(t, "Seperti dilaporkan kantor berita Bernama, polisi"),
            ["bernama"]
        );
        assert_eq!(names(t, "Foto: BERNAMA"), ["bernama"]);
        // The Malay word: `seorang lelaki bernama Ali` (a man named Ali).
        assert!(names(t, "seorang lelaki bernama Ali").is_empty());
        assert!(names(t, "=Bernama").iter().all(|n| n == "bernama"));
        // Spanish papers write the wire as a word (`Foto: Efe`, `| Efe`);
        // `efe` is the letter F.
        assert_eq!(names(t, "Foto: Efe"), ["efe"]);
        assert!(names(t, "la efe de Francia").is_empty());
        // `Efe` is also a Turkish first name.
        assert!(names(t, "Fotoğraf: Efe Aydan").is_empty());
        assert_eq!(names(t, "Xinhua Li Ming"), ["xinhua"]);
        assert_eq!(names(t, "(Efe) Madrid"), ["efe"]);
    }

    #[test]
    fn full_names_fold_case() {
        let t = table();
        assert_eq!(names(&t, "(reuters)"), ["reuters"]);
        assert_eq!(names(&t, "YONHAP"), ["yonhap"]);
    }

    #[test]
    fn cjk_names_need_no_boundary() {
        let t = table();
        assert_eq!(names(&t, "ⓒ연합뉴스"), ["yonhap"]);
        assert_eq!(names(&t, "[AFP=연합뉴스]"), ["afp", "yonhap"]);
        assert_eq!(names(&t, "法新社记者"), ["afp"]);
    }

    #[test]
    fn longest_name_wins() {
        let t = table();
        assert_eq!(names(&t, "EPA-EFE/Name"), ["epa-efe"]);
        assert_eq!(names(&t, "AP Photo/Evan Vucci"), ["ap"]);
        assert_eq!(t.find_all("AP Photo/Evan Vucci")[0].end, 8);
    }

    #[test]
    fn a_part_read_off_the_whole_scan_is_the_scan_of_the_part() {
        let t = AgencyTable::builtin();
        let text = "Kim (KCNA via KNS/AFP)\nEPA-EFEx EPA-EFE/Name\nAP Photo/Evan\n\
                    据新华社报道 (AP) — Associated Press\nxAFP AFP时事 ⓒ연합뉴스";
        let scan = TextScan::new(t, text);
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                assert_eq!(scan.names_in(a..b), t.find_all(&text[a..b]), "{:?}", &text[a..b]);
            }
        }
    }

    #[test]
    fn exact_lookup_needs_the_whole_text() {
        let t = table();
        assert_eq!(t.lookup_exact(" AP Photo "), t.by_id("ap"));
        assert_eq!(t.lookup_exact("AP Newsroom"), None);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let err = AgencyTable::from_tsv("# c\nap\tAP\twire\n").unwrap_err();
        assert_eq!(err.line, 2);
        let err = AgencyTable::from_tsv("ap\tAP\tmagic\tUS\t\n").unwrap_err();
        assert!(err.message.contains("unknown kind"));
    }

    #[test]
    fn builtin_ids_and_aliases_are_unique() {
        let t = AgencyTable::builtin();
        let mut ids = std::collections::HashSet::new();
        let mut names = std::collections::HashMap::new();
        for a in t.agencies() {
            assert!(ids.insert(a.id.as_str()), "id {} twice", a.id);
            for n in std::iter::once(&a.name).chain(&a.aliases) {
                let key = if is_exact_alias(n) { n.clone() } else { n.to_lowercase() };
                if let Some(other) = names.insert(key, a.id.as_str()) {
                    assert_eq!(other, a.id, "{n:?} names both {other} and {}", a.id);
                }
            }
        }
    }

    #[test]
    fn builtin_table_loads_and_is_large() {
        let t = AgencyTable::builtin();
        assert!(t.agencies().len() >= 120, "{}", t.agencies().len());
        for id in [
            "ap", "reuters", "afp", "getty", "xinhua", "yonhap", "kcna", "kns", "tass",
        ] {
            assert!(t.by_id(id).is_some(), "{id} missing");
        }
    }
}
