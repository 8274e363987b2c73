//! A small element tree built from `lol_html`'s tokens, with byte offsets
//! into the source.
//!
//! `lol_html` tokenizes like a browser (raw text in `<script>` and `<style>`,
//! comments, CDATA, attributes without quotes) but builds no tree. The tree
//! here follows the common implied-end-tag rules (`<p>` closed by a block,
//! `<li>` by the next `<li>`, table cells, void elements); an end tag closes
//! the nearest open element of its name and a stray one is ignored.

use lol_html::html_content::{Element, TextChunk, TextType};
use lol_html::{HtmlRewriter, Settings, doc_text, element};
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
    pub name: Box<str>,
    /// Parent index (the root is its own parent).
    pub parent: usize,
    /// Children in document order.
    pub children: Vec<Child>,
    /// `class` and `id`, lowercase, space-separated.
    pub names: Box<str>,
    /// `itemprop`, lowercase.
    pub itemprop: Box<str>,
    /// `hidden`, `display:none`, `visibility:hidden`, `type=hidden`.
    pub hidden: bool,
    /// Attributes kept for pictures and metadata (`src`, `srcset`, `alt`, `title`, …).
    pub attrs: Vec<(Box<str>, String)>,
    /// Byte offset of the start tag.
    pub start: usize,
}

impl Elem {
    /// An attribute kept by the parser.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.as_str())
    }
}

/// A parsed page.
#[derive(Debug, Default)]
pub struct Dom {
    /// All elements; index 0 is the document.
    pub elems: Vec<Elem>,
    /// Contents of `<script type="application/ld+json">` elements.
    pub ld_json: Vec<String>,
    /// Where each of [`Dom::ld_json`] starts in the source (its text is
    /// the source bytes there, as script text is not decoded).
    pub ld_json_at: Vec<usize>,
    /// `<title>` text.
    pub title: String,
}

/// Attributes worth keeping.
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

/// Start tags that close an open `<p>`.
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

/// Elements that bound the search for an element to close implicitly.
const SCOPE: &[&str] = &["table", "td", "th", "caption", "button", "template", "html", "object"];

struct Builder {
    dom: Dom,
    stack: Vec<usize>,
}

impl Builder {
    fn top(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    /// Closes the nearest open `name` if no scope boundary is above it.
    fn close_in_scope(&mut self, names: &[&str], boundary: &[&str]) {
        for i in (0..self.stack.len()).rev() {
            let n = &*self.dom.elems[self.stack[i]].name;
            if names.contains(&n) {
                self.stack.truncate(i);
                return;
            }
            if boundary.contains(&n) {
                return;
            }
        }
    }

    fn start(&mut self, el: &Element<'_, '_>) -> Option<usize> {
        let name = el.tag_name();
        match name.as_str() {
            n if CLOSES_P.contains(&n) => self.close_in_scope(&["p"], SCOPE),
            "li" => self.close_in_scope(&["li"], &["ul", "ol", "menu", "table"]),
            "dt" | "dd" => self.close_in_scope(&["dt", "dd"], &["dl", "table"]),
            "tr" => self.close_in_scope(&["tr"], &["table"]),
            "td" | "th" => self.close_in_scope(&["td", "th"], &["tr", "table"]),
            "option" => self.close_in_scope(&["option"], &["select"]),
            _ => {}
        }
        let mut e = Elem {
            parent: self.top(),
            start: el.source_location().bytes().start,
            ..Elem::default()
        };
        let mut names = String::new();
        for a in el.attributes() {
            let k = a.name();
            match k.as_str() {
                "class" | "id" => {
                    if !names.is_empty() {
                        names.push(' ');
                    }
                    names.push_str(&a.value().to_lowercase());
                }
                "itemprop" => e.itemprop = a.value().to_lowercase().into(),
                "hidden" => e.hidden = true,
                "style" => {
                    let v: String = a.value().to_lowercase().split_whitespace().collect();
                    e.hidden |= v.contains("display:none") || v.contains("visibility:hidden");
                }
                "type" if a.value().eq_ignore_ascii_case("hidden") => e.hidden = true,
                _ => {}
            }
            if KEPT.contains(&k.as_str()) {
                e.attrs.push((k.into(), a.value()));
            }
        }
        e.names = names.into();
        e.name = name.into();
        let idx = self.dom.elems.len();
        let parent = e.parent;
        self.dom.elems.push(e);
        self.dom.elems[parent].children.push(Child::Elem(idx));
        let open = el.can_have_content() && !el.is_self_closing();
        if open {
            self.stack.push(idx);
        }
        open.then_some(idx)
    }

    fn end(&mut self, idx: usize) {
        if let Some(i) = self.stack.iter().rposition(|&e| e == idx) {
            self.stack.truncate(i);
        }
    }

    fn text(&mut self, t: &TextChunk<'_>) {
        let top = self.top();
        let range = t.source_location().bytes();
        if range.is_empty() {
            return;
        }
        let e = &self.dom.elems[top];
        match t.text_type() {
            TextType::Data => self.dom.elems[top].children.push(Child::Text(range)),
            TextType::ScriptData if &*e.name == "script" && e.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                let own = e.start;
                match self.dom.ld_json.last_mut() {
                    Some(s) if self.dom.elems[top].attr("data-ld-open").is_some() => s.push_str(t.as_str()),
                    _ => {
                        self.dom.ld_json.push(t.as_str().to_string());
                        self.dom.ld_json_at.push(range.start);
                        let e = &mut self.dom.elems[top];
                        e.attrs.push(("data-ld-open".into(), own.to_string()));
                    }
                }
            }
            TextType::RCData if &*e.name == "title" => self.dom.title.push_str(t.as_str()),
            _ => {}
        }
    }
}

/// Parses `html` (decoded, UTF-8) into a [`Dom`]. Never fails: what the
/// tokenizer rejects ends the tree there.
pub fn parse(html: &str) -> Dom {
    let b = Rc::new(RefCell::new(Builder {
        dom: Dom {
            elems: vec![Elem {
                name: "#document".into(),
                ..Elem::default()
            }],
            ..Dom::default()
        },
        stack: Vec::new(),
    }));
    let (b1, b2) = (b.clone(), b.clone());
    let settings = Settings::new()
        .append_element_content_handler(element!("*", move |el| {
            let opened = b1.borrow_mut().start(el);
            if let Some(idx) = opened {
                let b = b1.clone();
                el.on_end_tag(Box::new(move |_| {
                    b.borrow_mut().end(idx);
                    Ok(())
                }))?;
            }
            Ok(())
        }))
        .append_document_content_handler(doc_text!(move |t| {
            b2.borrow_mut().text(t);
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    if rewriter.write(html.as_bytes()).is_ok() {
        let _ = rewriter.end();
    }
    match Rc::try_unwrap(b) {
        Ok(cell) => cell.into_inner().dom,
        Err(rc) => std::mem::take(&mut rc.borrow_mut().dom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dom: &Dom, i: usize) -> Vec<&str> {
        dom.elems[i]
            .children
            .iter()
            .filter_map(|c| match c {
                Child::Elem(e) => Some(&*dom.elems[*e].name),
                Child::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn implied_end_tags_and_raw_text() {
        let html =
            "<div class='A b' id=X><p>one<p>two<script>if (a<b) x='</div>'</script><ul><li>a<li>b</ul></div><p>3";
        let dom = parse(html);
        assert_eq!(names(&dom, 0), ["div", "p"]);
        assert_eq!(&*dom.elems[1].names, "a b x");
        assert_eq!(names(&dom, 1), ["p", "p", "ul"]);
        let Child::Text(r) = &dom.elems[2].children[0] else {
            panic!()
        };
        assert_eq!(&html[r.clone()], "one");
    }

    #[test]
    fn hidden_and_kept_attributes() {
        let dom = parse("<div style='display: none'>x</div><img src=a.jpg alt=\"A &amp; B\">");
        assert!(dom.elems[1].hidden);
        assert_eq!(dom.elems[2].attr("alt"), Some("A &amp; B"));
    }

    #[test]
    fn json_ld_and_title() {
        let dom = parse("<title>T &amp; U</title><script type=\"application/ld+json\">{\"a\":\"<b>\"}</script>");
        assert_eq!(dom.ld_json, ["{\"a\":\"<b>\"}"]);
        assert_eq!(dom.ld_json_at, [59]);
        assert_eq!(dom.title, "T &amp; U");
    }
}
