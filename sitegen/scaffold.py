"""`sitegen new`: a ready site in an empty folder — site.yaml, an example CV, a .gitignore, a Pages workflow.

The files are package data (`sitegen/data/new_site*`); the owner's name is
filled in, quoted for YAML where it lands in site.yaml.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from sitegen.model import Diagnostic

DEFAULT_NAME = "Your Name"
# Site file → the package data file it is copied from.
SITE_FILES = {
    "site.yaml": "new_site.yaml",
    "sources/cv.md": "new_site_cv.md",
    ".gitignore": "new_site.gitignore",
    ".github/workflows/pages.yml": "new_site_pages.yml",
}


class ScaffoldError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def create_site(site_dir: Path, name: str | None = None) -> list[Path]:
    """Write a new site into `site_dir` (missing or empty); returns the files written."""
    name = " ".join((name or DEFAULT_NAME).split())
    if not name:
        raise ScaffoldError(Diagnostic("--name is empty", level="error", hint='give your full name: --name "Jane Doe"'))
    check_new_site_dir(site_dir)
    # YAML reads a JSON string as the same string, whatever quotes or colons the name holds.
    values = {"__TITLE__": json.dumps(name, ensure_ascii=False), "__NAME__": json.dumps(name, ensure_ascii=False),
              "__DESCRIPTION__": json.dumps(f"The research, papers and talks of {name}.", ensure_ascii=False),
              "__NAME_TEXT__": name}
    written = []
    for relative, data_name in SITE_FILES.items():
        text = resources.files("sitegen").joinpath(f"data/{data_name}").read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def check_new_site_dir(site_dir: Path) -> None:
    """A new site goes into a missing or empty folder, never over someone's files."""
    if site_dir.exists() and not site_dir.is_dir():
        raise ScaffoldError(Diagnostic("is a file, not a folder", str(site_dir), level="error",
                                       hint="name a new folder for the site"))
    # A fresh `git init` or clone is still an empty folder for a new site.
    if site_dir.is_dir() and any(entry.name != ".git" for entry in site_dir.iterdir()):
        raise ScaffoldError(Diagnostic("the folder is not empty; refusing to write a new site over its files",
                                       str(site_dir), level="error", hint="name a new or empty folder"))
