//! A small PolNeAR-style folder written for the tests: one article with its brat annotations.

#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::ops::Range;

pub const HARBOR_TEXT: &str = "Pier Plans Stall\n\n\
    The harbormaster, Inés Várga, said the new pier would open in May. \
    “We are out of money,” a city engineer told reporters, “and out of time.” \
    Officials expected a decision soon.\n";

/// Char range of the first `needle` in `text`.
pub fn chars_of(text: &str, needle: &str) -> Range<usize> {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

pub fn t_line(id: &str, label: &str, fragments: &[&str]) -> String {
    let ranges: Vec<Range<usize>> = fragments.iter().map(|f| chars_of(HARBOR_TEXT, f)).collect();
    let spans: Vec<String> = ranges
        .iter()
        .map(|r| format!("{} {}", r.start, r.end))
        .collect();
    format!(
        "{id}\t{label} {}\t{}\n",
        spans.join(";"),
        fragments.join(" ")
    )
}

pub fn harbor_ann() -> String {
    [
        t_line("T1", "Source", &["The harbormaster, Inés Várga"]),
        t_line("T2", "Cue", &["said"]),
        t_line("T3", "Content", &["the new pier would open in May"]),
        t_line("T4", "Attribution", &["said"]),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n".to_owned(),
        t_line(
            "T5",
            "Content",
            &["“We are out of money,”", "“and out of time.”"],
        ),
        t_line("T6", "Cue", &["told"]),
        t_line("T7", "Source", &["a city engineer"]),
        "E2\tAttribution:T6 Content:T5 Cue:T6 Source:T7\n".to_owned(),
        t_line("T8", "Content", &["a decision soon"]),
        t_line("T9", "Cue", &["expected"]),
        "E3\tAttribution-no-source:T9 Cue:T9 Content:T8\n".to_owned(),
        "E4\tAttribution:T9 Cue:T9\n".to_owned(),
        "this line is not brat\n".to_owned(),
    ]
    .concat()
}

pub fn harbor_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("harbor.txt"), HARBOR_TEXT).unwrap();
    std::fs::write(dir.path().join("harbor.ann"), harbor_ann()).unwrap();
    // A text without annotations is ignored; an empty text with annotations is skipped.
    std::fs::write(dir.path().join("lonely.txt"), "No annotations here.\n").unwrap();
    std::fs::write(dir.path().join("blank.txt"), "  \n").unwrap();
    std::fs::write(dir.path().join("blank.ann"), "").unwrap();
    dir
}
