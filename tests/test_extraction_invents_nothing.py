"""Extractors never invent: every title, author, venue and name they return stands in the text.

Property tests over the seeds and structural mutations of them (lines dropped,
duplicated, shuffled, joined): whatever the extractor makes of the text, each
value it returns can be found in that text (ignoring case, spacing, accents and
markup), and the output stays schema-valid.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.extract import cv, feed, profile_page, scholar_page
from sitegen.model import to_json

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SCHEMA_PATH = ROOT.parent / "shared" / "profile.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text()) if SCHEMA_PATH.exists() else None
EXTRACTORS = [cv, feed, profile_page, scholar_page]


def folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "", text)


def values_to_find(data: dict) -> list[tuple[str, str]]:
    """(what, value) pairs of every text value an extractor takes from the document as written."""
    found = [("name", data["name"])] if data.get("name") else []
    for pub in data["publications"]:
        found.append(("title", pub["title"]))
        found += [("author", a) for a in pub["authors"]]
    for item in data.get("education", []):
        found.append(("institution", item["institution"]))
    for item in data.get("positions", []):
        found.append(("organization", item["organization"]))
    return found


def assert_nothing_invented(text: str, extractor) -> None:
    data = to_json(extractor.extract(text, Path("doc.txt")))
    if SCHEMA:
        jsonschema.validate(data, SCHEMA)
    haystack = folded(re.sub(r"<[^>]*>", " ", text))  # markup is not content: extractors drop HTML tags
    for what, value in values_to_find(data):
        # An author written "Last, First" is returned "First Last": each part must be in the text.
        parts = value.replace(",", " ").split() if what == "author" else [value]
        for part in parts:
            assert folded(part) in haystack, f"{extractor.NAME} returned {what} {value!r}, which is not in the text"


def mutations():
    """A seed with some of its lines dropped, repeated, swapped or joined."""
    def mutate(args):
        seed_index, operations = args
        lines = SEEDS[seed_index].read_text(encoding="utf-8").splitlines()
        for op, position in operations:
            if not lines:
                break
            i = position % len(lines)
            if op == "drop":
                del lines[i]
            elif op == "repeat":
                lines.insert(i, lines[i])
            elif op == "swap" and i + 1 < len(lines):
                lines[i], lines[i + 1] = lines[i + 1], lines[i]
            elif op == "join" and i + 1 < len(lines):
                lines[i:i + 2] = [lines[i] + lines[i + 1]]
        return "\n".join(lines)

    operation = st.tuples(st.sampled_from(["drop", "repeat", "swap", "join"]), st.integers(0, 10_000))
    return st.tuples(st.integers(0, len(SEEDS) - 1), st.lists(operation, max_size=12)).map(mutate)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("extractor", EXTRACTORS, ids=lambda m: m.NAME)
def test_seeds_invent_nothing(seed, extractor):
    assert_nothing_invented(seed.read_text(encoding="utf-8"), extractor)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations(), st.sampled_from(EXTRACTORS))
def test_mutated_seeds_invent_nothing(text, extractor):
    assert_nothing_invented(text, extractor)
