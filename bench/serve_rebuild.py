"""Time `sitegen serve`'s rebuild after one source changes, in-process, and print the times as JSON.

    python bench/serve_rebuild.py SITE_DIR OUT_DIR [--repeat 5]

It does what the server does on a change (`serve.Preview.rebuild`, the same
BuildSession): one first build, then REPEAT times a new publication line in one
Markdown CV (replacing the previous one's) and a rebuild. The CV is restored afterwards. The edit-to-reload
time a user sees is this plus the browser's reload (livereload's poll and the
page load, a few hundred milliseconds).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

from sitegen.serve import Preview

HEADING = "## Publications\n\n"


def time_rebuilds(site_dir: Path, out_dir: Path, repeat: int) -> dict:
    shutil.rmtree(out_dir, ignore_errors=True)
    lines: list[str] = []
    preview = Preview(site_dir, out_dir, say=lambda *args, **kwargs: lines.append(" ".join(map(str, args))))
    clock = time.perf_counter()
    first = preview.rebuild([])
    first_s = time.perf_counter() - clock
    if not first.ok:
        return {"error": first.problems}
    cv = next(path for path in sorted((site_dir / "cv").glob("*.md")) if HEADING in path.read_text("utf-8"))
    original = cv.read_text(encoding="utf-8")
    times, patched = [], []
    try:
        for number in range(repeat):
            line = f"- A. Tester, B. Writer. A Study of Incremental Rebuilds, Part {number + 1}. NeurIPS, 2025.\n"
            cv.write_text(original.replace(HEADING, HEADING + line, 1), encoding="utf-8")
            clock = time.perf_counter()
            status = preview.rebuild([str(cv)])
            times.append(time.perf_counter() - clock)
            patched.append(preview.session.inputs.relinked)
            if not status.ok:
                return {"error": status.problems}
    finally:
        cv.write_text(original, encoding="utf-8")
        shutil.rmtree(out_dir, ignore_errors=True)
    return {"first_build_s": first_s, "rebuild_s": times, "median_s": statistics.median(times),
            "graph_patched": patched,  # each rebuild: the graph patched (relink.py), not linked in full
            "changed": cv.relative_to(site_dir).as_posix(), "lines": lines[1:]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(time_rebuilds(args.site_dir, args.out_dir, args.repeat), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
