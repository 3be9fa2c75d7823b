"""al-folio's `_data/cv.yml`: a list of CV sections, each `title`, `type` and `contents`.

Types: `map` (`name`/`value` pairs; `Full Name` is the owner's name), `time_table` (entries
with `title`/`role`, `institution`, `year`, `description`, or `year` and `items` for awards),
`list` (lines) and `nested_list` (`title` and `items`). A section's title says what it holds
(sections.py): Education, Experience, Honors and Awards, Teaching, Talks, Projects, Skills,
Interests. Sections no rule understands, and the `map` rows other than the name, are kept
verbatim in `other`.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any


from sitegen.extract.cv_text import plain
from sitegen.extract.dates import find_range
from sitegen.extract.front_matter import yaml_document
from sitegen.extract.sections import classify_section
from sitegen.model import (Award, Diagnostic, Education, Origin, OtherSection, Position, Profile, Project,
                           SkillGroup, Talk, Teaching)

NAME = "al-folio-cv"
DESCRIPTION = "al-folio's _data/cv.yml: CV sections of type map, time_table, list and nested_list"
PATTERNS = ("cv.yml", "cv.yaml")

_TYPES = ("map", "time_table", "list", "nested_list")


def sniff(text: str, path: Path) -> float:
    """Sure for a YAML list of sections with al-folio's `type:` values."""
    head = str(text)[:20_000]
    if not head.lstrip().startswith("-") or "contents:" not in head:
        return 0.0
    types = sum(f"type: {kind}" in head for kind in _TYPES)
    return 0.95 if types >= 2 else 0.7 if types == 1 else 0.0


def extract(text: str, path: Path) -> Profile:
    shown = str(path)
    profile = Profile()
    data = yaml_document(text, path, profile, list, "an al-folio CV is a list of sections (`- title: …`)")
    if data is None:
        return profile
    reader = _Reader(shown, profile)
    for section in data:
        if isinstance(section, dict):
            reader.read_section(section)
        else:
            profile.warnings.append(Diagnostic("a CV section must be a mapping with `title`, `type` and `contents`",
                                               shown, getattr(data, "line", None)))
    return profile


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return plain(html.unescape(str(value))) or None


def _lines(value: Any) -> list[str]:
    """A description: text, or a list of texts (nested `contents` flattened)."""
    if isinstance(value, list):
        return [line for item in value for line in _lines(item)]
    if isinstance(value, dict):
        return _lines(value.get("contents") or value.get("items") or [])
    text = _text(value)
    return [text] if text else []


class _Reader:
    def __init__(self, shown: str, profile: Profile):
        self.shown = shown
        self.profile = profile

    def origin(self, item: Any) -> Origin:
        return Origin(self.shown, getattr(item, "line", None))

    def read_section(self, section: dict) -> None:
        title = _text(section.get("title")) or "CV"
        kind = section.get("type")
        contents = section.get("contents") if isinstance(section.get("contents"), list) else []
        entries = [e for e in contents if isinstance(e, dict)]
        what = classify_section(title)
        if what == "interests" and re.search(r"\bother\b|\bpersonal\b|\bhobb", title, re.I):
            what = None  # `Other Interests`: hobbies, not research topics
        if kind == "map":
            self.read_map(title, entries, section)
        elif kind == "time_table" and what in ("education", "positions", "awards", "teaching", "talks", "projects"):
            for entry in entries:
                getattr(self, f"read_{what}")(entry)
        elif kind == "list" and what in ("skills", "interests"):
            lines = [line for item in contents for line in _lines(item)]
            if what == "skills":
                self.profile.skills.append(SkillGroup(lines, category=title, origin=self.origin(section)))
            else:
                self.profile.interests.extend(lines)
        else:
            self.keep(title, contents, section)

    def keep(self, title: str, contents: list, section: Any) -> None:
        lines = []
        for item in contents:
            if isinstance(item, dict):
                head = " ".join(filter(None, (_text(item.get(k)) for k in ("title", "role", "institution", "year"))))
                rest = _lines(item.get("description")) + _lines(item.get("items"))
                lines.append(": ".join(filter(None, (head, "; ".join(rest)))))
            else:
                lines.extend(_lines(item))
        if any(lines):
            self.profile.other.append(OtherSection(title, [line for line in lines if line], self.origin(section)))

    def read_map(self, title: str, entries: list[dict], section: Any) -> None:
        kept = []
        for entry in entries:
            name, value = _text(entry.get("name")), _text(entry.get("value"))
            if name and name.lower() in ("full name", "name") and value:
                self.profile.name = self.profile.name or value
            elif value:
                kept.append(f"{name}: {value}" if name else value)
        if kept:
            self.profile.other.append(OtherSection(title, kept, self.origin(section)))

    def dates(self, entry: dict) -> tuple[str | None, str | None]:
        found = find_range(str(entry.get("year") or ""))
        return (found.start, found.end) if found else (None, None)

    def read_education(self, entry: dict) -> None:
        institution = _text(entry.get("institution")) or _text(entry.get("title"))
        if institution:
            start, end = self.dates(entry)
            degree = _text(entry.get("title")) if entry.get("institution") else None
            self.profile.education.append(Education(institution, degree=degree, start=start if end else None,
                                                    end=end or start, details=_lines(entry.get("description")),
                                                    origin=self.origin(entry)))

    def read_positions(self, entry: dict) -> None:
        organization = _text(entry.get("institution")) or _text(entry.get("title"))
        if organization:
            start, end = self.dates(entry)
            role = _text(entry.get("role")) or (_text(entry.get("title")) if entry.get("institution") else None)
            self.profile.positions.append(Position(organization, role=role, start=start, end=end,
                                                   details=_lines(entry.get("description")), origin=self.origin(entry)))

    def read_awards(self, entry: dict) -> None:
        start, _ = self.dates(entry)
        year = int(start[:4]) if start else None
        titles = _lines(entry.get("items")) or [t for t in (_text(entry.get("title")),) if t]
        details = "; ".join(_lines(entry.get("description"))) or _text(entry.get("institution"))
        for title in titles:
            self.profile.awards.append(Award(title, year=year, details=details, origin=self.origin(entry)))

    def read_teaching(self, entry: dict) -> None:
        course = _text(entry.get("title")) or _text(entry.get("role"))
        if course:
            start, end = self.dates(entry)
            self.profile.teaching.append(Teaching(course, role=_text(entry.get("role")) if entry.get("title") else None,
                                                  institution=_text(entry.get("institution")), start=start, end=end,
                                                  origin=self.origin(entry)))

    def read_talks(self, entry: dict) -> None:
        title = _text(entry.get("title"))
        if title:
            self.profile.talks.append(Talk(title, venue=_text(entry.get("institution")), date=self.dates(entry)[0],
                                           origin=self.origin(entry)))

    def read_projects(self, entry: dict) -> None:
        title = _text(entry.get("title"))
        if title:
            start, end = self.dates(entry)
            self.profile.projects.append(Project(title, organization=_text(entry.get("institution")), start=start,
                                                 end=end, details=_lines(entry.get("description")),
                                                 origin=self.origin(entry)))
