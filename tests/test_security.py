"""Nothing from an input runs as code.

Attack payloads go through every source format into one site; an HTML parser
then walks every page (and the XML and JSON the build writes) and finds no
script but the site's own, no event handler, no dangerous URL and no tag the
payloads tried to open.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen import extract
from sitegen.cli import main
from sitegen.sanitize import markdown_to_html
from sitegen.sources import read_source

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS = "javascript:alert(1)"
SVG = '"><svg onload=alert(1)>'
CLOSE = "</script><script>alert(1)</script>"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: makes "Eve \u202eeoD" display as "Eve Doe"

CV_MD = f"""# Mallory Doe {SCRIPT}

Assistant Professor, {SVG} University

[Homepage]({JS}) · [Site](https://mallory.example.org) · [Data](data:text/html;base64,PHNjcmlwdD4=) · \
[VB](vbscript:msgbox(1)) · [Tab](java\tscript:alert(1))

## Research Interests

- {IMG} learning
- Causal inference <a href="{JS}" onclick="alert(1)">click</a>

## Publications

- **{CLOSE} Title Paper**. Mallory Doe, Bob <b onmouseover=alert(1)>Smith</b>. *NeurIPS*, 2022. [pdf]({JS})
- **Normal Paper {IMG}**. **Mallory Doe**. *ICML*, 2021. <https://ok.example.org/paper>

## Awards

- Prize <iframe src="{JS}"></iframe>, 2023
- Medal <style>body{{background:url("{JS}")}}</style>, 2020
"""

CV_TXT = f"""Eve {RLO}eoD
Еve Researcher, Lab of {SVG}

EDUCATION
2010 - 2014  B.S. in Physics, {SCRIPT} University

PUBLICATIONS
1. Eve {RLO}eoD, Alice Smith. {CLOSE} Robust Things. In Proceedings of ICML, 2021.
"""

FEED = f"""Machine Learning (cs.LG)
New submissions (showing 2 of 2 entries)

[1] arXiv:2401.01234 [pdf, html, other]
Title: Sparse Experts {CLOSE}
Authors: Nilesh Gupta, {IMG}, Jan van der Berg
Subjects: Machine Learning (cs.LG)
We route {SCRIPT} each input to a sparse mixture of experts {SVG}.

[2] arXiv:2402.05678 [pdf, other]
Title: Kernel Methods {SVG}
Authors: Mary O'Brien, Sean McDonald
Subjects: Machine Learning (stat.ML)
We revisit kernel methods [x]({JS}) for graphs.
"""

PROFILE_PAGE = f"""Researcher profile
Wei {SCRIPT} Chang
Wei Chang contributes to research {SVG} discovery.
ResearcherAffiliation not importedOpen to collaborate
5works
Published work
2 published item(s)
preprint2023arXiv
PECOS {CLOSE}
Many problems {IMG} amount to finding results.
published2022KDD
Semantic Matching {SVG}
We consider <a href="{JS}">semantic</a> matching.
"""

BIBTEX = f"""@article{{evil1,
  title = {{{CLOSE} in a Title}},
  author = {{Doe, Mallory and {IMG}}},
  journal = {{Journal of {SVG}}},
  year = {{2022}},
  url = {{{JS}}},
  doi = {{10.1000/{SVG}}},
  abstract = {{An abstract {SCRIPT} with [a link]({JS}) and <a href="data:text/html,x">data</a>.}}
}}

@inproceedings{{evil2,
  title = {{Plain Title}},
  author = {{Doe, Mallory}},
  booktitle = {{Proc. {SCRIPT}}},
  year = {{2021}},
  url = {{vbscript:msgbox(1)}}
}}
"""

YAML_PROFILE = f"""name: "Yara {SCRIPT} Lee"
headline: 'Professor {SVG}'
summary: |
  I study *things*. {SCRIPT} {IMG} [click]({JS}) <a href="{JS}" onclick="x()">a</a>
  <iframe src="https://evil.example"></iframe> <div style="background:url(javascript:alert(1))">s</div>
links:
  - url: '{JS}'
    kind: website
  - url: 'data:text/html;base64,PHNjcmlwdD4='
  - url: https://yara.example.org
    kind: website
interests: ['{IMG}']
publications:
  - title: '{CLOSE} Yaml Paper'
    authors: [Yara Lee, '{SVG}']
    year: 2020
    venue: '{SCRIPT}'
    abstract: 'Abstract {SCRIPT} [x]({JS})'
    links:
      - {{url: '{JS}', kind: pdf}}
      - {{url: '  JaVaScRiPt:alert(1)', kind: code}}
"""

JSON_RESUME = json.dumps({
    "basics": {"name": f"Jo {SCRIPT} Resume", "label": SVG, "url": JS, "email": f"x@example.org{SVG}",
               "summary": f"Summary {SCRIPT} {IMG} [x]({JS})",
               "profiles": [{"network": "GitHub", "url": "data:text/html,<script>alert(1)</script>"},
                            {"network": "Web", "url": "https://jo.example.org"}]},
    "work": [{"name": f"Org {SCRIPT}", "position": SVG, "url": JS, "startDate": "2020-01",
              "summary": f"Work {IMG}"}],
    "publications": [{"name": f"{CLOSE} Resume Paper", "publisher": SVG, "releaseDate": "2021-05-01",
                      "url": JS, "summary": f"Abstract {SCRIPT}"}],
    "interests": [{"name": IMG}],
}, indent=2)

SOURCES = {  # file name -> (text, config name)
    "cv.md": (CV_MD, None),
    "cv.txt": (CV_TXT, f"Eve {RLO}Doe"),
    "feed.txt": (FEED, f"Nilesh {SCRIPT} Gupta"),
    "profile.txt": (PROFILE_PAGE, "Wei Chang"),
    "papers.bib": (BIBTEX, "Mallory Bib"),
    "person.yaml": (YAML_PROFILE, None),
    "resume.json": (JSON_RESUME, None),
}


def registered_formats() -> set[str]:
    return {module.NAME for module in extract.formats()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("evil")
    entries = []
    for name, (text, owner) in SOURCES.items():
        (site / name).write_text(text, encoding="utf-8")
        entries.append(f"  - sources: [{name}]" + (f"\n    name: {json.dumps(owner)}" if owner else ""))
    (site / "site.yaml").write_text(
        f"title: {json.dumps('Lab ' + CLOSE)}\ndescription: {json.dumps(SVG)}\nbase_url: https://lab.example.org/\n"
        "researchers:\n" + "\n".join(entries) + "\n", encoding="utf-8")
    out = site / "_site"
    code = main(["build", str(site), "--out", str(out)])
    assert code in (0, 1) and (out / "index.html").is_file()
    return out


DANGEROUS_SCHEME = re.compile(r"^(?:javascript|data|vbscript):", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "background", "xlink:href", "data",
                  "srcset", "ping", "manifest", "icon"}
INJECTED_TAGS = {"svg", "iframe", "object", "embed", "style", "math", "form", "base", "frame", "frameset"}


def theme_tag(tag: str, attrs: dict[str, str], page: str) -> bool:
    """The few such tags the theme writes itself: icons and charts, search forms, <base> on the 404 page."""
    if tag == "svg":
        return "icon" in attrs.get("class", "").split() or attrs.get("role") == "img"
    if tag == "form":
        return attrs.get("role") == "search" and attrs.get("action", "").endswith("index.html")
    return tag == "base" and page == "404.html"


def dangerous_url(value: str) -> bool:
    return bool(DANGEROUS_SCHEME.match(re.sub(r"[\x00-\x20\x7f]+", "", value)))


class PageAudit(HTMLParser):
    """Every way a page could run code, as a list of findings."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.findings: list[str] = []
        self.json_ld: list[str] = []
        self._script: dict | None = None
        self._script_data: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def _check_tag(self, tag, attrs):
        attrs_d = {k.lower(): (v or "") for k, v in attrs}
        for name, value in attrs_d.items():
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…>")
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            if name in URL_ATTRIBUTES and any(dangerous_url(url) for url in urls):
                self.findings.append(f"<{tag} {name}={value!r}>")
            if name == "style" and re.search(r"url\s*\(|expression\s*\(", value, re.I):
                self.findings.append(f"<{tag} style={value!r}>")
        if tag == "meta":
            kind = (attrs_d.get("property") or attrs_d.get("name") or attrs_d.get("itemprop") or "").lower()
            if ("url" in kind or "image" in kind) and dangerous_url(attrs_d.get("content", "")):
                self.findings.append(f"<meta {kind} content={attrs_d['content']!r}>")
            if attrs_d.get("http-equiv", "").lower() == "refresh":
                self.findings.append("<meta http-equiv=refresh>")
        if tag in INJECTED_TAGS and not theme_tag(tag, attrs_d, self.page):
            self.findings.append(f"<{tag}>")
        if tag == "script":
            self._script = attrs_d
            self._script_data = []
            src, kind = attrs_d.get("src"), attrs_d.get("type", "")
            if src is not None and not re.match(r"^(?:\.\./)*static/[\w./-]+\.js$", src):
                self.findings.append(f"<script src={src!r}>")
            if src is None and kind != "application/ld+json":
                self.findings.append("inline <script> that is not JSON-LD")

    def handle_data(self, data):
        if self._script is not None:
            self._script_data.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script.get("type") == "application/ld+json":
                self.json_ld.append("".join(self._script_data))
            self._script = None


def audit_json_ld(block: str) -> list[str]:
    try:
        data = json.loads(block)  # a `</script>` that closed the tag early leaves broken JSON
    except ValueError as err:
        return [f"JSON-LD does not parse ({err}): {block[:80]!r}"]
    findings = ["JSON-LD holds a raw '<'"] if "<" in block else []
    return findings + [f"JSON-LD {key}={value!r}" for key, value in _strings(data) if dangerous_url(value)]


def _strings(data, key=""):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v, key)
    elif isinstance(data, str):
        yield key, data


def audit_html(path: Path, root: Path) -> list[str]:
    audit = PageAudit(path.relative_to(root).as_posix())
    audit.feed(path.read_text(encoding="utf-8"))
    audit.close()
    findings = list(audit.findings)
    for block in audit.json_ld:
        findings += audit_json_ld(block)
    return findings


def audit_xml(path: Path, root: Path) -> list[str]:
    """Feeds and sitemaps: every link is safe, and HTML carried inside them passes the page audit."""
    findings = []
    for element in ElementTree.parse(path).iter():
        for name, value in element.attrib.items():
            if name.split("}")[-1] in URL_ATTRIBUTES and dangerous_url(value):
                findings.append(f"{element.tag} {name}={value!r}")
        text = element.text or ""
        tag = element.tag.split("}")[-1]
        if tag in ("link", "loc", "id", "url", "guid") and dangerous_url(text.strip()):
            findings.append(f"<{tag}>{text.strip()!r}")
        markup = tag == "description" or element.get("type") in ("html", "xhtml")  # Atom's default is text
        if tag in ("content", "summary", "description") and markup:
            audit = PageAudit("feed")
            audit.feed(text)
            findings += audit.findings
    return findings


def test_payloads_reach_the_pages_as_text_not_as_code(built):
    findings = []
    for path in sorted(built.rglob("*")):
        if path.suffix == ".html":
            found = audit_html(path, built)
        elif path.suffix in (".xml", ".atom", ".rss"):
            found = audit_xml(path, built)
        else:
            continue
        findings += [f"{path.relative_to(built)}: {finding}" for finding in found]
    assert findings == []


def test_every_format_carried_its_payloads_into_the_site(built):
    """The audit above means something only if the payload-bearing records were built."""
    pages = "\n".join(p.read_text(encoding="utf-8") for p in built.rglob("*.html"))
    assert "Mallory Doe" in pages  # Markdown CV
    assert "Robust Things" in pages  # text CV
    assert "Sparse Experts" in pages  # feed
    assert "Semantic Matching" in pages  # profile page
    for fmt, marker in (("bibtex", "in a Title"), ("yaml", "Yaml Paper"), ("json-resume", "Resume Paper")):
        if fmt in registered_formats():
            assert marker in pages, fmt
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages  # shown as text, not dropped silently


def test_names_lose_right_to_left_overrides_and_look_alikes_get_ascii_addresses(built):
    pages = "\n".join(p.read_text(encoding="utf-8") for p in built.rglob("*.html"))
    assert RLO not in pages
    assert all(p.name.isascii() for p in built.rglob("*"))


def test_bidi_controls_are_removed_with_a_warning_naming_the_line(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text(f"Education\nEve {RLO}eoD\u2066x\u2069\n")
    source = read_source(path)
    assert source.text == "Education\nEve eoDx\n"
    (warning,) = source.warnings
    assert warning.line == 2 and "right-to-left" in warning.message


@pytest.mark.parametrize("text", [SCRIPT, IMG, SVG, CLOSE, f"[x]({JS})", f"<a href='{JS}'>x</a>",
                                  "<a href='data:text/html,x'>x</a>", "<a href=' vbscript:x'>x</a>",
                                  "<iframe src=x></iframe>", "<p style='x:expression(alert(1))'>p</p>",
                                  "<object data=x></object>", "<form action=javascript:x><button>b</button></form>",
                                  "![i](javascript:alert(1))", "<a href='java&#x09;script:alert(1)'>x</a>"])
def test_markdown_from_a_source_is_sanitised(text):
    audit = PageAudit("fragment")
    audit.feed(str(markdown_to_html(text)))
    assert audit.findings == []
    assert "<script" not in str(markdown_to_html(text)).lower()


def test_the_audit_catches_what_it_looks_for():
    page = (f'<a href=" java\tscript:x">a</a><img src=x onerror=alert(1)><svg onload=x></svg>{SCRIPT}'
            '<meta property="og:url" content="data:text/html,x"><iframe src="https://x"></iframe>'
            '<script type="application/ld+json">{"name": "</script><script>alert(1)</script>"}</script>')
    audit = PageAudit("page.html")
    audit.feed(page)
    findings = audit.findings + [f for block in audit.json_ld for f in audit_json_ld(block)]
    for expected in ("<a href=", "onerror", "onload", "inline <script>", "<meta og:url", "<iframe>", "JSON-LD"):
        assert any(expected in finding for finding in findings), expected


def test_a_dangerous_link_in_a_source_is_dropped_with_a_warning(tmp_path):
    from sitegen.sources import extract_profile

    path = tmp_path / "person.yaml"
    path.write_text(YAML_PROFILE, encoding="utf-8")
    profile = extract_profile(path)
    urls = [link.url for link in profile.links] + [link.url for p in profile.publications for link in p.links]
    assert urls == ["https://yara.example.org"]
    dropped = [w for w in profile.warnings if "dropped" in w.message]
    assert len(dropped) == 4 and all(w.path == str(path) for w in dropped)
    assert "link 'javascript:alert(1)' dropped: only http, https, mailto and relative links are kept" in str(dropped[0])
