"""What a site's output is: every page and download, and the context each page's template receives.

Besides pages the site gets feeds, sitemap.xml, robots.txt, BibTeX downloads and members' photos; every
output is listed (`SitePages.output`) before the first byte is written, and a page's context is made only
when render.py renders it, one page at a time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Optional

from sitegen import charts, citations, feeds, structured_data as sd, urls, views
from sitegen.i18n import Strings
from sitegen.model import Diagnostic, Member, Site

HOME_PUBLICATIONS = 6
HOME_TOPICS = 24
PHOTO_TYPES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg"}


@dataclass(frozen=True, slots=True)
class Page:
    """A page to write; its context is made right before it is rendered (SitePages.context), one at a time."""

    path: str  # output path, site-root-relative
    template: str
    kind: str  # which context: index, publications, topics, search, 404, member, publication, topic
    key: str = ""  # the member, publication or topic slug
    searchable: bool = True  # Pagefind indexes it


@dataclass(frozen=True, slots=True)
class Download:
    """A file that is not a page: a feed, the sitemap, a .bib, a copied photo."""

    path: str
    kind: str  # member-bibtex, member-feed, photo, cite, feed, sitemap, robots
    key: str = ""  # the member or publication slug
    make: Optional[Callable[[], str]] = None  # its text, made when it is written
    source: Optional[Path] = None  # copied as it is


@dataclass(slots=True)
class SiteOutput:
    pages: list[Page] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)


def member_photos(site: Site, site_dir: Path | None, config=None) -> dict[str, Path]:
    """Member slug → photo file, from `photo:` in site.yaml (relative to it); missing files are skipped.

    `config` is site.yaml as the build read it; without it, site.yaml is read here.
    """
    if config is None:
        if site_dir is None or not (site_dir / "site.yaml").is_file():
            return {}
        from sitegen.config import ConfigError, load_config  # the graph does not carry photos yet

        try:
            config = load_config(site_dir)
        except ConfigError:
            return {}
    site_dir = config.site_dir
    with_photo = [r for r in config.researchers if r.photo]
    first_named: dict[str, int] = {}  # the first researcher (with a photo) of a name or source wins
    first_with_source: dict[Path, int] = {}
    for number, researcher in enumerate(with_photo):
        if researcher.name:
            first_named.setdefault(researcher.name, number)
        for path in researcher.sources:
            first_with_source.setdefault(path.resolve(), number)
    photos = {}
    for member in site.members if with_photo else ():
        found = [n for n in (first_named.get(member.profile.name or ""),
                             *(first_with_source.get(Path(s.path).resolve()) for s in member.profile.sources))
                 if n is not None]
        if found:
            photo = (site_dir / with_photo[min(found)].photo).resolve()
            if photo.is_file() and photo.suffix.lower() in PHOTO_TYPES:
                photos[member.slug] = photo
    return photos


def render_warnings(site: Site) -> list[Diagnostic]:
    """What the render stage leaves out, for the build to report (see feeds.missing_base_url_warning)."""
    return [w for w in (feeds.missing_base_url_warning(site),) if w]


class SitePages:
    """Every output of a site, and each page's context on demand; built once per render (per worker)."""

    def __init__(self, site: Site, tr: Strings, photos: dict[str, Path] | None = None):
        self.site, self.tr, self.photos = site, tr, photos or {}
        self.photo_paths = {slug: urls.member_file(slug, "photo" + path.suffix.lower())
                            for slug, path in self.photos.items()}
        self.index = views.SiteIndex.of(site, self.photo_paths)
        self.cites = citations.Citations(lambda pub: _absolute(site, urls.url_for(pub)))
        self.home_feed = [(tr("footer_feed"), urls.FEED)]

    def output(self) -> SiteOutput:
        """Every page and download, found before anything is written; no page's context is made yet."""
        site, index = self.site, self.index
        out = SiteOutput()
        out.pages += [Page(urls.INDEX, "index.html", "index", searchable=False),
                      Page(urls.PUBLICATIONS_INDEX, "publications.html", "publications", searchable=False),
                      Page(urls.TOPICS_INDEX, "topics.html", "topics", searchable=False),
                      Page(urls.SEARCH, "search.html", "search", searchable=False),
                      Page(urls.NOT_FOUND, "404.html", "404", searchable=False)]
        for member in site.members:
            out.pages.append(Page(urls.url_for(member), "member.html", "member", member.slug))
            out.downloads.append(Download(urls.member_file(member.slug, urls.BIBTEX), "member-bibtex", member.slug,
                                          partial(self._member_bibtex, member)))
            out.downloads.append(Download(urls.member_file(member.slug, urls.MEMBER_FEED), "member-feed",
                                          member.slug, partial(self._member_feed, member)))
            if member.slug in self.photos:
                out.downloads.append(Download(self.photo_paths[member.slug], "photo", member.slug,
                                              source=self.photos[member.slug]))
        for pub in site.publications.values():
            out.pages.append(Page(urls.url_for(pub), "publication.html", "publication", pub.slug))
            out.downloads.append(Download(urls.publication_file(pub.slug, urls.CITE_BIBTEX), "cite", pub.slug,
                                          partial(self.cites.entry, pub)))
        for topic in site.topics.values():
            out.pages.append(Page(urls.url_for(topic), "topic.html", "topic", topic.slug))
        out.downloads.append(Download(urls.FEED, "feed", make=lambda: feeds.atom_feed(
            site, urls.FEED, site.title, [index.publications[s] for s in views.newest_publications(index)],
            topic_names=self._topic_names())))
        if site.base_url:
            page_paths = [p.path for p in out.pages if p.path not in (urls.NOT_FOUND, urls.SEARCH)]
            out.downloads.append(Download(urls.SITEMAP, "sitemap", make=lambda: feeds.sitemap(site, page_paths)))
        out.downloads.append(Download(urls.ROBOTS, "robots", make=lambda: feeds.robots_txt(site)))
        return out

    def _member_publications(self, member: Member) -> list:
        return [self.index.publications[s] for s in member.publication_slugs if s in self.index.publications]

    def _member_bibtex(self, member: Member) -> str:
        return self.cites.file(self._member_publications(member))

    def _member_feed(self, member: Member) -> str:
        path = urls.member_file(member.slug, urls.MEMBER_FEED)
        return feeds.atom_feed(self.site, path, f"{member.profile.name or member.slug} · {self.site.title}",
                               self._member_publications(member), urls.url_for(member), self._topic_names())

    def _topic_names(self) -> dict[str, str]:
        return {t.slug: t.name for t in self.index.topics.values()}

    def context(self, page: Page) -> dict[str, Any]:
        """What the page's template receives, made now (one page's worth of memory at a time)."""
        site, index, tr = self.site, self.index, self.tr
        if page.kind == "member":
            return _member_page(site, index.members[page.key], index, tr, self.home_feed)
        if page.kind == "publication":
            return _publication_page(site, index.publications[page.key], index, tr, self.home_feed, self.cites)
        if page.kind == "topic":
            topic = index.topics[page.key]
            return _page(site, page.path, topic.name, None, {
                "nav": "topics", "topic": topic, "feeds": self.home_feed,
                "publications": views.publication_list(topic.publication_slugs, index, tr=tr),
                "related": views.topic_chips(topic.related, index),
                "members": [views.member_card(index.members[s], index) for s in topic.member_slugs
                            if s in index.members]})
        if page.kind == "index":
            context = _page(site, page.path, site.title, site.description, {
                "nav": "index", "members": [views.member_card(m, index) for m in site.members],
                "latest": views.publication_list(views.newest_publications(index, HOME_PUBLICATIONS), index, tr=tr),
                "topics": views.top_topics(index, HOME_TOPICS), "more_topics": len(index.topics) > HOME_TOPICS},
                index_me=False)
        elif page.kind == "publications":
            context = _page(site, page.path, tr("publications_heading"), site.description, {
                "nav": "publications",
                "publications": views.publication_list(views.newest_publications(index), index, tr=tr)},
                index_me=False)
        elif page.kind == "topics":
            context = _page(site, page.path, tr("topics_heading"), tr("topics_lead"),
                            {"nav": "topics", "topics": views.all_topics(index)}, index_me=False)
        elif page.kind == "search":
            context = _page(site, page.path, tr("search_heading"), tr("search_lead"), {"nav": "search"},
                            index_me=False)
        else:  # 404: a host serves it at any depth, where relative links break: <base> fixes them when the URL is known
            context = _page(site, page.path, tr("not_found_title"), None,
                            {"base_href": urls.safe_url(site.base_url.rstrip("/") + "/") if site.base_url else None},
                            index_me=False)
        context["feeds"] = self.home_feed
        return context


def site_output(site: Site, tr: Strings, photos: dict[str, Path] | None = None) -> SiteOutput:
    """Every page and download of the site; found before anything is written."""
    return SitePages(site, tr, photos).output()


def _absolute(site: Site, path: str) -> Optional[str]:
    return urls.absolute_url(site.base_url, path) if site.base_url else None


def _page(site: Site, path: str, title: str, description: Optional[str], context: dict[str, Any],
          *, kind: str = "website", image: Optional[str] = None, index_me: bool = True) -> dict[str, Any]:
    """A page's context with the head every page has: title, description, canonical URL, OpenGraph and Twitter tags."""
    description = sd.shorten(description)
    head = {"page_title": title, "description": description, "canonical": _absolute(site, path),
            "meta_tags": sd.social_tags(site, path, title, description, kind, image),
            "json_ld": None, "searchable": index_me, "feeds": []}
    return {**head, **context}


def _member_page(site: Site, member: Member, index: views.SiteIndex, tr: Strings, home_feed) -> dict[str, Any]:
    profile, card = member.profile, views.member_card(member, index)
    links = views.profile_links(profile.links)
    people = views.co_authors(member, index)
    topic_names = [index.topics[s].name for s in member.topic_slugs if s in index.topics]
    same_as = [link.url for link in links if link.kind != "email"]
    description = ", ".join(x for x in (card.name, profile.headline, profile.affiliation) if x)
    context = _page(site, urls.url_for(member), card.name, description, {
        "member": member, "profile": profile, "card": card, "links": links,
        "summary": views.markdown_to_html(profile.summary),
        "interests": views.interest_chips(profile, member, index, tr),  # (heading, chips)
        "sections": views.member_sections(member, index, tr),
        "filters": views.publication_filters(member, index, tr),
        "kinds": views.KINDS,
        "chart": charts.publications_per_year(member, index),
        "graph": charts.co_author_graph(member, people, index),
        "co_authors": people,
        "bibtex_path": urls.member_file(member.slug, urls.BIBTEX),
        "feeds": [*home_feed, (tr("member_feed"), urls.member_file(member.slug, urls.MEMBER_FEED))],
    }, kind="profile", image=card.photo)
    context["json_ld"] = sd.json_ld(sd.profile_page(site, member, same_as, topic_names, card.photo))
    return context


def _publication_page(site: Site, pub, index: views.SiteIndex, tr: Strings, home_feed,
                      cites: citations.Citations) -> dict[str, Any]:
    entry = views.listed_view(pub.slug, index, None, tr)
    topics = views.topic_chips_for_publication(pub, index, tr)
    description = sd.shorten(pub.record.abstract) or ", ".join(
        x for x in (", ".join(a.name for a in entry.authors[:3]), entry.venue, entry.when) if x)
    context = _page(site, urls.url_for(pub), entry.title, description, {
        "nav": "publications", "entry": entry, "record": pub.record, "topics": topics, "feeds": home_feed,
        "listed_by": [index.members[s] for s in pub.listed_by if s in index.members],
        "versions": views.publication_versions(pub, tr),
        "abstract": views.abstract_html(pub.record),
        "bibtex": cites.entry(pub),
        "apa": cites.apa(pub),
        "cite_path": urls.publication_file(pub.slug, urls.CITE_BIBTEX),
        "scholar_tags": sd.highwire_tags(pub),
    }, kind="article")
    context["json_ld"] = sd.json_ld(sd.scholarly_article(site, pub, index.members_by_person,
                                                         [c.name for c in topics]))
    return context
