//! The whole pipeline on arbitrary bytes, decoded as `capsift clean --lossy`
//! does: never panics, and the document serialises to JSON.
#![no_main]

use capsift::decode::{DecodeOptions, decode_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let opts = DecodeOptions { lossy: true, ..DecodeOptions::default() };
    if let Ok(decoded) = decode_bytes(bytes, &opts) {
        let doc = capsift::clean(&decoded.text, &capsift::Options::default());
        serde_json::to_string(&doc).expect("documents serialise");
    }
});
