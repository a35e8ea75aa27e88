//! TMX 1.4b, the exchange format of translation memories: export loa's
//! memory, import what other tools (CAT tools, other MT systems) made.
//!
//! Export writes one `<tu>` per (engine, pair, source), the engine in a
//! `<prop type="x-engine">`. Import accepts what other tools write: `xml:lang`
//! (TMX 1.4) or `lang` (TMX 1.1), region subtags (`en-US`), three-letter
//! codes, several `<tuv>` per `<tu>` (one unit per source/other pair), inline
//! markup inside `<seg>` (the text of `<hi>` is kept; the native codes in
//! `<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>` are dropped). Languages loa does
//! not know are skipped and counted, not an error.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDateTime, Utc};
use loa_domain::Lang;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// The engine recorded for units whose TMX says nothing of one.
pub const IMPORTED_ENGINE: &str = "tmx-import";

/// TMX's date format (ISO 8601 basic, UTC).
const TMX_DATE: &str = "%Y%m%dT%H%M%SZ";

/// One translation: a source segment and what `engine` made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TmxUnit {
    pub engine: String,
    pub from: Lang,
    pub to: Lang,
    pub source: String,
    pub target: String,
    pub created_at: Option<DateTime<Utc>>,
}

/// What [`read_tmx`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TmxImport {
    pub units: Vec<TmxUnit>,
    /// `<tuv>` elements skipped because loa does not know their language.
    pub skipped_tuvs: usize,
    /// Those languages, as written in the file.
    pub unknown_languages: BTreeSet<String>,
    /// `<tu>` elements that gave no unit: no variant in the source language,
    /// fewer than two usable variants, or empty segments.
    pub skipped_tus: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum TmxError {
    #[error("the TMX file is not well-formed XML near byte {position}: {detail}")]
    Xml { position: u64, detail: String },
    #[error("not a TMX file: the root element is <{0}>, expected <tmx>")]
    NotTmx(String),
    #[error("not a TMX file: it has no <tmx> element")]
    Empty,
    #[error("the TMX file is neither UTF-8 nor UTF-16 with a byte order mark: {0}")]
    Encoding(String),
}

/// Writes units as a TMX 1.4b document.
pub fn write_tmx(units: &[TmxUnit]) -> String {
    let mut sources: BTreeSet<Lang> = units.iter().map(|u| u.from).collect();
    let header_srclang = match (sources.len(), sources.pop_first()) {
        (1, Some(lang)) => lang.code(),
        _ => "*all*",
    };
    let mut out = String::with_capacity(256 + units.len() * 256);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<tmx version=\"1.4\">\n");
    let _ = writeln!(
        out,
        "  <header creationtool=\"loa\" creationtoolversion=\"{}\" datatype=\"plaintext\" \
         segtype=\"sentence\" adminlang=\"en\" srclang=\"{header_srclang}\" o-tmf=\"loa\"/>",
        escape(env!("CARGO_PKG_VERSION"), true)
    );
    out.push_str("  <body>\n");
    for unit in units {
        out.push_str("    <tu srclang=\"");
        out.push_str(unit.from.code());
        out.push('"');
        if let Some(at) = unit.created_at {
            let _ = write!(out, " creationdate=\"{}\"", at.format(TMX_DATE));
        }
        out.push_str(">\n");
        let _ = writeln!(out, "      <prop type=\"x-engine\">{}</prop>", escape(&unit.engine, false));
        for (lang, text) in [(unit.from, &unit.source), (unit.to, &unit.target)] {
            let _ = writeln!(out, "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>", lang.code(), escape(text, false));
        }
        out.push_str("    </tu>\n");
    }
    out.push_str("  </body>\n</tmx>\n");
    out
}

/// XML escaping for text and attribute values. `\r` is written as a
/// character reference (a parser would turn a literal one into `\n`), and
/// the control characters XML 1.0 cannot carry at all are dropped.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Reads a TMX file given as bytes: UTF-8 (with or without byte order
/// mark) or UTF-16 with a byte order mark, as some CAT tools export.
pub fn read_tmx_bytes(bytes: &[u8]) -> Result<TmxImport, TmxError> {
    let text = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest).map_err(|e| TmxError::Encoding(e.to_string()))?.to_string(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes)?,
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes)?,
        _ => std::str::from_utf8(bytes).map_err(|e| TmxError::Encoding(e.to_string()))?.to_string(),
    };
    read_tmx(&text)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, TmxError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(TmxError::Encoding("UTF-16 text with an odd number of bytes".into()));
    }
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    char::decode_utf16(units).collect::<Result<String, _>>().map_err(|e| TmxError::Encoding(e.to_string()))
}

/// One `<tuv>` being read.
struct Variant {
    lang: String,
    text: String,
    created_at: Option<DateTime<Utc>>,
}

/// One `<tu>` being read.
#[derive(Default)]
struct Unit {
    srclang: Option<String>,
    created_at: Option<DateTime<Utc>>,
    engine: Option<String>,
    variants: Vec<Variant>,
}

/// Reads a TMX document (1.1 to 1.4b).
pub fn read_tmx(text: &str) -> Result<TmxImport, TmxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    // Text inside <seg> is kept exactly; whitespace between elements is
    // ignored by the state machine instead.
    reader.config_mut().trim_text(false);

    let mut import = TmxImport::default();
    let mut seen_root = false;
    let mut header_srclang: Option<String> = None;
    let mut unit: Option<Unit> = None;
    let mut variant: Option<Variant> = None;
    // Depth inside <seg>: 0 outside; text counts only at depth >= 1 and
    // outside native-code elements.
    let mut seg_depth = 0usize;
    let mut code_depth = 0usize;
    // Inside <prop type="x-engine">.
    let mut engine_prop: Option<String> = None;

    let xml_error = |reader: &Reader<&[u8]>, e: &dyn std::fmt::Display| TmxError::Xml {
        position: reader.error_position(),
        detail: e.to_string(),
    };

    loop {
        let event = reader.read_event().map_err(|e| xml_error(&reader, &e))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = local_name(e);
                if !seen_root {
                    if name != "tmx" {
                        return Err(TmxError::NotTmx(name));
                    }
                    seen_root = true;
                    continue;
                }
                if seg_depth > 0 {
                    if !empty {
                        seg_depth += 1;
                        if code_depth > 0 || is_native_code(&name) {
                            code_depth += 1;
                        }
                    }
                    continue;
                }
                match name.as_str() {
                    "header" => header_srclang = attribute(e, "srclang"),
                    "tu" => {
                        unit = Some(Unit {
                            srclang: attribute(e, "srclang"),
                            created_at: attribute(e, "creationdate").and_then(|d| parse_date(&d)),
                            ..Unit::default()
                        });
                        if empty {
                            import.skipped_tus += 1;
                            unit = None;
                        }
                    }
                    "prop"
                        if unit.is_some()
                            && variant.is_none()
                            && !empty
                            && attribute(e, "type").as_deref() == Some("x-engine") =>
                    {
                        engine_prop = Some(String::new());
                    }
                    "tuv" if unit.is_some() => {
                        let lang = attribute(e, "xml:lang").or_else(|| attribute(e, "lang")).unwrap_or_default();
                        let created_at = attribute(e, "creationdate").and_then(|d| parse_date(&d));
                        if !empty {
                            variant = Some(Variant { lang, text: String::new(), created_at });
                        }
                    }
                    "seg" if variant.is_some() && !empty => seg_depth = 1,
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if seg_depth > 0 {
                    seg_depth -= 1;
                    code_depth = code_depth.saturating_sub(1);
                    if seg_depth > 0 {
                        continue;
                    }
                }
                match name.as_str() {
                    "prop" => {
                        if let (Some(engine), Some(u)) = (engine_prop.take(), unit.as_mut()) {
                            let engine = engine.trim();
                            if !engine.is_empty() {
                                u.engine = Some(engine.to_string());
                            }
                        }
                    }
                    "tuv" => {
                        if let (Some(v), Some(u)) = (variant.take(), unit.as_mut()) {
                            u.variants.push(v);
                        }
                    }
                    "tu" => {
                        if let Some(u) = unit.take() {
                            finish_unit(u, header_srclang.as_deref(), &mut import);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                let content = t.xml10_content().map_err(|e| xml_error(&reader, &e))?;
                push_text(&content, seg_depth, code_depth, &mut variant, &mut engine_prop);
            }
            Event::CData(ref t) => {
                let content = t.decode().map_err(|e| xml_error(&reader, &e))?;
                push_text(&content, seg_depth, code_depth, &mut variant, &mut engine_prop);
            }
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| xml_error(&reader, &e))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| xml_error(&reader, &e))?;
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => s.to_string(),
                            None => {
                                return Err(TmxError::Xml {
                                    position: reader.buffer_position(),
                                    detail: format!("unknown entity &{name};"),
                                })
                            }
                        }
                    }
                };
                push_text(&resolved, seg_depth, code_depth, &mut variant, &mut engine_prop);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(TmxError::Empty);
    }
    Ok(import)
}

fn push_text(
    content: &str,
    seg_depth: usize,
    code_depth: usize,
    variant: &mut Option<Variant>,
    engine_prop: &mut Option<String>,
) {
    if seg_depth > 0 {
        if code_depth == 0 {
            if let Some(v) = variant.as_mut() {
                v.text.push_str(content);
            }
        }
    } else if let Some(engine) = engine_prop.as_mut() {
        engine.push_str(content);
    }
}

/// Inline elements whose content is the original document's formatting
/// code, not text.
fn is_native_code(name: &str) -> bool {
    matches!(name, "bpt" | "ept" | "ph" | "it" | "ut")
}

fn finish_unit(unit: Unit, header_srclang: Option<&str>, import: &mut TmxImport) {
    let mut known: Vec<(Lang, Variant)> = Vec::new();
    for v in unit.variants {
        match v.lang.parse::<Lang>() {
            Ok(lang) => known.push((lang, v)),
            Err(_) => {
                import.skipped_tuvs += 1;
                import.unknown_languages.insert(v.lang);
            }
        }
    }
    // The source: the tu's srclang, else the header's; `*all*` (or none)
    // means any variant may be the source, and then the first one is.
    let declared = unit.srclang.as_deref().or(header_srclang).filter(|s| *s != "*all*");
    let source_index = match declared {
        Some(code) => match code.parse::<Lang>() {
            Ok(lang) => known.iter().position(|(l, _)| *l == lang),
            Err(_) => None,
        },
        None => (!known.is_empty()).then_some(0),
    };
    let Some(source_index) = source_index else {
        import.skipped_tus += 1;
        return;
    };
    let (from, source) = (known[source_index].0, &known[source_index].1);
    if source.text.trim().is_empty() {
        import.skipped_tus += 1;
        return;
    }
    let engine = unit.engine.unwrap_or_else(|| IMPORTED_ENGINE.to_string());
    let before = import.units.len();
    for (i, (to, target)) in known.iter().enumerate() {
        if i == source_index || *to == from || target.text.trim().is_empty() {
            continue;
        }
        import.units.push(TmxUnit {
            engine: engine.clone(),
            from,
            to: *to,
            source: source.text.clone(),
            target: target.text.clone(),
            created_at: unit.created_at.or(target.created_at).or(source.created_at),
        });
    }
    if import.units.len() == before {
        import.skipped_tus += 1;
    }
}

fn local_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// An attribute's value by qualified name (`xml:lang`), entities resolved.
fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(text.trim(), TMX_DATE).ok().map(|d| d.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_characters_and_control_characters() {
        assert_eq!(escape("a<b & \"c\" 'd'>", false), "a&lt;b &amp; \"c\" 'd'&gt;");
        assert_eq!(escape("a<b & \"c\" 'd'", true), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;");
        assert_eq!(escape("x\r\ny\u{1}z\tw", false), "x&#13;\ny".to_string() + "z\tw");
    }

    #[test]
    fn dates_use_the_tmx_basic_format() {
        let d = parse_date("20260109T024000Z").unwrap();
        assert_eq!(d.format(TMX_DATE).to_string(), "20260109T024000Z");
        assert!(parse_date("2026-01-09").is_none());
    }
}
