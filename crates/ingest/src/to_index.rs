use pundit_model::Document;
use pundit_schema::{normalize_key, Fields};
use tantivy::{DateTime, TantivyDocument};

/// Builds the index document for `doc`. `source_key` (absolute path of the source) and
/// `source_sig` (`size:hash`) are what incremental runs compare against.
pub fn tantivy_document(
    doc: &mut Document,
    fields: &Fields,
    source_key: &str,
    source_sig: &str,
) -> TantivyDocument {
    let mut out = TantivyDocument::default();
    out.add_text(fields.id, &doc.id);
    out.add_text(fields.source_key, source_key);
    out.add_text(fields.source_sig, source_sig);
    out.add_text(fields.content_hash, &doc.content_hash);
    if let Some(url) = &doc.url {
        out.add_text(fields.url, url);
    }
    if let Some(title) = &doc.title {
        out.add_text(fields.title, title);
    }
    out.add_text(fields.body, &doc.body);
    for post in &doc.posts {
        out.add_text(fields.posts, format!("{} {}", post.name, post.text));
    }
    if !doc.quoted.is_empty() {
        out.add_text(fields.posts, &doc.quoted);
    }
    let mut facet = |label_field, key_field, values: &mut dyn Iterator<Item = &String>| {
        let mut keys: Vec<String> = Vec::new();
        for value in values {
            let key = normalize_key(value);
            if key.is_empty() || keys.contains(&key) {
                continue;
            }
            out.add_text(label_field, value.trim());
            out.add_text(key_field, &key);
            keys.push(key);
        }
    };
    facet(fields.authors, fields.authors_key, &mut doc.authors.iter());
    facet(fields.site, fields.site_key, &mut doc.site.iter());
    facet(
        fields.persons,
        fields.persons_key,
        &mut doc.entities.persons.iter(),
    );
    facet(fields.orgs, fields.orgs_key, &mut doc.entities.orgs.iter());
    facet(
        fields.places,
        fields.places_key,
        &mut doc.entities.places.iter(),
    );
    if let Some(language) = &doc.language {
        out.add_text(fields.language, language);
    }
    if let Some(date) = doc.effective_date() {
        out.add_date(
            fields.published,
            DateTime::from_timestamp_secs(date.start_utc().unix_timestamp()),
        );
        out.add_u64(fields.date_precision, date.precision().code());
    }
    out.add_u64(fields.word_count, doc.word_count);
    // The stored JSON leaves the body out (it has its own stored field); taking it out for the
    // moment avoids copying it.
    let body = std::mem::take(&mut doc.body);
    out.add_text(
        fields.document,
        serde_json::to_string(&*doc).expect("documents serialize"),
    );
    doc.body = body;
    out
}
