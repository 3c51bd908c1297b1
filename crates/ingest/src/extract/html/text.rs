//! Text output: the kept nodes as paragraphs (block elements break paragraphs; headings, list
//! items and block quotes are paragraphs of their own) and their outgoing links.

use super::content::{is_block, Content};
use super::dom::{push_collapsed, Dom};

/// Renders subtrees of a [`Dom`], skipping dead nodes.
pub struct Renderer<'d, 'a> {
    dom: &'d Dom<'a>,
    dead: &'d [bool],
    paragraphs: Vec<String>,
    current: String,
    links: Vec<String>,
}

impl<'d, 'a> Renderer<'d, 'a> {
    pub fn new(dom: &'d Dom<'a>, dead: &'d [bool]) -> Self {
        Renderer {
            dom,
            dead,
            paragraphs: Vec::new(),
            current: String::new(),
            links: Vec::new(),
        }
    }

    fn flush(&mut self) {
        let p = self.current.trim();
        if !p.is_empty() {
            self.paragraphs.push(p.to_string());
        }
        self.current.clear();
    }

    /// Appends the text of the subtree of `root`.
    pub fn render(&mut self, root: usize) {
        let nodes = &self.dom.nodes;
        let end = nodes[root].end as usize;
        // Stack of (end index, block?) for open elements, to break paragraphs when they close.
        let mut open: Vec<(usize, bool)> = Vec::new();
        let mut i = root;
        while i < end {
            while let Some(&(e, block)) = open.last() {
                if i >= e {
                    open.pop();
                    if block {
                        self.flush();
                    }
                } else {
                    break;
                }
            }
            let n = &nodes[i];
            if self.dead[i] {
                i = n.end as usize;
                continue;
            }
            if let Some(t) = n.text {
                push_collapsed(&mut self.current, t);
            } else if n.el.is_some() {
                let block = is_block(n.tag);
                if block {
                    self.flush();
                }
                if matches!(n.tag, "td" | "th")
                    && !self.current.ends_with(' ')
                    && !self.current.is_empty()
                {
                    self.current.push(' ');
                }
                if n.tag == "a" {
                    if let Some(href) = n.el.and_then(|e| e.attr("href")) {
                        let href = href.trim();
                        if (href.starts_with("http://") || href.starts_with("https://"))
                            && !self.links.iter().any(|l| l == href)
                        {
                            self.links.push(href.to_string());
                        }
                    }
                }
                open.push((n.end as usize, block));
            }
            i += 1;
        }
        self.flush();
    }

    pub fn finish(mut self) -> Content {
        self.flush();
        Content {
            body: self.paragraphs.join("\n\n"),
            links: self.links,
        }
    }
}
