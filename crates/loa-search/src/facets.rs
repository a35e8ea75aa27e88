//! Counting values of the facet fields over every matching edition.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

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
    pub lang: Vec<FacetCount>,
    /// Author names.
    pub author: Vec<FacetCount>,
    /// Place names.
    pub place: Vec<FacetCount>,
}

pub(crate) fn ranked(counts: HashMap<String, u64>) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
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

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<ValueCountsSegment> {
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

    fn merge_fruits(
        &self,
        segments: Vec<Vec<HashMap<String, u64>>>,
    ) -> tantivy::Result<Vec<HashMap<String, u64>>> {
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
            .map(|column| {
                let mut out = HashMap::new();
                if let Some((column, counts)) = column {
                    let mut value = String::new();
                    for (ord, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                        if column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                            out.insert(value.clone(), n);
                        }
                    }
                }
                out
            })
            .collect()
    }
}
