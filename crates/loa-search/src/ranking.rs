//! The order of results: the preferred language first, then the date when
//! asked, then relevance, read from fast fields per segment.

use tantivy::{DocId, Score, SegmentReader};

use loa_domain::Lang;

use crate::fields::{LANG_FIELD, PUBLISHED_AT_FIELD};

/// How results are ordered: the preferred language first if any, then by
/// date if asked, then by score.
#[derive(Clone, Copy)]
pub(crate) struct Ranking {
    pub prefer: Option<Lang>,
    pub by_date: bool,
}

/// The sort key of one hit; fields compare in declaration order.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
pub(crate) struct RankKey {
    pub preferred: bool,
    /// Seconds since the epoch when sorting by date, else 0.
    pub date: i64,
    pub score: Score,
}

impl Ranking {
    pub(crate) fn for_segment(self, segment: &SegmentReader) -> impl FnMut(DocId, Score) -> RankKey {
        let fast = segment.fast_fields();
        let dates = if self.by_date { fast.date(PUBLISHED_AT_FIELD).ok() } else { None };
        // The preferred language's ordinal in this segment's dictionary;
        // a segment without that language has no preferred documents.
        let langs = self.prefer.and_then(|l| {
            let column = fast.str(LANG_FIELD).ok().flatten()?;
            let ord = column.dictionary().term_ord(l.code()).ok().flatten()?;
            Some((column, ord))
        });
        move |doc: DocId, score: Score| RankKey {
            preferred: langs.as_ref().is_some_and(|(column, ord)| column.term_ords(doc).any(|o| o == *ord)),
            date: dates.as_ref().and_then(|c| c.first(doc)).map_or(0, |d| d.into_timestamp_secs()),
            score,
        }
    }
}
