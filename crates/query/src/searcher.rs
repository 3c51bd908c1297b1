use std::borrow::Cow;
use std::ops::Bound;
use std::sync::{Arc, OnceLock, RwLock};

use pundit_entities::{EntityType, Recognizer, StandardRecognizer};
use pundit_model::{Document, Facets, Hit, PartialDate, SearchResults, SortOrder};
use pundit_schema::{normalize_key, IndexMeta, PunditIndex};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DateTime, DocAddress, IndexReader, ReloadPolicy, SegmentReader, TantivyDocument, Term,
};

use crate::histogram::{self, HistogramCollector};
use crate::{facets, snippets, QueryError, SearchRequest};

/// Searches one index. Cheap to share between threads; opening it once and reusing it is what
/// makes queries fast.
pub struct Searcher {
    index: PunditIndex,
    reader: IndexReader,
    recognizer: OnceLock<Option<Arc<dyn Recognizer>>>,
    /// The default fields a query searches: those some document filled (see
    /// [`IndexMeta::filled_fields`]), as of the commit the reader sees or a later one.
    searched_fields: RwLock<Vec<Field>>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("index", &self.index)
            .finish()
    }
}

/// What `pundit stats` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexStats {
    /// Documents in the index.
    pub documents: u64,
    /// Segments.
    pub segments: usize,
    /// Earliest effective date.
    pub earliest: Option<PartialDate>,
    /// Latest effective date.
    pub latest: Option<PartialDate>,
    /// Documents without any date.
    pub undated: u64,
    /// Distinct people, organizations and places.
    pub entity_counts: EntityCounts,
    /// Top values of every facet.
    pub facets: Facets,
    /// Bytes on disk.
    pub index_bytes: u64,
    /// Schema name.
    pub schema_name: String,
    /// Schema version.
    pub schema_version: u32,
}

/// Distinct entities by type.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EntityCounts {
    /// Distinct people.
    pub persons: u64,
    /// Distinct organizations.
    pub orgs: u64,
    /// Distinct places.
    pub places: u64,
}

/// The default search fields of the schema that `meta` says some document filled; all of them
/// when it does not say or none is filled (a query needs a field).
fn searched_fields(index: &PunditIndex, meta: &IndexMeta) -> Result<Vec<Field>, QueryError> {
    let schema = index.schema();
    let defaults = &schema.spec().search.default_fields;
    let filled = |name: &&String| meta.filled_fields.as_ref().is_none_or(|f| f.contains(name));
    let mut names: Vec<&String> = defaults.iter().filter(filled).collect();
    if names.is_empty() {
        names = defaults.iter().collect();
    }
    Ok(names
        .into_iter()
        .map(|name| schema.field(name))
        .collect::<Result<Vec<_>, _>>()?)
}

impl Searcher {
    /// A searcher over `index`, seeing its last commit.
    pub fn new(index: PunditIndex) -> Result<Self, QueryError> {
        let reader = index
            .index()
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        // Read after the reader: the metadata may be newer than the commit it sees, never
        // older (fields once filled stay filled).
        let searched_fields = RwLock::new(searched_fields(&index, &index.read_meta())?);
        Ok(Searcher {
            index,
            reader,
            recognizer: OnceLock::new(),
            searched_fields,
        })
    }

    /// Uses `recognizer` to resolve entity names in filters instead of loading the standard one.
    pub fn with_recognizer(self, recognizer: Arc<dyn Recognizer>) -> Self {
        let _ = self.recognizer.set(Some(recognizer));
        self
    }

    /// Sees commits made since the searcher was opened.
    pub fn reload(&self) -> Result<(), QueryError> {
        let before = self.reader.searcher().generation().segments().clone();
        self.reader.reload()?;
        if self.reader.searcher().generation().segments() == &before {
            return Ok(());
        }
        let fields = searched_fields(&self.index, &self.index.read_meta())?;
        *self
            .searched_fields
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = fields;
        Ok(())
    }

    /// The index searched.
    pub fn index(&self) -> &PunditIndex {
        &self.index
    }

    fn recognizer(&self) -> Option<&Arc<dyn Recognizer>> {
        // Loaded on the first entity filter only: plain searches never pay for the tables.
        self.recognizer
            .get_or_init(|| {
                StandardRecognizer::load()
                    .ok()
                    .map(|r| Arc::new(r) as Arc<dyn Recognizer>)
            })
            .as_ref()
    }

    /// The query without filters: what ranks and what snippets highlight.
    fn text_query(&self, query: &str) -> Result<Box<dyn Query>, QueryError> {
        let original = query.trim();
        if original.is_empty() || original == "*" {
            return Ok(Box::new(AllQuery));
        }
        let (escaped, added) = escape_inner_apostrophes(original);
        let text = &*escaped;
        if tantivy::query_grammar::parse_query(text).is_err() {
            // The strict parser only says that it failed; the lenient one says where.
            let (_, errors) = tantivy::query_grammar::parse_query_lenient(text);
            let (pos, message) = errors
                .first()
                .map(|e| (e.pos, e.message.clone()))
                .unwrap_or((text.len(), "unexpected end of query".to_string()));
            // A position in the query as typed: the escapes added before it are not counted.
            let pos = floor_char_boundary(text, pos);
            let position =
                text[..pos].chars().count() - added.iter().filter(|&&at| at < pos).count();
            return Err(QueryError::Syntax {
                query: original.to_string(),
                position,
                message,
            });
        }
        let schema = self.index.schema();
        let spec = &schema.spec().search;
        let fields = self
            .searched_fields
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        let mut parser = QueryParser::for_index(self.index.index(), fields);
        if spec.conjunction_by_default {
            parser.set_conjunction_by_default();
        }
        for (name, boost) in &spec.boosts {
            parser.set_field_boost(schema.field(name)?, *boost);
        }
        parser.parse_query(text).map_err(|e| QueryError::Field {
            query: text.to_string(),
            message: e.to_string(),
        })
    }

    fn filters(&self, request: &SearchRequest) -> Vec<Box<dyn Query>> {
        let fields = self.index.schema().fields();
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        let any_of = |field, values: &[String]| -> Box<dyn Query> {
            let clauses = values
                .iter()
                .map(|v| {
                    (
                        Occur::Should,
                        term_query(Term::from_field_text(field, &normalize_key(v))),
                    )
                })
                .collect();
            Box::new(BooleanQuery::new(clauses))
        };
        if !request.authors.is_empty() {
            filters.push(any_of(fields.authors_key, &request.authors));
        }
        if !request.sites.is_empty() {
            filters.push(any_of(fields.site_key, &request.sites));
        }
        for entity in &request.entities {
            filters.push(self.entity_filter(entity));
        }
        if request.since.is_some() || request.until.is_some() {
            let bound = |d: Option<PartialDate>, end: bool| match d {
                None => Bound::Unbounded,
                Some(d) => {
                    let moment = if end { d.end_utc() } else { d.start_utc() };
                    let term = Term::from_field_date(
                        fields.published,
                        DateTime::from_timestamp_secs(moment.unix_timestamp()),
                    );
                    if end {
                        Bound::Excluded(term)
                    } else {
                        Bound::Included(term)
                    }
                }
            };
            filters.push(Box::new(RangeQuery::new(
                bound(request.since, false),
                bound(request.until, true),
            )));
        }
        filters
    }

    /// `person:Name`, `org:Name`, `place:Name` or `Name`: resolved through the alias tables to
    /// its canonical name, then matched case- and accent-insensitively.
    fn entity_filter(&self, entity: &str) -> Box<dyn Query> {
        let spec = &self.index.schema().spec().search;
        let (kind, name) = match entity.split_once(':') {
            Some((prefix, rest)) if EntityType::parse(prefix).is_some() => {
                (EntityType::parse(prefix), rest.trim())
            }
            _ => (None, entity.trim()),
        };
        let resolved = self.recognizer().and_then(|r| r.resolve(name, kind));
        let (kinds, canonical): (Vec<EntityType>, String) = match (resolved, kind) {
            (Some(r), _) => (vec![r.kind], r.canonical),
            (None, Some(kind)) => (vec![kind], name.to_string()),
            (None, None) => (
                vec![EntityType::Person, EntityType::Org, EntityType::Place],
                name.to_string(),
            ),
        };
        let key = normalize_key(&canonical);
        let clauses = kinds
            .into_iter()
            .filter_map(|kind| spec.entity_fields.get(kind.as_str()))
            .filter_map(|name| self.index.schema().field(name).ok())
            .map(|field| {
                (
                    Occur::Should,
                    term_query(Term::from_field_text(field, &key)),
                )
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, QueryError> {
        let text_query = self.text_query(&request.query)?;
        let filters = self.filters(request);
        let query: Box<dyn Query> = if filters.is_empty() {
            text_query.box_clone()
        } else {
            let mut clauses = vec![(Occur::Must, text_query.box_clone())];
            clauses.extend(filters.into_iter().map(|f| (Occur::Must, f)));
            Box::new(BooleanQuery::new(clauses))
        };
        let searcher = self.reader.searcher();
        let schema = self.index.schema();
        let fields = schema.fields();
        let facet_specs = &schema.spec().facets;
        let facets_collector =
            (request.facet_size > 0).then(|| facets::collector(facet_specs, request.facet_size));
        let histogram_collector = request.histogram.map(|interval| HistogramCollector {
            date_field: field_name(schema, fields.published),
            precision_field: field_name(schema, fields.date_precision),
            interval,
        });
        let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
        let (total, addresses, aggregations, histogram) = match request.sort {
            SortOrder::Relevance => {
                let (total, top, aggs, hist) = searcher.search(
                    &query,
                    &(
                        Count,
                        top.order_by_score(),
                        facets_collector,
                        histogram_collector,
                    ),
                )?;
                (total, top, aggs, hist)
            }
            order => {
                let name = field_name(schema, fields.published);
                let newest = order == SortOrder::Newest;
                let by_date = top.tweak_score(move |segment: &SegmentReader| {
                    let dates = segment.fast_fields().date(&name).ok();
                    move |doc, _score| {
                        // Undated documents last in both orders.
                        match dates.as_ref().and_then(|c| c.first(doc)) {
                            Some(d) if newest => d.into_timestamp_secs(),
                            Some(d) => -d.into_timestamp_secs(),
                            None => i64::MIN,
                        }
                    }
                });
                let (total, top, aggs, hist) = searcher.search(
                    &query,
                    &(Count, by_date, facets_collector, histogram_collector),
                )?;
                (
                    total,
                    top.into_iter().map(|(_, a)| (0.0, a)).collect(),
                    aggs,
                    hist,
                )
            }
        };
        let addresses = if request.limit == 0 {
            Vec::new()
        } else {
            addresses
        };
        let generator = if request.snippets && !addresses.is_empty() {
            Some(self.snippet_generator(&searcher, &*text_query)?)
        } else {
            None
        };
        let snippets = snippets::Snippets::new(generator.as_ref(), &*text_query, fields.body);
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let stored: TantivyDocument = searcher.doc(address)?;
            let doc = self.document_from(&stored)?;
            let snippet = if request.snippets {
                snippets.snippet(&doc.body)
            } else {
                Default::default()
            };
            hits.push(Hit {
                score,
                id: doc.id,
                title: doc.title,
                authors: doc.authors,
                published: doc.published.or(doc.published_inferred),
                site: doc.site,
                url: doc.url,
                source_path: doc.source_path,
                record: doc.record,
                snippet,
            });
        }
        Ok(SearchResults {
            query: request.query.clone(),
            total: total as u64,
            hits,
            facets: aggregations
                .map(|a| facets::facets(&a, facet_specs))
                .unwrap_or_default(),
            histogram: match (histogram, request.histogram) {
                (Some(counts), Some(interval)) => Some(histogram::finish(counts, interval)),
                _ => None,
            },
        })
    }

    /// The stored document `id`, with its body.
    pub fn document(&self, id: &str) -> Result<Option<Document>, QueryError> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.index.schema().fields().id, id.trim()),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        match top.first() {
            Some((_, address)) => Ok(Some(self.load(&searcher, *address)?)),
            None => Ok(None),
        }
    }

    fn load(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
    ) -> Result<Document, QueryError> {
        let stored: TantivyDocument = searcher.doc(address)?;
        self.document_from(&stored)
    }

    /// The snippet generator for the query's terms in the body, as tantivy's
    /// `SnippetGenerator::create` makes it, with an analyzer that stems only the words that
    /// could match (stemming every word of ten passages was a tenth of a search's time).
    fn snippet_generator(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn tantivy::query::Query,
    ) -> Result<SnippetGenerator, QueryError> {
        let schema = self.index.schema();
        let body = schema.fields().body;
        let mut terms = std::collections::BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == body {
                terms.insert(term.clone());
            }
        });
        let mut weights = std::collections::BTreeMap::new();
        for term in &terms {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as f32));
            }
        }
        let stems: Vec<&str> = weights.keys().map(String::as_str).collect();
        let name = schema.schema().get_field_name(body);
        let analyzer = match schema.highlight_analyzer(name, &stems)? {
            Some(analyzer) => analyzer,
            None => searcher.index().tokenizer_for_field(body)?,
        };
        Ok(SnippetGenerator::new(
            weights,
            analyzer,
            body,
            snippets::SNIPPET_CHARS,
        ))
    }

    fn document_from(&self, stored: &TantivyDocument) -> Result<Document, QueryError> {
        let fields = self.index.schema().fields();
        let text = |field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
        };
        let mut doc: Document = serde_json::from_str(text(fields.document)).map_err(|e| {
            tantivy::TantivyError::InternalError(format!("stored document is not valid JSON: {e}"))
        })?;
        doc.body = text(fields.body).to_string();
        Ok(doc)
    }

    /// Index statistics, with the top `facet_size` values of every facet.
    pub fn stats(&self, facet_size: usize) -> Result<IndexStats, QueryError> {
        let searcher = self.reader.searcher();
        let schema = self.index.schema();
        let fields = schema.fields();
        let date_name = field_name(schema, fields.published);
        let mut earliest: Option<i64> = None;
        let mut latest: Option<i64> = None;
        let mut dated = 0u64;
        for segment in searcher.segment_readers() {
            let dates = segment.fast_fields().date(&date_name)?;
            for doc in segment.doc_ids_alive() {
                if let Some(d) = dates.first(doc) {
                    let t = d.into_timestamp_secs();
                    earliest = Some(earliest.map_or(t, |e| e.min(t)));
                    latest = Some(latest.map_or(t, |l| l.max(t)));
                    dated += 1;
                }
            }
        }
        let to_date = |t: i64| {
            time::OffsetDateTime::from_unix_timestamp(t)
                .ok()
                .map(|d| PartialDate::Day(d.date()))
        };
        let specs = &schema.spec().facets;
        let all = searcher.search(&AllQuery, &facets::collector(specs, usize::MAX))?;
        let everything = facets::facets(&all, specs);
        let entity_counts = EntityCounts {
            persons: everything.persons.len() as u64,
            orgs: everything.orgs.len() as u64,
            places: everything.places.len() as u64,
        };
        let truncate = |mut v: Vec<pundit_model::FacetCount>| {
            v.truncate(facet_size);
            v
        };
        let facets = Facets {
            authors: truncate(everything.authors),
            sites: truncate(everything.sites),
            persons: truncate(everything.persons),
            orgs: truncate(everything.orgs),
            places: truncate(everything.places),
            languages: truncate(everything.languages),
        };
        let documents = searcher.num_docs();
        Ok(IndexStats {
            documents,
            segments: searcher.segment_readers().len(),
            earliest: earliest.and_then(to_date),
            latest: latest.and_then(to_date),
            undated: documents - dated,
            entity_counts,
            facets,
            index_bytes: dir_size(self.index.dir()),
            schema_name: schema.spec().name.clone(),
            schema_version: schema.spec().version,
        })
    }
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

fn field_name(schema: &pundit_schema::PunditSchema, field: tantivy::schema::Field) -> String {
    schema.schema().get_field_name(field).to_string()
}

fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// The query with each apostrophe inside a word ("O'Brien", "Côte d'Ivoire") escaped, and the
/// byte offsets of the backslashes added: tantivy's grammar reads a bare apostrophe as the start
/// of a quoted phrase, and a query naming O'Brien would fail. Apostrophes that open or close a
/// phrase ('a b') have a space or a query's end on one side and are left alone.
fn escape_inner_apostrophes(query: &str) -> (Cow<'_, str>, Vec<usize>) {
    let inner = |at: usize| {
        let before = query[..at].chars().next_back();
        let after = query[at + 1..].chars().next();
        before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
    };
    let apostrophes: Vec<usize> = query
        .match_indices('\'')
        .map(|(at, _)| at)
        .filter(|&at| inner(at))
        .collect();
    if apostrophes.is_empty() {
        return (Cow::Borrowed(query), Vec::new());
    }
    let mut escaped = String::with_capacity(query.len() + apostrophes.len());
    let mut added = Vec::with_capacity(apostrophes.len());
    let mut copied = 0;
    for at in apostrophes {
        escaped.push_str(&query[copied..at]);
        added.push(escaped.len());
        escaped.push('\\');
        copied = at;
    }
    escaped.push_str(&query[copied..]);
    (Cow::Owned(escaped), added)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_inside_words_are_escaped_and_phrase_quotes_are_not() {
        let (escaped, added) = escape_inner_apostrophes("O'Brien on Côte d'Ivoire");
        assert_eq!(escaped, "O\\'Brien on Côte d\\'Ivoire");
        assert_eq!(added, [1, 19]);
        for query in ["'security council'", "peace 'now", "rock 'n' roll", "plain"] {
            let (escaped, added) = escape_inner_apostrophes(query);
            assert_eq!(escaped, query);
            assert!(added.is_empty());
        }
        assert!(
            tantivy::query_grammar::parse_query(&escape_inner_apostrophes("O'Brien").0).is_ok()
        );
    }
}
