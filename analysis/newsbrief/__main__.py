"""Command line for the Makefile: run a notebook, render the brief, write the manifest, verify,
fetch the catalog's pages, draft catalog entries.

Bad input ends with one readable message and exit status 2, never a traceback (DEBUG=1 shows it);
Ctrl-C prints `interrupted` and exits 130, the previous outputs left in place (writes are atomic).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from newsbrief.core.errors import InputError


def _elapsed(started: float) -> str:
    return f"({time.perf_counter() - started:.1f} s)"


def _run(args: argparse.Namespace, root: Path, started: float) -> int:
    from newsbrief.notebooks import NotebookFailed, execute_notebook, stage_log

    target = root / "build" / "notebooks" / args.notebook.name
    try:
        execute_notebook(args.notebook, target, cwd=root)
    except NotebookFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for line in stage_log(target):
        print(line)
    print(f"[notebook] {args.notebook.name} -> {target.relative_to(root)} {_elapsed(started)}")
    return 0


def _render(args: argparse.Namespace, root: Path, started: float) -> int:
    from newsbrief.render import render as render_brief

    result = render_brief(root / "report", engine=args.engine)
    print(
        f"[render] {result.engine}: {result.html.relative_to(root)} "
        f"({result.html.stat().st_size // 1024} KB), {result.pdf.relative_to(root)} "
        f"({result.pdf.stat().st_size // 1024} KB) {_elapsed(started)}"
    )
    return 0


def _manifest(args: argparse.Namespace, root: Path, started: float) -> int:
    from newsbrief.core import provenance, store

    data = provenance.manifest(root, provenance.software_versions())
    store.write_json(data, root / "build" / "manifest.json")
    print(
        f"[manifest] {len(data['files'])} input files hashed -> build/manifest.json "
        f"(digest {provenance.digest(data)[:12]}) {_elapsed(started)}"
    )
    return 0


def _verify(args: argparse.Namespace, root: Path, started: float) -> int:
    from newsbrief.core.provenance import verify

    differences = verify(root)
    if differences:
        print("verify: the rebuild differs from the current build:", file=sys.stderr)
        for line in differences:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(
        "[verify] a fresh rebuild matches build/data, report/_generated, brief.html and "
        f"brief.pdf byte for byte {_elapsed(started)}"
    )
    return 0


def _fetch(args: argparse.Namespace, root: Path, started: float) -> int:
    from newsbrief.ingest.fetch import fetch_catalog

    failed = [r for r in fetch_catalog(root / "seeds") if r.outcome == "failed"]
    return 1 if failed else 0


def _catalog(args: argparse.Namespace, root: Path, started: float) -> int:
    from newsbrief.ingest.draft import draft_catalog

    drafted = draft_catalog(root / "seeds")
    where = drafted.catalog.relative_to(root)
    if not drafted.added:
        print(f"[catalog] every article file has an entry in {where}; nothing to add")
        return 0
    print(f"[catalog] {len(drafted.added)} draft entries added to {where}:")
    for name in drafted.added:
        print(f"  {name}")
    print("[catalog] review them (every field says how it is known), then commit the catalog")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Path, float], int]] = {
    "run": _run,
    "render": _render,
    "manifest": _manifest,
    "verify": _verify,
    "fetch": _fetch,
    "catalog": _catalog,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m newsbrief")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="execute a numbered notebook into build/notebooks/")
    run.add_argument("notebook", type=Path)
    render = commands.add_parser("render", help="render report/brief.qmd to HTML and PDF")
    render.add_argument("--engine", choices=["auto", "quarto", "offline"], default="auto")
    commands.add_parser("manifest", help="write build/manifest.json (input hashes, tool versions)")
    commands.add_parser("verify", help="rebuild in a temporary copy and compare byte for byte")
    commands.add_parser("fetch", help="download the catalog's pages that are not in seeds/ yet")
    commands.add_parser("catalog", help="append a draft catalog entry for each unlisted article")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args, Path.cwd(), time.perf_counter())
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130  # 128 + SIGINT, as a shell reports a process Ctrl-C stopped
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # the last line of defence: a message, the traceback only on request
        if os.environ.get("DEBUG") == "1":
            traceback.print_exc()
        else:
            print(
                f"error: {type(err).__name__}: {err} (run with DEBUG=1 for the traceback)",
                file=sys.stderr,
            )
        return 1


if __name__ == "__main__":
    sys.exit(main())
