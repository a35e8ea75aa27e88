//! OPML 1.0/2.0 source lists, the format feed readers and newsrooms
//! exchange subscriptions in: [`parse_opml`] imports the feeds of a list
//! (outlines nested in folders, whose names become the category unless an
//! outline says otherwise), [`write_opml`] exports loa's sources.

use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};

/// One feed of an OPML list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlSource {
    /// `title`, else `text`, else the feed address.
    pub title: String,
    /// `xmlUrl`: the feed itself.
    pub xml_url: String,
    /// `htmlUrl`: the outlet's website.
    pub html_url: Option<String>,
    /// The outline's `category` attribute (first entry of a comma list,
    /// without a leading `/`), else the title of the enclosing folder.
    pub category: Option<String>,
    /// The outline's `language` attribute, as written.
    pub language: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum OpmlError {
    #[error("the OPML file is not well-formed XML: {0}")]
    Malformed(String),
    #[error("not an OPML file: {0}")]
    NotOpml(String),
}

/// The feeds of an OPML document, in document order. Outlines without an
/// `xmlUrl` are folders (or links) and contribute only their title as a
/// category for what they contain.
pub fn parse_opml(text: &str) -> Result<Vec<OpmlSource>, OpmlError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut sources = Vec::new();
    let mut seen_root = false;
    let mut in_body = false;
    // Titles of the open folder outlines (None for a feed outline that
    // happens to have children).
    let mut folders: Vec<Option<String>> = Vec::new();
    loop {
        let event =
            reader.read_event().map_err(|e| OpmlError::Malformed(format!("near byte {}: {e}", reader.error_position())))?;
        match event {
            Event::Start(ref el) | Event::Empty(ref el) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = String::from_utf8_lossy(el.local_name().as_ref()).to_ascii_lowercase();
                if !seen_root {
                    if name != "opml" {
                        return Err(OpmlError::NotOpml(format!("the root element is <{name}>, not <opml>")));
                    }
                    seen_root = true;
                    continue;
                }
                match name.as_str() {
                    "body" => in_body = !is_empty,
                    "outline" if in_body => {
                        let attrs = Attrs::read(el, reader.decoder())?;
                        let folder_title = attrs.title();
                        match attrs.source(&folders) {
                            Some(source) => {
                                sources.push(source);
                                if !is_empty {
                                    folders.push(None);
                                }
                            }
                            None if !is_empty => folders.push(folder_title),
                            None => {}
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref el) => {
                let name = String::from_utf8_lossy(el.local_name().as_ref()).to_ascii_lowercase();
                match name.as_str() {
                    "outline" if in_body => {
                        folders.pop();
                    }
                    "body" => in_body = false,
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(OpmlError::NotOpml("the document is empty or has no <opml> root".to_string()));
    }
    Ok(sources)
}

/// An OPML 2.0 document listing `sources` under `title`, one `type="rss"`
/// outline each; every value is XML-escaped.
pub fn write_opml(title: &str, sources: &[OpmlSource]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n");
    out.push_str(&format!("    <title>{}</title>\n  </head>\n  <body>\n", escape(title)));
    for s in sources {
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{}\"",
            escape(s.xml_url.as_str()),
            t = escape(s.title.as_str())
        ));
        let optional = [("htmlUrl", &s.html_url), ("category", &s.category), ("language", &s.language)];
        for (name, value) in optional {
            if let Some(v) = value {
                out.push_str(&format!(" {name}=\"{}\"", escape(v.as_str())));
            }
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// The attributes loa reads from an `<outline>`.
#[derive(Default)]
struct Attrs {
    text: Option<String>,
    title: Option<String>,
    xml_url: Option<String>,
    html_url: Option<String>,
    category: Option<String>,
    language: Option<String>,
}

impl Attrs {
    fn read(el: &BytesStart<'_>, decoder: quick_xml::Decoder) -> Result<Attrs, OpmlError> {
        let mut attrs = Attrs::default();
        for attr in el.attributes() {
            let attr = attr.map_err(|e| OpmlError::Malformed(format!("bad outline attribute: {e}")))?;
            let value = attr
                .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, decoder)
                .map_err(|e| OpmlError::Malformed(format!("bad outline attribute value: {e}")))?;
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let slot = match attr.key.local_name().as_ref() {
                b"text" => &mut attrs.text,
                b"title" => &mut attrs.title,
                // Attribute names are case-sensitive in XML, but exporters
                // disagree on `xmlUrl` vs `xmlurl`.
                k if k.eq_ignore_ascii_case(b"xmlUrl") => &mut attrs.xml_url,
                k if k.eq_ignore_ascii_case(b"htmlUrl") => &mut attrs.html_url,
                b"category" => &mut attrs.category,
                b"language" => &mut attrs.language,
                _ => continue,
            };
            *slot = Some(value.to_string());
        }
        Ok(attrs)
    }

    fn title(&self) -> Option<String> {
        self.title.clone().or_else(|| self.text.clone())
    }

    fn source(&self, folders: &[Option<String>]) -> Option<OpmlSource> {
        let xml_url = self.xml_url.clone()?;
        let category = self
            .category
            .as_deref()
            .and_then(|c| c.split(',').map(|p| p.trim().trim_start_matches('/').trim()).find(|p| !p.is_empty()))
            .map(str::to_string)
            .or_else(|| folders.iter().rev().flatten().next().cloned());
        Some(OpmlSource {
            title: self.title().unwrap_or_else(|| xml_url.clone()),
            xml_url,
            html_url: self.html_url.clone(),
            category,
            language: self.language.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Regional press</title></head>
  <body>
    <outline text="Vietnam" title="Vietnam">
      <outline type="rss" text="VnExpress – Thời sự" xmlUrl="http://vnexpress.example/rss/thoi-su.rss"
               htmlUrl="http://vnexpress.example/" language="vi"/>
      <outline text="Economy">
        <outline type="rss" text="Saigon Times" title="The Saigon Times" xmlUrl="http://sgt.example/feed?a=1&amp;b=2"/>
      </outline>
    </outline>
    <outline type="rss" text="Herald" xmlurl="http://herald.example/rss.xml" category="/Local news,/Weather"/>
    <outline type="link" text="Just a website" htmlUrl="http://site.example/"/>
    <outline type="rss" text="Courier" xmlUrl="http://courier.example/rss">
      <outline text="stray child"/>
    </outline>
    <outline type="rss" xmlUrl="http://untitled.example/rss"/>
  </body>
</opml>"#;

    #[test]
    fn reads_nested_outlines() {
        let sources = parse_opml(LIST).unwrap();
        let urls: Vec<_> = sources.iter().map(|s| s.xml_url.as_str()).collect();
        assert_eq!(
            urls,
            vec![
                "http://vnexpress.example/rss/thoi-su.rss",
                "http://sgt.example/feed?a=1&b=2",
                "http://herald.example/rss.xml",
                "http://courier.example/rss",
                "http://untitled.example/rss",
            ]
        );
        let vn = &sources[0];
        assert_eq!(vn.title, "VnExpress – Thời sự");
        assert_eq!(vn.html_url.as_deref(), Some("http://vnexpress.example/"));
        assert_eq!(vn.language.as_deref(), Some("vi"));
        assert_eq!(vn.category.as_deref(), Some("Vietnam"));
        // The innermost folder names the category; `title` beats `text`.
        assert_eq!(sources[1].category.as_deref(), Some("Economy"));
        assert_eq!(sources[1].title, "The Saigon Times");
        // An explicit category wins over folders, first of a list.
        assert_eq!(sources[2].category.as_deref(), Some("Local news"));
        assert_eq!(sources[3].category, None, "the Courier's child does not make it a folder of itself");
        assert_eq!(sources[4].title, "http://untitled.example/rss");
    }

    #[test]
    fn round_trips_through_write() {
        let sources = vec![
            OpmlSource {
                title: "Tom & Jerry's \"Daily\" <News>".into(),
                xml_url: "http://news.example.org/rss?a=1&b=2".into(),
                html_url: Some("http://news.example.org/".into()),
                category: Some("Kinh tế".into()),
                language: Some("vi".into()),
            },
            OpmlSource {
                title: "Новости".into(),
                xml_url: "http://ru.example/rss".into(),
                html_url: None,
                category: None,
                language: None,
            },
        ];
        let text = write_opml("Sources of <loa>", &sources);
        assert!(text.contains("Tom &amp; Jerry&apos;s &quot;Daily&quot; &lt;News&gt;"), "{text}");
        assert!(text.contains("Sources of &lt;loa&gt;"));
        assert!(!text.contains("a=1&b=2"), "ampersands must be escaped");
        assert_eq!(parse_opml(&text).unwrap(), sources);
    }

    #[test]
    fn bad_documents_are_errors() {
        assert!(matches!(parse_opml("<html><body/></html>"), Err(OpmlError::NotOpml(_))));
        assert!(matches!(parse_opml(""), Err(OpmlError::NotOpml(_))));
        let broken = r#"<opml><body><outline xmlUrl="http://a.example/rss"></body></opml>"#;
        let err = parse_opml(broken).unwrap_err();
        assert!(matches!(err, OpmlError::Malformed(_)), "{err:?}");
        let bad_attr = r#"<opml><body><outline xmlUrl="http://a.example/?a=1&b"/></body></opml>"#;
        assert!(matches!(parse_opml(bad_attr), Err(OpmlError::Malformed(_))));
    }

    #[test]
    fn an_empty_body_lists_nothing() {
        assert_eq!(parse_opml("<opml version=\"1.0\"><head/><body/></opml>").unwrap(), vec![]);
    }
}
