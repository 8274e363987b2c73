//! What capsift writes: the clean text, the captions sidecar, the stream
//! object, and the atomic file write they all go through.

use anyhow::Context;
use capsift::Document;
use serde_json::{Map, Value};
use std::io::Write;
use std::path::Path;

/// The clean article as text: the title, a blank line, then the body.
pub fn render_text(doc: &Document) -> String {
    let mut s = String::new();
    if let Some(t) = &doc.title {
        s.push_str(t);
        s.push_str("\n\n");
    }
    s.push_str(&doc.body);
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

/// The `.captions.json` sidecar: the document without `body` (it is in the
/// `.txt` beside it) and with `encoding` after `source`.
pub fn sidecar_json(doc: &Document, encoding: &str) -> anyhow::Result<String> {
    let mut map = Map::new();
    for (k, v) in document_map(doc)? {
        match k.as_str() {
            "body" => {}
            "source" => {
                map.insert(k, v);
                map.insert("encoding".into(), encoding.into());
            }
            _ => {
                map.insert(k, v);
            }
        }
    }
    Ok(serde_json::to_string_pretty(&map)? + "\n")
}

/// The object a JSON Lines record gets under `--output-key`: the document
/// without `source` (the record is its own source).
pub fn stream_object(doc: &Document) -> anyhow::Result<Value> {
    let mut map = document_map(doc)?;
    map.shift_remove("source");
    Ok(Value::Object(map))
}

fn document_map(doc: &Document) -> anyhow::Result<Map<String, Value>> {
    match serde_json::to_value(doc)? {
        Value::Object(map) => Ok(map),
        _ => unreachable!("a Document serialises to an object"),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, so no reader (and no interrupted run) ever sees half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".capsift-").suffix(".tmp");
    #[cfg(unix)]
    {
        // tempfile makes 0600 files; outputs are ordinary files.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.flush())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let opts = capsift::Options {
            source: Some("a.txt".into()),
            ..Default::default()
        };
        capsift::clean("A headline\n\nSome body text here.\n", &opts)
    }

    #[test]
    fn sidecar_drops_body_and_names_the_encoding_after_source() {
        let json = sidecar_json(&doc(), "Shift_JIS").unwrap();
        let v: Value = serde_json::from_str(&json).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(&keys[..3], ["schema_version", "source", "encoding"]);
        assert!(!keys.contains(&"body") && keys.contains(&"title"));
        assert_eq!(v["encoding"], "Shift_JIS");
    }

    #[test]
    fn stream_object_drops_source_and_keeps_body() {
        let v = stream_object(&doc()).unwrap();
        assert!(v.get("source").is_none());
        assert_eq!(v["body"], "Some body text here.");
    }

    #[test]
    fn atomic_write_leaves_only_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left behind");
    }
}
