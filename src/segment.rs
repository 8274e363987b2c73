//! Segmentation: normalised text into blocks and lines.
//!
//! Scrapers separate paragraphs with a blank line and keep a `<br>` as a
//! single newline inside one (two caption lines of one picture often share a
//! block). Some emit one paragraph per line with no blank lines at all; then
//! every line is a block of its own.
//!
//! ```
//! use capsift::segment::segment;
//! let blocks = segment("Title\n\nFirst.\nSecond line.\n\nThird.\n");
//! assert_eq!(blocks.len(), 3);
//! assert_eq!(blocks[1].lines.len(), 2);
//! ```

use std::ops::Range;

/// A paragraph: lines with no blank line between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range in the normalised text, without the final newline.
    pub span: Range<usize>,
    /// The non-empty lines of the block, as byte ranges.
    pub lines: Vec<Range<usize>>,
}

/// The text has no blank lines and more than one line: one paragraph per
/// line. The body is then written back the same way, so that cleaning the
/// clean text again changes nothing.
pub fn is_line_per_paragraph(text: &str) -> bool {
    let lines = line_ranges(text);
    lines.len() > 1 && !lines.windows(2).any(|w| w[1].start > w[0].end + 1)
}

/// Splits normalised text into blocks. Blocks never contain an empty line and
/// never start or end with a newline.
pub fn segment(text: &str) -> Vec<Block> {
    let lines = line_ranges(text);
    let blank_separated = lines.windows(2).any(|w| w[1].start > w[0].end + 1);
    let mut blocks: Vec<Block> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for line in lines {
        // Adjacent lines (only a newline between them) share a block.
        let joins = blank_separated && prev_end.is_some_and(|e| line.start == e + 1);
        match blocks.last_mut() {
            Some(b) if joins => {
                b.span.end = line.end;
                b.lines.push(line.clone());
            }
            _ => blocks.push(Block {
                span: line.clone(),
                lines: vec![line.clone()],
            }),
        }
        prev_end = Some(line.end);
    }
    blocks
}

/// The ranges of the non-empty lines of `text`.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        if nl > start && !text[start..nl].trim().is_empty() {
            out.push(start..nl);
        }
        start = nl + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(t: &'a str, blocks: &[Block]) -> Vec<&'a str> {
        blocks.iter().map(|b| &t[b.span.clone()]).collect()
    }

    #[test]
    fn blank_lines_separate_blocks() {
        let t = "A\n\n\n\nB\nC\n\nD";
        assert_eq!(texts(t, &segment(t)), ["A", "B\nC", "D"]);
    }

    #[test]
    fn one_paragraph_per_line() {
        let t = "Headline\nFirst paragraph.\nCaption (AP)\nSecond.\n";
        let b = segment(t);
        assert_eq!(
            texts(t, &b),
            ["Headline", "First paragraph.", "Caption (AP)", "Second."]
        );
    }

    #[test]
    fn empty_and_blank_input() {
        assert!(segment("").is_empty());
        assert!(segment("\n\n \n").is_empty());
    }
}
