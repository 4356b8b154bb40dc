//! A seeded, deterministic fuzz harness over everything that reads other people's files: the
//! loaders (text, Markdown, web pages, MHTML, gzip, PDF, EPUB), extraction, the notes store
//! (damaged notes files), W3C imports and every export.
//!
//! [`case`] builds input number `index` of a run from its seed alone, so any finding is
//! reproduced with the seed and the index. [`run`] feeds it through the engine and returns what
//! is wrong: a panic, or an export that is not inert. `cargo test` runs a few hundred small
//! cases (tests/engine/fuzz.rs); the example `fuzz` runs as many as asked at full size, with a
//! watchdog for hangs and an allocator that measures memory:
//!
//! ```text
//! cargo run --release -p crosscheck-engine --example fuzz -- --cases 100000 --seed 1
//! ```

#![allow(dead_code)] // The example and the test binary use different parts.

use std::io::Write as _;
use std::path::Path;

use crosscheck_engine::document::{Document, Format, load_bytes};
use crosscheck_engine::export::{ExportFormat, ExportInput, Publishing, export, parse_w3c};
use crosscheck_engine::store::{Edit, Evidence, Store, Target, Verdict};

/// A small, fast generator (SplitMix64): the same seed gives the same inputs everywhere.
pub struct Rng(u64);

impl Rng {
    /// A generator for case `index` of the run seeded `seed`.
    pub fn for_case(seed: u64, index: u64) -> Self {
        let mut rng = Self(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A count between 1 and `max`, small ones far more often (log-uniform).
    pub fn count(&mut self, max: usize) -> usize {
        let bits = usize::BITS - max.max(1).leading_zeros();
        let limit = 1usize << self.below(bits as usize + 1);
        1 + self.below(limit.min(max))
    }
}

/// How large inputs may grow: `Small` for `cargo test`, `Full` for the documented run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Repetitions up to a few thousand: a debug build stays quick.
    Small,
    /// Repetitions up to about a million, as in the reports that found the hangs.
    Full,
}

impl Scale {
    fn max_repeat(self) -> usize {
        match self {
            Self::Small => 2_000,
            Self::Full => 1_000_000,
        }
    }
}

/// What a case feeds the engine.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file of this format, loaded and extracted.
    File(Format, Vec<u8>),
    /// A W3C export, parsed and imported onto the sample article.
    Import(String),
    /// The bytes of the sample article's notes file, then read by the store.
    NotesFile(Vec<u8>),
    /// Notes with these texts and links on the sample's claims, then every export.
    Export {
        /// Note texts.
        notes: Vec<String>,
        /// Evidence URLs.
        links: Vec<String>,
    },
}

/// One generated input and a short name of how it was made.
#[derive(Debug, Clone)]
pub struct Case {
    /// How the input was made ("html/flood", "mhtml/boundary", …).
    pub label: &'static str,
    /// The input.
    pub input: Input,
}

/// Something wrong found by a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The engine panicked.
    Panic(String),
    /// An export that a reader or a program could be tricked by.
    UnsafeExport(String),
}

/// The project's own texts every mutation starts from.
pub struct Seeds {
    /// The bundled sample article.
    pub article: String,
    /// The saved pages in `tests/fixtures/html/`, with their formats.
    pub pages: Vec<(Format, Vec<u8>)>,
}

impl Seeds {
    /// Reads the seeds from the repository at `top`.
    pub fn read(top: &Path) -> Self {
        let article =
            std::fs::read_to_string(top.join("assets/sample-article.txt")).unwrap_or_default();
        let mut pages = Vec::new();
        if let Ok(entries) = std::fs::read_dir(top.join("tests/fixtures/html")) {
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                if let Ok(bytes) = std::fs::read(&path) {
                    pages.push((Format::Html, bytes));
                }
            }
        }
        Self { article, pages }
    }
}

/// Words and marks hostile text is made of.
const NASTY: &[&str] = &[
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\u{9b}2J",
    "\r",
    "\0",
    "\u{202e}",
    "\u{feff}",
    "===",
    "---",
    "# ",
    "- ",
    "1. ",
    "| a |",
    "<script>alert(1)</script>",
    "<b>",
    "[x](javascript:y)",
    "`",
    "*",
    "_",
    "=SUM(A1)",
    "+1",
    "@cmd",
    "\"",
    "'",
    "\\",
    "&amp;",
    "&#0;",
    "\u{fffd}",
    "é",
    "中文",
    "العربية",
    "🙂",
    "\n\n",
    "    ",
    "\t",
];

const LINKS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>x</script>",
    "vbscript:x",
    "file:///etc/passwd",
    "https://example.org/a b<c>",
    "http://example.org/)](javascript:x)",
    "mailto:a@example.org",
    "",
];

/// Tag soup a page is made of, each a snippet and whether it is repeated many times.
const SNIPPETS: &[&str] = &[
    "<b class=\"c{i}\">",
    "<font color=\"#{i}\">",
    "<a href=\"javascript:x{i}\">",
    "<p>text {i}",
    "&nbsp;",
    "&amp;",
    "&#x{i};",
    "&#{i}",
    "<style></style>",
    "<title>t</title>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "<table><tr><td>{i}",
    "<li>item {i}",
    "<h1>Head {i}</h1>",
    "<br>",
    "<img src=x onerror=alert({i})>",
    "<meta charset=\"{i}\">",
    "<?xml version=\"1.0\" encoding=\"x-{i}\"?>",
    "<![CDATA[",
    "<svg><foreignObject>",
    "<template>",
    "<noscript>",
    "<iframe srcdoc=\"<p>x\">",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"{i}\"}</script>",
    "<meta property=\"og:title\" content=\"Title {i}\">",
    "<time datetime=\"2024-13-45T99:99\">",
    "\u{0}",
    "\u{fffd}",
    "Plain words said the mayor {i}. ",
];

/// Case `index` of the run seeded `seed`.
pub fn case(seed: u64, index: u64, scale: Scale, seeds: &Seeds) -> Case {
    let mut rng = Rng::for_case(seed, index);
    match rng.below(10) {
        0 => mutated_article(&mut rng, seeds),
        1 | 2 => mutated_page(&mut rng, seeds),
        3 | 4 => crafted_page(&mut rng, scale),
        5 => archive(&mut rng, scale, seeds),
        6 => book_or_pdf(&mut rng, scale),
        7 => import(&mut rng, scale),
        8 => notes_file(&mut rng, scale),
        _ => exports(&mut rng),
    }
}

/// `bytes` with a few random edits: flips, cuts, copies of a range, inserted snippets.
fn mutate(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    for _ in 0..rng.count(12) {
        let len = bytes.len();
        match rng.below(5) {
            0 if len > 0 => {
                let at = rng.below(len);
                bytes[at] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let at = rng.below(len);
                let end = (at + rng.count(256)).min(len);
                bytes.drain(at..end);
            }
            2 if len > 0 => {
                let at = rng.below(len);
                let end = (at + rng.count(512)).min(len);
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            3 => {
                let to = rng.below(len + 1);
                let snippet = rng.pick(NASTY).as_bytes().to_vec();
                bytes.splice(to..to, snippet);
            }
            _ => bytes.truncate(rng.below(len + 1)),
        }
    }
    bytes
}

fn mutated_article(rng: &mut Rng, seeds: &Seeds) -> Case {
    let format = *rng.pick(&[Format::Text, Format::Markdown]);
    let bytes = mutate(rng, seeds.article.clone().into_bytes());
    Case {
        label: "text/mutated",
        input: Input::File(format, bytes),
    }
}

fn mutated_page(rng: &mut Rng, seeds: &Seeds) -> Case {
    let Some((format, page)) = (!seeds.pages.is_empty()).then(|| rng.pick(&seeds.pages).clone())
    else {
        return mutated_article(rng, seeds);
    };
    Case {
        label: "html/mutated",
        input: Input::File(format, mutate(rng, page)),
    }
}

/// The most a generated file grows to: past every loader's input limit, within what a fuzz
/// run may hold.
const MAX_CASE_BYTES: usize = 80 * 1024 * 1024;

/// A page of a few snippets, some repeated up to the scale's limit.
fn crafted_page(rng: &mut Rng, scale: Scale) -> Case {
    let mut page = String::from("<html><head>");
    for part in 0..rng.count(6) {
        let snippet = *rng.pick(SNIPPETS);
        let times = if rng.below(3) == 0 {
            rng.count(scale.max_repeat())
        } else {
            rng.count(20)
        };
        if part == 1 {
            page.push_str("</head><body>");
        }
        for i in 0..times {
            if page.len() > MAX_CASE_BYTES {
                break;
            }
            page.push_str(&snippet.replace("{i}", &i.to_string()));
        }
    }
    page.push_str("<p>The council said the wall would rise.</p></body></html>");
    let bytes = page.into_bytes();
    let bytes = if rng.below(4) == 0 {
        gzip(&bytes)
    } else {
        bytes
    };
    Case {
        label: "html/crafted",
        input: Input::File(Format::Html, bytes),
    }
}

/// An MHTML archive with an odd boundary, many parts or a damaged part.
fn archive(rng: &mut Rng, scale: Scale, seeds: &Seeds) -> Case {
    let boundary = match rng.below(4) {
        0 => "-".repeat(rng.count(scale.max_repeat() * 2)),
        1 => "b".to_owned(),
        2 => String::new(),
        _ => format!("----=_Part_{}", rng.next()),
    };
    let page = seeds
        .pages
        .first()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let mut archive = format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"{boundary}\"\r\n\r\n"
    );
    for _ in 0..rng.count(scale.max_repeat() / 100 + 2) {
        if archive.len() > MAX_CASE_BYTES {
            break;
        }
        let encoding = *rng.pick(&["quoted-printable", "base64", "7bit", "x-unknown"]);
        archive.push_str(&format!(
            "--{boundary}\r\nContent-Type: {}\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n{}\r\n",
            rng.pick(&["text/html; charset=utf-8", "image/png", "text/css", "text/html; charset=x-odd"]),
            if rng.below(2) == 0 { page.as_str() } else { "=3D=\r\n==ZZ" },
        ));
    }
    if rng.below(2) == 0 {
        archive.push_str(&format!("--{boundary}--\r\n"));
    }
    let bytes = mutate(rng, archive.into_bytes());
    Case {
        label: "mhtml",
        input: Input::File(Format::Html, bytes),
    }
}

/// A PDF or an EPUB written here, then damaged.
fn book_or_pdf(rng: &mut Rng, scale: Scale) -> Case {
    use super::pdf_fixture::{epub, line, many_pages, pdf};
    let text = "The mayor said the bridge would cost four million dollars.";
    if rng.below(2) == 0 {
        let bytes = match rng.below(3) {
            0 => many_pages(rng.count(if scale == Scale::Full { 20_000 } else { 50 })),
            _ => pdf(
                &[vec![
                    line(72.0, 700.0, 12.0, text),
                    line(72.0, 680.0, 24.0, "Head"),
                ]],
                &[("Title", "A test")],
            ),
        };
        let bytes = if rng.below(3) == 0 {
            bytes
        } else {
            mutate(rng, bytes)
        };
        return Case {
            label: "pdf",
            input: Input::File(Format::Pdf, bytes),
        };
    }
    let chapter = format!("<html><body><h1>One</h1><p>{text}</p></body></html>");
    let bytes = epub(
        "<dc:title>Book</dc:title>",
        &[("one.xhtml", chapter.as_str())],
    );
    let bytes = if rng.below(3) == 0 {
        bytes
    } else {
        mutate(rng, bytes)
    };
    Case {
        label: "epub",
        input: Input::File(Format::Epub, bytes),
    }
}

/// A W3C export: many annotations, huge or odd fields, wrong shapes.
fn import(rng: &mut Rng, scale: Scale) -> Case {
    let exact = match rng.below(3) {
        0 => "the reservoir".repeat(rng.count(scale.max_repeat())),
        1 => rng.pick(NASTY).to_string(),
        _ => "The reservoir is already 3.5 metres below its usual winter level".to_owned(),
    };
    // Many annotations, or a few huge ones: at most about 80 MB in all, past the import's
    // size limit but within what the fuzz run may hold.
    let count = rng
        .count(scale.max_repeat() / 10 + 1)
        .min(MAX_CASE_BYTES / (exact.len() + 600));
    let start = *rng.pick(&[0u64, 954, u64::MAX, 1 << 40]);
    let item = serde_json::json!({
        "id": format!("urn:crosscheck:note:n{}", rng.below(5)),
        "type": "Annotation",
        "motivation": "assessing",
        "created": "2025-03-01T10:00:00.000Z",
        "modified": *rng.pick(&["2025-03-01T10:00:00.000Z", "yesterday", ""]),
        "body": [
            {"type": "TextualBody", "purpose": "assessing", "value": *rng.pick(&["false", "verified", "nonsense"])},
            {"type": "TextualBody", "purpose": "commenting", "value": rng.pick(NASTY)},
            {"type": "SpecificResource", "purpose": "linking", "source": rng.pick(LINKS)},
        ],
        "target": {"selector": [
            {"type": "TextQuoteSelector", "exact": exact, "prefix": "", "suffix": ""},
            {"type": "TextPositionSelector", "start": start, "end": start.saturating_add(64)},
        ]},
    });
    let items = vec![item; count];
    let mut text =
        serde_json::json!({"type": "AnnotationCollection", "first": {"items": items}}).to_string();
    if rng.below(3) == 0 {
        text = String::from_utf8_lossy(&mutate(rng, text.into_bytes())).into_owned();
    }
    Case {
        label: "w3c/import",
        input: Input::Import(text),
    }
}

/// A notes file as the store writes it, then damaged or given odd values.
fn notes_file(rng: &mut Rng, scale: Scale) -> Case {
    let exact = if rng.below(2) == 0 {
        "x".repeat(rng.count(scale.max_repeat()))
    } else {
        "The reservoir is already 3.5 metres below its usual winter level".to_owned()
    };
    let start = *rng.pick(&[954u64, 0, u64::MAX / 2, 10_000_000]);
    let file = serde_json::json!({
        "schema_version": *rng.pick(&[1, 2, 99, 0]),
        "article": {"path": "x", "sha256": "0", "first_opened": "2025-03-01T10:00:00.000Z",
                    "last_opened": "2025-03-01T10:00:00.000Z"},
        "notes": [{"id": "n-1", "anchor": {"exact": exact, "prefix": rng.pick(NASTY), "suffix": "",
                   "start": start, "end": start.saturating_add(rng.below(100) as u64)},
                   "verdict": "false", "note": rng.pick(NASTY), "created": "2025-03-01T10:00:00.000Z",
                   "modified": "2025-03-01T10:00:00.000Z"}],
    });
    let bytes = serde_json::to_vec(&file).unwrap_or_default();
    let bytes = if rng.below(2) == 0 {
        mutate(rng, bytes)
    } else {
        bytes
    };
    Case {
        label: "store/notes-file",
        input: Input::NotesFile(bytes),
    }
}

/// Hostile note texts and links to export.
fn exports(rng: &mut Rng) -> Case {
    let notes = (0..rng.count(6))
        .map(|_| {
            (0..rng.count(8))
                .map(|_| *rng.pick(NASTY))
                .collect::<Vec<_>>()
                .join(*rng.pick(&["", " ", "\n"]))
        })
        .collect();
    let links = (0..rng.count(4))
        .map(|_| rng.pick(LINKS).to_string())
        .collect();
    Case {
        label: "export",
        input: Input::Export { notes, links },
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Runs a case through the engine in `scratch` (a folder of its own). Returns what is wrong,
/// if anything; a clear error from the engine is a right answer.
pub fn run(case: &Case, seeds: &Seeds, scratch: &Path) -> Option<Finding> {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_unguarded(case, seeds, scratch)
    }));
    match outcome {
        Ok(finding) => finding,
        Err(payload) => Some(Finding::Panic(
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic".to_owned()),
        )),
    }
}

fn run_unguarded(case: &Case, seeds: &Seeds, scratch: &Path) -> Option<Finding> {
    match &case.input {
        Input::File(format, bytes) => {
            if let Ok(document) = load_bytes(bytes, *format) {
                let extraction = crosscheck_engine::extract(&document);
                let chars = document.text.chars().count();
                if extraction
                    .claims
                    .iter()
                    .any(|c| c.end > chars || c.start > c.end)
                {
                    return Some(Finding::Panic("a claim outside the text".to_owned()));
                }
            }
            None
        }
        Input::Import(text) => {
            let imported = parse_w3c(text).ok()?;
            let (document, store) = sample_store(seeds, scratch)?;
            let _ = store.import_notes(&document, imported.notes);
            let notes = store.load(&document).ok()?;
            check_exports(&document, &notes)
        }
        Input::NotesFile(bytes) => {
            let (document, store) = sample_store(seeds, scratch)?;
            // Make the article's file, then put the case's bytes in its place.
            let claim = crosscheck_engine::extract(&document)
                .claims
                .into_iter()
                .next()?;
            let target = Target::Claim {
                start: claim.start,
                end: claim.end,
            };
            let saved = store
                .update(&document, &target, &[Edit::Verdict(Verdict::Verified)])
                .ok()?;
            let _ = std::fs::write(&saved.notes.file, bytes);
            let notes = store.load(&document).ok()?;
            check_exports(&document, &notes)
        }
        Input::Export { notes, links } => {
            let (document, store) = sample_store(seeds, scratch)?;
            let extraction = crosscheck_engine::extract(&document);
            for (claim, text) in extraction.claims.iter().zip(notes) {
                let mut edits = vec![Edit::Verdict(Verdict::False), Edit::Note(text.clone())];
                edits.extend(links.iter().map(|url| {
                    Edit::AddEvidence(Evidence {
                        url: url.clone(),
                        label: text.clone(),
                    })
                }));
                edits.push(Edit::AddTag(text.clone()));
                let target = Target::Claim {
                    start: claim.start,
                    end: claim.end,
                };
                let _ = store.update(&document, &target, &edits);
            }
            let notes = store.load(&document).ok()?;
            check_exports(&document, &notes)
        }
    }
}

/// The sample article saved in `scratch`, and a store beside it.
fn sample_store(seeds: &Seeds, scratch: &Path) -> Option<(Document, Store)> {
    let path = scratch.join("sample.txt");
    std::fs::write(&path, &seeds.article).ok()?;
    let document = crosscheck_engine::load(&path).ok()?;
    let store = Store::open(scratch.join("store")).ok()?;
    Some((document, store))
}

/// Every export of the article's notes, checked for what could trick a reader or a program.
fn check_exports(
    document: &Document,
    notes: &crosscheck_engine::store::ArticleNotes,
) -> Option<Finding> {
    let extraction = crosscheck_engine::extract(document);
    let publishing = Publishing {
        reviewer: Some("Fuzz \u{1b}[31m Reviewer".to_owned()),
        organisation: Some("Fuzz <b>Desk</b>".to_owned()),
        organisation_url: Some("javascript:alert(1)".to_owned()),
        base_url: Some("https://fuzz.example/checks/".to_owned()),
    };
    // The person's word on every source, with a note that tries to break out of its line.
    let statuses: Vec<crosscheck_engine::sources::SourceStatus> = extraction
        .sources
        .iter()
        .map(|source| crosscheck_engine::sources::SourceStatus {
            source: source.name.clone(),
            aliases: source.aliases.clone(),
            credibility: crosscheck_engine::sources::Credibility::Mixed,
            note: "=HYPERLINK(\"x\")\n# forged\u{1b}[2J <b>[see](javascript:alert(1))</b>"
                .to_owned(),
            modified: chrono::Utc::now(),
            history: Vec::new(),
        })
        .collect();
    let input = ExportInput {
        document,
        extraction: &extraction,
        notes,
        publishing: &publishing,
        source_statuses: &statuses,
    };
    let unsafe_export = |why: String| Some(Finding::UnsafeExport(why));
    let markdown = export(ExportFormat::Markdown, &input);
    if let Some(why) = markdown_problem(&markdown) {
        return unsafe_export(why);
    }
    let csv = export(ExportFormat::Csv, &input);
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    for record in reader.records() {
        let Ok(record) = record else {
            return unsafe_export("the CSV does not parse".to_owned());
        };
        if let Some(cell) = record
            .iter()
            .find(|cell| cell.starts_with(['=', '+', '-', '@', '\t', '\r']))
        {
            return unsafe_export(format!("a CSV cell a spreadsheet runs: {cell:?}"));
        }
    }
    for format in [ExportFormat::W3c, ExportFormat::ClaimReview] {
        let text = export(format, &input);
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            return unsafe_export(format!("{} is not JSON", format.as_str()));
        };
        if format == ExportFormat::ClaimReview
            && let Some(url) = review_urls(&value).into_iter().find(|u| {
                let lower = u.trim_start().to_ascii_lowercase();
                !(lower.starts_with("http://") || lower.starts_with("https://"))
            })
        {
            return unsafe_export(format!(
                "a ClaimReview url that is not a web address: {url:?}"
            ));
        }
    }
    None
}

/// The `url` of every review in a ClaimReview export (the address a reader is sent to; the
/// article's own address, a local file for files on disk, is in `itemReviewed.appearance`).
fn review_urls(value: &serde_json::Value) -> Vec<String> {
    value["@graph"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|review| review["url"].as_str().map(str::to_owned))
        .collect()
}

/// What is wrong with a Markdown report: raw HTML, a link that is not a web or mail address, a
/// heading the report did not write, a raw control character.
pub fn markdown_problem(markdown: &str) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag};
    if let Some(c) = markdown
        .chars()
        .find(|c| c.is_control() && *c != '\n' && *c != '\t')
    {
        return Some(format!("a raw control character U+{:04X}", u32::from(c)));
    }
    let written = markdown.lines().filter(|l| l.starts_with('#')).count();
    let mut headings = 0;
    for event in Parser::new(markdown) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                return Some(format!("raw HTML: {html:?}"));
            }
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let lower = dest_url.trim_start().to_ascii_lowercase();
                if !["http://", "https://", "mailto:"]
                    .iter()
                    .any(|scheme| lower.starts_with(scheme))
                {
                    return Some(format!("a link to {dest_url:?}"));
                }
            }
            _ => {}
        }
    }
    (headings != written).then(|| format!("{headings} headings, {written} written by the report"))
}
