//! Counting values of the facet fields over every matching edition.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::fields::LANG_FIELD;

/// How many values each facet lists at most (the most frequent ones).
pub const MAX_FACET_VALUES: usize = 30;

/// One value of a facet and how many matching editions carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Counts over the whole result set (every page), most frequent first,
/// ties in alphabetical order, at most [`MAX_FACET_VALUES`] values each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Category slugs.
    pub category: Vec<FacetCount>,
    /// Language codes. Counted *without* the query's language filter, so a
    /// reader searching one language sees what the others hold.
    ///
    /// Each facet is empty when the search did not ask for it
    /// (`FacetRequest`).
    pub lang: Vec<FacetCount>,
    /// Author names.
    pub author: Vec<FacetCount>,
    /// Place names.
    pub place: Vec<FacetCount>,
}

pub(crate) fn ranked(counts: HashMap<String, u64>) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts.into_iter().map(|(value, count)| FacetCount { value, count }).collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out.truncate(MAX_FACET_VALUES);
    out
}

/// Counts the values of some string fast fields over matching documents.
pub(crate) struct ValueCounts {
    pub field_names: Vec<&'static str>,
}

pub(crate) struct ValueCountsSegment {
    columns: Vec<Option<(StrColumn, Vec<u64>)>>,
}

impl Collector for ValueCounts {
    type Fruit = Vec<HashMap<String, u64>>;
    type Child = ValueCountsSegment;

    fn for_segment(&self, _segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<ValueCountsSegment> {
        let mut columns = Vec::with_capacity(self.field_names.len());
        for name in &self.field_names {
            let column = reader.fast_fields().str(name)?;
            columns.push(column.map(|c| {
                let terms = c.dictionary().num_terms();
                (c, vec![0u64; terms])
            }));
        }
        Ok(ValueCountsSegment { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Vec<HashMap<String, u64>>>) -> tantivy::Result<Vec<HashMap<String, u64>>> {
        let mut merged = vec![HashMap::new(); self.field_names.len()];
        for segment in segments {
            for (total, counts) in merged.iter_mut().zip(segment) {
                for (value, n) in counts {
                    *total.entry(value).or_insert(0) += n;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for ValueCountsSegment {
    type Fruit = Vec<HashMap<String, u64>>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (column, counts) in self.columns.iter_mut().flatten() {
            for ord in column.term_ords(doc) {
                if let Some(n) = counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.columns
            .into_iter()
            .map(|column| match column {
                Some((column, counts)) => resolve(&column, &counts),
                None => HashMap::new(),
            })
            .collect()
    }
}

/// The values of the counted ordinals of `column`, with their counts.
///
/// Every ordinal lookup on its own (`StrColumn::ord_to_str`) decompresses
/// the dictionary block holding it; walking the counted ordinals in order
/// with one cursor decompresses each block once, however many values it
/// holds.
fn resolve(column: &StrColumn, counts: &[u64]) -> HashMap<String, u64> {
    let counted: Vec<(u64, u64)> = counts.iter().enumerate().filter(|(_, n)| **n > 0).map(|(ord, n)| (ord as u64, *n)).collect();
    let mut out = HashMap::with_capacity(counted.len());
    // The callback sees the terms in the order of the ordinals given, so
    // the counts are taken in the same order.
    let mut pending = counted.iter().map(|(_, n)| *n);
    let walked = column.dictionary().sorted_ords_to_term_cb(counted.iter().map(|(ord, _)| *ord), |bytes| {
        let n = pending.next().unwrap_or(0);
        // Values are indexed from `&str`, so they are UTF-8; a damaged
        // one is left out of the counts rather than shown garbled.
        if let Ok(value) = std::str::from_utf8(bytes) {
            out.insert(value.to_string(), n);
        }
        Ok(())
    });
    if let Err(e) = walked {
        tracing::warn!(error = %e, "cannot read facet values from the index; counts left out");
    }
    out
}

/// Passes only the documents in one language on to `child`, while counting
/// the languages of every document it sees.
///
/// The language facet counts what the text finds in every language, so a
/// reader searching one language sees what switching would give. With this
/// collector, one run of the every-language query yields both that count
/// and the one language's results, instead of a second run of the text
/// query just for the count.
pub(crate) struct OneLang<C> {
    /// The language code the child sees.
    pub code: &'static str,
    pub child: C,
}

pub(crate) struct OneLangSegment<S> {
    /// The segment's language column and the ordinal of `code` in it
    /// (`None` when no document of the segment is in that language).
    langs: Option<(StrColumn, Option<u64>)>,
    counts: Vec<u64>,
    child: S,
}

impl<C: Collector> Collector for OneLang<C> {
    type Fruit = (HashMap<String, u64>, C::Fruit);
    type Child = OneLangSegment<C::Child>;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        let langs = match reader.fast_fields().str(LANG_FIELD)? {
            Some(column) => {
                let target = column.dictionary().term_ord(self.code)?;
                Some((column, target))
            }
            None => None,
        };
        let terms = langs.as_ref().map_or(0, |(c, _)| c.dictionary().num_terms());
        Ok(OneLangSegment { langs, counts: vec![0; terms], child: self.child.for_segment(segment, reader)? })
    }

    fn requires_scoring(&self) -> bool {
        self.child.requires_scoring()
    }

    fn merge_fruits(
        &self,
        segments: Vec<(HashMap<String, u64>, <C::Child as SegmentCollector>::Fruit)>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut langs: HashMap<String, u64> = HashMap::new();
        let mut children = Vec::with_capacity(segments.len());
        for (counts, child) in segments {
            for (value, n) in counts {
                *langs.entry(value).or_insert(0) += n;
            }
            children.push(child);
        }
        Ok((langs, self.child.merge_fruits(children)?))
    }
}

impl<S: SegmentCollector> SegmentCollector for OneLangSegment<S> {
    type Fruit = (HashMap<String, u64>, S::Fruit);

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some((column, target)) = &self.langs else {
            return;
        };
        // An edition has exactly one language.
        let Some(ord) = column.term_ords(doc).next() else {
            return;
        };
        if let Some(n) = self.counts.get_mut(ord as usize) {
            *n += 1;
        }
        if *target == Some(ord) {
            self.child.collect(doc, score);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let langs = match &self.langs {
            Some((column, _)) => resolve(column, &self.counts),
            None => HashMap::new(),
        };
        (langs, self.child.harvest())
    }
}
