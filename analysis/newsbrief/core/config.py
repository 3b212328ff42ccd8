"""The data files' schemas: every YAML file the analysis reads, as pydantic models, and one loader.

Each stage loads its data files through `load_config` at its edge: a misspelt key, a wrong value or
a missing field stops the build with an InputError naming the file, the line and the fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Self, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from newsbrief.core.errors import InputError
from newsbrief.core.paths import ANALYSIS

# Data files that only this module names (the others are in core/paths.py).
SCOPE = ANALYSIS / "scope.yml"
TIMEX_WORDS = ANALYSIS / "timex.yml"

STATUSES = (
    "proposed",
    "under_discussion",
    "planned",
    "in_progress",
    "happened",
    "postponed",
    "cancelled",
)
Status = Literal[
    "proposed", "under_discussion", "planned", "in_progress", "happened", "postponed", "cancelled"
]
# Rows of the validation tables that are not themes (themes/validation.py writes them).
RESERVED_THEMES = ("micro", "macro", "all")


def bad_value(problem: str, fix: str, line: int | None = None) -> PydanticCustomError:
    """A validator's error that load_config reports as it is: `problem`, `fix`, and the line when
    the validator knows a better one than the value's own (a duplicate's second entry)."""
    context: dict[str, Any] = {"problem": problem, "fix": fix}
    if line is not None:
        context["line"] = line
    return PydanticCustomError("bad_value", "{problem}", context)


# Values ----------------------------------------------------------------------------------------


def _text(value: Any) -> Any:
    """A YAML scalar as the text written: numbers and dates as written, empty as ''. YAML reads
    yes/no/on/off as booleans, which as text would be 'True'/'False': that is an error."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise bad_value(
            f"YAML reads this value as {'true' if value else 'false'}, not as a word",
            "put the word in quotes ('no', 'NO', 'on')",
        )
    if isinstance(value, int | float | date):
        return str(value)
    return value


def _filled(value: str) -> str:
    if not value.strip():
        raise bad_value("is empty", "write the value (it is required)")
    return value


def _day(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise bad_value(
            f"'{value}' is not a date", "write the date as YYYY-MM-DD, or leave it empty"
        ) from None


def _regex(pattern: str) -> str:
    try:
        re.compile(f"(?:{pattern})", re.IGNORECASE)
    except re.error as err:
        raise bad_value(
            f"'{pattern}' is not a valid regular expression ({err})",
            "fix the pattern (write it in single quotes)",
        ) from None
    return pattern


Text = Annotated[str, BeforeValidator(_text)]
Name = Annotated[str, BeforeValidator(_text), AfterValidator(_filled)]
Day = Annotated[date | None, BeforeValidator(_day)]
Regex = Annotated[str, BeforeValidator(_text), AfterValidator(_filled), AfterValidator(_regex)]


class Strict(BaseModel):
    """A mapping in a data file: unknown keys are errors; an empty value (`key:`) of a field with
    a default means the default; `line` is where the mapping starts in its file."""

    model_config = ConfigDict(extra="forbid")
    _line: int = PrivateAttr(default=0)

    @model_validator(mode="wrap")
    @classmethod
    def _from_yaml(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        given = data
        if isinstance(data, dict):
            fields = cls.model_fields
            data = {
                k: v
                for k, v in data.items()
                if not (v is None and k in fields and not fields[k].is_required())
            }
        model = handler(data)
        model._line = getattr(given, "start", model._line)
        return model

    @property
    def line(self) -> int:
        return self._line


# analysis/ingest.yml -------------------------------------------------------------------------


class OutletTag(Strict):
    tag: Name = Field(description="the tag as a dateline writes it, e.g. APP")
    outlet: Name = Field(description="the outlet's name")
    source: Text = ""


class IngestConfig(Strict):
    boilerplate: list[Regex] = []
    outlets: list[OutletTag] = []
    abbreviations: Text = ""


# analysis/codebook.yml -----------------------------------------------------------------------


def _raw_patterns(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        if pattern.startswith("re:"):
            _regex(pattern[3:])
    return patterns


Patterns = Annotated[list[Text], AfterValidator(_raw_patterns)]


class ThemeEntry(Strict):
    label: Text = ""
    definition: Text = ""
    patterns: Patterns = []
    case_sensitive: list[Text] = []
    exclude: Patterns = []


class CodebookConfig(Strict):
    themes: dict[str, ThemeEntry] = Field(
        min_length=1, description="one entry per theme: label, definition, patterns"
    )

    @field_validator("themes", mode="before")
    @classmethod
    def _empty_themes(cls, themes: Any) -> Any:
        if isinstance(themes, dict):
            return {key: {} if entry is None else entry for key, entry in themes.items()}
        return themes

    @field_validator("themes")
    @classmethod
    def _theme_keys(cls, themes: dict[str, ThemeEntry]) -> dict[str, ThemeEntry]:
        for key, entry in themes.items():
            if key in RESERVED_THEMES:
                raise bad_value(
                    f"theme key '{key}' is the name of a validation summary row",
                    f"choose another key (not {', '.join(RESERVED_THEMES)})",
                    entry.line or None,
                )
            if not (entry.patterns or entry.case_sensitive):
                raise bad_value(
                    f"theme '{key}' has no patterns, so no sentence can carry it",
                    "list its words under 'patterns:' (check that key's spelling)",
                    entry.line or None,
                )
        return themes


# analysis/validation/coders.yml --------------------------------------------------------------


class Coder(Strict):
    file: Text = ""
    reference: Name = Field(description="the coder's reference name, coder1 or coder2")
    who: Name = Field(description="one sentence on who coded")
    blind_to_codebook: bool = False
    coded_on: Day = None
    caveat: Text = ""


class CodersConfig(Strict):
    coders: list[Coder] = []


# analysis/context/*.yml ----------------------------------------------------------------------


class SourceEntry(Strict):
    title: Name = Field(description="the source's title")
    url: Text = Field(description="where to read it")
    publisher: Text = ""
    accessed: Text = ""


Sources = Annotated[
    list[SourceEntry],
    Field(min_length=1, description="every context fact needs a source with title and url"),
]


class TenureEntry(Strict):
    person: Name = Field(description="the person's full name")
    aliases: list[Name] = []
    office: Name = Field(description="the office, e.g. Ambassador of Kazakhstan to Pakistan")
    titles: list[Name] = []
    country: Text = ""
    start: Day = None
    end: Day = None
    note: Text = ""
    sources: Sources


class OfficeholdersConfig(Strict):
    tenures: list[TenureEntry] = []


class PlaceNameEntry(Strict):
    name: Name = Field(description="the name the place had in the era")
    refers_to: Name = Field(description="the gazetteer's current name of the place")
    aliases: list[Name] = []
    valid_from: Day = None
    valid_to: Day = None
    sources: Sources


class PlaceNamesConfig(Strict):
    place_names: list[PlaceNameEntry] = []


class PlaceEntry(Strict):
    name: Name = Field(description="the place's current name")
    kind: Literal["city", "country"] = Field(description="city or country")
    country: Name = Field(description="the ISO 3166 alpha-2 code of its state, e.g. KZ")
    aliases: list[Name] = []
    adjectives: list[Name] = []
    seaport: bool = Field(
        default=False,
        description="a seaport: access to it is port access, a corridor (claim_rules {seaport})",
    )
    sources: Sources


class GazetteerConfig(Strict):
    not_variants: list[Name] = []
    places: list[PlaceEntry] = []


class OutletEntry(Strict):
    name: Name = Field(description="the outlet's proper name, as the brief cites it")
    domains: list[Name] = []
    country: Name = Field(description="the ISO 3166 alpha-2 code of its home country, e.g. PK")
    wire: bool = False
    tags: list[Name] = []
    sources: Sources


class OutletsConfig(Strict):
    outlets: list[OutletEntry] = []


# seeds/catalog.yml ---------------------------------------------------------------------------

_CITEKEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*$")
CatalogText = Annotated[str, BeforeValidator(_text), AfterValidator(str.strip)]


class CatalogArticle(Strict):
    file: Annotated[CatalogText, AfterValidator(_filled)] = Field(
        description="the seed file's name, e.g. 005_example.txt"
    )
    citekey: CatalogText = ""
    outlet: CatalogText = ""
    title: CatalogText = ""
    date: Day = None
    url: CatalogText = ""
    how_known: dict[str, Text] = {}

    @field_validator("citekey")
    @classmethod
    def _citekey(cls, citekey: str) -> str:
        if citekey and not _CITEKEY.match(citekey):
            raise bad_value(
                f"citekey '{citekey}' has characters a citation key cannot have",
                "use letters, digits, '-' and '_' only",
            )
        return citekey


class CatalogConfig(Strict):
    articles: list[CatalogArticle] = Field(
        default=[], description="one '- file: NAME.txt' entry per seed file"
    )

    @field_validator("articles")
    @classmethod
    def _unique(cls, articles: list[CatalogArticle]) -> list[CatalogArticle]:
        files: dict[str, int] = {}
        keys: dict[str, int] = {}
        for entry in articles:
            if entry.file in files:
                raise bad_value(
                    f"lists '{entry.file}' twice (first at line {files[entry.file]})",
                    "merge the two entries into one",
                    entry.line,
                )
            if entry.citekey in keys:
                first = keys[entry.citekey]
                raise bad_value(
                    f"citekey '{entry.citekey}' is used twice (first at line {first})",
                    "give each article its own citekey",
                    entry.line,
                )
            files[entry.file] = entry.line
            if entry.citekey:
                keys[entry.citekey] = entry.line
        return articles


# analysis/claim_rules.yml --------------------------------------------------------------------


class KindSpec(Strict):
    label: Text = ""
    cue: Regex = Field(description="the words that mean this kind of event, a regular expression")
    key: Literal["route", "visitor", "subtype", "place", "countries"] = Field(
        description="how two events of the kind are told apart: route, visitor, subtype, place "
        "or countries"
    )
    directional: bool = False
    recurring: bool = False
    subtypes: dict[str, Regex] = {}
    default_subtype: Name = "general"
    yields_to: list[Name] = []
    named_visitor: Regex = Field(
        default="",
        description="cues (of a kind keyed by visitor) that name a visit only when the sentence "
        "names who travels: 'arrived in' is a visit of a president, not of a cargo train",
    )
    issuer: IssuerSpec | None = None
    refers_back: Regex = Field(
        default="",
        description="words that name the kind again once the article has named it by its cue: "
        "'the commission' after 'the intergovernmental commission'",
    )
    shared_back: Regex = Field(
        default="",
        description="words that name the kind again, as refers_back does, but that other kinds "
        "use too: they name the one of those kinds the article named last ('the route' after "
        "flights is the air route, after a corridor the corridor)",
    )
    through: bool = Field(
        default=False,
        description="the states it passes through take part in it: a route from Kazakhstan to "
        "the Gulf through Pakistan is Pakistan's too",
    )
    stepwise: bool = Field(
        default=False,
        description="a report of it done is of one step (a trial run, a first shipment), so a "
        "later plan or proposal is of the next step, not a denial: only a postponement conflicts",
    )


class IssuerSpec(Strict):
    """Verbs (as lemmas) whose subject grants what the kind names ("Pakistan is considering
    visas"), and verbs whose subject receives it ("Kazakh traders will receive visas")."""

    grants: list[Name] = []
    receives: list[Name] = []


class FigureSpec(Strict):
    applies_to: list[Name] | Literal["all"] = "all"
    compare: bool = False
    patterns: list[Name] = []
    cumulative: list[Name] = []
    part: list[Name] = []
    qualifiers: dict[Literal["above", "from", "below", "to", "near"], list[Name]] = {}


class NumberWords(Strict):
    units: dict[str, int] = {}
    teens: dict[str, int] = {}
    tens: dict[str, int] = {}
    ordinals: dict[str, int] = {}


class NameVariantsSpec(Strict):
    min_length: int = 4
    min_similarity: float = 0.8
    max_edits: int = 2
    person_min_length: int = 6
    person_max_edits: int = 1
    not_variants: list[Name] = []


class ClaimRulesConfig(Strict):
    # Declared before the fields whose validators read them (pydantic validates in this order).
    kinds: dict[str, KindSpec] = {}
    status_alias: dict[str, Status] = {}
    still_to_come: list[Name] = Field(
        default=[],
        description="status groups that say the event has not happened yet: a sentence with one "
        "reports it still to come even after its date, instead of recalling a promise",
    )
    status: dict[str, Regex] = {}
    framing: list[Status] = ["proposed", "under_discussion", "planned"]
    status_from_timex: bool = True
    route_links: list[Name] = []
    list_links: list[Name] = []
    offices: list[Name] = []
    office_aliases: dict[str, Name] = {}
    visit_verbs: list[Name] = []
    resident_offices: list[Name] = Field(
        default=[],
        description="titles of diplomats posted to a state: where they go in it is their post, "
        "not an official visit",
    )
    reporting_verbs: list[Name] = []
    prior_modifiers: list[Name] = []
    coming_modifiers: list[Name] = []
    content_verbs: list[Name] = []
    enabling_verbs: list[Name] = []
    frame_nouns: list[Name] = []
    historic_present: list[Name] = []
    figures: dict[str, FigureSpec] = {}
    number_words: NumberWords = NumberWords()
    name_variants: NameVariantsSpec = NameVariantsSpec()

    @field_validator("kinds")
    @classmethod
    def _yields_to_kinds(cls, kinds: dict[str, KindSpec]) -> dict[str, KindSpec]:
        for name, kind in kinds.items():
            for other in kind.yields_to:
                if other not in kinds:
                    raise bad_value(
                        f"kind '{name}' yields to '{other}', which is not a kind"
                        + _did_you_mean(other, list(kinds)),
                        f"use one of the kinds: {', '.join(kinds)}",
                        kind.line or None,
                    )
        return kinds

    @field_validator("status")
    @classmethod
    def _known_statuses(cls, status: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        if "status_alias" not in info.data:
            return status  # the aliases are wrong themselves: that is the problem to report
        aliases = info.data["status_alias"]
        unknown = sorted({aliases.get(name, name) for name in status} - set(STATUSES))
        if unknown:
            raise bad_value(
                f"unknown status {unknown}",
                f"use only {', '.join(STATUSES)} (or map a group to one in status_alias)",
            )
        return status

    @field_validator("figures")
    @classmethod
    def _figure_kinds(
        cls, figures: dict[str, FigureSpec], info: ValidationInfo
    ) -> dict[str, FigureSpec]:
        if "kinds" not in info.data:
            return figures  # the kinds are wrong themselves: that is the problem to report
        kinds = list(info.data["kinds"])
        for name, spec in figures.items():
            for kind in spec.applies_to if isinstance(spec.applies_to, list) else []:
                if kind not in kinds:
                    raise bad_value(
                        f"figures '{name}' apply to '{kind}', which is not a kind"
                        + _did_you_mean(kind, kinds),
                        f"use 'all' or kinds among: {', '.join(kinds)}",
                        spec.line or None,
                    )
        return figures


# analysis/scope.yml and analysis/timex.yml ---------------------------------------------------


class ScopeConfig(Strict):
    focus_countries: list[Name] = Field(
        description="the two states the corpus is about, e.g. [Kazakhstan, Pakistan]"
    )
    topic: Name = Field(
        description="what the articles are about, e.g. Kazakhstan–Pakistan relations"
    )
    title: Name = Field(description="the brief's title")
    high_level_offices: list[Name] = Field(
        default=[],
        description="offices whose commitments lead the key findings, e.g. [president, prime minister]",
    )

    @field_validator("focus_countries")
    @classmethod
    def _two(cls, countries: list[str]) -> list[str]:
        if len(countries) != 2 or countries[0] == countries[1]:
            raise bad_value(
                "focus_countries must name exactly two countries", "e.g. [Kazakhstan, Pakistan]"
            )
        return countries


def _lower_case(words: list[str]) -> list[str]:
    for word in words:
        if word != word.lower():
            raise bad_value(
                f"'{word}' is not in lower case",
                f"write '{word.lower()}' (the tagger reads a lower-case copy of each sentence)",
            )
    return words


class TimexWords(Strict):
    not_count: Annotated[list[Regex], AfterValidator(_lower_case)] = Field(
        min_length=1, description="words after a number that make it a count, not a date"
    )
    not_past: Annotated[list[Name], AfterValidator(_lower_case)] = Field(
        min_length=1, description="words in -ed that do not report a past event"
    )


# Loading ---------------------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


class _Mapping(dict[Any, Any]):
    """A YAML mapping that remembers where it starts and the line of each of its keys."""

    start: int = 0
    lines: dict[Any, int]


class _Sequence(list[Any]):
    start: int = 0
    lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """yaml's safe loader, keeping lines; a key written twice is an error (YAML keeps the last)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    mapping = _Mapping()
    mapping.start, mapping.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a key here is a list or a mapping, not a word", key_node.start_mark
            )
        if key in mapping:
            raise InputError(
                loader.name,
                f"field '{key}' is written twice (first at line {mapping.lines[key]})",
                "keep one of the two (YAML would silently use the second)",
                line=line,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = line
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _Sequence:
    sequence = _Sequence(loader.construct_object(item, deep=True) for item in node.value)
    sequence.start = node.start_mark.line + 1
    sequence.lines = [item.start_mark.line + 1 for item in node.value]
    return sequence


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    # "2023-13-45" looks like a date to YAML, which then fails without a line: let the model say.
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return str(node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_config(path: Path, model: type[M]) -> M:
    """The data file at `path`, validated as `model`; any problem is an InputError with its line."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(
            path, "is missing", "restore it (git checkout -- FILE) or create it"
        ) from None
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text", "re-save the file as UTF-8") from None
    return parse_config(text, Path(path), model)


def parse_config(text: str, path: Path, model: type[M]) -> M:
    """A data file's `text` validated as `model`; `path` names it in messages."""
    loader = _LineLoader(text)
    loader.name = str(path)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(
            path,
            f"is not valid YAML ({getattr(err, 'problem', None) or err})",
            "correct the YAML syntax at that line (indentation, quotes around text "
            "containing ': ')",
            line=None if mark is None else mark.line + 1,
        ) from None
    finally:
        loader.dispose()
    return validate_config({} if data is None else data, path, model)


def validate_config(data: Any, path: Path, model: type[M]) -> M:
    """Data read from a file (or written in a test) validated as `model`."""
    if not isinstance(data, dict):
        first = next(iter(model.model_fields), "")
        raise InputError(path, "does not hold a mapping at the top", f"start with `{first}:`")
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise _input_error(err, data, path, model) from None


def _input_error(err: ValidationError, data: Any, path: Path, model: type[BaseModel]) -> InputError:
    """The first problem in the file (by line) as an InputError; how many more there are."""
    located = sorted(
        ((_line_of(error, data), n, error) for n, error in enumerate(err.errors())),
        key=lambda item: (item[0] or 0, item[1]),
    )
    line, _, error = located[0]
    problem, fix = _explain(error, model)
    if len(located) > 1:
        fix += f" ({len(located) - 1} more problem(s) in this file)"
    return InputError(path, problem, fix, line=line)


def _line_of(error: ErrorDetails, data: Any) -> int | None:
    """The line of the deepest part of the error's location that is written in the file."""
    context = error.get("ctx") or {}
    if "line" in context:
        return int(context["line"])
    line = getattr(data, "start", None)
    node = data
    for part in error["loc"]:
        if isinstance(node, dict) and part in node:
            line = getattr(node, "lines", {}).get(part, line)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            lines = getattr(node, "lines", [])
            line = lines[part] if part < len(lines) else line
            node = node[part]
    return line


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _did_you_mean(word: str, known: list[str]) -> str:
    guess = difflib.get_close_matches(word, known, n=1)
    return f" (did you mean '{guess[0]}'?)" if guess else ""


_FIXES = {
    "string_type": "write it as text (in quotes if it could be read as a number or a date)",
    "list_type": "write a list: [a, b] or one '- item' line per entry",
    "dict_type": "write a mapping: indented 'name: value' lines",
    "model_type": "write a mapping: indented 'field: value' lines",
    "model_attributes_type": "write a mapping: indented 'field: value' lines",
    "int_type": "write a whole number",
    "int_parsing": "write a whole number",
    "int_from_float": "write a whole number",
    "float_type": "write a number",
    "float_parsing": "write a number",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "too_short": "give at least one entry",
}


def _explain(error: ErrorDetails, model: type[BaseModel]) -> tuple[str, str]:
    """(problem, fix) for one pydantic error, in the words of the data file."""
    loc, kind = error["loc"], error["type"]
    context = error.get("ctx") or {}
    where = _dotted(loc)
    if kind == "bad_value":
        return f"'{where}': {context['problem']}" if where else context["problem"], context["fix"]
    name = str(loc[-1]) if loc else ""
    fields = _fields_at(model, loc[:-1])
    parent = _dotted(loc[:-1]) or "the top of the file"
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(name, list(fields), n=1)
        problem = f"unknown field '{name}'" + (f" (did you mean '{guess[0]}'?)" if guess else "")
        fix = f"rename it to '{guess[0]}'" if guess else "remove it or correct its spelling"
        return problem, f"{fix}; the fields of {parent} are {', '.join(fields)}"
    if kind == "missing":
        described = fields.get(name)
        return f"{parent} has no '{name}'", f"add '{name}:'" + (
            f" ({described})" if described else ""
        )
    problem = f"'{where}' is {error['input']!r}: {error['msg'][:1].lower()}{error['msg'][1:]}"
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        problem += _did_you_mean(str(error["input"]), expected)
        return problem, f"use one of {', '.join(expected)}"
    return problem, _FIXES.get(kind, "write the value the comments in the file describe")


def _fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> dict[str, str]:
    """The fields (name: description) of the model that the location `loc` is inside."""
    current: Any = model
    for part in loc:
        current = _unwrapped(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            current = None if field is None else field.annotation
        else:  # a dict's key or a list's index: step into the values' type
            args = get_args(current)
            current = args[-1] if args else None
    current = _unwrapped(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return {k: f.description or "" for k, f in current.model_fields.items()}
    return {}


def _unwrapped(annotation: Any) -> Any:
    """The model or container inside Annotated[...] or an optional or union type."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrapped(get_args(annotation)[0])
    if origin is Union or type(annotation).__name__ == "UnionType":
        for arg in get_args(annotation):
            if arg is not type(None) and get_origin(arg) is not Literal:
                return _unwrapped(arg)
    return annotation
