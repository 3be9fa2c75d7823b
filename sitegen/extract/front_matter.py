"""Front matter: the YAML (`---`) or TOML (`+++`) block that opens a Jekyll or Hugo page.

`split_front_matter` gives the block's data (YAML mappings keep each key's file line), the
Markdown body after it and the line the body starts on. A block that cannot be read is a
Diagnostic at its line; the body is still given, so a page never silently loses its text.
"""
from __future__ import annotations

import datetime
import html
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitegen.config import load_yaml
from sitegen.extract.cv_text import plain
from sitegen.model import Diagnostic, Profile

_OPENING = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\n")
_LIQUID_RE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)


@dataclass(slots=True)
class FrontMatter:
    data: dict | None  # None: the page has no front matter, or it could not be read
    body: str
    body_line: int  # the file line the body starts on (1-based)
    problem: Diagnostic | None = None


def has_front_matter(text: str) -> bool:
    return bool(_OPENING.match(text))


def split_front_matter(text: str, path: Path) -> FrontMatter:
    opening = _OPENING.match(text)
    if not opening:
        return FrontMatter(None, text, 1)
    fence = opening[1]
    closing = re.compile(r"^(?:---|\.\.\.)[ \t]*$" if fence == "---" else r"^\+\+\+[ \t]*$", re.M)
    end = closing.search(text, opening.end())
    if not end:
        return FrontMatter(None, text, 1, Diagnostic(
            f"the front matter opened on line 1 is never closed with {fence!r}", str(path), 1,
            hint=f"end the block with a line holding only {fence}"))
    block = text[opening.end():end.start()]
    body_line = text.count("\n", 0, end.end()) + 2
    body = text[end.end():].removeprefix("\n")
    data, problem = (_read_yaml if fence == "---" else _read_toml)(block, path)
    if data is not None and not isinstance(data, dict):
        data, problem = None, Diagnostic("the front matter is not a mapping of `key: value` lines", str(path), 2)
    return FrontMatter(data if data is not None else ({} if problem is None else None), body, body_line, problem)


def _read_yaml(block: str, path: Path) -> tuple[Any, Diagnostic | None]:
    try:
        data, problems = load_yaml("\n" + block, path)  # the blank line stands for `---`: lines stay the file's
    except (yaml.YAMLError, RecursionError) as err:  # e.g. a control character, which the reader refuses
        return None, Diagnostic(f"the front matter cannot be read: {err}", str(path), 1)
    if problems:
        problem = problems[0]
        return (data if problem.message.startswith("duplicate") else None), Diagnostic(
            f"front matter: {problem.message}", problem.path, problem.line, hint=problem.hint)
    return data, None


def yaml_document(text: str, path: Path, profile: Profile, shape: type, expected: str) -> Any:
    """A whole-YAML source's data when its top level is a `shape` (list or dict), else None: a YAML problem,
    or a document of another shape (an error saying what was `expected`), becomes a warning on `profile`."""
    data, problems = load_yaml(str(text), path)
    profile.warnings.extend(problems)
    if isinstance(data, shape):
        return data
    if data is not None:
        profile.warnings.append(Diagnostic(expected, str(path), 1, level="error"))
    return None


def _read_toml(block: str, path: Path) -> tuple[Any, Diagnostic | None]:
    try:
        return tomllib.loads(block), None
    except tomllib.TOMLDecodeError as err:
        return None, Diagnostic(f"the TOML front matter cannot be read: {err}", str(path), 1)


# --- values -----------------------------------------------------------------------------

def text_value(data: dict, key: str) -> str | None:
    """A field as one line of plain text: HTML entities and tags, Markdown emphasis and links removed."""
    value = data.get(key)
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = plain(html.unescape(str(value)))
    return text or None


def date_value(data: dict, key: str) -> str | None:
    """`2021-03-01`, `'2023-07-09T00:00:00Z'` or a YAML date → `2021-03-01`; None when not a date."""
    value = data.get(key)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and 1900 <= value <= 2100:
        return str(value)
    m = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(value or ""))
    if not m:
        return None
    year, month, day = m.groups()
    if month and 1 <= int(month) <= 12:
        if day and 1 <= int(day) <= 31:
            return f"{year}-{month}-{day}"
        return f"{year}-{month}"
    return year


def body_text(body: str) -> str | None:
    """A Markdown body as paragraphs of plain text; Liquid and Hugo shortcodes removed."""
    body = _LIQUID_RE.sub("", body)
    body = re.sub(r"\{\{[<%].*?[>%]\}\}", "", body, flags=re.S)
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", body)  # images
    paragraphs = []
    for block in re.split(r"\n\s*\n", body):
        lines = [re.sub(r"^\s*(?:#{1,6}\s+|[-*+]\s+|>\s?)", "", line) for line in block.split("\n")]
        text = plain(html.unescape(" ".join(line.strip() for line in lines)))
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs) or None
