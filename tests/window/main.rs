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

use std::time::{Duration, Instant};

use crosscheck_app::App;
use egui_kittest::Harness;

/// Running the window until it settles, background library jobs included.
pub trait Settle {
    /// Steps the window until it asks for no repaint and no library job or comparison runs.
    /// Opening an article starts indexing and comparing it on background threads, which ask
    /// for repaints until they finish: `Harness::run` alone fails when they outlast its few
    /// steps (a loaded machine), so every window test waits here instead.
    fn settle(&mut self);
}

impl Settle for Harness<'_, App> {
    fn settle(&mut self) {
        let started = Instant::now();
        loop {
            let quiet = self.try_run().is_ok();
            let working = self
                .state()
                .library()
                .is_some_and(|l| l.is_busy() || l.is_comparing());
            if quiet && !working {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the window did not settle within a minute"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
