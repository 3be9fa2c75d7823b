"""ORCID records: the public API's JSON (v3.0) of a whole record, or of a record's works.

Read from a full `/record` response: the name (given and family names, else the credit
name), biography, keywords (→ interests), researcher URLs, public e-mails, employments and
invited positions (→ positions, the current employer → affiliation), educations and
qualifications (→ education), distinctions (→ awards), fundings (→ projects), memberships
and services (kept in `other`), and the works. A `/works` response has only the works.

A work group is one paper: its first summary (the one the researcher prefers) gives the
title, date, journal and type, and every summary's own external ids give the DOI, arXiv id,
PubMed id and links. Work summaries carry no authors: each publication has `authors: []`
and `authors_truncated: true`, so the list reads as unknown, not as empty. An item's line
is the line of its `put-code` (the record's own id for it). Peer reviews are not read.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sitegen.extract.links import link_kind
from sitegen.extract.venues import ARXIV_ID_RE, find_short_venue, short_venue_for
from sitegen.model import (Award, Diagnostic, Education, Link, Origin, OtherSection, Position, Profile, Project,
                           Publication)

NAME = "orcid"
DESCRIPTION = "an ORCID record or its works, as the ORCID public API (v3.0) returns them in JSON"
PATTERNS = ("*.json",)

_MARKS = ('"orcid-identifier"', '"activities-summary"', '"work-summary"')
# ORCID work type → (kind, status).
_WORK_TYPES = {
    "journal-article": ("journal", "published"), "conference-paper": ("conference", "published"),
    "preprint": ("preprint", "preprint"), "working-paper": ("preprint", "preprint"),
    "book-chapter": ("chapter", "published"), "book": ("book", "published"),
    "edited-book": ("book", "published"), "dissertation-thesis": ("thesis", "published"),
    "dissertation": ("thesis", "published"), "patent": ("patent", "published"),
    "report": ("other", "published"), "review": ("journal", "published"),
}
_PUT_CODE_RE = re.compile(r'"put-code"\s*:\s*(\d+)')
_ARXIV_DOI_RE = re.compile(r"^10\.48550/arxiv\.(.+)$", re.I)
_OTHER_AFFILIATIONS = (("memberships", "membership", "Memberships"), ("services", "service", "Service"))


def sniff(text: str, path: Path) -> float:
    """Sure for JSON carrying ORCID's own keys; never for a JSON Resume (`basics`)."""
    head = str(text)[:20_000]
    if not head.lstrip().startswith("{") or '"basics"' in head:
        return 0.0
    return 0.97 if any(mark in head for mark in _MARKS) else 0.0


def extract(text: str, path: Path) -> Profile:
    """The record as a Profile; JSON that cannot be read is an error at its line."""
    shown = str(path)
    profile = Profile()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        profile.warnings.append(Diagnostic(f"not valid JSON: {err.msg}", shown, err.lineno, level="error",
                                           hint="save the API's response as it came, or fetch it again"))
        return profile
    except RecursionError:
        data = None
    if not isinstance(data, dict):
        profile.warnings.append(Diagnostic("an ORCID record is a JSON object (`{\"orcid-identifier\": …}`)",
                                           shown, 1, level="error"))
        return profile
    reader = _Reader(shown, profile, _put_code_lines(text))
    reader.read_person(_mapping(data.get("person")), _text(_mapping(data.get("orcid-identifier")).get("uri")))
    activities = _mapping(data.get("activities-summary")) or data
    reader.read_affiliations(activities)
    works = _mapping(activities.get("works")) if "works" in activities else activities
    for group in _list(works.get("group")):
        reader.read_work_group(_mapping(group))
    for group in _list(_mapping(activities.get("fundings")).get("group")):
        reader.read_funding(_mapping(group))
    return profile


def _put_code_lines(text: str) -> dict[int, int]:
    """put-code → its line; put-codes are unique within a record, so each names one item."""
    lines, line, counted = {}, 1, 0
    for m in _PUT_CODE_RE.finditer(text):
        line, counted = line + text.count("\n", counted, m.start()), m.start()
        lines.setdefault(int(m[1]), line)
    return lines


# --- JSON access: ORCID wraps most values as {"value": ...} and writes null for absent ones ---

def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def _date(value: Any) -> str | None:
    """{"year": {"value": "2021"}, "month": {"value": "03"}, ...} → `2021-03`."""
    parts = _mapping(value)
    year, month, day = (_text(parts.get(key)) for key in ("year", "month", "day"))
    if not year or not re.fullmatch(r"\d{4}", year):
        return None
    if not month or not month.isdigit() or not 1 <= int(month) <= 12:
        return year
    if not day or not day.isdigit() or not 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _location(organization: dict) -> str | None:
    address = _mapping(organization.get("address"))
    parts = [_text(address.get(key)) for key in ("city", "region", "country")]
    return ", ".join(p for p in parts if p) or None


class _Reader:
    def __init__(self, shown: str, profile: Profile, lines: dict[int, int]):
        self.shown = shown
        self.profile = profile
        self.lines = lines

    def origin(self, item: dict) -> Origin:
        code = item.get("put-code")
        return Origin(self.shown, self.lines.get(code) if isinstance(code, int) else None)

    # --- person --------------------------------------------------------------------------

    def read_person(self, person: dict, orcid_uri: str | None) -> None:
        profile = self.profile
        name = _mapping(person.get("name"))
        given, family = _text(name.get("given-names")), _text(name.get("family-name"))
        profile.name = " ".join(p for p in (given, family) if p) or _text(name.get("credit-name"))
        biography = _mapping(person.get("biography")).get("content")
        if isinstance(biography, str) and biography.strip():
            profile.summary = biography.replace("\r\n", "\n").strip()
        for keyword in _list(_mapping(person.get("keywords")).get("keyword")):
            content = _text(_mapping(keyword).get("content"))
            if content and content.lower() not in {i.lower() for i in profile.interests}:
                profile.interests.append(content)
        if orcid_uri:
            profile.links.append(Link(orcid_uri, "orcid", "ORCID"))
        for item in _list(_mapping(person.get("researcher-urls")).get("researcher-url")):
            url, label = _text(_mapping(item).get("url")), _text(_mapping(item).get("url-name"))
            if url:
                profile.links.append(Link(url, link_kind(url, label), label))
        for item in _list(_mapping(person.get("emails")).get("email")):
            address = _text(_mapping(item).get("email"))
            if address:
                profile.links.append(Link(f"mailto:{address}", "email", "Email"))

    # --- affiliations: employment, education, ... ----------------------------------------

    def affiliations(self, activities: dict, section: str, kind: str) -> list[dict]:
        """The `{kind}-summary` of each affiliation group in a section, as the record orders them."""
        found = []
        for group in _list(_mapping(activities.get(section)).get("affiliation-group")):
            for summary in _list(_mapping(group).get("summaries")):
                item = _mapping(_mapping(summary).get(f"{kind}-summary"))
                if _text(_mapping(item.get("organization")).get("name")):
                    found.append(item)
        return found

    def read_affiliations(self, activities: dict) -> None:
        profile = self.profile
        for section, kind in (("employments", "employment"), ("invited-positions", "invited-position")):
            for item in self.affiliations(activities, section, kind):
                organization = _mapping(item.get("organization"))
                start, end = _date(item.get("start-date")), _date(item.get("end-date"))
                profile.positions.append(Position(
                    _text(organization.get("name")), role=_text(item.get("role-title")),
                    unit=_text(item.get("department-name")), start=start, end=end or ("present" if start else None),
                    location=_location(organization), origin=self.origin(item)))
        current = next((p for p in profile.positions if p.end == "present"), None)
        profile.affiliation = current.organization if current else None
        for section, kind in (("educations", "education"), ("qualifications", "qualification")):
            for item in self.affiliations(activities, section, kind):
                organization = _mapping(item.get("organization"))
                profile.education.append(Education(
                    _text(organization.get("name")), degree=_text(item.get("role-title")),
                    field=_text(item.get("department-name")), start=_date(item.get("start-date")),
                    end=_date(item.get("end-date")), location=_location(organization), origin=self.origin(item)))
        for item in self.affiliations(activities, "distinctions", "distinction"):
            organization = _text(_mapping(item.get("organization")).get("name"))
            date = _date(item.get("start-date"))
            profile.awards.append(Award(_text(item.get("role-title")) or organization, year=int(date[:4]) if date else None,
                                        details=organization if _text(item.get("role-title")) else None,
                                        origin=self.origin(item)))
        for section, kind, heading in _OTHER_AFFILIATIONS:
            items = self.affiliations(activities, section, kind)
            if items:
                lines = [_affiliation_line(item) for item in items]
                profile.other.append(OtherSection(heading, lines, self.origin(items[0])))

    def read_funding(self, group: dict) -> None:
        summary = next((_mapping(s) for s in _list(group.get("funding-summary")) if isinstance(s, dict)), None)
        title = _text(_mapping(_mapping(summary).get("title")).get("title"))
        if not title:
            return
        kind = _text(summary.get("type"))
        self.profile.projects.append(Project(
            title, organization=_text(_mapping(summary.get("organization")).get("name")),
            start=_date(summary.get("start-date")), end=_date(summary.get("end-date")),
            details=[f"Funding: {kind.replace('-', ' ')}"] if kind else [], origin=self.origin(summary)))

    # --- works --------------------------------------------------------------------------

    def read_work_group(self, group: dict) -> None:
        summaries = [_mapping(s) for s in _list(group.get("work-summary")) if isinstance(s, dict)]
        titled = [s for s in summaries if _text(_mapping(_mapping(s.get("title")).get("title")))]
        if not titled:
            if summaries:
                self.profile.warnings.append(Diagnostic("a work has no title; it was not read", self.shown,
                                                        self.origin(summaries[0]).line))
            return
        first = titled[0]  # the preferred version; the others fill what it leaves out
        title_parts = _mapping(first.get("title"))
        title = _text(title_parts.get("title")).rstrip(".")
        subtitle = _text(title_parts.get("subtitle"))
        publication = Publication(f"{title}: {subtitle}" if subtitle else title, authors_truncated=True,
                                  origin=self.origin(first))
        publication.date = next((d for d in (_date(s.get("publication-date")) for s in titled) if d), None)
        publication.year = int(publication.date[:4]) if publication.date else None
        kind, status = _WORK_TYPES.get(_text(first.get("type")) or "", ("other", "published"))
        publication.kind, publication.status = kind, status
        venue = next((v for v in (_text(s.get("journal-title")) for s in titled) if v), None)
        _read_venue(publication, venue)
        for summary in titled:
            _read_external_ids(publication, _list(_mapping(summary.get("external-ids")).get("external-id")))
        url = next((u for u in (_text(s.get("url")) for s in titled) if u), None)
        if url and url not in {link.url for link in publication.links} and not _names_known_id(url, publication):
            publication.links.append(Link(url, link_kind(url)))
        self.profile.publications.append(publication)


def _affiliation_line(item: dict) -> str:
    organization = _text(_mapping(item.get("organization")).get("name"))
    start, end = _date(item.get("start-date")), _date(item.get("end-date"))
    years = f" ({start[:4]}–{end[:4] if end else 'present'})" if start else ""
    role = _text(item.get("role-title"))
    return f"{role}, {organization}{years}" if role else f"{organization}{years}"


def _read_venue(publication: Publication, full: str | None) -> None:
    if not full:
        if publication.kind == "preprint":
            publication.venue = "arXiv" if publication.arxiv else None
        return
    found = find_short_venue(full)
    short = found.venue if found and found.venue != "arXiv" else short_venue_for(full)
    publication.venue = short or full
    publication.venue_full = full if short and short != full else None


def _read_external_ids(publication: Publication, ids: list) -> None:
    """The work's own ids (relationship `self`); `part-of` ids (ISSN, ISBN) are the journal's or book's."""
    for raw in ids:
        item = _mapping(raw)
        if (_text(item.get("external-id-relationship")) or "self") != "self":
            continue
        kind = (_text(item.get("external-id-type")) or "").lower()
        value = _text(item.get("external-id-value")) or ""
        url = _text(item.get("external-id-url"))
        if kind == "doi" and value:
            doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value, flags=re.I)
            arxiv = _ARXIV_DOI_RE.match(doi)
            if arxiv:
                _set_arxiv(publication, arxiv[1])
            elif not publication.doi:
                publication.doi = doi
                publication.links.append(Link(f"https://doi.org/{doi}", "doi", "DOI"))
        elif kind == "arxiv" and value:
            found = ARXIV_ID_RE.search(value) or re.fullmatch(r"\s*(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\s*", value)
            if found:
                _set_arxiv(publication, found[1])
        elif kind == "pmid" and value.isdigit():
            _add_link(publication, f"https://pubmed.ncbi.nlm.nih.gov/{value}/", "other", "PubMed")
        elif url and url.lower().startswith(("http://", "https://")):
            _add_link(publication, url, link_kind(url), None)


def _set_arxiv(publication: Publication, arxiv_id: str) -> None:
    if not publication.arxiv:
        publication.arxiv = arxiv_id
        publication.links.append(Link(f"https://arxiv.org/abs/{arxiv_id}", "arxiv", "arXiv"))
        if publication.kind == "preprint" and not publication.venue:
            publication.venue = "arXiv"


def _add_link(publication: Publication, url: str, kind: str, label: str | None) -> None:
    if url not in {link.url for link in publication.links}:
        publication.links.append(Link(url, kind, label))


def _names_known_id(url: str, publication: Publication) -> bool:
    """A work URL that is only its DOI or arXiv address again."""
    return any(known and known.lower() in url.lower() for known in (publication.doi, publication.arxiv))
