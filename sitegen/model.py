"""The profile model: what extractors produce and the site graph consumes.

Field names follow ../shared/profile.schema.json. `to_json` / `from_json`
convert a Profile to and from that schema's JSON form; empty optional values
(None, [], False) are left out of list items so saved YAML stays readable.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import Any, Optional

def _empty_list(*, required: bool = False):
    # dataclasses.field, spelled out: some model classes have a field named `field`.
    # `required` lists are written to JSON even when empty (the schema requires them).
    return dataclasses.field(default_factory=list, metadata={"required": required})


def _empty_dict():
    return dataclasses.field(default_factory=dict)


# A date is a string 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or 'present'.
Date = Optional[str]


@dataclass(slots=True)
class Origin:
    """Where an item came from: a file and its first and last line (1-based)."""

    path: str
    line: Optional[int] = None
    end_line: Optional[int] = None


@dataclass(slots=True)
class Link:
    url: str
    kind: Optional[str] = None  # website, email, github, linkedin, scholar, orcid, twitter, arxiv, doi, pdf, code, slides, video, other
    label: Optional[str] = None


@dataclass(slots=True)
class Education:
    institution: str
    degree: Optional[str] = None
    field: Optional[str] = None
    start: Date = None
    end: Date = None
    location: Optional[str] = None
    grade: Optional[str] = None
    details: list[str] = _empty_list()
    origin: Optional[Origin] = None


@dataclass(slots=True)
class Position:
    organization: str
    role: Optional[str] = None
    unit: Optional[str] = None
    start: Date = None
    end: Date = None
    location: Optional[str] = None
    details: list[str] = _empty_list()
    origin: Optional[Origin] = None


@dataclass(slots=True)
class Publication:
    title: str
    authors: list[str] = _empty_list(required=True)
    authors_truncated: bool = False
    equal_contribution: list[str] = _empty_list()
    year: Optional[int] = None
    date: Date = None
    venue: Optional[str] = None
    venue_full: Optional[str] = None
    kind: Optional[str] = None  # conference, journal, workshop, preprint, patent, thesis, book, chapter, other
    status: Optional[str] = None  # published, accepted, under-review, submitted, preprint, in-preparation
    abstract: Optional[str] = None
    notes: list[str] = _empty_list()
    categories: list[str] = _empty_list()
    keywords: list[str] = _empty_list()
    links: list[Link] = _empty_list()
    doi: Optional[str] = None
    arxiv: Optional[str] = None
    # The author entry the source marked as the profile's owner (e.g. in bold).
    owner_author: Optional[str] = None
    selected: bool = False
    origin: Optional[Origin] = None


@dataclass(slots=True)
class Award:
    title: str
    year: Optional[int] = None
    details: Optional[str] = None
    origin: Optional[Origin] = None


@dataclass(slots=True)
class Talk:
    title: str
    venue: Optional[str] = None
    date: Date = None
    origin: Optional[Origin] = None


@dataclass(slots=True)
class Teaching:
    course: str
    role: Optional[str] = None
    institution: Optional[str] = None
    start: Date = None
    end: Date = None
    origin: Optional[Origin] = None


@dataclass(slots=True)
class Project:
    title: str
    organization: Optional[str] = None
    start: Date = None
    end: Date = None
    details: list[str] = _empty_list()
    origin: Optional[Origin] = None


@dataclass(slots=True)
class SkillGroup:
    items: list[str]
    category: Optional[str] = None
    origin: Optional[Origin] = None


@dataclass(slots=True)
class NewsItem:
    text: str
    date: Date = None
    origin: Optional[Origin] = None


@dataclass(slots=True)
class OtherSection:
    """A section no rule understood, kept verbatim so nothing is lost."""

    heading: str
    lines: list[str] = _empty_list(required=True)
    origin: Optional[Origin] = None


@dataclass(slots=True)
class SourceRef:
    path: str
    format: str


@dataclass(slots=True)
class Diagnostic:
    """A warning or error about a user's input, with file and line when known."""

    message: str
    path: Optional[str] = None
    line: Optional[int] = None
    level: str = "warning"  # "warning" or "error"
    hint: Optional[str] = None

    def __str__(self) -> str:
        where = self.path or "sitegen"
        if self.line:
            where += f":{self.line}"
        text = f"{where}: {self.level}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(slots=True)
class Profile:
    """One researcher, as read from one source or merged from several."""

    name: Optional[str] = None
    headline: Optional[str] = None
    affiliation: Optional[str] = None
    summary: Optional[str] = None
    links: list[Link] = _empty_list()
    interests: list[str] = _empty_list()
    education: list[Education] = _empty_list()
    positions: list[Position] = _empty_list()
    publications: list[Publication] = _empty_list()
    awards: list[Award] = _empty_list()
    talks: list[Talk] = _empty_list()
    teaching: list[Teaching] = _empty_list()
    projects: list[Project] = _empty_list()
    skills: list[SkillGroup] = _empty_list()
    news: list[NewsItem] = _empty_list()
    other: list[OtherSection] = _empty_list()
    sources: list[SourceRef] = _empty_list()
    warnings: list[Diagnostic] = _empty_list()


# Profile sections that hold lists of items, in the order a CV usually shows them.
SECTIONS = ("education", "positions", "publications", "awards", "talks",
            "teaching", "projects", "skills", "news", "other")


# --- JSON form ---------------------------------------------------------------

def to_json(obj: Any, *, top: bool = True) -> Any:
    """A dataclass tree as JSON-ready dicts; empty optional item fields are left out."""
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            value = to_json(getattr(obj, f.name), top=False)
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if not top and not required and not f.metadata.get("required") and value in (None, [], False, {}):
                continue
            out[f.name] = value
        return out
    if isinstance(obj, list):
        return [to_json(x, top=False) for x in obj]
    return obj


def from_json(cls: type, data: Any) -> Any:
    """Build a dataclass (recursively) from its JSON form; unknown keys raise ValueError."""
    if not isinstance(data, dict):
        raise ValueError(f"expected a mapping for {cls.__name__}, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"unknown field(s) for {cls.__name__}: {', '.join(unknown)}")
    kwargs = {key: _convert(hints[key], value, key) for key, value in data.items()}
    missing = [f.name for f in dataclasses.fields(cls) if f.name not in kwargs
               and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if missing:
        raise ValueError(f"{cls.__name__} needs {', '.join(repr(m) for m in missing)}")
    return cls(**kwargs)


def _convert(hint: Any, value: Any, name: str) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner[0], value, name)
    if origin is list:
        if not isinstance(value, list):
            raise ValueError(f"'{name}' must be a list, got {type(value).__name__}")
        (item_type,) = typing.get_args(hint)
        return [_convert(item_type, v, name) for v in value]
    if dataclasses.is_dataclass(hint):
        return from_json(hint, value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
            raise ValueError(f"'{name}' must be a whole number, got {value!r}")
        return int(value)
    if hint is bool:
        if not isinstance(value, bool):
            raise ValueError(f"'{name}' must be true or false, got {value!r}")
        return value
    if hint is str:
        if isinstance(value, (dict, list)):
            raise ValueError(f"'{name}' must be text, got {type(value).__name__}")
        return str(value)
    return value


def profile_from_json(data: Any) -> Profile:
    return from_json(Profile, data)


# --- The site graph: what `graph.build_site_graph` makes of all the profiles ------------

@dataclass(slots=True)
class Person:
    """Anyone who appears as an author; a member when a profile belongs to them."""

    key: str  # stable identity, e.g. "jatin prakash"
    name: str  # the fullest spelling seen
    variants: list[str] = _empty_list()  # every spelling seen, in first-seen order
    member_slug: Optional[str] = None  # set when the person is a member of the site
    publication_slugs: list[str] = _empty_list()
    # Why a spelling that is not simply the full name was taken to be this person, e.g.
    # {"J. Prakash": "the paper is on jatin-prakash's own list"}.
    resolved_because: dict[str, str] = _empty_dict()


@dataclass(slots=True)
class Author:
    """One place in a publication's author list."""

    name: str  # as the source wrote it (markers removed)
    person_key: Optional[str] = None
    equal_contribution: bool = False


@dataclass(slots=True)
class TopicReason:
    """Why a topic is attached, e.g. ("title", 'matched "extreme classification"')."""

    field: str  # interests, category, keywords, title, abstract
    detail: str


@dataclass(slots=True)
class TopicRef:
    slug: str
    reasons: list[TopicReason] = _empty_list()


@dataclass(slots=True)
class SitePublication:
    """One real paper in the site, merged from every source that lists it."""

    slug: str
    record: Publication  # merged fields: title, venue, year, links, abstract, ...
    authors: list[Author] = _empty_list()
    listed_by: list[str] = _empty_list()  # member slugs whose sources list it
    sources: list[Origin] = _empty_list()
    topics: list[TopicRef] = _empty_list()
    # Other versions of the same paper (a preprint of a published paper, a retitled
    # arXiv version), newest venue first; `record` is the one that leads.
    versions: list[Publication] = _empty_list()
    # Why the records were taken to be one paper, e.g. "same arXiv id 2305.01234",
    # "same title, shared author silva, year 2023".
    merged_because: list[str] = _empty_list()


@dataclass(slots=True)
class Member:
    """A researcher with a page: their merged profile and their place in the graph."""

    slug: str
    profile: Profile
    person_key: str
    publication_slugs: list[str] = _empty_list()  # newest first
    topic_slugs: list[str] = _empty_list()  # most papers first
    interest_topic_slugs: list[str] = _empty_list()  # topics they list in their interests


@dataclass(slots=True)
class Topic:
    slug: str
    name: str
    publication_slugs: list[str] = _empty_list()  # newest first
    member_slugs: list[str] = _empty_list()  # most papers in the topic first
    related: list[str] = _empty_list()  # topic slugs, most papers in common first


@dataclass(slots=True)
class Site:
    """The whole linked graph, complete before anything is written."""

    title: str
    description: Optional[str] = None
    base_url: Optional[str] = None
    language: str = "en"
    members: list[Member] = _empty_list()  # in site.yaml order
    publications: dict[str, SitePublication] = _empty_dict()  # newest first
    topics: dict[str, Topic] = _empty_dict()  # by slug, sorted by name
    people: dict[str, Person] = _empty_dict()
    warnings: list[Diagnostic] = _empty_list()

    def member(self, slug: str) -> Member:
        return next(m for m in self.members if m.slug == slug)
