"""`sitegen serve` in a real browser: an edited source shows up in the open page by itself, and a broken
site.yaml puts an error overlay over it until the file is fixed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

LAB = Path(__file__).resolve().parents[1] / "fixtures" / "lab"
MEMBER = "people/ana-silva/index.html"
NEW_TITLE = "Retrieval Without Labels at Web Scale"
NEW_ENTRY = f"\n- **{NEW_TITLE}**\n  **Ana Silva**, Priya Nair\n  SIGIR 2024\n"


@pytest.fixture
def site(tmp_path) -> Path:
    return Path(shutil.copytree(LAB, tmp_path / "lab"))


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_an_edited_source_appears_in_the_open_page_and_a_broken_config_shows_an_overlay(site, page, running_server):
    with running_server(site) as (_, url, _):
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
