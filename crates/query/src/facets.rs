//! Facet counts: for each facet field, how many matching documents hold each value.
//!
//! Counted straight from the fields' columnar term ordinals: each segment keeps one counter per
//! distinct value, and only the values that make a top list are looked up in the dictionary.
//! (tantivy's terms aggregation gives the same counts, but sorting and de-duplicating every
//! (document, value) pair was most of a facet query's time once entity fields hold thousands of
//! values.) Counts are exact across segments too, without naming every value of every segment:
//! see [`merged_top_values`].

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
/// (label fields) to name them.
pub fn collector(facets: &[FacetSpec], size: usize) -> FacetCollector {
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
    FacetCollector { fields }
}

/// A collector of [`FacetCounts`].
pub struct FacetCollector {
    /// Field names and how many of their top values to keep.
    fields: Vec<(String, usize)>,
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
            .map(|(field, _)| {
                let column = reader.fast_fields().str(field)?;
                let terms = column.as_ref().map_or(0, |c| c.num_terms());
                Ok(FieldTally {
                    column,
                    counts: vec![0; terms],
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(SegmentFacets {
            tallies: SegmentTallies(fields),
            pending: Vec::with_capacity(DOCS_PER_BLOCK),
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentTallies>) -> tantivy::Result<FacetCounts> {
        let mut merged = FacetCounts::default();
        for (at, (field, limit)) in self.fields.iter().enumerate() {
            let tallies: Vec<(&StrColumn, &[u32])> = segments
                .iter()
                .filter_map(|segment| {
                    let tally = &segment.0[at];
                    Some((tally.column.as_ref()?, tally.counts.as_slice()))
                })
                .collect();
            let values = match tallies.as_slice() {
                [] => Some(Vec::new()),
                [(column, counts)] => single_top_values(column, counts, *limit),
                _ => merged_top_values(&tallies, *limit),
            };
            merged
                .fields
                .insert(field.clone(), values.unwrap_or_default());
        }
        Ok(merged)
    }
}

/// Matching documents are counted in blocks of this many: a run of consecutive documents (a
/// query matching most of the index) has its ordinals decoded in one call.
const DOCS_PER_BLOCK: usize = 512;

/// Counts one segment's values.
pub struct SegmentFacets {
    tallies: SegmentTallies,
    /// Matching documents not counted yet, in increasing order.
    pending: Vec<DocId>,
    /// Decoded ordinals of a run of documents.
    ords: Vec<u64>,
}

/// One segment's counts of each field, in the collector's field order.
pub struct SegmentTallies(Vec<FieldTally>);

struct FieldTally {
    column: Option<StrColumn>,
    /// Documents per term ordinal.
    counts: Vec<u32>,
}

impl SegmentFacets {
    /// Counts the values of the pending documents. A document holds each value once (the
    /// indexer writes distinct keys), so every ordinal read is one document more.
    fn count_pending(&mut self) {
        let docs = &self.pending;
        for field in &mut self.tallies.0 {
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
    type Fruit = SegmentTallies;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.pending.push(doc);
        if self.pending.len() == DOCS_PER_BLOCK {
            self.count_pending();
        }
    }

    fn harvest(mut self) -> SegmentTallies {
        self.count_pending();
        self.tallies
    }
}

/// The ordinals of the `limit` highest counts (ties: lowest ordinals, which is value order), as
/// (count, ordinal) in no particular order.
fn top_ordinals(counts: &[u32], limit: usize) -> Vec<(u32, u64)> {
    let mut best = BinaryHeap::with_capacity(limit.min(counts.len()) + 1);
    for (ord, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        // The worst kept value is on top of the heap. Ordinals come in increasing order, so a
        // value only displaces it with a higher count.
        if best.len() < limit {
            best.push((Reverse(count), ord as u64));
        } else if best
            .peek()
            .is_some_and(|&(Reverse(worst), _)| count > worst)
        {
            best.pop();
            best.push((Reverse(count), ord as u64));
        }
    }
    best.into_iter()
        .map(|(Reverse(count), ord)| (count, ord))
        .collect()
}

/// Names (count, ordinal) pairs from the column's dictionary in one sorted pass. `None` when the
/// dictionary is unreadable: no values rather than wrongly named ones.
fn named(column: &StrColumn, mut top: Vec<(u32, u64)>) -> Option<Vec<(String, u32)>> {
    top.sort_unstable_by_key(|&(_, ord)| ord);
    let ords: Vec<u64> = top.iter().map(|&(_, ord)| ord).collect();
    let mut terms = Vec::with_capacity(ords.len());
    let found = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
        terms.push(String::from_utf8_lossy(bytes).into_owned());
    });
    if !matches!(found, Ok(true)) || terms.len() != top.len() {
        return None;
    }
    Some(
        terms
            .into_iter()
            .zip(top)
            .map(|(term, (count, _))| (term, count))
            .collect(),
    )
}

/// Most documents first, ties in value order.
fn ranked(mut values: Vec<(String, u64)>, limit: usize) -> Vec<(String, u64)> {
    values.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values.truncate(limit);
    values
}

/// The `limit` most frequent values of a lone segment's column.
fn single_top_values(
    column: &StrColumn,
    counts: &[u32],
    limit: usize,
) -> Option<Vec<(String, u64)>> {
    let values = named(column, top_ordinals(counts, limit))?;
    Some(ranked(
        values.into_iter().map(|(v, c)| (v, u64::from(c))).collect(),
        limit,
    ))
}

/// The `limit` most frequent values over several segments, exact, naming only a few values of
/// each (the threshold algorithm of Fagin et al.). Each segment offers its `depth` best values;
/// each offered value is counted in every segment (a dictionary look-up where it was not
/// offered). A value offered by none has at most, in each segment, that segment's lowest offered
/// count (nothing where a segment offered all it has): when the `limit`-th best offered total
/// beats the sum of those, no such value can reach the list. Otherwise the segments offer more.
fn merged_top_values(
    segments: &[(&StrColumn, &[u32])],
    limit: usize,
) -> Option<Vec<(String, u64)>> {
    if limit == 0 {
        return Some(Vec::new());
    }
    // Values each segment counted: the same in every round.
    let counted: Vec<usize> = segments
        .iter()
        .map(|(_, counts)| counts.iter().filter(|&&count| count > 0).count())
        .collect();
    let mut depth = limit.max(16).saturating_mul(2);
    loop {
        let mut threshold = 0u64;
        // Per segment: whether it offered every value it counted (then a value it did not
        // offer has no documents there, and needs no look-up).
        let mut complete = Vec::with_capacity(segments.len());
        // Value → its count in each segment, where known.
        let mut offered: HashMap<String, Vec<Option<u32>>> = HashMap::new();
        for (at, ((column, counts), &counted)) in segments.iter().zip(&counted).enumerate() {
            // A few more than asked costs less than a second round: small match sets, whose
            // counts tie at one or two, are settled at once.
            let offer = if counted <= depth.saturating_mul(4) {
                counted
            } else {
                depth
            };
            let top = top_ordinals(counts, offer);
            complete.push(top.len() == counted);
            if top.len() < counted {
                threshold += u64::from(top.iter().map(|&(count, _)| count).min().unwrap_or(0));
            }
            for (value, count) in named(column, top)? {
                offered
                    .entry(value)
                    .or_insert_with(|| vec![None; segments.len()])[at] = Some(count);
            }
        }
        let mut totals = Vec::with_capacity(offered.len());
        for (value, known) in offered {
            let mut total = 0u64;
            for (((column, counts), count), &complete) in segments.iter().zip(known).zip(&complete)
            {
                total += u64::from(match count {
                    Some(count) => count,
                    None if complete => 0,
                    None => match column.dictionary().term_ord(value.as_bytes()).ok()? {
                        Some(ord) => counts[ord as usize],
                        None => 0,
                    },
                });
            }
            totals.push((value, total));
        }
        let exhaustive = complete.iter().all(|&c| c);
        let values = ranked(totals, limit);
        let certain = values.len() == limit && values[limit - 1].1 > threshold;
        if exhaustive || certain {
            return Some(values);
        }
        depth = depth.saturating_mul(4);
    }
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
