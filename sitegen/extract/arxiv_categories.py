"""The arXiv subject categories (https://arxiv.org/category_taxonomy) and their names.

Feeds write a category in full (`cs.LG`, `math.OC`, `hep-th`) or, on listing sites
that show one archive, as the bare subject code (`LG`, `CV`). `category_name` reads
both; topics are derived from the names (`LG` → Machine Learning).
"""
from __future__ import annotations

import re

ARCHIVES = {
    "cs": "Computer Science", "econ": "Economics",
    "eess": "Electrical Engineering and Systems Science", "math": "Mathematics",
    "stat": "Statistics", "q-bio": "Quantitative Biology", "q-fin": "Quantitative Finance",
    "physics": "Physics", "astro-ph": "Astrophysics", "cond-mat": "Condensed Matter",
    "nlin": "Nonlinear Sciences", "gr-qc": "General Relativity and Quantum Cosmology",
    "hep-ex": "High Energy Physics - Experiment", "hep-lat": "High Energy Physics - Lattice",
    "hep-ph": "High Energy Physics - Phenomenology", "hep-th": "High Energy Physics - Theory",
    "math-ph": "Mathematical Physics", "nucl-ex": "Nuclear Experiment",
    "nucl-th": "Nuclear Theory", "quant-ph": "Quantum Physics",
}

_SUBJECTS = {
    "cs": {
        "AI": "Artificial Intelligence", "AR": "Hardware Architecture",
        "CC": "Computational Complexity", "CE": "Computational Engineering, Finance, and Science",
        "CG": "Computational Geometry", "CL": "Computation and Language",
        "CR": "Cryptography and Security", "CV": "Computer Vision and Pattern Recognition",
        "CY": "Computers and Society", "DB": "Databases",
        "DC": "Distributed, Parallel, and Cluster Computing", "DL": "Digital Libraries",
        "DM": "Discrete Mathematics", "DS": "Data Structures and Algorithms",
        "ET": "Emerging Technologies", "FL": "Formal Languages and Automata Theory",
        "GL": "General Literature", "GR": "Graphics", "GT": "Computer Science and Game Theory",
        "HC": "Human-Computer Interaction", "IR": "Information Retrieval",
        "IT": "Information Theory", "LG": "Machine Learning", "LO": "Logic in Computer Science",
        "MA": "Multiagent Systems", "MM": "Multimedia", "MS": "Mathematical Software",
        "NA": "Numerical Analysis", "NE": "Neural and Evolutionary Computing",
        "NI": "Networking and Internet Architecture", "OH": "Other Computer Science",
        "OS": "Operating Systems", "PF": "Performance", "PL": "Programming Languages",
        "RO": "Robotics", "SC": "Symbolic Computation", "SD": "Sound",
        "SE": "Software Engineering", "SI": "Social and Information Networks",
        "SY": "Systems and Control",
    },
    "stat": {
        "AP": "Applications", "CO": "Computation", "ME": "Methodology",
        "ML": "Machine Learning", "OT": "Other Statistics", "TH": "Statistics Theory",
    },
    "eess": {
        "AS": "Audio and Speech Processing", "IV": "Image and Video Processing",
        "SP": "Signal Processing", "SY": "Systems and Control",
    },
    "math": {
        "AC": "Commutative Algebra", "AG": "Algebraic Geometry", "AP": "Analysis of PDEs",
        "AT": "Algebraic Topology", "CA": "Classical Analysis and ODEs", "CO": "Combinatorics",
        "CT": "Category Theory", "CV": "Complex Variables", "DG": "Differential Geometry",
        "DS": "Dynamical Systems", "FA": "Functional Analysis", "GM": "General Mathematics",
        "GN": "General Topology", "GR": "Group Theory", "GT": "Geometric Topology",
        "HO": "History and Overview", "IT": "Information Theory", "KT": "K-Theory and Homology",
        "LO": "Logic", "MG": "Metric Geometry", "MP": "Mathematical Physics",
        "NA": "Numerical Analysis", "NT": "Number Theory", "OA": "Operator Algebras",
        "OC": "Optimization and Control", "PR": "Probability", "QA": "Quantum Algebra",
        "RA": "Rings and Algebras", "RT": "Representation Theory", "SG": "Symplectic Geometry",
        "SP": "Spectral Theory", "ST": "Statistics Theory",
    },
    "econ": {"EM": "Econometrics", "GN": "General Economics", "TH": "Theoretical Economics"},
    "q-bio": {
        "BM": "Biomolecules", "CB": "Cell Behavior", "GN": "Genomics", "MN": "Molecular Networks",
        "NC": "Neurons and Cognition", "OT": "Other Quantitative Biology",
        "PE": "Populations and Evolution", "QM": "Quantitative Methods",
        "SC": "Subcellular Processes", "TO": "Tissues and Organs",
    },
    "q-fin": {
        "CP": "Computational Finance", "EC": "Economics", "GN": "General Finance",
        "MF": "Mathematical Finance", "PM": "Portfolio Management", "PR": "Pricing of Securities",
        "RM": "Risk Management", "ST": "Statistical Finance",
        "TR": "Trading and Market Microstructure",
    },
    "nlin": {
        "AO": "Adaptation and Self-Organizing Systems", "CD": "Chaotic Dynamics",
        "CG": "Cellular Automata and Lattice Gases", "PS": "Pattern Formation and Solitons",
        "SI": "Exactly Solvable and Integrable Systems",
    },
    "astro-ph": {
        "CO": "Cosmology and Nongalactic Astrophysics", "EP": "Earth and Planetary Astrophysics",
        "GA": "Astrophysics of Galaxies", "HE": "High Energy Astrophysical Phenomena",
        "IM": "Instrumentation and Methods for Astrophysics", "SR": "Solar and Stellar Astrophysics",
    },
    "cond-mat": {
        "dis-nn": "Disordered Systems and Neural Networks", "mes-hall": "Mesoscale and Nanoscale Physics",
        "mtrl-sci": "Materials Science", "other": "Other Condensed Matter", "quant-gas": "Quantum Gases",
        "soft": "Soft Condensed Matter", "stat-mech": "Statistical Mechanics",
        "str-el": "Strongly Correlated Electrons", "supr-con": "Superconductivity",
    },
    "physics": {
        "acc-ph": "Accelerator Physics", "ao-ph": "Atmospheric and Oceanic Physics",
        "app-ph": "Applied Physics", "atm-clus": "Atomic and Molecular Clusters",
        "atom-ph": "Atomic Physics", "bio-ph": "Biological Physics", "chem-ph": "Chemical Physics",
        "class-ph": "Classical Physics", "comp-ph": "Computational Physics",
        "data-an": "Data Analysis, Statistics and Probability", "ed-ph": "Physics Education",
        "flu-dyn": "Fluid Dynamics", "gen-ph": "General Physics", "geo-ph": "Geophysics",
        "hist-ph": "History and Philosophy of Physics", "ins-det": "Instrumentation and Detectors",
        "med-ph": "Medical Physics", "optics": "Optics", "plasm-ph": "Plasma Physics",
        "pop-ph": "Popular Physics", "soc-ph": "Physics and Society", "space-ph": "Space Physics",
    },
}

# Every category in full: 'cs.LG' -> 'Machine Learning'; archives without subjects stand alone.
CATEGORIES: dict[str, str] = {
    f"{archive}.{code}": name for archive, subjects in _SUBJECTS.items() for code, name in subjects.items()
}
CATEGORIES.update({archive: name for archive, name in ARCHIVES.items() if archive not in _SUBJECTS})

# A bare code names a subject of the archive a listing site shows; when several archives
# share a code (CV: cs and math) the earlier archive here wins, computer science first.
_SHORT_CODE_ARCHIVES = ("cs", "stat", "eess", "math", "econ", "q-bio", "q-fin", "nlin", "astro-ph")
SHORT_CODES: dict[str, str] = {}
for _archive in reversed(_SHORT_CODE_ARCHIVES):
    SHORT_CODES.update({code: f"{_archive}.{code}" for code in _SUBJECTS[_archive]})

# Longest first, so that a regex alternation prefers `cs.LG` over `cs` and `hep-th` over `th`.
_ALL_CODES = sorted([*CATEGORIES, *SHORT_CODES], key=len, reverse=True)
# One category code as a regex fragment (case-sensitive: bare codes are two capitals).
CATEGORY_PATTERN = "(?:" + "|".join(re.escape(code) for code in _ALL_CODES) + ")"


def full_category(code: str) -> str | None:
    """The full form of a category code (`LG` -> `cs.LG`), or None if it is not one."""
    code = code.strip()
    if code in CATEGORIES:
        return code
    return SHORT_CODES.get(code)


def category_name(code: str) -> str | None:
    """The subject's name (`LG` or `cs.LG` -> 'Machine Learning'), or None if unknown."""
    full = full_category(code)
    return CATEGORIES.get(full) if full else None


def is_category(code: str) -> bool:
    return full_category(code) is not None
