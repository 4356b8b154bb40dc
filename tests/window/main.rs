//! The window driven by egui_kittest: the real `App` with its panels, without eframe's event
//! loop. One test binary, a module per area.

#![allow(
    clippy::unwrap_used,
    reason = "an unwrap that fails in a test is a failed test"
)]

#[path = "../support/paths.rs"]
mod paths;
#[path = "../support/pdf_fixture.rs"]
mod pdf_fixture;

mod app_library;
mod app_pdf;
mod app_preferences;
mod app_review;
mod app_scripts;
mod app_sources;
mod app_tabs;
mod app_window;
