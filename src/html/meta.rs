//! Photos the page describes outside its text: JSON-LD `ImageObject`s
//! (`caption`, `creditText`, `creator`, `copyrightHolder`) and `og:image`.
//! A described image that is already a photo of the document fills in what
//! that photo lacks; another one becomes a photo of its own (no spans: it is
//! not in the text).

use super::dom::Dom;
use crate::AgencyTable;
use crate::credit::{Credit, analyse};
use crate::document::{Document, Photo};
use crate::lang::{self, Language};
use serde_json::Value;

/// An image the page's metadata describes.
#[derive(Debug, Default, PartialEq)]
struct Described {
    src: Option<String>,
    caption: Option<String>,
    credits: Vec<String>,
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(super::extract::decode_entities(s.trim()).into_owned()).filter(|s| !s.is_empty()),
        Value::Object(o) => o.get("name").and_then(text_of),
        Value::Array(a) => a.iter().find_map(text_of),
        _ => None,
    }
}

fn is_image_object(o: &serde_json::Map<String, Value>) -> bool {
    match o.get("@type") {
        Some(Value::String(t)) => t == "ImageObject",
        Some(Value::Array(a)) => a.iter().any(|t| t == "ImageObject"),
        _ => false,
    }
}

fn collect(v: &Value, out: &mut Vec<Described>) {
    match v {
        Value::Object(o) => {
            if is_image_object(o) {
                let src = ["contentUrl", "url"].iter().find_map(|k| o.get(*k).and_then(text_of));
                let mut credits = Vec::new();
                for k in ["creditText", "creator", "author", "copyrightHolder"] {
                    if let Some(c) = o.get(k).and_then(text_of)
                        && !credits.contains(&c)
                    {
                        credits.push(c);
                    }
                }
                let caption = ["caption", "description"]
                    .iter()
                    .find_map(|k| o.get(*k).and_then(text_of));
                out.push(Described { src, caption, credits });
            }
            o.values().for_each(|x| collect(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

fn same_src(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.split(['?', '#'])
            .next()
            .unwrap_or(s)
            .trim_start_matches("https:")
            .trim_start_matches("http:")
            .to_string()
    };
    key(a) == key(b)
}

/// Adds the metadata's photos to `doc`.
pub fn add_metadata(dom: &Dom, doc: &mut Document, table: &AgencyTable) {
    let mut described = Vec::new();
    for raw in &dom.ld_json {
        if let Ok(v) = serde_json::from_str::<Value>(raw.trim()) {
            collect(&v, &mut described);
        }
    }
    if let Some(og) = dom
        .elems
        .iter()
        .find(|e| &*e.name == "meta" && e.attr("property").or(e.attr("name")).is_some_and(|p| p == "og:image"))
        && let Some(src) = og.attr("content").filter(|c| !c.is_empty())
    {
        let src = super::extract::decode_entities(src).into_owned();
        if !described
            .iter()
            .any(|d| d.src.as_deref().is_some_and(|s| same_src(s, &src)))
        {
            described.push(Described {
                src: Some(src),
                ..Described::default()
            });
        }
    }
    for d in described {
        let known = doc.photos.iter_mut().find(|p| {
            d.src
                .as_deref()
                .zip(p.src.as_deref())
                .is_some_and(|(a, b)| same_src(a, b))
                || d.caption
                    .as_deref()
                    .is_some_and(|c| p.captions.iter().any(|x| c.contains(x.as_str())))
        });
        match known {
            Some(p) if p.src.is_none() => p.src = d.src,
            Some(_) => {}
            None if d.caption.is_some() || !d.credits.is_empty() || d.src.is_some() => {
                let id = doc.photos.len() + 1;
                doc.photos.push(photo(id, d, &doc.lang, table));
            }
            None => {}
        }
    }
}

fn photo(id: usize, d: Described, doc_lang: &Language, table: &AgencyTable) -> Photo {
    let credits: Vec<Credit> = d.credits.iter().map(|c| analyse(c, table).credit).collect();
    let captions: Vec<String> = d.caption.into_iter().collect();
    let (lang, lang_source) = match captions.first() {
        Some(c) => {
            let (l, detected) = lang::detect_caption(c, doc_lang);
            (Some(l), Some(if detected { "detected" } else { "inherited" }))
        }
        None => (None, None),
    };
    let mut creators: Vec<String> = Vec::new();
    let mut agencies = Vec::new();
    for c in &credits {
        creators.extend(
            c.creators
                .iter()
                .filter(|n| !creators.contains(n))
                .cloned()
                .collect::<Vec<_>>(),
        );
        for a in &c.agencies {
            if !agencies.iter().any(|x: &crate::AgencyRef| x.same_as(a)) {
                agencies.push(a.clone());
            }
        }
    }
    Photo {
        id,
        captions,
        lang,
        lang_source,
        credit_line: (!credits.is_empty()).then(|| d.credits.join("; ")),
        creators,
        agencies,
        via: credits.iter().find_map(|c| c.via.clone()),
        file_photo: credits.iter().any(|c| c.file_photo),
        pool: credits.iter().any(|c| c.pool),
        handout: credits.iter().any(|c| c.handout),
        credits,
        spans: Vec::new(),
        src: d.src,
        alt: None,
    }
}
