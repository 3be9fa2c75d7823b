"""Render a Site into a folder of static pages: the Jinja environment, the rendering and the writing.

The default theme is the repository's own `templates/` and `static/`; a site's
`templates/` overrides any theme template by name (and can still extend the
original as `theme/<name>`), and its `static/` files win over the theme's.
What is written, and what each page's template receives, is pages.py's.
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
from pathlib import Path
from typing import Any, Optional

from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined,
                    pass_context, select_autoescape)
from jinja2.ext import Extension
from markupsafe import Markup

from sitegen import urls, views
from sitegen.i18n import Strings, load_strings
from sitegen.model import Site
from sitegen.pages import Page, SiteOutput, SitePages, member_photos
from sitegen.progress import SILENT, Progress

THEME_DIR = Path(__file__).resolve().parent.parent


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
