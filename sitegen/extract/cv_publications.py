"""Publications as CVs list them: one entry in, one Publication out.

Layouts understood (each seen in real CVs):
  - `C.1 **Title**` / authors line / `CVPR 2022 **Oral**` (label, bold title, lines under it)
  - `NeurIPS 2023 **Title**` / authors / `Neural Information Processing Systems (To Appear).`
  - `#### Title` with bulleted description and a `Published in … (IJCAI 2022)` bullet
  - a plain title line, an authors line and a venue line
  - one-line citations: `Authors. **Title**. *Venue*, 2021.`, `Authors (2021). Title. Journal, 3(2).` (APA),
    `Authors. "Title." Venue, 2021.`, `Title, Authors, Venue 2021`
A paper listed without authors gets `authors: []` and `authors_truncated: true`:
the CV shows it but not who wrote it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.extract.cv_blocks import Entry, Line
from sitegen.extract.cv_citations import SENTENCE_RE as _SENTENCE_RE, family_first_authors_end, leading_name_run
from sitegen.extract.cv_text import join_wrapped, plain, strip_label
from sitegen.extract.dates import MONTH_PATTERN, find_year, year_of
from sitegen.extract.names import looks_like_author_list, looks_like_person_name, parse_authors
from sitegen.extract.venues import (ARXIV_ID_RE, DOI_RE, find_notes, find_short_venue, find_status,
                                    short_venue_for, venue_kind)
from sitegen.model import Origin, Publication

_VENUE_LINE_RE = re.compile(r"^\s*(?:published|submitted|accepted|presented|appeared|to appear|under review|in press|"
                            r"forthcoming|in proceedings|proceedings of|in:)\b|\bpatent\b.*\b(?:no|number|application)\b", re.I)
_APA_RE = re.compile(r"^(?P<authors>.+?)\s*\((?P<year>(?:19|20)\d\d)[a-z]?(?:,[^)]*)?\)\.?\s*(?P<title>.+?[.?!])\s+(?P<venue>.+)$")
# ACM reference format and Chicago author-date: `Authors. 2021. Title. In Venue.` / `Authors. 2021. "Title." Journal`.
_AUTHOR_YEAR_RE = re.compile(r"^(?P<authors>.+?)\.\s+(?P<year>(?:19|20)\d\d)[a-z]?\.\s+(?P<rest>.+)$")
_QUOTED_TITLE_RE = re.compile(r"[\"“](?P<title>[^\"”]{6,}?)[,.]?[\"”]")
# `, 30(2), e13245` / `, 16, 1-7` / `, vol. 3, pp. 1-10` after a journal name.
_VOLUME_PAGES_RE = re.compile(r"(?:,\s*(?:vol\.?\s*|no\.?\s*|pp?\.\s*)?e?\d+(?:\s*\([^)]*\))?(?:\s*[-–]\s*\d+)?)+\s*\.?\s*$", re.I)
# `Phys. Rev. B 109, 045412 (2024)`, `Journal of African History 61, no. 2 (2020): 201-24`: volume onwards.
_VOLUME_AFTER_NAME_RE = re.compile(r"\s+\d+\s*(?:\([^)]*\))?\s*(?:[,:]|\bno\.|\((?:19|20)\d\d\)|$).*$")
# `Title (Doctoral dissertation)`: the kind of work, written after an APA title.
_WORK_KIND_RE = re.compile(r"\s*\(((?:doctoral|ph\.?\s?d\.?|master'?s|bachelor'?s)\s+(?:dissertation|thesis)|"
                           r"technical report|unpublished manuscript)\)\s*\.?\s*$", re.I)
_BOLD_RUN_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_STATUS_PHRASE_RE = re.compile(r"^\s*(?:published\s+in|submitted\s+to|accepted\s+(?:at|to|in)|presented\s+at|"
                               r"appeared\s+in|to\s+appear\s+in|under\s+review(?:\s+(?:at|in))?|in\s+press|in:?|"
                               r"proceedings\s+of(?:\s+the)?(?=.*\b(?:conference|symposium|workshop|meeting|congress|"
                               r"annual|international|(?:19|20)\d\d|\d+(?:st|nd|rd|th))\b))\s+", re.I)


@dataclass(slots=True)
class _Parts:
    title: str = ""
    authors_text: str | None = None
    venue_texts: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    label_venue: str | None = None  # `NeurIPS 2023` written before the title
    label_year: int | None = None
    bold: list[str] = field(default_factory=list)  # bold runs of a citation read as plain text: the owner


def read_publication(entry: Entry, path: str, default_kind: str | None = None,
                     default_status: str | None = None) -> Publication | None:
    parts = _layout(entry)
    work_kind = _WORK_KIND_RE.search(plain(parts.title))
    if work_kind:
        parts.title = plain(parts.title)[: work_kind.start()]
        parts.venue_texts.append(work_kind[1])
    title = _clean_title(parts.title)
    if not title:
        return None
    publication = Publication(title, origin=Origin(path, entry.first_line, entry.last_line))
    _fill_authors(publication, parts.authors_text, parts.bold)
    _fill_venue(publication, parts, default_kind, default_status)
    if parts.description:  # a CV's bullets about the paper: the closest thing it gives to an abstract
        publication.abstract = " ".join(d if d.endswith((".", "!", "?")) else d + "." for d in parts.description)
    return publication


# --- layout: which text is the title, the authors, the venue --------------------------

def _layout(entry: Entry) -> _Parts:
    head, rest = entry.head, entry.lines[1:]
    _, text = strip_label(head.after_date if head.date else head.body)
    parts = _Parts(label_year=year_of(head.date.start) if head.date else None)
    if head.subheading:
        parts.title = text
    elif _BOLD_RUN_RE.search(text) and not quoted_after_authors(text) and not bold_marks_an_author(text):
        _bold_title_line(text, parts)
    elif rest and looks_like_author_list(rest[0].body, allow_single=True):
        parts.title = text
    else:
        # The citation's wrapped lines run up to the first bullet: text is never stitched across one.
        wrapped = next((i for i, line in enumerate(rest) if line.bulleted), len(rest))
        whole = join_wrapped([text] + [line.body for line in rest[:wrapped]])
        parts.bold = [m[1] or m[2] for m in _BOLD_RUN_RE.finditer(whole)]
        _one_line_citation(plain(whole), parts)
        rest = rest[wrapped:]
    _sort_lines(rest, parts)
    return parts


def quoted_after_authors(text: str) -> bool:
    """`**K. Tanaka**, Y. Mori, "Title," Venue` (IEEE): the bold is the owner, the quotes hold the title."""
    quoted = _QUOTED_TITLE_RE.search(plain(text))
    before = re.sub(r"[.,]?\s*\(?(?:19|20)\d\d[a-z]?\)?[.,]?\s*$", "", plain(text)[: quoted.start()]) if quoted else ""
    return bool(quoted) and looks_like_author_list(before.strip(" ,."), allow_single=True)


def bold_marks_an_author(text: str) -> bool:
    """`**Jane Doe**, Richard Roe. Title. Venue, 2021.`: the bold is the owner inside the author list.
    A bold run is an author only as a whole item of the list (`**Graph Priors** Lena Okoro, …` is a
    title run into the authors), and never when an author list follows it (`**Robust Sampling**. A, B.`)."""
    bold = _BOLD_RUN_RE.search(text)
    name = plain(bold[1] or bold[2]).strip(" ,.*†")
    if not looks_like_person_name(name):
        return False
    sentences = [s.strip(" .,;:") for s in _SENTENCE_RE.split(plain(text)) if s.strip(" .,;:")]
    at = next((i for i, s in enumerate(sentences) if name in s), None)
    if at is None:
        return False
    if sentences[at] == name:  # `**Jane Doe**. Title. Venue.`: a sole author, when a title and venue follow
        return len(sentences) >= at + 3 and not looks_like_author_list(sentences[at + 1], allow_single=False)
    return (looks_like_author_list(sentences[at], allow_single=False)
            and name in parse_authors(sentences[at]).names)


def _bold_title_line(text: str, parts: _Parts) -> None:
    """`NeurIPS 2023 **Title**`, `Authors. **Title**. *Venue*, 2021.`: the first bold run is the title."""
    bold = _BOLD_RUN_RE.search(text)
    parts.title = bold[1] or bold[2]
    before = text[: bold.start()].strip(" .,;:")
    after = text[bold.end():].strip(" .,;:")
    if before and looks_like_author_list(before, allow_single=True):
        parts.authors_text = before
    elif before:
        label = find_short_venue(plain(before))
        if label:
            parts.label_venue, parts.label_year = label.venue, label.year or parts.label_year
        else:
            parts.venue_texts.append(before)
    if not after:
        return
    sentences = [s.strip() for s in _SENTENCE_RE.split(after) if s.strip()]
    if parts.authors_text is None and sentences and looks_like_author_list(sentences[0], allow_single=True):
        parts.authors_text = sentences.pop(0)
    if sentences:
        parts.venue_texts.append(" ".join(sentences))


def _sort_lines(lines: list[Line], parts: _Parts) -> None:
    """Lines under a title: the first author-like line, venue lines, and description bullets."""
    for line in lines:
        text = line.body
        if parts.authors_text is None and not line.bulleted and looks_like_author_list(text, allow_single=True):
            parts.authors_text = text
        elif _VENUE_LINE_RE.search(plain(text)) or (not line.bulleted and not parts.description):
            parts.venue_texts.append(text)
        else:
            parts.description.append(plain(text))


def _one_line_citation(text: str, parts: _Parts) -> None:
    """A whole citation on one line: APA, quoted title, `Authors. Title. Venue`, `Title, Authors, Venue`."""
    apa = _APA_RE.match(text)
    if apa and looks_like_author_list(apa["authors"], allow_single=True):
        parts.authors_text, parts.title = apa["authors"], apa["title"]
        parts.venue_texts.append(apa["venue"])
        parts.label_year = int(apa["year"])
        return
    if _author_year_citation(text, parts) or _vancouver_citation(text, parts):
        return
    quoted = _QUOTED_TITLE_RE.search(text)
    if quoted:
        before = text[: quoted.start()].strip(" .,")
        parts.title = quoted["title"]
        parts.authors_text = before if before and looks_like_author_list(before, allow_single=True) else None
        parts.venue_texts.append(text[quoted.end():])
        return
    sentences = [s.strip() for s in _SENTENCE_RE.split(text) if s.strip()]
    if len(sentences) >= 2 and looks_like_author_list(sentences[0], allow_single=True):
        parts.authors_text, parts.title = sentences[0], sentences[1]
        parts.venue_texts.append(" ".join(sentences[2:]))
        return
    if not _family_first_citation(text, parts) and not _authors_title_venue(text, parts):
        _title_authors_venue(text, parts)


def _family_first_citation(text: str, parts: _Parts) -> bool:
    """`Tovandi, M. and Kasu, R. Title. Venue, 2021.`: the list ends at its last initial; False when not that shape."""
    end = family_first_authors_end(text)
    if end is None:
        return False
    sentences = [s.strip() for s in _SENTENCE_RE.split(text[end:]) if s.strip()]
    if not sentences:
        return False
    parts.authors_text, parts.title = text[:end], sentences[0]
    parts.venue_texts.append(" ".join(sentences[1:]))
    return True


# A comma piece that starts the venue: it holds a year or a volume (`J. Catal. 405 (2022) 112–124`).
_VENUE_PIECE_RE = re.compile(r"\b(?:19|20)\d\d\b|^[A-Z][\w.&-]*(?:\s+[A-Z&][\w.&-]*)*\s+\d")


def _authors_title_venue(text: str, parts: _Parts) -> bool:
    """`A. Author, B. Author, Title, J. Abbrev. 12 (2020) 1–9.` (chemistry, physics): names, then the
    title, then the venue from the first piece with a year or volume; False when not that shape."""
    pieces = [p.strip() for p in re.split(r",\s+", text)]
    run = 0
    while run < len(pieces) and leading_name_run(pieces[run:run + 1]):
        run += 1
    if leading_name_run(pieces[:run]) < 2 or run >= len(pieces) - 1:
        return False
    venue_at = next((i for i in range(run + 1, len(pieces)) if _VENUE_PIECE_RE.search(pieces[i])), None)
    if venue_at is None:
        return False
    parts.authors_text = ", ".join(pieces[:run])
    parts.title = ", ".join(pieces[run:venue_at])
    parts.venue_texts.append(", ".join(pieces[venue_at:]))
    return True


def _author_year_citation(text: str, parts: _Parts) -> bool:
    """`Authors. 2021. Title. In Venue. 415-430.` (ACM, Chicago author-date); False when not that shape."""
    m = _AUTHOR_YEAR_RE.match(text)
    if not m or not looks_like_author_list(m["authors"], allow_single=True):
        return False
    quoted = _QUOTED_TITLE_RE.match(m["rest"])
    if quoted:
        title, venue = quoted["title"], m["rest"][quoted.end():]
    else:
        pieces = _SENTENCE_RE.split(m["rest"], maxsplit=1)
        title, venue = pieces[0], (pieces[1] if len(pieces) > 1 else "")
    parts.authors_text, parts.title, parts.label_year = m["authors"], title, int(m["year"])
    parts.venue_texts.append(re.sub(r"^\s*In:?\s+", "", venue.strip(" .")))
    return True


# Vancouver (medicine, biology): `Okafor-Smith D, Chen L, Harris KD. Title. Journal 27:1021–33.`
_VANCOUVER_NAME = r"(?:[a-z]{1,3}\s+){0,2}[^\W\d_][\w'’-]+(?:[\s-][^\W\d_][\w'’-]+){0,2}\s+[A-Z]{1,3}"
_VANCOUVER_RE = re.compile(rf"^(?P<authors>{_VANCOUVER_NAME}(?:,\s*{_VANCOUVER_NAME})*(?:,?\s+et\s+al)?)\.\s+(?P<rest>\S.*)$")


def _vancouver_citation(text: str, parts: _Parts) -> bool:
    """Family names and bare initials, a full stop, the title, the journal; False when not that shape."""
    m = _VANCOUVER_RE.match(text)
    if not m or not looks_like_author_list(m["authors"], allow_single=True):
        return False
    pieces = _SENTENCE_RE.split(m["rest"], maxsplit=1)
    parts.authors_text, parts.title = m["authors"], pieces[0]
    parts.venue_texts.append(pieces[1] if len(pieces) > 1 else "")
    return True


def _title_authors_venue(text: str, parts: _Parts) -> None:
    """`Title, A. Author, B. Author, Venue 2021`: the run of person names splits title from venue.
    Each part keeps the text as written (its own commas and `and`s)."""
    tokens = re.split(r"(,\s+|\s+and\s+)", text)
    pieces = [p.strip() for p in tokens[::2]]
    names = [looks_like_person_name(p) for p in pieces]
    if any(names[1:]):
        start = names.index(True, 1)
        end = start
        while end < len(pieces) and names[end]:
            end += 1
        parts.title = "".join(tokens[: 2 * start - 1])
        parts.authors_text = "".join(tokens[2 * start: 2 * end - 1])
        parts.venue_texts.append("".join(tokens[2 * end:]))
    else:
        parts.title = text  # nothing to split on: keep the whole line as the title


# --- fields --------------------------------------------------------------------

def _clean_title(text: str) -> str:
    title = plain(text).strip()
    title = re.sub(r"^[\"“'‘]|[\"”'’]$", "", title).strip()
    return title.rstrip(" .,;:").strip()


def _fill_authors(publication: Publication, authors_text: str | None, bold: list[str]) -> None:
    if authors_text is None:
        publication.authors_truncated = True  # the CV lists the paper but not its authors
        return
    authors = parse_authors(authors_text)
    publication.authors = authors.names
    publication.authors_truncated = authors.truncated
    publication.equal_contribution = authors.equal_contribution
    publication.owner_author = authors.owner or next((n for n in authors.names if n in bold), None)


def _fill_venue(publication: Publication, parts: _Parts, default_kind: str | None, default_status: str | None) -> None:
    text = plain(" ".join(parts.venue_texts))
    arxiv, doi = ARXIV_ID_RE.search(text), DOI_RE.search(text)
    publication.arxiv = arxiv[1] if arxiv else None
    publication.doi = doi[1] if doi else None
    status = find_status(text)
    short = find_short_venue(text)
    publication.venue = parts.label_venue or (short.venue if short else None)
    publication.year = parts.label_year or (short.year if short and short.year else None) or _venue_year(text)
    publication.venue_full, notes = _full_venue(parts.venue_texts, publication.venue, default_kind)
    if publication.venue is None and publication.venue_full:
        # A journal without a usual short name (`Nature Methods`) is named in full.
        publication.venue = short_venue_for(publication.venue_full) or publication.venue_full
    publication.notes = notes
    publication.kind = default_kind or venue_kind(publication.venue, text)
    if status:
        publication.status = status.value
    elif publication.kind == "patent":
        publication.status = None
    elif default_status:
        publication.status = default_status
    elif publication.venue or publication.venue_full:
        publication.status = "preprint" if publication.kind == "preprint" else "published"


def _venue_year(text: str) -> int | None:
    cleaned = ARXIV_ID_RE.sub("", DOI_RE.sub("", text))
    return find_year(cleaned)


_ITALIC_RUN_RE = re.compile(r"(?<![\w*])\*(?!\*)([^*]+?)\*(?![\w*])|(?<!\w)_(?!_)([^_]+?)_(?!\w)")


def _italic_venue(texts: list[str]) -> str | None:
    """`*Amphibia-Reptilia*, 2019`, `*bioRxiv* preprint`: a citation that italicises only its venue names it so."""
    runs = [m[1] or m[2] for text in texts for m in _ITALIC_RUN_RE.finditer(text)]
    if len(runs) != 1:
        return None
    run = plain(runs[0]).strip(" .,;:")
    if not run[:1].isalpha() or not re.search(r"[A-Z]", run) or find_status(run) or find_notes(run):
        return None
    return run


def _full_venue(texts: list[str], short: str | None, kind: str | None) -> tuple[str | None, list[str]]:
    """The full venue name written on a venue line, and the notes (`Spotlight paper`) beside it."""
    notes: list[str] = []
    full = None if kind == "patent" else _italic_venue(texts)
    for raw in texts:
        text = plain(raw)
        notes += find_notes(text)
        if kind == "patent":
            notes.append(text.strip(" ."))
            continue
        text = _STATUS_PHRASE_RE.sub("", text)
        text = re.sub(r"\(\s*(?:to appear|accepted|in press|forthcoming|under review)\s*\)", "", text, flags=re.I)
        text = re.sub(r"\s+[-–—]\s+(.+)$", lambda m: notes.append(m[1].strip(" .")) or "", text)
        for note in notes:
            text = text.replace(note, "")
        text = re.sub(r"\(\s*[A-Z][A-Za-z-]*[A-Z][A-Za-z-]*(?:\s*\d{4})?\s*\)", "", text)  # `(IJCAI 2022)`
        text = re.sub(r"\b(?:arxiv|pre-?print)\b.*$", "", text, flags=re.I) if short != "arXiv" else ""
        with_volume = bool(_VOLUME_PAGES_RE.search(text) or _VOLUME_AFTER_NAME_RE.search(text))
        text = _VOLUME_PAGES_RE.sub("", text)
        text = re.sub(r",\s*(?:edited|ed\.|eds\.)\s+by\b.*$", "", text)  # a chapter's book, then its editors
        text = re.sub(r",?\s*\b(?:vol|no|pp|pages)\.?\s*\d.*$", "", text, flags=re.I)  # IEEE: `, vol. 22, no. 4`
        text = _VOLUME_AFTER_NAME_RE.sub("", text)
        text = re.sub(rf",?\s*(?:{MONTH_PATTERN}\s*)?(?:19|20)\d\d\b.*$", "", text, flags=re.I)
        text = re.sub(r"\(\s*\)", "", text).strip(" .,;:")
        if short and text.strip() == short:
            continue
        # One word is a venue only with a volume after it (`Neuron 105:412–425`), not a lone `Seoul`.
        if full is None and (len(text.split()) >= 2 or with_volume) and text[:1].isupper():
            full = text
    return full, [n for n in dict.fromkeys(notes) if n]
