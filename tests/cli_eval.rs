//! `capsift eval` on a small labelled corpus made here.

use assert_cmd::Command;

#[test]
fn eval_scores_a_labelled_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let paragraphs = [
        (
            "The ministry said on Tuesday that the talks would resume next week in Geneva.",
            "body",
        ),
        (
            "Delegates arrive for the talks in Geneva. (AP Photo/Jane Roe)",
            "caption",
        ),
        (
            "Officials expect a first agreement on prisoner exchanges before the end of the month.",
            "body",
        ),
        ("Geneva at dusk", "caption"),
    ];
    let text: Vec<&str> = paragraphs.iter().map(|p| p.0).collect();
    std::fs::write(dir.path().join("doc1.txt"), text.join("\n\n") + "\n").unwrap();
    let labels = serde_json::json!({
        "id": "doc1",
        "lang": "en",
        "paragraphs": paragraphs.iter().map(|(t, l)| serde_json::json!({"text": t, "label": l})).collect::<Vec<_>>(),
    });
    std::fs::write(dir.path().join("doc1.json"), labels.to_string()).unwrap();

    let out = Command::cargo_bin("capsift")
        .unwrap()
        .args(["eval", dir.path().to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = &report["overall"];
    assert_eq!(all["docs"], 1);
    assert_eq!(all["captions"], 2);
    assert_eq!(
        all["captions_out"], 1,
        "the credited caption leaves the body, the bare one stays"
    );
    assert_eq!(
        all["credited_caption_recall"],
        serde_json::Value::Null,
        "no caption is marked credited"
    );
    assert_eq!(all["body_retention"], 1.0);
    assert_eq!(all["removal_precision"], 1.0);
    assert_eq!(report["by_language"]["en"]["docs"], 1);
}

#[test]
fn eval_names_a_folder_without_labels() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("capsift")
        .unwrap()
        .args(["eval", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no labelled documents"));
}
