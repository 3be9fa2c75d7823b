"""JSON Resume files (https://jsonresume.org/schema), including the JSONC variant.

JSONC: `//` and `/* */` comments and trailing commas are removed outside strings
(replaced by spaces, so line numbers stay right) before the JSON is read.

Mapped: basics (name, label → headline, email/url/phone/profiles → links, summary),
work → positions, education, awards, publications, skills, interests, projects.
Sections with no home in the model (volunteer, languages, references, certificates,
and any unknown section) are kept in `other` under a heading; fields of a known item
that have no place of their own become its detail lines. Nothing is dropped.
A work entry with a start and no end is current (`present`), as JSON Resume themes show it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from sitegen.config import load_yaml
from sitegen.extract.dates import parse_date, year_of
from sitegen.extract.links import link_kind, normalise_url
from sitegen.model import (Award, Diagnostic, Education, Link, Origin, OtherSection, Position, Profile, Project,
                           Publication, SkillGroup)

NAME = "json-resume"
DESCRIPTION = "a JSON Resume file (jsonresume.org), comments and trailing commas allowed"
PATTERNS = ("resume.json", "*.json")

_SECTIONS = ("basics", "work", "volunteer", "education", "awards", "certificates", "publications", "skills",
             "languages", "interests", "references", "projects")
_NETWORKS = {"github": "github", "linkedin": "linkedin", "google scholar": "scholar", "scholar": "scholar",
             "googlescholar": "scholar", "orcid": "orcid", "twitter": "twitter", "x": "twitter"}
_HEADINGS = {"volunteer": "Volunteering", "certificates": "Certificates", "languages": "Languages",
             "references": "References"}
_QUIET = ("$schema", "meta")  # about the file, not the person
_LABELS = {"url": "Website", "website": "Website"}  # how a left-over field is named in a detail line


def sniff(text: str, path: Path) -> float:
    """Sure for a JSON object with `basics` (or several resume sections)."""
    if not str(text).lstrip().startswith(("{", "//", "/*")):
        return 0.0
    data, _ = _parse(str(text))
    named = Path(path).name.lower() in ("resume.json", "resume.jsonc", "cv.json")
    if not isinstance(data, dict):
        return 0.6 if named or '"basics"' in text[:5000] else 0.0
    if "basics" in data or "jsonresume" in str(data.get("$schema", "")):
        return 0.95
    sections = len(set(data) & set(_SECTIONS))
    if sections >= 2 and ("work" in data or named):
        return 0.7
    return 0.4 if named and sections else 0.0


def extract(text: str, path: Path) -> Profile:
    """The resume as a Profile; a JSON syntax error is an error at its line."""
    shown = str(path)
    profile = Profile()
    data, error = _parse(str(text))
    if error is not None:
        profile.warnings.append(Diagnostic(f"not valid JSON: {error.msg}", shown, error.lineno, level="error",
                                           hint="check the commas and quotes around that line"))
        return profile
    if not isinstance(data, dict):
        profile.warnings.append(Diagnostic("a JSON Resume is an object (`{\"basics\": …}`)", shown, 1, level="error"))
        return profile
    data = _with_lines(str(text), data, path)
    reader = _Reader(shown, profile)
    for key, value in data.items():
        line = getattr(data, "key_lines", {}).get(key)
        if key in _QUIET or value in (None, "", [], {}):
            continue
        read = getattr(reader, f"read_{key}", None) if key in _SECTIONS else None
        if read is not None:
            read(value, line)
        else:
            heading = _HEADINGS.get(key) or key[:1].upper() + key[1:]
            reader.keep(heading, value, line)
    return profile


# --- JSONC → JSON ---------------------------------------------------------------------------

def _parse(text: str) -> tuple[Any, json.JSONDecodeError | None]:
    try:
        return json.loads(strip_jsonc(text)), None
    except json.JSONDecodeError as err:
        return None, err
    except RecursionError:
        return None, json.JSONDecodeError("nested too deeply", text, 0)


# One token of JSONC: a string, a comment, a comma or closing bracket, or anything else.
_TOKEN_RE = re.compile(r'"(?:\\.|[^"\\])*"?|//[^\n]*|/\*.*?(?:\*/|\Z)|[,\]}]|[^\s",\]}/]+|/', re.S)


def strip_jsonc(text: str) -> str:
    """JSON from JSONC: comments and trailing commas blanked out (newlines kept), strings untouched."""
    out = list(text)
    last_comma = None  # a comma followed so far only by blanks and comments
    for m in _TOKEN_RE.finditer(text):
        token, start = m.group(0), m.start()
        if token.startswith(("//", "/*")):
            out[start:m.end()] = re.sub(r"[^\n]", " ", token)
        elif token == ",":
            last_comma = start
        else:
            if token in ("]", "}") and last_comma is not None:
                out[last_comma] = " "
            last_comma = None
    return "".join(out)


def _with_lines(text: str, data: dict, path: Path) -> Any:
    """The same data with each key's and item's line, when YAML reads the JSON the same way."""
    try:
        marked, problems = load_yaml(strip_jsonc(text), path)
    except (yaml.YAMLError, RecursionError):  # e.g. a control character inside a string
        return data
    return marked if not problems and marked == data else data


# --- sections → model -----------------------------------------------------------------------

class _Reader:
    def __init__(self, shown: str, profile: Profile):
        self.shown = shown
        self.profile = profile

    def warn(self, message: str, line: int | None) -> None:
        self.profile.warnings.append(Diagnostic(message, self.shown, line))

    def origin(self, item: Any, line: int | None) -> Origin:
        return Origin(self.shown, getattr(item, "line", None) or line)

    def entries(self, value: Any, line: int | None, section: str):
        """(item, line) for each mapping in a section's list; anything else is kept in `other`."""
        items = value if isinstance(value, list) else [value]
        lines = getattr(value, "item_lines", [])
        for index, item in enumerate(items):
            item_line = lines[index] if index < len(lines) else line
            if isinstance(item, dict):
                yield item, item_line
            else:
                self.keep(section[:1].upper() + section[1:], item, item_line)

    def date(self, item: dict, key: str, line: int | None) -> str | None:
        raw = item.get(key)
        if raw in (None, ""):
            return None
        value = parse_date(str(raw))
        if value is None:
            self.warn(f"'{key}' {raw!r} is not a date (use 2019, 2019-05 or 2019-05-01); left out",
                      getattr(item, "key_lines", {}).get(key, line))
        return value

    def keep(self, heading: str, value: Any, line: int | None) -> None:
        lines = _lines(value)
        if lines:
            self.profile.other.append(OtherSection(heading, lines, Origin(self.shown, line)))

    def read_basics(self, basics: Any, line: int | None) -> None:
        if not isinstance(basics, dict):
            self.keep("Basics", basics, line)
            return
        profile = self.profile
        profile.name = _text(basics.get("name"))
        profile.headline = _text(basics.get("label"))
        profile.summary = _text(basics.get("summary"))
        for key, kind, label in (("email", "email", "Email"), ("url", "website", "Website"),
                                 ("website", "website", "Website"), ("phone", "other", "Phone")):
            value = _text(basics.get(key))
            if value:
                url = f"tel:{value}" if key == "phone" else normalise_url(value)
                profile.links.append(Link(url, kind, label))
        for item, _ in self.entries(basics.get("profiles") or [], line, "profiles"):
            network = _text(item.get("network")) or ""
            url = _text(item.get("url")) or _profile_url(network, _text(item.get("username")))
            if url:
                kind = _NETWORKS.get(network.lower().strip()) or link_kind(url, network)
                profile.links.append(Link(normalise_url(url), kind, network or None))
        rest = _leftover(basics, ("name", "label", "summary", "email", "url", "website", "phone", "profiles"))
        if rest:
            self.keep("Basics", rest, line)

    def read_work(self, value: Any, line: int | None) -> None:
        for item, item_line in self.entries(value, line, "work"):
            organization = _text(item.get("name")) or _text(item.get("company"))
            start = self.date(item, "startDate", item_line)
            end = self.date(item, "endDate", item_line) or ("present" if start and not item.get("endDate") else None)
            details = _details(item, ("summary", "description"), ("highlights",),
                               ("name", "company", "position", "startDate", "endDate", "location"))
            role = _text(item.get("position"))
            if not organization:  # the model requires one; the role is the best name left
                organization, role = role or "Work", None
            self.profile.positions.append(Position(
                organization, role=role, start=start, end=end,
                location=_text(item.get("location")), details=details, origin=self.origin(item, item_line)))

    def read_education(self, value: Any, line: int | None) -> None:
        for item, item_line in self.entries(value, line, "education"):
            details = _details(item, (), ("courses",), ("institution", "area", "studyType", "startDate", "endDate",
                                                       "score", "gpa", "location"))
            self.profile.education.append(Education(
                _text(item.get("institution")) or "Education", degree=_text(item.get("studyType")),
                field=_text(item.get("area")), start=self.date(item, "startDate", item_line),
                end=self.date(item, "endDate", item_line), location=_text(item.get("location")),
                grade=_text(item.get("score")) or _text(item.get("gpa")), details=details,
                origin=self.origin(item, item_line)))

    def read_awards(self, value: Any, line: int | None) -> None:
        for item, item_line in self.entries(value, line, "awards"):
            details = _details(item, ("awarder", "summary"), (), ("title", "date"))
            self.profile.awards.append(Award(
                _text(item.get("title")) or "Award", year=year_of(self.date(item, "date", item_line)),
                details="; ".join(details) or None, origin=self.origin(item, item_line)))

    def read_publications(self, value: Any, line: int | None) -> None:
        for item, item_line in self.entries(value, line, "publications"):
            date = self.date(item, "releaseDate", item_line)
            url = _text(item.get("url"))
            publication = Publication(
                _text(item.get("name")) or _text(item.get("title")) or "Untitled", date=date, year=year_of(date),
                venue=_text(item.get("publisher")), status="published", abstract=_text(item.get("summary")),
                links=[Link(url, link_kind(url))] if url else [], origin=self.origin(item, item_line))
            publication.notes = _details(item, (), (), ("name", "title", "releaseDate", "url", "publisher", "summary"))
            self.profile.publications.append(publication)

    def read_skills(self, value: Any, line: int | None) -> None:
        for item, item_line in self.entries(value, line, "skills"):
            name, level = _text(item.get("name")), _text(item.get("level"))
            labelled = f"{name} ({level})" if name and level else name or level
            keywords = _strings(item.get("keywords"))
            if keywords:
                self.profile.skills.append(SkillGroup(keywords, labelled, self.origin(item, item_line)))
            elif labelled:
                self.profile.skills.append(SkillGroup([labelled], None, self.origin(item, item_line)))

    def read_interests(self, value: Any, line: int | None) -> None:
        for item, _ in self.entries(value, line, "interests"):
            for interest in [_text(item.get("name"))] + _strings(item.get("keywords")):
                if interest and interest not in self.profile.interests:
                    self.profile.interests.append(interest)

    def read_projects(self, value: Any, line: int | None) -> None:
        for item, item_line in self.entries(value, line, "projects"):
            details = _details(item, ("description",), ("highlights",),
                               ("name", "startDate", "endDate", "entity"))
            self.profile.projects.append(Project(
                _text(item.get("name")) or "Project", organization=_text(item.get("entity")),
                start=self.date(item, "startDate", item_line), end=self.date(item, "endDate", item_line),
                details=details, origin=self.origin(item, item_line)))


# --- values → text --------------------------------------------------------------------------

def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return " ".join(str(value).split()) or None


def _strings(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [t for t in (_text(v) for v in values) if t]


def _details(item: dict, texts: tuple, lists: tuple, mapped: tuple) -> list[str]:
    """Detail lines: the named text fields, the named lists, then every other field as `key: value`."""
    lines = [t for t in (_text(item.get(k)) for k in texts) if t]
    for key in lists:
        lines += _strings(item.get(key))
    return lines + _lines(_leftover(item, mapped + texts + lists))


def _leftover(item: dict, mapped: tuple) -> dict:
    return {k: v for k, v in item.items() if k not in mapped and v not in (None, "", [], {})}


def _lines(value: Any, prefix: str = "") -> list[str]:
    """Any JSON value as readable lines: `key: value`, one line per list item."""
    if isinstance(value, dict):
        out = []
        for key, inner in value.items():
            text, label = _text(inner), _LABELS.get(key, key) if not prefix else key
            out += [f"{prefix}{label}: {text}"] if text else _lines(inner, f"{prefix}{label}: ")
        return out
    if isinstance(value, list):
        out = []
        for inner in value:
            if isinstance(inner, dict):
                parts = [f"{k}: {_text(v)}" if _text(v) else ", ".join(_lines(v, f"{k}: ")) for k, v in inner.items()]
                joined = " · ".join(p for p in parts if p)
                if joined:
                    out.append(prefix + joined)
            else:
                out += _lines(inner, prefix)
        return out
    text = _text(value)
    return [prefix + text] if text else []


def _profile_url(network: str, username: str | None) -> str | None:
    if not username:
        return None
    sites = {"github": "https://github.com/", "twitter": "https://twitter.com/", "x": "https://x.com/",
             "linkedin": "https://www.linkedin.com/in/"}
    base = sites.get(network.lower().strip())
    return base + re.sub(r"^@", "", username) if base else None
