//! Finding the installed translation directions in an Apertium modes directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use loa_domain::Lang;

use crate::TranslateError;

/// One installed direction: a mode file that translates `from` into `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeFile {
    pub from: Lang,
    pub to: Lang,
    /// The mode's name as Apertium spells it (`eng-spa`, `es-pt`).
    pub name: String,
    pub path: PathBuf,
}

/// Why a mode file name does not give a plain language direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModeNameRejection {
    /// A regional or orthographic variant (`es-pt_BR`, `eng-cat_valencia`):
    /// the plain direction is what loa publishes.
    Variant,
    /// Not `source-target` (`eco-es-fr`, debug modes with extra parts).
    NotADirection,
    /// A language loa has no `Lang` for (`oc-es`).
    UnknownLanguage(String),
    /// Source and target are the same language.
    SameLanguage,
}

/// Reads a mode name (file stem) as a direction between two languages.
pub fn parse_mode_name(stem: &str) -> Result<(Lang, Lang), ModeNameRejection> {
    let parts: Vec<&str> = stem.split('-').collect();
    if parts.len() != 2 || parts.iter().any(|p| p.is_empty()) {
        return Err(ModeNameRejection::NotADirection);
    }
    // Checked before parsing: `Lang::from_str` would happily read `pt_BR` as `pt`.
    if stem.contains('_') {
        return Err(ModeNameRejection::Variant);
    }
    let lang = |code: &str| -> Result<Lang, ModeNameRejection> {
        if !(2..=3).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(ModeNameRejection::NotADirection);
        }
        code.parse::<Lang>().map_err(|_| ModeNameRejection::UnknownLanguage(code.to_string()))
    };
    let from = lang(parts[0])?;
    let to = lang(parts[1])?;
    if from == to {
        return Err(ModeNameRejection::SameLanguage);
    }
    Ok((from, to))
}

/// Scans `modes_dir` for `*.mode` files and keeps one mode per direction.
///
/// File names are visited in sorted order, so when two names map to the same
/// direction (`en-es` and `eng-spa`) the choice is stable between runs.
pub fn scan_modes_dir(modes_dir: &Path) -> Result<BTreeMap<(Lang, Lang), ModeFile>, TranslateError> {
    let read_err = |source| TranslateError::ModesDir { path: modes_dir.to_path_buf(), source };
    let mut names: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(modes_dir).map_err(read_err)? {
        let path = entry.map_err(read_err)?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("mode") || !path.is_file() {
            continue;
        }
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            names.push((stem.to_string(), path.clone()));
        }
    }
    names.sort();

    let mut found = BTreeMap::new();
    for (stem, path) in names {
        match parse_mode_name(&stem) {
            Ok((from, to)) => {
                if let Some(kept) = found.get(&(from, to)) {
                    let kept: &ModeFile = kept;
                    tracing::debug!(mode = %stem, kept = %kept.name, "duplicate Apertium direction ignored");
                    continue;
                }
                found.insert((from, to), ModeFile { from, to, name: stem, path });
            }
            Err(why) => tracing::debug!(mode = %stem, ?why, "Apertium mode skipped"),
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_names_map_to_directions() {
        assert_eq!(parse_mode_name("eng-spa"), Ok((Lang::En, Lang::Es)));
        assert_eq!(parse_mode_name("es-pt"), Ok((Lang::Es, Lang::Pt)));
        assert_eq!(parse_mode_name("rus-ukr"), Ok((Lang::Ru, Lang::Uk)));
        assert_eq!(parse_mode_name("fr-es"), Ok((Lang::Fr, Lang::Es)));
        assert_eq!(parse_mode_name("es-pt_BR"), Err(ModeNameRejection::Variant));
        assert_eq!(parse_mode_name("eng-cat_valencia_uni_iec2017"), Err(ModeNameRejection::Variant));
        assert_eq!(parse_mode_name("spa-eng_US"), Err(ModeNameRejection::Variant));
        assert_eq!(parse_mode_name("eco-es-fr"), Err(ModeNameRejection::NotADirection));
        assert_eq!(parse_mode_name("eng-spa-anmor"), Err(ModeNameRejection::NotADirection));
        assert_eq!(parse_mode_name("ENG-spa"), Err(ModeNameRejection::NotADirection));
        assert_eq!(parse_mode_name("oc-es"), Err(ModeNameRejection::UnknownLanguage("oc".into())));
        assert_eq!(parse_mode_name("spa-es"), Err(ModeNameRejection::SameLanguage));
    }

    #[test]
    fn scan_keeps_plain_directions_only() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "es-pt.mode",
            "es-pt_BR.mode",
            "eco-es-fr.mode",
            "eng-spa.mode",
            "en-es.mode",
            "eng-cat_valencia.mode",
            "oc-es.mode",
            "README",
            "fr-es.mode.bak",
        ] {
            std::fs::write(dir.path().join(name), "cat\n").unwrap();
        }
        let found = scan_modes_dir(dir.path()).unwrap();
        let keys: Vec<(Lang, Lang)> = found.keys().copied().collect();
        assert_eq!(keys, vec![(Lang::En, Lang::Es), (Lang::Es, Lang::Pt)]);
        // `en-es` sorts before `eng-spa`, so it is the one kept.
        assert_eq!(found[&(Lang::En, Lang::Es)].name, "en-es");
        assert_eq!(found[&(Lang::Es, Lang::Pt)].path, dir.path().join("es-pt.mode"));
    }

    #[test]
    fn missing_dir_is_a_clear_error() {
        let err = scan_modes_dir(Path::new("/nonexistent/loa/modes")).unwrap_err();
        assert!(matches!(err, TranslateError::ModesDir { .. }));
        assert!(err.to_string().contains("/nonexistent/loa/modes"), "{err}");
    }
}
