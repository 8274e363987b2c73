//! Class and id words that say what a part of a page is (`caption`,
//! `credit`, `related`, …), read from `data/html_names.tsv`.
//!
//! Pages name their parts in every language (`bildunterschrift`,
//! `didascalia`, `pie-de-foto`); the lists are data so that a word can be
//! added without touching the walk that uses them.

use std::sync::OnceLock;

const BUILTIN_TSV: &str = include_str!("../../data/html_names.tsv");

/// The lists of `data/html_names.tsv`, one bit each, so that
/// [`name_bits`] can answer for all of them in one pass.
pub(crate) mod list {
    /// A caption block.
    pub const CAPTION: u16 = 1;
    /// A caption-looking name that is something else (`has-caption`).
    pub const NOT_CAPTION: u16 = 1 << 1;
    /// A credit inside a caption block.
    pub const CREDIT: u16 = 1 << 2;
    /// A picture container.
    pub const PICTURE: u16 = 1 << 3;
    /// A credit said to be a photo credit.
    pub const PHOTO_CREDIT: u16 = 1 << 4;
    /// A credit beside a caption or picture block.
    pub const BESIDE_CREDIT: u16 = 1 << 5;
    /// Names of a figure that is no picture block.
    pub const NOT_FIGURE: u16 = 1 << 6;
    /// Names of an author's card.
    pub const AUTHOR_CARD: u16 = 1 << 7;
    /// Names of the site's own furniture, not a picture's credit.
    pub const SITE: u16 = 1 << 8;
    /// A bare credit after a picture.
    pub const LOOSE_CREDIT: u16 = 1 << 9;
    /// Page furniture inside the article (matched at word starts, not by
    /// [`super::name_bits`]).
    pub const FURNITURE: u16 = 1 << 10;
    /// A standfirst beside a lead picture (matched as whole words, not by
    /// [`super::name_bits`]).
    pub const STANDFIRST: u16 = 1 << 11;
    /// The lists [`super::name_bits`] answers for: words found anywhere in
    /// the names (every list before [`FURNITURE`]).
    pub const ANYWHERE: u16 = FURNITURE - 1;
    /// How many lists there are.
    pub const COUNT: u32 = 12;

    /// Every list's bit, in order.
    pub fn bits() -> impl Iterator<Item = u16> {
        (0..COUNT).map(|i| 1 << i)
    }
}

fn list_bit(name: &str) -> Option<u16> {
    Some(match name {
        "caption" => list::CAPTION,
        "not_caption" => list::NOT_CAPTION,
        "credit" => list::CREDIT,
        "picture" => list::PICTURE,
        "photo_credit" => list::PHOTO_CREDIT,
        "beside_credit" => list::BESIDE_CREDIT,
        "not_figure" => list::NOT_FIGURE,
        "author_card" => list::AUTHOR_CARD,
        "site" => list::SITE,
        "loose_credit" => list::LOOSE_CREDIT,
        "furniture" => list::FURNITURE,
        "standfirst" => list::STANDFIRST,
        _ => return None,
    })
}

/// Every word of the table with the bits of the lists it is in.
fn table() -> &'static [(&'static str, u16)] {
    static TABLE: OnceLock<Vec<(&'static str, u16)>> = OnceLock::new();
    TABLE.get_or_init(|| parse(BUILTIN_TSV))
}

/// Reads the table; an unknown list or a malformed line is a bug in the
/// compiled-in data, caught by the tests.
fn parse(tsv: &'static str) -> Vec<(&'static str, u16)> {
    let mut out: Vec<(&'static str, u16)> = Vec::new();
    for line in tsv.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (name, word) = line.split_once('\t').expect("html_names.tsv: list <TAB> word");
        let bit = list_bit(name).unwrap_or_else(|| panic!("html_names.tsv: unknown list {name:?}"));
        match out.iter_mut().find(|(w, _)| *w == word) {
            Some((_, bits)) => *bits |= bit,
            None => out.push((word, bit)),
        }
    }
    out
}

/// The words of one list.
pub(crate) fn words(list: u16) -> &'static [&'static str] {
    static LISTS: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        list::bits()
            .map(|bit| {
                table()
                    .iter()
                    .filter(|(_, bits)| bits & bit != 0)
                    .map(|(w, _)| *w)
                    .collect()
            })
            .collect()
    });
    &lists[list.trailing_zeros() as usize]
}

/// Which of the [`list::ANYWHERE`] lists have a word inside `names`, found
/// in one pass over the names rather than one search per word per list: a
/// walked element is asked about most lists.
pub(crate) fn name_bits(names: &str) -> u16 {
    static AC: OnceLock<(aho_corasick::AhoCorasick, Vec<u16>)> = OnceLock::new();
    if names.is_empty() {
        return 0;
    }
    let (ac, bits) = AC.get_or_init(|| {
        let (words, bits): (Vec<&str>, Vec<u16>) = table()
            .iter()
            .filter(|(_, b)| b & list::ANYWHERE != 0)
            .map(|&(w, b)| (w, b & list::ANYWHERE))
            .unzip();
        let ac = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&words)
            .expect("class word lists build");
        (ac, bits)
    });
    ac.find_overlapping_iter(names)
        .fold(0, |m, hit| m | bits[hit.pattern().as_usize()])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of `words` is inside the names: what a bit of [`name_bits`] says.
    fn has_any(names: &str, words: &[&str]) -> bool {
        !names.is_empty() && words.iter().any(|w| names.contains(w))
    }

    #[test]
    fn every_list_is_known_and_filled() {
        for bit in list::bits() {
            assert!(!words(bit).is_empty(), "list bit {bit}");
        }
        // Words are lowercase: they are matched against lowercased names.
        assert!(table().iter().all(|(w, _)| w.to_lowercase() == *w));
    }

    #[test]
    fn name_bits_agree_with_has_any() {
        let names = [
            "",
            "wp-caption-text",
            "has-caption figure",
            "media-credit site-footer",
            "légende photo",
            "credits",
            "imagecredit x",
            "author-card byline",
            "pagination related-teaser",
            "captioncaption courtesy",
            "nothing here",
        ];
        for n in names {
            let bits = name_bits(n);
            for bit in list::bits().filter(|b| b & list::ANYWHERE != 0) {
                assert_eq!(bits & bit != 0, has_any(n, words(bit)), "{n:?} {bit}");
            }
        }
    }

    #[test]
    fn caption_names_in_more_languages() {
        for n in [
            "leyenda-foto",
            "foto-legenda",
            "img_desc",
            "bijschrift",
            "article-billedtekst",
            "kuvateksti",
            "podpis-zdjecia",
        ] {
            assert_ne!(name_bits(n) & list::CAPTION, 0, "{n}");
        }
        // Portuguese `legenda` alone would match `legendary`.
        assert_eq!(name_bits("legendary-item") & list::CAPTION, 0);
    }
}
