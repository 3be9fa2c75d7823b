"""Routes: the one place that turns a model object into its output path and a link.

Every page is a file `…/index.html` under the output folder; paths here are
site-root-relative POSIX paths (`people/jatin-prakash/index.html`). Pages link
to each other with `relative_url`, always naming `index.html` explicitly, so a
built site works under any base path, over HTTP and opened from disk (file://).
"""
from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import urlsplit

from sitegen.model import Member, Person, SitePublication, Topic

INDEX = "index.html"
PUBLICATIONS_INDEX = "publications/index.html"
TOPICS_INDEX = "topics/index.html"
NOT_FOUND = "404.html"
SEARCH = "search/index.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
BIBTEX = "publications.bib"  # a member's publications, beside their page
CITE_BIBTEX = "cite.bib"  # one publication, beside its page
MEMBER_FEED = "feed.xml"

# Named pages, for `url_for("publications")` in code and templates.
ROUTES = {"index": INDEX, "publications": PUBLICATIONS_INDEX, "topics": TOPICS_INDEX, "search": SEARCH,
          "404": NOT_FOUND}

SAFE_SCHEMES = ("http", "https", "mailto")


def member_path(slug: str) -> str:
    return f"people/{slug}/index.html"


def publication_path(slug: str) -> str:
    return f"publications/{slug}/index.html"


def topic_path(slug: str) -> str:
    return f"topics/{slug}/index.html"


def static_path(name: str) -> str:
    return f"static/{name}"


def url_for(target: object) -> str:
    """The site-root-relative output path of a page: a model object or a route name."""
    if isinstance(target, Member):
        return member_path(target.slug)
    if isinstance(target, SitePublication):
        return publication_path(target.slug)
    if isinstance(target, Topic):
        return topic_path(target.slug)
    if isinstance(target, Person):
        if target.member_slug is None:
            raise ValueError(f"{target.name!r} is not a member of the site and has no page")
        return member_path(target.member_slug)
    if isinstance(target, str) and target in ROUTES:
        return ROUTES[target]
    raise ValueError(f"no page for {target!r}")


def relative_url(from_path: str, to_path: str) -> str:
    """The link from the page at `from_path` to `to_path` (both root-relative; `#fragment` kept)."""
    to_path, hash_, fragment = to_path.partition("#")
    start = posixpath.dirname(from_path) or "."
    link = relative_path(to_path, start) if to_path else posixpath.basename(from_path)
    return f"{link}{hash_}{fragment}"


@lru_cache(maxsize=1 << 16)
def relative_path(to_path: str, start: str) -> str:
    """`posixpath.relpath` for clean root-relative paths, by string alone (relpath asks the OS for the cwd each call)."""
    to_parts = [p for p in posixpath.normpath(to_path).split("/") if p != "."]
    start_parts = [p for p in posixpath.normpath(start).split("/") if p != "."]
    if ".." in to_parts or ".." in start_parts or "" in to_parts or "" in start_parts:
        return posixpath.relpath(to_path, start)  # absolute or climbing paths: never ours, but stay exact
    common = 0
    while common < min(len(to_parts), len(start_parts)) and to_parts[common] == start_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + to_parts[common:]) or "."


# Browsers ignore ASCII tabs and newlines inside a URL, so `java\tscript:` is still javascript:.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def safe_url(url: object) -> str | None:
    """The URL when it is http(s), mailto or relative; None for anything else (javascript:, data:, …)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    probe = _IGNORED_IN_URL.sub("", url)
    if not probe or probe == "#":
        return None
    if probe.startswith("//"):  # protocol-relative: another host, but over http(s)
        return url
    scheme = urlsplit(probe).scheme.lower() if ":" in probe.split("/", 1)[0] else ""
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    return url


def arxiv_url(arxiv_id: str) -> str:
    """https://arxiv.org/abs/ID for an arXiv identifier written as `2301.01234`, `arXiv:…` or a URL."""
    ident = re.sub(r"^(?:https?://arxiv\.org/(?:abs|pdf)/|arxiv:)", "", arxiv_id.strip(), flags=re.I)
    return f"https://arxiv.org/abs/{ident.removesuffix('.pdf')}"


def doi_url(doi: str) -> str:
    """https://doi.org/DOI for a DOI written bare, as `doi:…` or as a doi.org URL."""
    ident = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.I)
    return f"https://doi.org/{ident}"


def absolute_url(base_url: str, path: str) -> str:
    """The public URL of an output path under `base_url`; `…/index.html` becomes `…/` as hosts serve it."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return base_url.rstrip("/") + "/" + path


def member_file(slug: str, name: str) -> str:
    """A download that belongs to a member page, e.g. people/SLUG/publications.bib."""
    return f"people/{slug}/{name}"


def publication_file(slug: str, name: str) -> str:
    return f"publications/{slug}/{name}"

