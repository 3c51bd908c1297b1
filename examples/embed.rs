//! Embedding Pundit: index two documents from memory and run a faceted search.
//!
//! ```text
//! cargo run --example embed
//! ```

use pundit::{Document, Index, IngestOptions, Interval, PartialDate, SearchRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("pundit-embed-{}", std::process::id()));
    let index = Index::create(&dir)?;

    let column = |path: &str,
                  title: &str,
                  author: &str,
                  date: &str,
                  body: &str|
     -> Result<Document, pundit::tantivy::TantivyError> {
        let mut doc = Document::new(path);
        doc.title = Some(title.into());
        doc.authors = vec![author.into()];
        doc.site = Some("The Capitol Ledger".into());
        doc.published = date.parse::<PartialDate>().ok();
        doc.body = body.into();
        Ok(doc)
    };
    let docs = vec![
        column(
            "memory/envoy.txt",
            "The Envoy Goes to Moscow",
            "Margaret Ellison",
            "2025-03-14",
            "Steve Witkoff flew to Moscow to meet Vladimir Putin about a ceasefire in Ukraine.",
        )?,
        column(
            "memory/kyiv.txt",
            "Kyiv Waits for Washington",
            "Tomás Herrera",
            "2025-04-02",
            "Volodymyr Zelensky said Kyiv would not trade territory for a ceasefire.",
        )?,
    ];
    let report = index
        .ingester(IngestOptions::default())?
        .add_documents(docs)?;
    println!("indexed {} documents", report.docs_added);

    let results = index.search(&SearchRequest::new("ceasefire").histogram(Interval::Month))?;
    println!("{} documents mention a ceasefire", results.total);
    for hit in &results.hits {
        println!(
            "  {:.2}  {}  ({})",
            hit.score,
            hit.title.as_deref().unwrap_or("?"),
            hit.authors.join(", ")
        );
    }
    for facet in &results.facets.persons {
        println!("  person {} in {} documents", facet.value, facet.count);
    }
    if let Some(histogram) = &results.histogram {
        for bucket in &histogram.buckets {
            println!("  {} {}", bucket.key, bucket.count);
        }
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
