"""Linking the graph pauses Python's cycle collector and leaves it as it found it, even on an error;
what linking made is handed to the collector's oldest generation, and nobody else's frozen objects are touched."""
from __future__ import annotations

import gc
from pathlib import Path

import pytest

from sitegen import graph
from sitegen.config import ResearcherConfig, SiteConfig
from sitegen.graph import build_site_graph
from sitegen.model import Profile, Publication


def a_site() -> tuple[SiteConfig, list[Profile]]:
    profile = Profile(name="Ana Silva", publications=[Publication(title="Deep Nets for Fish", authors=["Ana Silva"])])
    researchers = [ResearcherConfig(sources=[], line=1, name="Ana Silva")]
    return SiteConfig(path=Path("site.yaml"), researchers=researchers), [profile]


def test_the_collector_is_paused_while_linking_and_running_again_after(monkeypatch):
    seen = []
    link = graph._link_graph
    monkeypatch.setattr(graph, "_link_graph", lambda *args: (seen.append(gc.isenabled()), link(*args))[1])
    assert gc.isenabled()
    site = build_site_graph(*a_site())
    assert seen == [False] and gc.isenabled() and len(site.publications) == 1
    assert gc.get_freeze_count() == 0  # the new objects were handed to the collector, not left frozen
    assert any(obj is site for obj in gc.get_objects(generation=2))


def test_objects_someone_else_froze_stay_frozen():
    mine = [["a container the collector tracks"]]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        build_site_graph(*a_site())
        # other threads may free a frozen object meanwhile (the count only goes down), but nothing was unfrozen
        # and the graph's objects were not frozen with them
        assert 0 < gc.get_freeze_count() <= frozen
        assert not any(obj is mine for obj in gc.get_objects())  # still in the permanent generation
    finally:
        gc.unfreeze()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        build_site_graph(*a_site())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_while_linking_turns_the_collector_back_on(monkeypatch):
    def broken(*args):
        raise RuntimeError("broken")

    monkeypatch.setattr(graph, "_link_graph", broken)
    with pytest.raises(RuntimeError):
        build_site_graph(*a_site())
    assert gc.isenabled()
