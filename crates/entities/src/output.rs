//! The JSONL form of mentions printed by `pundit entities`.

use serde::Serialize;

use crate::{EntityType, Mention, MentionSource};

/// A mention with Unicode code-point offsets, as `pundit entities` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionRecord {
    /// Code-point offset of the first character.
    pub start: usize,
    /// Code-point offset just past the mention.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// `person`, `org` or `place`.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical name.
    pub canonical: String,
    /// `table`, `rule`, `tagger` or `coreference`.
    pub source: MentionSource,
}

/// Converts byte-offset mentions of `text` into code-point records.
///
/// ```
/// use pundit_entities::{mention_records, EntityType, Mention, MentionSource};
/// let text = "Zélensky et Poutine";
/// let start = text.find("Poutine").unwrap();
/// let m = Mention { start, end: start + 7, text: "Poutine".into(), kind: EntityType::Person,
///                   canonical: "Vladimir Putin".into(), source: MentionSource::Table };
/// let records = mention_records(text, &[m]);
/// assert_eq!((records[0].start, records[0].end), (12, 19));
/// ```
pub fn mention_records(text: &str, mentions: &[Mention]) -> Vec<MentionRecord> {
    // Walk the text once, converting the (sorted) byte offsets to code-point offsets.
    let mut offsets: Vec<usize> = mentions.iter().flat_map(|m| [m.start, m.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut map = std::collections::HashMap::with_capacity(offsets.len());
    let mut wanted = offsets.iter().peekable();
    for (chars, (byte, _)) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .enumerate()
    {
        while let Some(&&w) = wanted.peek() {
            if w > byte {
                break;
            }
            map.insert(w, chars);
            wanted.next();
        }
    }
    mentions
        .iter()
        .map(|m| MentionRecord {
            start: map[&m.start],
            end: map[&m.end],
            text: m.text.clone(),
            kind: m.kind,
            canonical: m.canonical.clone(),
            source: m.source,
        })
        .collect()
}
