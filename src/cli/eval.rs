//! `crosscheck eval polnear DIR`.

use std::process::ExitCode;

use clap::Subcommand;

use super::ArgPath;

/// Evaluation data sets.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score claim extraction on a folder of brat attribution annotations (PolNeAR layout).
    Polnear {
        /// Folder holding NAME.txt and NAME.ann pairs.
        dir: ArgPath,
    },
}

/// Runs an evaluation and prints its scores.
pub fn run(command: EvalCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvalCommand::Polnear { dir } => {
            anyhow::bail!("polnear evaluation is not built yet: {}", dir.display())
        }
    }
}
