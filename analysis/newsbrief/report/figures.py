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

from newsbrief.core.schema import records
from newsbrief.report import style
from newsbrief.report.tables import parse_mentions

MAX_ROWS = 40  # beyond this many articles or promises, figures aggregate or show the top items


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
    """Publication dates as points, inferred dates as ranges (open ends as arrows)."""
    style.apply()
    ordered = article_order(articles)
    if len(ordered) > MAX_ROWS:
        return _timeline_histogram(ordered, path, source)
    rows = records(ordered)
    days = [
        d
        for r in rows
        for d in (_day(r.text("date")), _day(r.text("date_min")), _day(r.text("date_max")))
        if d
    ]
    low = min(days) - timedelta(days=60) if days else date(2000, 1, 1)
    # Room on the right, so an open-ended range (no upper bound) shows as an arrow, not a stub.
    high = max(days) + timedelta(days=240) if days else date(2001, 1, 1)
    fig, ax = plt.subplots(figsize=(style.WIDTH_IN, 0.45 * len(ordered) + 1.2))
    for y, r in enumerate(rows):
        stated, date_min, date_max = _day(r.text("date")), r.text("date_min"), r.text("date_max")
        if stated:
            ax.plot([_x(stated)], [y], "o", color=style.PALETTE["blue"], ms=6)
        elif date_min or date_max:
            start = _day(date_min) or low
            end = _day(date_max) or high
            ax.plot(
                [_x(start), _x(end)],
                [y, y],
                "-",
                color=style.PALETTE["orange"],
                lw=5,
                alpha=0.8,
                solid_capstyle="butt",
            )
            if not date_max:
                ax.annotate(
                    "no upper bound →",
                    xy=(start, y),
                    xytext=(0, 7),
                    textcoords="offset points",
                    fontsize=7,
                    color="#444444",
                )
        else:
            ax.text(
                _x(low), y, "  date unknown", va="center", fontsize=8, color=style.PALETTE["grey"]
            )
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
    shares: pd.DataFrame, labels: list[str], theme_labels: dict[str, str], path: Path, source: str
) -> Path:
    """Themes × articles (or months): share of an article's sentences carrying each theme. The
    themes are `theme_labels`' keys, in the codebook's order."""
    style.apply()
    themes = list(theme_labels)
    values = shares.reindex(index=themes).fillna(0.0).to_numpy() * 100
    fig, ax = plt.subplots(figsize=(style.WIDTH_IN, 3.4 + 0.1 * len(labels)))
    image = ax.imshow(values, aspect="auto", cmap="cividis", vmin=0, vmax=max(50.0, values.max()))
    ax.set_yticks(range(len(themes)), [theme_labels[t] for t in themes])
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=7)
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
    ax.set_xlabel("Articles in order of publication (inferred dates as ranges)")
    ax.spines[:].set_visible(False)
    style.source_line(ax, source)
    return style.save(fig, path)


def promise_timeline(promises: pd.DataFrame, path: Path, source: str) -> Path:
    """Per commitment: when it was announced, the target it was given, later mentions, and done."""
    style.apply()
    rated = promises[promises.verdict != "Not Yet Rated"]
    rows = (rated if not rated.empty else promises).head(MAX_ROWS)
    fig, ax = plt.subplots(figsize=(style.WIDTH_IN, 0.55 * max(len(rows), 1) + 1.4))
    status_marker = {
        "happened": ("*", style.PALETTE["green"]),
        "postponed": ("x", style.PALETTE["vermillion"]),
        "cancelled": ("X", style.PALETTE["vermillion"]),
    }
    for y, r in enumerate(records(rows)):
        announced = _day(r.text("first_date"))
        target_start, target_end = _day(r.text("target_start")), _day(r.text("target_end"))
        if target_start and target_end:
            ax.plot(
                [_x(target_start), _x(target_end)],
                [y, y],
                "-",
                lw=6,
                color=style.PALETTE["sky"],
                solid_capstyle="butt",
            )
        if announced:
            ax.plot([_x(announced)], [y], "o", color=style.PALETTE["blue"], ms=6)
        mentions = parse_mentions(r.text("mentions"))
        # Many mentions share a marker: each distinct one is drawn once, by month when there are
        # more mentions than a row can show apart (a large corpus), so the figure stays small.
        by_month = len(mentions) > MAX_ROWS
        points = sorted(
            {
                (low[:7] + "-01" if by_month else low, status, low == high)
                for _, status, low, high in mentions
                if low
            }
        )
        for low, status, dated in points:
            marker, colour = status_marker.get(status, ("s", style.PALETTE["orange"]))
            # An undated article is drawn at its earliest possible date, hollow.
            ax.plot(
                [_x(date.fromisoformat(low))],
                [y],
                marker,
                color=colour,
                ms=6,
                markerfacecolor=colour if dated else "none",
            )
        done = _day(r.text("done_date"))
        if done:
            ax.plot([_x(done)], [y], "*", color=style.PALETTE["green"], ms=10)
    ax.set_yticks(range(len(rows)), [str(label) for label in rows.label])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(_month_ticks())
    ax.set_xlabel("Date (year-month)")
    handles = [
        ax.plot([], [], "o", color=style.PALETTE["blue"], label="announced")[0],
        ax.plot([], [], "-", lw=6, color=style.PALETTE["sky"], label="announced target")[0],
        ax.plot([], [], "s", color=style.PALETTE["orange"], label="later mention, not done")[0],
        ax.plot([], [], "*", color=style.PALETTE["green"], ms=10, label="reported done")[0],
    ]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, frameon=False)
    fig.autofmt_xdate()
    style.source_line(ax, source)
    return style.save(fig, path)
