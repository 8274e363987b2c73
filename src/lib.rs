//! capsift separates article text from photo captions, credits and source
//! notes in scraped news, and parses every credit into structured data.
//!
//! The library is a pipeline of small stages, each a module with one job:
//! [`decode`] → [`normalize`] → [`segment`] → [`classify`] → [`credit`] →
//! [`photo`] → [`lang`] → [`document`]. [`clean`] runs them all.
//!
//! ```
//! let text = "Kim visits a factory\n\n\
//!             Kim Jong Un inspected a munitions factory on Friday, state media said.\n\n\
//!             Kim Jong Un at the factory (KCNA via KNS/AFP)\n\n\
//!             The visit came days before the talks in Moscow.\n";
//! let doc = capsift::clean(text, &capsift::Options::default());
//! assert_eq!(doc.title.as_deref(), Some("Kim visits a factory"));
//! assert_eq!(doc.photos.len(), 1);
//! assert_eq!(doc.photos[0].captions, ["Kim Jong Un at the factory"]);
//! assert!(!doc.body.contains("KCNA"));
//! ```

pub mod agency;
pub mod caption_shape;
pub mod citation;
pub mod classify;
pub mod credit;
pub mod decode;
pub mod document;
pub mod eval;
pub mod html;
pub mod lang;
pub mod leftover;
pub mod normalize;
pub mod photo;
pub mod segment;
pub mod source_note;
mod text;

pub use agency::{Agency, AgencyTable};
pub use credit::{AgencyRef, Credit};
pub use document::{Document, Photo};

use std::sync::Arc;

/// How to clean.
#[derive(Debug, Clone)]
pub struct Options {
    /// The agency table; the built-in one when `None`.
    pub agencies: Option<Arc<AgencyTable>>,
    /// The input's name, reported as `source` in the document.
    pub source: Option<String>,
    /// Longest caption, in words: a longer paragraph that ends like a credit
    /// stays in the body (with a warning).
    pub max_caption_words: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            agencies: None,
            source: None,
            max_caption_words: classify::DEFAULT_MAX_CAPTION_WORDS,
        }
    }
}

impl Options {
    /// The agency table in use.
    pub fn table(&self) -> &AgencyTable {
        self.agencies.as_deref().unwrap_or_else(|| AgencyTable::builtin())
    }
}

/// Cleans one article given as decoded text.
pub fn clean(input: &str, opts: &Options) -> Document {
    let table = opts.table();
    let norm = normalize::normalize(input);
    let blocks = segment::segment(&norm.text);
    // One scan for agency names serves both the credit search and citations.
    let scan = agency::TextScan::new(table, &norm.text);
    let (units, warnings) = classify::classify_scanned(&norm.text, &blocks, &scan, opts.max_caption_words);
    let photos = photo::group(&units, |i| creators_of(&norm.text, &units[i], table));
    document::assemble(document::Parts {
        text: &norm.text,
        map: &norm.map,
        units: &units,
        photos: &photos,
        scan: &scan,
        warnings,
        source: opts.source.clone(),
        line_per_paragraph: segment::is_line_per_paragraph(&norm.text),
    })
}

/// The photographers credited on one unit, for grouping.
fn creators_of(text: &str, unit: &classify::Unit, table: &AgencyTable) -> Vec<String> {
    let credits = match &unit.class {
        classify::Class::Caption { credits, .. } | classify::Class::Duplicate { credits, .. } => credits,
        _ => return Vec::new(),
    };
    credits
        .iter()
        .flat_map(|r| credit::analyse(&text[r.clone()], table).credit.creators)
        .collect()
}
