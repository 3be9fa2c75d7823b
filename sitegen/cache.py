"""What a rebuild can skip: extracted profiles cached on disk, and the build's inputs as one digest.

Profiles are cached in SITE_DIR/.sitegen-cache/profiles/, one file per source,
keyed by the source's bytes, its path (origins name it), the owner's name from
the config and the extractor version (sitegen's version and a digest of its
code, so an edited extractor never serves stale profiles). The cache is an
optimisation: one that cannot be read or written is a warning, never a failure.

The entries are pickles, not `to_json`: that round-trips exactly too, but
`model.from_json` resolves type hints per object and reads a profile slower than
extracting it. A pickle is trusted as much as the site folder it lives in (whose
templates run in the build anyway).

`input_digest` covers everything a build's output is made from, so an
unchanged site is recognised before anything is read or rendered.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable, Optional

from sitegen.model import Diagnostic, Profile

CACHE_DIR = ".sitegen-cache"
PROFILES = "profiles"
PACKAGE_DIR = Path(__file__).resolve().parent
THEME_DIR = PACKAGE_DIR.parent
CODE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".txt"}


def sitegen_version() -> str:
    try:
        return metadata.version("sitegen")
    except metadata.PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=1)
def code_version() -> str:
    """sitegen's version and a digest of its code and data: what makes one extractor or renderer differ from another."""
    files = sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts)
    return f"{sitegen_version()}+{files_digest(files, PACKAGE_DIR)}"


def files_digest(files: Iterable[Path], root: Path) -> str:
    """One digest of the files' names (relative to `root`) and bytes."""
    h = hashlib.blake2b(digest_size=16)
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0unreadable"
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + len(data).to_bytes(8, "little") + data)
    return h.hexdigest()


def theme_digest(site_dir: Optional[Path]) -> str:
    """The theme's templates and static files, and the site's own templates/, static/ and i18n/."""
    digests = [files_digest(files, root) for root, files in theme_files(site_dir)]
    return hashlib.blake2b("/".join(digests).encode(), digest_size=16).hexdigest()


def theme_files(site_dir: Optional[Path]) -> list[tuple[Path, list[Path]]]:
    """The folders `theme_digest` covers, each with its files; fetched records (ORCID) are inputs too,
    our own cached profiles are not."""
    found = []
    for root in (THEME_DIR / "templates", THEME_DIR / "static", *(
            (site_dir / name for name in ("templates", "static", "i18n")) if site_dir else ())):
        found.append((root, sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []))
    cached = site_dir / CACHE_DIR if site_dir else None
    if cached and cached.is_dir():  # not a walk through every cached profile
        found.append((cached, sorted(p for top in cached.iterdir() if top.name != PROFILES
                                     for p in ([top] if top.is_file() else top.rglob("*")) if p.is_file())))
    else:
        found.append((THEME_DIR, []))  # digested as a cache folder holding only profiles is
    return found


def input_digest(config_path: Path, sources: list[Path], site_dir: Path, options: dict, theme: Optional[str] = None,
                 digests: Optional[dict[Path, str]] = None) -> str:
    """site.yaml, every source's bytes, the theme and site files, sitegen's code and the options that change output.

    `theme` is `theme_digest(site_dir)` when the caller has it already (it reads every template and static file).
    `digests`, when given, is filled in with each file's `file_digest` (a file it holds already is not read again).
    """
    h = hashlib.blake2b(digest_size=16)
    h.update(json.dumps({"code": code_version(), "theme": theme or theme_digest(site_dir), "options": options},
                        sort_keys=True).encode())
    for path in [config_path, *sources]:
        found = digests.get(path) if digests is not None else None
        if found is None:
            found = file_digest(path)
            if digests is not None:
                digests[path] = found
        h.update(f"{path}\0{found}\0".encode())
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """A digest of the file's bytes, or "missing"."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "missing"


class ProfileCache:
    """Extracted profiles on disk, by source content and extractor version."""

    def __init__(self, site_dir: Path):
        self.folder = site_dir / CACHE_DIR / PROFILES
        self.warnings: list[Diagnostic] = []
        self.hits = self.misses = 0
        self._writable = True

    def key(self, path: Path, name: Optional[str]) -> Optional[str]:
        try:
            data = path.read_bytes()
        except OSError:
            return None  # reading it again will say what is wrong
        h = hashlib.blake2b(data, digest_size=20)
        h.update(f"\0{path}\0{name or ''}\0{code_version()}".encode())
        return h.hexdigest()

    def load(self, key: str) -> Optional[Profile]:
        try:
            stored_key, profile = pickle.loads((self.folder / f"{key}.pickle").read_bytes())
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 — a damaged or foreign entry is read again from the source
            return None
        if stored_key != key or not isinstance(profile, Profile):
            return None
        self.hits += 1
        return profile

    def store(self, key: str, profile: Profile) -> None:
        self.misses += 1
        if not self._writable:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".pickle")
            with os.fdopen(handle, "wb") as out:
                pickle.dump((key, profile), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / f"{key}.pickle")  # readers never see half a file
        except OSError as err:
            self._writable = False
            self.warnings.append(Diagnostic(f"the profile cache cannot be written ({err.strerror or err})",
                                            str(self.folder), hint="builds work, but re-read every source"))
