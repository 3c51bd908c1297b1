//! Main-content detection: readability-style node scoring (paragraph scores added to their
//! ancestors, class/id weights, link density, sibling joining, conditional cleaning) with
//! boilerplate rules in the manner of trafilatura (navigation, consent, share, related,
//! newsletter, comment blocks; hidden nodes; captions) and a retry with fewer rules when too
//! little text is left.

use super::dom::{collapse, Dom};
use super::text;

/// What the content pass gives.
#[derive(Debug, Default)]
pub struct Content {
    /// Paragraphs separated by blank lines.
    pub body: String,
    /// Outgoing links of the content.
    pub links: Vec<String>,
}

#[derive(Clone, Copy)]
struct Flags {
    strip_boiler: bool,
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

/// Substrings of class/id that mark boilerplate containers (readability's list).
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
];
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow",
];
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];

/// Class/id words (whole tokens or token prefixes) that mark boilerplate in any language,
/// removed even when readability's rules would keep them.
const BOILER_TOKENS: &[&str] = &[
    "cookie",
    "consent",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "promo",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "adslot",
    "adunit",
    "sharing",
    "share",
    "sharebar",
    "social",
    "socialmedia",
    "follow",
    "related",
    "recommended",
    "recommendations",
    "recirc",
    "mostread",
    "most-read",
    "popular",
    "trending",
    "comments",
    "comment",
    "disqus",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "tags",
    "tag-list",
    "taglist",
    "navigation",
    "nav",
    "navbar",
    "menu",
    "toolbar",
    "sidebar",
    "widget",
    "footer",
    "caption",
    "credit",
    "credits",
    "byline",
    "author-bio",
    "authorbio",
    "authors",
    // Boxes about the author, post meta lines, disclaimers, calls to action, link boxes and
    // rating widgets: about the page, not part of the article.
    "authorbox",
    "author-box",
    "author-card",
    "author-info",
    "about-author",
    "about-the-author",
    "entry-author",
    "entry-utility",
    "entry-meta",
    "postmetadata",
    "post-meta",
    "disclaimer",
    "cta",
    "linkbox",
    "rating",
    "notice",
    "outbrain",
    "taboola",
    "teaser",
    "modal",
    "overlay",
    "print",
    "skip",
    "visually-hidden",
    "sr-only",
    "screen-reader-text",
    "toc",
];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "dl",
    "dt",
    "dd",
    "figure",
    "header",
    "footer",
    "aside",
    "nav",
    "form",
    "hr",
    "br",
    "address",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "fieldset",
    "caption",
];

pub fn is_block(tag: &str) -> bool {
    BLOCK_TAGS.contains(&tag)
}

fn drop_tag(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "nav"
            | "aside"
            | "figcaption"
            | "dialog"
            | "menu"
            | "title"
            | "meta"
            | "link"
            | "video"
            | "audio"
            | "map"
            | "math"
            | "label"
            | "rt"
            | "rp"
    )
}

fn tokens(class_id: &str) -> impl Iterator<Item = &str> {
    class_id
        .split(|c: char| c.is_whitespace() || c == '_' || c == ':')
        .filter(|t| !t.is_empty())
}

/// Whether a class/id string names boilerplate by our token list: a token equal to a word, or
/// a token made of dash-separated parts of which one is a word.
fn boiler_class(class_id: &str) -> bool {
    tokens(class_id).any(|t| {
        BOILER_TOKENS.contains(&t)
            || t.split('-').any(|p| {
                p.len() > 2
                    && BOILER_TOKENS.contains(&p)
                    && p != "ad"
                    && (p != "print" || hidden_from_print(t))
            })
    })
}

/// Whether a class token hides its block from print ("no-print", "d-print-none",
/// "hidden-print"): page chrome. Other compounds of "print" name what is printed
/// ("print-full", "kb-tip-print-step", "print-links" on a recipe's steps and utensils), so
/// only the whole token "print" (a print button or link) and these name boilerplate.
fn hidden_from_print(token: &str) -> bool {
    token
        .split('-')
        .any(|p| matches!(p, "no" | "none" | "hidden" | "hide"))
}

/// Comment sections.
const COMMENTS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "respond",
    "kommentare",
];

/// Boilerplate removed in every attempt when small.
const ALWAYS: &[&str] = &[
    "byline",
    "dateline",
    "share",
    "sharing",
    "social",
    "cookie",
    "consent",
    "newsletter",
];

fn class_has(class_id: &str, words: &[&str]) -> bool {
    tokens(class_id).any(|t| words.contains(&t) || t.split('-').any(|p| words.contains(&p)))
}

fn hidden(dom: &Dom, i: usize) -> bool {
    let Some(e) = dom.nodes[i].el else {
        return false;
    };
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    matches!(
        e.attr("role"),
        Some(
            "navigation"
                | "menu"
                | "menubar"
                | "complementary"
                | "alert"
                | "alertdialog"
                | "dialog"
                | "contentinfo"
                | "banner"
                | "search"
        )
    )
}

fn class_weight(class: &str, id: &str) -> i32 {
    let mut w = 0;
    for s in [class, id] {
        if s.is_empty() {
            continue;
        }
        if NEGATIVE.iter().any(|p| s.contains(p)) {
            w -= 25;
        }
        if POSITIVE.iter().any(|p| s.contains(p)) {
            w += 25;
        }
    }
    w
}

/// Characters of text from which a block earns its full positive class/id weight.
const FULL_WEIGHT_CHARS: f32 = 200.0;

/// A positive class/id weight in proportion to the block's text, in full from
/// [`FULL_WEIGHT_CHARS`] on: a name promising content ("post-ratings", "text-center",
/// "live-content") must not make a block of one line outscore the article. Negative weights
/// count in full.
fn text_scaled_weight(weight: i32, chars: u32) -> f32 {
    if weight <= 0 {
        return weight as f32;
    }
    weight as f32 * (chars as f32 / FULL_WEIGHT_CHARS).min(1.0)
}

struct Stats {
    chars: Vec<u32>,
    link_chars: Vec<u32>,
    block_chars: Vec<u32>,
    commas: Vec<u32>,
    p: Vec<u32>,
    img: Vec<u32>,
    li: Vec<u32>,
    input: Vec<u32>,
    embed: Vec<u32>,
    heading_chars: Vec<u32>,
    /// Characters in paragraphs of prose (see [`prose_paragraph`]).
    prose: Vec<u32>,
}

fn count_chars(t: &str) -> (u32, u32) {
    let mut n = 0;
    let mut commas = 0;
    for c in t.chars() {
        if !c.is_whitespace() {
            n += 1;
            if c == ',' || c == '，' || c == '、' {
                commas += 1;
            }
        }
    }
    (n, commas)
}

/// Per-page state shared by the attempts.
pub struct Page<'d, 'a> {
    dom: &'d Dom<'a>,
    class: Vec<String>,
    id: Vec<String>,
    body: usize,
    /// Tables that hold data (see [`is_data_table`]).
    data_table: Vec<bool>,
    /// The block holding a recipe's ingredients (see [`ingredients_block`]).
    ingredients: Option<usize>,
    /// Captions that are the text of a gallery (see [`gallery_captions`]).
    gallery_caption: Vec<bool>,
}

impl<'d, 'a> Page<'d, 'a> {
    pub fn new(dom: &'d Dom<'a>) -> Self {
        let n = dom.len();
        let mut class = vec![String::new(); n];
        let mut id = vec![String::new(); n];
        let mut body = 0;
        for i in 0..n {
            if let Some(e) = dom.nodes[i].el {
                if let Some(c) = e.attr("class") {
                    class[i] = live_commentary(builder_neutral(c.to_ascii_lowercase()));
                }
                if let Some(v) = e.attr("id") {
                    id[i] = live_commentary(v.to_ascii_lowercase());
                }
                if body == 0 && dom.nodes[i].tag == "body" {
                    body = i;
                }
            }
        }
        let data_table = (0..n)
            .map(|i| dom.nodes[i].tag == "table" && is_data_table(dom, i))
            .collect();
        let gallery_caption = gallery_captions(dom);
        Page {
            dom,
            class,
            id,
            body,
            data_table,
            ingredients: ingredients_block(dom),
            gallery_caption,
        }
    }
}

/// A class string without the word "widget" in the Elementor page builder's names
/// ("elementor-widget-container", "elementor-widget-text-editor"): the builder calls every
/// block of its layout a widget, paragraphs of the article included, so there the word says
/// nothing about the block's role. The rest of each name stays ("elementor-widget-sidebar"
/// is still a sidebar, "elementor-widget-share-buttons" still sharing).
fn builder_neutral(class: String) -> String {
    if !class.contains("elementor-widget") {
        return class;
    }
    class
        .split_whitespace()
        .map(|t| match t.strip_prefix("elementor-widget") {
            Some(rest) => format!("elementor{rest}"),
            None => t.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renames the live commentary of a live report ("live-comments", "live-match-comment"): the
/// report's own text, named like a readers' comment section, which every comment rule would
/// remove. A class or id token with a "live" part and a comment part has that part read as
/// "ticker".
fn live_commentary(class_id: String) -> String {
    let live = |t: &str| t.split('-').any(|p| p == "live");
    if !tokens(&class_id).any(|t| live(t) && t.split('-').any(|p| COMMENTS.contains(&p))) {
        return class_id;
    }
    class_id
        .split(' ')
        .map(|t| {
            if live(t) {
                t.split('-')
                    .map(|p| if COMMENTS.contains(&p) { "ticker" } else { p })
                    .collect::<Vec<_>>()
                    .join("-")
            } else {
                t.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The block holding a recipe's ingredients as schema.org microdata marks them (`itemprop`
/// "recipeIngredient", or the older "ingredients"): the nearest common ancestor of two or more
/// marked elements. A recipe's ingredients are its content, but their short lines in a table
/// or list of their own, often beside the method, score low and clean away.
fn ingredients_block(dom: &Dom) -> Option<usize> {
    let mut marked = (0..dom.len()).filter(|&i| {
        dom.attr(i, "itemprop").is_some_and(|p| {
            p.split_whitespace().any(|p| {
                p.eq_ignore_ascii_case("recipeingredient") || p.eq_ignore_ascii_case("ingredients")
            })
        })
    });
    let first = marked.next()?;
    let (mut block, mut count, mut last_end) = (first, 1, dom.nodes[first].end as usize);
    let mut marked_chars = text_chars(dom, first);
    for m in marked {
        // Nested marks (a name inside a marked row) count once.
        if m < last_end {
            continue;
        }
        count += 1;
        last_end = dom.nodes[m].end as usize;
        marked_chars += text_chars(dom, m);
        while !dom.contains(block, m) {
            block = dom.nodes[block].parent as usize;
        }
    }
    // Mostly ingredients: not a wrapper of the whole recipe (or of two copies of it, one for
    // phones and one for larger screens, with everything around them).
    (count >= 2 && block != first && marked_chars * 2 >= text_chars(dom, block)).then_some(block)
}

/// Characters (not white space) of the text in the subtree of `i`, scripts and styles left out.
fn text_chars(dom: &Dom, i: usize) -> u32 {
    count_chars(&dom.text(i)).0
}

/// Captions that carry a gallery's text: in a run of three or more sibling `<figure>`s whose
/// `<figcaption>`s hold a paragraph of 100 characters or more (a slideshow post, where each
/// picture's caption is a paragraph of the article). A caption beside the text of an article
/// stands alone or among pictures without such paragraphs, and goes.
fn gallery_captions(dom: &Dom) -> Vec<bool> {
    let n = dom.len();
    let mut out = vec![false; n];
    let prose_caption = |c: usize| {
        (c..dom.nodes[c].end as usize).any(|j| dom.nodes[j].tag == "p" && text_chars(dom, j) >= 100)
    };
    let mut captions: Vec<(usize, usize)> = Vec::new();
    for c in 0..n {
        if dom.nodes[c].tag != "figcaption" {
            continue;
        }
        let figure = dom.nodes[c].parent as usize;
        if dom.nodes[figure].tag == "figure" && prose_caption(c) {
            captions.push((dom.nodes[figure].parent as usize, c));
        }
    }
    let mut per_gallery: std::collections::HashMap<usize, usize> = Default::default();
    for &(gallery, _) in &captions {
        *per_gallery.entry(gallery).or_default() += 1;
    }
    for &(gallery, c) in &captions {
        if per_gallery[&gallery] >= 3 {
            out[c] = true;
        }
    }
    out
}

/// Finds and renders the main content. `title` lets a heading repeating it be dropped.
pub fn extract(page: &Page, title: Option<&str>) -> Content {
    let flags = |strip_boiler, strip_unlikely, weight_classes, clean_conditionally| Flags {
        strip_boiler,
        strip_unlikely,
        weight_classes,
        clean_conditionally,
    };
    let attempts = [
        flags(true, true, true, true),
        flags(true, false, true, true),
        flags(false, false, true, true),
        flags(false, false, false, true),
        flags(false, false, false, false),
    ];
    let mut best: Option<Content> = None;
    for flags in attempts {
        let c = attempt(page, title, flags);
        let len = c.body.chars().filter(|c| !c.is_whitespace()).count();
        if len >= 500 {
            return c;
        }
        if best.as_ref().is_none_or(|b| b.body.len() < c.body.len()) {
            best = Some(c);
        }
    }
    best.unwrap_or_default()
}

fn attempt(page: &Page, title: Option<&str>, flags: Flags) -> Content {
    let dom = page.dom;
    let n = dom.len();
    let nodes = &dom.nodes;

    // 1. Raw paragraph text per node (for the guard against removing a wrapper of everything).
    let mut raw_p = vec![0u32; n];
    for i in (1..n).rev() {
        let node = &nodes[i];
        if let Some(t) = node.text {
            let pt = nodes[node.parent as usize].tag;
            if matches!(pt, "p" | "li" | "blockquote" | "pre" | "td" | "h2" | "h3")
                || !pt.is_empty()
            {
                raw_p[i] = count_chars(t).0;
            }
        }
        if drop_tag(node.tag) {
            raw_p[i] = 0;
        }
        let p = node.parent as usize;
        if p != i {
            raw_p[p] += raw_p[i];
        }
    }
    let total = raw_p[0].max(1);

    let first_h1 = (0..n).find(|&i| nodes[i].tag == "h1").unwrap_or(usize::MAX);
    let headline = title.and_then(|t| title_headline(dom, t));
    let holds_headline = |i: usize| headline.is_some_and(|h| i < h && h < nodes[i].end as usize);
    // 2. Dead nodes: removed with their subtree.
    let mut dead = vec![false; n];
    let mut in_link = vec![false; n];
    for i in 1..n {
        let node = &nodes[i];
        let p = node.parent as usize;
        in_link[i] = in_link[p] || is_link(dom, i);
        if dead[p] {
            dead[i] = true;
            continue;
        }
        if node.el.is_none() {
            continue;
        }
        let tag = node.tag;
        // An <aside> holding the headline that the title repeats, or most of the page's text,
        // is the article's own region, set in an aside by its template.
        // (The page's total leaves out dropped tags' text, an aside's own count is zeroed but
        // its children hold theirs: more than the total is more than half of the page.)
        let story_aside = tag == "aside"
            && (holds_headline(i) || dom.children(i).map(|c| raw_p[c]).sum::<u32>() > total);
        if drop_tag(tag) && !story_aside && !page.gallery_caption[i] {
            dead[i] = true;
            continue;
        }
        // Comment sections go whatever their size, unless they wrap the headline.
        let wraps_headline = i <= first_h1 && first_h1 < nodes[i].end as usize;
        let page_level = matches!(tag, "html" | "body" | "article" | "main");
        if !(page_level || wraps_headline)
            && (class_has(&page.class[i], COMMENTS) || class_has(&page.id[i], COMMENTS))
        {
            dead[i] = true;
            continue;
        }
        // Never remove what holds most of the page's text (a wrapper marked "banner" or
        // hidden until a script shows it is still the page).
        let big = raw_p[i] * 2 > total;
        if big {
            continue;
        }
        if hidden(dom, i) {
            dead[i] = true;
            continue;
        }
        if matches!(tag, "html" | "body" | "article" | "main") && !boiler_class(&page.class[i]) {
            continue;
        }
        if matches!(tag, "footer") {
            dead[i] = true;
            continue;
        }
        // A heading's id is mostly an anchor made from its own words ("social-media-use",
        // "nav_the_plan"), so only its class says what it is.
        let cid = if matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            page.class[i].clone()
        } else {
            format!("{} {}", page.class[i], page.id[i])
        };
        if cid.len() > 1 {
            let small_always = raw_p[i] < 300 && class_has(&cid, ALWAYS);
            // A block named as a lead ("teaser-text", "intro") is boilerplate as a link
            // teaser, but the article's standfirst when it is text without links.
            let standfirst = || lead_named(page, i) && plain_text_block(dom, i);
            if small_always
                || (flags.strip_boiler
                    && boiler_class(&cid)
                    && raw_p[i] < 2000
                    && !standfirst()
                    // A block holding the headline that the title repeats is the article's
                    // head (a "teaser" figure with the picture, headline and lead), whatever
                    // its name.
                    && !holds_headline(i))
            {
                dead[i] = true;
                continue;
            }
        }
        if flags.strip_unlikely {
            if tag == "header" {
                // A header holding the article's standfirst is cut down to it: the rest (the
                // headline, meta lines, share buttons, a site's masthead) goes.
                let leads = header_standfirsts(page, i);
                let end = nodes[i].end as usize;
                for (k, d) in dead.iter_mut().enumerate().take(end).skip(i) {
                    if !leads
                        .iter()
                        .any(|&l| dom.contains(k, l) || dom.contains(l, k))
                    {
                        *d = true;
                    }
                }
                continue;
            }
            if cid.len() > 1
                && UNLIKELY.iter().any(|u| cid.contains(u))
                && !MAYBE.iter().any(|m| cid.contains(m))
                && tag != "a"
            {
                dead[i] = true;
                continue;
            }
        }
    }

    // 3. Statistics over live nodes.
    let mut st = Stats {
        chars: vec![0; n],
        link_chars: vec![0; n],
        block_chars: vec![0; n],
        commas: vec![0; n],
        p: vec![0; n],
        img: vec![0; n],
        li: vec![0; n],
        input: vec![0; n],
        embed: vec![0; n],
        heading_chars: vec![0; n],
        prose: vec![0; n],
    };
    for i in (1..n).rev() {
        if dead[i] {
            continue;
        }
        let node = &nodes[i];
        if let Some(t) = node.text {
            let (c, k) = count_chars(t);
            st.chars[i] = c;
            st.commas[i] = k;
            if in_link[i] {
                st.link_chars[i] = c;
            }
        }
        match node.tag {
            "p" => {
                st.p[i] += 1;
                // Children come after their parent, so a paragraph's figures are complete here.
                if prose_paragraph(dom, &st, i) {
                    st.prose[i] = st.chars[i];
                }
            }
            "img" => st.img[i] += 1,
            "li" => {
                st.li[i] += 1;
                // A list item of sentences (a recipe step, a numbered argument) is prose too;
                // only items holding no paragraph or item of their own, so that nothing is
                // counted twice.
                if st.li[i] == 1 && st.p[i] == 0 && prose_paragraph(dom, &st, i) {
                    st.prose[i] = st.chars[i];
                }
            }
            "input" | "select" | "textarea" => st.input[i] += 1,
            "iframe" | "object" | "embed" | "video" => st.embed[i] += 1,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => st.heading_chars[i] = st.chars[i],
            _ => {}
        }
        let p = node.parent as usize;
        if p == i {
            continue;
        }
        st.chars[p] += st.chars[i];
        st.link_chars[p] += st.link_chars[i];
        st.commas[p] += st.commas[i];
        st.p[p] += st.p[i];
        st.img[p] += st.img[i];
        st.li[p] += st.li[i];
        st.input[p] += st.input[i];
        st.embed[p] += st.embed[i];
        st.heading_chars[p] += st.heading_chars[i];
        st.prose[p] += st.prose[i];
        st.block_chars[p] += if is_block(node.tag) {
            st.chars[i]
        } else {
            st.block_chars[i]
        };
    }
    let link_density = |st: &Stats, i: usize| {
        if st.chars[i] == 0 {
            0.0
        } else {
            st.link_chars[i] as f32 / st.chars[i] as f32
        }
    };

    // 4. Score paragraphs into their ancestors.
    let mut score: Vec<f32> = vec![0.0; n];
    let mut is_candidate = vec![false; n];
    let weight = |i: usize| {
        if flags.weight_classes {
            class_weight(&page.class[i], &page.id[i])
        } else {
            0
        }
    };
    let mut candidates: Vec<usize> = Vec::new();
    for i in 1..n {
        if dead[i] || nodes[i].el.is_none() {
            continue;
        }
        let tag = nodes[i].tag;
        let (len, commas) = match tag {
            "p" | "pre" | "td" | "h2" | "h3" | "h4" | "h5" | "h6" => (st.chars[i], st.commas[i]),
            "div" | "section" | "article" | "span" | "font" | "center" | "blockquote" | "li"
            | "dd" => {
                let inline = st.chars[i] - st.block_chars[i];
                if tag == "span" && is_inline_context(dom, i) {
                    continue;
                }
                let k = (st.commas[i] * inline)
                    .checked_div(st.chars[i])
                    .unwrap_or(0);
                (inline, k)
            }
            _ => continue,
        };
        if len < 25 {
            continue;
        }
        let s = 1.0 + commas as f32 + (len as f32 / 100.0).floor().min(3.0);
        // Text held directly by a container counts as a paragraph inside it (readability
        // wraps such text in a <p>).
        let self_scored = matches!(
            tag,
            "div" | "section" | "article" | "font" | "center" | "blockquote"
        );
        let chain = std::iter::once(i)
            .filter(|_| self_scored)
            .chain(dom.ancestors(i));
        for (level, a) in chain.enumerate() {
            if level >= 5 {
                break;
            }
            let at = nodes[a].tag;
            if at.is_empty() || at == "html" {
                break;
            }
            if !is_candidate[a] {
                is_candidate[a] = true;
                let base = match at {
                    "div" => 5.0,
                    "pre" | "td" | "blockquote" => 3.0,
                    "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                    _ => 0.0,
                };
                score[a] = base + text_scaled_weight(weight(a), st.chars[a]);
                candidates.push(a);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a] += s / divider;
        }
    }
    for &c in &candidates {
        score[c] *= 1.0 - link_density(&st, c);
    }
    candidates.sort_by(|a, b| score[*b].total_cmp(&score[*a]));
    let body = if page.body > 0 { page.body } else { 0 };

    let mut roots: Vec<usize> = Vec::new();
    // On a page that appends the next stories (infinite scroll), each an `<article>` with its
    // own headline, the page's story is the one headlined with the page's title, however
    // long the others are.
    let story = headline.and_then(|h| own_story(dom, h));
    let first = match (story, candidates.first()) {
        (Some(story), Some(&best)) if !dom.contains(story, best) => Some(
            candidates
                .iter()
                .copied()
                .find(|&c| dom.contains(story, c))
                .unwrap_or(story),
        ),
        (_, best) => best.copied(),
    };
    if let Some(first) = first {
        let mut top = first;
        // A table row (or row group) scoring highest is one record of a table (a list of
        // signatories with their affiliations, a price list): the table is the unit, and the
        // text around it is joined by the sibling step below.
        if matches!(nodes[top].tag, "tr" | "tbody" | "thead" | "tfoot") {
            if let Some(table) = dom
                .ancestors(top)
                .take(2)
                .find(|&a| nodes[a].tag == "table")
            {
                top = table;
            }
        }
        let top_score = score[top];
        // Several strong candidates under one ancestor: take the ancestor.
        let alternatives: Vec<usize> = candidates
            .iter()
            .skip(1)
            .take(4)
            .copied()
            .filter(|&c| score[c] / top_score >= 0.75)
            .collect();
        if alternatives.len() >= 3 {
            let mut parent = nodes[top].parent as usize;
            while parent != body && parent != 0 {
                let count = alternatives
                    .iter()
                    .filter(|&&c| dom.contains(parent, c))
                    .count();
                if count >= 3 {
                    top = parent;
                    break;
                }
                parent = nodes[parent].parent as usize;
            }
        }
        // Climb while the parent scores higher.
        let mut parent = nodes[top].parent as usize;
        let mut last = score[top];
        let threshold = last / 3.0;
        while parent != body && parent != 0 && nodes[parent].tag != "html" {
            if !is_candidate[parent] {
                parent = nodes[parent].parent as usize;
                continue;
            }
            let ps = score[parent];
            if ps < threshold {
                break;
            }
            if ps > last {
                top = parent;
                break;
            }
            last = ps;
            parent = nodes[parent].parent as usize;
        }
        // A wrapper with a single child: take the wrapper.
        loop {
            let parent = nodes[top].parent as usize;
            if parent == body || parent == 0 || nodes[parent].tag == "html" {
                break;
            }
            let live: Vec<usize> = dom
                .children(parent)
                .filter(|&c| !dead[c] && nodes[c].el.is_some())
                .collect();
            if live.len() == 1 {
                top = parent;
            } else {
                break;
            }
        }
        // The climbs above must not leave the page's own story for a wrapper of all stories.
        if let Some(story) = story.filter(|&story| !dom.contains(story, top)) {
            top = story;
        }
        // Siblings.
        let top_score = score[top].max(0.0);
        let parent = nodes[top].parent as usize;
        if parent == 0 || top == body {
            roots.push(top);
        } else {
            let threshold = (top_score * 0.2).max(10.0);
            for s in dom.children(parent) {
                if dead[s] {
                    continue;
                }
                if s == top {
                    roots.push(s);
                    continue;
                }
                if nodes[s].el.is_none() {
                    continue;
                }
                let mut bonus = 0.0;
                if !page.class[s].is_empty() && page.class[s] == page.class[top] {
                    bonus = top_score * 0.2;
                }
                if is_candidate[s] && score[s] + bonus >= threshold {
                    roots.push(s);
                } else if nodes[s].tag == "p" {
                    let ld = link_density(&st, s);
                    let len = st.chars[s];
                    if len > 80 && ld < 0.25 {
                        roots.push(s);
                    } else if len > 0 && len < 80 && ld == 0.0 {
                        let t = dom.text(s);
                        if t.ends_with('.') || t.contains(". ") {
                            roots.push(s);
                        }
                    }
                }
            }
        }
        // Sections built like the chosen block's are taken whole, and so is the chosen
        // block's own section (its heading with its text).
        if let Some((own, twins)) = twin_sections(page, &st, &dead, top, body, &roots) {
            roots.retain(|&r| !dom.contains(own, r));
            roots.push(own);
            roots.extend(twins);
            roots.sort_unstable();
        }
        // Article text split over several containers (a paragraph block, then a picture or
        // an embed, then another paragraph block, each in its own wrapper): readability's
        // sibling step only sees the top's parent, so look a few levels higher for more
        // paragraphs of prose.
        let extra = cousin_paragraphs(page, &st, &dead, top, body, &roots);
        if !extra.is_empty() {
            roots.extend(extra);
            roots.sort_unstable();
        }
        // A recipe's ingredients are part of it wherever the page sets them.
        if let Some(block) = page.ingredients.filter(|&b| {
            !dead[b]
                && b != body
                && !roots
                    .iter()
                    .any(|&r| dom.contains(r, b) || dom.contains(b, r))
        }) {
            roots.push(block);
            roots.sort_unstable();
        }
    } else if body > 0 {
        roots.push(body);
    }

    // 5. Clean inside the chosen roots.
    let title_norm = title.map(norm_heading);
    for &r in &roots {
        let end = nodes[r].end as usize;
        // Innermost first: reverse document order.
        for i in (r + 1..end).rev() {
            if dead[i] || nodes[i].el.is_none() {
                continue;
            }
            let tag = nodes[i].tag;
            let remove = match tag {
                "h1" => true,
                // Contact information for the page or its author (HTML's meaning of <address>):
                // about the article, not part of it.
                "address" => true,
                "h2" | "h3" => {
                    // By class only: a heading's id is an anchor made from its words.
                    (flags.weight_classes && class_weight(&page.class[i], "") < 0)
                        || title_norm
                            .as_deref()
                            .is_some_and(|t| !t.is_empty() && norm_heading(&dom.text(i)) == t)
                }
                "table" | "ul" | "ol" | "div" | "section" | "form" | "header" | "dl"
                | "blockquote" | "figure" | "span" | "p" | "li" => {
                    flags.clean_conditionally
                        && !page.ingredients.is_some_and(|b| dom.contains(b, i))
                        && clean_conditionally(
                            dom,
                            &st,
                            &page.class[i],
                            &page.data_table,
                            i,
                            weight(i),
                            tag,
                            flags,
                        )
                        // A data table stays (see clean_conditionally), and so does the frame
                        // around it (a scrolling wrapper, a figure), whatever its class says.
                        // Tested last: it walks the block's subtree.
                        && !(matches!(tag, "div" | "section" | "figure")
                            && data_table_block(page, &st, i))
                }
                _ => false,
            } || short_boiler(dom, &st, i)
                || rights_notice(dom, &st, i)
                || social_call(dom, &st, i);
            if remove {
                kill(dom, &mut dead, &mut st, i);
            }
        }
    }

    // 6. Render.
    let mut out = text::Renderer::new(dom, &dead);
    for &r in &roots {
        out.render(r);
    }
    let mut content = out.finish();
    // The standfirst set between the headline and the content belongs to the article.
    if let Some(lead) = roots
        .iter()
        .min()
        .and_then(|&r0| lead_paragraph(page, first_h1, r0))
        .or_else(|| headline.and_then(|h1| headline_subtitle(dom, h1)))
    {
        if !content.body.contains(&lead) {
            content.body = if content.body.is_empty() {
                lead
            } else {
                format!("{lead}\n\n{}", content.body)
            };
        }
    }
    content
}

/// The `<h1>` that the page's title repeats (the title may carry the site's name around it).
fn title_headline(dom: &Dom, title: &str) -> Option<usize> {
    let title = norm_heading(title);
    if title.is_empty() {
        return None;
    }
    (0..dom.len())
        .filter(|&i| dom.nodes[i].tag == "h1")
        .find(|&h| {
            let h = norm_heading(&dom.text(h));
            !h.is_empty() && title.contains(&h) && h.len() * 2 >= title.len()
        })
}

/// The `<article>` holding the `headline` (the `<h1>` that the page's title repeats, see
/// [`title_headline`]), when another `<h1>` heads an `<article>` of its own outside it.
fn own_story(dom: &Dom, headline: usize) -> Option<usize> {
    let story_of = |h: usize| dom.ancestors(h).find(|&a| dom.nodes[a].tag == "article");
    let h1s: Vec<usize> = (0..dom.len())
        .filter(|&i| dom.nodes[i].tag == "h1")
        .collect();
    if h1s.len() < 2 {
        return None;
    }
    let story = story_of(headline)?;
    h1s.iter()
        .any(|&h| !dom.contains(story, h) && story_of(h).is_some())
        .then_some(story)
}

/// Class/id words of blocks about the author or the page rather than the article (bio boxes,
/// reprint and permissions notices, photo credits, disclaimers).
const ASIDE_WORDS: &[&str] = &[
    "author",
    "authors",
    "bio",
    "biography",
    "about",
    "profile",
    "contributor",
    "reprint",
    "reprints",
    "permissions",
    "licensing",
    "copyright",
    "disclaimer",
    "credit",
    "credits",
    "caption",
    "signature",
    "callout",
    "notice",
    "alert",
    // De-emphasised small print (Bootstrap's and UIkit's "text-muted").
    "muted",
];

/// A paragraph of prose: long, ending in or holding sentence punctuation, few links.
fn prose_paragraph(dom: &Dom, st: &Stats, i: usize) -> bool {
    let len = st.chars[i];
    if len < 100 || st.link_chars[i] * 5 > len {
        return false;
    }
    let t = dom.text(i);
    let t = t.trim_end();
    t.ends_with(['.', '!', '?', '"', '\u{201d}', '\u{bb}', ')', ':'])
        || t.contains(". ")
        || t.contains("? ")
        || t.contains("! ")
}

/// Paragraphs of prose outside the chosen roots that belong to the same article: under the
/// highest ancestor (from the top candidate's parent up to six levels, below `<body>`, stopping
/// at the first level that fails) whose paragraphs of prose outside the roots add up to less
/// than those inside, so that a column of article text pulls in its split-off parts but a
/// sidebar or teaser list never outweighs it. Paragraphs inside lists, tables, figures, forms,
/// headers, other entries, negatively weighted or boilerplate-classed blocks, or blocks about
/// the author stay out. One pass over the ancestor's subtree per level (at most six), so
/// linear in the page.
fn cousin_paragraphs(
    page: &Page,
    st: &Stats,
    dead: &[bool],
    top: usize,
    body: usize,
    roots: &[usize],
) -> Vec<usize> {
    let dom = page.dom;
    let nodes = &dom.nodes;
    let in_roots = |i: usize| roots.iter().any(|&r| dom.contains(r, i));
    let inside: u32 = {
        let mut n = 0;
        for &r in roots {
            for j in r..nodes[r].end as usize {
                if !dead[j] && nodes[j].tag == "p" && prose_paragraph(dom, st, j) {
                    n += st.chars[j];
                }
            }
        }
        n
    };
    if inside == 0 {
        return Vec::new();
    }
    let mut best: Vec<usize> = Vec::new();
    let mut a = top;
    for _ in 0..6 {
        let up = nodes[a].parent as usize;
        if up == body || up == a || up == 0 || nodes[up].tag == "html" {
            break;
        }
        a = up;
        if dead[a] {
            break;
        }
        let mut found = Vec::new();
        let mut outside = 0u32;
        let end = nodes[a].end as usize;
        let mut j = a + 1;
        while j < end {
            let node = &nodes[j];
            // Another `<article>` or hAtom/WordPress entry beside ours is another story (a
            // teaser, the next post of a blog's front page).
            let other_entry = other_entry(page, j) && !dom.contains(j, top);
            // A data table among the article's paragraphs (an overview of pros and cons, a fee
            // schedule) is part of it, though its short cells score low; it brings no prose,
            // so it never tips the balance that decides the level.
            if page.data_table[j]
                && !dead[j]
                && !other_entry
                && !in_roots(j)
                && st.link_chars[j] * 4 < st.chars[j]
                && class_weight(&page.class[j], &page.id[j]) >= 0
                && !boiler_class(&page.class[j])
                && !class_has(&page.class[j], ASIDE_WORDS)
            {
                found.push(j);
                j = node.end as usize;
                continue;
            }
            let skip_subtree = dead[j]
                || roots.contains(&j)
                || other_entry
                || (node.el.is_some()
                    && (matches!(
                        node.tag,
                        "ul" | "ol"
                            | "dl"
                            | "table"
                            | "figure"
                            | "form"
                            | "header"
                            | "footer"
                            | "blockquote"
                            | "address"
                    ) || class_weight(&page.class[j], &page.id[j]) < 0
                        || (boiler_class(&page.class[j])
                            && !(lead_named(page, j) && plain_text_block(dom, j)))
                        || class_has(&page.class[j], ASIDE_WORDS)
                        || class_has(&page.id[j], ASIDE_WORDS)));
            if skip_subtree {
                j = node.end as usize;
                continue;
            }
            // A heading holding a whole sentence of some length is a paragraph set large (one
            // ending in a colon introduces what follows it: buttons, a form, a list of links).
            let heading = matches!(node.tag, "h2" | "h3");
            if node.tag == "p" || heading {
                if prose_paragraph(dom, st, j)
                    && !in_roots(j)
                    && !(heading && dom.text(j).trim_end().ends_with(':'))
                {
                    outside += st.chars[j];
                    found.push(j);
                }
                j = node.end as usize;
                continue;
            }
            j += 1;
        }
        if outside >= inside {
            break;
        }
        best = found;
    }
    best
}

/// A story of its own: an hAtom/WordPress entry, or an `<article>` with a heading or among
/// other `<article>`s (a list of cards). Some systems wrap each content block of a page in an
/// `<article>` of its own; alone and without a heading it is a part of the page's text.
fn other_entry(page: &Page, i: usize) -> bool {
    let dom = page.dom;
    let nodes = &dom.nodes;
    let article = || {
        nodes[i].tag == "article"
            && ((i..nodes[i].end as usize)
                .any(|j| matches!(nodes[j].tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
                || dom
                    .children(nodes[i].parent as usize)
                    .any(|s| s != i && nodes[s].tag == "article"))
    };
    class_has_token(&page.class[i], &["hentry", "h-entry"])
        || page.class[i].contains("type-post")
        || article()
}

/// Sections built like the chosen one beside it: the same tag and class, with prose of
/// similar density (the entries of a live blog, the sections of a landing or product page, the
/// parts of a text split into equal wrappers). From the top candidate up to four levels (below
/// `<body>`), the first level whose siblings of the same tag and class (for `<section>`s, the
/// element for a part of a page, also the same lack of a class) hold a paragraph of prose with
/// few links, at half the top's prose share of text or more. Gives the section holding the
/// top and its twins.
fn twin_sections(
    page: &Page,
    st: &Stats,
    dead: &[bool],
    top: usize,
    body: usize,
    roots: &[usize],
) -> Option<(usize, Vec<usize>)> {
    let dom = page.dom;
    let nodes = &dom.nodes;
    // Prose: paragraphs of prose, and text of 100 characters or more held directly by a
    // container (sections that set their text between line breaks rather than in `<p>`s).
    let prose = |i: usize| {
        let loose: u32 = (i..nodes[i].end as usize)
            .filter(|&j| {
                !dead[j] && matches!(nodes[j].tag, "div" | "section" | "article" | "blockquote")
            })
            .map(|j| st.chars[j].saturating_sub(st.block_chars[j]))
            .filter(|&c| c >= 100)
            .sum();
        st.prose[i] + loose
    };
    // The share of `i`'s text that is prose, from its `prose(i)`.
    let density = |i: usize, prose: u32| prose as f32 / st.chars[i].max(1) as f32;
    let mut x = top;
    for _ in 0..4 {
        let p = nodes[x].parent as usize;
        if p == x || p == 0 || nodes[p].tag == "html" {
            break;
        }
        let named = !page.class[x].trim().is_empty() || nodes[x].tag == "section";
        if let Some(own_prose) = named.then(|| prose(x)).filter(|&c| c > 0) {
            let own_density = density(x, own_prose);
            let twins: Vec<usize> = dom
                .children(p)
                .filter(|&y| {
                    y != x
                        && !dead[y]
                        && nodes[y].tag == nodes[x].tag
                        && page.class[y] == page.class[x]
                        && st.link_chars[y] * 4 < st.chars[y]
                        && !roots
                            .iter()
                            .any(|&r| dom.contains(r, y) || dom.contains(y, r))
                        && {
                            let prose = prose(y);
                            prose >= 100 && density(y, prose) * 2.0 >= own_density
                        }
                        && !(y..nodes[y].end as usize).any(|j| other_entry(page, j))
                })
                .collect();
            if !twins.is_empty() {
                return Some((x, twins));
            }
        }
        if p == body {
            break;
        }
        x = p;
    }
    None
}

/// Whether a block is plain text: no heading (a teaser of another page has its headline) and
/// links on under a tenth of its characters.
fn plain_text_block(dom: &Dom, i: usize) -> bool {
    let share = TextShare::of(dom, i);
    !share.heading && share.all > 0 && share.linked * 10 < share.all
}

/// The characters of the text under a node, how many of them are inside links, and which
/// headings it holds.
struct TextShare {
    all: u32,
    linked: u32,
    heading: bool,
    h1: bool,
}

impl TextShare {
    fn of(dom: &Dom, i: usize) -> TextShare {
        let mut share = TextShare {
            all: 0,
            linked: 0,
            heading: false,
            h1: false,
        };
        let mut link_end = 0usize;
        for j in i..dom.nodes[i].end as usize {
            let node = &dom.nodes[j];
            share.h1 |= node.tag == "h1";
            share.heading |= matches!(node.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            if is_link(dom, j) {
                link_end = link_end.max(node.end as usize);
            }
            if let Some(t) = node.text {
                let c = count_chars(t).0;
                share.all += c;
                if j < link_end {
                    share.linked += c;
                }
            }
        }
        share
    }
}

/// The subtitle grouped with the headline `h1` in an `<hgroup>` (HTML's element for a heading
/// with its subheading): a heading or paragraph after the `<h1>` long enough to be a sentence,
/// not a kicker naming the section. Only for the page's headline: a site's name and tagline
/// are grouped the same way.
fn headline_subtitle(dom: &Dom, h1: usize) -> Option<String> {
    let group = dom
        .ancestors(h1)
        .take(2)
        .find(|&a| dom.nodes[a].tag == "hgroup")?;
    dom.children(group)
        .filter(|&c| c > h1)
        .filter(|&c| matches!(dom.nodes[c].tag, "h2" | "h3" | "h4" | "h5" | "h6" | "p"))
        .map(|c| collapse(&dom.text(c)))
        .find(|t| t.chars().count() >= 40)
}

/// Class/id words of a standfirst (the lead paragraph set under the headline).
const LEAD_WORDS: &[&str] = &[
    "lead",
    "intro",
    "teaser",
    "standfirst",
    "summary",
    "subtitle",
    "excerpt",
    "abstract",
    "dek",
    "deck",
    "description",
    "subheadline",
    "subhead",
];

/// The items of a list of summary points, one paragraph each: at least two items, none
/// shorter than 20 characters, no links, 60 characters in all.
fn summary_points(dom: &Dom, list: usize) -> Option<String> {
    let end = dom.nodes[list].end as usize;
    if (list..end).any(|j| is_link(dom, j)) {
        return None;
    }
    let items: Vec<String> = dom
        .children(list)
        .filter(|&c| dom.nodes[c].el.is_some())
        .map(|c| (dom.nodes[c].tag == "li").then(|| collapse(&dom.text(c))))
        .collect::<Option<_>>()?;
    let total: usize = items.iter().map(|t| t.chars().count()).sum();
    (items.len() >= 2 && total >= 60 && items.iter().all(|t| t.chars().count() >= 20))
        .then(|| items.join("\n\n"))
}

/// Whether the class or id of `i` names a standfirst: a word of [`LEAD_WORDS`] as a token, or
/// as the element or modifier part of a BEM name (after "__" or "--") with its dashes dropped
/// ("article--sub-headline", "post__sub-title"; a plain "sub-head" stays a token of its own).
fn lead_named(page: &Page, i: usize) -> bool {
    [&page.class[i], &page.id[i]].into_iter().any(|c| {
        class_has_token(c, LEAD_WORDS)
            || c.split_whitespace().any(|t| {
                // The block's name before the first separator is not a BEM part.
                let rest = t.find("--").into_iter().chain(t.find("__")).min();
                rest.is_some_and(|k| {
                    t[k..]
                        .split("--")
                        .flat_map(|p| p.split("__"))
                        .filter(|part| part.contains('-'))
                        .any(|part| LEAD_WORDS.contains(&part.replace('-', "").as_str()))
                })
            })
    })
}

/// The standfirsts inside a `<header>`: outermost blocks named as a lead ([`lead_named`]) of
/// at least 60 characters with links on under a tenth of them. A heading inside is allowed
/// (some set the lead as an `<h2>`): within a header the headline has its own element.
fn header_standfirsts(page: &Page, header: usize) -> Vec<usize> {
    let dom = page.dom;
    let end = dom.nodes[header].end as usize;
    let mut out = Vec::new();
    let mut j = header + 1;
    while j < end {
        let node = &dom.nodes[j];
        if node.el.is_none() {
            j += 1;
            continue;
        }
        if drop_tag(node.tag) || hidden(dom, j) {
            j = node.end as usize;
            continue;
        }
        if lead_named(page, j) {
            let share = TextShare::of(dom, j);
            if !share.h1 && share.all >= 60 && share.linked * 10 < share.all {
                out.push(j);
            }
            j = node.end as usize;
            continue;
        }
        j += 1;
    }
    out
}

/// The standfirst between the headline and the chosen content: a paragraph (or an element
/// whose class names a lead) after the `<h1>` and before the first root, of some length and
/// few links, outside navigation, asides, figures and hidden blocks.
fn lead_paragraph(page: &Page, h1: usize, r0: usize) -> Option<String> {
    let dom = page.dom;
    // The headline closest above the content (a page may have a logo <h1> first).
    let h1 = (h1..r0)
        .rev()
        .take(400)
        .find(|&j| dom.nodes[j].tag == "h1")
        .unwrap_or(h1);
    if h1 >= r0 || r0 - h1 > 400 {
        return None;
    }
    let mut i = dom.nodes[h1].end as usize;
    // Whether any text stands between the headline and the current node.
    let mut text_before = false;
    while i < r0 {
        let node = &dom.nodes[i];
        if node.el.is_none() {
            text_before |= node.text.is_some_and(|t| !t.trim().is_empty());
            i += 1;
            continue;
        }
        if drop_tag(node.tag) || matches!(node.tag, "figure" | "footer" | "form") || hidden(dom, i)
        {
            i = node.end as usize;
            continue;
        }
        // A list right under the headline (nothing written between them) whose items are
        // plain lines is the story's summary in points.
        if matches!(node.tag, "ul" | "ol") && !text_before && (node.end as usize) <= r0 {
            if let Some(points) = summary_points(dom, i) {
                return Some(points);
            }
        }
        // Only blocks that end before the content starts.
        let lead_class = lead_named(page, i);
        let pictured = || {
            dom.ancestors(i).take(4).any(|a| {
                class_has_token(
                    &page.class[a],
                    &[
                        "caption", "credit", "image", "img", "photo", "media", "figure", "promo",
                    ],
                )
            })
        };
        // A caption or credit under a picture is no lead, nor is text in a block that never
        // shows as content (a logo's <h1> in a sidebar <aside> is followed by its blurb).
        let dropped = || dom.ancestors(i).any(|a| drop_tag(dom.nodes[a].tag));
        if (lead_class || node.tag == "p") && (node.end as usize) <= r0 && !pictured() && !dropped()
        {
            let t = collapse(&dom.text(i));
            let chars = t.chars().count();
            let link_chars: usize = (i + 1..node.end as usize)
                .filter(|&j| is_link(dom, j))
                .map(|j| dom.text(j).chars().count())
                .sum();
            let byline = {
                let l = t.to_lowercase();
                ["by ", "von ", "par ", "por "]
                    .iter()
                    .any(|p| l.starts_with(p))
            };
            if chars >= 60 && (link_chars as f32) < 0.3 * chars as f32 && !byline {
                return Some(t);
            }
            if node.tag == "p" || chars >= 60 {
                i = node.end as usize;
                continue;
            }
        }
        i += 1;
    }
    None
}

/// Whether node `i` is a link: an `<a>`, unless it is a named anchor (a jump target such as
/// `<a name="question-3">` around a heading or a question, with no `href`), which is plain
/// text. An `<a>` with neither is kept a link: scripts make those buttons.
fn is_link(dom: &Dom, i: usize) -> bool {
    dom.nodes[i].tag == "a" && (dom.attr(i, "href").is_some() || dom.attr(i, "name").is_none())
}

fn class_has_token(class_id: &str, words: &[&str]) -> bool {
    class_id
        .split(|c: char| !c.is_alphanumeric())
        .any(|t| words.iter().any(|w| t.eq_ignore_ascii_case(w)))
}

fn is_inline_context(dom: &Dom, i: usize) -> bool {
    let p = dom.nodes[i].parent as usize;
    matches!(
        dom.nodes[p].tag,
        "p" | "a" | "span" | "em" | "strong" | "b" | "i" | "li" | "h1" | "h2" | "h3" | "h4" | "td"
    )
}

fn norm_heading(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Removes node `i`: marks its subtree dead and takes its figures off its ancestors.
fn kill(dom: &Dom, dead: &mut [bool], st: &mut Stats, i: usize) {
    let end = dom.nodes[i].end as usize;
    for d in dead.iter_mut().take(end).skip(i) {
        *d = true;
    }
    let prose = st.prose[i];
    let (c, l, k, p, img, li, inp, emb, h) = (
        st.chars[i],
        st.link_chars[i],
        st.commas[i],
        st.p[i],
        st.img[i],
        st.li[i],
        st.input[i],
        st.embed[i],
        st.heading_chars[i],
    );
    let bc = if is_block(dom.nodes[i].tag) {
        c
    } else {
        st.block_chars[i]
    };
    let mut a = i;
    while a != 0 {
        let parent = dom.nodes[a].parent as usize;
        if parent == a {
            break;
        }
        a = parent;
        st.chars[a] = st.chars[a].saturating_sub(c);
        st.link_chars[a] = st.link_chars[a].saturating_sub(l);
        st.commas[a] = st.commas[a].saturating_sub(k);
        st.p[a] = st.p[a].saturating_sub(p);
        st.img[a] = st.img[a].saturating_sub(img);
        st.li[a] = st.li[a].saturating_sub(li);
        st.input[a] = st.input[a].saturating_sub(inp);
        st.embed[a] = st.embed[a].saturating_sub(emb);
        st.heading_chars[a] = st.heading_chars[a].saturating_sub(h);
        st.block_chars[a] = st.block_chars[a].saturating_sub(bc);
        st.prose[a] = st.prose[a].saturating_sub(prose);
    }
}

#[allow(clippy::too_many_arguments)]
fn clean_conditionally(
    dom: &Dom,
    st: &Stats,
    class: &str,
    data_table: &[bool],
    i: usize,
    weight: i32,
    tag: &str,
    _flags: Flags,
) -> bool {
    let _ = class;
    // Data tables (and what they hold) stay, as in readability.
    if data_table[i] || dom.ancestors(i).take(8).any(|a| data_table[a]) {
        return false;
    }
    if matches!(tag, "p" | "li" | "span") {
        // Paragraph-level: only link lists.
        let len = st.chars[i];
        return len > 0 && st.link_chars[i] as f32 / len as f32 > 0.8 && len < 200 && tag != "span";
    }
    let len = st.chars[i];
    // A block made mostly of paragraphs of prose with few links is article text, whatever
    // pictures, list items or short labels sit beside them (readability's comma test does the
    // same for comma-rich text, which misses languages and styles with few commas).
    if st.prose[i] >= 200 && st.prose[i] * 2 >= len && st.link_chars[i] * 4 < len {
        return false;
    }
    if weight < 0 {
        return true;
    }
    if st.commas[i] >= 10 {
        return false;
    }
    let is_list = matches!(tag, "ul" | "ol") || {
        let c = st.chars[i];
        c > 0 && list_chars(dom, i) as f32 / c as f32 > 0.9
    };
    let p = st.p[i] as f32;
    let img = st.img[i] as f32;
    let li = st.li[i] as f32 - 100.0;
    let input = st.input[i] as f32;
    let ld = if len == 0 {
        0.0
    } else {
        st.link_chars[i] as f32 / len as f32
    };
    let heading_density = if len == 0 {
        0.0
    } else {
        st.heading_chars[i] as f32 / len as f32
    };
    let embed = st.embed[i];
    let in_figure = dom.ancestors(i).any(|a| dom.nodes[a].tag == "figure");
    (img > 1.0 && p / img < 0.5 && !in_figure)
        || (!is_list && li > p)
        || (input > (p / 3.0).floor())
        || (!is_list
            && heading_density < 0.9
            && len < 25
            && (img == 0.0 || img > 2.0)
            && !in_figure
            && !plain_paragraphs_only(dom, st, i))
        || (!is_list && weight < 25 && ld > 0.2)
        || (weight >= 25 && ld > 0.5)
        || ((embed == 1 && len < 75) || embed > 1)
}

/// Whether the text of block `i` is mostly (four fifths) in data tables ([`is_data_table`]):
/// a data table or its wrapper (a scrolling frame, a figure).
fn data_table_block(page: &Page, st: &Stats, i: usize) -> bool {
    let dom = page.dom;
    let len = st.chars[i];
    if len == 0 {
        return false;
    }
    let end = dom.nodes[i].end as usize;
    let (mut j, mut table) = (i, 0u32);
    while j < end {
        if page.data_table[j] {
            table += st.chars[j];
            j = dom.nodes[j].end as usize;
        } else {
            j += 1;
        }
    }
    table * 5 >= len * 4
}

/// Whether all the text of block `i` is in paragraphs (`<p>`) and none in links: a short line
/// of the article (an address, a phone number, a signature) set as a paragraph of its own,
/// not a fragment of page chrome (those are labels, links and buttons).
fn plain_paragraphs_only(dom: &Dom, st: &Stats, i: usize) -> bool {
    if st.p[i] == 0 || st.link_chars[i] > 0 {
        return false;
    }
    let end = dom.nodes[i].end as usize;
    let mut para_end = 0usize;
    for j in i + 1..end {
        let node = &dom.nodes[j];
        if node.tag == "p" {
            para_end = para_end.max(node.end as usize);
        }
        if node.text.is_some_and(|t| !t.trim().is_empty()) && j >= para_end {
            return false;
        }
    }
    true
}

/// Readability's data-table test: a caption, a header row or many cells make a table
/// data; a presentation role or a nested table make it layout.
fn is_data_table(dom: &Dom, t: usize) -> bool {
    if dom.attr(t, "role") == Some("presentation") || dom.attr(t, "datatable") == Some("0") {
        return false;
    }
    if dom.attr(t, "summary").is_some_and(|s| !s.trim().is_empty()) {
        return true;
    }
    let end = dom.nodes[t].end as usize;
    let mut rows = 0usize;
    let mut cols = 0usize;
    for j in t + 1..end {
        match dom.nodes[j].tag {
            "table" => return false,
            "caption" | "thead" | "tfoot" | "colgroup" | "col" | "th" => return true,
            "tr" => {
                rows += 1;
                let cells = dom
                    .children(j)
                    .filter(|&c| matches!(dom.nodes[c].tag, "td" | "th"))
                    .count();
                cols = cols.max(cells);
            }
            _ => {}
        }
    }
    rows >= 10 || cols > 4 || rows * cols > 10
}

fn list_chars(dom: &Dom, i: usize) -> u32 {
    let end = dom.nodes[i].end as usize;
    let mut j = i + 1;
    let mut n = 0;
    while j < end {
        if matches!(dom.nodes[j].tag, "ul" | "ol") {
            n += dom.text(j).chars().filter(|c| !c.is_whitespace()).count() as u32;
            j = dom.nodes[j].end as usize;
        } else {
            j += 1;
        }
    }
    n
}

/// Phrases of copyright, reprint and permission notices.
const RIGHTS_PHRASES: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tous droits réservés",
    "tutti i diritti riservati",
    "copyrighted",
    "written permission",
    "reprint permission",
    "reprints and permissions",
    "ohne gewähr",
];

/// Calls to follow, subscribe to or join the publisher somewhere else.
const SOCIAL_CALLS: &[&str] = &[
    "follow",
    "subscribe",
    "join",
    "like us",
    "find us",
    "connect with",
    "folgen sie",
    "folgt uns",
    "folge uns",
    "abonnieren",
    "síguenos",
    "suscríbete",
    "únete",
    "suivez",
    "abonnez",
    "rejoignez",
    "seguici",
    "iscriviti",
];
const SOCIAL_NETWORKS: &[&str] = &[
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "telegram",
    "whatsapp",
    "tiktok",
    "linkedin",
    "google news",
    "mastodon",
    "threads",
];

/// A short block that opens with a call to follow the publisher on a social network ("Follow
/// The Daily on Twitter and Instagram").
fn social_call(dom: &Dom, st: &Stats, i: usize) -> bool {
    if !matches!(
        dom.nodes[i].tag,
        "p" | "div" | "span" | "em" | "strong" | "li"
    ) {
        return false;
    }
    let len = st.chars[i];
    if len == 0 || len > 200 {
        return false;
    }
    let t = collapse(&dom.text(i)).to_lowercase();
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    // The call as a whole word ("Follow us", not "Following the vote on Facebook").
    let call = SOCIAL_CALLS.iter().any(|c| {
        t.strip_prefix(c)
            .is_some_and(|rest| !rest.starts_with(char::is_alphabetic))
    });
    call && SOCIAL_NETWORKS.iter().any(|n| t.contains(n))
}

/// A short block that is a copyright, reprint or permission notice ("© 2020 The Daily. All
/// rights reserved.", "This article may not be republished without written permission.").
fn rights_notice(dom: &Dom, st: &Stats, i: usize) -> bool {
    if !matches!(
        dom.nodes[i].tag,
        "p" | "div" | "span" | "small" | "em" | "i" | "section" | "li"
    ) {
        return false;
    }
    let len = st.chars[i];
    if len == 0 || len > 300 {
        return false;
    }
    let t = collapse(&dom.text(i)).to_lowercase();
    // A "©" opening a longer block is often a picture credit run into the first paragraph.
    ((t.starts_with('©') || t.starts_with("copyright")) && len < 120)
        || RIGHTS_PHRASES.iter().any(|p| t.contains(p))
}

/// Short blocks whose text is a known boilerplate phrase ("Advertisement", "Share this
/// article", "Read more", "Sign up for our newsletter" …) or a dateline (also a `<time>`
/// element standing alone).
fn short_boiler(dom: &Dom, st: &Stats, i: usize) -> bool {
    let tag = dom.nodes[i].tag;
    // A `<time>` standing as a block of its own ("Aktualisiert: 11.04.2020") is a dateline;
    // one inside a sentence is text.
    let own_time = tag == "time" && !is_inline_context(dom, i);
    if !own_time
        && !matches!(
            tag,
            "p" | "div" | "span" | "li" | "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "section"
        )
    {
        return false;
    }
    let len = st.chars[i];
    if len == 0 || len > 120 {
        return false;
    }
    let t = dom.text(i).to_lowercase();
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    if len < 80
        && DATE_LINE.iter().any(|p| t.starts_with(p))
        && t.bytes().any(|b| b.is_ascii_digit())
    {
        return true;
    }
    // A line that is nothing but a date or a clock time is a dateline, not text.
    if len < 40 {
        let raw = collapse(&dom.text(i));
        let clock = raw.len() <= 5
            && raw.contains(':')
            && raw.chars().all(|c| c.is_ascii_digit() || c == ':');
        let date_only = crate::extract::dates::parse_date(&raw).is_some_and(|d| {
            matches!(
                d,
                pundit_model::PartialDate::Day(_) | pundit_model::PartialDate::DateTime(_)
            )
        });
        if clock || date_only {
            return true;
        }
    }
    BOILER_PHRASES
        .iter()
        .any(|p| t == *p || (t.starts_with(p) && len < 80))
}

const BOILER_PHRASES: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "read more",
    "read next",
    "read also",
    "see also",
    "related",
    "related articles",
    "related stories",
    "recommended",
    "more from",
    "most read",
    "most popular",
    "trending",
    "share this",
    "share on",
    "share article",
    "share this article",
    "follow us",
    "sign up",
    "subscribe",
    "newsletter",
    "click here",
    "continue reading",
    "weiterlesen",
    "mehr zum thema",
    "lesen sie auch",
    "auch interessant",
    "das könnte sie auch interessieren",
    "teilen",
    "jetzt teilen",
    "artikel teilen",
    "kommentare",
    "comments",
    "leave a comment",
    "join the conversation",
    "skip to",
    "back to top",
    "zum seitenanfang",
    "image",
    "photo",
    "foto",
    "bild",
    "getty images",
    "all rights reserved",
    "copyright",
    "©",
    "you might also like",
    "you may also like",
    "more stories",
    "weitere artikel",
    "weitere beiträge",
    "weitere informationen",
    "mehr themen",
    "meistgelesen",
    "die meistgelesenen",
    "empfohlene beiträge",
    "schon gelesen",
    "neueste artikel",
    "das könnte sie interessieren",
    "weiterführende links",
    "weiterführender link",
    "titelbild",
    "beitragsbild",
    "kommentare geschlossen",
    "le puede interesar",
    "te puede interesar",
    "lee también",
    "ver también",
    "noticias relacionadas",
    "à lire aussi",
    "lire aussi",
    "voir aussi",
    "crédits photos",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "zobacz także",
    "dowiedz się więcej",
    // Source lines under an article ("Quelle: dpa", "Source: Reuters").
    "quelle:",
    "quellen:",
    "quellenangaben",
    "source:",
    "sources:",
    "fuente:",
    "fuentes:",
];

/// Openings of a dateline ("Updated Nov. 19, 2019 8:21 am ET").
const DATE_LINE: &[&str] = &[
    "updated",
    "published",
    "posted",
    "original",
    "last modified",
    "veröffentlicht",
    "aktualisiert",
    "stand:",
    "erstellt",
    "publié",
    "mis à jour",
    "publicado",
    "actualizado",
];
