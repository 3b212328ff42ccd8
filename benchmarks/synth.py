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
PEOPLE = ["Ambassador of Kazakhstan to Pakistan Yerzhan Kistafin",
          "Federal Minister for Communications Abdul Aleem Khan",
          "Prime Minister Shehbaz Sharif", "President Kassym-Jomart Tokayev"]
OUTLETS = ["TDI", "APP", "KAZINFORM"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
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


def article(rng: random.Random, published: date) -> str:
    kz, pk = rng.choice(KZ_CITIES), rng.choice(PK_CITIES)
    target = MONTHS[(published.month + rng.randint(0, 4)) % 12]
    person = rng.choice(PEOPLE)
    mous = rng.randint(3, 40)
    tag = rng.choice(OUTLETS)
    head = (f"Islamabad, {published.day} {MONTHS[published.month - 1]} {published.year} ({tag}): "
            f"{person} met officials to discuss cooperation between Kazakhstan and Pakistan.")
    status = rng.choice([
        f"Starting in {target}, direct flights will be available between {kz} and {pk}.",
        f"Direct flights between {kz} and {pk} will begin shortly.",
        f"Both sides discussed launching direct flights between {kz} and {pk}.",
        f"Direct flights between {kz} and {pk} began in {target}.",
        f"The launch of flights between {kz} and {pk} was postponed.",
    ])
    lines = [head, status,
             f"During the visit, {mous} memorandums of understanding will be signed in {target}.",
             f"A trade mission of Pakistan to Kazakhstan will be organised in the autumn of {published.year + 1}.",
             f"The business community will receive {rng.choice(['two-year', 'five-year', 'one-year'])} visas within 24 hours."]
    body = rng.sample(FILLER, k=len(FILLER))
    # About 400 words: the filler paragraphs, repeated in a shuffled order.
    lines += body + rng.sample(FILLER, k=len(FILLER)) + rng.sample(FILLER, k=6)
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
            source = rng.choice(texts[-50:]).split("\n\n")
            source[1] = source[1].replace("will", "would", 1)
            text = "\n\n".join(source)
        else:
            text = article(rng, start + timedelta(days=rng.randint(0, 2500)))
        texts.append(text)
        (seeds / f"{i:06d}_synthetic.txt").write_text(text, encoding="utf-8")
    return seeds
