//! Extraction: from a document's text to claims, their attributions and source entities.
//!
//! The passes, in order: `analysis` (tokens, quotations, sentences), `attribution` (cues,
//! source phrases, contents), `entities` (who the sources are), then [`extract`] assembles
//! claims: attributed ones, the headline, hedged statements without a source and checkable
//! statements without any attribution; it links nested claims into chains and converts every
//! offset to chars.

mod analysis;
mod attribution;
mod entities;
mod lexicon;
mod model;
pub(crate) mod names;
mod quotes;
mod sentences;
mod signals;
mod tokens;

pub use entities::kind_of_name;
pub use model::{
    Attribution, Claim, Cue, Extraction, Source, SourceKind, SourceMention, Span, Stance,
};

use crate::document::{BlockKind, Document};
use crate::text::CharIndex;
use analysis::Analysis;
use attribution::{ByteSpan, RawAttribution};
use lexicon::{HedgeClass, class};

/// Longest content (bytes) an outer claim may have when looking for the claims it holds.
const MAX_CONTENT_BYTES: usize = 20_000;

/// Lowest checkworthiness for an unattributed statement to be listed as a claim.
pub const CHECKWORTHY_THRESHOLD: f32 = 0.5;

/// A claim before ids and char offsets.
struct Draft {
    kind: Attribution,
    content: ByteSpan,
    extent: ByteSpan,
    cue: Option<(ByteSpan, Stance)>,
    source: Option<(usize, ByteSpan)>,
    venue: Option<ByteSpan>,
    checkworthy: f32,
}

/// Extracts the claims of `document` with their sources.
pub fn extract(document: &Document) -> Extraction {
    let text = document.text.as_str();
    let chars = CharIndex::new(text);
    let mut paragraphs = Vec::with_capacity(document.blocks.len());
    let mut is_heading = Vec::with_capacity(document.blocks.len());
    for block in &document.blocks {
        let range = (
            chars.byte_of_char(block.start),
            chars.byte_of_char(block.end),
        );
        if range.0 < range.1 {
            paragraphs.push(range);
            is_heading.push(block.kind == BlockKind::Heading);
        }
    }
    if paragraphs.is_empty() {
        paragraphs.push((0, text.len()));
        is_heading.push(false);
    }
    let analysis = Analysis::new(text, paragraphs, is_heading);
    let raw = attribution::find_attributions(&analysis);
    let hedges = signals::find_hedges(&analysis);
    let mut resolver = entities::Resolver::new(&analysis);
    let mut drafts = Vec::new();

    let headline_sentence = headline_draft(document, &analysis, &chars, &mut resolver, &mut drafts);
    for attribution in &raw {
        let source = attribution
            .source
            .and_then(|phrase| resolver.resolve(&phrase).map(|e| (e, phrase.mention())));
        drafts.push(Draft {
            kind: attribution.kind,
            content: attribution.content,
            extent: attribution.extent,
            cue: attribution.cue,
            source,
            venue: attribution.venue,
            checkworthy: 1.0,
        });
    }
    residual_drafts(
        document,
        &analysis,
        &raw,
        &hedges,
        headline_sentence,
        &mut drafts,
    );
    drafts.sort_by_key(|d| (d.content.0, std::cmp::Reverse(d.content.1)));
    drafts.dedup_by(|later, earlier| later.content == earlier.content);
    assemble(text, &chars, &analysis, drafts, &hedges, resolver)
}

/// The headline claim ("Headline – Outlet"): returns the index of the headline's sentence.
fn headline_draft(
    document: &Document,
    analysis: &Analysis,
    chars: &CharIndex,
    resolver: &mut entities::Resolver,
    drafts: &mut Vec<Draft>,
) -> Option<usize> {
    let block = document
        .blocks
        .first()
        .filter(|b| b.kind == BlockKind::Heading)?;
    let sentence = analysis.sentences.iter().position(|s| s.paragraph == 0)?;
    let (title, outlet) = (document.title.as_deref()?, document.outlet.as_deref());
    let block_start = chars.byte_of_char(block.start);
    let line = &document.text[block_start..];
    if !line.starts_with(title) {
        return Some(sentence);
    }
    let content = (block_start, block_start + title.len());
    if let Some(outlet) = outlet {
        let first_line_end = line
            .find('\n')
            .map_or(document.text.len(), |i| block_start + i);
        // An outlet known only from metadata (a web page's og:site_name) is not named in the
        // text: there is no mention to point at, so no headline claim.
        let Some(outlet_at) = document.text[..first_line_end].rfind(outlet) else {
            return Some(sentence);
        };
        let entity = resolver.outlet(outlet, outlet_at);
        drafts.push(Draft {
            kind: Attribution::Headline,
            content,
            extent: (content.0, first_line_end),
            cue: None,
            source: Some((entity, (outlet_at, outlet_at + outlet.len()))),
            venue: None,
            checkworthy: 1.0,
        });
    }
    Some(sentence)
}

/// Hedged and unattributed claims: what sentences say outside any attribution.
fn residual_drafts(
    document: &Document,
    a: &Analysis,
    raw: &[RawAttribution],
    hedges: &[signals::Hedge],
    headline_sentence: Option<usize>,
    drafts: &mut Vec<Draft>,
) {
    let mut covered: Vec<ByteSpan> = raw.iter().flat_map(|r| [r.extent, r.content]).collect();
    covered.sort_unstable();
    for (index, sentence) in a.sentences.iter().enumerate() {
        if Some(index) == headline_sentence || is_dateline(document, a, sentence) {
            continue;
        }
        // Walk the sentence's tokens, cutting out covered ranges.
        let mut segment_first: Option<usize> = None;
        let mut segments = Vec::new();
        let first_covered = covered.partition_point(|c| c.1 <= sentence.start);
        let nearby: Vec<ByteSpan> = covered[first_covered..]
            .iter()
            .take_while(|c| c.0 < sentence.end)
            .copied()
            .collect();
        for k in sentence.first..sentence.last {
            let token = a.tokens[k];
            let is_covered = nearby
                .iter()
                .any(|c| token.start >= c.0 && token.end <= c.1);
            match (is_covered, segment_first) {
                (false, None) => segment_first = Some(k),
                (true, Some(f)) => {
                    segments.push((f, k));
                    segment_first = None;
                }
                _ => {}
            }
        }
        if let Some(f) = segment_first {
            segments.push((f, sentence.last));
        }
        for (first, last) in segments {
            let Some((first, last)) = trim_segment(a, first, last) else {
                continue;
            };
            let content = (a.tokens[first].start, a.tokens[last - 1].end);
            let words = (first..last).filter(|&k| a.is_word(k)).count();
            if words < 4 {
                continue;
            }
            let evidential = signals::hedges_in(hedges, content.0, content.1)
                .any(|h| h.class == HedgeClass::Evidential);
            let checkworthy = signals::checkworthiness(a, first, last);
            let kind = if evidential {
                Attribution::Hedged
            } else if checkworthy >= CHECKWORTHY_THRESHOLD {
                Attribution::Unattributed
            } else {
                continue;
            };
            drafts.push(Draft {
                kind,
                content,
                extent: content,
                cue: None,
                source: None,
                venue: None,
                checkworthy,
            });
        }
    }
}

/// Trims conjunctions, subordinators and punctuation from both ends of a token range.
fn trim_segment(a: &Analysis, mut first: usize, mut last: usize) -> Option<(usize, usize)> {
    let is_edge_junk = |k: usize| {
        !a.is_word(k) && a.tokens[k].kind != tokens::TokenKind::Number && !a.is_quote_mark(k)
            || a.has_class(k, class::CONJ | class::SUB | class::REL)
            || (a.is_quote_mark(k) && a.quote_opening_at(k).is_none())
    };
    while first < last && (is_edge_junk(first) && !a.is_quote_mark(first) || a.is_punct(first, ","))
    {
        first += 1;
    }
    while last > first && (is_edge_junk(last - 1) || a.has_class(last - 1, class::PREP)) {
        if a.is_quote_mark(last - 1)
            && a.quote_opening_at(last - 1).is_none()
            && (first..last - 1).any(|k| a.is_quote_mark(k))
        {
            break;
        }
        last -= 1;
    }
    (first < last).then_some((first, last))
}

/// True for the dateline: a short line near the top carrying the published date.
fn is_dateline(document: &Document, a: &Analysis, sentence: &sentences::Sentence) -> bool {
    if sentence.paragraph > 3 {
        return false;
    }
    let text = &a.text[sentence.start..sentence.end];
    text.split_whitespace().count() <= 14
        && crate::document::parse_published_date(text).is_some()
        && document.published.is_some()
}

/// Builds the final claims and sources: via chains, hedges, ids and char offsets.
fn assemble(
    text: &str,
    chars: &CharIndex,
    analysis: &Analysis,
    drafts: Vec<Draft>,
    hedges: &[signals::Hedge],
    mut resolver: entities::Resolver,
) -> Extraction {
    let _ = analysis;
    let span = |(start, end): ByteSpan| Span {
        start: chars.char_of_byte(start),
        end: chars.char_of_byte(end),
        text: text[start..end].to_owned(),
    };
    let mut source_entities: Vec<usize> = Vec::new();
    for draft in &drafts {
        if let Some((entity, _)) = draft.source
            && !source_entities.contains(&entity)
        {
            source_entities.push(entity);
        }
    }
    resolver.collect_name_aliases(&source_entities);
    let entity_ids: Vec<String> = resolver
        .entities
        .iter()
        .map(|e| stable_id("s-", &[e.name.to_lowercase().as_bytes()]))
        .collect();
    let entity_id = |entity: usize| -> String { entity_ids[entity].clone() };
    // Attributed drafts that may hold others, in order of content start.
    let holders: Vec<usize> = (0..drafts.len())
        .filter(|&i| drafts[i].source.is_some() && drafts[i].kind != Attribution::Headline)
        .collect();
    let mut claims: Vec<Claim> = Vec::with_capacity(drafts.len());
    for (index, draft) in drafts.iter().enumerate() {
        let content = span(draft.content);
        let id = stable_id(
            "c-",
            &[
                &content.start.to_le_bytes(),
                &content.end.to_le_bytes(),
                content.text.as_bytes(),
            ],
        );
        // Outer claims whose content holds this one, outermost first.
        let candidates_end = holders.partition_point(|&h| drafts[h].content.0 <= draft.extent.0);
        let mut outer: Vec<&Draft> = holders[..candidates_end]
            .iter()
            .rev()
            .take_while(|&&h| drafts[h].content.0 + MAX_CONTENT_BYTES >= draft.extent.0)
            .filter(|&&h| {
                let d = &drafts[h];
                h != index
                    && draft.extent.1 <= d.content.1
                    && (d.content.1 - d.content.0) > (draft.content.1 - draft.content.0)
            })
            .map(|&h| &drafts[h])
            .collect();
        outer.sort_by_key(|d| std::cmp::Reverse(d.content.1 - d.content.0));
        let mut via: Vec<String> = Vec::new();
        for d in outer {
            if let Some((entity, _)) = d.source {
                let id = entity_id(entity);
                let is_own = draft.source.is_some_and(|(own, _)| own == entity);
                if !is_own && !via.contains(&id) {
                    via.push(id);
                }
            }
        }
        let claim_hedges = signals::hedges_in(
            hedges,
            draft.extent.0.min(draft.content.0),
            draft.extent.1.max(draft.content.1),
        )
        .map(|h| span((h.start, h.end)))
        .collect();
        claims.push(Claim {
            id,
            start: content.start,
            end: content.end,
            text: content.text,
            attribution: draft.kind,
            cue: draft.cue.map(|(cue, stance)| {
                let cue = span(cue);
                Cue {
                    start: cue.start,
                    end: cue.end,
                    text: cue.text,
                    stance,
                }
            }),
            hedges: claim_hedges,
            source: draft.source.map(|(entity, mention)| {
                let mention = span(mention);
                SourceMention {
                    id: entity_id(entity),
                    start: mention.start,
                    end: mention.end,
                    text: mention.text,
                }
            }),
            via,
            venue: draft.venue.map(span),
            checkworthy: draft.checkworthy,
        });
    }
    let mut sources: Vec<Source> = source_entities
        .iter()
        .map(|&entity| {
            let e = &resolver.entities[entity];
            Source {
                id: entity_id(entity),
                name: e.name.clone(),
                kind: e.kind,
                role: e.role.clone(),
                aliases: e.aliases.clone(),
                claims: Vec::new(),
            }
        })
        .collect();
    sources.dedup_by(|later, earlier| later.id == earlier.id);
    let source_index: rustc_hash::FxHashMap<String, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    for claim in &claims {
        if let Some(mention) = &claim.source
            && let Some(&index) = source_index.get(&mention.id)
        {
            sources[index].claims.push(claim.id.clone());
        }
    }
    Extraction { claims, sources }
}

/// A short id that depends only on `parts`: `prefix` and ten hex digits of their 64-bit
/// FNV-1a hash. The same text gives the same id on every machine and in every version.
pub(crate) fn stable_id(prefix: &str, parts: &[&[u8]]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in parts.iter().flat_map(|part| part.iter()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{prefix}{:010x}", hash >> 24)
}

/// Version tag of the `crosscheck extract --json` format.
pub const EXTRACT_SCHEMA: &str = "crosscheck.extract/1";

/// The `crosscheck extract --json` document: schema tag, document, claims and sources.
#[derive(Debug, serde::Serialize)]
pub struct ExtractReport<'a> {
    /// Always [`EXTRACT_SCHEMA`].
    pub schema: &'static str,
    /// The loaded document.
    pub document: &'a Document,
    /// Claims in reading order.
    pub claims: &'a [Claim],
    /// Source entities.
    pub sources: &'a [Source],
}

impl<'a> ExtractReport<'a> {
    /// Bundles a document and its extraction for serialisation.
    pub fn new(document: &'a Document, extraction: &'a Extraction) -> Self {
        Self {
            schema: EXTRACT_SCHEMA,
            document,
            claims: &extraction.claims,
            sources: &extraction.sources,
        }
    }
}
