//! A page's metadata: title, byline, outlet and publication date. Each field is taken from the
//! most reliable source that has it: JSON-LD (`NewsArticle` and kin), then OpenGraph and other
//! `<meta>` tags, then the page itself (`<title>`, `<time datetime>`, a byline element).

use dom_query::{Document as Dom, NodeRef};
use serde_json::Value;

use crate::document::{parse_published_date, split_title_outlet};

/// Metadata read off a page; every field is normalised (whitespace squashed, dates ISO 8601).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageMeta {
    /// Headline without an outlet suffix.
    pub title: Option<String>,
    /// Author names, joined ("Jane Doe and John Roe").
    pub byline: Option<String>,
    /// Publication or site name.
    pub outlet: Option<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Date of the last update the page states, ISO 8601, when later than the publication.
    pub modified: Option<String>,
    /// The page's own address (canonical link or `og:url`), if stated.
    pub url: Option<String>,
    /// The page's summary (`og:description`, `description`), shown when the page has no text.
    pub description: Option<String>,
}

/// JSON-LD `@type`s that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
];

/// Reads the page's metadata. `location` is the address a container (MHTML) gave, if any.
pub fn read(dom: &Dom, location: Option<&str>) -> PageMeta {
    let ld = JsonLd::read(dom);
    let meta = |names: &[&str]| meta_content(dom, names);

    let url = meta(&["og:url"])
        .or_else(|| attr_of(dom, "link[rel~=\"canonical\"]", "href"))
        .or_else(|| ld.url.clone())
        .or_else(|| location.map(str::to_owned))
        .filter(|u| {
            (u.starts_with("http://") || u.starts_with("https://")) && host_name(u).is_some()
        });

    let host = url.as_deref().and_then(host_name);
    let site_name = ld
        .publisher
        .clone()
        .or_else(|| meta(&["og:site_name"]))
        .and_then(|name| plausible_site_name(&name, host.as_deref()));
    let page_title = dom
        .select("head title")
        .nodes()
        .first()
        .map(|n| squash(&n.text()))
        .filter(|t| !t.is_empty());
    let title_outlet = page_title
        .as_deref()
        .and_then(|t| split_title_outlet(t).1.map(str::to_owned));
    let outlet = site_name
        .or(title_outlet)
        .or_else(|| host.clone())
        .map(|o| first_segment(&squash(&o)))
        .filter(|o| !o.is_empty());

    let raw_title = ld
        .headline
        .clone()
        .or_else(|| meta(&["og:title", "twitter:title", "title", "headline"]))
        .or_else(|| first_text(dom, "h1"))
        .or(page_title);
    let title = raw_title
        .map(|t| strip_outlet_suffix(&squash(&t), outlet.as_deref()))
        .filter(|t| !t.is_empty());
    let title = headline_shown(dom, title.as_deref(), outlet.as_deref()).or(title);

    // Read once for the byline and the dateline written near the headline.
    let around = texts_around_headline(dom);
    let person_from_ld = ld.authors.clone().filter(|_| !ld.authors_are_organizations);
    let byline = person_from_ld
        .or_else(|| {
            meta(&[
                "author",
                "article:author",
                "byl",
                "parsely-author",
                "sailthru.author",
                "dc.creator",
                "dcterms.creator",
                "twitter:creator",
            ])
            .and_then(|a| clean_name(&a))
        })
        .or_else(|| page_byline(dom))
        .or_else(|| ld.authors.clone())
        .or_else(|| byline_near_headline(&around));

    let dateline = page_dateline(&around);
    let published = ld
        .published
        .as_deref()
        .and_then(normalize_date)
        .or_else(|| {
            meta(&[
                "article:published_time",
                "og:article:published_time",
                "article:published",
                "datepublished",
                "publishdate",
                "publish-date",
                "pubdate",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
                "article.published",
                "original-publish-date",
                "sn-post-date",
                "pdate",
            ])
            .as_deref()
            .and_then(normalize_date)
        })
        .or_else(|| {
            [
                "[itemprop=\"datePublished\"]",
                "time[datetime]",
                "time",
                "[class*=\"publish\"]",
                "[class*=\"dateline\"]",
            ]
            .iter()
            .find_map(|sel| {
                dom.select(sel).nodes().iter().take(3).find_map(|n| {
                    n.attr("datetime")
                        .or_else(|| n.attr("content"))
                        .or_else(|| n.attr("value"))
                        .map(|d| d.to_string())
                        .and_then(|d| normalize_date(&d))
                        .or_else(|| normalize_date(&squash(&n.text())))
                })
            })
        })
        .or_else(|| dateline.published.clone());

    let description = meta(&["og:description", "description", "twitter:description"]);
    let modified = ld
        .modified
        .as_deref()
        .and_then(normalize_date)
        .or_else(|| {
            meta(&[
                "article:modified_time",
                "og:updated_time",
                "article:modified",
                "datemodified",
                "dcterms.modified",
                "last-modified",
                "lastmod",
            ])
            .as_deref()
            .and_then(normalize_date)
        })
        .or_else(|| {
            dom.select("[itemprop=\"dateModified\"]")
                .nodes()
                .iter()
                .take(3)
                .find_map(|n| {
                    n.attr("datetime")
                        .or_else(|| n.attr("content"))
                        .map(|d| d.to_string())
                        .and_then(|d| normalize_date(&d))
                        .or_else(|| normalize_date(&squash(&n.text())))
                })
        })
        .or(dateline.modified)
        .filter(|m| published.as_ref().is_none_or(|p| m.get(..10) > p.get(..10)));

    PageMeta {
        title,
        byline,
        outlet,
        published,
        modified,
        url,
        description,
    }
}

/// Most `<h1>` elements looked at for the headline the page shows.
const MAX_HEADINGS: usize = 5;

/// The headline as the page shows it: the `<h1>` that matches the metadata's title (same words
/// whatever the quotes, case and punctuation, or a part of it, as when the title carries the
/// site's name), else the page's only `<h1>` when it is not the outlet's name.
fn headline_shown(dom: &Dom, title: Option<&str>, outlet: Option<&str>) -> Option<String> {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut headings: Vec<String> = Vec::new();
    for node in dom.select("body h1").nodes().iter().take(MAX_HEADINGS) {
        let text = spaced_text(node);
        let words = text.split_whitespace().count();
        if (1..=40).contains(&words) && !headings.contains(&text) {
            headings.push(text);
        }
    }
    let outlet_key = outlet.map(key).unwrap_or_default();
    headings.retain(|h| {
        let k = key(h);
        k.len() >= 3 && k != outlet_key
    });
    if let Some(title) = title {
        let title_key = key(title);
        let matching = headings
            .iter()
            .filter(|h| {
                let k = key(h);
                k == title_key
                    || (title_key.contains(&k) && k.len() * 2 >= title_key.len())
                    || (title_key.starts_with(&k) && h.split_whitespace().count() >= 3)
            })
            .max_by_key(|h| key(h).len());
        if let Some(found) = matching {
            return Some(found.clone());
        }
    }
    match headings.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// Dates written in the page's text next to its headline.
#[derive(Default)]
struct Dateline {
    published: Option<String>,
    modified: Option<String>,
}

/// Text nodes read before the headline when looking for its dateline.
const DATELINE_BEFORE: usize = 25;

/// Text nodes read after the headline when looking for its dateline.
const DATELINE_AFTER: usize = 60;

/// Longest text node read as a dateline, in chars.
const DATELINE_CHARS: usize = 100;

/// The page's text nodes up to [`DATELINE_AFTER`] past the first one inside the `<h1>` (or the
/// first 4,000 when there is no headline), each as (text, inside the headline, inside a link),
/// with the index of the headline's first text. Scripts, styles, menus and footers are skipped.
fn texts_around_headline(dom: &Dom) -> HeadlineTexts {
    let Some(body) = dom.body() else {
        return HeadlineTexts::default();
    };
    let mut texts: Vec<(String, bool, bool)> = Vec::new();
    let mut headline_at: Option<usize> = None;
    let mut stack = vec![(body, false, false)];
    while let Some((node, in_h1, in_link)) = stack.pop() {
        if let Some(at) = headline_at
            && texts.len() > at + DATELINE_AFTER
        {
            break;
        }
        if headline_at.is_none() && texts.len() > 4000 {
            break;
        }
        if node.is_text() {
            let text = squash(&node.text());
            if !text.is_empty() {
                if in_h1 && headline_at.is_none() {
                    headline_at = Some(texts.len());
                }
                texts.push((text, in_h1, in_link));
            }
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if matches!(
            name.as_str(),
            "script" | "style" | "noscript" | "template" | "svg" | "select" | "nav" | "footer"
        ) {
            continue;
        }
        let in_h1 = in_h1 || name == "h1";
        let in_link = in_link || name == "a";
        for child in node.children().into_iter().rev() {
            stack.push((child, in_h1, in_link));
        }
    }
    HeadlineTexts { texts, headline_at }
}

/// The text nodes around the headline, as [`texts_around_headline`] reads them.
#[derive(Default)]
struct HeadlineTexts {
    /// (text, inside the headline, inside a link), in reading order.
    texts: Vec<(String, bool, bool)>,
    /// Index in `texts` of the headline's first text.
    headline_at: Option<usize>,
}

/// Words that open a byline line: "By Jane Doe", "Written by: Jane Doe", "Author Jane Doe".
const BYLINE_MARKERS: &[&str] = &[
    "written by",
    "posted by",
    "article by",
    "words by",
    "story by",
    "authors",
    "author",
    "by",
];

/// A byline written as text near the headline ("By Jane Doe • 4 min read", "Written by" then
/// the name in a link), for pages whose byline element has no telling class. The name must
/// pass [`clean_name`]: never a date, a sentence ("By clicking …") or an address.
fn byline_near_headline(around: &HeadlineTexts) -> Option<String> {
    let window = around.texts.get(around.headline_at?..)?;
    window.iter().enumerate().find_map(|(i, (text, in_h1, _))| {
        if *in_h1 {
            return None;
        }
        let lower = text.to_lowercase();
        let marker = BYLINE_MARKERS.iter().find(|m| {
            lower.strip_prefix(**m).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with(' ') || rest.starts_with(':')
            })
        })?;
        // Markers are ASCII: their length in `text` is the same as in `lower`.
        let rest = text.get(marker.len()..)?.trim_start_matches([':', ' ']);
        let candidate = if rest.is_empty() {
            window.get(i + 1).map(|(next, _, _)| next.as_str())?
        } else {
            rest
        };
        let candidate = [" • ", " · ", " ⋅ ", " on ", " - ", " – ", " — "]
            .iter()
            .fold(candidate, |name, stop| {
                name.split(stop).next().unwrap_or(name)
            });
        if candidate.split_whitespace().count() > 6 {
            return None;
        }
        clean_name(candidate)
    })
}

/// The date written next to the headline (the first `<h1>`, else the top of the page): the first
/// short text with a full date, read as the update date when it or the text before it says
/// "updated" or "modified". Dates inside links (related stories) and copyright lines are
/// skipped.
fn page_dateline(around: &HeadlineTexts) -> Dateline {
    let HeadlineTexts { texts, headline_at } = around;
    let (from, to) = match headline_at {
        Some(at) => (at.saturating_sub(DATELINE_BEFORE), at + DATELINE_AFTER),
        None => (0, DATELINE_AFTER * 2),
    };
    let mut found = Dateline::default();
    let mut previous = String::new();
    for (text, in_h1, in_link) in texts.iter().take(to).skip(from) {
        let lower = text.to_lowercase();
        if !in_h1
            && !in_link
            && text.chars().count() <= DATELINE_CHARS
            && !lower.contains('©')
            && !lower.contains("copyright")
            && let Some(date) = text_date(text)
        {
            let label = previous.to_lowercase();
            let label = label.trim_end_matches([':', ' ']).trim_end_matches(" on");
            let is_update = ["updated", "modified", "revised"]
                .iter()
                .any(|w| lower.contains(w) || label.ends_with(w));
            if is_update {
                found.modified.get_or_insert(date);
            } else if found.published.is_none() {
                found.published = Some(date);
            }
            if found.published.is_some() && found.modified.is_some() {
                break;
            }
        }
        previous = text.clone();
    }
    found
}

/// A full date (day, month and year) in a short text: the forms [`parse_published_date`] reads,
/// and numeric ones (`12.03.2025` day first, `03/12/2025` month first unless the first number
/// cannot be a month).
fn text_date(text: &str) -> Option<String> {
    use std::sync::OnceLock;
    static NUMERIC: OnceLock<Option<regex::Regex>> = OnceLock::new();
    if let Some(date) = parse_published_date(text) {
        let year: i32 = date.get(..4)?.parse().ok()?;
        return (year >= 1990).then_some(date);
    }
    let pattern = NUMERIC
        .get_or_init(|| regex::Regex::new(r"\b(\d{1,2})([./])(\d{1,2})[./](\d{4})\b").ok())
        .as_ref()?;
    let captures = pattern.captures(text)?;
    let number = |i: usize| -> Option<u32> { captures.get(i)?.as_str().parse().ok() };
    let (first, second, year) = (number(1)?, number(3)?, number(4)?);
    let day_first = captures.get(2).is_some_and(|m| m.as_str() == ".") || first > 12;
    let (day, month) = if day_first {
        (first, second)
    } else {
        (second, first)
    };
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(year as i32, month, day)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// What the article's JSON-LD says.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    authors: Option<String>,
    /// Every author is typed as an organisation: a person named elsewhere is preferred.
    authors_are_organizations: bool,
    publisher: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    url: Option<String>,
}

impl JsonLd {
    fn read(dom: &Dom) -> JsonLd {
        let mut values = Vec::new();
        for script in dom
            .select("script[type=\"application/ld+json\"]")
            .nodes()
            .iter()
        {
            let text = script.text();
            let text = text
                .trim()
                .trim_start_matches("//<![CDATA[")
                .trim_end_matches("//]]>")
                .trim();
            let Ok(value) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            values.push(value);
        }
        let mut nodes = Vec::new();
        for value in &values {
            collect_nodes(value, &mut nodes, 0);
        }
        let Some(article) = nodes
            .iter()
            .find(|n| has_type(n, ARTICLE_TYPES))
            .or_else(|| nodes.iter().find(|n| has_type(n, &["WebPage"])))
        else {
            return JsonLd::default();
        };
        let resolve = |value: &'_ Value| -> Value {
            // `{"@id": "…"}` refers to another node of the graph.
            if let Some(id) = value.get("@id").and_then(Value::as_str)
                && value.as_object().is_some_and(|o| o.len() == 1)
                && let Some(target) = nodes
                    .iter()
                    .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
            {
                return (*target).clone();
            }
            value.clone()
        };
        let authors = article.get("author").or_else(|| article.get("creator"));
        let authors = authors.map(|a| match a {
            Value::Array(items) => items.iter().map(&resolve).collect::<Vec<_>>(),
            other => vec![resolve(other)],
        });
        let authors = authors.unwrap_or_default();
        let authors_are_organizations = !authors.is_empty()
            && authors
                .iter()
                .all(|a| has_type(a, &["Organization", "NewsMediaOrganization"]));
        let names: Vec<String> = authors
            .iter()
            .filter_map(|a| match a {
                Value::String(s) => Some(s.clone()),
                other => other.get("name").and_then(value_text),
            })
            .filter_map(|n| clean_name(&n))
            .collect();
        let publisher = article
            .get("publisher")
            .or_else(|| article.get("sourceOrganization"))
            .map(&resolve)
            .and_then(|p| match &p {
                Value::String(s) => Some(s.clone()),
                Value::Array(items) => items
                    .first()
                    .map(&resolve)
                    .and_then(|p| p.get("name").and_then(value_text)),
                other => other.get("name").and_then(value_text),
            })
            .or_else(|| {
                nodes
                    .iter()
                    .find(|n| has_type(n, &["NewsMediaOrganization", "Organization"]))
                    .and_then(|o| o.get("name").and_then(value_text))
            });
        JsonLd {
            headline: article
                .get("headline")
                .or_else(|| article.get("name"))
                .and_then(value_text),
            authors: join_names(names),
            authors_are_organizations,
            publisher: publisher.map(|p| squash(&p)).filter(|p| !p.is_empty()),
            published: article
                .get("datePublished")
                .or_else(|| article.get("dateCreated"))
                .and_then(value_text)
                .or_else(|| {
                    // Some pages date the WebPage or ClaimReview node beside the article.
                    nodes
                        .iter()
                        .filter(|n| has_type(n, &["WebPage", "ClaimReview"]))
                        .find_map(|n| n.get("datePublished").and_then(value_text))
                }),
            modified: article
                .get("dateModified")
                .and_then(value_text)
                .or_else(|| {
                    nodes
                        .iter()
                        .filter(|n| has_type(n, &["WebPage"]))
                        .find_map(|n| n.get("dateModified").and_then(value_text))
                }),
            url: article.get("url").and_then(value_text),
        }
    }
}

/// Gathers every object of a JSON-LD value (top level, arrays, `@graph`, `mainEntity`).
fn collect_nodes<'a>(value: &'a Value, nodes: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_nodes(item, nodes, depth + 1);
            }
        }
        Value::Object(map) => {
            nodes.push(value);
            for key in ["@graph", "mainEntity", "mainEntityOfPage"] {
                if let Some(inner) = map.get(key) {
                    collect_nodes(inner, nodes, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn has_type(node: &Value, types: &[&str]) -> bool {
    let matches = |t: &str| {
        let t = t.rsplit('/').next().unwrap_or(t);
        types.contains(&t)
    };
    match node.get("@type") {
        Some(Value::String(t)) => matches(t),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

/// A JSON value as text: a string, or the first string of an array.
fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(decode_entities(s)).filter(|s| !s.trim().is_empty()),
        Value::Array(items) => items.iter().find_map(value_text),
        _ => None,
    }
}

/// Decodes the few HTML entities that JSON-LD strings often carry.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let fragment = Dom::fragment(format!("<span>{text}</span>"));
    fragment.root().text().to_string()
}

/// The first `content` of `<meta>` tags named (`name`, `property` or `itemprop`) one of `names`,
/// in the order of `names`.
fn meta_content(dom: &Dom, names: &[&str]) -> Option<String> {
    let metas = dom.select("meta[content]");
    let metas = metas.nodes();
    names.iter().find_map(|wanted| {
        metas.iter().find_map(|m| {
            let key = m
                .attr("property")
                .or_else(|| m.attr("name"))
                .or_else(|| m.attr("itemprop"))?;
            // `itemprop` may list several properties: "datePublished dateCreated".
            if !key
                .split_whitespace()
                .any(|k| k.eq_ignore_ascii_case(wanted))
            {
                return None;
            }
            let content = squash(&m.attr("content")?);
            (!content.is_empty()).then_some(content)
        })
    })
}

fn attr_of(dom: &Dom, selector: &str, attr: &str) -> Option<String> {
    dom.select(selector)
        .nodes()
        .first()
        .and_then(|n| n.attr(attr))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn first_text(dom: &Dom, selector: &str) -> Option<String> {
    dom.select(selector)
        .nodes()
        .first()
        .map(|n| squash(&n.text()))
        .filter(|t| !t.is_empty())
}

/// A byline stated in the page: `rel=author`, `itemprop=author`, or an element whose class or id
/// says "byline" or "author".
fn page_byline(dom: &Dom) -> Option<String> {
    let selectors = [
        "[itemprop=\"author\"] [itemprop=\"name\"]",
        "[itemprop=\"author\"]",
        "a[rel=\"author\"]",
        "[class*=\"author-name\"]",
        "[class~=\"author\"]",
        "[class*=\"byline\"]",
        "[class*=\"author\"]",
        "[id*=\"byline\"]",
    ];
    selectors.iter().find_map(|sel| {
        let found = dom.select(sel);
        found
            .nodes()
            .iter()
            .take(5)
            .find_map(|n| byline_from_node(n))
    })
}

fn byline_from_node(node: &NodeRef) -> Option<String> {
    if let Some(content) = node.attr("content") {
        return clean_name(&content);
    }
    let text = spaced_text(node);
    if text.chars().count() > 100 {
        return None;
    }
    clean_name(&text)
}

/// The text of an element with a space between its text nodes, so that "Jane Doe" in one
/// element and "Monday" in the next do not run together.
fn spaced_text(node: &NodeRef) -> String {
    let parts: Vec<String> = node
        .descendants_it()
        .filter(|n| n.is_text())
        .map(|n| n.text().to_string())
        .collect();
    squash(&parts.join(" "))
}

/// Normalises an author name: strips "By", a trailing affiliation after `|` or a newline, and
/// title-cases names written in capitals. `None` for things that are not names (addresses,
/// empty strings, long text).
pub fn clean_name(raw: &str) -> Option<String> {
    let mut name = squash(raw);
    if name.starts_with("http")
        || name.starts_with('@')
        || name.contains("://")
        || name.contains(['*', '(', '{', '@'])
    {
        return None;
    }
    // "Analysis by Jane Doe", "Written by Jane Doe".
    // (Offsets are found in `name` itself: lower-casing can change byte lengths.)
    let by_at = ["by ", "By ", "BY "]
        .iter()
        .filter_map(|by| name.find(by))
        .min();
    if let Some(at) = by_at
        && let (Some(before), Some(after)) = (name.get(..at), name.get(at + 3..))
        && (before.is_empty() || before.ends_with(' '))
        && before.split_whitespace().count() <= 2
    {
        name = after.trim().to_owned();
    }
    for stop in [
        " | ",
        " Published ",
        " Updated ",
        " Posted ",
        " Monday",
        " Tuesday",
        " Wednesday",
        " Thursday",
        " Friday",
        " Saturday",
        " Sunday",
    ] {
        if let Some((head, _)) = name.split_once(stop) {
            name = head.trim().to_owned();
        }
    }
    // "Robert Burns, AP National Security Writer": drop the affiliation after a comma, unless
    // the comma separates names ("A, B and C").
    if let Some(at) = name.find(", ")
        && !name[at..].contains(" and ")
    {
        name = name[..at].trim().to_owned();
    }
    let particles = [
        "and", "de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du",
        "bin", "al", "el", "y", "e", "dos", "das", "staff",
    ];
    let lower_words = name
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase) && !particles.contains(w))
        .count();
    if lower_words > 0 {
        return None;
    }
    let name = name.trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace());
    if is_date_like(name) {
        return None;
    }
    let words = name.split_whitespace().count();
    let starts_upper = name.chars().next().is_some_and(char::is_uppercase);
    if !(1..=12).contains(&words) || !starts_upper || name.contains('{') {
        return None;
    }
    let is_shouting = name.chars().filter(|c| c.is_alphabetic()).count() > 3
        && !name
            .split_whitespace()
            .filter(|w| *w != "and")
            .any(|w| w.chars().any(char::is_lowercase));
    Some(if is_shouting {
        title_case(name)
    } else {
        name.to_owned()
    })
}

/// "August 28", "Dec. 19", "19 Dec": a date where a name was expected.
fn is_date_like(name: &str) -> bool {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let is_month = |w: &str| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m));
    let is_day = |w: &str| !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit());
    words.len() <= 4 && words.iter().any(|w| is_month(w)) && words.iter().any(|w| is_day(w))
}

fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            if word == "and" {
                return word.to_owned();
            }
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// "A", "A and B", "A, B and C"; duplicates dropped.
fn join_names(names: Vec<String>) -> Option<String> {
    let mut unique: Vec<String> = Vec::new();
    for name in names {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    match unique.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
    }
}

/// Removes " | Outlet" or " - Outlet" from a headline when the suffix is the outlet, its host
/// name, or a short capitalised name.
fn strip_outlet_suffix(title: &str, outlet: Option<&str>) -> String {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    if let Some(outlet) = outlet {
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            if let Some(at) = title.rfind(separator) {
                let tail = key(&title[at + separator.len()..]);
                let outlet = key(outlet);
                if !tail.is_empty() && (tail == outlet || outlet.starts_with(&tail)) {
                    return title[..at].trim().to_owned();
                }
            }
        }
    }
    title.to_owned()
}

/// The host of a URL without "www.": `https://www.example.com/a` gives `example.com`.
pub fn host_name(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then(|| host.to_ascii_lowercase())
}

/// A site name as the outlet: `@handle` loses its `@`, a URL becomes its host, a lower-case
/// name that is the host's first label becomes the host ("nj" on nj.com gives "nj.com"), and a
/// name of under three letters or digits that is not the host's (a section like "U.S.") is
/// refused.
fn plausible_site_name(name: &str, host: Option<&str>) -> Option<String> {
    let name = name.trim().trim_start_matches('@');
    if name.contains("://") {
        return host_name(name);
    }
    let label = host.and_then(|h| h.split('.').next()).unwrap_or_default();
    let squashed: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if let Some(host) = host
        && squashed == label
        && !name.chars().any(char::is_uppercase)
    {
        return Some(host.to_owned());
    }
    if squashed.chars().count() < 3 && squashed != label {
        return None;
    }
    Some(name.to_owned()).filter(|n| !n.is_empty())
}

/// A date in ISO 8601, from the forms [`parse_published_date`] reads plus `2019/11/19` and
/// `20191119`; years before 1970 (placeholders such as `0001-01-01`) are refused.
fn normalize_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let date = parse_published_date(raw).or_else(|| {
        let digits: String = raw.chars().filter(|c| !matches!(c, '/' | '.')).collect();
        let compact = digits
            .get(..8)
            .filter(|d| d.chars().all(|c| c.is_ascii_digit()))?;
        let (year, rest) = compact.split_at(4);
        let (month, day) = rest.split_at(2);
        parse_published_date(&format!("{year}-{month}-{day}"))
    })?;
    let year: i32 = date.get(..4)?.parse().ok()?;
    (year >= 1970).then_some(date)
}

/// "Autoracing | F1 | Indy" gives "Autoracing": a site name with a tagline after a bar.
fn first_segment(name: &str) -> String {
    name.split(" | ").next().unwrap_or(name).trim().to_owned()
}

/// Collapses runs of whitespace to one space and trims.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_names() {
        assert_eq!(clean_name("By JANE DOE").as_deref(), Some("Jane Doe"));
        assert_eq!(clean_name("https://facebook.com/x"), None);
        assert_eq!(
            clean_name("Jane Doe | Reuters").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(clean_name("August 28"), None);
        assert_eq!(clean_name("Dec. 19"), None);
        assert_eq!(clean_name("May Doe").as_deref(), Some("May Doe"));
    }

    #[test]
    fn host_names() {
        assert_eq!(
            host_name("https://www.example.com/a/b").as_deref(),
            Some("example.com")
        );
        assert_eq!(host_name("not a url"), None);
    }
}
