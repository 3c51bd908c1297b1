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

struct Person {
    canonical: String,
    words: Vec<String>,
    pos: usize,
    /// Written in full at `pos` (not only known from a table's canonical name).
    written: bool,
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

/// Finds the person of the document that a (short) name refers to.
fn find_person<'p>(
    persons: &'p [Person],
    words: &[String],
    at: usize,
    fuzzy: bool,
) -> Option<&'p Person> {
    let last = words.last()?;
    let matches = |p: &Person| -> bool {
        if p.words.len() < 2 || words.len() >= p.words.len() {
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
    // Surname matches before given-name matches; nearest before, else nearest after.
    let surname_first = |p: &&Person| p.words.last() == Some(last);
    let before = persons.iter().filter(|p| p.pos < at && matches(p));
    let best_before = before.max_by_key(|p| (surname_first(p), p.pos));
    if best_before.is_some() {
        return best_before;
    }
    persons
        .iter()
        .filter(|p| p.pos > at && matches(p))
        .min_by_key(|p| (!surname_first(p), p.pos))
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
    let mut persons: Vec<Person> = Vec::new();
    for s in &sels {
        if s.kind != EntityType::Person {
            continue;
        }
        let surface: Vec<String> = (s.a..s.b)
            .filter(|&k| doc.tokens[k].kind == TokKind::Word)
            .map(|k| doc.fold_of(k).to_string())
            .collect();
        let written = surface.len() >= 2;
        let words: Vec<String> = match &s.canonical {
            Some(c) => name_words(c),
            None => surface,
        };
        if words.len() >= 2 {
            let canonical = s
                .canonical
                .clone()
                .unwrap_or_else(|| key_form(doc, s.a, doc.span_text(s.a, s.b)));
            persons.push(Person {
                canonical,
                words,
                pos: s.a,
                written,
            });
        }
    }

    // A bare surname from the tables refers to the person last named in full in the document
    // ("Scott" after "Rick Scott", later after "Sen. Tim Scott"), else the table's choice.
    {
        let written: Vec<Person> = persons
            .iter()
            .filter(|p| p.written)
            .map(|p| Person {
                canonical: p.canonical.clone(),
                words: p.words.clone(),
                pos: p.pos,
                written: true,
            })
            .collect();
        for s in sels.iter_mut() {
            if s.kind != EntityType::Person || s.source != MentionSource::Table {
                continue;
            }
            let words: Vec<String> = (s.a..s.b)
                .filter(|&k| doc.tokens[k].kind == TokKind::Word)
                .map(|k| doc.fold_of(k).to_string())
                .collect();
            if words.len() != 1 {
                continue;
            }
            let before = written
                .iter()
                .filter(|p| p.pos < s.a && p.words.last() == words.last())
                .max_by_key(|p| p.pos);
            let after = written
                .iter()
                .filter(|p| p.pos > s.a && p.pos < s.a + 40 && p.words.last() == words.last())
                .min_by_key(|p| p.pos);
            if let Some(p) = before.or(after) {
                s.canonical = Some(p.canonical.clone());
            }
        }
        // Keep the persons list in step with the new choices.
        for p in persons.iter_mut().filter(|p| !p.written) {
            if let Some(s) = sels
                .iter()
                .find(|s| s.a == p.pos && s.kind == EntityType::Person)
            {
                if let Some(c) = &s.canonical {
                    if *c != p.canonical {
                        p.canonical = c.clone();
                        p.words = name_words(c);
                    }
                }
            }
        }
    }

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
        let persons_with_suffix: Vec<Person>;
        let persons: &[Person] = match &suffix {
            Some(sf) => {
                persons_with_suffix = persons
                    .iter()
                    .filter(|p| name_suffix(&p.canonical).as_deref() == Some(sf.as_str()))
                    .map(|p| Person {
                        canonical: p.canonical.clone(),
                        words: p.words.clone(),
                        pos: p.pos,
                        written: p.written,
                    })
                    .collect();
                &persons_with_suffix
            }
            None => &persons,
        };
        let is_person = sel.kind == EntityType::Person;
        let try_person = is_person || (words.len() == 1 && sel.source == MentionSource::Tagger);
        let mut found = if try_person {
            find_person(persons, &words, a, false).map(|p| p.canonical.clone())
        } else {
            None
        };
        if found.is_none() && rec.config.fuzzy && is_person {
            found = find_person(persons, &words, a, true).map(|p| p.canonical.clone());
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
            if w.chars().count() < 3 || rec.lex.is_common(w) {
                continue;
            }
            // Not part of a longer capitalized name.
            let glued_name = |j: usize| {
                j < doc.tokens.len() && doc.tokens[j].is_cap() && doc.tokens[j].line == t.line
            };
            if (i > 0 && glued_name(i - 1) && !covered[i - 1]) || glued_name(i + 1) {
                continue;
            }
            let words = vec![w.to_string()];
            let p = find_person(&persons, &words, i, false).or_else(|| {
                if rec.config.fuzzy {
                    find_person(&persons, &words, i, true)
                } else {
                    None
                }
            });
            if let Some(p) = p {
                sels.push(Sel {
                    a: i,
                    b: i + 1,
                    kind: EntityType::Person,
                    source: MentionSource::Coreference,
                    canonical: Some(p.canonical.clone()),
                    linked: true,
                });
            }
        }
        sels.sort_by_key(|s| s.a);
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
