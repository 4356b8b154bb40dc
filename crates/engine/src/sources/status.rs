//! The person's word on a source: credible, not credible, mixed or unknown, with a note (in
//! the spirit of the source statuses newsroom tools keep).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::source_key;

/// How far the person trusts a source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Credibility {
    /// Not judged yet (the default).
    #[default]
    Unknown,
    /// Reliable on the whole.
    Credible,
    /// Unreliable on the whole.
    NotCredible,
    /// Reliable on some things, not on others.
    Mixed,
}

impl Credibility {
    /// All values, in display order.
    pub const ALL: [Self; 4] = [
        Self::Credible,
        Self::Mixed,
        Self::NotCredible,
        Self::Unknown,
    ];

    /// The snake_case name used in files, JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Credible => "credible",
            Self::NotCredible => "not_credible",
            Self::Mixed => "mixed",
        }
    }

    /// The words shown to the person ("not credible").
    pub fn label(self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Credible => "credible",
            Self::NotCredible => "not credible",
            Self::Mixed => "mixed",
        }
    }

    /// Parses a name as written by [`Self::as_str`] or [`Self::label`] (any case; a hyphen
    /// for the space: "not-credible").
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl std::fmt::Display for Credibility {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// One change of a source's credibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredibilityChange {
    /// The value before.
    pub from: Credibility,
    /// The value after.
    pub to: Credibility,
    /// When it changed.
    pub at: DateTime<Utc>,
}

/// The person's word on one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStatus {
    /// The source's name when the status was set (matched by [`source_key`]).
    pub source: String,
    /// Other names it was known by then, so the status follows it when its fullest name
    /// changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The current value.
    #[serde(default)]
    pub credibility: Credibility,
    /// Free text: why.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When it last changed.
    pub modified: DateTime<Utc>,
    /// Changes of credibility, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<CredibilityChange>,
}

impl SourceStatus {
    /// Whether this status is about a source with one of these names.
    pub fn is_about<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> bool {
        let own: Vec<String> = std::iter::once(&self.source)
            .chain(&self.aliases)
            .map(|n| source_key(n))
            .filter(|k| !k.is_empty())
            .collect();
        names.into_iter().any(|n| own.contains(&source_key(n)))
    }
}

/// The status of the source known by `names` (name first): the latest one set on any of
/// them.
pub fn status_for<'s, 'a>(
    statuses: &'s [SourceStatus],
    names: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'s SourceStatus> {
    statuses
        .iter()
        .filter(|s| s.is_about(names.clone()))
        .max_by_key(|s| s.modified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credibility_names_round_trip() {
        for value in Credibility::ALL {
            assert_eq!(Credibility::parse(value.as_str()), Some(value));
            assert_eq!(Credibility::parse(value.label()), Some(value));
        }
        assert_eq!(
            Credibility::parse("Not-Credible"),
            Some(Credibility::NotCredible)
        );
        assert_eq!(Credibility::parse("trusted"), None);
    }

    #[test]
    fn a_status_follows_its_source_by_any_name() {
        let at = |s: i64| DateTime::from_timestamp(s, 0).expect("a time");
        let status = |source: &str, aliases: &[&str], credibility, secs| SourceStatus {
            source: source.into(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            credibility,
            note: String::new(),
            modified: at(secs),
            history: Vec::new(),
        };
        let statuses = vec![
            status("Peskov", &[], Credibility::Mixed, 10),
            status("Dmitry Peskov", &["Peskov"], Credibility::NotCredible, 20),
            status("Marta Quinlan", &[], Credibility::Credible, 30),
        ];
        let found = status_for(&statuses, ["The Peskov"]).expect("a status");
        assert_eq!(found.credibility, Credibility::NotCredible);
        assert!(status_for(&statuses, ["Ivo Vance"]).is_none());
    }
}
