//! The stream contract that Spark, Hadoop Streaming, datatrove and GNU parallel
//! rely on (README, "Scaling out"): `capsift clean --input-format jsonl` reads
//! records on stdin and writes exactly one line per input line, in order, the
//! record echoed with its id; it flushes per batch instead of holding the
//! whole input; it needs no environment variable and no particular working
//! directory; and a fatal error gives a non-zero exit code.
//!
//! Every run here has an empty environment (`env_clear`) and an empty
//! temporary directory as its working directory, as under Spark's `pipe`.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The exit code when the stream completed but some records became error
/// records (README: "makes the exit code 1 at the end").
const EXIT_RECORDS_FAILED: i32 = 1;

const ARTICLE: &str = "Kim visits a factory\n\nKim Jong Un inspected a munitions factory on Friday, state media said.\n\n\
Kim Jong Un at the factory (KCNA via KNS/AFP)\n\nThe visit came days before the talks in Moscow.\n";

/// `capsift clean --input-format jsonl ARGS` as Spark's `pipe(env={})` runs it:
/// absolute path, empty environment, a working directory with nothing in it.
fn stream_cmd(cwd: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_capsift"));
    cmd.args(["clean", "--input-format", "jsonl"])
        .args(args)
        .env_clear()
        .current_dir(cwd);
    cmd
}

/// Runs the stream on `input` and returns its output.
fn run(cwd: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = stream_cmd(cwd, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // written from a thread: output comes back while input still goes in
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

/// Output lines, split exactly at `\n` (a last line without one counts too).
fn lines(stdout: &[u8]) -> Vec<String> {
    let text = String::from_utf8(stdout.to_vec()).unwrap();
    let text = text.strip_suffix('\n').unwrap_or(&text);
    if text.is_empty() {
        return Vec::new();
    }
    text.split('\n').map(str::to_string).collect()
}

fn empty_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn one_line_out_per_line_in_in_order_with_the_id_echoed() {
    let dir = empty_dir();
    // (input line, what must come out of it)
    enum Want {
        Record(Value),
        Blank,
        BadLine,
        RecordError(Value),
    }
    let cases: Vec<(Vec<u8>, Want)> = vec![
        (
            json!({"id": "a-1", "text": ARTICLE}).to_string().into_bytes(),
            Want::Record(json!("a-1")),
        ),
        (b"".to_vec(), Want::Blank),
        (br#"{"text": "Short text.", "id": 2}"#.to_vec(), Want::Record(json!(2))),
        (br#"{"id": "broken", "text": "unterminated"#.to_vec(), Want::BadLine),
        (b"   ".to_vec(), Want::Blank),
        (b"[1, 2]".to_vec(), Want::BadLine),
        (b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}".to_vec(), Want::BadLine),
        (
            br#"{"id": "no-text", "body": "x"}"#.to_vec(),
            Want::RecordError(json!("no-text")),
        ),
        (
            br#"{"id": {"site": "x", "n": 1}, "text": 7}"#.to_vec(),
            Want::RecordError(json!({"site": "x", "n": 1})),
        ),
        (
            br#"{"id": "crlf", "text": "Windows line end."}"#.iter().chain(b"\r").copied().collect(),
            Want::Record(json!("crlf")),
        ),
        (
            json!({"id": "last", "text": ARTICLE}).to_string().into_bytes(),
            Want::Record(json!("last")),
        ),
    ];
    let mut input = Vec::new();
    for (i, (line, _)) in cases.iter().enumerate() {
        input.extend_from_slice(line);
        if i + 1 < cases.len() {
            input.push(b'\n'); // the last line has no line end: still a line
        }
    }

    let out = run(dir.path(), &["--quiet"], &input);
    assert_eq!(
        out.status.code(),
        Some(EXIT_RECORDS_FAILED),
        "error records are not fatal: the stream completes, exit 1 at the end"
    );
    let got = lines(&out.stdout);
    assert_eq!(got.len(), cases.len(), "one line out per line in:\n{}", got.join("\n"));

    for (i, ((line, want), out_line)) in cases.iter().zip(&got).enumerate() {
        let no = i + 1;
        match want {
            Want::Blank => assert_eq!(out_line.as_bytes(), line.as_slice(), "line {no}: blank passes through"),
            Want::Record(id) | Want::RecordError(id) => {
                let v: Value = serde_json::from_str(out_line).unwrap();
                assert_eq!(&v["id"], id, "line {no}: the id is echoed");
                let doc = &v["capsift"];
                match want {
                    Want::Record(_) => assert!(doc["body"].is_string(), "line {no}: cleaned: {out_line}"),
                    _ => assert!(
                        doc["error"].is_string(),
                        "line {no}: an error under the key: {out_line}"
                    ),
                }
            }
            Want::BadLine => {
                let v: Value = serde_json::from_str(out_line).unwrap();
                assert_eq!(v["line"], json!(no), "line {no}: the error record names its line");
                assert!(v["error"].is_string());
                let raw = v["raw"].as_str().unwrap();
                assert_eq!(
                    raw,
                    String::from_utf8_lossy(line),
                    "line {no}: the raw line, id and all"
                );
            }
        }
    }
    // the records are echoed byte for byte: the id is where it was
    assert!(
        got[2].starts_with(r#"{"text": "Short text.", "id": 2,"capsift":"#),
        "{}",
        got[2]
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().lines().count(),
        5,
        "--quiet: only the 5 errors"
    );
}

#[test]
fn the_output_does_not_depend_on_the_environment_or_the_working_directory() {
    let input: String = (0..50)
        .map(|i| json!({"id": i, "text": if i % 7 == 0 { ARTICLE } else { "Short text." }}).to_string() + "\n")
        .collect();
    let empty = empty_dir();
    let bare = run(empty.path(), &["--quiet"], input.as_bytes());
    // the usual way: inherited environment, the repository as working directory
    let mut child = Command::new(env!("CARGO_BIN_EXE_capsift"))
        .args(["clean", "--input-format", "jsonl", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let usual = child.wait_with_output().unwrap();
    assert_eq!((bare.status.code(), usual.status.code()), (Some(0), Some(0)));
    assert_eq!(lines(&bare.stdout).len(), 50);
    assert!(
        bare.stdout == usual.stdout,
        "same bytes with and without an environment"
    );
    assert!(bare.stderr.is_empty());
    assert_eq!(
        std::fs::read_dir(empty.path()).unwrap().count(),
        0,
        "nothing written to the cwd"
    );
}

#[test]
fn output_is_flushed_per_batch_before_stdin_is_closed() {
    // Lines are read in batches of 1000: after 1100 lines the first batch
    // must be out while stdin is still open.
    const LINES: usize = 1100;
    const TIMEOUT: Duration = Duration::from_secs(120);
    let dir = empty_dir();
    let mut child = stream_cmd(dir.path(), &["--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();

    let (close_tx, close_rx) = mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        for i in 0..LINES {
            let line = json!({"id": i, "text": "Short text, one sentence."}).to_string() + "\n";
            stdin.write_all(line.as_bytes()).unwrap();
        }
        stdin.flush().unwrap();
        // keep stdin open until the test has seen output (or gave up)
        let _ = close_rx.recv();
        drop(stdin);
    });
    let (first_tx, first_rx) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        let mut out = BufReader::new(stdout);
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        let _ = first_tx.send(first.clone());
        let mut rest = String::new();
        out.read_to_string(&mut rest).unwrap();
        first + &rest
    });

    let first = first_rx.recv_timeout(TIMEOUT);
    let _ = close_tx.send(()); // now close stdin, whatever happened
    if first.is_err() {
        let _ = child.kill();
    }
    let first = first.expect("no output within the timeout while stdin was open: output is not flushed per batch");
    let v: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(v["id"], 0);

    writer.join().unwrap();
    let all = reader.join().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let ids: Vec<u64> = all
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (0..LINES as u64).collect::<Vec<_>>(), "all lines, in order");
}

/// A stream whose stdout cannot be written (a full disk) stops with a
/// non-zero exit code instead of pretending it finished.
#[test]
fn a_write_error_is_fatal() {
    let dir = empty_dir();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let input = json!({"id": 1, "text": "Short text."}).to_string() + "\n";
    let mut child = stream_cmd(dir.path(), &["--quiet"])
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(out.status.code().is_some(), "an exit code, not a signal");
    assert!(stderr.contains("cannot write to standard output"), "{stderr}");
}

/// A stdin that cannot be read (here a directory) is fatal too.
#[test]
fn a_read_error_is_fatal() {
    let dir = empty_dir();
    let out = stream_cmd(dir.path(), &["--quiet"])
        .stdin(std::fs::File::open(dir.path()).unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("<stdin>: cannot read"), "{stderr}");
    assert!(out.stdout.is_empty());
}

/// The run's end can fail too: a summary that cannot be written makes the
/// exit code non-zero after every line was written.
#[test]
fn a_summary_that_cannot_be_written_is_fatal_after_the_output() {
    let dir = empty_dir();
    // the summary's directory is a file (capsift creates missing directories)
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let summary = file.join("summary.json");
    let input = json!({"id": 1, "text": "Short text."}).to_string() + "\n";
    let out = run(
        dir.path(),
        &["--quiet", "--summary", summary.to_str().unwrap()],
        input.as_bytes(),
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("cannot write the summary"), "{stderr}");
    assert_eq!(lines(&out.stdout).len(), 1);
}

/// An input file that cannot be opened is not fatal (README, "Bad files"):
/// it is named on stderr, the other inputs are still streamed, exit code 1.
#[test]
fn a_missing_input_file_is_reported_and_the_rest_streamed() {
    let dir = empty_dir();
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, json!({"id": "g", "text": "Short text."}).to_string() + "\n").unwrap();
    let missing = dir.path().join("missing.jsonl");
    let out = stream_cmd(dir.path(), &["--quiet"])
        .args([&missing, &good])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(EXIT_RECORDS_FAILED), "{stderr}");
    assert!(stderr.contains("missing.jsonl: cannot read"), "{stderr}");
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 1);
    assert_eq!(serde_json::from_str::<Value>(&got[0]).unwrap()["id"], "g");
}

/// With `--tolerate-record-errors` a malformed record is carried in the
/// output and the exit code stays 0, so `checkCode=True` runners keep the task.
#[test]
fn record_errors_can_be_tolerated() {
    let input = "{\"id\": \"a\", \"text\": \"Body text.\"}\n{broken\n";
    let out = assert_cmd::Command::cargo_bin("capsift")
        .unwrap()
        .args([
            "clean",
            "--input-format",
            "jsonl",
            "--quiet",
            "--tolerate-record-errors",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[1].contains("\"error\""));
    let strict = assert_cmd::Command::cargo_bin("capsift")
        .unwrap()
        .args(["clean", "--input-format", "jsonl", "--quiet"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        strict.status.code(),
        Some(1),
        "without the flag a failed record makes the exit code 1"
    );
}

/// An input that cannot be read still fails, flag or not: its lines are missing.
#[test]
fn unreadable_inputs_fail_even_when_record_errors_are_tolerated() {
    let out = assert_cmd::Command::cargo_bin("capsift")
        .unwrap()
        .args([
            "clean",
            "--input-format",
            "jsonl",
            "--quiet",
            "--tolerate-record-errors",
            "/nonexistent/in.jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}
