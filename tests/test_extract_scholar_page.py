"""Author pages copied from Google Scholar and Semantic Scholar are read as a profile with papers."""
from __future__ import annotations

from pathlib import Path

from sitegen.extract import cv, profile_page, scholar_page
from sitegen.sources import sniff_format

GOOGLE = """Google Scholar
Get my own profile
Jun Park
Associate Professor of Chemistry, Seoul National University
Verified email at snu.example.kr - Homepage
Organic photovoltaicsPerovskitesCharge transport
Follow
Cited by
VIEW ALL
All\tSince 2019
Citations\t812\t455
TITLE
CITED BY
YEAR
Hole transport layers for stable perovskite cells
J Park, S Kim, H Lee
Advanced Energy Materials 12 (3), 2102345\t301\t2022
Charge transport in disordered organic films
M Cho, J Park, Y Han, K Jung, D Choi, ...
Physical Review Applied 9, 044012\t\t2018
Excitons in small-molecule donors
J Park
PhD thesis, KAIST\t12\t2014
Show more
"""

SEMANTIC = """Semantic Scholar's Logo
Search 225,841,347 papers from all fields of science
Sign In
Create Free Account
Nadia Haddad
Sorbonne University
Publications
21
h-index
9
Citations
640
Sort by Most Influential Papers
Sleep spindles predict memory consolidation in older adults
Nadia Haddad, Pierre Martin, +4 authors Claire Dubois
Psychology, Medicine
Journal of Neuroscience
3 May 2022
TLDR
Spindle density predicted overnight retention.
Expand
41
Save
Alert
Cite
Closed-loop auditory stimulation during slow-wave sleep
Pierre Martin, Nadia Haddad
Medicine
medRxiv
2023
3
Save
Alert
Cite
"""


def test_google_scholar_table_rows_are_papers():
    profile = scholar_page.extract(GOOGLE, Path("scholar.txt"))
    assert profile.name == "Jun Park"
    assert profile.headline == "Associate Professor of Chemistry, Seoul National University"
    assert profile.interests == ["Organic photovoltaics", "Perovskites", "Charge transport"]
    first, second, thesis = profile.publications
    assert (first.title, first.authors, first.year, first.venue, first.status) == (
        "Hole transport layers for stable perovskite cells", ["J Park", "S Kim", "H Lee"], 2022,
        "Advanced Energy Materials", "published")
    assert first.owner_author == "J Park"
    assert second.authors_truncated and second.authors[-1] == "D Choi" and second.year == 2018
    assert second.venue == "Physical Review Applied"
    assert (thesis.kind, thesis.venue, thesis.year) == ("thesis", None, 2014)


def test_semantic_scholar_cards_are_papers():
    profile = scholar_page.extract(SEMANTIC, Path("s2.txt"))
    assert profile.name == "Nadia Haddad"
    spindles, stimulation = profile.publications
    assert spindles.title == "Sleep spindles predict memory consolidation in older adults"
    assert spindles.authors == ["Nadia Haddad", "Pierre Martin", "Claire Dubois"] and spindles.authors_truncated
    assert (spindles.venue, spindles.date, spindles.year, spindles.status) == (
        "Journal of Neuroscience", "2022-05-03", 2022, "published")
    assert (stimulation.venue, stimulation.status, stimulation.year, stimulation.date) == ("medRxiv", "preprint", 2023, None)


def test_scholar_pages_are_sniffed_as_such_and_cvs_are_not():
    assert sniff_format(GOOGLE, Path("x.txt")) is scholar_page
    assert sniff_format(SEMANTIC, Path("x.txt")) is scholar_page
    assert scholar_page.sniff("Education\nPh.D., MIT, 2020\n\nPublications\nA. B, C. D. Title. 2020.\n", Path("cv.txt")) == 0.0
    assert cv.sniff(GOOGLE, Path("x.txt")) < scholar_page.sniff(GOOGLE, Path("x.txt"))
    assert profile_page.sniff(GOOGLE, Path("x.txt")) < scholar_page.sniff(GOOGLE, Path("x.txt"))


def test_any_text_is_read_without_crashing():
    for text in ("", "TITLE\nCITED BY\nYEAR\n", "Publications\n3\n2020\nCite\n", GOOGLE[:200], SEMANTIC[:300]):
        scholar_page.extract(text, Path("x.txt"))
