"""The `_config.yml` of an al-folio or academicpages (Jekyll) site: the owner's name and profile links.

al-folio: `first_name`, `middle_name`, `last_name`, `email`, `url` and the social user names
(`github_username`, `scholar_userid`, `orcid_id`, `linkedin_username`, `x_username`, ...).
academicpages: `author:` with `name`, `bio` (→ headline), `employer` (→ affiliation), `email`
and its profile fields (`googlescholar`, `orcid`, `github`, `linkedin`, `twitter`, ...).
The rest of the file configures Jekyll, not the researcher, and is not read.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any


from sitegen.extract.front_matter import text_value, yaml_document
from sitegen.extract.links import link_kind
from sitegen.model import Link, Profile

NAME = "jekyll-config"
DESCRIPTION = "the _config.yml of an al-folio or academicpages site: the owner's name and profile links"
PATTERNS = ("_config.yml",)

# Field → (address made from its value, kind, label); a value that is already an address is kept.
_AL_FOLIO = {
    "email": ("mailto:{}", "email", "Email"), "github_username": ("https://github.com/{}", "github", "GitHub"),
    "gitlab_username": ("https://gitlab.com/{}", "other", "GitLab"),
    "scholar_userid": ("https://scholar.google.com/citations?user={}", "scholar", "Google Scholar"),
    "orcid_id": ("https://orcid.org/{}", "orcid", "ORCID"),
    "linkedin_username": ("https://www.linkedin.com/in/{}", "linkedin", "LinkedIn"),
    "x_username": ("https://x.com/{}", "twitter", "X"), "twitter_username": ("https://twitter.com/{}", "twitter", "Twitter"),
    "research_gate_profile": ("https://www.researchgate.net/profile/{}", "other", "ResearchGate"),
}
_ACADEMICPAGES = {
    "email": ("mailto:{}", "email", "Email"), "googlescholar": ("{}", "scholar", "Google Scholar"),
    "orcid": ("https://orcid.org/{}", "orcid", "ORCID"), "github": ("https://github.com/{}", "github", "GitHub"),
    "linkedin": ("https://www.linkedin.com/in/{}", "linkedin", "LinkedIn"),
    "twitter": ("https://twitter.com/{}", "twitter", "Twitter"), "researchgate": ("{}", "other", "ResearchGate"),
    "uri": ("{}", "website", "Website"),
}


def sniff(text: str, path: Path) -> float:
    if Path(path).name.lower() not in ("_config.yml", "_config.yaml"):
        return 0.0
    head = str(text)[:50_000]
    if re.search(r"^(?:first_name|last_name)\s*:", head, re.M) or re.search(r"^author\s*:\s*$", head, re.M):
        return 0.9
    return 0.0


def extract(text: str, path: Path) -> Profile:
    profile = Profile()
    data = yaml_document(text, path, profile, dict, "_config.yml must be a mapping of settings")
    if data is None:
        return profile
    author = data.get("author") if isinstance(data.get("author"), dict) else None
    if author is not None:  # academicpages
        profile.name = text_value(author, "name") or text_value(data, "name")
        profile.headline = text_value(author, "bio")
        profile.affiliation = text_value(author, "employer")
        _read_links(author, _ACADEMICPAGES, profile)
    else:  # al-folio
        parts = [text_value(data, key) for key in ("first_name", "middle_name", "last_name")]
        profile.name = " ".join(p for p in parts if p) or None
        _read_links(data, _AL_FOLIO, profile)
    site = text_value(data, "url")
    if site and re.match(r"^https?://", site):
        profile.links.insert(0, Link(site.rstrip("/") + (text_value(data, "baseurl") or ""), "website", "Website"))
    return profile


def _read_links(data: dict, fields: dict[str, tuple[str, str, str]], profile: Profile) -> None:
    for key, (pattern, kind, label) in fields.items():
        value: Any = data.get(key)
        if value is None or isinstance(value, (dict, list, bool)) or not str(value).strip():
            continue
        value = str(value).strip()
        url = value if re.match(r"^(?:https?://|mailto:)", value, re.I) else pattern.format(value)
        if url.startswith(("https://", "http://", "mailto:")):
            profile.links.append(Link(url, kind if kind != "other" else link_kind(url), label))
