"""Browser tests: the built seeds site, served over HTTP from 127.0.0.1, in Debian's Chromium via Playwright.

They skip (with the reason) only when no Chromium is installed; CI installs it
(.ci/run). Playwright's own browser download is never used.
"""
from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitegen.cli import main

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "_site"
    assert main(["build", str(ROOT / "seeds"), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium is not installed ({CHROMIUM}); CI installs it with apt (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_context(browser, base_url):
    """New browser contexts whose every request is recorded; none may leave the site."""
    contexts, outside = [], []

    def make(**options):
        context = browser.new_context(**options)
        context.on("request", lambda request: None if request.url.startswith(base_url)
                   or urlsplit(request.url).scheme in ("data", "blob", "about") else outside.append(request.url))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert outside == [], f"requests left the site: {outside}"


@pytest.fixture(scope="session")
def html_pages(site_dir) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
