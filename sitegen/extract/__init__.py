"""Extractors: one module per source format, each with the same shape.

A format module defines:

    NAME: str             the format's name, e.g. "cv" (recorded in Profile.sources)
    DESCRIPTION: str      one line for `sitegen formats`
    PATTERNS: tuple[str]  file patterns it usually reads (a hint, not a rule)
    sniff(text, path) -> float    0.0 .. 1.0, how sure it is that the text is its format
    extract(text, path) -> Profile    the source's profile, with warnings (file:line)

A format that reads binary files (PDF) also defines `reads_bytes = True` and
`extract_bytes(data, path) -> Profile`; sources.py hands it the file's bytes.

An extractor never imports another extractor; shared text rules live in the
helper modules of this package (dates, sections, names, ...).
Adding a format = adding one module and one line in FORMATS below.
"""
from __future__ import annotations

import importlib
from types import ModuleType

# Order matters only for ties: the more specific formats come first.
_FORMAT_MODULES = (
    "sitegen.extract.bibtex",
    "sitegen.extract.yaml_profile",
    "sitegen.extract.orcid",
    "sitegen.extract.orcid_page",
    "sitegen.extract.frontmatter_page",
    "sitegen.extract.alfolio_cv",
    "sitegen.extract.jekyll_config",
    "sitegen.extract.json_resume",
    "sitegen.extract.feed",
    "sitegen.extract.scholar_page",
    "sitegen.extract.profile_page",
    "sitegen.extract.latex_cv",
    "sitegen.extract.pdf_cv",
    "sitegen.extract.cv",
)


def formats() -> list[ModuleType]:
    """The format modules, importing each once."""
    return [importlib.import_module(name) for name in _FORMAT_MODULES]


def format_named(name: str) -> ModuleType | None:
    return next((module for module in formats() if module.NAME == name), None)
