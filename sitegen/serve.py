"""`sitegen serve`: build, serve on localhost, rebuild and reload the browser on change.

Built on livereload, kept behind this module so it can be swapped. The site is
built into a temporary folder outside the watched tree; a build that fails
keeps the last good site served and prints why.
"""
from __future__ import annotations

import logging
import socket
import sys
import tempfile
import time
from pathlib import Path

from sitegen.build import build_site
from sitegen.config import CONFIG_NAME, ConfigError, load_config
from sitegen.render import THEME_DIR


def serve_site(site_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    from livereload import Server

    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {host}: other machines on the network can see the preview", file=sys.stderr)
    port = port or _free_port(host)
    if not _port_is_free(host, port):
        print(f"sitegen serve: port {port} is in use; try --port {port + 1} or --port 0 for any free port",
              file=sys.stderr)
        return 1
    out_dir = Path(tempfile.mkdtemp(prefix="sitegen-serve-")) / "site"
    if not _rebuild(site_dir, out_dir, "first build"):
        return 1
    server = Server()
    for path in watched_paths(site_dir):
        server.watch(str(path), lambda path=path: _rebuild(site_dir, out_dir, f"{path.name} changed"))
    logging.getLogger("livereload").setLevel(logging.WARNING)
    print(f"serving on http://{host}:{port}/  (Ctrl-C to stop)")
    try:
        server.serve(host=host, port=port, root=str(out_dir))
    except KeyboardInterrupt:
        pass
    return 0


def watched_paths(site_dir: Path) -> list[Path]:
    """site.yaml, every source it names, the site's templates/ and static/, and the theme."""
    paths = [site_dir / CONFIG_NAME]
    try:
        config = load_config(site_dir)
    except ConfigError:
        config = None
    if config:
        paths += [source for researcher in config.researchers for source in researcher.sources]
    for folder in (site_dir / "templates", site_dir / "static", THEME_DIR / "templates", THEME_DIR / "static"):
        if folder.is_dir():
            paths.append(folder)
    return paths


def _rebuild(site_dir: Path, out_dir: Path, reason: str) -> bool:
    started = time.perf_counter()
    try:
        result = build_site(site_dir, out_dir, force=True)
    except ConfigError as err:
        for diagnostic in err.diagnostics:
            print(diagnostic, file=sys.stderr)
        print("build failed; still serving the last good site", file=sys.stderr)
        return False
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    print(f"rebuilt {len(result.pages)} pages in {time.perf_counter() - started:.2f} s ({reason})")
    return True


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]
