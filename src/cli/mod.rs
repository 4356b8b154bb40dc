//! Command-line parsing and dispatch. Each subcommand lives in its own module and calls the
//! same engine functions the window uses.

mod compare;
mod eval;
mod eval_crossdoc;
mod eval_pdf;
mod export;
mod extract;
pub mod inert;
mod library;
mod mark;
mod notes;
mod revisions;
mod search;
mod sources;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// Read news reports and cross-check the claims they make.
///
/// With no command, opens the reader window (on FILE if given).
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about)]
pub struct Cli {
    /// Folder of the notes store [default: $CROSSCHECK_DATA_DIR, else the platform's data
    /// folder, e.g. ~/.local/share/crosscheck]
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(flatten)]
    preferences: PreferenceArgs,
    #[command(subcommand)]
    command: Option<Command>,
    /// The article to open in the window (.txt, .md, .html, .pdf, .epub).
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// Render the window, save it as a PNG image at PATH and exit.
    #[arg(long, value_name = "PATH")]
    screenshot: Option<PathBuf>,
}

/// Preferences for this run, over the saved ones (the window's Preferences) and the
/// environment variables. Documented in the README.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PreferenceArgs {
    /// The reviewer's name, for exports [env: CROSSCHECK_REVIEWER]
    #[arg(long, global = true, value_name = "NAME")]
    reviewer: Option<String>,
    /// The fact-checking organisation publishing the reviews [env: CROSSCHECK_ORGANISATION]
    #[arg(long, global = true, value_name = "NAME")]
    organisation: Option<String>,
    /// The organisation's web address [env: CROSSCHECK_ORGANISATION_URL]
    #[arg(long, global = true, value_name = "URL")]
    organisation_url: Option<String>,
    /// Base URL the reviews are published under; a ClaimReview's url is this followed by the
    /// claim's slug, or this with {slug} replaced [env: CROSSCHECK_PUBLISH_URL]
    #[arg(long, global = true, value_name = "URL")]
    publish_url: Option<String>,
    /// Default export folder (`export --save`, the window's Export) [env: CROSSCHECK_EXPORT_DIR]
    #[arg(long, global = true, value_name = "DIR")]
    export_dir: Option<PathBuf>,
    /// The window's theme [env: CROSSCHECK_THEME]
    #[arg(long, global = true, value_name = "light|dark", value_parser = parse_theme)]
    theme: Option<crosscheck_engine::preferences::Theme>,
    /// The article's text size in the window, in points [env: CROSSCHECK_TEXT_SIZE]
    #[arg(long, global = true, value_name = "POINTS", value_parser = parse_text_size)]
    text_size: Option<f32>,
}

fn parse_theme(name: &str) -> Result<crosscheck_engine::preferences::Theme, String> {
    crosscheck_engine::preferences::Theme::parse(name)
        .ok_or_else(|| format!("unknown theme {name:?} (light, dark)"))
}

fn parse_text_size(text: &str) -> Result<f32, String> {
    crosscheck_engine::preferences::parse_text_size(text)
        .ok_or_else(|| format!("not a text size from 6 to 72 points: {text:?}"))
}

impl PreferenceArgs {
    /// The preferences these flags set (the rest unset).
    pub fn to_preferences(&self) -> crosscheck_engine::preferences::Preferences {
        crosscheck_engine::preferences::Preferences {
            reviewer: self.reviewer.clone(),
            organisation: self.organisation.clone(),
            organisation_url: self.organisation_url.clone(),
            publish_url: self.publish_url.clone(),
            export_dir: self.export_dir.clone(),
            theme: self.theme,
            text_size: self.text_size,
        }
    }
}

/// The preferences for this run: the environment and the flags over nothing saved (the
/// caller overlays them on the saved ones). Unusable environment values are warned about.
pub fn run_preferences(args: &PreferenceArgs) -> crosscheck_engine::preferences::Preferences {
    let (env, problems) = crosscheck_engine::preferences::Preferences::from_env();
    for problem in problems {
        warn(&problem);
    }
    env.overlay(&args.to_preferences())
}

/// The saved preferences of the store in `dir` with this run's over them; a saved file that
/// cannot be read is warned about and left out.
pub fn effective_preferences(
    dir: &Path,
    run: &crosscheck_engine::preferences::Preferences,
) -> crosscheck_engine::preferences::Preferences {
    let saved = crosscheck_engine::preferences::Preferences::load(dir).unwrap_or_else(|err| {
        warn(&format!("the saved preferences are left out: {err}"));
        crosscheck_engine::preferences::Preferences::default()
    });
    saved.overlay(run)
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract an article's claims and their reported sources.
    Extract(extract::ExtractArgs),
    /// Score the engine on an annotated data set.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Record a verdict (and optionally a note, evidence, tags) on one of an article's claims.
    Mark(mark::MarkArgs),
    /// Show an article's notes with their anchor states and verdicts.
    Notes(notes::NotesArgs),
    /// List the versions of an article seen, what changed since your last review, and the
    /// notes affected.
    Revisions(revisions::RevisionsArgs),
    /// List the library (articles with notes, indexed articles), or add a folder to it.
    Library(library::LibraryArgs),
    /// Cross-check an article's claims against the other reports in the library.
    Compare(compare::CompareArgs),
    /// Search every claim in the library by words, source and verdict.
    Search(search::SearchArgs),
    /// The sources of the library with their track records, or one source's record.
    Sources(sources::SourcesArgs),
    /// Correct a source (merge, split, kind, not a source) or give your word on it.
    #[command(subcommand)]
    Source(sources::SourceCommand),
    /// Export an article's notes: Markdown report, W3C Web Annotation, ClaimReview or CSV.
    Export(export::ExportArgs),
    /// Merge a W3C Web Annotation export back into the notes store.
    Import(export::ImportArgs),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let Some(command) = cli.command else {
        if let Some(file) = &cli.file
            && file.extension().is_none()
            && !file.exists()
        {
            // Not a file: most likely a mistyped command.
            Cli::command()
                .error(
                    clap::error::ErrorKind::InvalidSubcommand,
                    format!("unrecognized subcommand or file '{}'", file.display()),
                )
                .exit();
        }
        let preferences = run_preferences(&cli.preferences);
        return window(cli.file, cli.screenshot, cli.data_dir, preferences);
    };
    if cli.file.is_some() || cli.screenshot.is_some() {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "FILE and --screenshot open the window; they cannot be used with a command",
            )
            .exit();
    }
    let data_dir = cli.data_dir.as_deref();
    match command {
        Command::Extract(args) => extract::run(&args, data_dir),
        Command::Eval(command) => eval::run(command),
        Command::Mark(args) => mark::run(&args, data_dir),
        Command::Notes(args) => notes::run(&args, data_dir),
        Command::Revisions(args) => revisions::run(&args, data_dir),
        Command::Library(args) => library::run(&args, data_dir),
        Command::Compare(args) => compare::run(&args, data_dir),
        Command::Search(args) => search::run(&args, data_dir),
        Command::Sources(args) => sources::run(&args, data_dir),
        Command::Source(command) => sources::run_source(&command, data_dir),
        Command::Export(args) => export::run(&args, data_dir, &run_preferences(&cli.preferences)),
        Command::Import(args) => export::run_import(&args, data_dir),
    }
}

/// Opens the reader window and runs it until it is closed.
#[cfg(feature = "gui")]
fn window(
    file: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    preferences: crosscheck_engine::preferences::Preferences,
) -> anyhow::Result<ExitCode> {
    let options = crosscheck_app::Options {
        data_dir,
        open: file,
        screenshot,
        preferences,
        ..Default::default()
    };
    crosscheck_app::run(options).map_err(|err| anyhow::anyhow!(err))?;
    Ok(ExitCode::SUCCESS)
}

/// Without the `gui` feature there is no window: say so and point to the subcommands.
#[cfg(not(feature = "gui"))]
fn window(
    _file: Option<PathBuf>,
    _screenshot: Option<PathBuf>,
    _data_dir: Option<PathBuf>,
    _preferences: crosscheck_engine::preferences::Preferences,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "this build has no window (built without the `gui` feature); \
         the subcommands work, see crosscheck --help"
    )
}

/// Loads an article, turning a load error into a one-line message naming the file.
pub fn load_article(path: &std::path::Path) -> anyhow::Result<crosscheck_engine::Document> {
    crosscheck_engine::load(path).map_err(|err| anyhow::anyhow!("{err}: {}", path.display()))
}

/// Opens the notes store named by `--data-dir`, `CROSSCHECK_DATA_DIR` or the platform default.
pub fn open_store(data_dir: Option<&Path>) -> anyhow::Result<crosscheck_engine::store::Store> {
    let dir = crosscheck_engine::store::Store::resolve_dir(data_dir)?;
    Ok(crosscheck_engine::store::Store::open(dir)?)
}

/// The article's claims and sources as the person corrected them (see `crosscheck source`).
pub fn extract_article(
    document: &crosscheck_engine::Document,
    store: &crosscheck_engine::store::Store,
) -> crosscheck_engine::Extraction {
    let corrections = match store.source_book() {
        Ok(book) => {
            warn_notices(&book.notices);
            book.corrections()
        }
        Err(err) => {
            warn(&format!(
                "the corrections of sources are not applied: {err}"
            ));
            Default::default()
        }
    };
    crosscheck_engine::sources::extract_corrected(document, &corrections)
}

/// Prints a warning on stderr, on one line whatever it quotes.
pub fn warn(message: &str) {
    eprintln!("crosscheck: warning: {}", inert::one_line(message));
}

/// Prints store notices as warnings on stderr.
pub fn warn_notices(notices: &[crosscheck_engine::store::Notice]) {
    for notice in notices {
        warn(&notice.to_string());
    }
}

/// Runs `write` on standard output, buffered (one write call per 64 KiB, not one per line as
/// Rust's line-buffered stdout does), with control characters escaped ([`inert`]), and flushed
/// at the end, so that a failed last write is reported like any other.
pub fn with_stdout(
    write: impl FnOnce(&mut dyn std::io::Write) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    let buffered = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let mut out = inert::InertWriter::new(buffered);
    let code = write(&mut out)?;
    std::io::Write::flush(&mut out)?;
    Ok(code)
}

/// Whether `err` comes from writing to a pipe whose reader has gone (`crosscheck … | head`):
/// then the command simply stops, as Unix tools do.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Unused-import guard for PathBuf in submodules' argument structs.
pub type ArgPath = PathBuf;
