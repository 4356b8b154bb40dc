//! The system's fonts as fallbacks for what egui's bundled fonts (Latin, Greek, Cyrillic and
//! monochrome emoji) cannot draw: Chinese, Japanese and Korean, Arabic, Hebrew, Devanagari,
//! symbols, colour emoji — Noto, DejaVu or whatever the system's font configuration prefers
//! for each script.
//!
//! The fonts are found by `egui_system_font_provider` (egui's own, over `fontique`, which asks
//! fontconfig on Linux), one font per script, on demand, and memory-mapped rather than read.
//! Listing the system's fonts takes a few hundred milliseconds, so it runs on a thread of its
//! own from the start: until it is done no font is discovered (the first frames never wait),
//! and once it is, the window asks again for the characters it missed
//! ([`SystemFonts::poll`]). Text laid out meanwhile is laid out again.
//!
//! `CROSSCHECK_SYSTEM_FONTS=0` turns the fallbacks off (the window then draws boxes for what
//! its bundled fonts lack).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use egui::epaint::text::{FallbackRequest, FontInsert, FontProvider};

/// Where the system's fonts are at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontsState {
    /// Not looked for (`CROSSCHECK_SYSTEM_FONTS=0`, or not started).
    Off,
    /// Being listed in the background.
    Loading,
    /// Listed: characters the bundled fonts lack are looked for among them.
    Ready,
}

/// The shared part: the provider once the listing is done, and whether a character was asked
/// for before it was.
#[derive(Default)]
struct Shared {
    provider: OnceLock<egui_system_font_provider::SystemFontProvider>,
    missed_while_loading: AtomicBool,
}

/// The font provider egui asks for characters its installed fonts lack. It answers only once
/// the system's fonts are listed, never blocking a frame.
struct Fallback(Arc<Shared>);

impl FontProvider for Fallback {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        match self.0.provider.get() {
            Some(provider) => provider.font_for(request),
            None => {
                self.0.missed_while_loading.store(true, Ordering::Relaxed);
                None
            }
        }
    }
}

/// The system fonts of one window.
pub struct SystemFonts {
    shared: Option<Arc<Shared>>,
    /// Whether [`Self::poll`] has seen the listing done.
    is_ready: bool,
}

impl SystemFonts {
    /// Starts listing the system's fonts in the background and installs the fallback provider
    /// in `ctx` (unless `CROSSCHECK_SYSTEM_FONTS=0`).
    pub fn start(ctx: &egui::Context) -> Self {
        if std::env::var("CROSSCHECK_SYSTEM_FONTS").is_ok_and(|v| v.trim() == "0") {
            return Self {
                shared: None,
                is_ready: false,
            };
        }
        let shared = Arc::new(Shared::default());
        ctx.add_font_provider(Arc::new(Fallback(shared.clone())));
        let thread_shared = shared.clone();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("crosscheck-system-fonts".to_owned())
            .spawn(move || {
                let provider = egui_system_font_provider::SystemFontProvider::new();
                // Blocks (on this thread) until the fonts are listed.
                let _ = provider.font_for(&FallbackRequest {
                    cluster: "a",
                    family: &egui::FontFamily::Proportional,
                });
                let _ = thread_shared.provider.set(provider);
                repaint.request_repaint();
            });
        if spawned.is_err() {
            return Self {
                shared: None,
                is_ready: false,
            };
        }
        Self {
            shared: Some(shared),
            is_ready: false,
        }
    }

    /// Where the listing is at.
    pub fn state(&self) -> FontsState {
        match &self.shared {
            None => FontsState::Off,
            Some(shared) if shared.provider.get().is_some() => FontsState::Ready,
            Some(_) => FontsState::Loading,
        }
    }

    /// Call once a frame, before the UI: once the listing is done, makes egui ask again for the
    /// characters it found no font for meanwhile. Returns whether that happened this frame.
    pub fn poll(&mut self, ctx: &egui::Context) -> bool {
        if self.is_ready {
            return false;
        }
        let Some(shared) = &self.shared else {
            return false;
        };
        if shared.provider.get().is_none() {
            return false;
        }
        self.is_ready = true;
        if shared.missed_while_loading.swap(false, Ordering::Relaxed) {
            // Setting the providers again rebuilds the fonts: per-character misses are
            // forgotten and every galley is laid out again.
            ctx.set_font_providers(vec![Arc::new(Fallback(shared.clone()))]);
            return true;
        }
        false
    }

    /// Waits (at most `timeout`) for the listing; for tests and `--screenshot`.
    pub fn wait_until_ready(&self, timeout: std::time::Duration) -> bool {
        let started = std::time::Instant::now();
        loop {
            match self.state() {
                FontsState::Ready => return true,
                FontsState::Off => return false,
                FontsState::Loading if started.elapsed() >= timeout => return false,
                FontsState::Loading => std::thread::sleep(std::time::Duration::from_millis(10)),
            }
        }
    }

    /// The name of the system font that would draw `c` (after the listing; `None` before, or if
    /// the system has none). Egui's bundled fonts are not asked.
    pub fn system_font_for(&self, c: char) -> Option<String> {
        let provider = self.shared.as_ref()?.provider.get()?;
        let mut utf8 = [0_u8; 4];
        let insert = provider.font_for(&FallbackRequest {
            cluster: c.encode_utf8(&mut utf8),
            family: &egui::FontFamily::Proportional,
        })?;
        Some(insert.name)
    }
}

/// The names of the fonts egui has found among the system's so far (registered as fallbacks).
pub fn registered_fallbacks(ctx: &egui::Context) -> Vec<String> {
    ctx.fonts(|f| {
        f.discovered_fonts()
            .iter()
            .map(|font| font.name.clone())
            .collect()
    })
}

/// Whether `ctx`'s fonts (bundled or discovered) can draw `c` in the proportional font.
pub fn can_draw(ctx: &egui::Context, c: char) -> bool {
    ctx.fonts_mut(|f| f.has_glyph(&egui::FontId::proportional(14.0), c))
}
