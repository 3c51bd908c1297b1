//! A site's trailing self-promotion (membership pitch, promo code, "X is your leading source
//! for …", newsletter sign-up, copyright line), recognized by what it says, not by the site.

/// Longest paragraph judged as self-promotion, in characters.
const MAX_PROMO_CHARS: usize = 900;

/// Kinds of promotional phrases; a paragraph is promotion when it uses phrases of two kinds, or
/// of one kind and opens with the site's own name.
const SIGNALS: &[&[&str]] = &[
    // The site describing itself.
    &[
        "is your leading source",
        "is your source for",
        "is your trusted source",
        "is your home for",
        "is your destination for",
        "your go-to source",
        "is the leading source",
        "is the premier",
        "is the nation's leading",
        "is the nation’s leading",
    ],
    // Membership and subscription.
    &[
        "become a member",
        "becoming a member",
        "your membership",
        "membership",
        "subscribe",
        "subscription",
        "become a subscriber",
        "sign up for our",
        "sign up for the",
        "join our",
        "join us",
        "vip",
        "newsletter",
        "premium access",
    ],
    // Discounts.
    &[
        "promo code",
        "promotional code",
        "coupon code",
        "discount code",
        "use code",
        "% off",
        "percent off",
        "free trial",
    ],
    // Appeals for support.
    &[
        "if you appreciate",
        "if you enjoy",
        "if you enjoyed",
        "if you like our",
        "if you value",
        "support our",
        "supporting our",
        "support us",
        "support independent",
        "consider donating",
        "donate",
        "help us",
        "our reporting and commentary",
        "our journalism",
    ],
    // Copyright lines.
    &["all rights reserved", "©", "copyright 20", "copyright 19"],
];

/// How many kinds of promotional phrases `paragraph` uses.
pub fn promo_score(paragraph: &str) -> usize {
    let lower = paragraph.to_lowercase();
    SIGNALS
        .iter()
        .filter(|kind| kind.iter().any(|p| contains_phrase(&lower, p)))
        .count()
}

/// `phrase` in `lower` at word boundaries.
fn contains_phrase(lower: &str, phrase: &str) -> bool {
    lower.match_indices(phrase).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + phrase.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        (edge(before) || !phrase.starts_with(char::is_alphabetic))
            && (edge(after) || !phrase.ends_with(char::is_alphabetic))
    })
}

/// True when `paragraph` is the site's self-promotion.
pub fn is_promo(paragraph: &str, site: Option<&str>) -> bool {
    let paragraph = paragraph.trim();
    if paragraph.is_empty() || paragraph.chars().count() > MAX_PROMO_CHARS {
        return false;
    }
    let score = promo_score(paragraph);
    let opens_with_site = site.is_some_and(|s| {
        let s = s.trim();
        !s.is_empty()
            && paragraph.len() >= s.len()
            && paragraph.is_char_boundary(s.len())
            && paragraph[..s.len()].eq_ignore_ascii_case(s)
    });
    score >= 2 || (score == 1 && opens_with_site) || is_copyright_line(paragraph)
}

/// A short copyright notice ("© 2024 The Ledger. All rights reserved.").
fn is_copyright_line(paragraph: &str) -> bool {
    let lower = paragraph.to_lowercase();
    paragraph.chars().count() <= 200
        && (lower.starts_with('©')
            || lower.starts_with("copyright")
            || lower.starts_with("(c) ")
            || lower.contains("all rights reserved"))
}

/// Drops trailing promotional lines from `lines` (the body's lines, blank lines separating
/// paragraphs): a whole last paragraph, or the last line of one. Returns how many lines remain.
pub fn trailing_promo_cut(lines: &[&str], site: Option<&str>) -> usize {
    let mut end = lines.len();
    for _ in 0..4 {
        while end > 0 && lines[end - 1].trim().is_empty() {
            end -= 1;
        }
        if end == 0 {
            break;
        }
        let mut start = end;
        while start > 0 && !lines[start - 1].trim().is_empty() {
            start -= 1;
        }
        // The last line alone (texts with one paragraph per line), else the whole block (a
        // paragraph wrapped over several lines).
        if is_promo(lines[end - 1], site) {
            end -= 1;
        } else if end - start > 1 && is_promo(&lines[start..end].join(" "), site) {
            end = start;
        } else {
            break;
        }
    }
    while end > 0 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_trailing_pitch() {
        let text = "The council met on Monday.\n\
The budget passed by one vote, and the mayor said she would sign it.\n\
\n\
The Valley Courier is your trusted source for local politics. Subscribe today and use promo code VOTE for 50% off.\n\
\n\
© 2024 Valley Courier. All rights reserved.";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(trailing_promo_cut(&lines, Some("Valley Courier")), 2);
        // The last line of a paragraph without blank lines.
        let lines = [
            "First paragraph.",
            "Second one.",
            "If you enjoy our journalism, become a member today.",
        ];
        assert_eq!(trailing_promo_cut(&lines, None), 2);
    }

    #[test]
    fn keeps_ordinary_endings() {
        let lines = [
            "The governor vowed to support the members of the union.",
            "The vote is next week.",
        ];
        assert_eq!(trailing_promo_cut(&lines, None), 2);
        let lines = ["Subscribers to the plan pay more, the report said."];
        assert_eq!(trailing_promo_cut(&lines, None), 1);
        assert!(!is_promo(
            "Voters want lower taxes, and the membership of the party agrees.",
            Some("The Ledger")
        ));
        assert!(is_promo(
            "The Ledger is your source for news from the capital.",
            Some("The Ledger")
        ));
    }
}
