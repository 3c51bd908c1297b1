//! Snippets: a passage of the body around the matched terms.

use pundit_model::{Highlight, Snippet};
use tantivy::snippet::SnippetGenerator;
use tantivy::TantivyDocument;

/// Characters in a snippet.
pub const SNIPPET_CHARS: usize = 240;

/// The snippet for `doc`: the best passage with highlights, else the body's opening.
pub fn snippet(generator: Option<&SnippetGenerator>, doc: &TantivyDocument, body: &str) -> Snippet {
    if let Some(generator) = generator {
        let snippet = generator.snippet_from_doc(doc);
        if !snippet.is_empty() {
            let text = snippet.fragment().to_string();
            let highlights = snippet
                .highlighted()
                .iter()
                .map(|r| Highlight {
                    start: r.start,
                    end: r.end,
                })
                .collect();
            return Snippet { text, highlights };
        }
    }
    Snippet {
        text: opening(body),
        highlights: Vec::new(),
    }
}

fn opening(body: &str) -> String {
    let mut end = 0;
    for (i, c) in body.char_indices() {
        if i >= SNIPPET_CHARS {
            break;
        }
        end = i + c.len_utf8();
    }
    let mut text: String = body[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    if end < body.len() {
        if let Some(space) = text.rfind(' ') {
            text.truncate(space);
        }
        text.push('…');
    }
    text
}
