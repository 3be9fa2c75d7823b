"""Render a Site into a folder of static pages: the Jinja environment, the page list, the writing.

The default theme is the repository's own `templates/` and `static/`; a site's
`templates/` overrides any theme template by name (and can still extend the
original as `theme/<name>`), and its `static/` files win over the theme's.
Besides pages the site gets feeds, sitemap.xml, robots.txt, BibTeX downloads
and members' photos; every output is listed before the first byte is written.
"""
from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined,
                    pass_context, select_autoescape)

from sitegen import charts, citations, feeds, structured_data as sd, urls, views
from sitegen.i18n import Strings, load_strings
from sitegen.model import Diagnostic, Member, Site

THEME_DIR = Path(__file__).resolve().parent.parent
HOME_PUBLICATIONS = 6
HOME_TOPICS = 24
PHOTO_TYPES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg"}


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # output path, site-root-relative
    template: str
    context: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Download:
    """A file that is not a page: a feed, the sitemap, a .bib, a copied photo."""

    path: str
    text: Optional[str] = None
    source: Optional[Path] = None  # copied as it is


@dataclass(slots=True)
class SiteOutput:
    pages: list[Page] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)


def make_environment(site_dir: Path | None = None, strings: Strings | None = None) -> Environment:
    """Jinja with autoescape and strict undefined; the site's templates/ first, then the theme's."""
    theme = FileSystemLoader(THEME_DIR / "templates")
    loaders = [FileSystemLoader(site_dir / "templates")] if site_dir and (site_dir / "templates").is_dir() else []
    env = Environment(
        loader=ChoiceLoader([*loaders, theme, PrefixLoader({"theme": theme})]),
        autoescape=select_autoescape(default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(url=_url, static=_static, path_url=_path_url, root=_root,
                       t=strings or load_strings("en"))
    env.filters["safe_url"] = urls.safe_url
    return env


@pass_context
def _url(context, target: object) -> str:
    """The link from the page being rendered to a model object or a named page."""
    return urls.relative_url(context["page_path"], urls.url_for(target))


@pass_context
def _static(context, name: str) -> str:
    return urls.relative_url(context["page_path"], urls.static_path(name))


@pass_context
def _path_url(context, path: str) -> str:
    """The link to any output path (a download, a photo, an anchor on another page)."""
    return urls.relative_url(context["page_path"], path)


@pass_context
def _root(context) -> str:
    """The site root relative to this page, ending in '/': './' or '../../'."""
    return posixpath.relpath(".", posixpath.dirname(context["page_path"]) or ".") + "/"


# --- what the site holds -------------------------------------------------------------------

def member_photos(site: Site, site_dir: Path | None) -> dict[str, Path]:
    """Member slug → photo file, from `photo:` in site.yaml (relative to it); missing files are skipped."""
    if site_dir is None or not (site_dir / "site.yaml").is_file():
        return {}
    from sitegen.config import ConfigError, load_config  # the graph does not carry photos yet

    try:
        config = load_config(site_dir)
    except ConfigError:
        return {}
    photos = {}
    for member in site.members:
        sources = {Path(s.path).resolve() for s in member.profile.sources}
        for researcher in config.researchers:
            named = researcher.name and researcher.name == member.profile.name
            if researcher.photo and (named or sources & {p.resolve() for p in researcher.sources}):
                photo = (site_dir / researcher.photo).resolve()
                if photo.is_file() and photo.suffix.lower() in PHOTO_TYPES:
                    photos[member.slug] = photo
                break
    return photos


def render_warnings(site: Site) -> list[Diagnostic]:
    """What the render stage leaves out, for the build to report (see feeds.missing_base_url_warning)."""
    return [w for w in (feeds.missing_base_url_warning(site),) if w]


def site_output(site: Site, tr: Strings, photos: dict[str, Path] | None = None) -> SiteOutput:
    """Every page and download of the site with what it shows; found before anything is written."""
    photos = photos or {}
    photo_paths = {slug: urls.member_file(slug, "photo" + path.suffix.lower()) for slug, path in photos.items()}
    index = views.SiteIndex.of(site, photo_paths)
    out = SiteOutput()
    home_feed = [(tr("footer_feed"), urls.FEED)]
    out.pages += [
        _page(site, urls.INDEX, "index.html", site.title, site.description, {
            "nav": "index", "members": [views.member_card(m, index) for m in site.members],
            "latest": views.publication_list(views.newest_publications(index, HOME_PUBLICATIONS), index, tr=tr),
            "topics": views.top_topics(index, HOME_TOPICS), "more_topics": len(index.topics) > HOME_TOPICS},
              index_me=False),
        _page(site, urls.PUBLICATIONS_INDEX, "publications.html", tr("publications_heading"), site.description, {
            "nav": "publications",
            "publications": views.publication_list(views.newest_publications(index), index, tr=tr)},
              index_me=False),
        _page(site, urls.TOPICS_INDEX, "topics.html", tr("topics_heading"), tr("topics_lead"),
              {"nav": "topics", "topics": views.all_topics(index)}, index_me=False),
        _page(site, urls.SEARCH, "search.html", tr("search_heading"), tr("search_lead"), {"nav": "search"},
              index_me=False),
        # A host serves 404.html at any depth, where relative links break: <base> fixes them when the URL is known.
        _page(site, urls.NOT_FOUND, "404.html", tr("not_found_title"), None,
              {"base_href": urls.safe_url(site.base_url.rstrip("/") + "/") if site.base_url else None},
              index_me=False),
    ]
    for page in out.pages:
        page.context["feeds"] = home_feed
    for member in site.members:
        out.pages.append(_member_page(site, member, index, tr, home_feed))
        pubs = [index.publications[s] for s in member.publication_slugs if s in index.publications]
        out.downloads.append(Download(urls.member_file(member.slug, urls.BIBTEX),
                                      citations.bibtex_file(pubs, lambda p: _absolute(site, urls.url_for(p)))))
        out.downloads.append(Download(urls.member_file(member.slug, urls.MEMBER_FEED), feeds.atom_feed(
            site, urls.member_file(member.slug, urls.MEMBER_FEED), f"{member.profile.name or member.slug} · {site.title}",
            pubs, urls.url_for(member), {t.slug: t.name for t in index.topics.values()})))
        if member.slug in photos:
            out.downloads.append(Download(photo_paths[member.slug], source=photos[member.slug]))
    for pub in site.publications.values():
        out.pages.append(_publication_page(site, pub, index, tr, home_feed))
        out.downloads.append(Download(urls.publication_file(pub.slug, urls.CITE_BIBTEX), citations.bibtex_entry(
            pub, url=_absolute(site, urls.url_for(pub)))))
    for topic in site.topics.values():
        out.pages.append(_page(site, urls.url_for(topic), "topic.html", topic.name, None, {
            "nav": "topics", "topic": topic, "feeds": home_feed,
            "publications": views.publication_list(topic.publication_slugs, index, tr=tr),
            "related": views.topic_chips(topic.related, index),
            "members": [views.member_card(index.members[s], index) for s in topic.member_slugs
                        if s in index.members]}))
    out.downloads.append(Download(urls.FEED, feeds.atom_feed(
        site, urls.FEED, site.title, [index.publications[s] for s in views.newest_publications(index)],
        topic_names={t.slug: t.name for t in index.topics.values()})))
    if sitemap := feeds.sitemap(site, [p.path for p in out.pages if p.path not in (urls.NOT_FOUND, urls.SEARCH)]):
        out.downloads.append(Download(urls.SITEMAP, sitemap))
    out.downloads.append(Download(urls.ROBOTS, feeds.robots_txt(site)))
    return out


def _absolute(site: Site, path: str) -> Optional[str]:
    return urls.absolute_url(site.base_url, path) if site.base_url else None


def _page(site: Site, path: str, template: str, title: str, description: Optional[str], context: dict[str, Any],
          *, kind: str = "website", image: Optional[str] = None, index_me: bool = True) -> Page:
    """A page with the head every page has: title, description, canonical URL, OpenGraph and Twitter tags."""
    description = sd.shorten(description)
    head = {"page_title": title, "description": description, "canonical": _absolute(site, path),
            "meta_tags": sd.social_tags(site, path, title, description, kind, image),
            "json_ld": None, "searchable": index_me, "feeds": []}
    return Page(path, template, {**head, **context})


def _member_page(site: Site, member: Member, index: views.SiteIndex, tr: Strings, home_feed) -> Page:
    profile, card = member.profile, views.member_card(member, index)
    links = views.profile_links(profile.links)
    people = views.co_authors(member, index)
    topic_names = [index.topics[s].name for s in member.topic_slugs if s in index.topics]
    same_as = [link.url for link in links if link.kind != "email"]
    description = ", ".join(x for x in (card.name, profile.headline, profile.affiliation) if x)
    page = _page(site, urls.url_for(member), "member.html", card.name, description, {
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
    page.context["json_ld"] = sd.json_ld(sd.profile_page(site, member, same_as, topic_names, card.photo))
    return page


def _publication_page(site: Site, pub, index: views.SiteIndex, tr: Strings, home_feed) -> Page:
    entry = views.publication_view(pub, index, tr=tr)
    topics = views.topic_chips_for_publication(pub, index, tr)
    description = sd.shorten(pub.record.abstract) or ", ".join(
        x for x in (", ".join(a.name for a in entry.authors[:3]), entry.venue, entry.when) if x)
    page = _page(site, urls.url_for(pub), "publication.html", entry.title, description, {
        "nav": "publications", "entry": entry, "record": pub.record, "topics": topics, "feeds": home_feed,
        "listed_by": [index.members[s] for s in pub.listed_by if s in index.members],
        "versions": views.publication_versions(pub, tr),
        "abstract": views.abstract_html(pub.record),
        "bibtex": citations.bibtex_entry(pub, url=_absolute(site, urls.url_for(pub))),
        "apa": citations.apa_citation(pub),
        "cite_path": urls.publication_file(pub.slug, urls.CITE_BIBTEX),
        "scholar_tags": sd.highwire_tags(pub),
    }, kind="article")
    page.context["json_ld"] = sd.json_ld(sd.scholarly_article(site, pub, index.members_by_person,
                                                              [c.name for c in topics]))
    return page


# --- writing -------------------------------------------------------------------------------

def render_site(site: Site, out_dir: Path, site_dir: Path | None = None) -> list[str]:
    """Write every page, download and static file into `out_dir`; return the relative paths written."""
    strings = load_strings(site.language, site_dir)
    env = make_environment(site_dir, strings)
    output = site_output(site, strings, member_photos(site, site_dir))
    _check_paths([p.path for p in output.pages] + [d.path for d in output.downloads], out_dir)
    written = []
    for page in output.pages:
        html = env.get_template(page.template).render(
            {"site": site, "page_path": page.path, "base_href": None, "nav": None,
             # the nav item for this very page is "page"; for a page inside its section, "true"
             "nav_current": "page" if page.path in urls.ROUTES.values() else "true", **page.context})
        written.append(_write(out_dir, page.path, text=compact_html(html)))
    for download in output.downloads:
        written.append(_write(out_dir, download.path, text=download.text, source=download.source))
    for static_dir in (THEME_DIR / "static", site_dir / "static" if site_dir else None):
        if static_dir and static_dir.is_dir():
            written.extend(_copy_static(static_dir, out_dir, compact=static_dir == THEME_DIR / "static"))
    return list(dict.fromkeys(written))


_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s*([{};,])\s*")


def compact_html(html: str) -> str:
    """The page without the templates' indentation (a tenth of a member page); <pre> is left alone."""
    return "".join(part if part.lower().startswith("<pre") else _INDENT.sub("\n", part) for part in _PRE.split(html))


def compact_css(css: str) -> str:
    """Comments and layout whitespace out of a stylesheet, so a member page stays light."""
    css = _CSS_SPACE.sub(r"\1", " ".join(_CSS_COMMENT.sub("", css).split()))
    return css.replace(";}", "}") + "\n"


def _write(out_dir: Path, path: str, text: Optional[str] = None, source: Optional[Path] = None) -> str:
    target = out_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if source is not None:
        shutil.copyfile(source, target)
    else:
        target.write_text(text or "", encoding="utf-8")
    return path


def _check_paths(paths: list[str], out_dir: Path) -> None:
    """Two outputs with one path, or a slug that leaves the output folder, is a bug in the graph."""
    seen: set[str] = set()
    root = out_dir.resolve()
    for path in paths:
        if path in seen:
            raise ValueError(f"two pages would be written to {path}")
        if not (root / path).resolve().is_relative_to(root):
            raise ValueError(f"page path {path!r} leaves the output folder")
        seen.add(path)


def _copy_static(static_dir: Path, out_dir: Path, compact: bool = False) -> list[str]:
    """Copy a static folder; the theme's stylesheets are compacted, a site's own files copied as they are."""
    copied = []
    root = static_dir.resolve()
    for source in sorted(static_dir.rglob("*")):
        if not source.resolve().is_relative_to(root):
            continue  # a symlink pointing out of static/ must not copy outside files into the site
        if source.is_file() and not source.name.startswith("."):
            relative = urls.static_path(source.relative_to(static_dir).as_posix())
            (out_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            if compact and source.suffix == ".css":
                (out_dir / relative).write_text(compact_css(source.read_text(encoding="utf-8")), encoding="utf-8")
            else:
                shutil.copyfile(source, out_dir / relative)
            copied.append(relative)
    return copied
