"""CVs as text or Markdown (pasted from a PDF, or written for a personal site).

The document is cut at its section headings (sections.py); each section is cut into
entries (cv_blocks.py) and each entry is read by the reader for that section's kind.
A section no rule understands is kept verbatim in `other`, and every guess that may be
wrong is a warning with the line it came from, so nothing is silently dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from sitegen.extract import cv_entries
from sitegen.extract.cv_blocks import Entry, Line, section_lines, split_entries
from sitegen.extract.cv_heads import ROLE_WORDS
from sitegen.extract.cv_positions import looks_like_award, read_education, read_position
from sitegen.extract.cv_citations import split_citation_lines
from sitegen.extract.cv_publications import read_publication
from sitegen.extract.cv_text import plain
from sitegen.extract.links import LABELED_LINK_RE, find_links
from sitegen.extract.names import looks_like_person_name
from sitegen.extract.sections import Heading, find_headings, publication_defaults
from sitegen.model import Diagnostic, Link, OtherSection, Origin, Profile

NAME = "cv"
DESCRIPTION = "CV as plain text or Markdown (pasted from a PDF, or from a personal site)"
PATTERNS = ("*.txt", "*.md", "*.markdown", "*.text")

# Section kinds that make a document a CV rather than some other prose.
_CV_KINDS = {"education", "positions", "publications", "awards", "talks", "teaching", "projects", "skills"}
# Readers of one-entry-per-line sections, by section kind.
_LINE_READERS = {"awards": cv_entries.read_award, "talks": cv_entries.read_talk,
                 "teaching": cv_entries.read_teaching, "news": cv_entries.read_news}
_PROFILE_LISTS = {"awards": "awards", "talks": "talks", "teaching": "teaching", "news": "news"}


def sniff(text: str, path: Path) -> float:
    """How CV-like the text is: the more distinct CV sections it has, the surer.

    Never certain (at most 0.85): a profile page or feed has sections too, and their own
    extractors recognise them by more specific marks."""
    kinds = {h.kind for h in find_headings(text.split("\n")[:5000]) if h.kind in _CV_KINDS}
    if len(kinds) >= 4:
        return 0.85
    return {0: 0.05, 1: 0.3, 2: 0.55, 3: 0.7}[len(kinds)]


def extract(text: str, path: Path) -> Profile:
    """The profile a CV describes. Pure; never raises on any text."""
    shown = str(path)
    lines = text.split("\n")
    headings = find_headings(lines)
    profile = Profile()
    header_end = headings[0].index if headings else len(lines)
    _read_header(section_lines(lines, _front_matter_end(lines), header_end), profile, shown)
    for heading, following in zip(headings, headings[1:] + [None]):
        end = following.index if following else len(lines)
        body = section_lines(lines, heading.index + heading.lines, end)
        if heading.run_in:
            body = section_lines([heading.run_in], 0, 1, first_number=heading.index + 1) + body
        _read_section(heading, body, profile, shown)
    _infer_owner_name(profile, shown)
    return profile


# --- header: name, headline, contact links ---------------------------------------

def _front_matter_end(lines: list[str]) -> int:
    """A site page's `---` YAML front matter (`permalink:`, `layout:`) is the generator's, not the CV's."""
    if not lines or lines[0].strip() != "---":
        return 0
    end = next((i for i in range(1, min(len(lines), 80)) if lines[i].strip() in ("---", "...")), None)
    return end + 1 if end is not None else 0


def _read_header(lines: list[Line], profile: Profile, path: str) -> None:
    leftovers: list[Line] = []
    for line in lines:
        text = plain(line.body)
        if _read_table_row(text, profile):
            continue
        if _read_link_line(line.body, profile, in_header=True):
            continue
        if _DOCUMENT_TITLE_RE.search(text):
            leftovers.append(line)  # `Europass Curriculum Vitae`: what the document is, not whose
        elif profile.name is None and looks_like_person_name(_without_postnominals(text)) and not ROLE_WORDS.search(text):
            profile.name = _display_name(text)
        elif profile.headline is None and ROLE_WORDS.search(text) and len(text.split()) <= 12:
            profile.headline, profile.affiliation = _headline(text)
        else:
            leftovers.append(line)
    if leftovers:
        _keep_other("Header", leftovers, profile, path)


_TABLE_ROW_RE = re.compile(r"^\|\s*(?P<label>[^|]*?)\s*\|\s*(?P<value>[^|]*?)\s*\|$")


_DOCUMENT_TITLE_RE = re.compile(r"\b(?:curriculum vitae|résumé|resume|cv)\b", re.I)


def _read_table_row(text: str, profile: Profile) -> bool:
    """`| Full Name | Jane Doe |` (al-folio's General Information table): name and position by their label.
    Other rows (e-mail, ORCID) are left to the link reader; `|---|---|` and empty rows are dropped."""
    m = _TABLE_ROW_RE.match(text)
    if not m:
        return False
    label, value = m["label"].lower(), m["value"]
    if re.fullmatch(r"[\s:|-]*", label + value):
        return True
    if re.fullmatch(r"(?:full )?name", label) and profile.name is None:
        profile.name = _display_name(value)
        return True
    if re.fullmatch(r"position|title|current position|role", label) and profile.headline is None:
        profile.headline, profile.affiliation = _headline(value)
        return True
    return False


# Degrees and honours written after a name: `, PhD, MPH`, `, Ph.D.`, `, FRSC`, `, DrPH`.
_POSTNOMINALS_RE = re.compile(r"(?:,?\s+(?:Ph\.?\s?D\.?|M\.?D\.?)|,\s*(?:[A-Z][a-z]?\.?\s?[A-Z][A-Za-z.]{0,5}))+\s*$")


def _without_postnominals(text: str) -> str:
    return _POSTNOMINALS_RE.sub("", text).strip()


def _display_name(text: str) -> str:
    """`Dr. Aisha Bello` -> `Aisha Bello`; `RAVI KUMAR` -> `Ravi Kumar` (a CV header in capitals);
    `Priya N. Raman, PhD, MPH` -> `Priya N. Raman`."""
    name = re.sub(r"^(?:Dr|Prof|Professor|Mr|Ms|Mrs|Mx)\.?\s+", "", text).strip()
    name = _without_postnominals(name)
    return name.title() if name.isupper() else name


def _headline(text: str) -> tuple[str, str | None]:
    """`Research Software Engineer IBM Research` -> (`Research Software Engineer, IBM Research`, `IBM Research`)."""
    m = re.match(r"^(.+?)\s*(?:,|\bat\b|@|\||–|—)\s*(.+)$", text)
    if m:
        return f"{m[1]}, {m[2]}", m[2]
    words = text.split()
    last_role = max((i for i, w in enumerate(words) if ROLE_WORDS.fullmatch(w.strip(".,"))), default=None)
    if last_role is None or last_role == len(words) - 1:
        return text, None
    role, organization = " ".join(words[: last_role + 1]), " ".join(words[last_role + 1:])
    return f"{role}, {organization}", organization


def _read_link_line(body: str, profile: Profile, *, in_header: bool) -> bool:
    """Adds the links of a `Website: …` / bare-address line; True when the line held nothing else.
    `Email: a@b | Website: https://…`: each `|`-separated field is read with its own label."""
    fields = [f for f in re.split(r"\s+[|·•]\s+|\s+[|·•]?\s*$", body) if f.strip()]
    if len(fields) > 1:
        results = [_read_link_field(f, profile, in_header=in_header) for f in fields]
        return all(results)
    return _read_link_field(body, profile, in_header=in_header)


def _read_link_field(body: str, profile: Profile, *, in_header: bool) -> bool:
    labeled = LABELED_LINK_RE.match(plain(body)) if not re.match(r"^\s*https?:", body, re.I) else None
    label = labeled["label"] if labeled else None
    links = find_links(body, label)
    if not links:
        return False
    for link in links:
        kind = "website" if in_header and link.kind == "other" else link.kind
        _add_link(profile, Link(link.url, kind))
    remainder = body
    for link in sorted(links, key=lambda found: found.span[0], reverse=True):
        remainder = remainder[: link.span[0]] + remainder[link.span[1]:]
    if label:
        remainder = remainder.replace(label, "", 1)
    return not re.sub(r"[\s:|·•,;/–—-]+", "", plain(remainder))


def _add_link(profile: Profile, link: Link) -> None:
    if all(existing.url.rstrip("/") != link.url.rstrip("/") for existing in profile.links):
        profile.links.append(link)


# --- sections ---------------------------------------------------------------------

def _read_section(heading: Heading, lines: list[Line], profile: Profile, path: str) -> None:
    kind = heading.kind
    if kind is None:
        _keep_other(heading.text, lines, profile, path)
        if lines:
            profile.warnings.append(Diagnostic(
                f"section {heading.text!r} not understood; kept verbatim under `other`", path, heading.index + 1))
    elif kind in ("summary", "contact", "interests", "skills"):
        _read_text_section(kind, heading, lines, profile, path)
    else:
        _read_entries(kind, heading, lines, profile, path)


def _read_text_section(kind: str, heading: Heading, lines: list[Line], profile: Profile, path: str) -> None:
    if kind == "summary":
        text = " ".join(plain(line.body) for line in lines)
        profile.summary = f"{profile.summary}\n\n{text}" if profile.summary else text or None
    elif kind == "contact":
        rest = [line for line in lines if not _read_link_line(line.body, profile, in_header=True)]
        _keep_other(heading.text, rest, profile, path)
    elif kind == "interests":
        interests, prose = cv_entries.read_interests(lines)
        profile.interests += interests
        if prose:
            profile.summary = profile.summary or " ".join(prose)
    else:
        for line in lines:
            group, interests = cv_entries.read_skill_line(line, path)
            profile.interests += interests
            if group and group.category is None and not _GENERIC_SKILLS_RE.search(heading.text):
                group.category = heading.text  # `Languages` / `Software` over an unlabelled list: its category
            if group:
                profile.skills.append(group)


# A skills heading that names no one category: `Skills`, `Technical Skills`, `Skills & Tools`.
_GENERIC_SKILLS_RE = re.compile(r"^(?:(?:technical|key|core|other|additional|relevant|professional|personal|general)"
                                r"\s+)?skills?$|&|\band\b", re.I)


def _read_entries(kind: str, heading: Heading, lines: list[Line], profile: Profile, path: str) -> None:
    preamble, entries = split_entries(lines, per_line=kind in _LINE_READERS)
    if preamble:
        _keep_other(heading.text, preamble, profile, path)
    defaults = publication_defaults(heading.text) if kind == "publications" else (None, None)
    for entry in entries:
        if not _read_entry(kind, defaults, entry, profile, path):
            _keep_other(heading.text, entry.lines, profile, path)
            profile.warnings.append(Diagnostic(
                f"could not read this {kind} entry; kept verbatim under `other`", path, entry.first_line))


def _read_entry(kind: str, defaults: tuple[str | None, str | None], entry: Entry, profile: Profile, path: str) -> bool:
    """Adds what one entry says to the profile; False when it could not be read.
    `defaults`: the kind and status a publications heading gives its papers (`Preprints`)."""
    if kind == "education" and looks_like_award(entry):
        award = cv_entries.read_award(entry, path)
        profile.awards += [award] if award else []
        return award is not None
    if kind == "education":
        item = read_education(entry, path)
        profile.education += [item] if item else []
        return item is not None
    if kind == "positions":
        item = read_position(entry, path)
        profile.positions += [item] if item else []
        return item is not None
    if kind == "projects":
        item = cv_entries.read_project(entry, path)
        profile.projects += [item] if item else []
        return item is not None
    if kind == "publications":
        items = [read_publication(e, path, *defaults) for e in split_citation_lines(entry)]
        profile.publications += [p for p in items if p]
        return all(items)
    item = _LINE_READERS[kind](entry, path)
    getattr(profile, _PROFILE_LISTS[kind]).extend([item] if item else [])
    return item is not None


def _keep_other(heading: str, lines: list[Line], profile: Profile, path: str) -> None:
    """Lines no rule understood, kept verbatim (their links still count as the owner's links)."""
    if not lines:
        return
    for line in lines:
        for link in find_links(line.body):
            _add_link(profile, Link(link.url, link.kind))
    profile.other.append(OtherSection(heading, [line.raw.strip() for line in lines],
                                      Origin(path, lines[0].number, lines[-1].number)))


def _name_spelled_out_by_email(author: str, profile: Profile) -> str | None:
    """`K. Tanaka` in bold and `kenji.tanaka@…` as the e-mail: the owner is `Kenji Tanaka`."""
    tokens = author.replace(".", " ").split()
    if not tokens or len(tokens[0]) > 1:
        return None  # the author is written in full already
    for link in profile.links:
        m = re.match(r"^mailto:([a-z]{2,})[._-]([a-z]{2,})@", link.url, re.I)
        if m and len(tokens) >= 2 and tokens[-1].lower() == m[2].lower() and m[1][0].lower() == tokens[0][0].lower():
            return f"{m[1].capitalize()} {m[2].capitalize()}"
    return None


def _infer_owner_name(profile: Profile, path: str) -> None:
    """No name in the header: the author the CV writes in bold on its papers is its owner.
    Only a person's name counts, and never the title of one of the papers (`**Robust Sampling**`)."""
    if profile.name:
        return
    titles = {p.title.casefold() for p in profile.publications}
    owners = Counter(p.owner_author for p in profile.publications if p.owner_author
                     and p.owner_author.casefold() not in titles and looks_like_person_name(p.owner_author))
    if not owners:
        return
    name, count = owners.most_common(1)[0]

    if count >= 2 or len(owners) == 1:
        profile.name = _name_spelled_out_by_email(name, profile) or name
        first = next(p for p in profile.publications if p.owner_author == name)
        profile.warnings.append(Diagnostic(
            f"owner's name {name!r} taken from the bold author of {count} publication(s)",
            path, first.origin.line if first.origin else None,
            hint="add `name:` in site.yaml if this is wrong"))
