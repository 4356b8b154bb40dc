//! Metadata read off a document's text: title and the outlet named in it, byline, date.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::{BlockKind, Document};

/// How many leading blocks are searched for a byline and a date.
const HEADER_BLOCKS: usize = 8;

/// Fills title, outlet, byline and published date from the document's text where it states them.
pub fn fill(document: &mut Document) {
    let block_text = |i: usize| -> Option<String> {
        let block = document.blocks.get(i)?;
        Some(crate::text::slice_chars(&document.text, block.start, block.end).to_owned())
    };
    let title_block = document
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Heading)
        .filter(|&i| i < HEADER_BLOCKS)
        .or(if document.blocks.is_empty() {
            None
        } else {
            Some(0)
        });
    if let Some(raw_title) = title_block.and_then(block_text) {
        let first_line = raw_title
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        let (title, outlet) = split_title_outlet(&first_line);
        document.title = Some(title.to_owned()).filter(|t| !t.is_empty());
        document.outlet = outlet.map(str::to_owned);
    }
    for i in 0..document.blocks.len().min(HEADER_BLOCKS) {
        let Some(text) = block_text(i) else { break };
        for line in text.lines() {
            if document.byline.is_none() {
                document.byline = parse_byline(line);
            }
            if document.published.is_none() && line.chars().count() < 200 {
                document.published = parse_published_date(line);
            }
        }
    }
}

/// Puts what a Markdown article's front matter says over what was read off its text.
pub fn apply_front_matter(document: &mut Document, front_matter: super::front_matter::FrontMatter) {
    if let Some(title) = front_matter.title {
        document.title = Some(title);
    }
    if let Some(author) = front_matter.author {
        document.byline = Some(author);
    }
    if let Some(date) = front_matter.date {
        document.published = parse_published_date(&date).or(document.published.take());
    }
    if let Some(url) = front_matter.source_url {
        document.source_url = Some(url);
    }
    if let Some(outlet) = front_matter.outlet {
        document.outlet = Some(outlet);
    }
}

/// Splits "Headline – Outlet" (en or em dash, " - " or " | ") into the headline and the outlet.
/// The suffix counts as an outlet only when it is short and capitalised.
pub fn split_title_outlet(title: &str) -> (&str, Option<&str>) {
    for separator in [" – ", " — ", " | ", " - "] {
        if let Some(at) = title.rfind(separator) {
            let (head, tail) = (title[..at].trim(), title[at + separator.len()..].trim());
            let words = tail.split_whitespace().count();
            let capitalised = tail.chars().next().is_some_and(|c| c.is_uppercase());
            if !head.is_empty() && (1..=4).contains(&words) && capitalised && !tail.ends_with('.') {
                return (head, Some(tail));
            }
        }
    }
    (title.trim(), None)
}

/// Reads a byline such as "By Jane Doe" or "By Jane Doe and John Roe, Reuters".
fn parse_byline(line: &str) -> Option<String> {
    let line = line.trim();
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))?;
    let name = rest
        .split(['|', '\n'])
        .next()?
        .trim()
        .trim_end_matches(['.', ',']);
    let words = name.split_whitespace().count();
    let capitalised = name.chars().next().is_some_and(|c| c.is_uppercase());
    (capitalised && (1..=12).contains(&words)).then(|| name.to_owned())
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = lower.get(..3)?;
    months
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

fn date_patterns() -> &'static [Regex; 3] {
    static PATTERNS: OnceLock<[Regex; 3]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let month = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
        let time = r"(?:,?\s+(?:at\s+)?(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?)?";
        [
            Regex::new(&format!(r"(?i)\b(\d{{1,2}})\s+{month},?\s+(\d{{4}}){time}"))
                .expect("a valid date pattern"),
            Regex::new(&format!(r"(?i)\b{month}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){time}"))
                .expect("a valid date pattern"),
            Regex::new(
                r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?",
            )
                .expect("a valid date pattern"),
        ]
    })
}

/// Finds a date in `line` and returns it in ISO 8601: "4 Mar, 2024 12:44" gives
/// `2024-03-04T12:44`, "March 4, 2024" gives `2024-03-04`.
pub fn parse_published_date(line: &str) -> Option<String> {
    let [day_first, month_first, iso] = date_patterns();
    let number = |c: &regex::Captures, i: usize| c.get(i).and_then(|m| m.as_str().parse().ok());
    let (year, month, day, time) = if let Some(c) = day_first.captures(line) {
        let time = number(&c, 4).zip(number(&c, 5)).map(|t| (t, c.get(6)));
        (number(&c, 3)?, month_number(&c[2])?, number(&c, 1)?, time)
    } else if let Some(c) = month_first.captures(line) {
        let time = number(&c, 4).zip(number(&c, 5)).map(|t| (t, c.get(6)));
        (number(&c, 3)?, month_number(&c[1])?, number(&c, 2)?, time)
    } else if let Some(c) = iso.captures(line) {
        if let Some(zone) = c.get(7)
            && let Some(moment) = rfc3339(&c, zone.as_str())
        {
            return Some(moment);
        }
        let time = number(&c, 4).zip(number(&c, 5)).map(|t| (t, None));
        (number(&c, 1)?, number(&c, 2)?, number(&c, 3)?, time)
    } else {
        return None;
    };
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    match time {
        Some(((hour, minute), meridiem)) if hour < 24 && minute < 60 => {
            let is_pm = meridiem.is_some_and(|m| m.as_str().to_ascii_lowercase().starts_with('p'));
            let hour = if is_pm && hour < 12 { hour + 12 } else { hour };
            Some(format!("{}T{hour:02}:{minute:02}", date.format("%Y-%m-%d")))
        }
        _ => Some(date.format("%Y-%m-%d").to_string()),
    }
}

/// An ISO date-time that states its offset, as RFC 3339 (`2019-11-18T14:32:00-05:00`): the
/// offset is kept, so that the moment is known, not only the wall-clock time.
fn rfc3339(c: &regex::Captures, zone: &str) -> Option<String> {
    let number = |i: usize| -> Option<u32> { c.get(i).and_then(|m| m.as_str().parse().ok()) };
    let date = NaiveDate::from_ymd_opt(number(1)? as i32, number(2)?, number(3)?)?;
    let time = chrono::NaiveTime::from_hms_opt(number(4)?, number(5)?, number(6).unwrap_or(0))?;
    let zone = if zone == "Z" {
        "+00:00".to_owned()
    } else {
        let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
        let (hours, minutes) = (digits.get(..2)?, digits.get(2..4)?);
        format!("{}{hours}:{minutes}", zone.get(..1)?)
    };
    let text = format!(
        "{}T{}{zone}",
        date.format("%Y-%m-%d"),
        time.format("%H:%M:%S")
    );
    chrono::DateTime::parse_from_rfc3339(&text).ok()?;
    Some(text)
}

/// `published` as the person reads it: a date-time with an offset (RFC 3339) in the time zone
/// `zone` (the window passes the computer's own), "2019-11-18 20:32"; anything else as it is.
pub fn display_date<Z: chrono::TimeZone>(published: &str, zone: &Z) -> String
where
    Z::Offset: std::fmt::Display,
{
    match chrono::DateTime::parse_from_rfc3339(published) {
        Ok(moment) => moment
            .with_timezone(zone)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => published.to_owned(),
    }
}

/// `published` as the person reads it, in the computer's own time zone (see [`display_date`]).
pub fn display_date_local(published: &str) -> String {
    display_date(published, &chrono::Local)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stated_offset_is_kept_and_shown_in_the_readers_zone() {
        assert_eq!(
            parse_published_date("2019-11-18T14:32:07.120-05:00").as_deref(),
            Some("2019-11-18T14:32:07-05:00")
        );
        assert_eq!(
            parse_published_date("2019-11-18T14:32Z").as_deref(),
            Some("2019-11-18T14:32:00+00:00")
        );
        assert_eq!(
            parse_published_date("2019-11-18T14:32:00+0530").as_deref(),
            Some("2019-11-18T14:32:00+05:30")
        );
        // No offset: the wall-clock time as written.
        assert_eq!(
            parse_published_date("2019-11-18T14:32:00").as_deref(),
            Some("2019-11-18T14:32")
        );
        // An impossible time keeps the day only.
        assert_eq!(
            parse_published_date("2019-11-18T25:32:00Z").as_deref(),
            Some("2019-11-18")
        );
        let berlin = chrono::FixedOffset::east_opt(3600).expect("a valid offset");
        assert_eq!(
            display_date("2019-11-18T14:32:07-05:00", &berlin),
            "2019-11-18 20:32"
        );
        assert_eq!(
            display_date("2019-11-18T14:32", &berlin),
            "2019-11-18T14:32"
        );
        assert_eq!(display_date("2019-11-18", &berlin), "2019-11-18");
    }

    #[test]
    fn splits_outlet_from_title() {
        assert_eq!(
            split_title_outlet("Troops were sent, but the pact refused – Politico"),
            ("Troops were sent, but the pact refused", Some("Politico"))
        );
        assert_eq!(
            split_title_outlet("A - b c d e f g"),
            ("A - b c d e f g", None)
        );
        assert_eq!(
            split_title_outlet("Plain headline"),
            ("Plain headline", None)
        );
    }

    #[test]
    fn parses_dates_in_common_forms() {
        assert_eq!(
            parse_published_date("4 Mar, 2024 12:44 / Updated 8 months ago").as_deref(),
            Some("2024-03-04T12:44")
        );
        assert_eq!(
            parse_published_date("March 4, 2024").as_deref(),
            Some("2024-03-04")
        );
        assert_eq!(
            parse_published_date("Published Sept. 12, 2016 at 3:05 p.m.").as_deref(),
            Some("2016-09-12T15:05")
        );
        assert_eq!(
            parse_published_date("2019-11-02T08:30:00Z").as_deref(),
            Some("2019-11-02T08:30:00+00:00")
        );
        assert_eq!(parse_published_date("31 Feb 2024"), None);
        assert_eq!(parse_published_date("no date here"), None);
    }

    #[test]
    fn reads_bylines() {
        assert_eq!(parse_byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(parse_byline("Byzantine empire"), None);
    }
}
