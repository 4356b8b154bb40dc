//! Cross-checking across the library, on articles written for these tests about one invented
//! event (a derailment outside Eastbrook): the Eastbrook Ledger reports it first; the Valley
//! Courier relays the Ledger; the Metro Daily Wire changes a figure and drops a hedge; Harlan
//! State Radio has an independent source. A council story from another town must match nothing.

use std::path::PathBuf;

use crosscheck_engine::library::{
    Aspect, ClaimComparison, ClaimMatch, Comparison, Difference, LibraryIndex, SearchQuery,
    WordChangeKind, compare, search,
};
use crosscheck_engine::store::{Edit, Store, Target, Verdict};

/// A temporary folder holding copies of the fixtures and a notes store.
struct World {
    _tmp: tempfile::TempDir,
    reports: PathBuf,
    data: PathBuf,
}

impl World {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let reports = tmp.path().join("reports");
        for sub in ["eastbrook", "other"] {
            let from = crate::paths::top().join("tests/fixtures/library").join(sub);
            let to = reports.join(sub);
            std::fs::create_dir_all(&to).expect("create the folder");
            for entry in std::fs::read_dir(&from).expect("list fixtures") {
                let entry = entry.expect("a fixture");
                std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy a fixture");
            }
        }
        let data = tmp.path().join("data");
        Self {
            _tmp: tmp,
            reports,
            data,
        }
    }

    fn report(&self, name: &str) -> PathBuf {
        let sub = if name == "council.txt" {
            "other"
        } else {
            "eastbrook"
        };
        self.reports.join(sub).join(name)
    }

    fn library(&self) -> LibraryIndex {
        let mut library = LibraryIndex::open(&self.data).expect("open the library");
        let summary = library
            .add_folder(&self.reports, &[], &mut |_| {})
            .expect("add the folder");
        assert!(summary.failed.is_empty(), "{:?}", summary.failed);
        library
    }

    fn compare(&self, library: &LibraryIndex, name: &str, store: Option<&Store>) -> Comparison {
        let document = crosscheck_engine::load(&self.report(name)).expect("load the report");
        compare(
            &document,
            &crosscheck_engine::extract(&document),
            library,
            store,
        )
    }
}

/// The claim of `comparison` whose text contains `needle`.
fn claim<'a>(comparison: &'a Comparison, needle: &str) -> &'a ClaimComparison {
    comparison
        .claims
        .iter()
        .find(|c| c.claim.text.contains(needle))
        .unwrap_or_else(|| panic!("no claim with {needle:?}: {comparison:#?}"))
}

fn reports(claim: &ClaimComparison) -> Vec<&str> {
    let mut names: Vec<&str> = claim.matches.iter().map(|m| m.report.as_str()).collect();
    names.sort();
    names
}

/// The match of `claim` in `report`.
fn found_in<'a>(claim: &'a ClaimComparison, report: &str) -> &'a ClaimMatch {
    claim
        .matches
        .iter()
        .find(|m| m.report == report)
        .unwrap_or_else(|| panic!("no match in {report}: {:?}", reports(claim)))
}

/// The difference of `aspect` between `claim` and its match in `report`.
fn difference<'a>(claim: &'a ClaimComparison, report: &str, aspect: Aspect) -> &'a Difference {
    found_in(claim, report)
        .differences
        .iter()
        .find(|d| d.aspect == aspect)
        .unwrap_or_else(|| panic!("no {aspect:?} difference with {report}"))
}

fn aspects(claim: &ClaimComparison, report: &str) -> Vec<Aspect> {
    found_in(claim, report)
        .differences
        .iter()
        .map(|d| d.aspect)
        .collect()
}

#[test]
fn the_same_claim_is_found_in_every_report_that_carries_it() {
    let world = World::new();
    let library = world.library();
    assert_eq!(library.articles().len(), 5);
    let courier = world.compare(&library, "courier.txt", None);
    assert_eq!(courier.library_articles, 4);
    let evacuated = claim(&courier, "residents were evacuated");
    assert_eq!(
        reports(evacuated),
        [
            "Harlan State Radio",
            "Metro Daily Wire",
            "The Eastbrook Ledger"
        ]
    );
    assert!(evacuated.matches.iter().all(|m| m.score >= 0.5));
    // The schools claim and the headline appear nowhere else.
    let schools = claim(&courier, "Schools in the valley");
    assert!(schools.matches.is_empty());
    assert!(courier.only_here.contains(&schools.claim.id));
}

#[test]
fn an_unrelated_report_matches_nothing() {
    let world = World::new();
    let library = world.library();
    let council = world.compare(&library, "council.txt", None);
    assert!(!council.claims.is_empty());
    for claim in &council.claims {
        assert!(
            claim.matches.is_empty(),
            "{:?} matched {:?}",
            claim.claim.text,
            reports(claim)
        );
    }
    assert_eq!(council.only_here.len(), council.claims.len());
}

#[test]
fn a_changed_figure_is_a_figures_difference() {
    let world = World::new();
    let library = world.library();
    let wire = world.compare(&library, "wire.md", None);
    let evacuated = claim(&wire, "residents were evacuated");
    let figures = difference(evacuated, "The Eastbrook Ledger", Aspect::Figures);
    assert_eq!(figures.here, ["12,000"]);
    assert_eq!(figures.there, ["1,200"]);
    // Same source, so no source difference; the matching radio report agrees with the ledger.
    assert!(!aspects(evacuated, "The Eastbrook Ledger").contains(&Aspect::Source));
    let courier = world.compare(&library, "courier.txt", None);
    let evacuated = claim(&courier, "residents were evacuated");
    assert!(!aspects(evacuated, "Harlan State Radio").contains(&Aspect::Figures));
}

#[test]
fn a_dropped_hedge_is_a_hedge_difference() {
    let world = World::new();
    let library = world.library();
    let ledger = world.compare(&library, "ledger.txt", None);
    let spill = claim(&ledger, "reached the Harlan River");
    let hedge = difference(spill, "Metro Daily Wire", Aspect::Hedge);
    assert_eq!(hedge.here, ["reportedly"]);
    assert!(hedge.there.is_empty());
    assert!(hedge.summary.contains("dropped"), "{}", hedge.summary);
}

#[test]
fn a_different_source_and_a_longer_chain_are_differences() {
    let world = World::new();
    let library = world.library();
    let wire = world.compare(&library, "wire.md", None);
    let cars = claim(&wire, "tank cars");
    let source = difference(cars, "The Eastbrook Ledger", Aspect::Source);
    assert_eq!(source.here, ["Dana Whitfield"]);
    assert_eq!(source.there, ["the county emergency office"]);

    let courier = world.compare(&library, "courier.txt", None);
    let evacuated = claim(&courier, "residents were evacuated");
    assert_eq!(
        evacuated.chain.describe(),
        "Valley Courier » Eastbrook Ledger » Marta Quinlan"
    );
    let chain = difference(evacuated, "Metro Daily Wire", Aspect::Chain);
    assert_eq!(chain.here, ["Eastbrook Ledger"]);
    assert!(chain.there.is_empty());
    // Against the report it relays, the longer chain is the relay itself, said once.
    assert!(!aspects(evacuated, "The Eastbrook Ledger").contains(&Aspect::Chain));
    let relayed = found_in(evacuated, "The Eastbrook Ledger");
    assert!(
        relayed
            .agreements
            .iter()
            .any(|a| a.summary
                == "this article cites The Eastbrook Ledger, which gives Marta Quinlan"),
        "{:?}",
        relayed.agreements
    );
}

#[test]
fn changed_quoted_wording_is_shown_word_by_word() {
    let world = World::new();
    let library = world.library();
    let courier = world.compare(&library, "courier.txt", None);
    let quote = claim(&courier, "taking chances");
    let difference = difference(quote, "The Eastbrook Ledger", Aspect::Quote);
    let added: Vec<&str> = difference
        .wording
        .iter()
        .filter(|w| w.change == WordChangeKind::Added)
        .map(|w| w.text.trim())
        .collect();
    let removed: Vec<&str> = difference
        .wording
        .iter()
        .filter(|w| w.change == WordChangeKind::Removed)
        .map(|w| w.text.trim())
        .collect();
    assert!(added.iter().any(|w| w.contains("any")), "{added:?}");
    assert!(removed.iter().any(|w| w.contains("anyone")), "{removed:?}");
}

#[test]
fn relays_of_one_origin_count_once() {
    let world = World::new();
    let library = world.library();
    let courier = world.compare(&library, "courier.txt", None);
    // Ledger, Courier (relaying the Ledger) and Wire all rest on Marta Quinlan; the radio on
    // the police.
    let evacuated = claim(&courier, "residents were evacuated");
    assert_eq!(
        evacuated.independent_origins(),
        2,
        "{:#?}",
        evacuated.origins
    );
    let quinlan = evacuated
        .origins
        .iter()
        .find(|o| o.origin == "Marta Quinlan")
        .expect("Quinlan is an origin");
    assert_eq!(quinlan.reports.len(), 3);
    // "According to the Eastbrook Ledger": the courier's origin is the ledger's own source.
    let cars = claim(&courier, "tank cars");
    let origins: Vec<&str> = cars.origins.iter().map(|o| o.origin.as_str()).collect();
    assert_eq!(origins.len(), 2, "{origins:?}");
    assert!(origins.contains(&"the county emergency office"));
    assert!(origins.contains(&"Dana Whitfield"));
    // The quote is only the ledger's, relayed: one origin for two reports.
    assert_eq!(claim(&courier, "taking chances").independent_origins(), 1);
}

#[test]
fn a_verdict_on_a_matched_claim_is_a_hint_that_can_be_adopted() {
    let world = World::new();
    let library = world.library();
    let store = Store::open(&world.data).expect("open the store");
    let ledger = crosscheck_engine::load(&world.report("ledger.txt")).expect("load the ledger");
    let ledger_claim = crosscheck_engine::extract(&ledger)
        .claims
        .into_iter()
        .find(|c| c.text.contains("residents were evacuated"))
        .expect("the ledger's claim");
    store
        .update(
            &ledger,
            &Target::Claim {
                start: ledger_claim.start,
                end: ledger_claim.end,
            },
            &[
                Edit::Verdict(Verdict::Disputed),
                Edit::Note("The county counted 900 households.".into()),
            ],
        )
        .expect("mark the ledger's claim");

    let courier_doc = crosscheck_engine::load(&world.report("courier.txt")).expect("load");
    let comparison = compare(
        &courier_doc,
        &crosscheck_engine::extract(&courier_doc),
        &library,
        Some(&store),
    );
    let evacuated = claim(&comparison, "residents were evacuated");
    let hint = evacuated
        .matches
        .iter()
        .flat_map(|m| &m.verdicts)
        .next()
        .expect("a verdict hint");
    assert_eq!(hint.verdict, Verdict::Disputed);
    assert_eq!(hint.report, "The Eastbrook Ledger");
    assert!(hint.note.contains("900 households"));
    // No other match carries a verdict.
    assert_eq!(
        evacuated
            .matches
            .iter()
            .map(|m| m.verdicts.len())
            .sum::<usize>(),
        1
    );

    let saved = store
        .update(
            &courier_doc,
            &Target::Claim {
                start: evacuated.claim.start,
                end: evacuated.claim.end,
            },
            &[Edit::AdoptVerdict {
                verdict: hint.verdict,
                from: hint.provenance(),
            }],
        )
        .expect("adopt the verdict");
    let note = &saved.note().expect("the note").note;
    assert_eq!(note.verdict, Verdict::Disputed);
    let change = note.history.last().expect("a history entry");
    assert_eq!(change.to, Verdict::Disputed);
    assert!(
        change
            .adopted_from
            .as_deref()
            .is_some_and(|f| f.contains("ledger.txt")),
        "{change:?}"
    );
}

#[test]
fn search_finds_claims_by_words_source_and_verdict() {
    let world = World::new();
    let library = world.library();
    let store = Store::open(&world.data).expect("open the store");
    let query = |q: &str| SearchQuery::parse(q).expect("a valid query");
    let texts = |hits: Vec<crosscheck_engine::library::SearchHit>| -> Vec<(String, String)> {
        hits.into_iter().map(|h| (h.report, h.claim.text)).collect()
    };
    let evacuated = texts(search(
        &library,
        &query("evacuation evacuated residents"),
        Some(&store),
        50,
    ));
    // "evacuation" and "evacuated" share a stem: four reports' claims and the ledger's
    // headline; the courier's headline says "evacuation" but not "residents".
    assert_eq!(evacuated.len(), 5, "{evacuated:?}");
    assert!(
        !evacuated
            .iter()
            .any(|(_, t)| t.contains("forces evacuation"))
    );
    let quinlan = texts(search(&library, &query("source:quinlan"), Some(&store), 50));
    assert!(quinlan.len() >= 4, "{quinlan:?}");
    assert!(quinlan.iter().all(|(_, t)| !t.contains("tank cars")));
    let whitfield = texts(search(
        &library,
        &query("tank source:\"Dana Whitfield\""),
        Some(&store),
        50,
    ));
    assert_eq!(whitfield.len(), 1, "{whitfield:?}");
    assert!(search(&library, &query("verdict:disputed"), Some(&store), 50).is_empty());

    let council = crosscheck_engine::load(&world.report("council.txt")).expect("load");
    let vote = crosscheck_engine::extract(&council)
        .claims
        .into_iter()
        .find(|c| c.text.contains("postponed"))
        .expect("the council claim");
    store
        .set_verdict(
            &council,
            &Target::Claim {
                start: vote.start,
                end: vote.end,
            },
            Verdict::Verified,
        )
        .expect("mark it");
    let verified = search(&library, &query("verdict:verified"), Some(&store), 50);
    assert_eq!(verified.len(), 1);
    assert_eq!(verified[0].verdict, Some(Verdict::Verified));
    assert!(
        search(
            &library,
            &query("budget verdict:disputed"),
            Some(&store),
            50
        )
        .is_empty()
    );
}

#[test]
fn the_index_follows_changed_added_and_removed_files() {
    let world = World::new();
    let mut library = world.library();
    assert_eq!(library.folders().len(), 1);
    let radio = world.report("radio.txt");
    // Change a file (its size changes), add one and remove one.
    std::fs::write(
        &radio,
        "Derailment near Eastbrook – Harlan State Radio\n\nA second train was stopped at Millford \
         on Wednesday, police said.\n",
    )
    .expect("rewrite the radio report");
    std::fs::write(
        world.reports.join("eastbrook/late.txt"),
        "Eastbrook update – Late Desk\n\nCrews finished clearing the track on Thursday, the \
         rail operator said.\n",
    )
    .expect("write a new report");
    std::fs::remove_file(world.report("council.txt")).expect("remove a report");
    let summary = library.update(&[], &mut |_| {}).expect("update");
    assert_eq!(
        (summary.indexed, summary.unchanged, summary.removed),
        (2, 3, 1),
        "{summary:?}"
    );
    assert_eq!(library.articles().len(), 5);
    let radio_key = std::fs::canonicalize(&radio).expect("canonical path");
    let radio_article = library
        .article(&radio_key.to_string_lossy())
        .expect("the radio report is still indexed");
    assert!(
        radio_article
            .claims
            .iter()
            .any(|c| c.text.contains("second train"))
    );

    // A reopened library holds the same, and an update with nothing changed reads nothing.
    let mut reopened = LibraryIndex::open(&world.data).expect("reopen");
    assert_eq!(reopened.articles(), library.articles());
    let summary = reopened.update(&[], &mut |_| {}).expect("update");
    assert_eq!((summary.indexed, summary.unchanged), (0, 5));
}

#[test]
fn progress_is_reported_for_every_article() {
    let world = World::new();
    let mut library = LibraryIndex::open(&world.data).expect("open the library");
    let mut seen = Vec::new();
    library
        .add_folder(&world.reports, &[], &mut |p| seen.push((p.done, p.total)))
        .expect("add the folder");
    assert_eq!(seen.len(), 5);
    assert_eq!(seen.last(), Some(&(5, 5)));
}

#[test]
fn unreadable_files_are_listed_and_the_rest_indexed() {
    let world = World::new();
    let eastbrook = world.reports.join("eastbrook");
    std::fs::write(eastbrook.join("empty.txt"), "").expect("write");
    std::fs::write(
        eastbrook.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2],
    )
    .expect("write");
    // Not an article format: skipped, not listed. A damaged PDF: listed.
    std::fs::write(eastbrook.join("notes.docx"), "not an article").expect("write");
    std::fs::write(eastbrook.join("broken.pdf"), "%PDF-1.7 not really").expect("write");
    std::fs::create_dir_all(eastbrook.join(".hidden")).expect("mkdir");
    std::fs::write(
        eastbrook.join(".hidden/secret.txt"),
        "Hidden – X\n\nA said B.\n",
    )
    .expect("write");
    let mut library = LibraryIndex::open(&world.data).expect("open the library");
    let summary = library
        .add_folder(&world.reports, &[], &mut |_| {})
        .expect("add the folder");
    assert_eq!(summary.indexed, 5, "{summary:?}");
    let failed: Vec<&str> = summary.failed.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert!(failed.iter().any(|p| p.ends_with("broken.pdf")));
    assert!(failed.iter().any(|p| p.ends_with("empty.txt")));
    assert!(failed.iter().any(|p| p.ends_with("binary.txt")));
    assert!(summary.failed.iter().all(|(_, reason)| !reason.is_empty()));
    // Failed files are not read again while unchanged.
    let again = library.update(&[], &mut |_| {}).expect("update");
    assert_eq!((again.indexed, again.failed.len()), (0, 3));
}

#[test]
fn a_corrupt_index_is_moved_aside_and_rebuilt() {
    let world = World::new();
    drop(world.library());
    let index = world.data.join("library/index.json");
    std::fs::write(&index, "{ not json").expect("corrupt the index");
    let mut library = LibraryIndex::open(&world.data).expect("open despite the corrupt index");
    assert_eq!(library.notices().len(), 1, "{:?}", library.notices());
    assert!(library.articles().is_empty());
    // The folders list survived, so an update rebuilds everything.
    let summary = library.update(&[], &mut |_| {}).expect("update");
    assert_eq!(summary.indexed, 5);
    let names: Vec<String> = std::fs::read_dir(world.data.join("library"))
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.contains("corrupt")), "{names:?}");
}

#[test]
fn adding_a_file_instead_of_a_folder_is_refused() {
    let world = World::new();
    let mut library = LibraryIndex::open(&world.data).expect("open the library");
    let err = library
        .add_folder(&world.report("ledger.txt"), &[], &mut |_| {})
        .expect_err("a file is not a folder");
    assert!(err.to_string().contains("not a folder"), "{err}");
    assert!(library.folders().is_empty());
}

#[test]
fn removing_a_folder_drops_its_articles_but_keeps_opened_ones() {
    let world = World::new();
    let mut library = world.library();
    let ledger = std::fs::canonicalize(world.report("ledger.txt"))
        .expect("canonical path")
        .to_string_lossy()
        .into_owned();
    let summary = library
        .remove_folder(&world.reports, std::slice::from_ref(&ledger), &mut |_| {})
        .expect("remove the folder");
    assert_eq!(summary.removed, 4, "{summary:?}");
    assert!(library.folders().is_empty());
    let paths: Vec<&str> = library.articles().iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, [ledger.as_str()]);
    let err = library
        .remove_folder(&world.reports, &[], &mut |_| {})
        .expect_err("already removed");
    assert!(
        err.to_string().contains("not a folder of the library"),
        "{err}"
    );
}

#[test]
fn the_index_tells_whether_it_holds_an_article_as_it_is_now() {
    let world = World::new();
    let library = world.library();
    let ledger = crosscheck_engine::load(&world.report("ledger.txt")).expect("load");
    assert!(library.holds(&ledger));
    std::fs::write(
        world.report("ledger.txt"),
        "Changed – The Eastbrook Ledger\n\nNothing.\n",
    )
    .expect("rewrite");
    let changed = crosscheck_engine::load(&world.report("ledger.txt")).expect("load");
    assert!(!library.holds(&changed));
    let elsewhere = world._tmp.path().join("new.txt");
    std::fs::write(
        &elsewhere,
        "New – Desk\n\nA new report, an official said.\n",
    )
    .expect("write");
    assert!(!library.holds(&crosscheck_engine::load(&elsewhere).expect("load")));
}

#[test]
fn the_summary_counts_reports_and_origins() {
    let world = World::new();
    let library = world.library();
    let courier = world.compare(&library, "courier.txt", None);
    let evacuated = claim(&courier, "residents were evacuated");
    assert!(!evacuated.more);
    assert_eq!(evacuated.summary(), "4 reports, 2 independent origins");
    assert_eq!(
        claim(&courier, "taking chances").summary(),
        "2 reports, 1 independent origin"
    );
}

#[test]
fn counts_past_the_match_limit_are_lower_bounds() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let reports = tmp.path().join("reports");
    std::fs::create_dir_all(&reports).expect("mkdir");
    let copies = crosscheck_engine::library::MAX_MATCHES + 2;
    for i in 0..copies {
        std::fs::write(
            reports.join(format!("copy-{i:03}.txt")),
            format!(
                "Ferry service suspended – Desk {i}\n\nThe harbour ferry will not sail before \
                 Friday because of the storm damage, harbour master Ines Adler said.\n"
            ),
        )
        .expect("write a copy");
    }
    let data = tmp.path().join("data");
    let mut library = LibraryIndex::open(&data).expect("open");
    library
        .add_folder(&reports, &[], &mut |_| {})
        .expect("index");
    let document = crosscheck_engine::load(&reports.join("copy-000.txt")).expect("load");
    let comparison = compare(
        &document,
        &crosscheck_engine::extract(&document),
        &library,
        None,
    );
    let ferry = claim(&comparison, "harbour ferry");
    assert!(ferry.more);
    assert_eq!(ferry.matches.len(), crosscheck_engine::library::MAX_MATCHES);
    assert_eq!(ferry.summary(), "101+ reports, 1+ independent origins");
}

#[test]
fn a_source_named_only_by_its_role_joins_the_named_origin() {
    let world = World::new();
    std::fs::write(
        world.reports.join("eastbrook/star.txt"),
        "Evacuation ordered in Eastbrook – Evening Star\n\nAbout 1,200 residents were evacuated \
         on Tuesday after a freight train derailed outside Eastbrook, the fire chief said.\n",
    )
    .expect("write a report");
    let library = world.library();
    let courier = world.compare(&library, "courier.txt", None);
    let evacuated = claim(&courier, "residents were evacuated");
    assert_eq!(evacuated.summary(), "5 reports, 2 independent origins");
    let quinlan = evacuated
        .origins
        .iter()
        .find(|o| o.origin == "Marta Quinlan")
        .expect("Quinlan is an origin");
    assert!(
        quinlan.reports.iter().any(|r| r == "Evening Star"),
        "{quinlan:?}"
    );
}

#[test]
fn an_index_of_an_older_content_version_is_rebuilt() {
    let world = World::new();
    drop(world.library());
    let path = world.data.join("library/index.json");
    let mut index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read the index")).expect("JSON");
    index
        .as_object_mut()
        .expect("an object")
        .remove("content_version");
    std::fs::write(&path, serde_json::to_vec(&index).expect("encode")).expect("write");
    let mut library = LibraryIndex::open(&world.data).expect("open");
    assert!(library.articles().is_empty());
    let summary = library.update(&[], &mut |_| {}).expect("update");
    assert_eq!(summary.indexed, 5);
    let rewritten: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("JSON");
    assert_eq!(
        rewritten["content_version"],
        crosscheck_engine::library::INDEX_CONTENT_VERSION
    );
}
