"""The seeds site in a real browser: search, dark mode, citations, phones, no JavaScript, accessibility."""
from __future__ import annotations

import urllib.request
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin

import pytest

MEMBER = "people/shashank-rajput/index.html"
PUBLICATION = "publications/looped-transformers-as-programmable-computers/index.html"
TOPIC = "topics/federated-learning/index.html"
A11Y_PAGES = ["index.html", MEMBER, PUBLICATION, TOPIC]


def test_search_finds_a_seed_paper_by_a_title_word(open_context, base_url):
    page = open_context().new_page()
    page.goto(base_url + "index.html")
    page.fill("#site-search-q", "looped")
    page.press("#site-search-q", "Enter")
    result = page.locator("#search-results a", has_text="Looped Transformers as Programmable Computers")
    result.first.wait_for(timeout=10_000)
    result.first.click()
    page.wait_for_url("**/" + PUBLICATION)
    assert page.locator("h1").inner_text() == "Looped Transformers as Programmable Computers"


def test_dark_mode_toggle_works_and_persists(open_context, base_url):
    page = open_context(color_scheme="light").new_page()
    page.goto(base_url + "index.html")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.click("#theme-toggle")
    assert page.get_attribute("html", "data-theme") == "dark"
    assert page.get_attribute("#theme-toggle", "aria-pressed") == "true"
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light
    page.goto(base_url + MEMBER)
    assert page.get_attribute("html", "data-theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    page.click("#theme-toggle")
    page.reload()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == light


def test_cite_button_puts_bibtex_on_the_clipboard(open_context, base_url):
    context = open_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + PUBLICATION)
    page.click("button[data-copy=bibtex]")
    page.locator(".copy-status", has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@inproceedings{rajput2023looped,")
    assert copied == page.locator("#bibtex").inner_text()


def test_member_publications_filter_in_place(open_context, base_url):
    page = open_context().new_page()
    page.goto(base_url + MEMBER)
    total = page.locator(".pubs-all .pub").count()
    page.click("[data-filter=kind][data-value=preprint]")
    shown = page.locator(".pubs-all .pub:visible")
    assert 0 < shown.count() < total
    assert all(kind == "preprint" for kind in shown.evaluate_all("els => els.map(e => e.dataset.kind)"))
    assert "?kind=preprint" in page.url
    page.click("[data-filter=kind][data-value='']")
    assert page.locator(".pubs-all .pub:visible").count() == total


def test_no_page_scrolls_sideways_on_a_phone(open_context, base_url, html_pages):
    page = open_context(viewport={"width": 375, "height": 800}).new_page()
    wide = []
    for path in html_pages:
        page.goto(base_url + path, wait_until="domcontentloaded")
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            wide.append(path)
    assert wide == []


def test_without_javascript_every_page_is_readable_and_every_link_works(open_context, base_url, html_pages):
    page = open_context(java_script_enabled=False).new_page()
    checked: dict[str, bool] = {}
    broken = []
    for path in html_pages:
        page.goto(base_url + path, wait_until="domcontentloaded")
        assert page.locator("h1").first.is_visible(), path
        assert len(page.locator("main").inner_text()) > 40, path
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target, fragment = urldefrag(href)
            if not target.startswith(base_url):
                continue
            if target not in checked:
                checked[target] = _exists(target)
            if not checked[target]:
                broken.append(f"{path} → {href}")
            elif fragment and target == urldefrag(page.url)[0] and not page.locator(f"[id='{fragment}']").count():
                broken.append(f"{path} → #{fragment}")
    assert broken == []


def _exists(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except HTTPError:
        return False


def test_the_member_page_prints_as_a_cv(open_context, base_url):
    page = open_context().new_page()
    page.goto(base_url + MEMBER)
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".pub-filters", ".toc"):
        assert page.locator(hidden).first.evaluate("e => getComputedStyle(e).display") == "none", hidden
    assert page.locator("h1").is_visible() and page.locator(".pubs-all").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_key_pages_have_no_accessibility_violations(open_context, base_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = open_context(color_scheme=scheme).new_page()
    problems = {}
    for path in A11Y_PAGES:
        page.goto(base_url + path)
        results = axe.run(page)
        if results.violations_count:
            problems[path] = results.generate_report()
    assert not problems, "\n".join(f"{path}:\n{report}" for path, report in problems.items())
