//! The credit vocabulary (`data/credit_words.tsv`): labels, file / pool /
//! handout markers, `via`, `for` and friends in many languages.

use std::sync::OnceLock;

const BUILTIN_TSV: &str = include_str!("../../data/credit_words.tsv");

/// What a credit word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Introduces a credit: `Photo:`, `Фото:`, `写真：`.
    Label,
    /// Follows a label: `Photo by`.
    By,
    /// Archive picture.
    File,
    /// Pool picture.
    Pool,
    /// Handout or courtesy picture.
    Handout,
    /// Introduces the distributing agency.
    Via,
    /// Introduces the outlet a photographer worked for.
    For,
    /// Stands in for a photographer but names nobody (`Uncredited`, `STR`).
    Nobody,
    /// Neither a name nor an agency (`Newsroom`, `Satellite image`).
    Noise,
    /// Follows a photographer's name: 摄, 撮影.
    Taken,
    /// A staff title between agency and name: 记者.
    Reporter,
    /// Words in the caption text that say the picture was handed out
    /// (`photo provided by`, `Fotografía cedida por`); not part of credits.
    HandoutCaption,
    /// Words that open a caption: `图为`, `In this photo`, `На фото:`.
    CaptionOpener,
    /// A label before the caption text, not part of it: BBC's `Image
    /// caption,`.
    CaptionLabel,
    /// Where a person stands in the picture: `, left,`, `(L-R)`, `(links)`,
    /// `de izquierda a derecha`. Captions say it; articles hardly ever do.
    CaptionPosition,
    /// Words crediting the story rather than a picture (`Written by`,
    /// `Words:`): a line with them is the story's byline.
    StoryCredit,
    /// Words of a site's copyright notice (`All rights reserved`): a line
    /// with them and a year is the page's notice, not a photo credit.
    SiteNotice,
    /// A label naming the story's source, not a picture's: `Quelle`,
    /// `Source`, `来源`.
    SourceLabel,
}

impl Role {
    /// Words of this role say "credit" on their own.
    fn is_evidence(self) -> bool {
        matches!(
            self,
            Role::Label | Role::File | Role::Pool | Role::Handout | Role::Taken | Role::Reporter
        )
    }

    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "label" => Role::Label,
            "by" => Role::By,
            "file" => Role::File,
            "pool" => Role::Pool,
            "handout" => Role::Handout,
            "via" => Role::Via,
            "for" => Role::For,
            "nobody" => Role::Nobody,
            "noise" => Role::Noise,
            "taken" => Role::Taken,
            "reporter" => Role::Reporter,
            "handout_caption" => Role::HandoutCaption,
            "caption_opener" => Role::CaptionOpener,
            "site_notice" => Role::SiteNotice,
            "caption_label" => Role::CaptionLabel,
            "caption_position" => Role::CaptionPosition,
            "story_credit" => Role::StoryCredit,
            "source_label" => Role::SourceLabel,
            _ => return None,
        })
    }
}

/// A vocabulary entry with the facts about its case that every comparison
/// needs, worked out once instead of on every call.
#[derive(Debug, Clone)]
struct Phrase {
    text: String,
    role: Role,
    /// It has lowercase letters, so it matches in any case.
    any_case: bool,
    ascii: bool,
    /// Its second character lowercased: a text whose second character
    /// lowercases otherwise cannot start with it, and most are passed over so.
    second: Option<char>,
}

impl Phrase {
    fn new(text: &str, role: Role) -> Phrase {
        Phrase {
            text: text.to_string(),
            role,
            any_case: text.chars().any(char::is_lowercase),
            ascii: text.is_ascii(),
            second: second_folded(text),
        }
    }

    /// A text whose second character lowercases to `second` may start with it.
    fn may_start(&self, second: Option<char>) -> bool {
        self.second.is_none_or(|c| Some(c) == second)
    }
}

/// The vocabulary is looked up for nearly every word of every credit
/// candidate; its keys are our own short phrases, so a hash that resists
/// flooding (std's SipHash, several times dearer) buys nothing.
type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Longest ASCII phrase `role` lowercases on the stack.
const STACK_LOWERCASE: usize = 64;

/// The vocabulary, indexed for whole-phrase look-up.
#[derive(Debug, Default)]
pub struct Words {
    /// Exact phrase → role (for phrases in capitals and for non-cased scripts).
    exact: FxMap<String, Role>,
    /// Lowercased phrase → role, for phrases with lowercase letters.
    folded: FxMap<String, Role>,
    /// The most characters in a key of `folded`.
    longest_folded: usize,
    /// Phrases ordered longest first, for suffix stripping.
    by_length: Vec<(String, Role)>,
    /// The same, grouped by lowercased first character, for prefix look-up.
    by_first: FxMap<char, Vec<Phrase>>,
    /// … and by lowercased last character, for suffix look-up.
    by_last: FxMap<char, Vec<Phrase>>,
    /// Finds any word that is evidence of a credit (labels and markers), to
    /// skip the many paragraphs that hold none.
    evidence: Option<aho_corasick::AhoCorasick>,
    /// Position phrases (`, left,`), found in one pass over a line.
    positions: Option<aho_corasick::AhoCorasick>,
    /// Caption labels (`Image caption`), found in one pass over a line
    /// (ASCII letters in any case; others as the table writes them).
    caption_labels: Option<aho_corasick::AhoCorasick>,
    /// The caption openers by lowercased first character (`opens_caption`
    /// runs on every line without a credit: it should not walk the whole
    /// vocabulary).
    openers: FxMap<char, Vec<Phrase>>,
    /// Lowercased phrases that `mentions` looks for, per role, longest
    /// first: only `File`, `HandoutCaption` and `SiteNotice` are asked for.
    mentioned: Vec<(Role, String)>,
    /// Finds any of `mentioned` in a lowercased text: most texts hold none,
    /// and then no phrase needs a closer look.
    any_mentioned: Option<aho_corasick::AhoCorasick>,
    /// Labels naming a story's source, as written.
    source_labels: Vec<String>,
    /// Handout markers that name a press office (`пресс-служба`, `press
    /// service of`), lowercased: see [`Words::is_office`].
    offices: Vec<String>,
}

fn last_folded(s: &str) -> Option<char> {
    s.chars().next_back().and_then(|c| c.to_lowercase().next())
}

fn first_folded(s: &str) -> Option<char> {
    s.chars().next().and_then(|c| c.to_lowercase().next())
}

/// What `first_folded` is for the first character, for the second.
fn second_folded(s: &str) -> Option<char> {
    s.chars().nth(1).and_then(|c| c.to_lowercase().next())
}

impl Words {
    /// The vocabulary shipped with capsift.
    pub fn builtin() -> &'static Words {
        static WORDS: OnceLock<Words> = OnceLock::new();
        WORDS.get_or_init(|| Words::from_tsv(BUILTIN_TSV).expect("built-in credit words are valid"))
    }

    /// Parses the `role<TAB>lang<TAB>phrase` format.
    pub fn from_tsv(text: &str) -> Result<Words, String> {
        let mut w = Words::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [role, _lang, phrase] = cols[..] else {
                return Err(format!("line {}: expected role, language, phrase", n + 1));
            };
            // A press office is a handout marker that also names the provider.
            if role == "office" {
                w.offices.push(phrase.to_lowercase());
                w.insert(phrase, Role::Handout);
                continue;
            }
            let role = Role::parse(role).ok_or_else(|| format!("line {}: unknown role {role:?}", n + 1))?;
            w.insert(phrase, role);
        }
        w.by_length.sort_by_key(|(p, _)| std::cmp::Reverse(p.chars().count()));
        for (p, role) in w.by_length.iter().filter(|(_, r)| {
            !matches!(
                r,
                Role::HandoutCaption
                    | Role::CaptionOpener
                    | Role::SiteNotice
                    | Role::CaptionLabel
                    | Role::CaptionPosition
            )
        }) {
            if let (Some(first), Some(last)) = (first_folded(p), last_folded(p)) {
                w.by_first.entry(first).or_default().push(Phrase::new(p, *role));
                w.by_last.entry(last).or_default().push(Phrase::new(p, *role));
            }
        }
        let evidence = w
            .by_length
            .iter()
            .filter(|(_, r)| r.is_evidence())
            .map(|(p, _)| p.to_lowercase());
        for (p, role) in w.by_length.iter().filter(|(_, r)| *r == Role::CaptionOpener) {
            if let Some(first) = first_folded(p) {
                w.openers.entry(first).or_default().push(Phrase::new(p, *role));
            }
        }
        w.mentioned = w
            .by_length
            .iter()
            .filter(|(p, r)| {
                matches!(
                    r,
                    Role::File | Role::HandoutCaption | Role::SiteNotice | Role::StoryCredit
                ) && (p.contains(' ') || !p.is_ascii() || p.ends_with(':'))
                    && p.chars().any(char::is_alphabetic)
            })
            .map(|(p, r)| (*r, p.to_lowercase()))
            .collect();
        w.any_mentioned =
            Some(aho_corasick::AhoCorasick::new(w.mentioned.iter().map(|(_, p)| p)).map_err(|e| e.to_string())?);
        w.positions = Some(
            aho_corasick::AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(w.ascii_lowercased(Role::CaptionPosition))
                .map_err(|e| e.to_string())?,
        );
        w.caption_labels = Some(
            aho_corasick::AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .start_kind(aho_corasick::StartKind::Both)
                .build(w.ascii_lowercased(Role::CaptionLabel))
                .map_err(|e| e.to_string())?,
        );
        w.evidence = Some(
            aho_corasick::AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                // A DFA: it runs over the head and tail of every line.
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(evidence)
                .map_err(|e| e.to_string())?,
        );
        Ok(w)
    }

    /// The phrases of one role for an automaton that folds ASCII case
    /// itself: ASCII letters lowercased, others as the table writes them
    /// (`Слева направо:` must keep its capital). With capitals kept in
    /// ASCII too, the caption-label search took 2.5 times the instructions
    /// and a hundred times the cache misses: its prefilter is built from the
    /// patterns' bytes as given.
    fn ascii_lowercased(&self, role: Role) -> Vec<String> {
        self.by_length
            .iter()
            .filter(|(_, r)| *r == role)
            .map(|(p, _)| p.to_ascii_lowercase())
            .collect()
    }

    fn insert(&mut self, phrase: &str, role: Role) {
        if role == Role::SourceLabel {
            self.source_labels.push(phrase.to_string());
            return;
        }
        if matches!(
            role,
            Role::HandoutCaption
                | Role::CaptionOpener
                | Role::SiteNotice
                | Role::CaptionLabel
                | Role::CaptionPosition
                | Role::StoryCredit
        ) {
            // Caption-text phrases are looked for only by `mentions_handout`.
            self.by_length.push((phrase.to_string(), role));
            return;
        }
        if phrase.chars().any(char::is_lowercase) {
            let folded = phrase.to_lowercase();
            self.longest_folded = self.longest_folded.max(folded.chars().count());
            self.folded.insert(folded, role);
        }
        self.exact.insert(phrase.to_string(), role);
        self.by_length.push((phrase.to_string(), role));
    }

    /// Whether `s` opens with a label naming the story's source (`Quelle:
    /// SWR`) rather than a picture's.
    pub fn opens_with_source_label(&self, s: &str) -> bool {
        self.source_labels.iter().any(|l| s.starts_with(l.as_str()))
    }

    /// Whether `phrase`, a handout marker, names a press office: the office
    /// of a provider the table does not know is named with it
    /// (`пресслужба Одеської ОВА`, not the owner alone in the genitive).
    pub fn is_office(&self, phrase: &str) -> bool {
        let p = phrase.trim().to_lowercase();
        self.offices.contains(&p)
    }

    /// The role of `phrase` when it is a whole vocabulary entry.
    pub fn role(&self, phrase: &str) -> Option<Role> {
        if let Some(role) = self.exact.get(phrase) {
            return Some(*role);
        }
        // Lowercasing never takes characters away: a phrase longer than
        // every folded entry is none of them (most segments are).
        if phrase.chars().nth(self.longest_folded).is_some() {
            return None;
        }
        if phrase.is_ascii() && phrase.len() <= STACK_LOWERCASE {
            let mut buf = [0u8; STACK_LOWERCASE];
            let lower = &mut buf[..phrase.len()];
            lower.copy_from_slice(phrase.as_bytes());
            lower.make_ascii_lowercase();
            let lower = std::str::from_utf8(lower).expect("ASCII is UTF-8");
            return self.folded.get(lower).copied();
        }
        self.folded.get(&phrase.to_lowercase()).copied()
    }

    /// `text` holds a label or marker word somewhere (in any case for ASCII
    /// letters; other scripts as written in lowercase). A quick filter, not a
    /// parse: many words match inside other words.
    pub fn has_evidence(&self, text: &str) -> bool {
        // The automaton ignores ASCII case itself: only other letters that
        // lowercasing would change need a lowercased copy, and text in
        // scripts without case, or in lowercase, has none.
        let lower;
        let hay = if text.is_ascii() || text.chars().all(|c| c.is_ascii() || lowercase_keeps(c)) {
            text
        } else {
            lower = text.to_lowercase();
            &lower
        };
        self.evidence.as_ref().is_some_and(|ac| ac.is_match(hay))
    }

    /// The text says the picture is an archive one in words no other sense
    /// shares: `In this file photo`, `Imagen de archivo de …`, `资料图`.
    /// Single Latin words (`File`, `Archivo`) are too common in running text.
    pub fn mentions_file_photo(&self, text: &str) -> bool {
        self.mentions(text, Role::File)
    }

    /// The caption text says the picture was handed out: `photo provided
    /// by`, `Fotografía cedida por`, `által közreadott`.
    pub fn mentions_handout(&self, text: &str) -> bool {
        self.mentions(text, Role::HandoutCaption)
    }

    /// The text opens the way captions do: `图为…`, `In this photo …`.
    pub fn opens_caption(&self, text: &str) -> bool {
        // A phrase matches only where the first characters agree lowercased.
        first_folded(text).and_then(|c| self.openers.get(&c)).is_some_and(|ps| {
            let second = second_folded(text);
            ps.iter()
                .any(|p| p.may_start(second) && matched_prefix_len(text, p).is_some())
        })
    }

    /// The text says where someone stands in the picture: `Mark Esper,
    /// left, and …`, `Marcell Jansen (l.) und …`.
    pub fn names_a_position(&self, text: &str) -> bool {
        self.positions.as_ref().is_some_and(|a| a.is_match(text))
    }

    /// The first caption label in `text` standing at a word's start (or
    /// glued on after a lowercase letter, as scrapers join elements): its
    /// start, and the end of the label with the `,` or `:` after it.
    /// `Image source, Getty Images Image caption, Protesters …`.
    pub fn caption_label(&self, text: &str) -> Option<(usize, usize)> {
        let labels = self.caption_labels.as_ref()?;
        labels.find_iter(text).find_map(|m| {
            let before = text[..m.start()].chars().next_back();
            if !before.is_none_or(|c| c.is_whitespace() || c.is_lowercase() || c == '.') {
                return None;
            }
            Some((m.start(), after_label(text, m.end())))
        })
    }

    /// The length of the caption label `text` starts with, with the `,` or
    /// `:` after it: `Image caption, Protesters …`.
    pub fn caption_label_prefix(&self, text: &str) -> Option<usize> {
        let labels = self.caption_labels.as_ref()?;
        let input = aho_corasick::Input::new(text).anchored(aho_corasick::Anchored::Yes);
        let m = labels.find(input)?;
        Some(after_label(text, m.end()))
    }

    /// The text credits the story itself: `Written by`, `Words:`.
    pub fn credits_the_story(&self, text: &str) -> bool {
        self.mentions(text, Role::StoryCredit)
    }

    /// The text says `All rights reserved` (or the like) in some language.
    pub fn mentions_site_notice(&self, text: &str) -> bool {
        self.mentions(text, Role::SiteNotice)
    }

    fn mentions(&self, text: &str, wanted: Role) -> bool {
        let lower = text.to_lowercase();
        if !self.any_mentioned.as_ref().is_some_and(|ac| ac.is_match(&lower)) {
            return false;
        }
        self.mentioned
            .iter()
            .any(|(role, p)| *role == wanted && contains_word(&lower, p))
    }

    /// The longest entry that `text` starts with, as a whole word, and its
    /// length in bytes.
    pub fn prefix(&self, text: &str) -> Option<(Role, usize)> {
        let candidates = self.by_first.get(&first_folded(text)?)?;
        let second = second_folded(text);
        candidates.iter().filter(|p| p.may_start(second)).find_map(|p| {
            let n = matched_prefix_len(text, p)?;
            let rest = &text[n..];
            // `CreditEllen Surrey`: two elements scraped without a space
            // (but not a run of glued tags: `BildFarbeHolzKind`).
            let camel = text[..n].ends_with(char::is_lowercase)
                && rest.starts_with(char::is_uppercase)
                && !has_camel_join(rest.split_whitespace().next().unwrap_or(""));
            (camel || word_ends_here(&p.text, rest)).then_some((p.role, n))
        })
    }

    /// The longest entry of one of `roles` that `text` ends with, as a whole
    /// word, and the byte offset where it starts.
    pub fn suffix(&self, text: &str, roles: &[Role]) -> Option<(Role, usize)> {
        let candidates = self.by_last.get(&last_folded(text)?)?;
        candidates.iter().filter(|p| roles.contains(&p.role)).find_map(|p| {
            let start = matched_suffix_start(text, p)?;
            let before = text[..start].chars().next_back();
            let joined = p.text.chars().next().is_some_and(crate::agency::needs_boundary)
                && before.is_some_and(|c| c.is_alphanumeric());
            (!joined).then_some((p.role, start))
        })
    }
}

/// `phrase` occurs in `hay` standing as a word of its own: in spaced
/// scripts no letter or digit comes right before it, and no letter, digit or
/// hyphen right after it (`Agentur-Chef` holds no `Agentur`).
pub(crate) fn contains_word(hay: &str, phrase: &str) -> bool {
    hay.match_indices(phrase).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let first = phrase.chars().next();
        let left = !first.is_some_and(crate::agency::needs_boundary) || before.is_none_or(|c| !c.is_alphanumeric());
        left && word_ends_here(phrase, &hay[i + phrase.len()..])
    })
}

/// Lowercasing leaves `c` as it is. Blocks of scripts without case are
/// answered without a look-up (the test checks every character in them).
fn lowercase_keeps(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0900}'..='\u{097F}' | '\u{2000}'..='\u{206F}' | '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
        || c.to_lowercase().eq([c])
}

/// Case rules of the vocabulary: phrases with lowercase letters match any case.
fn matched_prefix_len(text: &str, p: &Phrase) -> Option<usize> {
    let phrase = p.text.as_str();
    if text.starts_with(phrase) {
        return Some(phrase.len());
    }
    if !p.any_case {
        return None;
    }
    // ASCII on both sides (the common case): comparing bytes without case
    // is the same as comparing characters lowercased, and far cheaper.
    if p.ascii
        && let Some(head) = text.as_bytes().get(..phrase.len())
        && head.is_ascii()
    {
        return head.eq_ignore_ascii_case(phrase.as_bytes()).then_some(phrase.len());
    }
    let mut ti = text.char_indices();
    for pc in phrase.chars() {
        let (_, tc) = ti.next()?;
        if !tc.to_lowercase().eq(pc.to_lowercase()) {
            return None;
        }
    }
    Some(ti.next().map_or(text.len(), |(i, _)| i))
}

fn matched_suffix_start(text: &str, p: &Phrase) -> Option<usize> {
    let phrase = p.text.as_str();
    if text.ends_with(phrase) {
        return Some(text.len() - phrase.len());
    }
    if !p.any_case {
        return None;
    }
    let mut ti = text.char_indices().rev();
    let mut start = text.len();
    for pc in phrase.chars().rev() {
        let (i, tc) = ti.next()?;
        if !tc.to_lowercase().eq(pc.to_lowercase()) {
            return None;
        }
        start = i;
    }
    Some(start)
}

/// A phrase ends a word when the next character does not continue it.
/// Where the caption text starts after a caption label ending at `end`:
/// past the `,` or `:` and spaces after it.
fn after_label(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    end + rest.len() - rest.trim_start_matches([',', ':', '：', ' ']).len()
}

/// A lowercase letter followed by a capital inside one word: `FarbeHolz`.
fn has_camel_join(word: &str) -> bool {
    let mut prev_lower = false;
    word.chars().any(|c| {
        let join = prev_lower && c.is_uppercase();
        prev_lower = c.is_lowercase();
        join
    })
}

fn word_ends_here(phrase: &str, rest: &str) -> bool {
    let last = phrase.chars().next_back();
    let next = rest.chars().next();
    // `Picture-in-Picture` is no label either.
    !(last.is_some_and(crate::agency::needs_boundary) && next.is_some_and(|c| c.is_alphanumeric() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_blocks_keep_their_case() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(lowercase_keeps(c), c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn builtin_words_load() {
        let w = Words::builtin();
        assert_eq!(w.role("Photo"), Some(Role::Label));
        assert_eq!(w.role("photo"), Some(Role::Label));
        assert_eq!(w.role("FILE"), Some(Role::File));
        assert_eq!(w.role("Str"), None, "capitals-only words match exactly");
        assert_eq!(w.role("자료사진"), Some(Role::File));
    }

    #[test]
    fn positions_match_as_written() {
        let w = Words::builtin();
        assert!(w.names_a_position("Joe Biden, right, and Xi Jinping shake hands"));
        assert!(w.names_a_position("VON LINKS: Olaf Scholz und Robert Habeck"));
        // Non-ASCII capitals are matched as the table writes them.
        assert!(w.names_a_position("Слева направо: Владимир Путин и Си Цзиньпин"));
        assert!(w.names_a_position("Путин (слева) и Си Цзиньпин в Москве"));
        assert!(!w.names_a_position("Die Partei rückt nach links und verliert Wähler"));
        for caption in [
            "Från vänster: Magdalena Andersson, Ulf Kristersson och Jimmie Åkesson i riksdagen.",
            "Zleva: Petr Fiala, Vít Rakušan a Marian Jurečka na tiskové konferenci.",
            "Balról jobbra: Orbán Viktor és Novák Katalin a Karmelitában.",
            "Soldan sağa: Kılıçdaroğlu, Akşener ve Davutoğlu Ankara'da.",
            "Slijeva nadesno: Andrej Plenković i Zoran Milanović u Banskim dvorima.",
        ] {
            assert!(w.names_a_position(caption), "{caption}");
        }
        assert!(!w.names_a_position("Partiet har rört sig från vänster till höger."));
        assert!(!w.names_a_position("Vasemmalta oikealle kulkeva tie on suljettu."));
    }

    #[test]
    fn caption_openers_in_many_languages() {
        let w = Words::builtin();
        for caption in [
            "In this photo taken Jan. 5, 2021, protesters gather outside the Capitol.",
            "Na snímku: premiér Petr Fiala na tiskové konferenci.",
            "På bilden: Ulf Kristersson i riksdagen.",
            "Στη φωτογραφία: ο πρωθυπουργός στο Μαξίμου.",
            "בתמונה: ראש הממשלה בכנסת",
        ] {
            assert!(w.opens_caption(caption), "{caption}");
        }
        // An essay is no photo: the English openers name how the photo came.
        assert!(!w.opens_caption("In this photo essay, our correspondent travels along the river."));
        // "The identity of the person seen in the photo is not yet known": news.
        assert!(!w.opens_caption("Fotoğrafta görülen kişinin kimliği henüz belirlenemedi, polis soruşturma başlattı."));
    }

    #[test]
    fn prefixes_are_whole_words() {
        let w = Words::builtin();
        assert_eq!(w.prefix("Photo by Jane Doe"), Some((Role::Label, 5)));
        assert_eq!(w.prefix("Photographer: X"), Some((Role::Label, 12)));
        assert_eq!(w.prefix("Photons are"), None);
        assert_eq!(w.prefix("写真：共同"), Some((Role::Label, "写真".len())));
    }

    #[test]
    fn suffixes_are_whole_words() {
        let w = Words::builtin();
        let all = [Role::Pool, Role::Handout, Role::Taken, Role::Label];
        assert_eq!(w.suffix("Kremlin Pool Photo", &all), Some((Role::Pool, 8)));
        assert_eq!(w.suffix("Rosneft handout", &all), Some((Role::Handout, 8)));
        assert_eq!(w.suffix("李鑫 摄", &all), Some((Role::Taken, "李鑫 ".len())));
        assert_eq!(w.suffix("Whirlpool", &all), None);
        assert_eq!(
            w.suffix("澎湃新闻记者 李晨阳 图", &[Role::Taken]).map(|r| r.0),
            Some(Role::Taken)
        );
    }

    #[test]
    fn file_photos_mentioned_in_captions() {
        let w = Words::builtin();
        assert!(w.mentions_file_photo("FILE - This May 4, 2021, file photo shows the building."));
        assert!(w.mentions_file_photo("Imagen de archivo de la central nuclear."));
        assert!(w.mentions_file_photo("资料图：游客在北京站排队"));
        assert!(!w.mentions_file_photo("Officials said the archivo municipal was closed."));
        assert!(!w.mentions_file_photo("He filed a photo request."));
    }

    #[test]
    fn evidence_is_found_in_any_case() {
        let w = Words::builtin();
        assert!(w.has_evidence("ФОТО: Иван Петров") && w.has_evidence("фото: Иван Петров"));
        assert!(w.has_evidence("新华社记者 李鑫 摄") && !w.has_evidence("北京的天气很好"));
        // `may_hold_credit` takes a match in a line's start for one in the
        // whole line: that holds as lowercasing goes character by character,
        // but for a final sigma, which no evidence word holds.
        assert!(
            w.by_length
                .iter()
                .all(|(p, r)| !r.is_evidence() || !p.contains(['σ', 'ς', 'Σ']))
        );
    }

    #[test]
    fn bad_lines_are_reported() {
        assert!(Words::from_tsv("label\ten\n").unwrap_err().contains("line 1"));
        assert!(Words::from_tsv("magic\ten\tx\n").unwrap_err().contains("unknown role"));
    }
}
