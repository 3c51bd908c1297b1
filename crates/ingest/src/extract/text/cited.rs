//! Inline references to other articles of the document's own site: "(see TITLE – SITE)",
//! "; see TITLE – SITE.", "seeing TITLE – SITE,", "(TITLE – SITE)".

use pundit_model::Cited;

/// Longest cited title, in characters.
const MAX_TITLE_CHARS: usize = 250;

/// Separators between a cited title and the site name.
const SEPARATORS: [&str; 4] = [" – ", " — ", " - ", " | "];

/// Finds the articles of `site` that `body` cites by title, in document order.
///
/// ```
/// use pundit_ingest::extract::text::cited::find_cited;
/// let cited = find_cited("As we wrote (see Taxes Are Up Again – The Ledger), it goes on.", "The Ledger");
/// assert_eq!(cited[0].title, "Taxes Are Up Again");
/// ```
pub fn find_cited(body: &str, site: &str) -> Vec<Cited> {
    let site = site.trim();
    if site.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(usize, Cited)> = Vec::new();
    for sep in SEPARATORS {
        let needle = format!("{sep}{site}");
        for (at, _) in body.match_indices(&needle) {
            // The site name must end the reference: "– RedState)", "– RedState.", not
            // "– RedState staff" or "– RedStateWatch".
            let next = body[at + needle.len()..].chars().next();
            let closes = next.is_none_or(|c| {
                matches!(
                    c,
                    ')' | ']' | '.' | ',' | ';' | ':' | '!' | '?' | '\n' | '”' | '"'
                )
            });
            if !closes {
                continue;
            }
            if let Some(title) = title_before(&body[..at], next == Some(')') || next == Some(']')) {
                found.push((
                    at,
                    Cited {
                        title: title.to_string(),
                        site: Some(site.to_string()),
                    },
                ));
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut out: Vec<Cited> = Vec::new();
    for (_, cited) in found {
        if !out.iter().any(|c| c.title == cited.title) {
            out.push(cited);
        }
    }
    out
}

/// The title ending at the end of `before`: the text after the nearest lead-in ("see",
/// "seeing", an opening parenthesis) on the same line.
fn title_before(before: &str, in_parens: bool) -> Option<&str> {
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &before[line_start..];
    let mut window_start = line.len().saturating_sub(MAX_TITLE_CHARS * 4);
    while !line.is_char_boundary(window_start) {
        window_start += 1;
    }
    let window = &line[window_start..];
    let mut best: Option<usize> = None; // byte offset in `window` where the title starts
    let word_start = |i: usize| {
        i == 0
            || !window[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric())
    };
    for lead in ["see: ", "see ", "seeing ", "See: ", "See "] {
        for (i, _) in window.match_indices(lead) {
            if !word_start(i) {
                continue;
            }
            // A capitalized "See" counts only at a sentence or parenthesis start: in a title
            // ("Trump Will See You Now") it is a word of the title.
            if lead.starts_with('S') {
                let before_lead = window[..i].trim_end();
                if !(before_lead.is_empty()
                    || before_lead.ends_with(['.', '(', ';', ':', '!', '?', '[']))
                {
                    continue;
                }
            }
            let start = i + lead.len();
            if best.is_none_or(|b| start > b) {
                best = Some(start);
            }
        }
    }
    // "(TITLE – SITE)": the parenthesis opens the reference when no later "see" does.
    if in_parens {
        if let Some(open) = window.rfind(['(', '[']).map(|i| i + 1) {
            if best.is_none_or(|b| open > b) {
                best = Some(open);
            }
        }
    }
    let title = window[best?..].trim();
    let chars = title.chars().count();
    if !(3..=MAX_TITLE_CHARS).contains(&chars) || title.contains(['(', ')']) {
        return None;
    }
    let first = title.chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit() || matches!(first, '“' | '"' | '‘' | '\''))
    {
        return None;
    }
    Some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_ins() {
        let body = "The vote failed (see Senate Rejects Farm Bill – Daily Ledger), again.\n\
Last week, seeing Why the Farm Lobby Won’t Quit – Daily Ledger, we said so; see Farm Bill: A History – Daily Ledger. \
Critics (Farm Bill Is Dead – Daily Ledger) agree. Other outlets (see Something – Other Site) differ. \
A list – Daily Ledger staff would not comment.";
        let cited = find_cited(body, "Daily Ledger");
        let titles: Vec<&str> = cited.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Senate Rejects Farm Bill",
                "Why the Farm Lobby Won’t Quit",
                "Farm Bill: A History",
                "Farm Bill Is Dead"
            ]
        );
        assert!(cited
            .iter()
            .all(|c| c.site.as_deref() == Some("Daily Ledger")));
        assert!(find_cited(body, "").is_empty());
    }

    #[test]
    fn capitalized_see_in_title() {
        let cited = find_cited(
            "More here; see Trump Will See You Now – The Ledger.",
            "The Ledger",
        );
        assert_eq!(cited[0].title, "Trump Will See You Now");
    }
}
