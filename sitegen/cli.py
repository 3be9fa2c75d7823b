"""The `sitegen` command: build, extract, formats, serve.

Exit codes: 0 ok, 1 a problem with the user's input, 2 bad usage.
A user's mistake is a message naming the file (and line), never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import yaml

from sitegen import extract
from sitegen.model import Diagnostic, to_json
from sitegen.sources import SourceError, extract_profile

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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description="Static sites for researchers, from the documents they already have.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into a folder")
    build.add_argument("site_dir", nargs="?", default=".", type=Path, help="folder holding site.yaml (default: .)")
    build.add_argument("--out", type=Path, help="output folder (default: SITE_DIR/_site)")
    build.add_argument("--strict", action="store_true", help="exit 1 when there is any warning")
    build.add_argument("--force", action="store_true", help="replace an output folder that holds other files")
    build.set_defaults(run=_run_build)

    ext = commands.add_parser("extract", help="print one source's profile as JSON or YAML")
    ext.add_argument("source", type=Path)
    ext.add_argument("--name", help="the owner's name, when the document does not state it")
    ext.add_argument("--format", choices=("json", "yaml"), default="json", dest="output_format")
    ext.add_argument("--as", dest="source_format", metavar="FORMAT", help="read the source as this format instead of sniffing it")
    ext.set_defaults(run=_run_extract)

    fmts = commands.add_parser("formats", help="list the source formats sitegen reads")
    fmts.set_defaults(run=_run_formats)

    serve = commands.add_parser("serve", help="build the site and preview it in a browser")
    serve.add_argument("site_dir", nargs="?", default=".", type=Path)
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    serve.set_defaults(run=_run_serve)
    return parser


def _run_extract(args) -> int:
    if args.source_format and not extract.format_named(args.source_format):
        names = ", ".join(m.NAME for m in extract.formats())
        print(f"sitegen extract: unknown format {args.source_format!r} (formats: {names})", file=sys.stderr)
        return EXIT_USAGE
    profile = extract_profile(args.source, name=args.name or None, format_name=args.source_format)
    data = to_json(profile)
    if args.output_format == "yaml":
        sys.stdout.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    _print_diagnostics(profile.warnings)
    return EXIT_OK


def _run_formats(args) -> int:
    for module in extract.formats():
        print(f"{module.NAME:14} {module.DESCRIPTION}  [{', '.join(module.PATTERNS)}]")
    return EXIT_OK


def _run_build(args) -> int:
    from sitegen.build import OutputError, build_site
    from sitegen.config import ConfigError

    started = time.perf_counter()
    try:
        result = build_site(args.site_dir, args.out, force=args.force)
    except ConfigError as err:
        raise UserError(err.diagnostics) from None
    except OutputError as err:
        raise UserError([err.diagnostic]) from None
    _print_diagnostics(result.diagnostics)
    site = result.site
    seconds = time.perf_counter() - started
    print(f"{len(site.members)} researchers, {len(site.publications)} publications, "
          f"{len(site.topics)} topics → {_shown_path(result.out_dir)} ({seconds:.1f} s)")
    if result.has_errors:
        print("the site was built from the documents that could be read; fix the errors above", file=sys.stderr)
        return EXIT_INPUT
    if args.strict and result.diagnostics:
        print(f"--strict: {len(result.diagnostics)} warning(s)", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def _run_serve(args) -> int:
    from sitegen.serve import serve_site

    return serve_site(args.site_dir, host=args.host, port=args.port)


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
