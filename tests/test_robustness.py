"""Bad input end to end: messy articles are processed and reported; broken ones stop the build
with a message naming the file and the fix, no traceback, and the previous brief left in place.
The messy build runs with each renderer: offline, and a stand-in for Quarto on PATH. Ctrl-C stops
a run with `interrupted`, the previous outputs in place."""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, copy_project, run_make, visit
from pypdf import PdfReader

HOSTILE = (
    "Direct flights between Almaty and Lahore will begin in May <script>alert(1)</script> "
    "{{< include /etc/passwd >}} @tdi2023phonecall [x](javascript:alert(1)) "
    '$$\\input{/etc/passwd}$$ #import "x.typ" *bold* | a | b |.'
)
GERMAN = (
    "Die Regierung von Kasachstan und die Regierung von Pakistan haben sich getroffen. "
    "Sie sprachen über Zusammenarbeit, über Handel und über neue Flugverbindungen zwischen "
    "den Hauptstädten. Weitere Gespräche sollen im Herbst stattfinden, sagte ein Sprecher."
)


# Stands in for Quarto 1.10 (not installable here): renders with the offline engine in a scratch
# copy of report/, so report/_generated/ holds only what the analysis wrote, as with Quarto, and
# leaves behind what Quarto leaves: report/.quarto/ and report/.gitignore.
FAKE_QUARTO = f"""#!{sys.executable}
import shutil, sys, tempfile
from pathlib import Path
if sys.argv[1:] == ["--version"]:
    print("1.10.0")
    sys.exit(0)
from newsbrief.render.engine import render_offline
report = Path(sys.argv[2]).resolve().parent
with tempfile.TemporaryDirectory() as scratch:
    copy = Path(scratch) / "report"
    shutil.copytree(report, copy, ignore=shutil.ignore_patterns("_output", ".quarto"))
    render_offline(copy, report / "_output")
(report / ".quarto" / "xref").mkdir(parents=True, exist_ok=True)
(report / ".quarto" / "xref" / "brief").write_text("{{}}")
(report / ".gitignore").write_text("/.quarto/\\n")
"""


RENDER_ENV: dict[Path, dict[str, str]] = {}  # each messy build's environment, for a rebuild


def with_quarto(directory: Path) -> dict[str, str]:
    """An environment with the stand-in `quarto` first on PATH."""
    bin_dir = directory / "bin"
    bin_dir.mkdir()
    (bin_dir / "quarto").write_text(FAKE_QUARTO, encoding="utf-8")
    (bin_dir / "quarto").chmod(0o755)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


@pytest.fixture(scope="module", params=["offline", "quarto"])
def messy_project(request, tmp_path_factory):
    scratch = tmp_path_factory.mktemp(f"messy-{request.param}")
    env = with_quarto(scratch) if request.param == "quarto" else {}
    project = copy_project(scratch / "project")
    seeds = project / "seeds"
    (seeds / "090_hostile.txt").write_text(
        "Lahore, 2 May 2023 (Some Outlet): " + HOSTILE + "\n", encoding="utf-8"
    )
    bom_crlf = "\ufeffIslamabad – Trade between the two countries grew.\r\n"
    bom_crlf += "\r\nVisas will be eased.\r\n"
    (seeds / "091_bom_crlf.txt").write_bytes(bom_crlf.encode("utf-8"))
    (seeds / "092_german.txt").write_text(GERMAN + "\n", encoding="utf-8")
    (seeds / "093_future.txt").write_text(
        "date 2099-01-01 Trade grew between Kazakhstan and Pakistan.\n", encoding="utf-8"
    )
    shutil.copy(seeds / "000_84c7af0139430d5b.txt", seeds / "094_duplicate.txt")
    (seeds / "095_long_line.txt").write_text(
        ("Trade grew. " * 2000).strip() + "\n", encoding="utf-8"
    )
    (seeds / "096_nothing_coded.txt").write_text(
        "The weather was mild and the sky was blue.\n", encoding="utf-8"
    )
    result = run_make(project, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"[render] {'quarto' if env else 'pandoc+typst'}" in result.stdout
    RENDER_ENV[project] = env
    return project


def visible(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_messy_articles_are_processed_and_reported(messy_project):
    articles = pd.read_csv(
        messy_project / "build/data/articles.csv", dtype=str, keep_default_na=False
    )
    assert {
        "090_hostile",
        "091_bom_crlf",
        "092_german",
        "093_future",
        "095_long_line",
        "096_nothing_coded",
    } <= set(articles.article_id)
    assert "094_duplicate" not in set(articles.article_id)
    notes = " ".join(
        visible((messy_project / "report/_output/brief.html").read_text(encoding="utf-8")).split()
    )
    for expected in (
        "094_duplicate.txt has the same text",
        "does not look like English",
        "after the build date",
        "not in the catalog",
        "no sentence matches the codebook",
    ):
        assert expected in notes, expected


def test_the_methods_name_the_renderer_that_made_the_brief(messy_project):
    text = " ".join(
        visible((messy_project / "report/_output/brief.html").read_text(encoding="utf-8")).split()
    ).replace("’", "'")
    if RENDER_ENV[messy_project]:
        assert "This brief was rendered by Quarto 1.10.0" in text
    else:
        assert "This brief was rendered by the package's offline renderer" in text


def test_article_text_prints_literally_and_runs_nothing(messy_project):
    page = (messy_project / "report/_output/brief.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "javascript:" not in re.sub(r"&[^;]+;", "", "".join(re.findall(r'href="[^"]*"', page)))
    text = " ".join(visible(page).split())
    assert " ".join(HOSTILE.split()) in text


def test_article_text_runs_nothing_in_a_browser(messy_project, chromium):
    # The page's own scripts run (the tables are searchable); the article's never do, even when a
    # table search puts its row on screen.
    with visit(chromium, messy_project / "report/_output/brief.html") as seen:
        page = seen.page
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        shown = []
        for table in page.locator("div.searchable-table").all():
            table.locator(".dt-search input").fill("alert(1)")
            shown += table.locator("tbody tr").all_inner_texts()
        assert any("<script>alert(1)</script>" in row for row in shown)
        assert page.evaluate(
            "Array.from(document.scripts).every(s => !s.textContent.includes('alert(1)'))"
        )
        assert page.evaluate(
            "Array.from(document.querySelectorAll('*')).every(e => "
            "Array.from(e.attributes).every(a => !a.name.startsWith('on')))"
        )
        assert (seen.dialogs, seen.errors, seen.left_the_file) == ([], [], [])


def test_hostile_text_does_not_reach_typst_as_code(messy_project):
    # Markup run as code would vanish from the page (or stop the build): it prints as text. Spaces
    # are left out of the comparison, since the PDF's text breaks lines where it likes.
    reader = PdfReader(messy_project / "report/_output/brief.pdf")
    text = "".join("".join(page.extract_text() or "" for page in reader.pages).split())
    for literal in ('#import "x.typ"', "$$\\input{/etc/passwd}$$", "<script>alert(1)</script>"):
        assert "".join(literal.split()) in text, literal


def test_what_quarto_leaves_behind_is_neither_tracked_nor_compared(messy_project):
    if not RENDER_ENV[messy_project]:
        pytest.skip("only Quarto leaves report/.quarto/ and report/.gitignore")
    assert (messy_project / "report/.quarto").is_dir()
    assert (messy_project / "report/.gitignore").is_file()
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "report/.quarto/xref/brief", "report/.gitignore"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.split() == ["report/.quarto/xref/brief", "report/.gitignore"]
    result = run_make(messy_project, "verify", env=RENDER_ENV[messy_project])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("097_latin1.txt", "Caf\u00e9 in Lahore.\n".encode("cp1252"), "is not UTF-8"),
        ("098_empty.txt", b"", "is empty"),
        ("099_binary.txt", b"%PDF-1.7\n\x00\x01", "is a PDF"),
    ],
)
def test_a_broken_file_stops_the_build_with_a_clear_message(
    built_project, tmp_path, name, content, expected
):
    project = copy_project(tmp_path / "project")
    shutil.copytree(built_project / "build", project / "build")
    shutil.copytree(built_project / "report/_output", project / "report/_output")
    before = (project / "report/_output/brief.html").read_bytes()
    (project / "seeds" / name).write_bytes(content)
    result = run_make(project)
    assert result.returncode != 0
    assert (
        f"seeds/{name}" in result.stderr and expected in result.stderr and "Fix:" in result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert (project / "report/_output/brief.html").read_bytes() == before


def test_a_broken_catalog_names_its_line(built_project, tmp_path):
    project = copy_project(tmp_path / "project")
    catalog = project / "seeds/catalog.yml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("    date: 2023-03-23", "    date: 2023-13-45"),
        encoding="utf-8",
    )
    result = run_make(project)
    assert (
        result.returncode != 0
        and "seeds/catalog.yml:" in result.stderr
        and "YYYY-MM-DD" in result.stderr
    )
    assert "Traceback" not in result.stderr


# Ctrl-C -------------------------------------------------------------------------------------------


def _children(parent: int) -> dict[int, str]:
    """Command lines of the live processes whose parent is `parent` (Linux /proc)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent and fields[0] != "Z":
                cmdline = (stat.parent / "cmdline").read_bytes()
                found[int(stat.parent.name)] = cmdline.replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue  # ended while being read
    return found


def _kernels(pid: int) -> list[int]:
    """The notebook kernels `pid` or its children started."""
    family = [pid, *_children(pid)]
    return [k for p in family for k, cmd in _children(p).items() if "ipykernel" in cmd]


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _interrupt_once_the_kernel_runs(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run `command` in its own session, Ctrl-C it (SIGINT to its process group, as a terminal
    does) once the notebook's kernel has started, and wait for it to end."""
    env = {**os.environ, "PYTHONPATH": str(cwd / "analysis"), "PYTHONHASHSEED": "0"}
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not (kernels := _kernels(process.pid)):
        assert process.poll() is None and time.monotonic() < deadline, "no kernel started"
        time.sleep(0.02)
    time.sleep(0.3)  # into the first cells
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    # The kernel is shut down as the run ends; on a loaded machine that can take a few seconds.
    ended = time.monotonic() + 15
    while [k for k in kernels if _alive(k)] and time.monotonic() < ended:
        time.sleep(0.1)
    assert not [k for k in kernels if _alive(k)], "the kernel outlived the run"
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


@pytest.fixture()
def rebuilt_copy(built_project, tmp_path):
    """A built project whose corpus notebook must run again (a seed is newer than its output)."""
    project = copy_project(tmp_path / "project")
    for built in ("build", "report/_output", "report/_generated"):
        shutil.copytree(built_project / built, project / built)
    os.utime(project / "seeds" / "000_84c7af0139430d5b.txt")
    return project


def _outputs(project: Path) -> dict[str, bytes]:
    names = ["report/_output/brief.html", "report/_output/brief.pdf"]
    names += [f"build/notebooks/{p.name}" for p in (project / "build/notebooks").glob("*")]
    return {name: (project / name).read_bytes() for name in names}


def test_ctrl_c_during_a_notebook_says_interrupted_and_keeps_the_previous_outputs(rebuilt_copy):
    before = _outputs(rebuilt_copy)
    result = _interrupt_once_the_kernel_runs(
        [sys.executable, "-m", "newsbrief", "run", "analysis/01_corpus.ipynb"], rebuilt_copy
    )
    assert (result.returncode, result.stderr.strip().splitlines()) == (130, ["interrupted"])
    assert _outputs(rebuilt_copy) == before  # no partial or .failed notebook either


def test_ctrl_c_during_make_says_interrupted_and_keeps_the_previous_brief(rebuilt_copy):
    before = _outputs(rebuilt_copy)
    result = _interrupt_once_the_kernel_runs(
        ["make", f"VENV={sys.prefix}", "--no-print-directory"], rebuilt_copy
    )
    assert result.returncode != 0
    # make's own "Error 130" line aside ("make[1]: ***" when the tests run under make test).
    ours = [ln for ln in result.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\*", ln)]
    assert ours == ["interrupted"], result.stderr
    assert _outputs(rebuilt_copy) == before
