//! The JSON-LD `articleBody` as a fallback for the article text.
//!
//! Some pages render the article with a script: the markup holds a teaser,
//! a paywall stub or nothing, while the page's JSON-LD (`NewsArticle`,
//! `Article`, `BlogPosting`, …, also inside `@graph` or arrays) carries the
//! whole text. When the container the walk chose holds clearly less article
//! text than that `articleBody`, the `articleBody` paragraphs join the page
//! (see [`merge`]) so the article is not lost.
//!
//! Spans stay honest: the string literal is found again in the script's
//! source text and decoded there, so every character of a paragraph maps to
//! the byte in the decoded HTML it came from: a JSON escape (`\n`,
//! `\u00e9`) or an entity (`&amp;`) maps to its first byte, and tags that
//! some sites leave in the text (`<p>…</p>`) are dropped and end a paragraph.
//! Where the literal cannot be found again (an unusual key spelling), the
//! paragraphs point at the start of the script text.

use super::dom::Dom;
use super::extract::{Label, Page, Para};
use serde_json::Value;

/// The `articleBody` must be at least this long (bytes of text) to be used:
/// shorter ones are teasers or descriptions, not an article.
const MIN_BODY: usize = 300;

/// The container holds "clearly less" text when the `articleBody` holds more
/// than this many times its body text.
const CLEARLY_MORE: usize = 2;

/// `@type`s whose `articleBody` is the article: `Article` and its kinds
/// (`NewsArticle`, `ReportageNewsArticle`, `BlogPosting`, …).
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t.ends_with("BlogPosting") || t == "Report"
}

fn is_article(o: &serde_json::Map<String, Value>) -> bool {
    match o.get("@type") {
        Some(Value::String(t)) => is_article_type(t),
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(is_article_type)),
        _ => false,
    }
}

/// The longest `articleBody` string of an article object anywhere in `v`.
fn longest_body(v: &Value, best: &mut Option<String>) {
    match v {
        Value::Object(o) => {
            if is_article(o)
                && let Some(Value::String(b)) = o.get("articleBody")
                && best.as_ref().is_none_or(|x| b.len() > x.len())
            {
                *best = Some(b.clone());
            }
            o.values().for_each(|x| longest_body(x, best));
        }
        Value::Array(a) => a.iter().for_each(|x| longest_body(x, best)),
        _ => {}
    }
}

/// Decodes the JSON string literal starting at `raw[at]` (the opening
/// quote): each character with its byte offset in `raw`.
fn json_literal(raw: &str, at: usize) -> Option<Vec<(char, usize)>> {
    let b = raw.as_bytes();
    if b.get(at) != Some(&b'"') {
        return None;
    }
    let mut out = Vec::new();
    let mut i = at + 1;
    let hex = |i: usize| raw.get(i..i + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
    while i < b.len() {
        let c = raw[i..].chars().next()?;
        match c {
            '"' => return Some(out),
            '\\' => {
                let e = *b.get(i + 1)?;
                let (ch, len) = match e {
                    b'n' => ('\n', 2),
                    b't' => ('\t', 2),
                    b'r' => ('\r', 2),
                    b'b' => ('\u{8}', 2),
                    b'f' => ('\u{c}', 2),
                    b'u' => {
                        let hi = hex(i + 2)?;
                        if (0xD800..0xDC00).contains(&hi)
                            && raw.get(i + 6..i + 8) == Some("\\u")
                            && let Some(lo) = hex(i + 8).filter(|lo| (0xDC00..0xE000).contains(lo))
                        {
                            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            (char::from_u32(cp)?, 12)
                        } else {
                            (char::from_u32(hi).unwrap_or('\u{fffd}'), 6)
                        }
                    }
                    other => (other as char, 2),
                };
                out.push((ch, i));
                i += len;
            }
            c => {
                out.push((c, i));
                i += c.len_utf8();
            }
        }
    }
    None
}

/// Decodes HTML entities, keeping each result's source offset.
fn entities(chars: Vec<(char, usize)>) -> Vec<(char, usize)> {
    if !chars.iter().any(|&(c, _)| c == '&') {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let (c, at) = chars[i];
        if c == '&'
            && let Some(len) = chars[i..].iter().take(33).position(|&(c, _)| c == ';')
        {
            let ent: String = chars[i..=i + len].iter().map(|&(c, _)| c).collect();
            let dec = super::extract::decode_entities(&ent);
            if dec != ent {
                out.extend(dec.chars().map(|d| (d, at)));
                i += len + 1;
                continue;
            }
        }
        out.push((c, at));
        i += 1;
    }
    out
}

/// Drops tags left in the text; block tags become line breaks.
fn strip_tags(chars: Vec<(char, usize)>) -> Vec<(char, usize)> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let (c, at) = chars[i];
        let starts_tag = c == '<'
            && chars
                .get(i + 1)
                .is_some_and(|&(n, _)| n.is_ascii_alphabetic() || n == '/' || n == '!');
        if starts_tag && let Some(len) = chars[i..].iter().take(2000).position(|&(c, _)| c == '>') {
            let name: String = chars[i + 1..i + len]
                .iter()
                .map(|&(c, _)| c)
                .skip_while(|&c| c == '/')
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            // The page's block elements, and the breaks that end a line.
            if super::extract::BLOCKS.contains(&name.as_str()) || matches!(name.as_str(), "br" | "hr" | "body") {
                out.push(('\n', at));
            }
            i += len + 1;
            continue;
        }
        out.push((c, at));
        i += 1;
    }
    out
}

/// Splits at line breaks into paragraphs with whitespace collapsed; `base`
/// is added to every offset.
fn paragraphs(chars: &[(char, usize)], base: usize) -> Vec<Para> {
    let mut paras = Vec::new();
    for line in chars.split(|&(c, _)| c == '\n' || c == '\r' || c == '\u{2029}') {
        let mut text = String::new();
        let mut map: Vec<(usize, usize)> = Vec::new();
        let mut next_src = usize::MAX;
        let mut space = false;
        for &(c, at) in line {
            if c.is_whitespace() {
                space = !text.is_empty();
                continue;
            }
            if space {
                text.push(' ');
                space = false;
            }
            if at != next_src {
                map.push((text.len(), base + at));
            }
            text.push(c);
            next_src = at + c.len_utf8();
        }
        if !text.is_empty() {
            paras.push(Para {
                text,
                map,
                label: Label::Body,
                group: None,
            });
        }
    }
    paras
}

/// The page's `articleBody` as body paragraphs, if it has one long enough.
pub fn article_body(dom: &Dom) -> Option<Vec<Para>> {
    let mut found: Option<(String, usize)> = None;
    for (k, raw) in dom.ld_json.iter().enumerate() {
        let Ok(v) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut best = None;
        longest_body(&v, &mut best);
        if let Some(b) = best
            && found.as_ref().is_none_or(|(x, _)| b.len() > x.len())
        {
            found = Some((b, k));
        }
    }
    let (body, k) = found?;
    if body.trim().len() < MIN_BODY {
        return None;
    }
    let raw = &dom.ld_json[k];
    let base = dom.ld_json_at.get(k).copied().unwrap_or(0);
    // The literal in the source whose value is this body.
    let located = raw.match_indices("\"articleBody\"").find_map(|(i, key)| {
        let rest = &raw[i + key.len()..];
        let colon = rest.trim_start().strip_prefix(':')?;
        let at = raw.len() - colon.trim_start().len();
        let chars = json_literal(raw, at)?;
        (chars.iter().map(|&(c, _)| c).eq(body.chars())).then_some(chars)
    });
    let chars = located.unwrap_or_else(|| body.chars().map(|c| (c, 0)).collect());
    let paras = paragraphs(&strip_tags(entities(chars)), base);
    (!paras.is_empty()).then_some(paras)
}

fn key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether the page's own body text is clearly less than `body`'s.
pub fn clearly_less(page: &Page, body: &[Para]) -> bool {
    let len = |ps: &mut dyn Iterator<Item = &Para>| ps.map(|p| p.text.len()).sum::<usize>();
    let own = len(&mut page.paras.iter().filter(|p| p.label == Label::Body));
    let theirs = len(&mut body.iter());
    own * CLEARLY_MORE < theirs
}

/// Puts the `articleBody` paragraphs into the page. The page's body
/// paragraphs that the `articleBody` repeats give way to it (the text is
/// kept, once); the rest of the page (headline, pictures, captions, text
/// the `articleBody` lacks) stays where it was. The `articleBody` goes where
/// the first repeated paragraph was, else after the page's paragraphs.
pub fn merge(page: &mut Page, body: Vec<Para>) {
    let all = key(&body.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" "));
    // Short paragraphs ("Share", a date) can occur in any text by chance;
    // only a sentence-long one is a repeat.
    let repeated = |p: &Para| {
        let k = key(&p.text);
        p.label == Label::Body && k.len() >= 40 && all.contains(&k)
    };
    let at = page.paras.iter().position(repeated);
    let mut kept: Vec<Para> = Vec::with_capacity(page.paras.len() + body.len());
    let mut body = Some(body);
    for (i, p) in std::mem::take(&mut page.paras).into_iter().enumerate() {
        if Some(i) == at {
            kept.extend(body.take().into_iter().flatten());
        }
        if !repeated(&p) {
            kept.push(p);
        }
    }
    kept.extend(body.into_iter().flatten());
    page.paras = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_escapes_map_to_their_source() {
        let raw = r#""a\"b\u00e9\ud83d\ude00\nc""#;
        let chars = json_literal(raw, 0).unwrap();
        let s: String = chars.iter().map(|&(c, _)| c).collect();
        assert_eq!(s, "a\"bé😀\nc");
        let at: Vec<usize> = chars.iter().map(|&(_, a)| a).collect();
        assert_eq!(at, [1, 2, 4, 5, 11, 23, 25]);
    }

    #[test]
    fn tags_and_entities_end_or_join_paragraphs() {
        let chars: Vec<(char, usize)> = "<p>One &amp; two</p><p>Three<br>four</p>"
            .char_indices()
            .map(|(i, c)| (c, i))
            .collect();
        let paras = paragraphs(&strip_tags(entities(chars)), 100);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["One & two", "Three", "four"]);
        // "two" is at byte 13 of the source, after the entity.
        assert_eq!(paras[0].to_html(6), 113);
    }

    #[test]
    fn paragraphs_point_into_the_script() {
        let html = r#"<script type="application/ld+json">{"@graph":[{"@type":["NewsArticle"],
            "articleBody":"First paragraph of a long article, written by the newsroom.\n\nSecond: caf\u00e9 &amp; bar \/ more text."}]}</script><p>x</p>"#;
        let dom = super::super::dom::parse(html);
        // Below the minimum length: not an article.
        assert!(article_body(&dom).is_none());
        let long = html.replace("more text.", &"more text. ".repeat(30));
        let dom = super::super::dom::parse(&long);
        let paras = article_body(&dom).unwrap();
        assert_eq!(
            paras[0].text,
            "First paragraph of a long article, written by the newsroom."
        );
        assert!(paras[1].text.starts_with("Second: café & bar / more text."));
        let at = |p: &Para, pos: usize| &long[p.to_html(pos)..];
        assert!(at(&paras[0], 0).starts_with("First paragraph"));
        assert!(at(&paras[1], 0).starts_with("Second: caf\\u00e9"));
        assert!(at(&paras[1], "Second: caf".len()).starts_with("\\u00e9 &amp;"));
        assert!(at(&paras[1], "Second: café ".len()).starts_with("&amp; bar"));
        assert!(at(&paras[1], "Second: café & ".len()).starts_with("bar \\/"));
    }

    #[test]
    fn a_full_container_keeps_its_text() {
        let body = |s: &str| Para {
            text: s.to_string(),
            map: Vec::new(),
            label: Label::Body,
            group: None,
        };
        let sentence = "A sentence of the article that is long enough to count as a repeat.";
        let mut page = Page {
            paras: vec![body("Headline"), body(sentence), body("Share")],
            groups: Vec::new(),
        };
        let teaser = vec![body(sentence)];
        assert!(!clearly_less(&page, &teaser));
        let full = vec![body(sentence), body(&"More of the article text. ".repeat(20))];
        assert!(clearly_less(&page, &full));
        merge(&mut page, full);
        let texts: Vec<&str> = page.paras.iter().map(|p| p.text.get(..8).unwrap_or(&p.text)).collect();
        assert_eq!(texts, ["Headline", "A senten", "More of ", "Share"]);
    }
}
