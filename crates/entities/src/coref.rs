//! Document-level resolution: every chosen span gets a canonical name.
//!
//! - A table name takes its entry's canonical name; an acronym defined in the text takes its
//!   long form's.
//! - A bare surname or given name (from the tagger or a rule) takes the full name of the nearest
//!   person mentioned before it in the document (else the nearest after it): "Okafor" → "Daniel
//!   Okafor", "Scott" → "Rick Scott" or "Tim Scott" by position.
//! - Misspellings and transliterations resolve through a general mechanism ([`fuzzy_eq`]): a
//!   name word of at least 5 letters within edit distance 1 of a name word in the document
//!   ("Puting" → "Putin"), or a word of at least 4 letters with the same consonant skeleton
//!   ([`skeleton`]: "Poutine" and "Putin" are both `ptn`, "Zelenskiy" and "Zelensky" `slnsk`),
//!   first against the persons of the document, then against prominent persons of the tables
//!   (prior ≥ 60).
//! - A capitalized word that no candidate covered but that is the surname of a person of the
//!   document (exactly or by the same fuzzy test) becomes a mention too.
//! - Any other name keeps a stable key: its normalized surface form, one per document for all
//!   spellings that fold alike ("SENATE"/"Senate"), with the type most of its mentions have.

use crate::fold::{fold, headline_key, surface_key};
use crate::standard::{Cand, StandardRecognizer};
use crate::tagger::{Cap, Context};
use crate::token::{flag, Doc, LineMode, TokKind};
use crate::util::{edit_distance, FxMap};
use crate::{EntityType, Mention, MentionSource};

/// Consonant skeleton of a folded word: the first letter (any vowel as `a`), then the
/// consonants with `c`/`k`/`q` → `k`, `z` → `s`, `v`/`w` → `f`, `ph` → `f`, `h` and vowels
/// (and `y`) dropped, doubled letters collapsed.
pub fn skeleton(w: &str) -> String {
    let chars: Vec<char> = w.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    let mut out = String::new();
    let map = |c: char| -> Option<char> {
        match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' => None,
            'c' | 'k' | 'q' => Some('k'),
            'z' => Some('s'),
            'v' | 'w' => Some('f'),
            other => Some(other),
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let m = if c == 'p' && chars.get(i + 1) == Some(&'h') {
            i += 1;
            Some('f')
        } else if i == 0 {
            Some(if "aeiouy".contains(c) {
                'a'
            } else {
                map(c).unwrap_or(c)
            })
        } else {
            map(c)
        };
        if let Some(m) = m {
            if !out.ends_with(m) {
                out.push(m);
            }
        }
        i += 1;
    }
    out
}

/// Two folded name words that are the same name written differently.
pub fn fuzzy_eq(x: &str, y: &str) -> bool {
    if x == y {
        return true;
    }
    let (lx, ly) = (x.chars().count(), y.chars().count());
    if lx.min(ly) >= 5 && edit_distance(x, y, 1) <= 1 {
        return true;
    }
    if lx.min(ly) >= 4 && lx.abs_diff(ly) <= 3 && x.chars().next() == y.chars().next() {
        let (sx, sy) = (skeleton(x), skeleton(y));
        return sx.len() >= 3 && sx == sy;
    }
    false
}

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v"];

/// The generational suffix of a name ("jr" of "Donald Trump Jr."), folded.
fn name_suffix(s: &str) -> Option<String> {
    let last = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .rev()
        .find(|w| !w.is_empty())?;
    let w = fold(last.trim_matches(|c: char| !c.is_alphanumeric()));
    SUFFIXES.contains(&w.as_str()).then_some(w)
}

/// Folded words of a name, without a generational suffix.
fn name_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|x| fold(x.trim_matches(|c: char| !c.is_alphanumeric())))
        .filter(|x| !x.is_empty())
        .collect();
    while w.len() > 1 && w.last().is_some_and(|l| SUFFIXES.contains(&l.as_str())) {
        w.pop();
    }
    w
}

/// A person of the document: one per canonical name, with where it is mentioned.
struct Person {
    canonical: String,
    /// Folded words of the full name (without a generational suffix).
    words: Vec<String>,
    /// First tokens of its mentions, ascending.
    positions: Vec<usize>,
    /// First tokens of the mentions that write the name in full, ascending.
    written: Vec<usize>,
}

/// The persons of a document named with at least two words, from the chosen spans.
fn persons_of(doc: &Doc, sels: &[Sel]) -> Vec<Person> {
    let mut persons: Vec<Person> = Vec::new();
    let mut index: FxMap<String, usize> = FxMap::default();
    for s in sels {
        if s.kind != EntityType::Person {
            continue;
        }
        let surface = (s.a..s.b)
            .filter(|&k| doc.tokens[k].kind == TokKind::Word)
            .count();
        let canonical = match &s.canonical {
            Some(c) => c.clone(),
            None => key_form(doc, s.a, doc.span_text(s.a, s.b)),
        };
        let k = match index.get(&canonical) {
            Some(&k) => k,
            None => {
                let words = name_words(&canonical);
                if words.len() < 2 {
                    continue;
                }
                persons.push(Person {
                    canonical: canonical.clone(),
                    words,
                    positions: Vec::new(),
                    written: Vec::new(),
                });
                index.insert(canonical, persons.len() - 1);
                persons.len() - 1
            }
        };
        persons[k].positions.push(s.a);
        if surface >= 2 {
            persons[k].written.push(s.a);
        }
    }
    persons
}

/// The nearest position before `at` in `v` (ascending), else the nearest after it.
fn nearest(v: &[usize], at: usize) -> Option<(bool, usize)> {
    let k = v.partition_point(|&p| p < at);
    if k > 0 {
        Some((true, v[k - 1]))
    } else {
        v.iter().find(|&&p| p > at).map(|&p| (false, p))
    }
}

/// Finds the person of the document that a (short) name refers to: surname matches before
/// given-name matches; the person mentioned last before `at`, else the first one after it.
fn find_person<'p>(
    persons: &'p [Person],
    words: &[String],
    at: usize,
    fuzzy: bool,
    suffix: Option<&str>,
) -> Option<&'p Person> {
    let last = words.last()?;
    let matches = |p: &Person| -> bool {
        if words.len() >= p.words.len() {
            return false;
        }
        if suffix.is_some() && name_suffix(&p.canonical).as_deref() != suffix {
            return false;
        }
        let plast = &p.words[p.words.len() - 1];
        let eq = |x: &str, y: &str| if fuzzy { fuzzy_eq(x, y) } else { x == y };
        if words.len() == 1 {
            eq(last, plast) || (!fuzzy && p.words[0] == *last)
        } else {
            // "Brown Jackson" in "Ketanji Brown Jackson", "Volodymyr Zelenskyy" ~ "Volodymyr Zelensky".
            eq(last, plast)
                && words[..words.len() - 1]
                    .iter()
                    .all(|w| p.words.iter().any(|x| x == w))
        }
    };
    let mut best: Option<(bool, bool, usize, &Person)> = None; // (before, surname, distance key, person)
    for p in persons.iter().filter(|p| matches(p)) {
        let Some((before, pos)) = nearest(&p.positions, at) else {
            continue;
        };
        let surname = p.words.last() == Some(last);
        // Prefer: before over after; surname over given name; nearer.
        let dist = if before {
            usize::MAX - (at - pos)
        } else {
            usize::MAX - (pos - at)
        };
        let key = (before, surname, dist);
        if best.is_none_or(|b| key > (b.0, b.1, b.2)) {
            best = Some((before, surname, dist, p));
        }
    }
    best.map(|b| b.3)
}

struct Sel {
    a: usize,
    b: usize,
    kind: EntityType,
    source: MentionSource,
    canonical: Option<String>,
    /// Resolved from a table, an acronym or a person of the document.
    linked: bool,
}

/// Resolves the chosen candidates of `doc` into mentions.
pub(crate) fn resolve(
    rec: &StandardRecognizer,
    doc: &Doc,
    ctx: &Context,
    chosen: Vec<Cand>,
) -> Vec<Mention> {
    let tables = &rec.tables;
    let mut blocked: Vec<(usize, usize)> = Vec::new();
    let mut sels: Vec<Sel> = Vec::with_capacity(chosen.len());
    for c in chosen {
        let Some(kind) = c.kind else {
            // A MISC name found by a rule (a law, a case, an event) hides the names inside it; the
            // tagger's MISC guesses do not.
            if c.source == MentionSource::Rule {
                blocked.push((c.a, c.b));
            }
            continue;
        };
        let canonical = c
            .fixed
            .clone()
            .or_else(|| c.entry.map(|e| tables.canonical(e).to_string()));
        let linked = canonical.is_some();
        sels.push(Sel {
            a: c.a,
            b: c.b,
            kind,
            source: c.source,
            canonical,
            linked,
        });
    }

    // Persons named in full in the document (and table persons by their canonical name).
    let persons = persons_of(doc, &sels);

    // A bare surname from the tables refers to the person last named in full in the document
    // ("Scott" after "Rick Scott", later after "Sen. Tim Scott"), else the table's choice.
    let mut changed = false;
    for s in sels.iter_mut() {
        if s.kind != EntityType::Person || s.source != MentionSource::Table {
            continue;
        }
        let mut words = (s.a..s.b).filter(|&k| doc.tokens[k].kind == TokKind::Word);
        let (Some(k), None) = (words.next(), words.next()) else {
            continue;
        };
        let w = doc.fold_of(k);
        let mut best: Option<(bool, usize, &Person)> = None;
        for p in persons
            .iter()
            .filter(|p| p.words.last().is_some_and(|l| l == w))
        {
            let Some((before, pos)) = nearest(&p.written, s.a) else {
                continue;
            };
            if !before && pos >= s.a + 40 {
                continue;
            }
            let dist = if before {
                usize::MAX - (s.a - pos)
            } else {
                usize::MAX - (pos - s.a)
            };
            if best.is_none_or(|b| (before, dist) > (b.0, b.1)) {
                best = Some((before, dist, p));
            }
        }
        if let Some((_, _, p)) = best {
            if s.canonical.as_deref() != Some(p.canonical.as_str()) {
                s.canonical = Some(p.canonical.clone());
                changed = true;
            }
        }
    }
    let persons = if changed {
        persons_of(doc, &sels)
    } else {
        persons
    };

    // Short person names and unknown names.
    for sel in sels.iter_mut() {
        if sel.canonical.is_some() {
            continue;
        }
        let (a, b) = (sel.a, sel.b);
        let mut words: Vec<String> = (a..b)
            .filter(|&i| doc.tokens[i].kind == TokKind::Word)
            .map(|i| doc.fold_of(i).to_string())
            .collect();
        if words.is_empty() {
            continue;
        }
        // "Trump Jr." refers to a person whose name has the same suffix.
        let suffix = if words.len() >= 2 && SUFFIXES.contains(&words[words.len() - 1].as_str()) {
            words.pop()
        } else {
            None
        };
        let suffix = suffix.as_deref();
        let is_person = sel.kind == EntityType::Person;
        let try_person = is_person || (words.len() == 1 && sel.source == MentionSource::Tagger);
        let mut found = if try_person {
            find_person(&persons, &words, a, false, suffix).map(|p| p.canonical.clone())
        } else {
            None
        };
        if found.is_none() && rec.config.fuzzy && is_person {
            found = find_person(&persons, &words, a, true, suffix).map(|p| p.canonical.clone());
            if found.is_none() && words.len() == 1 {
                found = tables
                    .fuzzy_person(&words[0])
                    .map(|e| tables.canonical(e).to_string());
            }
        }
        if let Some(c) = found {
            sel.canonical = Some(c);
            sel.kind = EntityType::Person;
            sel.linked = true;
            if sel.source == MentionSource::Tagger {
                sel.source = MentionSource::Coreference;
            }
        }
    }

    // Capitalized words that no span covers but that name a person of the document.
    if !persons.is_empty() {
        let mut covered = vec![false; doc.tokens.len()];
        for s in &sels {
            covered[s.a..s.b].fill(true);
        }
        for &(a, b) in &blocked {
            covered[a..b].fill(true);
        }
        // Which words can name a person at all (checked once per distinct word).
        let exact: FxMap<&str, ()> = persons
            .iter()
            .flat_map(|p| [p.words[0].as_str(), p.words[p.words.len() - 1].as_str()])
            .map(|w| (w, ()))
            .collect();
        let mut lasts: Vec<&str> = persons
            .iter()
            .map(|p| p.words[p.words.len() - 1].as_str())
            .collect();
        lasts.sort_unstable();
        lasts.dedup();
        let mut maybe: FxMap<&str, bool> = FxMap::default();
        let mut added = Vec::new();
        for i in 0..doc.tokens.len() {
            let t = &doc.tokens[i];
            if covered[i]
                || t.kind != TokKind::Word
                || t.has(flag::NOSPAN)
                || !matches!(ctx.caps[i], Cap::Title | Cap::Upper)
            {
                continue;
            }
            let w = doc.fold_of(i);
            if w.len() < 3 || rec.lex.is_common(w) {
                continue;
            }
            // Not part of a longer capitalized name.
            let glued_name = |j: usize| {
                j < doc.tokens.len() && doc.tokens[j].is_cap() && doc.tokens[j].line == t.line
            };
            if (i > 0 && glued_name(i - 1) && !covered[i - 1]) || glued_name(i + 1) {
                continue;
            }
            let fuzzy = rec.config.fuzzy;
            let possible = *maybe.entry(w).or_insert_with(|| {
                exact.contains_key(w) || (fuzzy && lasts.iter().any(|l| fuzzy_eq(w, l)))
            });
            if !possible {
                continue;
            }
            let words = vec![w.to_string()];
            let p = find_person(&persons, &words, i, false, None).or_else(|| {
                if fuzzy {
                    find_person(&persons, &words, i, true, None)
                } else {
                    None
                }
            });
            if let Some(p) = p {
                added.push(Sel {
                    a: i,
                    b: i + 1,
                    kind: EntityType::Person,
                    source: MentionSource::Coreference,
                    canonical: Some(p.canonical.clone()),
                    linked: true,
                });
            }
        }
        if !added.is_empty() {
            sels.extend(added);
            sels.sort_by_key(|s| s.a);
        }
    }

    // Organizations and places of the document by name, to resolve their short forms.
    let named_of = |sels: &[Sel]| -> Vec<(Vec<&str>, EntityType, String, usize)> {
        // Only names of two or more words (counted before anything is allocated: most
        // mentions are one word).
        sels.iter()
            .filter(|s| {
                s.kind != EntityType::Person
                    && (s.a..s.b)
                        .filter(|&k| doc.tokens[k].kind == TokKind::Word)
                        .nth(1)
                        .is_some()
            })
            .map(|s| {
                let canonical = s
                    .canonical
                    .clone()
                    .unwrap_or_else(|| key_form(doc, s.a, doc.span_text(s.a, s.b)));
                let words: Vec<&str> = (s.a..s.b)
                    .filter(|&k| doc.tokens[k].kind == TokKind::Word)
                    .map(|k| doc.fold_of(k))
                    .collect();
                (words, s.kind, canonical, s.a)
            })
            .collect()
    };
    let named = named_of(&sels);
    // By the initial of the first word (an abbreviation keeps it).
    let mut by_initial: FxMap<char, Vec<usize>> = FxMap::default();
    for (k, (nw, _, _, _)) in named.iter().enumerate() {
        by_initial
            .entry(nw[0].chars().next().unwrap_or(' '))
            .or_default()
            .push(k);
    }

    // Abbreviated names: "Georgia PSC" or "CBO" after "Georgia Public Service Commission" or
    // "Congressional Budget Office" (each acronym stands for consecutive words' initials).
    for s in sels
        .iter_mut()
        .filter(|s| !s.linked && s.kind != EntityType::Person)
    {
        let toks: Vec<usize> = (s.a..s.b)
            .filter(|&k| doc.tokens[k].kind == TokKind::Word)
            .collect();
        if !toks
            .iter()
            .any(|&k| doc.tokens[k].has(flag::UPPER) && doc.text_of(k).chars().count() >= 2)
        {
            continue;
        }
        let words: Vec<(&str, bool)> = toks
            .iter()
            .map(|&k| (doc.fold_of(k), doc.tokens[k].has(flag::UPPER)))
            .collect();
        let initial = words[0].0.chars().next().unwrap_or(' ');
        let best = by_initial
            .get(&initial)
            .into_iter()
            .flatten()
            .map(|&k| &named[k])
            .filter(|(nw, _, _, pos)| *pos != s.a && abbreviates(&words, nw))
            .min_by_key(|(_, _, _, pos)| {
                if *pos < s.a {
                    s.a - pos
                } else {
                    usize::MAX / 2 + pos - s.a
                }
            });
        if let Some((_, kind, canonical, _)) = best {
            s.canonical = Some(canonical.clone());
            s.kind = *kind;
            s.linked = true;
        }
    }

    // "the Court", "the Commission": a capitalized head word after "the" names the organization
    // of the document last mentioned with that head.
    let named = named_of(&sels);
    {
        // Organizations by their last word, in document order.
        let mut by_last: FxMap<&str, Vec<usize>> = FxMap::default();
        for (k, (nw, kind, _, _)) in named.iter().enumerate() {
            if *kind == EntityType::Org {
                by_last.entry(nw[nw.len() - 1]).or_default().push(k);
            }
        }
        let head_org = |i: usize| -> Option<String> {
            let t = &doc.tokens[i];
            if i == 0
                || !t.has(flag::TITLE)
                || t.has(flag::SENT_START)
                || doc.fold_of(i - 1) != "the"
            {
                return None;
            }
            let w = doc.fold_of(i);
            if !crate::rules::ORG_SUFFIXES.contains(w)
                || (i + 1 < doc.tokens.len() && doc.tokens[i + 1].is_cap())
            {
                return None;
            }
            let list = by_last.get(w)?;
            let k = list.partition_point(|&k| named[k].3 < i);
            (k > 0).then(|| named[list[k - 1]].2.clone())
        };
        let mut covered = vec![false; doc.tokens.len()];
        for s in sels.iter_mut() {
            covered[s.a..s.b].fill(true);
            if !s.linked && s.b == s.a + 1 && s.kind != EntityType::Person {
                if let Some(c) = head_org(s.a) {
                    s.canonical = Some(c);
                    s.kind = EntityType::Org;
                    s.linked = true;
                }
            }
        }
        for &(a, b) in &blocked {
            covered[a..b].fill(true);
        }
        let added: Vec<Sel> = (1..doc.tokens.len())
            .filter(|&i| !covered[i])
            .filter_map(|i| {
                head_org(i).map(|c| Sel {
                    a: i,
                    b: i + 1,
                    kind: EntityType::Org,
                    source: MentionSource::Coreference,
                    canonical: Some(c),
                    linked: true,
                })
            })
            .collect();
        if !added.is_empty() {
            sels.extend(added);
            sels.sort_by_key(|s| s.a);
        }
    }

    // Unknown names: one key per folded form, the type most mentions have.
    let mut groups: FxMap<String, (String, [u32; 3], bool)> = FxMap::default();
    for s in &sels {
        if s.linked {
            continue;
        }
        let text = doc.span_text(s.a, s.b);
        let form = key_form(doc, s.a, text);
        let key = fold(&form);
        let headline = doc.mode(s.a) == LineMode::AllCaps;
        let e = groups
            .entry(key)
            .or_insert_with(|| (form.clone(), [0; 3], headline));
        // A form written in running text wins over one from a headline.
        if e.2 && !headline {
            e.0 = form;
            e.2 = false;
        }
        e.1[kind_index(s.kind)] += 1;
    }
    let mut out = Vec::with_capacity(sels.len());
    for s in sels {
        let (start, end) = (doc.tokens[s.a].start, doc.tokens[s.b - 1].end);
        let text = &doc.text[start..end];
        let (canonical, kind) = if s.linked {
            (s.canonical.unwrap_or_default(), s.kind)
        } else {
            let g = &groups[&fold(&key_form(doc, s.a, text))];
            let own = g.1[kind_index(s.kind)];
            let best = (0..3)
                .max_by_key(|&k| (g.1[k], k == kind_index(s.kind)))
                .unwrap_or(0);
            let kind = if g.1[best] > own {
                index_kind(best)
            } else {
                s.kind
            };
            (g.0.clone(), kind)
        };
        out.push(Mention {
            start,
            end,
            text: text.to_string(),
            kind,
            canonical,
            source: s.source,
        });
    }
    out
}

/// `words` (folded, with an all-caps flag) abbreviate the name `name`: each word equals the
/// next name word, or is an all-caps acronym of the initials of the next name words (small
/// connectors "of", "and", "the", "for" may be skipped); at least one acronym is used.
fn abbreviates(words: &[(&str, bool)], name: &[&str]) -> bool {
    fn rec(w: &[(&str, bool)], n: &[&str], used: bool) -> bool {
        if w.is_empty() {
            return n.is_empty() && used;
        }
        let (word, upper) = (&w[0].0, w[0].1);
        if let Some(first) = n.first() {
            if first == word && rec(&w[1..], &n[1..], used) {
                return true;
            }
        }
        if upper && word.len() >= 2 {
            // Match the acronym's letters against name-word initials.
            let letters: Vec<char> = word.chars().collect();
            let mut li = 0;
            let mut ni = 0;
            while ni < n.len() && li < letters.len() {
                let c = n[ni].chars().next().unwrap_or(' ');
                if c == letters[li] {
                    li += 1;
                    ni += 1;
                } else if matches!(n[ni], "of" | "and" | "the" | "for" | "on") {
                    ni += 1;
                } else {
                    return false;
                }
                if li == letters.len() && rec(&w[1..], &n[ni..], true) {
                    return true;
                }
            }
        }
        false
    }
    rec(words, name, false)
}

/// The key of an unknown name: its surface form, title-cased in an ALL-CAPS line.
fn key_form(doc: &Doc, a: usize, text: &str) -> String {
    if doc.mode(a) == LineMode::AllCaps {
        headline_key(text)
    } else {
        surface_key(text)
    }
}

fn kind_index(k: EntityType) -> usize {
    match k {
        EntityType::Person => 0,
        EntityType::Org => 1,
        EntityType::Place => 2,
    }
}

fn index_kind(k: usize) -> EntityType {
    match k {
        0 => EntityType::Person,
        1 => EntityType::Org,
        _ => EntityType::Place,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons() {
        assert_eq!(skeleton("poutine"), "ptn");
        assert_eq!(skeleton("putin"), "ptn");
        assert_eq!(skeleton("zelenskiy"), skeleton("zelensky"));
        assert!(fuzzy_eq("puting", "putin"));
        assert!(fuzzy_eq("poutine", "putin"));
        assert!(!fuzzy_eq("biden", "bolton"));
    }
}
