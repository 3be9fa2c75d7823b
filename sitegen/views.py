"""View models: what each page shows, prepared in Python so templates only lay it out.

Grouping, sorting, date formatting, link labels, translations and URL checks all
happen here; a template receives these small frozen records and never computes.
Every function that produces words takes `tr`, the site's UI strings (i18n.py).
"""
from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Optional
from urllib.parse import urlsplit

from markupsafe import Markup

from sitegen import urls
from sitegen.i18n import ENGLISH, Strings
from sitegen.model import (SECTIONS, Author, Link, Member, Profile, Publication, Site, SitePublication,
                           Topic)
from sitegen.sanitize import markdown_to_html

KINDS = ("conference", "journal", "workshop", "preprint", "patent", "thesis", "book", "chapter", "other")
PROFILE_LINK_LABELS = {"github": "GitHub", "scholar": "Google Scholar", "linkedin": "LinkedIn",
                       "orcid": "ORCID", "twitter": "Twitter"}
PUBLICATION_LINK_LABELS = {"pdf": "PDF", "arxiv": "arXiv", "doi": "DOI", "code": "Code", "slides": "Slides",
                           "video": "Video", "website": "Website"}
MEMBER_TOPICS = 12  # derived topics shown on a member page, most papers first
FILTER_TOPICS = 10  # topics offered as filters on a member page
CLOUD_WEIGHTS = 4  # topic cloud sizes: 1 (fewest papers) … 4 (most)
# A preprint on one of these needs no "Preprint" badge: the venue says it.
PREPRINT_SERVERS = {"arxiv", "biorxiv", "medrxiv", "chemrxiv", "ssrn", "preprint"}


@dataclass(frozen=True, slots=True)
class LinkView:
    url: str
    label: str
    kind: str  # picks the icon: email, website, github, scholar, linkedin, orcid, pdf, code, …


@dataclass(frozen=True, slots=True)
class TopicChip:
    name: str
    topic: Optional[Topic] = None  # None: no page to link to
    count: Optional[int] = None
    why: Optional[str] = None  # the reasons, one line, for a tooltip
    reasons: tuple[str, ...] = ()
    weight: int = 1  # size in a topic cloud


@dataclass(frozen=True, slots=True)
class AuthorView:
    name: str
    member: Optional[Member] = None  # linked when the author is a member
    is_self: bool = False  # the member whose page this is
    equal_contribution: bool = False


@dataclass(frozen=True, slots=True)
class VersionView:
    """One version of a paper (preprint, published), for the publication page's "Versions"."""

    title: Optional[str]  # only when it differs from the page's title
    venue: Optional[str]
    when: Optional[str]
    status: Optional[str]
    links: tuple[LinkView, ...]
    current: bool  # the version this page leads with


@dataclass(frozen=True, slots=True)
class PublicationView:
    publication: SitePublication
    title: str
    authors: tuple[AuthorView, ...]
    authors_truncated: bool
    venue: Optional[str]
    venue_full: Optional[str]  # only when it says more than `venue`
    when: Optional[str]  # "2023" or "Oct 16, 2022"
    year: Optional[int]
    status: Optional[str]  # "Under review", "Published", …
    in_progress: bool  # not (known to be) published, and the venue does not say so: a badge in lists
    links: tuple[LinkView, ...]
    equal_contribution: bool  # some author is marked `*`
    kind: str = "other"
    kind_label: str = ""
    topic_slugs: str = ""  # space-separated, for the member page's filter
    selected: bool = False
    viewer: Optional[str] = None  # person key of the member whose page lists it (their name is not a link)


@dataclass(frozen=True, slots=True)
class YearGroup:
    label: str  # "2024" or "Undated"
    anchor: str
    publications: tuple[PublicationView, ...]


@dataclass(frozen=True, slots=True)
class PublicationList:
    years: tuple[YearGroup, ...]
    equal_contribution: bool  # some entry marks equal contribution: explain the `*`

    @property
    def count(self) -> int:
        return sum(len(y.publications) for y in self.years)


@dataclass(frozen=True, slots=True)
class CvEntry:
    """One line of a CV section: education, position, award, talk, teaching, project or news."""

    title: str
    subtitle: Optional[str] = None
    when: Optional[str] = None
    where: Optional[str] = None
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # the template to use: "entries", "publications", "skills" or "lines"
    anchor: str
    heading: str
    entries: tuple = ()
    publications: Optional[PublicationList] = None
    notes: tuple[str, ...] = ()  # lines the source put under this heading that are not entries (a legend)
    selected: Optional[PublicationList] = None  # publications the member marked as selected, shown first


@dataclass(frozen=True, slots=True)
class MemberCard:
    member: Member
    name: str
    initials: str
    hue: int  # avatar colour, stable per member
    headline: Optional[str]
    affiliation: Optional[str]
    publication_count: int
    photo: Optional[str] = None  # site-root-relative path of the photo, when one is configured


@dataclass(frozen=True, slots=True)
class CoAuthor:
    name: str
    member: Optional[Member]
    count: int
    key: str = ""


@dataclass(frozen=True, slots=True)
class FilterOption:
    label: str
    value: str
    count: int
    href: str  # the no-JS target: an anchor on the page or a topic page (site-root-relative or "#…")


@dataclass(frozen=True, slots=True)
class PublicationFilters:
    years: tuple[FilterOption, ...]
    kinds: tuple[FilterOption, ...]
    topics: tuple[FilterOption, ...]
    total: int


@dataclass
class SiteIndex:
    """Lookups by slug and key, built once per render from the Site's lists and dicts."""

    site: Site
    members: dict[str, Member] = field(default_factory=dict)
    publications: dict[str, SitePublication] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    topics_by_name: dict[str, Topic] = field(default_factory=dict)
    members_by_person: dict[str, Member] = field(default_factory=dict)
    photos: dict[str, str] = field(default_factory=dict)  # member slug → site-root-relative photo path
    # (slug, viewer, language) → PublicationView: a paper is listed on many pages (topics, members, indexes)
    views: dict[tuple, "PublicationView"] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, site: Site, photos: Optional[dict[str, str]] = None) -> "SiteIndex":
        index = cls(site, photos=dict(photos or {}))
        index.members = {m.slug: m for m in site.members}
        index.members_by_person = {m.person_key: m for m in site.members}
        index.publications = {p.slug: p for p in site.publications.values()}
        index.topics = {t.slug: t for t in site.topics.values()}
        index.topics_by_name = {t.name.casefold(): t for t in site.topics.values()}
        for person in site.people.values():
            if person.member_slug in index.members:
                index.members_by_person.setdefault(person.key, index.members[person.member_slug])
        return index


# --- dates -----------------------------------------------------------------------------

def format_date(date: Optional[str], *, day: bool = True, tr: Strings = ENGLISH) -> Optional[str]:
    """'2022-07' → 'Jul 2022', '2022-10-16' → 'Oct 16, 2022', 'present' → 'Present' (in the site's language)."""
    if not date:
        return None
    if date.casefold() == "present":
        return tr("present")
    parts = date.split("-")
    if len(parts) >= 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        month = tr.month(int(parts[1]))
        if len(parts) == 3 and day:
            return tr("date_day", month=month, day=int(parts[2]), year=parts[0])
        return tr("date_month", month=month, year=parts[0])
    return date


def format_range(start: Optional[str], end: Optional[str], tr: Strings = ENGLISH) -> Optional[str]:
    first, last = format_date(start, day=False, tr=tr), format_date(end, day=False, tr=tr)
    if first and last:
        return first if first == last else f"{first} – {last}"
    if first:
        return f"{first} –"
    return last


def publication_year(record: Publication) -> Optional[int]:
    if record.year:
        return record.year
    if record.date and record.date[:4].isdigit():
        return int(record.date[:4])
    return None


# --- links -----------------------------------------------------------------------------

def profile_links(links: list[Link]) -> tuple[LinkView, ...]:
    """A profile's links with safe URLs and readable labels (email address, website host, …)."""
    views = []
    for link in links:
        kind = (link.kind or "other").lower()
        raw = link.url.strip()
        if kind == "email" and "@" in raw and ":" not in raw:
            raw = f"mailto:{raw}"
        url = urls.safe_url(raw)
        if not url:
            continue
        if kind == "email" or url.lower().startswith("mailto:"):
            kind, label = "email", link.label or url.split(":", 1)[1]
        else:
            label = link.label or PROFILE_LINK_LABELS.get(kind) or _host(url)
        views.append(LinkView(url, label, kind))
    return tuple(views)


def publication_links(record: Publication, tr: Strings = ENGLISH) -> tuple[LinkView, ...]:
    """Buttons for a paper: its links plus arXiv and DOI pages, each URL once, PDF first."""
    found = [(link.kind or "other", link.url, link.label) for link in record.links]
    if record.arxiv:
        found.append(("arxiv", urls.arxiv_url(record.arxiv), None))
    if record.doi:
        found.append(("doi", urls.doi_url(record.doi), None))
    views, seen = [], set()
    for kind, raw, label in found:
        url = urls.safe_url(raw)
        if url and url not in seen:
            seen.add(url)
            views.append(LinkView(url, label or PUBLICATION_LINK_LABELS.get(kind) or tr("pub_link"), kind))
    order = list(PUBLICATION_LINK_LABELS)
    views.sort(key=lambda v: order.index(v.kind) if v.kind in order else len(order))
    return tuple(views)


def _host(url: str) -> str:
    host = urlsplit(url).netloc
    return host.removeprefix("www.") or url


# --- publications ----------------------------------------------------------------------

def publication_kind(record: Publication) -> str:
    return record.kind if record.kind in KINDS else "other"


def _when(record: Publication, tr: Strings) -> Optional[str]:
    year = publication_year(record)
    return format_date(record.date, tr=tr) if record.date and len(record.date) > 4 else (str(year) if year else None)


def _status(record: Publication, tr: Strings) -> Optional[str]:
    return tr.get(f"status_{record.status}", record.status) if record.status else None


def publication_view(pub: SitePublication, index: SiteIndex, self_key: Optional[str] = None,
                     tr: Strings = ENGLISH) -> PublicationView:
    record = pub.record
    venue_full = record.venue_full if record.venue_full != record.venue else None
    authors = tuple(author_view(a, index, self_key) for a in pub.authors)
    kind = publication_kind(record)
    return PublicationView(
        publication=pub, title=record.title, authors=authors, authors_truncated=record.authors_truncated,
        venue=record.venue or venue_full, venue_full=venue_full if record.venue else None, when=_when(record, tr),
        year=publication_year(record), status=_status(record, tr), in_progress=_shows_badge(record),
        links=publication_links(record, tr), equal_contribution=any(a.equal_contribution for a in authors),
        kind=kind, kind_label=tr(f"kind_{kind}"), topic_slugs=" ".join(ref.slug for ref in pub.topics),
        selected=record.selected, viewer=self_key)


def listed_view(slug: str, index: SiteIndex, self_key: Optional[str], tr: Strings) -> PublicationView:
    """`publication_view`, made once per paper and viewer in a render (it depends on nothing else)."""
    key = (slug, self_key, tr.language)
    view = index.views.get(key)
    if view is None:
        view = index.views[key] = publication_view(index.publications[slug], index, self_key, tr)
    return view


def entry_value(entry: PublicationView) -> tuple:
    """Everything a list entry shows, as a hashable value (to cache what it renders to): its fields, with the
    paper and the authors' member pages by slug. A template reaching into the model object itself
    (`entry.publication.record…`) would see more; the theme's do not."""
    return (entry.publication.slug, entry.title,
            tuple((a.name, a.member.slug if a.member else None, a.is_self, a.equal_contribution)
                  for a in entry.authors),
            entry.authors_truncated, entry.venue, entry.venue_full, entry.when, entry.year, entry.status,
            entry.in_progress, entry.links, entry.equal_contribution, entry.kind, entry.kind_label,
            entry.topic_slugs, entry.selected, entry.viewer)


def _shows_badge(record: Publication) -> bool:
    """Whether a list entry flags the paper as not (yet) published."""
    if not record.status or record.status == "published":
        return False
    return not (record.status == "preprint" and (record.venue or "").casefold() in PREPRINT_SERVERS)


def author_view(author: Author, index: SiteIndex, self_key: Optional[str]) -> AuthorView:
    member = index.members_by_person.get(author.person_key) if author.person_key else None
    is_self = self_key is not None and author.person_key == self_key
    return AuthorView(author.name, member, is_self, author.equal_contribution)


def publication_list(slugs: list[str], index: SiteIndex, self_key: Optional[str] = None,
                     tr: Strings = ENGLISH) -> PublicationList:
    """Publications grouped by year, newest year first, undated last; site order kept within a year."""
    views = [listed_view(s, index, self_key, tr) for s in slugs if s in index.publications]
    years: dict[Optional[int], list[PublicationView]] = {}
    for view in sorted(views, key=lambda v: -(v.year or 0)):
        years.setdefault(view.year, []).append(view)
    groups = tuple(YearGroup(str(y) if y else tr("undated"), f"y{y}" if y else "undated", tuple(vs))
                   for y, vs in years.items())
    return PublicationList(groups, any(v.equal_contribution for v in views))


def newest_publications(index: SiteIndex, limit: Optional[int] = None) -> list[str]:
    ordered = sorted(index.publications.values(), key=lambda p: -(publication_year(p.record) or 0))
    return [p.slug for p in ordered[:limit]]


def publication_versions(pub: SitePublication, tr: Strings = ENGLISH) -> tuple[VersionView, ...]:
    """Every version of the paper, oldest first (preprint → published); empty when there is only one."""
    if not pub.versions:
        return ()
    records = [pub.record, *pub.versions]
    ordered = sorted(records, key=lambda r: (publication_year(r) or 0, r.date or "", r.status != "preprint"))
    return tuple(VersionView(
        title=r.title if r.title.casefold() != pub.record.title.casefold() else None,
        venue=r.venue_full or r.venue, when=_when(r, tr), status=_status(r, tr),
        links=publication_links(r, tr), current=r is pub.record) for r in ordered)


def abstract_html(record: Publication) -> Markup:
    return markdown_to_html(record.abstract)


def topic_chips_for_publication(pub: SitePublication, index: SiteIndex, tr: Strings = ENGLISH) -> tuple[TopicChip, ...]:
    chips = []
    for ref in pub.topics:
        topic = index.topics.get(ref.slug)
        reasons = tuple(_reason_text(r.field, r.detail, tr) for r in ref.reasons)
        chips.append(TopicChip(topic.name if topic else ref.slug, topic, None, "; ".join(reasons) or None, reasons))
    return tuple(chips)


def _reason_text(field_name: str, detail: str, tr: Strings = ENGLISH) -> str:
    # The graph writes details that read on their own ("arXiv category cs.LG", "“LLM” in the title").
    return detail or tr.get(f"reason_{field_name}", field_name)


def topic_chips(slugs: list[str], index: SiteIndex) -> tuple[TopicChip, ...]:
    return tuple(TopicChip(t.name, t, len(t.publication_slugs)) for s in slugs if (t := index.topics.get(s)))


def interest_chips(profile: Profile, member: Member, index: SiteIndex,
                   tr: Strings = ENGLISH) -> tuple[str, tuple[TopicChip, ...]]:
    """A heading and chips: the stated interests (linked when a topic page exists), else the member's main topics."""
    if profile.interests:
        return tr("member_interests"), tuple(TopicChip(name, index.topics_by_name.get(name.casefold()))
                                             for name in profile.interests)
    chips = tuple(TopicChip(t.name, t) for s in member.topic_slugs[:MEMBER_TOPICS] if (t := index.topics.get(s)))
    return tr("member_topics"), chips


def all_topics(index: SiteIndex) -> tuple[TopicChip, ...]:
    """Every topic, alphabetically, with its number of publications."""
    ordered = sorted(index.topics.values(), key=lambda t: t.name.casefold())
    return topic_chips([t.slug for t in ordered], index)


def top_topics(index: SiteIndex, limit: int) -> tuple[TopicChip, ...]:
    """The topics with most papers, as a cloud: alphabetical, each weighted 1…CLOUD_WEIGHTS by its count."""
    ordered = sorted(index.topics.values(), key=lambda t: (-len(t.publication_slugs), t.name.casefold()))[:limit]
    counts = [len(t.publication_slugs) for t in ordered]
    low, high = (min(counts), max(counts)) if counts else (0, 0)
    chips = [replace(chip, weight=1 + round((CLOUD_WEIGHTS - 1) * (chip.count - low) / (high - low)) if high > low else 1)
             for chip in topic_chips([t.slug for t in ordered], index)]
    return tuple(sorted(chips, key=lambda c: c.name.casefold()))


# --- members ---------------------------------------------------------------------------

def member_card(member: Member, index: Optional[SiteIndex] = None) -> MemberCard:
    name = member.profile.name or member.slug
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    initials = (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper() if words else "?"
    hue = zlib.crc32(member.slug.encode()) % 360
    headline, affiliation = member.profile.headline, member.profile.affiliation
    if headline and affiliation and affiliation.casefold() in headline.casefold():
        affiliation = None  # "Research Engineer, IBM Research" already says where
    photo = index.photos.get(member.slug) if index else None
    return MemberCard(member, name, initials, hue, headline, affiliation, len(member.publication_slugs), photo)


def co_authors(member: Member, index: SiteIndex) -> tuple[CoAuthor, ...]:
    """People the member publishes with, most shared papers first, then by name."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    members: dict[str, Optional[Member]] = {}
    for slug in member.publication_slugs:
        pub = index.publications.get(slug)
        for author in pub.authors if pub else ():
            if author.person_key == member.person_key:
                continue
            key = author.person_key or author.name.casefold()
            counts[key] += 1
            person = index.site.people.get(author.person_key) if author.person_key else None
            names.setdefault(key, person.name if person else author.name)
            members.setdefault(key, index.members_by_person.get(author.person_key) if author.person_key else None)
    ordered = sorted(counts, key=lambda k: (-counts[k], names[k].casefold()))
    return tuple(CoAuthor(names[k], members[k], counts[k], k) for k in ordered)


def publication_filters(member: Member, index: SiteIndex, tr: Strings = ENGLISH) -> Optional[PublicationFilters]:
    """Year, kind and topic filters for a member's publications; None when there is nothing to choose between."""
    pubs = [index.publications[s] for s in member.publication_slugs if s in index.publications]
    if len(pubs) < 2:
        return None
    years = Counter(publication_year(p.record) for p in pubs)
    kinds = Counter(publication_kind(p.record) for p in pubs)
    topics = Counter(ref.slug for p in pubs for ref in p.topics if ref.slug in index.topics)
    year_options = tuple(FilterOption(str(y) if y else tr("undated"), str(y) if y else "undated", n,
                                      f"#y{y}" if y else "#undated")
                         for y, n in sorted(years.items(), key=lambda kv: -(kv[0] or 0)))
    kind_options = tuple(FilterOption(tr(f"kind_{k}"), k, kinds[k], f"#kind-{k}") for k in KINDS if kinds[k])
    best = sorted(topics.items(), key=lambda kv: (-kv[1], index.topics[kv[0]].name.casefold()))[:FILTER_TOPICS]
    topic_options = tuple(FilterOption(index.topics[s].name, s, n, urls.url_for(index.topics[s])) for s, n in best)
    return PublicationFilters(year_options, kind_options if len(kind_options) > 1 else (), topic_options, len(pubs))


def member_sections(member: Member, index: SiteIndex, tr: Strings = ENGLISH) -> tuple[Section, ...]:
    """The sections this profile has, in CV order; `other` sections keep their own headings."""
    profile = member.profile
    sections = []
    for key in SECTIONS:
        if key == "publications":
            pubs = publication_list(member.publication_slugs, index, member.person_key, tr)
            chosen = [s for s in member.publication_slugs if s in index.publications
                      and index.publications[s].record.selected]
            selected = publication_list(chosen, index, member.person_key, tr) if chosen else None
            if pubs.years:
                sections.append(Section("publications", key, tr("section_publications"), publications=pubs,
                                        selected=selected))
        elif key == "skills":
            groups = tuple((g.category, ", ".join(g.items)) for g in profile.skills if g.items)
            if groups:
                sections.append(Section("skills", key, tr("section_skills"), groups))
        elif key == "other":
            for number, other in enumerate(profile.other, 1):
                if not _attach_notes(sections, other.heading, other.lines):
                    sections.append(Section("lines", f"other-{number}", other.heading, tuple(other.lines)))
        elif entries := tuple(CV_ENTRIES[key](item, tr) for item in getattr(profile, key)):
            sections.append(Section("entries", key, tr(f"section_{key}"), entries))
    return tuple(sections)


def _attach_notes(sections: list[Section], heading: str, lines: list[str]) -> bool:
    """Lines kept from a known section (a legend such as "* equal contribution") join that section."""
    for index, section in enumerate(sections):
        if heading.strip().casefold() in (section.heading.casefold(), section.anchor):
            sections[index] = replace(section, notes=section.notes + tuple(lines))
            return True
    return False


def _joined(*parts: Optional[str], sep: str = ", ") -> Optional[str]:
    return sep.join(p for p in parts if p) or None


CV_ENTRIES = {
    "education": lambda e, tr: CvEntry(
        _joined(e.degree, e.field, sep=" in ") or e.institution,
        e.institution if (e.degree or e.field) else None,
        format_range(e.start, e.end, tr), e.location,
        tuple(d for d in ([e.grade] if e.grade else []) + e.details)),
    "positions": lambda p, tr: CvEntry(
        p.role or p.organization, _joined(p.organization if p.role else None, p.unit),
        format_range(p.start, p.end, tr), p.location, tuple(p.details)),
    "awards": lambda a, tr: CvEntry(a.title, None, str(a.year) if a.year else None, None,
                                    (a.details,) if a.details else ()),
    "talks": lambda t, tr: CvEntry(t.title, t.venue, format_date(t.date, tr=tr)),
    "teaching": lambda t, tr: CvEntry(t.course, _joined(t.role, t.institution), format_range(t.start, t.end, tr)),
    "projects": lambda p, tr: CvEntry(p.title, p.organization, format_range(p.start, p.end, tr), None,
                                      tuple(p.details)),
    "news": lambda n, tr: CvEntry(n.text, None, format_date(n.date, tr=tr)),
}
