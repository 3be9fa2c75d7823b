"""Pages of academic site themes: one Markdown file with front matter = one item, or a profile header.

Read, by the folder the page is in (or its `collection:`):
- academicpages `_publications/*.md` (`title`, `date`, `venue`, `category`, `citation`, `paperurl`,
  `slidesurl`, `excerpt`), `_talks/*.md` (`title`, `venue`, `date`, `location`, `type`) and
  `_teaching/*.md` (`title`, `type`, `venue`, `date`) → a publication, talk or course;
- Hugo Blox `content/publication/*/index.md` (`title`, `authors`, `author_notes`, `date`,
  `publication`, `publication_short`, `publication_types`, `abstract`, `doi`, `tags`, `featured`,
  `url_*`, `links`, `hugoblox.ids.arxiv`) and `content/event/*/index.md` (a talk);
- Hugo Blox `content/authors/*/_index.md` (`title`/`name`, `role`, `organizations`, `bio`,
  `interests`, `education.courses`, `social`, `email`; the body is the biography) → a profile header;
- the home page of al-folio or academicpages (`layout: about`, or `permalink: /`): its body is the
  biography, al-folio's `subtitle` the headline.

Hugo Blox names an author with a profile by the profile's folder (`admin` is the site's owner); such
a name is read from `content/authors/FOLDER/_index.md`, as Hugo does, so the list holds real names.
A citation line (academicpages) gives the authors; a page that names none has `authors: []` and
`authors_truncated: true`. Other pages with front matter (a CV page, say) are left to other formats.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sitegen.extract.front_matter import (FrontMatter, body_text, date_value, has_front_matter, split_front_matter,
                                          text_value)
from sitegen.extract.links import link_kind
from sitegen.extract.names import parse_authors
from sitegen.extract.venues import ARXIV_ID_RE, DOI_RE, find_short_venue, find_status, short_venue_for, venue_kind
from sitegen.model import Diagnostic, Education, Link, Origin, Profile, Publication, Talk, Teaching

NAME = "front-matter"
DESCRIPTION = "a page of an academic site theme (Hugo Blox, al-folio, academicpages): Markdown with front matter"
PATTERNS = ("_publications/*.md", "_talks/*.md", "_teaching/*.md", "content/*/*/index.md", "_pages/about.md")

_FOLDERS = {"_publications": "publication", "_talks": "talk", "_teaching": "teaching", "publication": "publication",
            "event": "talk", "authors": "author"}
_COLLECTIONS = {"publications": "publication", "talks": "talk", "teaching": "teaching"}
# Hugo Blox publication types: CSL names, and the numbers older Hugo Academic sites use → (kind, status).
_HUGO_TYPES = {"paper-conference": ("conference", "published"), "article-journal": ("journal", "published"),
               "article": ("preprint", "preprint"), "preprint": ("preprint", "preprint"),
               "report": ("other", "published"), "book": ("book", "published"), "chapter": ("chapter", "published"),
               "thesis": ("thesis", "published"), "patent": ("patent", "published"),
               "0": ("other", None), "1": ("conference", "published"), "2": ("journal", "published"),
               "3": ("preprint", "preprint"), "4": ("other", "published"), "5": ("book", "published"),
               "6": ("chapter", "published"), "7": ("thesis", "published"), "8": ("patent", "published")}
_CATEGORIES = {"manuscripts": "journal", "conferences": "conference", "books": "book"}  # academicpages
_URL_FIELDS = {"url_pdf": ("pdf", "PDF"), "url_code": ("code", "Code"), "url_dataset": ("other", "Dataset"),
               "url_poster": ("other", "Poster"), "url_project": ("website", "Project"),
               "url_slides": ("slides", "Slides"), "url_source": ("other", "Source"), "url_video": ("video", "Video"),
               "paperurl": ("pdf", "Paper"), "slidesurl": ("slides", "Slides"), "bibtexurl": ("other", "BibTeX")}
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_CITATION_YEAR_RE = re.compile(r"\(\s*(?:\d{4}[a-z]?|n\.d\.|forthcoming|in press)\s*\)|&quot;|\"|“")


def page_kind(data: dict, path: Path) -> str | None:
    """publication, talk, teaching, author or about; None for any other page."""
    collection = _COLLECTIONS.get(str(data.get("collection", "")).lower())
    if collection:
        return collection
    for folder in reversed(Path(path).parts[:-1]):
        if folder in _FOLDERS:
            return _FOLDERS[folder]
    if "publication_types" in data:
        return "publication"
    if data.get("superuser") is not None or "user_groups" in data:
        return "author"
    if data.get("layout") == "about" or str(data.get("permalink", "")).strip() == "/":
        return "about"
    return None


def sniff(text: str, path: Path) -> float:
    """Sure for a page whose front matter and folder say what it is; never for pages without front matter."""
    if not has_front_matter(text):
        return 0.0
    page = split_front_matter(text[:100_000], path)
    if not page.data:
        return 0.0
    return 0.95 if page_kind(page.data, path) else 0.0


def extract(text: str, path: Path) -> Profile:
    shown = str(path)
    profile = Profile()
    page = split_front_matter(text, path)
    if page.problem:
        page.problem.level = "error" if page.data is None else page.problem.level
        profile.warnings.append(page.problem)
    if page.data is None:
        return profile
    kind = page_kind(page.data, path)
    reader = {"publication": _read_publication, "talk": _read_talk, "teaching": _read_teaching,
              "author": _read_author, "about": _read_about}.get(kind)
    if reader is None:
        profile.warnings.append(Diagnostic("the page's front matter does not say what it is (a publication, talk, "
                                           "course, author or home page)", shown, 1, level="error",
                                           hint="list the page's own folder: _publications/, _talks/, _teaching/, "
                                                "content/publication/, content/authors/"))
        return profile
    reader(page, Path(path), profile)
    return profile


def _line(data: Any, key: str) -> int | None:
    return getattr(data, "key_lines", {}).get(key, getattr(data, "line", None))


def _title(page: FrontMatter, path: Path, profile: Profile, what: str) -> str | None:
    title = text_value(page.data, "title")
    if not title:
        profile.warnings.append(Diagnostic(f"the {what} has no `title:`; it was not read", str(path), 1, level="error",
                                           hint="add `title: …` to the front matter"))
    return title


# --- publications ------------------------------------------------------------------------

def _read_publication(page: FrontMatter, path: Path, profile: Profile) -> None:
    data = page.data
    title = _title(page, path, profile, "publication")
    if not title:
        return
    end_line = page.body_line + page.body.rstrip().count("\n") if page.body.strip() else page.body_line - 1
    publication = Publication(title.rstrip("."), origin=Origin(str(path), 1, end_line))
    publication.date = date_value(data, "date")
    publication.year = int(publication.date[:4]) if publication.date else None
    if "authors" in data:
        _read_hugo_authors(data, path, publication, profile)
    else:
        _read_citation_authors(data, publication)
    full = re.sub(r"^In\s+", "", text_value(data, "publication") or text_value(data, "venue") or "")
    full = re.sub(r",\s*\d+(?:\s*\(\d+\))?\s*$", "", full)  # `Journal, 55(3)`: volume and issue
    short = re.sub(r"^In\s+", "", text_value(data, "publication_short") or "")
    _read_venue(publication, full, short, data)
    publication.abstract = text_value(data, "abstract") or text_value(data, "excerpt")
    publication.keywords = [str(t) for t in (data.get("tags") or []) if isinstance(t, (str, int))] \
        if isinstance(data.get("tags"), list) else []
    publication.selected = data.get("featured") is True
    _read_links(data, publication)
    profile.publications.append(publication)


def _read_hugo_authors(data: dict, path: Path, publication: Publication, profile: Profile) -> None:
    authors = data.get("authors")
    if not isinstance(authors, list):
        authors = [authors] if isinstance(authors, str) else []
    notes = data.get("author_notes") if isinstance(data.get("author_notes"), list) else []
    for index, raw in enumerate(authors):
        if not isinstance(raw, str) or not raw.strip():
            continue
        name = _author_name(raw.strip(), path)
        if name is None:
            profile.warnings.append(Diagnostic(
                f"author {raw!r} looks like an author folder, but content/authors/{raw}/_index.md has no name; "
                "kept as written", str(path), _line(data, "authors"), hint="give the author's full name"))
            name = raw.strip()
        publication.authors.append(name)
        note = notes[index] if index < len(notes) and isinstance(notes[index], str) else ""
        if re.search(r"equal", note, re.I):
            publication.equal_contribution.append(name)
    publication.authors_truncated = not publication.authors


def _author_name(raw: str, path: Path) -> str | None:
    """A Hugo Blox author folder name (`admin`) as the name its profile gives; other names as they are."""
    if not _SLUG_RE.match(raw):
        return raw
    content = next((p for p in path.parents if p.name == "content"), None)
    profile_page = content / "authors" / raw / "_index.md" if content else None
    if profile_page is None or not profile_page.is_file():
        return raw if " " in raw or raw != "admin" else None
    try:
        text = profile_page.read_text(encoding="utf-8-sig")[:100_000]
    except (OSError, UnicodeDecodeError):
        return None
    data = split_front_matter(text, profile_page).data or {}
    return _person_name(data)


def _person_name(data: dict) -> str | None:
    full = " ".join(n for n in (text_value(data, "first_name"), text_value(data, "last_name")) if n)
    return text_value(data, "title") or text_value(data, "name") or full or None


def _read_citation_authors(data: dict, publication: Publication) -> None:
    """academicpages' `citation:` opens with the authors: `Okafor, L., & Mensah, K. (2021). "Title." …`."""
    citation = text_value(data, "citation") or ""
    cut = _CITATION_YEAR_RE.search(citation)
    authors = parse_authors(citation[:cut.start()].strip().rstrip(",")) if cut else None
    if authors and authors.names:
        publication.authors = [re.sub(r"\s+&$", "", n) for n in authors.names]
        publication.authors_truncated = authors.truncated
        publication.equal_contribution = list(authors.equal_contribution)
    else:
        publication.authors_truncated = True


def _read_venue(publication: Publication, full: str, short: str, data: dict) -> None:
    found = find_short_venue(short) if short else None
    short = found.venue if found else short
    if not short and full:
        found = find_short_venue(full)
        short = found.venue if found and found.venue != "arXiv" else short_venue_for(full)
    types = data.get("publication_types")
    hugo_type = str(types[0]) if isinstance(types, list) and types else None
    kind, status = _HUGO_TYPES.get(hugo_type or "", (None, None))
    kind = kind or _CATEGORIES.get(str(data.get("category", "")).lower()) or venue_kind(full or short)
    stated = find_status(full)
    publication.kind = kind or "other"
    publication.status = stated.value if stated else (status or ("preprint" if kind == "preprint" else "published"))
    if re.fullmatch(r"arxiv(?: preprint)?", full, re.I):
        short, full = "arXiv", ""
    publication.venue = short or full or None
    publication.venue_full = full if full and full != publication.venue else None


def _read_links(data: dict, publication: Publication) -> None:
    doi = text_value(data, "doi")
    ids = data.get("hugoblox") if isinstance(data.get("hugoblox"), dict) else {}
    ids = ids.get("ids") if isinstance(ids.get("ids"), dict) else {}
    arxiv = str(ids.get("arxiv") or "").strip()
    for name, (kind, label) in _URL_FIELDS.items():
        url = text_value(data, name) or ""
        if url:
            doi = doi or (DOI_RE.search(url)[1] if DOI_RE.search(url) else None)
            arxiv = arxiv or (ARXIV_ID_RE.search(url)[1] if ARXIV_ID_RE.search(url) else "")
            publication.links.append(Link(url, "doi" if link_kind(url) == "doi" else kind, label))
    for item in data.get("links") if isinstance(data.get("links"), list) else []:
        if isinstance(item, dict) and isinstance(item.get("url"), str) and item["url"].strip():
            url = item["url"].strip()
            publication.links.append(Link(url, link_kind(url, str(item.get("name") or "")), text_value(item, "name")))
    if doi:
        publication.doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
        if not any(link.kind == "doi" for link in publication.links):
            publication.links.insert(0, Link(f"https://doi.org/{publication.doi}", "doi", "DOI"))
    if re.fullmatch(r"\d{4}\.\d{4,5}(?:v\d+)?", arxiv):
        publication.arxiv = re.sub(r"v\d+$", "", arxiv)
        if not any(link.kind == "arxiv" for link in publication.links):
            publication.links.insert(0, Link(f"https://arxiv.org/abs/{publication.arxiv}", "arxiv", "arXiv"))


# --- talks and courses -------------------------------------------------------------------

def _read_talk(page: FrontMatter, path: Path, profile: Profile) -> None:
    data = page.data
    title = _title(page, path, profile, "talk")
    if title:
        venue = text_value(data, "venue") or text_value(data, "event")
        location = text_value(data, "location")
        if location and venue and location.lower() not in venue.lower():
            venue = f"{venue}, {location}"
        profile.talks.append(Talk(title, venue=venue or location, date=date_value(data, "date"),
                                  origin=Origin(str(path), 1)))


def _read_teaching(page: FrontMatter, path: Path, profile: Profile) -> None:
    data = page.data
    title = _title(page, path, profile, "course")
    if title:
        profile.teaching.append(Teaching(title, role=text_value(data, "type"), institution=text_value(data, "venue"),
                                         start=date_value(data, "date"), origin=Origin(str(path), 1)))


# --- profile headers ---------------------------------------------------------------------

def _read_author(page: FrontMatter, path: Path, profile: Profile) -> None:
    data = page.data
    profile.name = _person_name(data)
    profile.headline = text_value(data, "role")
    organizations = data.get("organizations") if isinstance(data.get("organizations"), list) else []
    names = [text_value(o, "name") for o in organizations if isinstance(o, dict)]
    profile.affiliation = next((n for n in names if n), None)
    profile.summary = body_text(page.body) or text_value(data, "bio")
    interests = data.get("interests") if isinstance(data.get("interests"), list) else []
    profile.interests = [str(i).strip() for i in interests if isinstance(i, (str, int)) and str(i).strip()]
    education = data.get("education") if isinstance(data.get("education"), dict) else {}
    courses = education.get("courses") if isinstance(education.get("courses"), list) else []
    for course in (c for c in courses if isinstance(c, dict)):
        institution = text_value(course, "institution")
        if institution:
            year = date_value(course, "year")
            profile.education.append(Education(institution, degree=text_value(course, "course"), end=year,
                                               origin=Origin(str(path), getattr(course, "line", None))))
    for item in data.get("social") if isinstance(data.get("social"), list) else []:
        link = str(item.get("link") or "").strip() if isinstance(item, dict) else ""
        if re.match(r"^(?:https?://|mailto:)", link, re.I):
            icon = str(item.get("icon") or "")
            kind = link_kind(link, "scholar" if icon in ("graduation-cap", "google-scholar") else icon)
            profile.links.append(Link(link, kind))
    email = text_value(data, "email")
    if email and "@" in email and f"mailto:{email}" not in {link.url for link in profile.links}:
        profile.links.append(Link(f"mailto:{email}", "email", "Email"))


def _read_about(page: FrontMatter, path: Path, profile: Profile) -> None:
    profile.headline = text_value(page.data, "subtitle")
    profile.summary = body_text(page.body)
