"""Nothing is written outside the output folder, and a failed build leaves the previous site.

Sources outside the site folder (by `..`, an absolute path or a symlink) are
refused; output folders whose replacement would lose files are refused unless
--force; a build that fails or is interrupted (Ctrl-C, SIGTERM) leaves the
previous `_site/` as it was and no temporary folder behind.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitegen import build as build_module
from sitegen.cli import main

CV = "Jane Doe\n\nEducation\n\n- 2010–2014 **MIT**, B.S. in Physics\n"


def make_site(root: Path, config: str = "researchers:\n  - sources: [cv.txt]\n") -> Path:
    site = root / "site"
    site.mkdir(parents=True)
    (site / "cv.txt").write_text(CV)
    (site / "site.yaml").write_text(config)
    return site


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".building-" in p.name or ".old-" in p.name)


@pytest.mark.parametrize("source", ["../outside.txt", "{root}/outside.txt", "link.txt", "sub/../../outside.txt"])
def test_a_source_outside_the_site_folder_is_refused(tmp_path, capsys, source):
    (tmp_path / "outside.txt").write_text("Secret Person\n\nEducation\n\n- 2001 **Oxford**, B.A.\n")
    site = make_site(tmp_path)
    (site / "sub").mkdir()
    (site / "link.txt").symlink_to(tmp_path / "outside.txt")
    source = source.format(root=tmp_path)
    (site / "site.yaml").write_text(f"researchers:\n  - sources: [cv.txt]\n  - name: Secret Person\n"
                                    f"    sources: ['{source}']\n")
    code = main(["build", str(site), "--out", str(site / "_site")])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"site.yaml:4: error: source '{source}' is outside the site folder" in err
    assert "Secret Person" not in "".join(p.read_text() for p in (site / "_site").rglob("*.html"))
    assert (site / "_site" / "people" / "jane-doe" / "index.html").is_file()


def test_a_symlink_inside_the_site_folder_is_read(tmp_path, capsys):
    site = make_site(tmp_path)
    (site / "docs").mkdir()
    (site / "cv.txt").rename(site / "docs" / "cv.txt")
    (site / "cv.txt").symlink_to(site / "docs" / "cv.txt")
    assert main(["build", str(site), "--out", str(site / "_site")]) == 0


def test_a_photo_outside_the_site_folder_or_with_a_script_url_is_refused(tmp_path):
    site = make_site(tmp_path, "researchers:\n  - sources: [cv.txt]\n    photo: ../../etc/passwd\n"
                               "  - sources: [cv.txt]\n    photo: 'javascript:alert(1)'\n")
    from sitegen.config import ConfigError, load_config
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    assert [(d.line, d.message.split(" ")[-1]) for d in caught.value.diagnostics] == [
        (3, "folder"), (5, "folder")]


@pytest.mark.parametrize("slug", ["../../evil", "/abs", "a/b", "..", "x\\y"])
def test_a_slug_that_is_a_path_is_a_config_error(tmp_path, capsys, slug):
    site = make_site(tmp_path, f"researchers:\n  - sources: [cv.txt]\n    slug: '{slug}'\n")
    code = main(["build", str(site), "--out", str(site / "_site")])
    err = capsys.readouterr().err
    assert code == 1 and "site.yaml:3: error: slug" in err and "Traceback" not in err
    assert not (site / "_site").exists()


def test_names_and_titles_that_look_like_paths_stay_inside_the_output(tmp_path, capsys):
    site = make_site(tmp_path, "researchers:\n  - sources: [cv.txt]\n    name: ../../../../tmp/evil\n")
    (site / "cv.txt").write_text("Education\n\n- 2010 **MIT**, B.S.\n\nPublications\n\n"
                                 "- **../../../../etc/passwd**. Jane Doe. *NeurIPS*, 2022.\n"
                                 "- **/absolute/title**. Jane Doe. *ICML*, 2021.\n")
    out = tmp_path / "out"
    assert main(["build", str(site), "--out", str(out)]) == 0
    written = {p.resolve() for p in tmp_path.rglob("*")}
    assert all(p.is_relative_to(out.resolve()) or p.is_relative_to(site.resolve()) for p in written)
    assert (out / "people" / "tmp-evil" / "index.html").is_file()


@pytest.mark.parametrize("where", ["root", "home", "site", "parent"])
def test_an_output_folder_that_holds_the_site_is_refused_even_with_force(tmp_path, capsys, where):
    site = make_site(tmp_path)
    out = {"root": Path("/"), "home": Path.home(), "site": site, "parent": tmp_path}[where]
    code = main(["build", str(site), "--out", str(out), "--force"])
    err = capsys.readouterr().err
    assert code == 1 and "refusing to build into" in err and "Traceback" not in err
    assert (site / "site.yaml").is_file() and (site / "cv.txt").is_file()


def test_a_folder_with_other_files_is_refused_unless_forced(tmp_path, capsys):
    site = make_site(tmp_path)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("precious")
    assert main(["build", str(site), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{out}: error: the output folder holds files sitegen did not write (choose an empty folder, " \
           "or pass --force to replace it)" in err
    assert (out / "thesis.tex").read_text() == "precious"
    assert main(["build", str(site), "--out", str(out), "--force"]) == 0
    assert not (out / "thesis.tex").exists() and (out / "index.html").is_file()


def test_an_output_path_that_is_a_file_is_refused(tmp_path, capsys):
    site = make_site(tmp_path)
    (tmp_path / "out").write_text("a file")
    assert main(["build", str(site), "--out", str(tmp_path / "out")]) == 1
    assert "the output path is a file" in capsys.readouterr().err


def test_rebuilding_replaces_a_previous_build(tmp_path):
    site = make_site(tmp_path)
    out = site / "_site"
    assert main(["build", str(site), "--out", str(out)]) == 0
    (out / "stale.html").write_text("old page")
    assert main(["build", str(site), "--out", str(out)]) == 0
    assert not (out / "stale.html").exists() and leftovers(site) == []


@pytest.mark.parametrize("error", [RuntimeError("render broke"), KeyboardInterrupt()])
def test_a_build_that_fails_while_writing_leaves_the_previous_site(tmp_path, monkeypatch, error):
    site = make_site(tmp_path)
    out = site / "_site"
    assert main(["build", str(site), "--out", str(out)]) == 0
    before = files_of(out)

    def broken(site_, staging, site_dir=None):
        (staging / "half-written.html").write_text("…")
        raise error

    monkeypatch.setattr(build_module, "render_site", broken)
    with pytest.raises(type(error)):
        build_module.build_site(site, out)
    assert files_of(out) == before
    assert leftovers(site) == []


SLOW_BUILD = """
import sys, time
from pathlib import Path
from sitegen import build
from sitegen.cli import main

real = build.render_site
def slow(site, staging, site_dir=None):
    pages = real(site, staging, site_dir)
    Path(sys.argv[2]).write_text("rendering")
    time.sleep(60)
    return pages
build.render_site = slow
sys.exit(main(["build", sys.argv[1], "--out", sys.argv[1] + "/_site", "--no-cache", "--jobs", "1"]))
"""


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_build_leaves_the_previous_site_and_no_temp_folder(tmp_path, signum, code):
    site = make_site(tmp_path)
    out = site / "_site"
    assert main(["build", str(site), "--out", str(out)]) == 0
    before = files_of(out)
    ready = tmp_path / "ready"
    process = subprocess.Popen([sys.executable, "-c", SLOW_BUILD, str(site), str(ready)],
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists(), process.stderr.read() if process.poll() is not None else "the build never started"
    assert len([p for p in site.iterdir() if ".building-" in p.name]) == 1  # it was mid-build
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode == code and "Traceback" not in err
    assert files_of(out) == before
    assert leftovers(site) == []


def test_the_swap_holds_signals_until_it_is_done(tmp_path, monkeypatch):
    """A signal during the swap is delivered after it, so there is never a half-swapped output."""
    site = make_site(tmp_path)
    out = site / "_site"
    assert main(["build", str(site), "--out", str(out)]) == 0
    real = build_module._replace_dir
    received = []

    def signal_then_replace(staging, out_dir):
        os.kill(os.getpid(), signal.SIGTERM)
        real(staging, out_dir)
        received.append("swapped")

    previous = signal.signal(signal.SIGTERM, lambda *_: received.append("SIGTERM"))
    monkeypatch.setattr(build_module, "_replace_dir", signal_then_replace)
    idle = threading.Event()
    threading.Thread(target=idle.wait, daemon=True).start()  # the kernel may hand the signal to any thread
    try:
        build_module.build_site(site, out)
    finally:
        idle.set()
        signal.signal(signal.SIGTERM, previous)
    assert received == ["swapped", "SIGTERM"]
    assert leftovers(site) == []


def test_a_killed_builds_temp_folders_are_removed_by_the_next_build(tmp_path):
    from sitegen.build import write_site
    from sitegen.model import Site

    out = tmp_path / "_site"
    (tmp_path / "._site.building-abc123").mkdir()
    (tmp_path / "._site.building-abc123" / "index.html").write_text("half")
    write_site(Site(title="T"), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_a_symlink_in_the_sites_static_folder_pointing_out_is_not_copied(tmp_path):
    from sitegen.render import render_site
    from sitegen.model import Site

    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    site_dir = tmp_path / "site"
    (site_dir / "static").mkdir(parents=True)
    (site_dir / "static" / "leak.txt").symlink_to(secret)
    (site_dir / "static" / "ok.txt").write_text("fine")
    out = tmp_path / "out"
    out.mkdir()
    render_site(Site(title="T"), out, site_dir)
    assert (out / "static" / "ok.txt").exists()
    assert not (out / "static" / "leak.txt").exists()
