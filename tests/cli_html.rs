//! HTML input end to end through the binary: a crawl directory with `.html`,
//! `.htm` and `.html.gz` pages, a JSON Lines stream of pages, a page piped
//! in and told apart from text by its first bytes, and pages in a declared
//! non-UTF-8 charset.

use assert_cmd::Command;
use flate2::{Compression, write::GzEncoder};
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::Path;

fn capsift() -> Command {
    Command::cargo_bin("capsift").unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// A news page: navigation, headline, two paragraphs around a figure whose
/// caption carries a credit span, a footer. `head` goes into `<head>`.
fn page(head: &str, headline: &str, caption: &str, credit: &str, img: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head>{head}<title>{headline} | Example News</title></head>\n<body>\n\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\n<article>\n<h1>{headline}</h1>\n\
         <p>Heavy rain flooded the northern railway line overnight, and trains between the two cities were cancelled until further notice.</p>\n\
         <figure><img src=\"{img}\" alt=\"Flooded track\"><figcaption>{caption} <span class=\"credit\">{credit}</span></figcaption></figure>\n\
         <p>Engineers said the line could reopen by the weekend if the water receded as expected on Thursday.</p>\n\
         </article>\n<footer>© Example News</footer></body></html>\n"
    )
}

const UTF8: &str = "<meta charset=\"utf-8\">";

fn first_photo(doc: &Value) -> &Value {
    let photos = doc["photos"].as_array().expect("photos is an array");
    assert_eq!(photos.len(), 1, "one photo: {doc}");
    &photos[0]
}

#[test]
fn a_crawl_directory_of_html_htm_and_gzipped_pages_is_cleaned_into_out() {
    let tmp = tempfile::tempdir().unwrap();
    let crawl = tmp.path().join("crawl");
    let out = tmp.path().join("cleaned");
    fs::create_dir_all(crawl.join("2024/05")).unwrap();
    let pages = [
        (
            "a.html",
            "Floods close the railway",
            "Water over the tracks",
            "Photo: Jane Doe/Reuters",
            "https://example.com/a.jpg",
        ),
        (
            "b.htm",
            "Storm closes the port",
            "Boats in the harbour",
            "Foto: dpa",
            "/img/b.jpg",
        ),
        (
            "2024/05/c.html.gz",
            "Fire closes the road",
            "Smoke over the road",
            "AP Photo/Tom Lee",
            "c.webp",
        ),
    ];
    for (rel, headline, caption, credit, img) in pages {
        let html = page(UTF8, headline, caption, credit, img);
        let bytes = if rel.ends_with(".gz") {
            gzip(html.as_bytes())
        } else {
            html.into_bytes()
        };
        fs::write(crawl.join(rel), bytes).unwrap();
    }
    capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();

    for (stem, headline, caption, credit, img) in [
        ("a.html", pages[0].1, pages[0].2, pages[0].3, pages[0].4),
        ("b.htm", pages[1].1, pages[1].2, pages[1].3, pages[1].4),
        ("2024/05/c.html", pages[2].1, pages[2].2, pages[2].3, pages[2].4),
    ] {
        let text = fs::read_to_string(out.join(format!("{stem}.txt"))).unwrap();
        assert!(text.starts_with(headline), "{stem}: {text}");
        assert!(text.contains("Engineers said the line could reopen"), "{stem}: {text}");
        for gone in [caption, credit, "Home", "© Example News", "<p>"] {
            assert!(!text.contains(gone), "{stem}: {gone:?} left in the text: {text}");
        }
        let side = json(&out.join(format!("{stem}.captions.json")));
        let photo = first_photo(&side);
        assert_eq!(photo["captions"][0], caption, "{stem}");
        assert_eq!(photo["credit_line"], credit, "{stem}");
        assert_eq!(photo["src"], img, "{stem}");
        assert_eq!(photo["alt"], "Flooded track", "{stem}");
    }
    // Nothing else was written: one text and one sidecar per page.
    let mut written: Vec<String> = walk(&out);
    written.sort();
    assert_eq!(
        written,
        [
            "2024/05/c.html.captions.json",
            "2024/05/c.html.txt",
            "a.html.captions.json",
            "a.html.txt",
            "b.htm.captions.json",
            "b.htm.txt"
        ]
    );
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

/// A JSON Lines record per page, the page in `html`.
fn jsonl(pages: &[(&str, String)]) -> String {
    pages
        .iter()
        .map(|(url, html)| serde_json::json!({"url": url, "html": html}).to_string() + "\n")
        .collect()
}

fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_jsonl_stream_of_pages_is_cleaned_with_text_field_html_also_gzipped() {
    let input = jsonl(&[
        (
            "https://example.com/1",
            page(
                UTF8,
                "Floods close the railway",
                "Water over the tracks",
                "Photo: Jane Doe/Reuters",
                "1.jpg",
            ),
        ),
        (
            "https://example.com/2",
            page(
                "",
                "Storm closes the port",
                "Boats in the harbour",
                "Foto: dpa",
                "2.jpg",
            ),
        ),
    ]);
    for stdin in [input.clone().into_bytes(), gzip(input.as_bytes())] {
        let out = capsift()
            .args(["clean", "--input-format", "jsonl", "--text-field", "html", "-q"])
            .write_stdin(stdin)
            .assert()
            .success();
        let recs = records(&out.get_output().stdout);
        assert_eq!(recs.len(), 2);
        for (rec, (url, headline, caption, src)) in recs.iter().zip([
            (
                "https://example.com/1",
                "Floods close the railway",
                "Water over the tracks",
                "1.jpg",
            ),
            (
                "https://example.com/2",
                "Storm closes the port",
                "Boats in the harbour",
                "2.jpg",
            ),
        ]) {
            assert_eq!(rec["url"], url, "records keep their order and fields");
            let doc = &rec["capsift"];
            assert_eq!(doc["title"], headline);
            let body = doc["body"].as_str().unwrap();
            assert!(body.starts_with("Heavy rain flooded"), "{body}");
            assert!(!body.contains(caption) && !body.contains('<'), "{body}");
            let photo = first_photo(doc);
            assert_eq!(photo["captions"][0], caption);
            assert_eq!(photo["src"], src);
        }
    }
}

#[test]
fn auto_tells_a_page_on_stdin_from_text_by_its_first_bytes() {
    let html = page(
        UTF8,
        "Floods close the railway",
        "Water over the tracks",
        "Photo: Jane Doe/Reuters",
        "a.jpg",
    );
    let run = |args: &[&str], stdin: &str| -> Value {
        let out = capsift().args(args).write_stdin(stdin).assert().success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    };
    for args in [
        &["clean", "-", "--format", "json"][..],
        &["clean", "--input-format", "auto", "-", "--format", "json"][..],
    ] {
        let doc = run(args, &html);
        assert_eq!(doc["title"], "Floods close the railway");
        let body = doc["body"].as_str().unwrap();
        assert!(!body.contains('<') && !body.contains("Home"), "{body}");
        assert_eq!(first_photo(&doc)["src"], "a.jpg");
    }
    // Gzip on stdin is unpacked before sniffing.
    let out = capsift()
        .args(["clean", "-", "--format", "json"])
        .write_stdin(gzip(html.as_bytes()))
        .assert()
        .success();
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(first_photo(&doc)["src"], "a.jpg");
    // Forced text: the markup is text, and there are no pictures.
    let doc = run(&["clean", "--input-format", "text", "-", "--format", "json"], &html);
    assert!(doc["body"].as_str().unwrap().contains("<figcaption>"));
    // Text that merely mentions a tag stays text.
    let text =
        "Markup in the news\n\nThe <p> tag starts a paragraph, the spec says, and browsers have long agreed on it.\n";
    let doc = run(&["clean", "-", "--format", "json"], text);
    assert!(doc["body"].as_str().unwrap().contains("The <p> tag"));
}

#[test]
fn a_page_saved_as_utf8_under_a_latin1_declaration_is_read_as_utf8() {
    // Crawlers store pages as UTF-8 and keep the `<meta charset>` that the
    // server's header overrode: decoding by the declaration would make every
    // accented letter mojibake (`Grève` as `GrÃ¨ve`).
    let headline = "Grève à la SNCF : le trafic perturbé";
    let caption = "Des voyageurs attendent à Lyon – « patience »";
    let credit = "Photo : Jean Dupré/AFP";
    let html = page("<meta charset=\"iso-8859-15\">", headline, caption, credit, "q.jpg");
    let out = capsift()
        .args(["clean", "-", "--format", "json"])
        .write_stdin(html)
        .assert()
        .success();
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc["title"], headline);
    let photo = first_photo(&doc);
    assert_eq!(photo["captions"][0], caption);
    assert_eq!(photo["creators"][0], "Jean Dupré");
    let warnings = doc["warnings"].to_string();
    assert!(
        warnings.contains("decoded as UTF-8, not the ISO-8859-15 the page declares"),
        "{warnings}"
    );
}

#[test]
fn a_page_in_a_declared_non_utf8_charset_is_decoded() {
    let tmp = tempfile::tempdir().unwrap();
    let headline = "Grève à la SNCF : le trafic perturbé";
    let caption = "Des voyageurs attendent à Lyon – « patience »";
    let credit = "Photo : Jean Dupré/AFP";
    for (name, head, enc) in [
        (
            "meta-charset.html",
            "<meta charset=\"windows-1252\">",
            encoding_rs::WINDOWS_1252,
        ),
        (
            "http-equiv.html",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
            encoding_rs::WINDOWS_1252,
        ),
    ] {
        let html = page(head, headline, caption, credit, "q.jpg");
        let (bytes, _, unmappable) = enc.encode(&html);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err(), "the test page is not UTF-8");
        let path = tmp.path().join(name);
        fs::write(&path, &bytes).unwrap();
        let from_file = capsift()
            .arg("clean")
            .arg(&path)
            .args(["--format", "json"])
            .assert()
            .success();
        let from_stdin = capsift()
            .args(["clean", "-", "--format", "json"])
            .write_stdin(bytes.into_owned())
            .assert()
            .success();
        for out in [from_file, from_stdin] {
            let doc: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
            assert_eq!(doc["title"], headline, "{name}");
            let photo = first_photo(&doc);
            assert_eq!(photo["captions"][0], caption, "{name}");
            assert_eq!(photo["credit_line"], credit, "{name}");
            assert_eq!(photo["creators"][0], "Jean Dupré", "{name}");
            let warnings = doc["warnings"].to_string();
            assert!(warnings.contains("declared by the page"), "{name}: {warnings}");
        }
    }
}
