"""LaTeX as the Markdown-ish text the CV rules read, each written line with the .tex line it came from.

Parsed with pylatexenc; the CV classes' macros become CV lines before the rest is decoded:
`\\section{Education}` → `## Education`; moderncv's `\\cventry{2019--2023}{Ph.D.}{MIT}{Cambridge}{}{…}` and
awesome-cv's `\\cventry{Ph.D.}{MIT}{Cambridge}{2019--2023}{…}` → `- 2019–2023 **Ph.D.**, MIT, Cambridge` with
`  - …` details; `\\cvitem{Languages}{…}` → `- **Languages**: …`; `\\name`, `\\email`, `\\social[github]`
→ header lines (`Email: …`); `\\textbf`/`\\emph` → `**…**`/`*…*`; lists → `- ` bullets; table cells → one
line per row; `\\input{…}` → the file next to the .tex, written where the macro stands.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import (LatexCharsNode, LatexCommentNode, LatexEnvironmentNode, LatexGroupNode,
                                    LatexMacroNode, LatexMathNode, LatexSpecialsNode, LatexWalker,
                                    LatexWalkerError, get_default_latex_context_db)
from pylatexenc.macrospec import MacroSpec

from sitegen.model import Diagnostic

# Macros whose arguments are settings, not words: dropped with their arguments.
_DROPPED = {"documentclass": "[{", "usepackage": "[{", "color": "[{", "definecolor": "{{{", "colorlet": "{{",
            "vspace": "*{", "hspace": "*{", "setlength": "{{", "addtolength": "{{", "setcounter": "{{",
            "newcommand": "*{[[{", "renewcommand": "*{[[{", "providecommand": "*{[[{", "newenvironment": "*{[[{{",
            "renewenvironment": "*{[[{{", "geometry": "{", "pagestyle": "{", "thispagestyle": "{",
            "hypersetup": "{", "moderncvstyle": "{", "moderncvcolor": "{", "moderncvtheme": "[{",
            "includegraphics": "[{", "photo": "[[{", "photo*": "[[{", "fontsize": "{{", "bibliographystyle": "{",
            "label": "{", "ref": "{", "today": "", "rule": "[{{", "fontspec": "[{", "setmainfont": "[{",
            "colorbox": "{", "pagecolor": "{", "titleformat": "*{[{{{{[", "titlespacing": "*{{{{[",
            "setlist": "[{", "makecvtitle": "", "makecvheader": "[", "makecvfooter": "{{{", "maketitle": "",
            "printbibliography": "[", "bibliography": "{", "addbibresource": "[{", "nocite": "{",
            "cite": "[[{", "fullcite": "[[{", "citep": "[[{", "citet": "[[{", "footnote": "[{"}
_FORMATTING = {"textbf": "**", "textit": "*", "emph": "*", "textsl": "*"}
_SWITCHES = {"bf": "**", "bfseries": "**", "it": "*", "itshape": "*", "em": "*"}
_SECTION_LEVELS = {"section": "##", "cvsection": "##", "part": "##", "chapter": "##", "subsection": "###",
                   "cvsubsection": "###", "subsubsection": "###"}
_LISTS = {"itemize", "enumerate", "description", "cvitems", "compactitem", "compactenum", "thebibliography"}
_TABLES = {"tabular", "tabularx", "tabular*", "longtable", "tabu", "supertabular"}
_PROFILE_URLS = {"github": "https://github.com/{}", "linkedin": "https://www.linkedin.com/in/{}",
                 "twitter": "https://twitter.com/{}", "x": "https://x.com/{}", "gitlab": "https://gitlab.com/{}",
                 "orcid": "https://orcid.org/{}", "googlescholar": "https://scholar.google.com/citations?user={}",
                 "scholar": "https://scholar.google.com/citations?user={}",
                 "stackoverflow": "https://stackoverflow.com/users/{}", "researchgate": "https://www.researchgate.net/profile/{}"}
_HEADER_ONE_ARG = {"email": "Email", "homepage": "Website", "phone": "Phone", "mobile": "Phone", "address": "Address",
                   "extrainfo": None, "quote": None, "position": None, "title": None, "author": None,
                   "skype": "Skype", "born": "Born"}
_ACCENTS = set("cvuHkrdbt")  # `\\c{c}`, `\\v{s}`: letters with marks, decoded by pylatexenc
_LABELS = {"github": "GitHub", "orcid": "ORCID", "linkedin": "LinkedIn", "googlescholar": "Google Scholar",
           "scholar": "Google Scholar", "gitlab": "GitLab", "stackoverflow": "Stack Overflow"}
INCLUDE_LIMIT_BYTES = 2 * 1024 * 1024


@dataclass(slots=True)
class CvText:
    lines: list[str]
    origins: list[tuple[str, int]]  # (file, line) each written line came from
    warnings: list[Diagnostic]
    includes: list[tuple[str, str]]  # (file, text) of each `\\input` file read
    places: dict[tuple[str, int], tuple[str, str]]  # (file, line) of each \\cventry → its (organisation, place)


def latex_to_cv_text(text: str, path: Path) -> CvText:
    """The CV text a LaTeX document says, line by line with where each line came from. Never raises."""
    writer = _Writer(path)
    writer.convert(text, str(path))
    return CvText(writer.lines, writer.origins, writer.warnings, writer.includes, writer.places)


# --- LaTeX → CV text ---------------------------------------------------------------------

@dataclass(slots=True)
class _Source:
    shown: str
    offsets: list[int]  # where each line starts

    def line(self, pos: int | None) -> int:
        return bisect_right(self.offsets, pos or 0)


@dataclass
class _Writer:
    path: Path
    lines: list[str] = field(default_factory=list)
    origins: list[tuple[str, int]] = field(default_factory=list)  # (file, line) of each written line
    warnings: list[Diagnostic] = field(default_factory=list)
    includes: list[tuple[str, str]] = field(default_factory=list)  # (file, its text) read by \input
    places: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)
    buffer: list[str] = field(default_factory=list)
    buffer_origin: tuple[str, int] = ("", 0)
    depth: int = 0  # list nesting
    in_table: bool = False
    after_entry: bool = False  # the last thing written was a \cventry: a \cvitem under it is its detail
    awesome: bool = False  # awesome-cv's \cventry{role}{org}{location}{dates}{items} order
    first_name: str = ""
    source: _Source | None = None
    _l2t: LatexNodes2Text = field(default_factory=lambda: LatexNodes2Text(math_mode="text"))

    def convert(self, text: str, shown: str) -> None:
        self.awesome = self.awesome or bool(re.search(r"\\documentclass(?:\[[^\]]*\])?\{awesome-cv\}", text))
        outer, self.source = self.source, _Source(shown, [0] + [m.end() for m in re.finditer("\n", text)])
        try:
            nodes = LatexWalker(text, latex_context=_CONTEXT, tolerant_parsing=True).get_latex_nodes()[0]
        except (LatexWalkerError, RecursionError, IndexError, ValueError) as err:  # pylatexenc on broken LaTeX
            self.warnings.append(Diagnostic(f"LaTeX could not be parsed ({type(err).__name__}); read as plain text",
                                            shown, hint="check the braces and \\begin/\\end pairs"))
            for number, line in enumerate(text.split("\n"), 1):
                self.block(line, (shown, number))
            self.source = outer
            return
        self.warnings += _unbalanced_braces(text, shown)
        document = next((n for n in nodes if _is_env(n, "document")), None)
        try:
            if document is not None:
                self.walk(_header_nodes(nodes[:nodes.index(document)]))
                self.walk(document.nodelist)
            else:
                self.walk(nodes)
        except RecursionError:  # thousands of nested braces: what was written so far is kept
            self.warnings.append(Diagnostic("LaTeX nested too deeply; the rest was not read", shown, level="error"))
        self.end_line()
        self.source = outer

    # writing lines ----------------------------------------------------------------------

    def where(self, node) -> tuple[str, int]:
        return self.source.shown, self.source.line(getattr(node, "pos", 0))

    def add(self, text: str, node, pos: int | None = None) -> None:
        if not text:
            return
        if not self.buffer:
            self.buffer_origin = (self.source.shown, self.source.line(pos)) if pos is not None else self.where(node)
        self.buffer.append(text)

    def end_line(self) -> None:
        line = re.sub(r"[ \t\u00a0\u2002\u2003\u2009]+", " ", "".join(self.buffer)).rstrip()
        indent = re.match(r"^ *", "".join(self.buffer).replace("\u00a0", " "))[0] if line.lstrip() else ""
        self.buffer = []
        if line.strip(" -*•") or re.search(r"\w", line):
            self.lines.append(indent + line.lstrip())
            self.origins.append(self.buffer_origin)

    def block(self, text: str, where: tuple[str, int]) -> None:
        self.end_line()
        for line in text.split("\n"):
            self.lines.append(line)
            self.origins.append(where)

    # walking nodes ----------------------------------------------------------------------

    def walk(self, nodes) -> None:
        index = 0
        while index < len(nodes or []):
            index = self.node(nodes, index)

    def node(self, nodes, index: int) -> int:
        """Writes nodes[index]; returns the index of the next node to write."""
        node = nodes[index]
        if isinstance(node, LatexCharsNode):
            self.chars(node)
        elif isinstance(node, LatexGroupNode):
            self.group(node)
        elif isinstance(node, LatexEnvironmentNode):
            self.environment(node)
        elif isinstance(node, LatexMacroNode):
            return self.macro(node, nodes, index)
        elif isinstance(node, LatexSpecialsNode):
            self.add("  " if node.specials_chars == "&" and self.in_table else self.to_text(node), node)
        elif isinstance(node, LatexMathNode):
            self.add(self.to_text(node), node)
        return index + 1

    def chars(self, node) -> None:
        start = 0
        for number, paragraph in enumerate(re.split(r"(\n[ \t]*\n\s*)", node.chars)):
            if number % 2:
                self.end_line()  # a blank line ends a paragraph
            else:
                text = paragraph if self.buffer else paragraph.lstrip()
                self.add(text.replace("\n", " "), node, node.pos + start + len(paragraph) - len(text))
            start += len(paragraph)

    def group(self, node) -> None:
        first = next((n for n in node.nodelist if not _blank(n)), None)
        mark = _SWITCHES.get(first.macroname) if isinstance(first, LatexMacroNode) else None
        self.styled(mark, node.nodelist, node)

    def styled(self, mark: str | None, nodes, node) -> None:
        """Writes nodes, in `**bold**` or `*italic*` when `mark` says so and the text stays on one line."""
        if not mark:
            self.walk(nodes)
            return
        text = self.text_of(nodes)
        self.add(f"{mark}{text}{mark}" if text else "", node)

    def environment(self, node) -> None:
        name = node.environmentname
        if name in _LISTS:
            self.end_line()
            self.depth += 1
            self.walk(node.nodelist)
            self.end_line()
            self.depth -= 1
        elif name in _TABLES:
            self.end_line()
            outer, self.in_table = self.in_table, True
            self.walk(node.nodelist)
            self.end_line()
            self.in_table = outer
        elif name not in ("comment", "figure", "tikzpicture"):
            self.walk(node.nodelist)

    def macro(self, node, nodes, index: int) -> int:
        name = node.macroname
        args = _args(node)
        if name in _SECTION_LEVELS:
            self.block(f"{_SECTION_LEVELS[name]} {self.text_of(args[-1:])}", self.where(node))
            self.after_entry = False
        elif name in ("item", "bibitem"):
            self.end_line()
            label = self.text_of(args[:1]) if name == "item" else ""
            bullet = "  " * max(self.depth - 1, 0) + "- "
            self.add(bullet + (f"{label} " if label else ""), node)
        elif name in ("\\", "newline", "linebreak", "par", "cr", "tabularnewline"):
            self.end_line()
        elif name in _FORMATTING:
            self.styled(_FORMATTING[name], args[-1:], node)
        elif name in _SWITCHES:
            return index + 1  # `{\bf …}`: read by the group that holds it
        elif name == "href":
            url, label = args[-2:] if len(args) >= 2 else (args + [None, None])[:2]
            self.add(f"[{self.text_of([label])}]({_plain_arg(url)})" if label else _plain_arg(url), node)
        elif name == "url":
            self.add(_plain_arg((args or [None])[0]), node)
        elif name in ("input", "include", "subfile"):
            self.input_file((args or [None])[0], node)
        elif name in ("cventry", "address"):
            gathered, after = _gather(nodes, index + 1, 6 if name == "cventry" else 3)
            if name == "cventry":
                self.cv_entry(gathered, node)
            else:
                self.header("Address", ", ".join(filter(None, map(self.text_of_node, gathered))), node)
            return after
        elif name in _CV_ITEMS or name in _HEADER_MACROS:
            texts = [self.text_of_node(a) for a in args]
            if any(texts):  # a macro cut off before its arguments writes nothing
                (_CV_ITEMS.get(name) or _HEADER_MACROS[name])(self, name, texts, node)
        elif name in _DROPPED or name == "hfill":
            self.add(" " if name == "hfill" else "", node)
        elif name in ("LaTeX", "TeX"):
            self.add(name, node)
        elif name in ("cdotp", "cdot", "textbullet", "textbar"):
            self.add(" | " if name == "textbar" else " · ", node)
        elif args and name.isalpha() and name not in _ACCENTS:
            self.walk(args[-1:])  # \textsc{…}, \underline{…}, \mbox{…}, \textcolor{c}{…}: their last argument's words
        else:
            self.add(self.to_text(node), node)
        return index + 1

    # the CV classes' macros -------------------------------------------------------------

    def cv_entry(self, parts, node) -> None:
        texts = [self.text_of_node(p) for p in parts]
        if len(texts) == 5 or (self.awesome and len(texts) < 6):
            texts += [""] * (5 - len(texts))
            role, org, place, dates, details = texts[0], texts[1], texts[2], texts[3], parts[4:5]
            extra = ""
        else:
            texts += [""] * (6 - len(texts))
            dates, role, org, place, extra, details = texts[0], texts[1], texts[2], texts[3], texts[4], parts[5:6]
        place, extra, dates = (_unstyled(t) for t in (place, extra, dates))  # `\\textit{GPA 3.9}`: not a field of its own
        head = ", ".join(filter(None, [f"**{_unstyled(role)}**" if role else "", org, place, extra]))
        self.block(f"- {dates} {head}".replace("-  ", "- ").rstrip(), self.where(node))
        self.places[self.where(node)] = (_unstyled(org), place)
        self.write_details(details)
        self.after_entry = True

    def write_details(self, nodes) -> None:
        """An entry's description, as `  - ` lines under it."""
        sub = self.child()
        sub.walk(nodes)
        sub.end_line()
        for line, origin in zip(sub.lines, sub.origins):
            self.lines.append("  " + line if line.startswith(("- ", " ")) else "  - " + line)
            self.origins.append(origin)

    def cv_item(self, name: str, texts: list[str], node) -> None:
        if name in ("cvdoubleitem", "cvlistdoubleitem"):
            pairs = [texts[:2], texts[2:]] if name == "cvdoubleitem" else [[""] + texts[:1], [""] + texts[1:2]]
            for pair in pairs:
                self.cv_item("cvitem", pair, node)
            return
        if name == "cvlistitem":
            texts = ["", *texts]
        label, text = (texts + ["", ""])[:2]
        comment = texts[2] if name == "cvitemwithcomment" and len(texts) > 2 else ""
        text = f"{text} ({comment})" if comment else text
        if not label:
            line = f"- {text}"
        elif re.search(r"\d{4}", label):
            line = f"- {label} {text}"
        else:
            line = f"- **{label}**: {text}" if text else f"- {label}"
        if self.after_entry and label and not re.search(r"\d{4}", label):
            line = "  " + line.replace("**", "")  # `\cvitem{Thesis}{…}` under a \cventry: its detail
        self.block(line, self.where(node))

    def cv_honor(self, name: str, texts: list[str], node) -> None:
        award, event, place, date = (texts + [""] * 4)[:4]
        self.block(f"- {date} {', '.join(filter(None, [award, event, place]))}".replace("-  ", "- "), self.where(node))

    def cv_skill(self, name: str, texts: list[str], node) -> None:
        self.block(f"- {texts[0]}: {texts[1]}" if len(texts) > 1 else f"- {texts[-1]}", self.where(node))

    def header_macro(self, name: str, texts: list[str], node) -> None:
        texts = [t for t in texts if t] or [""]
        if name == "name":
            self.block(" ".join(filter(None, texts)), self.where(node))
        elif name == "firstname":
            self.first_name = texts[0]
        elif name == "familyname":
            self.block(" ".join(filter(None, [self.first_name, texts[0]])), self.where(node))
        elif name == "social" or name in _PROFILE_URLS:
            kind = (texts[0] if name == "social" and len(texts) > 1 else name).lower()
            account = texts[-1].lstrip("@")
            url = account if "://" in account else _PROFILE_URLS.get(kind, "{}").format(account)
            self.header(_LABELS.get(kind, kind.capitalize()), url, node)
        elif name == "homepage":
            self.header("Website", texts[0] if "://" in texts[0] else f"https://{texts[0]}", node)
        else:
            label = _HEADER_ONE_ARG.get(name)
            self.header(label, ", ".join(texts) if name == "address" else texts[-1], node)

    def header(self, label: str | None, text: str, node) -> None:
        if text.strip():
            self.block(f"{label}: {text}" if label else text, self.where(node))

    # helpers ----------------------------------------------------------------------------

    def child(self) -> "_Writer":
        return _Writer(self.path, source=self.source, awesome=self.awesome, warnings=self.warnings,
                       includes=self.includes, places=self.places)

    def text_of(self, nodes) -> str:
        sub = self.child()
        sub.in_table = self.in_table
        sub.walk([n for n in nodes if n is not None])
        sub.end_line()
        return " ".join(line.strip() for line in sub.lines)

    def text_of_node(self, node) -> str:
        return self.text_of(node.nodelist if isinstance(node, LatexGroupNode) else [node]) if node else ""

    def to_text(self, node) -> str:
        try:
            return self._l2t.nodelist_to_text([node])
        except (IndexError, KeyError, AttributeError, TypeError, ValueError, RecursionError):  # a macro without its arguments
            return ""

    def input_file(self, arg, node) -> None:
        """`\\input{sections/education}`: the file next to the .tex, written where the macro stands."""
        name = _plain_arg(arg)
        shown, line = self.where(node)
        if not name:
            return
        included = sibling_file(self.path, name, ".tex")
        if isinstance(included, str):
            self.warnings.append(Diagnostic(f"\\input{{{name}}} not read: {included}", shown, line,
                                            hint="put the file next to the .tex, or paste its text in"))
            return
        text = included.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        if len(self.includes) < 50 and all(included_shown != str(included) for included_shown, _ in self.includes):
            self.includes.append((str(included), text))
            self.end_line()
            self.convert(text, str(included))


_CV_ITEMS = {name: _Writer.cv_item for name in ("cvitem", "cvdoubleitem", "cvlistitem", "cvlistdoubleitem",
                                                "cvitemwithcomment")}
_CV_ITEMS |= {"cvhonor": _Writer.cv_honor, "cvskill": _Writer.cv_skill}
_HEADER_MACROS = {name: _Writer.header_macro for name in ("name", "firstname", "familyname", "social",
                                                          *_PROFILE_URLS, *_HEADER_ONE_ARG)}
_ARGS = {"name": "{{", "firstname": "{", "familyname": "{", "social": "[{", "phone": "[{", "mobile": "{",
         "email": "{", "homepage": "{", "extrainfo": "{", "quote": "{", "position": "{", "skype": "{",
         "born": "{", "googlescholar": "{{", "stackoverflow": "{{", "cventry": "[", "address": "",
         "cvitem": "[{{", "cvdoubleitem": "[{{{{", "cvlistitem": "[{", "cvlistdoubleitem": "[{{",
         "cvitemwithcomment": "[{{{", "cvhonor": "{{{{", "cvskill": "{{", "cvsection": "{", "cvsubsection": "{",
         "href": "[{{", "url": "{", "input": "{", "include": "{", "subfile": "{", "bibitem": "[{",
         "textcolor": "[{{", "multicolumn": "{{{", "underline": "{", "mbox": "{", "makebox": "[[{",
         "hbox": "{", "raisebox": "{[[{", "author": "{", "title": "[{", "fa": "{", "faicon": "{"}
_ARGS |= {name: "{" for name in _PROFILE_URLS if name not in _ARGS} | _DROPPED


def _context():
    db = get_default_latex_context_db()
    db.add_context_category("sitegen-cv", prepend=True,
                            macros=[MacroSpec(name, spec) for name, spec in _ARGS.items()])
    return db


_CONTEXT = _context()


def _is_env(node, name: str) -> bool:
    return isinstance(node, LatexEnvironmentNode) and node.environmentname == name


def _is_header_macro(node) -> bool:
    return isinstance(node, LatexMacroNode) and (node.macroname in _HEADER_MACROS or node.macroname in (
        "input", "address"))


def _header_nodes(preamble: list) -> list:
    """The preamble's header macros (`\\name`, `\\email`, …) and the groups after them; the rest is settings."""
    kept: list = []
    for node in preamble:
        follows = bool(kept) and kept[-1] is not None and (isinstance(node, LatexGroupNode) or _blank(node))
        kept.append(node if _is_header_macro(node) or follows else None)
    return [node for node in kept if node is not None]


def _blank(node) -> bool:
    return isinstance(node, LatexCommentNode) or (isinstance(node, LatexCharsNode) and not node.chars.strip())


def _args(node) -> list:
    parsed = getattr(node, "nodeargd", None)
    return [a for a in (getattr(parsed, "argnlist", None) or []) if a is not None and not _is_star(a)]


def _is_star(node) -> bool:
    return isinstance(node, LatexCharsNode) and node.chars == "*"


def _gather(nodes, start: int, most: int) -> tuple[list, int]:
    """The brace groups that follow a macro of variable arity (comments and spaces between them skipped)."""
    groups, index, after = [], start, start
    while index < len(nodes) and len(groups) < most:
        if isinstance(nodes[index], LatexGroupNode):
            groups.append(nodes[index])
            after = index + 1
        elif not _blank(nodes[index]):
            break
        index += 1
    return groups, after


def _unstyled(text: str) -> str:
    return re.sub(r"\*+", "", text).strip()


def _plain_arg(node) -> str:
    if node is None:
        return ""
    text = node.latex_verbatim()
    return text[1:-1].strip() if text.startswith("{") and text.endswith("}") else text.strip()


def sibling_file(tex: Path, name: str, suffix: str) -> Path | str:
    """The file `name` next to the .tex (`suffix` added when it has none), or why it cannot be read."""
    folder = tex.parent.resolve()
    candidate = tex.parent / name
    if not candidate.suffix:
        candidate = candidate.with_name(candidate.name + suffix)
    try:
        if not candidate.resolve().is_relative_to(folder):
            return "only files in the .tex's folder are read"
        if not candidate.is_file():
            return f"{candidate.name} not found next to the .tex"
        if candidate.stat().st_size > INCLUDE_LIMIT_BYTES:
            return "the file is too large"
    except (OSError, ValueError) as err:
        return f"cannot be read ({err})"
    return candidate


def _unbalanced_braces(text: str, shown: str) -> list[Diagnostic]:
    """A `{` never closed or a `}` never opened: LaTeX would stop there; we read on, and say where."""
    opened: list[int] = []
    for number, line in enumerate(uncommented(text).split("\n"), 1):
        for brace in re.findall(r"(?<!\\)[{}]", line):
            if brace == "{":
                opened.append(number)
            elif opened:
                opened.pop()
            else:
                return [Diagnostic("a '}' closes nothing; the text around it may be misread", shown, number,
                                   hint="check the braces on this line")]
    return [Diagnostic("a '{' is never closed; the text after it may be misread", shown, opened[0],
                       hint="check the braces on this line")] if opened else []


def uncommented(text: str) -> str:
    return re.sub(r"(?<!\\)%.*", "", text)
