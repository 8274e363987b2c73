//! From the element tree to labelled paragraphs: the article container, then
//! a walk that renders block elements as paragraphs and tags each one body,
//! caption or credit from the markup.

use super::dom::{Child, Dom, Elem};
use super::names::{list, name_bits, words};
use std::borrow::Cow;

/// What the markup says a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Article text (the text rules may still find a caption in it).
    Body,
    /// Text of a caption block.
    Caption,
    /// A credit marked as such.
    Credit,
}

/// One rendered paragraph.
#[derive(Debug, Clone)]
pub struct Para {
    /// The text: whitespace collapsed, entities decoded, `<br>` as `\n`.
    pub text: String,
    /// `(offset in text, offset in the HTML)` where the two fall out of step.
    pub map: Vec<(usize, usize)>,
    /// What the markup says.
    pub label: Label,
    /// The picture block it belongs to (index into [`Page::groups`]).
    pub group: Option<usize>,
}

impl Para {
    /// The HTML offset of text offset `pos`.
    pub fn to_html(&self, pos: usize) -> usize {
        let i = self.map.partition_point(|&(t, _)| t <= pos);
        match i {
            0 => self.map.first().map_or(0, |&(_, h)| h),
            _ => {
                let (t, h) = self.map[i - 1];
                h + (pos - t)
            }
        }
    }
}

/// A picture block: its image.
#[derive(Debug, Clone, Default)]
pub struct Group {
    /// Image URL.
    pub src: Option<String>,
    /// `alt` (or `title`) of the image.
    pub alt: Option<String>,
}

/// The article as paragraphs.
#[derive(Debug, Default)]
pub struct Page {
    /// Paragraphs in document order.
    pub paras: Vec<Para>,
    /// Picture blocks.
    pub groups: Vec<Group>,
}

/// Elements whose content is never article text (as a `match` in [`is_dropped`]).
#[cfg(test)]
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "button", "select", "textarea", "svg", "iframe", "template", "head", "input",
    "object", "embed", "video", "audio", "canvas", "map",
];

/// Elements that start a paragraph.
pub(super) const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "figure",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "table",
    "tr",
    "thead",
    "tbody",
    "caption",
    "pre",
    "address",
    "hr",
    "details",
    "summary",
    "center",
    "fieldset",
];

/// Whether `name` is one of [`BLOCKS`] (a `match`: cheaper than a linear
/// scan of string comparisons, and run for every element walked).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "main"
            | "table"
            | "tr"
            | "thead"
            | "tbody"
            | "caption"
            | "pre"
            | "address"
            | "hr"
            | "details"
            | "summary"
            | "center"
            | "fieldset"
    )
}

/// One of `words` is a whole word of the class or id names (split at
/// spaces, `-` and `_`).
fn has_word(names: &str, words: &[&str]) -> bool {
    names.split([' ', '-', '_']).any(|w| words.contains(&w))
}

/// Whether `itemprop` (a space-separated list, `caption description`) holds one of `props`.
fn has_itemprop(e: &Elem, props: &[&str]) -> bool {
    e.itemprop.split_ascii_whitespace().any(|p| props.contains(&p))
}

/// `bits`: the [`name_bits`] of `e`.
fn is_caption_named(e: &Elem, bits: u16) -> bool {
    (bits & list::CAPTION != 0 && bits & list::NOT_CAPTION == 0) || has_itemprop(e, &["caption"])
}

fn is_credit_named(e: &Elem, bits: u16) -> bool {
    bits & list::CREDIT != 0
        || &*e.name == "cite"
        || has_itemprop(e, &["copyrightholder", "author", "creator", "copyrightnotice"])
}

/// More `<p>` text (bytes) than a caption block holds: captions run to a
/// few sentences, about 300 bytes at most on news pages.
const MAX_CAPTION_TEXT: usize = 600;

/// Bytes of a paragraph that reads as at least a sentence.
const SENTENCE: usize = 80;

/// Longest text (bytes) of a credit beside a caption: a credit is a line,
/// not a box of text.
const MAX_BESIDE_CREDIT: usize = 200;

/// Not text at all: scripts, styles, navigation, buttons.
fn is_dropped(e: &Elem) -> bool {
    matches!(
        &*e.name,
        "script"
            | "style"
            | "noscript"
            | "nav"
            | "button"
            | "select"
            | "textarea"
            | "svg"
            | "iframe"
            | "template"
            | "head"
            | "input"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "canvas"
            | "map"
    ) || e.attr("role").is_some_and(|r| r == "navigation")
}

/// Not article text unless it wraps much of the page: forms (ASP.NET pages
/// wrap everything in one), hidden elements (some pages hide the whole page
/// until a script runs), furniture by name.
fn is_soft_dropped(e: &Elem) -> bool {
    e.hidden || matches!(&*e.name, "form" | "dialog" | "menu") || is_furniture(e)
}

/// A class or id word naming page furniture: `comments`, `share-bar`,
/// `article-related`, but not a modifier such as `with-navigation`.
fn is_furniture(e: &Elem) -> bool {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    // Most names hold no furniture word anywhere: one pass says so, before
    // the word-by-word test below (which needs one to match).
    let ac = AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(words(list::FURNITURE))
            .expect("furniture words build")
    });
    if e.names.is_empty() || !ac.is_match(&*e.names) {
        return false;
    }
    let furniture = words(list::FURNITURE);
    e.names.split_ascii_whitespace().any(|t| {
        !t.starts_with("with-") && !t.starts_with("has-") && !t.starts_with("no-") && {
            // A word at the start of the token or right after a `-` or `_`:
            // try each such place (cheaper than searching for every word).
            let mut starts = std::iter::once(0).chain(memchr::memchr2_iter(b'-', b'_', t.as_bytes()).map(|k| k + 1));
            starts.any(|k| furniture.iter().any(|w| t.as_bytes()[k..].starts_with(w.as_bytes())))
        }
    })
}

fn is_picture(e: &Elem) -> bool {
    matches!(&*e.name, "img" | "picture" | "video")
}

/// Sizes of each element's visible text.
struct Stats {
    /// Non-link text bytes.
    text: Vec<usize>,
    /// Link text bytes.
    links: Vec<usize>,
    /// Non-link text bytes in `<p>`-like children, right under the element.
    direct: Vec<usize>,
    /// [`Stats::direct`] summed over the element and all it holds.
    deep: Vec<usize>,
    /// Pictures inside.
    pictures: Vec<usize>,
    /// Dropped (furniture, hidden) or inside such.
    dropped: Vec<bool>,
}

fn stats(dom: &Dom, html: &str) -> Stats {
    // Both passes need each element's own text and whether it is dropped
    // by kind: work them out once.
    let own: Vec<usize> = (0..dom.elems.len())
        .map(|i| {
            dom.children(i)
                .iter()
                .map(|c| match c {
                    Child::Text(r) => trimmed_len(&html[r.clone()]),
                    Child::Elem(_) => 0,
                })
                .sum()
        })
        .collect();
    let hard: Vec<bool> = dom.elems.iter().map(is_dropped).collect();
    let first = stats_with(dom, &own, |i| hard[i]);
    // Furniture by name, unless it holds a third of the page's text (a
    // layout wrapper with an unlucky name).
    let total = first.text[0];
    stats_with(dom, &own, |i| {
        hard[i] || (is_soft_dropped(&dom.elems[i]) && first.text[i] * 3 < total)
    })
}

/// `s.trim().len()`, stepping over the ASCII whitespace that pages indent
/// with a byte at a time (most text runs between tags are only that).
fn trimmed_len(s: &str) -> usize {
    // The ASCII characters `char::is_whitespace` takes (U+000B included).
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
    let b = s.as_bytes();
    let Some(start) = b.iter().position(|c| !space(c)) else {
        return 0;
    };
    let end = b.iter().rposition(|c| !space(c)).map_or(start, |i| i + 1);
    // Other whitespace (no-break spaces, …) is not ASCII: `trim` judges it.
    if !b[start].is_ascii() || !b[end - 1].is_ascii() {
        return s[start..end].trim().len();
    }
    end - start
}

/// Text, link text and pictures summed up the tree; `own` is each
/// element's own text length, `drop` says which elements are left out.
fn stats_with(dom: &Dom, own: &[usize], drop: impl Fn(usize) -> bool) -> Stats {
    let n = dom.elems.len();
    let mut s = Stats {
        text: vec![0; n],
        links: vec![0; n],
        direct: vec![0; n],
        deep: vec![0; n],
        pictures: vec![0; n],
        dropped: vec![false; n],
    };
    for i in 1..n {
        let e = &dom.elems[i];
        s.dropped[i] = s.dropped[e.parent] || drop(i);
    }
    // Children come after their parents: one backward pass sums up.
    for i in (0..n).rev() {
        let e = &dom.elems[i];
        if s.dropped[i] {
            continue;
        }
        let own = own[i];
        // A link around blocks (often an unclosed <a>) is not link text.
        let link = &*e.name == "a"
            && !dom
                .children(i)
                .iter()
                .any(|c| matches!(c, Child::Elem(k) if is_block(&dom.elems[*k].name)));
        if link {
            s.links[i] += own + s.text[i];
            s.text[i] = 0;
        } else {
            s.text[i] += own;
            s.direct[i] += own;
        }
        // Everything below `i` came earlier in this backward pass: its
        // `direct` is complete.
        s.deep[i] += s.direct[i];
        if is_picture(e) {
            s.pictures[i] += 1;
        }
        if i > 0 {
            let p = e.parent;
            s.text[p] += s.text[i];
            s.links[p] += s.links[i];
            s.pictures[p] += s.pictures[i];
            s.deep[p] += s.deep[i];
            if matches!(
                &*e.name,
                "p" | "h2" | "h3" | "h4" | "blockquote" | "ul" | "ol" | "span" | "b" | "strong" | "em" | "i"
            ) {
                s.direct[p] += s.text[i];
            }
        }
    }
    s
}

/// The element holding the article.
fn container(dom: &Dom, s: &Stats) -> usize {
    let n = dom.elems.len();
    if let Some(body) = (1..n)
        .filter(|&i| !s.dropped[i] && &*dom.elems[i].itemprop == "articlebody" && s.text[i] >= 200)
        .max_by_key(|&i| s.text[i])
    {
        return widen(dom, s, body);
    }
    let Some(densest) = (1..n).filter(|&i| !s.dropped[i]).max_by_key(|&i| s.direct[i]) else {
        return 0;
    };
    // The labeller's rule: an <article> around the densest block wins.
    let mut a = densest;
    while a != 0 {
        if &*dom.elems[a].name == "article" {
            return widen(dom, s, a);
        }
        a = dom.elems[a].parent;
    }
    widen(dom, s, densest)
}

/// Takes in the parent while what it adds is little, or mostly paragraphs
/// (a headline and lead picture above, an article split by an ad).
fn widen(dom: &Dom, s: &Stats, mut cur: usize) -> usize {
    loop {
        let q = dom.elems[cur].parent;
        if q == 0 || matches!(&*dom.elems[q].name, "body" | "html") {
            return cur;
        }
        let extra = s.text[q].saturating_sub(s.text[cur]);
        let extra_direct = s.deep[q].saturating_sub(s.deep[cur]);
        let small = extra <= 400.max(s.text[cur] / 4);
        let paragraphs = extra_direct * 10 >= extra * 6 && extra_direct >= 200;
        if small || paragraphs {
            cur = q;
        } else {
            return cur;
        }
    }
}

/// The first image URL of an `<img>` or `<source>`.
fn image_src(e: &Elem) -> Option<String> {
    for k in ["src", "data-src", "data-lazy-src", "data-original"] {
        if let Some(v) = e.attr(k).filter(|v| !v.is_empty() && !v.starts_with("data:")) {
            return Some(decode(v).into_owned());
        }
    }
    for k in ["srcset", "data-srcset"] {
        if let Some(v) = e.attr(k) {
            let first = v
                .split(',')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .next()
                .unwrap_or("");
            if !first.is_empty() && !first.starts_with("data:") {
                return Some(decode(first).into_owned());
            }
        }
    }
    None
}

fn decode(s: &str) -> Cow<'_, str> {
    if s.contains('&') {
        decode_entities(s)
    } else {
        Cow::Borrowed(s)
    }
}

/// Decodes HTML entities as browsers do: a numeric reference to a C1
/// control (`&#151;`, `&#146;`, common on pages written in Windows-1252
/// days) means the Windows-1252 character of that byte (`—`, `’`), not the
/// control, which the text rules would drop and so split a word or lose
/// a dash.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    let dec = html_escape::decode_html_entities(s);
    if !dec.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return dec;
    }
    let mut out = String::with_capacity(dec.len());
    for c in dec.chars() {
        if ('\u{80}'..='\u{9f}').contains(&c) {
            let byte = [c as u32 as u8];
            out.push_str(&encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte).0);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

struct Walker<'a> {
    dom: &'a Dom,
    html: &'a str,
    stats: &'a Stats,
    page: Page,
    buf: String,
    map: Vec<(usize, usize)>,
    label: Label,
    group: Option<usize>,
    /// The last picture seen outside a caption block, and whether body text followed it.
    last_picture: Option<(Group, bool)>,
    /// The last caption or picture block closed, and whether body text followed it.
    last_block: Option<(usize, bool)>,
}

impl Walker<'_> {
    fn flush(&mut self) {
        while self.buf.ends_with([' ', '\n']) {
            self.buf.pop();
        }
        if !self.buf.is_empty() {
            if self.label == Label::Body {
                if let Some((_, after)) = &mut self.last_picture {
                    *after = true;
                }
                if let Some((_, after)) = &mut self.last_block {
                    *after = true;
                }
            }
            // Copied out at their size: the buffers keep their room for the
            // next paragraph rather than growing anew for each.
            self.page.paras.push(Para {
                text: self.buf.clone(),
                map: self.map.clone(),
                label: self.label,
                group: self.group,
            });
        }
        self.buf.clear();
        self.map.clear();
    }

    fn text(&mut self, r: &std::ops::Range<usize>) {
        let s = &self.html[r.clone()];
        let mut i = 0;
        let bytes = s.as_bytes();
        let mut mark = true;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() {
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                self.space();
                mark = true;
                continue;
            }
            if mark {
                self.map.push((self.buf.len(), r.start + i));
                mark = false;
            }
            if b == b'&'
                && let Some(len) = s[i..].bytes().take(33).position(|c| c == b';')
            {
                let ent = &s[i..=i + len];
                let dec = decode_entities(ent);
                if dec != ent {
                    for c in dec.chars() {
                        if c == '\u{a0}' || c.is_whitespace() {
                            self.space();
                        } else {
                            self.buf.push(c);
                        }
                    }
                    i += len + 1;
                    mark = true;
                    continue;
                }
            }
            // Both stops are ASCII, so a byte search finds them (UTF-8
            // continuation bytes never are).
            let stop = |from: usize| {
                bytes[from..]
                    .iter()
                    .position(|&c| c.is_ascii_whitespace() || c == b'&')
                    .map_or(s.len(), |k| from + k)
            };
            let mut end = stop(i).max(i + 1);
            // A single space before the next word is copied with the words
            // around it: it is what the text gets there, and the two offsets
            // stay in step across it (a mark at the word would repeat the last).
            while bytes.get(end) == Some(&b' ')
                && bytes
                    .get(end + 1)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'&')
            {
                end = stop(end + 1);
            }
            self.buf.push_str(&s[i..end]);
            i = end;
        }
    }

    /// One space between words: none at the start of a paragraph or a line,
    /// none after another.
    fn space(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
            self.buf.push(' ');
        }
    }

    fn line_break(&mut self) {
        while self.buf.ends_with(' ') {
            self.buf.pop();
        }
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
    }

    fn picture(&mut self, e: &Elem) {
        let src = image_src(e);
        let alt = e
            .attr("alt")
            .or(e.attr("title"))
            .map(|a| decode(a).trim().to_string())
            .filter(|a| !a.is_empty());
        if src.is_none() && alt.is_none() {
            return;
        }
        match self.group {
            Some(g) => {
                let grp = &mut self.page.groups[g];
                if grp.src.is_none() {
                    grp.src = src;
                }
                if grp.alt.is_none() {
                    grp.alt = alt;
                }
            }
            None => self.last_picture = Some((Group { src, alt }, false)),
        }
    }

    /// Opens a picture block: the picture just above joins it when no body text came between.
    fn open_group(&mut self, own_picture: bool) -> usize {
        let mut g = Group::default();
        if !own_picture && let Some((p, false)) = self.last_picture.take() {
            g = p;
        }
        self.page.groups.push(g);
        self.page.groups.len() - 1
    }

    /// A figure holding a picture and no quote, table or code.
    fn picture_figure(&self, i: usize, bits: u16) -> bool {
        let s = self.stats;
        s.pictures[i] > 0 && !self.contains(i, &["blockquote", "table", "pre", "code"]) && {
            let mostly_links = s.links[i] > 0 && s.links[i] * 10 >= (s.links[i] + s.text[i]) * 8;
            !(bits & list::NOT_FIGURE != 0 || mostly_links)
        }
    }

    /// A small picture container: one to three pictures and a little text, not mostly links.
    fn picture_box(&self, i: usize, bits: u16) -> bool {
        let e = &self.dom.elems[i];
        let s = self.stats;
        matches!(&*e.name, "div" | "span" | "p" | "section")
            && bits & list::PICTURE != 0
            && (1..=3).contains(&s.pictures[i])
            && s.text[i] > 0
            && s.text[i] <= 300
            && s.links[i] <= s.text[i]
    }

    /// A block named like a caption that holds paragraphs of article text
    /// (`<div class="content-imagetext"><p>…</p><p>…</p></div>`, a layout
    /// wrapper for "image and text"): right under it, three or more `<p>`
    /// of a sentence or more, or two and more text than a caption has. Its
    /// figures are still pictures.
    fn text_wrapper(&self, i: usize) -> bool {
        let sentences = self
            .dom
            .children(i)
            .iter()
            .filter(|c| {
                matches!(c, Child::Elem(k) if &*self.dom.elems[*k].name == "p"
                    && self.stats.text[*k] + self.stats.links[*k] >= SENTENCE)
            })
            .count();
        sentences >= 3 || (sentences == 2 && self.stats.direct[i] > MAX_CAPTION_TEXT)
    }

    fn contains(&self, i: usize, names: &[&str]) -> bool {
        self.dom.children(i).iter().any(|c| match c {
            Child::Elem(k) => names.contains(&&*self.dom.elems[*k].name) || self.contains(*k, names),
            Child::Text(_) => false,
        })
    }

    /// The picture block a credit beside it belongs to: an element named as
    /// a credit (or `itemprop=copyrightHolder`, …) right after a caption or
    /// picture block, with no body text between, short and holding no
    /// picture. Pages put the credit there as often as inside: a
    /// `<span class="credit">` after the `<figcaption>`, a `<p
    /// class="photo-credit">` after a `<p class="caption">`, a credit line
    /// under the `<figure>`.
    fn beside_credit(&self, i: usize, bits: u16) -> Option<usize> {
        let e = &self.dom.elems[i];
        let (g, false) = self.last_block? else {
            return None;
        };
        let named = bits & (list::BESIDE_CREDIT | list::PHOTO_CREDIT) != 0
            || has_itemprop(e, &["copyrightholder", "creator", "copyrightnotice"]);
        let s = self.stats;
        (named && s.pictures[i] == 0 && s.text[i] + s.links[i] <= MAX_BESIDE_CREDIT && bits & list::SITE == 0)
            .then_some(g)
    }

    /// A credit outside caption blocks: named as a photo credit, or a bare
    /// `credit` right after a picture.
    fn loose_credit(&self, bits: u16) -> bool {
        bits & list::PHOTO_CREDIT != 0
            || (bits & list::LOOSE_CREDIT != 0
                && matches!(self.last_picture, Some((_, false)))
                && bits & list::SITE == 0)
    }

    fn walk(&mut self, i: usize) {
        let dom = self.dom;
        let e = &dom.elems[i];
        if i != 0 && self.stats.dropped[i] {
            return;
        }
        match &*e.name {
            "img" | "source" => return self.picture(e),
            "br" => return self.line_break(),
            _ => {}
        }
        let block = is_block(&e.name);
        let saved = (self.label, self.group);
        let mut switched = false;
        let bits = if self.label == Label::Credit {
            0
        } else {
            name_bits(&e.names)
        };
        if self.label == Label::Body {
            let figure = &*e.name == "figure" && self.picture_figure(i, bits);
            let boxed = !figure && self.picture_box(i, bits);
            let named = is_caption_named(e, bits) && !self.text_wrapper(i);
            // `<figcaption class="inline-author-card__text">`: an author's
            // card laid out as a figure is a byline, not a photo caption.
            let author_card = bits & list::AUTHOR_CARD != 0;
            if (figure || boxed || &*e.name == "figcaption" || named) && !author_card {
                self.flush();
                self.group = Some(self.open_group(figure || boxed));
                self.label = Label::Caption;
                switched = true;
            } else if let Some(g) = self.beside_credit(i, bits) {
                self.flush();
                self.group = Some(g);
                self.label = Label::Credit;
                switched = true;
            } else if self.loose_credit(bits) {
                self.flush();
                self.group = Some(self.open_group(false));
                self.label = Label::Credit;
                switched = true;
            }
        } else if self.label == Label::Caption && is_credit_named(e, bits) {
            self.flush();
            self.label = Label::Credit;
            switched = true;
        } else if self.label == Label::Caption
            && (matches!(&*e.name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                || has_word(&e.names, words(list::STANDFIRST)))
        {
            self.flush();
            self.label = Label::Body;
            switched = true;
        }
        if block && !switched {
            self.flush();
        } else if matches!(&*e.name, "td" | "th") {
            // Table cells sit side by side: the text of one never runs into
            // the next (`<td>1.000 m</td><td>Pyramide</td>`).
            self.space();
        }
        for c in dom.children(i) {
            match c {
                Child::Elem(k) => self.walk(*k),
                Child::Text(r) => self.text(r),
            }
        }
        if block || switched {
            self.flush();
        }
        if switched {
            if saved.0 == Label::Body
                && let Some(g) = self.group
            {
                self.last_block = Some((g, false));
            }
            (self.label, self.group) = saved;
        }
    }
}

/// The article part of the page as labelled paragraphs.
pub fn extract(dom: &Dom, html: &str) -> Page {
    let stats = stats(dom, html);
    let root = container(dom, &stats);
    let mut w = Walker {
        dom,
        html,
        stats: &stats,
        page: Page::default(),
        buf: String::new(),
        map: Vec::new(),
        label: Label::Body,
        group: None,
        last_picture: None,
        last_block: None,
    };
    // A headline above the container.
    let inside = |mut k: usize| {
        while k != 0 {
            if k == root {
                return true;
            }
            k = dom.elems[k].parent;
        }
        root == 0
    };
    let h1s: Vec<usize> = (1..dom.elems.len())
        .filter(|&k| &*dom.elems[k].name == "h1" && !stats.dropped[k])
        .collect();
    if !h1s.iter().any(|&k| inside(k))
        && let Some(&h) = h1s.iter().rfind(|&&k| dom.elems[k].start < dom.elems[root].start)
    {
        w.walk(h);
    }
    w.walk(root);
    w.flush();
    let mut page = w.page;
    // A page rendered by script: the JSON-LD holds the article the markup lacks.
    if let Some(body) = super::article_body::article_body(dom)
        && super::article_body::clearly_less(&page, &body)
    {
        super::article_body::merge(&mut page, body);
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_len_is_trim_len() {
        for s in [
            "",
            " ",
            "\n\t  ",
            "a",
            "  a b  ",
            "\u{a0}x\u{a0}",
            " \u{2003} é ",
            "\x0B€\x0B",
            "\u{3000}日本\u{3000}\n",
        ] {
            assert_eq!(trimmed_len(s), s.trim().len(), "{s:?}");
        }
    }

    #[test]
    fn name_matches_agree_with_lists() {
        assert!(BLOCKS.iter().all(|b| is_block(b)));
        let e = |name: &'static str| Elem {
            name: name.into(),
            ..Elem::default()
        };
        assert!(DROPPED.iter().all(|d| is_dropped(&e(d))));
        for other in ["span", "a", "img", "#document", "Div", "form", "body", "br"] {
            assert!(!is_block(other) && !is_dropped(&e(other)), "{other}");
        }
    }
}
