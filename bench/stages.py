"""Time each stage of one sitegen build, in-process, and print the times as JSON.

    python bench/stages.py SITE_DIR OUT_DIR

It calls the pipeline's own functions in the order `sitegen build` does
(config → profiles → graph → render → search index) without changing them:

- read:    `sitegen.sources.read_source` over every source (decode only);
- extract: `build_profiles` minus the read time (it reads each source again, from the page cache);
- graph:   `build_site_graph` (dedup, people, slugs, topics);
- render:  `render_site` minus the time spent in its file writes;
- write:   the file writes inside `render_site` (timed by wrapping `sitegen.render._write`
           and `_copy_static` when they exist; otherwise reported inside render);
- search:  `build_search_index` (Pagefind over the written pages).

The output folder is written directly (no staging folder and swap).
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from sitegen import render as render_module
from sitegen.config import load_config
from sitegen.graph import build_site_graph
from sitegen.profiles import build_profiles
from sitegen.render import render_site
from sitegen.search import build_search_index, shard_keys
from sitegen.sources import SourceError, read_source


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Pagefind): robust when the machine is busy."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@contextmanager
def timed_writes(totals: dict[str, float]):
    """Add the time spent in render's file-writing helpers to totals["write"]."""
    originals = {name: getattr(render_module, name) for name in ("_write", "_copy_static")
                 if callable(getattr(render_module, name, None))}

    def wrap(function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                totals["write"] += time.perf_counter() - start
        return timed

    for name, function in originals.items():
        setattr(render_module, name, wrap(function))
    try:
        yield bool(originals)
    finally:
        for name, function in originals.items():
            setattr(render_module, name, function)


def time_stages(site_dir: Path, out_dir: Path) -> dict:
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    marks = [cpu_seconds()]

    def cpu_mark(stage: str) -> None:
        marks.append(cpu_seconds())
        cpu[stage] = marks[-1] - marks[-2]

    clock = time.perf_counter()
    config = load_config(site_dir)
    times["config"] = time.perf_counter() - clock
    cpu_mark("config")

    clock = time.perf_counter()
    sources = [path for researcher in config.researchers for path in researcher.sources]
    for path in sources:
        try:
            read_source(path)
        except SourceError:
            pass
    times["read"] = time.perf_counter() - clock
    cpu_mark("read")

    clock = time.perf_counter()
    profiles, _ = build_profiles(config)
    times["extract"] = max(0.0, time.perf_counter() - clock - times["read"])
    cpu_mark("extract")
    cpu["extract"] = max(0.0, cpu["extract"] - cpu["read"])

    clock = time.perf_counter()
    site = build_site_graph(config, profiles)
    times["graph"] = time.perf_counter() - clock
    cpu_mark("graph")

    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    writes = {"write": 0.0}
    clock = time.perf_counter()
    with timed_writes(writes) as split:
        written = render_site(site, out_dir, config.site_dir)
    total = time.perf_counter() - clock
    times["render"] = total - writes["write"] if split else total
    times["write"] = writes["write"] if split else None
    cpu_mark("render_and_write")

    clock = time.perf_counter()
    indexed = build_search_index(out_dir, keys=shard_keys(site), jobs=os.cpu_count() or 1)
    times["search_index"] = time.perf_counter() - clock
    cpu_mark("search_index")
    return {
        "stages": times,
        "stages_cpu": cpu,
        "sources": len(sources),
        "members": len(site.members),
        "publications": len(site.publications),
        "people": len(site.people),
        "topics": len(site.topics),
        "pages": sum(1 for path in written if path.endswith(".html")),
        "files": len(written) + len(indexed),
        "listings": sum(len(p.publications) for p in profiles),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python bench/stages.py SITE_DIR OUT_DIR", file=sys.stderr)
        return 2
    print(json.dumps(time_stages(Path(args[0]), Path(args[1])), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
