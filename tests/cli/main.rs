//! The `crosscheck` command run as a user runs it: the built binary on files and folders
//! written for the tests. One test binary, a module per area.

#![allow(
    clippy::unwrap_used,
    reason = "an unwrap that fails in a test is a failed test"
)]

#[path = "../support/html_fixture.rs"]
mod html_fixture;
#[path = "../support/paths.rs"]
mod paths;
#[path = "../support/polnear_fixture.rs"]
mod polnear_fixture;
#[path = "../support/store_fixture.rs"]
mod store_fixture;

mod eval;
mod export;
mod files;
mod hostile;
mod html;
mod library;
mod preferences;
mod revisions;
mod run;
mod sources;
mod store;
