"""Render a Site into a folder of static pages: the Jinja environment, the page list, the writing.

The default theme is the repository's own `templates/` and `static/`; a site's
`templates/` overrides any theme template by name (and can still extend the
original as `theme/<name>`), and its `static/` files win over the theme's.
Besides pages the site gets feeds, sitemap.xml, robots.txt, BibTeX downloads
and members' photos; every output is listed before the first byte is written.
"""
from __future__ import annotations

import multiprocessing
import os
import posixpath
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Optional

from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined,
                    pass_context, select_autoescape)
from jinja2.ext import Extension
from markupsafe import Markup

from sitegen import charts, citations, feeds, structured_data as sd, urls, views
from sitegen.i18n import Strings, load_strings
from sitegen.model import Diagnostic, Member, Site
from sitegen.progress import SILENT, Progress

THEME_DIR = Path(__file__).resolve().parent.parent
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


def make_environment(site_dir: Path | None = None, strings: Strings | None = None,
                     entries: Optional[dict] = None) -> Environment:
    """Jinja with autoescape and strict undefined; the site's templates/ first, then the theme's.

    One environment serves one render (a rebuild makes a new one), so templates are not checked for changes
    on every use (`auto_reload=False`: an include in a loop would otherwise stat its file each time).
    `entries`: list entries rendered by earlier renders with the same templates (see `_entry_renderer`).
    """
    theme = FileSystemLoader(THEME_DIR / "templates")
    loaders = [FileSystemLoader(site_dir / "templates")] if site_dir and (site_dir / "templates").is_dir() else []
    env = Environment(
        loader=ChoiceLoader([*loaders, theme, PrefixLoader({"theme": theme})]),
        autoescape=select_autoescape(default_for_string=True), auto_reload=False, extensions=[CompactTemplates],
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(url=_url, static=_static, path_url=_path_url, root=_root,
                       t=strings or load_strings("en"), publication_entry=_entry_renderer(env, entries))
    env.filters["safe_url"] = urls.safe_url
    return env


class CompactTemplates(Extension):
    """The templates' indentation goes when a template is loaded, not from every page it renders:
    a page is the template's text without it (see `compact_html`)."""

    def preprocess(self, source: str, name: Optional[str], filename: Optional[str] = None) -> str:
        return compact_html(source)


ENTRY_TEMPLATE = "partials/publication_entry.html"
_NO_SUCH_FOLDER = "~"  # no slug or route contains "~" (slugs are [a-z0-9-])


def _entry_renderer(env: Environment, earlier: Optional[dict] = None):
    """`{{ publication_entry(entry) }}`: a list entry's HTML, made once per paper, viewer and page depth.

    A paper is listed on its authors' member pages, its topics' pages and the indexes, and its entry differs
    only by whose page lists it (`entry.viewer`, whose name is not a link) and by how deep that page is. It is
    rendered as if on a page of that depth in a folder no page has, so each link climbs to the site root
    (`../../publications/…`) and is right from every page of that depth. The entry template sees `entry`,
    `page_path` and the globals.

    `earlier` (kept by `sitegen serve` from one rebuild to the next, with the same templates) holds entries
    by their whole value (`views.entry_value`): an edit re-renders the entries it changed, not the 14,000 of
    the publications index.
    """
    made: dict[tuple, Markup] = {}

    @pass_context
    def publication_entry(context, entry: views.PublicationView) -> Markup:
        depth = context["page_path"].count("/")
        key = (entry.publication.slug, entry.viewer, depth)
        html = made.get(key)
        if html is None:
            value = (depth, views.entry_value(entry)) if earlier is not None else None
            html = earlier.get(value) if value else None
            if html is None:
                stand_in = "/".join([_NO_SUCH_FOLDER] * depth + ["index.html"])
                html = Markup(env.get_template(ENTRY_TEMPLATE).render(entry=entry, page_path=stand_in))
                if value:
                    earlier[value] = html
            made[key] = html
        return html
    return publication_entry


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
    return urls.relative_path(".", posixpath.dirname(context["page_path"]) or ".") + "/"


# --- what the site holds -------------------------------------------------------------------

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


# --- writing -------------------------------------------------------------------------------

@dataclass(slots=True)
class RenderJob:
    """How `render_site` runs, set by the build with `render_job(...)`; it also records what was (re)written.

    `previous` (output path → fingerprint, see changes.py) names what `previous_dir` holds: an output
    whose fingerprint is unchanged is linked from there instead of being rendered again.
    """

    jobs: int = 1
    previous: dict[str, str] = field(default_factory=dict)
    previous_dir: Optional[Path] = None
    settings: str = ""  # the theme, templates, strings and sitegen version: part of every fingerprint
    link_unchanged: bool = True  # False: an unchanged output is left out (the build updates `previous_dir` in place)
    photos: Optional[dict[str, Path]] = None  # member slug → photo file, when the build has them (else from site.yaml)
    entries: Optional[dict] = None  # list entries of earlier renders with these `settings` (see _entry_renderer)
    progress: Progress = SILENT
    fingerprints: dict[str, str] = field(default_factory=dict)  # filled in: this build's outputs
    changed: list[str] = field(default_factory=list)  # filled in: outputs rendered (not reused)


# A context variable, not a parameter: render_site(site, out_dir, site_dir) is the stable call others wrap.
_JOB: ContextVar[Optional[RenderJob]] = ContextVar("render_job", default=None)


@contextmanager
def render_job(job: RenderJob):
    token = _JOB.set(job)
    try:
        yield job
    finally:
        _JOB.reset(token)


def render_site(site: Site, out_dir: Path, site_dir: Path | None = None) -> list[str]:
    """Write every page, download and static file into `out_dir`; return the relative paths written."""
    job = _JOB.get() or RenderJob()
    strings = load_strings(site.language, site_dir)
    photos = job.photos if job.photos is not None else member_photos(site, site_dir)
    pages = SitePages(site, strings, photos)
    output = pages.output()
    _check_paths([p.path for p in output.pages] + [d.path for d in output.downloads], out_dir)
    reusable = _reusable(site, pages, output, job, site_dir)
    written = []
    todo = [page for page in output.pages if page.path not in reusable]
    with job.progress.stage(f"rendering {len(todo):,} of {len(output.pages):,} pages"):
        for path in reusable if job.link_unchanged else ():
            link_previous(job.previous_dir, out_dir, path)
        written += _render_pages(pages, todo, out_dir, site_dir, strings, job)
    job.changed = written[:]
    for download in output.downloads:
        if download.path in reusable:
            continue
        written.append(_write(out_dir, download.path, text=download.make() if download.make else None,
                              source=download.source))
        if download.source is None:
            job.changed.append(download.path)
    for static_dir in (THEME_DIR / "static", site_dir / "static" if site_dir else None):
        if static_dir and static_dir.is_dir():
            written.extend(_copy_static(static_dir, out_dir, compact=static_dir == THEME_DIR / "static"))
    order = [p.path for p in output.pages] + [d.path for d in output.downloads]
    return list(dict.fromkeys(order + written))


def _reusable(site: Site, pages: SitePages, output: SiteOutput, job: RenderJob, site_dir: Path | None) -> set[str]:
    """Outputs whose inputs are what they were in the previous build, and whose file is still there."""
    if not job.settings:
        return set()
    from sitegen import changes

    deps = changes.output_dependencies(site, [(p.path, p.kind, p.key) for p in output.pages],
                                       [(d.path, d.kind, d.key) for d in output.downloads if d.source is None])
    job.fingerprints = changes.fingerprints(deps, changes.entity_digests(site, pages.index, job.settings))
    if job.previous_dir is None or (site_dir is not None and (site_dir / "templates").is_dir()):
        return set()  # a site's own templates may read anything from `site`: no reuse
    unchanged = {path for path, fingerprint in job.fingerprints.items() if job.previous.get(path) == fingerprint}
    if not job.link_unchanged:  # updated in place: the previous build's record of its files is trusted
        return unchanged
    return {path for path in unchanged if (job.previous_dir / path).is_file()}


def link_previous(previous_dir: Path, out_dir: Path, path: str) -> None:
    """The previous build's file, hard-linked (the old folder is removed after the swap; the file lives on)."""
    source, target = os.path.join(previous_dir, path), os.path.join(out_dir, path)
    try:
        _link_file(source, target)
    except FileNotFoundError:  # the folder first, as in `_write`
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _link_file(source, target)


def _link_file(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


# --- rendering pages, in this process or in worker processes -------------------------------

BATCH = 200  # pages per task sent to a worker
_worker: dict[str, Any] = {}


def _render_pages(pages: SitePages, todo: list[Page], out_dir: Path, site_dir: Path | None, strings: Strings,
                  job: RenderJob) -> list[str]:
    if job.jobs <= 1 or len(todo) < 2 * BATCH:
        own_templates = site_dir is not None and (site_dir / "templates").is_dir()  # may read anything: no reuse
        env = make_environment(site_dir, strings, None if own_templates else job.entries)
        written = []
        for number, page in enumerate(todo):
            written.append(_render_page(env, pages, page, out_dir))
            job.progress.update(number + 1, len(todo))
        return written
    batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
    written = []
    # fork: the workers start with the site in memory; nothing is pickled but the pages to render
    with ProcessPoolExecutor(job.jobs, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker,
                             initargs=(pages, site_dir, strings)) as pool:
        for paths in pool.map(_render_batch, batches, [out_dir] * len(batches)):  # results in submission order
            written += paths
            job.progress.update(len(written), len(todo))
    return written


def _start_worker(pages: SitePages, site_dir: Path | None, strings: Strings) -> None:
    _worker.update(pages=pages, env=make_environment(site_dir, strings))


def _render_batch(batch: list[Page], out_dir: Path) -> list[str]:
    return [_render_page(_worker["env"], _worker["pages"], page, out_dir) for page in batch]


def _render_page(env: Environment, pages: SitePages, page: Page, out_dir: Path) -> str:
    html = env.get_template(page.template).render(
        {"site": pages.site, "page_path": page.path, "base_href": None, "nav": None,
         # the nav item for this very page is "page"; for a page inside its section, "true"
         "nav_current": "page" if page.path in urls.ROUTES.values() else "true", **pages.context(page)})
    return _write(out_dir, page.path, text=html)


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
    target = os.path.join(out_dir, path)
    try:
        _write_file(target, text, source)
    except FileNotFoundError:  # the folder first (tried only when missing: most folders get several files)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _write_file(target, text, source)
    return path


def _write_file(target: str, text: Optional[str], source: Optional[Path]) -> None:
    if source is not None:
        shutil.copyfile(source, target)
    else:
        with open(target, "w", encoding="utf-8") as file:
            file.write(text or "")


def _check_paths(paths: list[str], out_dir: Path) -> None:
    """Two outputs with one path, or a slug that leaves the output folder, is a bug in the graph.

    By the text of each path: the output folder is a new, empty folder, so no symbolic link inside it
    can lead elsewhere (resolving ~48,000 paths against the file system took a second at 1,000 members).
    """
    seen: set[str] = set()
    for path in paths:
        if path in seen:
            raise ValueError(f"two pages would be written to {path}")
        normal = posixpath.normpath(path)
        if posixpath.isabs(path) or normal == ".." or normal.startswith("../"):
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
