"""The site's search index: Pagefind, run on the written pages, before the build is swapped in.

Pagefind (shipped as a binary inside the `pagefind[bin]` wheel) reads the HTML
and writes a static index and a small JS API into `pagefind/`; the theme's
search page loads that on demand, so search needs no server of its own. Only
elements marked `data-pagefind-body` are indexed (publications, people, topics).
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from sitegen.model import Diagnostic

BUNDLE_DIR = "pagefind"
TIMEOUT = 120  # seconds; the seeds site takes well under one


def pagefind_executable() -> Path | None:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except FileNotFoundError:
        return None


def build_search_index(site_dir: Path) -> list[str]:
    """Index the built site in `site_dir`; return the files written (site-relative), [] without Pagefind."""
    executable = pagefind_executable()
    if executable is None:
        return []
    command = [str(executable), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR, "--keep-index-url",
               "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        problem = None if done.returncode == 0 else (done.stderr or done.stdout).strip()[-2000:]
    except (OSError, subprocess.TimeoutExpired) as err:
        problem = str(err)
    if problem is not None:
        from sitegen.build import OutputError  # the build reports it like any other output problem

        raise OutputError(Diagnostic(f"the search index could not be built: {problem}", str(executable),
                                     level="error", hint="reinstall sitegen's dependencies: pip install 'pagefind[bin]'"))
    bundle = site_dir / BUNDLE_DIR
    return sorted(p.relative_to(site_dir).as_posix() for p in bundle.rglob("*") if p.is_file())
