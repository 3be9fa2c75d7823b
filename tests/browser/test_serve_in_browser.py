"""`sitegen serve` in a real browser: an edited source shows up in the open page by itself, and a broken
site.yaml puts an error overlay over it until the file is fixed."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

LAB = Path(__file__).resolve().parents[1] / "fixtures" / "lab"
MEMBER = "people/ana-silva/index.html"
NEW_TITLE = "Retrieval Without Labels at Web Scale"
NEW_ENTRY = f"\n- **{NEW_TITLE}**\n  **Ana Silva**, Priya Nair\n  SIGIR 2024\n"


@contextmanager
def running_server(site: Path):
    """`sitegen serve --port 0` as a subprocess; yields its URL; the process is stopped however the test ends."""
    process = subprocess.Popen([sys.executable, "-m", "sitegen.cli", "serve", str(site), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    try:
        deadline = time.monotonic() + 60
        while not any(line.startswith("serving http://") for line in lines):
            assert process.poll() is None, f"the server stopped: {''.join(lines)}"
            assert time.monotonic() < deadline, f"no URL printed: {''.join(lines)}"
            time.sleep(0.05)
        yield next(line for line in lines if line.startswith("serving http://")).split()[1]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def site(tmp_path) -> Path:
    return Path(shutil.copytree(LAB, tmp_path / "lab"))


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_an_edited_source_appears_in_the_open_page_and_a_broken_config_shows_an_overlay(site, page):
    with running_server(site) as url:
        page.goto(url + MEMBER)
        assert page.get_by_text(NEW_TITLE).count() == 0

        with (site / "ana.md").open("a", encoding="utf-8") as cv:
            cv.write(NEW_ENTRY)
        page.get_by_text(NEW_TITLE).first.wait_for(timeout=10_000)  # no goto: the page reloaded by itself
        assert page.url == url + MEMBER

        good = (site / "site.yaml").read_text(encoding="utf-8")
        (site / "site.yaml").write_text(good.replace("title: Example Lab", "title: [Example Lab"), encoding="utf-8")
        problem = page.locator("sitegen-error-overlay pre", has_text="site.yaml:")
        problem.first.wait_for(timeout=10_000)
        assert "error: invalid YAML" in problem.first.inner_text()
        assert page.get_by_text(NEW_TITLE).count() > 0  # the last good site is still shown under the overlay

        (site / "site.yaml").write_text(good, encoding="utf-8")
        page.locator("sitegen-error-overlay").wait_for(state="detached", timeout=10_000)
        assert page.get_by_text(NEW_TITLE).count() > 0
