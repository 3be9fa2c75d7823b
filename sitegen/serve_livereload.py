"""The livereload side of `sitegen serve`: the HTTP server, the file watcher, and the error overlay.

Everything that knows livereload or tornado is here, so that either can be swapped.
Served HTML pages get one extra tag (never the built files): a script that polls
`/__sitegen/status.json`, shows the last build's errors over the page, and reloads
the page when it was served from an older build than the current one (livereload
skips reloads that come within 3 s of the last one).
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from tornado import web

from sitegen.serve import Preview, snapshot_files

STATUS_PATH = "/__sitegen/status.json"
OVERLAY_PATH = "/__sitegen/overlay.js"


class PreviewServer(Server):
    def __init__(self, preview: Preview, watcher: Watcher):
        super().__init__(watcher=watcher)
        self.preview = preview
        # the watcher already makes one rebuild per change; livereload's 3 s throttle would drop quick saves
        LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    def get_web_handlers(self, script):
        files = type("SiteFiles", (PreviewFileHandler,), {"preview": self.preview})
        return [
            (STATUS_PATH, StatusHandler, {"preview": self.preview}),
            (OVERLAY_PATH, OverlayScriptHandler),
            (r"/(.*)", files, {"path": self.root, "default_filename": "index.html"}),
        ]

    def _setup_logging(self):
        """Quiet: the terminal shows sitegen's own lines, not a log line per request or browser."""
        logging.getLogger("livereload").setLevel(logging.WARNING)
        logging.getLogger("tornado.access").setLevel(logging.ERROR)


class PreviewWatcher(Watcher):
    """livereload's watcher, driven by one snapshot of every watched file: one rebuild per change, however
    many files changed at once, and the watched list follows site.yaml (a source added is watched)."""

    def __init__(self, preview: Preview):
        super().__init__()
        self.preview = preview
        self._tasks = {str(preview.site_dir): {}}  # livereload watches the working directory when it has no task
        self.snapshot = snapshot_files(preview.watched)

    def examine(self):
        if self._changes:
            return self._changes.pop()
        self.filepath = None
        current = snapshot_files(self.preview.watched)
        changed = sorted(path for path in current.keys() | self.snapshot.keys()
                         if current.get(path) != self.snapshot.get(path))
        if not changed:
            return None, None
        site_before = self.preview.status.site
        self.preview.rebuild(changed)
        after = snapshot_files(self.preview.watched)
        # files already seen keep their state from before the build, so a save during the build is not missed
        self.snapshot = {path: current.get(path, state) for path, state in after.items()}
        self.filepath = changed[0]
        # nothing new was written: no reload, the overlay appears by itself
        return self.filepath, (None if self.preview.status.site != site_before else "forever")


class StatusHandler(web.RequestHandler):
    def initialize(self, preview: Preview):
        self.preview = preview

    def get(self):
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.write(json.dumps(self.preview.status.to_json(), ensure_ascii=False))


class OverlayScriptHandler(web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "application/javascript; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.write(OVERLAY_SCRIPT)


class PreviewFileHandler(StaticFileHandler):
    """The built site's files; HTML pages (404 included) get the overlay tag as they are served."""

    preview: Preview  # set on a subclass per server: tornado calls get_content on the class

    @classmethod
    def get_content(cls, abspath, start=None, end=None):
        if not abspath.endswith(".html"):
            return super().get_content(abspath, start, end)
        return cls.served_page(abspath)[start:end]

    @classmethod
    def served_page(cls, abspath: str) -> bytes:
        return add_overlay_tag(Path(abspath).read_bytes(), cls.preview.status.site)

    def get_content_size(self):
        if self.absolute_path.endswith(".html"):
            return len(self.served_page(self.absolute_path))
        return super().get_content_size()

    def compute_etag(self):
        return None  # a preview is never cached

    def set_extra_headers(self, path):
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code, **kwargs):
        page = Path(self.root) / "404.html"
        if status_code == 404 and page.is_file():
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(self.served_page(str(page)))
        else:
            super().write_error(status_code, **kwargs)


def add_overlay_tag(html: bytes, site_version: int) -> bytes:
    tag = f'<script src="{OVERLAY_PATH}" data-site="{site_version}" defer></script>'.encode()
    at = html.find(b"</head>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


OVERLAY_SCRIPT = r"""(function () {
  "use strict";
  var served = Number(document.currentScript.dataset.site);
  var host = null, shown = null, dismissed = null;
  var CSS = ":host{all:initial}.box{position:fixed;z-index:2147483647;left:1rem;right:1rem;top:1rem;" +
    "max-height:70vh;overflow:auto;background:#2b0b0b;color:#fff;border:2px solid #ff6b6b;border-radius:8px;" +
    "padding:1rem 1.25rem;font:15px/1.5 system-ui,sans-serif;box-shadow:0 8px 32px rgba(0,0,0,.5)}" +
    "h2{margin:0 2rem .5rem 0;font-size:17px;color:#ffb3b3}pre{margin:.4rem 0;white-space:pre-wrap;" +
    "font:14px/1.45 ui-monospace,monospace}p{margin:.6rem 0 0;color:#ddd}button{position:absolute;top:.5rem;" +
    "right:.6rem;background:none;border:0;color:#fff;font-size:22px;cursor:pointer}";

  function render(status) {
    var key = JSON.stringify([status.title, status.problems]);
    if (status.ok || key === dismissed) { remove(); return; }
    if (key === shown) return;
    remove();
    shown = key;
    host = document.createElement("sitegen-error-overlay");
    var root = host.attachShadow({mode: "open"});
    var style = document.createElement("style");
    style.textContent = CSS;
    var box = document.createElement("div");
    box.className = "box";
    box.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.textContent = status.title;
    box.appendChild(title);
    status.problems.forEach(function (text) {
      var pre = document.createElement("pre");
      pre.textContent = text;
      box.appendChild(pre);
    });
    var note = document.createElement("p");
    note.textContent = "Fix the file and save it: this message goes away by itself.";
    box.appendChild(note);
    var close = document.createElement("button");
    close.setAttribute("aria-label", "Hide this message");
    close.textContent = "\u00d7";
    close.onclick = function () { dismissed = key; remove(); };
    box.appendChild(close);
    root.appendChild(style);
    root.appendChild(box);
    document.documentElement.appendChild(host);
  }

  function remove() {
    if (host) host.remove();
    host = null;
    shown = null;
  }

  function poll() {
    fetch("/__sitegen/status.json", {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.site !== served) { location.reload(); return; }
        render(status);
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });  // the server stopped, or is busy building
  }
  poll();
})();
"""
