//! The `crosscheck` command: the engine's command-line face.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("crosscheck: {}", cli::inert::one_line(&format!("{err:#}")));
            ExitCode::from(1)
        }
    }
}
