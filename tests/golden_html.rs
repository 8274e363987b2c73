//! Golden tests of HTML input: every `fixtures/html-<case>/input.html` is
//! cleaned and compared whole with `expected.json` beside it. Set
//! `CAPSIFT_BLESS=1` to (re)write the expected files, then read the diff.

use capsift::Options;
use capsift::html::clean_html;
use std::fs;
use std::path::PathBuf;

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir("fixtures")
        .expect("fixtures/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("input.html").exists())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 3,
        "expected at least 3 HTML fixtures, found {}",
        dirs.len()
    );
    dirs
}

#[test]
fn golden_html_outputs_match() {
    let bless = std::env::var_os("CAPSIFT_BLESS").is_some();
    let mut failures = Vec::new();
    for dir in cases() {
        let html = fs::read_to_string(dir.join("input.html")).expect("fixture pages are UTF-8");
        let doc = clean_html(&html, &Options::default());
        let got = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        let path = dir.join("expected.json");
        if bless {
            fs::write(&path, &got).unwrap();
        } else if fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
            failures.push(dir.display().to_string());
        }
    }
    assert!(failures.is_empty(), "HTML fixtures differ: {failures:?}");
}

/// Every caption and credit span points at the same text in the page.
#[test]
fn spans_point_into_the_page() {
    for dir in cases() {
        let html = fs::read_to_string(dir.join("input.html")).unwrap();
        let doc = clean_html(&html, &Options::default());
        for p in &doc.photos {
            for s in &p.spans {
                let written = html_escape::decode_html_entities(&html[s.start..s.end]).into_owned();
                let found = p.captions.iter().any(|c| written.contains(c.trim_end_matches('.')))
                    || p.credits.iter().any(|c| written.contains(&c.raw))
                    || s.role == capsift::document::SpanRole::Duplicate;
                assert!(found, "{}: span {:?} holds {written:?}", dir.display(), s);
            }
        }
    }
}
