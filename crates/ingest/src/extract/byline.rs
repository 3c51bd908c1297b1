//! Cleaning bylines into author names.

/// Splits and cleans a byline into author names: "By Jane Doe and John Roe" → Jane Doe, John
/// Roe. Drops e-mail addresses, dates, "Updated", "Follow", role words and empty parts; keeps a
/// news agency ("AP", "Reuters") as an author. Names written in capitals are kept as written.
///
/// ```
/// use pundit_ingest::extract::byline::clean_authors;
/// assert_eq!(clean_authors("By Jane Doe and John Roe"), vec!["Jane Doe", "John Roe"]);
/// assert_eq!(clean_authors("AMY CHOZICK and JULIE HIRSCHFELD DAVIS"), vec!["AMY CHOZICK", "JULIE HIRSCHFELD DAVIS"]);
/// assert_eq!(clean_authors("By Associated Press"), vec!["Associated Press"]);
/// ```
pub fn clean_authors(raw: &str) -> Vec<String> {
    clean_authors_with(raw, false)
}

/// [`clean_authors`] for a field that explicitly names the author (`<meta name=author>`,
/// `rel=author`, `itemprop=author`): a handle written in lower case ("mh", "jdoe") is kept.
pub fn clean_explicit_authors(raw: &str) -> Vec<String> {
    clean_authors_with(raw, true)
}

fn clean_authors_with(raw: &str, lower_ok: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let text = raw.replace(['\n', '\t', '|', ';', '·', '•'], ",");
    for part in text.split(',') {
        for name in split_and(part) {
            if let Some(name) = clean_name_with(name, lower_ok) {
                if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                    out.push(name);
                }
            }
        }
    }
    out
}

fn split_and(part: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = part;
    loop {
        let lower = rest.to_ascii_lowercase();
        let found = [" and ", " & ", " with ", " und ", " et ", " y "]
            .iter()
            .filter_map(|sep| lower.find(sep).map(|i| (i, sep.len())))
            .min();
        match found {
            Some((i, len)) => {
                pieces.push(&rest[..i]);
                rest = &rest[i + len..];
            }
            None => {
                pieces.push(rest);
                return pieces;
            }
        }
    }
}

/// Cleans one name; `None` when nothing name-like is left.
pub fn clean_name(raw: &str) -> Option<String> {
    clean_name_with(raw, false)
}

fn clean_name_with(raw: &str, lower_ok: bool) -> Option<String> {
    let mut s = raw
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’');
    // Lead-in words, any case, possibly several ("Text: von Jane Doe").
    const PREFIXES: &[&str] = &[
        "by ",
        "by: ",
        "written by ",
        "words by ",
        "text by ",
        "posted by ",
        "published by ",
        "story by ",
        "von ",
        "von: ",
        "von:",
        "by:",
        "autor:",
        "autorin:",
        "ein artikel von ",
        "text: ",
        "text von ",
        "text und fotos: ",
        "autor: ",
        "autorin: ",
        "autor ",
        "author: ",
        "authors: ",
        "interview: ",
        "veröffentlicht von ",
        "geschrieben von ",
        "ein beitrag von ",
        "par ",
        "por ",
        "door ",
        "di ",
        "de ",
    ];
    loop {
        let lower = s.to_lowercase();
        let Some(p) = PREFIXES.iter().find(|p| {
            lower.starts_with(*p) && lower.len() == s.len() && s.is_char_boundary(p.len())
        }) else {
            break;
        };
        s = s[p.len()..].trim_start_matches(|c: char| c.is_whitespace() || c == ':');
    }
    // "Jane Doe / example.com", "Jane Doe/SP-X": a person's name, then a source.
    if let Some(pos) = s.find('/') {
        if s[..pos].split_whitespace().count() >= 2 {
            s = s[..pos].trim_end();
        }
    }
    s = s.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '\'' || c == '’');
    let lower = s.to_lowercase();
    const NOISE: &[&str] = &[
        "updated",
        "published",
        "posted",
        "follow",
        "share",
        "staff",
        "contributor",
        "editor",
        "reporter",
        "correspondent",
        "columnist",
        "opinion",
        "comments",
        "read more",
        "min read",
        "view all",
        "posts by",
        "more from",
        "veröffentlicht",
        "publiziert",
        "gesponserte",
        "gesponsert",
        "anzeige",
        "kommentare",
    ];
    if s.is_empty()
        || s.contains('@')
        || s.contains("://")
        || NOISE
            .iter()
            .any(|n| lower == *n || lower.starts_with(&format!("{n} ")))
    {
        return None;
    }
    if s.chars().filter(|c| c.is_ascii_digit()).count() >= 2
        || super::dates::parse_date(s).is_some()
    {
        return None;
    }
    let words = s.split_whitespace().count();
    if words > 6 || s.len() > 80 {
        return None;
    }
    if !s
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && (lower_ok || !c.is_lowercase()))
    {
        return None;
    }
    // A lower-case handle is one word ("jdoe"), perhaps with capitalized words after it;
    // never a phrase or a sentence, nor a system account.
    if s.starts_with(|c: char| c.is_lowercase())
        && (s.ends_with('.')
            || s.split_whitespace()
                .skip(1)
                .any(|w| w.starts_with(|c: char| !c.is_uppercase()))
            || [
                "admin",
                "administrator",
                "wordpressadmin",
                "root",
                "user",
                "guest",
            ]
            .contains(&lower.as_str()))
    {
        return None;
    }
    Some(s.split_whitespace().collect::<Vec<_>>().join(" "))
}
