//! One focused test per attribution construction the extractor must handle, each on invented
//! sentences written for this project.

use crosscheck_engine::document::{Format, load_bytes};
use crosscheck_engine::extract::{Attribution, Claim, Extraction, extract};

/// Extracts from a small article: a title line, a blank line, then `body`.
fn run(body: &str) -> Extraction {
    let text = format!("Test article\n\n{body}\n");
    let document = load_bytes(text.as_bytes(), Format::Text).expect("fixture loads");
    extract(&document)
}

/// The claim whose text contains `content`, with its source's canonical name.
fn claim<'a>(extraction: &'a Extraction, content: &str) -> (&'a Claim, Option<&'a str>) {
    let Some(claim) = extraction.claims.iter().find(|c| c.text.contains(content)) else {
        let texts: Vec<&str> = extraction.claims.iter().map(|c| c.text.as_str()).collect();
        panic!("no claim contains {content:?}; claims: {texts:#?}");
    };
    let source = claim.source.as_ref().and_then(|mention| {
        extraction
            .sources
            .iter()
            .find(|s| s.id == mention.id)
            .map(|s| s.name.as_str())
    });
    (claim, source)
}

/// Asserts the claim holding `content` has the given source, cue and attribution.
fn assert_claim(
    body: &str,
    content: &str,
    source: Option<&str>,
    cue: Option<&str>,
    kind: Attribution,
) {
    let extraction = run(body);
    let (claim, found_source) = claim(&extraction, content);
    match source {
        Some(name) => assert!(
            found_source.is_some_and(|found| found.contains(name)),
            "source of {content:?} in {body:?}: {found_source:?}, expected one with {name:?}"
        ),
        None => assert_eq!(found_source, None, "source of {content:?} in {body:?}"),
    }
    assert_eq!(
        claim.cue.as_ref().map(|c| c.text.as_str()),
        cue,
        "cue of {content:?}"
    );
    assert_eq!(claim.attribution, kind, "attribution of {content:?}");
}

#[test]
fn subject_said_that_content() {
    assert_claim(
        "Mayor Ilse Varga said that the bridge would reopen in May.",
        "the bridge would reopen in May",
        Some("Ilse Varga"),
        Some("said"),
        Attribution::Indirect,
    );
}

#[test]
fn subject_said_bare_clause() {
    assert_claim(
        "Councillor Bram Odell said the budget had doubled since 2019.",
        "the budget had doubled since 2019",
        Some("Bram Odell"),
        Some("said"),
        Attribution::Indirect,
    );
}

#[test]
fn content_then_subject_said() {
    assert_claim(
        "The ferry service will end in March, the harbour master Nils Aubert said.",
        "The ferry service will end in March",
        Some("Nils Aubert"),
        Some("said"),
        Attribution::Indirect,
    );
}

#[test]
fn content_then_said_subject() {
    assert_claim(
        "The ferry service will end in March, said Nils Aubert.",
        "The ferry service will end in March",
        Some("Nils Aubert"),
        Some("said"),
        Attribution::Indirect,
    );
}

#[test]
fn parenthetical_attribution_with_hedge() {
    let extraction = run("The pumps, Engineer Tove Lind reportedly said, could run for a week.");
    let (claim, source) = claim(&extraction, "could run for a week");
    assert_eq!(source, Some("Tove Lind"));
    assert_eq!(claim.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    assert!(claim.hedges.iter().any(|h| h.text == "reportedly"));
}

#[test]
fn told_listener_that() {
    assert_claim(
        "Governor Ada Ruiz told reporters that the dam was safe.",
        "the dam was safe",
        Some("Ada Ruiz"),
        Some("told"),
        Attribution::Indirect,
    );
}

#[test]
fn participle_telling_with_venue() {
    let extraction = run(
        "Minister Pavel Oren tried to calm the row, telling state broadcaster Radio Nordal on Friday that no troops would move.",
    );
    let (claim, source) = claim(&extraction, "no troops would move");
    assert_eq!(source, Some("Pavel Oren"));
    assert_eq!(claim.cue.as_ref().map(|c| c.text.as_str()), Some("telling"));
    let venue = claim.venue.as_ref().map(|v| v.text.as_str());
    assert_eq!(venue, Some("Radio Nordal"));
    assert!(
        !extraction.sources.iter().any(|s| s.name.contains("Nordal")),
        "a venue is not a source"
    );
}

#[test]
fn participle_warning_and_citing_take_the_main_subject() {
    let extraction = run(
        "Valdor has condemned the tariff, warning that it will hurt farmers. Estria has asked for loans for months, citing falling grain prices.",
    );
    assert_eq!(claim(&extraction, "it will hurt farmers").1, Some("Valdor"));
    assert_eq!(claim(&extraction, "falling grain prices").1, Some("Estria"));
    let (unattributed, source) = claim(&extraction, "Estria has asked for loans for months");
    assert_eq!(source, None);
    assert_eq!(unattributed.attribution, Attribution::Unattributed);
}

#[test]
fn according_to_before_and_after() {
    assert_claim(
        "According to the audit office, the contract cost 4 million crowns.",
        "the contract cost 4 million crowns",
        Some("audit office"),
        Some("According to"),
        Attribution::AccordingTo,
    );
    assert_claim(
        "The contract cost 4 million crowns, according to Inspector Joss Hale.",
        "The contract cost 4 million crowns",
        Some("Joss Hale"),
        Some("according to"),
        Attribution::AccordingTo,
    );
}

#[test]
fn speaker_colon_quote() {
    let extraction = run("Ruiz: “We will not sign this treaty.”");
    let (claim, source) = claim(&extraction, "We will not sign this treaty");
    assert_eq!(source, Some("Ruiz"));
    assert_eq!(claim.cue.as_ref().map(|c| c.text.as_str()), Some(":"));
}

#[test]
fn called_x_a_y() {
    assert_claim(
        "In her column, Mila Stroud called the plan ‘a costly mirage’ and said it would fail.",
        "a costly mirage",
        Some("Mila Stroud"),
        Some("called"),
        Attribution::Indirect,
    );
}

#[test]
fn coordinated_verb_shares_the_subject() {
    let extraction = run(
        "In his letter, Oskar Pell called the vote “a farce”, but said the count may have been fair.",
    );
    let (claim, source) = claim(&extraction, "the count may have been fair");
    assert_eq!(source, Some("Oskar Pell"));
    assert!(claim.hedges.iter().any(|h| h.text == "may"));
}

#[test]
fn direct_quote_split_around_the_cue() {
    let extraction = run("“We tried,” Lena Voss said, “and we failed.”");
    let (claim, source) = claim(&extraction, "and we failed");
    assert_eq!(source, Some("Lena Voss"));
    assert_eq!(claim.attribution, Attribution::DirectQuote);
    assert!(claim.text.contains("We tried"));
}

#[test]
fn quote_running_over_two_paragraphs() {
    let extraction = run(
        "Rector Hanne Dahl said:\n\n“The library will close in June. Its books will move to the town hall.\n\n“Nobody will lose a job.”",
    );
    assert_eq!(
        claim(&extraction, "The library will close in June").1,
        Some("Hanne Dahl")
    );
    assert_eq!(
        claim(&extraction, "Nobody will lose a job").1,
        Some("Hanne Dahl")
    );
    let rector = extraction.sources.iter().find(|s| s.name == "Hanne Dahl");
    assert_eq!(rector.and_then(|s| s.role.as_deref()), Some("Rector"));
}

#[test]
fn apostrophes_are_not_quotes() {
    let extraction =
        run("The union’s chief, Edda Moor, said the workers’ pay rose by 3.5 per cent.");
    let (claim, source) = claim(&extraction, "pay rose by 3.5 per cent");
    assert_eq!(source, Some("Edda Moor"));
    assert_eq!(claim.attribution, Attribution::Indirect);
}

#[test]
fn hedged_claim_without_a_source() {
    let extraction = run("The shipment was allegedly diverted to a private port.");
    let (claim, source) = claim(&extraction, "The shipment was allegedly diverted");
    assert_eq!(source, None);
    assert_eq!(claim.attribution, Attribution::Hedged);
    assert!(claim.hedges.iter().any(|h| h.text == "allegedly"));
}

#[test]
fn nested_chain_keeps_the_outer_source() {
    let extraction = run(
        "According to Ansel Brun, the order came from the head of the navy, Admiral Rhea Toll, who wrote to her captains to “hold the line” at the strait.",
    );
    let claim = extraction
        .claims
        .iter()
        .find(|c| {
            c.text.contains("hold the line") && c.cue.as_ref().is_some_and(|q| q.text == "wrote")
        })
        .expect("the letter's claim, cued by \"wrote\"");
    let source = extraction
        .sources
        .iter()
        .find(|s| claim.source.as_ref().is_some_and(|m| m.id == s.id));
    assert_eq!(source.map(|s| s.name.as_str()), Some("Rhea Toll"));
    let via: Vec<&str> = claim
        .via
        .iter()
        .filter_map(|id| extraction.sources.iter().find(|s| &s.id == id))
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(via, ["Ansel Brun"]);
}

#[test]
fn appositive_description_and_surname_merge_into_one_source() {
    let extraction = run(
        "The tax will rise, the former finance minister, Ivar Lund, wrote in an article for the Kestrel Review. Lund said the rise was overdue.",
    );
    let lund: Vec<_> = extraction
        .sources
        .iter()
        .filter(|s| s.name.contains("Lund"))
        .collect();
    assert_eq!(lund.len(), 1, "one entity for Ivar Lund: {lund:?}");
    let lund = lund[0];
    assert_eq!(lund.name, "Ivar Lund");
    assert!(
        lund.role
            .as_deref()
            .is_some_and(|r| r.contains("finance minister"))
    );
    assert!(lund.aliases.iter().any(|a| a == "Lund"));
    assert_eq!(lund.claims.len(), 2);
    let (claim, _) = claim(&extraction, "The tax will rise");
    assert!(
        claim
            .venue
            .as_ref()
            .is_some_and(|v| v.text.contains("Kestrel Review"))
    );
}

#[test]
fn pronoun_resolves_to_the_person_and_keeps_its_place() {
    let extraction = run(
        "President Juno Marr opened the session on Monday. She said the vote would be held in April.",
    );
    let (claim, source) = claim(&extraction, "the vote would be held in April");
    assert_eq!(source, Some("Juno Marr"));
    let mention = claim.source.as_ref().map(|m| m.text.as_str());
    assert_eq!(mention, Some("She"));
}

#[test]
fn relative_pronoun_takes_its_antecedent_past_a_list() {
    let extraction = run(
        "The plan drew calls for calm from other member states, including Norva, Pellia and Ostra, which said they would stay neutral.",
    );
    let source = claim(&extraction, "they would stay neutral")
        .1
        .unwrap_or_default();
    assert!(source.contains("member states"), "source was {source:?}");
}

#[test]
fn unnamed_sources_and_capitals() {
    let extraction = run(
        "Officials said the border would stay shut. Moscow warned that any strike would be answered.",
    );
    let (_, officials) = claim(&extraction, "the border would stay shut");
    assert!(
        officials.is_some_and(|o| o.eq_ignore_ascii_case("officials")),
        "{officials:?}"
    );
    let (_, moscow) = claim(&extraction, "any strike would be answered");
    assert_eq!(moscow, Some("Moscow"));
    let kinds: Vec<_> = extraction.sources.iter().map(|s| s.kind.as_str()).collect();
    assert!(
        kinds.contains(&"unnamed") && kinds.contains(&"government"),
        "{kinds:?}"
    );
}

#[test]
fn the_newspaper_refers_back_to_the_outlet() {
    let extraction = run(
        "The Morning Ledger reported on Tuesday that the mine would close. The newspaper also said 300 jobs would go.",
    );
    assert_eq!(
        claim(&extraction, "300 jobs would go").1,
        Some("The Morning Ledger")
    );
}

#[test]
fn headline_outlet_is_a_headline_claim() {
    let text = "Rivers rise as the dam opens – The Valley Courier\n\nThe water board said the gates opened at dawn.\n";
    let document = load_bytes(text.as_bytes(), Format::Text).expect("loads");
    let extraction = extract(&document);
    let (claim, source) = claim(&extraction, "Rivers rise as the dam opens");
    assert_eq!(claim.attribution, Attribution::Headline);
    assert_eq!(source, Some("The Valley Courier"));
}

#[test]
fn stance_of_reporting_verbs() {
    let extraction = run(
        "Brun claimed the ballots were forged. Toll revealed the ballots were counted twice. Marr suggested the count was late.",
    );
    let stance = |content: &str| {
        claim(&extraction, content)
            .0
            .cue
            .as_ref()
            .map(|c| c.stance.as_str())
    };
    assert_eq!(stance("the ballots were forged"), Some("distancing"));
    assert_eq!(stance("the ballots were counted twice"), Some("endorsing"));
    assert_eq!(stance("the count was late"), Some("hedging"));
}

#[test]
fn statements_without_checkable_content_are_left_out() {
    let extraction = run("What a day. Stay tuned for more.");
    assert!(extraction.claims.is_empty(), "{:?}", extraction.claims);
}

#[test]
fn claim_ids_are_stable_and_spans_match_text() {
    let body = "Mayor Ilse Varga said that the bridge would reopen in May. The toll rose by 12 per cent in 2024.";
    let first = run(body);
    let second = run(body);
    assert_eq!(first, second);
    let text = format!("Test article\n\n{body}\n");
    let chars: Vec<char> = text.chars().collect();
    for claim in &first.claims {
        let slice: String = chars[claim.start..claim.end].iter().collect();
        assert_eq!(slice, claim.text);
    }
}

#[test]
fn british_single_quotes_and_possessive_descriptions() {
    let extraction = run(
        "'We will not be rushed,' the transport secretary, Dana Hollis, said on Tuesday.\n\nLabour's rail spokesman, Ravi Menon, told the Courier: \"This is a shambles.\"",
    );
    let (rushed, source) = claim(&extraction, "We will not be rushed");
    assert_eq!(source, Some("Dana Hollis"));
    assert_eq!(rushed.attribution, Attribution::DirectQuote);
    let (shambles, source) = claim(&extraction, "This is a shambles");
    assert_eq!(source, Some("Ravi Menon"));
    assert_eq!(shambles.cue.as_ref().map(|c| c.text.as_str()), Some("told"));
    let menon = extraction
        .sources
        .iter()
        .find(|s| s.name == "Ravi Menon")
        .expect("Menon");
    assert_eq!(menon.role.as_deref(), Some("Labour's rail spokesman"));
}

#[test]
fn according_to_stops_before_a_participle_and_spokespeople_speak_for_their_body() {
    let extraction = run(
        "The plan would cost 4.2 billion, according to Treasury estimates seen by the Courier. A spokesperson for Network Rail said the company welcomed the plan.",
    );
    assert_eq!(
        claim(&extraction, "The plan would cost 4.2 billion").1,
        Some("Treasury estimates")
    );
    assert!(
        !extraction
            .claims
            .iter()
            .any(|c| c.cue.as_ref().is_some_and(|q| q.text == "estimates"))
    );
    let (_, source) = claim(&extraction, "the company welcomed the plan");
    assert_eq!(source, Some("Network Rail"));
    let rail = extraction
        .sources
        .iter()
        .find(|s| s.name == "Network Rail")
        .expect("Network Rail");
    assert_eq!(rail.kind.as_str(), "organization");
    assert_eq!(rail.role.as_deref(), Some("spokesperson"));
}

#[test]
fn plural_possessive_subject() {
    assert_claim(
        "The dockers' union said on Friday that its members would return to work.",
        "its members would return to work",
        Some("dockers' union"),
        Some("said"),
        Attribution::Indirect,
    );
}

#[test]
fn trailing_unnamed_source_with_a_modifier_that_is_also_a_verb() {
    // "state" is also a reporting verb; before a source noun it is a modifier.
    assert_claim(
        "Around 900 homes lost power on Sunday, state officials said.",
        "Around 900 homes lost power on Sunday",
        Some("state officials"),
        Some("said"),
        Attribution::Indirect,
    );
    assert_claim(
        "Residents were told to boil their water, state health officials said.",
        "Residents were told to boil their water",
        Some("state health officials"),
        Some("said"),
        Attribution::Indirect,
    );
    assert_claim(
        "The road stayed closed overnight, state police said.",
        "The road stayed closed overnight",
        Some("state police"),
        Some("said"),
        Attribution::Indirect,
    );
}

#[test]
fn an_outlet_a_source_spoke_to_is_its_venue() {
    let extraction =
        run("Crews found a second leak, fire chief Nora Bell told the Harlan Gazette.");
    let (claim, source) = claim(&extraction, "Crews found a second leak");
    assert!(
        source.is_some_and(|s| s.contains("Nora Bell")),
        "{source:?}"
    );
    assert_eq!(
        claim.venue.as_ref().map(|v| v.text.as_str()),
        Some("Harlan Gazette")
    );
}
