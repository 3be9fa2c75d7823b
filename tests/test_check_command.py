"""`sitegen check` explains what was understood, merged and resolved, as text or JSON."""
from __future__ import annotations

import json
from pathlib import Path

from sitegen.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run_check(capsys, *args) -> tuple[int, str, str]:
    code = main(["check", str(SEEDS), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_report_of_the_seeds(capsys):
    code, out, _ = run_check(capsys, "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert [m["slug"] for m in report["members"]] == [
        "jatin-prakash", "inderjit-s-dhillon", "mayank-mishra", "sanjiv-kumar", "shashank-rajput"]
    jatin = report["members"][0]
    assert jatin["counts"]["publications"] == 5 and jatin["sources"][0]["format"] == "cv"
    dhillon = next(p for p in report["people_resolved"] if p["member"] == "inderjit-s-dhillon")
    assert sorted(dhillon["variants"]) == ["Inderjit S Dhillon", "Inderjit S. Dhillon"]
    ml = next(t for t in report["topics"] if t["topic"] == "Machine Learning")
    assert ml["reasons"]["category"] >= 8
    assert all(w["path"] for w in report["warnings"])


def test_text_report_names_sources_and_topics(capsys):
    code, out, err = run_check(capsys)
    assert code == 0
    assert "read " in out and "as paper-feed" in out
    assert "Inderjit S. Dhillon: Inderjit S. Dhillon / Inderjit S Dhillon" in out
    assert "warning" in err


def test_strict_fails_on_warnings(capsys):
    code, _, _ = run_check(capsys, "--strict")
    assert code == 1


def test_every_seed_author_is_resolved_to_the_right_person(capsys):
    _, out, _ = run_check(capsys, "--format", "json")
    report = json.loads(out)
    people = {(a["name"], a["member"]) for p in report["publications"] for a in p["authors"]}
    assert ("Tushar Prakash", None) in people  # a namesake in the feed, not the member Jatin Prakash
    assert ("Inderjit S Dhillon", "inderjit-s-dhillon") in people
    assert ("Jatin Prakash", "jatin-prakash") in people
    assert all(a["person"] for p in report["publications"] for a in p["authors"])
    for pub in report["publications"]:
        for topic in pub["topics"]:
            assert topic["reasons"], (pub["slug"], topic)
