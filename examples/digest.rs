//! One digest per output, to check that a change meant to be faster (or
//! tidier) leaves every output as it was:
//!
//! ```text
//! cargo run --release --example digest -- ../shared/corpus fixtures eval \
//!     ../shared/credits > before.txt
//! # change, rebuild, run again into after.txt
//! diff before.txt after.txt
//! ```
//!
//! Folders are walked; `.txt` files are cleaned as text, `.html` and
//! `.html.gz` as HTML, and every line of a `.jsonl` file with an `input`
//! field as text. Each line printed is `path[:line] digest`, where the
//! digest is of the whole JSON document.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

fn main() {
    let opts = capsift::Options::default();
    let mut files = Vec::new();
    for root in std::env::args().skip(1) {
        walk(Path::new(&root), &mut files);
    }
    files.sort();
    for path in files {
        let name = path.to_string_lossy();
        let Ok(bytes) = read(&path) else {
            eprintln!("{name}: unreadable");
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".jsonl") {
            for (i, line) in text.lines().enumerate() {
                let input = serde_json::from_str::<serde_json::Value>(line)
                    .ok()
                    .and_then(|v| v.get("input")?.as_str().map(str::to_string));
                if let Some(input) = input {
                    println!("{name}:{} {}", i + 1, digest(&capsift::clean(&input, &opts)));
                }
            }
        } else if name.ends_with(".html") || name.ends_with(".html.gz") {
            println!("{name} {}", digest(&capsift::html::clean_html(&text, &opts)));
        } else if name.ends_with(".txt") {
            println!("{name} {}", digest(&capsift::clean(&text, &opts)));
        }
    }
}

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => entries.flatten().for_each(|e| walk(&e.path(), out)),
        Err(_) => out.push(path.to_path_buf()),
    }
}

fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes)?;
    } else {
        std::io::BufReader::new(file).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

fn digest(doc: &capsift::Document) -> String {
    let json = serde_json::to_string(doc).expect("a document serialises");
    let mut h = DefaultHasher::new();
    json.hash(&mut h);
    format!("{:016x}", h.finish())
}
