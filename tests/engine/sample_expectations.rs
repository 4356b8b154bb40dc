//! The bundled sample article against its hand-made expectations, and the checker itself.

use crate::expectations::{
    assert_invariants, assert_meets_expectations, document_failures, expectation_failures,
    fixture_inconsistencies, parse_expected,
};
use crosscheck_engine::document::{Format, load_bytes, sample_article_path};
use crosscheck_engine::extract::{
    Attribution, Claim, Cue, Extraction, Source, SourceKind, SourceMention, Span, Stance,
};

const SAMPLE_EXPECTED: &str = include_str!("../fixtures/sample-expected.json");

fn load_sample() -> crosscheck_engine::Document {
    let path = sample_article_path();
    match crosscheck_engine::load(&path) {
        Ok(document) => document,
        Err(err) => panic!(
            "the bundled sample does not load: {err}: {}",
            path.display()
        ),
    }
}

/// The extractor's target: every expectation in `tests/fixtures/sample-expected.json`.
#[test]
fn sample_article_meets_its_expectations() {
    let document = load_sample();
    let extraction = crosscheck_engine::extract(&document);
    assert_invariants("sample article", &document, &extraction);
    assert_meets_expectations(
        "sample article",
        &document,
        &extraction,
        &parse_expected(SAMPLE_EXPECTED),
    );
}

/// The loader's share: title, outlet and date of the sample.
#[test]
fn sample_document_metadata_is_read() {
    let document = load_sample();
    let failures = document_failures(&document, &parse_expected(SAMPLE_EXPECTED));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(document.format, Format::Text);
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
}

/// Guards the fixture against drifting from the article: everything it expects is in the text.
#[test]
fn sample_fixture_matches_the_article() {
    let document = load_sample();
    let expected = parse_expected(SAMPLE_EXPECTED);
    let problems = fixture_inconsistencies(&document, &expected);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(expected.claims.len() >= 30, "the fixture lost claims");
    let words = document.text.split_whitespace().count();
    assert!((600..=900).contains(&words), "the sample has {words} words");
}

const TINY_ARTICLE: &str = "Bridge closed – The Quay Post\n\n2 Mar, 2021 08:15\n\nThe bridge \
will stay shut until May, engineer Ada Lamb reportedly said, in an interview with Radio Fen.\n";

const TINY_EXPECTED: &str = r#"{
  "document": {"title": "Bridge closed", "outlet_in_title": "The Quay Post", "published": "2021-03-02"},
  "claims": [
    {"id": "lamb", "content": "the bridge will stay shut", "source": ["Ada Lamb"], "cue": "said",
     "hedges": ["reportedly"], "via": ["Quay Post"], "venue": "Radio Fen", "attribution": "indirect"}
  ],
  "sources": [{"name": "Ada Lamb", "aliases": ["Lamb"], "role": "engineer", "kind": "person"}],
  "not_sources": ["Radio Fen"],
  "not_claims": ["Bridge closed"]
}"#;

/// Char span of `needle` in `text` (first occurrence).
fn span_of(text: &str, needle: &str) -> Span {
    let Some(byte) = text.find(needle) else {
        panic!("{needle:?} is not in the tiny article");
    };
    let start = text[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
        text: needle.to_owned(),
    }
}

/// A hand-built extraction of the tiny article that meets every tiny expectation.
fn tiny_extraction(text: &str) -> Extraction {
    let content = span_of(text, "The bridge will stay shut until May");
    let cue = span_of(text, "said");
    let mention = span_of(text, "Ada Lamb");
    let source =
        |id: &str, name: &str, kind, role: Option<&str>, aliases: &[&str], claims: &[&str]| {
            Source {
                id: id.to_owned(),
                name: name.to_owned(),
                kind,
                role: role.map(str::to_owned),
                aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
                claims: claims.iter().map(|c| (*c).to_owned()).collect(),
            }
        };
    Extraction {
        claims: vec![Claim {
            id: "c1".to_owned(),
            start: content.start,
            end: content.end,
            text: content.text,
            attribution: Attribution::Indirect,
            cue: Some(Cue {
                start: cue.start,
                end: cue.end,
                text: cue.text,
                stance: Stance::Neutral,
            }),
            hedges: vec![span_of(text, "reportedly")],
            source: Some(SourceMention {
                id: "s-lamb".to_owned(),
                start: mention.start,
                end: mention.end,
                text: mention.text,
            }),
            via: vec!["s-post".to_owned()],
            venue: Some(span_of(text, "an interview with Radio Fen")),
            checkworthy: 1.0,
        }],
        sources: vec![
            source(
                "s-lamb",
                "Ada Lamb",
                SourceKind::Person,
                Some("engineer"),
                &["Lamb"],
                &["c1"],
            ),
            source(
                "s-post",
                "The Quay Post",
                SourceKind::Outlet,
                None,
                &[],
                &[],
            ),
        ],
    }
}

fn load_tiny() -> crosscheck_engine::Document {
    match load_bytes(TINY_ARTICLE.as_bytes(), Format::Text) {
        Ok(document) => document,
        Err(err) => panic!("the tiny article does not load: {err}"),
    }
}

#[test]
fn checker_accepts_an_extraction_that_meets_every_expectation() {
    let document = load_tiny();
    let extraction = tiny_extraction(&document.text);
    assert_invariants("tiny", &document, &extraction);
    assert_meets_expectations(
        "tiny",
        &document,
        &extraction,
        &parse_expected(TINY_EXPECTED),
    );
}

#[test]
fn checker_reports_every_failure_at_once() {
    let document = load_tiny();
    let expected = parse_expected(TINY_EXPECTED);
    let mut extraction = tiny_extraction(&document.text);
    let claim = &mut extraction.claims[0];
    claim.cue = None;
    claim.hedges.clear();
    claim.via.clear();
    claim.venue = None;
    claim.attribution = Attribution::DirectQuote;
    extraction.sources[0].aliases.clear();
    extraction.sources[0].role = Some("mayor".to_owned());
    extraction.sources[0].kind = SourceKind::Group;
    extraction.sources[1].name = "Radio Fen".to_owned();
    let failures = expectation_failures(&document, &extraction, &expected).join("\n");
    for needle in [
        "has no cue",
        "lacks hedge \"reportedly\"",
        "not relayed via \"Quay Post\"",
        "has no venue",
        "has attribution \"direct_quote\"",
        "lacks alias \"Lamb\"",
        "has role Some(\"mayor\")",
        "has kind \"group\"",
        "\"Radio Fen\" should not exist",
    ] {
        assert!(
            failures.contains(needle),
            "missing {needle:?} in:\n{failures}"
        );
    }
}

#[test]
fn checker_reports_missing_claims_sources_and_wrong_sources() {
    let document = load_tiny();
    let expected = parse_expected(TINY_EXPECTED);
    let mut extraction = tiny_extraction(&document.text);
    extraction.sources[0].name = "Someone Else".to_owned();
    let failures = expectation_failures(&document, &extraction, &expected).join("\n");
    assert!(
        failures.contains("has source \"Someone Else\""),
        "{failures}"
    );
    assert!(
        failures.contains("source \"Ada Lamb\": expected exactly one"),
        "{failures}"
    );

    extraction.claims.clear();
    let failures = expectation_failures(&document, &extraction, &expected).join("\n");
    assert!(
        failures.contains("claim `lamb`: no claim contains"),
        "{failures}"
    );

    let mut extraction = tiny_extraction(&document.text);
    let headline = span_of(&document.text, "Bridge closed");
    extraction.claims[0].start = headline.start;
    extraction.claims[0].end = headline.end;
    extraction.claims[0].text = headline.text;
    let failures = expectation_failures(&document, &extraction, &expected).join("\n");
    assert!(failures.contains("asserts nothing checkable"), "{failures}");
}

#[test]
fn invariant_check_catches_broken_spans_and_dangling_ids() {
    let document = load_tiny();
    let mut extraction = tiny_extraction(&document.text);
    extraction.claims[0].end += 1;
    extraction.claims[0].via.push("nobody".to_owned());
    extraction.sources[1].claims.push("c404".to_owned());
    let mut hedge = extraction.claims[0].hedges[0].clone();
    hedge.end = 10_000;
    extraction.claims[0].hedges.push(hedge);
    extraction.claims[0].checkworthy = 1.5;
    let problems = crate::expectations::invariant_violations(&document, &extraction).join("\n");
    for needle in [
        "claim c1: text[",
        "hedge: span",
        "via source id nobody",
        "lists claim id c404",
        "checkworthy 1.5",
    ] {
        assert!(
            problems.contains(needle),
            "missing {needle:?} in:\n{problems}"
        );
    }
}

#[test]
fn normalisation_ignores_quotes_case_and_whitespace() {
    assert!(crate::expectations::contains_normalized(
        "He said the plan “was\n dead”, and left.",
        "the plan was dead"
    ));
    assert!(crate::expectations::contains_normalized(
        "Corvell’s farms",
        "corvell's FARMS"
    ));
    assert!(!crate::expectations::contains_normalized(
        "the plan was alive",
        "the plan was dead"
    ));
}
