//! The example report the product was specified from, against its hand-made expectations.
//!
//! The seed lives outside the repository (`../shared/seed/` beside the checkout, as in CI); a
//! clone without it skips these tests with a note.

use crate::expectations::{
    assert_invariants, assert_meets_expectations, fixture_inconsistencies, parse_expected,
};

/// The seed's document and expectations, or `None` (with a note) when the folder is absent.
fn load_seed() -> Option<(crosscheck_engine::Document, crate::expectations::Expected)> {
    let dir = crate::paths::top().join("../shared/seed");
    let article = dir.join("article.txt");
    let expected = dir.join("expected.json");
    if !article.is_file() || !expected.is_file() {
        println!("note: skipped, the seed is not here: {}", dir.display());
        return None;
    }
    let document = match crosscheck_engine::load(&article) {
        Ok(document) => document,
        Err(err) => panic!(
            "the seed article does not load: {err}: {}",
            article.display()
        ),
    };
    let json = match std::fs::read_to_string(&expected) {
        Ok(json) => json,
        Err(err) => panic!("cannot read {}: {err}", expected.display()),
    };
    Some((document, parse_expected(&json)))
}

/// The first "done when": every expectation in the seed's expected.json.
#[test]
fn seed_article_meets_expected_json() {
    let Some((document, expected)) = load_seed() else {
        return;
    };
    let extraction = crosscheck_engine::extract(&document);
    assert_invariants("seed article", &document, &extraction);
    assert_meets_expectations("seed article", &document, &extraction, &expected);
}

/// The checker's reading of the seed's expectations fits the seed text (no extraction needed).
#[test]
fn seed_expectations_fit_the_seed_text() {
    let Some((document, expected)) = load_seed() else {
        return;
    };
    let problems = fixture_inconsistencies(&document, &expected);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let failures = crate::expectations::document_failures(&document, &expected);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
