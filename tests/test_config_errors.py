"""A site.yaml with a mistake gives exit 1 and a `site.yaml:LINE` message, never a traceback."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.config import ConfigError, load_config

CV = "Jane Doe\n\nEducation\n\n- 2010–2014 **MIT**, B.S. in Physics\n"


def write_site(tmp_path: Path, config: str) -> Path:
    (tmp_path / "cv.txt").write_text(CV, encoding="utf-8")
    (tmp_path / "site.yaml").write_text(config, encoding="utf-8")
    return tmp_path


def build_messages(site: Path, capsys) -> tuple[int, str]:
    code = main(["build", str(site), "--out", str(site / "out")])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def test_missing_source_names_the_line(tmp_path, capsys):
    site = write_site(tmp_path, "title: T\nresearchers:\n  - name: Jane Doe\n    sources: [cv.txt, gone.txt]\n")
    code, err = build_messages(site, capsys)
    assert code == 1
    assert re.search(r"site\.yaml:4: error: source 'gone\.txt': file not found", err)
    assert (site / "out" / "people" / "jane-doe" / "index.html").is_file()  # built from the sources that exist


def test_unknown_key_names_the_line(tmp_path, capsys):
    site = write_site(tmp_path, "title: T\ntheme: dark\nresearchers:\n  - sources: [cv.txt]\n")
    code, err = build_messages(site, capsys)
    assert code == 1
    assert "site.yaml:2: error: unknown key 'theme'" in err


def test_unknown_key_in_a_researcher_entry(tmp_path, capsys):
    site = write_site(tmp_path, "researchers:\n  - sources: [cv.txt]\n    nmae: Jane\n")
    code, err = build_messages(site, capsys)
    assert code == 1
    assert "site.yaml:3: error: unknown key 'nmae' in a researcher entry" in err


def test_bad_yaml_names_the_line(tmp_path, capsys):
    site = write_site(tmp_path, "title: T\nresearchers:\n  - sources: [cv.txt\n  - name: x\n")
    code, err = build_messages(site, capsys)
    assert code == 1
    assert re.search(r"site\.yaml:\d+: error: invalid YAML", err)


def test_tabs_get_a_hint(tmp_path, capsys):
    site = write_site(tmp_path, "researchers:\n\t- sources: [cv.txt]\n")
    code, err = build_messages(site, capsys)
    assert code == 1
    assert "site.yaml:2:" in err and "spaces, not tabs" in err


def test_sources_must_be_a_list(tmp_path):
    site = write_site(tmp_path, "researchers:\n  - sources: cv.txt\n")
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    (problem,) = caught.value.diagnostics
    assert problem.line == 2 and "must be a non-empty list" in problem.message and "[cv.txt]" in problem.hint


def test_duplicate_keys_are_reported(tmp_path):
    site = write_site(tmp_path, "title: A\ntitle: B\nresearchers:\n  - sources: [cv.txt]\n")
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    assert [(d.line, d.message) for d in caught.value.diagnostics] == [(2, "duplicate key 'title'")]


def test_every_problem_is_reported_at_once(tmp_path):
    site = write_site(tmp_path, "colour: red\nresearchers:\n  - sources: [nope.txt]\n    slug: Bad Slug\n")
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    lines = sorted(d.line for d in caught.value.diagnostics)
    assert lines == [1, 3, 4]


def test_no_site_yaml(tmp_path, capsys):
    code, err = build_messages(tmp_path, capsys)
    assert code == 1
    assert "no site.yaml" in err


def test_a_good_config_reads(tmp_path):
    site = write_site(tmp_path, "title: Lab\nmin_papers: 2\nresearchers:\n  - name: Jane Doe\n    slug: jane\n"
                                "    sources: [cv.txt]\n    aliases: [J. Doe]\n    overrides: {headline: Professor}\n")
    config = load_config(site)
    (researcher,) = config.researchers
    assert config.title == "Lab" and config.min_papers == 2
    assert researcher.sources == [site / "cv.txt"]
    assert (researcher.name, researcher.slug, researcher.aliases) == ("Jane Doe", "jane", ["J. Doe"])
    assert researcher.overrides == {"headline": "Professor"}


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["build", "--no-such-flag"])
    assert caught.value.code == 2
