//! The index layout: which fields exist and how each is indexed.

use std::collections::HashMap;

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    STORED, STRING,
};

use loa_domain::Lang;

use crate::analysis::{exact_tokenizer_name, tokenizer_name};

/// The text fields of one language, each analysed with that language's
/// pipeline. An edition's text goes only into its own language's fields, so
/// a Russian query is analysed the Russian way and meets Russian terms.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LangFields {
    pub title: Field,
    pub lead: Field,
    /// Body paragraphs and figure captions.
    pub body: Field,
    /// Author, category, places and topics.
    pub tags: Field,
    /// Title, lead, body and captions again, lowercased only: no stemming,
    /// no diacritic folding. A query word that matches here matches as
    /// typed (`Hà Tĩnh`, not just `Ha Tinh`), which earns a bonus; prefix
    /// and typo-tolerant matching run here too, on surface forms rather
    /// than stems.
    pub exact: Field,
}

impl LangFields {
    /// The fields a query term is looked up in, with their weights.
    pub fn weighted(&self) -> [(Field, f32); 4] {
        [(self.title, TITLE_BOOST), (self.tags, TAGS_BOOST), (self.lead, LEAD_BOOST), (self.body, 1.0)]
    }
}

/// Relevance weights: a word in the headline says more about the story than
/// the same word deep in the body.
pub(crate) const TITLE_BOOST: f32 = 3.0;
pub(crate) const TAGS_BOOST: f32 = 2.0;
pub(crate) const LEAD_BOOST: f32 = 1.5;
/// Added on top when a word also matches with its diacritics as typed.
pub(crate) const EXACT_BOOST: f32 = 1.5;
/// Weight of a prefix or typo-tolerant match; such matches score a
/// constant, so this keeps them below real term matches.
pub(crate) const LOOSE_BOOST: f32 = 0.3;

#[derive(Clone, Debug)]
pub(crate) struct Fields {
    /// `"<article_id>:<lang>"`, the identity of an edition; upsert and
    /// remove delete by it.
    pub key: Field,
    pub article_id: Field,
    pub lang: Field,
    pub slug: Field,
    pub published_at: Field,
    /// Original text, stored for display and snippets, not indexed (the
    /// per-language fields are the indexed copies).
    pub title_text: Field,
    pub lead_text: Field,
    pub body_text: Field,
    /// Facets: exact values for filters and counts, stored so results and
    /// related-article lookups can read them back.
    pub category: Field,
    pub author: Field,
    pub place: Field,
    pub topic: Field,
    pub per_lang: HashMap<Lang, LangFields>,
}

/// Field names the fast-field readers look up.
pub(crate) const LANG_FIELD: &str = "lang";
pub(crate) const PUBLISHED_AT_FIELD: &str = "published_at";
pub(crate) const CATEGORY_FIELD: &str = "category";
pub(crate) const AUTHOR_FIELD: &str = "author";
pub(crate) const PLACE_FIELD: &str = "place";

impl Fields {
    pub fn build() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let key = builder.add_text_field("key", STRING);
        let article_id = builder.add_i64_field("article_id", NumericOptions::default().set_indexed().set_stored().set_fast());
        let lang = builder.add_text_field(LANG_FIELD, STRING | STORED | FAST);
        let slug = builder.add_text_field("slug", STORED);
        let published_at = builder.add_date_field(
            PUBLISHED_AT_FIELD,
            DateOptions::default().set_indexed().set_stored().set_fast().set_precision(DateTimePrecision::Seconds),
        );
        let title_text = builder.add_text_field("title", STORED);
        let lead_text = builder.add_text_field("lead", STORED);
        let body_text = builder.add_text_field("body", STORED);
        let facet = STRING | STORED | FAST;
        let category = builder.add_text_field(CATEGORY_FIELD, facet.clone());
        let author = builder.add_text_field(AUTHOR_FIELD, facet.clone());
        let place = builder.add_text_field(PLACE_FIELD, facet.clone());
        let topic = builder.add_text_field("topic", facet);

        let mut per_lang = HashMap::new();
        for l in Lang::ALL {
            let indexed = |tokenizer: &str| {
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(tokenizer)
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                )
            };
            let options = indexed(&tokenizer_name(l));
            let code = l.code();
            let fields = LangFields {
                title: builder.add_text_field(&format!("title_{code}"), options.clone()),
                lead: builder.add_text_field(&format!("lead_{code}"), options.clone()),
                body: builder.add_text_field(&format!("body_{code}"), options.clone()),
                tags: builder.add_text_field(&format!("tags_{code}"), options),
                exact: builder.add_text_field(&format!("exact_{code}"), indexed(&exact_tokenizer_name(l))),
            };
            per_lang.insert(l, fields);
        }
        let fields = Fields {
            key,
            article_id,
            lang,
            slug,
            published_at,
            title_text,
            lead_text,
            body_text,
            category,
            author,
            place,
            topic,
            per_lang,
        };
        (builder.build(), fields)
    }

    pub fn of(&self, lang: Lang) -> LangFields {
        // Every Lang gets fields in `build`, so the lookup cannot miss.
        self.per_lang[&lang]
    }
}

/// The key an edition is stored and replaced under.
pub(crate) fn edition_key(article_id: i64, lang: Lang) -> String {
    format!("{article_id}:{}", lang.code())
}
