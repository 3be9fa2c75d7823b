"""Charts drawn at build time as inline SVG: publications per year and a co-author network.

Only geometry is computed here (coordinates rounded to one decimal); the
templates write the SVG elements and the stylesheet colours them, so the charts
follow light and dark mode and print in black. No chart library, no script.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from sitegen.model import Member
from sitegen.views import CoAuthor, SiteIndex, publication_year

BAR_WIDTH, BAR_GAP, CHART_HEIGHT, LABEL_SPACE = 22, 6, 90, 18
GRAPH_SIZE, GRAPH_RADIUS, GRAPH_PEOPLE = 360, 118, 12


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    height: float
    count: int
    year: int
    label: Optional[str]  # the year under the bar, or None where labels would crowd
    cx: float  # the bar's centre, where its texts are anchored
    value_y: float  # the count's baseline: inside a tall bar, above a short one
    value_inside: bool


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int  # of the drawing area, year labels included
    bar_width: int
    baseline: int
    label_y: int
    bars: tuple[Bar, ...]
    summary: str  # "2019: 2, 2020: 5, …" for screen readers


def publications_per_year(member: Member, index: SiteIndex) -> Optional[BarChart]:
    """One bar per year from the first to the last (empty years included); None with fewer than two years."""
    years = Counter(y for s in member.publication_slugs if s in index.publications
                    and (y := publication_year(index.publications[s].record)))
    if len(years) < 2:
        return None
    first, last = min(years), max(years)
    span = list(range(first, last + 1))
    top = max(years.values())
    bar_width = max(BAR_WIDTH, min(44, 340 // len(span) - BAR_GAP))  # a few years get wider bars
    step = bar_width + BAR_GAP
    every = max(1, math.ceil(len(span) * 30 / 340))  # keep year labels about 30 units apart
    bars = []
    for number, year in enumerate(span):
        height = round(CHART_HEIGHT * years[year] / top, 1)
        top_y = round(CHART_HEIGHT - height, 1)
        label = "’" + str(year)[-2:] if len(span) > 8 else str(year)
        shown = number % every == 0 or year == last
        inside = height > 14
        bars.append(Bar(number * step, top_y, height, years[year], year, label if shown else None,
                        number * step + bar_width / 2, top_y + 12 if inside else top_y - 3, inside))
    summary = ", ".join(f"{y}: {years[y]}" for y in span if years[y])
    return BarChart(len(span) * step - BAR_GAP, CHART_HEIGHT + LABEL_SPACE, bar_width, CHART_HEIGHT,
                    CHART_HEIGHT + LABEL_SPACE - 3, tuple(bars), summary)


@dataclass(frozen=True, slots=True)
class Node:
    x: float
    y: float
    r: float
    label: str
    name: str
    count: int
    anchor: str  # text-anchor of the label: start, middle or end
    label_x: float
    label_y: float
    is_member: bool


@dataclass(frozen=True, slots=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    weight: float  # stroke width
    central: bool  # from the member in the middle


@dataclass(frozen=True, slots=True)
class CoAuthorGraph:
    size: int
    view_box: str  # wider than the circle, so labels at the sides fit
    centre: Node
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    count: int


def co_author_graph(member: Member, people: tuple[CoAuthor, ...], index: SiteIndex) -> Optional[CoAuthorGraph]:
    """The member in the middle, their most frequent co-authors on a circle; lines join people who wrote together."""
    shown = people[:GRAPH_PEOPLE]
    if len(shown) < 2:
        return None
    c = GRAPH_SIZE / 2
    top = max(p.count for p in shown)
    centre = Node(c, c, 16, _short(member.profile.name or member.slug), member.profile.name or member.slug,
                  len(member.publication_slugs), "middle", c, c + 32, True)
    nodes, positions = [], {}
    for number, person in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * number / len(shown)
        x, y = c + GRAPH_RADIUS * math.cos(angle), c + GRAPH_RADIUS * math.sin(angle)
        dx, dy = math.cos(angle), math.sin(angle)
        anchor = "middle" if abs(dx) < 0.3 else ("start" if dx > 0 else "end")
        r = 5 + 6 * person.count / top
        nodes.append(Node(round(x, 1), round(y, 1), round(r, 1), _short(person.name), person.name, person.count,
                          anchor, round(x + dx * (r + 5), 1), round(y + dy * (r + 5) + (4 if abs(dx) >= 0.3 else
                                                                                          (12 if dy > 0 else -6)), 1),
                          person.member is not None))
        positions[person.key] = (round(x), round(y))
    edges = [Edge(round(c), round(c), x, y, round(1 + 3 * p.count / top, 1), True) for p, (x, y) in zip(shown, positions.values())]
    edges += _shared_edges(member, index, positions)
    view_box = f"-80 -8 {GRAPH_SIZE + 160} {GRAPH_SIZE + 16}"
    return CoAuthorGraph(GRAPH_SIZE, view_box, centre, tuple(nodes), tuple(edges), len(shown))


def _shared_edges(member: Member, index: SiteIndex, positions: dict[str, tuple[float, float]]) -> list[Edge]:
    pairs: Counter[tuple[str, str]] = Counter()
    for slug in member.publication_slugs:
        pub = index.publications.get(slug)
        keys = sorted({a.person_key or a.name.casefold() for a in (pub.authors if pub else ())} & set(positions))
        pairs.update((a, b) for i, a in enumerate(keys) for b in keys[i + 1:])
    return [Edge(*positions[a], *positions[b], 1, False) for (a, b) in sorted(pairs)]


def _short(name: str) -> str:
    """A label that fits: the surname, with the first initial when there is one."""
    words = name.split()
    return f"{words[0][0]}. {words[-1]}" if len(words) > 1 else name
