//! Export and import: every format parses back and holds its fields; text from the article or
//! the person cannot break the Markdown or run as a spreadsheet formula; a W3C export imported
//! into an empty store exports identically; snapshots of the bundled sample's reports.

use chrono::{DateTime, Utc};
use crosscheck_engine::document::{Document, Format, load_bytes};
use crosscheck_engine::export::{ExportFormat, ExportInput, Publishing, export, parse_w3c};
use crosscheck_engine::extract::{Extraction, extract};
use crosscheck_engine::store::{
    Anchor, AnchorText, Evidence, Note, Origin, Store, Verdict, VerdictChange,
};

const SAMPLE: &str = include_str!("../../assets/sample-article.txt");

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("fixed time")
        .with_timezone(&Utc)
}

/// The bundled sample, with a fixed path so exports do not depend on where the tests run.
fn sample() -> (Document, Extraction) {
    let mut document = load_bytes(SAMPLE.as_bytes(), Format::Text).expect("sample loads");
    document.path = Some("assets/sample-article.txt".to_owned());
    let extraction = extract(&document);
    (document, extraction)
}

/// A note on the extracted claim holding `content`, with fixed times.
fn note_on(
    document: &Document,
    extraction: &Extraction,
    content: &str,
    id: &str,
    verdict: Verdict,
    text: &str,
) -> Note {
    let claim = extraction
        .claims
        .iter()
        .find(|c| c.text.contains(content))
        .expect("claim exists");
    let anchor: Anchor = AnchorText::new(&document.text)
        .anchor(claim.start, claim.end)
        .expect("anchor");
    Note {
        id: id.to_owned(),
        anchor,
        origin: Origin::Extracted,
        source: None,
        verdict,
        note: text.to_owned(),
        evidence: vec![Evidence {
            url: "https://example.org/records?id=7&page=2".to_owned(),
            label: "Water board [records]".to_owned(),
        }],
        tags: vec!["=SUM(A1:A9)".to_owned(), "water".to_owned()],
        created: at("2025-03-01T10:00:00.000Z"),
        modified: at("2025-03-02T11:30:00.000Z"),
        history: vec![VerdictChange {
            from: Verdict::Unverified,
            to: verdict,
            at: at("2025-03-02T11:30:00.000Z"),
            adopted_from: None,
            undo: None,
        }],
        rewordings: Vec::new(),
    }
}

/// A store in a temporary folder holding a set of verdicts and notes on the sample.
fn store_with_notes(document: &Document, extraction: &Extraction) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("store opens");
    let notes = vec![
        note_on(
            document,
            extraction,
            "3.5 metres below",
            "n-level",
            Verdict::Verified,
            "Matches the *gauge* log.\n# not a heading\n<script>alert(1)</script> | pipe [link](x)",
        ),
        note_on(
            document,
            extraction,
            "only until June",
            "n-grain",
            Verdict::Disputed,
            "+1 from the =cmd desk; -2 from the other",
        ),
        note_on(
            document,
            extraction,
            "fallen by almost a third",
            "n-flow",
            Verdict::Misleading,
            "Since 1990 the baseline moved.",
        ),
    ];
    store.import_notes(document, notes).expect("notes import");
    (dir, store)
}

fn export_sample(format: ExportFormat) -> String {
    let publishing = Publishing {
        reviewer: Some("Ada Checker".to_owned()),
        ..Publishing::default()
    };
    export_sample_with(format, &publishing, None)
}

/// The sample's export with these publishing preferences, at this web address if given.
fn export_sample_with(
    format: ExportFormat,
    publishing: &Publishing,
    source_url: Option<&str>,
) -> String {
    let (mut document, extraction) = sample();
    document.source_url = source_url.map(str::to_owned);
    let (_dir, store) = store_with_notes(&document, &extraction);
    let notes = store.load(&document).expect("notes load");
    export(
        format,
        &ExportInput {
            document: &document,
            extraction: &extraction,
            notes: &notes,
            publishing,
            source_statuses: &[],
        },
    )
}

/// What Google's fact-check markup (ClaimReview) finds missing or wrong in a JSON-LD file:
/// the required properties (`claimReviewed`, `reviewRating.alternateName`, an http(s) `url`,
/// `author.name`) and the recommended ones this project fills (`datePublished`,
/// `itemReviewed` as a `Claim` with its `author`, `datePublished` and `appearance`).
fn google_fact_check_problems(value: &serde_json::Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            problems.push(what);
        }
    };
    let is_text = |v: &serde_json::Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
    let is_web = |v: &serde_json::Value| {
        v.as_str().is_some_and(|s| {
            (s.starts_with("https://") || s.starts_with("http://"))
                && s.len() > "https://x".len()
                && !s.contains(char::is_whitespace)
        })
    };
    let is_date = |v: &serde_json::Value| {
        v.as_str()
            .and_then(|s| s.get(..10))
            .is_some_and(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
    };
    check(
        value["@context"] == "https://schema.org" || value["@context"] == "http://schema.org",
        "@context is not schema.org".to_owned(),
    );
    let Some(reviews) = value["@graph"].as_array() else {
        return vec!["no @graph of reviews".to_owned()];
    };
    check(!reviews.is_empty(), "no reviews".to_owned());
    for (i, review) in reviews.iter().enumerate() {
        check(review["@type"] == "ClaimReview", format!("{i}: @type"));
        check(
            is_text(&review["claimReviewed"]),
            format!("{i}: claimReviewed"),
        );
        check(
            is_web(&review["url"]),
            format!("{i}: url {}", review["url"]),
        );
        let rating = &review["reviewRating"];
        check(
            rating["@type"] == "Rating",
            format!("{i}: reviewRating.@type"),
        );
        check(
            is_text(&rating["alternateName"]),
            format!("{i}: reviewRating.alternateName"),
        );
        if let (Some(value), Some(best), Some(worst)) = (
            rating["ratingValue"].as_f64(),
            rating["bestRating"].as_f64(),
            rating["worstRating"].as_f64(),
        ) {
            check(
                worst <= value && value <= best,
                format!("{i}: ratingValue out of range"),
            );
        } else {
            check(false, format!("{i}: ratingValue, bestRating, worstRating"));
        }
        let author = &review["author"];
        check(
            author["@type"] == "Organization" || author["@type"] == "Person",
            format!("{i}: author.@type"),
        );
        check(is_text(&author["name"]), format!("{i}: author.name"));
        check(
            is_date(&review["datePublished"]),
            format!("{i}: datePublished"),
        );
        let item = &review["itemReviewed"];
        check(item["@type"] == "Claim", format!("{i}: itemReviewed.@type"));
        check(
            is_text(&item["author"]["name"]),
            format!("{i}: itemReviewed.author.name"),
        );
        check(
            is_date(&item["datePublished"]),
            format!("{i}: itemReviewed.datePublished"),
        );
        check(
            is_web(&item["appearance"]["url"]),
            format!("{i}: itemReviewed.appearance.url"),
        );
    }
    problems
}

fn full_publishing() -> Publishing {
    Publishing {
        reviewer: Some("Ada Checker".to_owned()),
        organisation: Some("Harbour Fact Desk".to_owned()),
        organisation_url: Some("https://factdesk.example.org".to_owned()),
        base_url: Some("https://factdesk.example.org/checks/".to_owned()),
    }
}

#[test]
fn claimreview_with_preferences_passes_googles_fact_check_markup() {
    let text = export_sample_with(
        ExportFormat::ClaimReview,
        &full_publishing(),
        Some("https://harbourledger.example.com/2025/02/vastria"),
    );
    let value: serde_json::Value = serde_json::from_str(&text).expect("ClaimReview is JSON");
    assert_eq!(google_fact_check_problems(&value), Vec::<String>::new());
    assert!(value.get("_warning").is_none(), "{}", value["_warning"]);
    let reviews = value["@graph"].as_array().expect("graph");
    let mut urls: Vec<&str> = reviews.iter().filter_map(|r| r["url"].as_str()).collect();
    for url in &urls {
        assert!(
            url.starts_with("https://factdesk.example.org/checks/") && !url.contains("//checks//"),
            "{url}"
        );
    }
    urls.sort_unstable();
    urls.dedup();
    assert_eq!(urls.len(), reviews.len(), "one address per review");
    let first = &reviews[0];
    assert_eq!(first["author"]["name"], "Harbour Fact Desk");
    assert_eq!(first["author"]["url"], "https://factdesk.example.org");
    assert_eq!(first["creator"]["name"], "Ada Checker");
    assert_eq!(
        first["itemReviewed"]["appearance"]["url"],
        "https://harbourledger.example.com/2025/02/vastria"
    );
    assert_eq!(first["itemReviewed"]["datePublished"], "2025-02-12T09:30");
    // The same notes give the same addresses again.
    let again = export_sample_with(
        ExportFormat::ClaimReview,
        &full_publishing(),
        Some("https://harbourledger.example.com/2025/02/vastria"),
    );
    assert_eq!(text, again);
}

#[test]
fn claimreview_without_preferences_says_it_is_not_publishable() {
    let text = export_sample_with(ExportFormat::ClaimReview, &Publishing::default(), None);
    let value: serde_json::Value = serde_json::from_str(&text).expect("ClaimReview is JSON");
    let warnings = value["_warning"].as_array().expect("a warning");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.starts_with("not publishable"))),
        "{warnings:?}"
    );
    let problems = google_fact_check_problems(&value);
    assert!(problems.iter().any(|p| p.contains(": url")), "{problems:?}");
    for review in value["@graph"].as_array().expect("graph") {
        assert!(review.get("url").is_none(), "no file:// or made-up url");
        assert!(review.get("author").is_none(), "no 'Unnamed reviewer'");
    }
    // A base that is not a web address is no better.
    let publishing = Publishing {
        base_url: Some("file:///home/ada/checks".to_owned()),
        ..full_publishing()
    };
    let text = export_sample_with(ExportFormat::ClaimReview, &publishing, None);
    assert!(text.contains("not an http(s) address"), "{text}");
    let value: serde_json::Value = serde_json::from_str(&text).expect("ClaimReview is JSON");
    for review in value["@graph"].as_array().expect("graph") {
        assert!(review.get("url").is_none(), "{review}");
        assert!(!review.to_string().contains("file://"), "{review}");
    }
}

#[test]
fn review_addresses_join_base_and_slug() {
    use crosscheck_engine::export::claimreview::{is_http_url, review_url};
    assert_eq!(
        review_url("https://a.example/checks/", "x-1"),
        "https://a.example/checks/x-1"
    );
    assert_eq!(
        review_url("https://a.example/checks", "x-1"),
        "https://a.example/checks/x-1"
    );
    assert_eq!(
        review_url("https://a.example/c/{slug}.html", "x-1"),
        "https://a.example/c/x-1.html"
    );
    assert!(is_http_url("https://a.example"));
    assert!(!is_http_url("https://"));
    assert!(!is_http_url("ftp://a.example"));
    assert!(!is_http_url("a.example/checks"));
}

/// Replaces the working folder (which differs between machines, and against which the exports
/// make the sample's path absolute) with a marker.
fn portable(text: &str) -> String {
    let root = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    if root.is_empty() {
        text.to_owned()
    } else {
        text.replace(&root, "[root]")
    }
}

#[test]
fn markdown_report_holds_every_field_and_escapes_text() {
    let report = export_sample(ExportFormat::Markdown);
    for expected in [
        "# Verification notes: Vastria offered",
        "- **Outlet:** The Harbour Ledger",
        "- **Published:** 2025-02-12T09:30",
        "| Verified | 1 |",
        "| Disputed | 1 |",
        "| Misleading | 1 |",
        "> The reservoir is already 3.5 metres below its usual winter level",
        "- **Source:** Ana Petrel, Deputy Minister",
        "- **Attribution:** indirect, cue “said”",
        "- **Verdict:** Verified",
        "  - [Water board \\[records\\]](<https://example.org/records?id=7&page=2>)",
        "- **Tags:** \\=SUM(A1:A9), water",
        "- **History:** unverified → verified (2025-03-02T11:30:00.000Z)",
        "anchor exact",
    ] {
        assert!(
            report.contains(expected),
            "report lacks {expected:?}:\n{report}"
        );
    }
    // The person's text cannot open a heading, HTML, a table cell or a link.
    assert!(report.contains("\\# not a heading"));
    assert!(report.contains("\\<script\\>alert(1)\\</script\\>"));
    assert!(report.contains("\\| pipe \\[link\\](x)"));
    assert!(!report.contains("<script>"));
    let parsed: Vec<&str> = report.lines().filter(|l| l.starts_with('#')).collect();
    assert!(
        parsed
            .iter()
            .all(|l| l.starts_with("# ") || l.starts_with("## ") || l.starts_with("### "))
    );
}

#[test]
fn w3c_export_has_the_web_annotation_shape() {
    let text = export_sample(ExportFormat::W3c);
    let value: serde_json::Value = serde_json::from_str(&text).expect("W3C export is JSON");
    assert_eq!(value["type"], "AnnotationCollection");
    assert_eq!(value["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    let items = value["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), 3);
    assert_eq!(value["total"], 3);
    for item in items {
        assert_eq!(item["type"], "Annotation");
        assert_eq!(item["motivation"], "assessing");
        let bodies = item["body"].as_array().expect("bodies");
        let purposes: Vec<&str> = bodies
            .iter()
            .filter_map(|b| b["purpose"].as_str())
            .collect();
        for purpose in ["assessing", "commenting", "tagging", "linking"] {
            assert!(
                purposes.contains(&purpose),
                "{purpose} missing in {purposes:?}"
            );
        }
        let comment = bodies
            .iter()
            .find(|b| b["purpose"] == "commenting")
            .expect("comment");
        assert_eq!(comment["format"], "text/markdown");
        let selectors = item["target"]["selector"].as_array().expect("selectors");
        assert!(
            selectors
                .iter()
                .any(|s| s["type"] == "TextQuoteSelector" && s["exact"].is_string())
        );
        assert!(
            selectors
                .iter()
                .any(|s| s["type"] == "TextPositionSelector" && s["start"].is_u64())
        );
        let state = &item["target"]["state"];
        assert_eq!(state["type"], "TimeState");
        assert!(
            state["cached"]
                .as_str()
                .is_some_and(|c| c.starts_with("urn:sha256:"))
        );
    }
}

#[test]
fn claimreview_export_has_one_review_per_judged_claim() {
    let text = export_sample(ExportFormat::ClaimReview);
    let value: serde_json::Value = serde_json::from_str(&text).expect("ClaimReview is JSON");
    assert_eq!(value["@context"], "https://schema.org");
    let reviews = value["@graph"].as_array().expect("graph");
    assert_eq!(reviews.len(), 3, "one review per claim with a verdict");
    for review in reviews {
        assert_eq!(review["@type"], "ClaimReview");
        assert!(review["claimReviewed"].is_string());
        assert_eq!(review["author"]["name"], "Ada Checker");
        assert_eq!(review["datePublished"], "2025-03-02");
        let rating = &review["reviewRating"];
        let value = rating["ratingValue"].as_u64().expect("rating value");
        assert!((1..=5).contains(&value));
        assert_eq!(rating["bestRating"], 5);
        assert_eq!(rating["worstRating"], 1);
        assert!(rating["alternateName"].is_string());
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert!(review["itemReviewed"]["author"]["name"].is_string());
        assert_eq!(
            review["itemReviewed"]["appearance"]["publisher"]["name"],
            "The Harbour Ledger"
        );
    }
    let verified = reviews
        .iter()
        .find(|r| r["reviewRating"]["alternateName"] == "Verified")
        .expect("verified");
    assert_eq!(verified["reviewRating"]["ratingValue"], 5);
}

#[test]
fn csv_export_parses_and_neutralises_formulas() {
    let text = export_sample(ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "id",
            "text",
            "source",
            "role",
            "attribution",
            "cue",
            "hedges",
            "verdict",
            "note",
            "evidence",
            "tags",
            "start",
            "end",
            "page",
            "source_status",
            "review",
            "judged_wording"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row parses")).collect();
    let (document, extraction) = sample();
    assert_eq!(rows.len(), extraction.claims.len());
    let grain = rows
        .iter()
        .find(|r| &r[1] == "the country’s grain reserves would last only until June")
        .expect("grain row");
    assert_eq!(&grain[7], "disputed");
    assert_eq!(
        &grain[8], "'+1 from the =cmd desk; -2 from the other",
        "a leading + is neutralised"
    );
    assert_eq!(
        &grain[10], "'=SUM(A1:A9); water",
        "a leading = is neutralised"
    );
    for row in &rows {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "live formula cell {cell:?}"
            );
        }
        let (start, end): (usize, usize) = (
            row[11].parse().expect("start"),
            row[12].parse().expect("end"),
        );
        let slice: String = document
            .text
            .chars()
            .skip(start)
            .take(end - start)
            .collect();
        assert_eq!(slice, &row[1]);
    }
}

#[test]
fn w3c_round_trip_through_an_empty_store_is_identical() {
    let (document, extraction) = sample();
    let first = export_sample(ExportFormat::W3c);
    let imported = parse_w3c(&first).expect("export parses back");
    assert_eq!(imported.notes.len(), 3);
    assert_eq!(imported.sha256.as_deref(), Some(document.sha256.as_str()));
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("store opens");
    let (_, summary) = store
        .import_notes(&document, imported.notes.clone())
        .expect("imports");
    assert_eq!(summary.added, 3);
    let (_, again) = store
        .import_notes(&document, imported.notes)
        .expect("imports twice");
    assert_eq!(
        (again.added, again.updated, again.unchanged),
        (0, 0, 3),
        "a second import changes nothing"
    );
    let notes = store.load(&document).expect("loads");
    let second = export(
        ExportFormat::W3c,
        &ExportInput {
            document: &document,
            extraction: &extraction,
            notes: &notes,
            publishing: &Publishing::default(),
            source_statuses: &[],
        },
    );
    assert_eq!(first, second);
}

#[test]
fn markdown_report_snapshot() {
    insta::assert_snapshot!(
        "sample_report_md",
        portable(&export_sample(ExportFormat::Markdown))
    );
}

#[test]
fn w3c_snapshot() {
    insta::assert_snapshot!(
        "sample_w3c_jsonld",
        portable(&export_sample(ExportFormat::W3c))
    );
}

#[test]
fn claimreview_snapshot() {
    insta::assert_snapshot!(
        "sample_claimreview_jsonld",
        portable(&export_sample(ExportFormat::ClaimReview))
    );
}
