"""Section headings of CV-like documents: finding them and saying what each section holds.

Shared by every text extractor. Public, stable API:

    classify_section(name) -> str | None     'ACADEMIC DETAILS' -> 'education', 'Research in News' -> 'news'
    publication_defaults(name) -> (kind, status)   'Patents' -> ('patent', None), 'Preprints' -> (None, 'preprint')
    find_headings(lines) -> list[Heading]    the lines (0-based) that open a section
    BULLET_RE                                 the bullets CVs use (`-`, `*`, `•`, `○`, `$\\bullet$`)

Headings are found by shape (Markdown `#`, a `===`/`---` underline, a lone bold line, a
short standalone line) and by name. A heading whose name is not understood still opens
a section (kept verbatim in `other`) when it is written the way the document writes its
understood headings - so `## COURSES UNDERTAKEN` is a section in a CV whose other
headings are `## PUBLICATIONS`, but `## EdgeEGG - A system…` is an item inside one.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# Section kinds and the words that name them, checked in this order (the first match wins:
# 'Teaching Experience' is teaching, 'Services and Selected Awards' is awards).
_SECTION_WORDS = (
    ("news", r"\bnews\b|\bpress\b|\bmedia\b|\bannouncements?\b|\bupdates\b"),
    ("teaching", r"\bteaching\b|\bcourses taught\b"),
    ("publications", r"\bpublications?\b|\bpapers\b|\bpre-?prints?\b|\bpatents?\b|\bmanuscripts?\b"
                     r"|\bbibliography\b|\barticles\b|\btheses\b|\bbooks?\b|\bbook chapters\b"),
    ("talks", r"\btalks?\b|\bpresentations\b|\bseminars\b|\bkeynotes?\b|\blectures\b"),
    ("skills", r"\bskills?\b|\btechnologies\b|\bcompetenc(?:e|ies)\b|\bprogramming languages\b|\btools\b|^languages$"
               r"|^(?:computer |statistical )?software$"),
    ("interests", r"\binterests?\b|\bresearch areas\b|\bareas of (?:interest|research)\b|\bresearch focus\b"),
    ("awards", r"\bawards?\b|\bhonou?rs\b|\bachievements?\b|\bscholarships?\b|\bfellowships?\b|\bprizes?\b"
               r"|\bdistinctions?\b|\bgrants?\b|\brecognitions?\b|\baccomplishments\b"),
    ("education", r"\beducation(?:al)?\b|\bacademic (?:details|qualifications?|background|record|history|profile)\b"
                  r"|\bqualifications\b|\bdegrees\b"),
    ("projects", r"\bprojects?\b|\bdeployments?\b"),
    ("positions", r"\bexperiences?\b|\bemployment\b|\bpositions?\b|\bappointments?\b|\binternships?\b|\bwork\b"
                  r"|\bcareer\b|\bjobs?\b|\baffiliations?\b"),
    ("summary", r"\bsummary\b|\babout(?: me)?$|\bprofile\b|\bbiography\b|^bio$|\bobjective\b|\boverview\b"),
    ("contact", r"\bcontact\b|^links$|\bpersonal (?:information|details|data)\b"),
)
MAX_HEADING_WORDS = 8
BULLET_RE = re.compile(r"^\s*(?:[-*+•●○◦▪■►–·]|\$\\bullet\$|\\item)\s+")
_MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_UNDERLINE_RE = re.compile(r"^\s*(?:={3,}|-{3,}|~{3,})\s*$")
_BOLD_LINE_RE = re.compile(r"^\s*(?:\*\*|__)([^*_]+?)(?:\*\*|__)\s*:?\s*$")
_RUN_IN_RE = re.compile(r"^\s*(?P<name>[A-Z][A-Z&]{3,}(?:\s+(?:[A-Z&]{2,}|OF|AND))*)\s+(?P<rest>(?:[A-Z][a-z]|[A-Z]\.|\[|\d|[\"“•-]).*)$")
_SMALL_WORDS = {"and", "of", "in", "the", "for", "to", "on", "at", "&", "a", "an", "with"}


@dataclass(frozen=True, slots=True)
class Heading:
    index: int  # 0-based line number of the heading text
    text: str  # the heading without markup
    kind: str | None  # a section kind, or None for a section kept verbatim
    style: str  # markdown, underline, bold, plain
    level: int = 0  # Markdown level; 0 for the other styles
    lines: int = 1  # lines the heading takes (2 for an underlined heading)
    run_in: str = ""  # the section's first text when it ran into the heading: `EDUCATION Ph.D. in ...`


def heading_name(text: str) -> str:
    """A heading's words without Markdown, bold, numbering or trailing colon."""
    text = re.sub(r"[*_`]|^#+\s*", "", text).strip()
    text = re.sub(r"^(?:\d+\.|[IVX]+\.|[A-Z]\.)\s+", "", text)
    return text.rstrip(":").strip()


def classify_section(name: str) -> str | None:
    """The section kind a heading names, or None when no rule understands it."""
    words = heading_name(name).lower().replace("&", "and")
    if not words or len(words.split()) > MAX_HEADING_WORDS:
        return None
    for kind, pattern in _SECTION_WORDS:
        if re.search(pattern, words):
            return kind
    return None


def publication_defaults(name: str) -> tuple[str | None, str | None]:
    """(kind, status) a publications heading implies: 'Patents', 'Preprints', 'Journal Articles', ..."""
    words = heading_name(name).lower()
    only_books = _only_kind_named(words)
    if only_books:
        return only_books, None
    if re.search(r"\bpatents?\b", words):
        return "patent", None
    if re.search(r"\bpre-?prints?\b|\bunder review\b|\bsubmitted\b|\bworking papers?\b", words):
        return None, ("preprint" if "print" in words else "under-review" if "review" in words else "submitted")
    if re.search(r"\btheses\b|\bthesis\b", words):
        return "thesis", None
    if re.search(r"\bjournal", words):
        return "journal", None
    if re.search(r"\bworkshop", words):
        return "workshop", None
    if re.search(r"\bconference", words):
        return "conference", None
    return None, None


_OTHER_WORK_WORDS = re.compile(r"\b(?:journal|conference|workshop|articles?|papers?|preprints?|patents?|theses|thesis|"
                               r"proceedings|reports?|reviews?)\b")


def _only_kind_named(words: str) -> str | None:
    """'Books' -> book, 'Book Chapters' -> chapter; None when the heading also names other kinds of work."""
    if _OTHER_WORK_WORDS.search(words):
        return None
    chapters = re.search(r"\bchapters?\b", words)
    books = re.search(r"\b(?:books?|monographs?)\b", re.sub(r"\bbook chapters?\b", "", words))
    if chapters and not books:
        return "chapter"
    if books and not chapters:
        return "book"
    return None


def find_headings(lines: list[str]) -> list[Heading]:
    """The section headings of a document, in order."""
    candidates = [c for c in (_candidate(lines, i) for i in range(len(lines))) if c]
    candidates = _drop_underline_overlaps(candidates)
    known = [c for c in candidates if c.kind]
    first_known = known[0].index if known else len(lines)
    usual = _usual_styles(known)
    # Before the first understood heading stands the header (name, contact), never a section.
    return [c for c in candidates
            if c.kind or (c.index > first_known and _opens_unknown_section(c, usual, lines))]


def _candidate(lines: list[str], i: int) -> Heading | None:
    """A line shaped like a heading, whatever it names."""
    line = lines[i]
    if not line.strip() or BULLET_RE.match(line):
        return None
    m = _MARKDOWN_HEADING_RE.match(line)
    if m:
        text = heading_name(m[2])
        return Heading(i, text, classify_section(text), "markdown", len(m[1])) if text else None
    if i + 1 < len(lines) and _UNDERLINE_RE.match(lines[i + 1]) and _is_short(line):
        text = heading_name(line)
        return Heading(i, text, classify_section(text), "underline", lines=2)
    m = _BOLD_LINE_RE.match(line)
    if m and _is_short(m[1]):
        text = heading_name(m[1])
        return Heading(i, text, classify_section(text), "bold")
    if _is_short(line) and _is_title_like(line):
        text = heading_name(line)
        kind = classify_section(text)
        if i == 0 or not lines[i - 1].strip() or (kind and _case_style(text) == "caps"):
            return Heading(i, text, kind, "plain")
    return _run_in_heading(line, i)


def _run_in_heading(line: str, i: int) -> Heading | None:
    """`EXPERIENCE Staff Engineer, Cloudflare`: a capitals heading a two-column PDF ran into its
    first entry. Only a known section name counts, so an acronym opening a line is no heading."""
    m = _RUN_IN_RE.match(line)
    if not m:
        return None
    kind = classify_section(m["name"])
    if kind is None:
        return None
    return Heading(i, heading_name(m["name"]), kind, "plain", run_in=m["rest"].strip())


def _drop_underline_overlaps(candidates: list[Heading]) -> list[Heading]:
    """The `---` under an underlined heading is not itself a heading."""
    underlined = {c.index + 1 for c in candidates if c.style == "underline"}
    return [c for c in candidates if c.index not in underlined]


def _is_short(text: str) -> bool:
    words = heading_name(text).split()
    return 0 < len(words) <= MAX_HEADING_WORDS and len(text.strip()) <= 80


def _is_title_like(line: str) -> bool:
    """Capitalised words, no sentence punctuation, no URL, no date: how headings are written."""
    text = heading_name(line)
    if not text or text[-1] in ".,;" or "http" in text or "@" in text or re.search(r"\d", text):
        return False
    words = [w for w in re.split(r"[\s/]+", text) if w]
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or not w[0].isalpha() for w in words)


def _case_style(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    return "caps" if letters and all(c.isupper() for c in letters) else "title"


def _usual_styles(known: list[Heading]) -> dict[str, tuple[str, int]]:
    """For each style of the known headings (`markdown`, `plain`, …): their usual case and level."""
    usual = {}
    for style in {k.style for k in known}:
        same_style = [k for k in known if k.style == style]
        cases = Counter(_case_style(k.text) for k in same_style)
        levels = Counter(k.level for k in same_style)
        usual[style] = (cases.most_common(1)[0][0], levels.most_common(1)[0][0])
    return usual


def _opens_unknown_section(candidate: Heading, usual: dict[str, tuple[str, int]], lines: list[str]) -> bool:
    """An unknown heading opens a section when written like the document's known headings."""
    if candidate.style == "underline":
        return True
    if candidate.style == "bold" or candidate.style not in usual:
        return False
    usual_case, usual_level = usual[candidate.style]
    if _case_style(candidate.text) != usual_case:
        return False
    if usual_case == "title" and len(candidate.text.split()) > 4:
        return False
    if candidate.style == "markdown":
        return candidate.level == usual_level or usual_case == "caps"
    # A plain line: also needs a blank line after it, as the document's headings have.
    after = candidate.index + 1
    return (len(candidate.text.split()) <= 4 and not re.search(r"\d", candidate.text)
            and (after >= len(lines) or not lines[after].strip()))
