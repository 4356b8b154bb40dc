//! What extraction produces: claims, their cues, hedges, sources and chains.

use serde::{Deserialize, Serialize};

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Extraction {
    /// Claims in reading order.
    pub claims: Vec<Claim>,
    /// Source entities, each once, in order of first mention.
    pub sources: Vec<Source>,
}

/// One claim the article makes or reports.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claim {
    /// Stable id derived from the claim's span and text.
    pub id: String,
    /// Char offset of the claim's first char in the document text.
    pub start: usize,
    /// Char offset just past the claim's last char.
    pub end: usize,
    /// The claim's text, equal to the document text between `start` and `end`.
    pub text: String,
    /// How the claim is attributed.
    pub attribution: Attribution,
    /// The words that attribute it ("said", "according to", ":").
    pub cue: Option<Cue>,
    /// Hedges on the claim ("reportedly", "allegedly", "may").
    pub hedges: Vec<Span>,
    /// The mention of the source the attribution rests on.
    pub source: Option<SourceMention>,
    /// Outer sources the claim was relayed through, outermost first (source ids).
    pub via: Vec<String>,
    /// Where the source said it ("an article for Politico"): not a source itself.
    pub venue: Option<Span>,
    /// For unattributed claims, how checkable the statement looks (0..1); 1 for attributed ones.
    pub checkworthy: f32,
}

/// A run of document text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Span {
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset just past the last char.
    pub end: usize,
    /// The text between the two offsets.
    pub text: String,
}

/// The attribution cue with its stance.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Cue {
    /// Char offset of the cue's first char.
    pub start: usize,
    /// Char offset just past the cue.
    pub end: usize,
    /// The cue as written.
    pub text: String,
    /// What the reporting verb signals about the reporter's stance.
    pub stance: Stance,
}

/// A mention of a source in the text, tied to its entity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SourceMention {
    /// Id of the [`Source`] entity.
    pub id: String,
    /// Char offset of the mention (a pronoun stays at the pronoun's place).
    pub start: usize,
    /// Char offset just past the mention.
    pub end: usize,
    /// The mention as written.
    pub text: String,
}

/// A real-world source: person, organisation, outlet, government, group or unnamed source.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Source {
    /// Stable id derived from the canonical name.
    pub id: String,
    /// The fullest name found.
    pub name: String,
    /// What sort of source this is.
    pub kind: SourceKind,
    /// Role or title ("French President", "former US envoy to the bloc").
    pub role: Option<String>,
    /// Other names and descriptions used for it in the text (pronouns excluded).
    pub aliases: Vec<String>,
    /// Ids of the claims attributed to it.
    pub claims: Vec<String>,
}

/// How a claim is attributed.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// Quoted words with a named source.
    DirectQuote,
    /// Reported speech: "S said that C".
    Indirect,
    /// "According to S, C".
    AccordingTo,
    /// "Reportedly", "allegedly" and kin with no named source.
    Hedged,
    /// The outlet named in a headline ("Headline – Outlet").
    Headline,
    /// A checkable statement with no attribution at all.
    Unattributed,
}

impl Attribution {
    /// All kinds, in display order.
    pub const ALL: [Self; 6] = [
        Self::DirectQuote,
        Self::Indirect,
        Self::AccordingTo,
        Self::Hedged,
        Self::Headline,
        Self::Unattributed,
    ];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DirectQuote => "direct_quote",
            Self::Indirect => "indirect",
            Self::AccordingTo => "according_to",
            Self::Hedged => "hedged",
            Self::Headline => "headline",
            Self::Unattributed => "unattributed",
        }
    }
}

/// The stance a reporting verb signals.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// "said", "told", "wrote".
    Neutral,
    /// "claimed", "insisted": the reporter keeps a distance.
    Distancing,
    /// "revealed", "confirmed": the reporter presents it as fact.
    Endorsing,
    /// "suggested", "hinted": the source itself is tentative.
    Hedging,
}

impl Stance {
    /// The snake_case name used in JSON and lexicon files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Neutral => "neutral",
            Self::Distancing => "distancing",
            Self::Endorsing => "endorsing",
            Self::Hedging => "hedging",
        }
    }

    /// Parses a lexicon stance name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "neutral" => Some(Self::Neutral),
            "distancing" => Some(Self::Distancing),
            "endorsing" => Some(Self::Endorsing),
            "hedging" => Some(Self::Hedging),
            _ => None,
        }
    }
}

/// Kinds of source entities.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A named person.
    Person,
    /// A company, party, agency, alliance or other body.
    Organization,
    /// A news outlet.
    Outlet,
    /// A government, often named by its capital ("Moscow").
    Government,
    /// A named group of people or countries ("Republicans", "other NATO nations").
    Group,
    /// An unnamed source ("officials", "a person familiar with the talks").
    Unnamed,
}

impl SourceKind {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Outlet => "outlet",
            Self::Government => "government",
            Self::Group => "group",
            Self::Unnamed => "unnamed",
        }
    }
}
