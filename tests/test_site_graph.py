"""The site graph: one publication per real paper, one person per real person, topics with reasons."""
from __future__ import annotations

from pathlib import Path

from sitegen.config import ResearcherConfig, SiteConfig
from sitegen.graph import build_site_graph, unique_slugs
from sitegen.model import Profile, Publication
from sitegen.people import resolve_names


def site_of(*profiles: Profile, **config):
    researchers = [ResearcherConfig(sources=[], line=1, name=p.name) for p in profiles]
    return build_site_graph(SiteConfig(path=Path("site.yaml"), researchers=researchers, **config), list(profiles))


def paper(title, authors, year=2022, **fields):
    return Publication(title=title, authors=authors, year=year, **fields)


def test_a_paper_listed_by_two_members_is_one_publication():
    ana = Profile(name="Ana Silva", publications=[paper("Deep Nets for Fish.", ["Ana Silva", "Bo Chen"])])
    bo = Profile(name="Bo Chen", publications=[paper("Deep nets for fish", ["Ana Silva", "Bo Chen"], venue="ICML")])
    site = site_of(ana, bo)
    (pub,) = site.publications.values()
    assert pub.listed_by == ["ana-silva", "bo-chen"]
    assert pub.record.venue == "ICML"
    assert [site.people[a.person_key].member_slug for a in pub.authors] == ["ana-silva", "bo-chen"]
    assert site.member("ana-silva").publication_slugs == site.member("bo-chen").publication_slugs == [pub.slug]


def test_different_titles_stay_two_papers():
    ana = Profile(name="Ana Silva", publications=[paper("Label Noise", ["Ana Silva"]),
                                                  paper("Label Noise: A Survey", ["Ana Silva"])])
    assert len(site_of(ana).publications) == 2


def test_name_variants_are_one_person_and_namesakes_are_not():
    people, key_of = resolve_names(
        ["Inderjit S Dhillon", "Inderjit S. Dhillon", "Dhillon, Inderjit", "Tushar Prakash", "Tomás Ruiz",
         "Tomas Ruiz"], {"jatin-prakash": ["Jatin Prakash"]})
    assert key_of["Inderjit S Dhillon"] == key_of["Inderjit S. Dhillon"] == key_of["Dhillon, Inderjit"]
    assert key_of["Tomás Ruiz"] == key_of["Tomas Ruiz"]
    assert key_of["Tushar Prakash"] != key_of["Jatin Prakash"]
    assert people[key_of["Jatin Prakash"]].member_slug == "jatin-prakash"
    assert people[key_of["Tushar Prakash"]].member_slug is None
    assert people[key_of["Inderjit S Dhillon"]].name == "Inderjit S. Dhillon"


def test_an_initial_joins_a_full_name_only_when_unambiguous():
    _, key_of = resolve_names(["J. Prakash", "Jatin Prakash"])
    assert key_of["J. Prakash"] == key_of["Jatin Prakash"]
    _, key_of = resolve_names(["J. Prakash", "Jatin Prakash", "Jaya Prakash"])
    assert key_of["J. Prakash"] not in (key_of["Jatin Prakash"], key_of["Jaya Prakash"])


def test_a_member_written_differently_in_a_feed_links_to_the_member():
    feed = Profile(name="Inderjit S. Dhillon",
                   publications=[paper("Geometric Median Matching", ["Anish Acharya", "Inderjit S Dhillon"])])
    site = site_of(feed)
    (pub,) = site.publications.values()
    assert site.people[pub.authors[1].person_key].member_slug == "inderjit-s-dhillon"


def test_the_bold_owner_spelling_is_the_member():
    cv = Profile(name="Jatin Prakash", publications=[paper("Renee", ["Vidit Jain", "J. Prakash", "J. Parker"],
                                                           owner_author="J. Prakash")])
    site = site_of(cv)
    (pub,) = site.publications.values()
    assert site.people[pub.authors[1].person_key].member_slug == "jatin-prakash"


def test_slugs_are_ascii_unique_and_stable():
    assert unique_slugs(["Tomás Ruiz", "Tomas Ruiz", "Tomas Ruiz"], ["", "", ""]) == [
        "tomas-ruiz", "tomas-ruiz-2", "tomas-ruiz-3"]
    assert unique_slugs(["Same Title", "Same Title"], ["2021", "2022"]) == ["same-title-2021", "same-title-2022"]


def test_topics_come_with_reasons():
    cv = Profile(name="Ana Silva", interests=["Recommender Systems"],
                 publications=[paper("Extreme classification at scale", ["Ana Silva"], categories=["LG"])])
    site = site_of(cv)
    (pub,) = site.publications.values()
    reasons = {site.topics[ref.slug].name: [r.field for r in ref.reasons] for ref in pub.topics}
    assert reasons["Machine Learning"] == ["category"]
    assert reasons["Extreme Classification"] == ["title"]
    assert site.topics["recommender-systems"].member_slugs == ["ana-silva"]
    assert site.topics["recommender-systems"].publication_slugs == []


def test_publications_are_newest_first_and_the_graph_is_deterministic():
    cv = Profile(name="Ana Silva", publications=[paper("Old", ["Ana Silva"], 2019), paper("New", ["Ana Silva"], 2024),
                                                 paper("Middle", ["Ana Silva"], 2021)])
    first, second = site_of(cv), site_of(cv)
    assert list(first.publications) == ["new", "middle", "old"]
    assert first == second


def test_merges_say_why_and_a_title_match_needs_agreeing_records():
    ana = Profile(name="Ana Silva", publications=[
        paper("Nearest Neighbour Search at Scale", ["Ana Silva", "Bo Chen"], 2021),
        paper("Attention Maps of Large Vision Models", ["Ana Silva"], 2018)])
    bo = Profile(name="Bo Chen", publications=[
        paper("Nearest neighbor search at scale", ["Bo Chen"], 2022, venue="ICML"),
        paper("Attention maps of large vision models", ["Carl Diaz"], 2023)])
    site = site_of(ana, bo)
    shared = next(p for p in site.publications.values() if p.record.venue == "ICML")
    assert shared.listed_by == ["ana-silva", "bo-chen"]
    assert shared.merged_because == ["similar title (“neighbour” / “neighbor”), shared author chen, year 2021/2022"]
    assert len(site.publications) == 3  # same title, but no author in common and five years apart


def test_a_word_more_or_another_word_is_another_paper():
    cv = Profile(name="Ana Silva", publications=[
        paper("Sparse Codes for Images", ["Ana Silva"]), paper("Sparse Codes for Video", ["Ana Silva"]),
        paper("Sparse Codes for Images: A Survey", ["Ana Silva"]), paper("Sparse Codes for the Images", ["Ana Silva"])])
    assert len(site_of(cv).publications) == 3


def test_a_preprint_and_its_published_version_are_one_publication_with_two_versions():
    ana = Profile(name="Ana Silva", publications=[
        paper("Old Title of the Paper", ["Ana Silva"], 2022, venue="arXiv", status="preprint", arxiv="2201.00001v1"),
        paper("New Title of the Paper", ["Ana Silva"], 2023, venue="arXiv", status="preprint", arxiv="2201.00001v3")])
    bo = Profile(name="Bo Chen", publications=[
        paper("New title of the paper.", ["Ana Silva", "Bo Chen"], 2024, venue="NeurIPS", status="published")])
    site = site_of(ana, bo)
    (pub,) = site.publications.values()
    assert (pub.record.venue, pub.record.year, pub.record.title) == ("NeurIPS", 2024, "New title of the paper.")
    assert pub.record.arxiv == "2201.00001v3"
    assert [(v.venue, v.year, v.title) for v in pub.versions] == [
        ("arXiv", 2023, "New Title of the Paper"), ("arXiv", 2022, "Old Title of the Paper")]
    assert pub.merged_because[0] == "same arXiv id 2201.00001"
    assert site.member("ana-silva").publication_slugs == [pub.slug]


def test_an_initial_between_two_people_goes_where_the_evidence_points():
    jatin = Profile(name="Jatin Prakash", publications=[
        paper("Renee at scale", ["Vidit Jain", "J. Prakash"]),
        paper("Extreme tails", ["Jatin Prakash", "Manik Varma"])])
    dhillon = Profile(name="Inderjit S. Dhillon", publications=[
        paper("PyraTok tokens", ["Jaya Prakash", "Onkar Susladkar", "I. S. Dhillon"]),
        paper("Video tokens", ["Onkar Susladkar", "J. Prakash", "Inderjit S Dhillon"]),
        paper("Label trees", ["Manik Varma", "J. Prakash", "Inderjit Dhillon"]),
        paper("Unrelated tokens", ["Kim Lee", "J. Prakash"])])
    site = site_of(jatin, dhillon)
    key = {p.record.title: [a.person_key for a in p.authors] for p in site.publications.values()}
    assert key["Renee at scale"][1] == "jatin prakash"  # on Jatin's own list
    assert key["Video tokens"][1] == "jaya prakash"  # shares Onkar Susladkar with Jaya
    assert key["Label trees"][1] == "jatin prakash"  # shares Manik Varma with Jatin
    assert key["Unrelated tokens"][1] == "j. prakash"  # no evidence: a person of its own
    assert key["PyraTok tokens"][2] == key["Video tokens"][2] == "inderjit dhillon"
    assert site.people["jatin prakash"].resolved_because["J. Prakash"] == "the paper is on jatin-prakash's own list"


def test_namesakes_and_name_forms():
    people, key_of = resolve_names(["Rahul Nair", "Priya Nair", "Nair, Priya", "P. Nair", "Hsiang-Fu Yu",
                                    "Hsiangfu Yu", "José  García", "Jose Garcia"])
    assert key_of["Rahul Nair"] != key_of["Priya Nair"] == key_of["Nair, Priya"]
    assert key_of["P. Nair"] == key_of["Priya Nair"]  # the only P. Nair
    assert key_of["Hsiang-Fu Yu"] == key_of["Hsiangfu Yu"]
    assert key_of["José  García"] == key_of["Jose Garcia"]


def test_topics_say_where_they_come_from_and_relate():
    cv = Profile(name="Ana Silva", publications=[
        paper("Extreme multi-label learning", ["Ana Silva"], categories=["LG"], keywords=["XMC"]),
        paper("Extreme classification for recommendation", ["Ana Silva"], categories=["cs.IR"])])
    site = site_of(cv, min_papers=2)
    assert sorted(site.topics) == ["extreme-classification"]  # one-off topics get no page
    pub = site.publications["extreme-multi-label-learning"]
    (ref,) = pub.topics
    assert [r.detail for r in ref.reasons] == ["keyword “XMC”", "“Extreme multi-label” in the title"]
    site = site_of(cv)
    reasons = {ref.slug: [r.detail for r in ref.reasons] for ref in site.publications["extreme-multi-label-learning"].topics}
    assert reasons["machine-learning"] == ["arXiv category cs.LG"]
    assert site.topics["extreme-classification"].related[:1] == ["information-retrieval"]


def test_a_hyphenated_given_name_is_one_person_with_its_spaced_and_initial_forms():
    from sitegen.people import resolve_names

    _, key_of = resolve_names(["Hsiang-Fu Yu", "Hsiang Fu Yu", "H.-F. Yu", "Hsiang F. Yu"])
    assert len(set(key_of.values())) == 1
