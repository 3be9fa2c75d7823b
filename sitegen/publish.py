"""Publish a built site: as one new commit on a git branch (gh-pages), or by syncing it into a folder.

The branch is written with git plumbing only — a throwaway index, `write-tree`,
`commit-tree`, `push`, then `update-ref` — so the user's working tree, index,
HEAD and current branch are never touched. The branch keeps its history: each
publish is one commit on top of the remote's tip, and none when nothing changed.
Nothing here prints; the CLI shows the plans and results.
"""
from __future__ import annotations

import contextlib
import filecmp
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from sitegen.build import BUILD_MARKER, BuildResult, OutputError, build_site
from sitegen.config import CONFIG_NAME, ConfigError, load_config
from sitegen.model import Diagnostic

DEFAULT_MESSAGE = "Publish site (sitegen)"
FALLBACK_IDENTITY = ("sitegen", "sitegen@localhost")
# Never copied into a publication: the build's own bookkeeping.
SKIPPED_FILES = {BUILD_MARKER}
# Left alone in a --to folder even though the site does not have them.
KEPT_IN_FOLDER = {".git"}
# Variables that would point our git calls at another index, work tree or object store.
_GIT_LOCATION_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                      "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_PREFIX", "GIT_COMMON_DIR")


class PublishError(Exception):
    """Publishing cannot go on; carries the Diagnostics to show."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def _error(message: str, path: Path | str | None = None, hint: str | None = None) -> PublishError:
    return PublishError([Diagnostic(message, str(path) if path else None, level="error", hint=hint)])


# --- The site to publish ------------------------------------------------------------------

@dataclass(slots=True)
class BuiltSite:
    folder: Path
    cname: str | None
    build: BuildResult | None  # None when the site was taken ready-made (--from)


@contextlib.contextmanager
def built_site(site_dir: Path, from_dir: Path | None = None, base_url: str | None = None) -> Iterator[BuiltSite]:
    """The site built into a temporary folder (or `from_dir` as it is); refuses a build with errors."""
    cname = _site_cname(site_dir, required=from_dir is None)
    if from_dir is not None:
        if not from_dir.is_dir():
            raise _error("no such folder to publish", from_dir, hint="--from names a folder that holds a built site")
        yield BuiltSite(from_dir.resolve(), cname, None)
        return
    with tempfile.TemporaryDirectory(prefix="sitegen-publish-") as tmp:
        try:
            result = build_site(site_dir, Path(tmp) / "site", base_url=base_url)
        except ConfigError as err:
            raise PublishError(err.diagnostics) from None
        except OutputError as err:
            raise PublishError([err.diagnostic]) from None
        if result.has_errors:
            refusal = Diagnostic("the build has errors; nothing published", level="error",
                                 hint="fix the errors above, then publish again")
            raise PublishError([*result.diagnostics, refusal])
        yield BuiltSite(result.out_dir, cname, result)


def _site_cname(site_dir: Path, required: bool) -> str | None:
    if not required and not (site_dir / CONFIG_NAME).is_file():
        return None
    try:
        return load_config(site_dir).cname
    except ConfigError as err:
        raise PublishError(err.diagnostics) from None


def site_files(folder: Path) -> dict[str, Path]:
    """Every file of a built site by its site-relative path (forward slashes), bookkeeping left out."""
    files = {}
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            relative = path.relative_to(folder).as_posix()
            if relative not in SKIPPED_FILES:
                files[relative] = path
    return files


# --- Publishing to a git branch -----------------------------------------------------------

@dataclass(slots=True)
class BranchPlan:
    """What publishing to the branch would do; `commit` is set once it is done."""

    git_dir: Path
    remote: str
    branch: str
    tree: str
    parent: str | None  # the branch tip the new commit goes on top of
    files: int
    changed: bool
    commit: str | None = None


class _Git:
    """git commands on one repository, with a clean environment and errors as PublishError."""

    def __init__(self, git_dir: Path, env: dict[str, str] | None = None):
        self.git_dir = git_dir
        self.env = {k: v for k, v in os.environ.items() if k not in _GIT_LOCATION_VARS}
        self.env.update(env or {}, GIT_DIR=str(git_dir))

    def run(self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        full_env = {**self.env, **(env or {})}
        try:
            done = subprocess.run(["git", *args], cwd=cwd or self.git_dir, env=full_env, input=input,
                                  capture_output=True, text=True)
        except FileNotFoundError:
            raise _error("git is not installed", hint="install git, or use --to DIR to copy the site") from None
        if check and done.returncode != 0:
            output = (done.stderr or done.stdout).strip()
            raise _error(f"`git {args[0]}` failed:\n{output}", self.git_dir)
        return done

    def out(self, *args: str, **kwargs) -> str:
        return self.run(*args, **kwargs).stdout.strip()


def find_git_dir(site_dir: Path) -> Path:
    """The git directory of the repository that holds the site folder."""
    try:
        done = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=site_dir, capture_output=True,
                              text=True, env={k: v for k, v in os.environ.items() if k not in _GIT_LOCATION_VARS})
    except FileNotFoundError:
        raise _error("git is not installed", hint="install git, or use --to DIR to copy the site") from None
    except NotADirectoryError:
        done = None
    if done is None or done.returncode != 0:
        raise _error("not in a git repository", site_dir.resolve(),
                     hint="run `git init` and `git remote add origin URL` there, or use --to DIR to copy the site")
    return Path(done.stdout.strip())


def plan_branch(site: BuiltSite, site_dir: Path, remote: str, branch: str, dry_run: bool = False) -> BranchPlan:
    """Write the site's tree into the repository (into a throwaway object store when dry_run) and
    compare it with the remote branch's tip."""
    git = _Git(find_git_dir(site_dir))
    remotes = git.out("remote").split()
    if remote not in remotes:
        known = ", ".join(remotes) if remotes else "none"
        raise _error(f"no remote named {remote!r} in this repository", git.git_dir,
                     hint=f"remotes: {known}; add one with `git remote add {remote} URL` or pass --remote NAME")
    if git.run("check-ref-format", f"refs/heads/{branch}", check=False).returncode != 0:
        raise _error(f"{branch!r} is not a valid branch name")
    if git.run("symbolic-ref", "--quiet", "HEAD", check=False).stdout.strip() == f"refs/heads/{branch}":
        raise _error(f"you are on branch {branch!r}, the one the site is published to", git.git_dir,
                     hint="switch to the branch with your sources, or publish to another --branch")
    parent = _branch_tip(git, remote, branch)
    if dry_run:
        # Objects go to a temporary store that borrows the real one, so nothing is left behind.
        scratch = tempfile.mkdtemp(prefix="sitegen-objects-")
        git.env.update(GIT_OBJECT_DIRECTORY=scratch,
                       GIT_ALTERNATE_OBJECT_DIRECTORIES=git.out("rev-parse", "--git-path", "objects", cwd=site_dir))
    try:
        tree, files = _write_tree(git, site)
        changed = parent is None or git.out("rev-parse", f"{parent}^{{tree}}") != tree
    finally:
        if dry_run:
            shutil.rmtree(git.env.pop("GIT_OBJECT_DIRECTORY"), ignore_errors=True)
            git.env.pop("GIT_ALTERNATE_OBJECT_DIRECTORIES")
    return BranchPlan(git.git_dir, remote, branch, tree, parent, files, changed)


def _branch_tip(git: _Git, remote: str, branch: str) -> str | None:
    """The remote branch's tip, fetched; the local branch's when the remote has none yet."""
    listed = git.run("ls-remote", "--heads", remote, f"refs/heads/{branch}", check=False)
    if listed.returncode != 0:
        raise _error(f"cannot reach remote {remote!r}:\n{listed.stderr.strip()}", git.git_dir,
                     hint="check the remote's URL (`git remote -v`) and your access to it")
    if listed.stdout.strip():
        git.out("fetch", "--quiet", "--no-tags", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
        return listed.stdout.split()[0]
    local = git.run("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}", check=False)
    return local.stdout.strip() or None


def _write_tree(git: _Git, site: BuiltSite) -> tuple[str, int]:
    """The tree object of the site plus `.nojekyll` and `CNAME`, built in a temporary index."""
    with tempfile.TemporaryDirectory(prefix="sitegen-index-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index"), "GIT_WORK_TREE": str(site.folder)}
        # -f: the user's ignore rules are for their sources, not for the built site; no line-ending rewrites.
        git.run("-c", "core.autocrlf=false", "-c", "core.safecrlf=false", "add", "--all", "--force", "--",
                ".", *(f":(exclude){name}" for name in SKIPPED_FILES), cwd=site.folder, env=env)
        extras = {".nojekyll": ""}
        if site.cname:
            extras["CNAME"] = site.cname + "\n"
        for name, text in extras.items():
            blob = git.out("hash-object", "-w", "--stdin", input=text)
            git.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{name}", env=env)
        files = len(git.out("ls-files", "--cached", cwd=site.folder, env=env).splitlines())
        return git.out("write-tree", env=env), files


def commit_and_push(plan: BranchPlan, message: str = DEFAULT_MESSAGE) -> str:
    """One new commit on top of the branch tip, pushed; the local branch follows only when the push succeeded."""
    git = _Git(plan.git_dir, _identity(_Git(plan.git_dir)))
    parents = ("-p", plan.parent) if plan.parent else ()
    commit = git.out("commit-tree", plan.tree, *parents, "-m", message)
    pushed = git.run("push", "--porcelain", plan.remote, f"{commit}:refs/heads/{plan.branch}", check=False)
    if pushed.returncode != 0:
        output = "\n".join(part.strip() for part in (pushed.stdout, pushed.stderr) if part.strip())
        raise _error(f"push to {plan.remote} was rejected; nothing published:\n{output}", plan.git_dir,
                     hint="if someone else published meanwhile, run sitegen publish again")
    git.out("update-ref", "-m", "sitegen publish", f"refs/heads/{plan.branch}", commit)
    plan.commit = commit
    return commit


def _identity(git: _Git) -> dict[str, str]:
    """Author and committer: the repository's identity, else sitegen's, so a commit never fails for lack of one."""
    env = {}
    for part, fallback in zip(("name", "email"), FALLBACK_IDENTITY):
        configured = git.run("config", f"user.{part}", check=False).stdout.strip()
        for role in ("AUTHOR", "COMMITTER"):
            variable = f"GIT_{role}_{part.upper()}"
            if not os.environ.get(variable) and not configured:
                env[variable] = fallback
    return env


# --- Publishing into a folder -------------------------------------------------------------

@dataclass(slots=True)
class FolderPlan:
    target: Path
    writes: list[str] = field(default_factory=list)   # new or changed files
    deletes: list[str] = field(default_factory=list)  # files and folders the site no longer has
    unchanged: int = 0


def check_target_folder(target: Path, site_dir: Path, built: Path) -> Path:
    """Refuse folders whose sync would delete someone's files: /, home, the site's own folders."""
    target, site_dir, built = target.resolve(), site_dir.resolve(), built.resolve()
    forbidden = {Path("/"): "the root folder", Path.home().resolve(): "your home folder",
                 site_dir: "the site's own folder", built: "the folder being published"}
    reason = forbidden.get(target)
    if reason is None and (target in site_dir.parents or target in built.parents):
        reason = "a folder that holds the site's own files"
    if reason is None and built in target.parents:
        reason = "a folder inside the one being published"
    if reason is None and (target / CONFIG_NAME).exists():
        reason = f"a site folder (it holds {CONFIG_NAME})"
    if reason:
        raise _error(f"refusing to publish into {reason}: files the site does not have would be deleted", target,
                     hint="name a folder that only holds the published site")
    if target.exists() and not target.is_dir():
        raise _error("is a file, not a folder", target, hint="--to names a folder")
    return target


def plan_folder(site: BuiltSite, target: Path) -> FolderPlan:
    """What syncing the site into `target` writes and deletes; nothing outside `target` is considered."""
    plan = FolderPlan(target)
    files = site_files(site.folder)
    for relative, source in files.items():
        existing = target / relative
        if existing.is_file() and not existing.is_symlink() and filecmp.cmp(source, existing, shallow=False):
            plan.unchanged += 1
        else:
            plan.writes.append(relative)
    folders = {parent.as_posix() for name in files for parent in Path(name).parents} - {"."}
    if target.is_dir():
        plan.deletes = _stale_paths(target, set(files), folders)
    return plan


def _stale_paths(target: Path, files: set[str], folders: set[str]) -> list[str]:
    """Paths under target the site does not have; a stale folder is listed once, not file by file."""
    stale = []
    for root, dirs, names in os.walk(target):  # never follows symlinks out of target
        base = Path(root).relative_to(target)
        kept_dirs = []
        for name in sorted(dirs):
            relative = (base / name).as_posix()
            if name in KEPT_IN_FOLDER:
                continue
            if relative in folders and not (Path(root) / name).is_symlink():
                kept_dirs.append(name)
            else:
                stale.append(relative)
        dirs[:] = kept_dirs
        stale.extend((base / name).as_posix() for name in sorted(names)
                     if name not in KEPT_IN_FOLDER and (base / name).as_posix() not in files)
    return sorted(stale)


def sync_folder(site: BuiltSite, plan: FolderPlan) -> None:
    """Carry out the plan: deletions first (a stale file may stand where a folder goes), then writes."""
    target = plan.target
    for relative in plan.deletes:
        path = target / relative
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    target.mkdir(parents=True, exist_ok=True)
    for relative in plan.writes:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.is_symlink() or destination.is_dir():
            _remove(destination)
        # Write beside, then rename: a web server never serves half a file.
        partial = destination.with_name(f".{destination.name}.sitegen-partial")
        shutil.copyfile(site.folder / relative, partial)
        partial.chmod(0o644)
        os.replace(partial, destination)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
