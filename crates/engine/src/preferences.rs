//! The person's preferences, shared by the window and the command line: who signs the fact
//! checks and where they are published (what a ClaimReview export needs), the default export
//! folder, the theme and the text size.
//!
//! They are saved as `preferences.json` in the notes store's folder. For one run, environment
//! variables ([`ENV_VARS`]) override the file, and command-line flags override both:
//! [`Preferences::overlay`] puts the set fields of one over another.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::Publishing;

/// The file the preferences are saved in, in the notes store's folder.
pub const FILE_NAME: &str = "preferences.json";

/// Largest preferences file read, in bytes.
const MAX_FILE_BYTES: u64 = 256 * 1024;

/// The environment variables read by [`Preferences::from_env`], with what each sets.
pub const ENV_VARS: [(&str, &str); 7] = [
    ("CROSSCHECK_REVIEWER", "the reviewer's name"),
    ("CROSSCHECK_ORGANISATION", "the fact-checking organisation"),
    (
        "CROSSCHECK_ORGANISATION_URL",
        "the organisation's web address",
    ),
    (
        "CROSSCHECK_PUBLISH_URL",
        "the base URL reviews are published under",
    ),
    ("CROSSCHECK_EXPORT_DIR", "the default export folder"),
    ("CROSSCHECK_THEME", "the window's theme: light or dark"),
    ("CROSSCHECK_TEXT_SIZE", "the article's text size in points"),
];

/// The window's colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
}

impl Theme {
    /// Parses `light` or `dark` (any case).
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }
}

/// The preferences; a field left `None` is not set (and takes its default, or the value of a
/// layer below in [`Preferences::overlay`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The reviewer's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// The fact-checking organisation the reviews are published by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The organisation's web address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation_url: Option<String>,
    /// The base URL reviews are published under (ClaimReview `url` = this + a claim slug).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publish_url: Option<String>,
    /// Where exports are saved by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub export_dir: Option<PathBuf>,
    /// The window's theme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<Theme>,
    /// The article's text size in points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_size: Option<f32>,
}

impl Preferences {
    /// Where the preferences of the store in `dir` are saved.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(FILE_NAME)
    }

    /// Reads the preferences saved in `dir`; none saved gives the defaults. A file that cannot
    /// be read is an error naming it (the caller keeps the defaults and says so).
    pub fn load(dir: &Path) -> Result<Self, String> {
        let path = Self::path(dir);
        let metadata = match std::fs::metadata(&path) {
            Ok(metadata) => metadata,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(err) => return Err(format!("cannot read {} ({err})", path.display())),
        };
        if !metadata.is_file() || metadata.len() > MAX_FILE_BYTES {
            return Err(format!(
                "cannot read {} (not a small regular file)",
                path.display()
            ));
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|err| format!("cannot read {} ({err})", path.display()))?;
        serde_json::from_str(&text).map_err(|err| format!("cannot read {} ({err})", path.display()))
    }

    /// Saves the preferences in `dir`, whole or not at all.
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        let path = Self::path(dir);
        std::fs::create_dir_all(dir)
            .map_err(|err| format!("cannot save {} ({err})", path.display()))?;
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        crate::export::write_export(&path, &text)
            .map_err(|err| format!("cannot save {} ({err})", path.display()))
    }

    /// The preferences set by the process's environment variables ([`ENV_VARS`]), and a
    /// message for each one set to something unusable.
    pub fn from_env() -> (Self, Vec<String>) {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// The preferences set by the variables `var` returns (see [`Self::from_env`]).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> (Self, Vec<String>) {
        let text = |name: &str| {
            var(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut problems = Vec::new();
        let theme = text("CROSSCHECK_THEME").and_then(|value| {
            let theme = Theme::parse(&value);
            if theme.is_none() {
                problems.push(format!(
                    "CROSSCHECK_THEME={value:?} is not light or dark; ignored"
                ));
            }
            theme
        });
        let text_size = text("CROSSCHECK_TEXT_SIZE").and_then(|value| {
            let size = parse_text_size(&value);
            if size.is_none() {
                problems.push(format!(
                    "CROSSCHECK_TEXT_SIZE={value:?} is not a size in points; ignored"
                ));
            }
            size
        });
        let prefs = Self {
            reviewer: text("CROSSCHECK_REVIEWER"),
            organisation: text("CROSSCHECK_ORGANISATION"),
            organisation_url: text("CROSSCHECK_ORGANISATION_URL"),
            publish_url: text("CROSSCHECK_PUBLISH_URL"),
            export_dir: text("CROSSCHECK_EXPORT_DIR").map(PathBuf::from),
            theme,
            text_size,
        };
        (prefs, problems)
    }

    /// These preferences with every field set in `over` replaced by `over`'s.
    #[must_use]
    pub fn overlay(&self, over: &Self) -> Self {
        Self {
            reviewer: over.reviewer.clone().or_else(|| self.reviewer.clone()),
            organisation: over
                .organisation
                .clone()
                .or_else(|| self.organisation.clone()),
            organisation_url: over
                .organisation_url
                .clone()
                .or_else(|| self.organisation_url.clone()),
            publish_url: over
                .publish_url
                .clone()
                .or_else(|| self.publish_url.clone()),
            export_dir: over.export_dir.clone().or_else(|| self.export_dir.clone()),
            theme: over.theme.or(self.theme),
            text_size: over.text_size.or(self.text_size),
        }
    }

    /// The names of the fields `self` sets (for "set by the environment" hints).
    pub fn set_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        let mut mark = |is_set: bool, name| {
            if is_set {
                fields.push(name);
            }
        };
        mark(self.reviewer.is_some(), "reviewer");
        mark(self.organisation.is_some(), "organisation");
        mark(self.organisation_url.is_some(), "organisation_url");
        mark(self.publish_url.is_some(), "publish_url");
        mark(self.export_dir.is_some(), "export_dir");
        mark(self.theme.is_some(), "theme");
        mark(self.text_size.is_some(), "text_size");
        fields
    }

    /// What a ClaimReview export needs from these preferences.
    pub fn publishing(&self) -> Publishing {
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        Publishing {
            reviewer: clean(&self.reviewer),
            organisation: clean(&self.organisation),
            organisation_url: clean(&self.organisation_url),
            base_url: clean(&self.publish_url),
        }
    }
}

/// Parses a text size in points (a number from 6 to 72).
pub fn parse_text_size(text: &str) -> Option<f32> {
    let size: f32 = text.trim().trim_end_matches("pt").trim().parse().ok()?;
    (size.is_finite() && (6.0..=72.0).contains(&size)).then_some(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_over_environment_over_file() {
        let file = Preferences {
            reviewer: Some("From file".to_owned()),
            organisation: Some("File Org".to_owned()),
            theme: Some(Theme::Light),
            ..Preferences::default()
        };
        let (env, problems) = Preferences::from_vars(|name| match name {
            "CROSSCHECK_REVIEWER" => Some("From env".to_owned()),
            "CROSSCHECK_THEME" => Some("purple".to_owned()),
            "CROSSCHECK_TEXT_SIZE" => Some("19".to_owned()),
            _ => None,
        });
        assert_eq!(problems.len(), 1, "{problems:?}");
        let flags = Preferences {
            text_size: Some(21.0),
            ..Preferences::default()
        };
        let effective = file.overlay(&env).overlay(&flags);
        assert_eq!(effective.reviewer.as_deref(), Some("From env"));
        assert_eq!(effective.organisation.as_deref(), Some("File Org"));
        assert_eq!(effective.theme, Some(Theme::Light));
        assert_eq!(effective.text_size, Some(21.0));
    }

    #[test]
    fn saved_preferences_load_back_and_a_broken_file_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(Preferences::load(dir.path()), Ok(Preferences::default()));
        let prefs = Preferences {
            publish_url: Some("https://checks.example.org/reviews".to_owned()),
            export_dir: Some(PathBuf::from("/tmp/exports")),
            text_size: Some(18.0),
            ..Preferences::default()
        };
        prefs.save(dir.path()).expect("saves");
        assert_eq!(Preferences::load(dir.path()), Ok(prefs));
        std::fs::write(Preferences::path(dir.path()), "{not json").expect("write");
        let err = Preferences::load(dir.path()).expect_err("broken file");
        assert!(err.contains(FILE_NAME), "{err}");
    }
}
