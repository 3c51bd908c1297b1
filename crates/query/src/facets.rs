//! Facet counts: for each facet field, how many matching documents hold each value.
//!
//! Counted straight from the fields' columnar term ordinals: each segment keeps one counter per
//! distinct value, and only the values that make a top list are looked up in the dictionary.
//! (tantivy's terms aggregation gives the same counts, but sorting and de-duplicating every
//! (document, value) pair was most of a facet query's time once entity fields hold thousands of
//! values.) Counts are exact across segments: with more than one segment each reports every
//! value it saw before the lists are summed and cut.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use pundit_model::{FacetCount, Facets};
use pundit_schema::{normalize_key, FacetSpec};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts of facet fields' values: field name → (value, documents), most documents first and
/// ties in value order.
#[derive(Debug, Default)]
pub struct FacetCounts {
    fields: HashMap<String, Vec<(String, u64)>>,
}

impl FacetCounts {
    fn get(&self, field: &str) -> &[(String, u64)] {
        self.fields.get(field).map_or(&[], Vec::as_slice)
    }
}

/// Counts the fields of `facets`: the top `size` keys of each and enough of their spellings
/// (label fields) to name them. `segments` is the number of segments searched.
pub fn collector(facets: &[FacetSpec], size: usize, segments: usize) -> FacetCollector {
    let label_size = size.saturating_mul(20).max(200);
    let mut fields: Vec<(String, usize)> = Vec::new();
    let mut want = |field: &str, limit: usize| match fields.iter_mut().find(|(f, _)| f == field) {
        Some((_, l)) => *l = (*l).max(limit),
        None => fields.push((field.to_string(), limit)),
    };
    for facet in facets {
        want(&facet.key_field, size);
        if facet.label_field != facet.key_field {
            want(&facet.label_field, label_size);
        }
    }
    FacetCollector { fields, segments }
}

/// A collector of [`FacetCounts`].
pub struct FacetCollector {
    /// Field names and how many of their top values to keep.
    fields: Vec<(String, usize)>,
    segments: usize,
}

impl Collector for FacetCollector {
    type Fruit = FacetCounts;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let fields = self
            .fields
            .iter()
            .map(|(field, limit)| {
                let column = reader.fast_fields().str(field)?;
                let terms = column.as_ref().map_or(0, |c| c.num_terms());
                Ok(FieldCounter {
                    field: field.clone(),
                    // A lone segment's top list is the answer; otherwise every value is needed
                    // for exact sums.
                    limit: if self.segments <= 1 {
                        *limit
                    } else {
                        usize::MAX
                    },
                    column,
                    counts: vec![0; terms],
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(SegmentFacets {
            fields,
            pending: Vec::with_capacity(DOCS_PER_BLOCK),
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, mut fruits: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        if fruits.len() == 1 {
            // A lone segment's lists are already ranked and cut.
            return Ok(fruits.remove(0));
        }
        let mut sums: HashMap<String, HashMap<String, u64>> = HashMap::new();
        for fruit in fruits {
            for (field, values) in fruit.fields {
                let sum = sums.entry(field).or_default();
                for (value, count) in values {
                    *sum.entry(value).or_default() += count;
                }
            }
        }
        let mut merged = FacetCounts::default();
        for (field, limit) in &self.fields {
            let mut values: Vec<(String, u64)> =
                sums.remove(field).unwrap_or_default().into_iter().collect();
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            values.truncate(*limit);
            merged.fields.insert(field.clone(), values);
        }
        Ok(merged)
    }
}

/// Matching documents are counted in blocks of this many: a run of consecutive documents (a
/// query matching most of the index) has its ordinals decoded in one call.
const DOCS_PER_BLOCK: usize = 512;

/// Counts one segment's values.
pub struct SegmentFacets {
    fields: Vec<FieldCounter>,
    /// Matching documents not counted yet, in increasing order.
    pending: Vec<DocId>,
    /// Decoded ordinals of a run of documents.
    ords: Vec<u64>,
}

struct FieldCounter {
    field: String,
    limit: usize,
    column: Option<StrColumn>,
    /// Documents per term ordinal.
    counts: Vec<u32>,
}

impl SegmentFacets {
    /// Counts the values of the pending documents. A document holds each value once (the
    /// indexer writes distinct keys), so every ordinal read is one document more.
    fn count_pending(&mut self) {
        let docs = &self.pending;
        for field in &mut self.fields {
            let Some(column) = &field.column else {
                continue;
            };
            let column = column.ords();
            let mut start = 0;
            while start < docs.len() {
                let mut end = start + 1;
                while end < docs.len() && docs[end] == docs[end - 1] + 1 {
                    end += 1;
                }
                let rows = column
                    .index
                    .docid_range_to_rowids(docs[start]..docs[end - 1] + 1);
                let len = rows.len();
                // Grown, never shrunk: zeroing it for every run cost more than the counting.
                if self.ords.len() < len {
                    self.ords.resize(len, 0);
                }
                let ords = &mut self.ords[..len];
                column.values.get_range(u64::from(rows.start), ords);
                for &ord in ords.iter() {
                    field.counts[ord as usize] += 1;
                }
                start = end;
            }
        }
        self.pending.clear();
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.pending.push(doc);
        if self.pending.len() == DOCS_PER_BLOCK {
            self.count_pending();
        }
    }

    fn harvest(mut self) -> FacetCounts {
        self.count_pending();
        let mut counts = FacetCounts::default();
        for field in self.fields {
            let values = match &field.column {
                Some(column) => top_values(column, &field.counts, field.limit),
                None => Vec::new(),
            };
            counts.fields.insert(field.field, values);
        }
        counts
    }
}

/// The `limit` most frequent values of a column (ties in value order, which is ordinal order),
/// looked up in its dictionary in one sorted pass.
fn top_values(column: &StrColumn, counts: &[u32], limit: usize) -> Vec<(String, u64)> {
    let counted = counts
        .iter()
        .enumerate()
        .filter(|(_, &count)| count > 0)
        .map(|(ord, &count)| (count, ord as u64));
    let mut top: Vec<(u32, u64)> = if limit >= counts.len() {
        counted.collect()
    } else {
        // The `limit` best in one pass, the worst of them on top of the heap. Ordinals come in
        // increasing order, so a value only displaces the worst with a higher count.
        let mut best = BinaryHeap::with_capacity(limit + 1);
        for (count, ord) in counted {
            if best.len() < limit {
                best.push((Reverse(count), ord));
            } else if best
                .peek()
                .is_some_and(|&(Reverse(worst), _)| count > worst)
            {
                best.pop();
                best.push((Reverse(count), ord));
            }
        }
        best.into_iter()
            .map(|(Reverse(count), ord)| (count, ord))
            .collect()
    };
    top.sort_unstable_by_key(|&(_, ord)| ord);
    let ords: Vec<u64> = top.iter().map(|&(_, ord)| ord).collect();
    let mut terms = Vec::with_capacity(ords.len());
    let found = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
        terms.push(String::from_utf8_lossy(bytes).into_owned());
    });
    if !matches!(found, Ok(true)) || terms.len() != top.len() {
        // An unreadable dictionary: no values rather than wrongly named ones.
        return Vec::new();
    }
    let mut values: Vec<(String, u64)> = terms
        .into_iter()
        .zip(top)
        .map(|(term, (count, _))| (term, u64::from(count)))
        .collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values
}

/// Turns facet counts into facets, each value under its most common spelling.
pub fn facets(counts: &FacetCounts, specs: &[FacetSpec]) -> Facets {
    let mut facets = Facets::default();
    for spec in specs {
        let mut best: HashMap<String, (u64, &str)> = HashMap::new();
        if spec.label_field != spec.key_field {
            for (label, count) in counts.get(&spec.label_field) {
                let entry = best.entry(normalize_key(label)).or_insert((0, label));
                if *count > entry.0 || (*count == entry.0 && label.as_str() < entry.1) {
                    *entry = (*count, label);
                }
            }
        }
        let mut values: Vec<FacetCount> = counts
            .get(&spec.key_field)
            .iter()
            .map(|(key, count)| FacetCount {
                value: best
                    .remove(key)
                    .map_or_else(|| key.clone(), |(_, label)| label.to_string()),
                count: *count,
            })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        let slot = match spec.name.as_str() {
            "authors" => &mut facets.authors,
            "sites" => &mut facets.sites,
            "persons" => &mut facets.persons,
            "orgs" => &mut facets.orgs,
            "places" => &mut facets.places,
            "languages" => &mut facets.languages,
            _ => continue,
        };
        *slot = values;
    }
    facets
}
