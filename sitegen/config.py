"""site.yaml → SiteConfig, validated in one place.

Every problem is collected (not just the first) as a Diagnostic carrying
`site.yaml:LINE`; the YAML loader keeps each key's line for that. A mistake in
the config itself stops the build (ConfigError); a source that is missing or
outside the site folder is an error in `SiteConfig.diagnostics` and the site is
built from the rest, as it is for a source that cannot be read.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sitegen.model import Diagnostic, Profile
from sitegen.orcid_fetch import parse_orcid
from sitegen.sources import BIDI_CONTROLS

CONFIG_NAME = "site.yaml"
SITE_KEYS = {"title", "description", "base_url", "language", "researchers", "topics", "min_papers", "cname"}
RESEARCHER_KEYS = {"sources", "name", "slug", "overrides", "aliases", "photo", "orcid"}
PROFILE_FIELDS = set(Profile.__dataclass_fields__) - {"sources", "warnings"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(slots=True)
class ResearcherConfig:
    sources: list[Path]
    line: int  # where the entry starts in site.yaml
    name: str | None = None
    slug: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    photo: str | None = None
    source_lines: list[int] = field(default_factory=list)  # site.yaml line of each source
    slug_line: int = 0  # where `slug:` is written, for messages
    orcid: str | None = None  # an ORCID iD: its cached public record is one more source (orcid_fetch.py)
    orcid_line: int = 0


@dataclass(slots=True)
class TopicConfig:
    name: str
    synonyms: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SiteConfig:
    path: Path
    title: str = "Researchers"
    description: str | None = None
    base_url: str | None = None
    language: str = "en"
    cname: str | None = None
    min_papers: int = 1
    researchers: list[ResearcherConfig] = field(default_factory=list)
    topics: list[TopicConfig] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # problems that do not stop the build

    @property
    def site_dir(self) -> Path:
        return self.path.parent


class ConfigError(Exception):
    """site.yaml cannot be used; carries every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


# --- YAML with line numbers ---------------------------------------------------------------

class _MarkedDict(dict):
    """A mapping that remembers the line of each key (and its own)."""

    line = 0
    key_lines: dict


class _MarkedList(list):
    line = 0
    item_lines: list


class _Loader(yaml.SafeLoader):
    pass


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: ~10× faster on a long site.yaml
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _MarkedDict:
    loader.flatten_mapping(node)
    result = _MarkedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            loader.duplicates.append((key, line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> _MarkedList:
    result = _MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(text: str, path: Path) -> tuple[Any, list[Diagnostic]]:
    """Parse YAML keeping line numbers; syntax errors and duplicate keys become Diagnostics.

    libyaml reads it when it is installed; a document it rejects is read again by PyYAML's own parser,
    whose messages say more (which character, where).
    """
    if _FastLoader is not _Loader:
        try:
            return _load_yaml(_FastLoader, text, path)
        except (yaml.YAMLError, RecursionError):
            pass
    return _load_yaml(_Loader, text, path, report=True)


def _load_yaml(loader_class, text: str, path: Path, report: bool = False) -> tuple[Any, list[Diagnostic]]:
    loader = None
    try:
        loader = loader_class(text)  # the reader already rejects control characters here
        loader.duplicates = []
        data = loader.get_single_data()
    except yaml.YAMLError as err:
        if not report:
            raise
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(err, "problem", None) or str(err)
        tabs = "'\\t'" in str(err)  # PyYAML's words for a tab where indentation was expected
        hint = "YAML indents with spaces, not tabs" if tabs else "check the indentation and quoting on that line"
        return None, [Diagnostic(f"invalid YAML: {problem}", str(path), line, level="error", hint=hint)]
    except RecursionError:
        if not report:
            raise
        return None, [Diagnostic("invalid YAML: nested too deeply to read", str(path), level="error",
                                 hint="a document about one person never nests this deep; is this the right file?")]
    finally:
        if loader is not None:
            loader.dispose()
    diagnostics = [Diagnostic(f"duplicate key '{key}'", str(path), line, level="error",
                              hint="each key may appear once; remove or merge the repeated one")
                   for key, line in loader.duplicates]
    return data, diagnostics


# --- Validation ---------------------------------------------------------------------------

def load_config(site_dir: Path) -> SiteConfig:
    """Read and validate SITE_DIR/site.yaml; raises ConfigError with every problem found."""
    path = site_dir / CONFIG_NAME
    if not path.is_file():
        raise ConfigError([Diagnostic(f"no {CONFIG_NAME} in {site_dir}", str(path), level="error",
                                      hint="run sitegen in the folder that holds site.yaml, or name that folder")])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError([Diagnostic(f"cannot be read: {err}", str(path), level="error")]) from None
    data, errors = load_yaml(text, path)
    if data is None and not errors:
        errors.append(Diagnostic("the file is empty", str(path), 1, level="error",
                                 hint="it needs at least `researchers:` with one entry"))
    elif data is not None and not isinstance(data, dict):
        errors.append(Diagnostic("the top level must be a mapping (`title: …`, `researchers: …`)",
                                 str(path), 1, level="error"))
    if errors:
        raise ConfigError(errors)
    config, errors = _validate_site(data, path)
    if errors:
        raise ConfigError(sorted(errors + config.diagnostics, key=lambda d: d.line or 0))
    return config


def _validate_site(data: _MarkedDict, path: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    errors: list[Diagnostic] = []
    config = SiteConfig(path=path)
    check = _Checker(path, errors, config.diagnostics)
    check.unknown_keys(data, SITE_KEYS, "site.yaml")
    config.title = check.text(data, "title") or config.title
    config.description = check.text(data, "description")
    config.base_url = check.text(data, "base_url")
    config.language = check.text(data, "language") or "en"
    config.cname = check.text(data, "cname")
    if "min_papers" in data:
        value = data["min_papers"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            check.error(data, "min_papers", "'min_papers' must be a whole number of at least 1")
        else:
            config.min_papers = value
    config.topics = _validate_topics(data, check)
    researchers = data.get("researchers")
    if researchers is None:
        errors.append(Diagnostic("no `researchers:` list", str(path), data.line, level="error",
                                 hint="add `researchers:` with one `- sources: [your-cv.txt]` entry per person"))
    elif not isinstance(researchers, list):
        check.error(data, "researchers", "'researchers' must be a list of entries (`- sources: [...]`)")
    else:
        for index, entry in enumerate(researchers):
            line = researchers.item_lines[index]
            researcher = _validate_researcher(entry, line, path, check)
            if researcher:
                config.researchers.append(researcher)
        _check_unique_slugs(config.researchers, check)
    return config, errors


def _check_unique_slugs(researchers: list[ResearcherConfig], check: "_Checker") -> None:
    first: dict[str, int] = {}
    for researcher in researchers:
        if researcher.slug in first:
            check.errors.append(Diagnostic(
                f"slug '{researcher.slug}' is already used by the researcher at line {first[researcher.slug]}",
                str(check.path), researcher.slug_line, level="error", hint="give each researcher their own `slug:`"))
        elif researcher.slug:
            first[researcher.slug] = researcher.slug_line


def _validate_topics(data: _MarkedDict, check: "_Checker") -> list[TopicConfig]:
    """`topics:` is a list of names, or of `{name: …, synonyms: [...]}`, or a mapping name → synonyms."""
    raw = data.get("topics")
    if raw is None:
        return []
    if isinstance(raw, dict):
        raw = [{"name": k, "synonyms": v or []} for k, v in raw.items()]
    if not isinstance(raw, list):
        check.error(data, "topics", "'topics' must be a list of topic names or a mapping name → synonyms")
        return []
    topics = []
    for item in raw:
        if isinstance(item, str):
            topics.append(TopicConfig(item))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            synonyms = item.get("synonyms") or []
            if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
                check.error(data, "topics", f"synonyms of topic {item['name']!r} must be a list of text")
                continue
            topics.append(TopicConfig(item["name"], list(synonyms)))
        else:
            check.error(data, "topics", f"cannot read topic {item!r}: give a name, or `name:` and `synonyms:`")
    return topics


def _validate_researcher(entry: Any, line: int, path: Path, check: "_Checker") -> ResearcherConfig | None:
    if not isinstance(entry, dict):
        check.errors.append(Diagnostic("a researcher entry must be a mapping with `sources:`", str(path), line,
                                       level="error", hint="write `- sources: [cv.txt]` (and optionally `name:`)"))
        return None
    check.unknown_keys(entry, RESEARCHER_KEYS, "a researcher entry")
    sources = entry.get("sources", [] if "orcid" in entry else None)  # an ORCID record alone is enough
    if sources is None:
        check.errors.append(Diagnostic("researcher entry has no `sources:`", str(path), entry.line, level="error",
                                       hint="list the documents about this person: `sources: [cv.txt]`"))
        return None
    if isinstance(sources, str) or not isinstance(sources, list) or not (sources or "orcid" in entry):
        check.error(entry, "sources", "'sources' must be a non-empty list of file paths",
                    hint=f"write `sources: [{sources}]`" if isinstance(sources, str) else None)
        return None
    researcher = ResearcherConfig(sources=[], line=entry.line, slug_line=entry.key_lines.get("slug", entry.line))
    for index, source in enumerate(sources):
        source_line = sources.item_lines[index]
        if not isinstance(source, str) or not source.strip():
            check.errors.append(Diagnostic(f"a source must be a file path, got {source!r}", str(path), source_line,
                                           level="error"))
            continue
        source_path = _source_path(source, source_line, researcher, check)
        if source_path:
            researcher.sources.append(source_path)
            researcher.source_lines.append(source_line)
    researcher.name = check.text(entry, "name")
    researcher.orcid, researcher.orcid_line = _orcid(entry, check), entry.key_lines.get("orcid", entry.line)
    researcher.photo = _photo(entry, check)
    slug = check.text(entry, "slug")
    if slug is not None and not SLUG_RE.match(slug):
        check.error(entry, "slug", f"slug {slug!r} must be lowercase letters, digits and single hyphens",
                    hint="e.g. `slug: jatin-prakash`")
    else:
        researcher.slug = slug
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        check.error(entry, "aliases", "'aliases' must be a list of names")
    else:
        researcher.aliases = list(aliases)
    overrides = entry.get("overrides", {})
    if not isinstance(overrides, dict):
        check.error(entry, "overrides", "'overrides' must be a mapping of profile fields")
    else:
        for key in sorted(set(overrides) - PROFILE_FIELDS):
            check.errors.append(Diagnostic(f"unknown profile field '{key}' in overrides", str(path),
                                           overrides.key_lines.get(key), level="error",
                                           hint="fields: " + ", ".join(sorted(PROFILE_FIELDS))))
        researcher.overrides = {k: v for k, v in overrides.items() if k in PROFILE_FIELDS}
    return researcher


def _source_path(source: str, line: int, researcher: ResearcherConfig, check: "_Checker") -> Path | None:
    """The source's path as the user wrote it (for messages), or None after reporting why it cannot be read.

    Only files inside the site folder are read (symlinks resolved): a site.yaml from someone else
    must not be able to publish ~/.ssh or /etc as a researcher's "other" section.
    """
    site_dir = check.path.parent
    source_path = Path(os.path.normpath(site_dir / source))
    problem = None
    if not source_path.resolve().is_relative_to(site_dir.resolve()):
        problem = Diagnostic(f"source {source!r} is outside the site folder", str(check.path), line, level="error",
                             hint="sitegen reads only files in the folder of site.yaml and below; copy the file there")
    elif not source_path.is_file():
        what = "is a folder, not a file" if source_path.is_dir() else "file not found"
        problem = Diagnostic(f"source {source!r}: {what}", str(check.path), line, level="error",
                             hint="source paths are relative to site.yaml")
    elif source_path in researcher.sources:
        first = researcher.source_lines[researcher.sources.index(source_path)]
        problem = Diagnostic(f"source {source!r} is listed twice for this researcher (first at line {first})",
                             str(check.path), line, hint="remove the repeated entry")
    if problem:
        check.problems.append(problem)
        return None
    return source_path


def _orcid(entry: _MarkedDict, check: "_Checker") -> str | None:
    """`orcid:` is an ORCID iD (`0000-0002-1825-0097`, or its orcid.org address) with a right check digit."""
    text = check.text(entry, "orcid")
    if text is None:
        return None
    orcid, problem = parse_orcid(text)
    if problem:
        check.error(entry, "orcid", problem, hint="copy the iD from your ORCID page")
    return orcid


def _photo(entry: _MarkedDict, check: "_Checker") -> str | None:
    """`photo:` is an http(s) URL or a file inside the site folder."""
    photo = check.text(entry, "photo")
    if photo is None:
        return None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", photo):
        if not re.match(r"^https?://", photo, re.I):
            check.error(entry, "photo", f"photo {photo!r} must be an http(s) address or a file in the site folder")
            return None
        return photo
    site_dir = check.path.parent.resolve()
    if not (site_dir / photo).resolve().is_relative_to(site_dir):
        check.error(entry, "photo", f"photo {photo!r} is outside the site folder",
                    hint="copy the picture into the site folder")
        return None
    return photo


@dataclass(slots=True)
class _Checker:
    path: Path
    errors: list[Diagnostic]  # the config cannot be used
    problems: list[Diagnostic] = field(default_factory=list)  # reported, and the site built without that source

    def error(self, mapping: _MarkedDict, key: str, message: str, hint: str | None = None) -> None:
        line = getattr(mapping, "key_lines", {}).get(key, getattr(mapping, "line", None))
        self.errors.append(Diagnostic(message, str(self.path), line, level="error", hint=hint))

    def unknown_keys(self, mapping: _MarkedDict, known: set[str], where: str) -> None:
        for key in mapping:
            if key not in known:
                self.error(mapping, key, f"unknown key '{key}' in {where}",
                           hint="known keys: " + ", ".join(sorted(known)))

    def text(self, mapping: _MarkedDict, key: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            self.error(mapping, key, f"'{key}' must be text")
            return None
        text = str(value).strip()
        if BIDI_CONTROLS.search(text):
            text = BIDI_CONTROLS.sub("", text)
            self.problems.append(Diagnostic(f"removed invisible right-to-left control characters from '{key}'",
                                            str(self.path), mapping.key_lines.get(key),
                                            hint="they can make text display as something it does not say"))
        return text or None
