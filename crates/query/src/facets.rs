//! Facet counts with tantivy's terms aggregation, exact across segments.

use std::collections::HashMap;

use pundit_model::{FacetCount, Facets};
use pundit_schema::{normalize_key, FacetSpec};
use serde_json::{json, Value};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};

/// Every segment reports all its terms: the terms aggregation is only exact across segments
/// when no segment cuts its list short.
const SEGMENT_SIZE: u32 = u32::MAX;

/// The aggregation request counting `facets` (top `size` keys each) and their spellings.
pub fn collector(facets: &[FacetSpec], size: usize, segments: usize) -> AggregationCollector {
    // tantivy takes sizes as u32 and multiplies them by 10 internally: keep "all values" well
    // below u32::MAX.
    const ALL: u32 = u32::MAX / 32;
    let size = u32::try_from(size).unwrap_or(ALL).min(ALL);
    let label_size = size.saturating_mul(20).clamp(200, ALL);
    let mut request = serde_json::Map::new();
    for facet in facets {
        request.insert(
            format!("{}:key", facet.name),
            terms(&facet.key_field, size, segments),
        );
        if facet.label_field != facet.key_field {
            // Spellings of the values: enough of them to label the top keys.
            request.insert(
                format!("{}:label", facet.name),
                terms(&facet.label_field, label_size, segments),
            );
        }
    }
    let aggs: Aggregations =
        serde_json::from_value(Value::Object(request)).expect("valid aggregation request");
    // Exact counts keep every distinct value of a segment in memory: lift the default bucket
    // limit (65,000), which a large archive's authors or entities can pass, and bound memory.
    let limits = AggregationLimitsGuard::new(Some(4 << 30), Some(u32::MAX));
    AggregationCollector::from_aggs(aggs, AggContextParams::new(limits, Default::default()))
}

/// A terms aggregation. Within one segment its top values are exact; across several, only
/// when no segment cuts its list short.
fn terms(field: &str, size: u32, segments: usize) -> Value {
    if segments <= 1 {
        json!({ "terms": { "field": field, "size": size } })
    } else {
        json!({ "terms": { "field": field, "size": size, "segment_size": SEGMENT_SIZE } })
    }
}

fn buckets(results: &Value, name: &str) -> Vec<(String, u64)> {
    results
        .get(name)
        .and_then(|r| r.get("buckets"))
        .and_then(Value::as_array)
        .map(|buckets| {
            buckets
                .iter()
                .filter_map(|b| {
                    Some((
                        b.get("key")?.as_str()?.to_string(),
                        b.get("doc_count")?.as_u64()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Turns the aggregation results into facet counts, each value under its most common spelling.
pub fn facets(results: &AggregationResults, specs: &[FacetSpec]) -> Facets {
    let value = serde_json::to_value(results).unwrap_or(Value::Null);
    let mut facets = Facets::default();
    for spec in specs {
        let keys = buckets(&value, &format!("{}:key", spec.name));
        let mut best: HashMap<String, (u64, String)> = HashMap::new();
        for (label, count) in buckets(&value, &format!("{}:label", spec.name)) {
            let entry = best
                .entry(normalize_key(&label))
                .or_insert((0, label.clone()));
            if count > entry.0 || (count == entry.0 && label < entry.1) {
                *entry = (count, label);
            }
        }
        let mut counts: Vec<FacetCount> = keys
            .into_iter()
            .map(|(key, count)| FacetCount {
                value: best.remove(&key).map(|(_, label)| label).unwrap_or(key),
                count,
            })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        let slot = match spec.name.as_str() {
            "authors" => &mut facets.authors,
            "sites" => &mut facets.sites,
            "persons" => &mut facets.persons,
            "orgs" => &mut facets.orgs,
            "places" => &mut facets.places,
            "languages" => &mut facets.languages,
            _ => continue,
        };
        *slot = counts;
    }
    facets
}
