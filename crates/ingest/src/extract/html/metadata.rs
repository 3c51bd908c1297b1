//! Page metadata read from the arena in one pass: JSON-LD (article objects, `@graph`, arrays),
//! `<meta>` (OpenGraph, `article:*`, name=author/date, dc.*, parsely-*, sailthru.*), microdata
//! (`itemprop`), `<title>`, `<h1>`, `<time>`, `<link rel=canonical>`, `<html lang>`.

use serde_json::Value;

use super::dom::{collapse, Dom};

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
    "Blog",
    "Review",
    "Posting",
    "DiscussionForumPosting",
];

/// What the page states about itself.
#[derive(Default)]
pub struct Meta {
    /// `<meta>` keys (property, name or itemprop, lower case) and contents, in page order.
    pub meta: Vec<(String, String)>,
    /// The chosen JSON-LD article object, if any.
    pub ld: Option<Value>,
    /// Every JSON-LD object (flattened).
    pub ld_all: Vec<Value>,
    /// The `<title>` text.
    pub title_tag: Option<String>,
    /// `<h1>` elements: node index and text.
    pub h1: Vec<(usize, String)>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// `<time>` elements: node index, datetime attribute (or text).
    pub times: Vec<(usize, String)>,
    /// Elements with an `itemprop`: node index, property (lower case).
    pub itemprops: Vec<(usize, String)>,
}

impl Meta {
    /// The first non-empty content of a `<meta>` key (lower case).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Whether the chosen JSON-LD object is an article (not a mere `WebPage`).
    pub fn ld_is_article(&self) -> bool {
        self.ld.as_ref().is_some_and(|v| {
            types(v)
                .iter()
                .any(|t| ARTICLE_TYPES.contains(t) || t.ends_with("Article"))
        })
    }

    /// A string field of the JSON-LD article.
    pub fn ld_str(&self, key: &str) -> Option<String> {
        self.ld.as_ref().and_then(|v| v.get(key)).and_then(text_of)
    }
}

/// Reads metadata from the arena.
pub fn read(dom: &Dom) -> Meta {
    let mut m = Meta::default();
    for (i, n) in dom.nodes.iter().enumerate() {
        let Some(e) = n.el else { continue };
        match n.tag {
            "meta" => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"));
                if let (Some(k), Some(c)) = (key, e.attr("content")) {
                    m.meta.push((k.trim().to_ascii_lowercase(), collapse(c)));
                }
            }
            "script"
                if e.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let raw = dom.nodes[i + 1..dom.nodes[i].end as usize]
                    .iter()
                    .filter_map(|n| n.text)
                    .collect::<String>();
                let raw = strip_wrappers(&raw);
                if let Some(value) = parse_lenient(raw) {
                    flatten(value, &mut m.ld_all, 0);
                }
            }
            "title"
                if m.title_tag.is_none()
                    && !dom.ancestors(i).any(|a| dom.nodes[a].tag == "svg") =>
            {
                let t = dom.text(i);
                if !t.is_empty() {
                    m.title_tag = Some(t);
                }
            }
            "h1" => {
                let t = dom.text(i);
                if !t.is_empty() {
                    m.h1.push((i, t));
                }
            }
            "html" if m.lang.is_none() => {
                m.lang = e
                    .attr("lang")
                    .or_else(|| e.attr("xml:lang"))
                    .map(str::to_string)
            }
            "link"
                if m.canonical.is_none()
                    && e.attr("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    && e.attr("href").is_some_and(|h| h.starts_with("http")) =>
            {
                m.canonical = e.attr("href").map(|h| h.trim().to_string());
            }
            "time" => {
                if let Some(d) = e
                    .attr("datetime")
                    .map(str::to_string)
                    .or_else(|| Some(dom.text(i)))
                {
                    m.times.push((i, d));
                }
            }
            _ => {}
        }
        if let Some(p) = e.attr("itemprop") {
            for p in p.split_whitespace() {
                m.itemprops.push((i, p.to_ascii_lowercase()));
            }
        }
    }
    m.ld = choose_article(&m.ld_all);
    m
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn choose_article(all: &[Value]) -> Option<Value> {
    let rank = |v: &Value| -> Option<u8> {
        let t = types(v);
        if t.iter().any(|t| ARTICLE_TYPES.contains(t)) {
            Some(if v.get("headline").is_some() { 0 } else { 1 })
        } else if t
            .iter()
            .any(|t| t.ends_with("Article") || *t == "WebPage" || *t == "ItemPage")
        {
            Some(2)
        } else {
            None
        }
    };
    all.iter()
        .filter_map(|v| rank(v).map(|r| (r, v)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, v)| v.clone())
}

fn flatten(value: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            if let Some(main) = map
                .get("mainEntity")
                .filter(|m| m.get("@type").is_some())
                .cloned()
            {
                flatten(main, out, depth + 1);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

/// The text the page declares for its article in JSON-LD, as strings that may hold HTML: an
/// article's `articleBody` (the chosen article's, else the longest), else a how-to's
/// `description` and the names and texts of its steps (schema.org `HowTo`, and a `Recipe`'s
/// `recipeInstructions`, which are built the same way).
pub fn ld_text(m: &Meta) -> Vec<String> {
    let body = |v: &Value| {
        v.get("articleBody")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let Some(b) =
        m.ld.as_ref()
            .and_then(body)
            .or_else(|| m.ld_all.iter().filter_map(body).max_by_key(|b| b.len()))
    {
        return vec![b];
    }
    let Some(howto) = m.ld_all.iter().find(|v| {
        types(v).iter().any(|t| matches!(*t, "HowTo" | "Recipe"))
            && (v.get("step").is_some() || v.get("recipeInstructions").is_some())
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(d) = howto.get("description").and_then(Value::as_str) {
        out.push(d.to_string());
    }
    for key in ["step", "recipeInstructions"] {
        if let Some(steps) = howto.get(key) {
            step_texts(steps, &mut out, 0);
        }
    }
    out
}

/// The names and texts of how-to steps: a string, a `HowToStep` or `HowToDirection` (`name`,
/// `text`), or a section or list of them (`itemListElement`, arrays).
fn step_texts(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| step_texts(i, out, depth + 1)),
        Value::Object(map) => {
            let text = map.get("text").and_then(Value::as_str);
            if let Some(name) = map.get("name").and_then(Value::as_str) {
                // A step named by its own text's opening words adds nothing.
                if !text.is_some_and(|t| t.trim_start().starts_with(name.trim())) {
                    out.push(name.to_string());
                }
            }
            if let Some(t) = text {
                out.push(t.to_string());
            }
            if let Some(items) = map.get("itemListElement") {
                step_texts(items, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// The text of a JSON-LD value: a string, an object's `name`, the first of an array.
pub fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(collapse(&decode_entities(s))).filter(|s| !s.is_empty()),
        Value::Object(map) => map.get("name").and_then(text_of),
        Value::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

/// Decodes the few HTML entities JSON-LD strings often carry.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#039;", "'")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#8217;", "’")
        .replace("&#8216;", "‘")
        .replace("&#8220;", "“")
        .replace("&#8221;", "”")
        .replace("&#8211;", "–")
        .replace("&#8212;", "—")
        .replace("&nbsp;", " ")
}

/// Names of a JSON-LD `author`: persons first; organizations only when no person is named.
pub fn ld_authors(value: &Value) -> (Vec<String>, Vec<String>) {
    let mut persons = Vec::new();
    let mut orgs = Vec::new();
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for item in items {
        let is_org = types(item)
            .iter()
            .any(|t| matches!(*t, "Organization" | "NewsMediaOrganization" | "Corporation"));
        if let Some(name) = text_of(item) {
            if is_org {
                orgs.push(name);
            } else {
                persons.push(name);
            }
        }
    }
    (persons, orgs)
}

/// Removes the comment and CDATA wrappers pages put around JSON-LD.
fn strip_wrappers(raw: &str) -> &str {
    let mut s = raw.trim();
    loop {
        let before = s.len();
        for p in ["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
            s = s.strip_prefix(p).unwrap_or(s).trim_start();
        }
        for p in ["-->", "//]]>", "/*]]>*/", "]]>"] {
            s = s.strip_suffix(p).unwrap_or(s).trim_end();
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Parses JSON-LD, forgiving what pages often get wrong: raw line breaks and tabs inside
/// strings, and trailing commas.
fn parse_lenient(raw: &str) -> Option<Value> {
    if let Ok(v) = serde_json::from_str::<Value>(raw) {
        return Some(v);
    }
    let mut fixed = String::with_capacity(raw.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in raw.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            } else if c.is_control() {
                fixed.push(' ');
                continue;
            }
            fixed.push(c);
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == '}' || c == ']' {
            let trimmed = fixed.trim_end().len();
            if fixed[..trimmed].ends_with(',') {
                fixed.truncate(trimmed - 1);
            }
        }
        fixed.push(c);
    }
    serde_json::from_str::<Value>(&fixed).ok()
}
