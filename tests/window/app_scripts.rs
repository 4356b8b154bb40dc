//! Every script readable: the system's fonts registered as fallbacks for what egui's bundled
//! fonts lack, chains drawn with a real arrow, right-to-left text in display order and aligned
//! right. The article is the project's own (`tests/fixtures/scripts/harbour-talks.md`); the
//! fonts are the machine's (Noto: `apt-get install fonts-noto-core fonts-noto-cjk
//! fonts-noto-color-emoji`).

use crate::Settle;
use std::path::PathBuf;
use std::time::Duration;

use crosscheck_app::{App, Command, Options, fonts};
use egui_kittest::Harness;

fn article() -> PathBuf {
    crate::paths::top().join("tests/fixtures/scripts/harbour-talks.md")
}

fn harness(data_dir: &std::path::Path, system_fonts: bool) -> Harness<'static, App> {
    let options = Options {
        data_dir: Some(data_dir.to_owned()),
        open: Some(article()),
        system_fonts,
        ..Default::default()
    };
    // Boxes are allowed while the system's fonts are being listed (and without them); the
    // test of the fonts asks for no box once they are.
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .allow_missing_glyphs()
        .build_eframe(move |cc| App::new(cc, options));
    harness.settle();
    harness
}

/// The window on the article with the system's fonts listed and used.
fn harness_with_fonts(data_dir: &std::path::Path) -> Harness<'static, App> {
    let mut harness = harness(data_dir, true);
    let ready = harness
        .state()
        .system_fonts
        .as_ref()
        .is_some_and(|f| f.wait_until_ready(Duration::from_secs(30)));
    assert!(ready, "the system's fonts were not listed in 30 s");
    harness.settle();
    harness.settle();
    harness
}

/// Index of the first block whose text contains `needle`.
fn block_with(harness: &Harness<'_, App>, needle: &str) -> usize {
    let article = &harness.state().session.as_ref().expect("open").article;
    (0..article.document.blocks.len())
        .find(|&i| article.block_text(i).contains(needle))
        .expect("the block")
}

/// Where char `offset` of the article was painted.
fn painted_at(harness: &Harness<'_, App>, offset: usize) -> egui::Pos2 {
    let session = harness.state().session.as_ref().expect("open");
    session
        .view
        .cache
        .screen_pos_of_char(&session.article.document, offset)
        .expect("painted")
}

/// Char offset of the first `needle` in the article's text.
fn offset_of(harness: &Harness<'_, App>, needle: &str) -> usize {
    let text = &harness
        .state()
        .session
        .as_ref()
        .expect("open")
        .article
        .document
        .text;
    let byte = text.find(needle).expect("in the text");
    text[..byte].chars().count()
}

#[test]
fn the_systems_fonts_are_registered_for_the_scripts_the_article_uses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness(dir.path(), true);
    let ready = harness
        .state()
        .system_fonts
        .as_ref()
        .expect("system fonts on")
        .wait_until_ready(Duration::from_secs(30));
    assert!(ready, "the system's fonts were not listed in 30 s");
    // The frame after the listing asks again for what it missed, and lays the text out again;
    // from now on a char drawn as a box fails the test.
    harness
        .ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Panic);
    harness.settle();
    harness.settle();
    let registered = fonts::registered_fallbacks(&harness.ctx);
    let system_fonts = harness.state().system_fonts.as_ref().expect("on");
    for (script, c) in [
        ("Chinese", '李'),
        ("Arabic", 'ق'),
        ("Hebrew", 'ש'),
        ("Devanagari", 'ब'),
        ("Georgian", 'თ'),
        ("emoji", '🚢'),
    ] {
        let font = system_fonts.system_font_for(c).unwrap_or_else(|| {
            panic!(
                "no system font draws {script} {c:?}: install fonts-noto-core fonts-noto-cjk \
                 fonts-noto-color-emoji"
            )
        });
        assert!(
            registered.contains(&font),
            "{script}: {font} is not registered; registered: {registered:?}"
        );
        assert!(
            fonts::can_draw(&harness.ctx, c),
            "{script} {c:?} draws as a box"
        );
    }
    // Chains are drawn with a real arrow once a font has it.
    assert!(fonts::can_draw(&harness.ctx, '→'));
    assert_eq!(crosscheck_app::widgets::arrow(), " → ");
    let session = harness.state().session.as_ref().expect("open");
    let relayed = session
        .article
        .claims
        .iter()
        .find_map(crosscheck_app::widgets::chain_line);
    if let Some(chain) = relayed {
        assert!(!chain.contains('»'), "{chain}");
    }
}

#[test]
fn without_system_fonts_the_window_still_opens_and_draws_the_bundled_scripts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let harness = harness(dir.path(), false);
    assert!(harness.state().system_fonts.is_none());
    assert!(fonts::registered_fallbacks(&harness.ctx).is_empty());
    for c in ['ж', 'λ', 'é'] {
        assert!(fonts::can_draw(&harness.ctx, c), "{c:?}");
    }
    assert_ne!(crosscheck_app::widgets::arrow(), "");
}

#[test]
fn right_to_left_paragraphs_are_aligned_right_and_read_from_the_right() {
    let dir = tempfile::tempdir().expect("temp dir");
    let harness = harness_with_fonts(dir.path());
    let hebrew = block_with(&harness, "הדובר");
    let english = block_with(&harness, "The Greek minister");
    let cache = &harness.state().session.as_ref().expect("open").view.cache;
    assert!(
        cache.is_aligned_right(hebrew),
        "the Hebrew paragraph is aligned right"
    );
    assert!(!cache.is_aligned_right(english));
    // Its first word is drawn right of its second.
    let first = painted_at(&harness, offset_of(&harness, "הדובר"));
    let second = painted_at(&harness, offset_of(&harness, "אמר כי"));
    assert!(first.x > second.x, "{first:?} {second:?}");
    // The Arabic paragraph ends on the left, its first word on the right.
    let arabic_start = painted_at(&harness, offset_of(&harness, "قال"));
    let arabic_next = painted_at(&harness, offset_of(&harness, "المتحدث"));
    assert!(arabic_start.x > arabic_next.x);
}

#[test]
fn an_arabic_quote_in_an_english_claim_reads_from_the_right_and_clicks_find_the_claim() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_with_fonts(dir.path());
    let block = block_with(&harness, "The Arabic statement");
    assert!(
        !harness
            .state()
            .session
            .as_ref()
            .expect("open")
            .view
            .cache
            .is_aligned_right(block),
        "an English paragraph stays aligned left"
    );
    // The quote's first word is drawn right of its last one, and both right of "statement".
    let quote_first = painted_at(&harness, offset_of(&harness, "الاتفاق"));
    let quote_last = painted_at(&harness, offset_of(&harness, "مايو»"));
    let before = painted_at(&harness, offset_of(&harness, "statement"));
    assert!(
        quote_first.x > quote_last.x,
        "{quote_first:?} {quote_last:?}"
    );
    assert!(quote_last.x > before.x);
    // The words after the quote are where the text says, and nothing overflows.
    let after = painted_at(&harness, offset_of(&harness, "was read out"));
    assert!(after.x > quote_first.x, "{after:?} {quote_first:?}");
    let cache = &harness.state().session.as_ref().expect("open").view.cache;
    assert!(
        cache.overflow() < 1.0,
        "a line overflows by {}",
        cache.overflow()
    );
    // A click on a word of the quote selects the claim that holds it.
    let offset = offset_of(&harness, "سيوقع");
    let expected = harness
        .state()
        .session
        .as_ref()
        .expect("open")
        .article
        .claim_at(offset)
        .expect("the quote is in a claim");
    let at = painted_at(&harness, offset) + egui::vec2(2.0, 0.0);
    harness.hover_at(at);
    harness.settle();
    harness.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.settle();
    let session = harness.state().session.as_ref().expect("open");
    assert_eq!(session.view.selection, Some(expected));
    harness.state_mut().queue(Command::SelectClaim(None));
    harness.settle();
}
