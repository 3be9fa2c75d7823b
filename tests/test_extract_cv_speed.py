"""Reading a CV takes time in proportion to its length: a CV eight times longer takes about
eight times as long, never the square of it (a 9.5 MB CV once took 147 s)."""
from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from sitegen.extract import cv

_SYLLABLES = "ka lo mi ra ten vo su ni der an bel cor hal jun pra sel tur wen zo fa".split()
_WORDS = ("robust sampling graph neural inference sparse learning adaptive kernel methods bayesian optimal "
          "transport causal discovery retrieval language models uncertainty calibration").split()


def _cv(entries: int, style: str, seed: int = 7) -> str:
    """A CV whose papers all differ (so no remembered answer makes a long list cheap)."""
    rnd = random.Random(seed)

    def name() -> tuple[str, str]:
        given = "".join(rnd.choice(_SYLLABLES) for _ in range(2)).capitalize()
        return given, "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(2, 3))).capitalize()

    lines = ["Jane Q. Example", "", "Education", "", "- 2010–2014 **Some University**, PhD in Physics", "",
             "Publications", ""]
    for i in range(entries):
        authors = [name() for _ in range(rnd.randint(2, 6))]
        title = " ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(4, 9))).capitalize()
        year = rnd.randint(2000, 2024)
        if style == "apa":  # one per line, no blank line between them (a PDF paste)
            names = ", ".join(f"{family}, {given[0]}." for given, family in authors)
            lines.append(f"{names} ({year}). {title}. Journal of Studies, {i % 90 + 1}(2), 1-9.")
        else:  # bold title, authors line, venue line
            lines += [f"- C.{i % 200 + 1} **{title}**", ", ".join(f"{g} {f}" for g, f in authors), f"NeurIPS {year}"]
    return "\n".join(lines + ["", "Awards", "", "- 2020 Best paper award"]) + "\n"


def _many_sections(copies: int) -> str:
    """A CV whose sections recur (a file of many CVs pasted together): thousands of headings."""
    block = ("## EDUCATION\n\n- 2010–2014 **Some University**, PhD in Physics\n\n"
             "## PUBLICATIONS\n\n#### A Study of Things\n\n- Published in Journal of Things (JOT 2020)\n\n"
             "## SERVICE\n\n- Reviewer for JOT\n\n")
    return "Jane Q. Example\n\n" + block * copies


def _seconds(text: str) -> float:
    started = time.process_time()
    cv.extract(text, Path("cv.txt"))
    return time.process_time() - started


@pytest.mark.parametrize("style", ["apa", "bold-title"])
def test_a_cv_eight_times_longer_takes_about_eight_times_as_long(style):
    small, large = _cv(1000, style), _cv(8000, style, seed=8)
    _seconds(_cv(50, style))  # warm up compiled patterns
    ratio = _seconds(large) / max(_seconds(small), 1e-3)
    assert ratio < 12, f"reading time grew {ratio:.0f}x for 8x the entries"


def test_a_cv_with_eight_times_the_sections_takes_about_eight_times_as_long():
    _seconds(_many_sections(20))
    ratio = _seconds(_many_sections(4000)) / max(_seconds(_many_sections(500)), 1e-3)
    assert ratio < 12, f"reading time grew {ratio:.0f}x for 8x the sections"
