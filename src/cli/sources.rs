//! `crosscheck sources [NAME] [--json | --markdown]`: the sources of the library with their
//! track records, or one source's record; and `crosscheck source merge | split | kind |
//! not-a-source | status | undo | redo | corrections`: the person's corrections and word on
//! sources, kept in the notes store.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use crosscheck_engine::extract::SourceKind;
use crosscheck_engine::library::{LibraryIndex, LibrarySource, SourceRecords, TrackRecord};
use crosscheck_engine::sources::{Change, Correction, Credibility, SourceStatus};
use crosscheck_engine::store::Store;

use super::ArgPath;

/// Version tag of `crosscheck sources --json`.
const SOURCES_SCHEMA: &str = "crosscheck.sources/1";

/// Arguments of `crosscheck sources`.
#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// A source's name, alias or id: shows its record. Without it, lists the sources.
    name: Option<String>,
    /// Print JSON (one source's record, schema crosscheck.source-record/1; the list,
    /// crosscheck.sources/1).
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// Print one source's record as a Markdown report.
    #[arg(long, requires = "name")]
    markdown: bool,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<ArgPath>,
    /// Also list unnamed sources ("officials"), each of which stays with its report.
    #[arg(long)]
    all: bool,
    /// Most sources listed (JSON lists them all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
}

/// `crosscheck source …`: correct the sources, or give your word on one.
#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Merge a source into another, everywhere ("Dmitri Peskov" is Dmitry Peskov).
    Merge {
        /// The source to merge (name, alias or id).
        from: String,
        /// The source it is (name, alias or id).
        into: String,
    },
    /// Split the mentions of a source by one of its aliases off, into a source of their own.
    Split {
        /// The source (name, alias or id).
        source: String,
        /// The alias to split off, as the reports write it.
        alias: String,
        /// Only in this article.
        #[arg(long = "in", value_name = "FILE")]
        article: Option<ArgPath>,
    },
    /// Fix a source's kind: person, organization, outlet, government, group or unnamed.
    Kind {
        /// The source (name, alias or id).
        source: String,
        /// Its kind.
        #[arg(value_parser = parse_kind)]
        kind: SourceKind,
    },
    /// Mark a phrase as naming no source ("I've", "a series of tweets").
    NotASource {
        /// The phrase, as the reports write it.
        phrase: String,
        /// Only in this article.
        #[arg(long = "in", value_name = "FILE")]
        article: Option<ArgPath>,
    },
    /// Give your word on a source: credible, not-credible, mixed or unknown, and a note.
    Status {
        /// The source (name, alias or id).
        source: String,
        /// credible, not-credible, mixed or unknown (left as it is when omitted).
        #[arg(value_parser = parse_credibility)]
        status: Option<Credibility>,
        /// A note on why.
        #[arg(long)]
        note: Option<String>,
    },
    /// Undo the latest correction, or the one with this id.
    Undo {
        /// The correction's id (see `crosscheck source corrections`).
        id: Option<String>,
    },
    /// Make the latest undone correction again.
    Redo,
    /// List the corrections in force, oldest first.
    Corrections {
        /// Print them as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn parse_kind(name: &str) -> Result<SourceKind, String> {
    let lower = name
        .trim()
        .to_lowercase()
        .replace("organisation", "organization");
    [
        SourceKind::Person,
        SourceKind::Organization,
        SourceKind::Outlet,
        SourceKind::Government,
        SourceKind::Group,
        SourceKind::Unnamed,
    ]
    .into_iter()
    .find(|k| k.as_str() == lower)
    .ok_or_else(|| {
        format!("unknown kind {name:?} (person, organization, outlet, government, group, unnamed)")
    })
}

fn parse_credibility(name: &str) -> Result<Credibility, String> {
    Credibility::parse(name)
        .ok_or_else(|| format!("unknown status {name:?} (credible, not-credible, mixed, unknown)"))
}

/// The library brought up to date, with every source's record.
fn records(store: &Store) -> anyhow::Result<(LibraryIndex, SourceRecords)> {
    let mut library = super::library::open_library(store)?;
    let summary = super::library::update(&mut library, store)?;
    for (path, reason) in &summary.failed {
        super::warn(&format!("left out of the library: {path}: {reason}"));
    }
    let records = SourceRecords::build(&library, Some(store));
    Ok((library, records))
}

/// The one source `query` names: by id, by a name or alias, else by part of a name. Several
/// candidates are an error listing them.
fn resolve<'r>(
    records: &'r SourceRecords,
    query: &str,
) -> anyhow::Result<Option<&'r LibrarySource>> {
    let directory = records.directory();
    if let Some(source) = directory.get(query.trim()) {
        return Ok(Some(source));
    }
    let found = directory.find(query);
    // A source called exactly so wins over those only also known by the name.
    let key = crosscheck_engine::sources::source_key(query);
    let exact: Vec<&LibrarySource> = found
        .iter()
        .copied()
        .filter(|s| crosscheck_engine::sources::source_key(&s.name) == key)
        .collect();
    let found = if exact.len() == 1 { exact } else { found };
    match found.as_slice() {
        [] => Ok(None),
        [only] => Ok(Some(only)),
        many => {
            let list: Vec<String> = many
                .iter()
                .take(8)
                .map(|s| {
                    format!(
                        "{} ({}, {})",
                        s.name,
                        s.id,
                        records.track_record(s).describe()
                    )
                })
                .collect();
            anyhow::bail!(
                "several sources answer to “{query}”: {}; give the full name or the id",
                list.join("; ")
            )
        }
    }
}

/// Runs `crosscheck sources`.
pub fn run(args: &SourcesArgs, data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let store = super::open_store(data_dir)?;
    let (library, records) = records(&store)?;
    let text = match &args.name {
        Some(name) => {
            let source = resolve(&records, name)?.ok_or_else(|| {
                anyhow::anyhow!(
                    "no source called “{name}” in the library ({} sources in {} articles)",
                    records.directory().sources().len(),
                    library.articles().len()
                )
            })?;
            let record = records
                .record(&library, &source.id)
                .context("the source's record")?;
            if args.json {
                crosscheck_engine::export::source_record_json(&record)
            } else if args.markdown {
                crosscheck_engine::export::source_record_markdown(&record)
            } else {
                record_text(&record)
            }
        }
        None if args.json => list_json(&records)?,
        None => list_text(&records, &library, args.all, args.limit),
    };
    match &args.output {
        Some(path) => {
            crosscheck_engine::export::write_export(path, &text)
                .with_context(|| format!("cannot write: {}", path.display()))?;
            eprintln!(
                "Wrote {}",
                super::inert::one_line(&path.display().to_string())
            );
            Ok(ExitCode::SUCCESS)
        }
        None => super::with_stdout(|out| {
            out.write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }),
    }
}

/// One source in the list: id, who, its track record in brief and the person's word on it.
#[derive(serde::Serialize)]
struct ListedSource<'a> {
    #[serde(flatten)]
    source: &'a LibrarySource,
    record: TrackRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a SourceStatus>,
}

fn list_json(records: &SourceRecords) -> anyhow::Result<String> {
    let sources: Vec<ListedSource> = records
        .directory()
        .sources()
        .iter()
        .map(|source| ListedSource {
            source,
            record: records.track_record(source),
            status: records.status(source),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&serde_json::json!({
        "schema": SOURCES_SCHEMA,
        "sources": sources,
    }))?;
    text.push('\n');
    Ok(text)
}

fn list_text(records: &SourceRecords, library: &LibraryIndex, all: bool, limit: usize) -> String {
    let sources = records.directory().sources();
    let shown: Vec<&LibrarySource> = sources
        .iter()
        .filter(|s| all || s.kind != SourceKind::Unnamed)
        .collect();
    let mut out = format!(
        "{} sources in {} articles of the library",
        shown.len(),
        library.articles().len()
    );
    let unnamed = sources.len() - shown.len();
    if unnamed > 0 {
        out.push_str(&format!(
            " ({unnamed} unnamed sources left out, each kept with its report: --all lists them)"
        ));
    }
    out.push('\n');
    if sources.is_empty() {
        out.push_str(
            "the library is empty: add a folder of reports with `crosscheck library add DIR`\n",
        );
    }
    for source in shown.iter().take(limit) {
        let status = records
            .status(source)
            .map(|s| format!("  [{}]", s.credibility.label()))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {} ({}) — {}{status}\n",
            source.name,
            source.kind.as_str(),
            records.track_record(source).describe()
        ));
    }
    if shown.len() > limit {
        out.push_str(&format!("  … and {} more (--limit)\n", shown.len() - limit));
    }
    out
}

fn record_text(record: &crosscheck_engine::library::SourceRecord) -> String {
    let source = &record.source;
    let mut out = format!("{} — {}", source.name, source.kind.as_str());
    if !source.roles.is_empty() {
        out.push_str(&format!("; {}", source.roles.join("; ")));
    }
    out.push_str(&format!("  ({})\n", source.id));
    if !source.aliases.is_empty() {
        out.push_str(&format!("Also called: {}\n", source.aliases.join("; ")));
    }
    if let Some(status) = &record.status {
        out.push_str(&format!("Your word: {}", status.credibility.label()));
        if !status.note.is_empty() {
            out.push_str(&format!(" — {}", super::inert::one_line(&status.note)));
        }
        out.push('\n');
    }
    out.push_str(&record.record.describe());
    match (&record.record.first_seen, &record.record.last_seen) {
        (Some(first), Some(last)) if first != last => {
            out.push_str(&format!("; seen {first} to {last}"))
        }
        (Some(first), _) => out.push_str(&format!("; seen {first}")),
        _ => {}
    }
    out.push('\n');
    for (title, claims) in [("", &record.claims), ("Relayed:\n", &record.relayed)] {
        if claims.is_empty() {
            continue;
        }
        out.push_str(title);
        for claim in claims {
            let date = claim.date.as_deref().unwrap_or("-");
            out.push_str(&format!(
                "{:>12}  “{}” — {}, {date}\n{:>12}  {} · {}\n",
                claim.verdict.as_str(),
                claim.text,
                claim.report,
                "",
                claim.chain,
                claim.path
            ));
        }
    }
    out
}

/// Runs `crosscheck source …`.
pub fn run_source(command: &SourceCommand, data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let store = super::open_store(data_dir)?;
    let message = match command {
        SourceCommand::Undo { id } => match store.undo_correction(id.as_deref())? {
            Some(undone) => format!("undid: {} ({})", undone.describe(), undone.id),
            None => match id {
                Some(id) => anyhow::bail!(
                    "no correction with id {id} (see `crosscheck source corrections`)"
                ),
                None => "nothing to undo".to_owned(),
            },
        },
        SourceCommand::Redo => match store.redo_correction()? {
            Some(redone) => format!("redid: {} ({})", redone.describe(), redone.id),
            None => "nothing to redo".to_owned(),
        },
        SourceCommand::Corrections { json } => {
            let book = store.source_book()?;
            return super::with_stdout(|out| {
                if *json {
                    serde_json::to_writer_pretty(&mut *out, &book.corrections)?;
                    writeln!(out)?;
                } else if book.corrections.is_empty() {
                    writeln!(out, "no corrections")?;
                } else {
                    for c in &book.corrections {
                        writeln!(
                            out,
                            "{}  {}  {}",
                            c.id,
                            c.made.format("%Y-%m-%d %H:%M"),
                            c.describe()
                        )?;
                    }
                }
                Ok(ExitCode::SUCCESS)
            });
        }
        SourceCommand::Status {
            source,
            status,
            note,
        } => return set_status(&store, source, *status, note.as_deref()),
        _ => return correct(command, &store),
    };
    super::with_stdout(|out| {
        writeln!(out, "{message}")?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Makes a correction or records a status, then prints the source's record line.
fn correct(command: &SourceCommand, store: &Store) -> anyhow::Result<ExitCode> {
    let (_, records) = records(store)?;
    let named = |query: &str| -> anyhow::Result<Option<&LibrarySource>> {
        let found = resolve(&records, query)?;
        if found.is_none() {
            super::warn(&format!(
                "no source called “{query}” in the library yet; the correction will apply to \
                 it where it appears"
            ));
        }
        Ok(found)
    };
    let article_key = |file: &Option<ArgPath>| -> anyhow::Result<Option<String>> {
        file.as_ref()
            .map(|file| {
                std::fs::canonicalize(file)
                    .map(|p| p.to_string_lossy().into_owned())
                    .map_err(|err| anyhow::anyhow!("cannot read ({err}): {}", file.display()))
            })
            .transpose()
    };
    let by_name = |query: &str, found: Option<&LibrarySource>| {
        found.map_or_else(
            || (query.trim().to_owned(), Vec::new()),
            |s| (s.name.clone(), s.other_names.clone()),
        )
    };
    let (correction, shown) = match command {
        SourceCommand::Merge { from, into } => {
            let (from_found, into_found) = (named(from)?, named(into)?);
            if let (Some(a), Some(b)) = (from_found, into_found)
                && a.id == b.id
            {
                anyhow::bail!("“{from}” and “{into}” are already one source: {}", a.name);
            }
            let (name, also) = by_name(from, from_found);
            let into_name = by_name(into, into_found).0;
            (
                Correction::new(
                    &name,
                    &also,
                    None,
                    Change::Merge {
                        into: into_name.clone(),
                    },
                ),
                into_name,
            )
        }
        SourceCommand::Split {
            source,
            alias,
            article,
        } => {
            let (name, also) = by_name(source, named(source)?);
            let key = article_key(article)?;
            (
                Correction::new(
                    &name,
                    &also,
                    key.as_deref(),
                    Change::Split {
                        alias: alias.clone(),
                    },
                ),
                name,
            )
        }
        SourceCommand::Kind { source, kind } => {
            let (name, also) = by_name(source, named(source)?);
            (
                Correction::new(&name, &also, None, Change::Kind { kind: *kind }),
                name,
            )
        }
        SourceCommand::NotASource { phrase, article } => {
            let key = article_key(article)?;
            (
                Correction::not_a_source(phrase, key.as_deref()),
                String::new(),
            )
        }
        other => anyhow::bail!("not a correction: {other:?}"),
    };
    let id = correction.id.clone();
    let described = correction.describe();
    let book = store.add_correction(correction)?;
    for notice in &book.notices {
        super::warn(&notice.to_string());
    }
    let mut lines = format!("{described} (undo with `crosscheck source undo {id}`)\n");
    // The source as it is now (opening the library applies the corrections saved).
    let library = LibraryIndex::open(store.dir())?;
    let records = SourceRecords::build(&library, Some(store));
    if !shown.is_empty()
        && let Ok(Some(source)) = resolve(&records, &shown)
    {
        lines.push_str(&records.summary(source));
        lines.push('\n');
    }
    super::with_stdout(|out| {
        out.write_all(lines.as_bytes())?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Records the person's word on a source and prints it.
fn set_status(
    store: &Store,
    source: &str,
    status: Option<Credibility>,
    note: Option<&str>,
) -> anyhow::Result<ExitCode> {
    if status.is_none() && note.is_none() {
        anyhow::bail!("give a status (credible, not-credible, mixed, unknown) or --note");
    }
    let (_, records) = records(store)?;
    let found = resolve(&records, source)?;
    if found.is_none() {
        super::warn(&format!(
            "no source called “{source}” in the library yet; your word will show where it \
             appears"
        ));
    }
    let (name, aliases) = found.map_or_else(
        || (source.trim().to_owned(), Vec::new()),
        |s| (s.name.clone(), s.aliases.clone()),
    );
    let saved = store.set_source_status(&name, &aliases, status, note)?;
    let mut line = format!("{}: {}", saved.source, saved.credibility.label());
    if !saved.note.is_empty() {
        line.push_str(&format!(" — {}", super::inert::one_line(&saved.note)));
    }
    super::with_stdout(|out| {
        writeln!(out, "{line}")?;
        Ok(ExitCode::SUCCESS)
    })
}
