"""How to cite a publication: a BibTeX entry and an APA (7th edition) reference.

The BibTeX is valid for BibTeX, biber and pybtex: values in braces, special
characters escaped, braces kept balanced, Unicode left as UTF-8 (biber and
pybtex read it; BibTeX 0.99 passes it through). Keys are `surnameYEARword`,
made unique within one file with a, b, c … suffixes.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Optional

from markupsafe import Markup, escape
from nameparser import HumanName

from sitegen import urls
from sitegen.model import Publication, SitePublication

ENTRY_TYPES = {"conference": "inproceedings", "workshop": "inproceedings", "journal": "article",
               "chapter": "incollection", "book": "book", "thesis": "phdthesis"}
VENUE_FIELDS = {"inproceedings": "booktitle", "incollection": "booktitle", "article": "journal",
                "phdthesis": "school", "book": "publisher", "misc": "howpublished"}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
STOP_WORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "via", "is", "are", "do", "does", "why",
              "how", "what", "towards", "toward"}
APA_MAX_AUTHORS = 20
# Characters that mean something to (La)TeX, as they must be written in a .bib value.
_TEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%", "$": r"\$",
                "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_TEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")


# --- BibTeX --------------------------------------------------------------------------------

def bibtex_escape(text: str) -> str:
    """Text as a BibTeX value: TeX specials escaped, whitespace collapsed."""
    text = " ".join(text.split())
    return _TEX_SPECIAL.sub(lambda m: _TEX_ESCAPES[m.group()], text)


def bibtex_url(url: str) -> str:
    """A URL or DOI as biblatex wants it (verbatim), with braces and spaces percent-encoded to stay balanced."""
    return url.strip().replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def entry_type(record: Publication) -> str:
    return ENTRY_TYPES.get(record.kind or "", "misc")


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


@lru_cache(maxsize=200_000)
def _name_parts(name: str) -> tuple[str, str, str, str]:
    """(first, middle, last, suffix) of a name; nameparser is slow and a site repeats its names thousands of times."""
    parsed = HumanName(name)
    return parsed.first, parsed.middle, parsed.last, parsed.suffix


def base_key(pub: SitePublication) -> str:
    """`dhillon2023renee`: first author's surname, year, first meaningful title word."""
    record = pub.record
    first = pub.authors[0].name if pub.authors else (record.authors[0] if record.authors else "")
    surname = _ascii_word(_name_parts(first)[2] or first) or "anon"
    words = [w for w in (_ascii_word(w) for w in record.title.split()) if w and w not in STOP_WORDS]
    return f"{surname}{record.year or ''}{words[0] if words else ''}"


def unique_keys(pubs: Iterable[SitePublication], key_of=None) -> list[str]:
    """A citation key for each publication, in order, unique within the collection."""
    key_of = key_of or base_key
    keys: list[str] = []
    taken: set[str] = set()
    for pub in pubs:
        key, suffix = key_of(pub), 0
        candidate = key
        while candidate in taken:
            candidate = key + _letters(suffix)
            suffix += 1
        taken.add(candidate)
        keys.append(candidate)
    return keys


def _letters(number: int) -> str:
    out = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def bibtex_fields(pub: SitePublication, url: Optional[str] = None) -> list[tuple[str, str]]:
    """The entry's fields in the usual order, values already escaped."""
    record = pub.record
    kind = entry_type(record)
    fields: list[tuple[str, str]] = [("title", bibtex_escape(record.title))]
    names = [a.name for a in pub.authors] or list(record.authors)
    if names:
        authors = " and ".join(bibtex_escape(n) for n in names)
        fields.append(("author", authors + (" and others" if record.authors_truncated else "")))
    venue = record.venue_full or record.venue
    if venue and not (kind == "misc" and record.arxiv and venue.casefold() == "arxiv"):
        fields.append((VENUE_FIELDS.get(kind, "howpublished"), bibtex_escape(venue)))
    elif kind in ("article", "inproceedings", "incollection"):
        fields.append((VENUE_FIELDS[kind], "Unknown"))
    if record.year:
        fields.append(("year", str(record.year)))
    month = _month(record.date)
    if month:
        fields.append(("month", month))
    if record.doi:
        fields.append(("doi", bibtex_url(urls.doi_url(record.doi).removeprefix("https://doi.org/"))))
    if record.arxiv:
        ident = urls.arxiv_url(record.arxiv).removeprefix("https://arxiv.org/abs/")
        fields += [("eprint", bibtex_escape(ident)), ("archiveprefix", "arXiv")]
    if url:
        fields.append(("url", bibtex_url(url)))
    if record.status and record.status not in ("published", "preprint"):
        fields.append(("note", bibtex_escape(record.status.replace("-", " ").capitalize())))
    return fields


def _month(date: Optional[str]) -> Optional[str]:
    parts = (date or "").split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return MONTHS[int(parts[1]) - 1]
    return None


def bibtex_entry(pub: SitePublication, key: Optional[str] = None, url: Optional[str] = None) -> str:
    return _bibtex_head(pub, key or base_key(pub)) + _bibtex_body(pub, url)


def _bibtex_head(pub: SitePublication, key: str) -> str:
    return f"@{entry_type(pub.record)}{{{key},"


def _bibtex_body(pub: SitePublication, url: Optional[str]) -> str:
    """The entry after its key line: the same for a paper's page, its cite.bib and every member's .bib."""
    lines = [f"  {name} = {{{value}}}," for name, value in bibtex_fields(pub, url)]
    if not lines:
        return "\n}\n"
    lines[-1] = lines[-1].rstrip(",")
    return "\n" + "\n".join(lines) + "\n}\n"


def bibtex_file(pubs: list[SitePublication], url_of=lambda pub: None) -> str:
    """Several entries, one file; `url_of(pub)` gives each entry's page URL (or None)."""
    keys = unique_keys(pubs)
    return "\n".join(bibtex_entry(p, key, url_of(p)) for p, key in zip(pubs, keys))


class Citations:
    """Each publication's BibTeX key, entry and APA reference, computed once per build.

    A paper is shown on its page, in its cite.bib and in every listing member's .bib;
    `url_of(pub)` is its page's public URL (or None), the same everywhere.
    """

    def __init__(self, url_of=lambda pub: None):
        self._url_of = url_of
        self._keys: dict[int, str] = {}
        self._bodies: dict[int, str] = {}
        self._apa: dict[int, Markup] = {}

    def key(self, pub: SitePublication) -> str:
        if id(pub) not in self._keys:
            self._keys[id(pub)] = base_key(pub)
        return self._keys[id(pub)]

    def entry(self, pub: SitePublication, key: Optional[str] = None) -> str:
        if id(pub) not in self._bodies:
            self._bodies[id(pub)] = _bibtex_body(pub, self._url_of(pub))
        return _bibtex_head(pub, key or self.key(pub)) + self._bodies[id(pub)]

    def file(self, pubs: list[SitePublication]) -> str:
        keys = unique_keys(pubs, self.key)
        return "\n".join(self.entry(p, key) for p, key in zip(pubs, keys))

    def apa(self, pub: SitePublication) -> Markup:
        if id(pub) not in self._apa:
            self._apa[id(pub)] = apa_citation(pub)
        return self._apa[id(pub)]


# --- APA 7 ---------------------------------------------------------------------------------

def apa_name(name: str) -> str:
    """'Inderjit S. Dhillon' → 'Dhillon, I. S.'; a single word stays as it is."""
    first, middle, last, suffix = _name_parts(name)
    if not last or not (first or middle):
        return name.strip()
    given = " ".join(p for p in (first, middle) if p)
    initials = " ".join(_initial(word) for word in given.split())
    last = f"{last}, {suffix}" if suffix else last
    return f"{last}, {initials}"


def _initial(word: str) -> str:
    return "-".join(f"{part[0]}." for part in word.split("-") if part)


def apa_authors(names: list[str], truncated: bool = False) -> str:
    names = [apa_name(n) for n in names]
    if not names:
        return ""
    if len(names) > APA_MAX_AUTHORS:  # APA 7: the first 19, an ellipsis, the last
        return ", ".join(names[:APA_MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    if truncated:
        return ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa_citation(pub: SitePublication) -> Markup:
    """The reference as HTML: the venue in italics, the DOI (or arXiv) link at the end."""
    record = pub.record
    authors = apa_authors([a.name for a in pub.authors] or list(record.authors), record.authors_truncated)
    year = str(record.year) if record.year else "n.d."
    title = record.title.rstrip(" .")
    venue = record.venue_full or record.venue
    parts = [escape(f"{authors} ({year}). " if authors else f"({year}). "), escape(title + ". ")]
    if venue:
        parts.append(Markup("<i>{}</i>. ").format(venue.rstrip(" .")))
    link = urls.doi_url(record.doi) if record.doi else (urls.arxiv_url(record.arxiv) if record.arxiv else None)
    if link:
        parts.append(escape(link))
    return Markup("").join(parts).rstrip()
