"""The site graph: one publication per real paper, one person per real person, topics with reasons."""
from __future__ import annotations

from pathlib import Path

from sitegen.config import ResearcherConfig, SiteConfig
from sitegen.graph import build_site_graph, unique_slugs
from sitegen.model import Profile, Publication
from sitegen.people import resolve_people


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
    people, key_of = resolve_people(
        ["Inderjit S Dhillon", "Inderjit S. Dhillon", "Dhillon, Inderjit", "Tushar Prakash", "Tomás Ruiz",
         "Tomas Ruiz"], {"jatin-prakash": ["Jatin Prakash"]})
    assert key_of["Inderjit S Dhillon"] == key_of["Inderjit S. Dhillon"] == key_of["Dhillon, Inderjit"]
    assert key_of["Tomás Ruiz"] == key_of["Tomas Ruiz"]
    assert key_of["Tushar Prakash"] != key_of["Jatin Prakash"]
    assert people[key_of["Jatin Prakash"]].member_slug == "jatin-prakash"
    assert people[key_of["Tushar Prakash"]].member_slug is None
    assert people[key_of["Inderjit S Dhillon"]].name == "Inderjit S. Dhillon"


def test_an_initial_joins_a_full_name_only_when_unambiguous():
    _, key_of = resolve_people(["J. Prakash", "Jatin Prakash"])
    assert key_of["J. Prakash"] == key_of["Jatin Prakash"]
    _, key_of = resolve_people(["J. Prakash", "Jatin Prakash", "Jaya Prakash"])
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
