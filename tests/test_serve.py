"""`sitegen serve` survives the user's mistakes: a broken site.yaml is shown with its line, the last good
site stays served, fixing the file clears the error, and the server process never dies of it."""
from __future__ import annotations

import json
import shutil
import signal
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.serve import Preview, watched_paths
from sitegen.serve_livereload import PreviewWatcher, add_overlay_tag

LAB = Path(__file__).resolve().parent / "fixtures" / "lab"
MEMBER = "people/ana-silva/index.html"
BROKEN_LINE = 4  # break_config puts a tab at the start of this line


@pytest.fixture
def site(tmp_path) -> Path:
    return Path(shutil.copytree(LAB, tmp_path / "lab"))


def break_config(site: Path) -> str:
    good = (site / "site.yaml").read_text(encoding="utf-8")
    lines = good.splitlines()
    lines.insert(BROKEN_LINE - 1, "\tbroken: yes")
    (site / "site.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return good


def quiet(*args, **kwargs):
    pass


@pytest.fixture
def preview(site, tmp_path) -> Preview:
    preview = Preview(site, tmp_path / "serve" / "site", say=quiet)
    assert preview.rebuild([]).ok
    return preview


def test_a_broken_site_yaml_is_shown_with_its_line_and_the_last_good_site_stays(site, preview):
    good = break_config(site)
    status = preview.rebuild([str(site / "site.yaml")])
    assert not status.ok
    assert any(text.startswith(f"site.yaml:{BROKEN_LINE}: error: invalid YAML") for text in status.problems)
    assert (preview.out_dir / MEMBER).is_file()  # still the last good site
    served = status.site

    (site / "site.yaml").write_text(good, encoding="utf-8")
    status = preview.rebuild([str(site / "site.yaml")])
    assert status.ok and status.problems == [] and status.site == served + 1


def test_a_source_that_cannot_be_read_is_shown(site, preview):
    (site / "ana.md").write_bytes(b"\x00\x01\x02 not text")
    status = preview.rebuild([str(site / "ana.md")])
    assert not status.ok
    assert any(text.startswith("ana.md") for text in status.problems)


def test_a_bug_in_sitegen_is_shown_not_raised(preview, monkeypatch):
    def broken_build(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("sitegen.serve.build_site", broken_build)
    status = preview.rebuild(["site.yaml"])
    assert not status.ok
    assert "bug in sitegen" in status.title
    assert any("RuntimeError: boom" in text for text in status.problems)


def test_the_rebuild_line_names_the_change_and_the_time(site, tmp_path):
    lines = []
    preview = Preview(site, tmp_path / "out", say=lambda text, **kwargs: lines.append(text))
    preview.rebuild([])
    with (site / "ana.md").open("a", encoding="utf-8") as cv:
        cv.write("\n- Ana Lima. A Paper Added While Serving. Journal of Tests, 2024.\n")
    preview.rebuild([str(site / "ana.md")])
    assert lines[-1].startswith("rebuilt ") and lines[-1].endswith(" s (ana.md changed)")
    pages = int(lines[-1].split()[1])
    assert pages > 0


def test_watches_config_sources_templates_static_and_theme_but_never_the_output(site, tmp_path):
    out = tmp_path / "out"
    watched = watched_paths(site, out)
    assert site / "site.yaml" in watched and site / "ana.md" in watched and site / "tomas.bib" in watched
    assert any(path.name == "templates" for path in watched) and any(path.name == "static" for path in watched)
    assert not any(out in (path, *path.parents) for path in watched)
    # an output folder that holds the site: nothing inside it is watched
    assert not any(site in (path, *path.parents) for path in watched_paths(site, site))


def test_a_source_added_to_site_yaml_is_watched_after_the_rebuild(site, preview):
    watcher = PreviewWatcher(preview)
    (site / "new.md").write_text((site / "ana.md").read_text().replace("Ana Silva", "Nora Lind"))
    config = (site / "site.yaml").read_text()
    (site / "site.yaml").write_text(config.replace("  - sources: [jatin.md]\n",
                                                   "  - sources: [jatin.md]\n  - sources: [new.md]\n"))
    assert watcher.examine()[0] == str(site / "site.yaml")
    assert site / "new.md" in preview.watched
    assert watcher.examine() == (None, None)  # nothing changed since: no second rebuild

    before = preview.status.site
    (site / "new.md").write_text((site / "new.md").read_text() + "\n- **A Later Paper**\n  **Nora Lind**\n  2024\n")
    assert watcher.examine()[0] == str(site / "new.md")
    assert preview.status.site == before + 1


def test_a_failed_build_does_not_reload_the_browser(site, preview):
    watcher = PreviewWatcher(preview)
    break_config(site)
    path, delay = watcher.examine()
    assert path == str(site / "site.yaml") and delay == "forever"


def test_the_overlay_tag_goes_before_the_end_of_head():
    html = add_overlay_tag(b"<html><head><title>x</title></head><body></body></html>", 3)
    assert html.index(b'src="/__sitegen/overlay.js" data-site="3"') < html.index(b"</head>")


def test_a_port_in_use_is_a_message_suggesting_another(site, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(site), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"port {port} is in use" in err and "--port 0" in err


# --- the real server, as a process ---------------------------------------------------------------

def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for_status(url: str, check, timeout: float = 15) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        status = json.loads(fetch(url + "__sitegen/status.json"))
        if check(status) or time.monotonic() > deadline:
            return status
        time.sleep(0.2)


def test_the_server_survives_a_broken_site_yaml_and_recovers(site, running_server):
    with running_server(site) as (process, url, lines):
        page = fetch(url + MEMBER)
        assert "/__sitegen/overlay.js" in page and "livereload.js" in page
        assert not (site / "_site").exists()  # the build folder is outside the site

        good = break_config(site)
        status = wait_for_status(url, lambda status: not status["ok"])
        assert any(text.startswith(f"site.yaml:{BROKEN_LINE}:") for text in status["problems"])
        assert process.poll() is None
        assert "Ana Silva" in fetch(url + MEMBER)  # the last good site is still served

        (site / "site.yaml").write_text(good, encoding="utf-8")
        status = wait_for_status(url, lambda status: status["ok"])
        assert status["ok"] and status["problems"] == []

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    output = "".join(lines)
    assert f"site.yaml:{BROKEN_LINE}: error: invalid YAML" in output
    assert "rebuilt " in output and "(site.yaml changed)" in output
    assert "Traceback" not in output and output.rstrip().endswith("stopped")
