//! Metadata read off the page itself: the headline it shows, the dateline next to it, and the
//! update date told from the publication date (project-written pages).

use crosscheck_engine::document::{Document, Format, load_bytes};

const STORY: &str = "<p>The island ferry will run every forty minutes from Monday, the operator \
said, after a long campaign by residents who commute to the mainland each day.</p>\
<p>Evening sailings stay as they are, and fares do not change this year.</p>";

fn load(html: &str) -> Document {
    match load_bytes(html.as_bytes(), Format::Html) {
        Ok(document) => document,
        Err(err) => panic!("the page should load: {err}"),
    }
}

#[test]
fn the_headline_shown_wins_over_the_title_tag() {
    // The h1 that matches the title, whatever its quotes and the site name after it.
    let page = format!(
        "<html><head><title>Ferry's new timetable • Island Gazette | Local news</title></head>\
         <body><article><h1>Ferry’s new timetable</h1>\
         {STORY}</article></body></html>"
    );
    assert_eq!(load(&page).title.as_deref(), Some("Ferry’s new timetable"));
    // The page's only h1 when the title says something else.
    let page = format!(
        "<html><head><meta property=\"og:title\" content=\"Ferry timetable 2026\"></head>\
         <body><article><h1>Ten things to know about the new ferry times</h1>{STORY}</article>\
         </body></html>"
    );
    assert_eq!(
        load(&page).title.as_deref(),
        Some("Ten things to know about the new ferry times")
    );
}

#[test]
fn the_dateline_next_to_the_headline_gives_the_dates() {
    let page = format!(
        "<html><head><title>Ferry</title></head><body><article><h1>Ferry times change</h1>\
         <div>Published on</div><div>March 4, 2025</div><div>Last updated:</div>\
         <div>12.03.2025</div>{STORY}<p><a href=\"/old\">Older story, June 1, 2019</a></p>\
         </article><footer>© 2026, May 5, 2026 Island Gazette</footer></body></html>"
    );
    let document = load(&page);
    assert_eq!(document.published.as_deref(), Some("2025-03-04"));
    assert_eq!(document.modified.as_deref(), Some("2025-03-12"));
    // A date only in a related link or the copyright line is no dateline.
    let page = format!(
        "<html><head><title>Ferry</title></head><body><article><h1>Ferry times change</h1>\
         {STORY}<p><a href=\"/old\">June 1, 2019</a></p></article>\
         <div>Copyright May 5, 2026</div></body></html>"
    );
    assert_eq!(load(&page).published, None);
}

#[test]
fn json_ld_tells_published_from_modified() {
    let page = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\
         \"@graph\":[{{\"@type\":\"NewsArticle\",\"headline\":\"Ferry times change\",\
         \"datePublished\":\"2025-03-04T08:00:00+01:00\",\
         \"dateModified\":\"2025-03-06T10:00:00+01:00\"}}]}}</script></head>\
         <body><article><h1>Ferry times change</h1>{STORY}</article></body></html>"
    );
    let document = load(&page);
    assert_eq!(
        document.published.as_deref().map(|d| &d[..10]),
        Some("2025-03-04")
    );
    assert_eq!(
        document.modified.as_deref().map(|d| &d[..10]),
        Some("2025-03-06")
    );
}

#[test]
fn a_byline_written_near_the_headline_gives_the_author() {
    // "Written by" in one element, the name in a link after it; no class says "author".
    let page = format!(
        "<html><body><article><h1>Ferry times change</h1>\
         <div><span>Written by</span> <a href=\"/people/mara\">Mara Lindqvist</a></div>\
         {STORY}</article></body></html>"
    );
    assert_eq!(load(&page).byline.as_deref(), Some("Mara Lindqvist"));
    // Marker and name in one text, cut before the reading time.
    let page = format!(
        "<html><body><article><h1>Ferry times change</h1>\
         <p>By: Tomas Reyle • 4 min read</p>{STORY}</article></body></html>"
    );
    assert_eq!(load(&page).byline.as_deref(), Some("Tomas Reyle"));
    // A sentence that opens with "By" is no byline, and neither is a date after "by".
    let page = format!(
        "<html><body><article><h1>Ferry times change</h1>\
         <p>By clicking subscribe you agree to the terms</p><p>Updated by 12 March 2026</p>\
         {STORY}</article></body></html>"
    );
    assert_eq!(load(&page).byline, None);
    // Only text after the headline counts: a "By" line in the page header is not read.
    let page = format!(
        "<html><body><div>By Harbour Desk</div><article><h1>Ferry times change</h1>\
         {STORY}</article></body></html>"
    );
    assert_eq!(load(&page).byline, None);
}
