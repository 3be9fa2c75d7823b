"""CVs written in LaTeX: moderncv, awesome-cv, and plain `article` CVs with sections and lists.

The LaTeX is parsed with pylatexenc and written out as the Markdown-ish text the CV text
extractor reads (`## Education`, `- 2019–2023 **Ph.D.**, MIT, Cambridge`, `  - detail`);
the CV rules then read that text, and every line number they report is mapped back to
the .tex line it came from. Understood: the CV classes' entry macros (`\\cventry` in both
argument orders, `\\cvitem`, `\\cvlistitem`, `\\cvhonor`, `\\cvskill`), their header macros
(`\\name`, `\\email`, `\\homepage`, `\\social`, `\\github`, ...), sections, lists, tables,
`\\textbf`/`\\emph` (kept as Markdown bold/italic), accents, `\\href`, `\\input` of files
next to the .tex, and `\\bibliography`/`\\addbibresource` with `\\nocite`/`\\cite` (the cited
entries of the .bib next to the .tex, read by the BibTeX extractor).
Not understood: macros the CV defines itself (`\\newcommand` bodies are not expanded).
"""
from __future__ import annotations

import re
from pathlib import Path

from sitegen.extract import bibtex, cv
from sitegen.extract.latex_text import latex_to_cv_text, sibling_file, uncommented
from sitegen.model import SECTIONS, Diagnostic, Profile

NAME = "latex-cv"
DESCRIPTION = "CV written in LaTeX (moderncv, awesome-cv, or a plain article with sections and lists)"
PATTERNS = ("*.tex",)

_CLASS_MARK_RE = re.compile(r"\\(?:cventry|cvitem|cvsection|cvlistitem|cvhonor|cvskill|moderncvstyle|makecvtitle"
                            r"|makecvheader)\b|\\documentclass(?:\[[^\]]*\])?\{(?:moderncv|awesome-cv)\}")
_LATEX_MARK_RE = re.compile(r"\\(?:documentclass|begin\{(?:document|itemize|enumerate|tabular)\}|section\*?\{"
                            r"|subsection\*?\{|item\b|textbf\{|hfill\b|usepackage)")
_CITE_RE = re.compile(r"\\(?:no|full|auto|paren|text|foot)?cite(?:[pt]|\w*)?\*?(?:\[[^\]]*\])*\{([^}]*)\}")
_BIB_RE = re.compile(r"\\(?:bibliography(?!style)\w*|addbibresource)(?:\[[^\]]*\])?\{([^}]*)\}")


def sniff(text: str, path: Path) -> float:
    """Sure when the CV classes' macros are there; likely for any LaTeX document with sections or lists."""
    head = text[:200_000]
    if _CLASS_MARK_RE.search(head):
        return 0.95
    marks = len(_LATEX_MARK_RE.findall(head))
    is_tex = str(path).lower().endswith(".tex")
    if "\\begin{document}" in head or marks >= 4:
        return 0.9
    if marks >= 1:
        return 0.6 if is_tex else 0.15
    return 0.3 if is_tex and "\\" in head else 0.0


def extract(text: str, path: Path) -> Profile:
    """The profile the LaTeX CV describes, with warnings at .tex lines. Pure except for reading the
    .bib and `\\input` files it names next to it."""
    shown = str(path)
    converted = latex_to_cv_text(text, path)
    profile = cv.extract("\n".join(converted.lines), path)
    _map_lines(profile, shown, converted.origins)
    _trust_entry_fields(profile, converted.places)
    profile.warnings[:0] = converted.warnings
    _read_cited_bibliography(text, path, converted.includes, profile)
    return profile


# --- the bibliography the CV cites ---------------------------------------------------------

def _read_cited_bibliography(text: str, path: Path, includes: list[tuple[str, str]], profile: Profile) -> None:
    """Publications of `\\bibliography{papers}` / `\\addbibresource{papers.bib}`: the entries `\\nocite`d or
    `\\cite`d (all of them for `\\nocite{*}`), read by the BibTeX extractor; a missing .bib is a warning."""
    documents = [(str(path), text), *includes]
    cited = {key.strip().lower() for _, doc in documents for m in _CITE_RE.finditer(uncommented(doc))
             for key in m[1].split(",")}
    for shown, doc in documents:
        for m in _BIB_RE.finditer(uncommented(doc)):
            line = doc.count("\n", 0, m.start()) + 1
            for name in filter(None, (n.strip() for n in m[1].split(","))):
                _read_bib(path, name, cited, shown, line, profile)


def _read_bib(path: Path, name: str, cited: set[str], shown: str, line: int, profile: Profile) -> None:
    bib = sibling_file(path, name, ".bib")
    if isinstance(bib, str):
        profile.warnings.append(Diagnostic(f"bibliography {name!r} not read: {bib}", shown, line,
                                           hint="put the .bib next to the .tex, or list it as a source of its own"))
        return
    if not cited:
        profile.warnings.append(Diagnostic(f"bibliography {bib.name!r} is named but nothing is cited; none of its "
                                           "entries were read", shown, line, hint="add \\nocite{*} to list them all"))
        return
    bib_text = bib.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    if "*" not in cited:
        bib_text = _only_cited(bib_text, cited)
    found = bibtex.extract(bib_text, bib)
    profile.publications += found.publications
    profile.warnings += found.warnings


def _only_cited(bib_text: str, cited: set[str]) -> str:
    """The .bib with the entries not cited blanked out (line numbers kept)."""
    starts = list(re.finditer(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^\s,{}()]*)", bib_text, re.M))
    pieces, kept_until = [], 0
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(bib_text)
        if start[1].lower() not in ("string", "preamble") and start[2].lower() not in cited:
            pieces += [bib_text[kept_until:start.start()], "\n" * bib_text.count("\n", start.start(), end)]
            kept_until = end
    return "".join(pieces) + bib_text[kept_until:]


def _trust_entry_fields(profile: Profile, places: dict[tuple[str, int], tuple[str, str]]) -> None:
    """A \\cventry names its organisation and place in their own arguments: where the CV rules took a
    place for the organisation (`NAVER AI Lab, Seongnam, S.Korea` → `S.Korea`), the arguments say better."""
    for item, attribute in [(p, "organization") for p in profile.positions] + [(e, "institution") for e in profile.education]:
        org, place = places.get((item.origin.path, item.origin.line), ("", "")) if item.origin else ("", "")
        if org and place and getattr(item, attribute) != org and getattr(item, attribute) in place:
            setattr(item, attribute, org)
            item.location = place
            if attribute == "organization" and item.unit and org in item.unit:
                item.unit = None


# --- line numbers back to the .tex -----------------------------------------------------------

def _map_lines(profile: Profile, shown: str, origins: list[tuple[str, int]]) -> None:
    """The CV rules number the written text's lines; point each origin and warning at its .tex line."""
    def where(line: int | None) -> tuple[str, int | None]:
        if line is None or not 1 <= line <= len(origins):
            return shown, line
        return origins[line - 1]

    for name in SECTIONS:
        for item in getattr(profile, name):
            origin = item.origin
            if origin is not None and origin.path == shown:
                (origin.path, start), (end_path, end) = where(origin.line), where(origin.end_line)
                origin.line, origin.end_line = start, end if end_path == origin.path else start
    for warning in profile.warnings:
        if warning.path == shown:
            warning.path, warning.line = where(warning.line)
