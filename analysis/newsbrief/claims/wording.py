"""What a sentence's words say about an event named in it: its status, the time expression that
dates it, the figures it gives, and the city routes it names. Used by claims/extract.py per cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from newsbrief.claims.mentions import Mention, pair_key
from newsbrief.claims.syntax import (
    CLAUSE_MODIFIERS,
    PRESENT,
    Structure,
    clause_of,
    clause_tokens,
    clause_words,
    is_infinitive,
    is_negated,
    mention_words,
    perfect_present,
    predicate_words,
    progressive,
    tense,
    tokens_in,
    tree_distance,
)
from newsbrief.core.patterns import fold, may_match
from newsbrief.core.records import Timex
from newsbrief.dating.context import Place

if TYPE_CHECKING:  # the rules are read in extract.py, which reads sentences with this module
    from spacy.tokens import Doc, Token

    from newsbrief.claims.extract import ClaimRules, Count, FigureRule

CLAUSE_PENALTY = 200  # characters a status cue across ";", ":" or "but" counts as: another clause
LINK_REACH = 24  # characters a route link ("and from", "–") may span between two cities
CLAUSE_BREAK = re.compile(
    r"[;:()]|\s[–—]\s|,\s*(?:but|while|whereas|although|though|which)\b|\bbut\b", re.IGNORECASE
)
# (status, start, end, rank of its pattern in the rules) of a status word in a sentence
StatusWord = tuple[str, int, int, int]
DONE = ("happened", "in_progress")
SET_BACK = ("postponed", "cancelled")  # what befalls a plan
FIRST = frozenset({"first", "maiden"})  # with the rules' ordinals, words that count an occasion
SINCE = re.compile(r"since\b", re.IGNORECASE)
COMMITTED = ("proposed", "planned", "postponed")  # statuses whose date is a target
# How a mention can hang from another event's noun without being what that event is about: the
# same thing named again, or its occasion.
NOT_ABOUT = frozenset({"appos", "conj", "at", "during"})  # dependency labels or prepositions
OCCASION = frozenset({"at", "during"})
# Prepositions by which a clause names the legal basis of what it reports: "trucks entered
# Kazakhstan under the road transport agreement" says nothing of the agreement itself.
BASIS = frozenset({"under"})
# The ways a content verb can govern the mention as what it is about: "allows flights".
OBJECT_EDGES = frozenset({"dobj", "pobj", "attr", "oprd", "prep", "conj"})
NEAR = 2  # edges from the mention's governors within which a time expression outside its clause
# still dates it, when its clause has none (the parser attaches some a clause too low)


def distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans, plus a clause's worth for each clause break between them."""
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    if hi <= lo:
        return 0
    return hi - lo + CLAUSE_PENALTY * len(CLAUSE_BREAK.findall(text, lo, hi))


def status_words(text: str, rules: ClaimRules, folded: str | None = None) -> list[StatusWord]:
    """(status, start, end, rank of its pattern) of every status word in the sentence. `folded` is
    the text's `fold`, when already made."""
    folded = fold(text) if folded is None else folded
    # A cue whose words are not in the sentence is not scanned for: in most sentences that leaves
    # two or three of the seven, and no scan of them all at once is needed to tell where to start.
    return [
        (name, m.start(), m.end(), rank)
        for rank, (name, pattern) in enumerate(rules.status)
        if may_match(pattern, folded)
        for m in pattern.finditer(text)
    ]


def cue_tokens(doc: Doc, words: list[StatusWord]) -> dict[int, list[StatusWord]]:
    """The status words on each token of the parse. A word read as a name ("May" the month, not
    the modal) is not a status word."""
    at: dict[int, list[StatusWord]] = {}
    spans = tokens_in(doc, [(w[1], w[2]) for w in words])
    for word, tokens in zip(words, spans, strict=True):
        if tokens and all(doc[i].pos_ == "PROPN" for i in tokens):
            continue
        for i in tokens:
            at.setdefault(i, []).append(word)
    return at


def _best(words: Iterable[Token], cues: dict[int, list[StatusWord]]) -> str | None:
    """The status of the highest-ranked status word on these tokens (the rules' order: "will be
    signed" is planned, "has not materialised" planned, "have been signed" happened)."""
    found = [w for t in words for w in cues.get(t.i, [])]
    return min(found, key=lambda w: (w[3], w[1]))[0] if found else None


def _aspect(
    t: Token, below: Token | None, own: str | None, counted: frozenset[str] = frozenset()
) -> str | None:
    """What the governor's form says: "during the visit" makes the visit the time of what the
    clause says, under way unless the clause is in the simple past ("were signed during the
    visit": done) or the future ("will be signed": planned); without a status word, "is on a
    visit" and "this is his first visit" are under way, and "are being held" too;
    a negated "happened" ("has not taken place", "never materialised") is still expected."""
    preposition = below.lower_ if below is not None and below.dep_ == "prep" else ""
    when = tense(t) or ("past" if t.tag_ == "VBN" else "")  # "documents signed during the visit"
    if preposition == "during":
        return _during(t, when)
    if own in ("happened", "in_progress") and is_negated(t):
        return "planned"
    if own in (None, "happened") and progressive(t):
        return "in_progress"
    if (
        own is None
        and t.lemma_ == "be"
        and (preposition in ("on", "under") or _this_is(t, below, counted))
    ):
        return {"past": "happened", "present": "in_progress", "future": "planned"}.get(when)
    return own


def _this_is(be: Token, below: Token | None, counted: frozenset[str]) -> bool:
    """ "This is his first visit to Pakistan": an occasion counted or owned is the one the
    article reports, at the time the verb's tense gives ("this is a good agreement" is not)."""
    return (
        below is not None
        and below.dep_ == "attr"
        and any(c.dep_ == "nsubj" and c.lower_ in ("this", "it") for c in be.children)
        and any(
            c.dep_ == "poss" or c.ent_type_ == "ORDINAL" or c.lower_ in counted
            for c in below.children
        )
    )


def _during(t: Token, when: str) -> str:
    """An event "during the visit": the visit is the time of what the clause says."""
    if when == "future":
        return "planned"  # "during the visit, 20 MoUs will be signed"
    # "have signed 12 MoUs during the visit": it is still going on
    return "happened" if when == "past" and not perfect_present(t) else "in_progress"


def _combine(inner: str | None, outer: str | None, framing: frozenset[str]) -> str | None:
    """A governor's status over the status of what it governs: a framing one decides ("expected
    to be signed", "discussed launching"), unless what it governs was put off or called off."""
    if outer is None or inner is None:
        return outer or inner
    if outer in framing and (inner in framing or inner in ("happened", "in_progress")):
        return outer
    return inner


def _by_tense(structure: Structure, reporting: frozenset[str]) -> str | None:
    """What the past tense of the verb the mention is an argument of says: done ("had recently
    tested a route", "it ended with 37 MoUs"), or, negated, still expected ("the commission has
    not met"); None when that verb is not past or only reports or judges what it names
    ("highlighted the corridor", "saw corridors as a priority")."""
    head = structure.head
    verb = head if head.pos_ in ("VERB", "AUX") else None
    if verb is None and structure.chain:
        first = structure.chain[0]
        second = structure.chain[1] if len(structure.chain) > 1 else None
        if first.pos_ in ("VERB", "AUX"):
            verb = first
        elif (
            first.dep_ in ("prep", "agent")
            and second is not None
            and second.pos_ in ("VERB", "AUX")
        ):
            verb = second
    if verb is None or verb.lemma_ in reporting or tense(verb) != "past":
        return None
    return "planned" if is_negated(verb) else "happened"


def event_status(
    structure: Structure, cues: dict[int, list[StatusWord]], rules: ClaimRules, events: set[int]
) -> tuple[str | None, bool]:
    """The status the parse gives the event at `structure`, and whether it lies ahead of what
    governs it (an infinitive, "to launch flights", or another event, "an MoU on flights": a
    "signed" above them does not make the flights done). `events` are the tokens of every
    event cue in the sentence.

    In order: a noun denied by "no" ("no direct flights") is not yet; a clause that modifies the
    mention ("agreements reached", "dates, which were postponed") says it outright, unless it
    recalls a plan that its governors say was put off or done since; else its governors up to
    the clause's head, each over what it governs (`_combine`), but not past another event's noun
    (what governs the MoU is about the MoU); else, with nothing said, a past tense of the
    nearest governing verb ("had recently tested a route"; negated, still to come); else a word
    before the mention ("the delayed flights")."""
    head = structure.head
    verb = head.pos_ in ("VERB", "AUX")
    if not verb and (noun := _noun_alone(head, cues, rules)) is not None:
        return noun[0], False
    status, ahead, stopped = _governed(structure, cues, rules, events)
    if not verb and (said := _said_of_the_noun(head, cues, rules)) is not None:
        # "The visit, originally planned for November, was put off" (or "took place in June"):
        # what befell the plan since is the news, not the plan the modifier recalls.
        return (status if said in rules.framing and status in SET_BACK + DONE else said), False
    ahead = ahead or _lies_ahead(structure, rules)
    if status is None:
        status = _unsaid(structure, cues, rules, ahead, stopped)
    return status, ahead or stopped


def _unsaid(
    structure: Structure,
    cues: dict[int, list[StatusWord]],
    rules: ClaimRules,
    ahead: bool,
    stopped: bool,
) -> str | None:
    """The status of a mention no governor's word gives: the frame it is of (not for an MoU "on
    direct flights": that is about them, not an occasion they are on), the past tense above it,
    or a word before it ("operated its first scheduled flight" is done, above "scheduled")."""
    status = None if stopped else _framed(structure, rules.frames)
    if status is None and not (ahead or stopped):
        status = _by_tense(structure, rules.reporting)
    if status is None and structure.head.pos_ not in ("VERB", "AUX"):
        status = _best(mention_words(structure.head), cues)
    return status


def _noun_alone(
    head: Token, cues: dict[int, list[StatusWord]], rules: ClaimRules
) -> tuple[str | None] | None:
    """The status of a noun mention that nothing above it can change, as a 1-tuple: denied by
    "no" or "without" ("there are no direct flights", "talks ended without agreement": not yet,
    whatever the verb), or the basis of an act
    (only what is said of the agreement itself counts); None for any other mention."""
    denied = any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in head.children)
    if denied or (head.dep_ == "pobj" and head.head.lower_ == "without"):
        return ("planned",)
    if as_basis(head):
        return (_said_of_the_noun(head, cues, rules),)
    return None


def as_basis(head: Token) -> bool:
    """Whether the mention is the basis a verb's clause acts under ("under the agreement")."""
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ in BASIS and prep.head.pos_ in ("VERB", "AUX")


def historic_present(structure: Structure, historic: frozenset[str]) -> bool:
    """Whether the verb of the mention (itself, or the verb it is an argument of) is a simple
    present that reports a done event ("Pakistan, Kazakhstan sign 37 agreements"), with no
    auxiliary or negation of its own."""
    head = structure.head
    verb = (
        head
        if head.pos_ in ("VERB", "AUX")
        else next((t for t in structure.chain[:2] if t.pos_ in ("VERB", "AUX")), None)
    )
    if verb is None:
        return False
    lemma = verb.lemma_.casefold()  # with its particle: "flights take off"
    names = {lemma, *(f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt")}
    return (
        verb.tag_ in PRESENT
        and bool(names & historic)
        and not any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children)
    )


def _lies_ahead(structure: Structure, rules: ClaimRules) -> bool:
    """An infinitive about the mention ("flights to take off from October 15"), or a verb that
    opens the way to it ("an agreement that allows flights from March")."""
    head = structure.head
    return any(c.dep_ in CLAUSE_MODIFIERS and is_infinitive(c) for c in head.children) or any(
        t.lemma_.casefold() in rules.enabling for t in structure.chain
    )


def _framed(structure: Structure, frames: frozenset[str]) -> str | None:
    """The status of an event that is the frame of what the verb above says, as "during the
    visit" is: the time or act a frame noun's "of" names ("met him on the first day of his
    visit", "witnessed the signing of 37 agreements"), a visit someone is on ("the president,
    on a visit to Pakistan, held talks"), a visiting someone ("the visiting president laid a
    wreath"). None when the mention is none of these."""
    head, chain = structure.head, structure.chain
    if head.dep_ == "amod" and head.tag_ == "VBG":
        return "in_progress"
    verb = _frame_verb(chain, frames)
    if verb is None:
        return None
    return _during(verb, tense(verb) or ("past" if verb.tag_ == "VBN" else ""))


def _frame_verb(chain: tuple[Token, ...], frames: frozenset[str]) -> Token | None:
    """The verb above "of" and a frame noun, or above "on" and a noun (the one on a visit),
    past nothing but prepositions and nouns."""
    if len(chain) < 2 or chain[0].dep_ != "prep":
        return None
    prep, noun = chain[0], chain[1]
    of_frame = prep.lower_ == "of" and noun.lemma_.casefold() in frames
    on_visit = prep.lower_ in ("on", "during") and noun.pos_ in ("NOUN", "PROPN")
    if not (of_frame or on_visit):
        return None
    for t in chain[2:]:
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.pos_ not in ("ADP", "NOUN", "PROPN"):
            return None
    return None


def _said_of_the_noun(
    head: Token, cues: dict[int, list[StatusWord]], rules: ClaimRules
) -> str | None:
    """What a noun mention's own modifiers say: a clause on it ("agreements reached", "the visit
    of President X, which is expected in November"), an
    adjective that places it before now ("the pile of earlier agreements" that "will join" it),
    or one that says it is under way, done or set ("his ongoing visit", "the forthcoming
    visit"), whatever the verbs above it say of something else."""
    said = _best([w for t in (head, *_named_by_of(head)) for w in clause_words(t)], cues)
    return said if said is not None else _adjective_status(head, cues, rules)


def _named_by_of(head: Token) -> list[Token]:
    """The names in the mention's "of" phrase: "the visit of President Tokayev, which is
    expected in November" has the clause on the visitor said of the visit."""
    return [
        p
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj" and p.pos_ == "PROPN"
    ]


def _adjective_status(
    head: Token, cues: dict[int, list[StatusWord]], rules: ClaimRules
) -> str | None:
    adjectives = [c for c in head.children if c.dep_ == "amod"]
    words = {c.lower_ for c in adjectives}
    if words & rules.prior:
        return "happened"
    if words & rules.coming:
        return "planned"
    own = _best(adjectives, cues)  # "during his ongoing visit": whatever the clause's tense
    return own if own in DONE else None


def _governed(
    structure: Structure, cues: dict[int, list[StatusWord]], rules: ClaimRules, events: set[int]
) -> tuple[str | None, bool, bool]:
    """The status the mention's governors give it, whether it lies ahead of them, and whether
    another event's noun stopped the climb."""
    head = structure.head
    status = (
        _aspect(head, None, _best(predicate_words(head), cues))
        if head.pos_ in ("VERB", "AUX")
        else None
    )
    ahead, below = is_infinitive(head), head
    occasion = False  # an "at" or "during" on the way up: "deals worth $200m at the forum"
    for t in structure.chain:
        occasion = occasion or (below.dep_ == "prep" and below.lower_ in OCCASION)
        if _about_another(t, below, occasion, events):
            return status, ahead, True
        words = _governor_words(t, below, rules)
        own = _aspect(t, below, _best(words, cues), FIRST | rules.ordinals.keys())
        status = _combine(status, None if ahead and own in DONE else own, rules.framing)
        ahead, below = ahead or is_infinitive(t), t
    return _wished(below, status, cues, rules), ahead, False


def _wished(
    top: Token, status: str | None, cues: dict[int, list[StatusWord]], rules: ClaimRules
) -> str | None:
    """A clause reported under a verb that proposes ("Astana hoped the session would be held",
    "he suggested that the commission meet in May") is proposed, unless it says the event is
    done, under way or set back; a reporting verb's clause keeps its own status ("welcomed
    that the flights would begin soon" is planned)."""
    wisher = top.head
    if top.dep_ != "ccomp" or wisher.lemma_.casefold() in rules.reporting:
        return status
    if _best(predicate_words(wisher), cues) != "proposed" or status in DONE + SET_BACK:
        return status
    return "proposed"


def _about_another(t: Token, below: Token, occasion: bool, events: set[int]) -> bool:
    """Whether `t` is another event's noun, so that what governs it is about it ("an MoU on
    flights"); not when the mention is the same thing named again ("37 agreements, MoUs") or
    the occasion of it ("documents signed at the commission")."""
    return (
        t.i in events
        and t.pos_ in ("NOUN", "PROPN")
        and not ({below.dep_, below.lower_} & NOT_ABOUT or occasion)
    )


def _governor_words(t: Token, below: Token, rules: ClaimRules) -> list[Token]:
    """The words of a governor that may say the mention's status."""
    words = predicate_words(t)
    if t.lemma_.casefold() in rules.reporting:  # "will be remembered as a turning point"
        words = [w for w in words if w.i == t.i]  # says nothing of when what it names is
    if is_infinitive(below):  # "renewed his invitation to the president to pay a visit"
        words += [c for c in t.children if c.dep_ == "dobj"]
    return words


def _groups(cities: list[Mention], text: str, rules: ClaimRules) -> list[list[Mention]]:
    """Runs of cities of one country joined by list words: "Lahore, Karachi and Quetta"."""
    groups: list[list[Mention]] = []
    for m in cities:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and last.place.country == m.place.country
            and m.place is not last.place
            and m.start - last.end <= LINK_REACH
            and rules.list_link.match(text, last.end, m.start)
        ):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def routes(
    text: str, mentions: list[Mention], rules: ClaimRules
) -> list[tuple[tuple[Place, Place], int, int]]:
    """City pairs across two countries joined by a route link, in order: ((a, b), start, end)."""
    cities = [m for m in mentions if m.place.kind == "city"]
    groups = _groups(cities, text, rules)
    found: list[tuple[tuple[Place, Place], int, int]] = []
    i = 0
    while i < len(groups) - 1:
        left, right = groups[i], groups[i + 1]
        if (
            left[0].place.country != right[0].place.country
            and right[0].start - left[-1].end <= LINK_REACH
            and rules.route_link.match(text, left[-1].end, right[0].start)
        ):
            for a in left:
                for b in right:
                    found.append(((a.place, b.place), min(a.start, b.start), max(a.end, b.end)))
            i += 2  # "Almaty and Lahore, followed by Almaty and Karachi": pairs do not chain
        else:
            i += 1
    unique: dict[str, tuple[tuple[Place, Place], int, int]] = {}
    for route in found:
        unique.setdefault(pair_key(route[0][0].name, route[0][1].name), route)
    return list(unique.values())


def usable(timexes: list[Timex], status: str) -> list[Timex]:
    """Time expressions that can date this claim: dated ones pointing the right way in time (a
    plan's date lies ahead, a happening's behind), then a plan's lapsed date, else vague ones
    ("shortly") for their words."""
    wanted = ("past",) if status in DONE else ("future",)
    if status in COMMITTED:  # "under negotiation since 2019" says how long, not for when
        timexes = [t for t in timexes if not SINCE.match(t.text)]
    dated = [t for t in timexes if t.start is not None and t.direction in wanted]
    # A plan's date already past in its own clause is its lapsed target ("promised flights by
    # March 2023", read in 2026): the slippage check needs it.
    lapsed = [t for t in timexes if t.start is not None and status in COMMITTED and t not in dated]
    return dated + lapsed or [t for t in timexes if t.start is None]


def clause_timexes(
    doc: Doc, structure: Structure, timexes: list[Timex], content: frozenset[str] = frozenset()
) -> list[Timex]:
    """The time expressions of the mention's clause and of its own modifiers ("the service,
    which started in July"), nearest to the mention in the parse first; not those of what a
    clause with a `content` verb says the event is about ("memoranda covering deliveries")."""
    region = _timex_region(structure)
    spans = tokens_in(doc, [(t.char_start, t.char_end) for t in timexes])
    about = _content_tokens(structure, content)
    placed = [(t, tokens) for t, tokens in zip(timexes, spans, strict=True) if not tokens & about]
    inside = [(t, tokens) for t, tokens in placed if tokens & region]
    when = _time_of_when_clause(structure)
    # "set up in February 1992, when Nazarbayev visited": that time first
    anchored = [t for t, tokens in placed if when is not None and when.i in tokens]
    if not inside:  # one attached a clause too low ("expected early next month after ...")
        inside = _leading_near(doc, structure, placed)
    head = structure.head
    inside.sort(key=lambda x: (min(tree_distance(head, doc[i]) for i in x[1]), x[0].char_start))
    return anchored + [t for t, _ in inside if t not in anchored]


def _leading_near(
    doc: Doc, structure: Structure, placed: list[tuple[Timex, set[int]]]
) -> list[tuple[Timex, set[int]]]:
    """Time expressions that lead a clause near the mention's governors."""
    governors = _below_infinitive([structure.head, *structure.chain])
    return [
        (t, tokens)
        for t, tokens in placed
        if tokens
        and _leads_clause(doc, tokens)
        and any(tree_distance(n, doc[i]) <= NEAR for n in governors for i in tokens)
    ]


def _time_of_when_clause(structure: Structure) -> Token | None:
    """The word a "when" clause qualifies ("in February 1992, when Nazarbayev visited"), when
    the mention is the clause's verb or its subject: it happened at that time. (What the clause's
    verb governs has its own time: "in December 2022, when the session promised flights by
    March 2023".)"""
    head = structure.head
    top = (structure.chain or (head,))[-1]
    if head is not top and not (head.dep_ in ("nsubj", "nsubjpass") and head.head is top):
        return None
    if top.dep_ in ("relcl", "advcl") and any(
        c.dep_ == "advmod" and c.lower_ == "when" for c in top.children
    ):
        return top.head
    return None


def _content_tokens(structure: Structure, content: frozenset[str]) -> set[int]:
    """The words that say what the event is about: a clause on its mention with a content verb
    ("memoranda covering deliveries ..."), or the rest of a content verb the mention is the
    subject of ("the memoranda cover deliveries ..."). As its object ("allows flights from
    March") the mention is itself the content, and the date is its own."""
    head = structure.head
    about = {
        x.i
        for c in head.children
        if c.dep_ in CLAUSE_MODIFIERS and c.lemma_.casefold() in content
        for x in c.subtree
    }
    below = head
    for t in structure.chain:
        if t.lemma_.casefold() in content and below.dep_ not in OBJECT_EDGES:
            about |= {x.i for x in t.subtree} - {x.i for x in below.subtree}
            break
        below = t
    return about


def _below_infinitive(governors: list[Token]) -> list[Token]:
    """The governors up to the first infinitive complement: a date above it dates the governor
    ("agreed in December to promote visa facilitation"), not what lies ahead of it."""
    first = next(
        (n for n, t in enumerate(governors) if is_infinitive(t) and t.dep_ != "advcl"), None
    )  # an infinitive of purpose happens when its governor does ("meet shortly to finalise")
    return governors if first is None else governors[: first + 1]


def _timex_region(structure: Structure) -> set[int]:
    """The words whose time expressions date the mention: its clause (below an infinitive, the
    infinitive's words), its own modifiers, and a time adjunct of a governor ("Starting in
    April, flights will ...")."""
    governors = _below_infinitive([structure.head, *structure.chain])
    top = governors[-1]
    clause = structure.clause if top is (structure.chain or (structure.head,))[-1] else set()
    region = (
        set(clause)
        | {t.i for t in top.subtree if not clause}
        | {t.i for t in structure.head.subtree}
    )
    for t in governors:
        for c in t.children:
            if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN") and not _has_subject(c):
                region |= {x.i for x in c.subtree}
    return region


def _has_subject(t: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)


def _leads_clause(doc: Doc, tokens: set[int]) -> bool:
    """True when the time expression comes before every other word of the clause it is attached
    to: the parser put it in the clause that follows it, not the one it ends."""
    top = clause_of(doc[min(tokens)])
    others = clause_tokens(top) - tokens
    return bool(others) and max(tokens) < min(others)


def nearest(timexes: list[Timex], span: tuple[int, int], text: str) -> Timex | None:
    return min(
        timexes,
        key=lambda t: (distance(text, span, (t.char_start, t.char_end)), t.char_start),
        default=None,
    )


def attach_times(
    spans: list[tuple[int, int]], timexes: list[Timex], text: str
) -> list[Timex | None]:
    """A time expression for each span (routes, in order). One written right after a route is its
    own ("Almaty and Karachi in May"); the rest pair off in reading order when the counts match
    ("Starting in April, ... Almaty and Lahore, followed by ..."), else each takes the nearest."""
    if not timexes:
        return [None] * len(spans)
    if len(spans) == 1:
        return [nearest(timexes, spans[0], text)]
    chosen: list[Timex | None] = [None] * len(spans)
    free = sorted(timexes, key=lambda t: t.char_start)
    for i, (_, end) in enumerate(spans):
        follow = next(
            (
                t
                for t in free
                if 0 <= t.char_start - end <= 16
                and not CLAUSE_BREAK.search(text, end, t.char_start)
            ),
            None,
        )
        if follow is not None:
            chosen[i] = follow
            free.remove(follow)
    rest = [i for i, t in enumerate(chosen) if t is None]
    if rest and len(rest) == len(free):
        for i, t in zip(rest, free, strict=True):
            chosen[i] = t
    else:
        for i in rest:
            chosen[i] = nearest(free or timexes, spans[i], text)
    return chosen


def _value(word: str, numbers: dict[str, int]) -> int | None:
    word = word.casefold().replace(",", "")
    if word.isdigit():
        return int(word)
    parts = re.split(r"[- ]+", word)
    values = [numbers.get(p) for p in parts]
    if not parts or any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def count_value(figure: str, rules: ClaimRules) -> int | None:
    """The number a count figure states: "thirty-seven agreements" is 37, "20 MoUs" is 20."""
    words = "|".join(sorted(rules.numbers, key=len, reverse=True)) or "(?!)"
    m = re.match(rf"\s*(\d[\d,]*|(?:(?:{words})[- ]?)+)", figure, re.IGNORECASE)
    return _value(m.group(1).strip(" -"), rules.numbers) if m else None


def _compared(group: FigureRule, text: str) -> bool:
    """A count to compare across articles: of a comparable group, and not one counted over a span
    of history ("35 agreements since 1992"), which a count of one signing does not contradict."""
    return group.compare and not (group.cumulative and group.cumulative.search(text))


def sentence_figures(
    text: str, kind: str, rules: ClaimRules, folded: str | None = None
) -> tuple[tuple[str, ...], tuple[Count, ...]]:
    """Figures of the rules' groups that apply to `kind`, as written, and the comparable counts.
    `folded` is the text's `fold`, when already made."""
    figures: list[str] = []
    counts: list[Count] = []
    taken: list[tuple[int, int]] = []
    folded = fold(text) if folded is None else folded
    for group in rules.figures:
        if group.kinds and kind not in group.kinds:
            continue
        for pattern in group.patterns:
            if not may_match(pattern, folded):
                continue  # none of the words it needs ("visa", "flight") is in the sentence
            for m in pattern.finditer(text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue  # "within 24 hours" and "24 hours" are one figure
                taken.append(m.span())
                written = text[m.start() : m.end()]
                figures.append(written)
                if _compared(group, text) and (span := _count(group, text, m, rules)) is not None:
                    counts.append(span)
    return tuple(dict.fromkeys(figures)), tuple(sorted(set(counts), key=_order))


def _order(count: Count) -> tuple[int, int]:
    low, high = count
    return low, -1 if high is None else high


# What a qualifier before a count says of it: the range of values it allows, from the number
# written. "near" ("some 35", "nearly 40") allows a range no rule can bound: it is not compared.
_BOUNDS: dict[str, Callable[[int], Count]] = {
    "above": lambda n: (n + 1, None),
    "from": lambda n: (n, None),
    "below": lambda n: (0, n - 1),
    "to": lambda n: (0, n),
}


def _count(group: FigureRule, text: str, m: re.Match[str], rules: ClaimRules) -> Count | None:
    """The values a count figure allows: one ("37 MoUs" is 37..37), or a range its qualifier
    gives ("more than 30 agreements" is 31 or more). None for a figure that counts a part
    ("six of the documents") or that its qualifier leaves vague ("some 35")."""
    written = m.group(0)
    value = count_value(written, rules)
    if value is None or (group.part is not None and group.part.match(written)):
        return None
    before = text[: m.start()]
    qualifier = next((q for q, pattern in group.qualifiers if pattern.search(before)), None)
    if qualifier is None:
        return value, value
    bound = _BOUNDS.get(qualifier)
    return bound(value) if bound is not None else None
