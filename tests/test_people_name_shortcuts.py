"""Shortcuts in resolving names change nothing: ASCII skips Unicode work, a spelling is keyed once.

`fold` leaves out decomposition and combining marks for ASCII text (it has none); the resolver remembers
each spelling's full-name key and registers it for initials once. People and keys stay as they were.
"""
from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.people import AuthorList, fold, resolve_people


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(st.text(max_size=30) | st.text(alphabet="AaÁáéÉçß-. ,'", max_size=30))
def test_fold_is_the_same_with_and_without_the_ascii_shortcut(text):
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    assert fold(text) == re.sub(r"[\W_]", "", decomposed.lower())


def test_a_spelling_on_many_papers_is_keyed_by_the_list_each_paper_is_on():
    papers = [AuthorList(["Jatin Prakash", "Ana Silva"], ["jatin-a"]),
              AuthorList(["Jatin Prakash", "Bo Chen"], ["jatin-b"]),
              AuthorList(["Jatin Prakash", "Ana Silva"], []),
              AuthorList(["J. Prakash", "Ana Silva"], ["jatin-b"]),
              AuthorList(["Ana Silva", "Jatin Prakash"], ["jatin-b"])]
    people, keys = resolve_people(papers, {"jatin-a": ["Jatin Prakash"], "jatin-b": ["Jatin Prakash"]})
    assert [paper[0] for paper in keys] == ["jatin prakash", "jatin prakash (jatin-b)", "jatin prakash",
                                            "jatin prakash (jatin-b)", "ana silva"]
    assert keys[4][1] == "jatin prakash (jatin-b)"  # the same spelling again, on jatin-b's list
    assert people["jatin prakash (jatin-b)"].member_slug == "jatin-b"
    assert people["jatin prakash (jatin-b)"].resolved_because["J. Prakash"].startswith("the paper is on jatin-b")
