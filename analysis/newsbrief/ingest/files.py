"""Ingest: seed files and catalog in, validated Article records with paragraphs and sentences out.

Bad files raise InputError before anything is written; tolerable gaps become notes for the brief.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsbrief.core.errors import InputError
from newsbrief.core.parallel import map_chunks
from newsbrief.core.records import Article
from newsbrief.ingest.catalog import CatalogEntry, read_catalog
from newsbrief.ingest.html import Page, read_page
from newsbrief.ingest.metadata import Stated, read_stated
from newsbrief.ingest.outlets import Outlets, load_outlets
from newsbrief.ingest.rules import IngestRules
from newsbrief.ingest.sentences import paragraph_sentences

_MAGIC = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP or Word/Office file",
    b"\xd0\xcf\x11\xe0": "an old Word/Office file",
    b"{\\rtf": "an RTF document",
}
PAGE_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (".txt", *PAGE_SUFFIXES)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class Corpus:
    articles: list[Article]
    notes: list[str] = field(default_factory=list)  # corpus-level problems for the source notes


def decode_article(raw: bytes, path: str | Path) -> str:
    """The article's text as UTF-8 without BOM and with \\n line ends, or a clear InputError."""
    if not raw:
        raise InputError(path, "is empty", "paste the article text into it, or delete the file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:200].count(b"\x00") > len(raw[:200]) // 4:
        raise InputError(
            path,
            "is UTF-16 text, not UTF-8",
            "re-save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8 in > out)",
        )
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            raise InputError(
                path,
                f"is {kind}, not text",
                "copy the article's text into a UTF-8 .txt file instead",
            )
    if b"\x00" in raw:
        raise InputError(
            path,
            "is a binary file (it contains NUL bytes), not text",
            "copy the article's text into a UTF-8 .txt file instead",
        )
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        line = body[: err.start].count(b"\n") + 1
        raise InputError(
            path,
            f"is not UTF-8 (byte 0x{body[err.start]:02x} cannot be decoded; "
            "probably Windows-1252 or Latin-1)",
            "re-save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8 in > out)",
            line=line,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "contains only whitespace", "paste the article text, or delete it")
    stray = _CONTROL.search(text)
    if stray:
        line = text[: stray.start()].count("\n") + 1
        raise InputError(
            path,
            f"contains a control character (0x{ord(stray.group()):02x})",
            "remove it, or re-save the text from its source as plain UTF-8",
            line=line,
        )
    return text


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs of docs/ARCHITECTURE.md: the non-empty lines of the text, in order."""
    return [line for line in text.split("\n") if line.strip()]


def _untitled(text: str) -> str:
    words = " ".join(text.split()[:8])
    return f"[Untitled article beginning “{words}…”]"


def _text_of(raw: bytes, path: str, built: date) -> tuple[str, Page | None]:
    """A .txt file's text, or a saved page's extracted article text and metadata."""
    if Path(path).suffix.casefold() in PAGE_SUFFIXES:
        page = read_page(raw, path, built)
        return page.text, page
    return decode_article(raw, path), None


def build_article(
    article_id: str,
    path: str,
    raw: bytes,
    entry: CatalogEntry | None,
    rules: IngestRules,
    known_places: frozenset[str],
    outlets: Outlets | None = None,
    built: date | None = None,
) -> Article:
    """One Article from a file's bytes and its catalog entry (None when uncatalogued)."""
    text, page = _text_of(raw, path, built or date.today())
    paragraphs = paragraphs_of(text)
    article = Article(
        article_id=article_id,
        path=path,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        paragraphs=paragraphs,
        text_path=path if page is None else f"build/texts/{article_id}.txt",
    )
    stated = read_stated(
        paragraphs, text, page, entry.url if entry else "", outlets or load_outlets(), known_places
    )
    _apply_stated(article, stated, rules)
    _split(article, stated, rules)
    _apply_catalog(article, entry)
    if not article.title:
        body = paragraphs[stated.dateline_paragraph]
        article.title = _untitled(
            body[article.dateline_span[1] :] if article.dateline_span else body
        )
        article.title_source = "descriptive"
    article.notes.extend(_quality_notes(article, entry))
    return article


def _apply_stated(article: Article, stated: Stated, rules: IngestRules) -> None:
    dateline = stated.dateline
    if dateline is not None:
        article.dateline_span = (0, dateline.end)
        article.dateline_paragraph = stated.dateline_paragraph
        article.place = dateline.place
    article.header_date, article.header_basis = stated.date, stated.basis if stated.date else ""
    article.header_evidence = (
        stated.evidence if stated.date else (dateline.text if dateline else "")
    )
    article.title, article.title_source = stated.title, stated.title_source
    article.outlet, article.outlet_source = stated.outlet, stated.outlet_source
    if not article.outlet and dateline is not None and dateline.tag.casefold() in rules.outlets:
        article.outlet = rules.outlets[dateline.tag.casefold()]
        article.outlet_source = f"the dateline tag “({dateline.tag})” (ingest.yml)"


def _split(article: Article, stated: Stated, rules: IngestRules) -> None:
    """Sentences of every paragraph; the dateline is cut off, stamps and bylines are furniture."""
    for number, paragraph in enumerate(article.paragraphs):
        start = (
            article.dateline_span[1]
            if article.dateline_span and number == article.dateline_paragraph
            else 0
        )
        furniture = number in stated.furniture or bool(rules.boilerplate.match(paragraph.strip()))
        article.sentences.extend(
            paragraph_sentences(
                article.article_id, number, paragraph, start, furniture, rules.abbreviations
            )
        )


def _apply_catalog(article: Article, entry: CatalogEntry | None) -> None:
    """The catalog's citekey, outlet, title, URL and date over what the text gave; a key from the
    file name when there is none."""
    if entry is not None:
        article.catalogued = True
        article.citekey = entry.citekey
        if entry.outlet:
            article.outlet, article.outlet_source = entry.outlet, "the catalog"
        if entry.title:
            article.title, article.title_source = entry.title, "catalog"
        article.url = entry.url
        article.catalog_date = entry.date
    if not article.citekey:
        article.citekey = f"article-{article.article_id}"
        if entry is not None:
            article.notes.append(
                "catalog entry has no citekey; a key was derived from the file name"
            )


def _quality_notes(article: Article, entry: CatalogEntry | None) -> list[str]:
    """What the brief's source notes say about an article that is not fully usable."""
    notes = []
    if entry is None:
        notes.append(
            "not in the catalog: citekey, outlet and title were inferred from "
            "the text; add an entry to seeds/catalog.yml"
        )
    if not any(not s.boilerplate for s in article.sentences):
        notes.append("has no sentences outside boilerplate")
    if not looks_english(article.text):
        notes.append(
            "does not look like English: the codebook and claim rules are English "
            "word lists, so themes and commitments in it are likely missed"
        )
    return notes


_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "were",
        "will",
        "be",
        "by",
        "are",
        "has",
        "have",
        "it",
        "at",
        "from",
        "this",
        "an",
        "which",
        "their",
        "its",
    ]
)


_LETTERS = re.compile(r"[^\W\d_]+")
# In lower-case ASCII text the words _LETTERS finds are what is left between the other characters:
# made spaces by one translation and split, they cost a third of the regex scan.
_ASCII_NON_LETTERS = str.maketrans({chr(c): " " for c in range(128) if not "a" <= chr(c) <= "z"})


def _letter_runs(lowered: str) -> list[str]:
    """The runs of letters in lower-case text, as _LETTERS finds them."""
    if lowered.isascii():
        return lowered.translate(_ASCII_NON_LETTERS).split()
    return _LETTERS.findall(lowered)


def looks_english(text: str) -> bool:
    """At least one word in twelve is a common English function word (in English prose, one in
    four)."""
    words = _letter_runs(text.lower())
    if len(words) < 20:
        return True  # too short to judge
    return sum(map(_ENGLISH.__contains__, words)) * 12 >= len(words)


# What a worker gives back per file: the digest of the text and its long paragraphs (what tells
# a second copy of an article apart: worked out here, on the workers, not in the main process
# after them), the article, and why it was left out.
Built = tuple[str, frozenset[str], Article | None, str]


def _built(
    files: list[Path],
    entries: dict[str, CatalogEntry],
    rules: IngestRules,
    known_places: frozenset[str],
    outlets: Outlets,
    built: date,
) -> list[Built]:
    """Each file's article with the digest and long paragraphs of its text. A saved
    page with no article in it is left out with the reason (a whole build should not stop for a
    login wall saved by mistake); every other bad file stops the build."""
    results: list[Built] = []
    for file in files:
        try:
            article = build_article(
                file.stem,
                f"{file.parent.name}/{file.name}",
                file.read_bytes(),
                entries.get(file.name),
                rules,
                known_places,
                outlets,
                built,
            )
        except InputError as err:
            if file.suffix.casefold() not in PAGE_SUFFIXES or "no article text" not in str(err):
                raise
            results.append(
                (
                    "",
                    frozenset(),
                    None,
                    f"{file.name} has no article text (an index page or a "
                    "login wall?); it was left out",
                )
            )
            continue
        digest = hashlib.sha256(article.text.strip().encode("utf-8")).hexdigest()
        results.append((digest, _fingerprint(article), article, ""))
    return results


def _fingerprint(article: Article) -> frozenset[str]:
    """The article's long paragraphs, letters only: what a copied text and a saved page of the
    same article share, whatever furniture each kept."""
    words = (" ".join(_letter_runs(p.casefold())) for p in article.paragraphs)
    return frozenset(w for w in words if len(w) >= 120)


@dataclass
class _Paragraphs:
    """Which kept article each long paragraph came from, to find a second copy of an article."""

    owner: dict[str, str] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)

    def twin(self, mine: frozenset[str], page: bool) -> str:
        """The kept file with exactly these long paragraphs (an article's _fingerprint), if any.
        A republished copy that changed a date or a figure is another outlet's report, kept for
        the copies check."""
        shared: dict[str, int] = {}
        for paragraph in mine:
            if paragraph in self.owner:
                name = self.owner[paragraph]
                shared[name] = shared.get(name, 0) + 1
        return next(
            (
                n
                for n, k in sorted(shared.items())
                if k == len(mine) == self.size[n] and n.endswith(".txt") == page
            ),
            "",
        )

    def add(self, name: str, mine: frozenset[str]) -> None:
        self.size[name] = len(mine)
        for paragraph in mine:
            self.owner.setdefault(paragraph, name)


def seed_files(seed_dir: Path) -> list[Path]:
    """The article files in `seed_dir`: .txt copies and .html/.htm saved pages, by name."""
    return sorted(
        (f for f in seed_dir.iterdir() if f.is_file() and f.suffix.casefold() in ARTICLE_SUFFIXES),
        key=lambda f: f.name,
    )


def read_corpus(
    seed_dir: Path,
    rules: IngestRules,
    known_places: frozenset[str],
    outlets: Outlets | None = None,
    built: date | None = None,
) -> Corpus:
    """Every article file in `seed_dir` with its catalog entry; never writes into `seed_dir`.
    `built` (the build date) caps the dates a saved page may give."""
    if not seed_dir.is_dir():
        raise InputError(
            seed_dir,
            "is not a folder of articles",
            "run from the project's root, where seeds/ holds the article files",
        )
    catalog_path = seed_dir / "catalog.yml"
    entries = {e.file: e for e in read_catalog(catalog_path)}
    files = seed_files(seed_dir)
    if not files:
        raise InputError(
            seed_dir,
            "holds no article files (.txt or saved .html pages)",
            "copy the articles into it as UTF-8 .txt files or saved web pages, one per article",
        )
    chunks = map_chunks(
        _built,
        files,
        entries,
        rules,
        known_places,
        outlets or load_outlets(),
        built or date.today(),
    )
    return _corpus(files, [b for chunk in chunks for b in chunk], entries, catalog_path)


def _corpus(
    files: list[Path], built: list[Built], entries: dict[str, CatalogEntry], catalog_path: Path
) -> Corpus:
    corpus = Corpus(articles=[])
    by_hash: dict[str, str] = {}
    keys: dict[str, str] = {}
    pages = _Paragraphs()
    stems: dict[str, str] = {}
    for file, (digest, fingerprint, article, left_out) in zip(files, built, strict=True):
        if article is None:
            corpus.notes.append(left_out)
            continue
        # A copied text and a saved page of one article (the two formats) share their long
        # paragraphs; two copies in one format that differ at all are two outlets' reports.
        other_format = file.suffix.casefold() in PAGE_SUFFIXES
        twin = by_hash.get(digest) or stems.get(file.stem) or pages.twin(fingerprint, other_format)
        if twin:
            corpus.notes.append(
                f"{file.name} has the same text as {twin}; "
                "it was left out so the article is not counted twice"
            )
            continue
        by_hash[digest], stems[file.stem] = file.name, file.name
        pages.add(file.name, fingerprint)
        if article.citekey in keys:
            raise InputError(
                catalog_path,
                f"citekey '{article.citekey}' of {file.name} is "
                f"also the key of {keys[article.citekey]}",
                "give each article its own key",
            )
        keys[article.citekey] = file.name
        corpus.articles.append(article)
    present = {f.name for f in files}
    for name, entry in sorted(entries.items()):
        if name not in present:
            corpus.notes.append(
                f"seeds/catalog.yml line {entry.line} lists {name}, which is not in "
                "seeds/; the entry was ignored"
            )
    return corpus
