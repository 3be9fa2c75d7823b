"""Sources: read a file's text, sniff which format it is, run that extractor.

Reading never raises for a user's file: problems come back as Diagnostics
(`SourceError` carries the one that stops a source from being read at all).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from sitegen import extract
from sitegen.model import Diagnostic, Profile, SourceRef
from sitegen.urls import safe_url

# Sniff scores below this mean "no extractor recognises the text".
MIN_SNIFF = 0.2
# Real CVs are a few hundred KB and a lab's BibTeX a few MB: larger sources are read with a
# warning, and above the limit refused before a byte is read, so memory stays bounded.
LARGE_SOURCE_BYTES = 2 * 1024 * 1024
MAX_SOURCE_BYTES = 10 * 1024 * 1024
# Files that are not text, by their first bytes: (signature, what the file is).
BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF"), (b"PK\x03\x04", "a zip archive (or .docx/.odt)"), (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"\xd0\xcf\x11\xe0", "a Word (.doc) file"),
    (b"\x1f\x8b", "a gzip archive"), (b"{\\rtf", "an RTF file"), (b"\x7fELF", "a program"),
)

# Bidirectional embeddings, overrides and isolates: invisible, and able to make a name or a
# title display as something else ("Trojan Source"). The marks LRM/RLM are harmless and kept.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


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


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; SourceError when it is missing, a folder, unreadable or too large."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(Diagnostic(
                f"too large to be a document about one person ({_megabytes(size)}; sitegen reads sources up to "
                f"{_megabytes(MAX_SOURCE_BYTES)})", shown, level="error",
                hint="check that this is the right file; split a very long BibTeX file into several sources"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(Diagnostic("file not found", shown, level="error",
                                     hint="check the path in site.yaml; paths are relative to site.yaml")) from None
    except IsADirectoryError:
        raise SourceError(Diagnostic("is a folder, not a file", shown, level="error",
                                     hint="name the document files themselves in `sources:`")) from None
    except OSError as err:
        raise SourceError(Diagnostic(f"cannot be read: {err.strerror}", shown, level="error")) from None
    return data


def read_source(path: Path) -> SourceText:
    """The file's text, decoded with a BOM check, UTF-8, then Windows-1252 (with a warning)."""
    shown = str(path)
    data = _read_bytes(path)
    warnings = []
    if len(data) > LARGE_SOURCE_BYTES:
        warnings.append(Diagnostic(f"large source ({_megabytes(len(data))}); reading it is slow", shown,
                                   hint="check that this is the right file"))
    kind = next((what for signature, what in BINARY_SIGNATURES if data.startswith(signature)), None)
    text = None if kind else _decode(data, shown, warnings)
    if text is None or "\x00" in text:
        what = f"is {kind}, not a text document" if kind else "looks like a binary file, not a text document"
        raise SourceError(Diagnostic(what, shown, level="error",
                                     hint="copy the document's text into a .txt or .md file and list that instead"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, bidi = strip_bidi_controls(text, shown)
    warnings.extend(bidi)
    if not text.strip():
        raise SourceError(Diagnostic("the file is empty", shown, level="error",
                                     hint="put the document's text in it, or remove it from `sources:`"))
    return SourceText(path, text, warnings)


def strip_bidi_controls(text: str, shown: str) -> tuple[str, list[Diagnostic]]:
    """The text without bidirectional controls, and a warning at the first line that had one."""
    found = BIDI_CONTROLS.search(text)
    if not found:
        return text, []
    return BIDI_CONTROLS.sub("", text), [Diagnostic(
        "removed invisible right-to-left control characters", shown, text.count("\n", 0, found.start()) + 1,
        hint="they can make text display as something it does not say")]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _decode(data: bytes, shown: str, warnings: list[Diagnostic]) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    unmarked = _utf16_without_bom(data)
    if unmarked:
        return unmarked
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        warnings.append(Diagnostic("not valid UTF-8; read as Windows-1252 (Latin-1)", shown, line,
                                   hint="save the file as UTF-8 if accented letters look wrong"))
        return data.decode("cp1252", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM (Windows tools do): every other byte of ASCII text is NUL."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


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
    module = _format_reading_bytes(path, format_name)  # a PDF CV: its format reads the bytes, not text
    source = None if module else read_source(path)
    module = module or (extract.format_named(format_name) if format_name else sniff_format(source.text, path))
    if module is None:
        raise SourceError(Diagnostic(
            "no extractor recognises this document", str(path), level="error",
            hint="see `sitegen formats` for what sitegen reads"))
    profile = module.extract_bytes(_read_bytes(path), path) if source is None else module.extract(source.text, path)
    profile.warnings[:0] = source.warnings if source else []
    _drop_unsafe_links(profile, path)
    if not profile.sources:
        profile.sources.append(SourceRef(str(path), module.NAME))
    if name:
        _apply_config_name(profile, name, path)
    return profile


def _format_reading_bytes(path: Path, format_name: str | None):
    """The format that reads this source's bytes itself (`reads_bytes`: PDF CVs), or None."""
    if format_name:
        module = extract.format_named(format_name)
        return module if getattr(module, "reads_bytes", False) else None
    try:
        with path.open("rb") as file:
            if file.read(5) != b"%PDF-":
                return None
    except OSError:
        return None  # read_source says what is wrong with the file
    return next((module for module in extract.formats() if getattr(module, "reads_bytes", False)), None)


def _drop_unsafe_links(profile: Profile, path: Path) -> None:
    """Only http(s), mailto and relative links survive; a `javascript:` or `data:` link is dropped with a warning."""
    owners = [(profile, None)] + [(pub, pub.origin.line if pub.origin else None) for pub in profile.publications]
    for owner, line in owners:
        kept = [link for link in owner.links if safe_url(link.url)]
        for link in owner.links:
            if not safe_url(link.url):
                profile.warnings.append(Diagnostic(
                    f"link {link.url[:60]!r} dropped: only http, https, mailto and relative links are kept",
                    str(path), line, hint="remove the link, or give its http(s) address"))
        owner.links = kept


def owner_warning(profile: Profile, path: Path) -> Diagnostic | None:
    """For one source read alone: a warning when nobody names its owner (the build checks whole profiles)."""
    if profile.name:
        return None
    return Diagnostic("the document does not state its owner's name", str(path),
                      hint="pass --name, or add `name: Full Name` to this researcher's entry in site.yaml")


def _apply_config_name(profile: Profile, name: str, path: Path) -> None:
    found = profile.name
    if found and _name_key(found) != _name_key(name):
        profile.warnings.append(Diagnostic(
            f"the document seems to belong to {found!r}, but the config names {name!r}; using {name!r}",
            str(path), hint="check that this source is listed under the right researcher"))
    profile.name = name


def _name_key(name: str) -> str:
    return " ".join(part for part in name.lower().replace(".", " ").split() if len(part) > 1)
