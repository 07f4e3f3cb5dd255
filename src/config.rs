//! The configuration file (`config.toml`): the feeds, how to fetch them, how to display them
//! and the key bindings. [`Config::load`] reads it; [`DEFAULT_CONFIG`] is the documented file
//! written on first run.

use anyhow::Context;
use khabar_feeds::{FetchOptions, Subscription};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// The documented default configuration (the repository's `config.toml`), written to the
/// platform's config directory on first run.
pub const DEFAULT_CONFIG: &str = include_str!("../config.toml");

/// The whole configuration file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The `[[feeds]]` tables. Feeds added with `khabar feeds add` live in the database beside
    /// these.
    #[serde(default)]
    pub feeds: Vec<Subscription>,
    /// The `[fetch]` table.
    #[serde(default)]
    pub fetch: FetchConfig,
    /// The `[display]` table.
    #[serde(default)]
    pub display: DisplayConfig,
    /// The `[keys]` table: action name → key, interpreted by the reader.
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
}

/// The `[fetch]` table: limits and politeness of the HTTP client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FetchConfig {
    /// How many requests run at once, all hosts together.
    pub concurrency: usize,
    /// How many requests run at once against one host.
    pub per_host: usize,
    /// Total time allowed for one request, in seconds.
    pub timeout_secs: u64,
    /// Largest body accepted, in bytes, after decompression.
    pub max_bytes: u64,
    /// The `User-Agent` header sent with every request.
    pub user_agent: String,
}

impl Default for FetchConfig {
    fn default() -> FetchConfig {
        let defaults = FetchOptions::default();
        FetchConfig {
            concurrency: defaults.concurrency,
            per_host: defaults.per_host,
            timeout_secs: defaults.timeout.as_secs(),
            max_bytes: defaults.max_bytes,
            user_agent: defaults.user_agent,
        }
    }
}

impl FetchConfig {
    /// The fetcher's options: these limits, the other options at their defaults.
    pub fn options(&self) -> FetchOptions {
        FetchOptions {
            concurrency: self.concurrency,
            per_host: self.per_host,
            timeout: Duration::from_secs(self.timeout_secs),
            max_bytes: self.max_bytes,
            user_agent: self.user_agent.clone(),
            ..FetchOptions::default()
        }
    }
}

/// The `[display]` table: how the reader shows text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DisplayConfig {
    /// The language of the reader's own labels.
    pub lang: Lang,
    /// Who reorders right-to-left text for display.
    pub bidi: BidiMode,
}

/// The language of the reader's labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic labels.
    #[default]
    Ar,
    /// English labels.
    En,
}

/// Who lays out bidirectional text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BidiMode {
    /// khabar reorders each line to visual order (for terminals that do no BiDi).
    #[default]
    App,
    /// The terminal reorders (Konsole, mlterm, GNOME Terminal): khabar writes logical order.
    Terminal,
    /// No reordering at all.
    Off,
}

impl Config {
    /// Reads and checks the configuration file. A syntax error names the line and column.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the configuration {}", path.display()))?;
        Config::parse(&text).with_context(|| format!("in the configuration {}", path.display()))
    }

    /// Reads the configuration file, first writing [`DEFAULT_CONFIG`] there (and creating its
    /// directory) when it does not exist.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Config> {
        if !path.exists() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create the directory {}", dir.display()))?;
            }
            std::fs::write(path, DEFAULT_CONFIG)
                .with_context(|| format!("cannot write the configuration {}", path.display()))?;
        }
        Config::load(path)
    }

    /// Parses and checks the text of a configuration file.
    pub fn parse(text: &str) -> anyhow::Result<Config> {
        let config: Config = toml::from_str(text)?;
        config.check()?;
        Ok(config)
    }

    /// Rejects values that would make fetching impossible.
    fn check(&self) -> anyhow::Result<()> {
        let fetch = &self.fetch;
        anyhow::ensure!(
            fetch.concurrency >= 1,
            "[fetch] concurrency must be at least 1"
        );
        anyhow::ensure!(fetch.per_host >= 1, "[fetch] per_host must be at least 1");
        anyhow::ensure!(
            fetch.timeout_secs >= 1,
            "[fetch] timeout_secs must be at least 1"
        );
        anyhow::ensure!(
            fetch.max_bytes >= 1024,
            "[fetch] max_bytes must be at least 1024"
        );
        for (i, feed) in self.feeds.iter().enumerate() {
            anyhow::ensure!(
                !feed.url.trim().is_empty(),
                "feed number {} has an empty url",
                i + 1
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar_feeds::FullText;

    #[test]
    fn the_default_config_parses_with_real_outlets() {
        let config = Config::parse(DEFAULT_CONFIG).unwrap();
        assert!(config.feeds.len() >= 10);
        assert!(config.feeds.iter().all(|f| f.url.starts_with("https://")));
        assert_eq!(config.display.lang, Lang::Ar);
        assert_eq!(config.display.bidi, BidiMode::App);
    }

    #[test]
    fn full_text_accepts_booleans_and_auto() {
        let config = Config::parse(
            r#"
            [[feeds]]
            url = "https://a.example/rss"
            full_text = true
            [[feeds]]
            url = "https://b.example/rss"
            full_text = "auto"
            [[feeds]]
            url = "https://c.example/rss"
            title = "سي"
            "#,
        )
        .unwrap();
        let modes: Vec<FullText> = config.feeds.iter().map(|f| f.full_text).collect();
        assert_eq!(modes, [FullText::Always, FullText::Auto, FullText::Auto]);
        assert_eq!(config.feeds[2].title.as_deref(), Some("سي"));
    }

    #[test]
    fn syntax_errors_name_the_line_and_typos_are_refused() {
        let err = Config::parse("[fetch]\nconcurrency = = 3\n").unwrap_err();
        assert!(format!("{err:#}").contains("line 2"), "{err:#}");
        let err = Config::parse("[fetch]\nconcurency = 3\n").unwrap_err();
        assert!(format!("{err:#}").contains("concurency"), "{err:#}");
        let err = Config::parse("[fetch]\nconcurrency = 0\n").unwrap_err();
        assert!(format!("{err:#}").contains("concurrency"), "{err:#}");
    }

    #[test]
    fn load_or_create_writes_the_default_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        let first = Config::load_or_create(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), DEFAULT_CONFIG);
        std::fs::write(&path, "[display]\nlang = \"en\"\n").unwrap();
        let second = Config::load_or_create(&path).unwrap();
        assert_eq!(second.display.lang, Lang::En);
        assert_ne!(first, second);
    }
}
