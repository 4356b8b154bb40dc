//! Robustness: random and mutated inputs through loading and extraction. Errors from the loader
//! are fine; panics are not, and every extraction must keep the invariants in `common`:
//! spans inside the text and equal to what they cover, unique ids, resolvable references,
//! and the same result twice for the same text.

use crosscheck_engine::document::{Format, load_bytes};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;

const SAMPLE: &str = include_str!("../../assets/sample-article.txt");

/// Loads `bytes` as `format` and extracts twice; `Err` describes a broken invariant.
fn check_bytes(bytes: &[u8], format: Format) -> Result<(), String> {
    let Ok(document) = load_bytes(bytes, format) else {
        return Ok(());
    };
    let first = crosscheck_engine::extract(&document);
    let problems = crate::expectations::invariant_violations(&document, &first);
    if !problems.is_empty() {
        let shown: Vec<&str> = problems.iter().take(20).map(String::as_str).collect();
        return Err(format!(
            "{} invariant violations, first ones:\n- {}",
            problems.len(),
            shown.join("\n- ")
        ));
    }
    let second = crosscheck_engine::extract(&document);
    if first != second {
        let ids = |e: &crosscheck_engine::Extraction| -> Vec<String> {
            e.claims.iter().map(|c| c.id.clone()).collect()
        };
        return Err(format!(
            "two extractions of the same text differ (claim ids {:?} then {:?})",
            ids(&first),
            ids(&second)
        ));
    }
    Ok(())
}

/// [`check_bytes`] in both formats.
fn check_both_formats(bytes: &[u8]) -> Result<(), TestCaseError> {
    for format in [Format::Text, Format::Markdown] {
        check_bytes(bytes, format).map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))?;
    }
    Ok(())
}

/// Panics with the violation; for the fixed-input tests.
fn assert_robust(label: &str, text: &str) {
    assert_robust_in(label, text, &[Format::Text, Format::Markdown]);
}

/// [`assert_robust`] in the given formats, noting slow cases on stderr.
fn assert_robust_in(label: &str, text: &str, formats: &[Format]) {
    for &format in formats {
        let started = std::time::Instant::now();
        if let Err(problem) = check_bytes(text.as_bytes(), format) {
            panic!("{label} ({format:?}): {problem}");
        }
        let secs = started.elapsed().as_secs_f64();
        if secs > 1.0 {
            eprintln!("note: {label} ({format:?}) took {secs:.1} s");
        }
    }
}

/// The claims' texts together may be at most this many times as long as the document. More means
/// claim size grows with the square of a sentence's length, which exhausts memory on long run-on
/// input (a 1 MB sentence with a cue every 50 bytes would make gigabytes of claims).
const MAX_CLAIM_TEXT_FACTOR: usize = 20;

/// Panics when the extraction's output is out of proportion to `text`.
fn assert_output_proportional(label: &str, text: &str) {
    let Ok(document) = load_bytes(text.as_bytes(), Format::Text) else {
        panic!("{label}: does not load");
    };
    let extraction = crosscheck_engine::extract(&document);
    let claim_bytes: usize = extraction.claims.iter().map(|c| c.text.len()).sum();
    assert!(
        claim_bytes <= MAX_CLAIM_TEXT_FACTOR * text.len(),
        "{label}: {} claims hold {claim_bytes} bytes of text for {} bytes of input \
         (more than {MAX_CLAIM_TEXT_FACTOR}x): claims must not grow with the square of a \
         sentence's length",
        extraction.claims.len(),
        text.len()
    );
}

/// Byte order marks: UTF-8, UTF-16 LE, UTF-16 BE.
const BOMS: &[&[u8]] = &[&[0xEF, 0xBB, 0xBF], &[0xFF, 0xFE], &[0xFE, 0xFF]];

/// Small snippets that stress quotes, apostrophes, sentence ends and attribution cues.
const SNIPPETS: &[&str] = &[
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "`",
    "''",
    "\"\"",
    "n't",
    "s'",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    ". ",
    ", ",
    ": ",
    "; ",
    "! ",
    "? ",
    "…",
    " – ",
    " — ",
    "(",
    ")",
    "[",
    "]",
    "Mr. ",
    "Gen. ",
    "U.S. ",
    "Jan. ",
    "J. R. ",
    "3.5",
    "2,000",
    " said ",
    " told journalists that ",
    " wrote ",
    " according to ",
    "According to ",
    " reportedly ",
    " allegedly ",
    " may have ",
    " is said to ",
    " called ",
    ", telling ",
    ", warning that ",
    ", citing ",
    " in an interview with ",
    " who wrote to ",
    " the newspaper ",
    " she ",
    " He ",
    "Lior Vance",
    "Ana Petrel",
    "officials",
    "é",
    "e\u{301}",
    "👍🏽",
    "\u{200B}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{0}",
    "# ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "[a](b)",
    "`x`",
    "```",
    "**",
    "_",
    "<b>",
    "&amp;",
    "|",
];

/// A position in a text of any length: `at % (len + 1)` (so the end of the text is included).
type At = u32;

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: At, len: usize },
    Insert { at: At, text: String },
    Replace { at: At, len: usize, text: String },
}

fn insertion() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(SNIPPETS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,12}",
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<At>(), 0..60usize).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<At>(), insertion()).prop_map(|(at, text)| Edit::Insert { at, text }),
        (any::<At>(), 0..20usize, insertion()).prop_map(|(at, len, text)| Edit::Replace {
            at,
            len,
            text
        }),
    ]
}

/// Applies `edits` to `text`, char-wise.
fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let at = |at: &At| *at as usize % (chars.len() + 1);
        match edit {
            Edit::Delete { at: index, len } => {
                let start = at(index);
                let end = (start + len).min(chars.len());
                chars.drain(start..end);
            }
            Edit::Insert { at: index, text } => {
                let start = at(index);
                chars.splice(start..start, text.chars());
            }
            Edit::Replace {
                at: index,
                len,
                text,
            } => {
                let start = at(index);
                let end = (start + len).min(chars.len());
                chars.splice(start..end, text.chars());
            }
        }
    }
    chars.into_iter().collect()
}

/// Text made of snippets: sentences full of cues, quotes and punctuation in random order.
fn snippet_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            select(SNIPPETS),
            select(&["", " ", "the dam will close", "Corvell"][..]),
        ),
        0..160,
    )
    .prop_map(|parts| parts.into_iter().flat_map(|(a, b)| [a, b]).collect())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters: 512,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_both_formats(&bytes)?;
    }

    #[test]
    fn random_bytes_after_a_bom_never_panic(
        bom in select(BOMS),
        body in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = bom.to_vec();
        bytes.extend_from_slice(&body);
        check_both_formats(&bytes)?;
    }

    #[test]
    fn random_text_keeps_the_invariants(text in "(?s).{0,600}") {
        check_both_formats(text.as_bytes())?;
    }

    #[test]
    fn snippet_soup_keeps_the_invariants(text in snippet_soup()) {
        check_both_formats(text.as_bytes())?;
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn edited_sample_keeps_the_invariants(edits in prop::collection::vec(edit(), 1..16)) {
        let text = apply_edits(SAMPLE, &edits);
        check_both_formats(text.as_bytes())?;
    }

    #[test]
    fn sample_with_random_quote_marks_keeps_the_invariants(
        marks in prop::collection::vec(
            (any::<At>(), select(&["\"", "'", "“", "”", "‘", "’", "«", "»"][..])),
            1..40,
        ),
    ) {
        let edits: Vec<Edit> = marks
            .into_iter()
            .map(|(at, mark)| Edit::Insert { at, text: mark.to_owned() })
            .collect();
        check_both_formats(apply_edits(SAMPLE, &edits).as_bytes())?;
    }
}

#[test]
fn unmodified_sample_keeps_the_invariants() {
    assert_robust("sample", SAMPLE);
}

#[test]
fn unbalanced_quotes_keep_the_invariants() {
    let without = |marks: &[char]| SAMPLE.replace(marks, "");
    let cases = [
        ("only opening curly quotes", without(&['”', '’'])),
        ("only closing curly quotes", without(&['“', '‘'])),
        (
            "no straight quotes closed",
            SAMPLE.replacen("calendar,\"", "calendar,", 1),
        ),
        (
            "every quote straightened",
            SAMPLE.replace(['“', '”'], "\"").replace(['‘', '’'], "'"),
        ),
        (
            "quote opened at the end",
            format!("{SAMPLE}\n\nVance said: “"),
        ),
        (
            "quote closed at the start",
            format!("” said Vance.\n\n{SAMPLE}"),
        ),
        (
            "quote left open over many paragraphs",
            format!("Petrel said: “{}", SAMPLE.replace(['”', '"'], "")),
        ),
        (
            "reversed curly quotes",
            "He said ”this is backwards“ and ’so is this‘.".to_owned(),
        ),
        (
            "lone marks",
            "“\n\n”\n\n\"\n\n'\n\n‘\n\n’\n\n«\n\n»".to_owned(),
        ),
        (
            "apostrophes only",
            "Corvell's dam's river's farmers' 'n' rock'n'roll '90s".to_owned(),
        ),
        (
            "nested opening marks",
            "“‘“‘“‘ said Vance, “‘ according to ‘“ Petrel.".to_owned(),
        ),
    ];
    for (label, text) in &cases {
        assert_robust(label, text);
    }
}

#[test]
fn deeply_repeated_punctuation_keeps_the_invariants() {
    let punctuation = [
        ".", ",", "“", "”", "\"", "'", "’", "(", ")", "-", "—", ":", ";", "!", "?", "…", "\n", " ",
        "> ", "* ", "[", "`", "#", "“‘", "Mr. ", "U.S. ", "J. ", "3.",
    ];
    // Runs of cues are costlier to analyse, so they are shorter (their growth is checked by
    // `cost_grows_linearly_on_repetitive_input`).
    let cues = [
        ", said ",
        "according to ",
        "“said”, ",
        "reportedly ",
        "he said that ",
    ];
    let runs = punctuation
        .iter()
        .map(|unit| (unit, 20_000))
        .chain(cues.iter().map(|unit| (unit, 4_000)));
    for (unit, run_bytes) in runs {
        let run = unit.repeat(run_bytes / unit.len());
        let text = format!("Vance said{run}the dam is closed.");
        assert_robust(&format!("{unit:?} repeated"), &text);
    }
    let nested_lists = (0..2_000)
        .map(|i| format!("{}- x\n", "  ".repeat(i % 200)))
        .collect::<String>();
    assert_robust("nested list items", &nested_lists);
    assert_robust(
        "deep block quotes",
        &format!("{} Vance said it.", "> ".repeat(5_000)),
    );
}

/// Huge lines run in one format only: both formats hand the extractor the same single line.
#[test]
fn huge_single_line_keeps_the_invariants() {
    let text_only = &[Format::Text];
    let line = SAMPLE.replace('\n', " ");
    let filler = "the river runs on past the old mill and the road bends north ";
    let run = filler.repeat(3 * 1024 * 1024 / filler.len());
    let huge = format!("{line}{run}{line}");
    assert!(huge.len() >= 3 * 1024 * 1024 && !huge.contains('\n'));
    assert_robust_in(
        "one 3 MB line: sample, plain words, sample",
        &huge,
        text_only,
    );

    let sentences = line.repeat(512 * 1024 / line.len() + 1);
    assert_robust_in(
        "the sample repeated as one 512 KB line",
        &sentences,
        text_only,
    );

    // A run-on sentence full of cues: first a small one, so that output growing with the square
    // of the sentence fails fast here instead of exhausting memory on the large one.
    let run_on = "the dam holds back the river and Vance said nothing ";
    assert_output_proportional(
        "a 100 KB sentence without a full stop",
        &run_on.repeat(2_000),
    );
    let no_stops = run_on.repeat(20_000);
    assert_output_proportional("a 1 MB sentence without a full stop", &no_stops);
    assert_robust_in("a 1 MB sentence without a full stop", &no_stops, text_only);

    assert_robust("one 2 MB word", &"a".repeat(2 * 1024 * 1024));
}

/// Claims and total claim text (bytes) extracted from `text`.
fn output_size(text: &str) -> (usize, usize) {
    let Ok(document) = load_bytes(text.as_bytes(), Format::Text) else {
        panic!("the input does not load: {:?}", text.get(..80));
    };
    let extraction = crosscheck_engine::extract(&document);
    let bytes = extraction.claims.iter().map(|c| c.text.len()).sum();
    (extraction.claims.len(), bytes)
}

/// Work must grow linearly on repetitive input: four times the input may give at most five
/// times the claims and the claim text (linear is 4; a claim per cue that runs to the end of
/// the sentence grows with the square). This is a deterministic stand-in for time; the
/// criterion bench's `scaling` group measures the time itself (see the README).
#[test]
fn output_grows_linearly_on_repetitive_input() {
    const MAX_RATIO: usize = 5;
    let units = [
        "according to ",
        "Vance said that ",
        ", said Vance, ",
        "“said”, ",
        "“Open ",
        "he reportedly said: ‘",
        "Mr. Gen. U.S. ",
        "officials, who wrote to ",
    ];
    let article = format!("{SAMPLE}\n\n");
    let cases = units
        .iter()
        .map(|unit| {
            let run = |bytes: usize| format!("Petrel said {}it.", unit.repeat(bytes / unit.len()));
            (format!("{unit:?} repeated"), run(4_000), run(16_000))
        })
        .chain(std::iter::once((
            "the sample article repeated".to_owned(),
            article.repeat(8),
            article.repeat(32),
        )));
    let mut failures = Vec::new();
    for (label, small, large) in cases {
        let (small_claims, small_bytes) = output_size(&small);
        let (large_claims, large_bytes) = output_size(&large);
        if large_claims > MAX_RATIO * small_claims.max(1)
            || large_bytes > MAX_RATIO * small_bytes.max(small.len())
        {
            failures.push(format!(
                "{label}: {small_claims} claims ({small_bytes} bytes) for {} bytes, \
                 {large_claims} claims ({large_bytes} bytes) for {} bytes",
                small.len(),
                large.len()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "extraction output grows faster than the input:\n{}",
        failures.join("\n")
    );
}

#[test]
fn edits_apply_as_described() {
    let text = "abcdef";
    let delete = Edit::Delete { at: 1, len: 2 };
    assert_eq!(apply_edits(text, &[delete]), "adef");
    let insert_at_end = Edit::Insert {
        at: 6,
        text: "“".to_owned(),
    };
    assert_eq!(apply_edits(text, &[insert_at_end]), "abcdef“");
    let wrap_around = Edit::Insert {
        at: 8,
        text: "'".to_owned(),
    };
    assert_eq!(apply_edits(text, &[wrap_around]), "a'bcdef");
    let replace_all = Edit::Replace {
        at: 0,
        len: 99,
        text: "x".to_owned(),
    };
    assert_eq!(apply_edits(text, &[replace_all]), "x");
}
