"""`sitegen new DIR`: a ready site — commented site.yaml, an example CV, .gitignore, a Pages workflow —
and never over someone's files."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
import yaml

from sitegen.cli import main
from sitegen.config import RESEARCHER_KEYS, SITE_KEYS, load_config


def test_new_writes_a_site_with_the_owners_name(tmp_path, capsys):
    site = tmp_path / "my-site"
    assert main(["new", str(site), "--name", "Ada  Example"]) == 0
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert found == [".github/workflows/pages.yml", ".gitignore", "site.yaml", "sources/cv.md"]
    assert "created" in capsys.readouterr().out
    config = load_config(site)
    assert config.title == "Ada Example"
    assert [r.name for r in config.researchers] == ["Ada Example"]
    assert config.researchers[0].sources == [(site / "sources" / "cv.md").resolve()]
    assert (site / "sources" / "cv.md").read_text().startswith("# Ada Example\n")


def test_site_yaml_explains_every_key(tmp_path):
    main(["new", str(tmp_path / "site")])
    text = (tmp_path / "site" / "site.yaml").read_text()
    for key in sorted(SITE_KEYS | RESEARCHER_KEYS):
        assert f"{key}:" in text or f"`{key}`" in text, key
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 15


def test_a_name_with_yaml_punctuation_stays_one_name(tmp_path):
    site = tmp_path / "site"
    assert main(["new", str(site), "--name", "Seán O'Brien: Jr. #1"]) == 0
    config = load_config(site)
    assert config.title == "Seán O'Brien: Jr. #1"
    assert config.researchers[0].name == "Seán O'Brien: Jr. #1"


def test_gitignore_keeps_the_build_and_caches_out(tmp_path):
    main(["new", str(tmp_path / "site")])
    ignored = (tmp_path / "site" / ".gitignore").read_text().split()
    assert "_site/" in ignored and ".sitegen-cache/" in ignored


def test_the_workflow_builds_with_sitegen_and_deploys_with_the_pages_actions(tmp_path):
    main(["new", str(tmp_path / "site")])
    workflow = yaml.safe_load((tmp_path / "site" / ".github" / "workflows" / "pages.yml").read_text())
    build_steps = workflow["jobs"]["build"]["steps"]
    uses = [step["uses"].split("@")[0] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert any("sitegen build" in step.get("run", "") for step in build_steps)
    upload = next(step for step in build_steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_site"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["jobs"]["deploy"]["needs"] == "build"


@pytest.mark.parametrize("existing", ["a file inside", "the path is a file"])
def test_new_refuses_to_write_over_files(tmp_path, capsys, existing):
    site = tmp_path / "site"
    if existing == "a file inside":
        site.mkdir()
        (site / "notes.txt").write_text("mine")
    else:
        site.write_text("mine")
    assert main(["new", str(site)]) == 1
    assert "error" in capsys.readouterr().err
    assert (site / "notes.txt" if site.is_dir() else site).read_text() == "mine"
    assert not (site.is_dir() and (site / "site.yaml").exists())


def test_new_accepts_a_fresh_git_clone(tmp_path):
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    assert main(["new", str(site)]) == 0
    assert (site / "site.yaml").exists() and (site / ".git").is_dir()


class Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        self._inside = self._inside or tag == "h1"

    def handle_endtag(self, tag):
        self._inside = self._inside and tag != "h1"

    def handle_data(self, data):
        if self._inside and data.strip():
            self.h1.append(data.strip())


def test_a_new_site_builds_right_away_without_a_warning(tmp_path):
    site = tmp_path / "site"
    main(["new", str(site), "--name", "Ada Example"])
    assert main(["build", str(site), "--strict"]) == 0
    page = Headings()
    page.feed((site / "_site" / "people" / "ada-example" / "index.html").read_text())
    assert "Ada Example" in page.h1
