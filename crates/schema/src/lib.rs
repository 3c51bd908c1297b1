//! Pundit's index schema as data.
//!
//! The fields of the index are defined in `index-schema/commentary.toml` (compiled into the
//! binary). This crate parses and validates that file ([`SchemaSpec`]), builds the tantivy
//! [`Schema`] with typed field handles ([`Fields`]), registers the
//! tokenizers, and opens or creates indexes, refusing one built with another schema version.
//!
//! ```
//! use pundit_schema::PunditSchema;
//!
//! let schema = PunditSchema::builtin().unwrap();
//! assert_eq!(schema.spec().name, "commentary");
//! // Typed handles: no string look-ups of fields at call sites.
//! let title = schema.fields().title;
//! assert_eq!(schema.schema().get_field_name(title), "title");
//! ```

mod error;
mod index;
mod key;
mod spec;
mod stem;
mod words;

pub use error::SchemaError;
pub use index::{IndexMeta, PunditIndex, PIPELINE_VERSION};
pub use key::normalize_key;
pub use spec::{FacetSpec, FieldSpec, FieldType, SchemaSpec, SearchSpec, TokenizerSpec};
pub use stem::{MemoStemmer, MemoStemmerFilter, MemoStemmerStream};
pub use words::{WordStream, WordTokenizer};

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    TokenizerManager, WhitespaceTokenizer,
};

/// The schema file shipped with this version of Pundit.
pub const BUILTIN_SCHEMA: &str = include_str!("../../../index-schema/commentary.toml");

/// Typed handles of every field Pundit reads or writes.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)]
pub struct Fields {
    pub id: Field,
    pub source_key: Field,
    pub source_sig: Field,
    pub content_hash: Field,
    pub url: Field,
    pub title: Field,
    pub body: Field,
    pub posts: Field,
    pub authors: Field,
    pub authors_key: Field,
    pub site: Field,
    pub site_key: Field,
    pub persons: Field,
    pub persons_key: Field,
    pub orgs: Field,
    pub orgs_key: Field,
    pub places: Field,
    pub places_key: Field,
    pub language: Field,
    pub published: Field,
    pub date_precision: Field,
    pub word_count: Field,
    pub document: Field,
}

/// A validated schema: the spec, the tantivy schema built from it and the typed field handles.
#[derive(Debug, Clone)]
pub struct PunditSchema {
    spec: SchemaSpec,
    schema: Schema,
    fields: Fields,
}

impl PunditSchema {
    /// The schema shipped with Pundit (`index-schema/commentary.toml`).
    pub fn builtin() -> Result<Self, SchemaError> {
        Self::from_spec(SchemaSpec::from_toml(
            BUILTIN_SCHEMA,
            "index-schema/commentary.toml",
        )?)
    }

    /// Builds the tantivy schema from a spec, checking that every field Pundit needs is there
    /// with a usable type.
    pub fn from_spec(spec: SchemaSpec) -> Result<Self, SchemaError> {
        let mut builder = Schema::builder();
        for field in &spec.fields {
            match field.kind {
                FieldType::Text => {
                    let mut options = TextOptions::default();
                    if field.indexed {
                        let record = match field.record.as_deref() {
                            None | Some("basic") => IndexRecordOption::Basic,
                            Some("freq") => IndexRecordOption::WithFreqs,
                            Some("position") => IndexRecordOption::WithFreqsAndPositions,
                            Some(other) => {
                                return Err(SchemaError::Invalid {
                                    field: field.name.clone(),
                                    cause: format!("unknown record option {other:?}"),
                                })
                            }
                        };
                        options = options.set_indexing_options(
                            TextFieldIndexing::default()
                                .set_tokenizer(field.tokenizer.as_deref().unwrap_or("raw"))
                                .set_index_option(record),
                        );
                    }
                    if field.fast {
                        options = options.set_fast("raw");
                    }
                    if field.stored {
                        options = options.set_stored();
                    }
                    builder.add_text_field(&field.name, options);
                }
                FieldType::U64 => {
                    let mut options = NumericOptions::default();
                    if field.indexed {
                        options = options.set_indexed();
                    }
                    if field.fast {
                        options = options.set_fast();
                    }
                    if field.stored {
                        options = options.set_stored();
                    }
                    builder.add_u64_field(&field.name, options);
                }
                FieldType::Datetime => {
                    let mut options =
                        DateOptions::default().set_precision(DateTimePrecision::Seconds);
                    if field.indexed {
                        options = options.set_indexed();
                    }
                    if field.fast {
                        options = options.set_fast();
                    }
                    if field.stored {
                        options = options.set_stored();
                    }
                    builder.add_date_field(&field.name, options);
                }
            }
        }
        let schema = builder.build();
        let get = |name: &str, kind: FieldType, needs: Needs| -> Result<Field, SchemaError> {
            let spec_field = spec.field(name).ok_or_else(|| SchemaError::MissingField {
                field: name.to_string(),
            })?;
            let ok_kind = spec_field.kind == kind;
            let ok_needs = (!needs.indexed || spec_field.indexed)
                && (!needs.fast || spec_field.fast)
                && (!needs.stored || spec_field.stored);
            if !ok_kind || !ok_needs {
                return Err(SchemaError::Invalid {
                    field: name.to_string(),
                    cause: format!("must be a {kind:?} field that is {needs}"),
                });
            }
            Ok(schema.get_field(name).expect("field was just added"))
        };
        use FieldType::{Datetime, Text, U64};
        const I: Needs = Needs::new(true, false, false);
        const F: Needs = Needs::new(false, true, false);
        const IF: Needs = Needs::new(true, true, false);
        const S: Needs = Needs::new(false, false, true);
        const IS: Needs = Needs::new(true, false, true);
        let fields = Fields {
            id: get("id", Text, IS)?,
            source_key: get("source_key", Text, IF)?,
            source_sig: get("source_sig", Text, F)?,
            content_hash: get("content_hash", Text, I)?,
            url: get("url", Text, I)?,
            title: get("title", Text, I)?,
            body: get("body", Text, IS)?,
            posts: get("posts", Text, I)?,
            authors: get("authors", Text, F)?,
            authors_key: get("authors_key", Text, IF)?,
            site: get("site", Text, F)?,
            site_key: get("site_key", Text, IF)?,
            persons: get("persons", Text, F)?,
            persons_key: get("persons_key", Text, I)?,
            orgs: get("orgs", Text, F)?,
            orgs_key: get("orgs_key", Text, I)?,
            places: get("places", Text, F)?,
            places_key: get("places_key", Text, I)?,
            language: get("language", Text, IF)?,
            published: get("published", Datetime, IF)?,
            date_precision: get("date_precision", U64, IF)?,
            word_count: get("word_count", U64, F)?,
            document: get("document", Text, S)?,
        };
        spec.validate_references()?;
        Ok(PunditSchema {
            spec,
            schema,
            fields,
        })
    }

    /// The parsed schema file.
    pub fn spec(&self) -> &SchemaSpec {
        &self.spec
    }

    /// The tantivy schema.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Typed field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A field by name (for fields named in the schema file, such as the search fields).
    pub fn field(&self, name: &str) -> Result<Field, SchemaError> {
        self.schema
            .get_field(name)
            .map_err(|_| SchemaError::MissingField {
                field: name.to_string(),
            })
    }

    /// Registers the schema's tokenizers on `manager`.
    pub fn register_tokenizers(&self, manager: &TokenizerManager) -> Result<(), SchemaError> {
        for tokenizer in &self.spec.tokenizers {
            manager.register(
                &tokenizer.name,
                build_analyzer(tokenizer, MemoStemmer::english())?,
            );
        }
        Ok(())
    }

    /// The analyzer of a text field with its schema tokenizer, set up to find the given stems
    /// (highlighting): it stems only the tokens that could stem to one of them (see
    /// [`MemoStemmer::only_initials`]), so its other tokens may differ from the indexed ones.
    /// `None` for a field with a built-in tokenizer (nothing to save there).
    pub fn highlight_analyzer(
        &self,
        field: &str,
        stems: &[&str],
    ) -> Result<Option<TextAnalyzer>, SchemaError> {
        let tokenizer = self
            .spec
            .fields
            .iter()
            .find(|f| f.name == field)
            .and_then(|f| f.tokenizer.as_deref());
        let Some(spec) = tokenizer.and_then(|t| self.spec.tokenizers.iter().find(|s| s.name == t))
        else {
            return Ok(None);
        };
        let stemmer =
            MemoStemmer::english().only_initials(stems.iter().filter_map(|s| s.bytes().next()));
        build_analyzer(spec, stemmer).map(Some)
    }
}

#[derive(Clone, Copy)]
struct Needs {
    indexed: bool,
    fast: bool,
    stored: bool,
}

impl Needs {
    /// What a field must be: indexed, fast, stored.
    const fn new(indexed: bool, fast: bool, stored: bool) -> Needs {
        Needs {
            indexed,
            fast,
            stored,
        }
    }
}

impl std::fmt::Display for Needs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if self.indexed {
            parts.push("indexed");
        }
        if self.fast {
            parts.push("fast");
        }
        if self.stored {
            parts.push("stored");
        }
        f.write_str(&parts.join(" and "))
    }
}

/// Tokens of this many bytes or more are dropped by `remove_long` (as tantivy's default does).
const REMOVE_LONG_LIMIT: usize = 40;

fn build_analyzer(spec: &TokenizerSpec, stemmer: MemoStemmer) -> Result<TextAnalyzer, SchemaError> {
    let invalid = |cause: String| SchemaError::Invalid {
        field: format!("tokenizer {}", spec.name),
        cause,
    };
    // The chain every English text field uses, as one word tokenizer and the stemmer with
    // static dispatch (a dynamic chain makes several virtual calls per token). Same tokens.
    let english = [
        "remove_long",
        "lower_caser",
        "ascii_folding",
        "stemmer_english",
    ];
    if spec.base == "simple" && spec.filters.iter().map(String::as_str).eq(english) {
        return Ok(TextAnalyzer::builder(WordTokenizer::new(REMOVE_LONG_LIMIT))
            .filter(stemmer)
            .build());
    }
    let mut builder = match spec.base.as_str() {
        "simple" => TextAnalyzer::builder(SimpleTokenizer::default()).dynamic(),
        "whitespace" => TextAnalyzer::builder(WhitespaceTokenizer::default()).dynamic(),
        "raw" => TextAnalyzer::builder(RawTokenizer::default()).dynamic(),
        other => return Err(invalid(format!("unknown base tokenizer {other:?}"))),
    };
    for filter in &spec.filters {
        builder = match filter.as_str() {
            "remove_long" => builder.filter_dynamic(RemoveLongFilter::limit(REMOVE_LONG_LIMIT)),
            "lower_caser" => builder.filter_dynamic(LowerCaser),
            "ascii_folding" => builder.filter_dynamic(AsciiFoldingFilter),
            "stemmer_english" => builder.filter_dynamic(stemmer),
            other => return Err(invalid(format!("unknown filter {other:?}"))),
        };
    }
    Ok(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_schema_is_valid() {
        let schema = PunditSchema::builtin().unwrap();
        assert_eq!(schema.spec().version, 1);
        assert_eq!(schema.spec().facets.len(), 6);
    }

    #[test]
    fn missing_field_is_named() {
        let text = BUILTIN_SCHEMA.replace("name = \"body\"", "name = \"text\"");
        let spec = SchemaSpec::from_toml(&text, "test.toml").unwrap();
        let err = PunditSchema::from_spec(spec).unwrap_err();
        assert!(err.to_string().contains("body"), "{err}");
    }
}
