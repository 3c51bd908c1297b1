use pundit_model::{Interval, PartialDate, SortOrder};

use crate::QueryError;

/// A search: query text, filters, paging, facets and histogram. Built with chained calls.
///
/// ```
/// use pundit_query::SearchRequest;
/// use pundit_model::{Interval, SortOrder};
///
/// let request = SearchRequest::new("ceasefire")
///     .author("Margaret Ellison")
///     .entity("person:Vladimir Putin")
///     .since("2024-06").unwrap()
///     .until("2025").unwrap()
///     .sort(SortOrder::Newest)
///     .histogram(Interval::Month)
///     .limit(20);
/// assert_eq!(request.limit, 20);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Query text in tantivy's syntax; empty or `*` matches everything.
    pub query: String,
    /// Authors (any of them), matched case- and accent-insensitively.
    pub authors: Vec<String>,
    /// Sites (any of them).
    pub sites: Vec<String>,
    /// Entities (all of them): canonical name or alias, optionally `person:`/`org:`/`place:`.
    pub entities: Vec<String>,
    /// Earliest effective date (inclusive, from the first instant of the period named).
    pub since: Option<PartialDate>,
    /// Latest effective date (inclusive of the whole period named).
    pub until: Option<PartialDate>,
    /// Order of hits.
    pub sort: SortOrder,
    /// Hits per page.
    pub limit: usize,
    /// Hits skipped.
    pub offset: usize,
    /// Values per facet (0: no facets).
    pub facet_size: usize,
    /// Date histogram bucket size.
    pub histogram: Option<Interval>,
    /// Cut snippets from the body.
    pub snippets: bool,
}

impl SearchRequest {
    /// A request for `query` with defaults: relevance, 10 hits, 10 values per facet, snippets.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            authors: Vec::new(),
            sites: Vec::new(),
            entities: Vec::new(),
            since: None,
            until: None,
            sort: SortOrder::Relevance,
            limit: 10,
            offset: 0,
            facet_size: 10,
            histogram: None,
            snippets: true,
        }
    }

    /// Adds an author filter.
    pub fn author(mut self, name: impl Into<String>) -> Self {
        self.authors.push(name.into());
        self
    }

    /// Adds a site filter.
    pub fn site(mut self, name: impl Into<String>) -> Self {
        self.sites.push(name.into());
        self
    }

    /// Adds an entity filter.
    pub fn entity(mut self, name: impl Into<String>) -> Self {
        self.entities.push(name.into());
        self
    }

    /// Keeps documents dated in or after the period `date` names (`2025`, `2025-11`, `2025-11-27`).
    pub fn since(mut self, date: &str) -> Result<Self, QueryError> {
        self.since = Some(parse_filter_date("--since", date)?);
        Ok(self)
    }

    /// Keeps documents dated in or before the period `date` names: `--until 2025-11` includes
    /// November 30.
    pub fn until(mut self, date: &str) -> Result<Self, QueryError> {
        self.until = Some(parse_filter_date("--until", date)?);
        Ok(self)
    }

    /// Sets the order of hits.
    pub fn sort(mut self, sort: SortOrder) -> Self {
        self.sort = sort;
        self
    }

    /// Sets the number of hits.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Sets the number of hits skipped.
    pub fn offset(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }

    /// Sets the number of values per facet.
    pub fn facet_size(mut self, size: usize) -> Self {
        self.facet_size = size;
        self
    }

    /// Requests a date histogram.
    pub fn histogram(mut self, interval: Interval) -> Self {
        self.histogram = Some(interval);
        self
    }

    /// Turns snippets on or off.
    pub fn snippets(mut self, on: bool) -> Self {
        self.snippets = on;
        self
    }
}

fn parse_filter_date(option: &'static str, value: &str) -> Result<PartialDate, QueryError> {
    value
        .parse::<PartialDate>()
        .map_err(|_| QueryError::BadFilter {
            option,
            value: value.to_string(),
            message: "expected a year, month or day: 2025, 2025-11 or 2025-11-27".into(),
        })
}
