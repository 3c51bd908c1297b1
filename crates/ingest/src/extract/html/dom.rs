//! The parsed page as a flat arena in document order: one parse (html5ever via `scraper`), then
//! every later pass (metadata, bylines, content scoring, text output) reads this one arena.
//!
//! Node `i`'s subtree is `i..end[i]`; its children are found by skipping subtrees.

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

/// One node of the arena.
pub struct N<'a> {
    /// The element, for element nodes.
    pub el: Option<&'a Element>,
    /// The text, for text nodes.
    pub text: Option<&'a str>,
    /// Lower-case local name of an element ("" otherwise).
    pub tag: &'a str,
    /// Parent index (the root is its own parent).
    pub parent: u32,
    /// One past the last node of the subtree.
    pub end: u32,
}

/// The arena.
pub struct Dom<'a> {
    pub nodes: Vec<N<'a>>,
    /// The headline `<h1>` (the first, until the extractor finds the one reading as the
    /// title): the block holding it is the article's own region, which later passes must not
    /// mistake for a sidebar.
    pub h1: Option<usize>,
}

impl<'a> Dom<'a> {
    /// Flattens a parsed page.
    pub fn new(page: &'a Html) -> Dom<'a> {
        let mut nodes: Vec<N<'a>> = Vec::with_capacity(1024);
        let mut stack: Vec<u32> = Vec::with_capacity(64);
        for edge in page.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    let index = nodes.len() as u32;
                    let parent = stack.last().copied().unwrap_or(0);
                    let (el, text, tag) = match node.value() {
                        Node::Element(e) => (Some(e), None, e.name()),
                        Node::Text(t) => (None, Some(&**t as &str), ""),
                        _ => (None, None, ""),
                    };
                    nodes.push(N {
                        el,
                        text,
                        tag,
                        parent,
                        end: index + 1,
                    });
                    stack.push(index);
                }
                Edge::Close(_) => {
                    if let Some(index) = stack.pop() {
                        nodes[index as usize].end = nodes.len() as u32;
                    }
                }
            }
        }
        if nodes.is_empty() {
            nodes.push(N {
                el: None,
                text: None,
                tag: "",
                parent: 0,
                end: 1,
            });
        }
        let h1 = nodes.iter().position(|n| n.tag == "h1");
        Dom { nodes, h1 }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// An attribute of node `i`.
    pub fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        self.nodes[i].el.and_then(|e| e.attr(name))
    }

    /// The children of `i`.
    pub fn children(&self, i: usize) -> Children<'_, 'a> {
        Children {
            dom: self,
            next: i as u32 + 1,
            end: self.nodes[i].end,
        }
    }

    /// Whether `a` is an ancestor of (or equal to) `b`.
    pub fn contains(&self, a: usize, b: usize) -> bool {
        a <= b && b < self.nodes[a].end as usize
    }

    /// The ancestors of `i`, nearest first (without `i`, without the root document node).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut cur = i;
        std::iter::from_fn(move || {
            if cur == 0 {
                return None;
            }
            cur = self.nodes[cur].parent as usize;
            (cur != 0).then_some(cur)
        })
    }

    /// Collapsed text of the subtree of `i` (script/style excluded).
    pub fn text(&self, i: usize) -> String {
        let mut out = String::new();
        let mut j = i;
        let end = self.nodes[i].end as usize;
        while j < end {
            let n = &self.nodes[j];
            if matches!(n.tag, "script" | "style" | "noscript" | "template") {
                j = n.end as usize;
                continue;
            }
            if let Some(t) = n.text {
                push_collapsed(&mut out, t);
            }
            j += 1;
        }
        out.trim_end().to_string()
    }

    /// Lower-case `class` and `id` of an element joined by a space.
    pub fn class_id(&self, i: usize) -> String {
        let Some(e) = self.nodes[i].el else {
            return String::new();
        };
        let mut s = String::new();
        if let Some(c) = e.attr("class") {
            s.push_str(c);
        }
        if let Some(id) = e.attr("id") {
            s.push(' ');
            s.push_str(id);
        }
        s.make_ascii_lowercase();
        s
    }
}

/// Iterator over children.
pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: u32,
    end: u32,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next as usize;
        self.next = self.dom.nodes[i].end;
        Some(i)
    }
}

/// Appends `t` to `out` with runs of white space collapsed to one space (no leading space in an
/// empty buffer).
pub fn push_collapsed(out: &mut String, t: &str) {
    let mut space = t.starts_with(|c: char| c.is_whitespace());
    for word in t.split_whitespace() {
        if space && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
        space = true;
    }
    if t.ends_with(|c: char| c.is_whitespace()) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Whitespace-collapsed copy.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
