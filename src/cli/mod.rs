//! Command-line parsing and dispatch. Each subcommand lives in its own module and calls the
//! same engine functions the window uses.

mod eval;
mod extract;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Read news reports and cross-check the claims they make.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract an article's claims and their reported sources.
    Extract(extract::ExtractArgs),
    /// Score the engine on an annotated data set.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract::run(&args),
        Command::Eval(command) => eval::run(command),
    }
}

/// Loads an article, turning a load error into a one-line message naming the file.
pub fn load_article(path: &std::path::Path) -> anyhow::Result<crosscheck::Document> {
    crosscheck::load(path).map_err(|err| anyhow::anyhow!("{err}: {}", path.display()))
}

/// Unused-import guard for PathBuf in submodules' argument structs.
pub type ArgPath = PathBuf;
