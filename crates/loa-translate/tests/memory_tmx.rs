//! Translation memory, sentence segmentation with real Apertium behind the
//! memory, and TMX export/import (loa's own files and another tool's).

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use loa_domain::Lang;
use loa_translate::{
    read_tmx, read_tmx_bytes, sentence_ranges, splice, write_tmx, Apertium, InMemory, Memory, TmxError, TmxUnit,
    DEFAULT_MODES_DIR,
};

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[tokio::test]
async fn memory_is_keyed_by_engine_pair_and_normalised_source() {
    let memory = InMemory::new();
    let sources = strings(&["The house is red.", "Hà Tĩnh"]);
    assert_eq!(memory.lookup("apertium", Lang::En, Lang::Es, &sources).await.unwrap(), vec![None, None]);

    memory
        .store(
            "apertium",
            Lang::En,
            Lang::Es,
            &pairs(&[("The house is red.", "La casa es roja."), ("Ha\u{300} Ti\u{303}nh", "Hà Tĩnh")]),
        )
        .await
        .unwrap();
    assert_eq!(memory.len(), 2);

    // Whitespace and Unicode composition do not matter; the NFD key above
    // matches the NFC lookup.
    let variants = strings(&["  The   house\nis red. ", "Hà Tĩnh", "The House is red.", ""]);
    assert_eq!(
        memory.lookup("apertium", Lang::En, Lang::Es, &variants).await.unwrap(),
        vec![Some("La casa es roja.".to_string()), Some("Hà Tĩnh".to_string()), None, None]
    );
    // Another engine or another pair is another memory.
    assert_eq!(memory.lookup("deepl", Lang::En, Lang::Es, &sources).await.unwrap(), vec![None, None]);
    assert_eq!(memory.lookup("apertium", Lang::En, Lang::Ca, &sources).await.unwrap(), vec![None, None]);
    assert_eq!(memory.lookup("apertium", Lang::Es, Lang::En, &sources).await.unwrap(), vec![None, None]);

    // The latest translation wins; blank sources and targets are not stored.
    memory
        .store(
            "apertium",
            Lang::En,
            Lang::Es,
            &pairs(&[("The house is red.", "La casa está roja."), ("  ", "x"), ("Empty target", " ")]),
        )
        .await
        .unwrap();
    assert_eq!(memory.len(), 2);
    let again = memory.lookup("apertium", Lang::En, Lang::Es, &strings(&["The house is red.", "Empty target"])).await.unwrap();
    assert_eq!(again, vec![Some("La casa está roja.".to_string()), None]);
}

#[tokio::test]
async fn memory_serves_concurrent_tasks() {
    let memory: Arc<dyn Memory> = Arc::new(InMemory::new());
    let mut tasks = Vec::new();
    for t in 0..8 {
        let memory = Arc::clone(&memory);
        tasks.push(tokio::spawn(async move {
            let stored: Vec<(String, String)> =
                (0..50).map(|i| (format!("Sentence {t}-{i}."), format!("Frase {t}-{i}."))).collect();
            memory.store("apertium", Lang::En, Lang::Es, &stored).await.unwrap();
            let sources: Vec<String> = stored.iter().map(|(s, _)| s.clone()).collect();
            let found = memory.lookup("apertium", Lang::En, Lang::Es, &sources).await.unwrap();
            assert!(found.iter().zip(&stored).all(|(f, (_, t))| f.as_deref() == Some(t.as_str())));
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
}

/// Translates a paragraph sentence by sentence through the memory, as the
/// orchestrator does: look every sentence up, translate only the misses,
/// remember them. Returns the paragraph and how many sentences went to Apertium.
async fn translate_paragraph(apertium: &Apertium, memory: &InMemory, text: &str) -> (String, usize) {
    let ranges = sentence_ranges(text, Lang::En);
    let sources: Vec<String> = ranges.iter().map(|r| text[r.clone()].to_string()).collect();
    let mut found = memory.lookup("apertium", Lang::En, Lang::Es, &sources).await.unwrap();
    let misses: Vec<usize> = (0..sources.len()).filter(|&i| found[i].is_none()).collect();
    if !misses.is_empty() {
        let to_translate: Vec<String> = misses.iter().map(|&i| sources[i].clone()).collect();
        let translation = apertium.translate(Lang::En, Lang::Es, &to_translate).await.unwrap();
        let learnt: Vec<(String, String)> = to_translate.iter().cloned().zip(translation.segments.iter().cloned()).collect();
        memory.store("apertium", Lang::En, Lang::Es, &learnt).await.unwrap();
        for (&i, out) in misses.iter().zip(translation.segments) {
            found[i] = Some(out);
        }
    }
    let targets: Vec<String> = found.into_iter().map(Option::unwrap_or_default).collect();
    (splice(text, &ranges, &targets), misses.len())
}

#[tokio::test]
async fn editing_one_sentence_retranslates_only_that_sentence() {
    let apertium =
        Apertium::discover(Path::new(DEFAULT_MODES_DIR)).expect("Apertium with the eng-spa pair must be installed for this test");
    let memory = InMemory::new();
    let original = "The house is red. Dr. Smith bought it in 2025 for 38.5 million dong.  \
                    The garden is small.";
    let (first, sent) = translate_paragraph(&apertium, &memory, original).await;
    assert_eq!(sent, 3, "three sentences, all new");
    assert!(first.contains("casa"), "{first}");
    assert!(first.contains("38.5"), "{first}");
    // The double space between sentences survives the round trip.
    assert!(first.contains(".  "), "{first:?}");

    let (second, sent) = translate_paragraph(&apertium, &memory, original).await;
    assert_eq!(sent, 0, "unchanged paragraph: everything from memory");
    assert_eq!(second, first);

    let edited = original.replace("The garden is small.", "The garden is big.");
    let (third, sent) = translate_paragraph(&apertium, &memory, &edited).await;
    assert_eq!(sent, 1, "only the edited sentence goes to the engine");
    let unchanged_part = first.rsplit_once(".  ").unwrap().0;
    assert!(third.starts_with(unchanged_part), "{third} vs {first}");
    assert_ne!(third, first);
}

fn sample_units() -> Vec<TmxUnit> {
    let at = Utc.with_ymd_and_hms(2026, 1, 9, 2, 40, 0).unwrap();
    vec![
        TmxUnit {
            engine: "apertium".into(),
            from: Lang::En,
            to: Lang::Es,
            source: "Prices <rose> 5% & \"fell\" 'again'.".into(),
            target: "Los precios <subieron> 5% & \"bajaron\" 'otra vez'.".into(),
            created_at: Some(at),
        },
        TmxUnit {
            engine: "deepl & co <beta>".into(),
            from: Lang::En,
            to: Lang::Ca,
            source: "Line one\nline two\r\nline three\twith a tab  and  spaces ".into(),
            target: "Línia u\nlínia dos\r\nlínia tres".into(),
            created_at: None,
        },
        TmxUnit {
            engine: "apertium".into(),
            from: Lang::Ru,
            to: Lang::Uk,
            source: "Порт Вунгань обработал 32 млн тонн грузов.".into(),
            target: "Порт Вунгань обробив 32 млн тонн вантажів.".into(),
            created_at: None,
        },
    ]
}

#[test]
fn tmx_round_trips_with_escaping() {
    let units = sample_units();
    let xml = write_tmx(&units);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">"));
    assert!(xml.contains("creationtool=\"loa\""), "{xml}");
    assert!(xml.contains("srclang=\"*all*\""), "two source languages: {xml}");
    assert!(xml.contains("<prop type=\"x-engine\">deepl &amp; co &lt;beta&gt;</prop>"), "{xml}");
    assert!(xml.contains("Prices &lt;rose&gt; 5% &amp; \"fell\""), "{xml}");
    assert!(xml.contains("<tuv xml:lang=\"es\"><seg>"), "{xml}");
    assert!(xml.contains("creationdate=\"20260109T024000Z\""), "{xml}");
    assert!(xml.contains("line two&#13;\n"), "{xml}");
    assert!(!xml.contains("\r"), "raw carriage returns would be normalised away");

    let read = read_tmx(&xml).unwrap();
    assert_eq!(read.units, units);
    assert_eq!(read.skipped_tuvs, 0);
    assert_eq!(read.skipped_tus, 0);

    // One source language: the header says which.
    let xml = write_tmx(&units[..1]);
    assert!(xml.contains("srclang=\"en\" o-tmf"), "{xml}");
    // Nothing to export is still a valid, empty TMX.
    let empty = read_tmx(&write_tmx(&[])).unwrap();
    assert!(empty.units.is_empty());
}

#[test]
fn memory_exports_and_imports_through_tmx() {
    let units = sample_units();
    let memory = InMemory::new();
    assert_eq!(memory.import(&units), 3);
    let exported = write_tmx(&memory.units());
    let other = InMemory::new();
    other.import(&read_tmx(&exported).unwrap().units);
    assert_eq!(other.units(), memory.units());
    // Keys were normalised on the way in: collapsed whitespace.
    assert!(memory.units().iter().any(|u| u.source == "Line one line two line three with a tab and spaces"));
}

/// A TMX as a CAT tool writes it: TMX 1.4 header with a region subtag, `lang`
/// (1.1 style) on some variants, three variants in one unit, inline codes,
/// CDATA, entity and character references, a language loa does not know.
const CAT_TOOL_TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.0" o-tmf="SDL TM8 Format"
          datatype="xml" segtype="sentence" adminlang="en-GB" srclang="en-US" creationdate="20240105T101500Z">
    <prop type="x-Domain:SinglePicklist">News</prop>
  </header>
  <body>
    <tu creationdate="20240105T101500Z" creationid="TRANSLATOR\anna" changedate="20240106T080000Z" usagecount="3">
      <prop type="x-Client">Portal</prop>
      <tuv xml:lang="en-US"><seg>Click <bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> &amp; close<ph x="2">&lt;br/&gt;</ph>.</seg></tuv>
      <tuv xml:lang="es-ES"><seg>Haga clic en <bpt i="1" x="1">&lt;b&gt;</bpt>Guardar<ept i="1">&lt;/b&gt;</ept> y cierre<ph x="2">&lt;br/&gt;</ph>.</seg></tuv>
      <tuv xml:lang="ca-ES"><seg>Feu clic a <hi type="b">Desa</hi> i tanqueu.</seg></tuv>
      <tuv xml:lang="tlh"><seg>Qapla'</seg></tuv>
    </tu>
    <tu>
      <tuv lang="EN-GB">
        <seg>It&#x2019;s   <![CDATA[<raw> & ready]]> now.</seg>
      </tuv>
      <tuv lang="PT-BR" creationdate="20231201T000000Z"><seg>Está <![CDATA[<raw> & pronto]]> agora.</seg></tuv>
    </tu>
    <tu srclang="fr-FR">
      <tuv xml:lang="en-US"><seg>Good morning</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-US"><seg>Only the source</seg></tuv>
      <tuv xml:lang="x-klingon"><seg>nuqneH</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="de-DE"><seg>Kein Englisch</seg></tuv>
      <tuv xml:lang="es-ES"><seg>Sin inglés</seg></tuv>
    </tu>
  </body>
</tmx>
"#;

#[test]
fn tmx_from_another_tool_is_read() {
    let read = read_tmx(CAT_TOOL_TMX).unwrap();
    let summary: Vec<(Lang, Lang, &str, &str)> =
        read.units.iter().map(|u| (u.from, u.to, u.source.as_str(), u.target.as_str())).collect();
    assert_eq!(
        summary,
        vec![
            (Lang::En, Lang::Es, "Click Save & close.", "Haga clic en Guardar y cierre."),
            (Lang::En, Lang::Ca, "Click Save & close.", "Feu clic a Desa i tanqueu."),
            (Lang::En, Lang::Pt, "It’s   <raw> & ready now.", "Está <raw> & pronto agora."),
            (Lang::Fr, Lang::En, "Bonjour", "Good morning"),
        ]
    );
    assert!(read.units.iter().all(|u| u.engine == loa_translate::tmx::IMPORTED_ENGINE));
    assert_eq!(read.units[0].created_at, Some(Utc.with_ymd_and_hms(2024, 1, 5, 10, 15, 0).unwrap()));
    // No date on the tu: the target variant's date is used.
    assert_eq!(read.units[2].created_at, Some(Utc.with_ymd_and_hms(2023, 12, 1, 0, 0, 0).unwrap()));
    assert_eq!(read.skipped_tuvs, 2);
    assert_eq!(read.unknown_languages.iter().map(String::as_str).collect::<Vec<_>>(), ["tlh", "x-klingon"]);
    // "Only the source" has no usable target; the German one has no
    // variant in the header's source language.
    assert_eq!(read.skipped_tus, 2);

    // The same file as UTF-16 with a byte order mark, as some tools export.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(CAT_TOOL_TMX.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read_tmx_bytes(&utf16).unwrap(), read);
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(CAT_TOOL_TMX.as_bytes());
    assert_eq!(read_tmx_bytes(&with_bom).unwrap(), read);
}

#[test]
fn bad_tmx_gives_clear_errors() {
    assert!(matches!(read_tmx("<html><body/></html>"), Err(TmxError::NotTmx(n)) if n == "html"));
    assert!(matches!(read_tmx(""), Err(TmxError::Empty)));
    let broken = read_tmx("<tmx><body><tu><tuv xml:lang=\"en\"><seg>a</tuv></tu></body></tmx>").unwrap_err();
    assert!(matches!(broken, TmxError::Xml { .. }), "{broken}");
    assert!(broken.to_string().contains("near byte"), "{broken}");
    assert!(matches!(read_tmx_bytes(&[0xFF, 0xFE, 0x41]), Err(TmxError::Encoding(_))));
    assert!(matches!(read_tmx_bytes(b"<tmx>\xff</tmx>"), Err(TmxError::Encoding(_))));
}
