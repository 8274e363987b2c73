//! Stream mode end to end: `capsift clean --input-format jsonl` on JSON Lines.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

fn capsift() -> Command {
    Command::cargo_bin("capsift").unwrap()
}

fn stream(input: &str, args: &[&str]) -> (i32, Vec<String>, String) {
    let out = capsift()
        .args(["clean", "--input-format", "jsonl"])
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines = stdout.lines().map(str::to_string).collect();
    (
        out.status.code().unwrap(),
        lines,
        String::from_utf8(out.stderr).unwrap(),
    )
}

const ARTICLE: &str = "Kim visits a factory\n\nKim Jong Un inspected a munitions factory on Friday, state media said.\n\n\
Kim Jong Un at the factory (KCNA via KNS/AFP)\n\nThe visit came days before the talks in Moscow.\n";

#[test]
fn a_malformed_line_is_passed_on_with_an_error_in_order_and_nothing_is_dropped() {
    let good = json!({"url": "https://a.example/1", "text": ARTICLE, "meta": {"lang": "en"}}).to_string();
    // numbers as written, and key order, must survive
    let exact =
        r#"{"url": "https://a.example/2", "n": 1.50, "text": "Short text.", "big": 123456789012345678901234567890}"#;
    let input = [
        good.as_str(),
        r#"{"url": "https://a.example/broken", "text": "unterminated"#,
        "",
        r#"{"url": "https://a.example/notext", "body": "x"}"#,
        r#"{"url": "https://a.example/num", "text": 42}"#,
        "[1, 2]",
        exact,
    ]
    .join("\n")
        + "\n";
    let (code, lines, stderr) = stream(&input, &["--id-field", "url"]);
    assert_eq!(code, 1, "records failed: exit 1 at the end");
    assert_eq!(lines.len(), 7, "one line out per line in");

    let first: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(first["url"], "https://a.example/1");
    assert_eq!(first["text"], ARTICLE, "the text field is untouched");
    assert_eq!(first["meta"]["lang"], "en");
    let doc = &first["capsift"];
    assert!(doc.get("source").is_none());
    assert_eq!(doc["title"], "Kim visits a factory");
    assert!(doc["body"].as_str().unwrap().contains("munitions factory"));
    assert_eq!(doc["photos"][0]["captions"][0], "Kim Jong Un at the factory");

    let broken: Value = serde_json::from_str(&lines[1]).unwrap();
    assert_eq!(broken["line"], 2);
    assert_eq!(
        broken["raw"],
        r#"{"url": "https://a.example/broken", "text": "unterminated"#
    );
    assert!(
        broken["error"]
            .as_str()
            .unwrap()
            .starts_with("bad JSON: EOF while parsing")
    );

    assert_eq!(lines[2], "", "blank lines pass through");
    let notext: Value = serde_json::from_str(&lines[3]).unwrap();
    assert_eq!(
        (notext["body"].clone(), notext["capsift"].clone()),
        (json!("x"), json!({"error": "no \"text\" field"}))
    );
    let num: Value = serde_json::from_str(&lines[4]).unwrap();
    assert_eq!(num["capsift"]["error"], "\"text\" is a number, not a string");
    let array: Value = serde_json::from_str(&lines[5]).unwrap();
    assert_eq!(
        (array["line"].clone(), array["raw"].clone()),
        (json!(6), json!("[1, 2]"))
    );
    assert!(
        lines[6].starts_with(&exact[..exact.len() - 1]),
        "the record is kept byte for byte: {}",
        lines[6]
    );

    for expected in [
        "capsift: <stdin>:2: bad JSON",
        "capsift: <stdin>:4 (url=https://a.example/notext): no \"text\" field",
        "capsift: <stdin>:5 (url=https://a.example/num): \"text\" is a number, not a string",
        "capsift: 2 records cleaned, 4 failed, 1 blank lines passed through",
    ] {
        assert!(stderr.contains(expected), "{expected:?} not in:\n{stderr}");
    }
}

#[test]
fn order_is_kept_across_batches_and_jobs() {
    // 2500 lines: three batches. Most texts are empty (cheap); every 100th
    // is an article, so real cleaning is interleaved with the rest.
    let input: String = (0..2500)
        .map(|i| {
            let text = if i % 100 == 0 { ARTICLE } else { "" };
            json!({"id": i, "text": text}).to_string() + "\n"
        })
        .collect();
    let (code, lines, _) = stream(&input, &["--jobs", "2", "--quiet"]);
    assert_eq!(code, 0);
    let ids: Vec<u64> = lines
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (0..2500).collect::<Vec<u64>>());
    let article: Value = serde_json::from_str(&lines[100]).unwrap();
    assert_eq!(article["capsift"]["photos"].as_array().unwrap().len(), 1);
}

#[test]
fn fields_and_keys_are_configurable_and_an_existing_key_is_replaced() {
    let input = json!({"article": "Itâ€™s a cafÃ© story\n\nThe cafÃ© opened on Monday.\n", "cleaned": "old"})
        .to_string()
        + "\n";
    let (code, lines, stderr) = stream(
        &input,
        &["--text-field", "article", "--output-key", "cleaned", "--quiet"],
    );
    assert_eq!((code, stderr.as_str()), (0, ""), "--quiet: nothing on stderr");
    let v: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(v["cleaned"]["title"], "It’s a café story");
    let warnings = v["cleaned"]["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("mojibake repaired"))
    );
    assert_eq!(v.as_object().unwrap().len(), 2);
}

#[test]
fn an_overlong_line_is_an_error_line_and_the_rest_goes_on() {
    let long = json!({"text": "word ".repeat(400)}).to_string();
    let input = format!("{long}\n{}\n", json!({"text": "Fine."}));
    let (code, lines, stderr) = stream(&input, &["--max-bytes", "1K"]);
    assert_eq!(code, 1);
    let err: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(
        err["error"],
        format!("line is {} bytes, more than --max-bytes 1024", long.len())
    );
    assert!(err.get("raw").is_none(), "an overlong line is not copied");
    assert!(lines[1].contains("\"capsift\""));
    assert!(stderr.contains("<stdin>:1: line is"));
}

#[test]
fn a_clean_stream_exits_0_and_writes_a_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = tmp.path().join("s.json");
    let input = json!({"text": ARTICLE}).to_string() + "\n";
    let (code, lines, _) = stream(&input, &["--summary", summary.to_str().unwrap()]);
    assert_eq!((code, lines.len()), (0, 1));
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(
        (s["unit"].clone(), s["cleaned"].clone(), s["photos"].clone()),
        (json!("records"), json!(1), json!(1))
    );
}

#[test]
fn stream_flags_are_usage_errors_elsewhere() {
    capsift()
        .args(["clean", "--text-field", "body", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--text-field needs --input-format jsonl"));
    capsift()
        .args(["clean", "--input-format", "jsonl", "--out", "x"])
        .assert()
        .code(2);
    capsift()
        .args(["clean", "--summary", "s.json", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--summary needs --out"));
}
