"""Executes the numbered notebooks with nbclient into build/notebooks/, never editing them in place.

A failing cell becomes a short message (the package's InputError as written) instead of a traceback.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from newsbrief.core.store import write_text


class NotebookFailed(Exception):
    """A notebook stopped; the message is what the user needs, without the kernel's traceback."""


def execute_notebook(notebook: Path, executed: Path, cwd: Path, timeout: int = 1200) -> Path:
    """Run `notebook` with the current interpreter's kernel, cwd at `cwd`, save to `executed`."""
    nb = nbformat.read(notebook, as_version=4)
    # IPC sockets in a private temporary folder: the kernel never listens on a network port.
    with tempfile.TemporaryDirectory(prefix="newsbrief-kernel-") as sockets:
        manager = KernelManager(
            kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel")
        )
        client = NotebookClient(
            nb,
            km=manager,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(cwd)}},
        )
        _run(client, nb, notebook, executed)
    for cell in nb.cells:
        # Execution timestamps would make every rebuild differ; outputs stay for readers.
        cell.get("metadata", {}).pop("execution", None)
    write_text(executed, nbformat.writes(nb))
    return executed


def _run(client: NotebookClient, nb: nbformat.NotebookNode, notebook: Path, executed: Path) -> None:
    try:
        # The kernel's own chatter (shutdown notices) is not the build's log; cell output is kept.
        client.execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except CellExecutionError as err:
        # Keep the partly executed copy for whoever debugs it, under a name make never trusts.
        write_text(executed.with_suffix(".failed.ipynb"), nbformat.writes(nb))
        if err.ename == "InputError":
            raise NotebookFailed(err.evalue) from None
        detail = f"{err.ename}: {err.evalue}" if os.environ.get("DEBUG") != "1" else str(err)
        raise NotebookFailed(
            f"{notebook}: a cell failed ({detail}). Run with DEBUG=1 for the "
            f"traceback, or open {executed.with_suffix('.failed.ipynb')}"
        ) from None


def stage_log(executed: Path) -> list[str]:
    """The one-line stage reports ("[stage] ...") a notebook printed, for the make log."""
    nb = nbformat.read(executed, as_version=4)
    return [
        line
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("name") == "stdout"
        for line in output.get("text", "").splitlines()
        if line.startswith("[")
    ]
