"""Sources: read a file's text, sniff which format it is, run that extractor.

Reading never raises for a user's file: problems come back as Diagnostics
(`SourceError` carries the one that stops a source from being read at all).
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from sitegen import extract
from sitegen.model import Diagnostic, Profile, SourceRef

# Sniff scores below this mean "no extractor recognises the text".
MIN_SNIFF = 0.2
# Larger sources are read, with a warning: real CVs are a few hundred KB at most.
LARGE_SOURCE_BYTES = 5 * 1024 * 1024


class SourceError(Exception):
    """A source that cannot be read at all; carries the Diagnostic to show."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


@dataclass(slots=True)
class SourceText:
    path: Path
    text: str
    warnings: list[Diagnostic]


def read_source(path: Path) -> SourceText:
    """The file's text, decoded with a BOM check, UTF-8, then Windows-1252 (with a warning)."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(Diagnostic("file not found", shown, level="error",
                                     hint="check the path in site.yaml; paths are relative to site.yaml")) from None
    except IsADirectoryError:
        raise SourceError(Diagnostic("is a folder, not a file", shown, level="error",
                                     hint="name the document files themselves in `sources:`")) from None
    except OSError as err:
        raise SourceError(Diagnostic(f"cannot be read: {err.strerror}", shown, level="error")) from None
    warnings = []
    if len(data) > LARGE_SOURCE_BYTES:
        warnings.append(Diagnostic(f"large source ({len(data) // (1024 * 1024)} MB); is this the right file?", shown))
    text = _decode(data, shown, warnings)
    if "\x00" in text:
        raise SourceError(Diagnostic("looks like a binary file, not a text document", shown, level="error",
                                     hint="give sitegen the text of the document (copy it into a .txt or .md file)"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(Diagnostic("the file is empty", shown, level="error",
                                     hint="put the document's text in it, or remove it from `sources:`"))
    return SourceText(path, text, warnings)


def _decode(data: bytes, shown: str, warnings: list[Diagnostic]) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        warnings.append(Diagnostic("not valid UTF-8; read as Windows-1252 (Latin-1)", shown, line,
                                   hint="save the file as UTF-8 if accented letters look wrong"))
        return data.decode("cp1252", errors="replace")


def sniff_format(text: str, path: Path):
    """The format module most sure it can read the text, or None."""
    best, best_score = None, MIN_SNIFF
    for module in extract.formats():
        score = module.sniff(text, path)
        if score > best_score:
            best, best_score = module, score
    return best


def extract_profile(path: Path, name: str | None = None, format_name: str | None = None) -> Profile:
    """One source's profile. `name` is the owner's name from the config when it knows better."""
    source = read_source(path)
    module = extract.format_named(format_name) if format_name else sniff_format(source.text, path)
    if module is None:
        raise SourceError(Diagnostic(
            "no extractor recognises this document", str(path), level="error",
            hint="see `sitegen formats` for what sitegen reads"))
    profile = module.extract(source.text, path)
    profile.warnings[:0] = source.warnings
    if not profile.sources:
        profile.sources.append(SourceRef(str(path), module.NAME))
    if name:
        _apply_config_name(profile, name, path)
    elif not profile.name:
        profile.warnings.append(Diagnostic(
            "the document does not state its owner's name", str(path),
            hint="add `name: Full Name` to this researcher's entry in site.yaml"))
    return profile


def _apply_config_name(profile: Profile, name: str, path: Path) -> None:
    found = profile.name
    if found and _name_key(found) != _name_key(name):
        profile.warnings.append(Diagnostic(
            f"the document seems to belong to {found!r}, but the config names {name!r}; using {name!r}",
            str(path), hint="check that this source is listed under the right researcher"))
    profile.name = name


def _name_key(name: str) -> str:
    return " ".join(part for part in name.lower().replace(".", " ").split() if len(part) > 1)
