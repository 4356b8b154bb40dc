//! `crosscheck search QUERY [--json]`: claims across the library by words, source and verdict.

use std::process::ExitCode;

use clap::Args;
use crosscheck_engine::library::{SearchQuery, search};

/// Arguments of `crosscheck search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find (all must match), with optional filters `source:NAME` and
    /// `verdict:VERDICT`; quote a filter with spaces: source:"Marta Quinlan".
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// Print the hits as JSON.
    #[arg(long)]
    json: bool,
    /// Most hits shown.
    #[arg(long, default_value_t = 50)]
    limit: usize,
}

/// Brings the library up to date and prints the claims matching the query.
pub fn run(args: &SearchArgs, data_dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let query = SearchQuery::parse(&args.query.join(" ")).map_err(anyhow::Error::msg)?;
    if query.is_empty() {
        anyhow::bail!("the query has no words to search for");
    }
    let store = super::open_store(data_dir)?;
    let mut library = super::library::open_library(&store)?;
    super::library::update(&mut library, &store)?;
    let hits = search(&library, &query, Some(&store), args.limit);
    super::with_stdout(|mut out| {
        if args.json {
            serde_json::to_writer_pretty(&mut out, &hits)?;
            writeln!(out)?;
            return Ok(ExitCode::SUCCESS);
        }
        if hits.is_empty() {
            writeln!(
                out,
                "no claims match in {}",
                crosscheck_engine::text::counted(library.articles().len(), "article")
            )?;
        }
        for hit in &hits {
            let verdict = hit.verdict.map(|v| v.as_str()).unwrap_or("-");
            let source = hit
                .claim
                .source
                .as_ref()
                .map(|s| format!(" — {}", s.name))
                .unwrap_or_default();
            writeln!(
                out,
                "{verdict:>12}  {}: “{}”{source}\n              {}",
                hit.report, hit.claim.text, hit.path
            )?;
        }
        Ok(ExitCode::SUCCESS)
    })
}
