"""A rebuild renders only what changed, and gives the same bytes as building from scratch."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import changes
from sitegen.build import BUILD_MARKER, build_site, load_site
from sitegen.config import load_config
from sitegen.model import Award
from sitegen.views import SiteIndex

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def dependencies_and_digests(site):
    index = SiteIndex.of(site)
    from sitegen.pages import SitePages
    from sitegen.i18n import load_strings

    output = SitePages(site, load_strings(site.language)).output()
    deps = changes.output_dependencies(site, [(p.path, p.kind, p.key) for p in output.pages],
                                       [(d.path, d.kind, d.key) for d in output.downloads if d.source is None])
    return deps, changes.entity_digests(site, index, "settings")


def test_an_award_added_to_one_cv_rebuilds_that_members_page_and_files_only():
    site, _ = load_site(load_config(SEEDS))
    deps, before = dependencies_and_digests(site)
    member = site.members[0]
    member.profile.awards.append(Award("Community Service Award", year=2001))
    _, after = dependencies_and_digests(site)
    changed = changes.changed_entities(before, after)
    assert changed == {f"member:{member.slug}"}
    rebuilt = changes.pages_to_rebuild(deps, changed)
    assert sorted(rebuilt) == sorted([f"people/{member.slug}/index.html", f"people/{member.slug}/publications.bib",
                                      f"people/{member.slug}/feed.xml"])


def test_a_retitled_paper_rebuilds_its_page_its_members_pages_and_the_lists_that_show_it():
    site, _ = load_site(load_config(SEEDS))
    deps, before = dependencies_and_digests(site)
    pub = next(p for p in site.publications.values() if p.topics)
    pub.record.title += " Revisited"
    _, after = dependencies_and_digests(site)
    rebuilt = set(changes.pages_to_rebuild(deps, changes.changed_entities(before, after)))
    assert f"publications/{pub.slug}/index.html" in rebuilt
    assert {f"people/{m}/index.html" for m in pub.listed_by} <= rebuilt
    assert {f"topics/{ref.slug}/index.html" for ref in pub.topics} <= rebuilt
    assert {"index.html", "publications/index.html"} <= rebuilt
    others = [p for p in site.publications.values() if p is not pub and not set(p.listed_by) & set(pub.listed_by)]
    assert not {f"publications/{p.slug}/index.html" for p in others} & rebuilt


def test_a_rebuild_after_a_source_changed_is_byte_identical_to_a_full_build(site_dir, tmp_path, files_of):
    out = tmp_path / "out"
    first = build_site(site_dir, out, use_cache=True)
    source = next(site_dir.glob("004_*.txt"))
    source.write_text(source.read_text(encoding="utf-8") + "\n## Awards\n\n- Community Service Award, 2001\n",
                      encoding="utf-8")
    second = build_site(site_dir, out, use_cache=True)
    assert 0 < len(second.changed_pages) < len(first.changed_pages)
    fresh = build_site(site_dir, tmp_path / "fresh", use_cache=False)
    assert files_of(out) == files_of(tmp_path / "fresh")
    assert len(fresh.changed_pages) == len(first.changed_pages)


def test_an_unchanged_site_is_not_written_again(site_dir, tmp_path):
    out = tmp_path / "out"
    build_site(site_dir, out, use_cache=True)
    marker = (out / BUILD_MARKER).stat().st_mtime_ns
    again = build_site(site_dir, out, use_cache=True)
    assert again.unchanged and again.changed_pages == [] and again.site is None
    assert (out / BUILD_MARKER).stat().st_mtime_ns == marker


def test_a_damaged_output_is_rebuilt(site_dir, tmp_path, files_of):
    out = tmp_path / "out"
    build_site(site_dir, out, use_cache=True)
    before = files_of(out)
    (out / "index.html").unlink()
    again = build_site(site_dir, out, use_cache=True)
    assert not again.unchanged
    assert files_of(out) == before


def test_a_template_change_rebuilds_every_page(site_dir, tmp_path):
    out = tmp_path / "out"
    first = build_site(site_dir, out, use_cache=True)
    (site_dir / "static").mkdir()
    (site_dir / "static" / "extra.css").write_text("p { color: red }\n")
    again = build_site(site_dir, out, use_cache=True)
    assert len(again.changed_pages) == len(first.changed_pages)
    assert (out / "static" / "extra.css").exists()
