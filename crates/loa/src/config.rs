//! Configuration: built-in defaults, then a TOML file, then `LOA_*`
//! environment variables, then command-line flags — each overriding the last.

use anyhow::{bail, Context};
use loa_domain::Lang;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Holds `loa.db` (the store, unless `database_url` names another) and
    /// `index/` (this node's search index).
    pub data_dir: PathBuf,
    /// The store: `sqlite:PATH` or `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`.
    /// Empty: the SQLite file `loa.db` in `data_dir`.
    pub database_url: String,
    pub listen: SocketAddr,
    /// Public address of the site, for sitemaps and canonical links.
    /// Empty means `http://<listen>`.
    pub base_url: String,
    /// Reverse proxies in front of `loa serve` (addresses or ranges such
    /// as `127.0.0.1` or `10.0.0.0/8`): their `X-Forwarded-For` names the
    /// reader. Empty: readers connect directly.
    pub trusted_proxies: Vec<String>,
    /// How long a CDN may keep a reader page (`s-maxage`), and whether
    /// this node's page cache may serve a story page whose side lists a
    /// change could have lengthened (for five minutes, or this if longer;
    /// 0: never, only pages nothing has changed since). Pages that show a
    /// changed story are dropped at once whatever this says.
    pub page_cache_secs: u64,
    /// Memory for rendered reader pages, in MiB (0: no page cache, every
    /// request renders).
    pub page_cache_mib: u64,
    /// Keep every reader page rendered in `pages.db` in `data_dir` too, so
    /// that pages gone from memory (or never asked for since this node
    /// started) are read back instead of rendered. Derived like the search
    /// index: delete the file at will, `loa render-pages` refills it.
    pub stored_pages: bool,
    /// Feeds carry each story whole (`content`), not only its summary.
    pub feed_full_text: bool,
    /// Addresses or ranges besides this machine that may read `/metrics`
    /// (a Prometheus server elsewhere), e.g. `10.0.0.0/8`.
    pub metrics_from: Vec<String>,
    /// Languages readers are offered and articles are translated into
    /// (where an engine reaches them).
    pub languages: Vec<Lang>,
    pub default_lang: Lang,
    pub apertium_modes_dir: PathBuf,
    /// Publish machine translations that pass the checks without waiting
    /// for a reviewer.
    pub auto_publish: bool,
    pub fetch: FetchSettings,
    /// Worker tasks that run jobs inside `loa serve`.
    pub workers: usize,
    /// How long a claimed job is reserved for its worker. A worker that
    /// dies (kill -9 included) gives its jobs back after this long.
    pub job_lease_secs: u64,
    /// How often `loa serve` reads every followed feed (0: never).
    pub poll_interval_secs: u64,
    pub translate: TranslateSettings,
    /// Requests one client address may make per minute (0: no limit),
    /// counted in the store so every node shares them.
    pub limits: LimitSettings,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitSettings {
    /// Search pages (`/{lang}/search`) per address per minute.
    pub search_per_minute: u32,
    /// JSON API requests per address per minute.
    pub api_per_minute: u32,
}

impl Default for LimitSettings {
    fn default() -> Self {
        let d = loa_web::limits::Limits::default();
        LimitSettings { search_per_minute: d.search_per_minute, api_per_minute: d.api_per_minute }
    }
}

/// Which engines translate what, and the terms they must respect.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TranslateSettings {
    /// Engines in default order of preference, by name: `apertium`,
    /// `libretranslate`, `openai`, `deepl` (each HTTP engine needs its
    /// section below).
    pub engines: Vec<String>,
    /// Per language pair, the engines to try in order (falling back when
    /// one fails).
    pub routes: Vec<RouteSetting>,
    /// A TOML glossary (`[[term]] source = ..., target = ..., from, to`).
    pub glossary: Option<PathBuf>,
    pub libretranslate: Option<HttpEngineSettings>,
    pub openai: Option<HttpEngineSettings>,
    pub deepl: Option<HttpEngineSettings>,
}

impl Default for TranslateSettings {
    fn default() -> Self {
        TranslateSettings {
            engines: vec!["apertium".into()],
            routes: Vec::new(),
            glossary: None,
            libretranslate: None,
            openai: None,
            deepl: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteSetting {
    pub from: Lang,
    pub to: Lang,
    pub engines: Vec<String>,
}

/// Where an HTTP engine lives. `languages` lists the codes it may be asked
/// for (an OpenAI-compatible model has no list of its own).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpEngineSettings {
    pub url: String,
    #[serde(default)]
    pub api_key: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub languages: Vec<Lang>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetchSettings {
    pub user_agent: String,
    pub timeout_secs: u64,
    pub max_page_bytes: usize,
    pub max_image_bytes: usize,
    /// Internal address ranges that may be fetched anyway (CIDR, e.g.
    /// `10.1.0.0/16`). Empty by default: loopback, private, link-local and
    /// metadata addresses are refused, so a hostile feed cannot reach them.
    pub allow_addresses: Vec<String>,
    /// Honour each site's robots.txt for loa's user agent.
    pub obey_robots: bool,
    /// Least time between two requests to one host, in milliseconds (a
    /// site's `Crawl-delay` may ask for more).
    pub per_host_interval_ms: u64,
    /// An HTTP(S) proxy for every fetch (`http://host:port`). Empty: no
    /// proxy; the environment's `HTTP_PROXY` and kin are never used. The
    /// address guard still judges each target, not the proxy.
    pub proxy: String,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            user_agent: format!("loa/{} (news promotion platform)", env!("CARGO_PKG_VERSION")),
            timeout_secs: 20,
            max_page_bytes: 8 * 1024 * 1024,
            max_image_bytes: 5 * 1024 * 1024,
            allow_addresses: Vec::new(),
            obey_robots: true,
            per_host_interval_ms: 1000,
            proxy: String::new(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("loa-data"),
            database_url: String::new(),
            listen: "127.0.0.1:8080".parse().expect("valid default address"),
            base_url: String::new(),
            trusted_proxies: Vec::new(),
            page_cache_secs: 10,
            page_cache_mib: 256,
            stored_pages: true,
            feed_full_text: false,
            metrics_from: Vec::new(),
            // Every language the interface is written in.
            languages: loa_i18n::Locales::supported().to_vec(),
            default_lang: Lang::En,
            apertium_modes_dir: PathBuf::from("/usr/share/apertium/modes"),
            auto_publish: true,
            fetch: FetchSettings::default(),
            workers: 4,
            job_lease_secs: 120,
            poll_interval_secs: 900,
            translate: TranslateSettings::default(),
            limits: LimitSettings::default(),
        }
    }
}

impl Config {
    /// Reads the file (if any) and applies environment overrides from `env`:
    /// every key of the configuration can be set as `LOA_` and its path in
    /// capitals (`fetch.timeout_secs` is `LOA_FETCH_TIMEOUT_SECS`), lists as
    /// comma-separated values, booleans as `1`, `true` or `yes`.
    pub fn load(file: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        let mut table = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read configuration file {}", path.display()))?;
                let table: toml::Table =
                    toml::from_str(&text).with_context(|| format!("invalid configuration in {}", path.display()))?;
                // Unknown keys and wrong types in the file are named as the file's.
                Config::deserialize(toml::Value::Table(table.clone()))
                    .with_context(|| format!("invalid configuration in {}", path.display()))?;
                table
            }
            None => toml::Table::new(),
        };
        let defaults = toml::Table::try_from(Config::default()).context("the built-in defaults serialise")?;
        let file_table = table.clone();
        let mut set = Vec::new();
        for (name, path, like) in env_keys(&defaults) {
            if let Some(text) = env(&name) {
                let value = env_value(&like, &text).with_context(|| format!("{name}={text:?}"))?;
                insert_at(&mut table, &path, value.clone());
                set.push((name, text, path, value));
            }
        }
        let config = match Config::deserialize(toml::Value::Table(table)) {
            Ok(c) => c,
            Err(e) => {
                // Name the variable the configuration cannot take: the one
                // without which the rest would do.
                for (i, (name, text, _, _)) in set.iter().enumerate() {
                    let mut others = file_table.clone();
                    for (_, _, path, value) in set.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, s)| s) {
                        insert_at(&mut others, path, value.clone());
                    }
                    if Config::deserialize(toml::Value::Table(others)).is_ok() {
                        return Err(anyhow::anyhow!("{e}").context(format!("{name}={text:?}")));
                    }
                }
                let names: Vec<&str> = set.iter().map(|s| s.0.as_str()).collect();
                return Err(anyhow::anyhow!("{e}").context(format!("invalid configuration (environment: {})", names.join(", "))));
            }
        };
        config.validate()?;
        Ok(config)
    }

    pub fn validate(&self) -> anyhow::Result<()> {
        if self.languages.is_empty() {
            bail!("no languages configured");
        }
        if !self.languages.contains(&self.default_lang) {
            bail!("default_lang {} is not among languages", self.default_lang);
        }
        if self.workers == 0 {
            bail!("workers must be at least 1");
        }
        self.trusted_proxy_networks()?;
        self.metrics_networks()?;
        if !self.fetch.proxy.is_empty() {
            loa_ingest::fetch::check_proxy(&self.fetch.proxy).map_err(|e| anyhow::anyhow!("fetch.proxy: {e}"))?;
        }
        Ok(())
    }

    /// `metrics_from`, parsed.
    pub fn metrics_networks(&self) -> anyhow::Result<Vec<loa_web::client::Network>> {
        self.metrics_from
            .iter()
            .map(|p| loa_web::client::Network::parse(p).map_err(|e| anyhow::anyhow!("metrics_from: {e}")))
            .collect()
    }

    /// `trusted_proxies`, parsed.
    pub fn trusted_proxy_networks(&self) -> anyhow::Result<Vec<loa_web::client::Network>> {
        self.trusted_proxies
            .iter()
            .map(|p| loa_web::client::Network::parse(p).map_err(|e| anyhow::anyhow!("trusted_proxies: {e}")))
            .collect()
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("loa.db")
    }

    /// The store's URL: `database_url`, or the SQLite file in `data_dir`.
    pub fn database_url(&self) -> String {
        if self.database_url.is_empty() {
            format!("sqlite:{}", self.db_path().display())
        } else {
            self.database_url.clone()
        }
    }

    /// This node's stored pages (see `stored_pages`).
    pub fn pages_path(&self) -> PathBuf {
        self.data_dir.join("pages.db")
    }

    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }

    pub fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }

    pub fn base_url_for(&self, bound: SocketAddr) -> String {
        if self.base_url.is_empty() {
            format!("http://{bound}")
        } else {
            self.base_url.trim_end_matches('/').to_string()
        }
    }
}

/// Keys that have no value by default (absent sections) but may still be
/// set from the environment, with the kind of value each takes.
const OPTIONAL_KEYS: &[(&str, &str)] = &[
    ("translate.glossary", "string"),
    ("translate.libretranslate.url", "string"),
    ("translate.libretranslate.api_key", "string"),
    ("translate.openai.url", "string"),
    ("translate.openai.api_key", "string"),
    ("translate.openai.model", "string"),
    ("translate.openai.languages", "list"),
    ("translate.deepl.url", "string"),
    ("translate.deepl.api_key", "string"),
    ("translate.deepl.languages", "list"),
];

/// (variable, key path, a value of the key's kind) for every key of
/// `defaults` and [`OPTIONAL_KEYS`]. Lists of tables (`translate.routes`)
/// have no environment form.
fn env_keys(defaults: &toml::Table) -> Vec<(String, Vec<String>, toml::Value)> {
    fn walk(table: &toml::Table, path: &mut Vec<String>, out: &mut Vec<(String, Vec<String>, toml::Value)>) {
        for (key, value) in table {
            path.push(key.clone());
            match value {
                toml::Value::Table(t) => walk(t, path, out),
                toml::Value::Array(a) if a.first().is_some_and(|v| v.is_table()) || path.join(".") == "translate.routes" => {}
                v => out.push((format!("LOA_{}", path.join("_").to_ascii_uppercase()), path.clone(), v.clone())),
            }
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(defaults, &mut Vec::new(), &mut out);
    for (key, kind) in OPTIONAL_KEYS {
        let path: Vec<String> = key.split('.').map(str::to_string).collect();
        let like = if *kind == "list" { toml::Value::Array(Vec::new()) } else { toml::Value::String(String::new()) };
        out.push((format!("LOA_{}", path.join("_").to_ascii_uppercase()), path, like));
    }
    out
}

/// `text` read as a value of the same kind as `like`.
fn env_value(like: &toml::Value, text: &str) -> anyhow::Result<toml::Value> {
    Ok(match like {
        toml::Value::Integer(_) => toml::Value::Integer(text.trim().parse().context("a whole number is expected")?),
        toml::Value::Float(_) => toml::Value::Float(text.trim().parse().context("a number is expected")?),
        toml::Value::Boolean(_) => toml::Value::Boolean(matches!(text.trim(), "1" | "true" | "yes")),
        toml::Value::Array(_) => toml::Value::Array(
            text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| toml::Value::String(s.to_string())).collect(),
        ),
        _ => toml::Value::String(text.trim().to_string()),
    })
}

fn insert_at(table: &mut toml::Table, path: &[String], value: toml::Value) {
    let (last, parents) = path.split_last().expect("a key path is never empty");
    let mut here = table;
    for key in parents {
        let entry = here.entry(key.clone()).or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if !entry.is_table() {
            *entry = toml::Value::Table(toml::Table::new());
        }
        here = entry.as_table_mut().expect("made a table above");
    }
    here.insert(last.clone(), value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn trusted_proxies_are_read_and_checked() {
        let c = Config::load(None, env_of(&[("LOA_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")])).unwrap();
        assert_eq!(c.trusted_proxy_networks().unwrap().len(), 2);
        let err = Config::load(None, env_of(&[("LOA_TRUSTED_PROXIES", "10.0.0.0/40")])).unwrap_err();
        assert!(format!("{err:#}").contains("trusted_proxies: \"10.0.0.0/40\": the prefix must be 0 to 32"), "{err:#}");
    }

    #[test]
    fn the_fetch_proxy_is_a_setting_of_its_own() {
        assert_eq!(Config::default().fetch.proxy, "");
        // The environment's usual variable is not ours.
        assert_eq!(Config::load(None, env_of(&[("HTTP_PROXY", "http://127.0.0.1:3128")])).unwrap().fetch.proxy, "");
        let c = Config::load(None, env_of(&[("LOA_FETCH_PROXY", " http://127.0.0.1:3128 ")])).unwrap();
        assert_eq!(c.fetch.proxy, "http://127.0.0.1:3128");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loa.toml");
        std::fs::write(&path, "[fetch]\nproxy = \"http://proxy.internal:8080\"\n").unwrap();
        assert_eq!(Config::load(Some(&path), env_of(&[])).unwrap().fetch.proxy, "http://proxy.internal:8080");
        let err = Config::load(None, env_of(&[("LOA_FETCH_PROXY", "socks5://127.0.0.1:1080")])).unwrap_err();
        assert!(format!("{err:#}").contains("fetch.proxy"), "{err:#}");
    }

    #[test]
    fn file_then_env_override() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loa.toml");
        std::fs::write(&path, "listen = \"127.0.0.1:9000\"\nlanguages = [\"en\", \"es\"]\n[fetch]\ntimeout_secs = 5\n").unwrap();
        let c = Config::load(Some(&path), env_of(&[("LOA_LISTEN", "127.0.0.1:9100")])).unwrap();
        assert_eq!(c.listen.port(), 9100);
        assert_eq!(c.languages, vec![Lang::En, Lang::Es]);
        assert_eq!(c.fetch.timeout_secs, 5);
        assert_eq!(c.fetch.max_page_bytes, FetchSettings::default().max_page_bytes);
    }

    #[test]
    fn every_key_is_settable_from_the_environment() {
        let c = Config::load(
            None,
            env_of(&[
                ("LOA_FETCH_MAX_IMAGE_BYTES", "1234"),
                ("LOA_FETCH_USER_AGENT", "portal-bot/2"),
                ("LOA_TRANSLATE_ENGINES", "deepl, apertium"),
                ("LOA_TRANSLATE_DEEPL_URL", "https://api-free.deepl.com"),
                ("LOA_TRANSLATE_DEEPL_API_KEY", "k-123"),
                ("LOA_JOB_LEASE_SECS", "30"),
            ]),
        )
        .unwrap();
        assert_eq!(c.fetch.max_image_bytes, 1234);
        assert_eq!(c.fetch.user_agent, "portal-bot/2");
        assert_eq!(c.translate.engines, vec!["deepl".to_string(), "apertium".to_string()]);
        let deepl = c.translate.deepl.unwrap();
        assert_eq!((deepl.url.as_str(), deepl.api_key.as_deref()), ("https://api-free.deepl.com", Some("k-123")));
        assert_eq!(c.job_lease_secs, 30);
        // Every key of the defaults has its variable.
        let defaults = toml::Table::try_from(Config::default()).unwrap();
        let names: Vec<String> = env_keys(&defaults).into_iter().map(|k| k.0).collect();
        for expected in [
            "LOA_DATA_DIR",
            "LOA_DATABASE_URL",
            "LOA_FETCH_TIMEOUT_SECS",
            "LOA_FETCH_PROXY",
            "LOA_FEED_FULL_TEXT",
            "LOA_TRANSLATE_GLOSSARY",
        ] {
            assert!(names.contains(&expected.to_string()), "{expected} missing from {names:?}");
        }
        let err = Config::load(None, env_of(&[("LOA_FETCH_TIMEOUT_SECS", "soon")])).unwrap_err();
        assert!(format!("{err:#}").contains("LOA_FETCH_TIMEOUT_SECS=\"soon\""), "{err:#}");
    }

    #[test]
    fn rejects_bad_values_with_the_name() {
        let err = Config::load(None, env_of(&[("LOA_LANGUAGES", "en,xx")])).unwrap_err();
        assert!(format!("{err:#}").contains("LOA_LANGUAGES"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loa.toml");
        std::fs::write(&path, "lisen = \"x\"").unwrap();
        let err = Config::load(Some(&path), env_of(&[])).unwrap_err();
        assert!(format!("{err:#}").contains("invalid configuration"));
        let err = Config::load(None, env_of(&[("LOA_DEFAULT_LANG", "de")])).unwrap_err();
        assert!(err.to_string().contains("default_lang"));
    }
}
