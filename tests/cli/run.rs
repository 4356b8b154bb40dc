//! Running the built binary against a data folder of the test's own.

use std::path::Path;
use std::process::Command;

/// What a run of the binary printed, and how it ended.
pub struct Run {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output, decoded lossily.
    pub stdout: String,
    /// Standard error, decoded lossily.
    pub stderr: String,
}

/// Runs `crosscheck --data-dir DATA_DIR ARGS…`, with no data folder from the environment.
pub fn crosscheck(data_dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env_remove("CROSSCHECK_DATA_DIR")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("run crosscheck");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
