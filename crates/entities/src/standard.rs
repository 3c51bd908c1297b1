//! The standard recognizer (placeholder until the tables and tagger land).

use crate::{Mention, Recognizer};

/// Errors loading the recognizer's tables or model.
#[derive(Debug, thiserror::Error)]
pub enum EntitiesError {
    /// A table or model file is malformed.
    #[error("entity table {table}, line {line}: {cause}")]
    Table {
        /// Table name.
        table: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        cause: String,
    },
}

/// Pundit's standard offline recognizer: alias tables, rules, coreference and a tagger.
#[derive(Debug, Default)]
pub struct StandardRecognizer {}

impl StandardRecognizer {
    /// Loads the compiled tables and model shipped with Pundit.
    pub fn load() -> Result<Self, EntitiesError> {
        Ok(StandardRecognizer {})
    }
}

impl Recognizer for StandardRecognizer {
    fn recognize(&self, _text: &str) -> Vec<Mention> {
        Vec::new()
    }
}
