"""`sitegen serve`: build, serve on localhost, rebuild and reload the browser on change.

Built on livereload, kept behind this module (and `serve_overlay`) so it can be
swapped. The site is built into a temporary folder outside the watched tree. A
build that fails keeps the last good site served; the problem is printed and
shown over every page until a later build succeeds. Nothing a user writes
stops the server: only Ctrl-C (or SIGTERM) does.
"""
from __future__ import annotations

import errno
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import webbrowser
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen.build import BuildSession, OutputError, build_site
from sitegen.config import CONFIG_NAME, ConfigError, SiteConfig, load_config
from sitegen.model import Diagnostic
from sitegen.render import THEME_DIR
from sitegen.sources import SourceError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
PLACEHOLDER_PAGE = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>sitegen preview</title></head>"
                    "<body><p>The site could not be built yet. Fix the problem shown and save the file.</p></body></html>")


@dataclass(slots=True)
class PreviewStatus:
    """What the overlay shows: the last build's errors, and which version of the site is being served."""

    site: int = 0  # goes up each time a build writes the site; a page served from an older one reloads
    ok: bool = True
    title: str = ""
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"site": self.site, "ok": self.ok, "title": self.title, "problems": self.problems}


class Preview:
    """One site being previewed: rebuilds it into `out_dir` and keeps the status and the watched files."""

    def __init__(self, site_dir: Path, out_dir: Path, say=print):
        self.site_dir = site_dir
        self.out_dir = out_dir
        self.status = PreviewStatus()
        self.session = BuildSession()  # rebuilds after the first update the output in place
        self.watched: list[Path] = watched_paths(site_dir, out_dir)
        self._watched_for = None  # the config `watched` was made from
        self._say = say
        self._warnings_shown: set[str] = set()

    def rebuild(self, changed: list[str]) -> PreviewStatus:
        """Build once; any failure becomes the status (and a message), never an exception."""
        started = time.perf_counter()
        reason = f"{', '.join(self.shown(path) for path in changed)} changed" if changed else "first build"
        result, problems, bug = None, [], False
        try:
            # The profile cache makes a rebuild re-read only the changed source; one process, since
            # forking inside the server's threads is unsafe. After the first build that succeeded, only the
            # changed files are written (the session) and the search index is kept (a preview may search a
            # slightly stale index).
            result = build_site(self.site_dir, self.out_dir, force=True, jobs=1, session=self.session,
                                search_index=self.status.site == 0, cleanup_in_background=True)
        except ConfigError as err:
            problems = err.diagnostics
        except (OutputError, SourceError) as err:
            problems = [err.diagnostic]
        except Exception as err:  # a bug in sitegen must not stop the preview: show it like a user's error
            traceback.print_exc()
            problems, bug = [Diagnostic(f"{type(err).__name__}: {err}", level="error",
                                        hint="this is a bug in sitegen: please report it with the traceback")], True
        seconds = time.perf_counter() - started
        config = self.session.config if result is not None else None
        if config is None or config is not self._watched_for:  # site.yaml was read again: it may name others
            self.watched = watched_paths(self.site_dir, self.out_dir, previous=self.watched, config=config)
            self._watched_for = config
        if result is None:
            title = ("sitegen hit a bug while building the site (this is a bug in sitegen)" if bug
                     else "The site could not be rebuilt: the last good version is shown")
            self._fail(problems, title, f"build failed ({reason}); still serving the last good site")
            return self.status
        self.status.site += 1
        for diagnostic in result.diagnostics:
            if diagnostic.level != "error" and str(diagnostic) not in self._warnings_shown:
                self._say(self.shown_diagnostic(diagnostic), file=sys.stderr)
                self._warnings_shown.add(str(diagnostic))
        errors = [d for d in result.diagnostics if d.level == "error"]
        line = f"{'rebuilt' if changed else 'built'} {changed_page_count(result)} pages in {seconds:.2f} s ({reason})"
        if errors:
            self._fail(errors, "Some sources could not be read: the site was built without them",
                       f"{line}, without what could not be read")
        else:
            self.status.ok, self.status.title, self.status.problems = True, "", []
            self._say(line, flush=True)
        return self.status

    def _fail(self, problems: list[Diagnostic], title: str, line: str) -> None:
        texts = [self.shown_diagnostic(d) for d in problems]
        for text in texts:
            self._say(text, file=sys.stderr)
        self._say(line, file=sys.stderr, flush=True)
        self.status.ok = False
        self.status.problems = texts
        self.status.title = title

    def shown(self, path: str | Path) -> str:
        """A path as the user knows it: relative to the site folder when it is inside it."""
        try:
            return Path(path).resolve().relative_to(self.site_dir.resolve()).as_posix()
        except (ValueError, OSError):
            return str(path)

    def shown_diagnostic(self, diagnostic: Diagnostic) -> str:
        return str(replace(diagnostic, path=self.shown(diagnostic.path)) if diagnostic.path else diagnostic)


def changed_page_count(result) -> int:
    """Pages the build wrote: the incremental build's `changed_pages` once it has them, else every page."""
    changed = getattr(result, "changed_pages", None)
    if changed is None:
        return len(result.pages)
    return changed if isinstance(changed, int) else len(changed)


def watched_paths(site_dir: Path, out_dir: Path, previous: list[Path] | None = None,
                  config: SiteConfig | None = None) -> list[Path]:
    """site.yaml, every source it names, the site's templates/ and static/, and the theme; never the output.

    `config` is site.yaml as the build just read it (else it is read here). While site.yaml cannot be read,
    the sources watched before stay watched.
    """
    paths = [site_dir / CONFIG_NAME]
    if config is None:
        try:
            config = load_config(site_dir)
        except ConfigError:
            config = None
    if config is not None:
        for researcher in config.researchers:
            paths += researcher.sources
            if researcher.photo and (site_dir / researcher.photo).is_file():
                paths.append(site_dir / researcher.photo)
    elif previous:
        paths += previous[1:]
    for folder in (site_dir / "templates", site_dir / "static", THEME_DIR / "templates", THEME_DIR / "static"):
        if folder not in paths:
            paths.append(folder)
    out = out_dir.resolve()
    return [path for path in dict.fromkeys(paths) if out not in (path.resolve(), *path.resolve().parents)]


def snapshot_files(paths: list[Path]) -> dict[str, tuple[int, int, int]]:
    """Every watched file (folders walked) → (mtime, size, inode); a file that goes or comes is a change."""
    files: dict[str, tuple[int, int, int]] = {}
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    if not _editor_scratch(name):
                        _stat_into(files, os.path.join(root, name))
        else:
            _stat_into(files, str(path))
    return files


def _editor_scratch(name: str) -> bool:
    """Swap and backup files editors write beside the real one; saving them is not a change to the site."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


def _stat_into(files: dict, path: str) -> None:
    try:
        stat = os.stat(path)
    except OSError:
        return
    files[path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def serve_site(site_dir: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False) -> int:
    from sitegen.serve_livereload import PreviewServer, PreviewWatcher

    if not (site_dir / CONFIG_NAME).is_file():
        print(Diagnostic(f"no {CONFIG_NAME} in {site_dir}", str(site_dir / CONFIG_NAME), level="error",
                         hint="run sitegen in the folder that holds site.yaml, or name that folder"), file=sys.stderr)
        return 1
    if host not in LOCAL_HOSTS:
        print(f"warning: serving on {host}: other machines on the network can see the preview", file=sys.stderr)
    try:
        port = claim_port(host, port)
    except OSError as err:
        print(port_message(host, port, err), file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
    previous_sigterm = signal.signal(signal.SIGTERM, _interrupt)
    try:
        preview = Preview(site_dir, work / "site")
        if not preview.rebuild([]).ok and not preview.out_dir.exists():
            preview.out_dir.mkdir()
            (preview.out_dir / "index.html").write_text(PLACEHOLDER_PAGE, encoding="utf-8")
        server = PreviewServer(preview, PreviewWatcher(preview))
        url = f"http://{_url_host(host)}:{port}/"
        print(f"serving {url}  (Ctrl-C to stop)", flush=True)
        if open_browser:
            opener = threading.Timer(0.5, webbrowser.open, args=(url,))  # once the server listens
            opener.daemon = True
            opener.start()
        try:
            server.serve(host=host, port=port, root=str(preview.out_dir))
        except OSError as err:
            print(port_message(host, port, err), file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            pass
        print("stopped", flush=True)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous_sigterm)
        shutil.rmtree(work, ignore_errors=True)


def _interrupt(signum, frame):
    """SIGTERM stops the server as Ctrl-C does (asyncio would swallow any other exception raised in a callback)."""
    raise KeyboardInterrupt


def claim_port(host: str, port: int) -> int:
    """The port to serve on: `port` if it is free (OSError if not), any free port for 0."""
    from tornado.netutil import bind_sockets

    sockets = bind_sockets(port, host)  # as the server will bind: SO_REUSEADDR, every address family of `host`
    try:
        return sockets[0].getsockname()[1]
    finally:
        for sock in sockets:
            sock.close()


def port_message(host: str, port: int, err: OSError) -> str:
    if err.errno == errno.EADDRINUSE:
        return (f"sitegen serve: port {port} is in use (another server is running?); "
                f"try --port {port + 1}, or --port 0 for any free port")
    return f"sitegen serve: cannot listen on {host}:{port}: {err.strerror or err}"


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host
