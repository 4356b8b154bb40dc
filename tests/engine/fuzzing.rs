//! The fuzz harness (tests/support/fuzz.rs) at a small size: a few hundred seeded inputs
//! through the loaders, extraction, the store, imports and every export, with no panic and no
//! unsafe export. The full run is `cargo run --release -p crosscheck-engine --example fuzz`.

use crate::fuzz::{Finding, Scale, Seeds, case, markdown_problem, run};

/// Cases in `cargo test`; `FUZZ_CASES` asks for more.
fn case_count() -> u64 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

#[test]
fn seeded_inputs_never_panic_and_never_make_an_unsafe_export() {
    let seeds = Seeds::read(&crate::paths::top());
    assert!(
        !seeds.article.is_empty() && !seeds.pages.is_empty(),
        "the seeds are read"
    );
    let mut findings: Vec<(u64, &str, Finding)> = Vec::new();
    for index in 0..case_count() {
        let scratch = tempfile::tempdir().expect("temp dir");
        let case = case(7, index, Scale::Small, &seeds);
        if let Some(finding) = run(&case, &seeds, scratch.path()) {
            findings.push((index, case.label, finding));
        }
    }
    assert!(findings.is_empty(), "seed 7: {findings:#?}");
}

#[test]
fn the_same_seed_gives_the_same_inputs() {
    let seeds = Seeds::read(&crate::paths::top());
    for index in [0, 1, 17, 299] {
        let (a, b) = (
            case(3, index, Scale::Small, &seeds),
            case(3, index, Scale::Small, &seeds),
        );
        assert_eq!(format!("{:?}", a.input), format!("{:?}", b.input));
    }
    let differ = (0..20).any(|i| {
        format!("{:?}", case(3, i, Scale::Small, &seeds).input)
            != format!("{:?}", case(4, i, Scale::Small, &seeds).input)
    });
    assert!(differ, "another seed gives other inputs");
}

#[test]
fn the_export_check_catches_what_it_must() {
    assert!(markdown_problem("# Report\n\n> note\n").is_none());
    assert!(
        markdown_problem("# Report\n\n> line\n> ===\n").is_some(),
        "a setext heading"
    );
    assert!(markdown_problem("[x](javascript:alert(1))").is_some());
    assert!(markdown_problem("<script>x</script>").is_some());
    assert!(markdown_problem("a \u{1b}[31m b").is_some());
    assert!(markdown_problem("[ok](<https://example.org>)").is_none());
}
