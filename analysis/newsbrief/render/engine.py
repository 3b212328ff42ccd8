"""Rendering: report/brief.qmd plus report/_generated/ into report/_output/brief.{html,pdf}.

Runs `quarto render` when Quarto is installed; otherwise Pandoc (pypandoc-binary) and Typst (the
typst wheel).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from newsbrief.core.errors import InputError
from newsbrief.render.interactive import ASSETS, write_include

_INCLUDE = re.compile(r"\{\{<\s*include\s+(?P<path>[^\s>]+)\s*>\}\}")
# Quarto's pagebreak shortcode: a Typst page break, nothing in HTML (raw blocks of another format
# are dropped by each writer).
_PAGEBREAK = re.compile(r"^\{\{<\s*pagebreak\s*>\}\}\s*$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)
LUA_FILTER = ASSETS / "quarto_compat.lua"
# The offline HTML's page theme (type, measure, the table of contents beside the text, print);
# under Quarto its own theme does this. report/style.css, for both, comes after it.
THEME = ASSETS / "brief.css"
_RUN_MAKE = "run `make` so the analysis generates it"


@dataclass(frozen=True)
class RenderResult:
    html: Path
    pdf: Path
    engine: str  # quarto | pandoc+typst


def expand_includes(text: str, base: Path, root: Path, depth: int = 0) -> str:
    """Quarto's include shortcode, resolved relative to `base` and confined to `root`."""
    if depth > 8:
        raise InputError(base, "includes nest deeper than 8 levels", "remove the include cycle")

    def replace(match: re.Match[str]) -> str:
        target = (base / match["path"]).resolve()
        if not target.is_relative_to(root.resolve()):
            raise InputError(
                base,
                f"includes {match['path']}, which is outside {root}",
                "include only files inside the report folder",
            )
        if not target.exists():
            raise InputError(
                target,
                "is included by the brief but does not exist",
                _RUN_MAKE,
            )
        return expand_includes(target.read_text(encoding="utf-8"), target.parent, root, depth + 1)

    return _INCLUDE.sub(replace, text)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match["yaml"]) or {}, text[match.end() :]


def _atomic(outputs: dict[Path, Callable[[Path], None]]) -> None:
    """Let each producer write a temporary file beside its target; once all are written, move
    them into place. An error or Ctrl-C on the way leaves every previous output as it was."""
    temporaries: dict[Path, Path] = {}
    try:
        for target, produce in outputs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            os.close(fd)
            temporaries[target] = Path(tmp_name)
            produce(temporaries[target])
            os.chmod(temporaries[target], 0o644)
        for target, tmp in temporaries.items():
            os.replace(tmp, target)
    finally:
        for tmp in temporaries.values():
            tmp.unlink(missing_ok=True)


def _pandoc_metadata(meta: dict[str, Any], fmt: str, report_dir: Path) -> dict[str, Any]:
    """Front matter, metadata-files and format options flattened into Pandoc metadata."""
    merged: dict[str, Any] = {}
    project = report_dir / "_quarto.yml"
    files = list(meta.get("metadata-files") or [])
    if project.exists():
        project_meta = yaml.safe_load(project.read_text(encoding="utf-8")) or {}
        files = list(project_meta.get("metadata-files") or []) + files
    for name in files:
        path = report_dir / name
        if path.exists():
            merged.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    merged.update({k: v for k, v in meta.items() if k not in ("format", "metadata-files")})
    options = (meta.get("format") or {}).get(fmt) or {}
    merged.update(options)
    return merged


# Quarto's include options, each with the name of the file a `text:` item is written to.
INCLUDE_KEYS = {
    "include-in-header": "header",
    "include-before-body": "before-body",
    "include-after-body": "after-body",
}


def _include_args(fmt_meta: dict[str, Any], work: Path, report_dir: Path, fmt: str) -> list[str]:
    """Quarto's include-in-header, -before-body and -after-body (a file path, `file:` or `text:`
    items) as Pandoc's options of the same names."""
    args = []
    for key, stem in INCLUDE_KEYS.items():
        items = fmt_meta.get(key) or []
        for n, item in enumerate([items] if isinstance(items, str) else items):
            if isinstance(item, dict) and "text" in item:
                path = work / f"{stem}.{fmt}.{n}"
                path.write_text(item["text"], encoding="utf-8")
            else:
                path = report_dir / (item["file"] if isinstance(item, dict) else item)
                if not path.is_file():
                    raise InputError(path, f"is in brief.qmd's {key} but does not exist", _RUN_MAKE)
            args.append(f"--{key}={path}")
    return args


def _source_date() -> datetime | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), tz=UTC) if epoch else None


def render_offline(report_dir: Path, output_dir: Path) -> RenderResult:
    """Pandoc for HTML, Pandoc's Typst writer and the typst compiler for PDF."""
    import pypandoc
    import typst

    qmd = report_dir / "brief.qmd"
    meta, body = split_front_matter(qmd.read_text(encoding="utf-8"))
    body = _PAGEBREAK.sub(
        "```{=typst}\n#pagebreak()\n```", expand_includes(body, report_dir, report_dir)
    )
    work = report_dir / "_generated"
    write_include(work)
    source = work / "brief.offline.md"
    source.write_text(body, encoding="utf-8")
    html_meta = _pandoc_metadata(meta, "html", report_dir)
    typst_meta = _pandoc_metadata(meta, "typst", report_dir)

    def pandoc_args(fmt_meta: dict[str, Any], meta_file: Path) -> list[str]:
        meta_file.write_text(
            yaml.safe_dump(
                {
                    k: v
                    for k, v in fmt_meta.items()
                    if k not in ("toc", "css", "embed-resources", "filters", *INCLUDE_KEYS)
                },
                allow_unicode=True,
                sort_keys=True,
            ),
            encoding="utf-8",
        )
        fmt = "typst" if meta_file.name.startswith("meta.typst") else "html"
        args = [
            "--standalone",
            "--citeproc",
            f"--metadata-file={meta_file}",
            f"--lua-filter={LUA_FILTER}",
            # The format's own filters, after citeproc as Quarto runs them after "quarto".
            *(
                f"--lua-filter={report_dir / f}"
                for f in fmt_meta.get("filters", [])
                if f != "quarto"
            ),
            f"--resource-path={report_dir}",
            *_include_args(fmt_meta, work, report_dir, fmt),
        ]
        if fmt_meta.get("toc"):
            args.append("--toc")
        return args

    html_out = output_dir / "brief.html"
    pdf_out = output_dir / "brief.pdf"

    def write_html(tmp: Path) -> None:
        args = pandoc_args(html_meta, work / "meta.html.yml")
        if html_meta.get("embed-resources", True):
            args.append("--embed-resources")
        args.append(f"--css={THEME}")
        for css in (
            [html_meta["css"]]
            if isinstance(html_meta.get("css"), str)
            else html_meta.get("css") or []
        ):
            args.append(f"--css={report_dir / css}")
        pypandoc.convert_file(
            str(source),
            "html5",
            format="markdown",
            outputfile=str(tmp),
            extra_args=args,
            cworkdir=str(report_dir),
        )

    def write_pdf(tmp: Path) -> None:
        typ = work / "brief.typ"
        args = pandoc_args(typst_meta, work / "meta.typst.yml")
        # Without `smart`, Pandoc writes curly quotes as characters instead of leaving Typst to
        # guess them, which it gets wrong after a bracket ("[Title]'").
        pypandoc.convert_file(
            str(source),
            "typst-smart",
            format="markdown",
            outputfile=str(typ),
            extra_args=args,
            cworkdir=str(report_dir),
        )
        when = _source_date()
        typst.compile(
            str(typ),
            output=str(tmp),
            root=str(report_dir),
            ignore_system_fonts=True,
            timestamp=int(when.timestamp()) if when else None,
        )

    _atomic({html_out: write_html, pdf_out: write_pdf})
    return RenderResult(html=html_out, pdf=pdf_out, engine="pandoc+typst")


def render_with_quarto(report_dir: Path, output_dir: Path) -> RenderResult:
    """The renderer of record; Quarto writes into the project's output-dir (_output)."""
    write_include(report_dir / "_generated")
    for fmt in ("html", "typst"):
        subprocess.run(["quarto", "render", str(report_dir / "brief.qmd"), "--to", fmt], check=True)
    return RenderResult(
        html=output_dir / "brief.html", pdf=output_dir / "brief.pdf", engine="quarto"
    )


def _version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def renderer_note(engine: str) -> str:
    """The sentence of the brief's methods that says which renderer made it (Markdown)."""
    if engine == "quarto":
        return (
            f"This brief was rendered by Quarto {_version(['quarto', '--version'])} "
            "(`quarto render`), to HTML and to PDF through Typst.\n"
        )
    from importlib.metadata import version

    import pypandoc

    return (
        "This brief was rendered by the package's offline renderer, because Quarto was not on "
        f"the PATH: Pandoc {pypandoc.get_pandoc_version()} (pypandoc-binary) for the HTML, and "
        f"Pandoc's Typst writer with typst {version('typst')} for the PDF.\n"
    )


def render(report_dir: Path, *, engine: str = "auto") -> RenderResult:
    """Render with Quarto if it is on PATH (or asked for), else offline; the brief's methods
    name the renderer (report/_generated/renderer.md)."""
    output_dir = report_dir / "_output"
    use_quarto = engine == "quarto" or (engine == "auto" and shutil.which("quarto") is not None)
    note = renderer_note("quarto" if use_quarto else "pandoc+typst")
    (report_dir / "_generated").mkdir(parents=True, exist_ok=True)
    (report_dir / "_generated" / "renderer.md").write_text(note, encoding="utf-8")
    if use_quarto:
        return render_with_quarto(report_dir, output_dir)
    return render_offline(report_dir, output_dir)
