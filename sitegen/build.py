"""The build: config → profiles → site graph → pages, written atomically.

`load_site` does all the reading and linking before a byte is written; then
`write_site` renders into a fresh temporary folder next to the output and swaps
it in, so a failed or interrupted build leaves the previous site as it was.
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import tempfile
import threading
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from sitegen import cache
from sitegen.model import Diagnostic, Profile, Site
from sitegen.progress import SILENT, Progress
from sitegen.search import BUNDLE_DIR, build_search_index

if TYPE_CHECKING:
    from sitegen.config import SiteConfig
    from sitegen.profiles import Extractor
    from sitegen.rebuild import KeptInputs

# The pipeline's modules (jinja2, nameparser, every extractor) are imported on first use, not here: a
# no-change rebuild decides from the marker and the input digest alone, and most of its time was these imports.
# They stay attributes of this module (tests and tools replace `render_site`), loaded into its globals.
_LAZY = {
    "load_config": "sitegen.config",
    "build_site_graph": "sitegen.graph",
    "build_profiles": "sitegen.profiles", "prepared_extractor": "sitegen.profiles",
    "RenderJob": "sitegen.render", "link_previous": "sitegen.render", "render_job": "sitegen.render",
    "render_site": "sitegen.render", "member_photos": "sitegen.pages",
    "extract_profile": "sitegen.sources",
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _load_pipeline()
    return globals()[name]


def _load_pipeline() -> None:
    """Bind the lazily imported names as module globals (a name already set, e.g. replaced by a test, is kept)."""
    import importlib

    namespace = globals()
    for name, module in _LAZY.items():
        if name not in namespace:
            namespace[name] = getattr(importlib.import_module(module), name)

# A folder we may replace: empty, or one a previous build wrote (it holds this marker).
BUILD_MARKER = ".sitegen-build"


class OutputError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


@dataclass(slots=True)
class BuildResult:
    site: Optional[Site]  # None when the site was unchanged and nothing was read
    out_dir: Path
    diagnostics: list[Diagnostic]
    pages: list[str]  # every file of the output, site-relative
    changed_pages: list[str] = field(default_factory=list)  # pages rendered this time (the others were kept)
    unchanged: bool = False  # the inputs were those of the output's build: nothing was written
    counts: dict[str, int] = field(default_factory=dict)  # members, publications, topics

    @property
    def has_errors(self) -> bool:
        return any(d.level == "error" for d in self.diagnostics)


@dataclass(slots=True)
class BuildSession:
    """What `sitegen serve` keeps in memory from one rebuild of its output folder to the next.

    With a session, a rebuild after the first updates the output in place: only the files whose inputs
    changed are written (into a temporary folder, then moved over the old ones, so a failed render leaves
    the site as it was) and the outputs that went are deleted; the unchanged files are not touched. Only
    for a folder nothing else reads or writes while the rebuild runs (serve's own): a `sitegen build`
    replaces the whole folder at once instead, so a web server never sees half a site.
    """

    marker: dict = field(default_factory=dict)  # what the last build wrote (as in its marker file)
    config: Optional["SiteConfig"] = None  # the config that build read
    inputs: "KeptInputs" = field(default_factory=lambda: _kept_inputs())  # its config, profiles, graph (rebuild.py)
    entries: dict = field(default_factory=dict)  # rendered list entries (render.RenderJob.entries) …
    entries_settings: str = ""  # … for these templates and strings

    def entries_for(self, settings: str) -> dict:
        if settings != self.entries_settings or len(self.entries) > MAX_KEPT_ENTRIES:
            self.entries, self.entries_settings = {}, settings
        return self.entries


MAX_KEPT_ENTRIES = 200_000  # ~150 MB of HTML at most; a site of 1,000 members needs ~50,000


def _kept_inputs() -> "KeptInputs":
    from sitegen.rebuild import KeptInputs  # the pipeline's modules are imported on first use (see _LAZY)

    return KeptInputs()


def load_site(config: SiteConfig, extract: Optional[Extractor] = None, progress: Progress = SILENT,
              read: Optional[Callable[[], tuple[list[Profile], list[Diagnostic]]]] = None,
              link: Optional[Callable[[list[Profile]], Site]] = None) -> tuple[Site, list[Diagnostic]]:
    """Read every source and link the graph; nothing is written. `read` and `link` replace the two steps
    (serve's session keeps what did not change: rebuild.py)."""
    _load_pipeline()
    diagnostics = list(config.diagnostics)
    sources = sum(len(r.sources) for r in config.researchers)
    with progress.stage(f"merging {sources:,} sources into profiles"):
        profiles, problems = read() if read else build_profiles(config, extract or extract_profile)
    diagnostics.extend(problems)
    with progress.stage(f"linking {sum(len(p.publications) for p in profiles):,} listings"):
        site = link(profiles) if link else build_site_graph(config, profiles)
    for profile in profiles:
        diagnostics.extend(profile.warnings)
    diagnostics.extend(site.warnings)
    return site, diagnostics


def build_site(site_dir: Path, out_dir: Path | None = None, *, force: bool = False, jobs: int = 1,
               use_cache: bool = False, progress: Progress = SILENT, search_index: bool = True,
               cleanup_in_background: bool = False, base_url: str | None = None,
               session: Optional[BuildSession] = None) -> BuildResult:
    """Build the site; with `use_cache` (the CLI's default), skip what the previous build in `out_dir` and the
    profile cache already did: an unchanged site is not written at all, unchanged pages are linked, not rendered.

    `search_index=False` keeps the previous build's search index (linked, like an unchanged page) even when
    searchable pages changed: `sitegen serve` passes it after its first build, so a preview may search a slightly
    stale index. Without a previous index, the site is indexed anyway.
    `cleanup_in_background=True` returns as soon as the new output is in place; the previous one (renamed aside)
    is deleted by a thread, which the interpreter waits for before it exits (see `wait_for_cleanup`).
    `base_url` replaces site.yaml's `base_url` (e.g. `--base-url` for a staging host).
    `session` (serve's): see BuildSession; it implies `use_cache`.
    """
    out_dir = (out_dir or site_dir / "_site").resolve()
    options = {**OUTPUT_OPTIONS, "base_url": base_url} if base_url else OUTPUT_OPTIONS
    use_cache = use_cache or session is not None
    previous = session.marker if session and session.marker else read_marker(out_dir)
    theme = cache.theme_digest(Path(site_dir))  # read once: the no-change check, the inputs, the fingerprints
    digests: dict[Path, str] = {}  # each input file's digest, read once per build
    if use_cache and previous and _unchanged(site_dir, out_dir, force, previous, options, theme, digests):
        return BuildResult(None, out_dir, [_diagnostic(d) for d in previous["diagnostics"]], previous["files"],
                           unchanged=True, counts=previous.get("counts", {}))
    _load_pipeline()
    kept = session.inputs if session is not None and not base_url else None
    config = kept.config_for(Path(site_dir)) if kept else load_config(site_dir)
    if base_url:
        config.base_url = base_url
    check_output_dir(out_dir, config.site_dir.resolve(), force)
    sources = [path for researcher in config.researchers for path in researcher.sources]
    inputs = cache.input_digest(config.path, sources, config.site_dir, options, theme, digests)
    profile_cache = cache.ProfileCache(config.site_dir) if use_cache else None
    if kept:
        site, diagnostics = load_site(config, progress=progress, read=lambda: kept.profiles_for(
            config, digests, theme, lambda some: prepared_extractor(some, profile_cache, jobs)),
            link=lambda profiles: kept.graph_for(config, profiles))
    else:
        with progress.stage(f"reading {len(sources):,} sources"):
            extract = prepared_extractor(config, profile_cache, jobs)
        site, diagnostics = load_site(config, extract, progress)
    if profile_cache:
        diagnostics.extend(profile_cache.warnings)
    settings = f"{cache.code_version()} {theme}"
    job = RenderJob(jobs=jobs, settings=settings,
                    progress=progress, photos=member_photos(site, config.site_dir, config),
                    entries=session.entries_for(settings) if session else None)
    if use_cache and previous.get("outputs"):
        job.previous, job.previous_dir = previous["outputs"], out_dir
    counts = {"members": len(site.members), "publications": len(site.publications), "topics": len(site.topics)}
    marker = {"inputs": inputs, "config": str(config.path), "sources": [str(p) for p in sources], "diagnostics": [dataclasses.asdict(d) for d in diagnostics], "counts": counts}
    in_place = previous.get("files") if session is not None and session.marker and job.previous_dir else None
    pages = write_site(site, out_dir, config.site_dir, job=job, marker=marker, search_index=search_index,
                       cleanup_in_background=cleanup_in_background, in_place=in_place)
    if session is not None:
        session.marker, session.config = {**marker, "outputs": job.fingerprints, "files": pages}, config
    changed = [path for path in job.changed if path.endswith(".html")]
    return BuildResult(site, out_dir, diagnostics, pages, changed, counts=counts)


# Command-line options that change what is written; part of the input digest (none yet: --jobs and the
# cache change only how fast the same bytes are written).
OUTPUT_OPTIONS: dict[str, str] = {}


def read_marker(out_dir: Path) -> dict:
    """What the previous build recorded in its marker file, or {} (no build, an older sitegen, damaged)."""
    try:
        data = json.loads((out_dir / BUILD_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("files"), list) \
            or not isinstance(data.get("outputs"), dict) or not isinstance(data.get("diagnostics"), list):
        return {}
    return data


def _unchanged(site_dir: Path, out_dir: Path, force: bool, marker: dict, options: dict, theme: str,
               digests: Optional[dict[Path, str]] = None) -> bool:
    """The inputs are those the output was built from (site.yaml unchanged means the same sources), and it is intact.

    Checked before site.yaml is parsed: at 1,000 researchers parsing it is most of a no-change build.
    """
    site_dir = Path(site_dir)
    config_path, sources = marker.get("config"), marker.get("sources")
    if not isinstance(config_path, str) or not isinstance(sources, list) or Path(config_path).parent != site_dir:
        return False
    check_output_dir(out_dir, site_dir.resolve(), force)
    digest = cache.input_digest(Path(config_path), [Path(s) for s in sources], site_dir, options, theme, digests)
    return digest == marker.get("inputs") and _intact(out_dir, marker)


def _intact(out_dir: Path, marker: dict) -> bool:
    """The output holds exactly the files the previous build wrote (none removed, none added).

    A file edited in place is not noticed: `--no-cache` rebuilds everything.
    """
    found, folders = [], [str(out_dir)]
    start = len(str(out_dir)) + 1
    try:
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    else:
                        found.append(entry.path[start:].replace(os.sep, "/"))
    except OSError:
        return False
    return len(found) == len(marker["files"]) + 1 and set(found) == {*marker["files"], BUILD_MARKER}


def _diagnostic(data: dict) -> Diagnostic:
    return Diagnostic(**{k: data.get(k) for k in ("message", "path", "line", "level", "hint")})


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


def write_site(site: Site, out_dir: Path, site_dir: Path | None = None, *, job: Optional[RenderJob] = None,
               marker: Optional[dict] = None, search_index: bool = True,
               cleanup_in_background: bool = False, in_place: Optional[list[str]] = None) -> list[str]:
    """Render into a temporary folder beside `out_dir`, then swap it in (see `build_site` for the options)."""
    _load_pipeline()
    job = job or RenderJob()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out_dir)
    if in_place is not None:  # the files `out_dir` holds (see BuildSession)
        return _update_in_place(site, out_dir, site_dir, job, marker or {}, in_place)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    try:
        with render_job(job):
            pages = render_site(site, staging, site_dir)
        with job.progress.stage("indexing for search"):
            pages += _search_index(staging, job, site, reindex=search_index)  # Pagefind reads the written pages
        _write_marker(staging, pages, job, marker or {})
        token = _CLEANUP_IN_BACKGROUND.set(cleanup_in_background)
        try:
            _swap_in(staging, out_dir)
        finally:
            _CLEANUP_IN_BACKGROUND.reset(token)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return pages


def _update_in_place(site: Site, out_dir: Path, site_dir: Path | None, job: RenderJob, marker: dict,
                     previous_files: list[str]) -> list[str]:
    """Write only what changed since the build recorded in `job.previous` (see BuildSession); the search index
    is kept as it is (a preview searches the index of its first build)."""
    job.link_unchanged = False
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    try:
        with render_job(job):
            files = render_site(site, staging, site_dir)
        files += [path for path in previous_files if path.startswith(BUNDLE_DIR + "/")]
        written = _files_under(staging)
        with _signals_held():
            for path in written:
                _move_into(staging, out_dir, path)
            for path in set(previous_files) - set(files):
                _remove_output(out_dir, path)
            _write_marker(out_dir, files, job, marker)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files


def _remove_output(out_dir: Path, path: str) -> None:
    """An output that went, and its folder when nothing else is left in it (a removed member's people/SLUG/)."""
    target = out_dir / path
    try:
        target.unlink()
        os.removedirs(target.parent)  # stops at the first folder that is not empty (out_dir holds the marker)
    except OSError:
        pass


def _files_under(folder: Path) -> list[str]:
    start = len(str(folder)) + 1
    return [os.path.join(root, name)[start:] for root, _, names in os.walk(folder) for name in names]


def _move_into(staging: Path, out_dir: Path, path: str) -> None:
    target = out_dir / path
    try:
        os.replace(staging / path, target)  # a reader sees the old file or the new one, never half of one
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, target)


def _search_index(staging: Path, job: RenderJob, site: Site, reindex: bool = True) -> list[str]:
    """Pagefind indexes the searchable pages shard by shard; a shard whose pages were all linked from the previous
    build, with the fingerprints it was indexed with, is linked too. `reindex` False keeps the previous index as is."""
    previous = job.previous_dir / BUNDLE_DIR if job.previous_dir else None
    if previous and previous.is_dir() and not reindex:
        copied = []
        for path in sorted(previous.rglob("*")):
            if path.is_file():
                relative = path.relative_to(job.previous_dir).as_posix()
                link_previous(job.previous_dir, staging, relative)
                copied.append(relative)
        if copied:
            return copied
    from sitegen.search import shard_keys

    return build_search_index(staging, previous=previous if previous and previous.is_dir() else None,
                              fingerprints=job.fingerprints, rendered=set(job.changed),
                              keys=shard_keys(site), jobs=job.jobs, progress=job.progress.update)


def _write_marker(staging: Path, files: list[str], job: RenderJob, marker: dict) -> None:
    """The marker says sitegen wrote this folder; it also records what the next build needs to skip work."""
    data = {"about": "written by sitegen build; the folder is replaced on every build", **marker,
            "outputs": job.fingerprints, "files": files}
    temporary = staging / f"{BUILD_MARKER}.tmp"
    temporary.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    os.replace(temporary, staging / BUILD_MARKER)


def _remove_leftovers(out_dir: Path) -> None:
    """Temporary folders of a build that was killed outright (SIGKILL, power loss) before it could clean up."""
    with _cleanup_lock:
        busy = {path for path, _ in _cleanups}
    for pattern in (f".{out_dir.name}.building-*", f".{out_dir.name}.old-*"):
        for leftover in out_dir.parent.glob(pattern):
            if leftover.is_dir() and not leftover.is_symlink() and leftover not in busy:
                shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `staging`; Ctrl-C or SIGTERM waits until the swap is complete."""
    with _signals_held():
        _replace_dir(staging, out_dir)


# Set by write_site for the swap: delete the previous output in a thread rather than before returning.
_CLEANUP_IN_BACKGROUND: ContextVar[bool] = ContextVar("cleanup_in_background", default=False)


def _replace_dir(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-{os.getpid()}-", dir=out_dir.parent))
    try:
        os.replace(out_dir, old)  # onto the empty folder mkdtemp made: a unique name, even beside a pending deletion
    except BaseException:
        old.rmdir()
        raise
    try:
        os.replace(staging, out_dir)
    except BaseException:
        os.replace(old, out_dir)
        raise
    _delete_old(old, in_background=_CLEANUP_IN_BACKGROUND.get())


# Previous outputs being deleted by a thread: (folder, thread). Non-daemon threads, so a normal exit of
# the interpreter waits for them: the folder is never left behind.
_cleanups: list[tuple[Path, threading.Thread]] = []
_cleanup_lock = threading.Lock()


def _delete_old(old: Path, in_background: bool) -> None:
    """Delete a previous output after the swap: here, or in a thread when the caller should not wait for it."""
    if not in_background:
        shutil.rmtree(old, ignore_errors=True)
        return

    def delete() -> None:
        try:
            shutil.rmtree(old, ignore_errors=True)
        finally:
            with _cleanup_lock:
                _cleanups[:] = [(path, thread) for path, thread in _cleanups if path != old]

    thread = threading.Thread(target=delete, name=f"sitegen-cleanup {old.name}", daemon=False)
    with _cleanup_lock:
        _cleanups.append((old, thread))
    thread.start()


def wait_for_cleanup(timeout: Optional[float] = None) -> bool:
    """Wait until the previous outputs being deleted in the background are gone; False if `timeout` ran out."""
    with _cleanup_lock:
        threads = [thread for _, thread in _cleanups]
    for thread in threads:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in threads)


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
