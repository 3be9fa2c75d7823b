"""CVs as PDF files: the PDF's text layer (read with pypdf), then the CV text rules.

The text is taken in pypdf's layout mode, which keeps each printed line whole, so a
date column stays beside the entry it dates. Where a page has two columns side by
side (a sidebar next to the main text), the columns are cut apart at the gap between
them and written one after the other. Line numbers in warnings count lines of that
extracted text; each warning also names its page.

Not understood: a scanned PDF (pictures of text, no text layer) - that is an error
that says so; text drawn as curves; the reading order of pages with three or more columns.
pypdf is an optional dependency: `pip install sitegen[pdf]`.
"""
from __future__ import annotations

import logging
import re
import warnings as python_warnings
from io import BytesIO
from pathlib import Path

from sitegen.extract import cv
from sitegen.model import Diagnostic, Profile
from sitegen.sources import SourceError

NAME = "pdf-cv"
DESCRIPTION = "CV as a PDF with a text layer (needs `pip install sitegen[pdf]`)"
PATTERNS = ("*.pdf",)
reads_bytes = True  # sources.py hands this format the file's bytes, not decoded text

MAX_PAGES = 40  # longer is not a CV; the first pages are read with a warning
# A page with fewer letters than this has no text layer (a scan, or text drawn as curves).
_MIN_LETTERS = 20
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
                            "\u00ad": "", "\u00a0": " "})
_DATE_CELL_RE = re.compile(r"^(?:[A-Za-z]{3,9}\.?\s+)?(?:19|20)\d\d\b.{0,25}$|^(?:present|current|now|since\b.*)$", re.I)


def sniff(text: str, path: Path) -> float:
    """A PDF read as text (its bytes as characters) starts with `%PDF-`; any other text is not one."""
    return 1.0 if text.startswith("%PDF-") else 0.0


def extract(text: str, path: Path) -> Profile:
    """The text-only contract: a PDF that reached here as text (its bytes decoded as Latin-1) is read as bytes."""
    if not text.startswith("%PDF-"):
        return Profile(warnings=[Diagnostic("not a PDF (it does not start with %PDF-); nothing was read",
                                            str(path), level="error", hint="read it with the `cv` format")])
    try:
        return extract_bytes(text.encode("latin-1", errors="replace"), path)
    except SourceError as err:
        return Profile(warnings=[err.diagnostic])


def extract_bytes(data: bytes, path: Path) -> Profile:
    """The profile the PDF's text layer describes. Raises SourceError when the PDF has no text to read."""
    shown = str(path)
    pages, notes = read_pdf_text(data, shown)
    text, page_of_line = join_pages(pages)
    profile = cv.extract(text, path)
    for warning in profile.warnings:
        if warning.path == shown and warning.line and 0 < warning.line <= len(page_of_line):
            warning.message += f" (page {page_of_line[warning.line - 1]})"
    profile.warnings[:0] = notes
    return profile


# --- the text layer ---------------------------------------------------------------------------

def read_pdf_text(data: bytes, shown: str) -> tuple[list[str], list[Diagnostic]]:
    """Each page's text in layout mode, and warnings about the file; SourceError when there is none."""
    try:
        from pypdf import PdfReader
    except ImportError:
        raise SourceError(Diagnostic("is a PDF, and reading PDFs needs pypdf, which is not installed", shown,
                                     level="error", hint="install sitegen[pdf] to read PDF CVs")) from None
    if not data.startswith(b"%PDF-"):
        raise SourceError(Diagnostic("is not a PDF (it does not start with %PDF-)", shown, level="error",
                                     hint="list it without `format: pdf-cv`"))
    notes: list[Diagnostic] = []
    if b"startxref" not in data[-2048:]:
        data += b"\nstartxref\n0\n%%EOF\n"  # no pointer to the object table: pypdf rebuilds it, as viewers do
    with _PypdfComplaints() as complaints:
        try:
            reader = PdfReader(BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise SourceError(Diagnostic("is a password-protected PDF", shown, level="error",
                                             hint="save an unprotected copy, or copy its text into a .txt file"))
            pages = [_page_text(page) for page in reader.pages[:MAX_PAGES]]
            count = len(reader.pages)
        except SourceError:
            raise
        except Exception as err:  # pypdf on a damaged file raises many kinds of errors (KeyError, zlib, struct, ...)
            raise SourceError(_damaged(shown, err)) from None
    if count > MAX_PAGES:
        notes.append(Diagnostic(f"the PDF has {count} pages; only the first {MAX_PAGES} were read", shown))
    if complaints.messages:
        notes.append(Diagnostic(f"the PDF is slightly damaged ({complaints.messages[0]}); its text was read anyway",
                                shown, hint="check the result; re-export the PDF if text is missing"))
    if sum(len(re.findall(r"\w", page)) for page in pages) < _MIN_LETTERS:
        raise SourceError(Diagnostic("this PDF has no text layer (it is a scan)", shown, level="error",
                                     hint="copy the text into a .txt file or run OCR"))
    return pages, notes


def _damaged(shown: str, err: Exception) -> Diagnostic:
    reason = str(err).split("\n")[0][:120] or type(err).__name__
    return Diagnostic(f"cannot be read as a PDF ({reason})", shown, level="error",
                      hint="re-export the PDF, or copy its text into a .txt file")


def _page_text(page) -> str:
    try:
        text = page.extract_text(extraction_mode="layout")
    except (ValueError, KeyError, IndexError, TypeError, ZeroDivisionError):  # layout mode on odd fonts
        text = page.extract_text()
    return (text or "").translate(_LIGATURES)


class _PypdfComplaints(logging.Handler):
    """pypdf's warnings about a damaged file, collected instead of printed."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self._logger = logging.getLogger("pypdf")
        self._caught = python_warnings.catch_warnings(record=True)

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self):
        self._propagate, self._logger.propagate = self._logger.propagate, False
        self._logger.addHandler(self)
        self._warned = self._caught.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.messages += [str(w.message) for w in self._warned]
        self._caught.__exit__(*exc)
        self._logger.removeHandler(self)
        self._logger.propagate = self._propagate


# --- layout text → CV text ------------------------------------------------------------------------

def join_pages(pages: list[str]) -> tuple[str, list[int]]:
    """The pages' text as one CV text (columns cut apart), and the page each of its lines is on."""
    lines: list[str] = []
    page_of_line: list[int] = []
    for number, page in enumerate(pages, 1):
        for line in _reading_order(page.split("\n")):
            if not line and (not lines or not lines[-1]):
                continue  # layout mode spaces rows as printed: one blank line says as much
            lines.append(line)
            page_of_line.append(number)
        lines.append("")
        page_of_line.append(number)
    return "\n".join(lines), page_of_line


def _reading_order(rows: list[str]) -> list[str]:
    """A page's layout rows in reading order: a sidebar column is written before the column beside it;
    a date column stays on the row it dates."""
    rows = [row.rstrip() for row in rows]
    gutter = _gutter(rows)
    if gutter is None:
        return [_tidy(row) for row in rows]
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for row in rows + [None]:
        split = row is not None and (len(row) <= gutter or not row[gutter - 1:gutter + 1].strip())
        if split:
            left.append(row[:gutter])
            right.append(row[gutter:])
            continue
        out += ["", *map(_tidy, left), "", *map(_tidy, right), ""] if left else []
        left, right = [], []
        if row is not None:
            out.append(_tidy(row))
    return out


def _gutter(rows: list[str]) -> int | None:
    """The character column of a gap (3+ spaces) that runs down most of the page with text on both sides of
    it, when the left side is not just dates (a date column is part of its rows, not a column of its own)."""
    both = [row for row in rows if re.search(r"\S\s{3,}\S", row)]
    if len(both) < 3:
        return None
    counts: dict[int, int] = {}
    for row in both:
        for gap in re.finditer(r"(?<=\S)\s{3,}(?=\S)", row):
            for column in range(gap.start() + 1, gap.end() - 1):
                counts[column] = counts.get(column, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    if best < max(3, 0.5 * len(both)):
        return None
    column = min(c for c, n in counts.items() if n == best)
    filled = [row for row in rows if row.strip()]
    crossing = [row for row in filled if len(row) > column and row[column - 1:column + 1].strip()]
    if len(crossing) > 0.5 * len(filled):
        return None  # most rows run across it: one column with a few tabbed rows
    cells = [row[:column].strip() for row in both if row[:column].strip()]
    if sum(bool(_DATE_CELL_RE.match(cell)) for cell in cells) >= 0.5 * len(cells):
        return None
    return column


def _tidy(row: str) -> str:
    """A layout row with its spacing evened out: indentation kept short, gaps inside it one space."""
    indent = len(row) - len(row.lstrip())
    return ("  " if indent >= 4 and row.lstrip()[:1] in "-•◦▪–*" else "") + re.sub(r"\s{2,}", " ", row.strip())
