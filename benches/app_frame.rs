//! Frame time of the reader window on a large article, and the time to open a 50 KB one.
//!
//! Frames run through a headless egui context (`Context::run_ui` plus tessellation: all the CPU
//! work of a frame short of the GPU upload). The large article is 2 MB of text with 5,000
//! claims; frames are measured at rest, while pressing `j` (select the next claim: the list and
//! the article scroll, two blocks are laid out again), when jumping to a far claim (the article
//! scrolls to blocks not laid out yet) and while scrolling with the wheel. An article in eight
//! scripts is opened in new windows with and without the system's fonts as fallbacks: the first
//! frame (drawn while the fonts are listed in the background), and the frames after.
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use crosscheck_app::{App, Command, Options, State};
use crosscheck_engine::document::{Format, load_bytes};
use crosscheck_engine::extract::{
    Attribution, Claim, Extraction, Source, SourceKind, SourceMention,
};

/// Target size of the large article in bytes.
const LARGE_BYTES: usize = 2 * 1024 * 1024;
/// Claims in the large article.
const LARGE_CLAIMS: usize = 5_000;

fn large_article() -> (crosscheck_engine::Document, Extraction) {
    let sentence = "Officials in the capital said on Tuesday that the ministry would review the \
                    figures, while critics argued the numbers had been revised twice already. ";
    let mut text = String::from("A very long report on budgets and figures – The Example Post\n\n");
    let mut paragraph = 0;
    while text.len() < LARGE_BYTES {
        paragraph += 1;
        for _ in 0..4 {
            text.push_str(sentence);
        }
        text.push_str(&format!("(Paragraph {paragraph}.)\n\n"));
    }
    let document = match load_bytes(text.as_bytes(), Format::Text) {
        Ok(document) => document,
        Err(err) => panic!("the generated article does not load: {err}"),
    };
    let sources: Vec<Source> = (0..20)
        .map(|i| Source {
            id: format!("s{i}"),
            name: format!("Official number {i}"),
            kind: SourceKind::Person,
            role: Some("spokesperson".to_owned()),
            aliases: Vec::new(),
            claims: Vec::new(),
        })
        .collect();
    let blocks = &document.blocks;
    let claims = (0..LARGE_CLAIMS)
        .filter_map(|i| {
            let block = blocks.get(1 + i * (blocks.len() - 1) / LARGE_CLAIMS)?;
            let start = block.start + 40 + (i % 2) * 200;
            let end = (start + 120).min(block.end);
            let text = crosscheck_engine::text::slice_chars(&document.text, start, end).to_owned();
            Some(Claim {
                id: format!("c{i}"),
                start,
                end,
                text,
                attribution: Attribution::Indirect,
                cue: None,
                hedges: Vec::new(),
                source: Some(SourceMention {
                    id: format!("s{}", i % 20),
                    start: block.start,
                    end: block.start + 9,
                    text: "Officials".to_owned(),
                }),
                via: Vec::new(),
                venue: None,
                checkworthy: 1.0,
            })
        })
        .collect();
    (document, Extraction { claims, sources })
}

fn input(events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        events,
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut App, events: Vec<egui::Event>) -> usize {
    let output = ctx.run_ui(input(events), |ui| app.frame_ui(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    primitives.len()
}

fn key(key: egui::Key) -> Vec<egui::Event> {
    [true, false]
        .into_iter()
        .map(|pressed| egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        })
        .collect()
}

fn frames(c: &mut Criterion) {
    let data_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let ctx = egui::Context::default();
    let options = Options {
        data_dir: Some(data_dir.path().to_owned()),
        ..Default::default()
    };
    let mut app = App::with_state(&ctx, State::default(), options);
    let (document, extraction) = large_article();
    eprintln!(
        "large article: {} bytes, {} blocks, {} claims",
        document.text.len(),
        document.blocks.len(),
        extraction.claims.len()
    );
    app.show_document(&ctx, document, extraction);
    let started = std::time::Instant::now();
    frame(&ctx, &mut app, Vec::new());
    eprintln!(
        "first frame: {:.2} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    // The library is read, and the article compared against it, in the background: the
    // frames drawn meanwhile (the one that takes the comparison in among them) must stay short.
    let waiting = std::time::Instant::now();
    let mut slowest: f64 = 0.0;
    let mut waited_frames = 0;
    while app
        .library()
        .is_some_and(|l| l.is_busy() || l.is_comparing() || l.index().is_none())
        && waiting.elapsed() < std::time::Duration::from_secs(60)
    {
        let started = std::time::Instant::now();
        frame(&ctx, &mut app, Vec::new());
        slowest = slowest.max(started.elapsed().as_secs_f64() * 1000.0);
        waited_frames += 1;
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let compared = app
        .session
        .as_ref()
        .is_some_and(|s| s.article.comparison.is_some());
    assert!(compared, "the article was compared against the library");
    eprintln!(
        "library read and article compared after {:.0} ms in the background: {waited_frames} \
         frames meanwhile, the slowest {slowest:.2} ms",
        waiting.elapsed().as_secs_f64() * 1000.0
    );
    let mut primitives = 0;
    for _ in 0..5 {
        primitives = frame(&ctx, &mut app, Vec::new());
    }
    if let Some(session) = &app.session {
        eprintln!(
            "at rest: {} article blocks painted, {primitives} clipped primitives",
            session.view.cache.visible_blocks()
        );
        assert!(
            session.view.cache.visible_blocks() > 3,
            "the article is painted"
        );
    }

    let mut group = c.benchmark_group("app_frame_2mb_5000_claims");
    group.sample_size(30);
    group.bench_function("idle", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app, Vec::new())));
    });
    group.bench_function("next_claim_j", |b| {
        b.iter(|| {
            // Wrap around at the last claim, so every frame moves the selection.
            if app.session.as_ref().and_then(|s| s.view.selection) == Some(LARGE_CLAIMS - 1) {
                app.queue(Command::SelectClaim(Some(0)));
            }
            black_box(frame(&ctx, &mut app, key(egui::Key::J)));
        });
    });
    let mut jump = 0;
    group.bench_function("jump_to_far_claim", |b| {
        b.iter(|| {
            // A claim far from the last one: the article scrolls to blocks never laid out.
            jump = (jump + 997) % LARGE_CLAIMS;
            app.queue(Command::SelectClaim(Some(jump)));
            black_box(frame(&ctx, &mut app, Vec::new()));
        });
    });
    if let Some(session) = &app.session {
        eprintln!(
            "after the j frames: claim {:?} selected, {} blocks painted",
            session.view.selection,
            session.view.cache.visible_blocks()
        );
    }
    group.bench_function("wheel_scroll", |b| {
        b.iter(|| {
            let wheel = egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -240.0),
                modifiers: egui::Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            };
            let hover = egui::Event::PointerMoved(egui::pos2(400.0, 400.0));
            black_box(frame(&ctx, &mut app, vec![hover, wheel]));
        });
    });
    group.finish();
    if let Some(session) = &app.session {
        let first_painted = session
            .view
            .cache
            .screen_pos_of_char(&session.article.document, 0)
            .is_some();
        eprintln!(
            "after the wheel frames: top of the article in view: {first_painted}, {} blocks painted",
            session.view.cache.visible_blocks()
        );
    }
}

/// A 50 KB article made of the sample's paragraphs, repeated.
fn write_50kb_article(dir: &Path) -> std::path::PathBuf {
    let sample = std::fs::read_to_string(crosscheck_engine::document::sample_article_path())
        .unwrap_or_else(|e| panic!("sample: {e}"));
    let (head, body) = sample
        .split_once("\n\n")
        .unwrap_or(("Title", sample.as_str()));
    let mut text = format!("{head}\n\n");
    while text.len() < 50 * 1024 {
        text.push_str(body);
        text.push_str("\n\n");
    }
    let path = dir.join("article-50kb.txt");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write: {e}"));
    path
}

fn open(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let path = write_50kb_article(dir.path());
    let ctx = egui::Context::default();
    let options = Options {
        data_dir: Some(dir.path().join("notes")),
        ..Default::default()
    };
    let mut app = App::with_state(&ctx, State::default(), options);
    let mut group = c.benchmark_group("open_50kb");
    group.sample_size(20);
    group.bench_function("load_extract_notes", |b| {
        b.iter(|| {
            app.apply(&ctx, Command::Open(path.clone()));
            black_box(app.session.as_ref().map(|s| s.article.claims.len()))
        });
    });
    group.finish();
    if let Some(session) = &app.session {
        eprintln!(
            "50 KB article: {} bytes, {} claims, opened in {:.1} ms",
            session.article.document.text.len(),
            session.article.claims.len(),
            session.article.open_ms
        );
    }
}

/// The first frames of an article in eight scripts (the project's own fixture), with the
/// system's fonts looked for in the background as the window does: the first frame does not
/// wait for them; the frame after they are listed finds one font per script, loads it and lays
/// the text out again.
fn scripts(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/scripts/harbour-talks.md");
    let ms = |since: std::time::Instant| since.elapsed().as_secs_f64() * 1000.0;
    // Each run is a new window (a new context: no font loaded, no glyph in the atlas); the
    // least of the runs is reported with the median, as other work shares the machine.
    let mut first_frames = Vec::new();
    let mut fonts_frames = Vec::new();
    let mut listed = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let ctx = egui::Context::default();
        let options = Options {
            data_dir: Some(dir.path().join("notes")),
            system_fonts: true,
            ..Default::default()
        };
        let started = std::time::Instant::now();
        let mut app = App::with_state(&ctx, State::default(), options);
        app.apply(&ctx, Command::Open(path.clone()));
        let first = std::time::Instant::now();
        frame(&ctx, &mut app, Vec::new());
        first_frames.push(ms(first));
        let ready = app
            .system_fonts
            .as_ref()
            .is_some_and(|f| f.wait_until_ready(std::time::Duration::from_secs(60)));
        assert!(ready, "the system's fonts were not listed");
        listed.push(ms(started));
        let after = std::time::Instant::now();
        frame(&ctx, &mut app, Vec::new());
        frame(&ctx, &mut app, Vec::new());
        fonts_frames.push(ms(after));
        last = Some((ctx, app));
    }
    // The same first frame with no system fonts at all (boxes for what egui lacks).
    let mut without = Vec::new();
    for _ in 0..RUNS {
        let ctx = egui::Context::default();
        let options = Options {
            data_dir: Some(dir.path().join("notes")),
            ..Default::default()
        };
        let mut app = App::with_state(&ctx, State::default(), options);
        app.apply(&ctx, Command::Open(path.clone()));
        let first = std::time::Instant::now();
        frame(&ctx, &mut app, Vec::new());
        without.push(ms(first));
    }
    let summary = |times: &mut Vec<f64>| {
        times.sort_by(f64::total_cmp);
        let median = times.get(times.len() / 2).copied().unwrap_or_default();
        format!(
            "least {:.2} ms, median {median:.2} ms",
            times.first().copied().unwrap_or_default()
        )
    };
    eprintln!(
        "scripts, {RUNS} new windows: first frame (the fonts still being listed) {}",
        summary(&mut first_frames)
    );
    eprintln!(
        "scripts, {RUNS} new windows without system fonts: first frame {}",
        summary(&mut without)
    );
    eprintln!(
        "scripts: system fonts listed after {} from the window's start",
        summary(&mut listed)
    );
    eprintln!(
        "scripts: the two frames after the listing (one font per script found and loaded, the \
         text laid out again) {}",
        summary(&mut fonts_frames)
    );
    let Some((ctx, mut app)) = last else {
        return;
    };
    eprintln!(
        "scripts: registered {:?}",
        crosscheck_app::fonts::registered_fallbacks(&ctx)
    );
    let mut group = c.benchmark_group("scripts");
    group.sample_size(30);
    group.bench_function("idle", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app, Vec::new())));
    });
    group.finish();
}

/// New windows opened by [`scripts`].
const RUNS: usize = 15;

criterion_group!(benches, frames, open, scripts);
criterion_main!(benches);
