//! HTML pages: metadata from JSON-LD, OpenGraph, `<meta>` and markup; the main text.

use pundit_model::{Document, PartialDate, Source};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::byline::clean_authors;
use super::dates::parse_date;
use super::text::split_site_suffix;
use super::SourceFile;

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "WebPage",
];

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// Extracts an HTML page.
pub fn extract(file: &SourceFile, html: &str) -> Document {
    let page = Html::parse_document(html);
    let mut doc = Document::new(&file.source_path);
    let ld = json_ld_article(&page);
    let meta = |attr: &str, name: &str| -> Option<String> {
        let selector = Selector::parse(&format!("meta[{attr}=\"{name}\" i]")).ok()?;
        page.select(&selector)
            .filter_map(|m| m.value().attr("content"))
            .map(|c| c.trim().to_string())
            .find(|c| !c.is_empty())
    };

    // Title: og:title, JSON-LD headline, <title> minus a " | Site" suffix.
    let title_tag = page
        .select(&sel("title"))
        .next()
        .map(|t| collapse(&t.text().collect::<String>()));
    if let Some(t) = meta("property", "og:title") {
        set(
            &mut doc.title,
            &mut doc.provenance,
            "title",
            t,
            Source::Opengraph,
        );
    } else if let Some(t) = ld.as_ref().and_then(|v| text_of(v.get("headline")?)) {
        set(
            &mut doc.title,
            &mut doc.provenance,
            "title",
            t,
            Source::JsonLd,
        );
    } else if let Some(t) = title_tag.as_deref().filter(|t| !t.is_empty()) {
        let (title, _) = split_site_suffix(t);
        set(
            &mut doc.title,
            &mut doc.provenance,
            "title",
            title.to_string(),
            Source::Html,
        );
    }

    // Authors.
    if let Some(authors) = ld
        .as_ref()
        .and_then(|v| v.get("author"))
        .map(names_of)
        .filter(|a| !a.is_empty())
    {
        doc.authors = authors;
        doc.set_provenance("authors", Source::JsonLd);
    } else if let Some(a) = meta("name", "author").or_else(|| meta("property", "article:author")) {
        let authors = clean_authors(&a);
        if !authors.is_empty() {
            doc.authors = authors;
            doc.set_provenance("authors", Source::Meta);
        }
    }

    // Dates.
    if let Some(d) = ld
        .as_ref()
        .and_then(|v| v.get("datePublished"))
        .and_then(|v| v.as_str())
        .and_then(parse_date)
    {
        set_date(
            &mut doc.published,
            &mut doc.provenance,
            "published",
            d,
            Source::JsonLd,
        );
    } else if let Some(d) = meta("property", "article:published_time").and_then(|s| parse_date(&s))
    {
        set_date(
            &mut doc.published,
            &mut doc.provenance,
            "published",
            d,
            Source::Opengraph,
        );
    } else if let Some(d) = page
        .select(&sel("time[datetime]"))
        .filter_map(|t| t.value().attr("datetime"))
        .find_map(parse_date)
    {
        set_date(
            &mut doc.published,
            &mut doc.provenance,
            "published",
            d,
            Source::Html,
        );
    }
    if let Some(d) = ld
        .as_ref()
        .and_then(|v| v.get("dateModified"))
        .and_then(|v| v.as_str())
        .and_then(parse_date)
    {
        set_date(
            &mut doc.modified,
            &mut doc.provenance,
            "modified",
            d,
            Source::JsonLd,
        );
    } else if let Some(d) = meta("property", "article:modified_time").and_then(|s| parse_date(&s)) {
        set_date(
            &mut doc.modified,
            &mut doc.provenance,
            "modified",
            d,
            Source::Opengraph,
        );
    }

    // URL.
    let canonical = page
        .select(&sel("link[rel=\"canonical\" i]"))
        .filter_map(|l| l.value().attr("href"))
        .next()
        .map(str::to_string);
    if let Some(u) = canonical.filter(|u| u.starts_with("http")) {
        set(&mut doc.url, &mut doc.provenance, "url", u, Source::Html);
    } else if let Some(u) = meta("property", "og:url") {
        set(
            &mut doc.url,
            &mut doc.provenance,
            "url",
            u,
            Source::Opengraph,
        );
    }

    // Site.
    if let Some(s) = meta("property", "og:site_name") {
        set(
            &mut doc.site,
            &mut doc.provenance,
            "site",
            s,
            Source::Opengraph,
        );
    } else if let Some(s) = ld
        .as_ref()
        .and_then(|v| v.get("publisher"))
        .and_then(text_of)
    {
        set(
            &mut doc.site,
            &mut doc.provenance,
            "site",
            s,
            Source::JsonLd,
        );
    } else if let Some(host) = doc.url.as_deref().and_then(host_of) {
        doc.site = Some(host);
        doc.set_provenance("site", Source::Url);
    }

    if let Some(d) = meta("property", "og:description").or_else(|| meta("name", "description")) {
        set(
            &mut doc.description,
            &mut doc.provenance,
            "description",
            d,
            Source::Meta,
        );
    }
    if let Some(lang) = page
        .root_element()
        .value()
        .attr("lang")
        .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase())
        .filter(|l| l.len() == 2)
    {
        set(
            &mut doc.language,
            &mut doc.provenance,
            "language",
            lang,
            Source::Html,
        );
    }

    let main = ["article", "main", "[role=\"main\"]", "body"]
        .iter()
        .find_map(|s| page.select(&sel(s)).next())
        .unwrap_or_else(|| page.root_element());
    doc.body = element_text(main);
    doc
}

fn set(
    slot: &mut Option<String>,
    provenance: &mut pundit_model::Provenance,
    name: &str,
    value: String,
    source: Source,
) {
    let value = collapse(&value);
    if !value.is_empty() {
        *slot = Some(value);
        provenance.insert(name.to_string(), source);
    }
}

fn set_date(
    slot: &mut Option<PartialDate>,
    provenance: &mut pundit_model::Provenance,
    name: &str,
    value: PartialDate,
    source: Source,
) {
    *slot = Some(value);
    provenance.insert(name.to_string(), source);
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The host of a URL without `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The first JSON-LD object of an article type (looking into arrays and `@graph`).
fn json_ld_article(page: &Html) -> Option<Value> {
    let mut candidates = Vec::new();
    for script in page.select(&sel("script[type=\"application/ld+json\" i]")) {
        let raw: String = script.text().collect();
        if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
            flatten(value, &mut candidates);
        }
    }
    let is_article = |v: &Value| match v.get("@type") {
        Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
        _ => false,
    };
    let rank = |v: &Value| {
        if v.get("@type").and_then(Value::as_str) == Some("WebPage") {
            1
        } else {
            0
        }
    };
    candidates.into_iter().filter(is_article).min_by_key(rank)
}

fn flatten(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
        Value::Object(map) => map.get("name").and_then(text_of),
        Value::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

fn names_of(value: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |names: Vec<String>| {
        for n in names {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    };
    match value {
        Value::Array(items) => items
            .iter()
            .filter_map(text_of)
            .for_each(|n| push(clean_authors(&n))),
        other => {
            if let Some(n) = text_of(other) {
                push(clean_authors(&n))
            }
        }
    }
    out
}

/// The text of an element: html2text, paragraphs separated by blank lines.
fn element_text(element: ElementRef<'_>) -> String {
    let html = element.html();
    let text = html2text::config::plain()
        .string_from_read(html.as_bytes(), 10_000)
        .unwrap_or_default();
    super::text::paragraphs(&text.lines().collect::<Vec<_>>())
}
