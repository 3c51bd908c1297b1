/// Normalizes a facet value for filtering and counting: accents folded to ASCII, lowercase,
/// white space collapsed, so that "AMY CHOZICK", "Amy  Chozick" and "Amy Chózick" are one value.
///
/// ```
/// use pundit_schema::normalize_key;
/// assert_eq!(normalize_key("  AMY  Chózick "), "amy chozick");
/// assert_eq!(normalize_key("Zelenskyy"), "zelenskyy");
/// ```
pub fn normalize_key(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let folded;
    let text = if value.is_ascii() {
        value
    } else {
        folded = deunicode::deunicode_with_tofu(value, "\u{fffd}");
        &folded
    };
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}
