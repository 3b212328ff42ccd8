"""Executes the numbered notebooks with nbclient into build/notebooks/, never editing them in place.

A failing cell becomes a short message (the package's InputError as written) instead of a
traceback; Ctrl-C becomes KeyboardInterrupt, whatever the kernel and nbclient raised after it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import cast

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from newsbrief.core.store import write_text

# nbformat carries no type hints: its two entry points used here, with their types.
_read = cast("Callable[[Path, int], nbformat.NotebookNode]", nbformat.read)
_writes = cast("Callable[[nbformat.NotebookNode], str]", nbformat.writes)


class NotebookFailed(Exception):
    """A notebook stopped; the message is what the user needs, without the kernel's traceback."""


def execute_notebook(notebook: Path, executed: Path, cwd: Path, timeout: int = 1200) -> Path:
    """Run `notebook` with the current interpreter's kernel, cwd at `cwd`, save to `executed`."""
    nb = _read(notebook, 4)
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
        try:
            _run(client, nb, notebook, executed)
        except KeyboardInterrupt:
            # The kernel runs in a session of its own, which Ctrl-C does not reach.
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)
            raise
    for cell in nb.cells:
        # Execution timestamps would make every rebuild differ; outputs stay for readers.
        cell.get("metadata", {}).pop("execution", None)
    write_text(executed, _writes(nb))
    return executed


@contextmanager
def _interruptible() -> Iterator[list[bool]]:
    """Records a SIGINT that arrives outside nbclient's own handler (and raises KeyboardInterrupt,
    as Python does)."""
    received = [False]

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        received[0] = True
        signal.default_int_handler(signum, frame)

    try:
        previous = signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread: no handler can be set, nor is one needed
        yield received
        return
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous)


def _run(client: NotebookClient, nb: nbformat.NotebookNode, notebook: Path, executed: Path) -> None:
    """Execute; after Ctrl-C, whatever nbclient raises is the interrupt, not a failed notebook.

    While it runs, nbclient answers SIGINT itself: it shuts the kernel down and drops its kernel
    manager (`client.km` becomes None, which nothing else does to a manager we own), and the cell
    under way then fails with an AssertionError in its message loop."""
    with _interruptible() as interrupted:
        try:
            _execute(client, nb, notebook, executed)
        except BaseException:
            if interrupted[0] or client.km is None:
                raise KeyboardInterrupt from None
            raise


def _execute(
    client: NotebookClient, nb: nbformat.NotebookNode, notebook: Path, executed: Path
) -> None:
    try:
        # The kernel's own chatter (shutdown notices) is not the build's log; cell output is kept.
        client.execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except CellExecutionError as err:
        if err.ename == "KeyboardInterrupt":
            raise KeyboardInterrupt from None  # the kernel was interrupted (SIGINT, or by a user)
        # Keep the partly executed copy for whoever debugs it, under a name make never trusts.
        write_text(executed.with_suffix(".failed.ipynb"), _writes(nb))
        if err.ename == "InputError":
            raise NotebookFailed(err.evalue) from None
        detail = f"{err.ename}: {err.evalue}" if os.environ.get("DEBUG") != "1" else str(err)
        raise NotebookFailed(
            f"{notebook}: a cell failed ({detail}). Run with DEBUG=1 for the "
            f"traceback, or open {executed.with_suffix('.failed.ipynb')}"
        ) from None


def stage_log(executed: Path) -> list[str]:
    """The one-line stage reports ("[stage] ...") a notebook printed, for the make log."""
    nb = _read(executed, 4)
    return [
        line
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("name") == "stdout"
        for line in output.get("text", "").splitlines()
        if line.startswith("[")
    ]
