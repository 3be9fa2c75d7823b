"""Profiles written in sitegen's own form: what `sitegen extract SOURCE --format yaml` prints.

Save that output, edit it, list it as a source, and it reads back to the same profile.
The JSON form (`--format json`) is read too, since JSON is YAML.

Every field is checked against the model (`profile.schema.json`); a field of the wrong
type or an unknown field is an error at `file:line` and only that field (or that item,
when its required field is missing) is left out. Dates are normalised (`May 2019` →
`2019-05`). An item's `origin` is kept when the file gives one (it names the document
the item was first read from); otherwise it is this file and the item's line.

`sources:` and `warnings:` in the file are not read: they describe the earlier run that
printed it (its input file and that file's lines), not the researcher. The profile's
source is this file, and its warnings are about this file.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import re
import types
import typing
from pathlib import Path
from typing import Any

import yaml

from sitegen.config import load_yaml
from sitegen.extract.dates import parse_date
from sitegen.model import Diagnostic, Origin, Profile, SourceRef

NAME = "yaml"
DESCRIPTION = "a profile in sitegen's own form (what `sitegen extract --format yaml` prints), YAML or JSON"
PATTERNS = ("*.yaml", "*.yml")

# Written by a run of `sitegen extract`, not data about the researcher.
_NOT_READ = ("sources", "warnings")
_PROFILE_FIELDS = {f.name for f in dataclasses.fields(Profile)} - set(_NOT_READ)
_DATE_FIELDS = ("start", "end", "date")
_DATE_RE = re.compile(r"^(?:[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?|present)$")
_TOP_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?=\s|$)", re.M)


class _Wrong(Exception):
    """A value that does not fit its field; carries the line to blame."""

    def __init__(self, message: str, line: int | None, hint: str | None = None):
        super().__init__(message)
        self.line = line
        self.hint = hint


def sniff(text: str, path: Path) -> float:
    """Sure for a mapping of profile fields; never for site.yaml (it has `researchers:`)."""
    if Path(path).name.lower() in ("site.yaml", "site.yml"):
        return 0.0
    keys = set(_top_level_keys(text))
    if not keys or "researchers" in keys or "basics" in keys:
        return 0.0
    known, unknown = keys & _PROFILE_FIELDS, keys - _PROFILE_FIELDS - set(_NOT_READ)
    structured = str(path).lower().endswith((".yaml", ".yml", ".json"))
    if len(known) >= 2 and not unknown:
        return 0.9
    if len(known) >= 2 and len(unknown) <= len(known) // 2:
        return 0.6 if structured else 0.3
    if known and not unknown and structured:
        return 0.5
    return 0.0


def _top_level_keys(text: str) -> list[str]:
    head = text.lstrip()[:1]
    if head == "{":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return []
        return list(data) if isinstance(data, dict) else []
    return _TOP_KEY_RE.findall(text[:200_000])


def extract(text: str, path: Path) -> Profile:
    """The profile the file states, with an error at file:line for each field that does not fit."""
    shown = str(path)
    profile = Profile(sources=[SourceRef(shown, NAME)])
    data, problems = _load(str(text), path)
    if problems and str(text).lstrip().startswith("{"):
        data, problems = _json_without_lines(str(text), data, problems)
    profile.warnings.extend(problems)
    if data is None:
        if not problems:
            profile.warnings.append(Diagnostic("the profile is empty", shown, 1, hint="start with `name: Full Name`"))
        return profile
    if not isinstance(data, dict):
        profile.warnings.append(Diagnostic("a profile must be a mapping of fields (`name: …`, `publications: …`)",
                                           shown, getattr(data, "line", 1), level="error"))
        return profile
    reader = _Reader(shown, profile.warnings)
    hints = typing.get_type_hints(Profile)
    for key, value in data.items():
        line = getattr(data, "key_lines", {}).get(key, getattr(data, "line", None))
        if key in _NOT_READ:
            continue
        if key not in _PROFILE_FIELDS:
            reader.error(f"unknown profile field '{key}'", line, hint="fields: " + ", ".join(sorted(_PROFILE_FIELDS)))
            continue
        try:
            converted = reader.value(hints[key], value, key, line)
        except _Wrong as wrong:
            reader.error(str(wrong), wrong.line, wrong.hint)
            continue
        if converted is not None:
            setattr(profile, key, converted)
    return profile


def _load(text: str, path: Path) -> tuple[Any, list[Diagnostic]]:
    try:
        return load_yaml(text, path)
    except yaml.YAMLError as err:  # load_yaml lets the reader's complaint about control characters through
        mark = getattr(err, "problem_mark", None)
        return None, [Diagnostic(f"invalid YAML: {getattr(err, 'problem', None) or err}", str(path),
                                 mark.line + 1 if mark else None, level="error",
                                 hint="remove control characters from the file")]


def _json_without_lines(text: str, data: Any, problems: list[Diagnostic]) -> tuple[Any, list[Diagnostic]]:
    """JSON that YAML cannot read (tabs, minified `"a":1`): read as JSON, without key lines."""
    try:
        return json.loads(text), []
    except (ValueError, RecursionError):
        return data, problems


@dataclasses.dataclass(slots=True)
class _Reader:
    """Converts YAML values to model values, field by field, collecting what does not fit."""

    path: str
    warnings: list[Diagnostic]

    def error(self, message: str, line: int | None, hint: str | None = None) -> None:
        self.warnings.append(Diagnostic(message, self.path, line, level="error", hint=hint))

    def value(self, hint: Any, value: Any, name: str, line: int | None) -> Any:
        if value is None:
            return None
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        if typing.get_origin(hint) is list:
            return self.items(typing.get_args(hint)[0], value, name, line)
        if dataclasses.is_dataclass(hint):
            return self.item(hint, value, name, line)
        if hint is bool:
            if not isinstance(value, bool):
                raise _Wrong(f"'{name}' must be true or false, got {value!r}", line)
            return value
        if hint is int:
            if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
                raise _Wrong(f"'{name}' must be a whole number, got {value!r}", line)
            return int(value)
        if isinstance(value, (dict, list)):
            raise _Wrong(f"'{name}' must be text, got a {'list' if isinstance(value, list) else 'mapping'}", line)
        if name in _DATE_FIELDS:
            return self.date(value, name, line)
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return str(value).rstrip("\n")  # a `|` block ends with a newline that is not part of the text

    def date(self, value: Any, name: str, line: int | None) -> str:
        if isinstance(value, datetime.datetime):
            value = value.date()
        text = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
        if _DATE_RE.match(text):
            return text
        parsed = parse_date(text)
        if parsed is None:
            raise _Wrong(f"'{name}' must be a date like 2019, 2019-05, 2019-05-01 or present, got {value!r}", line)
        return parsed

    def items(self, item_type: Any, value: Any, name: str, line: int | None) -> list:
        if not isinstance(value, list):
            raise _Wrong(f"'{name}' must be a list, got {type(value).__name__}", line,
                         hint="write `[first, second]`, or one `- item` per line")
        lines = getattr(value, "item_lines", [])
        result = []
        for index, element in enumerate(value):
            element_line = lines[index] if index < len(lines) else line
            try:
                converted = self.value(item_type, element, name, element_line)
            except _Wrong as wrong:
                self.error(f"{wrong} (item {index + 1} of '{name}' was left out)", wrong.line, wrong.hint)
                continue
            if converted is not None:
                result.append(converted)
        return result

    def item(self, cls: type, value: Any, name: str, line: int | None) -> Any:
        if not isinstance(value, dict):
            raise _Wrong(f"each item of '{name}' must be a mapping, got {type(value).__name__}", line)
        line = getattr(value, "line", line)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        hints = typing.get_type_hints(cls)
        kwargs = {}
        for key, element in value.items():
            key_line = getattr(value, "key_lines", {}).get(key, line)
            if key not in fields:
                self.error(f"unknown field '{key}' in an item of '{name}'", key_line,
                           hint="fields: " + ", ".join(fields))
                continue
            try:
                converted = self.value(hints[key], element, key, key_line)
            except _Wrong as wrong:
                self.error(str(wrong), wrong.line, wrong.hint)
                continue
            if converted is not None:
                kwargs[key] = converted
        missing = [f for f, spec in fields.items() if f not in kwargs and _is_required(spec)]
        if missing:
            raise _Wrong(f"an item of '{name}' has no '{missing[0]}'", line)
        if "origin" in fields and "origin" not in kwargs:
            kwargs["origin"] = Origin(self.path, line)
        return cls(**kwargs)


def _is_required(spec: dataclasses.Field) -> bool:
    return spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
