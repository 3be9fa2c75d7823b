"""Where one citation ends and the next begins in a CV's publication list.

A paragraph of one-line citations is one paper per line; a PDF paste wraps citations with
no blank line between them, so a new one starts after a line that ends like a citation
(year, pages, full stop) when the next line opens with an author list.
"""
from __future__ import annotations

import re

from sitegen.extract.cv_blocks import Entry, Line
from sitegen.extract.cv_text import join_wrapped, plain
from sitegen.extract.dates import find_year
from sitegen.extract.names import looks_like_author_list, looks_like_person_name

# A sentence break that is not an initial (`J. Smith`) or an abbreviation; a sentence may open with `bioRxiv`.
SENTENCE_RE = re.compile(r"(?<!\b[A-Z])(?<!\bet al)(?<!\bvs)(?<!\bno)(?<!\bVol)\.\s+(?=[A-Z\"“*_(]|[a-z]{1,4}[A-Z])|\?\s+(?=[A-Z])")


def split_citation_lines(entry: Entry) -> list[Entry]:
    """A paragraph of one-line citations (each with its year) is one entry per line; a paragraph
    of wrapped citations (a PDF paste with no blank line between them) is cut where one ends."""
    lines = entry.lines
    if len(lines) > 1 and not any(line.subheading for line in lines) and all(
            find_year(line.body) and (line.body.count(",") >= 2 or SENTENCE_RE.search(line.body)) for line in lines):
        return [Entry([line]) for line in lines]
    if len(lines) > 1 and not any(line.subheading or line.bulleted for line in lines):
        return _split_wrapped_citations(entry)
    return [entry]


# A citation's last line ends with its year, its pages or a full stop.
_CITATION_END_RE = re.compile(r"(?:[.)]|\b(?:19|20)\d\d[a-z]?|\d+\s*[-–]\s*\d+)\W{0,2}$")


def _split_wrapped_citations(entry: Entry) -> list[Entry]:
    """Wrapped citations: a new one starts after a line ending like a citation (a year seen so far)
    when the line opens with authors (`K. Laine and H. Aalto, "…`, `Smith, J. (2020).`)."""
    groups: list[list[Line]] = [[entry.lines[0]]]
    for line in entry.lines[1:]:
        current = groups[-1]
        previous = current[-1].body.strip()
        if (_CITATION_END_RE.search(previous) and find_year(join_wrapped([l.body for l in current]))
                and opens_with_authors(line.body)):
            groups.append([line])
        else:
            current.append(line)
    return [Entry(group) for group in groups]


def opens_with_authors(text: str) -> bool:
    """Whether a line starts with an author list: before a quoted title, an APA `(2020)`, the first
    sentence, or a run of two or more names separated by commas."""
    text = plain(text)
    quote = re.search(r"[\"“]", text)
    apa_year = re.search(r"\s\((?:19|20)\d\d[a-z]?[,)]", text)
    sentence = SENTENCE_RE.search(text)
    for cut in (quote, apa_year, sentence):
        if cut and cut.start() > 0:
            prefix = text[: cut.start()].strip(" ,.")
            if prefix and looks_like_author_list(prefix, allow_single=bool(cut is not sentence)):
                return True
    return leading_name_run(re.split(r",\s+", text)) >= 2 or family_first_authors_end(text) is not None


# An initial that may close a family-first author list: `Kasu, R.` / `Kasu, R. J.` before the title.
_CLOSING_INITIAL_RE = re.compile(r"(?<![\w.])[A-Z]\.(?:\s?-?[A-Z]\.)*(?=\s+[\"“‘'(*_]?[A-Z0-9])")
_FAMILY_INITIAL_RE = re.compile(r"[^\W\d_][\w'’-]+,\s+[A-Z]\.")


def family_first_authors_end(text: str) -> int | None:
    """Where an author list written family name first ends, when `text` opens with one
    (`Tovandi, M. and Kasu, R. Title. Venue, 2021.`): its last initial's full stop is not a sentence
    break, so the list ends at the last initial before which every name is a person's."""
    end = None
    for m in _CLOSING_INITIAL_RE.finditer(text):
        prefix = text[: m.end()]
        if _FAMILY_INITIAL_RE.match(prefix) and looks_like_author_list(prefix, allow_single=True):
            end = m.end()
        elif end is not None or m.start() > 200:
            break  # the list has ended (a title or venue follows), or never started
    return end


def leading_name_run(pieces: list[str]) -> int:
    """How many of the first comma pieces are person names (`A and B` counts as names)."""
    count = 0
    for piece in pieces:
        names = [n for n in re.split(r"\s+and\s+|^and\s+", piece.strip()) if n]
        if not names or not all(looks_like_person_name(n) for n in names):
            break
        count += len(names)
    return count
