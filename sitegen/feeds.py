"""Atom feeds of publications, sitemap.xml and robots.txt.

With `base_url`, every link and id is absolute. Without it, feeds still work:
links are relative to the feed's own address (RFC 4287 resolves them against
the document's URI) and ids are stable `urn:uuid:`s derived from the site title
and the page's path. A sitemap must list absolute URLs (sitemaps.org), so
without `base_url` there is no sitemap.xml and `missing_base_url_warning` says so.
Dates come from the publications, never the clock, so a rebuild changes nothing.
"""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from typing import Optional

from sitegen import urls
from sitegen.model import Diagnostic, Publication, Site, SitePublication
from sitegen.structured_data import shorten

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_ENTRIES = 50
EPOCH = "1970-01-01T00:00:00Z"


def _timestamp(record: Publication) -> Optional[str]:
    """RFC 3339 for a paper's date: the first day of its month or year when that is all we know."""
    date = record.date if record.date and record.date[:4].isdigit() else (str(record.year) if record.year else None)
    if not date:
        return None
    parts = (date.split("-") + ["01", "01"])[:3]
    if not all(p.isdigit() for p in parts):
        return None
    return f"{parts[0]}-{int(parts[1]):02d}-{int(parts[2]):02d}T00:00:00Z"


def _link(site: Site, feed_path: str, target_path: str) -> str:
    if site.base_url:
        return urls.absolute_url(site.base_url, target_path)
    return urls.relative_url(feed_path, target_path)


def _id(site: Site, target_path: str) -> str:
    if site.base_url:
        return urls.absolute_url(site.base_url, target_path)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"sitegen:{site.title}:{target_path}").urn


def atom_feed(site: Site, feed_path: str, title: str, publications: list[SitePublication],
              home_path: str = urls.INDEX, topic_names: dict[str, str] | None = None) -> str:
    """An Atom 1.0 feed of `publications` (newest first, at most FEED_ENTRIES)."""
    topic_names = topic_names or {}
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": site.language})
    _sub(feed, "id", _id(site, feed_path))
    _sub(feed, "title", title)
    entries = publications[:FEED_ENTRIES]
    stamps = [s for p in entries if (s := _timestamp(p.record))]
    _sub(feed, "updated", max(stamps) if stamps else EPOCH)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=_link(site, feed_path, feed_path))
    _sub(feed, "link", rel="alternate", type="text/html", href=_link(site, feed_path, home_path))
    author = _sub(feed, "author")
    _sub(author, "name", site.title)
    _sub(feed, "generator", "sitegen")
    for pub in entries:
        record, page = pub.record, urls.url_for(pub)
        entry = _sub(feed, "entry")
        _sub(entry, "id", _id(site, page))
        _sub(entry, "title", record.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=_link(site, feed_path, page))
        stamp = _timestamp(record) or EPOCH
        _sub(entry, "published", stamp)
        _sub(entry, "updated", stamp)
        for name in [a.name for a in pub.authors] or record.authors:
            _sub(_sub(entry, "author"), "name", name)
        for ref in pub.topics:
            if ref.slug in topic_names:
                _sub(entry, "category", term=ref.slug, label=topic_names[ref.slug])
        summary = shorten(record.abstract, 600) or ", ".join(x for x in (record.venue, str(record.year or "")) if x)
        if summary:
            _sub(entry, "summary", summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _sub(parent: ET.Element, tag: str, text: Optional[str] = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def sitemap(site: Site, page_paths: list[str]) -> Optional[str]:
    """sitemap.xml for the given pages, or None without a base_url."""
    if not site.base_url:
        return None
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for path in page_paths:
        ET.SubElement(ET.SubElement(root, f"{{{SITEMAP_NS}}}url"), f"{{{SITEMAP_NS}}}loc").text = \
            urls.absolute_url(site.base_url, path)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def robots_txt(site: Site) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site.base_url:
        lines.append(f"Sitemap: {urls.absolute_url(site.base_url, urls.SITEMAP)}")
    return "\n".join(lines) + "\n"


def missing_base_url_warning(site: Site) -> Optional[Diagnostic]:
    if site.base_url:
        return None
    return Diagnostic("no base_url: sitemap.xml, canonical links and og:url are left out, and feeds use relative links",
                      "site.yaml", hint="set `base_url: https://…` to the address the site is published at")
