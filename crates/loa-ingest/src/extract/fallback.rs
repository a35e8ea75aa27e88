//! The baseline the body finder falls back to when its containers hold
//! too little text: a jusText-like classifier that judges every paragraph
//! of the page on its own (length, links, sentence punctuation) and keeps
//! the runs of good ones, wherever they sit in the markup.

use loa_domain::Block;
use scraper::ElementRef;
use url::Url;

use super::body::{
    has_block_child, holds_article, is_hidden_or_chrome, link_density, opens_box, visible_len, BlockWriter, SKIP_TAGS,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    NearGood,
    Bad,
    /// A heading: kept when the paragraph after it is kept.
    Heading,
}

/// Paragraph-like elements: text blocks with no block inside them.
fn units<'a>(el: ElementRef<'a>, out: &mut Vec<ElementRef<'a>>) {
    for child in el.child_elements() {
        let name = child.value().name();
        if is_hidden_or_chrome(&child) || opens_box(child).is_some() {
            continue;
        }
        if SKIP_TAGS.contains(&name) && !(name == "form" && holds_article(&child, true)) {
            continue;
        }
        let leaf = matches!(name, "p" | "pre" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || (matches!(name, "div" | "section" | "article" | "td" | "li" | "dd" | "span" | "font" | "center")
                && !has_block_child(&child));
        if leaf {
            out.push(child);
        } else {
            units(child, out);
        }
    }
}

fn classify(el: ElementRef) -> Class {
    let name = el.value().name();
    let len = visible_len(el);
    if len == 0 {
        return Class::Bad;
    }
    let density = link_density(el);
    if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        return if density < 0.5 { Class::Heading } else { Class::Bad };
    }
    if density > 0.2 {
        return Class::Bad;
    }
    let text: String = el.text().collect();
    // CJK sentences carry as much in 1 char as Latin ones in ~3.
    let wide = text.chars().filter(|c| (*c as u32) >= 0x2E80).count() * 2 > len;
    let (low, high) = if wide { (25, 50) } else { (70, 140) };
    let sentence = text.contains(['.', '!', '?', '。', '！', '？', ',', '，']);
    if len >= high && sentence {
        Class::Good
    } else if len >= low {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// The page's running text by paragraph classification: good paragraphs,
/// near-good ones next to a good one, and headings that introduce a kept
/// paragraph, in document order.
pub fn paragraph_blocks(body: ElementRef, base: Option<&Url>, title: &str) -> Vec<Block> {
    let mut found = Vec::new();
    units(body, &mut found);
    let classes: Vec<Class> = found.iter().map(|u| classify(*u)).collect();
    let good_near = |i: usize, step: isize| {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < classes.len() {
            match classes[j as usize] {
                Class::Good => return true,
                Class::Bad => return false,
                _ => j += step,
            }
        }
        false
    };
    let mut keep: Vec<bool> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            Class::Good => true,
            Class::NearGood => good_near(i, -1) || good_near(i, 1),
            _ => false,
        })
        .collect();
    for i in 0..keep.len() {
        if classes[i] == Class::Heading && keep.get(i + 1) == Some(&true) {
            keep[i] = true;
        }
    }
    let mut writer = BlockWriter::new(base, title);
    writer.lenient = true;
    for (unit, _) in found.iter().zip(&keep).filter(|(_, k)| **k) {
        writer.write_root(*unit);
    }
    writer.blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    const GOOD: &str = "The council met on Tuesday and agreed, after a long debate that ran late into the night, to repair the river bridge before the first frost of the winter.";
    const NEAR: &str = "Work starts in October, the mayor said, and will take about ten weeks.";

    fn blocks(body: &str) -> Vec<String> {
        let doc = Html::parse_document(&format!("<html><body>{body}</body></html>"));
        let body = doc.select(&Selector::parse("body").unwrap()).next().unwrap();
        paragraph_blocks(body, None, "").iter().map(|b| b.text().to_string()).collect()
    }

    #[test]
    fn good_paragraphs_near_good_neighbours_and_their_headings_are_kept() {
        let got = blocks(&format!(
            "<div class=x><h2>Repairs</h2><p>{GOOD}</p></div><div><p>{NEAR}</p></div>
             <ul><li><a href=/1>Another story about a different bridge somewhere else</a></li><li><a href=/2>And one more story</a></li></ul>
             <p>{NEAR}</p><p>Short line.</p>"
        ));
        assert_eq!(got, vec!["Repairs", GOOD, NEAR], "the second near-good paragraph only has bad neighbours");
    }

    #[test]
    fn chrome_and_boxes_are_never_units() {
        let got = blocks(&format!(
            "<nav><p>{GOOD}</p></nav><footer><p>{GOOD} Footer.</p></footer><div hidden><p>{GOOD} Hidden.</p></div>
             <div><h3>Weitere Artikel</h3><p>{GOOD} Related.</p></div><p>{GOOD} Kept.</p>"
        ));
        assert_eq!(got, vec![format!("{GOOD} Kept.")]);
    }
}
