"""The `sitegen` command: build, extract, formats, serve.

Exit codes: 0 ok, 1 a problem with the user's input, 2 bad usage.
A user's mistake is a message naming the file (and line), never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import yaml

from sitegen import extract
from sitegen.model import Diagnostic, to_json
from sitegen.sources import SourceError, extract_profile, owner_warning

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A problem with the user's input that stops the command; carries its Diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    previous = _stop_on_sigterm()
    try:
        return args.run(args)
    except SourceError as err:
        _print_diagnostics([err.diagnostic])
        return EXIT_INPUT
    except UserError as err:
        _print_diagnostics(err.diagnostics)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Terminated(BaseException):
    """SIGTERM arrived; raised so that every `finally`/cleanup on the way out runs (temp folders go)."""


def _stop_on_sigterm():
    """Turn SIGTERM into Terminated; returns the handler it replaced (None when it cannot be set)."""
    def stop(signum, frame):
        raise Terminated()

    if threading.current_thread() is not threading.main_thread():  # handlers can only be set there
        return None
    return signal.signal(signal.SIGTERM, stop)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description="Static sites for researchers, from the documents they already have.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into a folder")
    build.add_argument("site_dir", nargs="?", default=".", type=Path, help="folder holding site.yaml (default: .)")
    build.add_argument("--out", type=Path, help="output folder (default: SITE_DIR/_site)")
    build.add_argument("--strict", action="store_true", help="exit 1 when there is any warning")
    build.add_argument("--force", action="store_true", help="replace an output folder that holds other files")
    build.add_argument("--base-url", help="the address the site is served from, e.g. https://user.github.io/lab/ "
                                          "(replaces base_url in site.yaml)")
    build.add_argument("--offline", action="store_true", help="do not fetch ORCID records; use the copies cached in .sitegen-cache/")
    build.add_argument("--jobs", "-j", type=_positive_int, default=os.cpu_count() or 1, metavar="N",
                       help="processes for reading sources and rendering pages (default: the number of CPUs)")
    build.add_argument("--no-cache", action="store_true",
                       help="read every source and render every page again (the cache is in SITE_DIR/.sitegen-cache)")
    build.add_argument("--quiet", "-q", action="store_true", help="no progress lines, only warnings and errors")
    build.set_defaults(run=_run_build)

    ext = commands.add_parser("extract", help="print one source's profile as JSON or YAML")
    ext.add_argument("source", type=Path)
    ext.add_argument("--name", help="the owner's name, when the document does not state it")
    ext.add_argument("--format", choices=("json", "yaml"), default="json", dest="output_format")
    ext.add_argument("--as", dest="source_format", metavar="FORMAT", help="read the source as this format instead of sniffing it")
    ext.set_defaults(run=_run_extract)

    check = commands.add_parser("check", help="show what was understood, merged and resolved, and every warning")
    check.add_argument("site_dir", nargs="?", default=".", type=Path)
    check.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    check.add_argument("--strict", action="store_true", help="exit 1 when there is any warning")
    check.add_argument("--offline", action="store_true", help="do not fetch ORCID records; use the copies cached in .sitegen-cache/")
    check.set_defaults(run=_run_check)

    fmts = commands.add_parser("formats", help="list the source formats sitegen reads")
    fmts.set_defaults(run=_run_formats)

    serve = commands.add_parser("serve", help="build the site and preview it in a browser")
    serve.add_argument("site_dir", nargs="?", default=".", type=Path, help="folder holding site.yaml (default: .)")
    serve.add_argument("--port", type=int, default=8000, help="port to serve on; 0 picks a free one (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1; 0.0.0.0 shows the preview to the network)")
    serve.add_argument("--open", action="store_true", dest="open_browser", help="open the site in a web browser")
    serve.set_defaults(run=_run_serve)

    publish = commands.add_parser("publish", help="build the site and commit it to a gh-pages branch, or copy it into a folder")
    publish.add_argument("site_dir", nargs="?", default=".", type=Path, help="folder holding site.yaml (default: .)")
    publish.add_argument("--from", dest="from_dir", type=Path, metavar="DIR", help="publish this built folder instead of building")
    publish.add_argument("--to", type=Path, metavar="DIR", help="copy the site into this folder, deleting files the site no longer has")
    publish.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    publish.add_argument("--branch", default="gh-pages", help="branch that receives the site (default: gh-pages)")
    publish.add_argument("--message", help="commit message (default: 'Publish site (sitegen)')")
    publish.add_argument("--dry-run", action="store_true", help="show what would be published or deleted; change nothing")
    publish.add_argument("--base-url", help="the address the site is served from (replaces base_url in site.yaml)")
    publish.set_defaults(run=_run_publish)

    new = commands.add_parser("new", help="start a new site in an empty folder")
    new.add_argument("site_dir", type=Path, metavar="DIR")
    new.add_argument("--name", help="your full name, for the example CV and the site's title")
    new.set_defaults(run=_run_new)

    imp = commands.add_parser("import", help="write a site.yaml for an existing Hugo Blox, al-folio or academicpages site")
    imp.add_argument("site_dir", type=Path, metavar="PATH", help="the existing site's folder")
    imp.add_argument("--out", type=Path, help="where to write site.yaml (default: PATH/site.yaml)")
    imp.set_defaults(run=_run_import)
    return parser


def _run_extract(args) -> int:
    if args.source_format and not extract.format_named(args.source_format):
        names = ", ".join(m.NAME for m in extract.formats())
        print(f"sitegen extract: unknown format {args.source_format!r} (formats: {names})", file=sys.stderr)
        return EXIT_USAGE
    profile = extract_profile(args.source, name=args.name or None, format_name=args.source_format)
    unnamed = owner_warning(profile, args.source)
    if unnamed:
        profile.warnings.append(unnamed)
    data = to_json(profile)
    if args.output_format == "yaml":
        sys.stdout.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    _print_diagnostics(profile.warnings)
    return EXIT_INPUT if any(d.level == "error" for d in profile.warnings) else EXIT_OK


def _run_check(args) -> int:
    from sitegen.build import load_site
    from sitegen.check import check_report, format_report
    from sitegen.config import ConfigError, load_config
    from sitegen.orcid_fetch import refresh_orcid_cache

    _print_diagnostics(refresh_orcid_cache(args.site_dir, offline=args.offline))
    try:
        config = load_config(args.site_dir)
    except ConfigError as err:
        raise UserError(err.diagnostics) from None
    site, diagnostics = load_site(config)
    report = check_report(site, diagnostics)
    if args.output_format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
        _print_diagnostics(diagnostics)
    if any(d.level == "error" for d in diagnostics) or (args.strict and diagnostics):
        return EXIT_INPUT
    return EXIT_OK


def _run_formats(args) -> int:
    for module in extract.formats():
        print(f"{module.NAME:14} {module.DESCRIPTION}  [{', '.join(module.PATTERNS)}]")
    return EXIT_OK


def _run_build(args) -> int:
    from sitegen.build import OutputError, build_site
    from sitegen.config import ConfigError

    from sitegen.orcid_fetch import refresh_orcid_cache
    from sitegen.progress import SILENT, Progress

    started = time.perf_counter()
    _print_diagnostics(refresh_orcid_cache(args.site_dir, offline=args.offline))
    progress = SILENT if args.quiet else Progress(sys.stderr)
    try:
        result = build_site(args.site_dir, args.out, force=args.force, jobs=args.jobs, use_cache=not args.no_cache,
                            progress=progress, base_url=args.base_url)
    except ConfigError as err:
        raise UserError(err.diagnostics) from None
    except OutputError as err:
        raise UserError([err.diagnostic]) from None
    finally:
        progress.close()
    _print_diagnostics(result.diagnostics)
    seconds = time.perf_counter() - started
    if result.unchanged:
        print(f"site unchanged → {_shown_path(result.out_dir)} ({seconds:.2f} s)")
    else:
        counts = result.counts
        print(f"{counts['members']} researchers, {counts['publications']} publications, {counts['topics']} topics "
              f"→ {_shown_path(result.out_dir)} ({seconds:.1f} s; {len(result.changed_pages):,} pages rendered)")
    if result.has_errors:
        print("the site was built from the documents that could be read; fix the errors above", file=sys.stderr)
        return EXIT_INPUT
    if args.strict and result.diagnostics:
        print(f"--strict: {len(result.diagnostics)} warning(s)", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def _positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _run_serve(args) -> int:
    from sitegen.serve import serve_site

    return serve_site(args.site_dir, host=args.host, port=args.port, open_browser=args.open_browser)


def _run_publish(args) -> int:
    from sitegen import publish

    try:
        with publish.built_site(args.site_dir, args.from_dir, args.base_url) as site:
            if site.build:
                _print_diagnostics(site.build.diagnostics)
            if args.to:
                target = publish.check_target_folder(args.to, args.site_dir, site.folder)
                plan = publish.plan_folder(site, target)
                for relative in plan.deletes:
                    print(f"{'would delete' if args.dry_run else 'delete'} {target / relative}")
                if not args.dry_run:
                    publish.sync_folder(site, plan)
                done = ("would write", "would delete") if args.dry_run else ("wrote", "deleted")
                print(f"{done[0]} {len(plan.writes)} file(s), {done[1]} {len(plan.deletes)}, "
                      f"{plan.unchanged} unchanged → {_shown_path(target)}")
                return EXIT_OK
            plan = publish.plan_branch(site, args.site_dir, args.remote, args.branch, dry_run=args.dry_run)
            if not plan.changed:
                print("site unchanged, nothing published")
            elif args.dry_run:
                base = f"on top of {plan.parent[:12]}" if plan.parent else "as its first commit"
                print(f"would commit {plan.files} files (tree {plan.tree[:12]}) to {plan.branch} {base} "
                      f"and push it to {plan.remote}")
            else:
                commit = publish.commit_and_push(plan, args.message or publish.DEFAULT_MESSAGE)
                print(f"published {plan.files} files: {plan.branch} is now {commit[:12]} on {plan.remote}")
    except publish.PublishError as err:
        raise UserError(err.diagnostics) from None
    return EXIT_OK


def _run_new(args) -> int:
    from sitegen.scaffold import ScaffoldError, create_site

    try:
        written = create_site(args.site_dir, args.name)
    except ScaffoldError as err:
        raise UserError([err.diagnostic]) from None
    for path in written:
        print(f"created {_shown_path(path)}")
    print(f"next: replace {_shown_path(args.site_dir / 'sources' / 'cv.md')} with your own CV, "
          f"then preview with `sitegen serve {_shown_path(args.site_dir)}`")
    return EXIT_OK


def _run_import(args) -> int:
    from sitegen.importer import LAYOUT_NAMES, SiteImportError, import_site

    try:
        site, written = import_site(args.site_dir, args.out)
    except SiteImportError as err:
        raise UserError([err.diagnostic]) from None
    _print_diagnostics(site.warnings)
    sources = sum(len(r.sources) for r in site.researchers)
    print(f"wrote {_shown_path(written)} for the {LAYOUT_NAMES[site.layout]} site: "
          f"{len(site.researchers)} researcher(s), {sources} source file(s)")
    out = "" if site.layout == "hugo-blox" else f" --out {_shown_path(written.parent / '_sitegen')}"  # _site is Jekyll's
    print(f"next: sitegen build {_shown_path(written.parent)}{out}")
    return EXIT_OK


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
