//! Preferences on the command line: the saved file (what the window's Preferences write),
//! environment variables over it and flags over both, as `crosscheck export` uses them.

use std::path::Path;
use std::process::{Command, Output};

/// Every variable the preferences read, cleared so the tests see only what they set.
const PREFERENCE_VARS: [&str; 7] = [
    "CROSSCHECK_REVIEWER",
    "CROSSCHECK_ORGANISATION",
    "CROSSCHECK_ORGANISATION_URL",
    "CROSSCHECK_PUBLISH_URL",
    "CROSSCHECK_EXPORT_DIR",
    "CROSSCHECK_THEME",
    "CROSSCHECK_TEXT_SIZE",
];

fn crosscheck(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    for var in PREFERENCE_VARS {
        command.env_remove(var);
    }
    command
        .envs(env.iter().copied())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A Markdown report whose front matter gives its web address and date, with one claim
/// marked misleading in `store`.
fn marked_article(dir: &Path, store: &Path) -> String {
    let path = dir.join("tolls.md");
    std::fs::write(
        &path,
        "---\n\
         title: Bridge tolls to rise\n\
         outlet: The Valley Courier\n\
         date: 2025-03-04\n\
         source_url: https://courier.example.com/2025/03/tolls\n\
         ---\n\
         Mayor Ilse Varga said the toll would rise by 12 per cent in May.\n",
    )
    .expect("fixture written");
    let file = path.display().to_string();
    let marked = crosscheck(
        store,
        &[
            "mark",
            &file,
            "--match",
            "12 per cent",
            "--status",
            "misleading",
        ],
        &[],
    );
    assert!(marked.status.success(), "{}", stderr(&marked));
    file
}

fn claimreview(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).expect("ClaimReview JSON on stdout")
}

#[test]
fn without_preferences_claimreview_warns_that_it_is_not_publishable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let file = marked_article(dir.path(), &store);
    let run = crosscheck(&store, &["export", &file, "--format", "claimreview"], &[]);
    let value = claimreview(&run);
    assert!(
        stderr(&run).contains("not publishable"),
        "stderr: {}",
        stderr(&run)
    );
    assert!(value["_warning"].to_string().contains("not publishable"));
    let review = &value["@graph"][0];
    assert!(review.get("url").is_none(), "{review}");
    assert!(review.get("author").is_none(), "{review}");
    // The article's own address comes from its front matter.
    assert_eq!(
        review["itemReviewed"]["appearance"]["url"],
        "https://courier.example.com/2025/03/tolls"
    );
    assert_eq!(review["itemReviewed"]["datePublished"], "2025-03-04");
}

#[test]
fn flags_override_the_environment_which_overrides_the_saved_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let file = marked_article(dir.path(), &store);
    std::fs::write(
        store.join("preferences.json"),
        r#"{"reviewer": "Saved Reviewer", "organisation": "Saved Desk",
            "publish_url": "https://saved.example.org/checks/"}"#,
    )
    .expect("preferences written");

    let saved = claimreview(&crosscheck(
        &store,
        &["export", &file, "--format", "claimreview"],
        &[],
    ));
    let review = &saved["@graph"][0];
    assert_eq!(review["author"]["name"], "Saved Desk");
    assert_eq!(review["creator"]["name"], "Saved Reviewer");
    let url = review["url"].as_str().expect("a url");
    assert!(
        url.starts_with("https://saved.example.org/checks/the-toll-would-rise-by-12-"),
        "{url}"
    );
    assert!(saved.get("_warning").is_none(), "{}", saved["_warning"]);

    let run = crosscheck(
        &store,
        &[
            "export",
            &file,
            "--format",
            "claimreview",
            "--organisation",
            "Flag Desk",
            "--organisation-url",
            "https://flagdesk.example.org",
        ],
        &[
            ("CROSSCHECK_ORGANISATION", "Env Desk"),
            ("CROSSCHECK_REVIEWER", "Env Reviewer"),
            (
                "CROSSCHECK_PUBLISH_URL",
                "https://env.example.org/r/{slug}.html",
            ),
        ],
    );
    let value = claimreview(&run);
    let review = &value["@graph"][0];
    assert_eq!(review["author"]["name"], "Flag Desk");
    assert_eq!(review["author"]["url"], "https://flagdesk.example.org");
    assert_eq!(review["creator"]["name"], "Env Reviewer");
    let env_url = review["url"].as_str().expect("a url");
    assert!(
        env_url.starts_with("https://env.example.org/r/") && env_url.ends_with(".html"),
        "{env_url}"
    );
    // The slug is the same under either base: the claim's address is stable.
    let slug = |url: &str| {
        url.rsplit('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".html")
            .to_owned()
    };
    assert_eq!(slug(url), slug(env_url));
    assert!(
        !stderr(&run).contains("not publishable"),
        "{}",
        stderr(&run)
    );

    let markdown = crosscheck(
        &store,
        &["export", &file, "--reviewer", "Flag Reviewer"],
        &[],
    );
    assert!(markdown.status.success(), "{}", stderr(&markdown));
    let report = String::from_utf8_lossy(&markdown.stdout);
    assert!(
        report.contains("**Reviewed by:** Flag Reviewer, Saved Desk"),
        "{report}"
    );
}

#[test]
fn save_writes_into_the_default_export_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let file = marked_article(dir.path(), &store);
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).expect("exports folder");

    let missing = crosscheck(&store, &["export", &file, "--save"], &[]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("export folder"),
        "{}",
        stderr(&missing)
    );

    let exports_text = exports.display().to_string();
    let run = crosscheck(
        &store,
        &["export", &file, "--format", "csv", "--save"],
        &[("CROSSCHECK_EXPORT_DIR", exports_text.as_str())],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let written = std::fs::read_to_string(exports.join("tolls.notes.csv")).expect("saved");
    assert!(written.contains("misleading"), "{written}");

    // `-o` naming a folder writes the usual file name into it.
    let run = crosscheck(&store, &["export", &file, "-o", &exports_text], &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(exports.join("tolls.notes.md").is_file());
}

#[test]
fn unusable_values_are_refused_or_warned_about() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let file = marked_article(dir.path(), &store);
    let bad_flag = crosscheck(&store, &["export", &file, "--theme", "purple"], &[]);
    assert_eq!(bad_flag.status.code(), Some(2));
    assert!(
        stderr(&bad_flag).contains("light, dark"),
        "{}",
        stderr(&bad_flag)
    );
    let bad_size = crosscheck(&store, &["export", &file, "--text-size", "500"], &[]);
    assert_eq!(bad_size.status.code(), Some(2));

    let bad_env = crosscheck(
        &store,
        &["export", &file],
        &[("CROSSCHECK_TEXT_SIZE", "enormous")],
    );
    assert!(bad_env.status.success(), "{}", stderr(&bad_env));
    assert!(
        stderr(&bad_env).contains("CROSSCHECK_TEXT_SIZE"),
        "{}",
        stderr(&bad_env)
    );

    std::fs::write(store.join("preferences.json"), "{broken").expect("written");
    let broken = crosscheck(&store, &["export", &file], &[]);
    assert!(broken.status.success(), "{}", stderr(&broken));
    assert!(
        stderr(&broken).contains("preferences.json"),
        "{}",
        stderr(&broken)
    );
}
