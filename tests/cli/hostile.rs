//! What the command line prints of other people's text is inert: no escape sequence reaches
//! the terminal, a file name cannot make a message two lines, and an export never carries a
//! link a reader could be tricked into running.

use std::path::Path;
use std::process::{Command, Output};

use crosscheck_engine::store::{Edit, Evidence, Store, Target, Verdict};

use crate::store_fixture::*;

fn crosscheck(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env_remove("CROSSCHECK_DATA_DIR")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("run crosscheck")
}

/// An article with one note holding terminal escapes, Markdown traps and hostile links.
fn hostile_notes(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (path, document) = write_article(dir, "bridge.txt", ARTICLE);
    let store_dir = dir.join("store");
    let store = Store::open(&store_dir).expect("open");
    let (start, end) = span_of(&document, "the bridge would cost $4 million");
    store
        .update(
            &document,
            &Target::Claim { start, end },
            &[
                Edit::Verdict(Verdict::False),
                Edit::Note(
                    "\u{1b}]0;owned\u{7}\u{1b}[31mred\u{9b}2J\nheading above\n===\n- list\n| a | b |"
                        .to_owned(),
                ),
                Edit::AddEvidence(Evidence {
                    url: "JaVaScRiPt:alert(1)".to_owned(),
                    label: "click me".to_owned(),
                }),
                Edit::AddEvidence(Evidence {
                    url: "data:text/html,<script>x</script>".to_owned(),
                    label: String::new(),
                }),
                Edit::AddEvidence(Evidence {
                    url: "https://example.org/minutes".to_owned(),
                    label: "minutes".to_owned(),
                }),
            ],
        )
        .expect("save");
    (path, store_dir)
}

/// Whether the output holds a control character other than a newline, a tab or the carriage
/// return of a CRLF line end (CSV's).
fn has_raw_controls(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn notes_and_exports_on_the_terminal_carry_no_control_characters() {
    let dir = temp_dir();
    let (path, store_dir) = hostile_notes(dir.path());
    let article = path.to_string_lossy();
    for args in [
        vec!["notes", article.as_ref()],
        vec!["notes", article.as_ref(), "--json"],
        vec!["export", article.as_ref(), "--format", "md"],
        vec!["export", article.as_ref(), "--format", "csv"],
        vec!["export", article.as_ref(), "--format", "w3c"],
    ] {
        let output = crosscheck(&store_dir, &args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(
            !has_raw_controls(&output.stdout),
            "{args:?} printed a control char"
        );
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            text.contains("\\u001b"),
            "{args:?}: the escape is shown as text"
        );
    }
    // CSV on the terminal is the CSV written to a file: its CRLF line ends are kept.
    let on_stdout = crosscheck(&store_dir, &["export", &article, "--format", "csv"]).stdout;
    let file = dir.path().join("notes.csv");
    let file_arg = file.to_string_lossy();
    let written = crosscheck(
        &store_dir,
        &[
            "export",
            &article,
            "--format",
            "csv",
            "-o",
            file_arg.as_ref(),
        ],
    );
    assert_eq!(written.status.code(), Some(0));
    let in_file = std::fs::read(&file).expect("the CSV file");
    // Rows by id with their number of cells (a note's escape is text on the terminal only).
    let rows = |bytes: &[u8]| -> Vec<(String, usize)> {
        csv::Reader::from_reader(bytes)
            .records()
            .map(|r| r.expect("a row"))
            .map(|r| (r.get(0).unwrap_or_default().to_owned(), r.len()))
            .collect()
    };
    assert!(on_stdout.windows(2).any(|w| w == b"\r\n"));
    assert!(!String::from_utf8_lossy(&on_stdout).contains("\\u000d"));
    assert!(!rows(&in_file).is_empty());
    assert_eq!(rows(&on_stdout), rows(&in_file));
    // JSON output keeps its meaning: the escape is JSON's own.
    let output = crosscheck(&store_dir, &["notes", &article, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(json.to_string().contains("\\u001b]0;owned"));
}

#[test]
fn the_markdown_export_keeps_only_web_and_mail_links_and_no_note_line_makes_markup() {
    let dir = temp_dir();
    let (path, store_dir) = hostile_notes(dir.path());
    let out = dir.path().join("notes.md");
    let output = crosscheck(
        &store_dir,
        &[
            "export",
            &path.to_string_lossy(),
            "--format",
            "md",
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    let report = std::fs::read_to_string(&out).expect("the report");
    let lower = report.to_lowercase();
    assert!(!lower.contains("](<javascript:"), "{report}");
    assert!(!lower.contains("](<data:"), "{report}");
    assert!(report.contains("[minutes](<https://example.org/minutes>)"));
    assert!(
        report.contains("click me — JaVaScRiPt:alert(1)"),
        "{report}"
    );
    assert!(!has_raw_controls(report.as_bytes()));
    // Note lines sit in a quote, each with its marks escaped: no setext heading, list or table.
    for line in report.lines().filter(|l| l.starts_with("  > ")) {
        let body = &line[4..];
        assert!(
            !body.starts_with('=') && !body.starts_with("- ") && !body.starts_with('|'),
            "{line:?}"
        );
    }
    // The same check through a Markdown parser: no heading comes from the note.
    let headings = pulldown_cmark::Parser::new(&report)
        .filter(|event| {
            matches!(
                event,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. })
            )
        })
        .count();
    let written = report.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(headings, written, "only the report's own headings");
}

#[test]
fn a_file_name_with_a_newline_gives_a_one_line_message() {
    let dir = temp_dir();
    let name = dir.path().join("two\nlines.txt");
    let output = crosscheck(dir.path(), &["extract", &name.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("two\\nlines.txt"), "{stderr}");
}
