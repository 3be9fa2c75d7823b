"""The build: config → profiles → site graph → pages, written atomically.

`load_site` does all the reading and linking before a byte is written; then
`write_site` renders into a fresh temporary folder next to the output and swaps
it in, so a failed or interrupted build leaves the previous site as it was.
"""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from sitegen.config import SiteConfig, load_config
from sitegen.graph import build_site_graph
from sitegen.model import Diagnostic, Site
from sitegen.profiles import build_profiles
from sitegen.render import render_site
from sitegen.search import build_search_index

# A folder we may replace: empty, or one a previous build wrote (it holds this marker).
BUILD_MARKER = ".sitegen-build"


class OutputError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


@dataclass(slots=True)
class BuildResult:
    site: Site
    out_dir: Path
    diagnostics: list[Diagnostic]
    pages: list[str]

    @property
    def has_errors(self) -> bool:
        return any(d.level == "error" for d in self.diagnostics)


def load_site(config: SiteConfig) -> tuple[Site, list[Diagnostic]]:
    """Read every source and link the graph; nothing is written."""
    diagnostics = list(config.diagnostics)
    profiles, problems = build_profiles(config)
    diagnostics.extend(problems)
    site = build_site_graph(config, profiles)
    for profile in profiles:
        diagnostics.extend(profile.warnings)
    diagnostics.extend(site.warnings)
    return site, diagnostics


def build_site(site_dir: Path, out_dir: Path | None = None, *, force: bool = False) -> BuildResult:
    config = load_config(site_dir)
    out_dir = (out_dir or site_dir / "_site").resolve()
    check_output_dir(out_dir, config.site_dir.resolve(), force)
    site, diagnostics = load_site(config)
    pages = write_site(site, out_dir, config.site_dir)
    return BuildResult(site, out_dir, diagnostics, pages)


def check_output_dir(out_dir: Path, site_dir: Path, force: bool) -> None:
    """Refuse output folders whose replacement would lose someone's files."""
    home = Path.home().resolve()
    if out_dir in (Path("/"), home, site_dir) or out_dir in site_dir.parents:
        raise OutputError(Diagnostic(f"refusing to build into {out_dir}: it would replace the site's own files",
                                     str(out_dir), level="error", hint="choose a new folder such as _site"))
    if out_dir.exists() and not force:
        if not out_dir.is_dir():
            raise OutputError(Diagnostic("the output path is a file", str(out_dir), level="error",
                                         hint="choose a folder for --out"))
        if any(out_dir.iterdir()) and not (out_dir / BUILD_MARKER).exists():
            raise OutputError(Diagnostic("the output folder holds files sitegen did not write", str(out_dir),
                                         level="error", hint="choose an empty folder, or pass --force to replace it"))


def write_site(site: Site, out_dir: Path, site_dir: Path | None = None) -> list[str]:
    """Render into a temporary folder beside `out_dir`, then swap it in."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    try:
        pages = render_site(site, staging, site_dir)
        pages += build_search_index(staging)  # Pagefind reads the written pages, so it runs before the swap
        (staging / BUILD_MARKER).write_text("written by sitegen build; the folder is replaced on every build\n")
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return pages


def _remove_leftovers(out_dir: Path) -> None:
    """Temporary folders of a build that was killed outright (SIGKILL, power loss) before it could clean up."""
    for pattern in (f".{out_dir.name}.building-*", f".{out_dir.name}.old-*"):
        for leftover in out_dir.parent.glob(pattern):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `staging`; Ctrl-C or SIGTERM waits until the swap is complete."""
    with _signals_held():
        _replace_dir(staging, out_dir)


def _replace_dir(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    os.replace(out_dir, old)
    try:
        os.replace(staging, out_dir)
    except BaseException:
        os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


class _signals_held:
    """Defer SIGINT and SIGTERM until the swap is done, so an interrupt cannot leave two half folders.

    Python runs signal handlers in the main thread only; a swap in another thread is never interrupted.
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __enter__(self):
        self.caught: list[int] = []
        self.previous = {}
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                self.previous[signum] = signal.signal(signum, lambda signum, frame: self.caught.append(signum))

    def __exit__(self, *exc):
        for signum, handler in self.previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        for signum in self.caught:
            signal.raise_signal(signum)  # now handled as it would have been: Ctrl-C, SIGTERM
