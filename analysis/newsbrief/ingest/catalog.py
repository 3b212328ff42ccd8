"""The catalog: bibliographic metadata an analyst keeps for each seed file (seeds/catalog.yml).

Validated strictly, with the YAML line of every problem, because citations are built from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from newsbrief.core.errors import InputError

FIELDS = ("file", "citekey", "outlet", "title", "date", "url", "how_known")
_CITEKEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*$")


@dataclass(frozen=True)
class CatalogEntry:
    file: str
    citekey: str
    outlet: str
    title: str
    date: date | None
    url: str
    how_known: dict[str, str] = field(default_factory=dict)
    line: int = 0  # where the entry starts in the catalog file, for messages


def _scalar(node: yaml.Node) -> str:
    return "" if node.value is None or node.tag.endswith(":null") else str(node.value)


def parse_catalog(text: str, path: Path) -> list[CatalogEntry]:
    """Entries of a catalog file's text; raises InputError naming the line of any problem."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(
            path,
            f"is not valid YAML ({getattr(err, 'problem', None) or err})",
            "correct the YAML syntax at that line (indentation, quotes around text "
            "containing ': ')",
            line=None if mark is None else mark.line + 1,
        ) from None
    if root is None:
        return []
    articles = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "articles":
                articles = value
    if not isinstance(articles, yaml.SequenceNode):
        raise InputError(
            path,
            "has no list under the top-level key 'articles'",
            "start the file with 'articles:' followed by '- file: ...' entries",
            line=root.start_mark.line + 1,
        )
    entries: list[CatalogEntry] = []
    seen_files: dict[str, int] = {}
    seen_keys: dict[str, int] = {}
    for item in articles.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            raise InputError(
                path,
                "has a catalog entry that is not a mapping of fields",
                "write each entry as '- file: NAME.txt' with indented fields",
                line=line,
            )
        values: dict[str, str] = {}
        how_known: dict[str, str] = {}
        for key, value in item.value:
            name = str(key.value)
            if name not in FIELDS:
                raise InputError(
                    path,
                    f"has an unknown field '{name}'",
                    f"use only {', '.join(FIELDS)} (check the spelling)",
                    line=key.start_mark.line + 1,
                )
            if name == "how_known":
                if isinstance(value, yaml.MappingNode):
                    how_known = {str(k.value): _scalar(v) for k, v in value.value}
                continue
            if not isinstance(value, yaml.ScalarNode):
                raise InputError(
                    path,
                    f"field '{name}' is not a single value",
                    "write the field as text on one line",
                    line=key.start_mark.line + 1,
                )
            values[name] = _scalar(value).strip()
        file = values.get("file", "")
        if not file:
            raise InputError(
                path,
                "has an entry without 'file'",
                "name the seed file, e.g. 'file: 005_example.txt'",
                line=line,
            )
        if file in seen_files:
            raise InputError(
                path,
                f"lists '{file}' twice (first at line {seen_files[file]})",
                "merge the two entries into one",
                line=line,
            )
        seen_files[file] = line
        citekey = values.get("citekey", "")
        if citekey and not _CITEKEY.match(citekey):
            raise InputError(
                path,
                f"citekey '{citekey}' has characters a citation key cannot have",
                "use letters, digits, '-' and '_' only",
                line=line,
            )
        if citekey and citekey in seen_keys:
            raise InputError(
                path,
                f"citekey '{citekey}' is used twice (first at line {seen_keys[citekey]})",
                "give each article its own citekey",
                line=line,
            )
        if citekey:
            seen_keys[citekey] = line
        raw_date = values.get("date", "")
        when = None
        if raw_date:
            try:
                when = date.fromisoformat(raw_date)
            except ValueError:
                raise InputError(
                    path,
                    f"date '{raw_date}' of '{file}' is not a date",
                    "write the date as YYYY-MM-DD, or leave it empty if unknown",
                    line=line,
                ) from None
        entries.append(
            CatalogEntry(
                file=file,
                citekey=citekey,
                outlet=values.get("outlet", ""),
                title=values.get("title", ""),
                date=when,
                url=values.get("url", ""),
                how_known=how_known,
                line=line,
            )
        )
    return entries


def read_catalog(path: Path) -> list[CatalogEntry]:
    """The catalog's entries; a missing catalog is an empty one (every article is then inferred)."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text", "re-save the catalog as UTF-8") from None
    return parse_catalog(text, path)
