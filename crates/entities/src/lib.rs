//! Named-entity recognition for Pundit: people, organizations and places, each under one
//! canonical name.
//!
//! The ingest pipeline depends only on the [`Recognizer`] trait. [`NullRecognizer`] finds
//! nothing (indexing with `--no-entities`). [`StandardRecognizer`] is the real one, fully
//! offline, with everything compiled into the binary:
//!
//! - **alias tables** (`data/*.tsv`: canonical name, type, strong and weak aliases, prior),
//!   matched over folded tokens, the longest alias at each token, case-checked against the
//!   alias as written (case-insensitive in ALL-CAPS lines);
//! - **rules**: names after person titles, organization head/suffix words, names of laws and
//!   events that hide the names inside them, acronyms defined as "Long Name (ACR)", authors of
//!   embedded posts, bylines, families ("the Clintons");
//! - a **tagger**: an averaged structured perceptron over BIO tags with gazetteer features
//!   (`train/model.bin`, trained by `examples/train.rs` on Wikigold and the Broad Twitter Corpus);
//! - **document-level resolution**: bare surnames and given names to the full name, weak aliases
//!   only with support, misspellings and transliterations (edit distance 1, consonant skeleton),
//!   abbreviated and short forms of organizations, one key per unknown name.
//!
//! Spans never include a leading article, a title or a possessive; they never overlap and
//! always lie on `char` boundaries.
//!
//! ```
//! use pundit_entities::{NullRecognizer, Recognizer};
//! let found = NullRecognizer.recognize("Vladimir Putin met Steve Witkoff in Moscow.");
//! assert!(found.is_empty());
//! ```

use serde::{Deserialize, Serialize};

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organization (government body, party, company, outlet, alliance, armed group …).
    Org,
    /// A place (country, city, region, geographic feature).
    Place,
}

impl EntityType {
    /// The lowercase name used in output (`person`, `org`, `place`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Place => "place",
        }
    }

    /// Parses `person`/`org`/`place` (also `per`, `organization`, `loc`, `location`), any case.
    pub fn parse(s: &str) -> Option<EntityType> {
        match s.to_ascii_lowercase().as_str() {
            "person" | "per" | "persons" | "people" => Some(EntityType::Person),
            "org" | "orgs" | "organization" | "organisation" => Some(EntityType::Org),
            "place" | "places" | "loc" | "location" | "gpe" => Some(EntityType::Place),
            _ => None,
        }
    }
}

/// What produced a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionSource {
    /// An alias table.
    Table,
    /// A rule (title cue, organization suffix, defined acronym, post author …).
    Rule,
    /// The statistical tagger.
    Tagger,
    /// Resolved against an earlier mention in the same document.
    Coreference,
}

/// One mention of an entity in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte offset of the first byte of the mention (on a `char` boundary).
    pub start: usize,
    /// Byte offset just past the mention (exclusive, on a `char` boundary).
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The canonical name the mention resolves to.
    pub canonical: String,
    /// What produced it.
    pub source: MentionSource,
}

/// A name resolved to its canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Entity type.
    pub kind: EntityType,
    /// Canonical name.
    pub canonical: String,
}

/// Finds named entities in text.
///
/// Implementations must be cheap to share between threads: the index pipeline calls them from
/// many workers at once.
pub trait Recognizer: Send + Sync {
    /// Every mention in `text`, in order, without overlaps.
    fn recognize(&self, text: &str) -> Vec<Mention>;

    /// Mentions of one document made of several parts (title, body, embedded posts), resolved
    /// together so that a surname in the body can refer to a full name in the title. The result
    /// has one list per part, with offsets into that part.
    fn recognize_parts(&self, parts: &[&str]) -> Vec<Vec<Mention>> {
        parts.iter().map(|part| self.recognize(part)).collect()
    }

    /// Resolves a name a user typed (canonical name or any alias) to its canonical form,
    /// optionally restricted to one type. `None` when the name is unknown.
    fn resolve(&self, name: &str, kind: Option<EntityType>) -> Option<Resolved> {
        let _ = (name, kind);
        None
    }
}

/// A recognizer that finds nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NullRecognizer;

impl Recognizer for NullRecognizer {
    fn recognize(&self, _text: &str) -> Vec<Mention> {
        Vec::new()
    }
}

/// Canonical names of a document's mentions, by type, each once, in order of first mention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntitySets {
    /// People.
    pub persons: Vec<String>,
    /// Organizations.
    pub orgs: Vec<String>,
    /// Places.
    pub places: Vec<String>,
}

impl EntitySets {
    /// Collects the distinct canonical names of `mentions`.
    ///
    /// ```
    /// use pundit_entities::{EntitySets, EntityType, Mention, MentionSource};
    /// let m = |text: &str, canonical: &str| Mention {
    ///     start: 0, end: text.len(), text: text.into(), kind: EntityType::Person,
    ///     canonical: canonical.into(), source: MentionSource::Table,
    /// };
    /// let sets = EntitySets::from_mentions([&m("Putin", "Vladimir Putin"), &m("Poutine", "Vladimir Putin")]);
    /// assert_eq!(sets.persons, vec!["Vladimir Putin".to_string()]);
    /// ```
    pub fn from_mentions<'a>(mentions: impl IntoIterator<Item = &'a Mention>) -> Self {
        let mut sets = EntitySets::default();
        for mention in mentions {
            let list = match mention.kind {
                EntityType::Person => &mut sets.persons,
                EntityType::Org => &mut sets.orgs,
                EntityType::Place => &mut sets.places,
            };
            if !mention.canonical.is_empty() && !list.contains(&mention.canonical) {
                list.push(mention.canonical.clone());
            }
        }
        sets
    }
}

mod coref;
mod fold;
mod lexicon;
mod output;
mod rules;
mod standard;
mod tables;
mod tagger;
mod token;
mod util;

pub use output::{mention_records, MentionRecord};
pub use standard::{Config, EntitiesError, StandardRecognizer};

/// Building blocks exposed for the training and evaluation programs in `examples/`; not a
/// stable API.
#[doc(hidden)]
pub mod internals {
    pub use crate::coref::{fuzzy_eq, skeleton};
    pub use crate::fold::{fold, surface_key};
    pub use crate::lexicon::{Lexicon, WordStats};
    pub use crate::tables::{TableMatch, Tables};
    pub use crate::tagger::{segments, type_of_index, Context, Model, Trainer, NT, TAGS};
    pub use crate::token::{flag, Doc, LineMode, TokKind, Token};
}
