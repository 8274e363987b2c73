//! A small element tree built from `lol_html`'s tokens, with byte offsets
//! into the source.
//!
//! `lol_html` tokenizes like a browser (raw text in `<script>` and `<style>`,
//! comments, CDATA, attributes without quotes) but builds no tree. The tree
//! here follows the common implied-end-tag rules (`<p>` closed by a block,
//! `<li>` by the next `<li>`, table cells, void elements); an end tag closes
//! the nearest open element of its name and a stray one is ignored.

use lol_html::html_content::{Attribute, Element, TextType};
use lol_html::{HtmlRewriter, Settings, doc_comments, doctype, element};
use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

/// An element's child: an element (index into [`Dom::elems`]) or a text run
/// (a byte range of the source, entities not yet decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Child {
    /// An element.
    Elem(usize),
    /// Raw text.
    Text(Range<usize>),
}

/// One element.
#[derive(Debug, Clone, Default)]
pub struct Elem {
    /// Tag name, lowercase; `#document` for the root.
    pub name: Cow<'static, str>,
    /// Parent index (the root is its own parent).
    pub parent: usize,
    /// Where its children are in [`Dom::kids`] (read them with
    /// [`Dom::children`]).
    pub children: Range<usize>,
    /// `class` and `id`, lowercase, space-separated.
    pub names: Box<str>,
    /// `itemprop`, lowercase.
    pub itemprop: Box<str>,
    /// `hidden`, `display:none`, `visibility:hidden`, `type=hidden`.
    pub hidden: bool,
    /// Attributes kept for pictures and metadata (`src`, `srcset`, `alt`, `title`, …).
    pub attrs: Vec<(&'static str, String)>,
    /// Byte offset of the start tag.
    pub start: usize,
}

impl Dom {
    /// The children of element `i`, in document order.
    pub fn children(&self, i: usize) -> &[Child] {
        &self.kids[self.elems[i].children.clone()]
    }
}

impl Elem {
    /// An attribute kept by the parser.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }
}

/// A parsed page.
#[derive(Debug, Default)]
pub struct Dom {
    /// All elements; index 0 is the document.
    pub elems: Vec<Elem>,
    /// Every element's children, in document order, one element's after
    /// another's: one list for the page rather than one per element.
    pub kids: Vec<Child>,
    /// Contents of `<script type="application/ld+json">` elements.
    pub ld_json: Vec<String>,
    /// Where each of [`Dom::ld_json`] starts in the source (its text is
    /// the source bytes there, as script text is not decoded).
    pub ld_json_at: Vec<usize>,
    /// `<title>` text.
    pub title: String,
}

/// Attributes worth keeping (read through [`attr_key`]).
#[cfg(test)]
const KEPT: &[&str] = &[
    "src",
    "data-src",
    "data-lazy-src",
    "data-original",
    "srcset",
    "data-srcset",
    "alt",
    "title",
    "property",
    "name",
    "content",
    "type",
    "itemtype",
    "role",
];

/// Start tags that close an open `<p>` (as [`closes_p`] matches them).
#[cfg(test)]
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Common tag names: these are read from the page without a copy (as
/// [`known_tag`] matches them).
#[cfg(test)]
const KNOWN_TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "amp-img",
    "article",
    "aside",
    "audio",
    "b",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "g",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "label",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "nav",
    "noscript",
    "object",
    "ol",
    "option",
    "p",
    "path",
    "picture",
    "pre",
    "q",
    "s",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "u",
    "ul",
    "use",
    "video",
    "wbr",
];

/// Whether a start tag closes an open `<p>`: one of [`CLOSES_P`].
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
    )
}

/// `name` as one of [`KNOWN_TAGS`]: a `match` (by length, then bytes) is
/// cheaper than a binary search of string comparisons, for every element.
fn known_tag(name: &str) -> Option<&'static str> {
    Some(match name {
        "a" => "a",
        "abbr" => "abbr",
        "address" => "address",
        "amp-img" => "amp-img",
        "article" => "article",
        "aside" => "aside",
        "audio" => "audio",
        "b" => "b",
        "blockquote" => "blockquote",
        "body" => "body",
        "br" => "br",
        "button" => "button",
        "canvas" => "canvas",
        "caption" => "caption",
        "center" => "center",
        "cite" => "cite",
        "code" => "code",
        "col" => "col",
        "colgroup" => "colgroup",
        "dd" => "dd",
        "del" => "del",
        "details" => "details",
        "dialog" => "dialog",
        "div" => "div",
        "dl" => "dl",
        "dt" => "dt",
        "em" => "em",
        "embed" => "embed",
        "fieldset" => "fieldset",
        "figcaption" => "figcaption",
        "figure" => "figure",
        "footer" => "footer",
        "form" => "form",
        "g" => "g",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "h5" => "h5",
        "h6" => "h6",
        "head" => "head",
        "header" => "header",
        "hr" => "hr",
        "html" => "html",
        "i" => "i",
        "iframe" => "iframe",
        "img" => "img",
        "input" => "input",
        "ins" => "ins",
        "label" => "label",
        "li" => "li",
        "link" => "link",
        "main" => "main",
        "map" => "map",
        "mark" => "mark",
        "menu" => "menu",
        "meta" => "meta",
        "nav" => "nav",
        "noscript" => "noscript",
        "object" => "object",
        "ol" => "ol",
        "option" => "option",
        "p" => "p",
        "path" => "path",
        "picture" => "picture",
        "pre" => "pre",
        "q" => "q",
        "s" => "s",
        "script" => "script",
        "section" => "section",
        "select" => "select",
        "small" => "small",
        "source" => "source",
        "span" => "span",
        "strong" => "strong",
        "style" => "style",
        "sub" => "sub",
        "summary" => "summary",
        "sup" => "sup",
        "svg" => "svg",
        "table" => "table",
        "tbody" => "tbody",
        "td" => "td",
        "template" => "template",
        "textarea" => "textarea",
        "tfoot" => "tfoot",
        "th" => "th",
        "thead" => "thead",
        "time" => "time",
        "title" => "title",
        "tr" => "tr",
        "u" => "u",
        "ul" => "ul",
        "use" => "use",
        "video" => "video",
        "wbr" => "wbr",
        _ => return None,
    })
}

/// The tag name of `el` lowercased. A common name written in lowercase is
/// read in place (the start tag is `<name` then a space, `/` or `>`), which
/// spares `lol_html`'s `String` for every element; anything else is asked of
/// `lol_html`.
fn tag_name(el: &Element<'_, '_>, html: &str) -> Cow<'static, str> {
    let known = html
        .get(el.source_location().bytes())
        .and_then(|tag| tag.strip_prefix('<'))
        .map(|tag| {
            // The stops are ASCII: a byte search finds them (not a set of
            // characters searched a character at a time).
            let end = tag
                .bytes()
                .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'/' | b'>'));
            &tag[..end.unwrap_or(tag.len())]
        })
        .and_then(known_tag);
    debug_assert!(known.is_none_or(|k| k == el.tag_name()));
    known.map_or_else(|| Cow::Owned(el.tag_name()), Cow::Borrowed)
}

// What an open element is to the implied-end-tag rules, as bits, worked out
// once when it opens rather than by comparing names all down the stack for
// every block that opens.
const P: u32 = 1;
const LI: u32 = 1 << 1;
const DT_DD: u32 = 1 << 2;
const TR: u32 = 1 << 3;
const TD_TH: u32 = 1 << 4;
const OPTION: u32 = 1 << 5;
const TABLE: u32 = 1 << 6;
const LIST: u32 = 1 << 7;
const DL: u32 = 1 << 8;
const SELECT: u32 = 1 << 9;
/// Elements that bound the search for a `<p>` to close implicitly.
const SCOPE: u32 = 1 << 10;

fn stack_bits(name: &str) -> u32 {
    match name {
        "p" => P,
        "li" => LI,
        "dt" | "dd" => DT_DD,
        "tr" => TR,
        "td" | "th" => TD_TH | SCOPE,
        "option" => OPTION,
        "table" => TABLE | SCOPE,
        "caption" | "button" | "template" | "html" | "object" => SCOPE,
        "ul" | "ol" | "menu" => LIST,
        "dl" => DL,
        "select" => SELECT,
        _ => 0,
    }
}

struct Builder {
    dom: Dom,
    /// Open elements and their [`stack_bits`].
    stack: Vec<(usize, u32)>,
    /// Each child with its parent, in document order; sorted into
    /// [`Dom::kids`] by [`Builder::finish`].
    links: Vec<(usize, Child)>,
    /// Where the last token seen ends: text runs are the gaps between tokens.
    pos: usize,
    /// How the text after the last token is tokenized.
    mode: Mode,
    /// `lol_html`'s namespace stack (its tree builder simulator's), never empty.
    ns: Vec<Ns>,
    /// `lol_html`'s stack of open elements: each element that can have
    /// content (even written self-closing, `<div/>`), and whether it is open
    /// in ours. End tags are read from the gaps, not asked of `lol_html`
    /// (which would make and queue a handler for every element), and close
    /// what its end tags close: see [`Builder::end_tag`].
    open: Vec<(usize, bool)>,
    /// Where the class and id names of the element being started are
    /// gathered: one buffer for the page, copied out at the size they take,
    /// rather than a `String` grown (and then shrunk) for every element.
    names: String,
}

/// A namespace, as `lol_html`'s tree builder simulator follows them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    Html,
    Svg,
    Math,
}

/// How the text after a token is tokenized.
#[derive(Clone, Copy)]
enum Mode {
    /// Markup: text, end tags, CDATA in foreign content.
    Data,
    /// Raw text, RCDATA, script data or plain text after the start tag of
    /// element `elem`, up to the end tag that ends it.
    Raw { tt: TextType, elem: usize },
}

/// Whitespace, `/` or `>`: what ends a tag name.
fn ends_name(b: Option<&u8>) -> bool {
    matches!(b, None | Some(b' ' | b'\n' | b'\r' | b'\t' | b'\x0C' | b'/' | b'>'))
}

/// Past the end of the tag whose name starts at `at` (after `<` or `</`):
/// where its name is and where it ends, or `None` if the page ends inside it.
fn skip_tag(h: &[u8], at: usize) -> Option<(Range<usize>, usize)> {
    let mut i = at;
    while !ends_name(h.get(i)) {
        i += 1;
    }
    let name = at..i.min(h.len());
    // Attributes, as the tokenizer reads them: quoted values may hold `>`.
    loop {
        match *h.get(i)? {
            b'>' => return Some((name, i + 1)),
            b' ' | b'\n' | b'\r' | b'\t' | b'\x0C' | b'/' => i += 1,
            _ => {
                // An attribute name (its first character may be `=`).
                i += 1;
                while !matches!(h.get(i)?, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C' | b'/' | b'>' | b'=') {
                    i += 1;
                }
                while matches!(h.get(i)?, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C') {
                    i += 1;
                }
                if h[i] != b'=' {
                    continue;
                }
                i += 1;
                while matches!(h.get(i)?, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C') {
                    i += 1;
                }
                match h[i] {
                    q @ (b'"' | b'\'') => i += 2 + memchr::memchr(q, h.get(i + 1..)?)?,
                    b'>' => {}
                    _ => {
                        while !matches!(h.get(i)?, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C' | b'>') {
                            i += 1;
                        }
                    }
                }
            }
        }
    }
}

/// Whether `h[at..]` is `</name` followed by what ends a tag name.
fn is_end_tag(h: &[u8], at: usize, name: &str) -> bool {
    h.get(at + 2..at + 2 + name.len())
        .is_some_and(|n| h[at + 1] == b'/' && n.eq_ignore_ascii_case(name.as_bytes()))
        && ends_name(h.get(at + 2 + name.len()))
}

/// Where the script data in `h[from..to]` ends: the `</script` that ends
/// it (escaped `<!--<script>…</script>-->` runs skipped as the tokenizer does).
fn script_end(h: &[u8], from: usize, to: usize) -> Option<usize> {
    #[derive(PartialEq)]
    enum S {
        Data,
        Escaped,
        Double,
    }
    let mut s = S::Data;
    let mut dashes = 0;
    let mut i = from;
    while i < to {
        // Only `<` matters in script data, and `-`, `<` and `>` in an escaped
        // run: any other byte just breaks a run of dashes.
        let next = match s {
            S::Data => memchr::memchr(b'<', &h[i..to]),
            _ => memchr::memchr3(b'-', b'<', b'>', &h[i..to]),
        };
        let k = next?;
        if k > 0 {
            dashes = 0;
            i += k;
        }
        let c = h[i];
        match s {
            S::Data => {
                if c == b'<' {
                    if is_end_tag(h, i, "script") {
                        return Some(i);
                    }
                    if h[i..to].starts_with(b"<!--") {
                        s = S::Escaped;
                        dashes = 2;
                        i += 4;
                        continue;
                    }
                }
            }
            S::Escaped | S::Double => {
                if c == b'-' {
                    dashes += 1;
                    i += 1;
                    continue;
                }
                if c == b'>' && dashes >= 2 {
                    s = S::Data;
                } else if c == b'<' {
                    if s == S::Escaped && is_end_tag(h, i, "script") {
                        return Some(i);
                    }
                    let (close, at) = if h.get(i + 1) == Some(&b'/') {
                        (true, i + 2)
                    } else {
                        (false, i + 1)
                    };
                    let named = h.get(at..at + 6).is_some_and(|n| n.eq_ignore_ascii_case(b"script"))
                        && matches!(
                            h.get(at + 6),
                            Some(b' ' | b'\n' | b'\r' | b'\t' | b'\x0C' | b'/' | b'>')
                        );
                    if named && s == S::Escaped && !close {
                        s = S::Double;
                    } else if named && s == S::Double && close {
                        s = S::Escaped;
                    }
                }
            }
        }
        dashes = 0;
        i += 1;
    }
    None
}

/// More hyphens than this in an `id` make it a slug of text, not a name.
const MAX_ID_HYPHENS: usize = 5;

/// Attribute names the builder reads: those with a meaning here, then [`KEPT`]
/// (read through [`attr_key`]).
#[cfg(test)]
const READ: &[&str] = &["class", "id", "itemprop", "hidden", "style"];

/// The attribute named `written` (any ASCII case) among [`READ`] and
/// [`KEPT`], as spelled there, and whether it is one of [`KEPT`]. A `match`
/// on the name lowercased on the stack, rather than a scan comparing it with
/// every name, as it runs for every attribute of the page.
fn attr_key(written: &str) -> Option<(&'static str, bool)> {
    let mut buf = [0u8; 16];
    let lower = buf.get_mut(..written.len())?;
    // Copied and lowercased in one pass over the (short) name.
    for (l, b) in lower.iter_mut().zip(written.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    Some(match &*lower {
        b"class" => ("class", false),
        b"id" => ("id", false),
        b"itemprop" => ("itemprop", false),
        b"hidden" => ("hidden", false),
        b"style" => ("style", false),
        b"src" => ("src", true),
        b"data-src" => ("data-src", true),
        b"data-lazy-src" => ("data-lazy-src", true),
        b"data-original" => ("data-original", true),
        b"srcset" => ("srcset", true),
        b"data-srcset" => ("data-srcset", true),
        b"alt" => ("alt", true),
        b"title" => ("title", true),
        b"property" => ("property", true),
        b"name" => ("name", true),
        b"content" => ("content", true),
        b"type" => ("type", true),
        b"itemtype" => ("itemtype", true),
        b"role" => ("role", true),
        _ => return None,
    })
}

/// `s` without one leading byte order mark, as `lol_html` gives names and
/// values (it decodes them with `encoding_rs`, which drops one); to the
/// tokenizer, and so here, the mark is part of the name or value.
fn without_bom(s: &str) -> &str {
    s.strip_prefix('\u{feff}').unwrap_or(s)
}

/// An attribute's name as written (any case), read in place from the page
/// rather than copied by `lol_html` into a new `String`.
fn attr_name<'h>(html: &'h str, a: &Attribute<'_>) -> Cow<'h, str> {
    let name = a.name_source_location().and_then(|l| html.get(l.bytes()));
    debug_assert!(name.is_none_or(|n| without_bom(&n.to_ascii_lowercase()) == a.name()));
    name.map_or_else(|| Cow::Owned(a.name()), Cow::Borrowed)
}

/// An attribute's value as written (entities not decoded, as `lol_html` gives it).
fn attr_value<'h>(html: &'h str, a: &Attribute<'_>) -> Cow<'h, str> {
    let value = a.value_source_location().and_then(|l| html.get(l.bytes()));
    debug_assert!(value.is_none_or(|v| without_bom(v) == a.value()));
    value.map_or_else(|| Cow::Owned(a.value()), Cow::Borrowed)
}

impl Builder {
    /// A builder holding the document element, with room for `elements`.
    fn new(elements: usize) -> Builder {
        let mut elems = Vec::with_capacity(elements);
        elems.push(Elem {
            name: "#document".into(),
            ..Elem::default()
        });
        Builder {
            dom: Dom {
                elems,
                ..Dom::default()
            },
            stack: Vec::new(),
            // An element and the text run before it for each: one growth
            // at most, rather than a copy of every link at each doubling.
            links: Vec::with_capacity(2 * elements),
            pos: 0,
            mode: Mode::Data,
            ns: vec![Ns::Html],
            open: Vec::new(),
            names: String::new(),
        }
    }

    fn top(&self) -> usize {
        self.stack.last().map_or(0, |&(e, _)| e)
    }

    /// Closes the nearest open element of `names` if no `boundary` is above it.
    fn close_in_scope(&mut self, names: u32, boundary: u32) {
        for i in (0..self.stack.len()).rev() {
            let bits = self.stack[i].1;
            if bits & names != 0 {
                self.stack.truncate(i);
                return;
            }
            if bits & boundary != 0 {
                return;
            }
        }
    }

    /// Adds the element of a start tag. Returns it when it stays open, for
    /// a caller that closes it at its end tag: the parse reads end tags from
    /// the gaps and needs no answer, the test oracle has `lol_html` report them.
    fn start(&mut self, el: &Element<'_, '_>, html: &str) -> Option<usize> {
        let name = tag_name(el, html);
        let raw = self.ns_start(&name, el, html);
        match &*name {
            n if closes_p(n) => self.close_in_scope(P, SCOPE),
            "li" => self.close_in_scope(LI, LIST | TABLE),
            "dt" | "dd" => self.close_in_scope(DT_DD, DL | TABLE),
            "tr" => self.close_in_scope(TR, TABLE),
            "td" | "th" => self.close_in_scope(TD_TH, TR | TABLE),
            "option" => self.close_in_scope(OPTION, SELECT),
            _ => {}
        }
        let mut e = Elem {
            parent: self.top(),
            start: el.source_location().bytes().start,
            ..Elem::default()
        };
        let mut names = std::mem::take(&mut self.names);
        names.clear();
        for a in el.attributes() {
            // The name lowercased, as one of ours, or else of no interest.
            let written = attr_name(html, a);
            let Some((k, kept)) = attr_key(&written) else {
                continue;
            };
            match k {
                "class" | "id" => {
                    let v = attr_value(html, a);
                    // An id made from a heading's words (`schwerpunkt-…-
                    // grundlegende-techniken-…`) names nothing: its words
                    // would match class words by chance (`legende`).
                    if k == "id" && v.matches('-').count() >= MAX_ID_HYPHENS {
                        continue;
                    }
                    if !names.is_empty() {
                        names.push(' ');
                    }
                    if v.is_ascii() {
                        // Lowercased in place: no second copy.
                        let from = names.len();
                        names.push_str(&v);
                        names[from..].make_ascii_lowercase();
                    } else {
                        names.push_str(&v.to_lowercase());
                    }
                }
                "itemprop" => e.itemprop = attr_value(html, a).to_lowercase().into(),
                "hidden" => e.hidden = true,
                "style" => {
                    let v: String = attr_value(html, a).to_lowercase().split_whitespace().collect();
                    e.hidden |= v.contains("display:none") || v.contains("visibility:hidden");
                }
                "type" if attr_value(html, a).eq_ignore_ascii_case("hidden") => e.hidden = true,
                _ => {}
            }
            if kept {
                e.attrs.push((k, attr_value(html, a).into_owned()));
            }
        }
        // A custom element's name says what it is as a class does
        // (`<image-credits>`, `<ps-comments>`, `<figure-caption>`).
        if name.contains('-') {
            if !names.is_empty() {
                names.push(' ');
            }
            names.push_str(&name.to_ascii_lowercase());
        }
        e.names = names.as_str().into();
        self.names = names;
        e.name = name;
        let idx = self.dom.elems.len();
        let parent = e.parent;
        self.dom.elems.push(e);
        self.links.push((parent, Child::Elem(idx)));
        let open = el.can_have_content() && !el.is_self_closing();
        if el.can_have_content() {
            self.open.push((idx, open));
        }
        if open {
            let bits = stack_bits(&self.dom.elems[idx].name);
            self.stack.push((idx, bits));
        }
        if let Some(tt) = raw {
            self.mode = Mode::Raw { tt, elem: idx };
        }
        open.then_some(idx)
    }

    /// The tree: children grouped by parent (a counting sort, which keeps
    /// each element's children in document order).
    fn finish(&mut self) -> Dom {
        let mut dom = std::mem::take(&mut self.dom);
        let links = std::mem::take(&mut self.links);
        let n = dom.elems.len();
        let mut start = vec![0; n + 1];
        for (p, _) in &links {
            start[p + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut kids = vec![Child::Elem(0); links.len()];
        for (p, c) in links {
            kids[next[p]] = c;
            next[p] += 1;
        }
        for (i, e) in dom.elems.iter_mut().enumerate() {
            e.children = start[i]..start[i + 1];
        }
        dom.kids = kids;
        dom
    }

    fn end(&mut self, idx: usize) {
        if let Some(i) = self.stack.iter().rposition(|&(e, _)| e == idx) {
            self.stack.truncate(i);
        }
    }

    fn emit(&mut self, html: &str, tt: TextType, range: Range<usize>) {
        let top = self.top();
        if range.is_empty() {
            return;
        }
        let e = &self.dom.elems[top];
        let text = &html[range.clone()];
        match tt {
            TextType::Data => self.links.push((top, Child::Text(range))),
            TextType::ScriptData if &*e.name == "script" && e.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                let own = e.start;
                match self.dom.ld_json.last_mut() {
                    Some(s) if self.dom.elems[top].attr("data-ld-open").is_some() => s.push_str(text),
                    _ => {
                        self.dom.ld_json.push(text.to_string());
                        self.dom.ld_json_at.push(range.start);
                        let e = &mut self.dom.elems[top];
                        e.attrs.push(("data-ld-open", own.to_string()));
                    }
                }
            }
            TextType::RCData if &*e.name == "title" => self.dom.title.push_str(text),
            _ => {}
        }
    }

    /// An end tag named `name` (as written), as `lol_html` reads it: it
    /// closes the nearest open element of that name (in any ASCII case) and
    /// every element above it (each of those gets its end tag handler
    /// called), and is ignored when none is open.
    fn end_tag(&mut self, name: &str) {
        // Out of foreign content (the usual case) no end tag changes the
        // namespace: the name need not be lowercased to be looked up.
        if self.ns.len() > 1 {
            self.ns_end(&name.to_ascii_lowercase());
        }
        let Some(i) = self
            .open
            .iter()
            .rposition(|&(e, _)| self.dom.elems[e].name.eq_ignore_ascii_case(name))
        else {
            return;
        };
        let mut closed = std::mem::take(&mut self.open);
        for (e, ours) in closed.drain(i..) {
            if ours {
                self.end(e);
            }
        }
        self.open = closed;
    }

    /// A token at `range` was seen: the text before it is a gap to read.
    fn token(&mut self, html: &str, range: Range<usize>) {
        // Tokens come in order; one that did not would have no gap before it.
        if range.start >= self.pos {
            self.gap(html, range.start, false);
        }
        self.pos = self.pos.max(range.end);
    }

    /// Reads the text from [`Builder::pos`] to `to` as `lol_html` tokenizes
    /// it: text runs, end tags (which close elements as `lol_html`'s do),
    /// CDATA in foreign content. `cut`: the parse ends at the next markup
    /// not reported (a start tag it failed at, a tag the page ends inside).
    fn gap(&mut self, html: &str, to: usize, cut: bool) {
        let h = html.as_bytes();
        let mut i = self.pos;
        if let Mode::Raw { tt, elem } = std::mem::replace(&mut self.mode, Mode::Data) {
            let end = match tt {
                TextType::ScriptData => script_end(h, i, to),
                TextType::RawText | TextType::RCData => {
                    let name = self.dom.elems[elem].name.clone();
                    memchr::memmem::find_iter(&h[i..to], b"</")
                        .map(|p| p + i)
                        .find(|&p| is_end_tag(h, p, &name))
                }
                _ => None,
            };
            let Some(end) = end else {
                self.emit(html, tt, i..to);
                return;
            };
            self.emit(html, tt, i..end);
            match skip_tag(h, end + 2) {
                Some((name, after)) => {
                    self.end_tag(&html[name]);
                    i = after;
                }
                None => return,
            }
        }
        let mut run = i;
        while let Some(lt) = memchr::memchr(b'<', &h[i..to]).map(|p| p + i) {
            i = lt + 1;
            match h.get(lt + 1) {
                Some(b'/') => match h.get(lt + 2) {
                    Some(c) if c.is_ascii_alphabetic() => {
                        self.emit(html, TextType::Data, run..lt);
                        let Some((name, after)) = skip_tag(h, lt + 2) else {
                            return;
                        };
                        self.end_tag(&html[name]);
                        i = after;
                        run = after;
                    }
                    Some(b'>') => {
                        self.emit(html, TextType::Data, run..lt);
                        i = lt + 3;
                        run = i;
                    }
                    Some(_) if cut => {
                        self.emit(html, TextType::Data, run..lt);
                        return;
                    }
                    _ => {}
                },
                Some(b'!')
                    if *self.ns.last().unwrap_or(&Ns::Html) != Ns::Html && h[lt..to].starts_with(b"<![CDATA[") =>
                {
                    self.emit(html, TextType::Data, run..lt);
                    i = memchr::memmem::find(&h[lt + 9..to], b"]]>").map_or(to, |p| lt + 9 + p + 3);
                    run = i;
                }
                Some(&c) if cut && (c.is_ascii_alphabetic() || c == b'!' || c == b'?') => {
                    self.emit(html, TextType::Data, run..lt);
                    return;
                }
                _ => {}
            }
        }
        self.emit(html, TextType::Data, run..to);
    }

    /// `lol_html`'s tree builder simulator on a start tag: the namespace
    /// stack, and the text type of what follows (raw text and so on).
    fn ns_start(&mut self, name: &str, el: &Element<'_, '_>, html: &str) -> Option<TextType> {
        let cur = *self.ns.last().unwrap_or(&Ns::Html);
        match name {
            "svg" => self.ns.push(Ns::Svg),
            "math" => self.ns.push(Ns::Math),
            _ if cur == Ns::Html => {
                return match name {
                    "textarea" | "title" => Some(TextType::RCData),
                    "plaintext" => Some(TextType::PlainText),
                    "script" => Some(TextType::ScriptData),
                    "style" | "iframe" | "xmp" | "noembed" | "noframes" | "noscript" => Some(TextType::RawText),
                    _ => None,
                };
            }
            "b" | "big" | "blockquote" | "body" | "br" | "center" | "code" | "dd" | "div" | "dl" | "dt" | "em"
            | "embed" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "head" | "hr" | "i" | "img" | "li" | "listing"
            | "menu" | "meta" | "nobr" | "ol" | "p" | "pre" | "ruby" | "s" | "small" | "span" | "strong" | "strike"
            | "sub" | "sup" | "table" | "tt" | "u" | "ul" | "var" => {
                self.ns.pop();
            }
            // Integration points (unless self-closing).
            "desc" | "title" | "foreignobject" | "mi" | "mo" | "mn" | "ms" | "mtext"
                if !el.is_self_closing()
                    && matches!(
                        (cur, name),
                        (Ns::Svg, "desc" | "title" | "foreignobject") | (Ns::Math, "mi" | "mo" | "mn" | "ms" | "mtext")
                    ) =>
            {
                self.ns.push(Ns::Html);
            }
            "font" => {
                let exits = el.attributes().iter().any(|a| {
                    let n = attr_name(html, a);
                    ["color", "size", "face"].iter().any(|k| n.eq_ignore_ascii_case(k))
                });
                if exits {
                    self.ns.pop();
                }
            }
            "annotation-xml" if cur == Ns::Math && !el.is_self_closing() => {
                let html_enc = el.attributes().iter().any(|a| {
                    let v = attr_value(html, a);
                    attr_name(html, a).eq_ignore_ascii_case("encoding")
                        && (v.eq_ignore_ascii_case("text/html") || v.eq_ignore_ascii_case("application/xhtml+xml"))
                });
                if html_enc {
                    self.ns.push(Ns::Html);
                }
            }
            _ => {}
        }
        None
    }

    /// `lol_html`'s tree builder simulator on an end tag.
    fn ns_end(&mut self, name: &str) {
        let n = self.ns.len();
        let cur = self.ns[n - 1];
        let leave = if cur == Ns::Html {
            n >= 2
                && match self.ns[n - 2] {
                    Ns::Svg => matches!(name, "desc" | "title" | "foreignobject"),
                    Ns::Math => matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml"),
                    Ns::Html => false,
                }
        } else {
            matches!((cur, name), (Ns::Svg, "svg") | (Ns::Math, "math") | (_, "p" | "br"))
        };
        if leave {
            self.ns.pop();
        }
    }
}

/// Room for the elements of a page, made once rather than by doubling (each
/// step copying every element): one per `<`, as each element starts with
/// its own (pages hold 0.26 to 0.6 elements per `<`: half the `<`, as
/// this once was, left two pages in three to grow), but never more than
/// one per 16 bytes, whatever the page holds.
fn expected_elements(html: &str) -> usize {
    let tags = memchr::memchr_iter(b'<', html.as_bytes()).count();
    (tags + 1).min(html.len() / 16 + 1)
}

/// Parses `html` (decoded, UTF-8) into a [`Dom`]. Never fails: what the
/// tokenizer rejects ends the tree there.
pub fn parse(html: &str) -> Dom {
    let b = Rc::new(RefCell::new(Builder::new(expected_elements(html))));
    // Text and end tags are not asked of `lol_html` (it would copy every text
    // run into a `String` and make a handler for every element): they are
    // what lies between the tokens seen, read by [`Builder::gap`]. Comments
    // and doctypes are asked for only to be skipped.
    let (b1, b2, b3) = (b.clone(), b.clone(), b.clone());
    let settings = Settings::new()
        .append_element_content_handler(element!("*", move |el| {
            let mut b = b1.borrow_mut();
            b.token(html, el.source_location().bytes());
            b.start(el, html);
            Ok(())
        }))
        .append_document_content_handler(doc_comments!(move |c| {
            b2.borrow_mut().token(html, c.source_location().bytes());
            Ok(())
        }))
        .append_document_content_handler(doctype!(move |d| {
            b3.borrow_mut().token(html, d.source_location().bytes());
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    if rewriter.write(html.as_bytes()).is_ok() {
        let _ = rewriter.end();
    }
    let mut bm = b.borrow_mut();
    // A parse that fails (a text tag where `lol_html` cannot tell how its
    // text is tokenized) stops at that tag: the next start tag not reported.
    bm.gap(html, html.len(), true);
    bm.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parse as it was, with `lol_html`'s text handler: the oracle for
    /// the text runs read from the gaps between tokens.
    fn parse_with_text_handler(html: &str) -> Dom {
        let b = Rc::new(RefCell::new(Builder::new(1)));
        let (b1, b2) = (b.clone(), b.clone());
        let settings = Settings::new()
            .append_element_content_handler(element!("*", move |el| {
                let opened = b1.borrow_mut().start(el, html);
                if let Some(idx) = opened {
                    let b = b1.clone();
                    el.on_end_tag(Box::new(move |_| {
                        b.borrow_mut().end(idx);
                        Ok(())
                    }))?;
                }
                Ok(())
            }))
            .append_document_content_handler(lol_html::doc_text!(move |t| {
                assert_eq!(t.as_str(), &html[t.source_location().bytes()]);
                b2.borrow_mut().emit(html, t.text_type(), t.source_location().bytes());
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        if rewriter.write(html.as_bytes()).is_ok() {
            let _ = rewriter.end();
        }
        b.borrow_mut().finish()
    }

    /// A [`Dom`] as text, adjacent text runs merged (`lol_html` may cut one
    /// run in several chunks).
    fn merged(dom: &Dom) -> String {
        let mut elems: Vec<(Elem, Vec<Child>)> = Vec::new();
        for (i, e) in dom.elems.iter().enumerate() {
            let mut out: Vec<Child> = Vec::new();
            for c in dom.children(i).iter().cloned() {
                if let (Some(Child::Text(a)), Child::Text(b)) = (out.last_mut(), &c)
                    && a.end == b.start
                {
                    a.end = b.end;
                    continue;
                }
                out.push(c);
            }
            // Where the children sit in the list is the parse's business.
            let mut e = e.clone();
            e.children = 0..0;
            elems.push((e, out));
        }
        format!("{elems:?} {:?} {:?} {:?}", dom.ld_json, dom.ld_json_at, dom.title)
    }

    #[test]
    fn text_from_gaps_matches_the_text_handler() {
        const PIECES: &[&str] = &[
            "<div>",
            "</div>",
            "<p>",
            "</p>",
            "</br>",
            "<br>",
            "<br/>",
            "</span>",
            "<span class='a>b'>",
            "</div class=\"a>b\">",
            "<DIV>",
            "</Div\n>",
            "<div/>",
            "<ul>",
            "<li>",
            "</li>",
            "</ul>",
            "<td>",
            "</table>",
            "<long-custom-element>",
            "</LONG-custom-element>",
            "<noscript>",
            "</noscript>",
            "text ",
            "a &amp; b",
            "&lt;",
            "<",
            "</",
            "</>",
            "< x",
            "<!-- c -->",
            "<!-->",
            "<!--",
            "-->",
            "<!doctype html>",
            "<!x>",
            "<?php x ?>",
            "</ 1>",
            "<script>",
            "</script>",
            "<script/>",
            "<script type=\"application/ld+json\">",
            "{\"a\":\"</div>\"}",
            "<!--<script>",
            "</SCRIPT >",
            "<style>",
            "</style>",
            "<svg>",
            "</svg>",
            "<svg/>",
            "<math>",
            "</math>",
            "<mi>",
            "</mi>",
            "<title>",
            "</title>",
            "<title/>",
            "<textarea>",
            "</textarea>",
            "<![CDATA[x<y]]>",
            "<![CDATA[",
            "]]>",
            "<desc>",
            "</desc>",
            "<foreignObject>",
            "<font color=red>",
            "<b>",
            "<xmp>",
            "</xmp>",
            "<noscript>",
            "</noscript>",
            "<iframe>",
            "</iframe>",
            "<plaintext>",
            "<li>",
            "<ul>",
            "</ul>",
            "<table>",
            "<td>",
            "<select>",
            "</select>",
            "<template>",
            "</template>",
            "</div a=\">\">",
            "<img src=x>",
            "é ",
            "\n",
            "<annotation-xml encoding=text/html>",
            "</annotation-xml>",
            "<style/>",
            "</p a='>'",
            "<noembed>",
            "<h1>",
            "</font>",
            "<!",
            "<?",
            "</",
            "<!-- x",
            "<svg><![CDATA[ab",
            "<script>x<!--<script>",
            "</script x=\">\">",
            "<TITLE>",
            "<Svg>",
            "<p/>",
            "<mtext>",
            "</foreignobject>",
            "<font size=1>",
            "\r",
            "</div\r>",
            "<svg><style>",
            "<math><title>",
            "<textarea/>",
            "<xmp/>",
            "</title\t>",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for case in 0..50_000 {
            let n = (next() % 40) as usize;
            let html: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let (old, new) = (parse_with_text_handler(&html), parse(&html));
            assert_eq!(merged(&old), merged(&new), "case {case}: {html:?}");
        }
    }

    fn names(dom: &Dom, i: usize) -> Vec<&str> {
        dom.children(i)
            .iter()
            .filter_map(|c| match c {
                Child::Elem(e) => Some(&*dom.elems[*e].name),
                Child::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn attr_key_agrees_with_the_lists() {
        for &k in READ.iter().chain(KEPT) {
            assert_eq!(attr_key(k), Some((k, KEPT.contains(&k))));
            assert_eq!(attr_key(&k.to_ascii_uppercase()), Some((k, KEPT.contains(&k))));
        }
        for other in ["", "href", "data-src-x", "clas", "data-lazy-srcset-long", "ſrc"] {
            assert_eq!(attr_key(other), None, "{other}");
        }
    }

    #[test]
    fn known_tags_and_closes_p_agree_with_the_lists() {
        assert!(KNOWN_TAGS.iter().all(|k| known_tag(k) == Some(k)));
        assert!(CLOSES_P.iter().all(|k| closes_p(k)));
        for other in ["", "Div", "span ", "x-tag", "li", "td", "body"] {
            assert!(!CLOSES_P.contains(&other) && !closes_p(other), "{other}");
            assert_eq!(known_tag(other), KNOWN_TAGS.contains(&other).then_some(other));
        }
        let dom = parse("<DIV><Span>x</Span><svg/><amp-img src=a.jpg></amp-img></DIV>");
        let names: Vec<&str> = dom.elems.iter().map(|e| &*e.name).collect();
        assert_eq!(names, ["#document", "div", "span", "svg", "amp-img"]);
    }

    #[test]
    fn implied_end_tags_and_raw_text() {
        let html =
            "<div class='A b' id=X><p>one<p>two<script>if (a<b) x='</div>'</script><ul><li>a<li>b</ul></div><p>3";
        let dom = parse(html);
        assert_eq!(names(&dom, 0), ["div", "p"]);
        assert_eq!(&*dom.elems[1].names, "a b x");
        assert_eq!(names(&dom, 1), ["p", "p", "ul"]);
        let Child::Text(r) = &dom.children(2)[0] else { panic!() };
        assert_eq!(&html[r.clone()], "one");
    }

    #[test]
    fn hidden_and_kept_attributes() {
        let dom = parse("<div style='display: none'>x</div><img src=a.jpg alt=\"A &amp; B\">");
        assert!(dom.elems[1].hidden);
        assert_eq!(dom.elems[2].attr("alt"), Some("A &amp; B"));
    }

    #[test]
    fn a_byte_order_mark_is_part_of_a_name() {
        // `lol_html` decodes a name with `encoding_rs`, which drops a leading
        // BOM; as the tokenizer reads it (and as it is read here) the BOM
        // belongs to the name, so `\u{feff}class` is no class.
        let dom = parse("<p \u{feff}class=x \u{feff}alt=\"\u{feff}y\" title=\"\u{feff}z\">t</p>");
        assert_eq!(&*dom.elems[1].names, "");
        assert_eq!(dom.elems[1].attr("alt"), None);
        assert_eq!(dom.elems[1].attr("title"), Some("\u{feff}z"));
    }

    #[test]
    fn json_ld_and_title() {
        let dom = parse("<title>T &amp; U</title><script type=\"application/ld+json\">{\"a\":\"<b>\"}</script>");
        assert_eq!(dom.ld_json, ["{\"a\":\"<b>\"}"]);
        assert_eq!(dom.ld_json_at, [59]);
        assert_eq!(dom.title, "T &amp; U");
    }
}
