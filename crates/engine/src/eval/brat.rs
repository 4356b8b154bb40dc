//! A parser for brat standoff annotations (`.ann` files): text-bound annotations (`T` lines, with
//! possibly discontinuous spans) and events (`E` lines tying role arguments to text-bound ids).
//!
//! Offsets are kept as written: brat counts Unicode code points, which are the char offsets the
//! rest of the engine uses. Other annotation kinds (`A`, `R`, `N`, `#`, `*`) are valid brat that
//! the evaluation does not need; they are skipped silently. Lines that are not valid brat are
//! skipped too and counted in [`BratAnnotations::warnings`]; the parser never panics.

use std::ops::Range;

use serde::Serialize;

/// A text-bound annotation: `T3\tContent 10 20;25 40\tthe covered text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextBound {
    /// The annotation id (`T3`).
    pub id: String,
    /// The annotation type (`Content`, `Source`, `Cue`).
    pub label: String,
    /// Char ranges covered, in the order written (several for a discontinuous span).
    pub fragments: Vec<Range<usize>>,
    /// The covered text as the annotation file gives it (fragments joined by a space).
    pub text: String,
}

impl TextBound {
    /// Number of chars covered, counting chars shared by overlapping fragments once.
    pub fn len_chars(&self) -> usize {
        merge_ranges(&self.fragments).iter().map(|r| r.len()).sum()
    }
}

/// An event: `E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// The event id (`E1`).
    pub id: String,
    /// The event type (`Attribution`, `Attribution-no-source`).
    pub label: String,
    /// Id of the trigger text-bound, when given.
    pub trigger: Option<String>,
    /// Role arguments in the order written: (role, text-bound id). Repeated roles keep brat's
    /// numbering (`Content`, `Content2`).
    pub args: Vec<(String, String)>,
}

impl Event {
    /// Ids of the arguments whose role is `role` or a numbered repeat of it (`Content2`).
    pub fn args_with_role<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.args.iter().filter_map(move |(name, id)| {
            let rest = name.strip_prefix(role)?;
            rest.chars()
                .all(|c| c.is_ascii_digit())
                .then_some(id.as_str())
        })
    }
}

/// The annotations of one `.ann` file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BratAnnotations {
    /// Text-bound annotations in file order.
    pub text_bounds: Vec<TextBound>,
    /// Events in file order.
    pub events: Vec<Event>,
    /// One message per line that could not be read ("line 7: bad span \"12 x\"").
    pub warnings: Vec<String>,
}

impl BratAnnotations {
    /// The text-bound annotation with id `id`, if any.
    pub fn text_bound(&self, id: &str) -> Option<&TextBound> {
        self.text_bounds.iter().find(|t| t.id == id)
    }
}

/// Parses the contents of a `.ann` file. Unreadable lines are skipped with a warning.
pub fn parse(ann: &str) -> BratAnnotations {
    let mut annotations = BratAnnotations::default();
    let ann = ann.strip_prefix('\u{feff}').unwrap_or(ann);
    for (index, line) in ann.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let result = match line.chars().next() {
            Some('T') => parse_text_bound(line).map(|t| annotations.text_bounds.push(t)),
            Some('E') => parse_event(line).map(|e| annotations.events.push(e)),
            Some('A' | 'M' | 'R' | 'N' | '#' | '*') => Ok(()),
            _ => Err("not a brat annotation".to_owned()),
        };
        if let Err(reason) = result {
            annotations
                .warnings
                .push(format!("line {line_number}: {reason}"));
        }
    }
    annotations
}

fn parse_text_bound(line: &str) -> Result<TextBound, String> {
    let mut fields = line.splitn(3, '\t');
    let id = fields.next().unwrap_or_default().trim();
    let (Some(head), Some(text)) = (fields.next(), fields.next()) else {
        return Err(format!(
            "text-bound {id:?} needs three tab-separated fields"
        ));
    };
    let Some((label, spans)) = head.split_once(' ') else {
        return Err(format!("text-bound {id:?} has no span"));
    };
    if id.len() < 2 || label.is_empty() {
        return Err(format!("text-bound {id:?} has no id or type"));
    }
    let fragments = spans
        .split(';')
        .map(parse_fragment)
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| format!("text-bound {id} has a bad span {spans:?}"))?;
    Ok(TextBound {
        id: id.to_owned(),
        label: label.to_owned(),
        fragments,
        text: text.to_owned(),
    })
}

/// Parses `"10 20"` into `10..20`; `None` unless two numbers with start ≤ end.
fn parse_fragment(fragment: &str) -> Option<Range<usize>> {
    let mut numbers = fragment.split_whitespace();
    let start = numbers.next()?.parse().ok()?;
    let end = numbers.next()?.parse().ok()?;
    (numbers.next().is_none() && start <= end).then_some(start..end)
}

fn parse_event(line: &str) -> Result<Event, String> {
    let Some((id, rest)) = line.split_once('\t') else {
        return Err("event needs a tab after its id".to_owned());
    };
    let id = id.trim();
    let mut parts = rest.split_whitespace();
    let Some(head) = parts.next() else {
        return Err(format!("event {id} has no type"));
    };
    let (label, trigger) = match head.split_once(':') {
        Some((label, trigger)) => (label, Some(trigger.to_owned())),
        None => (head, None),
    };
    if id.len() < 2 || label.is_empty() {
        return Err(format!("event {id:?} has no id or type"));
    }
    let args = parts
        .map(|part| match part.split_once(':') {
            Some((role, arg)) if !role.is_empty() && !arg.is_empty() => {
                Ok((role.to_owned(), arg.to_owned()))
            }
            _ => Err(format!("event {id} has a bad argument {part:?}")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Event {
        id: id.to_owned(),
        label: label.to_owned(),
        trigger,
        args,
    })
}

/// Sorts ranges and merges the overlapping or touching ones; empty ranges are dropped.
pub fn merge_ranges(ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sorted: Vec<Range<usize>> =
        ranges.iter().filter(|r| r.start < r.end).cloned().collect();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "T1\tSource 0 9\tThe mayor\n\
        T2\tCue 10 15\tvowed\n\
        T3\tContent 16 30;40 52\tto fix the pier before winter\n\
        T4\tAttribution 10 15\tvowed\n\
        E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
        #1\tAnnotatorNotes T3\tsplit by an aside\n\
        E2\tAttribution-no-source:T4 Cue:T2 Content:T3 Content2:T1\n";

    #[test]
    fn parses_text_bounds_with_discontinuous_spans() {
        let ann = parse(SAMPLE);
        assert!(ann.warnings.is_empty(), "{:?}", ann.warnings);
        assert_eq!(ann.text_bounds.len(), 4);
        let content = ann.text_bound("T3").unwrap();
        assert_eq!(content.label, "Content");
        assert_eq!(content.fragments, vec![16..30, 40..52]);
        assert_eq!(content.text, "to fix the pier before winter");
        assert_eq!(content.len_chars(), 26);
    }

    #[test]
    fn parses_events_with_trigger_and_roles() {
        let ann = parse(SAMPLE);
        assert_eq!(ann.events.len(), 2);
        let event = &ann.events[0];
        assert_eq!(event.id, "E1");
        assert_eq!(event.label, "Attribution");
        assert_eq!(event.trigger.as_deref(), Some("T4"));
        assert_eq!(event.args_with_role("Source").collect::<Vec<_>>(), ["T1"]);
        let second = &ann.events[1];
        assert_eq!(second.label, "Attribution-no-source");
        assert_eq!(
            second.args_with_role("Content").collect::<Vec<_>>(),
            ["T3", "T1"]
        );
        assert_eq!(second.args_with_role("Source").count(), 0);
    }

    #[test]
    fn counts_junk_lines_without_panicking() {
        let junk = "hello there\n\
            T1\tSource 5\tx\n\
            T2\tSource 9 3\tbackwards\n\
            T3\tCue 1 2;x y\tbad fragment\n\
            T4 no tabs at all\n\
            T5\tCue 1 4\n\
            E1\n\
            E2\tAttribution:T4 Content\n\
            \u{feff}\n\
            T6\tCue 2 6\tgood\n\
            E3\tAttribution:T9 Cue:T6\n";
        let ann = parse(junk);
        assert_eq!(ann.warnings.len(), 9, "{:#?}", ann.warnings);
        assert!(ann.warnings[0].starts_with("line 1:"));
        assert_eq!(ann.text_bounds.len(), 1);
        assert_eq!(ann.events.len(), 1);
    }

    #[test]
    fn tolerates_crlf_and_tabs_in_text() {
        let ann = parse("T1\tContent 0 7\tsay\thi\r\nE1\tAttribution:T1 Content:T1\r\n");
        assert!(ann.warnings.is_empty());
        assert_eq!(ann.text_bounds[0].text, "say\thi");
        assert_eq!(ann.events[0].args.len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_warns_at_most_once_per_line(
            lines in proptest::collection::vec(
                "[TEA#x]?[0-9]{0,2}\t?[A-Za-z-]{0,8}[:; 0-9\tT]{0,16}[a-zé“”]{0,6}",
                0..20,
            )
        ) {
            let text = lines.join("\n");
            let ann = parse(&text);
            proptest::prop_assert!(ann.warnings.len() <= lines.len());
            let (_, _) = crate::eval::polnear::gold_attributions(&ann, "Short “text” é");
        }
    }

    #[test]
    fn merges_overlapping_ranges() {
        assert_eq!(
            merge_ranges(&[8..12, 0..4, 3..6, 12..13, 20..20]),
            vec![0..6, 8..13]
        );
    }
}
