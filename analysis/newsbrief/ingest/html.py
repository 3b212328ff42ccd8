"""Saved web pages: the article's text and metadata out of an .html file (trafilatura, htmldate).

The raw page stays the immutable input; the extracted text is what the later stages read and quote.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import htmldate
import trafilatura

from newsbrief.core.errors import InputError

# A charset declared in the page's own markup: <meta charset="x"> or the http-equiv form.
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SCAN_BYTES = 4096  # browsers look for the declaration in the first 1,024 bytes; pages vary
_SHORTEST_ARTICLE = 30  # characters: less than a sentence is a page without an article


@dataclass(frozen=True)
class Page:
    """What a saved page holds: the article's paragraphs (one per line) and its metadata."""

    text: str
    title: str
    date: date | None
    date_evidence: str
    sitename: str
    url: str
    author: str


def declared_charset(raw: bytes) -> str | None:
    """The encoding the page declares for itself, normalised by Python's codec registry."""
    found = _DECLARED.search(raw[:_SCAN_BYTES])
    if found is None:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_page(raw: bytes, path: str | Path) -> str:
    """The page as text: by its BOM, else its declared charset, else UTF-8 (or a clear error)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    charset = declared_charset(raw) or "utf-8"
    try:
        return raw.decode(charset)
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        declared = "its declared charset" if charset != "utf-8" else "UTF-8 (no charset declared)"
        raise InputError(
            path,
            f"cannot be decoded as {declared}: byte 0x{raw[err.start]:02x}",
            'save the page again, or add <meta charset="windows-1252"> (its real encoding)',
            line=line,
        ) from None


def read_page(raw: bytes, path: str | Path, latest: date) -> Page:
    """The article in a saved page. `latest` (the build date) caps the dates the page may give,
    so a clock in the page's scripts cannot date it in the future and two builds agree."""
    html = decode_page(raw, path)
    params = {"original_date": True, "max_date": latest.isoformat(), "extensive_search": False}
    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        date_extraction_params=params,
    )
    text = _paragraphs(getattr(extracted, "text", None) or "")
    if len(text) < _SHORTEST_ARTICLE:
        raise InputError(
            path,
            "has no article text (an index page, a login wall or an empty page?)",
            "save the article's own page, or copy its text into a .txt file",
        )
    when, evidence = _page_date(extracted, html, params)
    return Page(
        text=text,
        title=_clean(getattr(extracted, "title", None)),
        date=when,
        date_evidence=evidence,
        sitename=_clean(getattr(extracted, "sitename", None)),
        url=_clean(getattr(extracted, "url", None)),
        author=_clean(getattr(extracted, "author", None)),
    )


def _paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _page_date(extracted: object, html: str, params: dict[str, object]) -> tuple[date | None, str]:
    found = getattr(extracted, "date", None)
    source = "the page's metadata (trafilatura)"
    if not found:
        found = htmldate.find_date(html, **params)  # type: ignore[arg-type]
        source = "the page (htmldate)"
    if not found:
        return None, ""
    try:
        return date.fromisoformat(str(found)[:10]), f"published {str(found)[:10]}, from {source}"
    except ValueError:
        return None, ""
