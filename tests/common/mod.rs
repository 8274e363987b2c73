//! Checks shared by the golden and property tests.

use capsift::Document;

/// Every line of the input is covered by the document's spans (photos,
/// sources, removed) or appears, normalised, in the title or the body.
/// Returns the first line that is lost.
pub fn lost_line(input: &str, doc: &Document) -> Option<String> {
    let mut covered = vec![false; input.len()];
    let mut cover = |s: usize, e: usize| {
        covered[s.min(input.len())..e.min(input.len())]
            .iter_mut()
            .for_each(|c| *c = true)
    };
    for p in &doc.photos {
        for s in &p.spans {
            cover(s.start, s.end);
        }
    }
    doc.sources.iter().for_each(|s| cover(s.start, s.end));
    doc.removed.iter().for_each(|r| cover(r.start, r.end));
    let mut pos = 0;
    for line in input.split_inclusive(['\n', '\r']) {
        let start = pos;
        pos += line.len();
        let uncovered = line
            .char_indices()
            .filter(|&(i, c)| !covered[start + i] && !c.is_whitespace())
            .any(|(_, c)| c.is_alphanumeric());
        if !uncovered {
            continue; // only brackets and separators between credits are left
        }
        let norm = capsift::normalize::normalize(line).text;
        let norm = norm.trim();
        if norm.is_empty() {
            continue; // invisible characters only
        }
        let in_text = doc.body.contains(norm) || doc.title.as_deref().is_some_and(|t| t.contains(norm));
        if !in_text {
            return Some(norm.to_string());
        }
    }
    None
}
