//! The `crosscheck` binary's face to users: errors are one line naming the file and the reason
//! (exit 1, usage errors exit 2), never a panic; `extract --json` follows the documented schema.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

fn sample_path() -> PathBuf {
    crate::paths::top().join("assets/sample-article.txt")
}

fn run(args: &[&str]) -> Output {
    match Command::new(BIN).args(args).output() {
        Ok(output) => output,
        Err(err) => panic!("cannot run {BIN}: {err}"),
    }
}

fn run_extract(path: &Path, json: bool) -> Output {
    let path = path.to_string_lossy();
    let mut args = vec!["extract", path.as_ref()];
    if json {
        args.push("--json");
    }
    run(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn assert_no_panic(output: &Output) {
    let err = stderr(output);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "the binary panicked:\n{err}"
    );
    assert_ne!(output.status.code(), Some(101), "exit code 101 is a panic");
}

/// Runs `extract` (plain and `--json`) on `path` and checks the failure: exit code 1, nothing on
/// stdout, one line on stderr naming the file and containing one of `reasons`.
fn assert_load_error(path: &Path, reasons: &[&str]) {
    for json in [false, true] {
        let output = run_extract(path, json);
        assert_no_panic(&output);
        let err = stderr(&output);
        let context = format!("extract {} (json: {json}), stderr:\n{err}", path.display());
        assert_eq!(output.status.code(), Some(1), "{context}");
        assert!(
            output.stdout.is_empty(),
            "{context}\nstdout:\n{}",
            stdout(&output)
        );
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "not a one-line error: {context}");
        assert!(
            err.contains(&*path.to_string_lossy()),
            "the error does not name the file: {context}"
        );
        let lower = err.to_lowercase();
        assert!(
            reasons.iter().any(|r| lower.contains(r)),
            "the error gives none of the reasons {reasons:?}: {context}"
        );
    }
}

fn temp_dir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("cannot make a temporary folder: {err}"),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Err(err) = std::fs::write(&path, bytes) {
        panic!("cannot write {}: {err}", path.display());
    }
    path
}

fn parse_json(output: &Output) -> Value {
    match serde_json::from_slice(&output.stdout) {
        Ok(value) => value,
        Err(err) => panic!(
            "stdout is not JSON ({err}):\n{}\nstderr:\n{}",
            stdout(output),
            stderr(output)
        ),
    }
}

fn assert_keys(value: &Value, keys: &[&str], what: &str) {
    let Some(object) = value.as_object() else {
        panic!("{what} is not an object: {value}");
    };
    let missing: Vec<&&str> = keys.iter().filter(|k| !object.contains_key(**k)).collect();
    assert!(missing.is_empty(), "{what} lacks keys {missing:?}: {value}");
}

#[test]
fn missing_file_is_a_one_line_error() {
    let dir = temp_dir();
    assert_load_error(&dir.path().join("no-such-article.txt"), &["not found"]);
}

#[test]
fn empty_and_whitespace_only_files_are_errors() {
    let dir = temp_dir();
    assert_load_error(&write(dir.path(), "empty.txt", b""), &["empty"]);
    assert_load_error(
        &write(dir.path(), "blank.txt", b"  \n\n\t \r\n   \n"),
        &["empty"],
    );
    assert_load_error(&write(dir.path(), "blank.md", b"\n\n   \n"), &["empty"]);
}

#[test]
fn binary_file_named_txt_is_an_error() {
    let dir = temp_dir();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec();
    png.extend((0..=255u8).cycle().take(4096));
    assert_load_error(&write(dir.path(), "picture.txt", &png), &["binary"]);
}

#[test]
fn unsupported_extensions_are_errors() {
    let dir = temp_dir();
    let docx = write(dir.path(), "report.docx", b"PK\x03\x04 some text");
    assert_load_error(&docx, &["unsupported"]);
    // A PDF is read, and a broken one says so.
    let pdf = write(dir.path(), "report.pdf", b"%PDF-1.4 some text");
    assert_load_error(&pdf, &["damaged"]);
    let bare = write(dir.path(), "README", b"Plain words.");
    assert_load_error(&bare, &["unsupported"]);
}

#[test]
fn a_folder_is_an_error() {
    let dir = temp_dir();
    let folder = dir.path().join("articles.txt");
    if let Err(err) = std::fs::create_dir(&folder) {
        panic!("cannot make {}: {err}", folder.display());
    }
    assert_load_error(&folder, &["folder", "directory"]);
    // Without a known extension the type is refused first; still one line, still exit 1.
    assert_load_error(dir.path(), &["unsupported", "folder", "directory"]);
}

#[test]
fn utf16_with_bom_loads_and_without_bom_is_refused() {
    let dir = temp_dir();
    let text =
        "Bridge closed – The Quay Post\n\nEngineer Ada Lamb said the bridge “will stay shut”.\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    let mut bare = Vec::new();
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
        bare.extend_from_slice(&unit.to_le_bytes());
    }
    for (name, bytes) in [("le.txt", &le), ("be.txt", &be)] {
        let path = write(dir.path(), name, bytes);
        let output = run_extract(&path, true);
        assert_no_panic(&output);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        let json = parse_json(&output);
        assert_eq!(json["document"]["text"], text, "{name}");
        assert_eq!(json["document"]["title"], "Bridge closed", "{name}");
    }
    let path = write(dir.path(), "no-bom.txt", &bare);
    assert_load_error(&path, &["binary"]);
}

#[test]
fn invalid_utf8_loads_with_a_warning() {
    let dir = temp_dir();
    let path = write(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9 owners protest \xe2\x80\x93 The Quay Post\n\nThe caf\xe9 will close, its owner said.\n",
    );
    let output = run_extract(&path, true);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json = parse_json(&output);
    let warnings = json["document"]["warnings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!warnings.is_empty(), "no warning: {}", json["document"]);
    let text = json["document"]["text"].as_str().unwrap_or_default();
    assert!(text.contains("Caf\u{FFFD} owners"), "{text:?}");

    let output = run_extract(&path, false);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let shown = format!("{}{}", stdout(&output), stderr(&output)).to_lowercase();
    assert!(
        shown.contains("warning") && shown.contains("utf-8"),
        "the table does not show the warning:\n{shown}"
    );
}

#[test]
fn no_arguments_open_the_window_and_fail_cleanly_without_a_display() {
    let output = Command::new(BIN)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .expect("crosscheck runs");
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("window"), "{message}");
    assert_eq!(message.trim().lines().count(), 1, "{message}");
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["extract"][..],
        &["extract", "a.txt", "--no-such-flag"][..],
        &["no-such-command"][..],
        &["eval", "polnear"][..],
    ] {
        let output = run(args);
        assert_no_panic(&output);
        assert_eq!(
            output.status.code(),
            Some(2),
            "crosscheck {args:?}: {}",
            stderr(&output)
        );
        assert!(
            output.stdout.is_empty(),
            "crosscheck {args:?} printed to stdout"
        );
        assert!(
            stderr(&output).to_lowercase().contains("usage"),
            "crosscheck {args:?} does not show the usage: {}",
            stderr(&output)
        );
    }
}

#[test]
fn help_and_version_succeed() {
    for args in [
        &["--help"][..],
        &["extract", "--help"][..],
        &["--version"][..],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(0), "crosscheck {args:?}");
        assert!(
            !output.stdout.is_empty(),
            "crosscheck {args:?} printed nothing"
        );
    }
}

#[test]
fn json_document_follows_the_schema() {
    let path = sample_path();
    let output = run_extract(&path, true);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json = parse_json(&output);
    assert_keys(
        &json,
        &["schema", "document", "claims", "sources"],
        "the report",
    );
    assert_eq!(json["schema"], "crosscheck.extract/1");
    let document = &json["document"];
    assert_keys(
        document,
        &[
            "path",
            "format",
            "title",
            "byline",
            "outlet",
            "published",
            "sha256",
            "text",
            "blocks",
            "warnings",
        ],
        "document",
    );
    assert_eq!(document["path"], path.to_string_lossy().as_ref());
    assert_eq!(document["format"], "text");
    assert_eq!(document["outlet"], "The Harbour Ledger");
    assert_eq!(document["published"], "2025-02-12T09:30");
    let sample = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => panic!("cannot read {}: {err}", path.display()),
    };
    assert_eq!(document["text"], sample.as_str(), "text is not the file");
    let sha = document["sha256"].as_str().unwrap_or_default();
    assert!(
        sha.len() == 64 && sha.chars().all(|c| c.is_ascii_hexdigit()),
        "sha256 {sha:?}"
    );
    let blocks = document["blocks"].as_array().cloned().unwrap_or_default();
    assert!(blocks.len() > 10, "too few blocks: {}", blocks.len());
    for block in &blocks {
        assert_keys(block, &["kind", "start", "end"], "a block");
    }
    assert!(document["warnings"].as_array().is_some_and(Vec::is_empty));
    assert!(json["claims"].is_array() && json["sources"].is_array());
}

/// Needs the extractor: the sample yields claims and sources, each with every schema key.
#[test]
fn json_claims_and_sources_follow_the_schema() {
    let output = run_extract(&sample_path(), true);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json = parse_json(&output);
    let claims = json["claims"].as_array().cloned().unwrap_or_default();
    let sources = json["sources"].as_array().cloned().unwrap_or_default();
    assert!(
        claims.len() >= 30,
        "the sample gave {} claims",
        claims.len()
    );
    assert!(
        sources.len() >= 10,
        "the sample gave {} sources",
        sources.len()
    );
    let attributions = [
        "direct_quote",
        "indirect",
        "according_to",
        "hedged",
        "headline",
        "unattributed",
    ];
    let mut seen = std::collections::BTreeSet::new();
    for claim in &claims {
        assert_keys(
            claim,
            &[
                "id",
                "start",
                "end",
                "text",
                "attribution",
                "cue",
                "hedges",
                "source",
                "via",
                "venue",
                "checkworthy",
            ],
            "a claim",
        );
        let attribution = claim["attribution"].as_str().unwrap_or_default();
        assert!(
            attributions.contains(&attribution),
            "attribution {attribution:?}"
        );
        seen.insert(attribution.to_owned());
        if !claim["cue"].is_null() {
            assert_keys(&claim["cue"], &["start", "end", "text", "stance"], "a cue");
        }
        for hedge in claim["hedges"].as_array().cloned().unwrap_or_default() {
            assert_keys(&hedge, &["start", "end", "text"], "a hedge");
        }
        if !claim["source"].is_null() {
            assert_keys(
                &claim["source"],
                &["id", "start", "end", "text"],
                "a source mention",
            );
        }
        if !claim["venue"].is_null() {
            assert_keys(&claim["venue"], &["start", "end", "text"], "a venue");
        }
        assert!(claim["via"].is_array(), "via is not a list: {claim}");
        let score = claim["checkworthy"].as_f64().unwrap_or(-1.0);
        assert!((0.0..=1.0).contains(&score), "checkworthy {score}");
    }
    assert_eq!(
        seen.len(),
        attributions.len(),
        "the sample should give every attribution kind, gave {seen:?}"
    );
    let kinds = [
        "person",
        "organization",
        "outlet",
        "government",
        "group",
        "unnamed",
    ];
    for source in &sources {
        assert_keys(
            source,
            &["id", "name", "kind", "role", "aliases", "claims"],
            "a source",
        );
        let kind = source["kind"].as_str().unwrap_or_default();
        assert!(kinds.contains(&kind), "source kind {kind:?}");
        assert!(source["aliases"].is_array() && source["claims"].is_array());
    }
}

#[test]
fn json_output_is_byte_stable() {
    let first = run_extract(&sample_path(), true);
    let second = run_extract(&sample_path(), true);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        first.stdout == second.stdout,
        "two runs printed different JSON"
    );
}

#[test]
fn table_output_shows_the_metadata() {
    let output = run_extract(&sample_path(), false);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    for needle in [
        "The Harbour Ledger",
        "2025-02-12T09:30",
        "claims",
        "sources",
    ] {
        assert!(out.contains(needle), "the table lacks {needle:?}:\n{out}");
    }
}

#[test]
fn a_reader_closing_the_pipe_ends_the_command_quietly() {
    use std::io::Read;
    // Forty copies of the sample: a JSON output of several megabytes, far more than a pipe
    // holds, so the command is still writing when the reader goes away.
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = std::fs::read_to_string(sample_path()).expect("sample");
    let path = dir.path().join("long.txt");
    std::fs::write(&path, sample.repeat(40)).expect("write the article");
    let mut child = Command::new(BIN)
        .args(["extract", &path.to_string_lossy(), "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut head = [0u8; 64];
    let mut stdout = child.stdout.take().expect("stdout");
    stdout.read_exact(&mut head).expect("read the start");
    drop(stdout); // `| head -c 64`
    let output = child.wait_with_output().expect("wait");
    assert!(
        head.starts_with(b"{"),
        "{:?}",
        String::from_utf8_lossy(&head)
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "",
        "nothing is said when the reader leaves"
    );
}
