//! Directory mode end to end: `capsift clean DIR --out OUT` on real temporary
//! trees.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn capsift() -> Command {
    Command::cargo_bin("capsift").unwrap()
}

fn write(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn encode(enc: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{} cannot encode the test text", enc.name());
    bytes.into_owned()
}

/// UTF-16 with its byte-order mark (encoding_rs only decodes UTF-16).
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xfe, 0xff] } else { vec![0xff, 0xfe] };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// An article: headline, body paragraph, captioned photo, closing paragraph.
fn article(title: &str, body: &str, caption: &str, end: &str) -> String {
    format!("{title}\n\n{body}\n\n{caption}\n\n{end}\n")
}

struct Case {
    rel: &'static str,
    encoding: &'static str,
    body: &'static str,
    bytes: Vec<u8>,
}

fn cases() -> Vec<Case> {
    use encoding_rs::*;
    let fr = (
        "Grève à la SNCF : le trafic perturbé jusqu’à jeudi",
        "La grève des contrôleurs a entraîné l’annulation de nombreux trains régionaux, a indiqué la direction mercredi.",
        "Des voyageurs attendent sur un quai de la gare de Lyon à Paris (AFP)",
        "Les syndicats réclament une revalorisation des salaires et de meilleures conditions de travail.",
    );
    let pl = (
        "Sejm przyjął ustawę o ochronie zdrowia",
        "Posłowie zagłosowali w piątek za nowelizacją ustawy, która ma skrócić kolejki do lekarzy specjalistów.",
        "Posiedzenie Sejmu w Warszawie. Fot. PAP/Radek Pietruszka",
        "Ustawa trafi teraz do Senatu, który zajmie się nią w przyszłym tygodniu.",
    );
    let ja = (
        "春闘の賃上げ率、33年ぶりの高水準",
        "連合は20日、今年の春闘の第1回回答集計を発表した。平均賃上げ率は5.24％で、33年ぶりに5％を超えた。",
        "記者会見する連合の芳野友子会長＝20日、東京都千代田区（共同）",
        "物価高を受けて、大手企業を中心に満額回答が相次いだ。",
    );
    let ko = (
        "서울 도심서 대규모 집회 교통 혼잡",
        "주말인 6일 서울 도심에서 대규모 집회가 열려 시민들이 교통 불편을 겪었다고 경찰이 밝혔다.",
        "6일 서울 광화문 일대에서 열린 집회 참가자들이 행진하고 있다. 연합뉴스",
        "경찰은 기동대를 배치해 질서 유지에 나섰다.",
    );
    let zh = (
        "春运客流创新高",
        "交通运输部表示，今年春运期间全社会跨区域人员流动量预计达到九十亿人次，创历史新高。",
        "旅客在北京西站候车。新华社记者 李鑫 摄",
        "铁路部门将加开临时列车，以满足旅客出行需求。",
    );
    let tw = (
        "颱風逼近 全臺進入警戒",
        "中央氣象署表示，颱風預計明天登陸，各地民眾應做好防颱準備，避免前往山區與海邊。",
        "民眾在臺北街頭冒雨前行。（中央社）",
        "行政院已成立災害應變中心，全力因應颱風來襲。",
    );
    let de = (
        "Bahnstreik legt Fernverkehr lahm",
        "Der Streik der Lokführer hat am Mittwoch große Teile des Fernverkehrs in Deutschland lahmgelegt, wie die Bahn mitteilte.",
        "Reisende warten am Hauptbahnhof in München. Foto: dpa",
        "Die Gewerkschaft kündigte weitere Streiks für die kommende Woche an.",
    );
    let ru = (
        "Метро Москвы открыло новую станцию",
        "Новая станция метро открылась в субботу на юге Москвы, сообщили в мэрии города.",
        "Пассажиры на новой станции. Фото: ТАСС",
        "Станция станет пересадочной на новую линию.",
    );
    let art = |a: (&str, &str, &str, &str)| article(a.0, a.1, a.2, a.3);
    vec![
        Case {
            rel: "fr/sncf.txt",
            encoding: "windows-1252",
            body: fr.1,
            bytes: encode(WINDOWS_1252, &art(fr)),
        },
        Case {
            rel: "pl/sejm.txt",
            encoding: "ISO-8859-2",
            body: pl.1,
            bytes: encode(ISO_8859_2, &art(pl)),
        },
        Case {
            rel: "asia/ja/shunto.txt",
            encoding: "Shift_JIS",
            body: ja.1,
            bytes: encode(SHIFT_JIS, &art(ja)),
        },
        Case {
            rel: "asia/ko/rally.txt",
            encoding: "EUC-KR",
            body: ko.1,
            bytes: encode(EUC_KR, &art(ko)),
        },
        Case {
            rel: "asia/zh/cn/chunyun.txt",
            encoding: "gb18030",
            body: zh.1,
            bytes: encode(GB18030, &art(zh)),
        },
        Case {
            rel: "asia/zh/tw/typhoon.txt",
            encoding: "Big5",
            body: tw.1,
            bytes: encode(BIG5, &art(tw)),
        },
        Case {
            rel: "de/bahn.text",
            encoding: "UTF-16LE",
            body: de.1,
            bytes: utf16(&art(de), false),
        },
        Case {
            rel: "ru/metro.md",
            encoding: "UTF-16BE",
            body: ru.1,
            bytes: utf16(&art(ru), true),
        },
    ]
}

/// Where the text and the sidecar of input `rel` go under `out`.
fn outputs(out: &Path, rel: &str) -> (PathBuf, PathBuf) {
    let text = out.join(rel);
    let name = text.file_name().unwrap().to_str().unwrap();
    let sidecar = match name.strip_suffix(".txt") {
        Some(stem) => format!("{stem}.captions.json"),
        None => format!("{name}.captions.json"),
    };
    (text.clone(), text.with_file_name(sidecar))
}

#[test]
fn every_encoding_in_a_nested_tree_comes_out_as_utf8_with_its_encoding_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let (crawl, out) = (tmp.path().join("crawl"), tmp.path().join("cleaned"));
    let cases = cases();
    for c in &cases {
        write(&crawl.join(c.rel), &c.bytes);
    }
    let summary = tmp.path().join("summary.json");
    capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(&out)
        .arg("--summary")
        .arg(&summary)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("capsift: 8 files cleaned, 0 failed"));
    for c in &cases {
        let (text, sidecar) = outputs(&out, c.rel);
        let clean = fs::read_to_string(&text).unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", c.rel));
        assert!(clean.contains(c.body), "{}: body lost:\n{clean}", c.rel);
        let doc = json(&sidecar);
        assert_eq!(doc["encoding"], c.encoding, "{}", c.rel);
        assert!(doc.get("body").is_none() && doc.get("title").is_some(), "{}", c.rel);
        assert_eq!(doc["source"], crawl.join(c.rel).display().to_string());
        let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
        assert_eq!(keys[1..3], ["source", "encoding"], "encoding comes after source");
    }
    let s = json(&summary);
    assert_eq!((s["cleaned"].as_u64(), s["failed"].as_u64()), (Some(8), Some(0)));
    assert!(s["languages"].as_array().unwrap().iter().any(|l| l["code"] == "ja"));
}

#[test]
fn a_bad_file_among_good_ones_is_named_and_the_others_are_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (crawl, out) = (tmp.path().join("crawl"), tmp.path().join("out"));
    let good = article(
        "A headline",
        "Some body text for the article.",
        "A photo (AP)",
        "More text.",
    );
    write(&crawl.join("a/good.txt"), good.as_bytes());
    write(&crawl.join("z/good.txt"), good.as_bytes());
    write(&crawl.join("a/binary.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    // control bytes whatever the encoding: invalid in every one
    let junk: Vec<u8> = (1..=8u8).chain([0x81, 0x8d, 0x8f, 0x90, 0x9d].repeat(20)).collect();
    write(&crawl.join("a/junk.txt"), &junk);
    write(&crawl.join("a/huge.txt"), "word ".repeat(1000).as_bytes());
    let original_junk = fs::read(crawl.join("a/junk.txt")).unwrap();
    let summary = tmp.path().join("summary.json");
    let missing = tmp.path().join("missing");
    let assert = capsift()
        .args(["clean", "--max-bytes", "2K"])
        .arg(&crawl)
        .arg(&missing)
        .arg("--out")
        .arg(&out)
        .arg("--summary")
        .arg(&summary)
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let name = |rel: &str| crawl.join(rel).display().to_string();
    for expected in [
        format!("{}: binary file (NUL byte at offset 8)", name("a/binary.txt")),
        format!("{}: not valid UTF-8 (byte 8) nor", name("a/junk.txt")),
        format!(
            "{}: too large: 5000 bytes, more than --max-bytes 2048",
            name("a/huge.txt")
        ),
        format!("{}: cannot read: No such file", missing.display()),
    ] {
        assert!(stderr.contains(&expected), "{expected:?} not in:\n{stderr}");
    }
    assert!(out.join("a/good.txt").is_file() && out.join("z/good.captions.json").is_file());
    for bad in ["a/binary.txt", "a/junk.txt", "a/huge.txt"] {
        assert!(!out.join(bad).exists(), "{bad} has an output");
    }
    assert_eq!(
        fs::read(crawl.join("a/junk.txt")).unwrap(),
        original_junk,
        "inputs are never modified"
    );
    let s = json(&summary);
    assert_eq!((s["cleaned"].as_u64(), s["failed"].as_u64()), (Some(2), Some(4)));
    assert_eq!(s["errors"].as_array().unwrap().len(), 4);
}

fn mtime(p: &Path) -> SystemTime {
    fs::metadata(p).unwrap().modified().unwrap()
}

/// Dates a file in the past, so outputs written now are newer whatever the
/// file system's clock resolution.
fn age(p: &Path) {
    let f = fs::File::options().write(true).open(p).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(3600)).unwrap();
}

#[test]
fn an_interrupted_run_resumes_rewriting_only_what_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let (crawl, out) = (tmp.path().join("crawl"), tmp.path().join("out"));
    let rels = ["a.txt", "sub/b.txt", "sub/c.txt"];
    for rel in rels {
        let text = article("Headline", &format!("Body of {rel}."), "Photo (AP)", "End.");
        write(&crawl.join(rel), text.as_bytes());
        age(&crawl.join(rel));
    }
    let run = |resume: bool| {
        let mut cmd = capsift();
        cmd.arg("clean").arg(&crawl).arg("--out").arg(&out);
        if resume {
            cmd.arg("--resume");
        }
        cmd.assert().code(0)
    };
    run(false);
    let all: Vec<PathBuf> = rels
        .iter()
        .flat_map(|r| {
            let (t, s) = outputs(&out, r);
            [t, s]
        })
        .collect();
    let before: Vec<SystemTime> = all.iter().map(|p| mtime(p)).collect();
    // the run "died" before writing one sidecar
    let lost = out.join("sub/b.captions.json");
    fs::remove_file(&lost).unwrap();
    run(true).stderr(predicate::str::contains("2 up to date (--resume)"));
    assert!(lost.is_file(), "the missing output is written again");
    for (p, t) in all.iter().zip(&before) {
        if *p != lost {
            assert_eq!(mtime(p), *t, "{} was rewritten", p.display());
        }
    }
    let tmp_files = walk_names(&out).into_iter().filter(|n| n.contains(".capsift-")).count();
    assert_eq!(tmp_files, 0, "no temporary file is left");
    run(true).stderr(predicate::str::contains("0 files cleaned, 0 failed, 3 up to date"));
}

/// File and directory names below `dir`, sorted.
fn walk_names(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        names.push(e.file_name().to_string_lossy().into_owned());
        if e.file_type().unwrap().is_dir() {
            names.extend(walk_names(&e.path()));
        }
    }
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn symlinks_are_skipped_unless_followed_and_outputs_stay_inside_out() {
    let tmp = tempfile::tempdir().unwrap();
    let (crawl, out) = (tmp.path().join("crawl"), tmp.path().join("out"));
    write(
        &tmp.path().join("secret/outside.txt"),
        b"Outside text\n\nNot part of the crawl.\n",
    );
    write(&crawl.join("good.txt"), b"Title\n\nBody.\n");
    std::os::unix::fs::symlink(tmp.path().join("secret/outside.txt"), crawl.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(&crawl, crawl.join("loop")).unwrap();
    capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "1 files cleaned, 0 failed, 1 symlinks skipped",
        ));
    assert!(!out.join("link.txt").exists());
    assert!(!tmp.path().join("secret/outside.captions.json").exists());
    // followed: the link is cleaned into out under its own name; the loop is
    // reported and does not stop the run
    let assert = capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(&out)
        .arg("--follow")
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr);
    assert!(stderr.contains("File system loop found"), "{stderr}");
    assert!(out.join("link.txt").is_file() && out.join("good.txt").is_file());
    assert_eq!(walk_names(&tmp.path().join("secret")), ["outside.txt"]);
}

#[test]
fn a_mojibake_file_is_repaired_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let (crawl, out) = (tmp.path().join("crawl"), tmp.path().join("out"));
    let original = "Le président était là\u{a0}hier\n\nIl a déclaré : «\u{a0}C’est une étape importante\u{a0}».\n\nLe président à l’Élysée (AFP)\n";
    // UTF-8 read as Windows-1252 and saved as UTF-8 again, as a bad scraper does
    let (mojibake, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(original.as_bytes());
    assert!(mojibake.contains("Ã©tait") && mojibake.contains("Câ€™est"));
    write(&crawl.join("moji.txt"), mojibake.as_bytes());
    capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    let clean = fs::read_to_string(out.join("moji.txt")).unwrap();
    // (the normaliser turns no-break spaces into spaces)
    assert!(clean.starts_with("Le président était là hier\n"), "{clean}");
    assert!(
        clean.contains("Il a déclaré : « C’est une étape importante »."),
        "{clean}"
    );
    let warnings = json(&out.join("moji.captions.json"))["warnings"].clone();
    let repairs: Vec<&str> = warnings
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .filter(|w| w.contains("mojibake repaired"))
        .collect();
    assert!(
        repairs
            .iter()
            .any(|w| w.starts_with("line 1: mojibake repaired: \"Ã©\" → \"é\"")),
        "{repairs:?}"
    );
}

#[test]
fn empty_files_give_empty_outputs_and_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let (crawl, out) = (tmp.path().join("crawl"), tmp.path().join("out"));
    write(&crawl.join("empty.txt"), b"");
    capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(fs::read(out.join("empty.txt")).unwrap(), b"");
    assert_eq!(json(&out.join("empty.captions.json"))["warnings"][0], "empty file");
}

#[test]
fn hidden_ignored_and_unselected_files_are_left_out_unless_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let (crawl, out) = (tmp.path().join("crawl"), tmp.path().join("out"));
    write(&crawl.join("keep.txt"), b"Title\n\nBody.\n");
    write(&crawl.join(".hidden.txt"), b"Title\n\nBody.\n");
    write(&crawl.join("drafts/draft.txt"), b"Title\n\nBody.\n");
    write(&crawl.join(".gitignore"), b"drafts/\n");
    write(&crawl.join("page.json"), b"Title\n\nBody.\n");
    capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(walk_names(&out), ["keep.captions.json", "keep.txt"]);
    let out2 = tmp.path().join("out2");
    capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(&out2)
        .args(["--hidden", "--no-ignore", "--glob", "*.txt", "--glob", "*.json"])
        .assert()
        .code(0);
    assert_eq!(
        walk_names(&out2),
        [
            ".hidden.captions.json",
            ".hidden.txt",
            "draft.captions.json",
            "draft.txt",
            "drafts",
            "keep.captions.json",
            "keep.txt",
            "page.json",
            "page.json.captions.json"
        ]
    );
}

#[test]
fn an_output_directory_inside_the_input_tree_is_not_walked() {
    let tmp = tempfile::tempdir().unwrap();
    let crawl = tmp.path().join("crawl");
    write(&crawl.join("a.txt"), b"Title\n\nBody.\n");
    for _ in 0..2 {
        capsift()
            .arg("clean")
            .arg(&crawl)
            .arg("--out")
            .arg(crawl.join("cleaned"))
            .assert()
            .code(0)
            .stderr(predicate::str::contains("1 files cleaned"));
    }
    assert_eq!(walk_names(&crawl.join("cleaned")), ["a.captions.json", "a.txt"]);
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let crawl = tmp.path().join("crawl");
    write(&crawl.join("a.txt"), b"Title\n\nBody.\n");
    capsift()
        .arg("clean")
        .arg(&crawl)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory; give --out DIR"));
    capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the input is inside --out"));
    capsift().args(["clean", "--resume"]).arg(&crawl).assert().code(2);
    capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(tmp.path().join("o"))
        .args(["--glob", "a["])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--glob a["));
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_keep_their_bytes() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let (crawl, out) = (tmp.path().join("crawl"), tmp.path().join("out"));
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    write(&crawl.join(name), b"Title\n\nBody.\n");
    capsift()
        .arg("clean")
        .arg(&crawl)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    assert!(out.join(name).is_file());
    assert!(out.join(OsStr::from_bytes(b"caf\xe9.captions.json")).is_file());
}

#[test]
fn single_file_mode_works_as_before_and_now_reads_legacy_encodings() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("a.txt");
    let text = article("Grève à Paris", "Le trafic est très perturbé.", "Photo (AFP)", "Fin.");
    write(&path, &encode(encoding_rs::WINDOWS_1252, &text));
    capsift()
        .arg("clean")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "Grève à Paris\n\nLe trafic est très perturbé.",
        ));
    let assert = capsift()
        .arg("clean")
        .arg(&path)
        .args(["--format", "json"])
        .assert()
        .code(0);
    let doc: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert!(doc.get("encoding").is_none(), "the single-file schema is unchanged");
    assert_eq!(doc["warnings"][0], "encoding detected: windows-1252 (not UTF-8)");
    capsift()
        .args(["clean", "-"])
        .write_stdin("Title\n\nBody from stdin.\n")
        .assert()
        .code(0)
        .stdout("Title\n\nBody from stdin.\n");
}
