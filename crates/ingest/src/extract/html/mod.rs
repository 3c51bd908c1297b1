//! HTML pages: metadata from JSON-LD, OpenGraph, `<meta>`, microdata and markup; visible
//! bylines and datelines; the main text without boilerplate.
//!
//! The page is parsed once (`dom::Dom`); metadata and bylines are read from that arena
//! before the content pass scores it.

mod byline;
mod content;
mod dom;
mod metadata;
mod text;

use pundit_model::{Document, PartialDate, Source};
use unicode_normalization::{is_nfc, UnicodeNormalization};

use super::byline::{clean_authors, clean_explicit_authors};
use super::dates::{parse_date, DayOrder};
use super::SourceFile;
use dom::{collapse, Dom};
use metadata::Meta;

/// Extracts an HTML page.
pub fn extract(file: &SourceFile, html: &str) -> Document {
    let page = scraper::Html::parse_document(html);
    let mut dom = Dom::new(&page);
    let meta = metadata::read(&dom);
    let mut doc = Document::new(&file.source_path);

    // Title.
    if let Some((title, source)) = choose_title(&meta) {
        doc.title = Some(title);
        doc.set_provenance("title", source);
    }
    // The headline is the `<h1>` that reads as the title: a page may open with another one
    // (a logo, a cookie or newsletter dialog) whose block is not the article's.
    if let Some(title) = doc.title.as_deref().map(norm).filter(|t| !t.is_empty()) {
        if let Some(&(headline, _)) = meta.h1.iter().find(|(_, text)| norm(text) == title) {
            dom.h1 = Some(headline);
        }
    }

    // URL.
    if let Some(u) = meta.canonical.clone() {
        set(&mut doc, "url", u, Source::Html);
    } else if let Some(u) = meta
        .get("og:url")
        .filter(|u| u.starts_with("http"))
        .map(str::to_string)
    {
        set(&mut doc, "url", u, Source::Opengraph);
    }

    // Site.
    let site = meta
        .get("og:site_name")
        .map(|s| (s.to_string(), Source::Opengraph))
        .or_else(|| {
            meta.ld
                .as_ref()
                .and_then(|v| v.get("publisher"))
                .and_then(metadata::text_of)
                .map(|s| (s, Source::JsonLd))
        })
        .or_else(|| {
            meta.get("application-name")
                .map(|s| (s.to_string(), Source::Meta))
        });
    if let Some((s, src)) = site {
        set(&mut doc, "site", s, src);
    } else if let Some(host) = doc.url.as_deref().and_then(host_of) {
        doc.site = Some(host);
        doc.set_provenance("site", Source::Url);
    }

    // Description.
    if let Some(d) = meta
        .get("og:description")
        .or_else(|| meta.get("description"))
        .or_else(|| meta.get("twitter:description"))
    {
        set(&mut doc, "description", d.to_string(), Source::Meta);
    }

    // Language.
    if let Some(lang) = meta
        .lang
        .as_deref()
        .map(|l| {
            l.trim()
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .filter(|l| l.len() == 2 || l.len() == 3)
    {
        doc.language = Some(lang);
        doc.set_provenance("language", Source::Html);
    }

    // Authors and dates.
    fill_authors(&mut doc, &meta, &dom);
    fill_dates(&mut doc, &meta, &dom);

    // Main content.
    let page_state = content::Page::new(&dom);
    let content = content::extract(&page_state, doc.title.as_deref());
    doc.body = content.body;
    doc.links = content.links;
    add_declared_text(&mut doc.body, &metadata::ld_text(&meta));
    if doc.body.is_empty() {
        doc.body = fallback_text(html);
    }
    // Pages written on some systems spell "ü" as "u" plus a combining mark: composed (NFC),
    // the text matches what readers and queries type.
    if !is_nfc(&doc.body) {
        doc.body = doc.body.nfc().collect();
    }
    doc
}

/// Adds the article text the page declares in JSON-LD when the page shows far less of it:
/// pages that render their text by script (the markup holds an empty shell, a browser warning,
/// captions) or hold it behind a paywall declare the whole text for search engines. At twice
/// the words of the extracted body (and some length), the declared paragraphs the body lacks
/// follow it; what the markup showed (a standfirst, a teaser) stays first.
fn add_declared_text(body: &mut String, declared: &[String]) {
    let paragraphs: Vec<String> = declared.iter().flat_map(|s| html_paragraphs(s)).collect();
    let words = |s: &str| s.split_whitespace().count();
    let declared_words: usize = paragraphs.iter().map(|p| words(p)).sum();
    if declared_words < 50 || declared_words < 2 * words(body) {
        return;
    }
    let shown = collapse(body);
    for p in paragraphs {
        if shown.contains(&p) {
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&p);
    }
}

/// The paragraphs of a string that may hold HTML (a JSON-LD text): rendered like page content
/// when it has tags, else its lines.
fn html_paragraphs(s: &str) -> Vec<String> {
    if s.contains('<') && s.contains('>') {
        let fragment = scraper::Html::parse_fragment(s);
        let dom = Dom::new(&fragment);
        let dead = vec![false; dom.len()];
        let mut out = text::Renderer::new(&dom, &dead);
        out.render(0);
        out.finish()
            .body
            .split("\n\n")
            .map(str::to_string)
            .collect()
    } else {
        metadata::decode_entities(s)
            .lines()
            .map(collapse)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// html2text over the whole page when the content pass found nothing (frames, odd markup).
fn fallback_text(html: &str) -> String {
    let text = html2text::config::plain()
        .string_from_read(html.as_bytes(), 10_000)
        .unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    super::text::paragraphs(&lines)
}

fn set(doc: &mut Document, field: &str, value: String, source: Source) {
    let value = collapse(&metadata::decode_entities(&value));
    if value.is_empty() {
        return;
    }
    match field {
        "url" => doc.url = Some(value),
        "site" => doc.site = Some(value),
        "description" => doc.description = Some(value),
        "title" => doc.title = Some(value),
        _ => return,
    }
    doc.set_provenance(field, source);
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " // ", " » ", " « ", " / ", " ~ ",
];

/// The headline: the candidate agreeing with the page's `<h1>`, else og:title, JSON-LD
/// headline, other title metadata, then `<title>` without its site suffix.
fn choose_title(meta: &Meta) -> Option<(String, Source)> {
    let mut cands: Vec<(String, Source)> = Vec::new();
    if let Some(t) = meta.get("og:title") {
        cands.push((t.to_string(), Source::Opengraph));
    }
    if let Some(t) = meta.ld_str("headline").or_else(|| meta.ld_str("name")) {
        cands.push((t, Source::JsonLd));
    }
    for key in [
        "twitter:title",
        "dc.title",
        "dcterms.title",
        "parsely-title",
        "sailthru.title",
        "title",
        "headline",
    ] {
        if let Some(t) = meta.get(key) {
            cands.push((t.to_string(), Source::Meta));
        }
    }
    // A "title" that is only the site's name is no headline.
    let site_names: Vec<String> = [
        "og:site_name",
        "application-name",
        "apple-mobile-web-app-title",
    ]
    .iter()
    .filter_map(|k| meta.get(k))
    .map(norm)
    .filter(|s| !s.is_empty())
    .collect();
    cands.retain(|(c, _)| !site_names.contains(&norm(c)));
    let title_tag = meta
        .title_tag
        .as_deref()
        .map(collapse)
        .filter(|t| !t.is_empty());
    let h1s: Vec<&str> = meta
        .h1
        .iter()
        .map(|(_, t)| t.as_str())
        .filter(|t| t.len() >= 3)
        .collect();

    // An article's JSON-LD headline (Readability reads it first), then the page's own
    // OpenGraph title: what it wants shown as its headline.
    let preferred = meta
        .ld_is_article()
        .then(|| cands.iter().find(|(_, src)| *src == Source::JsonLd))
        .flatten()
        .or_else(|| cands.iter().find(|(_, src)| *src == Source::Opengraph));
    if let Some((t, src)) = preferred {
        let t = collapse(t);
        // A metadata title that is only the page's `<title>` template ("Headline - Site")
        // whose first part is the visible `<h1>`: the rest is branding.
        if title_tag.as_deref().is_some_and(|tt| norm(tt) == norm(&t))
            && !h1s.iter().any(|h| norm(h) == norm(&t))
        {
            for h in &h1s {
                let h = collapse(h);
                for sep in SEPARATORS {
                    if t.starts_with(&format!("{h}{sep}")) {
                        return Some((h, *src));
                    }
                }
            }
        }
        return Some((t, *src));
    }
    // A candidate that is an <h1> (or whose part before a site separator is one).
    for h in &h1s {
        let hn = norm(h);
        if hn.is_empty() {
            continue;
        }
        for (c, src) in cands.iter().chain(
            title_tag
                .iter()
                .map(|t| (t.clone(), Source::Html))
                .collect::<Vec<_>>()
                .iter(),
        ) {
            let c = collapse(c);
            if norm(&c) == hn {
                return Some((c, *src));
            }
            for part in split_parts(&c) {
                if norm(&part) == hn {
                    return Some((part, *src));
                }
            }
        }
    }
    // Otherwise: metadata in order, site suffix removed when the title tag shows one.
    if let Some((t, src)) = cands.first() {
        return Some((strip_site(t, &site_names), *src));
    }
    if let Some(t) = title_tag {
        let stripped = strip_site(&t, &site_names);
        if stripped != t {
            return Some((stripped, Source::Html));
        }
        // Readability's rule: cut the last " | Site" part when what is left has enough words.
        for sep in SEPARATORS {
            if let Some(pos) = t.rfind(sep) {
                let head = t[..pos].trim();
                if head.split_whitespace().count() >= 3 {
                    return Some((head.to_string(), Source::Html));
                }
            }
        }
        if h1s.len() == 1 && t.contains(h1s[0]) {
            return Some((collapse(h1s[0]), Source::Html));
        }
        return Some((t, Source::Html));
    }
    h1s.first().map(|h| (collapse(h), Source::Html))
}

fn split_parts(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sep in SEPARATORS {
        if t.contains(sep) {
            for p in t.split(sep) {
                out.push(p.trim().to_string());
            }
            if let Some(pos) = t.rfind(sep) {
                out.push(t[..pos].trim().to_string());
            }
            if let Some(pos) = t.find(sep) {
                out.push(t[pos + sep.len()..].trim().to_string());
            }
        }
    }
    out
}

/// Removes a leading or trailing part naming the site.
fn strip_site(t: &str, sites: &[String]) -> String {
    let t = collapse(t);
    for sep in SEPARATORS {
        if let Some(pos) = t.rfind(sep) {
            let tail = &t[pos + sep.len()..];
            if sites.iter().any(|s| !s.is_empty() && norm(tail) == *s) {
                return t[..pos].trim().to_string();
            }
        }
        if let Some(pos) = t.find(sep) {
            let head = &t[..pos];
            if sites.iter().any(|s| !s.is_empty() && norm(head) == *s) {
                return t[pos + sep.len()..].trim().to_string();
            }
        }
    }
    t
}

fn fill_authors(doc: &mut Document, meta: &Meta, dom: &Dom) {
    let mut ld_orgs = Vec::new();
    if let Some(a) = meta.ld.as_ref().and_then(|v| v.get("author")) {
        let (persons, orgs) = metadata::ld_authors(a);
        let names = dedup(persons.iter().flat_map(|p| clean_authors(p)).collect());
        if !names.is_empty() {
            doc.authors = names;
            doc.set_provenance("authors", Source::JsonLd);
            return;
        }
        ld_orgs = orgs;
    }
    let visible = byline::authors(dom);
    for (key, source) in [
        ("author", Source::Meta),
        ("article:author", Source::Opengraph),
        ("parsely-author", Source::Meta),
        ("sailthru.author", Source::Meta),
        ("dc.creator", Source::Meta),
        ("dcterms.creator", Source::Meta),
        ("byl", Source::Meta),
        ("twitter:creator", Source::Meta),
    ] {
        let values: Vec<&str> = meta
            .meta
            .iter()
            .filter(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
            .collect();
        if values.is_empty()
            || values
                .iter()
                .any(|v| v.contains("://") || v.starts_with('@'))
        {
            continue;
        }
        let names = dedup(
            values
                .iter()
                .flat_map(|v| clean_explicit_authors(v))
                .collect(),
        );
        if !names.is_empty() {
            doc.authors = names;
            doc.set_provenance("authors", source);
            return;
        }
    }
    // Yoast's reading-time table: twitter:label1 "Written by" / twitter:data1 the name.
    for (label, data) in [
        ("twitter:label1", "twitter:data1"),
        ("twitter:label2", "twitter:data2"),
    ] {
        let is_author = meta.get(label).is_some_and(|l| {
            let l = l.to_lowercase();
            [
                "written by",
                "verfasst von",
                "geschrieben von",
                "escrito por",
                "écrit par",
                "scritto da",
                "autor",
                "author",
            ]
            .iter()
            .any(|w| l.trim() == *w)
        });
        if let Some(v) = meta.get(data).filter(|_| is_author) {
            let names = clean_explicit_authors(v);
            if !names.is_empty() {
                doc.authors = names;
                doc.set_provenance("authors", Source::Meta);
                return;
            }
        }
    }
    if let Some(names) = visible {
        doc.authors = names;
        doc.set_provenance("authors", Source::Byline);
        return;
    }
    let orgs = dedup(ld_orgs.iter().flat_map(|p| clean_authors(p)).collect());
    if !orgs.is_empty() {
        doc.authors = orgs;
        doc.set_provenance("authors", Source::JsonLd);
    }
}

fn dedup(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
            out.push(n);
        }
    }
    out
}

fn fill_dates(doc: &mut Document, meta: &Meta, dom: &Dom) {
    let order = meta
        .lang
        .as_deref()
        .map_or(DayOrder::Unknown, DayOrder::of_language);
    let day =
        |d: PartialDate| matches!(d, PartialDate::Day(_) | PartialDate::DateTime(_)).then_some(d);
    let ld = |key: &str| {
        meta.ld
            .as_ref()
            .and_then(|v| v.get(key))
            .and_then(|v| v.as_str())
            .and_then(parse_date)
            .and_then(day)
    };
    let meta_date = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| meta.get(k).and_then(parse_date).and_then(day))
    };
    let itemprop = |name: &str| {
        meta.itemprops
            .iter()
            .filter(|(_, p)| p == name)
            .find_map(|&(i, _)| {
                let raw = dom
                    .attr(i, "content")
                    .or_else(|| dom.attr(i, "datetime"))
                    .or_else(|| {
                        dom.attr(i, "title")
                            .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
                    })
                    .map(str::to_string)
                    .unwrap_or_else(|| dom.text(i));
                byline::find_date(&raw, order)
            })
    };
    let (by_published, by_modified) = byline::dates(dom, order);
    let near = || byline::date_near_headline(dom, dom.h1, order).map(|d| (d, Source::Byline));
    // The generic `<meta name=date>` family often carries the last edit: a dateline printed
    // on the page that names an earlier day is the publication.
    let earlier_dateline = |generic: (PartialDate, Source)| match by_published
        .map(|d| (d, Source::Byline))
        .or_else(near)
    {
        Some(dateline) if calendar_day(dateline.0) < calendar_day(generic.0) => dateline,
        _ => generic,
    };
    let published = ld("datePublished")
        .map(|d| (d, Source::JsonLd))
        .or_else(|| {
            meta_date(&[
                "article:published_time",
                "og:published_time",
                "article:published",
            ])
            .map(|d| (d, Source::Opengraph))
        })
        // Marked-up dates of the article itself before the generic `<meta name=date>` family,
        // which content systems often fill with the last edit.
        .or_else(|| itemprop("datepublished").map(|d| (d, Source::Microdata)))
        .or_else(|| time_element_preferred(meta, dom, order).map(|d| (d, Source::Html)))
        .or_else(|| {
            meta_date(&[
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.date",
                "dcterms.issued",
                "dcterms.created",
                "dc.date.created",
                "parsely-pub-date",
                "sailthru.date",
                "pubdate",
                "publishdate",
                "publish-date",
                "publish_date",
                "article.published",
                "article_date_original",
                "datepublished",
                "date.published",
                "citation_publication_date",
                "release_date",
                "og:article:published_time",
                "uploaddate",
                "datecreated",
            ])
            .map(|d| (d, Source::Meta))
            .map(earlier_dateline)
        })
        .or_else(|| ld("dateCreated").map(|d| (d, Source::JsonLd)))
        .or_else(|| {
            // Another JSON-LD object (a how-to, a recipe, an event page) that states it.
            meta.ld_all
                .iter()
                .find_map(|v| {
                    v.get("datePublished")
                        .and_then(|v| v.as_str())
                        .and_then(parse_date)
                        .and_then(day)
                })
                .map(|d| (d, Source::JsonLd))
        })
        .or_else(|| time_element(meta, dom, order).map(|d| (d, Source::Html)));
    let modified = ld("dateModified")
        .map(|d| (d, Source::JsonLd))
        .or_else(|| {
            meta_date(&["article:modified_time", "og:updated_time"]).map(|d| (d, Source::Opengraph))
        })
        .or_else(|| {
            meta_date(&[
                "dc.date.modified",
                "dcterms.modified",
                "last-modified",
                "lastmod",
                "sailthru.lastmodified",
            ])
            .map(|d| (d, Source::Meta))
        })
        .or_else(|| itemprop("datemodified").map(|d| (d, Source::Microdata)))
        .or_else(|| by_modified.map(|d| (d, Source::Byline)));
    let published = published
        .or_else(|| by_published.map(|d| (d, Source::Byline)))
        // An update date beats a date merely printed near the headline.
        .or(modified)
        .or_else(near)
        .or_else(|| {
            doc.url
                .as_deref()
                .and_then(|url| byline::date_linked_to_page(dom, url, order))
                .map(|d| (d, Source::Html))
        });
    // Metadata often states moments in UTC while the page prints them on its own clock: keep
    // the source's offset when the page shows it.
    let page_offset = [published, modified]
        .into_iter()
        .flatten()
        .find_map(|(d, _)| match d {
            PartialDate::DateTime(moment) if moment.offset().is_utc() => Some(moment),
            _ => None,
        })
        .and_then(|moment| byline::local_offset(dom, moment));
    let on_page_clock = |(d, src): (PartialDate, Source)| match (d, page_offset) {
        (PartialDate::DateTime(moment), Some(offset)) if moment.offset().is_utc() => {
            (PartialDate::DateTime(moment.to_offset(offset)), src)
        }
        _ => (d, src),
    };
    if let Some((d, src)) = published.map(on_page_clock) {
        doc.published = Some(d);
        doc.set_provenance("published", src);
    }
    if let Some((d, src)) = modified.map(on_page_clock) {
        doc.modified = Some(d);
        doc.set_provenance("modified", src);
    }
}

/// A `<time>` marked `pubdate` or inside the article.
fn time_element_preferred(meta: &Meta, dom: &Dom, order: DayOrder) -> Option<PartialDate> {
    meta.times
        .iter()
        .filter(|(i, _)| !byline::foreign(dom, *i))
        .filter(|(i, _)| {
            dom.attr(*i, "pubdate").is_some()
                || dom.ancestors(*i).any(|a| dom.nodes[a].tag == "article")
        })
        .find_map(|(_, raw)| byline::find_date(raw, order))
}

/// The first `<time>` outside comments and footers (tried after [`time_element_preferred`]).
fn time_element(meta: &Meta, dom: &Dom, order: DayOrder) -> Option<PartialDate> {
    meta.times
        .iter()
        .filter(|(i, _)| !byline::foreign(dom, *i))
        .find_map(|(_, raw)| byline::find_date(raw, order))
}

/// The day a date names, on its own clock.
fn calendar_day(d: PartialDate) -> Option<time::Date> {
    match d {
        PartialDate::Day(day) => Some(day),
        PartialDate::DateTime(moment) => Some(moment.date()),
        _ => None,
    }
}

/// The host of a URL without `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn file() -> SourceFile {
        SourceFile {
            abs_path: "/tmp/x.html".into(),
            source_path: "x.html".into(),
        }
    }

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><title>Peace plan stalls | The Daily</title>
<meta property="og:site_name" content="The Daily">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"The Daily"},
{"@type":"NewsArticle","headline":"Peace plan stalls","datePublished":"2025-11-27T10:00:00-05:00",
"author":[{"@type":"Person","name":"Jane Doe"}]}]}</script>
<style>.x{color:red}</style></head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<div class="cookie-banner">We use cookies to improve your experience.</div>
<article><h1>Peace plan stalls</h1><div class="byline">By Jane Doe</div>
<p>The proposed peace plan stalled on Thursday, officials said, after negotiators failed to agree on the terms of a ceasefire.</p>
<p>Diplomats from both sides, who met for three days, said talks would resume next week, but gave no further details about the venue.</p>
<h2>What comes next</h2>
<p>Analysts expect a long process, with several rounds of talks, and warn that the pressure on both governments is growing quickly.</p>
<script>var secret = "do not index";</script>
<div class="share-bar"><a href="https://x.example/share">Share this article</a></div>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul></aside>
<footer>Copyright The Daily</footer></body></html>"#;

    #[test]
    fn article_page() {
        let doc = extract(&file(), PAGE);
        assert_eq!(doc.title.as_deref(), Some("Peace plan stalls"));
        assert_eq!(doc.authors, vec!["Jane Doe"]);
        assert_eq!(
            doc.published.map(|d| d.to_string()).as_deref(),
            Some("2025-11-27T10:00:00-05:00")
        );
        assert_eq!(doc.site.as_deref(), Some("The Daily"));
        assert_eq!(doc.language.as_deref(), Some("en"));
        assert!(
            doc.body.starts_with("The proposed peace plan stalled"),
            "{}",
            doc.body
        );
        assert!(doc.body.contains("\n\nWhat comes next\n\n"), "{}", doc.body);
        for junk in [
            "do not index",
            "cookies",
            "Share this",
            "Other story",
            "Copyright",
            "Home",
            "color:red",
        ] {
            assert!(!doc.body.contains(junk), "{junk} in {}", doc.body);
        }
    }

    #[test]
    fn standfirst_and_titles() {
        let html = r#"<html><head><title>Budget talks collapse - The Daily</title>
<meta property="og:title" content="Budget talks collapse - The Daily"></head><body>
<header><h1>Budget talks collapse</h1>
<p class="intro">Negotiators left the room on Friday without a deal, and the deadline is now days away.</p>
<p class="meta">By mh | 23.09.22</p></header>
<div class="story"><p>Some long enough paragraph of text that is the article body, with commas, and more words to make it count.</p>
<p>Another paragraph of text that is the article body, with commas, and more words to make it count as content.</p>
<p>A third paragraph of text that is the article body, with commas, and more words to make it count as content.</p></div>
</body></html>"#;
        let doc = extract(&file(), html);
        assert_eq!(doc.title.as_deref(), Some("Budget talks collapse"));
        assert!(
            doc.body.starts_with("Negotiators left the room"),
            "{}",
            doc.body
        );
        assert_eq!(
            doc.published.map(|d| d.to_string()).as_deref(),
            Some("2022-09-23")
        );
    }

    #[test]
    fn byline_and_dateline() {
        let html = r#"<html><body><div class="post"><h1>A headline here</h1>
<p class="meta">By John Roe and Mary Major | Published March 3, 2025</p>
<p>Some long enough paragraph of text that is the article body, with commas, and more words to make it count.</p>
<p>Another paragraph of text that is the article body, with commas, and more words to make it count as content.</p>
</div></body></html>"#;
        let doc = extract(&file(), html);
        assert_eq!(doc.authors, vec!["John Roe", "Mary Major"]);
        assert_eq!(
            doc.published.map(|d| d.to_string()).as_deref(),
            Some("2025-03-03")
        );
        assert_eq!(doc.title.as_deref(), Some("A headline here"));
    }

    #[test]
    fn text_declared_in_json_ld_fills_a_script_rendered_page() {
        let sentence = "The council voted on the plan after a long debate about costs and schools.";
        let long = [sentence; 12].join(" ");
        // The markup shows a standfirst; the whole text is only in the article's JSON-LD.
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"A headline here","articleBody":"{long}\nA closing line of the article text."}}</script></head>
<body><article><h1>A headline here</h1><p>A standfirst shown above the paywall, long enough to be a lead.</p></article></body></html>"#
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.starts_with("A standfirst shown"), "{}", doc.body);
        assert!(doc.body.contains(&long), "{}", doc.body);
        assert!(doc.body.ends_with("A closing line of the article text."));
        // A how-to's description and steps (HTML in JSON strings).
        let step = format!("<p>{}</p>", [sentence; 4].join(" "));
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"HowTo","name":"Sew a cloth","description":"<p>Why a round cloth &amp; how.</p>","step":[{{"@type":"HowToStep","name":"Step 1: Measure","itemListElement":{{"@type":"HowToDirection","text":"{step}"}}}},{{"@type":"HowToStep","text":"<p>Cut the cloth.</p>"}}]}}</script></head>
<body><div id="app"><p>Your browser is out of date.</p></div></body></html>"#
        );
        let body = extract(&file(), &html).body;
        for p in [
            "Why a round cloth & how.",
            "Step 1: Measure",
            "Cut the cloth.",
        ] {
            assert!(body.contains(p), "{p} not in {body}");
        }
        // Where the markup shows the text, nothing is added or repeated.
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{long}"}}</script></head>
<body><article><h1>A headline here</h1><p>{long}</p></article></body></html>"#
        );
        assert_eq!(extract(&file(), &html).body, long);
    }

    /// Two paragraphs of filler without digits, long enough to be the content.
    const FILLER: &str = "<p>Some long enough paragraph of text that is the article body, with commas, and more words to make it count.</p>\n<p>Another paragraph of text that is the article body, with commas, and more words to make it count as content.</p>";

    fn day_of(html: &str) -> Option<String> {
        extract(&file(), html)
            .published
            .map(|d| d.to_string()[..10].to_string())
    }

    #[test]
    fn date_in_the_articles_own_sidebar() {
        // A sidebar inside the <article> is its meta column, not another story's.
        let html = format!(
            r#"<html><body><article><h1>A headline here</h1>
<div class="post-sidebar"><span class="date">le 7 mai 2020</span></div>{FILLER}</article>
<div class="sidebar"><span class="date">1 juin 2021</span></div></body></html>"#
        );
        assert_eq!(day_of(&html).as_deref(), Some("2020-05-07"));
        // A layout block named after its sidebar but holding the headline is the article.
        let html = format!(
            r#"<html><body><div class="layout one-sidebar"><h1>A headline here</h1>
<div class="signature"><span class="date">15 августа 2016, 13:43</span></div>{FILLER}</div></body></html>"#
        );
        assert_eq!(day_of(&html).as_deref(), Some("2016-08-15"));
    }

    #[test]
    fn utc_metadata_takes_the_offset_the_page_prints() {
        let page = |ld_date: &str, shown: &str| {
            format!(
                r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"A headline here","datePublished":"{ld_date}"}}</script></head>
<body><article><h1>A headline here</h1><span class="stamp">{shown}</span>{FILLER}
<ul class="more"><li><a href="/y">Another story 3/5/2022 23:41</a></li></ul></article></body></html>"#
            )
        };
        let published = |html: &str| extract(&file(), html).published.map(|d| d.to_string());
        assert_eq!(
            published(&page("Wed, 04 May 2022 02:41:00 GMT", "3/5/2022 22:41")).as_deref(),
            Some("2022-05-03T22:41:00-04:00")
        );
        assert_eq!(
            published(&page(
                "2022-05-04T00:44:52.000Z",
                "Brasília 03/05/2022 21:44"
            ))
            .as_deref(),
            Some("2022-05-03T21:44:52-03:00")
        );
        // The page prints UTC, another moment, or only a link's time: the metadata stands.
        for shown in ["4/5/2022 02:41", "3/5/2022 22:40", "Posted in May"] {
            assert_eq!(
                published(&page("2022-05-04T02:41:00Z", shown)).as_deref(),
                Some("2022-05-04T02:41:00Z"),
                "{shown}"
            );
        }
    }

    #[test]
    fn dates_in_the_headline_are_its_subject() {
        // A "meta" wrapper holding the headline and the byline: the byline's date counts.
        let html = format!(
            r#"<html><body><div class="post-meta-wrapper"><h1>Results: regional meet, 19.5.2007</h1>
<p class="post-meta">by Marc | <span class="published">20. Mai 2007</span></p></div>{FILLER}</body></html>"#
        );
        assert_eq!(day_of(&html).as_deref(), Some("2007-05-20"));
        let html = format!(
            r#"<html><body><div class="story"><h1>Results: regional meet, 19.5.2007</h1>{FILLER}</div></body></html>"#
        );
        assert_eq!(day_of(&html), None);
        // A dateline set inside the `<h1>` as an element of its own is one.
        let html = format!(
            r#"<html><body><div class="story"><h1>Fans return<br><small>02.02.2022</small></h1>{FILLER}</div></body></html>"#
        );
        assert_eq!(day_of(&html).as_deref(), Some("2022-02-02"));
    }

    #[test]
    fn the_headline_is_the_h1_reading_as_the_title() {
        // A dialog's <h1> opens the page; the article's block (a "teaser" figure holding the
        // headline and its date) is the one whose <h1> is the title.
        let html = format!(
            r#"<html><head><meta property="og:title" content="Training camp cancelled"></head><body>
<div class="modal"><h1>Dear fans,</h1><p>Welcome.</p></div>
<section class="news"><figure class="teaser"><img src="a.jpg"><div class="info"><span class="date">02.02.2022</span></div>
<h1>Training camp cancelled</h1></figure>{FILLER}</section></body></html>"#
        );
        assert_eq!(day_of(&html).as_deref(), Some("2022-02-02"));
    }

    #[test]
    fn numeric_dates_read_in_the_pages_language() {
        let html = |lang: &str| {
            format!(
                r#"<html lang="{lang}"><body><div class="story"><h1>A headline here</h1>
<span class="time">02/10/2020</span>{FILLER}</div></body></html>"#
            )
        };
        assert_eq!(day_of(&html("en-GB")).as_deref(), Some("2020-10-02"));
        assert_eq!(day_of(&html("fr")).as_deref(), Some("2020-10-02"));
        assert_eq!(day_of(&html("en-US")).as_deref(), Some("2020-02-10"));
        assert_eq!(day_of(&html("en")), None);
    }

    #[test]
    fn labelled_date_lines_count_whatever_their_markup() {
        let html = |line: &str| {
            format!(
                r#"<html><body><div class="story"><h1 id="branding">Site</h1><h2>A headline here</h2>
<p>Seit 4. August 2014 ist in Bolivien ein neues Gesetz in Kraft, das erstmals die Arbeit von Kindern regelt und schützt.</p>{FILLER}
<p class="info">{line}</p></div></body></html>"#
            )
        };
        let doc = extract(&file(), &html("Aktualisiert: 30.12.2016"));
        assert_eq!(
            doc.modified.map(|d| d.to_string()).as_deref(),
            Some("2016-12-30")
        );
        // Without another date stated, the update is the best known publication date.
        assert_eq!(
            doc.published.map(|d| d.to_string()).as_deref(),
            Some("2016-12-30")
        );
        assert_eq!(
            day_of(&html("Published on 3 March 2025")).as_deref(),
            Some("2025-03-03")
        );
        // An unlabelled line states no update.
        assert_eq!(extract(&file(), &html("30.12.2016")).modified, None);
    }

    #[test]
    fn an_earlier_dateline_beats_the_generic_meta_date() {
        let html = |meta_date: &str| {
            format!(
                r#"<html><head><meta name="date" content="{meta_date}"></head><body><div class="story">
<h1>A headline here</h1><p class="stand">Stand: 28.04.2020 18:00 Uhr</p>{FILLER}</div></body></html>"#
            )
        };
        assert_eq!(
            day_of(&html("2020-04-29T11:52:23")).as_deref(),
            Some("2020-04-28")
        );
        // The same day or an earlier one: the metadata, with its time, stands.
        let published = |html: &str| extract(&file(), html).published.map(|d| d.to_string());
        assert_eq!(
            published(&html("2020-04-28T18:00:00+02:00")).as_deref(),
            Some("2020-04-28T18:00:00+02:00")
        );
        assert_eq!(day_of(&html("2020-04-27")).as_deref(), Some("2020-04-27"));
    }

    #[test]
    fn a_wikis_page_edit_notice_dates_the_page() {
        let html = |notice: &str| {
            format!(
                r#"<html><body><div id="content"><h1>Stammtisch</h1>
<p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr statt.</p>{FILLER}</div>
<div id="footer"><ul><li id="footer-info-lastmod">{notice}</li></ul></div></body></html>"#
            )
        };
        let doc = extract(
            &file(),
            &html("Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert."),
        );
        assert_eq!(
            doc.modified.map(|d| d.to_string()).as_deref(),
            Some("2020-01-29")
        );
        // The edit is the best known date: better than one merely printed near the headline.
        assert_eq!(
            doc.published.map(|d| d.to_string()).as_deref(),
            Some("2020-01-29")
        );
        let doc = extract(
            &file(),
            &html("This page was last edited on 4 November 2020, at 19:23."),
        );
        assert_eq!(
            doc.modified.map(|d| d.to_string()).as_deref(),
            Some("2020-11-04")
        );
        // Another footer line is no notice about the page.
        let doc = extract(&file(), &html("Copyright 29. Januar 2020"));
        assert_eq!(doc.modified, None);
    }

    #[test]
    fn a_list_entry_linking_to_the_page_dates_it() {
        let html = |href: &str| {
            format!(
                r#"<html><head><link rel="canonical" href="https://x.example/human-rights"></head><body>
<div class="story"><h1>Human rights</h1>{FILLER}</div>
<div class="news-list"><a href="/other-story"><div class="teaser"><div class="authored">09.11.2021</div><h2>Other story</h2></div></a>
<a href="{href}"><div class="teaser"><div class="authored">10.11.2021</div><h2>Human rights</h2></div></a></div></body></html>"#
            )
        };
        assert_eq!(
            day_of(&html("/human-rights")).as_deref(),
            Some("2021-11-10")
        );
        assert_eq!(
            day_of(&html("https://x.example/human-rights/")).as_deref(),
            Some("2021-11-10")
        );
        // A link to a part of the page, or to another page, says nothing of this one.
        assert_eq!(day_of(&html("/human-rights#comments")), None);
        assert_eq!(day_of(&html("/human-rights-2")), None);
    }

    #[test]
    fn a_date_inside_running_text_is_no_dateline() {
        let html = |opening: &str| {
            format!(
                r#"<html><body><div class="story"><h1>A headline here</h1>{FILLER}
<p>{opening}, the council met again and said the harbour plan would be put to a public vote next spring.</p></div></body></html>"#
            )
        };
        assert_eq!(
            day_of(&html(
                "In its session on <strong>Wednesday, 13.10.2021</strong>"
            )),
            None
        );
        // A date opening a paragraph is a dateline.
        assert_eq!(
            day_of(&html("<strong>13.10.2021</strong> – Today")).as_deref(),
            Some("2021-10-13")
        );
    }

    #[test]
    fn date_line_above_the_headline_and_hatom_updated() {
        let html = format!(
            r#"<html><body><div class="news"><div class="kicker"><h3>21.01.2022</h3></div>
<h1>Annual report published</h1>{FILLER}</div></body></html>"#
        );
        assert_eq!(day_of(&html).as_deref(), Some("2022-01-21"));
        // A link above the headline is another page's date.
        let html = format!(
            r#"<html><body><div class="news"><a href="/x">Older story 21.01.2022</a>
<h1>Annual report published</h1>{FILLER}</div></body></html>"#
        );
        assert_eq!(day_of(&html), None);
        let html = format!(
            r#"<html><body><div class="post"><h1>A headline here</h1>
<span class="updated" title="2013-04-04T18:52:11+00:00"></span>{FILLER}</div></body></html>"#
        );
        assert_eq!(day_of(&html).as_deref(), Some("2013-04-04"));
    }

    #[test]
    fn standalone_time_dateline_is_not_body_text() {
        let html = format!(
            r#"<html><body><div class="story"><h1>A headline here</h1>
<div><time datetime="2020-04-11">Aktualisiert: 11.04.2020</time></div>{FILLER}
<p>The vote took place on <time datetime="2025-03-03">March 3, 2025</time>, after a long debate in the chamber.</p></div></body></html>"#
        );
        let doc = extract(&file(), &html);
        assert!(!doc.body.contains("Aktualisiert"), "{}", doc.body);
        assert!(doc.body.contains("on March 3, 2025, after"), "{}", doc.body);
    }

    /// A long paragraph of prose (over 100 characters, sentence punctuation, no links).
    /// Four paragraphs of prose: enough text to be an article.
    fn four_paragraphs() -> String {
        ["harbour plan", "budget", "ferry", "quay"]
            .map(prose)
            .concat()
    }

    /// A page titled "Harbour plan" whose `<body>` holds `body`.
    fn harbour_page(body: &str) -> String {
        format!("<html><head><title>Harbour plan</title></head><body>{body}</body></html>")
    }

    fn prose(topic: &str) -> String {
        format!(
            "<p>The council debated the {topic} for several hours on Tuesday, and members said \
             a vote on the {topic} would follow next month after a public consultation.</p>"
        )
    }

    #[test]
    fn article_split_over_cousin_containers_is_joined() {
        // The article's text sits in two blocks separated by a picture, each block nested in
        // wrappers of its own, so the second block is a cousin of the first, not a sibling.
        let html = harbour_page(&format!(
            r#"
<div class="shell"><div class="col">
<div class="part-one"><div class="inner">{}{}{}{}</div></div>
<div class="picture"><div><img src="a.jpg"><img src="b.jpg"></div></div>
<div class="part-two"><div class="wrap"><div class="inner-two">{}</div></div></div>
<div class="about-the-author"><p>Jane Doe has covered the harbour for the paper since 2010, and she writes about city politics.</p></div>
</div></div>
<aside><p>An unrelated aside paragraph that is long enough to be prose, with a full stop at the end.</p></aside>
"#,
            prose("harbour plan"),
            prose("budget"),
            prose("ferry"),
            prose("quay"),
            prose("SPLITMARK"),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("SPLITMARK"), "{}", doc.body);
        assert!(doc.body.contains("harbour plan"), "{}", doc.body);
        // Order kept: the split-off block comes after the first one.
        assert!(doc.body.find("quay") < doc.body.find("SPLITMARK"));
        assert!(!doc.body.contains("Jane Doe has covered"), "{}", doc.body);
        assert!(!doc.body.contains("unrelated aside"), "{}", doc.body);
    }

    #[test]
    fn cousin_paragraphs_never_outweigh_the_article_nor_come_from_other_entries() {
        // A blog front page: the first post wins; the next post (an hAtom entry of its own,
        // nested so that it is a cousin of the first) stays out although its paragraph is
        // prose. The same paragraph outside an entry is joined.
        let first: String = (0..10).map(|k| prose(&format!("item {k}"))).collect();
        let page = |class: &str| {
            format!(
                r#"<html><head><title>Blog</title></head><body><div id="main"><div class="posts">
<div class="item-1"><div class="post-1 post hentry"><div class="entry-content">{first}</div></div></div>
<div class="item-2"><div class="card"><div class="{class}"><div class="entry-content">{}</div></div></div></div>
</div></div></body></html>"#,
                prose("NEXTPOSTMARK")
            )
        };
        let doc = extract(&file(), &page("post-2 post hentry"));
        assert!(doc.body.contains("item 9"), "{}", doc.body);
        assert!(!doc.body.contains("NEXTPOSTMARK"), "{}", doc.body);
        let doc = extract(&file(), &page("more-text"));
        assert!(doc.body.contains("NEXTPOSTMARK"), "{}", doc.body);
    }

    #[test]
    fn sections_built_like_the_chosen_one_are_joined_but_not_other_stories() {
        // A landing page made of bands of the same class, each a heading and prose of equal
        // weight: too much for the cousin step (it never outweighs the chosen block), but
        // one text.
        let band = |topic: &str| {
            format!(
                r#"<div class="band topic"><div class="row"><h2>About the {topic}</h2><div class="text">{}{}{}{}</div></div></div>"#,
                prose(topic),
                prose(&format!("{topic} costs")),
                prose(&format!("{topic} schools")),
                prose(&format!("{topic} roads")),
            )
        };
        let html = harbour_page(&format!(
            r#"{}{}<div class="band promo"><p>Buy our harbour calendar now, it is the best calendar you can buy for the year.</p></div>"#,
            band("harbour"),
            band("SECONDBAND")
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("About the harbour"), "{}", doc.body);
        assert!(doc.body.contains("SECONDBAND roads"), "{}", doc.body);
        assert!(!doc.body.contains("calendar"), "{}", doc.body);
        // The same with the `<section>`s of a page, told apart by their ids only.
        let html = harbour_page(&format!(
            r#"{}{}"#,
            band("harbour").replace(r#"<div class="band topic">"#, r#"<section id="intro">"#),
            band("SECTIONMARK").replace(r#"<div class="band topic">"#, r#"<section id="travel">"#)
        ))
        .replace("</div></div></div>", "</div></div></section>");
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("About the harbour"), "{}", doc.body);
        assert!(doc.body.contains("SECTIONMARK roads"), "{}", doc.body);
        // The same blocks wrapping the next stories (an infinite scroll) stay out.
        let story = |topic: &str| {
            format!(
                r#"<div class="scrollblock"><article class="story"><h2>About the {topic}</h2>{}{}{}{}</article></div>"#,
                prose(topic),
                prose(&format!("{topic} costs")),
                prose(&format!("{topic} schools")),
                prose(&format!("{topic} roads")),
            )
        };
        let html = harbour_page(&format!(
            r#"<main>{}{}</main>"#,
            story("harbour"),
            story("NEXTSTORY")
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("harbour roads"), "{}", doc.body);
        assert!(!doc.body.contains("NEXTSTORY"), "{}", doc.body);
        // Steps that set their text between line breaks, not in paragraphs.
        let step = |text: &str| {
            format!(
                r#"<div class="step"><div class="step-text">{text}<br></div><div class="spacer"></div></div>"#
            )
        };
        let html = format!(
            r#"<html><head><title>Cutting tips</title></head><body><div class="tips">{}{}</div><div class="comments-box"></div></body></html>"#,
            step("STEPMARK: you surely know it. You cut a tomato into slices for a nice plate, and then the seeds fall out and the slices break apart."),
            step(&"Why is that so? The tomato lies the wrong way on the board, with its stalk on top, and the knife cuts through the chambers of seeds. ".repeat(3))
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("Why is that so?"), "{}", doc.body);
        assert!(doc.body.contains("STEPMARK"), "{}", doc.body);
    }

    #[test]
    fn an_aside_holding_the_headline_is_the_page_not_a_sidebar() {
        let html = format!(
            r#"<html><head><title>Harbour plan approved - The Daily</title></head><body>
<main><aside class="page-column"><h1>Harbour plan approved</h1><article>{}</article></aside>
<aside class="sidebar"><h2>Elsewhere</h2>{}</aside></main></body></html>"#,
            four_paragraphs(),
            prose("SIDEBARMARK")
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("the quay"), "{}", doc.body);
        assert!(!doc.body.contains("SIDEBARMARK"), "{}", doc.body);
    }

    #[test]
    fn live_commentary_is_the_report_but_readers_comments_go() {
        let entries: String = ["kick-off", "first goal", "red card", "equaliser", "final whistle"]
            .map(|t| {
                format!(
                    r#"<div class="live-match-comment"><span class="time">12'</span><div class="live-match-comment-body">{}</div></div>"#,
                    prose(t)
                )
            })
            .concat();
        let html = format!(
            r#"<html><head><title>Lorient v Lyon live</title></head><body>
<div class="main"><h1>Lorient v Lyon live</h1><p>Kick-off 17:00</p>
<div class="live-match-comments">{entries}</div>
<div class="comments"><p>READERMARK: what a poor game that was, the referee should never have allowed it.</p></div>
</div></body></html>"#
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("the kick-off"), "{}", doc.body);
        assert!(doc.body.contains("the final whistle"), "{}", doc.body);
        assert!(!doc.body.contains("READERMARK"), "{}", doc.body);
    }

    #[test]
    fn captions_carrying_a_gallerys_text_stay_but_a_lone_caption_goes() {
        let slide = |t: &str| {
            format!(
                r#"<figure class="slide"><img src="{t}.jpg"><figcaption><h3>{t}</h3>{}</figcaption></figure>"#,
                prose(t)
            )
        };
        let html = format!(
            r#"<html><head><title>Costume ideas</title></head><body><article><h1>Costume ideas</h1>
<p>Short intro to the ideas.</p><div class="slides">{}{}{}{}</div></article></body></html>"#,
            slide("pirate"),
            slide("robot"),
            slide("ghost"),
            slide("GALLERYMARK")
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("the pirate"), "{}", doc.body);
        assert!(doc.body.contains("the GALLERYMARK"), "{}", doc.body);
        // A caption under one picture of an article is no text of it.
        let html = harbour_page(&format!(
            r#"<article><h1>Harbour plan</h1>
{}<figure><img src="a.jpg"><figcaption>{}</figcaption></figure>{}</article>"#,
            four_paragraphs(),
            prose("CAPTIONMARK"),
            four_paragraphs()
        ));
        let doc = extract(&file(), &html);
        assert!(!doc.body.contains("CAPTIONMARK"), "{}", doc.body);
    }

    #[test]
    fn a_lone_article_element_without_heading_is_a_block_of_the_page() {
        // A system that wraps each content block in an <article>: a block without a heading,
        // alone in its wrapper, is part of the text; cards side by side are other stories.
        let page = |cards: &str| {
            format!(
                r#"<html><head><title>Thick air</title></head><body><div class="content">
<div class="col1"><div class="el"><article><h1>Thick air</h1><div class="text">{}</div></article></div></div>
<div class="col2"><div class="el"><article>{}</article></div>{cards}</div>
</div></body></html>"#,
                four_paragraphs(),
                prose("BLOCKMARK")
            )
        };
        let doc = extract(&file(), &page(""));
        assert!(doc.body.contains("BLOCKMARK"), "{}", doc.body);
        let cards = format!(
            "<div class=\"cards\"><article>{}</article><article>{}</article></div>",
            prose("CARDMARK"),
            prose("other card")
        );
        let doc = extract(&file(), &page(&cards));
        assert!(!doc.body.contains("CARDMARK"), "{}", doc.body);
    }

    #[test]
    fn author_boxes_disclaimers_and_calls_to_action_are_boilerplate() {
        let html = harbour_page(&format!(
            r#"<article>
<div class="story">{}
<div class="author-box"><p>AUTHORMARK writes about the harbour.</p></div>
<p class="affiliate-disclaimer">DISCLAIMERMARK: we earn a commission on links.</p>
<div class="letters-cta"><p>CTAMARK: write to the editor about this story.</p></div>
<div class="entry-meta">METAMARK posted in City</div>
</div></article>"#,
            four_paragraphs(),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("harbour plan"), "{}", doc.body);
        for junk in ["AUTHORMARK", "DISCLAIMERMARK", "CTAMARK", "METAMARK"] {
            assert!(!doc.body.contains(junk), "{junk} in {}", doc.body);
        }
    }

    #[test]
    fn prose_block_with_pictures_survives_conditional_cleaning() {
        // A block of several pictures and a little prose would go by readability's image
        // rule; its text is mostly paragraphs of prose, so it stays.
        let html = harbour_page(&format!(
            r#"<article>
{}{}{}
<div class="gallery-text"><img src="1.jpg"><img src="2.jpg"><img src="3.jpg">{}</div>
</article>"#,
            prose("harbour plan"),
            prose("budget"),
            prose("ferry"),
            prose("PICTUREDMARK"),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("PICTUREDMARK"), "{}", doc.body);
    }

    #[test]
    fn list_of_pictured_steps_survives_conditional_cleaning() {
        // Each step of the list has a picture; the items are sentences, so the list is prose.
        let steps: String = (1..=3)
            .map(|k| {
                format!(
                    "<li><img src=\"s{k}.jpg\"><div>Heat the oven to a moderate temperature, then \
                     bake the tray for twenty minutes until golden. Let it cool on a rack before \
                     serving, step {k}.</div></li>"
                )
            })
            .collect();
        let html = harbour_page(&format!(
            r#"<article>
{}{}{}<ul class="steps">{steps}</ul></article>"#,
            prose("harbour plan"),
            prose("budget"),
            prose("ferry"),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("serving, step 2."), "{}", doc.body);
    }

    #[test]
    fn rights_and_reprint_notices_are_boilerplate() {
        let html = harbour_page(&format!(
            r#"<article>
{}
<p><em>This story is the copyrighted property of The Daily. Written permission must be obtained before reprint.</em></p>
<p>© 2025 The Daily. All rights reserved.</p>
<p>© Provided by The Daily. The council debated the ferry timetable again on Wednesday, and members said the new timetable would start in spring next year.</p>
</article>"#,
            four_paragraphs(),
        ));
        let doc = extract(&file(), &html);
        assert!(!doc.body.contains("copyrighted property"), "{}", doc.body);
        assert!(!doc.body.contains("All rights reserved"), "{}", doc.body);
        // A credit run into a paragraph of text does not make the paragraph a notice.
        assert!(doc.body.contains("ferry timetable"), "{}", doc.body);
    }

    #[test]
    fn lead_named_teaser_is_kept_but_link_teasers_go() {
        let html = harbour_page(&format!(
            r#"<article>
<div class="teaser-text"><p>LEADMARK: the harbour plan passed its first vote, but the hard part starts now.</p></div>
{}
<div class="teaser"><h3><a href="/other">Other story</a></h3><p>TEASERMARK another story about something else entirely, with a summary.</p></div>
<section class="article-authors"><h4>Authors:</h4><p>AUTHORSMARK Jane Doe</p></section>
</article>"#,
            four_paragraphs(),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("LEADMARK"), "{}", doc.body);
        assert!(!doc.body.contains("TEASERMARK"), "{}", doc.body);
        assert!(!doc.body.contains("AUTHORSMARK"), "{}", doc.body);
    }

    #[test]
    fn sentence_long_heading_in_a_cousin_block_is_joined_but_not_a_lead_in() {
        let body: String = (0..10).map(|k| prose(&format!("item {k}"))).collect();
        let page = |end: &str| {
            harbour_page(&format!(
                r#"<div class="shell"><div class="col">
<div class="row-1"><div class="cell"><div class="wrap"><div class="text"><h2>HEADINGMARK: the council said on Monday that the harbour plan would go to a public vote in the spring, officials at the town hall confirmed.</h2></div></div></div></div>
<div class="row-2"><div class="inner">{body}</div></div>
<div class="row-3"><div class="cell"><div class="wrap"><div class="apps"><h3>PROMOMARK read the magazine in our app for phones and tablets, or order a printed copy of the magazine in our online shop today{end}</h3></div></div></div></div>
</div></div>"#
            ))
        };
        let doc = extract(&file(), &page(":"));
        assert!(doc.body.contains("HEADINGMARK"), "{}", doc.body);
        assert!(!doc.body.contains("PROMOMARK"), "{}", doc.body);
        // The same heading as a full sentence is joined.
        let doc = extract(&file(), &page("."));
        assert!(doc.body.contains("PROMOMARK"), "{}", doc.body);
    }

    #[test]
    fn source_lines_disclaimers_and_notices_are_boilerplate() {
        let html = harbour_page(&format!(
            r#"<article>
{}
<p><em>Quelle: Stadtverwaltung</em></p>
<p>Source: Harbour Authority</p>
<p>Alle Angaben ohne Gewähr.</p>
<div class="community-notice">NOTICEMARK this post reflects the author's opinion only.</div>
</article>"#,
            four_paragraphs(),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("harbour plan"), "{}", doc.body);
        for junk in [
            "Stadtverwaltung",
            "Harbour Authority",
            "ohne Gewähr",
            "NOTICEMARK",
        ] {
            assert!(!doc.body.contains(junk), "{junk} in {}", doc.body);
        }
    }

    #[test]
    fn heading_anchor_ids_do_not_make_headings_boilerplate() {
        let html = harbour_page(&format!(
            r#"<article>
{}{}<h2 id="social-media-and-the-harbour">Social media and the harbour</h2>{}{}
<h3 id="nav_what_comes_next">What comes next</h3>{}
</article>"#,
            prose("harbour plan"),
            prose("budget"),
            prose("ferry"),
            prose("quay"),
            prose("pier"),
        ));
        let doc = extract(&file(), &html);
        assert!(
            doc.body.contains("Social media and the harbour"),
            "{}",
            doc.body
        );
        assert!(doc.body.contains("What comes next"), "{}", doc.body);
    }

    #[test]
    fn calls_to_follow_on_social_networks_are_boilerplate() {
        let html = harbour_page(&format!(
            r#"<article>
{}
<p>Following the vote on Facebook, residents shared their views.</p>
<p><strong>Follow The Daily on Twitter and Instagram @thedaily.</strong></p>
</article>"#,
            four_paragraphs(),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("Following the vote"), "{}", doc.body);
        assert!(!doc.body.contains("@thedaily"), "{}", doc.body);
    }

    #[test]
    fn body_text_is_composed() {
        let html = format!(
            "<html><head><title>Kindersitze</title></head><body><article><p>Es wurde gepru\u{308}ft, \
             ob der Gurt reicht.</p>{}</article></body></html>",
            prose("child seats")
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("geprüft, ob"), "{:?}", doc.body);
        assert!(!doc.body.contains('\u{308}'), "{:?}", doc.body);
    }

    #[test]
    fn a_name_promising_content_does_not_make_a_one_line_widget_the_article() {
        // A rating widget whose class and id both say "post" would outscore the article by its
        // name alone and bring the article in only as its sibling, itself included.
        let html = format!(
            r#"<html><head><title>Straw bags</title></head><body>
<div class="shell"><div class="col">{}</div></div>
<div class="wrap"><div class="post-ratings" id="post-ratings-42">Rated 4.5 out of 5 stars by 120 readers this week</div></div>
</body></html>"#,
            four_paragraphs(),
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("harbour plan"), "{}", doc.body);
        assert!(!doc.body.contains("Rated 4.5"), "{}", doc.body);
    }

    #[test]
    fn appended_next_stories_do_not_replace_the_pages_own() {
        // Infinite scroll: the next stories, each an <article> with its own headline, follow
        // the page's own story in one feed; a longer next story must not win.
        let own: String = (0..4).map(|k| prose(&format!("OWNSTORY {k}"))).collect();
        let next: String = (0..9).map(|k| prose(&format!("NEXTSTORY {k}"))).collect();
        let html = format!(
            r#"<html><head><title>The Daily | Ferry fares rise</title></head><body><main><div class="feed">
<article class="story"><h1>Ferry fares rise</h1><div class="text">{own}</div></article>
<article class="story"><h1>Harbour wall repaired</h1><div class="text">{next}</div></article>
</div></main></body></html>"#
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("OWNSTORY 3"), "{}", doc.body);
        assert!(!doc.body.contains("NEXTSTORY"), "{}", doc.body);
    }

    #[test]
    fn subtitle_grouped_with_the_headline_is_the_standfirst_but_a_site_tagline_is_not() {
        let html = format!(
            r#"<html><head><title>Why we need humility | The Weekly</title>
<meta property="og:title" content="Why we need humility"></head><body>
<header><hgroup><h1><a href="/">The Weekly</a></h1><h2>TAGLINEMARK news and views from the region since 1950</h2></hgroup></header>
<article><header><hgroup><h3>Opinion</h3><h1>Why we need humility</h1>
<h2>SUBTITLEMARK Not only medicines carry risks and side effects, but political measures too.</h2></hgroup></header>
<div class="grid"><aside><p>Jane Doe</p></aside><div class="text">{}</div></div></article>
</body></html>"#,
            four_paragraphs(),
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.starts_with("SUBTITLEMARK"), "{}", doc.body);
        assert!(doc.body.contains("harbour plan"), "{}", doc.body);
        assert!(!doc.body.contains("TAGLINEMARK"), "{}", doc.body);
        assert!(!doc.body.contains("Opinion"), "{}", doc.body);
    }

    #[test]
    fn table_row_scoring_highest_brings_its_table_and_the_text_around_it() {
        // An open letter followed by its signatories in the two cells of one row (an empty row
        // after it): the comma-rich cells make the row outscore the letter's container, but a
        // row is only one record of its table.
        let cell = |col: usize| -> String {
            (0..60)
                .map(|k| format!("<strong>Signer {col}-{k}</strong>, writer<br>"))
                .collect()
        };
        let html = format!(
            r#"<html><head><title>A letter</title></head><body><div class="wrap"><div class="letter">
<p>LETTERMARK Our institutions are facing a moment of trial and the free exchange of ideas is becoming more constricted every day.</p>
<p>We uphold the value of robust counter-speech from all quarters and we refuse any false choice between justice and freedom.</p>
<table><tbody><tr><td>{}</td><td>{}</td></tr><tr><td></td></tr></tbody></table>
<p>Institutions are listed for identification purposes only.</p>
</div></div></body></html>"#,
            cell(1),
            cell(2)
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("LETTERMARK"), "{}", doc.body);
        assert!(doc.body.contains("counter-speech"), "{}", doc.body);
        assert!(doc.body.contains("Signer 2-59"), "{}", doc.body);
    }

    #[test]
    fn print_compounds_name_what_is_printed_but_print_buttons_and_no_print_are_chrome() {
        // A recipe marks its printable steps "print-step"; the print link and a block hidden
        // from print are page chrome.
        let html = harbour_page(&format!(
            r#"<div class="recipe">
<div class="tip-print-step"><div class="steps">{}{}{}</div></div>
<div class="tip-print-step"><div class="steps">{}</div></div>
<div class="print"><a href="/print">PRINTLINKMARK print this page</a></div>
<div class="no-print"><p>NOPRINTMARK rate this recipe and tell us how it went.</p></div>
</div>"#,
            prose("harbour plan"),
            prose("budget"),
            prose("ferry"),
            prose("PRINTSTEPMARK"),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("harbour plan"), "{}", doc.body);
        assert!(doc.body.contains("PRINTSTEPMARK"), "{}", doc.body);
        assert!(!doc.body.contains("PRINTLINKMARK"), "{}", doc.body);
        assert!(!doc.body.contains("NOPRINTMARK"), "{}", doc.body);
    }

    #[test]
    fn standfirst_beside_the_article_text_is_joined_with_it() {
        // The lead sits in its own row of the article, named "teaser-text" (a boilerplate word
        // as well), with no <h1> above it to anchor the standfirst search.
        let html = harbour_page(&format!(
            r#"<div class="article">
<div class="row"><div class="col"><h3>Harbour plan</h3></div></div>
<div class="row"><div class="col"><div class="teaser-text"><p>LEADMARK the harbour plan passed its first vote on Monday, and the council now turns to the budget for the quay and the new ferry.</p></div></div></div>
<div class="row"><div class="col-half"><div class="text-wrap">{}</div></div><div class="col-half"><img src="a.jpg"></div></div>
<div class="row"><div class="teaser"><h3><a href="/other">Other story</a></h3><p>TEASERMARK another story about something else entirely, with a summary.</p></div></div>
</div>"#,
            four_paragraphs(),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("LEADMARK"), "{}", doc.body);
        assert!(doc.body.find("LEADMARK") < doc.body.find("harbour plan for"));
        assert!(!doc.body.contains("TEASERMARK"), "{}", doc.body);
    }

    #[test]
    fn standfirst_named_in_a_bem_part_is_the_lead() {
        // "article--sub-headline": the BEM modifier names a subheadline; a plain "sub-head"
        // token does not (it is matched as a whole token only).
        let page = |class: &str| {
            harbour_page(&format!(
                r#"<main><article>
<header class="article--header"><h1>Harbour plan</h1>
<h2 class="{class}">LEADMARK the mayor of the town, who chairs the harbour board, on the plan and its cost.</h2></header>
<section class="article--section">{}</section>
<div class="article--aside"><img src="quay.jpg"></div></article></main>"#,
                four_paragraphs()
            ))
        };
        let doc = extract(&file(), &page("article--sub-headline"));
        assert!(doc.body.starts_with("LEADMARK"), "{}", doc.body);
        let doc = extract(&file(), &page("sub-head"));
        assert!(!doc.body.contains("LEADMARK"), "{}", doc.body);
    }

    #[test]
    fn header_inside_the_article_is_cut_down_to_its_standfirst() {
        // The article's paragraphs sit beside its header, so the chosen block holds the
        // header: its lead stays, its kicker goes.
        let page = |lead: &str| {
            harbour_page(&format!(
                r#"<div class="site">
<article class="post"><header class="entry-header"><span class="kicker">KICKERMARK Politics</span>
<h1>Harbour plan</h1>{lead}</header>{}</article>
<div class="box"><img src="a.jpg"></div></div>"#,
                four_paragraphs()
            ))
        };
        let doc = extract(
            &file(),
            &page(
                r#"<div class="lead"><p>LEADMARK the harbour plan passed its first vote, and the budget comes next.</p></div>"#,
            ),
        );
        assert!(doc.body.starts_with("LEADMARK"), "{}", doc.body);
        assert!(!doc.body.contains("KICKERMARK"), "{}", doc.body);
        // A block of links named a lead is no standfirst.
        let doc = extract(
            &file(),
            &page(
                r#"<div class="lead"><a href="/a">LINKMARK the harbour plan passed its first vote, and the budget comes next.</a></div>"#,
            ),
        );
        assert!(!doc.body.contains("LINKMARK"), "{}", doc.body);
        assert!(doc.body.contains("harbour plan for"), "{}", doc.body);
    }

    #[test]
    fn summary_points_under_the_headline_are_the_standfirst() {
        let page = |points: &str| {
            harbour_page(&format!(
                r#"
<header class="head"><h1>Harbour plan</h1><p></p><ul>{points}</ul></header>
<div class="story">{}</div>"#,
                four_paragraphs()
            ))
        };
        let doc = extract(&file(), &page("<li>POINTMARK the council backs the harbour plan</li><li>The budget vote follows next month</li>"));
        assert!(
            doc.body
                .starts_with("POINTMARK the council backs the harbour plan\n\nThe budget vote"),
            "{}",
            doc.body
        );
        // A list of links (a menu, related stories) is not.
        let doc = extract(
            &file(),
            &page(
                r#"<li><a href="/a">MENUMARK the council backs the harbour plan</a></li><li><a href="/b">The budget vote follows next month</a></li>"#,
            ),
        );
        assert!(!doc.body.contains("MENUMARK"), "{}", doc.body);
    }

    /// A data table (a header row, six records) whose last cell holds `mark`.
    fn fee_table(mark: &str) -> String {
        let rows: String = (1..=5)
            .map(|k| format!("<tr><td>Transfer type {k}</td><td>Fee {k}</td></tr>"))
            .collect();
        format!(
            "<table><thead><tr><th>Account</th><th>Fees</th></tr></thead><tbody>{rows}\
             <tr><td>Swift</td><td>{mark}</td></tr></tbody></table>"
        )
    }

    #[test]
    fn data_table_in_a_scrolling_frame_survives_cleaning() {
        // The frame's class ("table-scroll") weighs negative; the table inside is data.
        let html = harbour_page(&format!(
            r#"<article>
{}{}<figure class="js-table-scroll">{}</figure>{}{}</article>"#,
            prose("harbour plan"),
            prose("budget"),
            fee_table("FEEMARK"),
            prose("ferry"),
            prose("quay"),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("FEEMARK"), "{}", doc.body);
    }

    #[test]
    fn data_table_in_a_cousin_block_is_joined() {
        // Page-builder rows: the text in one row, the overview table in the next; a table in
        // a sidebar stays out.
        let html = harbour_page(&format!(
            r#"<div class="entry">
<div class="row"><div class="column"><div class="text-column"><div class="wrapper">{}</div></div></div></div>
<div class="row"><div class="column"><div class="text-column"><div class="wrapper">{}</div></div></div></div>
<div class="sidebar-box">{}</div>
</div>"#,
            four_paragraphs(),
            fee_table("OVERVIEWMARK"),
            fee_table("SIDEBARMARK"),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("harbour plan"), "{}", doc.body);
        assert!(doc.body.contains("OVERVIEWMARK"), "{}", doc.body);
        assert!(!doc.body.contains("SIDEBARMARK"), "{}", doc.body);
    }

    #[test]
    fn page_builder_widgets_of_text_are_content_but_its_sidebars_are_not() {
        // Elementor wraps every block in "elementor-widget…" names; the short lines of a
        // text block stay, a sidebar widget still goes.
        let widget = |kind: &str, inner: &str| {
            format!(
                r#"<div class="elementor-element elementor-widget elementor-widget-{kind}"><div class="elementor-widget-container">{inner}</div></div>"#
            )
        };
        let html = harbour_page(&format!(
            r#"<div class="elementor-section"><div class="post">
{}{}
</div></div><div class="elementor-column">{}</div>"#,
            four_paragraphs(),
            widget(
                "text-editor",
                "<p>SHORTMARK Gold hoops</p><p>Silver studs</p>"
            ),
            widget(
                "sidebar",
                r#"<p>SIDEBARMARK the harbour shop is open on Sundays, with maps, books and prints of the old quay.</p>"#
            ),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("harbour plan"), "{}", doc.body);
        assert!(doc.body.contains("SHORTMARK"), "{}", doc.body);
        assert!(!doc.body.contains("SIDEBARMARK"), "{}", doc.body);
    }

    #[test]
    fn recipe_ingredients_marked_in_microdata_are_content() {
        // The ingredients sit in their own column as small tables of short cells; the method
        // is the article.
        let table = |rows: &[(&str, &str)]| -> String {
            let rows: String = rows
                .iter()
                .map(|(q, n)| {
                    format!(r#"<tr itemprop="recipeIngredient"><td>{q}</td><td>{n}</td></tr>"#)
                })
                .collect();
            format!("<table><tbody>{rows}</tbody></table>")
        };
        let html = format!(
            r#"<html><head><title>Harbour cake</title></head><body><div class="recipe">
<div class="column-1"><div class="box"><div class="ingredients"><h2>Ingredients</h2>
<h3>For the tin:</h3>{}<h3>TOPPINGMARK:</h3>{}</div></div></div>
<div class="column-2"><div class="method">{}</div></div>
</div></body></html>"#,
            table(&[("a little", "butter")]),
            table(&[
                ("50 g", "INGREDIENTMARK sugar"),
                ("100 g", "flour"),
                ("1", "egg")
            ]),
            four_paragraphs(),
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("harbour plan"), "{}", doc.body);
        assert!(doc.body.contains("INGREDIENTMARK"), "{}", doc.body);
        assert!(doc.body.contains("TOPPINGMARK"), "{}", doc.body);
        assert!(doc.body.contains("butter"), "{}", doc.body);
    }

    #[test]
    fn short_plain_paragraph_in_a_block_of_its_own_is_kept() {
        // An address block of the article: the phone number is one short paragraph in its
        // own column; a short line outside a paragraph still goes.
        let html = harbour_page(&format!(
            r#"<article>{}
<div class="info"><div class="col"><p>5 Harbour Road, Quay Town, 094</p><a href="/map">on map</a></div>
<div class="col"><p>PHONEMARK +81 158</p></div></div>
<div class="box"><span>MAPMARK on map</span></div>
</article>"#,
            four_paragraphs(),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("PHONEMARK"), "{}", doc.body);
        assert!(!doc.body.contains("MAPMARK"), "{}", doc.body);
    }

    #[test]
    fn aside_holding_the_headline_is_the_article_but_other_asides_go() {
        // The template sets the story in an <aside>; the site's sidebar is an <aside> with the
        // logo's <h1> and prose of its own.
        let html = harbour_page(&format!(
            r#"
<aside class="rail"><h1>The Daily</h1><p>SIDEBARMARK the paper has covered the harbour town since 1850, and it is read in every house on the quay.</p></aside>
<main><aside class="direct-content"><section class="story"><h1>Harbour plan</h1>
<article>{}</article></section></aside></main>"#,
            four_paragraphs(),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("harbour plan for"), "{}", doc.body);
        assert!(!doc.body.contains("SIDEBARMARK"), "{}", doc.body);
        // Without a headline, an aside holding most of the page's text is the article too.
        let html = format!(
            r#"<html><head><title>Harbour news</title></head><body>
<aside class="rail"><p>SIDEBARMARK the paper has covered the harbour town since 1850.</p></aside>
<aside class="direct-content"><div class="story">{}</div></aside></body></html>"#,
            four_paragraphs(),
        );
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("harbour plan for"), "{}", doc.body);
        assert!(!doc.body.contains("SIDEBARMARK"), "{}", doc.body);
    }

    #[test]
    fn boilerplate_named_block_holding_the_headline_is_the_articles_head() {
        let html = harbour_page(&format!(
            r#"<main><section class="news">
<figure class="teaser"><img src="quay.jpg"><h1>Harbour plan</h1><p>LEADMARK next vote on the plan in March, with the budget</p></figure>
{}
<div class="teaser"><h3>Ferry news</h3><p>TEASERMARK another story about something else entirely, with a summary.</p></div>
</section></main>"#,
            four_paragraphs(),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("LEADMARK"), "{}", doc.body);
        assert!(doc.body.contains("harbour plan for"), "{}", doc.body);
        assert!(!doc.body.contains("TEASERMARK"), "{}", doc.body);
    }

    #[test]
    fn named_anchors_are_text_links_are_not_and_addresses_are_contact_details() {
        // A transcript marks its questions as jump targets; a paragraph that is one link still
        // goes, and so does the page's contact line.
        let html = harbour_page(&format!(
            r#"<article>{}{}
<p><a name="q3">QUESTIONMARK: what does the harbour master say about it?</a></p>
<p><a href="/other">LINKMARK: what does the ferry captain say about it?</a></p>
{}{}<address>ADDRESSMARK harbour.html - Created 2004 - Last Modified 2004</address>
</article>"#,
            prose("harbour plan"),
            prose("budget"),
            prose("ferry"),
            prose("quay"),
        ));
        let doc = extract(&file(), &html);
        assert!(doc.body.contains("QUESTIONMARK"), "{}", doc.body);
        assert!(!doc.body.contains("LINKMARK"), "{}", doc.body);
        assert!(!doc.body.contains("ADDRESSMARK"), "{}", doc.body);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn never_panics_on_strings(s in ".{0,400}") {
            let _ = extract(&file(), &s);
        }

        #[test]
        fn never_panics_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = extract(&file(), &String::from_utf8_lossy(&b));
        }

        #[test]
        fn no_script_or_style_in_body(
            words in proptest::collection::vec("[a-z]{1,8}", 1..40),
            tag in prop_oneof![Just("div"), Just("p"), Just("article"), Just("span"), Just("main")],
        ) {
            let text = words.join(" ");
            let html = format!(
                "<html><body><{tag}><p>{text}, {text}.</p><script>SCRIPTMARK {text}</script><style>STYLEMARK{{}}</style><p>{text}</p><noscript>NOSCRIPTMARK</noscript></{tag}></body></html>"
            );
            let doc = extract(&file(), &html);
            prop_assert!(!doc.body.contains("SCRIPTMARK"));
            prop_assert!(!doc.body.contains("STYLEMARK"));
            prop_assert!(!doc.body.contains("NOSCRIPTMARK"));
        }
    }
}
