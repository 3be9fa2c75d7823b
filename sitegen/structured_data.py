"""Machine-readable descriptions of pages: JSON-LD, Highwire `citation_*` tags, OpenGraph and Twitter cards.

Absolute URLs appear only when the site's `base_url` is known (schema.org and
OpenGraph want them); without it those properties are left out, never guessed.
JSON-LD is serialised so that no title can end the `<script>` element early.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional

from markupsafe import Markup

from sitegen import urls
from sitegen.model import Member, Publication, Site, SitePublication

SCHEMA = "https://schema.org"
DESCRIPTION_LIMIT = 200
# Google Scholar's inclusion guidelines: journal papers name the journal, proceedings the conference.
JOURNAL_KINDS = {"journal"}
CONFERENCE_KINDS = {"conference", "workshop"}


@dataclass(frozen=True, slots=True)
class MetaTag:
    attribute: str  # "name" or "property"
    key: str
    content: str


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so `</script>` cannot appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _absolute(site: Site, path: str) -> Optional[str]:
    return urls.absolute_url(site.base_url, path) if site.base_url else None


def shorten(text: Optional[str], limit: int = DESCRIPTION_LIMIT) -> Optional[str]:
    """One line of at most `limit` characters, cut at a word, for descriptions and cards."""
    if not text:
        return None
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def pdf_url(record: Publication) -> Optional[str]:
    for link in record.links:
        if (link.kind or "") == "pdf" and (url := urls.safe_url(link.url)) and url.startswith("http"):
            return url
    if record.arxiv:
        return urls.arxiv_url(record.arxiv).replace("/abs/", "/pdf/")
    return None


def scholarly_date(record: Publication) -> Optional[str]:
    """Google Scholar's form: 2023/10/16, 2023/10 or 2023."""
    if record.date and record.date[:4].isdigit():
        return record.date.replace("-", "/")
    return str(record.year) if record.year else None


def iso_date(record: Publication) -> Optional[str]:
    if record.date and record.date[:4].isdigit():
        return record.date
    return str(record.year) if record.year else None


# --- publication pages -----------------------------------------------------------------

def highwire_tags(pub: SitePublication) -> list[MetaTag]:
    """`citation_*` meta tags, one `citation_author` per author in order."""
    record = pub.record
    tags = [MetaTag("name", "citation_title", record.title)]
    tags += [MetaTag("name", "citation_author", a.name) for a in pub.authors or []] or \
        [MetaTag("name", "citation_author", name) for name in record.authors]
    if date := scholarly_date(record):
        tags.append(MetaTag("name", "citation_publication_date", date))
    venue = record.venue_full or record.venue
    if venue and record.kind in JOURNAL_KINDS:
        tags.append(MetaTag("name", "citation_journal_title", venue))
    elif venue and record.kind in CONFERENCE_KINDS:
        tags.append(MetaTag("name", "citation_conference_title", venue))
    if pdf := pdf_url(record):
        tags.append(MetaTag("name", "citation_pdf_url", pdf))
    if record.doi:
        tags.append(MetaTag("name", "citation_doi", urls.doi_url(record.doi).removeprefix("https://doi.org/")))
    if record.arxiv:
        tags.append(MetaTag("name", "citation_arxiv_id", urls.arxiv_url(record.arxiv).removeprefix("https://arxiv.org/abs/")))
    return tags


def scholarly_article(site: Site, pub: SitePublication, members_by_person: dict[str, Member],
                      topic_names: list[str]) -> dict[str, Any]:
    record = pub.record
    data: dict[str, Any] = {"@context": SCHEMA, "@type": "ScholarlyArticle", "name": record.title,
                            "headline": shorten(record.title, 110)}
    authors = []
    for author in pub.authors or []:
        person: dict[str, Any] = {"@type": "Person", "name": author.name}
        member = members_by_person.get(author.person_key) if author.person_key else None
        if member and (page := _absolute(site, urls.url_for(member))):
            person["url"] = page
        authors.append(person)
    if authors:
        data["author"] = authors
    if date := iso_date(record):
        data["datePublished"] = date
    venue = record.venue_full or record.venue
    if venue:
        data["isPartOf"] = {"@type": "Periodical" if record.kind in JOURNAL_KINDS else "CreativeWork", "name": venue}
    identifiers, same_as = [], []
    if record.doi:
        doi = urls.doi_url(record.doi)
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": doi.removeprefix("https://doi.org/")})
        same_as.append(doi)
    if record.arxiv:
        arxiv = urls.arxiv_url(record.arxiv)
        identifiers.append({"@type": "PropertyValue", "propertyID": "arXiv",
                            "value": arxiv.removeprefix("https://arxiv.org/abs/")})
        same_as.append(arxiv)
    if identifiers:
        data["identifier"] = identifiers
    if same_as:
        data["sameAs"] = same_as
    if record.abstract:
        data["abstract"] = " ".join(record.abstract.split())
    if topic_names:
        data["keywords"] = topic_names
    if page := _absolute(site, urls.url_for(pub)):
        data["url"] = page
    return data


# --- member pages ----------------------------------------------------------------------

def profile_page(site: Site, member: Member, same_as: list[str], topic_names: list[str],
                 photo_path: Optional[str] = None) -> dict[str, Any]:
    profile = member.profile
    person: dict[str, Any] = {"@type": "Person", "name": profile.name or member.slug}
    if profile.headline:
        person["jobTitle"] = profile.headline
    if profile.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": profile.affiliation}
    if same_as:
        person["sameAs"] = same_as
    if topic_names:
        person["knowsAbout"] = topic_names
    if photo_path and (image := _absolute(site, photo_path)):
        person["image"] = image
    data: dict[str, Any] = {"@context": SCHEMA, "@type": "ProfilePage", "mainEntity": person}
    if page := _absolute(site, urls.url_for(member)):
        data["url"] = page
        person["url"] = page
    return data


# --- every page ------------------------------------------------------------------------

def social_tags(site: Site, page_path: str, title: str, description: Optional[str], kind: str = "website",
                image_path: Optional[str] = None) -> list[MetaTag]:
    """OpenGraph and Twitter card tags; og:url and og:image only with a base_url."""
    description = shorten(description)
    tags = [MetaTag("property", "og:type", kind), MetaTag("property", "og:title", title),
            MetaTag("property", "og:site_name", site.title)]
    if description:
        tags.append(MetaTag("property", "og:description", description))
    if canonical := _absolute(site, page_path):
        tags.append(MetaTag("property", "og:url", canonical))
    if image_path and (image := _absolute(site, image_path)):
        tags.append(MetaTag("property", "og:image", image))
    tags += [MetaTag("name", "twitter:card", "summary"), MetaTag("name", "twitter:title", title)]
    if description:
        tags.append(MetaTag("name", "twitter:description", description))
    return tags
