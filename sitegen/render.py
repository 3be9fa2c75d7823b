"""Render a Site into a folder of static pages: the Jinja environment, the page list, the writing.

The default theme is the repository's own `templates/` and `static/`; a site's
`templates/` overrides any theme template by name (and can still extend the
original as `theme/<name>`), and its `static/` files win over the theme's.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined,
                    pass_context, select_autoescape)

from sitegen import urls, views
from sitegen.model import Site

THEME_DIR = Path(__file__).resolve().parent.parent
HOME_PUBLICATIONS = 6
HOME_TOPICS = 16


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # output path, site-root-relative
    template: str
    context: dict[str, Any]


def make_environment(site_dir: Path | None = None) -> Environment:
    """Jinja with autoescape and strict undefined; the site's templates/ first, then the theme's."""
    theme = FileSystemLoader(THEME_DIR / "templates")
    loaders = [FileSystemLoader(site_dir / "templates")] if site_dir and (site_dir / "templates").is_dir() else []
    env = Environment(
        loader=ChoiceLoader([*loaders, theme, PrefixLoader({"theme": theme})]),
        autoescape=select_autoescape(default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(url=_url, static=_static)
    env.filters["safe_url"] = urls.safe_url
    return env


@pass_context
def _url(context, target: object) -> str:
    """The link from the page being rendered to a model object or a named page."""
    return urls.relative_url(context["page_path"], urls.url_for(target))


@pass_context
def _static(context, name: str) -> str:
    return urls.relative_url(context["page_path"], urls.static_path(name))


def site_pages(site: Site) -> list[Page]:
    """Every page of the site with what its template shows; found before anything is written."""
    index = views.SiteIndex.of(site)
    pages = [
        Page(urls.INDEX, "index.html", {"nav": "index",
            "members": [views.member_card(m) for m in site.members],
            "latest": views.publication_list(views.newest_publications(index, HOME_PUBLICATIONS), index),
            "topics": views.top_topics(index, HOME_TOPICS),
            "more_topics": len(index.topics) > HOME_TOPICS}),
        Page(urls.PUBLICATIONS_INDEX, "publications.html", {
            "nav": "publications", "publications": views.publication_list(views.newest_publications(index), index)}),
        Page(urls.TOPICS_INDEX, "topics.html", {"nav": "topics", "topics": views.all_topics(index)}),
        # A host serves 404.html at any depth, where relative links break: <base> fixes them when the URL is known.
        Page(urls.NOT_FOUND, "404.html", {"base_href": urls.safe_url(site.base_url.rstrip("/") + "/") if site.base_url else None}),
    ]
    for member in site.members:
        pages.append(Page(urls.url_for(member), "member.html", {
            "member": member, "profile": member.profile, "card": views.member_card(member),
            "links": views.profile_links(member.profile.links),
            "interests": views.interest_chips(member.profile, member, index),  # (heading, chips)
            "sections": views.member_sections(member, index),
            "co_authors": views.co_authors(member, index)}))
    for pub in site.publications.values():
        pages.append(Page(urls.url_for(pub), "publication.html", {
            "nav": "publications", "entry": views.publication_view(pub, index), "record": pub.record,
            "topics": views.topic_chips_for_publication(pub, index),
            "listed_by": [index.members[s] for s in pub.listed_by if s in index.members]}))
    for topic in site.topics.values():
        pages.append(Page(urls.url_for(topic), "topic.html", {
            "nav": "topics", "topic": topic, "publications": views.publication_list(topic.publication_slugs, index),
            "members": [views.member_card(index.members[s]) for s in topic.member_slugs if s in index.members]}))
    return pages


def render_site(site: Site, out_dir: Path, site_dir: Path | None = None) -> list[str]:
    """Write every page and the static files into `out_dir`; return the relative paths written."""
    env = make_environment(site_dir)
    pages = site_pages(site)
    _check_paths(pages, out_dir)
    written = []
    for page in pages:
        html = env.get_template(page.template).render(
            {"site": site, "page_path": page.path, "base_href": None, "nav": None,
             # the nav item for this very page is "page"; for a page inside its section, "true"
             "nav_current": "page" if page.path in urls.ROUTES.values() else "true", **page.context})
        target = out_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(page.path)
    for static_dir in (THEME_DIR / "static", site_dir / "static" if site_dir else None):
        if static_dir and static_dir.is_dir():
            written.extend(_copy_static(static_dir, out_dir))
    return list(dict.fromkeys(written))


def _check_paths(pages: list[Page], out_dir: Path) -> None:
    """Two pages with one path, or a slug that leaves the output folder, is a bug in the graph."""
    seen: set[str] = set()
    root = out_dir.resolve()
    for page in pages:
        if page.path in seen:
            raise ValueError(f"two pages would be written to {page.path}")
        if not (root / page.path).resolve().is_relative_to(root):
            raise ValueError(f"page path {page.path!r} leaves the output folder")
        seen.add(page.path)


def _copy_static(static_dir: Path, out_dir: Path) -> list[str]:
    copied = []
    for source in sorted(static_dir.rglob("*")):
        if source.is_file() and not source.name.startswith("."):
            relative = urls.static_path(source.relative_to(static_dir).as_posix())
            (out_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, out_dir / relative)
            copied.append(relative)
    return copied
