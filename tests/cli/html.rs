//! `crosscheck extract` on a saved web page.

use crate::html_fixture::fixture;

#[test]
fn extract_json_shows_the_page_metadata() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args([
            "extract",
            &fixture("jsonld.html").to_string_lossy(),
            "--json",
        ])
        .output();
    let output = match output {
        Ok(output) => output,
        Err(err) => panic!("cannot run the binary: {err}"),
    };
    assert!(output.status.success());
    let json: serde_json::Value = match serde_json::from_slice(&output.stdout) {
        Ok(json) => json,
        Err(err) => panic!("not JSON: {err}"),
    };
    let document = &json["document"];
    assert_eq!(document["format"], "html");
    assert_eq!(document["byline"], "Maria Testwell and Tomas Exampleton");
    assert_eq!(document["outlet"], "The Coastline Courier");
    assert_eq!(document["published"], "2024-05-17T08:30:00+01:00");
}
