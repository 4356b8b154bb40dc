//! Shared test code: the expectation checker for hand-made `expected.json` files and the
//! structural invariants every extraction must keep.
//!
//! The checker implements the matching rules stated in the seed's `expected.json` "about" field
//! (and repeated in `tests/fixtures/sample-expected.json`). It collects every failure and reports
//! them all in one panic message, followed by a listing of what was extracted.

#![allow(dead_code)] // Each test crate uses a different part of this module.

use std::collections::HashSet;
use std::fmt::Write as _;

use crosscheck_engine::Document;
use crosscheck_engine::extract::{Claim, Extraction, Source, SourceKind};
use crosscheck_engine::text::CharIndex;
use serde::Deserialize;

/// A hand-made expectations file.
#[derive(Debug, Deserialize)]
pub struct Expected {
    /// Expected document metadata.
    pub document: ExpectedDocument,
    /// Claims that must be found.
    pub claims: Vec<ExpectedClaim>,
    /// Source entities that must exist.
    #[serde(default)]
    pub sources: Vec<ExpectedSource>,
    /// Names that must not appear in any source entry's name.
    #[serde(default)]
    pub not_sources: Vec<String>,
    /// Text that no claim may contain (sentences that assert nothing checkable).
    #[serde(default)]
    pub not_claims: Vec<String>,
}

/// Expected document metadata; absent fields are not checked.
#[derive(Debug, Deserialize)]
pub struct ExpectedDocument {
    /// The headline without the outlet suffix (compared after trimming).
    pub title: Option<String>,
    /// The outlet named in the title.
    pub outlet_in_title: Option<String>,
    /// A prefix of the ISO 8601 publication date ("2024-03-04" or "2024-03-04T12:44").
    pub published: Option<String>,
}

/// One claim that must be found.
#[derive(Debug, Deserialize)]
pub struct ExpectedClaim {
    /// Label used in failure messages.
    pub id: String,
    /// Text the claim must contain (quotes and whitespace normalised, case-insensitive).
    pub content: String,
    /// Names one of which the claim's source name must contain; `None` means no named source.
    pub source: Option<Vec<String>>,
    /// Text the cue must contain.
    pub cue: Option<String>,
    /// Each must be contained in one of the claim's hedges.
    #[serde(default)]
    pub hedges: Vec<String>,
    /// Each must be contained in the name of one of the claim's outer sources.
    #[serde(default)]
    pub via: Vec<String>,
    /// Text the venue must contain.
    pub venue: Option<String>,
    /// The attribution kind, when given.
    pub attribution: Option<String>,
}

/// One source entity that must exist.
#[derive(Debug, Deserialize)]
pub struct ExpectedSource {
    /// Exactly one source entry's name must contain this.
    pub name: String,
    /// Each must be contained in one of the entry's aliases.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Text the entry's role must contain, when given.
    pub role: Option<String>,
    /// The entry's kind, when given.
    pub kind: Option<String>,
}

/// Parses an expectations file.
pub fn parse_expected(json: &str) -> Expected {
    match serde_json::from_str(json) {
        Ok(expected) => expected,
        Err(err) => panic!("the expectations file does not parse: {err}"),
    }
}

/// Quote marks removed when comparing text (apostrophes included, on both sides alike).
const QUOTE_MARKS: &[char] = &[
    '"', '\'', '`', '´', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›', '′', '″',
];

/// Lower-cases `text`, removes quote marks and collapses whitespace.
pub fn normalize(text: &str) -> String {
    let without_quotes: String = text
        .chars()
        .filter(|c| !QUOTE_MARKS.contains(c))
        .flat_map(char::to_lowercase)
        .collect();
    without_quotes
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `haystack` contains `needle` after normalising both.
pub fn contains_normalized(haystack: &str, needle: &str) -> bool {
    normalize(haystack).contains(&normalize(needle))
}

fn source_by_id<'a>(extraction: &'a Extraction, id: &str) -> Option<&'a Source> {
    extraction.sources.iter().find(|s| s.id == id)
}

fn claim_source<'a>(extraction: &'a Extraction, claim: &Claim) -> Option<&'a Source> {
    claim
        .source
        .as_ref()
        .and_then(|mention| source_by_id(extraction, &mention.id))
}

/// Why `claim` does not meet `expected` (content aside), or an empty list when it does.
fn claim_mismatches(
    extraction: &Extraction,
    claim: &Claim,
    expected: &ExpectedClaim,
) -> Vec<String> {
    let mut problems = Vec::new();
    let source = claim_source(extraction, claim);
    match (&expected.source, source) {
        (None, None) => {}
        (None, Some(source)) if source.kind == SourceKind::Unnamed => {}
        (None, Some(source)) => problems.push(format!(
            "has source {:?}, expected no named source",
            source.name
        )),
        (Some(names), None) => {
            let dangling = claim
                .source
                .as_ref()
                .map(|m| format!(" (mention {:?} with unknown id {:?})", m.text, m.id))
                .unwrap_or_default();
            problems.push(format!(
                "has no source{dangling}, expected one of {names:?}"
            ));
        }
        (Some(names), Some(source)) => {
            if !names.iter().any(|n| contains_normalized(&source.name, n)) {
                problems.push(format!(
                    "has source {:?}, expected one of {names:?}",
                    source.name
                ));
            }
        }
    }
    if let Some(cue) = &expected.cue {
        match &claim.cue {
            Some(actual) if actual.text.to_lowercase().contains(&cue.to_lowercase()) => {}
            Some(actual) => problems.push(format!(
                "has cue {:?}, expected one containing {cue:?}",
                actual.text
            )),
            None => problems.push(format!("has no cue, expected one containing {cue:?}")),
        }
    }
    for hedge in &expected.hedges {
        let found = claim
            .hedges
            .iter()
            .any(|h| h.text.to_lowercase().contains(&hedge.to_lowercase()));
        if !found {
            let actual: Vec<&str> = claim.hedges.iter().map(|h| h.text.as_str()).collect();
            problems.push(format!("lacks hedge {hedge:?} (has {actual:?})"));
        }
    }
    let via_names: Vec<&str> = claim
        .via
        .iter()
        .map(|id| source_by_id(extraction, id).map_or(id.as_str(), |s| s.name.as_str()))
        .collect();
    for name in &expected.via {
        if !via_names.iter().any(|v| contains_normalized(v, name)) {
            problems.push(format!("is not relayed via {name:?} (via {via_names:?})"));
        }
    }
    if let Some(venue) = &expected.venue {
        match &claim.venue {
            Some(actual) if contains_normalized(&actual.text, venue) => {}
            Some(actual) => problems.push(format!(
                "has venue {:?}, expected one containing {venue:?}",
                actual.text
            )),
            None => problems.push(format!("has no venue, expected one containing {venue:?}")),
        }
    }
    if let Some(attribution) = &expected.attribution
        && claim.attribution.as_str() != attribution
    {
        problems.push(format!(
            "has attribution {:?}, expected {attribution:?}",
            claim.attribution.as_str()
        ));
    }
    problems
}

/// Checks one claim expectation; returns a failure description when no claim meets it.
fn check_claim(extraction: &Extraction, expected: &ExpectedClaim) -> Option<String> {
    let candidates: Vec<&Claim> = extraction
        .claims
        .iter()
        .filter(|c| contains_normalized(&c.text, &expected.content))
        .collect();
    if candidates.is_empty() {
        return Some(format!(
            "claim `{}`: no claim contains {:?}",
            expected.id, expected.content
        ));
    }
    let mut reasons = Vec::new();
    for claim in candidates {
        let problems = claim_mismatches(extraction, claim, expected);
        if problems.is_empty() {
            return None;
        }
        reasons.push(format!(
            "    claim {} [{}..{}] {}",
            claim.id,
            claim.start,
            claim.end,
            problems.join("; ")
        ));
    }
    Some(format!(
        "claim `{}` ({:?}): found but wrong:\n{}",
        expected.id,
        expected.content,
        reasons.join("\n")
    ))
}

/// Checks one source expectation.
fn check_source(extraction: &Extraction, expected: &ExpectedSource) -> Vec<String> {
    let matching: Vec<&Source> = extraction
        .sources
        .iter()
        .filter(|s| contains_normalized(&s.name, &expected.name))
        .collect();
    let [source] = matching.as_slice() else {
        let names: Vec<&str> = matching.iter().map(|s| s.name.as_str()).collect();
        return vec![format!(
            "source {:?}: expected exactly one entry carrying the name, found {} {names:?}",
            expected.name,
            matching.len()
        )];
    };
    let mut problems = Vec::new();
    for alias in &expected.aliases {
        if !source.aliases.iter().any(|a| contains_normalized(a, alias)) {
            problems.push(format!(
                "source {:?}: lacks alias {alias:?} (has {:?})",
                source.name, source.aliases
            ));
        }
    }
    if let Some(role) = &expected.role {
        match &source.role {
            Some(actual) if contains_normalized(actual, role) => {}
            actual => problems.push(format!(
                "source {:?}: has role {actual:?}, expected one containing {role:?}",
                source.name
            )),
        }
    }
    if let Some(kind) = &expected.kind
        && source.kind.as_str() != kind
    {
        problems.push(format!(
            "source {:?}: has kind {:?}, expected {kind:?}",
            source.name,
            source.kind.as_str()
        ));
    }
    problems
}

/// Every way the document metadata falls short of `expected`.
pub fn document_failures(document: &Document, expected: &Expected) -> Vec<String> {
    let mut failures = Vec::new();
    if let Some(title) = &expected.document.title
        && document.title.as_deref().map(str::trim) != Some(title.trim())
    {
        failures.push(format!(
            "document title is {:?}, expected {title:?}",
            document.title
        ));
    }
    if let Some(outlet) = &expected.document.outlet_in_title
        && document.outlet.as_deref() != Some(outlet.as_str())
    {
        failures.push(format!(
            "document outlet is {:?}, expected {outlet:?}",
            document.outlet
        ));
    }
    if let Some(published) = &expected.document.published
        && !document
            .published
            .as_deref()
            .is_some_and(|p| p.starts_with(published.as_str()))
    {
        failures.push(format!(
            "document published is {:?}, expected {published:?}",
            document.published
        ));
    }
    failures
}

/// Every way `document` and `extraction` fall short of `expected`, in file order.
pub fn expectation_failures(
    document: &Document,
    extraction: &Extraction,
    expected: &Expected,
) -> Vec<String> {
    let mut failures = document_failures(document, expected);
    failures.extend(
        expected
            .claims
            .iter()
            .filter_map(|c| check_claim(extraction, c)),
    );
    for source in &expected.sources {
        failures.extend(check_source(extraction, source));
    }
    for name in &expected.not_sources {
        for source in &extraction.sources {
            if contains_normalized(&source.name, name) {
                failures.push(format!(
                    "source entry {:?} should not exist (it carries {name:?}, not a source)",
                    source.name
                ));
            }
        }
    }
    for text in &expected.not_claims {
        for claim in &extraction.claims {
            if contains_normalized(&claim.text, text) {
                failures.push(format!(
                    "claim {} contains {text:?}, which asserts nothing checkable",
                    claim.id
                ));
            }
        }
    }
    failures
}

/// A compact listing of an extraction, for failure messages.
pub fn describe_extraction(extraction: &Extraction) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "extracted {} claims:", extraction.claims.len());
    for claim in &extraction.claims {
        let source = claim_source(extraction, claim).map_or("-", |s| s.name.as_str());
        let cue = claim.cue.as_ref().map_or("-", |c| c.text.as_str());
        let hedges: Vec<&str> = claim.hedges.iter().map(|h| h.text.as_str()).collect();
        let via: Vec<&str> = claim
            .via
            .iter()
            .map(|id| source_by_id(extraction, id).map_or(id.as_str(), |s| s.name.as_str()))
            .collect();
        let venue = claim.venue.as_ref().map_or("-", |v| v.text.as_str());
        let _ = writeln!(
            out,
            "  {:<12} {:<24} cue={cue:?} hedges={hedges:?} via={via:?} venue={venue:?}\n      {:?}",
            claim.attribution.as_str(),
            source,
            crosscheck_engine::text::squash_whitespace(&claim.text)
        );
    }
    let _ = writeln!(out, "extracted {} sources:", extraction.sources.len());
    for source in &extraction.sources {
        let _ = writeln!(
            out,
            "  {:?} [{}] role={:?} aliases={:?}",
            source.name,
            source.kind.as_str(),
            source.role,
            source.aliases
        );
    }
    out
}

/// Panics with every failure at once when `extraction` falls short of `expected`.
pub fn assert_meets_expectations(
    label: &str,
    document: &Document,
    extraction: &Extraction,
    expected: &Expected,
) {
    let failures = expectation_failures(document, extraction, expected);
    if !failures.is_empty() {
        panic!(
            "{label}: {} of the expectations are not met:\n- {}\n\n{}",
            failures.len(),
            failures.join("\n- "),
            describe_extraction(extraction)
        );
    }
}

/// Failures of the expectations file itself: text it expects that the article does not contain.
pub fn fixture_inconsistencies(document: &Document, expected: &Expected) -> Vec<String> {
    let text = &document.text;
    let mut problems = Vec::new();
    let mut require = |what: &str, needle: &str| {
        if !contains_normalized(text, needle) {
            problems.push(format!("{what} {needle:?} is not in the article"));
        }
    };
    for claim in &expected.claims {
        require("claim content", &claim.content);
        if let Some(cue) = &claim.cue {
            require("cue", cue);
        }
        for hedge in &claim.hedges {
            require("hedge", hedge);
        }
        if let Some(venue) = &claim.venue {
            require("venue", venue);
        }
        for name in &claim.via {
            require("via name", name);
        }
    }
    for source in &expected.sources {
        require("source name", &source.name);
        for alias in &source.aliases {
            require("alias", alias);
        }
    }
    for sentence in &expected.not_claims {
        require("not_claims sentence", sentence);
    }
    let mut ids = HashSet::new();
    for claim in &expected.claims {
        if !ids.insert(claim.id.as_str()) {
            problems.push(format!("claim id `{}` is used twice", claim.id));
        }
    }
    problems
}

/// Checks the structural invariants of an extraction over `document`: spans inside the text and
/// equal to the text they cover, unique ids, resolvable references, scores in range, blocks in
/// order. Returns every violation.
pub fn invariant_violations(document: &Document, extraction: &Extraction) -> Vec<String> {
    let text = document.text.as_str();
    let index = CharIndex::new(text);
    let len_chars = index.len_chars();
    let mut problems = Vec::new();
    let mut check_span = |what: &str, start: usize, end: usize, span_text: &str| {
        if start > end || end > len_chars {
            problems.push(format!(
                "{what}: span {start}..{end} is not inside the text (0..{len_chars})"
            ));
            return;
        }
        let actual = &text[index.byte_of_char(start)..index.byte_of_char(end)];
        if actual != span_text {
            problems.push(format!(
                "{what}: text[{start}..{end}] is {actual:?} but the span says {span_text:?}"
            ));
        }
    };
    for claim in &extraction.claims {
        let id = &claim.id;
        check_span(&format!("claim {id}"), claim.start, claim.end, &claim.text);
        if let Some(cue) = &claim.cue {
            check_span(&format!("claim {id} cue"), cue.start, cue.end, &cue.text);
        }
        for hedge in &claim.hedges {
            check_span(
                &format!("claim {id} hedge"),
                hedge.start,
                hedge.end,
                &hedge.text,
            );
        }
        if let Some(source) = &claim.source {
            check_span(
                &format!("claim {id} source mention"),
                source.start,
                source.end,
                &source.text,
            );
        }
        if let Some(venue) = &claim.venue {
            check_span(
                &format!("claim {id} venue"),
                venue.start,
                venue.end,
                &venue.text,
            );
        }
    }
    let mut claim_ids = HashSet::new();
    for claim in &extraction.claims {
        if !claim_ids.insert(claim.id.as_str()) {
            problems.push(format!("claim id {} is not unique", claim.id));
        }
        if !(0.0..=1.0).contains(&claim.checkworthy) {
            problems.push(format!(
                "claim {} has checkworthy {} outside 0..1",
                claim.id, claim.checkworthy
            ));
        }
    }
    let mut source_ids = HashSet::new();
    for source in &extraction.sources {
        if !source_ids.insert(source.id.as_str()) {
            problems.push(format!("source id {} is not unique", source.id));
        }
    }
    for claim in &extraction.claims {
        if let Some(mention) = &claim.source {
            match source_by_id(extraction, &mention.id) {
                None => problems.push(format!(
                    "claim {} names source id {} which is not in `sources`",
                    claim.id, mention.id
                )),
                Some(source) if !source.claims.contains(&claim.id) => problems.push(format!(
                    "claim {} is attributed to {} but that source does not list it",
                    claim.id, mention.id
                )),
                Some(_) => {}
            }
        }
        for id in &claim.via {
            if !source_ids.contains(id.as_str()) {
                problems.push(format!(
                    "claim {} is relayed via source id {id} which is not in `sources`",
                    claim.id
                ));
            }
        }
    }
    for source in &extraction.sources {
        for id in &source.claims {
            if !claim_ids.contains(id.as_str()) {
                problems.push(format!(
                    "source {} lists claim id {id} which is not in `claims`",
                    source.id
                ));
            }
        }
    }
    let mut previous_end = 0;
    for block in &document.blocks {
        if block.start < previous_end || block.start > block.end || block.end > len_chars {
            problems.push(format!(
                "block {:?} {}..{} is out of order or outside the text (0..{len_chars})",
                block.kind, block.start, block.end
            ));
        }
        previous_end = block.end;
    }
    problems
}

/// Panics with every violation when the extraction breaks an invariant.
pub fn assert_invariants(label: &str, document: &Document, extraction: &Extraction) {
    let problems = invariant_violations(document, extraction);
    if !problems.is_empty() {
        let shown: Vec<&String> = problems.iter().take(40).collect();
        panic!(
            "{label}: {} invariant violations (first {}):\n- {}",
            problems.len(),
            shown.len(),
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n- ")
        );
    }
}
