//! Sources across the library, on reports written for these tests about one invented story
//! (a dam in Velmora) with recurring speakers: the energy minister Ilse Varga, the government
//! spokesman Dmitar Oreshkov (misspelt "Dmitri" by one report, a bare "Oreshkov" in three),
//! Senator Harold P. Minter Jr. and a farmer, Tomas Minter. Tests check the joined records, the
//! counts per verdict, and that the person's corrections (merge, split, kind, not a source) and
//! their word on a source stick across a restart and a re-indexing, and can be undone.

use std::path::PathBuf;

use crosscheck_engine::extract::SourceKind;
use crosscheck_engine::library::{LibraryIndex, LibrarySource, SourceRecords};
use crosscheck_engine::sources::{Change, Correction, Credibility};
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
        std::fs::create_dir_all(&reports).expect("create the folder");
        let from = crate::paths::top().join("tests/fixtures/sources");
        for entry in std::fs::read_dir(&from).expect("list fixtures") {
            let entry = entry.expect("a fixture");
            std::fs::copy(entry.path(), reports.join(entry.file_name())).expect("copy");
        }
        let data = tmp.path().join("data");
        Self {
            _tmp: tmp,
            reports,
            data,
        }
    }

    fn store(&self) -> Store {
        Store::open(&self.data).expect("open the store")
    }

    /// The library, indexed (again, if files changed) from the reports folder.
    fn library(&self) -> LibraryIndex {
        let mut library = LibraryIndex::open(&self.data).expect("open the library");
        let summary = library
            .add_folder(&self.reports, &[], &mut |_| {})
            .expect("add the folder");
        assert!(summary.failed.is_empty(), "{:?}", summary.failed);
        library
    }

    fn records(&self) -> (LibraryIndex, SourceRecords) {
        let library = self.library();
        let records = SourceRecords::build(&library, Some(&self.store()));
        (library, records)
    }

    /// Marks the claim of report `name` whose text is exactly `text` with `verdict`.
    fn judge(&self, name: &str, text: &str, verdict: Verdict) {
        let document = crosscheck_engine::load(&self.reports.join(name)).expect("load");
        let extraction = crosscheck_engine::extract(&document);
        let claim = extraction
            .claims
            .iter()
            .find(|c| c.text == text)
            .unwrap_or_else(|| panic!("no claim {text:?} in {name}"));
        self.store()
            .update(
                &document,
                &Target::Claim {
                    start: claim.start,
                    end: claim.end,
                },
                &[Edit::Verdict(verdict)],
            )
            .expect("save the verdict");
    }

    fn judge_all(&self) {
        self.judge(
            "herald-dam.txt",
            "the project was on budget",
            Verdict::False,
        );
        self.judge(
            "herald-dam.txt",
            "\"The turbines arrive in May,\"",
            Verdict::Misleading,
        );
        self.judge(
            "radio-safety.txt",
            "the turbines had arrived",
            Verdict::Verified,
        );
        self.judge(
            "sever-cost.txt",
            "the project was on budget",
            Verdict::False,
        );
        self.judge(
            "courier-villages.txt",
            "the villagers would be compensated",
            Verdict::False,
        );
        self.judge(
            "herald-dam.txt",
            "the dam would flood three villages",
            Verdict::Verified,
        );
    }

    /// Rewrites a report with the same text, so that the library indexes it again.
    fn touch(&self, name: &str) {
        let path = self.reports.join(name);
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, format!("{text}\n")).expect("rewrite");
        let file = std::fs::File::options()
            .write(true)
            .open(&path)
            .expect("open");
        file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
            .expect("set the time");
    }
}

/// The source named exactly `name`.
fn named<'a>(records: &'a SourceRecords, name: &str) -> &'a LibrarySource {
    records
        .directory()
        .sources()
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = records
                .directory()
                .sources()
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            panic!("no source {name:?} in {names:?}")
        })
}

fn has_source(records: &SourceRecords, name: &str) -> bool {
    records.directory().sources().iter().any(|s| s.name == name)
}

#[test]
fn one_source_across_reports_with_names_roles_and_kind() {
    let world = World::new();
    let (_library, records) = world.records();
    let varga = named(&records, "Ilse Varga");
    assert_eq!(varga.kind, SourceKind::Person);
    assert_eq!(varga.reports, 2);
    assert_eq!(varga.claims.len(), 3);
    assert!(varga.aliases.iter().any(|a| a == "Varga"), "{varga:?}");
    assert_eq!(varga.roles, ["Energy Minister"]);
    // "Harold P. Minter Jr." and the "Minter" of the same reports are one person.
    let minter = named(&records, "Harold P. Minter Jr");
    assert_eq!((minter.reports, minter.claims.len()), (3, 5));
    // The farmer of the same surname is someone else; a bare "Minter" in a report naming
    // neither could be either, so it stays on its own.
    assert_eq!(named(&records, "Tomas Minter").claims.len(), 2);
    assert_eq!(named(&records, "Minter").claims.len(), 1);
    // Unnamed sources stay with their report.
    assert_eq!(named(&records, "Officials").reports, 1);
    // The outlet is one source across its two reports (its headlines).
    let herald = named(&records, "The Velmora Herald");
    assert_eq!(
        (herald.kind, herald.reports, herald.claims.len()),
        (SourceKind::Outlet, 2, 2)
    );
    // An agency relaying another's claim relayed it; the claim is the speaker's.
    let tarn = named(&records, "Tarn");
    assert_eq!((tarn.claims.len(), tarn.relayed.len()), (1, 1));
    assert!(
        records
            .directory()
            .find("oreshkov")
            .iter()
            .any(|s| s.name == "Oreshkov")
    );
}

#[test]
fn track_records_count_verdicts_and_dates() {
    let world = World::new();
    world.judge_all();
    let (library, records) = world.records();
    let dmitar = named(&records, "Dmitar Oreshkov");
    let record = records.track_record(dmitar);
    assert_eq!((record.claims, record.reports), (2, 1));
    assert_eq!(record.verdicts.get(Verdict::False), 1);
    assert_eq!(record.verdicts.get(Verdict::Misleading), 1);
    assert_eq!(
        records.summary(dmitar),
        "Dmitar Oreshkov: 2 claims in 1 report; 1 false, 1 misleading"
    );
    let bare = named(&records, "Oreshkov");
    assert_eq!(
        records.track_record(bare).describe(),
        "3 claims in 3 reports; 2 false"
    );
    assert_eq!(record.first_seen.as_deref(), Some("2025-03-12"));
    let varga = records.track_record(named(&records, "Ilse Varga"));
    assert_eq!(
        (varga.first_seen.as_deref(), varga.last_seen.as_deref()),
        (Some("2025-03-12"), Some("2025-05-02"))
    );
    assert_eq!(varga.describe(), "3 claims in 2 reports; none judged yet");
    // A verdict on the speaker's words is not also one on the agency's report of them.
    let tarn = records.track_record(named(&records, "Tarn"));
    assert_eq!(tarn.judged(), 0);
    // The full record: every claim with its report, chain and verdict, the latest first.
    let full = records.record(&library, &dmitar.id).expect("the record");
    assert_eq!(full.claims.len(), 2);
    assert!(full.claims.iter().all(|c| c.report == "The Velmora Herald"));
    assert!(
        full.claims
            .iter()
            .any(|c| c.verdict == Verdict::Misleading && c.text.contains("turbines"))
    );
    let minter = records
        .record(&library, &named(&records, "Harold P. Minter Jr").id)
        .expect("the record");
    let dates: Vec<&str> = minter
        .claims
        .iter()
        .filter_map(|c| c.date.as_deref())
        .collect();
    assert_eq!(dates.first(), Some(&"2025-06-15"));
    assert_eq!(dates.last(), Some(&"2025-03-12"));
    let relayed = records
        .record(&library, &named(&records, "Oreshkov").id)
        .expect("the record");
    assert!(
        relayed
            .claims
            .iter()
            .any(|c| c.chain == "Sever News » Tarn » Oreshkov"),
        "{:?}",
        relayed.claims
    );
}

#[test]
fn a_merge_sticks_across_restart_and_reindexing_and_can_be_undone() {
    let world = World::new();
    world.judge_all();
    let (_, records) = world.records();
    let misspelt = named(&records, "Dmitri Oreshkov");
    let right = named(&records, "Dmitar Oreshkov");
    world
        .store()
        .add_correction(Correction::merge(misspelt, right))
        .expect("save the merge");
    let check = |records: &SourceRecords| {
        assert!(!has_source(records, "Dmitri Oreshkov"));
        // With one Oreshkov left, the bare "Oreshkov" of three reports is him too.
        assert!(!has_source(records, "Oreshkov"));
        let dmitar = named(records, "Dmitar Oreshkov");
        assert_eq!(
            records.summary(dmitar),
            "Dmitar Oreshkov: 6 claims in 5 reports; 3 false, 1 misleading, 1 verified"
        );
        assert!(dmitar.aliases.iter().any(|a| a == "Dmitri Oreshkov"));
    };
    // A new library and store object: what a restart sees.
    check(&world.records().1);
    world.touch("radio-safety.txt");
    let mut library = LibraryIndex::open(&world.data).expect("open");
    let summary = library
        .update(&[], &mut |_| {})
        .expect("update the library");
    assert_eq!(summary.indexed, 1, "{summary:?}");
    check(&SourceRecords::build(&library, Some(&world.store())));
    // A fresh extraction of the misspelling report shows the merged name too.
    let document = crosscheck_engine::load(&world.reports.join("radio-safety.txt")).expect("load");
    let mut extraction = crosscheck_engine::extract(&document);
    let book = world.store().source_book().expect("read the book");
    book.corrections().apply(
        &mut extraction,
        &crosscheck_engine::store::article_key(&document),
    );
    assert!(
        extraction.sources.iter().any(
            |s| s.name == "Dmitar Oreshkov" && s.aliases.iter().any(|a| a == "Dmitri Oreshkov")
        )
    );
    assert!(
        !extraction
            .sources
            .iter()
            .any(|s| s.name == "Dmitri Oreshkov")
    );
    // Undone, the records are as before.
    let undone = world.store().undo_correction(None).expect("undo");
    assert!(matches!(
        undone.map(|c| c.change),
        Some(Change::Merge { .. })
    ));
    let (_, records) = world.records();
    assert_eq!(named(&records, "Dmitar Oreshkov").claims.len(), 2);
    assert!(has_source(&records, "Dmitri Oreshkov"));
    // And redone.
    world.store().redo_correction().expect("redo");
    assert!(!has_source(&world.records().1, "Dmitri Oreshkov"));
}

#[test]
fn a_split_in_one_report_sticks_across_restart_and_reindexing() {
    let world = World::new();
    let (library, records) = world.records();
    let minter = named(&records, "Harold P. Minter Jr");
    let protest = world.reports.join("herald-protest.txt");
    let protest_key = std::fs::canonicalize(&protest)
        .expect("canonical path")
        .to_string_lossy()
        .into_owned();
    assert!(library.article(&protest_key).is_some());
    world
        .store()
        .add_correction(Correction::split(minter, "Minter", Some(&protest_key)))
        .expect("save the split");
    let check = |records: &SourceRecords| {
        let harold = named(records, "Harold P. Minter Jr");
        assert_eq!((harold.claims.len(), harold.reports), (4, 3));
        // The nephew's words are a source of their own, not joined to the bare "Minter" of
        // another report.
        let minters: Vec<&LibrarySource> = records
            .directory()
            .sources()
            .iter()
            .filter(|s| s.name == "Minter")
            .collect();
        assert_eq!(minters.len(), 2, "{minters:?}");
        assert!(minters.iter().all(|s| s.claims.len() == 1));
    };
    check(&world.records().1);
    world.touch("herald-protest.txt");
    check(&world.records().1);
    // Other reports keep their "Minter": the split was made in one.
    let (_, records) = world.records();
    assert!(
        named(&records, "Harold P. Minter Jr")
            .aliases
            .iter()
            .any(|a| a == "Minter")
    );
}

#[test]
fn a_kind_change_and_a_phrase_that_is_no_source_stick() {
    let world = World::new();
    let (_, records) = world.records();
    let kestrel = named(&records, "Kestrel Analytics");
    assert_eq!(kestrel.kind, SourceKind::Person);
    let store = world.store();
    store
        .add_correction(Correction::kind(kestrel, SourceKind::Organization))
        .expect("save the kind");
    store
        .add_correction(Correction::not_a_source("the reservoir", None))
        .expect("save");
    let check = |library: &LibraryIndex, records: &SourceRecords| {
        assert_eq!(
            named(records, "Kestrel Analytics").kind,
            SourceKind::Organization
        );
        assert!(!has_source(records, "the reservoir"));
        let wire = library
            .articles()
            .iter()
            .find(|a| a.path.ends_with("wire-delay.txt"))
            .expect("the wire report");
        let claim = wire
            .claims
            .iter()
            .find(|c| c.text == "a nature reserve")
            .expect("the claim stays");
        assert!(claim.source.is_none());
        assert!(claim.extracted.is_some(), "what was extracted is kept");
    };
    let (library, records) = world.records();
    check(&library, &records);
    world.touch("wire-delay.txt");
    world.touch("courier-villages.txt");
    let (library, records) = world.records();
    check(&library, &records);
    // Both undone: the extractor's findings come back.
    store.undo_correction(None).expect("undo");
    store.undo_correction(None).expect("undo");
    let (_, records) = world.records();
    assert_eq!(
        named(&records, "Kestrel Analytics").kind,
        SourceKind::Person
    );
    assert!(has_source(&records, "the reservoir"));
}

#[test]
fn the_persons_word_on_a_source_is_kept_and_shown() {
    let world = World::new();
    let (library, records) = world.records();
    let dmitar = named(&records, "Dmitar Oreshkov");
    let store = world.store();
    store
        .set_source_status(
            &dmitar.name,
            &dmitar.aliases,
            Some(Credibility::NotCredible),
            Some("Twice wrong on the budget."),
        )
        .expect("save the status");
    // The note can change without the credibility, and the history is kept.
    store
        .set_source_status("Dmitar Oreshkov", &[], Some(Credibility::Mixed), None)
        .expect("save the status");
    let records = SourceRecords::build(&library, Some(&world.store()));
    let status = records
        .status(named(&records, "Dmitar Oreshkov"))
        .expect("a status");
    assert_eq!(status.credibility, Credibility::Mixed);
    assert_eq!(status.note, "Twice wrong on the budget.");
    assert_eq!(status.history.len(), 2);
    let record = records.record(&library, &dmitar.id).expect("the record");
    assert_eq!(
        record.status.map(|s| s.credibility),
        Some(Credibility::Mixed)
    );
    assert!(records.status(named(&records, "Ilse Varga")).is_none());
}

#[test]
fn an_unreadable_sources_file_falls_back_to_its_backup() {
    let world = World::new();
    let store = world.store();
    store
        .set_source_status("Ilse Varga", &[], Some(Credibility::Credible), None)
        .expect("save");
    store
        .add_correction(Correction::not_a_source("the reservoir", None))
        .expect("save");
    let path = world.data.join(crosscheck_engine::store::SOURCES_FILE);
    std::fs::write(&path, b"{ not json").expect("spoil the file");
    // Reading uses the backup (the state before the last change) and says so.
    let book = store.source_book().expect("read");
    assert_eq!(book.statuses.len(), 1);
    assert!(
        book.notices.iter().any(|n| matches!(
            n,
            crosscheck_engine::store::Notice::SourcesFromBackup { .. }
        )),
        "{:?}",
        book.notices
    );
    // The next change keeps the spoilt file aside and carries on from the backup.
    let book = store
        .add_correction(Correction::not_a_source("Video", None))
        .expect("save");
    assert_eq!(book.statuses.len(), 1);
    assert_eq!(book.corrections.len(), 1);
    let aside = std::fs::read_dir(&world.data)
        .expect("list")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains("corrupt"));
    assert!(aside, "the unreadable file is kept");
}

#[test]
fn corrections_apply_to_every_fresh_extraction() {
    let world = World::new();
    let (_, records) = world.records();
    let store = world.store();
    let protest = world.reports.join("herald-protest.txt");
    let document = crosscheck_engine::load(&protest).expect("load");
    let key = crosscheck_engine::store::article_key(&document);
    store
        .add_correction(Correction::split(
            named(&records, "Harold P. Minter Jr"),
            "Minter",
            Some(&key),
        ))
        .expect("save");
    store
        .add_correction(Correction::kind(
            named(&records, "The Velmora Herald"),
            SourceKind::Organization,
        ))
        .expect("save");
    store
        .add_correction(Correction::not_a_source(
            "Senator Harold P. Minter Jr.",
            Some("elsewhere"),
        ))
        .expect("save");
    let corrections = store.source_book().expect("read").corrections();
    let mut extraction = crosscheck_engine::extract(&document);
    corrections.apply(&mut extraction, &key);
    let source = |text: &str| {
        let claim = extraction
            .claims
            .iter()
            .find(|c| c.text.contains(text))
            .expect("the claim");
        let id = &claim.source.as_ref().expect("a source").id;
        extraction
            .sources
            .iter()
            .find(|s| &s.id == id)
            .expect("listed")
    };
    let nephew = source("My uncle");
    assert_eq!(nephew.name, "Minter");
    assert_eq!(nephew.claims.len(), 1);
    let senator = source("protest was peaceful");
    assert_eq!(senator.name, "Harold P. Minter Jr");
    assert!(!senator.aliases.iter().any(|a| a == "Minter"));
    assert!(senator.claims.iter().all(|c| !nephew.claims.contains(c)));
    // A correction made for another article does not apply here.
    assert_eq!(extraction.sources.len(), 3, "{:?}", extraction.sources);
    assert!(
        extraction
            .sources
            .iter()
            .any(|s| s.name == "The Velmora Herald" && s.kind == SourceKind::Organization)
    );
    // Applying twice changes nothing more.
    let once = extraction.clone();
    corrections.apply(&mut extraction, &key);
    assert_eq!(extraction, once);
    // Marked as no source here, the senator's claim is unattributed.
    store
        .add_correction(Correction::not_a_source(
            "Senator Harold P. Minter Jr.",
            Some(&key),
        ))
        .expect("save");
    let mut extraction = crosscheck_engine::extract(&document);
    store
        .source_book()
        .expect("read")
        .corrections()
        .apply(&mut extraction, &key);
    let claim = extraction
        .claims
        .iter()
        .find(|c| c.text.contains("protest was peaceful"))
        .expect("the claim stays");
    assert!(claim.source.is_none() && claim.cue.is_none());
    assert_eq!(
        claim.attribution,
        crosscheck_engine::extract::Attribution::Unattributed
    );
}

#[test]
fn claims_marked_by_hand_count_for_the_source_named() {
    let world = World::new();
    let path = world.reports.join("radio-safety.txt");
    let document = crosscheck_engine::load(&path).expect("load");
    let (start, end) = crate::store_fixture::span_of(&document, "inspections had found no cracks");
    world
        .store()
        .update(
            &document,
            &Target::ManualClaim { start, end },
            &[
                Edit::Source("Ilse Varga".into()),
                Edit::Verdict(Verdict::Disputed),
            ],
        )
        .expect("save the claim");
    let (library, records) = world.records();
    let varga = named(&records, "Ilse Varga");
    assert_eq!(
        records.summary(varga),
        "Ilse Varga: 4 claims in 2 reports; 1 disputed"
    );
    let record = records.record(&library, &varga.id).expect("the record");
    let marked = record
        .claims
        .iter()
        .find(|c| c.attribution.is_none())
        .expect("the claim marked by hand");
    assert_eq!(marked.text, "inspections had found no cracks");
    assert_eq!(marked.verdict, Verdict::Disputed);
    assert_eq!(marked.chain, "Harrow Radio » Ilse Varga");
}

#[test]
fn a_record_is_shown_a_page_at_a_time_latest_first() {
    let world = World::new();
    let (library, records) = world.records();
    let minter = named(&records, "Harold P. Minter Jr");
    let whole = records.record(&library, &minter.id).expect("the record");
    let first = records
        .record_page(&library, &minter.id, 0, 2)
        .expect("a page");
    let rest = records
        .record_page(&library, &minter.id, 2, 10)
        .expect("a page");
    assert_eq!(
        first.record, whole.record,
        "the counts are the whole record's"
    );
    assert_eq!(first.claims.len(), 2);
    let paged: Vec<&str> = first
        .claims
        .iter()
        .chain(&rest.claims)
        .map(|c| c.text.as_str())
        .collect();
    let all: Vec<&str> = whole.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(paged, all);
    // Latest report first; within a report, in reading order.
    assert_eq!(whole.claims[0].text, "the protest was peaceful");
    assert!(
        records
            .record_page(&library, &minter.id, 99, 10)
            .expect("past the end")
            .claims
            .is_empty()
    );
}

#[test]
fn a_new_verdict_updates_the_records_of_its_article_without_a_rebuild() {
    let world = World::new();
    let (library, mut records) = world.records();
    let varga = named(&records, "Ilse Varga").clone();
    assert_eq!(records.track_record(&varga).judged(), 0);
    world.judge("radio-safety.txt", "the dam was safe", Verdict::False);
    let path = library
        .articles()
        .iter()
        .find(|a| a.path.ends_with("radio-safety.txt"))
        .expect("the report")
        .path
        .clone();
    assert!(records.refresh_article(&library, &world.store(), &path));
    assert_eq!(
        records.track_record(&varga).describe(),
        "3 claims in 2 reports; 1 false"
    );
    // A claim marked by hand with a source changes the join: a rebuild is asked for.
    let document = crosscheck_engine::load(&world.reports.join("radio-safety.txt")).expect("load");
    let (start, end) = crate::store_fixture::span_of(&document, "no cracks");
    world
        .store()
        .update(
            &document,
            &Target::ManualClaim { start, end },
            &[Edit::Source("Ilse Varga".into())],
        )
        .expect("save");
    assert!(!records.refresh_article(&library, &world.store(), &path));
}

#[test]
fn the_article_exports_carry_each_sources_status() {
    use crosscheck_engine::export::{ExportFormat, ExportInput, export};
    let world = World::new();
    world.judge_all();
    let store = world.store();
    store
        .set_source_status(
            "Dmitar Oreshkov",
            &["Oreshkov".to_owned()],
            Some(Credibility::NotCredible),
            Some("Wrong twice."),
        )
        .expect("save");
    let document = crosscheck_engine::load(&world.reports.join("herald-dam.txt")).expect("load");
    let extraction = crosscheck_engine::extract(&document);
    let notes = store.load(&document).expect("notes");
    let book = store.source_book().expect("book");
    let input = ExportInput {
        document: &document,
        extraction: &extraction,
        notes: &notes,
        publishing: &crosscheck_engine::export::Publishing::default(),
        source_statuses: &book.statuses,
    };
    let markdown = export(ExportFormat::Markdown, &input);
    assert!(
        markdown
            .contains("## Sources\n\n- Dmitar Oreshkov (person): **not credible** — Wrong twice."),
        "{markdown}"
    );
    assert!(markdown.contains("- **Your word on the source:** not credible — Wrong twice."));
    // The W3C annotation of a judged claim carries its source's status; ClaimReview (for
    // publishing) does not.
    let w3c: serde_json::Value =
        serde_json::from_str(&export(ExportFormat::W3c, &input)).expect("JSON");
    let items = w3c["first"]["items"].as_array().expect("annotations");
    let status_of = |exact: &str| -> Option<&serde_json::Value> {
        items
            .iter()
            .find(|a| a["target"]["selector"][0]["exact"] == exact)
            .unwrap_or_else(|| panic!("no annotation on {exact:?}: {w3c}"))
            .get("cc:sourceStatus")
    };
    let oreshkov = serde_json::json!({"credibility": "not_credible", "note": "Wrong twice."});
    for his in [
        "the project was on budget",
        "\"The turbines arrive in May,\"",
    ] {
        assert_eq!(status_of(his), Some(&oreshkov), "{w3c}");
    }
    assert_eq!(status_of("the dam would flood three villages"), None);
    assert!(!export(ExportFormat::ClaimReview, &input).contains("Wrong twice."));
    let csv = export(ExportFormat::Csv, &input);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} column: {headers:?}"))
    };
    let (source, status) = (column("source"), column("source_status"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let statuses_of = |name: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r.get(source) == Some(name))
            .map(|r| r.get(status).unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(statuses_of("Dmitar Oreshkov"), ["not_credible"; 2], "{csv}");
    let varga = statuses_of("Ilse Varga");
    assert!(
        !varga.is_empty() && varga.iter().all(String::is_empty),
        "{csv}"
    );
}
