"""`sitegen publish`: one commit per change on a gh-pages branch of a real (local, bare) remote,
the user's checkout untouched; `--to DIR` syncs a folder and deletes only inside it."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.scaffold import create_site


@pytest.fixture(autouse=True)
def isolated_git(tmp_path, monkeypatch):
    """git sees no user or system configuration, and no repository above tmp_path."""
    config = tmp_path / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
                 "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "EMAIL"):
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stderr}")
    return done.stdout.strip()


def make_checkout(tmp_path: Path, identity: bool = True, cname: str | None = "www.example.org") -> tuple[Path, Path]:
    """A bare remote and a clone of it holding a site (committed on main, plus uncommitted work)."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", "--quiet", str(remote))
    work = tmp_path / "work"
    git(tmp_path, "clone", "--quiet", str(remote), str(work))
    if identity:
        git(work, "config", "user.name", "Ada Example")
        git(work, "config", "user.email", "ada@example.org")
    create_site(work, "Ada Example")
    if cname:
        site_yaml = work / "site.yaml"
        site_yaml.write_text(site_yaml.read_text() + f"cname: {cname}\n")
    git(work, "add", "-A")
    git(work, "-c", "user.name=Setup", "-c", "user.email=setup@example.org", "commit", "--quiet", "-m", "Sources")
    return remote, work


def make_built_site(folder: Path, version: str = "one") -> Path:
    (folder / "people" / "ada").mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(f"<!doctype html><title>Home</title><p>{version}</p>\n")
    (folder / "people" / "ada" / "index.html").write_text("<!doctype html><title>Ada</title>\n")
    (folder / ".sitegen-build").write_text("written by sitegen build\n")
    return folder


def publish(*args: str) -> int:
    return main(["publish", *args])


def branch_commits(remote: Path, branch: str = "gh-pages") -> list[str]:
    return git(remote, "rev-list", branch).splitlines()


def branch_files(remote: Path, branch: str = "gh-pages") -> list[str]:
    return git(remote, "ls-tree", "-r", "--name-only", branch).splitlines()


def test_each_change_is_one_more_commit_and_an_unchanged_site_none(tmp_path, capsys):
    remote, work = make_checkout(tmp_path)
    built = make_built_site(tmp_path / "built")
    assert publish(str(work), "--from", str(built)) == 0
    assert len(branch_commits(remote)) == 1

    assert publish(str(work), "--from", str(built)) == 0
    assert "site unchanged, nothing published" in capsys.readouterr().out
    assert len(branch_commits(remote)) == 1

    make_built_site(built, version="two")
    assert publish(str(work), "--from", str(built), "--message", "Second") == 0
    commits = branch_commits(remote)
    assert len(commits) == 2
    assert git(remote, "log", "-1", "--format=%s", "gh-pages") == "Second"
    assert git(remote, "log", "-1", "--format=%s", "gh-pages~1") == "Publish site (sitegen)"
    assert "two" in git(remote, "show", "gh-pages:index.html")
    assert git(work, "rev-parse", "refs/heads/gh-pages") == commits[0]


def test_the_checkout_its_index_and_head_are_untouched(tmp_path):
    remote, work = make_checkout(tmp_path)
    (work / "site.yaml").write_text((work / "site.yaml").read_text() + "# an edit in progress\n")
    (work / "draft.md").write_text("staged, not committed\n")
    git(work, "add", "draft.md")
    (work / "notes.txt").write_text("untracked\n")
    before = (git(work, "rev-parse", "HEAD"), git(work, "symbolic-ref", "HEAD"),
              git(work, "status", "--porcelain"), (work / ".git" / "index").read_bytes())

    assert publish(str(work), "--from", str(make_built_site(tmp_path / "built"))) == 0

    after = (git(work, "rev-parse", "HEAD"), git(work, "symbolic-ref", "HEAD"),
             git(work, "status", "--porcelain"), (work / ".git" / "index").read_bytes())
    assert after == before
    assert not (work / "index.html").exists() and not (work / ".nojekyll").exists()


def test_the_branch_has_nojekyll_and_cname_and_not_the_build_marker(tmp_path):
    remote, work = make_checkout(tmp_path, cname="www.example.org")
    assert publish(str(work), "--from", str(make_built_site(tmp_path / "built"))) == 0
    files = branch_files(remote)
    assert sorted(files) == [".nojekyll", "CNAME", "index.html", "people/ada/index.html"]
    assert git(remote, "show", "gh-pages:CNAME") == "www.example.org"


def test_without_cname_there_is_no_cname_file(tmp_path):
    remote, work = make_checkout(tmp_path, cname=None)
    assert publish(str(work), "--from", str(make_built_site(tmp_path / "built"))) == 0
    assert "CNAME" not in branch_files(remote) and ".nojekyll" in branch_files(remote)


def test_a_build_with_errors_publishes_nothing(tmp_path, capsys):
    remote, work = make_checkout(tmp_path)
    (work / "sources" / "cv.md").write_text("")  # an empty source is an error in the build
    assert publish(str(work)) == 1
    err = capsys.readouterr().err
    assert "cv.md: error: the file is empty" in err
    assert "the build has errors; nothing published" in err
    assert git(remote, "branch", "--list", "gh-pages") == ""
    assert git(work, "branch", "--list", "gh-pages") == ""


def test_publishing_keeps_the_history_another_clone_published(tmp_path):
    remote, work = make_checkout(tmp_path)
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", str(remote), str(other))
    assert publish(str(other), "--from", str(make_built_site(tmp_path / "built-1", "one"))) == 0
    first = branch_commits(remote)

    assert publish(str(work), "--from", str(make_built_site(tmp_path / "built-2", "two"))) == 0
    commits = branch_commits(remote)
    assert len(commits) == 2 and commits[1:] == first


def test_without_an_identity_commits_as_sitegen(tmp_path):
    remote, work = make_checkout(tmp_path, identity=False)
    assert publish(str(work), "--from", str(make_built_site(tmp_path / "built"))) == 0
    assert git(remote, "log", "-1", "--format=%an <%ae>|%cn <%ce>", "gh-pages") == \
        "sitegen <sitegen@localhost>|sitegen <sitegen@localhost>"


def test_the_repositorys_identity_is_the_author(tmp_path):
    remote, work = make_checkout(tmp_path)
    assert publish(str(work), "--from", str(make_built_site(tmp_path / "built"))) == 0
    assert git(remote, "log", "-1", "--format=%an <%ae>", "gh-pages") == "Ada Example <ada@example.org>"


def test_dry_run_tells_and_writes_nothing(tmp_path, capsys):
    remote, work = make_checkout(tmp_path)
    objects = sorted(p.name for p in (work / ".git" / "objects").rglob("*"))
    assert publish(str(work), "--from", str(make_built_site(tmp_path / "built")), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would commit 4 files" in out and "gh-pages" in out and "origin" in out
    assert git(remote, "branch", "--list", "gh-pages") == ""
    assert git(work, "branch", "--list", "gh-pages") == ""
    assert sorted(p.name for p in (work / ".git" / "objects").rglob("*")) == objects


def test_outside_a_git_repository_says_so(tmp_path, capsys):
    site = tmp_path / "site"
    create_site(site, "Ada Example")
    assert publish(str(site), "--from", str(make_built_site(tmp_path / "built"))) == 1
    assert "not in a git repository" in capsys.readouterr().err


def test_an_unknown_remote_is_named(tmp_path, capsys):
    remote, work = make_checkout(tmp_path)
    assert publish(str(work), "--from", str(make_built_site(tmp_path / "built")), "--remote", "pages") == 1
    err = capsys.readouterr().err
    assert "no remote named 'pages'" in err and "remotes: origin" in err


def test_a_rejected_push_shows_gits_output_and_moves_no_branch(tmp_path, capsys):
    remote, work = make_checkout(tmp_path)
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'publishing is closed for maintenance' >&2\nexit 1\n")
    hook.chmod(0o755)
    assert publish(str(work), "--from", str(make_built_site(tmp_path / "built"))) == 1
    err = capsys.readouterr().err
    assert "push to origin was rejected" in err and "publishing is closed for maintenance" in err
    assert git(remote, "branch", "--list", "gh-pages") == ""
    assert git(work, "branch", "--list", "gh-pages") == ""


def test_refuses_to_publish_onto_the_checked_out_branch(tmp_path, capsys):
    remote, work = make_checkout(tmp_path)
    assert publish(str(work), "--from", str(make_built_site(tmp_path / "built")), "--branch", "main") == 1
    assert "you are on branch 'main'" in capsys.readouterr().err


def test_publish_builds_a_new_site_and_commits_it(tmp_path):
    remote, work = make_checkout(tmp_path)
    assert publish(str(work)) == 0
    files = branch_files(remote)
    assert {"index.html", ".nojekyll", "CNAME"} <= set(files)
    assert any(name.startswith("people/") for name in files)


# --- --to DIR -----------------------------------------------------------------------------

def test_to_folder_writes_the_site_and_deletes_only_what_it_no_longer_has(tmp_path, capsys):
    site = tmp_path / "site"
    create_site(site, "Ada Example")
    built = make_built_site(tmp_path / "built")
    target = tmp_path / "www"
    (target / "old" / "deep").mkdir(parents=True)
    (target / "old" / "deep" / "page.html").write_text("stale")
    (target / "stale.html").write_text("stale")
    (target / "index.html").write_text("previous home")
    (target / ".git").mkdir()
    (target / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "beside.txt").write_text("not in the target")

    assert publish(str(site), "--from", str(built), "--to", str(target)) == 0
    out = capsys.readouterr().out
    assert f"delete {target / 'old'}" in out and f"delete {target / 'stale.html'}" in out
    found = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert found == [".git/HEAD", "index.html", "people/ada/index.html"]
    assert (target / "index.html").read_text() == (built / "index.html").read_text()
    assert (tmp_path / "beside.txt").exists()


def test_to_folder_dry_run_lists_deletions_and_changes_nothing(tmp_path, capsys):
    site = tmp_path / "site"
    create_site(site, "Ada Example")
    target = tmp_path / "www"
    target.mkdir()
    (target / "stale.html").write_text("stale")
    assert publish(str(site), "--from", str(make_built_site(tmp_path / "built")), "--to", str(target),
                   "--dry-run") == 0
    out = capsys.readouterr().out
    assert f"would delete {target / 'stale.html'}" in out and "would write 2 file(s), would delete 1" in out
    assert [p.name for p in target.iterdir()] == ["stale.html"]


@pytest.mark.parametrize("target", ["root", "home", "site", "above-site", "other-site"])
def test_to_folder_refuses_folders_that_hold_other_files(tmp_path, capsys, target):
    site = tmp_path / "projects" / "site"
    create_site(site, "Ada Example")
    other = tmp_path / "other-site"
    other.mkdir()
    (other / "site.yaml").write_text("title: Another site\n")
    folder = {"root": Path("/"), "home": Path.home(), "site": site, "above-site": site.parent,
              "other-site": other}[target]
    # --dry-run too: should the refusal ever break, this test still deletes nothing.
    assert publish(str(site), "--from", str(make_built_site(tmp_path / "built")), "--to", str(folder),
                   "--dry-run") == 1
    assert "refusing to publish into" in capsys.readouterr().err
    assert (site / "site.yaml").exists() and (other / "site.yaml").exists()
