"""The one figure style of the brief: print-size fonts, a colour-blind-safe palette, vector output.

Every figure module calls `apply()` and `save()`, so all figures look and embed alike.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from newsbrief.core.store import write_text

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency, and in greyscale print by the markers that go with them.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
WIDTH_IN = 6.3  # A4 text width with 2.4 cm margins


def apply() -> None:
    plt.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.titlesize": 10,
            "axes.labelsize": 9,
            "xtick.labelsize": 8,
            "ytick.labelsize": 8,
            "legend.fontsize": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": False,
            "svg.fonttype": "path",
            "svg.hashsalt": "newsbrief",
            "figure.dpi": 100,
        }
    )


def source_line(ax: Axes, text: str) -> None:
    """The figure's source, just under the x-axis label, so rotated tick labels never cover it."""
    ax.annotate(
        text,
        xy=(0, 0),
        xycoords=ax.xaxis.label,
        xytext=(0, -6),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=7,
        color="#444444",
    )


def save(fig: Figure, path: Path) -> Path:
    """SVG without a timestamp, so rebuilds are byte-identical; Typst and HTML both embed it."""
    import io

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    return write_text(path, buffer.getvalue())
