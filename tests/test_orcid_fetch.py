"""`orcid:` in a researcher's entry: the record is fetched into .sitegen-cache/ when online and the build
reads the cached copy; `--offline` never fetches. The network is never used: the fetch is replaced by
one that returns a recorded response."""
from __future__ import annotations

import io
import json
import re
import urllib.error
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen import orcid_fetch
from sitegen.build import build_site
from sitegen.cli import main
from sitegen.config import ConfigError, load_config
from sitegen.orcid_fetch import FetchError, cache_path, check_digit, parse_orcid, refresh_orcid_cache

RECORDED = Path(__file__).resolve().parent / "fixtures" / "orcid" / "record.json"
ORCID = "0000-0003-1415-9269"
CV = "Meera Iyer\n\nEducation\n\n- 2014–2019 **MIT**, PhD in Computer Science\n"


class Titles(HTMLParser):
    """The text of every `a.pub-title` on a page."""

    def __init__(self, html: str):
        super().__init__()
        self.titles: list[str] = []
        self._inside = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "a" and "pub-title" in (dict(attrs).get("class") or "").split():
            self._inside = True
            self.titles.append("")

    def handle_endtag(self, tag):
        self._inside = self._inside and tag != "a"

    def handle_data(self, data):
        if self._inside:
            self.titles[-1] += data


def member_titles(out: Path, slug: str) -> list[str]:
    return Titles((out / "people" / slug / "index.html").read_text(encoding="utf-8")).titles


def write_site(tmp_path: Path, entry: str) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "cv.md").write_text(CV, encoding="utf-8")
    (site / "site.yaml").write_text(f"title: Lab\nresearchers:\n{entry}", encoding="utf-8")
    return site


def recorded(orcid: str) -> bytes:
    assert orcid == ORCID
    return RECORDED.read_bytes()


def no_network(orcid: str) -> bytes:
    raise AssertionError("the network must not be used")


@pytest.fixture(autouse=True)
def _never_the_network(monkeypatch):
    monkeypatch.setattr(orcid_fetch, "fetch_record", no_network)


# --- the iD --------------------------------------------------------------------------------

def test_the_check_digit_is_iso_7064_mod_11_2():
    assert check_digit("000000021825009") == "7"  # ORCID's own example iD, 0000-0002-1825-0097
    assert check_digit("000000021694233") == "X"
    assert parse_orcid("0000-0002-1825-0097") == ("0000-0002-1825-0097", None)
    assert parse_orcid("https://orcid.org/0000-0002-1694-233x") == ("0000-0002-1694-233X", None)
    orcid, problem = parse_orcid("0000-0002-1825-0098")
    assert orcid is None and "last character should be '7'" in problem
    assert "must be an ORCID iD" in parse_orcid("1825-0097")[1]


def test_a_wrong_orcid_is_an_error_at_its_line(tmp_path):
    site = write_site(tmp_path, "  - sources: [cv.md]\n    orcid: 0000-0003-1415-9260\n"
                                "  - sources: [cv.md]\n    name: B\n    orcid: [1]\n")
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    assert [(d.line, d.level) for d in caught.value.diagnostics] == [(4, "error"), (7, "error")]
    assert "last character should be '9'" in caught.value.diagnostics[0].message


def test_an_orcid_alone_is_enough_for_an_entry(tmp_path):
    config = load_config(write_site(tmp_path, f"  - name: Meera Iyer\n    orcid: https://orcid.org/{ORCID}\n"))
    (researcher,) = config.researchers
    assert (researcher.sources, researcher.orcid, researcher.orcid_line) == ([], ORCID, 4)


# --- fetching into the cache ---------------------------------------------------------------

def test_online_the_record_is_cached_and_built_as_a_source(tmp_path):
    site = write_site(tmp_path, f"  - sources: [cv.md]\n    orcid: {ORCID}\n")
    assert refresh_orcid_cache(site, fetch=recorded) == []
    cached = cache_path(site, ORCID)
    assert cached == site / ".sitegen-cache" / "orcid" / f"{ORCID}.json"
    assert json.loads(cached.read_text(encoding="utf-8")) == json.loads(RECORDED.read_text(encoding="utf-8"))
    result = build_site(site, tmp_path / "out")
    assert not result.has_errors
    (member,) = result.site.members
    assert [s.format for s in member.profile.sources] == ["cv", "orcid"]
    assert member.profile.education[0].institution == "MIT"  # the listed source comes first
    assert member_titles(result.out_dir, "meera-iyer") == [
        "Calibrated retrieval for long-tail entity linking",
        "Sparse mixtures of experts for extreme multi-label classification",
        "Label-efficient annotation of cell types in spatial transcriptomics",
        "Learning with structured label spaces: Theory and applications"]


def test_offline_nothing_is_fetched_and_the_cache_is_read(tmp_path, capsys):
    site = write_site(tmp_path, f"  - name: Meera Iyer\n    orcid: {ORCID}\n")
    cache_path(site, ORCID).parent.mkdir(parents=True)
    cache_path(site, ORCID).write_bytes(RECORDED.read_bytes())
    code = main(["build", str(site), "--offline", "--out", str(tmp_path / "out")])
    assert code == 0, capsys.readouterr().err
    assert len(member_titles(tmp_path / "out", "meera-iyer")) == 4


def test_offline_without_a_cached_record_is_an_error_at_the_orcid_line(tmp_path, capsys):
    site = write_site(tmp_path, f"  - sources: [cv.md]\n    orcid: {ORCID}\n  - name: Solo\n    orcid: {ORCID}\n")
    code = main(["build", str(site), "--offline", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert re.search(rf"site\.yaml:4: error: no cached ORCID record for {ORCID} .*without --offline", err)
    assert re.search(r"site\.yaml:6: error: no cached ORCID record", err)
    assert (tmp_path / "out" / "people" / "meera-iyer" / "index.html").is_file()  # built from the CV


def test_the_cli_fetches_when_online(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(orcid_fetch, "fetch_record", recorded)
    site = write_site(tmp_path, f"  - orcid: {ORCID}\n    name: Meera Iyer\n")
    assert main(["check", str(site)]) == 0, capsys.readouterr().err
    assert cache_path(site, ORCID).is_file()


def test_a_failed_fetch_keeps_the_cached_copy_and_says_why(tmp_path):
    site = write_site(tmp_path, f"  - sources: [cv.md]\n    orcid: {ORCID}\n")
    cache_path(site, ORCID).parent.mkdir(parents=True)
    cache_path(site, ORCID).write_bytes(RECORDED.read_bytes())

    def offline(orcid):
        raise FetchError("cannot reach pub.orcid.org (Name or service not known); are you offline?")

    (warning,) = refresh_orcid_cache(site, fetch=offline)
    assert (warning.line, warning.level) == (4, "warning")
    assert "are you offline?; the cached copy was used" in warning.message
    assert cache_path(site, ORCID).read_bytes() == RECORDED.read_bytes()
    (warning,) = refresh_orcid_cache(site, fetch=lambda orcid: b'{"error-code": 9016}')
    assert "not an ORCID record" in warning.message
    assert cache_path(site, ORCID).read_bytes() == RECORDED.read_bytes()


# --- the request itself (urllib replaced) ----------------------------------------------------

def test_the_request_asks_the_public_api_for_json(monkeypatch):
    seen = {}

    def urlopen(request, timeout):
        seen.update(url=request.full_url, accept=request.get_header("Accept"), timeout=timeout)
        return io.BytesIO(b'{"orcid-identifier": {}}')

    monkeypatch.setattr(orcid_fetch.urllib.request, "urlopen", urlopen)
    assert real_fetch(ORCID) == b'{"orcid-identifier": {}}'
    assert seen == {"url": f"https://pub.orcid.org/v3.0/{ORCID}/record", "accept": "application/json",
                    "timeout": orcid_fetch.TIMEOUT_SECONDS}


@pytest.mark.parametrize("failure, message", [
    (urllib.error.URLError("[Errno -3] Temporary failure in name resolution"), "are you offline?"),
    (TimeoutError(), "did not answer within 20 s"),
    (urllib.error.HTTPError("u", 404, "Not Found", {}, None), "ORCID has no public record"),
    (urllib.error.HTTPError("u", 503, "Service Unavailable", {}, None), "answered 503 Service Unavailable"),
])
def test_a_failed_request_is_a_clear_message(monkeypatch, failure, message):
    def urlopen(request, timeout):
        raise failure

    monkeypatch.setattr(orcid_fetch.urllib.request, "urlopen", urlopen)
    with pytest.raises(FetchError, match=re.escape(message)):
        real_fetch(ORCID)


real_fetch = orcid_fetch.fetch_record  # taken before any test replaces it
