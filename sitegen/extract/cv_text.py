"""Inline Markdown in CV lines: the styled parts of a line and its plain text.

A CV converted from a PDF marks an entry's fields only by style - `**Org**, *Unit*,
City` - so the CV readers look at bold and italic parts before splitting on commas.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitegen.extract.links import strip_links

_BOLD_ITALIC_RE = re.compile(r"\*\*\*(.+?)\*\*\*|\*\*(.+?)\*\*|__(.+?)__|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)")
_LATEX_RE = re.compile(r"\$\\bullet\$|\\bullet|\$\s*[^$]*\$")
_HTML_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")
# Numbering and codes CVs put before an entry: `C.1`, `[3]`, `12.`, `(a)`, `P1`.
LABEL_RE = re.compile(r"^\s*(?:\[\s*[A-Za-z]{0,3}\s*\d{1,3}\s*\]|\(\s*(?:[a-z]|\d{1,3})\s*\)|[A-Z]{1,2}\.?\s?\d{1,3}\.?(?=\s)|\d{1,3}[.)](?=\s))\s*")


_ESCAPE_RE = re.compile(r"\\([\[\]()*_#&$%])")
_SPACE_BEFORE_PUNCTUATION_RE = re.compile(r"\s+([.,;:])(?=\s|$)")


@dataclass(frozen=True, slots=True)
class Part:
    text: str
    style: str  # bold, italic or plain


@lru_cache(maxsize=512)  # each reader of an entry asks for the same lines' words
def plain(text: str) -> str:
    """The words of a line: links reduced to labels, bold/italic markers and LaTeX bullets removed."""
    text = strip_links(text)
    text = _LATEX_RE.sub(lambda m: "" if "bullet" in m.group(0) else m.group(0), text)
    text = _HTML_TAG_RE.sub("", text)
    text = _BOLD_ITALIC_RE.sub(lambda m: next(g for g in m.groups() if g is not None), text)
    text = _ESCAPE_RE.sub(r"\1", text)
    text = " ".join(text.replace("**", "").split())
    return _SPACE_BEFORE_PUNCTUATION_RE.sub(r"\1", text)


def styled_parts(text: str) -> list[Part]:
    """The line cut into bold, italic and plain runs, in order (markers removed, links reduced)."""
    text = strip_links(text)
    parts: list[Part] = []
    last = 0
    for m in _BOLD_ITALIC_RE.finditer(text):
        if m.start() > last:
            parts.append(Part(text[last:m.start()], "plain"))
        inner = next(g for g in m.groups() if g is not None)
        style = "italic" if m.group(4) is not None or m.group(5) is not None else "bold"
        parts.append(Part(inner, style))
        last = m.end()
    if last < len(text):
        parts.append(Part(text[last:], "plain"))
    return [Part(plain(p.text), p.style) for p in parts if plain(p.text)]


def comma_parts(text: str) -> list[Part]:
    """Styled runs further cut at commas and ` | `, keeping each piece's style; empty pieces dropped.

    Commas inside parentheses stay (`Audio, Speech, and Language Processing (TASLP)` is not cut
    inside the brackets)."""
    pieces: list[Part] = []
    for part in styled_parts(text):
        for piece in _split_outside_brackets(part.text):
            piece = piece.strip(" .;:–—-")
            if piece:
                pieces.append(Part(piece, part.style))
    return pieces


def _split_outside_brackets(text: str) -> list[str]:
    out, depth, current = [], 0, []
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if depth == 0 and (char == "," or (char == "|" and text[i - 1:i] == " ")):
            out.append("".join(current))
            current = []
            continue
        current.append(char)
    out.append("".join(current))
    return out


def join_wrapped(texts: list[str]) -> str:
    """Lines of one paragraph as one text; a word a PDF hyphenated at the line end (`nano-` / `wires`)
    is made whole again."""
    joined = ""
    for text in (t.strip() for t in texts):
        if re.search(r"[a-z]-$", joined) and re.match(r"[a-z]", text):
            joined = joined[:-1] + text
        else:
            joined = f"{joined} {text}" if joined else text
    return joined


def strip_label(text: str) -> tuple[str | None, str]:
    """An entry's numbering (`C.1`, `[3]`) and the text after it."""
    m = LABEL_RE.match(text)
    if not m or m.end() == len(text):
        return None, text
    return m.group(0).strip(), text[m.end():]
