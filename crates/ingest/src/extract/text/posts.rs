//! Social-media posts pasted into a text: an attribution line "– NAME (@handle) Month D, YYYY"
//! closes each post (the shape an embedded tweet takes when a page is saved as text).

use pundit_model::{PartialDate, Post};

use super::super::dates::parse_date;

/// Most characters of a post's text (links excluded) when it runs over several lines: the
/// 280-character limit of a post plus slack for the embed's "…" cut and line breaks. A single
/// line before the attribution is always the post, whatever its length.
pub const POST_MAX_CHARS: usize = 300;

/// Longest line ending with ':' taken as a speaker label opening a post ("Breaking:"); longer
/// ones are the author's lead-in ("He went on to say:").
const LABEL_MAX_CHARS: usize = 40;

/// An attribution: who posted, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// Display name as written.
    pub name: String,
    /// Handle without the '@'.
    pub handle: String,
    /// The date written after the handle, if any.
    pub date: Option<PartialDate>,
}

/// Parses a whole attribution line: a dash (en dash, em dash, horizontal bar or hyphen) and a
/// space, the name, "(@handle)", then a date or nothing.
///
/// ```
/// use pundit_ingest::extract::text::posts::parse_attribution;
/// let a = parse_attribution("– Jane Roe (@jroe) March 3, 2024").unwrap();
/// assert_eq!((a.name.as_str(), a.handle.as_str()), ("Jane Roe", "jroe"));
/// assert_eq!(a.date.unwrap().to_string(), "2024-03-03");
/// ```
pub fn parse_attribution(line: &str) -> Option<Attribution> {
    let line = line.trim();
    let rest = ["–", "—", "―", "-", "&mdash;"]
        .iter()
        .find_map(|d| line.strip_prefix(d))?;
    if !rest.starts_with([' ', '\u{a0}']) {
        return None;
    }
    parse_after_dash(rest.trim_start())
}

/// "NAME (@handle) DATE" (the part after the dash).
fn parse_after_dash(rest: &str) -> Option<Attribution> {
    let open = rest.find("(@")?;
    let name = rest[..open].trim();
    if name.is_empty() || name.chars().count() > 60 || name.contains(['(', ')']) {
        return None;
    }
    let after = &rest[open + 2..];
    let close = after.find(')')?;
    let handle = &after[..close];
    if handle.is_empty()
        || handle.len() > 30
        || !handle
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return None;
    }
    let tail = after[close + 1..].trim();
    let date = if tail.is_empty() {
        None
    } else {
        // The date may be followed by the post's URL when the link was kept.
        let words: Vec<&str> = tail
            .split_whitespace()
            .filter(|w| !w.contains("://") && !w.contains(".com/"))
            .collect();
        Some(parse_date(&words.join(" "))?)
    };
    Some(Attribution {
        name: name.to_string(),
        handle: handle.to_string(),
        date,
    })
}

/// Finds an attribution at the end of a line that also holds the post ("text pic.twitter.com/x
/// — Jane Roe (@jroe) March 3, 2024"): the post's part of the line and the attribution.
pub fn split_inline_attribution(line: &str) -> Option<(&str, Attribution)> {
    let line = line.trim_end();
    for (i, _) in line
        .match_indices([' '])
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let tail = &line[i + 1..];
        if let Some(attribution) = parse_attribution(tail).filter(|a| a.date.is_some()) {
            let head = line[..i].trim_end();
            if !head.is_empty() {
                return Some((head, attribution));
            }
        }
    }
    None
}

/// The link of a post: its `pic.twitter.com/…` (or `pic.x.com/…`) URL as written, else a
/// `t.co` short link.
pub fn post_link(text: &str) -> Option<String> {
    let clean = |w: &str| {
        w.trim_end_matches(['.', ',', ')', ']', '”', '"', '\''])
            .to_string()
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found = words.iter().rev().find(|w| {
        let w = w.trim_start_matches(['(', '[']);
        let w = w
            .strip_prefix("https://")
            .or_else(|| w.strip_prefix("http://"))
            .unwrap_or(w);
        w.starts_with("pic.twitter.com/") || w.starts_with("pic.x.com/")
    });
    if found.is_none() {
        found = words.iter().rev().find(|w| w.contains("://t.co/"));
    }
    found.map(|w| clean(w.trim_start_matches(['(', '['])))
}

/// Characters of a line that count toward a post's length: links excluded.
fn visible_chars(line: &str) -> usize {
    line.split_whitespace()
        .filter(|w| {
            !(w.contains("://") || w.starts_with("pic.twitter.com/") || w.starts_with("pic.x.com/"))
        })
        .map(|w| w.chars().count() + 1)
        .sum::<usize>()
        .saturating_sub(1)
}

fn is_label(line: &str) -> bool {
    line.ends_with(':')
        && line.chars().count() <= LABEL_MAX_CHARS
        && line.split_whitespace().count() <= 4
}

/// Takes the posts out of `lines`: returns the posts in document order and, for each line,
/// whether it belongs to a post (its text or its attribution). A line holding both the post's
/// end and an inline attribution is replaced in `lines` by nothing.
pub fn take_posts(lines: &[&str]) -> (Vec<Post>, Vec<bool>) {
    let mut posts = Vec::new();
    let mut used = vec![false; lines.len()];
    // Lines below `floor` belong to an earlier post or precede it.
    let mut floor = 0;
    for i in 0..lines.len() {
        let line = lines[i].trim();
        let (attribution, inline_head) = match parse_attribution(line) {
            Some(a) => (a, None),
            None => match split_inline_attribution(line) {
                Some((head, a)) => (a, Some(head)),
                _ => continue,
            },
        };
        let mut text_lines: Vec<&str> = Vec::new();
        let mut total = 0;
        let mut start = i;
        if let Some(head) = inline_head {
            text_lines.push(head);
            total = visible_chars(head);
        } else {
            // The post's last line: right above, at most one blank line between.
            let mut j = i;
            if j > floor && lines[j - 1].trim().is_empty() {
                j -= 1;
            }
            if j > floor
                && !lines[j - 1].trim().is_empty()
                && parse_attribution(lines[j - 1]).is_none()
            {
                j -= 1;
                text_lines.push(lines[j].trim());
                total = visible_chars(lines[j]);
                start = j;
            }
        }
        // Earlier lines of the same post: contiguous, short enough together, stopping at the
        // author's lead-in.
        if !text_lines.is_empty() && !is_label(text_lines[0]) {
            let mut k = start;
            while k > floor {
                let prev = lines[k - 1].trim();
                if prev.is_empty() || parse_attribution(prev).is_some() {
                    break;
                }
                if prev.ends_with(':') {
                    if is_label(prev) {
                        text_lines.insert(0, prev);
                        k -= 1;
                    }
                    break;
                }
                let n = visible_chars(prev);
                if total + n > POST_MAX_CHARS {
                    break;
                }
                total += n;
                text_lines.insert(0, prev);
                k -= 1;
            }
            start = k;
        }
        for flag in &mut used[start..=i] {
            *flag = true;
        }
        floor = i + 1;
        let text = text_lines.join("\n");
        let link = post_link(&text);
        posts.push(Post {
            name: attribution.name,
            handle: attribution.handle,
            date: attribution.date,
            text,
            link,
        });
    }
    (posts, used)
}

/// The newest date among the posts.
pub fn newest_date(posts: &[Post]) -> Option<PartialDate> {
    posts
        .iter()
        .filter_map(|p| p.date)
        .max_by_key(|d| d.start_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_forms() {
        let a = parse_attribution("— Ann Example (@ann_ex) January 5, 2021").unwrap();
        assert_eq!(a.name, "Ann Example");
        assert_eq!(a.handle, "ann_ex");
        assert_eq!(a.date.unwrap().to_string(), "2021-01-05");
        let b = parse_attribution(
            "- Daily Widget (@widget) 5 January 2021 https://twitter.com/widget/status/1",
        )
        .unwrap();
        assert_eq!(b.date.unwrap().to_string(), "2021-01-05");
        assert!(parse_attribution("– just a dash line with (@odd stuff").is_none());
        assert!(parse_attribution("Ann Example (@ann_ex) January 5, 2021").is_none());
        assert!(parse_attribution("– Ann (@ann) not a date at all").is_none());
        let (head, c) = split_inline_attribution(
            "Tax day is here. pic.twitter.com/AbC — Ann (@ann) April 15, 2020",
        )
        .unwrap();
        assert_eq!(head, "Tax day is here. pic.twitter.com/AbC");
        assert_eq!(c.handle, "ann");
    }

    #[test]
    fn posts_are_cut_at_lead_ins_and_labels() {
        let text = "The senator answered within minutes, and his reply was short and pointed, as everyone expected from a man known for short and pointed replies to every question anyone ever put to him on any subject whatsoever, at any hour of the day or night, in any venue at all, and in front of any audience that cared to listen to him.\n\
Not a chance.\n\
– Sen. Sample (@sensample) May 2, 2023\n\
Her office then put out a statement:\n\
Breaking:\n\
The bill passes the committee. pic.twitter.com/XyZ123\n\
- Office of Roe (@officeroe) May 3, 2023\n\
That was the end of it.";
        let lines: Vec<&str> = text.lines().collect();
        let (posts, used) = take_posts(&lines);
        assert_eq!(posts.len(), 2);
        assert_eq!(posts[0].text, "Not a chance.");
        assert_eq!(posts[0].link, None);
        assert_eq!(
            posts[1].text,
            "Breaking:\nThe bill passes the committee. pic.twitter.com/XyZ123"
        );
        assert_eq!(posts[1].link.as_deref(), Some("pic.twitter.com/XyZ123"));
        assert_eq!(
            used,
            vec![false, true, true, false, true, true, true, false]
        );
        assert_eq!(newest_date(&posts).unwrap().to_string(), "2023-05-03");
    }

    #[test]
    fn two_line_post_within_limit() {
        let text = "Lead-in by the author, which is narration and long enough to push the total over the limit when it is added to the post itself, which it should not be, since the post is already long: it has two lines of its own, which together come close to the limit of characters.\n\
Headline of the account without a final stop\n\
Summary of the news in one sentence that runs on for a while. pic.twitter.com/q1\n\
– News Account (@newsacct) June 1, 2024";
        let lines: Vec<&str> = text.lines().collect();
        let (posts, _) = take_posts(&lines);
        assert_eq!(posts[0].text, "Headline of the account without a final stop\nSummary of the news in one sentence that runs on for a while. pic.twitter.com/q1");
    }
}
