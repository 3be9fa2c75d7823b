"""`orcid:` in a researcher's entry: their public ORCID record, fetched when online, read from a cache.

`sitegen build` (and `check`) first refresh the cache: each researcher's record is fetched from
the ORCID public API and saved, pretty-printed so its lines mean something, as
`SITE_DIR/.sitegen-cache/orcid/{iD}.json`. The build itself reads only that file, as one
more source of the researcher (after the ones `sources:` lists, which win for single fields).
With `--offline` nothing is fetched; a record missing from the cache is then an error at the
entry's `orcid:` line, and the researcher is built from their other sources.
A failed fetch keeps the cached copy and says why (a warning).
"""
from __future__ import annotations

import json
import os
import re
import socket
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sitegen.model import Diagnostic

if TYPE_CHECKING:
    from sitegen.config import ResearcherConfig, SiteConfig

API_URL = "https://pub.orcid.org/v3.0/{orcid}/record"
CACHE_DIR = Path(".sitegen-cache") / "orcid"
TIMEOUT_SECONDS = 20
MAX_RECORD_BYTES = 10 * 1024 * 1024  # the size sitegen reads a source up to
ORCID_RE = re.compile(r"^(?:https?://(?:www\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/?$", re.I)


class FetchError(Exception):
    """The record could not be fetched; the message says why, in the user's words."""


# --- the iD --------------------------------------------------------------------------------

def check_digit(base_digits: str) -> str:
    """The ORCID check character of the first 15 digits (ISO 7064 MOD 11-2)."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def parse_orcid(text: str) -> tuple[str | None, str | None]:
    """(the iD as `0000-0002-1825-0097`, None), or (None, what is wrong with the text)."""
    m = ORCID_RE.match(text.strip())
    if not m:
        return None, f"orcid {text!r} must be an ORCID iD like 0000-0002-1825-0097"
    orcid = m[1].upper()
    digits = orcid.replace("-", "")
    expected = check_digit(digits[:15])
    if digits[15] != expected:
        return None, (f"orcid {orcid!r} is not a valid ORCID iD: its last character should be {expected!r} "
                      "(a digit may be mistyped)")
    return orcid, None


def cache_path(site_dir: Path, orcid: str) -> Path:
    return site_dir / CACHE_DIR / f"{orcid}.json"


# --- fetching ------------------------------------------------------------------------------

def fetch_record(orcid: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The record's JSON from the ORCID public API; FetchError says why when it cannot be had."""
    request = urllib.request.Request(API_URL.format(orcid=orcid),
                                     headers={"Accept": "application/json", "User-Agent": "sitegen"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (a fixed https address)
            data = response.read(MAX_RECORD_BYTES + 1)
    except urllib.error.HTTPError as err:
        if err.code == 404:
            raise FetchError(f"ORCID has no public record {orcid}") from None
        raise FetchError(f"pub.orcid.org answered {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise FetchError(f"cannot reach pub.orcid.org ({err.reason}); are you offline?") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"pub.orcid.org did not answer within {timeout:g} s") from None
    except OSError as err:
        raise FetchError(f"cannot reach pub.orcid.org ({err})") from None
    if len(data) > MAX_RECORD_BYTES:
        raise FetchError("the record is larger than sitegen reads")
    return data


def refresh_orcid_cache(site_dir: Path, *, offline: bool = False,
                        fetch: Callable[[str], bytes] | None = None) -> list[Diagnostic]:
    """Fetch the record of every researcher with `orcid:` into the cache; what went wrong, as warnings.

    A site.yaml that cannot be loaded is left for the build to report."""
    from sitegen.config import ConfigError, load_config

    if offline or not _may_name_orcid(site_dir):
        return []
    try:
        config = load_config(site_dir)
    except ConfigError:
        return []
    fetch = fetch or fetch_record
    diagnostics = []
    first_lines: dict[str, int] = {}
    for researcher in config.researchers:
        if researcher.orcid:
            first_lines.setdefault(researcher.orcid, researcher.orcid_line)
    for orcid, line in first_lines.items():
        problem = _refresh_one(orcid, cache_path(config.site_dir, orcid), fetch)
        if problem:
            path = cache_path(config.site_dir, orcid)
            kept = "the cached copy was used" if path.is_file() else "there is no cached copy"
            diagnostics.append(Diagnostic(f"could not fetch ORCID record {orcid}: {problem}; {kept}",
                                          str(config.path), line))
    return diagnostics


def _may_name_orcid(site_dir: Path) -> bool:
    """False when site.yaml cannot name an ORCID iD: parsing it is most of a no-change build at 1,000 researchers."""
    from sitegen.config import CONFIG_NAME

    try:
        return "orcid" in (site_dir / CONFIG_NAME).read_text(encoding="utf-8", errors="replace").casefold()
    except OSError:
        return False  # the build reports it


def _refresh_one(orcid: str, path: Path, fetch: Callable[[str], bytes]) -> str | None:
    try:
        data = json.loads(fetch(orcid))
    except FetchError as err:
        return str(err)
    except (ValueError, RecursionError):
        return "the answer was not JSON"
    if not isinstance(data, dict) or "orcid-identifier" not in data:
        return "the answer was not an ORCID record"
    _write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return None


def _write_atomically(path: Path, text: str) -> None:
    """A build that is stopped half-way never leaves half a record in the cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- the build's side: the cached record as a source ---------------------------------------

def orcid_sources(researcher: "ResearcherConfig", config: "SiteConfig") -> tuple[list[Path], list[Diagnostic]]:
    """The cached record of the researcher's `orcid:`, or an error at that line when there is none."""
    if not researcher.orcid:
        return [], []
    path = cache_path(config.site_dir, researcher.orcid)
    if path.is_file():
        return [path], []
    return [], [Diagnostic(
        f"no cached ORCID record for {researcher.orcid} (looked for {CACHE_DIR / path.name})", str(config.path),
        researcher.orcid_line, level="error",
        hint="build once while online, without --offline, to fetch it")]
