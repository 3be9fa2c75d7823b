"""Author lists as CVs and paper listings write them.

Shared by every text extractor. Public, stable API:

    parse_authors(text) -> AuthorList        names in order, markers removed but recorded
    looks_like_person_name(text) -> bool     `Jy-yong Sohn`, `Ed H. Chi`, `J. Smith`, `Smith, J.`
    looks_like_author_list(text) -> bool     a line that is a list of people, not a title or venue
    given_first(name) -> str                 `Smith, J. A.` -> `J. A. Smith`

Understood: `A, B, and C`, `A & B`, `A; B`, `et al.`, `...`/`…` (truncated lists),
`*`/`†` equal-contribution marks (also `[†]`, `^*`), the owner written in **bold**
(or `<b>…</b>`), APA/family-first lists (`Smith, J., & Doe, A. B.`) and Vancouver
(`Smith JA, Doe B`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# Marks authors put after a name for "equal contribution" (the brief's convention: * and †).
EQUAL_MARKS = "*†"
_ALL_MARKS = "*†‡#§¶"
_MARK_RE = re.compile(r"(?:\^?\[?[*†‡§¶#]\]?|\^\{?[*†‡]\}?|\$\^\{?[*†‡]\}?\$)+")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|<b>(.+?)</b>|<strong>(.+?)</strong>", re.S)
_TRUNCATION_RE = re.compile(r"(?:,?\s*(?:\bet\s+al\b\.?|\band\s+others\b|\.\.\.|…))", re.I)
_SPLIT_RE = re.compile(r"\s*(?:;|,\s*(?:and|&)\s+|,|\s+and\s+|\s+&\s+)\s*")

# Lower-case words that may sit inside a personal name.
NAME_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le",
                  "bin", "binti", "ibn", "al", "el", "y", "dos", "das", "ter", "zu"}
# Capitalised words that show a phrase is a venue, an organisation or a title, not a person.
NOT_NAME_WORDS = {
    "conference", "journal", "proceedings", "systems", "learning", "machine", "neural", "international",
    "workshop", "transactions", "university", "institute", "research", "science", "sciences", "processing",
    "information", "networks", "intelligence", "artificial", "computer", "computing", "vision", "language",
    "data", "analysis", "theory", "symposium", "letters", "review", "society", "association", "ieee", "acm",
    "annual", "meeting", "engineering", "technology", "advances", "arxiv", "preprint", "submitted",
    "accepted", "published", "under", "press", "school", "college", "department", "lab", "laboratory",
    "group", "team", "center", "centre", "foundation", "inc", "ltd", "corporation", "the", "of", "for",
    "in", "on", "with", "to", "a", "an", "at", "by", "from", "via", "using", "towards", "is", "are",
    "award", "prize", "fellowship", "google", "microsoft", "amazon", "meta", "facebook", "ibm",
    "models", "model", "deep", "generative", "optimization", "statistics", "mathematics", "physics",
    "paper", "oral", "spotlight", "poster", "talk", "best", "new", "programming", "conferences",
}
_TOKEN_RE = re.compile(r"^(?:[^\W\d_][.]?(?:-[^\W\d_]\.?)?|[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?)$")
_INITIALS_RE = re.compile(r"^(?:[^\W\d_]\.?\s?-?){1,4}$")  # with _is_initials: capitals only (`Ø.`, `J.-P.`)


@dataclass(slots=True)
class AuthorList:
    names: list[str] = field(default_factory=list)
    equal_contribution: list[str] = field(default_factory=list)
    owner: str | None = None  # the name written in bold (the CV's owner)
    truncated: bool = False  # `et al.`, `...`: more authors than the names given


def parse_authors(text: str) -> AuthorList:
    """The authors of a publication, in source order, with markers removed but recorded."""
    names, equal, owner, truncated = _parse_authors(text)
    return AuthorList(list(names), list(equal), owner, truncated)


_HTML_AND_ITALIC_RE = re.compile(r"</?(?:i|em|u|sup)>|(?<![\w*†])\*(?=[^\W\d_])|(?<!\w)_|_(?!\w)")


# Readers ask about one line several times (is it authors? then parse it): remember the last few.
@lru_cache(maxsize=256)
def _parse_authors(text: str) -> tuple[tuple[str, ...], tuple[str, ...], str | None, bool]:
    result = AuthorList()
    bold = [next(g for g in m.groups() if g) for m in _BOLD_RE.finditer(text)]
    text = _BOLD_RE.sub(lambda m: next(g for g in m.groups() if g), text)
    # Italic openers (`*Jane`) and HTML tags go; a `*` after a name is a mark and stays.
    text = _HTML_AND_ITALIC_RE.sub("", text)
    text = _given_first_lead(text)
    if _TRUNCATION_RE.search(text):
        result.truncated = True
        text = _TRUNCATION_RE.sub(",", text)
    parts = [p for p in _SPLIT_RE.split(text.strip().rstrip(";")) if p.strip(" .")]
    for raw in _pair_family_first(parts):
        name, marks = _strip_marks(raw)
        if not name:
            continue
        result.names.append(name)
        if any(mark in marks for mark in EQUAL_MARKS):
            result.equal_contribution.append(name)
    owners = [_strip_marks(b)[0] for b in bold]
    result.owner = next((n for n in result.names if n in owners), None)
    return tuple(result.names), tuple(result.equal_contribution), result.owner, result.truncated


# Chicago/MLA invert only the first author: `Okonjo, Adaeze, and Martin Feld`.
_INVERTED_LEAD_RE = re.compile(r"^\s*(?P<family>[^\W\d_][\w'’-]+),\s+(?P<given>[^\W\d_][\w'’-]+(?:\s+[A-Z]\.)?)"
                               r"(?=\s*(?:$|\.\s*$|,\s*(?:and|&)\s|,\s*\**[^\W\d_][\w'’-]+\s+[^\W\d_]))")


def _given_first_lead(text: str) -> str:
    """`Okonjo, Adaeze, and Martin Feld` -> `Adaeze Okonjo, and Martin Feld` (a full given name, not initials)."""
    m = _INVERTED_LEAD_RE.match(text)
    if not m or len(m["given"].rstrip(".")) < 2 or m["given"].isupper():
        return text
    return f"{m['given']} {m['family']}{text[m.end():]}"


_AFFILIATION_NUMBERS_RE = re.compile(r"(?<=[^\W\d])\d{1,2}(?:,\d{1,2})*$")
_FINAL_INITIAL_RE = re.compile(r"(?:^|\s)[A-Z]\.$")


@lru_cache(maxsize=4096)  # the same co-authors recur paper after paper
def _strip_marks(raw: str) -> tuple[str, str]:
    """A name without its markers, and the markers found."""
    marks = "".join(c for c in raw if c in _ALL_MARKS)
    name = _MARK_RE.sub("", raw)
    name = _AFFILIATION_NUMBERS_RE.sub("", name)  # affiliation superscripts: `Jane Doe1,2`
    name = " ".join(name.replace("\\", "").split()).strip(" ,;")
    if name.endswith(".") and not _FINAL_INITIAL_RE.search(name):
        name = name[:-1]  # sentence end, not an initial
    return name, marks


_VANCOUVER_NAME_RE = re.compile(r"(.+?)\s+([A-Z]{1,3})([*†‡]*)")


def _is_initials(text: str) -> bool:
    return bool(_INITIALS_RE.match(text)) and all(c.isupper() for c in text if c.isalpha())


def _pair_family_first(parts: list[str]) -> list[str]:
    """`Smith`, `J.`, `Doe`, `A. B.` -> `J. Smith`, `A. B. Doe` (APA); `Smith JA` -> `JA Smith`."""
    clean = [p.strip() for p in parts]
    if len(clean) >= 2 and len(clean) % 2 == 0 and all(
            _is_initials(_strip_marks(p)[0]) for p in clean[1::2]):
        return [f"{given} {family}" for family, given in zip(clean[::2], clean[1::2])]
    vancouver = [_VANCOUVER_NAME_RE.fullmatch(p) for p in clean]
    if len(clean) >= 2 and all(vancouver):
        return [f"{m[2]} {m[1]}{m[3]}" for m in vancouver]
    return clean


def given_first(name: str) -> str:
    """`Smith, J. A.` -> `J. A. Smith`; other names unchanged."""
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if family and given:
            return f"{given} {family}"
    return name


@lru_cache(maxsize=4096)  # the same co-authors recur paper after paper
def looks_like_person_name(text: str) -> bool:
    """True for 1-5 capitalised tokens or initials that are not venue/organisation words."""
    if len(text) > 120:
        return False  # a sentence, not a name (and not worth the regexes below)
    name, _ = _strip_marks(_BOLD_RE.sub(lambda m: next(g for g in m.groups() if g), text))
    name = given_first(name)
    tokens = name.split()
    if not 1 <= len(tokens) <= 5 or any(c.isdigit() for c in name):
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in NAME_PARTICLES:
            continue
        is_initial = len(token.strip(".")) == 1
        if (not is_initial and token.lower().strip(".") in NOT_NAME_WORDS) or not _TOKEN_RE.match(token) \
                or not token[0].isupper():
            return False
        capitalised += 1
    # One word alone (`Smith`) is a name only in a list; here we ask for given + family name.
    return capitalised >= 2


def looks_like_author_list(text: str, *, allow_single: bool = False) -> bool:
    """True when `text` is a list of people: most comma/`and` parts are person names.

    A single name counts only with `allow_single` (e.g. the line right after a title) or
    when it is the bold owner, because a lone capitalised phrase is more often a title.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > 1500:
        return False
    authors = parse_authors(stripped)
    if not authors.names:
        return False
    named = sum(looks_like_person_name(n) for n in authors.names)
    if len(authors.names) == 1:
        return named == 1 and (allow_single or authors.owner is not None or authors.truncated)
    return named >= max(2, 0.75 * len(authors.names))
