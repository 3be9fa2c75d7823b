"""Text from sources that carries Markdown or HTML, made safe to put in a page.

Markdown is rendered with python-markdown, then cleaned with nh3 (the Ammonia
allowlist sanitiser): no script, no event handlers, no iframes, no style, and
only http(s), mailto and relative link targets.
"""
from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "em", "strong", "b", "i", "code", "pre", "ul", "ol", "li", "a", "blockquote",
                "sub", "sup", "span", "abbr", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr",
                "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "span": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> Markup:
    """HTML from a source, with everything outside the allowlist removed."""
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer nofollow", strip_comments=True)
    return Markup(cleaned)


def markdown_to_html(text: str | None) -> Markup:
    """Markdown (a bio, an abstract, a summary) as safe HTML; raw HTML inside it is sanitised too."""
    if not text:
        return Markup("")
    return clean_html(markdown.markdown(text, extensions=["sane_lists"], output_format="html"))
