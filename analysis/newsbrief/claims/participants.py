"""Who takes part in an event, read from the parse: the states of the places, people and offices
named in its clause, and for a visit, who visits where. Used by claims/extract.py per event.

A visit's direction comes from the visitor's country (the office, the person the context data
knows, or a nationality in the visitor's words: "Kazakhstan's Deputy PM Nurtleu arrived in
Islamabad" is Kazakhstan's visit to Pakistan), never from which name comes first. The visitor is
the subject of a visit verb ("Tokayev will visit"), the owner or "of"/"by" phrase of a visit noun
("Tokayev's visit", "the visit of the Kazakh president"), or the subject of a verb the visit noun
goes with ("arrived in Islamabad on a visit", "is on a visit", "will pay a visit").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsbrief.claims.mentions import Mention, Office, People, country_name, country_of, slug
from newsbrief.dating.context import Context

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Prepositions after which a named state is the way through, not a party: "routes through
# Afghanistan" are Kazakhstan's and Pakistan's.
TRANSIT = frozenset({"through", "via"})
VERBS = ("VERB", "AUX")


@dataclass(frozen=True)
class Named:
    """What a sentence names, each with the first token of its words in the parse."""

    doc: Doc
    mentions: list[Mention]
    people: People
    offices: list[Office]
    context: Context

    def token(self, start: int, end: int) -> int:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root.i if span is not None and len(span) else -1

    def states(self, tokens: set[int], transit: bool = True) -> list[str]:
        """States the words at `tokens` name, in order: places, people, offices; with `transit`
        false, not the states named as a way through ("via Afghanistan")."""
        found: list[tuple[int, str]] = []
        for m in self.mentions:
            i = self.token(m.start, m.end)
            if i in tokens and (transit or not _through(self.doc[i])):
                found.append((m.start, country_of(m.place, self.context)))
        for start, end, tenure in self.people.spans:
            if self.token(start, end) in tokens:
                found.append((start, country_name(tenure.country, self.context)))
        for office in self.offices:
            if office.country and self.token(office.start, office.end) in tokens:
                found.append((office.start, office.country))
        return list(dict.fromkeys(state for _, state in sorted(found)))


def _through(token: Token) -> bool:
    """True when the place is the object of "through"/"via", or listed with one that is."""
    t = token
    while t.dep_ in ("conj", "appos", "compound") and t.head.i != t.i:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ in TRANSIT


def parties(named: Named, region: Iterable[int], default: tuple[str, ...]) -> tuple[str, ...]:
    """The states taking part in an event whose clause is `region`: those it names (not the
    states on the way), completed from `default` (the article's pair) when it names fewer than
    two. "Islamabad–Baku flights" are Pakistan's and Azerbaijan's; "flights to Almaty" in an
    article about Kazakhstan and Pakistan are the pair's."""
    states = named.states(set(region), transit=False)
    if len(states) >= 2:
        return tuple(states)
    return tuple(dict.fromkeys([*states, *default]))


# Visits ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Visitor:
    office: str  # as the rules' offices write it, "" if none is named or known
    state: str  # "" when not known


def visitor_token(named: Named, head: Token, visit_verbs: frozenset[str]) -> Token | None:
    """The word for who visits: see the module's docstring."""
    if head.pos_ in VERBS:
        return _subject(named, head)
    for c in head.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":  # "his visit": who he is, the verb says
            return c
        if c.dep_ == "prep" and c.lower_ in ("of", "by"):
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    verb = _governing_verb(head, visit_verbs)
    return _subject(named, verb) if verb is not None else None


def _governing_verb(head: Token, visit_verbs: frozenset[str]) -> Token | None:
    """The verb a visit noun goes with: "arrived ... on/for a visit", "is on a visit", "will pay
    a visit"."""
    up = head.head
    if up.dep_ == "prep" and up.lower_ in ("on", "for") and up.head.pos_ in VERBS:
        return up.head
    light = up.lemma_ in visit_verbs or head.dep_ == "npadvmod"  # "..., his first state visit"
    if head.dep_ in ("dobj", "attr", "npadvmod") and up.pos_ in VERBS and light:
        return up
    return None


def _subject(named: Named, verb: Token) -> Token | None:
    """A verb's subject; for a verb after another ("is expected to visit", "arrived and began a
    visit"), the first verb's subject, unless that verb names who is to do it ("invited
    Kazakhstan's President to visit", "renewed his invitation to the Kazakh president to pay a
    visit")."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ not in ("who", "which", "that"):
            return subject
        if verb.dep_ == "relcl":
            return verb.head  # "Tokayev, who arrived on a visit"
        if verb.dep_ not in ("xcomp", "conj", "advcl", "ccomp") or verb.head.i == verb.i:
            return None
        if verb.dep_ != "conj":
            controller = next((c for c in _objects(verb.head) if _names_someone(named, c)), None)
            if controller is not None:
                return controller
        verb = verb.head
    return None


def _objects(verb: Token) -> list[Token]:
    """The verb's object and the object of its "to" ("invited X", "an invitation to X")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return [*objects, *_prep_objects(verb, ("to",))]


def _names_someone(named: Named, token: Token) -> bool:
    """True when the words of `token` name an office or a person the context knows."""
    words = phrase(token)
    return any(named.token(o.start, o.end) in words for o in named.offices) or any(
        named.token(s, e) in words for s, e, _ in named.people.spans
    )


def phrase(token: Token) -> set[int]:
    """The words of the noun phrase `token` heads, without clauses attached to it."""
    out: set[int] = set()
    stack = [token]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack += [c for c in t.children if c.dep_ not in ("relcl", "acl", "appos", "punct")]
    return out


def visitor(named: Named, who: Token | None, offices: tuple[str, ...]) -> Visitor:
    """The office and state of the visitor's words: the office written there (with the state
    the sentence gives it), else the office and state of a person the context knows, else a
    state named ("a Kazakh delegation", "Pakistan's")."""
    if who is None:
        return Visitor("", "")
    words = phrase(who)
    office = next((o for o in named.offices if named.token(o.start, o.end) in words), None)
    person = next((t for s, e, t in named.people.spans if named.token(s, e) in words), None)
    state = (office.country if office else "") or (
        country_name(person.country, named.context) if person else ""
    )
    states = named.states(words)
    state = state or (states[0] if states else "")
    title = (
        office.title
        if office
        else (_person_title(person.titles, person.office, offices) if person else "")
    )
    return Visitor(title, state)


def _person_title(titles: tuple[str, ...], office: str, offices: tuple[str, ...]) -> str:
    """The rules' office a person's tenure holds: its first title the rules list, else the rules'
    office its name starts with ("Minister of Foreign Affairs" is a minister)."""
    listed = {o.casefold() for o in offices}
    for title in titles:
        if title.casefold() in listed:
            return title.casefold()
    return next((o.casefold() for o in offices if slug(office).startswith(slug(o))), "")


def destination(named: Named, head: Token, visit_verbs: frozenset[str]) -> str:
    """The state visited: the object of a visit verb, the place after "to" of a visit noun, or
    the place its verb goes to or arrives in ("arrived in Islamabad on a visit"); "" if none."""
    candidates: list[Token] = []
    if head.pos_ in VERBS:
        candidates += [c for c in head.children if c.dep_ == "dobj"]
        candidates += _prep_objects(head, ("to", "in"))
    else:
        candidates += _prep_objects(head, ("to",))
        verb = _governing_verb(head, visit_verbs)
        if verb is not None:
            candidates += [c for c in verb.children if c.dep_ == "dobj"]
            candidates += _prep_objects(verb, ("to", "in", "at"))
    for c in candidates:
        states = named.states(phrase(c))
        if states:
            return states[0]
    return ""


def _prep_objects(t: Token, words: tuple[str, ...]) -> list[Token]:
    return [
        p
        for c in t.children
        if c.dep_ == "prep" and c.lower_ in words
        for p in c.children
        if p.dep_ == "pobj"
    ]
