"""Finding links in CV-like text and saying what kind of link each one is.

Shared by every text extractor. Public, stable API:

    find_links(text, label=None) -> list[FoundLink]   every URL / e-mail in the text, in order
    link_kind(url, label=None) -> str                 website, email, github, linkedin, scholar, orcid,
                                                      twitter, arxiv, doi, pdf, code, slides, video, other
    strip_links(text) -> str                          the text with Markdown links reduced to their labels,
                                                      placeholder links (`[Paper](#)`) dropped
    LABELED_LINK_RE                                   `Website: https://…` style lines

Placeholder links (`(#)`, empty targets) are what a PDF-to-Markdown converter leaves
when the real target was lost; they are never reported as links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A Markdown link `[label](target)`; the label may hold escaped brackets: `[\[Paper\]](#)`.
MARKDOWN_LINK_RE = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(\s*([^)\s]*)\s*\)")
# Profile hosts are written without a scheme on CVs: `github.com/jdoe`, `linkedin.com/in/jdoe`.
_BARE_HOSTS = r"(?<![\w./@-])(?:github\.com|gitlab\.com|linkedin\.com|orcid\.org|twitter\.com|scholar\.google\.[a-z.]+)/"
URL_RE = re.compile(rf"(?:https?://|www\.|{_BARE_HOSTS})[^\s<>()\[\]{{}}\"'`|]+", re.I)
# `ORCID: 0000-0002-1825-0097`: an ORCID iD written without its address.
ORCID_ID_RE = re.compile(r"(?<![\w/-])\d{4}-\d{4}-\d{4}-\d{3}[\dX](?![\w-])")
EMAIL_RE = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
# `Website: url`, `E-mail - x@y`, `GitHub | url`: a short label before the address.
LABELED_LINK_RE = re.compile(r"^\s*(?P<label>[A-Za-z][\w .+-]{0,30}?)\s*[:|–—-]\s*(?P<target>\S.*)$")

# Words in a label that name the kind of link, whatever the address looks like.
_LABEL_KINDS = (
    ("email", ("email", "e-mail", "mail")),
    ("scholar", ("scholar",)),
    ("github", ("github",)),
    ("linkedin", ("linkedin",)),
    ("orcid", ("orcid",)),
    ("twitter", ("twitter",)),
    ("website", ("website", "homepage", "home page", "web", "blog", "personal page", "site")),
    ("code", ("code", "software", "repository", "repo")),
    ("pdf", ("pdf", "paper")),
    ("slides", ("slides",)),
    ("video", ("video", "talk recording", "youtube")),
    ("arxiv", ("arxiv",)),
    ("doi", ("doi",)),
)
# Address patterns, checked in order.
_ADDRESS_KINDS = (
    ("email", r"^mailto:|^[\w.+-]+@[\w-]+\."),
    ("scholar", r"scholar\.google\."),
    ("github", r"(?:^|//|\.)github\.com/"),
    ("code", r"(?:^|//|\.)(?:gitlab\.com|bitbucket\.org|huggingface\.co)/"),
    ("linkedin", r"linkedin\.com/"),
    ("orcid", r"orcid\.org/"),
    ("twitter", r"(?:^|//|\.)(?:twitter\.com|x\.com)/"),
    ("arxiv", r"arxiv\.org/"),
    ("doi", r"(?:dx\.)?doi\.org/"),
    ("video", r"(?:youtube\.com|youtu\.be|vimeo\.com)/"),
    ("pdf", r"\.pdf(?:$|[?#])"),
)


@dataclass(frozen=True, slots=True)
class FoundLink:
    url: str  # normalised: e-mails as `mailto:…`, `www.` addresses with `https://`
    label: str | None
    kind: str
    span: tuple[int, int]  # where the link (with its Markdown wrapper) stood in the text


def is_placeholder(target: str) -> bool:
    """True for link targets a converter left behind without an address (`#`, empty)."""
    return target.strip() in ("", "#", "#!", "javascript:void(0)")


def normalise_url(address: str) -> str:
    """A clickable URL: e-mails get `mailto:`, bare `www.` gets `https://`, trailing punctuation goes."""
    address = address.strip().rstrip(".,;:")
    if address.startswith("<") and address.endswith(">"):
        address = address[1:-1]
    if EMAIL_RE.fullmatch(address) and not address.lower().startswith("mailto:"):
        return "mailto:" + address
    if address.lower().startswith("www.") or re.match(_BARE_HOSTS, address, re.I):
        return "https://" + address
    if ORCID_ID_RE.fullmatch(address):
        return "https://orcid.org/" + address
    return address


def link_kind(url: str, label: str | None = None) -> str:
    """The kind of a link: from the label when it names one, else from the address, else 'other'."""
    if label:
        words = label.lower().strip(" :[]\\")
        for kind, names in _LABEL_KINDS:
            if any(re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", words) for name in names):
                return kind
    lowered = url.lower()
    for kind, pattern in _ADDRESS_KINDS:
        if re.search(pattern, lowered):
            return kind
    return "other"


def find_links(text: str, label: str | None = None) -> list[FoundLink]:
    """Every real link in `text`: Markdown links (placeholders skipped), bare URLs and e-mails.

    `label` is used for bare addresses that carry no label of their own (e.g. `Email:` before them).
    """
    found: list[FoundLink] = []
    taken: list[tuple[int, int]] = []
    for m in MARKDOWN_LINK_RE.finditer(text):
        taken.append(m.span())
        target = m[2]
        if is_placeholder(target) or not (URL_RE.match(target) or EMAIL_RE.fullmatch(target)
                                          or target.lower().startswith("mailto:")):
            continue
        own_label = _unescape(m[1]).strip() or label
        url = normalise_url(target)
        found.append(FoundLink(url, own_label, link_kind(url, own_label), m.span()))
    patterns = (URL_RE, EMAIL_RE) + ((ORCID_ID_RE,) if re.search(r"orcid", f"{label} {text}", re.I) else ())
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            url = normalise_url(m.group(0))
            found.append(FoundLink(url, label, link_kind(url, label), m.span()))
    return sorted(found, key=lambda link: link.span)


# Labels of link buttons (`[Paper]`, `Code`, `Link`) that mean nothing once the target is lost.
_BUTTON_LABEL_RE = re.compile(r"^\[[^\]]*\]$|^(?:link|paper|pdf|code|slides|video|website|web|github|poster|"
                              r"reviews?|arxiv|project|project page|bib|bibtex|html|demo|blog|talk|data)$", re.I)


def strip_links(text: str) -> str:
    """Markdown links replaced by their label; placeholder links whose label is a button
    (`[\\[Code\\]](#)`, `[Link](#)`) removed, since the button means nothing without its target."""
    def replace(m: re.Match) -> str:
        label = _unescape(m[1]).strip()
        if is_placeholder(m[2]) and _BUTTON_LABEL_RE.match(label):
            return ""
        return label
    stripped = MARKDOWN_LINK_RE.sub(replace, text)
    return re.sub(r"\(\s*\)", "", stripped) if stripped != text else stripped


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)
