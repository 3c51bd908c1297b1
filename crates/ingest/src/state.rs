//! What the index already holds, per source file: the signature recorded when it was indexed
//! and how many documents came from it.

use std::collections::HashMap;

use pundit_schema::Fields;
use tantivy::Searcher;

/// One indexed source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    /// `size:hash` when it was indexed.
    pub sig: String,
    /// Live documents from it.
    pub docs: u64,
}

/// Reads the file states from the fast fields of every segment.
pub fn indexed_files(
    searcher: &Searcher,
    fields: &Fields,
    schema: &tantivy::schema::Schema,
) -> tantivy::Result<HashMap<String, FileState>> {
    let key_name = schema.get_field_name(fields.source_key);
    let sig_name = schema.get_field_name(fields.source_sig);
    let mut files: HashMap<String, FileState> = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let (Some(keys), Some(sigs)) = (fast.str(key_name)?, fast.str(sig_name)?) else {
            continue;
        };
        // Count documents per key ordinal first; resolve each distinct key once.
        let mut per_key: HashMap<u64, (u64, u32)> = HashMap::new();
        for doc in segment.doc_ids_alive() {
            if let Some(ord) = keys.term_ords(doc).next() {
                per_key.entry(ord).or_insert((0, doc)).0 += 1;
            }
        }
        let mut key = String::new();
        let mut sig = String::new();
        for (ord, (count, first_doc)) in per_key {
            key.clear();
            sig.clear();
            keys.ord_to_str(ord, &mut key)?;
            if let Some(sig_ord) = sigs.term_ords(first_doc).next() {
                sigs.ord_to_str(sig_ord, &mut sig)?;
            }
            let state = files.entry(key.clone()).or_insert_with(|| FileState {
                sig: sig.clone(),
                docs: 0,
            });
            state.docs += count;
        }
    }
    Ok(files)
}
