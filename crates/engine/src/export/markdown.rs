//! The Markdown report: a readable account of an article's claims and the person's verdicts.
//! Every piece of text from the article or the person is escaped, so it cannot break the
//! report's structure (headings, lists, links, tables, HTML).

use std::fmt::Write;

use super::ExportInput;
use crate::review::ReviewedClaim;
use crate::store::{AnchorState, Verdict, format_time};

/// Writes the report.
pub fn report(input: &ExportInput, rows: &[ReviewedClaim]) -> String {
    let document = input.document;
    let mut out = String::new();
    let title = document.title.as_deref().unwrap_or("Untitled article");
    let _ = writeln!(out, "# Verification notes: {}\n", escape_line(title));
    let mut facts = Vec::new();
    if let Some(outlet) = &document.outlet {
        facts.push(format!("- **Outlet:** {}", escape_line(outlet)));
    }
    if let Some(byline) = &document.byline {
        facts.push(format!("- **Byline:** {}", escape_line(byline)));
    }
    if let Some(published) = &document.published {
        facts.push(format!("- **Published:** {}", escape_line(published)));
    }
    if let Some(path) = &document.path {
        facts.push(format!("- **File:** {}", code(path)));
    }
    facts.push(format!("- **SHA-256:** {}", code(&document.sha256)));
    if let Some(reviewed_by) = input.publishing.signature() {
        facts.push(format!("- **Reviewed by:** {}", escape_line(&reviewed_by)));
    }
    let _ = writeln!(out, "{}\n", facts.join("\n"));

    let _ = writeln!(out, "## Summary\n");
    let _ = writeln!(out, "| Verdict | Claims |\n| --- | ---: |");
    for verdict in Verdict::ALL {
        let count = rows.iter().filter(|r| r.verdict() == verdict).count();
        let _ = writeln!(out, "| {} | {count} |", verdict_label(verdict));
    }
    let _ = writeln!(out, "| **Total** | **{}** |\n", rows.len());
    write_sources(&mut out, input);
    let in_review = rows.iter().filter(|r| r.needs_review().is_some()).count();
    if in_review > 0 {
        let _ = writeln!(
            out,
            "**{} need{} review:** the article's words changed since {} judged. \
             Each is shown with the wording judged and the words now in its place.\n",
            if in_review == 1 {
                "1 claim".to_owned()
            } else {
                format!("{in_review} claims")
            },
            if in_review == 1 { "s" } else { "" },
            if in_review == 1 {
                "it was"
            } else {
                "they were"
            },
        );
    }

    let (placed, orphaned): (Vec<&ReviewedClaim>, Vec<&ReviewedClaim>) =
        rows.iter().partition(|r| !r.is_orphaned());
    let _ = writeln!(out, "## Claims\n");
    if placed.is_empty() {
        let _ = writeln!(out, "No claims.\n");
    }
    for (number, row) in placed.iter().enumerate() {
        write_row(&mut out, input, number + 1, row);
    }
    if !orphaned.is_empty() {
        let _ = writeln!(
            out,
            "## Orphaned notes\n\nThese notes were made on text that is no longer in the article. \
             They are kept as they were.\n"
        );
        for (number, row) in orphaned.iter().enumerate() {
            write_row(&mut out, input, number + 1, row);
        }
    }
    out
}

/// The article's sources the person gave their word on.
fn write_sources(out: &mut String, input: &ExportInput) {
    let judged: Vec<(&crate::extract::Source, &crate::sources::SourceStatus)> = input
        .extraction
        .sources
        .iter()
        .filter_map(|source| {
            let names = std::iter::once(source.name.as_str())
                .chain(source.aliases.iter().map(String::as_str));
            crate::sources::status_for(input.source_statuses, names).map(|s| (source, s))
        })
        .collect();
    if judged.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Sources\n");
    for (source, status) in judged {
        let note = if status.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", escape_line(&status.note))
        };
        let _ = writeln!(
            out,
            "- {} ({}): **{}**{note}",
            escape_line(&source.name),
            source.kind.as_str(),
            status.credibility.label()
        );
    }
    let _ = writeln!(out);
}

fn write_row(out: &mut String, input: &ExportInput, number: usize, row: &ReviewedClaim) {
    let who = row.source_name().unwrap_or("no named source");
    let review = if row.needs_review().is_some() {
        ", needs review"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "### {number}. {}{review} ({})\n",
        verdict_label(row.verdict()),
        escape_line(who)
    );
    for line in row.text.lines() {
        let _ = writeln!(out, "> {}", escape_line(line));
    }
    let _ = writeln!(out);
    let mut source = row
        .source_name()
        .map(escape_line)
        .unwrap_or_else(|| "—".to_owned());
    if let Some(role) = row.source_role() {
        let _ = write!(source, ", {}", escape_line(role));
    }
    if !row.chain.is_empty() {
        let _ = write!(source, " (via {})", escape_line(&row.chain_text()));
    }
    let _ = writeln!(out, "- **Source:** {source}");
    if let Some(status) = input.source_status(row) {
        let note = if status.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", escape_line(&status.note))
        };
        let _ = writeln!(
            out,
            "- **Your word on the source:** {}{note}",
            status.credibility.label()
        );
    }
    let cue = row
        .cue
        .as_deref()
        .map(|c| format!(", cue “{}”", escape_line(c)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "- **Attribution:** {}{cue}",
        escape_line(&row.attribution_name().replace('_', " "))
    );
    if !row.hedges.is_empty() {
        let hedges: Vec<String> = row.hedges.iter().map(|h| escape_line(h)).collect();
        let _ = writeln!(out, "- **Hedges:** {}", hedges.join(", "));
    }
    let _ = writeln!(out, "- **Verdict:** {}", verdict_label(row.verdict()));
    if let Some(review) = row.needs_review() {
        let _ = writeln!(
            out,
            "- **Needs review:** the words this verdict was given on changed; it stands on the \
             wording judged until confirmed or changed."
        );
        let _ = writeln!(out, "- **Wording judged:**");
        for line in review.earlier.lines() {
            let _ = writeln!(out, "  > {}", escape_line(line));
        }
        match &review.current {
            Some(current) => {
                let _ = writeln!(out, "- **Wording now:**");
                for line in current.lines() {
                    let _ = writeln!(out, "  > {}", escape_line(line));
                }
            }
            None => {
                let _ = writeln!(out, "- **Wording now:** no longer in the article");
            }
        }
    } else if let Some(rewording) = row.last_rewording() {
        let how = if rewording.to.is_some() {
            "confirmed on the words above"
        } else {
            "kept after its words were removed"
        };
        let _ = writeln!(
            out,
            "- **Earlier wording:** {how} on {}",
            format_time(&rewording.at)
        );
        for line in rewording.from.lines() {
            let _ = writeln!(out, "  > {}", escape_line(line));
        }
    }
    if !row.note_text().trim().is_empty() {
        let _ = writeln!(out, "- **Note:**");
        for line in row.note_text().lines() {
            let _ = writeln!(out, "  > {}", escape_line(line));
        }
    }
    if !row.evidence().is_empty() {
        let _ = writeln!(out, "- **Evidence:**");
        for evidence in row.evidence() {
            let label = if evidence.label.trim().is_empty() {
                &evidence.url
            } else {
                &evidence.label
            };
            if is_safe_link(&evidence.url) {
                let _ = writeln!(
                    out,
                    "  - [{}](<{}>)",
                    escape_line(label),
                    escape_url(&evidence.url)
                );
            } else {
                // Not a web or mail address (`javascript:`, `data:`, `file:`, …): text only.
                let _ = writeln!(
                    out,
                    "  - {} — {}",
                    escape_line(label),
                    escape_line(&evidence.url)
                );
            }
        }
    }
    if !row.tags().is_empty() {
        let tags: Vec<String> = row.tags().iter().map(|t| escape_line(t)).collect();
        let _ = writeln!(out, "- **Tags:** {}", tags.join(", "));
    }
    if !row.history().is_empty() {
        let changes: Vec<String> = row
            .history()
            .iter()
            .map(|h| {
                let adopted = h
                    .adopted_from
                    .as_deref()
                    .map(|from| format!(", taken from {}", escape_line(from)))
                    .unwrap_or_default();
                format!(
                    "{} → {} ({}{adopted})",
                    h.from.as_str(),
                    h.to.as_str(),
                    format_time(&h.at)
                )
            })
            .collect();
        let _ = writeln!(out, "- **History:** {}", changes.join("; "));
    }
    let page = row.page.map(|p| format!("p. {p}, ")).unwrap_or_default();
    let paragraph = row
        .paragraph
        .map(|p| format!("{page}paragraph {p}, "))
        .unwrap_or(page);
    let state = row
        .anchor_state()
        .map(|s| format!(", anchor {}", state_label(s)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "- **Where:** {paragraph}chars {}–{}{state}\n",
        row.start, row.end
    );
}

fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Unverified => "Unverified",
        Verdict::Verified => "Verified",
        Verdict::Disputed => "Disputed",
        Verdict::False => "False",
        Verdict::Misleading => "Misleading",
        Verdict::Inconclusive => "Inconclusive",
    }
}

fn state_label(state: AnchorState) -> &'static str {
    match state {
        AnchorState::Exact => "exact",
        AnchorState::Moved => "moved",
        AnchorState::Fuzzy => "fuzzy",
        AnchorState::Orphaned => "orphaned",
    }
}

/// Whether `url` may be written as a link: `http`, `https` and `mailto` only, in any letter
/// case. Anything else (`javascript:`, `data:`, `vbscript:`, `file:`) is written as text.
pub fn is_safe_link(url: &str) -> bool {
    let url = url.trim_start();
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    ["http", "https", "mailto"]
        .iter()
        .any(|allowed| scheme.eq_ignore_ascii_case(allowed))
}

/// Escapes text for one line of Markdown: every mark that can start or end markup gets a
/// backslash (`\ ` * _ { } [ ] < > # | ~ &`), as do a leading list, numbering or setext
/// underline marker ("- ", "+ ", "1.", "==="); line breaks become spaces and other control
/// characters are written as `\u…` text.
pub fn escape_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut only_digits_so_far = true;
    for (i, c) in text.chars().enumerate() {
        let is_first = i == 0;
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if is_first => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if only_digits_so_far && !is_first => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            _ => out.push(c),
        }
        only_digits_so_far = only_digits_so_far && c.is_ascii_digit();
    }
    out
}

/// Inline code that no backtick in `text` can close early.
fn code(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    format!("{fence} {} {fence}", text.replace(['\n', '\r'], " "))
}

/// A URL safe inside `<…>`: spaces, angle brackets and line breaks percent-encoded.
fn escape_url(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            ' ' => "%20".to_owned(),
            '<' => "%3C".to_owned(),
            '>' => "%3E".to_owned(),
            '\n' | '\r' => String::new(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_defuses_markup() {
        assert_eq!(
            escape_line("# <b>x</b> [a](b) *c* | d\nnext"),
            "\\# \\<b\\>x\\</b\\> \\[a\\](b) \\*c\\* \\| d next"
        );
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("12. point"), "12\\. point");
        assert_eq!(escape_line("2025-02-12, 3.5 m"), "2025-02-12, 3.5 m");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(escape_url("http://x/a b<c>"), "http://x/a%20b%3Cc%3E");
        assert_eq!(escape_line("==="), "\\===");
        assert_eq!(escape_line("a\u{1b}[31m"), "a\\u001b\\[31m");
    }

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        for url in [
            "https://example.org",
            "HTTP://x",
            "mailto:a@b.c",
            " https://x",
        ] {
            assert!(is_safe_link(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "example.org",
        ] {
            assert!(!is_safe_link(url), "{url}");
        }
    }
}
