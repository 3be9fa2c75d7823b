"""BibTeX (and biblatex) files: one Publication per entry.

Understood: LaTeX accents, commands and braces in names and titles (decoded with
pybtex's LaTeX reader), `and others`, @string macros, crossref, month names,
biblatex `date`/`journaltitle`/`eprinttype`/`pubstate`, `doi`, arXiv `eprint`,
`url`, and the al-folio fields (`abbr`, `selected`, `pdf`, `code`, `html`, `website`,
`slides`, `poster`, `video`, `award_name`). The file is cut into entries at
`@type{` lines before pybtex reads each one, so one malformed entry (unbalanced
brace, repeated key) is reported with its line and key and costs only itself.

Bibliographic details with no place in the model (pages, volume, publisher, ISBN,
editor, al-folio display switches) are left in the .bib; BibTeX has no owner name.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pybtex.database import Entry, Person
from pybtex.database.input.bibtex import LowLevelParser, Parser, UndefinedMacro
from pybtex.scanner import PrematureEOF
from pybtex.exceptions import PybtexError
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

from sitegen.extract.dates import MONTHS
from sitegen.extract.links import link_kind
from sitegen.extract.venues import ARXIV_ID_RE, DOI_RE, find_short_venue, find_status, short_venue_for
from sitegen.model import Diagnostic, Link, Origin, Profile, Publication

NAME = "bibtex"
DESCRIPTION = "a BibTeX/biblatex file (Google Scholar, DBLP, Zotero exports, al-folio papers.bib)"
PATTERNS = ("*.bib",)

# An entry starts with `@type{` or `@type(` at the start of a line.
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z][\w-]*)[ \t]*[{(][ \t]*([^\s,{}()]*)", re.M)
_ENTRY_TYPES = ("article", "inproceedings", "conference", "incollection", "inbook", "book", "booklet", "misc",
                "phdthesis", "mastersthesis", "thesis", "techreport", "report", "unpublished", "patent",
                "proceedings", "manual", "online", "electronic", "software", "dataset", "string", "preamble")
_KINDS = {"article": "journal", "inproceedings": "conference", "conference": "conference",
          "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis", "book": "book",
          "incollection": "chapter", "inbook": "chapter", "patent": "patent"}
# al-folio button fields → link kind and label.
_LINK_FIELDS = {"pdf": ("pdf", "PDF"), "code": ("code", "Code"), "html": ("website", "HTML"),
                "website": ("website", "Website"), "slides": ("slides", "Slides"), "poster": ("other", "Poster"),
                "video": ("video", "Video"), "blog": ("other", "Blog"), "supp": ("other", "Supplement")}
_PUBSTATE = {"forthcoming": "accepted", "inpress": "accepted", "submitted": "submitted",
             "prepublished": "preprint", "inpreparation": "in-preparation"}
# Formatting commands whose argument is the text itself.
_FORMAT_COMMANDS = re.compile(r"\\(?:textbf|textit|textsl|textsc|texttt|textrm|textsf|textup|textnormal|text"
                              r"|emph|mbox|mathrm|mathbf|mathit|mathsf|mathtt|underline|uline|url|NoCaseChange"
                              r"|MakeUppercase)\s*(?=\{)")
_OWNER_MARK = re.compile(r"\\(?:textbf|underline|uline)\s*\{(.*)\}|\*\*(.*)\*\*", re.S)
_ADDRESS_RE = re.compile(r"^(?:[a-z][a-z+.-]*:|www\.)", re.I)  # `https:`, `mailto:`, `www.`; not a file name
# Looked up once: `render_as("text")` searches the installed entry points on every call.
_TEXT_BACKEND = find_plugin("pybtex.backends", "text")()
_EQUAL_MARK = re.compile(r"(?:\$?\^\{?\*\}?\$?|\\textsuperscript\{\*\}|\*|†|\\dag(?:ger)?\b)\s*$")


@dataclass(slots=True)
class _Entry:
    type: str
    key: str
    entry: Entry
    line: int
    end_line: int


def sniff(text: str, path: Path) -> float:
    """Sure when `@article{key,`-style entries are present."""
    starts = [m for m in _ENTRY_START.finditer(text[:200_000]) if m[1].lower() in _ENTRY_TYPES]
    if not starts:
        return 0.0
    if str(path).lower().endswith(".bib") or len(starts) >= 2:
        return 0.95
    return 0.6


def extract(text: str, path: Path) -> Profile:
    """Every readable entry as a Publication; unreadable ones as errors with line and key."""
    shown = str(path)
    profile = Profile()
    entries = _read_entries(str(text), shown, profile.warnings)
    targets = {e.entry.fields.get("crossref", "").lower() for e in entries} - {""}
    by_key = {e.key.lower(): e for e in entries}
    relative: list[str] = []
    for item in entries:
        if item.type == "proceedings" and item.key.lower() in targets:
            continue  # the volume other entries point to, not a paper of its own
        _inherit_crossref(item, by_key, shown, profile.warnings)
        publication = _publication(item, shown, profile.warnings)
        if publication:
            profile.publications.append(publication)
            relative += [link.url for link in publication.links if not _ADDRESS_RE.match(link.url)]
    if relative:
        profile.warnings.append(Diagnostic(
            f"{len(relative)} link(s) are file names, not addresses (e.g. {relative[0]!r}); kept as written",
            shown, hint="give full URLs in the .bib, or put the files where the site serves them"))
    return profile


# --- reading entries ----------------------------------------------------------------------

class _Reader(Parser):
    """pybtex's parser, collecting its complaints instead of raising or printing them."""

    def __init__(self):
        super().__init__()
        self.errors: list[PybtexError] = []

    def handle_error(self, error):
        self.errors.append(error)


def _read_entries(text: str, shown: str, warnings: list[Diagnostic]) -> list[_Entry]:
    reader = _Reader()
    starts = list(_ENTRY_START.finditer(text))
    entries: list[_Entry] = []
    seen: dict[str, int] = {}
    line, counted = 1, 0
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        chunk = text[start.start():end]
        line, counted = line + text.count("\n", counted, start.start()), start.start()
        end_line = line + chunk.rstrip().count("\n")
        kind, key = start[1].lower(), start[2]
        label = f"BibTeX entry {key!r}" if key else f"@{start[1]} entry"
        command, trailing, error, undefined = _parse_one(chunk, reader)
        if error is not None:
            warnings.append(Diagnostic(f"{label} could not be read: {_problem(error)}", shown, line, level="error",
                                       hint="check its braces, quotes and commas; the other entries were read"))
            continue
        if command is None or kind in ("string", "preamble", "comment"):
            continue
        for name in undefined:  # BibTeX's own rule: warn and read the macro as empty
            warnings.append(Diagnostic(f"{label} uses @string {name!r}, which is not defined; read as empty",
                                       shown, line, hint=f"define it before the entry: @string{{{name} = {{...}}}}"))
        if re.search(r"[=}]", trailing):
            warnings.append(Diagnostic(f"{label} ends before its last field (an extra '}}'?); the rest was not read",
                                       shown, line, hint="check the braces of its fields"))
        entry = _make_entry(command, reader, shown, line, warnings)
        if entry is None:
            continue
        lowered = entry.key.lower()
        if lowered in seen:
            warnings.append(Diagnostic(f"{label} repeats the key of the entry on line {seen[lowered]}; "
                                       "this second entry was not read", shown, line, level="error",
                                       hint="give each entry its own key"))
            continue
        seen[lowered] = line
        entries.append(_Entry(command[0].lower(), entry.key, entry, line, end_line))
    return entries


def _parse_one(chunk: str, reader: _Reader):
    """The chunk's first command, the text after it, and the first error inside it."""
    errors: list[PybtexError] = []
    scanner = LowLevelParser(chunk, macros=reader.macros, handle_error=errors.append)
    try:
        command = next(iter(scanner), None)
    except (PybtexError, ValueError, IndexError, RecursionError) as err:  # pybtex on arbitrary text
        return None, "", err, []
    own = [e for e in errors if getattr(e, "error_context_info", (0,))[0] == 0]  # not from text after the entry
    undefined = [_problem(e) for e in own if isinstance(e, UndefinedMacro)]
    serious = [e for e in own if not isinstance(e, UndefinedMacro)]
    return command, chunk[scanner.pos:], (serious[0] if serious else None), undefined


def _problem(error) -> str:
    if isinstance(error, PrematureEOF):
        return "a '{' or '\"' is never closed"
    return str(error.args[0] if error.args else error)  # without pybtex's line, which counts from the entry


def _make_entry(command, reader: _Reader, shown: str, line: int, warnings: list[Diagnostic]) -> Entry | None:
    entry_type, (key, fields) = command
    reader.errors.clear()
    reader.data.entries.clear()
    try:
        reader.process_entry(entry_type, key, fields)
    except (PybtexError, ValueError) as err:  # e.g. too many commas in a name
        warnings.append(Diagnostic(f"BibTeX entry {key!r} could not be read: {err}", shown, line, level="error"))
        return None
    for error in reader.errors:
        warnings.append(Diagnostic(f"BibTeX entry {key!r}: {error}; the first value was used", shown, line))
    return next(iter(reader.data.entries.values()), None)


def _inherit_crossref(item: _Entry, by_key: dict[str, _Entry], shown: str, warnings: list[Diagnostic]) -> None:
    """Fields the entry lacks come from the entry its `crossref` names (BibTeX's rule)."""
    target_key = item.entry.fields.get("crossref")
    if not target_key:
        return
    target = by_key.get(target_key.lower())
    if target is None:
        warnings.append(Diagnostic(f"BibTeX entry {item.key!r}: crossref {target_key!r} is not in the file",
                                   shown, item.line))
        return
    fields = item.entry.fields
    for name, value in target.entry.fields.items():
        if name.lower() not in ("crossref", "title") and name not in fields:
            fields[name] = value
    if "booktitle" not in fields and "title" in target.entry.fields:
        fields["booktitle"] = target.entry.fields["title"]
    for role, people in target.entry.persons.items():
        item.entry.persons.setdefault(role, people)


# --- one entry → Publication --------------------------------------------------------------

def _publication(item: _Entry, shown: str, warnings: list[Diagnostic]) -> Publication | None:
    fields = {name.lower(): value for name, value in item.entry.fields.items()}
    title = _title(fields.get("title", ""))
    if not title:
        warnings.append(Diagnostic(f"BibTeX entry {item.key!r} has no title; it was not read", shown, item.line,
                                   level="error", hint="add `title = {...}`"))
        return None
    publication = Publication(title=title, origin=Origin(shown, item.line, item.end_line))
    _read_authors(item.entry, publication)
    publication.date = _date(fields)
    publication.year = int(publication.date[:4]) if publication.date else None
    _read_identifiers(fields, publication)
    _read_venue(item.type, fields, publication)
    publication.abstract = latex_to_text(fields.get("abstract", "")) or None
    publication.keywords = [k for k in (latex_to_text(k) for k in re.split(r"[;,]", fields.get("keywords", ""))) if k]
    publication.notes = [latex_to_text(fields[f]) for f in ("note", "award_name", "annotation")
                         if latex_to_text(fields.get(f, ""))]
    publication.selected = fields.get("selected", "").strip().lower() in ("true", "yes", "1")
    if fields.get("primaryclass"):
        publication.categories = [fields["primaryclass"].strip()]
    return publication


def _title(raw: str) -> str:
    title = latex_to_text(raw)
    return title[:-1].rstrip() if title.endswith(".") and not title.endswith("..") else title


def _read_authors(entry: Entry, publication: Publication) -> None:
    role = "author" if entry.persons.get("author") else "editor"
    for person in entry.persons.get(role, []):
        raw = str(person)
        if raw.strip().lower() == "others":
            publication.authors_truncated = True
            continue
        owner = _OWNER_MARK.search(raw)
        equal = _EQUAL_MARK.search(raw)
        if owner or equal:
            person = Person(_EQUAL_MARK.sub("", _OWNER_MARK.sub(lambda m: m[1] or m[2], raw)))
        name = _display_name(person)
        if not name:
            continue
        publication.authors.append(name)
        if owner:
            publication.owner_author = name
        if equal:
            publication.equal_contribution.append(name)


def _display_name(person: Person) -> str:
    """`Dhillon, Inderjit S.` → `Inderjit S. Dhillon`: first, middle, von part, last, then Jr."""
    parts = (person.first_names + person.middle_names + person.prelast_names + person.last_names
             + person.lineage_names)
    return " ".join(latex_to_text(" ".join(parts)).split())


def _date(fields: dict[str, str]) -> str | None:
    iso = re.match(r"\s*(\d{4})(-(?:0[1-9]|1[0-2]))?(-(?:0[1-9]|[12]\d|3[01]))?", fields.get("date", ""))
    if iso:  # biblatex: ISO 8601, maybe a range `2020-01/2020-03` (its start is the date)
        return iso[1] + (iso[2] or "") + (iso[3] or "" if iso[2] else "")
    year = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", fields.get("year", ""))
    if not year:
        return None
    month = _month(fields.get("month", ""))
    if not month:
        return year[1]
    day = fields.get("day", "").strip()
    if day.isdigit() and 1 <= int(day) <= 31:
        return f"{year[1]}-{month:02d}-{int(day):02d}"
    return f"{year[1]}-{month:02d}"


def _month(raw: str) -> int | None:
    word = raw.strip().strip(".").lower()
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    return MONTHS.get(word) or MONTHS.get(word[:3])


def _read_identifiers(fields: dict[str, str], publication: Publication) -> None:
    doi = fields.get("doi", "").strip()
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
    if doi:
        publication.doi = doi
        publication.links.append(Link(f"https://doi.org/{doi}", "doi", "DOI"))
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").strip().lower()
    eprint = fields.get("eprint", "").strip() if prefix == "arxiv" or not prefix else ""
    candidates = [fields.get("arxiv", ""), eprint, fields.get("journal", ""), fields.get("url", ""),
                  fields.get("howpublished", ""), fields.get("note", "")]
    for candidate in candidates:
        found = ARXIV_ID_RE.search(candidate) or re.fullmatch(r"\s*(\d{4}\.\d{4,5})(?:v\d+)?\s*", candidate)
        if found:
            publication.arxiv = found[1]
            publication.links.append(Link(f"https://arxiv.org/abs/{found[1]}", "arxiv", "arXiv"))
            break
    if not publication.doi:
        found = DOI_RE.search(fields.get("url", ""))
        publication.doi = found[1] if found else None
    url = fields.get("url", "").strip()
    known = [publication.arxiv, publication.doi]
    if url and not (link_kind(url) in ("arxiv", "doi") and any(i and i in url for i in known)):
        publication.links.append(Link(url, link_kind(url)))
    for name, (kind, label) in _LINK_FIELDS.items():
        value = fields.get(name, "").strip()
        if value:
            publication.links.append(Link(value, kind, label))


def _read_venue(entry_type: str, fields: dict[str, str], publication: Publication) -> None:
    full = latex_to_text(fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle")
                         or fields.get("school") or fields.get("institution") or fields.get("howpublished", ""))
    if re.fullmatch(r"(?:\\url\{)?https?://\S+", fields.get("howpublished", "").strip()):
        full = "" if full.startswith("http") else full
    arxiv_only = publication.arxiv is not None and (not full or re.search(r"\barxiv\b", full, re.I))
    kind = _KINDS.get(entry_type)
    if arxiv_only and entry_type in ("article", "misc", "techreport", "report", "unpublished", "online"):
        kind = "preprint"
    elif kind == "conference" and re.search(r"\bworkshops?\b", full, re.I):
        kind = "workshop"
    elif kind is None:
        kind = "other"
    publication.kind = kind
    # A workshop's acronym is its host conference's (`ICML 2022 Workshop on ...`), not its own.
    short = latex_to_text(fields.get("abbr", "")) or (None if kind == "workshop" else _short_venue(full))
    if kind == "preprint" and (not full or re.search(r"\barxiv\b", full, re.I)):
        short, full = "arXiv", ""
    publication.venue = short or full or None
    publication.venue_full = full if full and full != publication.venue else None
    pubstate = _PUBSTATE.get(re.sub(r"\W", "", fields.get("pubstate", "").lower()))
    stated = find_status(" ".join(filter(None, (fields.get("note"), fields.get("pubstate"),
                                                re.sub(r"\d", "", fields.get("year", ""))))))
    if pubstate or (stated and stated.value != "preprint"):
        publication.status = pubstate or stated.value
    elif kind == "preprint":
        publication.status = "preprint"
    elif entry_type != "unpublished":
        publication.status = "published"


def _short_venue(full: str) -> str | None:
    if not full:
        return None
    found = find_short_venue(full)
    if found and not re.fullmatch(r"arXiv", found.venue):
        return found.venue
    return short_venue_for(re.sub(r"\s+(?:vol\.\s*)?\d+$", "", full))  # `... Systems 35`: a volume number


# --- LaTeX → Unicode ----------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)  # author names repeat across a file's entries
def latex_to_text(value: str) -> str:
    """LaTeX as plain Unicode text: accents decoded, formatting commands and braces removed."""
    if not re.search(r"[\\$~]|--|``|''", value):  # nothing to decode: pybtex's decoder is slow
        return " ".join(re.sub(r"[{}]", "", value).split())
    value = re.sub(r"\\href\s*\{[^{}]*\}\s*(?=\{)", "", value)
    value = _FORMAT_COMMANDS.sub("", value)
    value = re.sub(r"\\(?:relax|protect)\b\s*", "", value)
    value = re.sub(r"\\(La)?TeX\b(?:\{\})?", lambda m: "LaTeX" if m[1] else "TeX", value)
    try:
        text = Text.from_latex(value).render(_TEXT_BACKEND)
    except (PybtexError, ValueError, IndexError, KeyError, RecursionError):  # unbalanced braces, stray `\`
        text = value
    text = re.sub(r"\\([&%$#_{}])", r"\1", text)
    text = re.sub(r"\\[A-Za-z]+\*?\s*|\\|[{}]", "", text)
    return " ".join(text.replace("\xa0", " ").split())
