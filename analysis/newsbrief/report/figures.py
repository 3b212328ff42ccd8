"""The brief's figures from the generated tables: corpus timeline, theme heatmap, promise timeline.

Pure functions from DataFrames to a saved SVG path; the style lives in style.py.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import cast

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from newsbrief.core.schema import Row, records
from newsbrief.report import style
from newsbrief.report.commitments import Commitment

MAX_ROWS = 40  # beyond this many articles or promises, figures aggregate or show the top items
ROW_PER_ARTICLE = 12  # up to this many articles the timeline gives each its own row


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _x(day: date) -> float:
    """A date as an x coordinate. Matplotlib converts dates through its units registry (which
    also sets the date axis); its stubs type coordinates as floats, so this only retypes."""
    return cast(float, day)


def _month_ticks() -> mdates.DateFormatter:
    return mdates.DateFormatter("%Y-%m")  # type: ignore[no-untyped-call]  # matplotlib.dates


def article_order(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles by date, undated ones by their lower bound, unknown last; stable by id."""
    key = articles.apply(lambda r: r.date or r.date_min or "9999-12-31", axis=1)
    return articles.assign(_key=key).sort_values(["_key", "article_id"]).drop(columns="_key")


def article_label(row: pd.Series) -> str:
    """A short axis label: citekey and date, with inferred dates shown as a range."""
    if row.date:
        when = row.date
    elif row.date_min or row.date_max:
        when = f"{row.date_min or '?'}…{row.date_max or '?'} (inferred)"
    else:
        when = "date unknown"
    return f"{row.citekey}\n{when}"


def timeline(articles: pd.DataFrame, path: Path, source: str) -> Path:
    """When the articles appeared: a row per article for a few, stacked dots per month and a row
    per undated article for more, a histogram by month for many."""
    style.apply()
    ordered = article_order(articles)
    undated = int((ordered.date == "").sum() + (ordered.date_basis == "inferred").sum())
    if len(ordered) > MAX_ROWS or undated > ROW_PER_ARTICLE:
        return _timeline_histogram(ordered, path, source)
    if len(ordered) > ROW_PER_ARTICLE:
        return _timeline_dots(ordered, path, source)
    return _timeline_rows(ordered, path, source)


def _range_bar(ax: Axes, y: int, start: date, end: date) -> None:
    ax.plot(
        [_x(start), _x(end)],
        [y, y],
        "-",
        color=style.PALETTE["orange"],
        lw=5,
        alpha=0.8,
        solid_capstyle="butt",
    )


def _article_row(ax: Axes, y: int, article: Row, low: date, high: date) -> None:
    """One article: its stated date as a point, else its inferred range (an open end marked)."""
    stated, date_min, date_max = (_day(article.text(n)) for n in ("date", "date_min", "date_max"))
    if stated:
        ax.plot([_x(stated)], [y], "o", color=style.PALETTE["blue"], ms=6)
    elif date_min or date_max:
        _range_bar(ax, y, date_min or low, date_max or high)
        if not date_max:
            ax.annotate(
                "no upper bound →",
                xy=(date_min or low, y),
                xytext=(0, 7),
                textcoords="offset points",
                fontsize=7,
                color="#444444",
            )
    else:
        ax.text(_x(low), y, "  date unknown", va="center", fontsize=8, color=style.PALETTE["grey"])


def _timeline_rows(ordered: pd.DataFrame, path: Path, source: str) -> Path:
    """Publication dates as points, inferred dates as ranges (open ends as arrows)."""
    rows = records(ordered)
    days = [d for r in rows for n in ("date", "date_min", "date_max") if (d := _day(r.text(n)))]
    low = min(days) - timedelta(days=60) if days else date(2000, 1, 1)
    # Room on the right, so an open-ended range (no upper bound) shows as an arrow, not a stub.
    high = max(days) + timedelta(days=240) if days else date(2001, 1, 1)
    fig, ax = plt.subplots(figsize=(style.WIDTH_IN, 0.45 * len(ordered) + 1.2))
    for y, r in enumerate(rows):
        _article_row(ax, y, r, low, high)
    ax.set_yticks(range(len(ordered)), [r.text("citekey") for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(_x(low), _x(high))
    ax.xaxis.set_major_formatter(_month_ticks())
    ax.set_xlabel("Publication date (year-month)")
    ax.plot([], [], "o", color=style.PALETTE["blue"], label="stated date")
    ax.plot([], [], "-", color=style.PALETTE["orange"], lw=5, label="inferred range")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    fig.autofmt_xdate()
    style.source_line(ax, source)
    return style.save(fig, path)


def _stacked_dots(ax: Axes, dated: list[Row]) -> None:
    """Dated articles as dots, stacked in the middle of their month."""
    stacked: dict[str, int] = {}
    for r in dated:
        month = r.text("date")[:7]
        stacked[month] = stacked.get(month, 0) + 1
        ax.plot(
            [_x(date.fromisoformat(month + "-15"))],
            [stacked[month]],
            "o",
            ms=5,
            color=style.PALETTE["blue"],
        )
    most = max(stacked.values(), default=1)
    ax.set_ylim(0.3, most + 0.7)
    ax.set_yticks(range(1, most + 1))
    ax.set_ylabel("dated\n(per month)")


def _range_rows(ax: Axes, ranges: list[Row], low: date, high: date) -> None:
    """Each undated article on its own row: the range of dates its text allows."""
    for y, r in enumerate(ranges):
        _range_bar(ax, y, _day(r.text("date_min")) or low, _day(r.text("date_max")) or high)
    ax.set_yticks(range(len(ranges)), [r.text("citekey") for r in ranges], fontsize=7)
    ax.set_ylim(len(ranges) - 0.5, -0.5)


def _timeline_dots(articles: pd.DataFrame, path: Path, source: str) -> Path:
    """Dated articles as dots stacked per month (top); each undated one as its own row with the
    range its text allows (below)."""
    rows = records(articles)
    dated = [r for r in rows if r.text("date") and r.text("date_basis") != "inferred"]
    ranges = [r for r in rows if r not in dated]
    days = [d for r in rows for n in ("date_min", "date_max") if (d := _day(r.text(n)))]
    low, high = min(days) - timedelta(days=45), max(days) + timedelta(days=120)
    fig, axes = plt.subplots(
        2 if ranges else 1,
        1,
        sharex=True,
        figsize=(style.WIDTH_IN, 1.5 + 0.28 * len(ranges)),
        gridspec_kw={"height_ratios": [1.3, 0.28 * len(ranges)]} if ranges else None,
        squeeze=False,
    )
    _stacked_dots(axes[0][0], dated)
    bottom = axes[-1][0]
    if ranges:
        _range_rows(bottom, ranges, low, high)
    bottom.set_xlim(_x(low), _x(high))
    bottom.xaxis.set_major_formatter(_month_ticks())
    bottom.set_xlabel(
        "Publication date (year-month); undated articles as the range their text allows"
    )
    style.source_line(bottom, source)
    return style.save(fig, path)


def _timeline_histogram(articles: pd.DataFrame, path: Path, source: str) -> Path:
    months = (
        pd.to_datetime(articles.date.where(articles.date != "", articles.date_min), errors="coerce")
        .dropna()
        .dt.to_period("M")
    )
    counts = months.value_counts().sort_index()
    fig, ax = plt.subplots(figsize=(style.WIDTH_IN, 2.8))
    ax.bar(
        [p.to_timestamp() for p in counts.index],
        counts.to_numpy(),
        width=25,
        color=style.PALETTE["blue"],
    )
    ax.set_ylabel("Articles per month (count)")
    ax.set_xlabel("Publication month (inferred dates at their lower bound)")
    style.source_line(ax, source)
    return style.save(fig, path)


def theme_heatmap(
    shares: pd.DataFrame,
    labels: list[str],
    theme_labels: dict[str, str],
    path: Path,
    source: str,
    xlabel: str = "Articles in order of publication (inferred dates as ranges)",
) -> Path:
    """Themes × articles (or months): share of an article's sentences carrying each theme. The
    themes are `theme_labels`' keys, in the codebook's order."""
    style.apply()
    themes = list(theme_labels)
    values = shares.reindex(index=themes).fillna(0.0).to_numpy() * 100
    fig, ax = plt.subplots(figsize=(style.WIDTH_IN, min(3.4 + 0.1 * len(labels), 4.2)))
    image = ax.imshow(values, aspect="auto", cmap="cividis", vmin=0, vmax=max(50.0, values.max()))
    ax.set_yticks(range(len(themes)), [theme_labels[t] for t in themes])
    short = all(len(label) <= 8 for label in labels)  # years and months read level
    ax.set_xticks(
        range(len(labels)),
        labels,
        rotation=0 if short else 45,
        ha="center" if short else "right",
        fontsize=7,
    )
    for (i, j), value in np.ndenumerate(values):
        if len(labels) <= 12:
            ax.text(
                j,
                i,
                f"{value:.0f}",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if value < 30 else "black",
            )
    bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    bar.set_label("Sentences coded with the theme (% of the article's sentences)")
    ax.set_xlabel(xlabel)
    ax.spines[:].set_visible(False)
    style.source_line(ax, source)
    return style.save(fig, path)


# How each status is drawn among a commitment's reports: marker and colour (Okabe–Ito).
STATUS_MARKERS = {
    "happened": ("*", "green"),
    "postponed": ("x", "vermillion"),
    "cancelled": ("X", "vermillion"),
    "planned": ("s", "orange"),
    "proposed": ("D", "purple"),
    "under_discussion": ("o", "sky"),
}
STATUS_NAMES = {
    "happened": "reported done",
    "postponed": "postponed",
    "cancelled": "cancelled",
    "planned": "planned",
    "proposed": "proposed",
    "under_discussion": "under discussion",
}


def _span_of(commitment: Commitment) -> tuple[date, date]:
    """The axis: every report's (earliest) publication date, every promised date, the delivery."""
    done = commitment.delivery()
    days = [
        d
        for d in (
            *(_day(m.low) for m in commitment.mentions),
            *(_day(t) for m in commitment.promised_dates() for t in m.target()),
            *((_day(done.target()[0]) or _day(done.low),) if done else ()),
        )
        if d
    ]
    if not days:
        return date(2000, 1, 1), date(2001, 1, 1)
    low, high = min(days), max(days)
    pad = max(timedelta(days=30), (high - low) / 25)
    return low - pad, high + pad


def commitment_timeline(commitment: Commitment, path: Path, source: str) -> Path:
    """One commitment on one time axis: each promised date as a bar (top row), each report at
    its publication date by status (bottom row; undated reports hollow, with their range), and
    the delivery as a star."""
    style.apply()
    low, high = _span_of(commitment)
    fig, ax = plt.subplots(figsize=(style.WIDTH_IN, 1.2))
    for m in commitment.promised_dates():
        start, end = (_day(t) for t in m.target())
        if start:
            width = max(((end or start) - start).days, 4)
            ax.barh(1, width, left=_x(start), height=0.36, color=style.PALETTE["sky"])
            announced = _day(m.low)
            if announced:
                ax.plot([_x(announced), _x(start)], [0, 1], ":", lw=0.8, color="#666666")
    drawn: set[str] = set()
    for m in commitment.mentions:
        marker, colour = STATUS_MARKERS.get(m.status, ("s", "grey"))
        at, until = _day(m.low), _day(m.high)
        if at is None:
            continue
        dated = until == at
        if not dated:
            ax.plot(
                [_x(at), _x(until or high)],
                [0, 0],
                "-",
                lw=2,
                color=style.PALETTE[colour],
                alpha=0.35,
            )
        label = STATUS_NAMES.get(m.status, m.status) if m.status not in drawn else None
        drawn.add(m.status)
        ax.plot(
            [_x(at)],
            [0],
            marker,
            ms=7,
            color=style.PALETTE[colour],
            markerfacecolor=style.PALETTE[colour] if dated else "none",
            label=label,
        )
    done = commitment.delivery()
    if done is not None:
        when = _day(done.target()[0]) or _day(done.low)
        if when:
            ax.plot([_x(when)], [1], "*", ms=13, color=style.PALETTE["green"], label="delivery")
    ax.set_ylim(-0.6, 1.6)
    ax.set_yticks([0, 1], ["reports", "promised"])
    ax.set_xlim(_x(low), _x(high))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.plot([], [], "-", lw=6, color=style.PALETTE["sky"], label="promised date")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=6, frameon=False, fontsize=7)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    style.source_line(ax, source)
    return style.save(fig, path)
