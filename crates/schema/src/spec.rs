use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::SchemaError;

/// The schema file, parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaSpec {
    /// Schema name (`commentary`).
    pub name: String,
    /// Schema version; indexes record it and refuse to open under another.
    pub version: u32,
    /// How bare query words are searched.
    pub search: SearchSpec,
    /// Custom tokenizers.
    #[serde(default)]
    pub tokenizers: Vec<TokenizerSpec>,
    /// The fields.
    pub fields: Vec<FieldSpec>,
    /// The facets.
    #[serde(default)]
    pub facets: Vec<FacetSpec>,
}

/// Query defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSpec {
    /// Fields searched by bare words.
    pub default_fields: Vec<String>,
    /// BM25 boost per field (1.0 when absent).
    #[serde(default)]
    pub boosts: BTreeMap<String, f32>,
    /// Whether bare words are ANDed.
    #[serde(default)]
    pub conjunction_by_default: bool,
    /// Key field of each entity type (`person`, `org`, `place`).
    pub entity_fields: BTreeMap<String, String>,
}

/// A tokenizer: a base tokenizer and filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenizerSpec {
    /// Name used by fields.
    pub name: String,
    /// `simple`, `whitespace` or `raw`.
    pub base: String,
    /// `remove_long`, `lower_caser`, `ascii_folding`, `stemmer_english`.
    #[serde(default)]
    pub filters: Vec<String>,
}

/// Value type of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// Text (tokenized or raw).
    Text,
    /// Unsigned integer.
    U64,
    /// Date-time.
    Datetime,
}

/// One field, with Quickwit-style options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Field name.
    pub name: String,
    /// Value type.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Tokenizer of an indexed text field (`raw` when absent).
    #[serde(default)]
    pub tokenizer: Option<String>,
    /// `basic`, `freq` or `position`.
    #[serde(default)]
    pub record: Option<String>,
    /// Searchable.
    #[serde(default)]
    pub indexed: bool,
    /// Kept in the document store.
    #[serde(default)]
    pub stored: bool,
    /// Kept in a columnar fast field (sorting, facets, histograms).
    #[serde(default)]
    pub fast: bool,
    /// Date precision (`seconds`).
    #[serde(default)]
    pub precision: Option<String>,
}

/// A facet: counted on a normalized key field, labelled from the field as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacetSpec {
    /// Name in results (`authors`, `sites`, …).
    pub name: String,
    /// Field counted (normalized values).
    pub key_field: String,
    /// Field whose most common spelling labels each count.
    pub label_field: String,
}

impl SchemaSpec {
    /// Parses a schema file; `file` names it in errors.
    pub fn from_toml(text: &str, file: &str) -> Result<Self, SchemaError> {
        toml::from_str(text).map_err(|e| SchemaError::Parse {
            file: file.to_string(),
            cause: e.to_string(),
        })
    }

    /// A field by name.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Checks that the search and facet sections name existing fields of the right kind.
    pub(crate) fn validate_references(&self) -> Result<(), SchemaError> {
        let text_field = |name: &str, what: &str, fast: bool| -> Result<(), SchemaError> {
            match self.field(name) {
                None => Err(SchemaError::Invalid {
                    field: name.to_string(),
                    cause: format!("named by {what} but not defined"),
                }),
                Some(f) if f.kind != FieldType::Text || (fast && !f.fast) => {
                    Err(SchemaError::Invalid {
                        field: name.to_string(),
                        cause: format!(
                            "{what} needs a text field{}",
                            if fast { " that is fast" } else { "" }
                        ),
                    })
                }
                Some(_) => Ok(()),
            }
        };
        for name in &self.search.default_fields {
            text_field(name, "search.default_fields", false)?;
        }
        for name in self.search.boosts.keys() {
            text_field(name, "search.boosts", false)?;
        }
        for name in self.search.entity_fields.values() {
            text_field(name, "search.entity_fields", false)?;
        }
        for facet in &self.facets {
            text_field(&facet.key_field, "a facet", true)?;
            text_field(&facet.label_field, "a facet", true)?;
        }
        let mut names = std::collections::HashSet::new();
        for field in &self.fields {
            if !names.insert(field.name.as_str()) {
                return Err(SchemaError::Invalid {
                    field: field.name.clone(),
                    cause: "defined twice".into(),
                });
            }
        }
        Ok(())
    }
}

impl SchemaSpec {
    /// The equivalent Quickwit doc mapping (JSON), for moving an archive to a Quickwit cluster.
    ///
    /// Pundit's `pundit_en` tokenizer maps to Quickwit's built-in `en_stem` (Quickwit has no
    /// ASCII-folding stemmer chain built in); date fields become Quickwit datetimes in seconds.
    ///
    /// ```
    /// let spec = pundit_schema::PunditSchema::builtin().unwrap().spec().clone();
    /// let mapping = spec.quickwit_doc_mapping();
    /// assert_eq!(mapping["doc_mapping"]["timestamp_field"], "published");
    /// ```
    pub fn quickwit_doc_mapping(&self) -> serde_json::Value {
        let fields: Vec<serde_json::Value> = self
            .fields
            .iter()
            .map(|f| {
                let mut m = serde_json::json!({
                    "name": f.name,
                    "stored": f.stored,
                    "indexed": f.indexed,
                    "fast": f.fast,
                });
                match f.kind {
                    FieldType::Text => {
                        m["type"] = "text".into();
                        if f.indexed {
                            let tokenizer = match f.tokenizer.as_deref().unwrap_or("raw") {
                                "pundit_en" => "en_stem",
                                other => other,
                            };
                            m["tokenizer"] = tokenizer.into();
                            m["record"] = f.record.clone().unwrap_or_else(|| "basic".into()).into();
                        }
                        if f.fast {
                            m["fast"] = serde_json::json!({ "normalizer": "raw" });
                        }
                    }
                    FieldType::U64 => m["type"] = "u64".into(),
                    FieldType::Datetime => {
                        m["type"] = "datetime".into();
                        m["input_formats"] = serde_json::json!(["rfc3339", "unix_timestamp"]);
                        m["fast_precision"] = "seconds".into();
                    }
                }
                m
            })
            .collect();
        serde_json::json!({
            "version": "0.8",
            "index_id": self.name,
            "doc_mapping": {
                "mode": "lenient",
                "field_mappings": fields,
                "timestamp_field": "published",
            },
            "search_settings": { "default_search_fields": self.search.default_fields },
        })
    }
}
