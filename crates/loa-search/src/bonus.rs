//! A phrase that only adds to the score of editions another query matched.
//!
//! A quoted phrase is looked up folded (stemmed, diacritics folded) in the
//! title, tags, lead and body, and as typed in the exact field for a bonus.
//! Run as one more alternative of a union, the exact phrase would walk
//! every edition holding all its words and read their positions, which
//! doubles the cost of a phrase of common words (Vietnamese syllables such
//! as `được`, `của`). Every exact match is also a folded match, so here the
//! exact phrase is checked only on the editions the folded phrase already
//! matched, by seeking its words' postings to each of them.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// `base`, plus the BM25 score of the exact phrase `terms` (one field,
/// consecutive positions) weighted by `boost` where it occurs.
#[derive(Debug)]
pub(crate) struct PhraseBonus {
    base: Box<dyn Query>,
    terms: Vec<Term>,
    boost: Score,
}

impl PhraseBonus {
    /// `terms` must be non-empty and all in one field.
    pub(crate) fn new(base: Box<dyn Query>, terms: Vec<Term>, boost: Score) -> PhraseBonus {
        PhraseBonus { base, terms, boost }
    }
}

impl Clone for PhraseBonus {
    fn clone(&self) -> Self {
        PhraseBonus { base: self.base.box_clone(), terms: self.terms.clone(), boost: self.boost }
    }
}

impl Query for PhraseBonus {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let base = self.base.weight(scoring)?;
        let bm25 = match scoring {
            EnableScoring::Enabled { statistics_provider, .. } if !self.terms.is_empty() => {
                Some(Bm25Weight::for_terms(statistics_provider, &self.terms)?.boost_by(self.boost))
            }
            // Without scores the bonus changes nothing.
            _ => None,
        };
        Ok(Box::new(PhraseBonusWeight { base, terms: self.terms.clone(), bm25 }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.base.query_terms(visitor);
        for term in &self.terms {
            visitor(term, true);
        }
    }
}

struct PhraseBonusWeight {
    base: Box<dyn Weight>,
    terms: Vec<Term>,
    bm25: Option<Bm25Weight>,
}

impl Weight for PhraseBonusWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let base = self.base.scorer(reader, boost)?;
        let bonus = match &self.bm25 {
            Some(bm25) => Bonus::open(reader, &self.terms, bm25.boost_by(boost))?,
            None => None,
        };
        Ok(Box::new(PhraseBonusScorer { base, bonus }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!("document {doc} does not match")));
        }
        Ok(Explanation::new("match plus exact phrase bonus", scorer.score()))
    }
}

/// The exact phrase's postings in one segment.
struct Bonus {
    postings: Vec<SegmentPostings>,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
    /// Start positions of the phrase in the current document.
    starts: Vec<u32>,
    scratch: Vec<u32>,
}

impl Bonus {
    /// `None` when a word of the phrase is not in this segment at all.
    fn open(reader: &SegmentReader, terms: &[Term], bm25: Bm25Weight) -> tantivy::Result<Option<Bonus>> {
        let Some(field) = terms.first().map(Term::field) else {
            return Ok(None);
        };
        let index = reader.inverted_index(field)?;
        let mut postings = Vec::with_capacity(terms.len());
        for term in terms {
            match index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
                Some(p) => postings.push(p),
                None => return Ok(None),
            }
        }
        Ok(Some(Bonus {
            postings,
            fieldnorms: reader.get_fieldnorms_reader(field)?,
            bm25,
            starts: Vec::new(),
            scratch: Vec::new(),
        }))
    }

    /// The bonus of `doc`; documents must come in increasing order.
    fn at(&mut self, doc: DocId) -> Score {
        for p in &mut self.postings {
            if p.doc() < doc {
                p.seek(doc);
            }
            if p.doc() != doc {
                return 0.0;
            }
        }
        // Positions where word i sits i places after the phrase start.
        self.starts.clear();
        self.postings[0].positions(&mut self.starts);
        for (i, p) in self.postings.iter_mut().enumerate().skip(1) {
            self.scratch.clear();
            p.positions(&mut self.scratch);
            let shifted = self.scratch.iter().filter_map(|&pos| pos.checked_sub(i as u32));
            let mut kept = Vec::with_capacity(self.starts.len());
            let mut starts = self.starts.iter().peekable();
            for s in shifted {
                while starts.next_if(|&&x| x < s).is_some() {}
                if starts.peek() == Some(&&s) {
                    kept.push(s);
                }
            }
            self.starts = kept;
            if self.starts.is_empty() {
                return 0.0;
            }
        }
        let count = self.starts.len() as u32;
        self.bm25.score(self.fieldnorms.fieldnorm_id(doc), count)
    }
}

struct PhraseBonusScorer {
    base: Box<dyn Scorer>,
    bonus: Option<Bonus>,
}

impl DocSet for PhraseBonusScorer {
    fn advance(&mut self) -> DocId {
        self.base.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.base.seek(target)
    }

    fn doc(&self) -> DocId {
        self.base.doc()
    }

    fn size_hint(&self) -> u32 {
        self.base.size_hint()
    }
}

impl Scorer for PhraseBonusScorer {
    fn score(&mut self) -> Score {
        let doc = self.base.doc();
        let bonus = self.bonus.as_mut().map_or(0.0, |b| b.at(doc));
        self.base.score() + bonus
    }
}
