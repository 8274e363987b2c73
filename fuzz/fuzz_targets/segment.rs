//! Normalisation and segmentation on arbitrary text: blocks and lines lie
//! inside the normalised text, in order, and the offset map stays inside
//! the input.
#![no_main]

use capsift::{normalize, segment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let norm = normalize::normalize(input);
    let mut last = 0;
    for block in segment::segment(&norm.text) {
        assert!(block.span.start >= last && block.span.end <= norm.text.len());
        for line in &block.lines {
            assert!(line.start >= block.span.start && line.end <= block.span.end);
        }
        last = block.span.end;
        assert!(norm.map.to_input(block.span.end) <= input.len());
    }
});
