"""Bad input gives a clear message and loses nothing.

For every kind of bad source: the exit code, one message naming the file (and
line) with what to do, no traceback, and every good researcher still in the site.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.sources import MAX_SOURCE_BYTES

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"


class TextParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data):
        self.text.append(data)


def page_text(path: Path) -> str:
    parser = TextParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.text).split())


def make_site(tmp_path: Path, *entries: str, files: tuple[str, ...] = ()) -> Path:
    """A site whose first researcher is the good one; `entries` are more `- …` items of site.yaml."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ("good.txt", *files):
        shutil.copyfile(BAD / name, site / name)
    lines = ["title: Lab", "researchers:", "  - sources: [good.txt]", *entries]
    (site / "site.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return site


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def build(site: Path, capsys, *flags: str) -> tuple[int, str]:
    return run(capsys, "build", str(site), "--out", str(site / "_site"), *flags)


def assert_good_member_kept(site: Path) -> None:
    assert "Jane Doe" in page_text(site / "_site" / "people" / "jane-doe" / "index.html")
    assert list((site / "_site" / "publications").glob("quantum-widgets-at-scale*/index.html"))


def messages_about(err: str, name: str) -> list[str]:
    return [line for line in err.splitlines() if name in line]


UNREADABLE = [
    ("empty.txt", r"empty\.txt: error: the file is empty \(put the document's text in it"),
    ("photo.png", r"photo\.png: error: is a PNG image, not a text document \(copy the document's text"),
    ("scanned.pdf", r"scanned\.pdf: error: this PDF has no text layer \(it is a scan\) \(copy the text into a \.txt file or run OCR"),
    ("cv.zip", r"cv\.zip: error: is a zip archive .*not a text document"),
]


@pytest.mark.parametrize("fixture, message", UNREADABLE, ids=[f for f, _ in UNREADABLE])
def test_a_source_that_is_not_text_is_an_error_and_the_rest_is_built(tmp_path, capsys, fixture, message):
    site = make_site(tmp_path, "  - name: Ana Lima", f"    sources: [{fixture}]", files=(fixture,))
    code, err = build(site, capsys)
    assert code == 1
    (line,) = messages_about(err, fixture)
    assert re.search(message, line)
    assert_good_member_kept(site)


@pytest.mark.parametrize("fixture, warning", [
    ("latin1.txt", r"latin1\.txt:1: warning: not valid UTF-8; read as Windows-1252 .*save the file as UTF-8"),
    ("utf16.txt", None),
    ("utf8-bom-crlf.txt", None),
])
def test_other_encodings_and_line_ends_are_read_without_mojibake(tmp_path, capsys, fixture, warning):
    site = make_site(tmp_path, f"  - sources: [{fixture}]", files=(fixture,))
    code, err = build(site, capsys)
    about = messages_about(err, fixture)
    if warning:
        (line,) = about
        assert re.search(warning, line)
    else:
        assert about == []
    assert code == 0
    text = page_text(site / "_site" / "people" / "zoe-muller" / "index.html")
    assert "Zoé Müller" in text and "Université de Montréal" in text
    assert "Ã" not in text and "\ufffd" not in text and "\r" not in text
    assert_good_member_kept(site)


def test_a_huge_source_is_refused_before_it_is_read(tmp_path, capsys):
    site = make_site(tmp_path, "  - name: Big Person", "    sources: [huge.txt]")
    (site / "huge.txt").write_text(("Jane Doe\nPublications\n" + "x" * 78 + "\n") * (50 * 1024 * 1024 // 101))
    code, err = build(site, capsys)
    assert code == 1
    (line,) = messages_about(err, "huge.txt")
    assert re.search(r"huge\.txt: error: too large to be a document about one person \(50 MB; sitegen reads "
                     r"sources up to 10 MB\) \(check that this is the right file", line)
    assert_good_member_kept(site)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads peak memory from /proc")
def test_extracting_a_50_mb_source_uses_little_memory(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("w") as out:
        for _ in range(50):
            out.write(("Jane Doe 2021 Publications " * 40 + "\n") * (1024 * 1024 // 1081 + 1))
    assert huge.stat().st_size > 50 * 1024 * 1024
    # VmHWM: this process's peak resident memory (ru_maxrss would count the forking pytest process)
    probe = ("import re, sys\nfrom pathlib import Path\nfrom sitegen.cli import main\n"
             "code = main(['extract', sys.argv[1]])\n"
             "peak = re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1)\n"
             "print(code, peak, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe, str(huge)], capture_output=True, text=True, timeout=120)
    code, peak_kb = done.stderr.split()[-2:]
    assert code == "1" and "too large" in done.stderr
    assert int(peak_kb) < 150 * 1024, f"peak RSS {int(peak_kb) // 1024} MB"


def test_a_large_source_is_read_with_a_warning(tmp_path, capsys):
    site = make_site(tmp_path)
    with (site / "good.txt").open("a") as out:
        out.write("\nOther\n\n" + ("A note about something, padded out. " * 30 + "\n") * 2500)
    assert 2 * 1024 * 1024 < (site / "good.txt").stat().st_size < MAX_SOURCE_BYTES
    code, err = build(site, capsys)
    (line,) = [line for line in messages_about(err, "good.txt") if "large source" in line]
    assert re.search(r"good\.txt: warning: large source \(2\.\d MB\); reading it is slow", line)
    assert_good_member_kept(site)


def test_a_source_that_is_not_there_names_the_line_of_site_yaml(tmp_path, capsys):
    site = make_site(tmp_path, "  - name: Gone Person", "    sources:", "      - gone.txt")
    code, err = build(site, capsys)
    assert code == 1
    (line,) = messages_about(err, "gone.txt")
    assert re.search(r"site\.yaml:6: error: source 'gone\.txt': file not found \(source paths are relative", line)
    assert_good_member_kept(site)


def test_a_bibtex_file_with_a_broken_entry_and_a_repeated_key(tmp_path, capsys):
    site = make_site(tmp_path, "  - name: Richard Roe", "    sources: [broken.bib]", files=("broken.bib",))
    code, err = build(site, capsys)
    assert code == 1
    broken, repeated = messages_about(err, "broken.bib")
    assert re.search(r"broken\.bib:8: error: BibTeX entry 'broken' could not be read: .*never closed", broken)
    assert re.search(r"broken\.bib:21: error: BibTeX entry 'good1' repeats the key of the entry on line 1", repeated)
    for title in ("first-good-paper", "second-good-paper", "third-good-paper"):
        assert list((site / "_site" / "publications").glob(f"{title}*/index.html")), title
    assert_good_member_kept(site)


@pytest.mark.parametrize("fixture, message", [
    ("tabs.yaml", r"tabs\.yaml:4: error: invalid YAML: .*\(YAML indents with spaces, not tabs\)"),
    ("duplicate-keys.yaml", r"duplicate-keys\.yaml:3: error: duplicate key 'headline' \(each key may appear once"),
    ("wrong-type.yaml", r"wrong-type\.yaml:2: error: 'publications' must be a list, got str \(write"),
])
def test_a_yaml_profile_with_a_mistake_names_its_line(tmp_path, capsys, fixture, message):
    site = make_site(tmp_path, "  - name: Yaml Person", f"    sources: [{fixture}]", files=(fixture,))
    code, err = build(site, capsys)
    assert code == 1
    (line,) = [line for line in messages_about(err, fixture) if "error" in line]
    assert re.search(message, line)
    assert_good_member_kept(site)


def test_a_source_whose_owner_is_unknown_asks_for_a_name(tmp_path, capsys):
    site = make_site(tmp_path, "  - sources: [nameless.txt]", files=("nameless.txt",))
    code, err = build(site, capsys)
    assert code == 1
    (line,) = [line for line in err.splitlines() if "name" in line and "error" in line]
    assert re.search(r"site\.yaml:4: error: no name for this researcher: the documents do not state it "
                     r"\(add `name: Full Name` to this entry\)", line)
    assert_good_member_kept(site)


def test_two_researchers_with_one_name_get_two_pages_and_a_warning(tmp_path, capsys):
    site = make_site(tmp_path, "  - sources: [other.txt]")
    (site / "other.txt").write_text((BAD / "good.txt").read_text().replace("Physics", "Chemistry"))
    code, err = build(site, capsys)
    assert code == 0
    (line,) = messages_about(err, "named 'Jane Doe'")
    assert re.search(r"site\.yaml:4: warning: two researchers are named 'Jane Doe' \(this entry and line 3\); "
                     r"this one's page is people/jane-doe-2/ \(if they are one person, list all their sources", line)
    assert (site / "_site" / "people" / "jane-doe-2" / "index.html").is_file()
    assert_good_member_kept(site)
    assert build(site, capsys, "--strict")[0] == 1


def test_two_names_with_one_address_get_a_warning_naming_the_entry(tmp_path, capsys):
    site = make_site(tmp_path, "  - name: Jane Doé", "    sources: [other.txt]")
    (site / "other.txt").write_text("Education\n\n- 2001 **Oxford**, B.A.\n")
    code, err = build(site, capsys)
    assert code == 0
    (line,) = messages_about(err, "same address")
    assert re.search(r"site\.yaml:4: warning: 'Jane Doé' would have the same address as 'Jane Doe' \(line 3\); "
                     r"this one's page is people/jane-doe-2/ \(set `slug:` in site.yaml", line)
    assert_good_member_kept(site)


def test_one_slug_given_to_two_researchers_is_a_config_error(tmp_path, capsys):
    site = make_site(tmp_path, "  - sources: [other.txt]", "    slug: jane-doe", "    name: Ann Other")
    (site / "site.yaml").write_text((site / "site.yaml").read_text().replace(
        "  - sources: [good.txt]", "  - sources: [good.txt]\n    slug: jane-doe"))
    (site / "other.txt").write_text("Education\n\n- 2001 **Oxford**, B.A.\n")
    code, err = build(site, capsys)
    assert code == 1
    assert re.search(r"site\.yaml:6: error: slug 'jane-doe' is already used by the researcher at line 4", err)


@pytest.mark.parametrize("config, message", [
    ("researchers:\n\t- sources: [good.txt]\n", r"site\.yaml:2: error: invalid YAML.*spaces, not tabs"),
    ("title: A\ntitle: B\nresearchers:\n  - sources: [good.txt]\n", r"site\.yaml:2: error: duplicate key 'title'"),
    ("researchers:\n  - sources: good.txt\n",
     r"site\.yaml:2: error: 'sources' must be a non-empty list.*\[good\.txt\]"),
])
def test_a_broken_site_yaml_leaves_the_previous_site_as_it_was(tmp_path, capsys, config, message):
    site = make_site(tmp_path)
    assert build(site, capsys)[0] == 0
    before = {p: p.read_bytes() for p in (site / "_site").rglob("*") if p.is_file()}
    (site / "site.yaml").write_text(config)
    code, err = build(site, capsys)
    assert code == 1 and re.search(message, err)
    assert {p: p.read_bytes() for p in (site / "_site").rglob("*") if p.is_file()} == before


ALL_BAD = ("empty.txt", "photo.png", "scanned.pdf", "cv.zip", "latin1.txt", "broken.bib", "tabs.yaml",
           "nameless.txt")


def every_problem_site(tmp_path: Path) -> Path:
    return make_site(tmp_path,
                     "  - name: Ana Lima", "    sources: [empty.txt, photo.png, scanned.pdf, cv.zip, gone.txt]",
                     "  - sources: [latin1.txt]",
                     "  - name: Richard Roe", "    sources: [broken.bib]",
                     "  - name: Yaml Person", "    sources: [tabs.yaml]",
                     "  - sources: [nameless.txt]",
                     files=ALL_BAD)


def test_check_reports_every_problem_at_once(tmp_path, capsys):
    site = every_problem_site(tmp_path)
    code, err = run(capsys, "check", str(site))
    assert code == 1
    for name in ALL_BAD[:-1] + ("gone.txt",):
        assert messages_about(err, name), name
    assert re.search(r"site\.yaml:11: error: no name for this researcher", err)
    assert not (site / "_site").exists()  # check writes nothing


def test_build_with_every_problem_still_builds_the_good_parts(tmp_path, capsys):
    site = every_problem_site(tmp_path)
    code, err = build(site, capsys)
    assert code == 1
    assert "the site was built from the documents that could be read" in err
    assert_good_member_kept(site)
    assert (site / "_site" / "people" / "zoe-muller" / "index.html").is_file()


def test_strict_fails_on_a_warning_alone(tmp_path, capsys):
    site = make_site(tmp_path, "  - sources: [latin1.txt]", files=("latin1.txt",))
    assert run(capsys, "check", str(site))[0] == 0
    code, err = run(capsys, "check", str(site), "--strict")
    assert code == 1 and "latin1.txt:1: warning" in err
    assert build(site, capsys)[0] == 0
    code, err = build(site, capsys, "--strict")
    assert code == 1 and "--strict: 1 warning(s)" in err


def test_extract_exits_1_on_an_error_and_still_prints_what_it_read(capsys):
    code = main(["extract", str(BAD / "broken.bib"), "--name", "Jane Doe"])
    captured = capsys.readouterr()
    assert code == 1 and "First Good Paper" in captured.out and "broken.bib:8: error" in captured.err


def test_extract_of_a_missing_file(tmp_path, capsys):
    code, err = run(capsys, "extract", str(tmp_path / "nope.txt"))
    assert code == 1
    assert err.strip() == f"{tmp_path / 'nope.txt'}: error: file not found " \
                          "(check the path in site.yaml; paths are relative to site.yaml)"
