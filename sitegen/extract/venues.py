"""Where and how a publication appeared: short venue, full venue, status words, kind.

Shared by every text extractor. Public, stable API:

    find_status(text) -> Match | None        `Under review` -> under-review, `(To Appear)` -> accepted, ...
    find_short_venue(text) -> VenueMatch | None   `CVPR 2022`, `(IJCAI 2022)`, `(TASLP)`, `arXiv:1905.09209`
    short_venue_for(full) -> str | None      `Neural Information Processing Systems` -> `NeurIPS`
    venue_kind(venue, text) -> str | None    conference, journal, workshop, preprint, patent, thesis, book
    find_notes(text) -> list[str]            `Oral (top 4.2% papers)`, `Spotlight paper`, `Best Paper Award`
    ARXIV_ID_RE, DOI_RE                      identifiers as written in citations
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(?:19[5-9]\d|20\d\d)"
ARXIV_ID_RE = re.compile(r"(?:arXiv[:\s]*|arxiv\.org/(?:abs|pdf)/)(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.I)
DOI_RE = re.compile(r"(?:doi[:\s]*|doi\.org/)(10\.\d{4,9}/[^\s,;\]]+[^\s,;.\]])", re.I)

# Status words as CVs write them, most specific first.
_STATUS_PATTERNS = (
    ("under-review", r"\bunder\s+(?:review|submission)\b|\bin\s+review\b|\bunder\s+revision\b|\brevise\s+and\s+resubmit\b|\bR&R\b"),
    ("submitted", r"\bsubmitted\b"),
    ("in-preparation", r"\bin\s+prep(?:aration|\.)|\bworking\s+paper\b|\bforthcoming\s+manuscript\b"),
    ("accepted", r"\bto\s+appear\b|\baccepted\b|\bforthcoming\b|\bin\s+press\b|\bconditionally\s+accepted\b"),
    ("preprint", r"\bpre-?print\b|\barxiv\b|\bSSRN\b|\bbioRxiv\b|\bmedRxiv\b"),
    ("published", r"\bpublished\b|\bappeared\s+in\b"),
)
_STATUS_RES = tuple((status, re.compile(pattern, re.I)) for status, pattern in _STATUS_PATTERNS)

# Short venue name -> (kind, full names it is known by). A starting list; unknown
# acronyms followed by a year are still found by shape.
KNOWN_VENUES: dict[str, tuple[str, tuple[str, ...]]] = {
    "NeurIPS": ("conference", ("Neural Information Processing Systems", "Advances in Neural Information Processing Systems")),
    "NIPS": ("conference", ()),
    "ICML": ("conference", ("International Conference on Machine Learning",)),
    "ICLR": ("conference", ("International Conference on Learning Representations",)),
    "COLT": ("conference", ("Conference on Learning Theory",)),
    "AISTATS": ("conference", ("International Conference on Artificial Intelligence and Statistics",)),
    "UAI": ("conference", ("Conference on Uncertainty in Artificial Intelligence", "Uncertainty in Artificial Intelligence")),
    "CVPR": ("conference", ("Conference on Computer Vision and Pattern Recognition", "Computer Vision and Pattern Recognition")),
    "ICCV": ("conference", ("International Conference on Computer Vision",)),
    "ECCV": ("conference", ("European Conference on Computer Vision",)),
    "WACV": ("conference", ("Winter Conference on Applications of Computer Vision",)),
    "BMVC": ("conference", ("British Machine Vision Conference",)),
    "AAAI": ("conference", ("AAAI Conference on Artificial Intelligence", "Association for the Advancement of Artificial Intelligence")),
    "IJCAI": ("conference", ("International Joint Conference on Artificial Intelligence", "International Joint Conferences on Artificial Intelligence")),
    "ACL": ("conference", ("Annual Meeting of the Association for Computational Linguistics", "Association for Computational Linguistics")),
    "EMNLP": ("conference", ("Conference on Empirical Methods in Natural Language Processing", "Empirical Methods in Natural Language Processing")),
    "NAACL": ("conference", ("North American Chapter of the Association for Computational Linguistics",)),
    "EACL": ("conference", ("European Chapter of the Association for Computational Linguistics", "European Chapter for the Association for Computational Linguistics")),
    "COLING": ("conference", ("International Conference on Computational Linguistics",)),
    "KDD": ("conference", ("Knowledge Discovery and Data Mining",)),
    "ECML-PKDD": ("conference", ()),
    "WWW": ("conference", ("The Web Conference",)),
    "SIGIR": ("conference", ()),
    "WSDM": ("conference", ("Web Search and Data Mining",)),
    "CIKM": ("conference", ("Conference on Information and Knowledge Management",)),
    "RecSys": ("conference", ("Conference on Recommender Systems",)),
    "MLSys": ("conference", ("Conference on Machine Learning and Systems",)),
    "ICASSP": ("conference", ("International Conference on Acoustics, Speech and Signal Processing",)),
    "Interspeech": ("conference", ()),
    "ICRA": ("conference", ("International Conference on Robotics and Automation",)),
    "IROS": ("conference", ("International Conference on Intelligent Robots and Systems",)),
    "CoRL": ("conference", ("Conference on Robot Learning",)),
    "RSS": ("conference", ("Robotics: Science and Systems",)),
    "SIGGRAPH": ("conference", ()),
    "CHI": ("conference", ("Conference on Human Factors in Computing Systems",)),
    "STOC": ("conference", ("Symposium on Theory of Computing",)),
    "FOCS": ("conference", ("Symposium on Foundations of Computer Science",)),
    "SODA": ("conference", ("Symposium on Discrete Algorithms",)),
    "OSDI": ("conference", ()), "SOSP": ("conference", ()), "NSDI": ("conference", ()),
    "USENIX Security": ("conference", ()), "CCS": ("conference", ()), "PLDI": ("conference", ()),
    "TMLR": ("journal", ("Transactions on Machine Learning Research",)),
    "JMLR": ("journal", ("Journal of Machine Learning Research",)),
    "TPAMI": ("journal", ("IEEE Transactions on Pattern Analysis and Machine Intelligence",
                          "Transactions on Pattern Analysis and Machine Intelligence")),
    "TASLP": ("journal", ("IEEE/ACM Transactions on Audio, Speech, and Language Processing",)),
    "TACL": ("journal", ("Transactions of the Association for Computational Linguistics",)),
    "IJCV": ("journal", ("International Journal of Computer Vision",)),
    "TNNLS": ("journal", ()), "TIP": ("journal", ()), "TKDE": ("journal", ()),
    "Nature": ("journal", ()), "Science": ("journal", ()), "PNAS": ("journal", ("Proceedings of the National Academy of Sciences",)),
    "arXiv": ("preprint", ()), "bioRxiv": ("preprint", ()), "medRxiv": ("preprint", ()), "ChemRxiv": ("preprint", ()),
    "SSRN": ("preprint", ()), "PsyArXiv": ("preprint", ()), "SocArXiv": ("preprint", ()),
}
_FULL_TO_SHORT = {full.lower(): short for short, (_, fulls) in KNOWN_VENUES.items() for full in fulls}
_KNOWN_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(v) for v in sorted(KNOWN_VENUES, key=len, reverse=True)) + r")(?![\w-])")
# An acronym-like word (two or more capitals, maybe a hyphen) right before a year: `UpML 2022`, `ECML-PKDD 2022`.
_ACRONYM_YEAR_RE = re.compile(rf"(?<![\w-])([A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)?)\s*['’]?\s*({_YEAR}|\d{{2}})(?!\d)")
# A parenthesised acronym, maybe with a year: `(IJCAI 2022)`, `(TASLP)`.
_PAREN_ACRONYM_RE = re.compile(rf"\(\s*([A-Z][A-Za-z]*[A-Z][A-Za-z-]*)(?:\s*['’]?\s*({_YEAR}|\d{{2}}))?\s*\)")
_NOT_VENUES = {"PhD", "MS", "BS", "USA", "UK", "IEEE", "ACM", "IEEE/ACM", "GPU", "AI", "ML", "NLP", "TA", "CGPA", "GPA",
               "CPI", "LLM", "LLMs", "OOD", "SOTA", "PDF", "URL", "DOI", "ISBN", "ISSN", "API", "CEO", "CTO"}

# Venues whose name is also an ordinary word: `Nature` but not `Nature Methods`.
_WORD_VENUES = {"Nature", "Science", "Interspeech"}

_NOTE_RE = re.compile(
    r"\b(?:(?:long\s+|short\s+)?oral(?:\s+presentation)?|spotlight(?:\s+(?:paper|talk|presentation))?|poster"
    r"|best\s+(?:student\s+)?paper(?:\s+(?:award|runner[- ]up|honou?rable\s+mention))?|honou?rable\s+mention"
    r"|outstanding\s+paper(?:\s+award)?|invited\s+(?:paper|talk)|featured\s+paper|highlight|top\s+\d+(?:\.\d+)?\s*%)"
    r"(?:\s*\([^)]*\))?", re.I)


@dataclass(frozen=True, slots=True)
class VenueMatch:
    venue: str
    year: int | None
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Match:
    value: str
    span: tuple[int, int]


def find_status(text: str) -> Match | None:
    """The publication status a citation states, or None (the caller decides the default)."""
    for status, pattern in _STATUS_RES:
        m = pattern.search(text)
        if m:
            return Match(status, m.span())
    return None


def _inside_longer_name(text: str, m: re.Match) -> bool:
    """`Nature Methods`, `Journal of Quaternary Science`, `Soil Science Society`: the word is part of a name."""
    return bool(re.match(r"\s+[A-Z][a-z]", text[m.end():]) or _NAME_WORD_BEFORE_RE.search(text[:m.start()]))


# A capitalised word (not `In`, `At`) or `of`/`and` right before: the venue word goes on a longer name.
_NAME_WORD_BEFORE_RE = re.compile(r"(?:\b(?!In\b|At\b|On\b|To\b)[A-Z][a-z]+|\b(?:of|and|&))\s+$")


def find_short_venue(text: str) -> VenueMatch | None:
    """A short venue name in `text`: a known one, a parenthesised acronym, or an acronym before a year."""
    m = _PAREN_ACRONYM_RE.search(text)
    if m and m[1] not in _NOT_VENUES:
        return VenueMatch(m[1], int(m[2]) if m[2] and len(m[2]) == 4 else None, m.span())
    m = next((m for m in _KNOWN_RE.finditer(text) if not (m[1] in _WORD_VENUES and _inside_longer_name(text, m))), None)
    if m:
        year = re.match(rf"\s*['’]?\s*({_YEAR})(?!\d)", text[m.end():])
        end = m.end() + (year.end() if year else 0)
        return VenueMatch(m[1], int(year[1]) if year else None, (m.start(), end))
    for m in _ACRONYM_YEAR_RE.finditer(text):
        if m[1] not in _NOT_VENUES and len(m[2]) == 4:
            return VenueMatch(m[1], int(m[2]), m.span())
    return None


def short_venue_for(full: str) -> str | None:
    """The usual short name of a full venue name, when it is a known one."""
    key = re.sub(r"^(?:proceedings of (?:the )?|in )", "", full.strip().rstrip(".").lower())
    key = re.sub(r"^(?:\d{4}|\d+(?:st|nd|rd|th))\s+|\s+\d{4}$", "", key)
    return _FULL_TO_SHORT.get(key)


def venue_kind(venue: str | None, text: str = "") -> str | None:
    """The kind of publication a venue and its citation text suggest, or None when unsure."""
    lowered = f"{venue or ''} {text}".lower()
    if re.search(r"\bpatent\b", lowered):
        return "patent"
    if re.search(r"\b(?:ph\.?\s?d\.?|master'?s|bachelor'?s)\s+(?:thesis|dissertation)\b|\bdissertation\b", lowered):
        return "thesis"
    if re.search(r"\bworkshop\b", lowered):
        return "workshop"
    if venue in KNOWN_VENUES:
        return KNOWN_VENUES[venue][0]
    if re.search(r"\bjournal\b|\btransactions\b|\bletters\b", lowered):
        return "journal"
    if re.search(r"\bconference\b|\bproceedings\b|\bsymposium\b", lowered):
        return "conference"
    if re.search(r"\barxiv\b|\bpre-?print\b", lowered):
        return "preprint"
    return None


def find_notes(text: str) -> list[str]:
    """Presentation notes a citation carries: oral, spotlight, best paper, ..."""
    return [m.group(0).strip() for m in _NOTE_RE.finditer(text)]
