//! Golden tests: every `fixtures/<case>/input.txt` is cleaned and compared
//! whole with `fixtures/<case>/expected.json`. Set `CAPSIFT_BLESS=1` to
//! (re)write the expected files, then read the diff before committing.
//!
//! The same fixtures are checked for conservation: every piece of the input
//! ends up in the title, the body, a photo span, a source note or `removed`.

mod common;

use capsift::document::SpanRole;
use capsift::{Document, Options, clean};
use std::fs;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir("fixtures")
        .expect("fixtures/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("input.txt").exists())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 16, "expected at least 16 fixtures, found {}", dirs.len());
    dirs
}

fn run(dir: &Path) -> (String, Document) {
    let input = fs::read_to_string(dir.join("input.txt")).expect("fixture inputs are UTF-8");
    let doc = clean(&input, &Options::default());
    (input, doc)
}

#[test]
fn golden_outputs_match() {
    let bless = std::env::var_os("CAPSIFT_BLESS").is_some();
    let mut failures = Vec::new();
    for dir in cases() {
        let (_, doc) = run(&dir);
        let got = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        let path = dir.join("expected.json");
        if bless {
            fs::write(&path, &got).unwrap();
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!(
                "{}: output differs\n{}",
                dir.display(),
                first_difference(&want, &got)
            )),
            Err(_) => failures.push(format!(
                "{}: no expected.json (run with CAPSIFT_BLESS=1)",
                dir.display()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixtures differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The first differing line of two outputs.
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<_>, Vec<_>) = (want.lines().collect(), got.lines().collect());
    let i = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    format!(
        "  line {}:\n  want: {}\n  got:  {}",
        i + 1,
        w.get(i).unwrap_or(&"<end>"),
        g.get(i).unwrap_or(&"<end>")
    )
}

#[test]
fn nothing_is_lost() {
    for dir in cases() {
        let (input, doc) = run(&dir);
        check_conservation(&dir.display().to_string(), &input, &doc);
    }
}

fn check_conservation(name: &str, input: &str, doc: &Document) {
    if let Some(line) = common::lost_line(input, doc) {
        panic!("{name}: input line lost: {line:?}");
    }
}

#[test]
fn spans_point_at_what_they_name() {
    for dir in cases() {
        let (input, doc) = run(&dir);
        for p in &doc.photos {
            let spans = p.spans.iter().filter(|s| s.role == SpanRole::Caption);
            for (span, caption) in spans.zip(&p.captions) {
                let text = capsift::normalize::normalize(&input[span.start..span.end]).text;
                assert_eq!(&text, caption, "{}: photo {} caption span", dir.display(), p.id);
            }
            for credit in &p.credits {
                let found = p.spans.iter().any(|s| {
                    s.role != SpanRole::Caption
                        && capsift::normalize::normalize(&input[s.start..s.end])
                            .text
                            .contains(&credit.raw)
                });
                assert!(
                    found,
                    "{}: photo {}: no span holds credit {:?}",
                    dir.display(),
                    p.id,
                    credit.raw
                );
            }
        }
        for s in &doc.sources {
            let text = capsift::normalize::normalize(&input[s.start..s.end]).text;
            assert_eq!(text, s.raw, "{}", dir.display());
        }
    }
}
