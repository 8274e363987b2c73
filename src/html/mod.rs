//! HTML input: a saved page in, the same [`Document`] as for text out, plus
//! each photo's image URL (`src`) and `alt` text.
//!
//! The page is tokenized by `lol_html` into a small tree ([`dom`]); the
//! article container is chosen and walked into paragraphs, each tagged body,
//! caption or credit from the markup ([`extract`]). The paragraphs are then
//! cleaned like text: the text rules classify every paragraph (so a credited
//! caption written as a plain `<p>`, a picture leftover or a source note is
//! still caught), and the markup's labels override them where the page says
//! a paragraph is a caption or a credit. When the markup holds clearly less
//! article text than the page's JSON-LD `articleBody` (a page rendered by
//! script), the `articleBody` paragraphs join the body (`article_body.rs`).
//! Spans are byte offsets into the decoded HTML (for `articleBody` text,
//! into the script element that holds it).
//!
//! ```
//! let html = r#"<article><h1>Kim visits a factory</h1>
//!   <p>Kim Jong Un inspected a munitions factory on Friday, state media said.</p>
//!   <figure><img src="kim.jpg" alt="Kim"><figcaption>Kim Jong Un at the factory
//!   <span class="credit">KCNA via KNS/AFP</span></figcaption></figure>
//!   <p>The visit came days before the talks in Moscow.</p></article>"#;
//! let doc = capsift::html::clean_html(html, &capsift::Options::default());
//! assert_eq!(doc.title.as_deref(), Some("Kim visits a factory"));
//! assert_eq!(doc.photos[0].captions, ["Kim Jong Un at the factory"]);
//! assert_eq!(doc.photos[0].src.as_deref(), Some("kim.jpg"));
//! assert!(!doc.body.contains("KCNA"));
//! ```

mod article_body;
pub mod dom;
pub mod extract;
mod meta;
mod names;

use crate::classify::{self, Class, Unit};
use crate::document::{self, Document};
use crate::normalize::{self, OffsetMap};
use crate::{AgencyTable, Options, credit, photo, segment};
use extract::{Label, Page};
use std::collections::HashMap;

/// Cleans one saved page given as decoded HTML.
pub fn clean_html(html: &str, opts: &Options) -> Document {
    let dom = dom::parse(html);
    let page = extract::extract(&dom, html);
    let mut doc = clean_page(&page, opts);
    meta::add_metadata(&dom, &mut doc, opts.table());
    doc
}

/// Where one paragraph sits in the text handed to the text rules.
struct Placed {
    start: usize,
    norm: OffsetMap,
}

/// Units of one photo from several picture blocks are split apart; units
/// the markup put in a block start at this block number.
const GROUP_BLOCK: usize = 1 << 40;

fn clean_page(page: &Page, opts: &Options) -> Document {
    let table = opts.table();
    let mut text = String::new();
    let mut placed: Vec<(usize, Placed)> = Vec::new();
    for (i, p) in page.paras.iter().enumerate() {
        let n = normalize::normalize(&p.text);
        let t = n.text.trim_end();
        if t.trim().is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        placed.push((
            i,
            Placed {
                start: text.len(),
                norm: n.map,
            },
        ));
        text.push_str(t);
    }
    text.push('\n');
    let para_of = |pos: usize| -> usize { placed.partition_point(|(_, p)| p.start <= pos).saturating_sub(1) };
    let blocks = segment::segment(&text);
    let scan = crate::agency::TextScan::new(table, &text);
    let (mut units, mut warnings) = classify::classify_scanned(&text, &blocks, &scan, opts.max_caption_words);
    // The text rules' doubts about a short paragraph above a credit line are
    // settled where the markup placed the credit: judge them again after it.
    let doubts: Vec<String> = classify::lone_captions(&text, &units)
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    warnings.retain(|w| !doubts.contains(w));
    relabel(&text, &mut units, |pos| {
        let (i, _) = placed[para_of(pos)];
        (page.paras[i].label, page.paras[i].group)
    });
    warnings.extend(
        classify::lone_captions(&text, &units)
            .into_iter()
            .filter(|&(i, _)| units[i].block < GROUP_BLOCK)
            .map(|(_, w)| w),
    );
    let group_of = |u: &Unit| {
        let (i, _) = placed[para_of(u.span.start)];
        page.paras[i].group.filter(|_| u.block >= GROUP_BLOCK)
    };
    let photos = split_by_group(
        photo::group(&units, |i| creators_of(&text, &units[i], table)),
        &units,
        group_of,
    );
    let identity = OffsetMap::default();
    let mut doc = document::assemble(document::Parts {
        text: &text,
        map: &identity,
        units: &units,
        photos: &photos,
        scan: &scan,
        warnings,
        source: opts.source.clone(),
        line_per_paragraph: false,
    });
    // Spans: text offset → paragraph → its normalisation → the HTML.
    let to_html = |pos: usize| {
        let k = para_of(pos);
        let (i, p) = &placed[k];
        page.paras[*i].to_html(p.norm.to_input(pos - p.start))
    };
    let end_html = |end: usize| if end == 0 { 0 } else { to_html(end - 1) + 1 };
    for ph in &mut doc.photos {
        for s in &mut ph.spans {
            (s.start, s.end) = (to_html(s.start), end_html(s.end));
        }
    }
    for s in &mut doc.sources {
        (s.start, s.end) = (to_html(s.start), end_html(s.end));
    }
    for r in &mut doc.removed {
        (r.start, r.end) = (to_html(r.start), end_html(r.end));
    }
    // Each photo's image: from the picture block of its first unit.
    for (ph, members) in doc.photos.iter_mut().zip(&photos) {
        if let Some(g) = members.iter().find_map(|&u| group_of(&units[u])) {
            let grp = &page.groups[g];
            ph.src = grp.src.clone();
            ph.alt = grp.alt.clone().filter(|a| !ph.captions.iter().any(|c| same_text(c, a)));
        }
    }
    doc
}

fn same_text(a: &str, b: &str) -> bool {
    let k = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    k(a) == k(b)
}

/// Where the markup says a paragraph is a caption or a credit, it is one,
/// whatever the text rules said; its units share a block per picture block.
fn relabel(text: &str, units: &mut [Unit], label_at: impl Fn(usize) -> (Label, Option<usize>)) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, u) in units.iter_mut().enumerate() {
        let (label, group) = label_at(u.span.start);
        if label == Label::Body {
            // A paragraph the page sets in its text is text, even when it
            // repeats a caption (a slideshow's caption shown again as the
            // story's paragraph); one carrying its own credit stays a caption.
            if matches!(&u.class, Class::Duplicate { credits, .. } if credits.is_empty()) {
                u.class = Class::Body;
            }
            continue;
        }
        let s = &text[u.span.clone()];
        // `<div class="captionlink"><p class="open">Caption</p><p
        // class="close">Close</p></div>`: a caption widget's button label.
        if label == Label::Caption && crate::leftover::is_widget_button(s) {
            u.class = Class::Leftover;
            continue;
        }
        u.block = GROUP_BLOCK + group.unwrap_or(0);
        let class = match (&u.class, label) {
            (Class::Leftover | Class::Duplicate { .. }, _) => continue,
            (Class::Caption { caption, .. }, Label::Caption) if !caption.is_empty() => u.class.clone(),
            (Class::Caption { .. }, Label::Credit) | (_, Label::Credit) => Class::Caption {
                caption: u.span.start..u.span.start,
                credits: vec![trimmed(s, u.span.clone())],
            },
            (Class::Caption { credits, .. }, _) if !credits.is_empty() => u.class.clone(),
            _ => Class::Caption {
                caption: trimmed(s, u.span.clone()),
                credits: Vec::new(),
            },
        };
        u.class = match &class {
            Class::Caption { caption, credits } if !caption.is_empty() => {
                let key = text[caption.clone()].to_lowercase();
                match seen.get(&key) {
                    Some(&of) => Class::Duplicate {
                        of,
                        credits: credits.clone(),
                    },
                    None => {
                        seen.insert(key, i);
                        class
                    }
                }
            }
            _ => class,
        };
    }
}

fn trimmed(s: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// Splits a photo wherever its units come from different picture blocks.
fn split_by_group(
    photos: Vec<Vec<usize>>,
    units: &[Unit],
    group_of: impl Fn(&Unit) -> Option<usize>,
) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for members in photos {
        let mut cur: Vec<usize> = Vec::new();
        let mut cur_group = None;
        for u in members {
            let g = group_of(&units[u]);
            if g.is_some() && cur_group.is_some() && g != cur_group && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if g.is_some() {
                cur_group = g;
            }
            cur.push(u);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// The photographers credited on one unit, for grouping.
fn creators_of(text: &str, unit: &Unit, table: &AgencyTable) -> Vec<String> {
    let credits = match &unit.class {
        Class::Caption { credits, .. } | Class::Duplicate { credits, .. } => credits,
        _ => return Vec::new(),
    };
    credits
        .iter()
        .flat_map(|r| credit::analyse(&text[r.clone()], table).credit.creators)
        .collect()
}

/// Whether bytes look like an HTML page: a BOM and then, after space and
/// comments, `<!doctype html`, `<html`, `<head`, `<body`, `<meta`, or any of
/// the common block tags early on.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let lower: Vec<u8> = head
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .map(u8::to_ascii_lowercase)
        .collect();
    if !lower.starts_with(b"<") {
        return false;
    }
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<!--",
        b"<title",
        b"<article",
        b"<div",
        b"<p>",
    ]
    .iter()
    .any(|t| lower.starts_with(t))
        || memchr::memmem::find(&lower, b"<html").is_some()
}

/// The charset a page declares: `<meta charset>` or `<meta http-equiv
/// content="…; charset=…">` in its first 4 KiB.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + k + "charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = rest.strip_prefix(b"=").or_else(|| {
            let t = rest.iter().position(|b| !b.is_ascii_whitespace())?;
            rest[t..].strip_prefix(b"=")
        });
        let Some(rest) = rest else { continue };
        let rest: Vec<u8> = rest
            .iter()
            .copied()
            .skip_while(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .collect();
        if let Some(enc) = encoding_rs::Encoding::for_label(&rest) {
            // A page saved as UTF-16 cannot declare it in ASCII; pages that say so are UTF-8.
            return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                enc
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_of_the_text_that_repeats_a_caption_stays_text() {
        let caption =
            "Nikki Haley will be leaving her role as ambassador to the United Nations by the end of the year.";
        let html = format!(
            "<article><h1>Haley to leave the U.N.</h1><figure><img src=a.jpg><figcaption>{caption} \
             Credit: Samuel Corum for The New York Times</figcaption></figure>\
             <p>{caption}</p><p>President Trump said on Tuesday that he was considering many candidates.</p></article>"
        );
        let doc = clean_html(&html, &Options::default());
        assert_eq!(doc.photos[0].captions, [caption]);
        assert!(doc.body.contains(&format!("\n\n{caption}\n\n")), "{}", doc.body);
    }

    #[test]
    fn standfirsts_author_cards_and_heading_slugs_are_not_captions() {
        let dek = "Republicans in Western North Carolina are grumbling about his last-minute announcement.";
        let bio = "NRO contributor Victor Davis Hanson is a senior fellow at the Hoover Institution.";
        let h3 = "Schwerpunkt Kommunikation: Im Frühjahr bietet der DJV zwei neue Online-Seminare an.";
        let html = format!(
            "<article><div class=\"media-item\"><h2>Meadows accused of timing retirement</h2>\
             <p class=\"dek\">{dek}</p><figure><img src=m.jpg><figcaption>Rep. Mark Meadows.</figcaption>\
             </figure></div><p>The congressman announced his retirement on Thursday, weeks before the deadline.</p>\
             <h3 id=\"schwerpunkt-kommunikation-grundlegende-techniken-fur-presse-und-offentlichkeitsarbeit\">{h3}</h3>\
             <figure class=\"inline-author-card\"><img src=a.jpg><figcaption class=\"inline-author-card__text\">\
             {bio}</figcaption></figure></article>"
        );
        let doc = clean_html(&html, &Options::default());
        for text in [dek, bio, h3] {
            assert!(doc.body.contains(text), "{text} not in {}", doc.body);
        }
        assert_eq!(doc.photos.len(), 1);
        assert_eq!(doc.photos[0].captions, ["Rep. Mark Meadows."]);
    }

    #[test]
    fn table_cells_are_set_apart_and_rows_are_paragraphs() {
        let html = "<article><p>Die Hauptserie der Einheit ist eine Lagen-Pyramide über 1.000 Meter.</p><table>\
                    <tr><th>Strecke</th><th>Aufgabe</th><th>Pause</th></tr>\
                    <tr><td>1.000 m</td><td>Pyramide: 50 m - 100 m (Lagen GA2)</td><td>20 s</td></tr></table></article>";
        let doc = clean_html(html, &Options::default());
        assert!(
            doc.body
                .ends_with("\n\nStrecke Aufgabe Pause\n\n1.000 m Pyramide: 50 m - 100 m (Lagen GA2) 20 s"),
            "{}",
            doc.body
        );
    }

    #[test]
    fn custom_elements_are_named_by_their_tag() {
        // epaper.zeit.de: the standfirst and the lead picture's credit are
        // inline custom elements, which ran into one caption-like line.
        let dek = "Zum Beispiel die Kollektivierung von Firmen wie BMW, sagt der Chef der Jusos.";
        let html = format!(
            "<div class=article><p class=title>Was heißt Sozialismus für Sie?</p> <subtitle>{dek}</subtitle> \
             <image-credits>Foto: Tibor Boz/Redux/laif</image-credits> <p>DIE ZEIT: Herr Kühnert, Sie nennen \
             sich einen Sozialisten. Was verstehen Sie darunter?</p><hl-share-overlay>Share on Pinterest\
             </hl-share-overlay></div>"
        );
        let doc = clean_html(&html, &Options::default());
        assert!(doc.body.split("\n\n").any(|p| p == dek), "{}", doc.body);
        assert!(!doc.body.contains("Pinterest"), "{}", doc.body);
        assert_eq!(doc.photos.len(), 1);
        assert!(doc.photos[0].captions.is_empty());
        assert_eq!(doc.photos[0].credit_line.as_deref(), Some("Foto: Tibor Boz/Redux/laif"));
    }

    #[test]
    fn menus_story_lists_comments_and_caption_buttons_are_not_text() {
        let html = "<article><ul class=\"main-nav\"><li><a href=/>News</a></li><li><a href=/s>Sports</a></li></ul>\
                    <div class=menu-item>Archive</div>\
                    <p>Unsold E-Pace vehicles sit at a Jaguar dealership in Littleton, Colorado, on Sunday.</p>\
                    <figure><img src=a.jpg><div class=captionlink><p class=open>Caption</p><p class=close>Close</p>\
                    </div><figcaption>A row of unsold cars. (AP Photo/David Zalubowski)</figcaption></figure>\
                    <div class=recommended-posts><p>Ten cars to buy this winter, ranked by our editors.</p></div>\
                    <div class=popular-list><p>Why Jaguar is betting on electric sports cars</p></div>\
                    <div id=kommentare><p>Ich finde, die Händler sollten die Preise endlich senken.</p></div>\
                    <div class=login-box><p>Hier anmelden</p></div></article>";
        let doc = clean_html(html, &Options::default());
        assert_eq!(
            doc.body,
            "Unsold E-Pace vehicles sit at a Jaguar dealership in Littleton, Colorado, on Sunday."
        );
        assert_eq!(doc.photos.len(), 1);
        assert_eq!(doc.photos[0].captions, ["A row of unsold cars."]);
        let removed: Vec<&str> = doc.removed.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(removed, ["Caption", "Close"]);
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html(b"\xef\xbb\xbf  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<!-- saved --><html lang=en>"));
        assert!(!looks_like_html(b"Title\n\n<p> in text"));
        assert!(!looks_like_html(b"Plain text"));
    }

    #[test]
    fn charsets() {
        let name = |b: &[u8]| declared_charset(b).map(|e| e.name());
        assert_eq!(name(b"<meta charset=\"ISO-8859-1\">"), Some("windows-1252"));
        assert_eq!(
            name(b"<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'>"),
            Some("Shift_JIS")
        );
        assert_eq!(name(b"<meta charset=utf-16>"), Some("UTF-8"));
        assert_eq!(name(b"<p>no charset</p>"), None);
    }

    #[test]
    fn c1_references_are_windows_1252() {
        let html = "<article><p>That was good news for BP &#151; which hadn&#146;t had much in a while, said the report on Tuesday.</p></article>";
        let doc = clean_html(html, &Options::default());
        assert!(doc.body.contains("news for BP — which hadn’t had"), "{}", doc.body);
    }

    #[test]
    fn spans_point_into_the_html() {
        let html = "<article><p>Body text that is long enough to be a paragraph of the article.</p>\
                    <figure><img src=a.jpg><figcaption>The caption &amp; more <span class=credit>Foto: dpa</span></figcaption></figure></article>";
        let doc = clean_html(html, &Options::default());
        let ph = &doc.photos[0];
        assert_eq!(ph.captions, ["The caption & more"]);
        assert_eq!(ph.credit_line.as_deref(), Some("Foto: dpa"));
        let cap = &ph.spans[0];
        assert_eq!(&html[cap.start..cap.end], "The caption &amp; more");
        let cr = &ph.spans[1];
        assert_eq!(&html[cr.start..cr.end], "Foto: dpa");
    }
}
