//! The engine's integration tests, one test binary with a module per area. They use only the
//! engine's public API, so this binary links no UI crate.

#![allow(
    clippy::unwrap_used,
    reason = "an unwrap that fails in a test is a failed test"
)]

#[path = "../support/expectations.rs"]
mod expectations;
#[path = "../support/fuzz.rs"]
mod fuzz;
#[path = "../support/html_fixture.rs"]
mod html_fixture;
#[path = "../support/paths.rs"]
mod paths;
#[path = "../support/pdf_fixture.rs"]
mod pdf_fixture;
#[path = "../support/polnear_fixture.rs"]
mod polnear_fixture;
#[path = "../support/store_fixture.rs"]
mod store_fixture;

mod epub_load;
mod eval_polnear;
mod export;
mod export_review;
mod extract_constructions;
mod extract_sources;
mod front_matter;
mod fuzzing;
mod hostile;
mod html_eval;
mod html_load;
mod html_metadata;
mod html_repair;
mod html_safety;
mod library_crosscheck;
mod pdf_load;
mod pdf_notes;
mod review;
mod robustness;
mod sample_expectations;
mod seed;
mod source_records;
mod store_anchor;
mod store_crash;
mod store_files;
mod store_recovery;
mod store_revisions;
mod store_roundtrip;
mod store_undo;
