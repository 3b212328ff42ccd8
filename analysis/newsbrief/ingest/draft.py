"""`make catalog`: a draft catalog entry, with how each field is known, for every seed file the
catalog does not list yet. The analyst reviews the draft and commits it.

New entries are appended to seeds/catalog.yml as text, so nothing a person wrote there (entries,
filled fields, comments) is changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypedDict

import yaml

from newsbrief.core import store
from newsbrief.core.records import Article
from newsbrief.dating.context import load_context
from newsbrief.ingest.catalog import read_catalog
from newsbrief.ingest.files import PAGE_SUFFIXES, read_corpus
from newsbrief.ingest.html import read_page
from newsbrief.ingest.outlets import Outlets, load_outlets
from newsbrief.ingest.rules import load_ingest_rules

CATALOG_HEADER = """\
# Bibliographic metadata for the articles in this folder, one entry per article file.
# Fill only what the article itself (or a source you cite in how_known) supports; leave a field
# empty when it is not known. A title in [square brackets] is descriptive: the article has no headline.
# Fields: file, citekey, outlet, title, date (YYYY-MM-DD), url, how_known (a note per field).
articles:
"""
DRAFTED = "drafted by `make catalog` from the text; check it"
_TITLE_FROM = {
    "headline": "the headline, the text's first line",
    "metadata": "the saved page's title metadata",
}
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "be",
        "will",
        "new",
    ]
)


class DraftEntry(TypedDict):
    file: str
    citekey: str
    outlet: str
    title: str
    date: str
    url: str
    how_known: dict[str, str]


@dataclass(frozen=True)
class Drafted:
    added: list[str]  # the files that got an entry
    catalog: Path


def draft_catalog(seed_dir: Path, built: date | None = None) -> Drafted:
    """Append a draft entry for each article file without one; returns what was added."""
    catalog = seed_dir / "catalog.yml"
    listed = read_catalog(catalog)  # a broken catalog stops here, with its line
    known = {e.file for e in listed}
    keys = {e.citekey for e in listed if e.citekey}
    outlets = load_outlets()
    corpus = read_corpus(seed_dir, load_ingest_rules(), load_context().gazetteer_names, built=built)
    entries = []
    for article in sorted(corpus.articles, key=lambda a: Path(a.path).name):
        name = Path(article.path).name
        if name in known:
            continue
        entry = draft_entry(article, _page_url(Path(article.path), built), keys, outlets)
        keys.add(entry["citekey"])
        entries.append(entry)
    if entries:
        before = catalog.read_text(encoding="utf-8") if catalog.exists() else CATALOG_HEADER
        if not before.endswith("\n"):
            before += "\n"
        if not listed and not re.search(r"^articles:", before, re.M):
            before += "articles:\n"
        store.write_text(catalog, before + _as_yaml(entries))
    return Drafted([e["file"] for e in entries], catalog)


def draft_entry(article: Article, page_url: str, taken: set[str], outlets: Outlets) -> DraftEntry:
    """One catalog entry from what ingest read, each field with how it is known."""
    how: dict[str, str] = {}
    how["outlet"] = (
        f"{article.outlet_source} ({DRAFTED})" if article.outlet else "not stated in the text"
    )
    descriptive = article.title_source == "descriptive"
    how["title"] = (
        "no headline in the file; descriptive title: write a short one in [brackets]"
        if descriptive
        else f"{_TITLE_FROM.get(article.title_source, 'the text')} ({DRAFTED})"
    )
    day = article.header_date
    how["date"] = (
        f"the {article.header_basis} “{article.header_evidence}” ({DRAFTED})"
        if day
        else "not stated; the build infers bounds from the text and cited context facts"
    )
    how["url"] = f"the saved page's metadata ({DRAFTED})" if page_url else "not in the file"
    return {
        "file": Path(article.path).name,
        "citekey": _citekey(article, taken, outlets),
        "outlet": article.outlet,
        "title": "" if descriptive else article.title,
        "date": day.isoformat() if day else "",
        "url": page_url,
        "how_known": how,
    }


def _citekey(article: Article, taken: set[str], outlets: Outlets) -> str:
    """outlet (its short tag when it has one) + year + two words of the headline, e.g.
    app2023flights; unique among the catalog's keys."""
    known = outlets.of_tag(article.outlet) if article.outlet else None
    short = min(known.tags, key=len) if known and known.tags else article.outlet
    outlet = re.sub(r"[^a-z0-9]", "", short.casefold()) or "anon"
    year = str(article.header_date.year) if article.header_date else "nd"
    words = [
        w
        for w in re.findall(r"[a-z0-9]+", article.title.casefold())
        if w not in _STOP and article.title_source != "descriptive"
    ]
    base = f"{outlet}{year}{''.join(words[:2])}"[:40] or article.article_id
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}{chr(ord('a') + n - 2)}" if n <= 27 else f"{base}{n}"
    return key


def _page_url(path: Path, built: date | None) -> str:
    if path.suffix.casefold() not in PAGE_SUFFIXES:
        return ""
    return read_page(path.read_bytes(), path, built or date.today()).url


def _as_yaml(entries: list[DraftEntry]) -> str:
    text = yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=10_000)
    return "".join(f"  {line}\n" for line in text.splitlines())
