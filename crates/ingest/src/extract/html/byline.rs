//! Visible bylines and datelines: author names and dates printed in the page itself
//! (`rel=author`, `itemprop=author`, elements whose class names a byline or author, "By …"
//! lines), and dates printed near them ("Published March 3, 2025", "Updated …").

use pundit_model::PartialDate;
use time::{OffsetDateTime, UtcOffset};

use super::dom::{collapse, Dom};
use crate::extract::byline::{clean_authors, clean_explicit_authors};
use crate::extract::dates::{local_moments, parse_date_in, DayOrder};

/// Class/id tokens that mark a byline or author element.
const AUTHOR_WORDS: &[&str] = &[
    "byline",
    "author",
    "authors",
    "autor",
    "autoren",
    "verfasser",
    "writer",
    "byl",
    "article-author",
    "post-author",
    "author-name",
    "authorname",
    "contributor",
];
/// Class/id tokens that mark a date element.
const DATE_WORDS: &[&str] = &[
    "date",
    "time",
    "published",
    "publish",
    "pubdate",
    "posted",
    "datum",
    "dateline",
    "timestamp",
    "byline",
    "meta",
    "entry-date",
    "post-date",
    "article-date",
    // hAtom / WordPress: `<span class="updated" title="2013-04-04T18:52:11+00:00">`.
    "updated",
    "modified",
];
/// Containers whose bylines belong to something else.
const FOREIGN: &[&str] = &[
    "comment",
    "related",
    "sidebar",
    "footer",
    "teaser",
    "recommend",
    "popular",
    "widget",
    "bio",
    "respond",
    "reply",
];

fn has_token(class_id: &str, words: &[&str]) -> bool {
    class_id
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|t| !t.is_empty())
        .any(|t| words.contains(&t) || t.split('-').any(|p| p.len() > 2 && words.contains(&p)))
}

/// Class/id words of blocks about other content (another post, comments), foreign even inside
/// an `<article>`; the rest of [`FOREIGN`] (sidebar, widget, footer, bio) inside an article is
/// the article's own meta column.
const OTHER_CONTENT: &[&str] = &[
    "comment",
    "related",
    "teaser",
    "recommend",
    "popular",
    "respond",
    "reply",
];

/// Whether node `i` sits in a comment, related, sidebar or footer block. A block that holds
/// the page's first `<h1>` is the article's region, whatever its class says ("one-sidebar"
/// layouts).
pub fn foreign(dom: &Dom, i: usize) -> bool {
    for a in dom.ancestors(i).take(12) {
        if dom
            .h1
            .is_some_and(|h| a <= h && h < dom.nodes[a].end as usize)
        {
            return false;
        }
        let tag = dom.nodes[a].tag;
        if matches!(tag, "footer" | "aside" | "nav") {
            // The article's own meta aside or footer (byline, date) is not foreign.
            if !dom.ancestors(a).any(|b| dom.nodes[b].tag == "article") {
                return true;
            }
        }
        // Above the article (or the body) nothing is judged.
        if matches!(tag, "body" | "html" | "article" | "main") {
            // A comment is often an <article> of its own.
            return tag == "article" && has_token(&dom.class_id(a), &["comment", "reply"]);
        }
        // An entry header (headline, byline, date) belongs to the article it heads.
        if tag == "header" {
            return false;
        }
        // A "sidebar" holding a large share of the page is the page's own column.
        if (dom.nodes[a].end as usize - a) * 4 > dom.len() {
            return false;
        }
        let cid = dom.class_id(a);
        let tokens = || cid.split(|c: char| !c.is_ascii_alphanumeric());
        if !cid.is_empty() && tokens().any(|t| FOREIGN.iter().any(|f| t.starts_with(f))) {
            let about_other = tokens().any(|t| OTHER_CONTENT.iter().any(|f| t.starts_with(f)));
            let in_article = dom.ancestors(a).any(|b| {
                dom.nodes[b].tag == "article" && !has_token(&dom.class_id(b), &["comment", "reply"])
            });
            if about_other || !in_article {
                return true;
            }
        }
    }
    false
}

/// Author names from the visible byline, with the node they came from.
pub fn authors(dom: &Dom) -> Option<Vec<String>> {
    let mut fallback: Option<Vec<String>> = None;
    let n = dom.len();
    let mut i = 0;
    while i < n {
        let node = &dom.nodes[i];
        let Some(e) = node.el else {
            i += 1;
            continue;
        };
        if matches!(
            node.tag,
            "script" | "style" | "head" | "noscript" | "template"
        ) {
            i = node.end as usize;
            continue;
        }
        let rel_author = node.tag == "a"
            && e.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("author"))
            });
        let itemprop_author = e.attr("itemprop").is_some_and(|p| {
            p.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("author") || w.eq_ignore_ascii_case("creator"))
        });
        let classy = !matches!(node.tag, "body" | "html" | "article" | "main" | "img")
            && has_token(&dom.class_id(i), AUTHOR_WORDS);
        if rel_author || itemprop_author || classy {
            if foreign(dom, i) {
                i = node.end as usize;
                continue;
            }
            let text = if itemprop_author {
                // A nested itemprop=name, or a <meta content>.
                (i + 1..node.end as usize)
                    .find(|&j| {
                        dom.attr(j, "itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("name"))
                    })
                    .map(|j| {
                        dom.attr(j, "content")
                            .map(str::to_string)
                            .unwrap_or_else(|| dom.text(j))
                    })
                    .or_else(|| e.attr("content").map(str::to_string))
                    .unwrap_or_else(|| dom.text(i))
            } else {
                dom.text(i)
            };
            let text = strip_date_words(&text);
            if !text.is_empty() && text.chars().count() <= 150 {
                // An element marked as the author may name a lower-case handle.
                let names = clean_explicit_authors(&text);
                if !names.is_empty() {
                    return Some(names);
                }
            } else if text.chars().count() > 150 {
                // A container (author box): look inside.
                i += 1;
                continue;
            }
            i = node.end as usize;
            continue;
        }
        // "By Jane Doe" lines in short blocks.
        if fallback.is_none()
            && matches!(node.tag, "p" | "div" | "span" | "address" | "li")
            && node.end as usize - i < 12
        {
            let text = dom.text(i);
            if text.len() < 100 {
                let lower = text.to_lowercase();
                if ["by ", "von ", "par ", "por ", "door ", "di "]
                    .iter()
                    .any(|p| lower.starts_with(p))
                {
                    let names = clean_authors(&strip_date_words(&text));
                    if !names.is_empty() && !foreign(dom, i) {
                        fallback = Some(names);
                    }
                }
            }
        }
        i += 1;
    }
    fallback
}

fn strip_date_words(text: &str) -> String {
    // Cut at a date or at words that start a dateline.
    let mut s = text.to_string();
    for cut in [
        " - ",
        " | ",
        " — ",
        " – ",
        "Published",
        "Updated",
        "Posted",
        "Veröffentlicht",
        "Aktualisiert",
        "Stand:",
        "published",
        "updated",
        "posted on",
        " on ",
        " am ",
    ] {
        if let Some(pos) = s.find(cut) {
            if pos > 3 {
                s.truncate(pos);
            }
        }
    }
    s.trim().to_string()
}

/// Dates printed in the page: (published, modified), each with the node it came from.
pub fn dates(dom: &Dom, order: DayOrder) -> (Option<PartialDate>, Option<PartialDate>) {
    let mut published = None;
    let mut modified = None;
    let n = dom.len();
    let mut i = 0;
    while i < n && (published.is_none() || modified.is_none()) {
        let node = &dom.nodes[i];
        if matches!(
            node.tag,
            "script" | "style" | "head" | "noscript" | "template"
        ) {
            i = node.end as usize;
            continue;
        }
        if node.el.is_some()
            && !matches!(node.tag, "body" | "html" | "article" | "main")
            && has_token(&dom.class_id(i), DATE_WORDS)
        {
            if foreign(dom, i) {
                i = node.end as usize;
                continue;
            }
            // A "meta" wrapper around the whole entry header: its dateline is inside, and the
            // headline's own text ("Results, 19.5.2007") names no publication.
            if dom.h1.is_some_and(|h| i < h && h < node.end as usize) {
                i += 1;
                continue;
            }
            // Microformats and friends state the moment in an attribute.
            if let Some(raw) = ["datetime", "content", "title"]
                .iter()
                .find_map(|a| dom.attr(i, a))
            {
                if let Some(d) = parse_date_in(raw, order)
                    .filter(|d| matches!(d, PartialDate::Day(_) | PartialDate::DateTime(_)))
                {
                    let cid = dom.class_id(i);
                    if cid.contains("updated") || cid.contains("modified") {
                        modified.get_or_insert(d);
                    } else {
                        published.get_or_insert(d);
                    }
                    i = node.end as usize;
                    continue;
                }
            }
            let text = dom.text(i);
            if !text.is_empty() && text.chars().count() <= 200 {
                file_dateline(&text, order, &mut published, &mut modified);
                i = node.end as usize;
                continue;
            }
        }
        if let Some(line) = node
            .text
            .map(str::trim)
            .filter(|t| t.chars().count() <= 100)
        {
            if is_page_edit_notice(line) {
                // "This page was last edited on 4 November 2020" dates the page, even in the
                // footer.
                if let Some(d) = find_date(line, order) {
                    modified.get_or_insert(d);
                }
            } else if line.chars().count() <= 80 && starts_with_date_label(line) && !foreign(dom, i)
            {
                // A line that labels its date ("Aktualisiert: 30.12.2016", "Published on 3
                // March 2025") is a dateline whatever its markup.
                file_dateline(line, order, &mut published, &mut modified);
            }
        }
        i += 1;
    }
    (published, modified)
}

/// Reads the dates of a dateline ([`split_updated`]) into `published` and `modified`, each
/// keeping the first it got.
fn file_dateline(
    text: &str,
    order: DayOrder,
    published: &mut Option<PartialDate>,
    modified: &mut Option<PartialDate>,
) {
    for (part, updated) in split_updated(text) {
        if let Some(d) = find_date(&part, order) {
            if updated {
                modified.get_or_insert(d);
            } else {
                published.get_or_insert(d);
            }
        }
    }
}

/// Words that open a line stating when the page was published.
const PUBLISHED_LABELS: &[&str] = &[
    "published",
    "posted",
    "veröffentlicht",
    "erschienen",
    "publié",
    "publicado",
    "pubblicato",
    "gepubliceerd",
    "opublikowano",
    "опубликовано",
];

/// Words that mark an update ("Updated March 4, 2025").
const UPDATE_MARKS: &[&str] = &[
    "updated",
    "update:",
    "aktualisiert",
    "last modified",
    "geändert",
    "mis à jour",
    "actualizado",
];

/// A notice about the page itself and its last edit ("This page was last edited on …",
/// "Diese Seite wurde zuletzt am … geändert"), as wikis print.
fn is_page_edit_notice(line: &str) -> bool {
    const THIS_PAGE: &[&str] = &[
        "this page",
        "diese seite",
        "cette page",
        "esta página",
        "questa pagina",
        "deze pagina",
    ];
    const EDITED: &[&str] = &["edited", "bearbeitet", "modifi", "bewerkt"];
    let lower = line.to_lowercase();
    THIS_PAGE.iter().any(|p| lower.starts_with(p))
        && UPDATE_MARKS.iter().chain(EDITED).any(|m| lower.contains(m))
}

fn starts_with_date_label(line: &str) -> bool {
    let lower = line.to_lowercase();
    PUBLISHED_LABELS
        .iter()
        .chain(UPDATE_MARKS)
        .any(|label| lower.starts_with(label))
}

/// Splits "Published March 3, 2025 Updated March 4, 2025" into its parts, each flagged
/// whether it is an update.
fn split_updated(text: &str) -> Vec<(String, bool)> {
    let lower = text.to_lowercase();
    match UPDATE_MARKS.iter().filter_map(|m| lower.find(m)).min() {
        Some(pos) if text.is_char_boundary(pos) => {
            let (a, b) = text.split_at(pos);
            vec![(a.to_string(), false), (b.to_string(), true)]
        }
        _ => vec![(text.to_string(), false)],
    }
}

/// The first date in a short text, tried on the whole and on windows of words.
pub fn find_date(text: &str, order: DayOrder) -> Option<PartialDate> {
    if let Some(d) = parse_date_in(text, order)
        .filter(|d| matches!(d, PartialDate::Day(_) | PartialDate::DateTime(_)))
    {
        return Some(d);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for len in [4usize, 3, 2, 1] {
        for w in words.windows(len.min(words.len().max(1))) {
            let s = w.join(" ");
            if let Some(d) = parse_date_in(&s, order)
                .filter(|d| matches!(d, PartialDate::Day(_) | PartialDate::DateTime(_)))
            {
                return Some(d);
            }
        }
    }
    None
}

/// A date printed in a short line near the headline: the first text node after the headline
/// `<h1>` (or from the start without one), among the next few hundred nodes, that holds a full
/// date, outside comment, related and sidebar blocks.
pub fn date_near_headline(dom: &Dom, h1: Option<usize>, order: DayOrder) -> Option<PartialDate> {
    date_after(dom, h1.unwrap_or(0), 400, order)
        .or_else(|| h1.and_then(|h| date_before(dom, h, order)))
}

/// A date set just above the headline (a kicker line "21.01.2022" over the `<h1>`): the last
/// few text nodes before it inside the headline's grandparent block, outside links.
fn date_before(dom: &Dom, h1: usize, order: DayOrder) -> Option<PartialDate> {
    let parent = dom.nodes[h1].parent as usize;
    let block = dom.nodes[parent].parent as usize;
    let mut seen = 0;
    for i in (block + 1..h1).rev() {
        let Some(t) = dom.nodes[i].text.map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        seen += 1;
        if seen > 6 {
            break;
        }
        if t.len() > 80 || !t.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let skip = dom.ancestors(i).take_while(|&a| a > block).any(|a| {
            matches!(
                dom.nodes[a].tag,
                "a" | "script" | "style" | "noscript" | "template" | "nav"
            )
        });
        if skip || foreign(dom, i) || split_updated(t).len() > 1 {
            continue;
        }
        if let Some(d) = find_date(t, order) {
            return Some(d);
        }
    }
    None
}

/// The first full date among the next `window` text nodes from node `start` (as
/// [`date_near_headline`]).
pub fn date_after(dom: &Dom, start: usize, window: usize, order: DayOrder) -> Option<PartialDate> {
    let n = dom.len();
    let mut i = start;
    let mut seen = 0;
    while i < n && seen < window {
        let node = &dom.nodes[i];
        if matches!(
            node.tag,
            "script"
                | "style"
                | "head"
                | "noscript"
                | "template"
                | "nav"
                | "aside"
                | "footer"
                | "a"
        ) {
            i = node.end as usize;
            continue;
        }
        // A date in the headline's own words ("Results, 19.5.2007") names what the story is
        // about, not when it appeared; a dateline set inside the `<h1>` is its own element.
        let headline_words = dom.nodes[node.parent as usize].tag == "h1";
        if let Some(t) = node.text.filter(|_| !headline_words) {
            let t = t.trim();
            if !t.is_empty() {
                seen += 1;
                let head: String = t.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
                let probe = if t.len() <= 80 { t } else { head.as_str() };
                if probe.bytes().any(|b| b.is_ascii_digit()) {
                    if let Some(d) = find_date(probe, order) {
                        if !foreign(dom, i)
                            && !split_updated(t).iter().skip(1).any(|_| true)
                            && !inside_prose(dom, i)
                        {
                            return Some(d);
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// Whether text node `i` sits in the middle of a paragraph of running text ("she looks back
/// on <strong>Wednesday, 13.10.2021</strong> at fifty years"): a date there is a fact of the
/// story, not its dateline. Text opening a paragraph may be a dateline ("18.10.2019 – The …").
fn inside_prose(dom: &Dom, i: usize) -> bool {
    let Some(paragraph) = dom.ancestors(i).take(4).find(|&a| dom.nodes[a].tag == "p") else {
        return false;
    };
    let opens_paragraph =
        (paragraph + 1..i).all(|j| dom.nodes[j].text.is_none_or(|t| t.trim().is_empty()));
    !opens_paragraph && dom.text(paragraph).chars().count() > 100
}

/// The date a list or teaser on the page shows beside a link to the page itself (a site's
/// news list that includes this article): the page's own date, for pages that print none
/// with their headline. Links to a part of the page (`#comments`) do not count.
pub fn date_linked_to_page(dom: &Dom, page_url: &str, order: DayOrder) -> Option<PartialDate> {
    let page_path = url_path(page_url)?;
    (0..dom.len())
        .filter(|&i| dom.nodes[i].tag == "a" && dom.nodes[i].end as usize - i <= 40)
        .filter(|&i| {
            dom.attr(i, "href")
                .filter(|href| !href.contains('#'))
                .and_then(url_path)
                .is_some_and(|path| path == page_path)
        })
        .find_map(|i| {
            (i + 1..dom.nodes[i].end as usize)
                .filter_map(|j| dom.nodes[j].text.map(str::trim))
                .filter(|t| t.chars().count() <= 80 && t.bytes().any(|b| b.is_ascii_digit()))
                .find_map(|t| find_date(t, order))
        })
}

/// The path of an absolute or root-relative URL, without query and trailing slash; `None`
/// for the site's root and for relative links.
fn url_path(url: &str) -> Option<&str> {
    let url = url.trim();
    let path = match url.find("://") {
        Some(scheme_end) => {
            let rest = &url[scheme_end + 3..];
            &rest[rest.find('/')?..]
        }
        None if url.starts_with('/') && !url.starts_with("//") => url,
        None => return None,
    };
    let path = path.split(['?', '#']).next()?.trim_end_matches('/');
    (!path.is_empty()).then_some(path)
}

/// The offset the page prints its own times in, learnt from a visible date and time that is
/// `instant` (a UTC moment from the metadata) on the local clock: "3/5/2022 22:41" beside
/// 2022-05-04T02:41Z means UTC−04:00. Only whole quarter hours from −12 to +14 hours count;
/// a page printing UTC teaches nothing. Links and other stories' blocks are not read.
pub fn local_offset(dom: &Dom, instant: OffsetDateTime) -> Option<UtcOffset> {
    const QUARTER_HOUR: i64 = 15 * 60;
    let minute_of = |t: OffsetDateTime| t.unix_timestamp().div_euclid(60) * 60;
    let instant = minute_of(instant);
    let offset_shown_by = |text: &str| {
        if text.len() > 100 || !text.contains(':') {
            return None;
        }
        local_moments(text).into_iter().find_map(|moment| {
            let shift = minute_of(moment.assume_utc()) - instant;
            (shift != 0 && shift % QUARTER_HOUR == 0 && (-12 * 3600..=14 * 3600).contains(&shift))
                .then(|| UtcOffset::from_whole_seconds(shift as i32).ok())
                .flatten()
        })
    };
    let n = dom.len();
    let mut i = 0;
    while i < n {
        let node = &dom.nodes[i];
        if matches!(
            node.tag,
            "script" | "style" | "head" | "noscript" | "template" | "a"
        ) {
            i = node.end as usize;
            continue;
        }
        // A small element is read whole, since a date and its time often sit in separate
        // children ("<time>19.2.2020<span> </span>16:20</time>"); its links are not.
        let text = if node.el.is_some() && node.end as usize - i <= 8 {
            Some(text_outside_links(dom, i))
        } else {
            node.text.map(collapse)
        };
        if let Some(offset) = text
            .as_deref()
            .and_then(offset_shown_by)
            .filter(|_| !foreign(dom, i))
        {
            return Some(offset);
        }
        i += 1;
    }
    None
}

/// The text of element `i` without the text of the links inside it, text nodes apart, white
/// space collapsed.
fn text_outside_links(dom: &Dom, i: usize) -> String {
    let mut out = String::new();
    let mut j = i + 1;
    while j < dom.nodes[i].end as usize {
        let node = &dom.nodes[j];
        if node.tag == "a" {
            j = node.end as usize;
            continue;
        }
        if let Some(t) = node.text {
            out.push_str(t);
            out.push(' ');
        }
        j += 1;
    }
    collapse(&out)
}
