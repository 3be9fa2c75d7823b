"""No input makes an extractor raise, and whatever it returns is a schema-valid profile.

Per extractor: random text, random Unicode, and structural mutations of the seeds
and fixtures in its format (lines dropped, duplicated, swapped, joined, cut; odd
characters spliced in). Also: reading random bytes as a source never raises
anything but SourceError.
"""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen import extract
from sitegen.model import Diagnostic, Profile, to_json
from sitegen.sources import SourceError, read_source

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SCHEMA_PATH = ROOT.parent / "shared" / "profile.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text()) if SCHEMA_PATH.exists() else None

SAMPLES = {  # format name -> documents in that format to mutate
    "cv": [*sorted((ROOT / "seeds").glob("00[024]_*.txt")), *sorted((FIXTURES / "cv").glob("*"))],
    "paper-feed": [*sorted((ROOT / "seeds").glob("001_*.txt")), *sorted((FIXTURES / "feed").glob("*"))],
    "profile-page": [*sorted((ROOT / "seeds").glob("003_*.txt")), *sorted((FIXTURES / "profile_page").glob("*"))],
    "bibtex": sorted((FIXTURES / "bibtex").glob("*.bib")),
    "yaml": sorted((FIXTURES / "yaml").glob("*.yaml")),
    "json-resume": sorted((FIXTURES / "json_resume").glob("*")),
    "scholar-page": sorted((FIXTURES / "heldout").glob("0[01][08]_*.txt")),
    "orcid": sorted((FIXTURES / "orcid").glob("*.json")),
    "orcid-page": sorted((FIXTURES / "heldout").glob("016_*.txt")),
    "front-matter": sorted((FIXTURES / "import").rglob("*.md")),
    "al-folio-cv": sorted((FIXTURES / "import").rglob("cv.yml")),
    "jekyll-config": sorted((FIXTURES / "import").rglob("_config.yml")),
    "latex-cv": sorted((FIXTURES / "latex").rglob("*.tex")),
}
FORMATS = [module for module in extract.formats() if module.NAME in SAMPLES]
FILE_NAME = {"cv": "fuzz.md", "paper-feed": "fuzz.txt", "profile-page": "fuzz.txt", "bibtex": "fuzz.bib",
             "yaml": "fuzz.yaml", "json-resume": "fuzz.json", "scholar-page": "fuzz.txt", "orcid": "fuzz.json",
             "orcid-page": "fuzz.txt", "front-matter": "fuzz.md", "al-folio-cv": "cv.yml",
             "jekyll-config": "_config.yml", "latex-cv": "fuzz.tex"}

# Characters that break parsers: braces, quotes, markers, controls, combining marks, bidi, surrogates' neighbours.
ODD = st.sampled_from(list("{}[]()\"'\\@%#*†‡§:,;=\t\x0b\x0c\u00a0\u200b\u200e\u202e\u0301\ufeff\ufffd–—…"
                           "ǅﬁ𝔄😀") + ["\n", "\n\n", "---\n", "- ", "**", "@article{", "}\n", "and others"])
TEXT = st.text(st.characters(codec="utf-8"), max_size=400)
ASCII_LINES = st.lists(st.text("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789.,:-*()[]{}@=\"'\n", max_size=80),
                       max_size=30).map("\n".join)


@st.composite
def mutated(draw, fmt: str) -> str:
    """A sample of the format with a few random structural edits."""
    path = draw(st.sampled_from(SAMPLES[fmt]))
    lines = path.read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(i, min(len(lines), i + 20)))
        edit = draw(st.sampled_from(["drop", "repeat", "swap", "join", "cut", "splice", "insert", "truncate"]))
        if edit == "drop":
            del lines[i:j]
        elif edit == "repeat":
            lines[i:i] = lines[i:j]
        elif edit == "swap":
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
        elif edit == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + draw(st.sampled_from(["", " "])) + lines[i + 1]]
        elif edit == "cut" and lines[i]:
            at = draw(st.integers(0, len(lines[i])))
            lines[i:i + 1] = [lines[i][:at], lines[i][at:]]
        elif edit == "splice":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.lists(ODD, min_size=1, max_size=4).map("".join)) + lines[i][at:]
        elif edit == "insert":
            lines.insert(i, draw(TEXT))
        elif edit == "truncate":
            del lines[i:]
    return "\n".join(lines)


def check_profile(profile: object, path: Path) -> None:
    assert isinstance(profile, Profile)
    assert all(isinstance(w, Diagnostic) and w.level in ("warning", "error") for w in profile.warnings)
    data = to_json(profile)
    json.dumps(data)  # serialisable
    if SCHEMA is not None:
        jsonschema.validate(data, SCHEMA)


def run_extractor(module, text: str) -> None:
    path = Path(FILE_NAME[module.NAME])
    score = module.sniff(text, path)
    assert 0.0 <= score <= 1.0
    check_profile(module.extract(text, path), path)


@pytest.mark.parametrize("module", FORMATS, ids=lambda m: m.NAME)
@given(text=TEXT)
def test_random_unicode(module, text):
    run_extractor(module, text)


@pytest.mark.parametrize("module", FORMATS, ids=lambda m: m.NAME)
@given(text=ASCII_LINES)
def test_random_lines(module, text):
    run_extractor(module, text)


@pytest.mark.parametrize("module", FORMATS, ids=lambda m: m.NAME)
@given(data=st.data())
def test_mutated_samples(module, data):
    run_extractor(module, data.draw(mutated(module.NAME)))


@given(data=st.binary(max_size=600) | TEXT.map(lambda t: t.encode("utf-16")) | TEXT.map(
    lambda t: t.encode("cp1252", errors="replace")))
def test_reading_any_bytes_gives_text_or_a_source_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "source.txt"
    path.write_bytes(data)
    try:
        source = read_source(path)
    except SourceError as err:
        assert err.diagnostic.level == "error" and err.diagnostic.hint
    else:
        assert source.text.strip() and "\x00" not in source.text and "\r" not in source.text
