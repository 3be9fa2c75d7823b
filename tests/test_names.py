"""Author lists: order kept, markers removed but recorded, truncation noticed."""
from __future__ import annotations

from sitegen.extract.names import given_first, looks_like_author_list, looks_like_person_name, parse_authors


def test_equal_contribution_marks_and_bold_owner():
    authors = parse_authors("Ramya Hebbalaguppe*, **Jatin Prakash***, Neelabh Madan*, Chetan Arora")
    assert authors.names == ["Ramya Hebbalaguppe", "Jatin Prakash", "Neelabh Madan", "Chetan Arora"]
    assert authors.equal_contribution == ["Ramya Hebbalaguppe", "Jatin Prakash", "Neelabh Madan"]
    assert authors.owner == "Jatin Prakash"


def test_dagger_in_brackets_and_ellipsis():
    authors = parse_authors("Anirudh Buvanesh*, Rahul Chand*, **Jatin Prakash**[†], Bhawna Paliwal, ... Manik Varma")
    assert authors.names == ["Anirudh Buvanesh", "Rahul Chand", "Jatin Prakash", "Bhawna Paliwal", "Manik Varma"]
    assert authors.truncated and "Jatin Prakash" in authors.equal_contribution


def test_oxford_and_and_sentence_end():
    authors = parse_authors("Shashank Rajput, Ed H. Chi, and Maheswaran Sathiamoorthy.")
    assert authors.names == ["Shashank Rajput", "Ed H. Chi", "Maheswaran Sathiamoorthy"]


def test_et_al():
    authors = parse_authors("Nilesh Gupta, Patrick H. Chen, Hsiang-Fu Yu et al.")
    assert authors.names == ["Nilesh Gupta", "Patrick H. Chen", "Hsiang-Fu Yu"] and authors.truncated


def test_family_first_lists():
    assert parse_authors("Smith, J., Doe, A. B., & Lee, C.").names == ["J. Smith", "A. B. Doe", "C. Lee"]
    assert parse_authors("Smith JA, Doe B").names == ["JA Smith", "B Doe"]
    assert given_first("Zhou, F.") == "F. Zhou"


def test_names_versus_titles_and_venues():
    assert looks_like_person_name("Jy-yong Sohn") and looks_like_person_name("A. Bello")
    assert not looks_like_person_name("ICML") and not looks_like_person_name("Neural Information Processing Systems")
    assert looks_like_author_list("Chulhee Yun, **Shashank Rajput**, and Suvrit Sra.")
    assert not looks_like_author_list("Looped Transformers as Programmable Computers")
    assert not looks_like_author_list("ICML 2023", allow_single=True)
