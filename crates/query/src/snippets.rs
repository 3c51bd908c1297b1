//! Snippets: a passage of the body around the matched terms.

use pundit_model::{Highlight, Snippet};
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;

/// Characters in a snippet.
pub const SNIPPET_CHARS: usize = 240;

/// Bytes of body around the first match that the snippet generator reads: room for a few
/// candidate passages of [`SNIPPET_CHARS`]. Tokenizing and stemming more (a whole long speech,
/// or even 4 KB of it, for each of ten hits) was most of a search's own time.
const WINDOW_BEFORE: usize = 300;
const WINDOW_AFTER: usize = 1_200;

/// Cuts snippets for one query.
pub struct Snippets<'a> {
    generator: Option<&'a SnippetGenerator>,
    /// Lowercased prefixes of the query's body terms, to find where in a body matches start.
    needles: Vec<String>,
}

impl<'a> Snippets<'a> {
    /// Snippets for `query` on `body` (no generator: openings only).
    pub fn new(generator: Option<&'a SnippetGenerator>, query: &dyn Query, body: Field) -> Self {
        let mut needles: Vec<String> = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == body {
                if let Some(text) = term.value().as_str() {
                    // Stems are not always prefixes of the word ("countri"); their first letters are.
                    let prefix: String = text.chars().take(4).collect();
                    if !prefix.is_empty() && !needles.contains(&prefix) {
                        needles.push(prefix);
                    }
                }
            }
        });
        Snippets { generator, needles }
    }

    /// The snippet for a body: the best passage near the first match, with highlights, else the
    /// body's opening.
    pub fn snippet(&self, body: &str) -> Snippet {
        if let Some(generator) = self.generator {
            let window = self.window(body);
            if let Some(snippet) = highlighted(generator, window) {
                return snippet;
            }
            // The window can miss a match that only the whole analysis finds (a stem whose
            // first letters differ from the word's).
            if window.len() < body.len() {
                if let Some(snippet) = highlighted(generator, body) {
                    return snippet;
                }
            }
        }
        Snippet {
            text: opening(body),
            highlights: Vec::new(),
        }
    }

    /// The part of `body` around the earliest match of a query term (folded ASCII search).
    fn window<'b>(&self, body: &'b str) -> &'b str {
        if body.len() <= WINDOW_BEFORE + WINDOW_AFTER || self.needles.is_empty() {
            return body;
        }
        let lower = body.to_ascii_lowercase();
        let Some(first) = self
            .needles
            .iter()
            .filter_map(|n| lower.find(n.as_str()))
            .min()
        else {
            return body;
        };
        let start = floor_boundary(body, first.saturating_sub(WINDOW_BEFORE));
        let end = floor_boundary(body, (first + WINDOW_AFTER).min(body.len()));
        &body[start..end]
    }
}

/// The best passage of `text` with its highlights, if any query term occurs in it.
fn highlighted(generator: &SnippetGenerator, text: &str) -> Option<Snippet> {
    let snippet = generator.snippet(text);
    if snippet.is_empty() {
        return None;
    }
    let highlights = snippet
        .highlighted()
        .iter()
        .map(|r| Highlight {
            start: r.start,
            end: r.end,
        })
        .collect();
    Some(Snippet {
        text: snippet.fragment().to_string(),
        highlights,
    })
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
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
