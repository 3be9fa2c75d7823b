"""The theme's words: every UI string, looked up by key, in the site's language.

English (`data/i18n/en.yaml`) is complete and the fallback for every key; a
shipped language file (`de.yaml`) and then the site's own `i18n/<language>.yaml`
override it key by key. A key missing everywhere is a bug in a template or view
and raises KeyError, so it is found by the tests rather than shown to a reader.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

SHIPPED = Path(__file__).resolve().parent / "data" / "i18n"
DEFAULT_LANGUAGE = "en"


class Strings:
    """`strings("key", name=value)` formats one UI string; `_one`/`_other` pairs are picked by `count`."""

    def __init__(self, language: str, table: dict[str, Any]):
        self.language = language
        self.table = table

    def __call__(self, key: str, **values: Any) -> str:
        if "count" in values and f"{key}_one" in self.table:
            key = f"{key}_one" if values["count"] == 1 else f"{key}_other"
        text = self.table[key]
        return str(text).format(**values) if values else str(text)

    def raw(self, key: str) -> str:
        """The string with its `{placeholders}` left in, for scripts that fill them in the browser."""
        return str(self.table[key])

    def month(self, number: int) -> str:
        return self.table["months"][number - 1]

    def get(self, key: str, default: Optional[str] = None) -> Optional[str]:
        return self.table.get(key, default)


def language_file(language: str) -> Path:
    return SHIPPED / f"{language}.yaml"


def shipped_languages() -> list[str]:
    return sorted(p.stem for p in SHIPPED.glob("*.yaml"))


@lru_cache(maxsize=16)
def _read_shipped(path: Path) -> dict[str, Any]:
    return _read(path)


def _read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: translations must be a mapping of key: text")
    return data


def load_strings(language: str | None = None, site_dir: Path | None = None) -> Strings:
    """English, then the shipped file for `language`, then the site's i18n/<language>.yaml."""
    language = (language or DEFAULT_LANGUAGE).strip() or DEFAULT_LANGUAGE
    table = dict(_read_shipped(language_file(DEFAULT_LANGUAGE)))
    base = language.split("-")[0].lower()  # "de-AT" uses de.yaml, then the site's de-AT.yaml
    for path in dict.fromkeys([language_file(base), language_file(language)]):
        if path.is_file() and path.stem != DEFAULT_LANGUAGE:
            table.update(_read_shipped(path))
    if site_dir is not None:
        for name in dict.fromkeys([base, language]):
            own = site_dir / "i18n" / f"{name}.yaml"
            if own.is_file():
                table.update(_read(own))
    return Strings(language, table)


ENGLISH = load_strings(DEFAULT_LANGUAGE)
