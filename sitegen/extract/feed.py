"""Paper feeds copied from arXiv-style listing pages.

Two layouts are read:

* card listings (alphaXiv and similar): a header line with the subject code and date
  run together (`LGOct 16, 2022Code`, `98.1LGMay 12`), then the title with the author
  list run into it (`…Output SpacesNilesh Gupta, Patrick H. Chen et al.`) or on its own
  line, then the abstract;
* arXiv listings and search results: `arXiv:2401.01234 [cs.LG]` lines followed by
  `Title:`, `Authors:`, `Subjects:`, `Abstract:`, `Submitted …` fields.

A feed never names its owner: `name` stays None and the config supplies it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.extract.arxiv_categories import CATEGORY_PATTERN
from sitegen.extract.dates import (MONTH_PATTERN as _MONTH, YEAR_PATTERN as _YEAR, find_dates,
                                  fold_ignorecase_twins, parse_date, year_of)
from sitegen.extract.names import (NAME_PARTICLES, NOT_NAME_WORDS, AuthorList, looks_like_author_list,
                                  parse_authors)
from sitegen.model import Diagnostic, Link, Origin, OtherSection, Profile, Publication

NAME = "paper-feed"
DESCRIPTION = "a paper feed copied from an arXiv-style listing (alphaXiv cards, arXiv listings and search results)"
PATTERNS = ("*feed*.txt", "*arxiv*.txt", "*papers*.txt")

# Link labels a card shows next to its date; they carry no address once copied.
_LINK_LABEL = r"(?:Code|PDF|Project|Blog|Video|Slides|Website|Demo|Paper|HTML|Data|Dataset|GitHub|Poster)"
_HEADER_DATE = (rf"(?i:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*{_YEAR})?(?!\d)"
                rf"|\d{{1,2}}\s+{_MONTH},?(?:\s+{_YEAR})?|{_YEAR}-\d{{2}}-\d{{2}}|{_MONTH},?\s+{_YEAR})")
_SEP = r"[\s·•|,;]*"
# `98.1LGMay 12` / `cs.LG cs.AI · Oct 16, 2022 · Code`: optional popularity number, codes, date, labels.
_CARD_HEADER = re.compile(
    rf"^\s*(?:\d+(?:\.\d+)?[kKmM]?{_SEP})?(?P<codes>{CATEGORY_PATTERN}(?:{_SEP}{CATEGORY_PATTERN})*)"
    rf"{_SEP}(?P<date>{_HEADER_DATE}){_SEP}(?P<labels>(?:{_LINK_LABEL}{_SEP})*)$")
_LABELS_ONLY = re.compile(rf"^\s*(?:{_LINK_LABEL}{_SEP})+$")
_NUMBER_ONLY = re.compile(r"^\s*\d+(?:[.,]\d+)?[kKmM]?\s*$")  # a counter (views, votes) shown by the page

_ARXIV_ID = r"(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})"
_ARXIV_LINE = re.compile(rf"^\s*(?:\[\d+\]\s*)?arXiv:\s*(?P<id>{_ARXIV_ID})(?:v\d+)?\b(?P<rest>.*)$", re.I)
_FIELD = re.compile(r"^\s*(?P<field>Title|Authors?|Comments|Subjects|Abstract|Journal-ref|DOI|Report-no"
                    r"|MSC-class|ACM-class)\s*:\s*(?P<value>.*)$|^\s*(?P<submitted>(?:\[\s*)?Submitted\b.*)$", re.I)
_MORE_LESS = re.compile(r"\s*[▽△]\s*(?:More|Less)\s*$")  # arXiv search results' expand/collapse links
_CODE_IN_PARENS = re.compile(rf"\(({CATEGORY_PATTERN})\)")


@dataclass(slots=True)
class _Record:
    """The lines of one paper: where it starts, its header fields, its body lines."""

    line: int
    end_line: int
    body: list[tuple[int, str]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    date_text: str | None = None
    arxiv: str | None = None


def sniff(text: str, path: Path) -> float:
    """Sure when several card headers or several arXiv id + `Authors:` records are present."""
    lines = text.splitlines()[:5000]
    cards = sum(1 for line in lines if len(line) < 160 and _CARD_HEADER.match(line))
    ids = sum(1 for line in lines if _ARXIV_LINE.match(line))
    authors = sum(1 for line in lines if re.match(r"^\s*Authors?\s*:", line))
    evidence = max(cards, min(ids, authors))
    return {0: 0.0, 1: 0.35, 2: 0.7}.get(evidence, 0.95)


def extract(text: str, path: Path) -> Profile:
    """The feed's papers as a Profile with no name; text the rules did not read goes to `other`."""
    shown = str(path)
    lines = list(enumerate(text.splitlines(), start=1))
    profile = Profile()
    preamble, records = _split_records(lines, _card_header)
    if not records:
        preamble, records = _split_records(lines, _arxiv_header)
    default_year = _year_for_yearless_dates(records, shown, profile.warnings)
    for record in records:
        publication = _publication(record, shown, default_year, profile.warnings)
        if publication:
            profile.publications.append(publication)
    content = [(n, s.strip()) for n, s in preamble if s.strip()]
    if content:
        profile.other.append(OtherSection("Text before the first paper", [s for _, s in content],
                                          Origin(shown, content[0][0], content[-1][0])))
    return profile


# --- splitting the feed into records -----------------------------------------------

def _card_header(number: int, line: str) -> _Record | None:
    """A card layout record's first line: subject codes and a date (`98.1LGMay 12`)."""
    header = _CARD_HEADER.match(line) if len(line) < 160 else None
    if not header:
        return None
    codes = re.findall(CATEGORY_PATTERN, header["codes"])
    return _Record(number, number, codes=codes, date_text=fold_ignorecase_twins(header["date"]))


def _arxiv_header(number: int, line: str) -> _Record | None:
    """An arXiv listing or search result's first line: `[1] arXiv:2401.01234 [pdf] cs.LG`."""
    id_line = _ARXIV_LINE.match(line)
    if not id_line:
        return None
    codes = re.findall(rf"(?<![\w.-])({CATEGORY_PATTERN})(?![\w-])", id_line["rest"])
    return _Record(number, number, codes=codes, arxiv=id_line["id"])


def _split_records(lines, header):
    """The lines before the first record, and the records that `header` starts."""
    preamble, records = [], []
    for number, line in lines:
        record = header(number, line)
        if record:
            records.append(record)
        elif records:
            _add_body_line(records[-1], number, line)
        else:
            preamble.append((number, line))
    return preamble, records


def _add_body_line(record: _Record, number: int, line: str) -> None:
    text = _MORE_LESS.sub("", line).strip()
    if not text or _LABELS_ONLY.match(text) or _NUMBER_ONLY.match(text):
        return  # page furniture: link labels and counters say nothing about the paper
    record.body.append((number, text))
    record.end_line = number


# --- one record -> one publication ------------------------------------------------

def _publication(record: _Record, shown: str, default_year: int | None,
                 warnings: list[Diagnostic]) -> Publication | None:
    fields, plain = _fields(record.body)
    if not plain and "title" not in fields:
        warnings.append(Diagnostic("a paper header with no title after it; skipped", shown, record.line))
        return None
    title, authors, abstract_lines = _title_authors_abstract(fields, plain, shown, warnings)
    publication = Publication(title=title, authors=authors.names, authors_truncated=authors.truncated,
                              equal_contribution=authors.equal_contribution,
                              venue="arXiv", kind="preprint", status="preprint",
                              origin=Origin(shown, record.line, record.end_line))
    publication.abstract = "\n".join(abstract_lines) or None
    publication.categories = _categories(record, fields)
    publication.date = _date(record, fields, default_year)
    publication.year = year_of(publication.date)
    if record.arxiv:
        publication.arxiv = record.arxiv
        publication.links.append(Link(f"https://arxiv.org/abs/{record.arxiv}", "arxiv"))
    publication.notes = [f"{name.capitalize()}: {value}" for name, value in fields.items()
                         if name in ("comments", "journal-ref", "report-no", "msc-class", "acm-class")]
    if fields.get("doi"):
        publication.doi = fields["doi"]
    return publication


def _fields(body: list[tuple[int, str]]):
    """`Name: value` fields (wrapped lines joined) and the lines that belong to no field."""
    fields: dict[str, str] = {}
    plain: list[tuple[int, str]] = []
    current = None
    for number, text in body:
        match = _FIELD.match(text)
        if match and match["submitted"]:
            fields["submitted"], current = match["submitted"], None
        elif match:
            name = match["field"].lower()
            current = "author" if name.startswith("author") else name
            fields[current] = match["value"].strip()
        elif current and not plain and _continues(current, text):
            fields[current] += " " + text
        else:
            plain.append((number, text))
    return fields, plain


def _continues(field_name: str, text: str) -> bool:
    """Whether a line without a `Name:` is the wrapped rest of the field before it, not the abstract."""
    if field_name == "abstract":
        return True
    if field_name == "author":
        return looks_like_author_list(text, allow_single=True)
    if field_name == "subjects":
        return bool(_CODE_IN_PARENS.search(text))
    return field_name in ("title", "comments", "journal-ref") and len(text) < 100 and not text.endswith(".")


def _title_authors_abstract(fields, plain, shown, warnings):
    """Title, authors and abstract lines from `Title:`/`Authors:` fields or from plain lines."""
    rest = list(plain)
    title, authors = fields.get("title"), AuthorList()
    if title is None:
        number, first = rest.pop(0)
        cut, guessed = author_list_start(first)
        title, authors = (first[:cut], parse_authors(first[cut:])) if cut is not None else (first, authors)
        if guessed:
            warnings.append(Diagnostic(f"title and authors told apart by a guess: {title.strip()!r}", shown, number))
    if "author" in fields:
        authors = parse_authors(fields["author"])
    elif not authors.names and rest and looks_like_author_list(rest[0][1], allow_single=True):
        authors = parse_authors(rest.pop(0)[1])
    abstract = [fields["abstract"]] if fields.get("abstract") else []
    return title.strip(), authors, abstract + [text for _, text in rest]


def _categories(record: _Record, fields: dict[str, str]) -> list[str]:
    codes = list(record.codes) + _CODE_IN_PARENS.findall(fields.get("subjects", ""))
    return list(dict.fromkeys(codes))


def _date(record: _Record, fields: dict[str, str], default_year: int | None) -> str | None:
    if record.date_text:
        return parse_date(record.date_text, default_year=default_year)
    submitted = find_dates(fold_ignorecase_twins(fields.get("submitted", "")))
    if submitted:
        return submitted[0]
    # An arXiv id starts with the year and month it was first sent: 2401.01234, hep-th/9901001.
    sent = re.search(r"(?:^|/)(\d{2})(0[1-9]|1[0-2])(?:\.|\d{3}$)", record.arxiv or "")
    if sent:
        century = "19" if int(sent[1]) >= 91 else "20"
        return f"{century}{sent[1]}-{sent[2]}"
    return None


def _year_for_yearless_dates(records: list[_Record], shown: str, warnings: list[Diagnostic]) -> int | None:
    """The year of `Jan 22`-style dates: a page drops the year only for its current year,
    so those dates are one year after the latest year the feed states."""
    yearless = [r for r in records if r.date_text and not re.search(_YEAR, r.date_text)]
    if not yearless:
        return None
    years = [int(y) for r in records if r.date_text for y in re.findall(_YEAR, r.date_text)]
    if not years:
        warnings.append(Diagnostic(f"{len(yearless)} date(s) without a year (e.g. {yearless[0].date_text!r}) "
                                   "and no dated paper to infer it from; dates left out", shown, yearless[0].line))
        return None
    year = max(years) + 1
    warnings.append(Diagnostic(f"year-less dates (e.g. {yearless[0].date_text!r}) taken to be {year}, "
                               "the year after the latest one the feed states", shown, yearless[0].line,
                               hint="correct the dates in a YAML override if the page was older"))
    return year


# --- where the author list starts in a title line -----------------------------------

_ET_AL = re.compile(r"(?:\s*,)?\s*(?:et\.?\s+al\.?|…|\.{3}|\+\s*\d+\s+authors?)\s*$", re.I)
_AUTHOR_SEPARATOR = re.compile(r"\s*[,;]\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
# Words that titles capitalise and names never have (beyond those names.NOT_NAME_WORDS lists).
_TITLE_WORDS = {"that", "this", "these", "those", "what", "when", "where", "why", "how", "which", "into",
                "onto", "beyond", "through", "without", "across", "against", "versus", "does", "not", "all", "than"}
# Family names with a capital inside: McDonald, MacKay, DeVries, LeCun, O'Brien, D'Souza.
_INNER_CAPITAL_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|[OD]['’])")


def author_list_start(line: str) -> tuple[int | None, bool]:
    """Where the author list run into a title begins (`…Output SpacesNilesh Gupta, Patrick H. Chen et al.`),
    or None; and whether that is a guess.

    Entries are read from the end while they are names; the first author is found inside
    the remaining text at a letter→capital boundary with no space (`SpacesNilesh`), or,
    failing that, as its last words when other names or `et al.` already prove a list.
    """
    body = _ET_AL.sub("", line)
    has_et_al = body != line and "al" in line[len(body):]
    starts = [0] + [m.end() for m in _AUTHOR_SEPARATOR.finditer(body)]
    ends = [m.start() for m in _AUTHOR_SEPARATOR.finditer(body)] + [len(body)]
    later_sizes: list[int] = []
    for start, end in reversed(list(zip(starts, ends))):
        segment = body[start:end]
        if start > 0 and _is_person_name(segment):
            later_sizes.append(len(segment.split()))
            continue
        cut = _run_together_cut(segment)
        if cut is not None:
            return start + cut, False
        if later_sizes or has_et_al:
            size = min(3, max(2, round(sum(later_sizes) / len(later_sizes)))) if later_sizes else 2
            tail = _trailing_words(segment, size)
            if tail and _is_person_name(tail):
                return start + len(segment) - len(tail), True
        return None, False
    return None, False


def _run_together_cut(segment: str) -> int | None:
    """Where a name starts right after the title with no space (`SpacesNilesh`, `BERTJohn`, `4oJane`)."""
    for i in range(1, len(segment) - 1):
        before, here, after = segment[i - 1], segment[i], segment[i + 1]
        if here.isupper() and after.islower() and not before.isspace() and before not in "-'’" \
                and not _is_plural_acronym(segment, i) and _is_person_name(segment[i:]):
            return i
    return None


def _is_plural_acronym(text: str, i: int) -> bool:
    """`LLMs`, `GANs`: a capital and `s` closing a run of capitals ends an acronym, it starts no name."""
    return text[i - 1].isupper() and text[i + 1] == "s" and text[i + 2:i + 3] in ("", " ", ",", ":", ")")


def _trailing_words(segment: str, size: int) -> str | None:
    words = segment.split()
    return " ".join(words[-size:]) if len(words) > size else None


def _is_person_name(text: str) -> bool:
    """A given and family name whose words are plainly capitalised (`Hsiang-Fu Yu`, `Patrick H. Chen`):
    a word with a capital inside (`SpacesNilesh`) is a title running into a name."""
    words = text.split()
    return 2 <= len(words) <= 5 and _is_name_word(words[-1]) and all(
        (_is_name_word(w) and w.lower() not in NOT_NAME_WORDS | _TITLE_WORDS) or _is_initials(w) or w in NAME_PARTICLES
        for w in words)


def _is_name_word(word: str) -> bool:
    prefix = _INNER_CAPITAL_PREFIX.match(word)
    if prefix and word[prefix.end():][:1].isupper():
        word = word[prefix.end():]
    parts = re.split(r"[-'’]", word)
    return bool(parts[0]) and all(
        p and p[0].isalpha() and (p[0].isupper() or i > 0) and p[1:].isalpha() and p[1:].islower()
        for i, p in enumerate(parts))


def _is_initials(word: str) -> bool:
    """`H.`, `A`, `J.-P.`, `I.S.`: one or two capitals, each maybe with a period."""
    return bool(re.fullmatch(r"[^\W\d_]\.?(?:-?[^\W\d_]\.?)?", word)) and word.replace(".", "").replace("-", "").isupper()
