"""A deterministic synthetic site of N researchers, for the benchmark (and its Hugo twin).

    python bench/make_corpus.py N OUT_DIR [--seed 1]

Writes OUT_DIR/site/ (site.yaml, cv/*.md, bib/*.bib), OUT_DIR/hugo/ (the same
content as one Markdown page per researcher, publication and topic, with a
minimal layout) and OUT_DIR/manifest.json (what was generated, to check what
sitegen reads). The same N and seed always give the same bytes.

Shape of the data: researchers work in labs of LAB_SIZE; half write a Markdown
CV, half a BibTeX file; each lists ~20 papers, and ~30 % of papers are listed
by 2–3 lab members (the same paper written each member's way: CV line vs
BibTeX entry, full names vs initials), so dedup and people resolution do real
work. Names come from syllable tables, so family names recur (namesakes) and
initials are ambiguous. Each researcher has 8 topics from a 200-topic
vocabulary that site.yaml declares.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

LAB_SIZE = 8
PAPERS_PER_RESEARCHER = 20
SHARED_FRACTION = 0.30  # of papers: listed by 2–3 researchers
KEYWORDS_PER_RESEARCHER = 8
EXTERNALS_PER_LAB = 24  # co-authors who are not members, shared within a lab
YEARS = (2005, 2024)

GIVEN_HEADS = ["Ma", "Ka", "To", "Li", "Ra", "Se", "Ni", "Jo", "An", "El", "Da", "Vi", "Ta", "Ro", "Sa",
               "Mi", "Ha", "Pe", "Lu", "Ar", "Ye", "Is", "Ko", "Fe"]
GIVEN_MIDS = ["re", "la", "vin", "ri", "na", "ko", "son", "mi", "ra", "de", "lan", "ti", "sha", "ber", "ho"]
GIVEN_TAILS = ["", "a", "o", "ya", "n", "el", "ia", "us", "ine", "ar"]
FAMILY_HEADS = ["Tov", "Os", "Lak", "Del", "Kas", "Mor", "Bren", "Hal", "Sun", "Vel", "Ak", "Dra", "Fen", "Gar",
                "Ish", "Jun", "Kel", "Lind", "Mar", "Nak", "Or", "Pra", "Quin", "Ros", "Sar", "Tam", "Ul", "Var",
                "Wen", "Zel"]
FAMILY_MIDS = ["an", "ur", "a", "el", "om", "i", "ash", "ov", "en", "ar"]
FAMILY_TAILS = ["di", "o", "than", "vane", "u", "ski", "ova", "ez", "son", "ra", "man", "berg", "ata", "ley"]

TOPIC_BASES = [
    "Graph Learning", "Causal Inference", "Sparse Retrieval", "Federated Learning", "Reinforcement Learning",
    "Program Synthesis", "Speech Recognition", "Protein Folding", "Climate Modelling", "Robot Navigation",
    "Active Learning", "Metric Learning", "Anomaly Detection", "Time Series Forecasting", "Query Optimization",
    "Stream Processing", "Network Security", "Code Generation", "Image Segmentation", "Topic Modelling",
    "Entity Resolution", "Knowledge Graphs", "Semantic Parsing", "Contrastive Learning", "Model Compression",
    "Continual Learning", "Multi-Agent Systems", "Bandit Algorithms", "Kernel Methods", "Variational Inference",
    "Sequence Alignment", "Crowd Sourcing", "Mechanism Design", "Fairness Auditing", "Data Cleaning",
    "Neural Rendering", "Motion Planning", "Cache Design", "Compiler Testing", "Energy Forecasting",
    "Drug Discovery", "Medical Imaging", "Sentiment Analysis", "Map Matching", "Trajectory Mining",
    "Matrix Completion", "Tensor Decomposition", "Signal Denoising", "Text Summarization", "Dialogue Systems",
]
TOPIC_QUALIFIERS = ["", "Robust", "Scalable", "Bayesian"]
METHODS = ["Towards", "Revisiting", "Learning", "Rethinking", "Understanding", "Efficient", "Provable",
           "Adaptive", "Hierarchical", "Distributed", "Interpretable", "Private", "Online", "Structured",
           "Randomized", "Sparse", "Accurate", "Principled", "Practical", "Unified"]
LINKS = ["for", "with", "via", "meets", "under", "beyond", "and"]
TAILS = ["", "", "at Scale", "in Practice", "Without Labels", "from Few Examples", "on Edge Devices",
         "with Guarantees", "for the Long Tail", "under Noise"]
# (short name the extractors know, full name as a BibTeX/CV writes it, kind)
VENUES = [
    ("NeurIPS", "Advances in Neural Information Processing Systems", "conference"),
    ("ICML", "International Conference on Machine Learning", "conference"),
    ("ICLR", "International Conference on Learning Representations", "conference"),
    ("KDD", "ACM SIGKDD Conference on Knowledge Discovery and Data Mining", "conference"),
    ("SIGIR", "International ACM SIGIR Conference on Research and Development in Information Retrieval",
     "conference"),
    ("ACL", "Annual Meeting of the Association for Computational Linguistics", "conference"),
    ("CVPR", "IEEE Conference on Computer Vision and Pattern Recognition", "conference"),
    ("AAAI", "AAAI Conference on Artificial Intelligence", "conference"),
    ("JMLR", "Journal of Machine Learning Research", "journal"),
    ("TPAMI", "IEEE Transactions on Pattern Analysis and Machine Intelligence", "journal"),
]
UNIVERSITIES = ["University of Kestrel", "Dorvale Institute of Technology", "Lanfield College",
                "University of Marsh Harbour", "Ostrava Polytechnic", "Northfield University",
                "Technical University of Brenna", "Saint Alder College"]
AWARDS = ["Best Paper Award", "Early Career Fellowship", "Outstanding Reviewer Award", "Teaching Excellence Award",
          "Young Investigator Award", "Distinguished Dissertation Award"]


@dataclass(slots=True)
class Person:
    given: str
    family: str

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def initial(self) -> str:
        return f"{self.given[0]}. {self.family}"


@dataclass(slots=True)
class Researcher:
    number: int
    person: Person
    slug: str
    kind: str  # "cv" or "bib"
    lab: int
    topics: list[str]
    papers: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Paper:
    number: int
    slug: str
    title: str
    authors: list[Person]
    listed_by: list[int]  # researcher numbers
    year: int
    venue: tuple[str, str, str]
    topics: list[str]
    doi: str | None


def topic_vocabulary() -> list[str]:
    return [f"{q} {b}".strip() for q in TOPIC_QUALIFIERS for b in TOPIC_BASES]


def make_names(rng: random.Random, count: int, taken: set[str]) -> list[Person]:
    people = []
    while len(people) < count:
        given = rng.choice(GIVEN_HEADS) + rng.choice(GIVEN_MIDS) + rng.choice(GIVEN_TAILS)
        family = rng.choice(FAMILY_HEADS) + rng.choice(FAMILY_MIDS) + rng.choice(FAMILY_TAILS)
        person = Person(given, family.capitalize())
        if person.full not in taken:  # two different people never share a full name here
            taken.add(person.full)
            people.append(person)
    return people


def slugify(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


@dataclass(slots=True)
class Corpus:
    researchers: list[Researcher]
    papers: list[Paper]
    topics: list[str]


def make_corpus_model(n: int, seed: int = 1) -> Corpus:
    rng = random.Random(seed)
    topics = topic_vocabulary()
    taken: set[str] = set()
    members = make_names(rng, n, taken)
    researchers = []
    for number, person in enumerate(members):
        lab = number // LAB_SIZE
        researchers.append(Researcher(number, person, slugify(person.full), "cv" if number % 2 == 0 else "bib", lab, []))
    papers: list[Paper] = []
    titles: set[str] = set()
    for lab_start in range(0, n, LAB_SIZE):
        lab = researchers[lab_start:lab_start + LAB_SIZE]
        theme = rng.sample(topics, 16)
        for r in lab:
            r.topics = sorted(rng.sample(theme, 6) + rng.sample(topics, KEYWORDS_PER_RESEARCHER - 6), key=topics.index)
            r.topics = list(dict.fromkeys(r.topics))
        externals = make_names(rng, EXTERNALS_PER_LAB, taken)
        target = {r.number: PAPERS_PER_RESEARCHER + rng.randint(-3, 3) for r in lab}
        while True:
            open_ = [r for r in lab if len(r.papers) < target[r.number]]
            if not open_:
                break
            lead = rng.choice(open_)
            listers = [lead]
            others = [r for r in open_ if r is not lead]
            if others and rng.random() < SHARED_FRACTION:
                listers += rng.sample(others, min(len(others), rng.choice((1, 1, 2))))
            papers.append(_paper(rng, len(papers), listers, externals, titles))
            for r in listers:
                r.papers.append(papers[-1].number)
    return Corpus(researchers, papers, topics)


def _paper(rng: random.Random, number: int, listers: list[Researcher], externals: list[Person],
           titles: set[str]) -> Paper:
    lead = listers[0]
    paper_topics = rng.sample(lead.topics, 2)
    while True:
        title = (f"{rng.choice(METHODS)} {paper_topics[0]} {rng.choice(LINKS)} {paper_topics[1]} "
                 f"{rng.choice(TAILS)}").strip()
        if title.lower() not in titles:
            titles.add(title.lower())
            break
    authors = [r.person for r in listers] + rng.sample(externals, rng.randint(0, 4))
    rng.shuffle(authors)
    venue = rng.choice(VENUES)
    doi = f"10.5555/bench.{number}" if rng.random() < 0.3 else None
    return Paper(number, slugify(title), title, authors, [r.number for r in listers],
                 rng.randint(*YEARS), venue, paper_topics, doi)


# --- sitegen's input -------------------------------------------------------------------------

def cv_markdown(r: Researcher, corpus: Corpus, rng: random.Random) -> str:
    uni = UNIVERSITIES[r.lab % len(UNIVERSITIES)]
    phd = rng.randint(1995, 2015)
    lines = [f"# {r.person.full}", "", f"Associate Professor of Computer Science, {uni}", "",
             "## Research Interests", "", ", ".join(r.topics), "",
             "## Education", "",
             f"- {phd - 5} – {phd} Ph.D., Computer Science, {rng.choice(UNIVERSITIES)}",
             f"- {phd - 9} – {phd - 5} B.Sc., Mathematics, {rng.choice(UNIVERSITIES)}", "",
             "## Experience", "",
             f"- {phd + 6} – Present Associate Professor, {uni}",
             f"- {phd} – {phd + 6} Assistant Professor, {uni}", "",
             "## Publications", ""]
    for number in sorted(r.papers, key=lambda p: -corpus.papers[p].year):
        paper = corpus.papers[number]
        names = [a.full if a is r.person or rng.random() < 0.85 else a.initial for a in paper.authors]
        lines.append(f"- {', '.join(names)}. {paper.title}. {paper.venue[1]}, {paper.year}.")
    lines += ["", "## Awards", ""]
    for _ in range(rng.randint(1, 3)):
        lines.append(f"- {rng.choice(AWARDS)}, {rng.randint(phd, 2024)}")
    return "\n".join(lines) + "\n"


def bibtex(r: Researcher, corpus: Corpus, rng: random.Random) -> str:
    family_first = rng.random() < 0.5
    entries = []
    for number in r.papers:
        paper = corpus.papers[number]
        names = [f"{a.family}, {a.given}" if family_first else a.full for a in paper.authors]
        if rng.random() < 0.1:
            names = [n if n.endswith(r.person.family) or "," in n else _initial(n) for n in names]
        key = f"{paper.authors[0].family.lower()}{paper.year}{paper.slug.split('-')[1]}{number}"
        short, full, kind = paper.venue
        where = f"  booktitle = {{{full}}}," if kind == "conference" else f"  journal = {{{full}}},"
        fields = [f"@{'inproceedings' if kind == 'conference' else 'article'}{{{key},",
                  f"  title = {{{paper.title}}},", f"  author = {{{' and '.join(names)}}},", where,
                  f"  year = {{{paper.year}}},", f"  keywords = {{{', '.join(paper.topics)}}},"]
        if paper.doi:
            fields.append(f"  doi = {{{paper.doi}}},")
        entries.append("\n".join(fields) + "\n}\n")
    return "\n".join(entries)


def _initial(name: str) -> str:
    given, family = name.split(" ", 1)
    return f"{given[0]}. {family}"


def site_yaml(corpus: Corpus) -> str:
    lines = [f"# A synthetic site of {len(corpus.researchers)} researchers (bench/make_corpus.py).",
             f"title: Benchmark Institute ({len(corpus.researchers)} researchers)",
             "description: A deterministic synthetic site for sitegen's benchmark.", "researchers:"]
    for r in corpus.researchers:
        if r.kind == "cv":
            lines.append(f"  - sources: [cv/{r.slug}.md]")
        else:  # a BibTeX file never names its owner
            lines += [f"  - name: {r.person.full}", f"    sources: [bib/{r.slug}.bib]"]
    lines.append("topics:")
    lines += [f"  - name: {t}" for t in corpus.topics]
    return "\n".join(lines) + "\n"


# --- the equivalent Hugo content ---------------------------------------------------------------

HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Benchmark Institute"
disableKinds = ["taxonomy", "term"]
"""
HUGO_BASEOF = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><nav><a href="{{ "/" | relURL }}">Home</a> <a href="{{ "/people/" | relURL }}">People</a>
<a href="{{ "/publications/" | relURL }}">Publications</a> <a href="{{ "/topics/" | relURL }}">Topics</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.authors }}<p>{{ range $i, $a := . }}{{ if $i }}, {{ end }}{{ with site.GetPage (printf "/people/%s" $a.slug) }}<a href="{{ .RelPermalink }}">{{ $a.name }}</a>{{ else }}{{ $a.name }}{{ end }}{{ end }}</p>{{ end }}
{{ with .Params.venue }}<p>{{ . }}, {{ $.Params.year }}</p>{{ end }}
{{ with .Params.interests }}<ul>{{ range . }}{{ with site.GetPage (printf "/topics/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ with .Params.papers }}<ol>{{ range . }}{{ with site.GetPage (printf "/publications/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.venue }}, {{ .Params.year }}</li>{{ end }}{{ end }}</ol>{{ end }}
{{ .Content }}{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""


def hugo_site(corpus: Corpus, out: Path) -> int:
    """Write the Hugo twin; return the number of content pages (researchers + publications + topics)."""
    for path, text in (("hugo.toml", HUGO_CONFIG), ("layouts/_default/baseof.html", HUGO_BASEOF),
                       ("layouts/_default/single.html", HUGO_SINGLE), ("layouts/_default/list.html", HUGO_LIST)):
        _write(out / path, text)
    for section, title in (("people", "People"), ("publications", "Publications"), ("topics", "Topics")):
        _write(out / "content" / section / "_index.md", f'---\ntitle: "{title}"\n---\n')
    member_of = {r.person.full: r.slug for r in corpus.researchers}
    topic_papers: dict[str, list[str]] = {t: [] for t in corpus.topics}
    pages = 0
    for paper in corpus.papers:
        authors = [{"name": a.full, **({"slug": member_of[a.full]} if a.full in member_of else {"slug": "-"})}
                   for a in paper.authors]
        front = {"title": paper.title, "authors": authors, "venue": paper.venue[1], "year": paper.year,
                 "interests": [slugify(t) for t in paper.topics]}
        _write(out / "content" / "publications" / f"{paper.number:06d}-{paper.slug}.md", _front(front))
        for t in paper.topics:
            topic_papers[t].append(f"{paper.number:06d}-{paper.slug}")
        pages += 1
    for r in corpus.researchers:
        front = {"title": r.person.full, "interests": [slugify(t) for t in r.topics],
                 "papers": [f"{p:06d}-{corpus.papers[p].slug}" for p in r.papers]}
        _write(out / "content" / "people" / f"{r.slug}.md", _front(front))
        pages += 1
    interested = {t for r in corpus.researchers for t in r.topics}
    for t in corpus.topics:  # like sitegen: a topic has a page when a paper or a member's interests name it
        if topic_papers[t] or t in interested:
            _write(out / "content" / "topics" / f"{slugify(t)}.md", _front({"title": t, "papers": topic_papers[t]}))
            pages += 1
    return pages


def _front(data: dict) -> str:
    return "---\n" + json.dumps(data, ensure_ascii=False, indent=1) + "\n---\n"  # JSON is valid YAML


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- the whole corpus -----------------------------------------------------------------------

def write_corpus(n: int, out: Path, seed: int = 1) -> dict:
    corpus = make_corpus_model(n, seed)
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed + 1)
    site = out / "site"
    sources = {}
    for r in corpus.researchers:
        if r.kind == "cv":
            text, path = cv_markdown(r, corpus, rng), site / "cv" / f"{r.slug}.md"
        else:
            text, path = bibtex(r, corpus, rng), site / "bib" / f"{r.slug}.bib"
        _write(path, text)
        sources[path.relative_to(site).as_posix()] = len(r.papers)
    _write(site / "site.yaml", site_yaml(corpus))
    hugo_pages = hugo_site(corpus, out / "hugo")
    listings = sum(len(r.papers) for r in corpus.researchers)
    manifest = {
        "researchers": n, "seed": seed, "publications": len(corpus.papers), "listings": listings,
        "shared_publications": sum(1 for p in corpus.papers if len(p.listed_by) > 1),
        "topics": len(corpus.topics), "cv_sources": sum(1 for r in corpus.researchers if r.kind == "cv"),
        "bib_sources": sum(1 for r in corpus.researchers if r.kind == "bib"),
        "publications_per_source": sources, "hugo_content_pages": hugo_pages,
    }
    _write(out / "manifest.json", json.dumps(manifest, indent=1) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of researchers")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    manifest = write_corpus(args.n, args.out_dir, args.seed)
    print(f"{manifest['researchers']} researchers, {manifest['publications']} publications "
          f"({manifest['shared_publications']} shared, {manifest['listings']} listings) → {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
