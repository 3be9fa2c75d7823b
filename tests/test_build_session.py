"""`sitegen serve`'s rebuilds (a BuildSession): the output is updated in place, file by file, and ends up
byte-identical to a full build (but for the search index, which a session keeps from its first build);
a failed rebuild leaves it as it was."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen import build, render
from sitegen.build import BUILD_MARKER, BuildSession, build_site
from sitegen.search import BUNDLE_DIR


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def _pages(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if not path.startswith(BUNDLE_DIR + "/")}


def _add_award(site_dir: Path) -> Path:
    source = next(site_dir.glob("004_*.txt"))
    source.write_text(source.read_text(encoding="utf-8") + "\n## Awards\n\n- Community Service Award, 2001\n",
                      encoding="utf-8")
    return source


def test_a_rebuild_writes_only_the_changed_files_and_equals_a_full_build(site_dir, tmp_path, files_of):
    out, session = tmp_path / "out", BuildSession()
    first = build_site(site_dir, out, session=session)
    before = _inodes(out)
    _add_award(site_dir)
    second = build_site(site_dir, out, session=session)

    assert 0 < len(second.changed_pages) < len(first.changed_pages)
    after = _inodes(out)
    replaced = {path for path in after if after[path] != before.get(path)}
    assert {p for p in second.changed_pages} <= replaced
    assert replaced - set(second.changed_pages) - {BUILD_MARKER} <= {
        p for p in after if not p.endswith(".html")}  # the member's .bib and feed, the static files
    assert len(replaced) < len(after) / 3  # the rest was not touched at all
    fresh = tmp_path / "fresh"
    build_site(site_dir, fresh, use_cache=False)
    assert _pages(files_of(out)) == _pages(files_of(fresh))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "out", "site"]  # no staging folder left


def test_an_output_that_goes_is_deleted(site_dir, tmp_path, files_of):
    out, session = tmp_path / "out", BuildSession()
    build_site(site_dir, out, session=session)
    config = site_dir / "site.yaml"
    text = config.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # drop the last researcher (each starts with "  - "): their member page must go
    starts = [n for n, line in enumerate(lines) if line.startswith("  - ")]
    config.write_text("".join(lines[:starts[-1]]), encoding="utf-8")
    folders_before = {p.relative_to(out) for p in out.rglob("*") if p.is_dir()}
    build_site(site_dir, out, session=session)
    gone = folders_before - {p.relative_to(out) for p in out.rglob("*") if p.is_dir()}
    assert any(folder.parts[0] == "people" for folder in gone)  # the member's folder, not left empty
    assert not [p for p in out.rglob("*") if p.is_dir() and not any(p.iterdir())]
    fresh = tmp_path / "fresh"
    build_site(site_dir, fresh, use_cache=False)
    assert _pages(files_of(out)) == _pages(files_of(fresh))


def test_a_rebuild_that_fails_while_rendering_leaves_the_site_as_it_was(site_dir, tmp_path, files_of, monkeypatch):
    out, session = tmp_path / "out", BuildSession()
    build_site(site_dir, out, session=session)
    before = files_of(out)
    _add_award(site_dir)

    def broken(*args, **kwargs):
        raise RuntimeError("a template bug")

    monkeypatch.setattr(build, "render_site", broken)
    with pytest.raises(RuntimeError):
        build_site(site_dir, out, session=session)
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_list_entries_are_rendered_again_only_when_they_change(site_dir, tmp_path, monkeypatch, files_of):
    out, session = tmp_path / "out", BuildSession()
    build_site(site_dir, out, session=session)
    kept = len(session.entries)
    assert kept > 0
    rendered: list[str] = []
    original = render.Environment.get_template

    def counting(env, name, *args, **kwargs):
        if name == render.ENTRY_TEMPLATE:
            rendered.append(name)
        return original(env, name, *args, **kwargs)

    monkeypatch.setattr(render.Environment, "get_template", counting)
    source = next(site_dir.glob("004_*.txt"))
    source.write_text(source.read_text(encoding="utf-8") + "\n## Awards\n\n- Community Service Award, 2001\n",
                      encoding="utf-8")
    build_site(site_dir, out, session=session)
    assert len(rendered) < kept / 10  # an award changes no list entry
    fresh = tmp_path / "fresh"
    build_site(site_dir, fresh, use_cache=False)
    assert _pages(files_of(out)) == _pages(files_of(fresh))


def test_a_site_with_its_own_templates_does_not_reuse_entries(site_dir, tmp_path):
    (site_dir / "templates").mkdir()
    (site_dir / "templates" / "footer-note.html").write_text("<p>hello</p>\n", encoding="utf-8")
    session = BuildSession()
    build_site(site_dir, tmp_path / "out", session=session)
    assert session.entries == {}


def test_the_marker_is_replaced_atomically(site_dir, tmp_path):
    out, session = tmp_path / "out", BuildSession()
    build_site(site_dir, out, session=session)
    _add_award(site_dir)
    build_site(site_dir, out, session=session)
    assert not any(name.endswith(".tmp") for name in os.listdir(out))
    assert build.read_marker(out)["files"] == session.marker["files"]


def test_an_entrys_cache_value_changes_with_every_field_of_the_view():
    """A field left out of entry_value would let a cached entry show its old value."""
    from dataclasses import fields, replace

    from sitegen.model import Member, Profile, Publication, SitePublication
    from sitegen.views import AuthorView, LinkView, PublicationView, entry_value

    pub = SitePublication(slug="a-paper", record=Publication(title="A paper"))
    other_pub = SitePublication(slug="another-paper", record=Publication(title="A paper"))
    member = Member(slug="ada", profile=Profile(name="Ada"), person_key="ada")
    view = PublicationView(pub, "A paper", (AuthorView("Ada", member),), False, "ICML", None, "2024", 2024,
                           None, False, (LinkView("https://x.org", "PDF", "pdf"),), False, "conference",
                           "Conference", "ml", False, None)
    different = {"publication": other_pub, "authors": (AuthorView("Ada", None),), "links": (),
                 "viewer": "ada", "year": 2023}
    for field in fields(PublicationView):
        value = getattr(view, field.name)
        changed = different.get(field.name, (not value) if isinstance(value, bool) else f"{value}!")
        assert entry_value(replace(view, **{field.name: changed})) != entry_value(view), field.name
    for field in fields(AuthorView):
        author = view.authors[0]
        value = getattr(author, field.name)
        changed = {"member": None}.get(field.name, (not value) if isinstance(value, bool) else f"{value}!")
        assert entry_value(replace(view, authors=(replace(author, **{field.name: changed}),))) != entry_value(view)


def test_a_new_paper_in_one_cv_is_patched_into_the_graph_and_equals_a_full_build(site_dir, tmp_path, files_of):
    """The session keeps the config, every other researcher's profile and the linked graph: the new paper is
    patched in (relink.py), and the output is what a full build writes."""
    out, session = tmp_path / "out", BuildSession()
    build_site(site_dir, out, session=session)
    kept_profiles = dict(session.inputs.profiles)
    cv = next(site_dir.glob("002_*.txt"))
    text = cv.read_text(encoding="utf-8")
    cv.write_text(text.replace("## PUBLICATIONS\n\n", "## PUBLICATIONS\n\n#### Incremental Rebuilds of Research "
                               "Sites\n\n- Published in NeurIPS 2025\n\n", 1), encoding="utf-8")
    second = build_site(site_dir, out, session=session)

    assert session.inputs.relinked
    unchanged = [found for key, found in session.inputs.profiles.items() if key in kept_profiles]
    assert len(unchanged) == len(kept_profiles) - 1 and all(
        found is kept_profiles[key] for key, found in session.inputs.profiles.items() if key in kept_profiles)
    assert any("incremental-rebuilds-of-research-sites" in page for page in second.changed_pages)
    fresh = tmp_path / "fresh"
    build_site(site_dir, fresh, use_cache=False)
    assert _pages(files_of(out)) == _pages(files_of(fresh))
