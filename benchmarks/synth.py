"""Synthetic corpora for the benchmark: articles of about 400 words in the seeds' style.

Built from templates that use the codebook's terms and the gazetteer's and context's cities and
people, with varied dates, routes and figures, and a share of near-copies, so every stage has work.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

KZ_CITIES = ["Almaty", "Astana", "Shymkent", "Aktau", "Karaganda", "Atyrau", "Turkistan"]
PK_CITIES = ["Lahore", "Karachi", "Islamabad", "Peshawar", "Quetta", "Faisalabad", "Multan"]
PEOPLE = [
    "Ambassador of Kazakhstan to Pakistan Yerzhan Kistafin",
    "Federal Minister for Communications Abdul Aleem Khan",
    "Prime Minister Shehbaz Sharif",
    "President Kassym-Jomart Tokayev",
]
OUTLETS = ["TDI", "APP", "KAZINFORM"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FILLER = [
    "Both sides stressed the importance of trade and investment between the two countries.",
    "Kazakhstan and Pakistan have worked together on energy, including oil, gas and renewable power.",
    "The parties discussed transit routes, logistics and the development of a trade corridor.",
    "Scholarships and student exchange programmes have strengthened people-to-people links.",
    "The leaders emphasised regional security and stability and peace in Afghanistan.",
    "Officials reviewed the work of the Intergovernmental Joint Commission on trade and economic cooperation.",
    "Business communities and chambers of commerce were invited to a business forum.",
    "Visa facilitation for business travellers and tourists was also on the agenda.",
    "The embassy extended its warmest greetings on the national day.",
    "Bilateral relations have grown steadily over the past years, anchored on mutual respect.",
]
# Slots for varied sentences, so that most paragraphs are unique as in real news and copy
# detection has real work (a corpus of identical stock paragraphs would give it none).
ACTORS = [
    "the chamber of commerce",
    "a delegation of traders",
    "the joint working group",
    "textile exporters",
    "the railway authority",
    "a consortium of banks",
    "provincial officials",
    "the investment board",
    "the aviation authority",
    "university rectors",
    "the energy ministry",
    "logistics firms",
]
VERBS = [
    "proposed",
    "reviewed",
    "welcomed",
    "examined",
    "outlined",
    "discussed",
    "endorsed",
    "presented",
]
TOPICS = [
    "a plan for bonded warehouses",
    "new cargo tariffs",
    "a barter arrangement for wheat",
    "joint ventures in pharmaceuticals",
    "a seminar on halal food standards",
    "cold-chain storage",
    "a fund for small exporters",
    "digital customs declarations",
    "a student exchange quota",
    "a cultural festival",
    "cooperation in uranium processing",
    "a wind farm feasibility study",
    "a road link through Afghanistan",
    "an expo of leather goods",
    "insurance for transit cargo",
]
QUALIFIERS = [
    "in detail",
    "at length",
    "with cautious optimism",
    "behind closed doors",
    "for the first time",
    "after months of delay",
    "as a matter of priority",
    "in a joint statement",
]
OUTCOMES = [
    "could raise bilateral trade by {n} percent",
    "may create {n} hundred jobs",
    "would cut transit times by {n} days",
    "might attract {n} million dollars of investment",
    "should benefit {n} thousand students",
    "could lower freight costs by {n} percent",
]


# Real news names many firms, places and people, so most of its word sequences are rare; a
# Zipf-distributed vocabulary of pseudo-names gives synthetic text the same spread.
SYLLABLES = [
    "ka",
    "zan",
    "ber",
    "tol",
    "mir",
    "sha",
    "dar",
    "lin",
    "ok",
    "ra",
    "bek",
    "tas",
    "gul",
    "nur",
    "pa",
    "kis",
    "tan",
    "abad",
    "ul",
    "yer",
]
NAMES = sorted(
    {(a + b + c).capitalize() for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES[:12]}
)
NAME_WEIGHTS = [1 / rank for rank in range(1, len(NAMES) + 1)]


def name(rng: random.Random) -> str:
    return rng.choices(NAMES, weights=NAME_WEIGHTS)[0]


def varied_sentence(rng: random.Random, kz: str, pk: str) -> str:
    outcome = rng.choice(OUTCOMES).format(n=rng.randint(2, 90))
    return (
        f"In {rng.choice([kz, pk])}, {rng.choice(ACTORS)} of {name(rng)} {name(rng)} {rng.choice(VERBS)} "
        f"{rng.choice(TOPICS)} with {name(rng)} {rng.choice(QUALIFIERS)}, saying it {outcome}."
    )


def paragraph(rng: random.Random, kz: str, pk: str) -> str:
    """Two or three sentences: a varied one, a stock one, and sometimes another varied one."""
    parts = [varied_sentence(rng, kz, pk), rng.choice(FILLER)]
    if rng.random() < 0.5:
        parts.append(varied_sentence(rng, kz, pk))
    return " ".join(parts)


def reworded(rng: random.Random, text: str) -> str:
    """A near-copy as outlets make them: a few words changed in most paragraphs, the rest kept."""
    swaps = [
        ("will", "would"),
        ("discussed", "talked about"),
        ("saying it", "adding that it"),
        ("proposed", "put forward"),
        ("between", "linking"),
        ("the two countries", "both nations"),
    ]
    lines = text.split("\n\n")
    for n in range(1, len(lines)):
        for old, new in rng.sample(swaps, k=2):
            lines[n] = lines[n].replace(old, new, 1)
    return "\n\n".join(lines)


def article(rng: random.Random, published: date) -> str:
    kz, pk = rng.choice(KZ_CITIES), rng.choice(PK_CITIES)
    target = MONTHS[(published.month + rng.randint(0, 4)) % 12]
    person = rng.choice(PEOPLE)
    mous = rng.randint(3, 40)
    tag = rng.choice(OUTLETS)
    head = (
        f"Islamabad, {published.day} {MONTHS[published.month - 1]} {published.year} ({tag}): "
        f"{person} met officials to discuss cooperation between Kazakhstan and Pakistan."
    )
    status = rng.choice(
        [
            f"Starting in {target}, direct flights will be available between {kz} and {pk}.",
            f"Direct flights between {kz} and {pk} will begin shortly.",
            f"Both sides discussed launching direct flights between {kz} and {pk}.",
            f"Direct flights between {kz} and {pk} began in {target}.",
            f"The launch of flights between {kz} and {pk} was postponed.",
        ]
    )
    lines = [
        head,
        status,
        f"During the visit, {mous} memorandums of understanding will be signed in {target}.",
        f"A trade mission of Pakistan to Kazakhstan will be organised in the autumn of {published.year + 1}.",
        f"The business community will receive {rng.choice(['two-year', 'five-year', 'one-year'])} visas within 24 hours.",
    ]
    # About 400 words: varied paragraphs after the news.
    lines += [paragraph(rng, kz, pk) for _ in range(7)]
    return "\n\n".join(lines) + "\n"


def write_corpus(directory: Path, n: int, seed: int = 7, copy_share: float = 0.05) -> Path:
    """`n` articles in `directory/seeds/`, a share of them near-copies of earlier ones."""
    rng = random.Random(seed)
    seeds = directory / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    start = date(2019, 1, 1)
    texts: list[str] = []
    for i in range(n):
        if texts and rng.random() < copy_share:
            text = reworded(rng, rng.choice(texts[-50:]))
        else:
            text = article(rng, start + timedelta(days=rng.randint(0, 2500)))
        texts.append(text)
        (seeds / f"{i:06d}_synthetic.txt").write_text(text, encoding="utf-8")
    return seeds
