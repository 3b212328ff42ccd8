"""Who takes part in an event, read from the parse: the states of the places, people and offices
named in its clause, and for a visit, who visits where. Used by claims/extract.py per event.

A visit's direction comes from the visitor's country (the office, the person the context data
knows, or a nationality in the visitor's words: "Kazakhstan's Deputy PM Nurtleu arrived in
Islamabad" is Kazakhstan's visit to Pakistan), never from which name comes first. The visitor is
the subject of a visit verb ("Tokayev will visit"), the owner or "of"/"by" phrase of a visit noun
("Tokayev's visit", "the visit of the Kazakh president"), the subject of a verb the visit noun
goes with ("arrived in Islamabad on a visit", "is on a visit", "will pay a visit"), or for "his
visit", the subject of the clause it stands in ("during his visit, the president met ...").
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
SUBJECTS = ("nsubj", "nsubjpass")


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

    def ways_through(self) -> list[str]:
        """The states the sentence names as a way through ("via Afghanistan"), in order."""
        tokens = [(m, self.token(m.start, m.end)) for m in self.mentions]
        states = [
            country_of(m.place, self.context) for m, i in tokens if i >= 0 and _through(self.doc[i])
        ]
        return list(dict.fromkeys(states))

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


def parties(
    named: Named, region: Iterable[int], default: tuple[str, ...], through: bool = False
) -> tuple[str, ...]:
    """The states taking part in an event whose clause is `region`: those it names (not the
    states on the way, unless the event is a way `through` them: a route to the Gulf through
    Pakistan is Pakistan's), completed from `default` (the article's pair) when it names fewer
    than two. "Islamabad–Baku flights" are Pakistan's and Azerbaijan's; "flights to Almaty" in
    an article about Kazakhstan and Pakistan are the pair's."""
    states = named.states(set(region), transit=False)
    if len(states) < 2:
        states = list(dict.fromkeys([*states, *default]))
    if through:  # on top of the ends, which the way through does not make known; the way may
        # be told in a clause of its own ("..., sending goods by road through Pakistan")
        states = list(dict.fromkeys([*states, *named.ways_through()]))
    return tuple(states)


# Visits ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Visitor:
    office: str  # as the rules' offices write it, "" if none is named or known
    state: str  # "" when not known


def visitor_token(named: Named, head: Token, visit_verbs: frozenset[str]) -> Token | None:
    """The word for who visits: see the module's docstring."""
    if head.pos_ in VERBS:  # "the visiting president": who the participle qualifies
        return head.head if head.dep_ == "amod" else _subject(named, head)
    up = head.head
    if up.dep_ == "prep" and up.lower_ == "on" and up.head.pos_ in ("NOUN", "PROPN"):
        return up.head  # "the president, on a visit to Pakistan, ..."
    owner = next((c for c in head.children if _owns(c, head)), None)
    if owner is not None:
        return _owner(named, head, owner)
    verb = _governing_verb(head, visit_verbs)
    return _subject(named, verb) if verb is not None else None


def _owns(t: Token, head: Token) -> bool:
    """An owner ("Tokayev's visit"; "his" only in a phrase, "during his visit": else the verb
    says who he is, "will pay his first visit") or an "of"/"by" phrase of the visit noun."""
    if t.dep_ == "poss":
        return t.pos_ != "PRON" or head.dep_ in ("pobj", *SUBJECTS)
    return t.dep_ == "prep" and t.lower_ in ("of", "by")


def _owner(named: Named, head: Token, owner: Token) -> Token | None:
    """Who a visit noun's owner or "of"/"by" phrase names; for "his visit" in a phrase
    ("during his visit, the president met ..."), the subject of the clause; for "his visit" as
    the subject ("Tokayev said his visit marked a new phase"), the subject of the clause it is
    said in."""
    if owner.dep_ != "poss":
        return next((p for p in owner.children if p.dep_ == "pobj"), None)
    if owner.pos_ != "PRON":
        return owner
    verb = _verb_above(head)
    if verb is not None and head.dep_ in SUBJECTS:
        verb = verb.head if verb.dep_ in ("ccomp", "advcl") else None
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
    """A verb's subject; for a verb after another or an adjective ("is expected to visit", "is
    likely to visit", "arrived and began a visit"), the first verb's subject, unless that verb
    names who is to do it ("invited Kazakhstan's President to visit", "renewed his invitation to
    the Kazakh president to pay a visit")."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ not in ("who", "which", "that"):
            return subject
        if verb.dep_ == "relcl":
            return verb.head  # "Tokayev, who arrived on a visit"
        if verb.dep_ == "acl" and verb.head.head.lemma_ == "accept":
            verb = verb.head.head  # "Sharif accepted the invitation to visit": who accepted
            continue
        if verb.dep_ not in ("xcomp", "acomp", "conj", "advcl", "ccomp") or verb.head.i == verb.i:
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


def posted(named: Named, who: Token | None, resident: frozenset[str]) -> bool:
    """Whether the visitor's words name a diplomat posted abroad (one of the `resident` titles,
    written or the named person's), whose travel in the state of their post is no visit."""
    if who is None or not resident:
        return False
    words = phrase(who)
    titles = {named.doc[i].lower_ for i in words}
    for start, end, tenure in named.people.spans:
        if named.token(start, end) in words:
            titles |= {t.casefold() for t in tenure.titles}
    return bool(titles & resident)


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


# Issuers -----------------------------------------------------------------------------------------


def issuer(
    named: Named,
    head: Token,
    grants: frozenset[str],
    receives: frozenset[str],
    focus: tuple[str, str],
) -> str:
    """The state that grants what the mention `head` names (a visa), "" when the sentence does not
    tell: a state in the mention's own words ("Kazakhstan's e-visa"); else the subject of the verb
    above it that grants it ("Pakistan is considering visas", "his embassy was issuing visas"
    after the envoy is named) or, for a verb that receives it ("Kazakh traders will receive
    visas"), the other focus country; else, for visas "for Kazakh travellers", the other one."""
    own = [c for c in head.children if c.dep_ in ("poss", "amod", "compound")]
    states = named.states(set().union(*(phrase(c) for c in own)))
    if states:
        return states[0]
    by_verb = _granted_by_verb(named, head, grants, receives, focus)
    if by_verb:
        return by_verb
    for target in _prep_objects(head, ("for",)):
        states = named.states(phrase(target))
        if states:
            return other_focus(states[0], focus)
    return ""


def _granted_by_verb(
    named: Named,
    head: Token,
    grants: frozenset[str],
    receives: frozenset[str],
    focus: tuple[str, str],
) -> str:
    """The state the verb above the mention makes its grantor: its subject (or the agent of a
    passive, "visas will be issued by Pakistan") for a verb that grants, the other focus country
    for one that receives; "" otherwise."""
    verb = _verb_above(head)
    if verb is None or verb.lemma_ not in grants | receives:
        return ""
    subject = _subject(named, verb)
    if subject is not None and head.i in phrase(subject):
        subject = next((p for a in verb.children if a.dep_ == "agent" for p in a.children), None)
    state = _state_of(named, subject) if subject is not None else ""
    if not state:
        return ""
    return state if verb.lemma_ in grants else other_focus(state, focus)


def _verb_above(head: Token) -> Token | None:
    """The verb the mention is an argument of, past the prepositions and nouns between."""
    t = head
    for _ in range(4):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in VERBS:
            return t
    return None


def _state_of(named: Named, subject: Token) -> str:
    """The one state of a subject's words ("" for two: "Kazakhstan and Pakistan will ease
    visas" is both); for a subject a possessive pronoun holds ("his embassy"), the state of the
    first person or office the sentence names before it."""
    words = phrase(subject)
    states = named.states(words)
    if states:
        return states[0] if len(states) == 1 else ""  # "Kazakhstan and Pakistan agreed": both
    if any(named.doc[i].dep_ == "poss" and named.doc[i].pos_ == "PRON" for i in words):
        before = {t.i for t in named.doc if t.i < subject.i}
        earlier = named.states(before)
        return earlier[0] if earlier else ""
    return ""


def other_focus(state: str, focus: tuple[str, str]) -> str:
    """The other focus country, when `state` is one ("a visit to Pakistan" in this corpus comes
    from Kazakhstan, Kazakh traders' visas are Pakistan's); "" otherwise."""
    return focus[1 - focus.index(state)] if state in focus else ""
