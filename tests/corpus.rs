//! Quality on the public labelled corpus (`../shared/corpus/real`, beside
//! the checkout here and in CI). Fails when body retention, removal
//! precision, caption recall or credited-caption recall fall below the floors measured when
//! this test was written: a regression guard, not the goal (README,
//! "Quality", has the targets and the current figures).

use capsift::eval::{Labelled, Tally, score_document};
use capsift::{Options, clean};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

const CORPUS: &str = "../shared/corpus/real";
const MIN_BODY_RETENTION: f64 = 0.990;
const MIN_REMOVAL_PRECISION: f64 = 0.81;
const MIN_CREDITED_RECALL: f64 = 0.85;
const MIN_CAPTION_RECALL: f64 = 0.47;

#[test]
fn corpus_quality_does_not_regress() {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        eprintln!("{CORPUS} not found: corpus quality not measured");
        return;
    }
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(String::from))
        .collect();
    ids.sort();
    let scores: Vec<(String, Tally)> = ids
        .par_iter()
        .map(|id| {
            let gold: Labelled =
                serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{id}.json"))).unwrap())
                    .unwrap_or_else(|e| panic!("{id}.json: {e}"));
            let text = std::fs::read_to_string(dir.join(format!("{id}.txt"))).unwrap();
            let doc = clean(&text, &Options::default());
            (gold.lang.clone(), score_document(&gold, &doc).tally)
        })
        .collect();
    let mut all = Tally::default();
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    for (lang, t) in &scores {
        all.add(t);
        by_lang.entry(lang.clone()).or_default().add(t);
    }
    for (lang, t) in &by_lang {
        eprintln!("{lang}: {}", summary(t));
    }
    eprintln!("all: {}", summary(&all));
    assert!(all.docs >= 300, "only {} documents read", all.docs);
    let body = all.body_retention().unwrap();
    let precision = all.removal_precision().unwrap();
    let credited = all.credited_recall().unwrap();
    let captions = all.caption_recall().unwrap();
    assert!(
        captions >= MIN_CAPTION_RECALL,
        "caption recall {captions:.3} < {MIN_CAPTION_RECALL}"
    );
    assert!(
        body >= MIN_BODY_RETENTION,
        "body retention {body:.4} < {MIN_BODY_RETENTION}"
    );
    assert!(
        precision >= MIN_REMOVAL_PRECISION,
        "removal precision {precision:.3} < {MIN_REMOVAL_PRECISION}"
    );
    assert!(
        credited >= MIN_CREDITED_RECALL,
        "credited-caption recall {credited:.3} < {MIN_CREDITED_RECALL}"
    );
}

fn summary(t: &Tally) -> String {
    let f = |x: Option<f64>| x.map_or("-".into(), |v| format!("{v:.3}"));
    format!(
        "docs {} caption recall {} (credited {}) body retention {} (100+ chars {}) removal precision {} removed {}",
        t.docs,
        f(t.caption_recall()),
        f(t.credited_recall()),
        f(t.body_retention()),
        f(t.long_body_retention()),
        f(t.removal_precision()),
        t.body_removed()
    )
}

/// The saved pages of the same corpus, read as HTML through the CLI (which
/// decodes `.html.gz` and the declared charset). Floors: issue #8's targets
/// for captions, and just under today's figure for long body paragraphs
/// (0.976: 12 of the 129 long paragraphs counted lost are in the body, but
/// decoded right, while their labels keep the mojibake of a page saved as
/// UTF-8 under an `iso-8859-15` declaration; 92 are reader comments,
/// related-story teasers and menus, which the labels call body and issue #8
/// says are not article text).
/// A ceiling on the body text found in no labelled paragraph (page
/// furniture kept as article text), just above today's 0.175.
const HTML_PAGES: &str = "../shared/corpus/html";
const MIN_HTML_CAPTION_RECALL: f64 = 0.97;
const MIN_HTML_CREDITED_RECALL: f64 = 0.99;
const MIN_HTML_LONG_BODY: f64 = 0.976;
const MAX_HTML_UNLABELLED: f64 = 0.18;

#[test]
fn html_corpus_quality_does_not_regress() {
    if !Path::new(HTML_PAGES).is_dir() {
        eprintln!("{HTML_PAGES} not found: HTML quality not measured");
        return;
    }
    let out = assert_cmd::Command::cargo_bin("capsift")
        .unwrap()
        .args([
            "eval", CORPUS, "--inputs", HTML_PAGES, "--ext", ".html.gz", "--format", "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = &report["overall"];
    let f = |k: &str| all[k].as_f64().unwrap_or_else(|| panic!("{k} missing"));
    eprintln!("html: {all}");
    assert!(all["docs"].as_u64().unwrap() >= 300);
    assert!(
        f("caption_recall") >= MIN_HTML_CAPTION_RECALL,
        "caption recall {}",
        f("caption_recall")
    );
    assert!(
        f("credited_caption_recall") >= MIN_HTML_CREDITED_RECALL,
        "credited-caption recall {}",
        f("credited_caption_recall")
    );
    assert!(
        f("long_body_retention") >= MIN_HTML_LONG_BODY,
        "100+ body {}",
        f("long_body_retention")
    );
    assert!(
        f("unlabelled_share") <= MAX_HTML_UNLABELLED,
        "unlabelled body text {}",
        f("unlabelled_share")
    );
}
