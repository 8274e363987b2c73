//! The HTML path on arbitrary bytes, decoded as `capsift clean --lossy`
//! decodes a page (its declared charset, UTF-8 first when the bytes are):
//! never panics, the document serialises to JSON, and every span lies inside
//! the page on character boundaries.
#![no_main]

use capsift::decode::{DecodeOptions, decode_declared_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let opts = DecodeOptions { lossy: true, ..DecodeOptions::default() };
    let Ok(decoded) = decode_declared_bytes(bytes, capsift::html::declared_charset(bytes), &opts) else {
        return;
    };
    let html = decoded.text;
    let doc = capsift::html::clean_html(&html, &capsift::Options::default());
    serde_json::to_string(&doc).expect("documents serialise");
    let photos = doc.photos.iter().flat_map(|p| p.spans.iter().map(|s| (s.start, s.end)));
    let others = doc.removed.iter().map(|r| (r.start, r.end)).chain(doc.sources.iter().map(|s| (s.start, s.end)));
    for (start, end) in photos.chain(others) {
        assert!(start <= end && end <= html.len(), "span {start}..{end} outside the page");
        assert!(html.is_char_boundary(start) && html.is_char_boundary(end), "span {start}..{end} splits a character");
    }
});
