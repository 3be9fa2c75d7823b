"""`sitegen import PATH`: a site.yaml for an existing academic site, whose sources are that site's own files.

Layouts, recognised by their folders:
- Hugo Blox / Wowchemy (`content/authors/` with `config/_default/` or a `hugo.*`/`config.*` file): one
  researcher per `content/authors/*/_index.md`, with the publications (`content/publication/*/index.md`
  and its `cite.bib`) and events (`content/event/*/index.md`) whose `authors:` name them; a page that
  names no author with a profile goes to the site's owner (`superuser: true`, else `admin`).
- al-folio (`_config.yml` and `_bibliography/`): one researcher, from `_pages/about.md`, `_config.yml`,
  `_data/cv.yml`, `_data/cv.json` (or `assets/json/resume.json`) and `_bibliography/*.bib`.
  `_data/coauthors.yml` is not a source: it holds co-authors' home pages, not facts about the owner.
- academicpages (`_config.yml` and `_publications/`): one researcher, from `_pages/about.md`,
  `_config.yml`, `_pages/cv.md` and every page in `_publications/`, `_talks/` and `_teaching/`.

Every file is written out in site.yaml, one path per line, rather than a glob: site.yaml then says
exactly what the site is built from, and config.py stays a list of files. A page added to the old
site later is added to site.yaml by hand (or by importing again with `--out`).
The site.yaml goes into the site's folder (or `--out`, which must be that folder or one above it,
since sitegen reads only files below site.yaml); an existing one is never overwritten.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitegen.config import CONFIG_NAME
from sitegen.extract.front_matter import split_front_matter, text_value
from sitegen.model import Diagnostic

LAYOUT_NAMES = {"hugo-blox": "Hugo Blox", "al-folio": "al-folio", "academicpages": "academicpages"}
_HUGO_CONFIGS = ("config/_default/hugo.yaml", "config/_default/hugo.toml", "config/_default/config.yaml",
                 "config/_default/config.toml", "hugo.yaml", "hugo.toml", "config.yaml", "config.toml")


class SiteImportError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


@dataclass(slots=True)
class ImportedResearcher:
    name: str | None
    sources: list[Path] = field(default_factory=list)  # relative to the site's folder


@dataclass(slots=True)
class ImportedSite:
    layout: str
    site_dir: Path
    title: str | None = None
    researchers: list[ImportedResearcher] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def detect_layout(site_dir: Path) -> str | None:
    if (site_dir / "content" / "authors").is_dir() and any((site_dir / name).exists()
                                                           for name in ("config/_default",) + _HUGO_CONFIGS):
        return "hugo-blox"
    if (site_dir / "_config.yml").is_file() and (site_dir / "_bibliography").is_dir():
        return "al-folio"
    if (site_dir / "_config.yml").is_file() and (site_dir / "_publications").is_dir():
        return "academicpages"
    return None


def import_site(site_dir: Path, out: Path | None = None) -> tuple[ImportedSite, Path]:
    """Read the site's layout and write its site.yaml; returns what was found and where it was written."""
    config_path = _config_path(site_dir, out)
    site = read_site(site_dir)
    text = site_yaml(site, config_path.parent)
    config_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with config_path.open("x", encoding="utf-8") as handle:  # "x": never over an existing file
            handle.write(text)
    except FileExistsError:
        raise _refusal(config_path) from None
    return site, config_path


def _config_path(site_dir: Path, out: Path | None) -> Path:
    if not site_dir.is_dir():
        raise SiteImportError(Diagnostic("no such folder" if not site_dir.exists() else "is a file, not a site's folder",
                                         str(site_dir), level="error", hint="name the folder of the site to import"))
    path = out if out is not None else site_dir / CONFIG_NAME
    if out is not None and out.is_dir():
        path = out / CONFIG_NAME
    if not site_dir.resolve().is_relative_to(path.parent.resolve()):
        raise SiteImportError(Diagnostic(
            "site.yaml must be in the site's folder or a folder above it", str(path), level="error",
            hint="sitegen reads only files below site.yaml; leave out --out to write it into the site's folder"))
    if path.exists():
        raise _refusal(path)
    return path


def _refusal(path: Path) -> SiteImportError:
    return SiteImportError(Diagnostic("already exists; refusing to overwrite it", str(path), level="error",
                                      hint="move it away, or write the new one elsewhere with --out"))


def read_site(site_dir: Path) -> ImportedSite:
    """The researchers of an existing site and their source files; nothing is written."""
    layout = detect_layout(site_dir)
    if layout is None:
        raise SiteImportError(Diagnostic(
            "not a Hugo Blox, al-folio or academicpages site", str(site_dir), level="error",
            hint="looked for content/authors/ with config/_default/ (Hugo Blox), _config.yml with _bibliography/ "
                 "(al-folio) or with _publications/ (academicpages)"))
    site = ImportedSite(layout, site_dir)
    {"hugo-blox": _read_hugo_blox, "al-folio": _read_al_folio, "academicpages": _read_academicpages}[layout](site)
    for researcher in site.researchers:
        if not researcher.name:
            site.warnings.append(Diagnostic("a researcher's name was not found; add `name:` to their entry",
                                            str(researcher.sources[0]) if researcher.sources else str(site_dir)))
    return site


def site_yaml(site: ImportedSite, config_dir: Path) -> str:
    """The site.yaml text: the title, then one entry per researcher with their sources, relative to config_dir."""
    base = site.site_dir.resolve().relative_to(config_dir.resolve())
    data: dict = {"title": site.title} if site.title else {}
    data["researchers"] = [
        ({"name": r.name} if r.name else {}) | {"sources": [(base / s).as_posix() for s in r.sources]}
        for r in site.researchers]
    header = (f"# Written by `sitegen import` from the {LAYOUT_NAMES[site.layout]} site in "
              f"{base.as_posix() if str(base) != '.' else 'this folder'}.\n"
              "# The sources are that site's own files: edit them as before, then run `sitegen build`.\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


# --- the layouts -------------------------------------------------------------------------

def _front_matter(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    return split_front_matter(text, path).data or {}


def _read_yaml(path: Path) -> dict:
    try:
        if path.suffix == ".toml":
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        else:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, tomllib.TOMLDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _existing(site_dir: Path, *names: str) -> list[Path]:
    return [Path(name) for name in names if (site_dir / name).is_file()]


def _pages(site_dir: Path, folder: str) -> list[Path]:
    return sorted(p.relative_to(site_dir) for p in (site_dir / folder).glob("*.md") if p.is_file()) \
        if (site_dir / folder).is_dir() else []


def _urlize(name: str) -> str:
    """A name as Hugo makes it a path: `Erik Sand` → `erik-sand`."""
    return re.sub(r"[^\w-]", "", re.sub(r"\s+", "-", name.strip().lower()))


def _read_hugo_blox(site: ImportedSite) -> None:
    root = site.site_dir
    site.title = next((text_value(_read_yaml(root / name), "title") for name in _HUGO_CONFIGS
                       if (root / name).is_file() and text_value(_read_yaml(root / name), "title")), None)
    authors = sorted(p for p in (root / "content" / "authors").glob("*/_index.md") if p.is_file())
    owners = [p.parent.name for p in authors if _front_matter(p).get("superuser") is True]
    owner = owners[0] if owners else ("admin" if any(p.parent.name == "admin" for p in authors) else None)
    authors.sort(key=lambda p: p.parent.name != owner)  # the owner first, then by folder
    by_folder: dict[str, ImportedResearcher] = {}
    for page in authors:
        data = _front_matter(page)
        full = " ".join(n for n in (text_value(data, "first_name"), text_value(data, "last_name")) if n)
        name = text_value(data, "title") or text_value(data, "name") or full or None
        by_folder[page.parent.name] = ImportedResearcher(name, [page.relative_to(root)])
    items = [p for folder in ("publication", "event") for p in sorted((root / "content" / folder).glob("*/index.md"))]
    items += [p for folder in ("publication", "event") for p in sorted((root / "content" / folder).glob("*.md"))
              if p.name != "_index.md"]
    for page in items:
        named = _front_matter(page).get("authors")
        named = named if isinstance(named, list) else []
        folders = {n.strip() if n.strip() in by_folder else _urlize(n) for n in named if isinstance(n, str)}
        holders = [by_folder[f] for f in by_folder if f in folders] or ([by_folder[owner]] if owner else [])
        for researcher in holders:
            researcher.sources.append(page.relative_to(root))
            bib = page.parent / "cite.bib"
            if page.name == "index.md" and bib.is_file():
                researcher.sources.append(bib.relative_to(root))
    site.researchers = list(by_folder.values())


def _read_al_folio(site: ImportedSite) -> None:
    root = site.site_dir
    config = _read_yaml(root / "_config.yml")
    name = " ".join(n for n in (text_value(config, k) for k in ("first_name", "middle_name", "last_name")) if n)
    title = text_value(config, "title")
    site.title = title if title and title.lower() != "blank" else name or None
    sources = _existing(root, "_pages/about.md", "_pages/about.markdown", "_config.yml", "_data/cv.yml",
                        "_data/cv.yaml")
    sources += _existing(root, "_data/cv.json") or _existing(root, "assets/json/resume.json")
    sources += sorted(p.relative_to(root) for p in (root / "_bibliography").glob("*.bib"))
    site.researchers = [ImportedResearcher(name or None, sources)]


def _read_academicpages(site: ImportedSite) -> None:
    root = site.site_dir
    config = _read_yaml(root / "_config.yml")
    author = config.get("author") if isinstance(config.get("author"), dict) else {}
    name = text_value(author, "name") or text_value(config, "name")
    site.title = text_value(config, "title") or name
    sources = _existing(root, "_pages/about.md", "_config.yml", "_pages/cv.md")
    for folder in ("_publications", "_talks", "_teaching"):
        sources += _pages(root, folder)
    site.researchers = [ImportedResearcher(name, sources)]
