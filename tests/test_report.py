"""The brief reads as stories and stays short on a large corpus: one bullet per commitment, dates
as a reader writes them, sources by outlet, one report per table row, copies as one line per
cluster; on small tables written here."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from newsbrief.core.schema import CLAIMS, COPIES, FINDINGS, records
from newsbrief.report import sections, sources
from newsbrief.report import tables as report
from newsbrief.report.commitments import commitments, corpus_of
from newsbrief.report.figures import commitment_timeline
from newsbrief.report.stories import story, verdict_reason
from newsbrief.report.wording import at_period, period_text, published_text

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def articles(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(article_id, outlet, date) rows; an empty date is an undated article from 2024-04-05."""
    return pd.DataFrame(
        [
            {
                "article_id": a,
                "citekey": f"key-{a}",
                "outlet": outlet,
                "title": f"Headline of {a}",
                "date": day,
                "date_min": day or "2024-04-05",
                "date_max": day,
                "date_basis": "header" if day else "inferred",
                "date_evidence": f"Dated {day} from the header “{day}”."
                if day
                else "Inferred: not before 2024-04-05 because Dana Sample is named as Minister "
                "of Tests (in post from 2024-04-05; source: a register).",
            }
            for a, outlet, day in rows
        ]
    )


def claims(*rows: dict[str, str]) -> pd.DataFrame:
    base = {n: "" for n in CLAIMS.names}
    return pd.DataFrame([{**base, "paragraph": 0, "sentence": 0, **r} for r in rows])


def claim(n: int, article: str, status: str, start: str = "", end: str = "", **more: str):
    return {
        "claim_id": f"{article}:{n}",
        "article_id": article,
        "event": more.pop("event", "direct_flights:almaty-lahore"),
        "status": status,
        "target_start": start,
        "target_end": end or start,
        "quote": more.pop("quote", f"Report {n} of {article} on the flights."),
        **more,
    }


def findings(*rows: dict[str, str]) -> pd.DataFrame:
    base = {n: "" for n in FINDINGS.names}
    return pd.DataFrame([{**base, "evidence": "[]", **r} for r in rows])


def late_finding(n: int, report: str, days: int) -> dict[str, str]:
    """A fulfilled_late finding on the flights promised in article a, delivered per `report`."""
    return {
        "finding_id": f"fulfilled_late-{n:03d}",
        "check": "fulfilled_late",
        "event": "direct_flights:almaty-lahore",
        "article_ids": f"a;{report}",
        "claim_ids": f"a:1;{report}:1",
        "days": str(days),
    }


def tracker(event: str, label: str, first: str, mentions: list[str], verdict: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "event": event,
                "kind": event.split(":")[0],
                "label": label,
                "first_article": first,
                "first_date": "",
                "first_when": "",
                "target_start": "",
                "target_end": "",
                "target_text": "",
                "mentions": ";".join(mentions),
                "verdict": verdict,
                "done_date": "",
            }
        ]
    )


# A route promised for April 2023, moved to 8 July 2023, reported done in July 2023.
LATE = {
    "articles": articles(
        ("a", "Outlet A", "2023-02-20"),
        ("b", "Outlet B", "2023-07-05"),
        ("c", "Outlet C", "2024-01-12"),
    ),
    "claims": claims(
        claim(1, "a", "planned", "2023-04-01", "2023-04-30"),
        claim(1, "b", "planned", "2023-07-08"),
        claim(1, "c", "happened", "2023-07-01", "2023-07-31"),
    ),
    "tracker": tracker(
        "direct_flights:almaty-lahore",
        "Direct flights Almaty–Lahore",
        "a",
        ["b|planned|2023-07-05|2023-07-05", "c|happened|2024-01-12|2024-01-12"],
        "Promise Kept",
    ),
    "findings": findings(late_finding(1, "c", 92)),
}


def told(case: dict[str, pd.DataFrame], **corpus_args):
    corpus = corpus_of(case["articles"], case["claims"], case["tracker"], **corpus_args)
    return commitments(case["tracker"], case["findings"], corpus), corpus


def test_a_late_delivery_is_told_as_one_story_with_dates_a_reader_writes():
    (c,), corpus = told(LATE)
    text = story(c, corpus).text
    assert text.startswith("First promised for April 2023 (Outlet A, 20 Feb 2023)")
    assert "the date moved once (later reports gave 8 July 2023)" in text
    assert "reported done in July 2023 (Outlet C, 12 Jan 2024), about three months late" in text
    assert not ISO.search(text), text
    assert story(c, corpus).articles == ("a", "c")


def test_the_verdict_says_why():
    (c,), corpus = told(LATE)
    assert verdict_reason(c, corpus).text == (
        "Promise Kept: a later report says it was done (Outlet C, 12 Jan 2024)."
    )


def test_a_date_promised_after_the_delivery_is_not_a_move():
    case = dict(LATE)
    case["claims"] = claims(
        claim(1, "a", "planned", "2023-04-01", "2023-04-30"),
        claim(1, "b", "planned", "2024-03-01", "2024-03-31"),  # the next service, not this one
        claim(1, "c", "happened", "2023-07-01", "2023-07-31"),
    )
    (c,), _ = told(case)
    assert c.moves() == 0 and c.delivery() is not None


def test_a_report_of_an_earlier_occasion_is_not_the_delivery():
    case = dict(LATE)
    case["claims"] = claims(
        claim(1, "a", "planned", "2023-04-01", "2023-04-30"),
        claim(1, "b", "planned", "2023-07-08"),
        claim(1, "c", "happened", "2003-01-01", "2003-12-31"),  # "the first since 2003"
    )
    (c,), _ = told(case)
    assert c.delivery() is None


def test_a_dated_report_of_the_delivery_comes_before_an_undated_one_and_tells_its_own_delay():
    case = {
        "articles": articles(
            ("a", "Outlet A", "2023-02-20"), ("u", "Outlet U", ""), ("c", "Outlet C", "2024-06-01")
        ),
        "claims": claims(
            claim(1, "a", "planned", "2023-04-01", "2023-04-30"),
            claim(1, "u", "happened"),  # undated, from 2024-04-05: first by its earliest day
            claim(1, "c", "happened", "2023-07-01", "2023-07-31"),
        ),
        "tracker": LATE["tracker"],
        # another report's delay is not this one's
        "findings": findings(late_finding(1, "c", 92), late_finding(2, "u", 400)),
    }
    (c,), corpus = told(case)
    assert c.delivery() is not None and c.delivery().article_id == "c"
    assert "reported done in July 2023 (Outlet C, 1 Jun 2024), about three months late" in (
        story(c, corpus).text
    )


def many_commitments(n: int) -> dict[str, pd.DataFrame]:
    """`n` routes, each promised in its own article and lapsed; route k lapsed k*10 days."""
    events = [f"direct_flights:city{k}-town{k}" for k in range(n)]
    return {
        "articles": articles(*((f"a{k}", f"Outlet {k}", "2023-01-01") for k in range(n))),
        "claims": claims(
            *(claim(k, f"a{k}", "planned", "2023-03-01", event=e) for k, e in enumerate(events))
        ),
        "tracker": pd.concat(
            [tracker(e, f"Route {k}", f"a{k}", [], "Not Yet Rated") for k, e in enumerate(events)]
        ),
        "findings": findings(
            *(
                {
                    "finding_id": f"no_follow_up-{k:03d}",
                    "check": "no_follow_up",
                    "event": e,
                    "article_ids": f"a{k}",
                    "claim_ids": f"a{k}:{k}",
                    "days": str(k * 10),
                }
                for k, e in enumerate(events)
            )
        ),
    }


def test_key_findings_are_at_most_seven_one_per_commitment_the_longest_lapse_first():
    found, corpus = told(many_commitments(10))
    bullets = sections.key_findings(found, [], corpus, {}).splitlines()
    assert len(bullets) == sections.KEY_FINDINGS == 7
    labels = [re.findall(r"\*\*(.+?)\.\*\*", b)[0] for b in bullets]
    assert labels == [f"Route {k}" for k in range(9, 2, -1)]


def test_a_head_of_states_commitment_comes_first():
    case = many_commitments(3)
    case["claims"].loc[0, "actors"] = "Dana Sample;Kazakhstan"
    found, _ = told(
        case, high_level=("president",), officeholders={"Dana Sample": "President of X"}
    )
    assert [c.label for c in found] == ["Route 0", "Route 2", "Route 1"]


def test_a_commitment_with_many_reports_gives_each_its_own_row_and_the_pdf_the_telling_ones():
    n = 24
    case = many_commitments(1)
    case["articles"] = articles(
        *((f"a{k}", f"Outlet {k}", f"2023-01-{k + 1:02d}") for k in range(n))
    )
    case["claims"] = claims(
        claim(0, "a0", "planned", "2023-03-01", event="direct_flights:city0-town0"),
        *(claim(k, f"a{k}", "planned", event="direct_flights:city0-town0") for k in range(1, n)),
    )
    case["tracker"]["mentions"] = ";".join(
        f"a{k}|planned|2023-01-{k + 1:02d}|2023-01-{k + 1:02d}" for k in range(1, n)
    )
    (c,), corpus = told(case)
    keys = {f"a{k}": f"key{k}" for k in range(n)}
    rows = sections.mentions_table(list(c.mentions), corpus, keys).splitlines()[2:]
    assert len(rows) == n and all(row.count("[@") == 1 for row in rows)
    shown = sections.pdf_mentions(c)
    assert len(shown) == sections.PDF_MENTIONS
    assert shown[0].article_id == "a0" and shown[-1].article_id == f"a{n - 1}"


def test_a_long_quote_is_cut_to_a_verbatim_window_around_its_date():
    quote = ("word " * 80) + "will begin in July 2023 " + ("more " * 80)
    cut_start, window, cut_end = sections.excerpt(quote.strip(), "in July 2023")
    assert cut_start and cut_end and "in July 2023" in window and window in quote
    assert len(window) <= sections.QUOTE_CHARS


def test_periods_read_as_a_reader_writes_them():
    assert period_text("2023-07-08", "2023-07-08") == "8 July 2023"
    assert period_text("2023-03-01", "2023-03-31") == "March 2023"
    assert period_text("2021-09-01", "2021-11-30") == "September–November 2021"
    assert period_text("2023-02-24", "2023-12-31") == "the end of 2023"
    assert at_period("2026-02-02", "2026-02-08") == "between 2 and 8 February 2026"
    assert at_period("2022-09-01", "2024-11-30") == "between September 2022 and November 2024"
    assert at_period("2023-07-01", "2023-07-31") == "in July 2023"
    assert published_text("2021-06-14", "2021-11-30") == "undated, 14 Jun–30 Nov 2021"
    assert published_text("2024-04-05", "") == "undated, after 5 Apr 2024"


def test_an_undated_article_is_a_row_with_its_bounds_and_why():
    table = sources.articles_table(articles(("u", "", "")))
    assert "undated\\, after 5 Apr 2024" in table
    assert "not before 5 Apr 2024\\: Dana Sample is named as Minister of Tests" in table
    assert "source" not in table  # the reason's source and tenure stay in articles.csv


def copies(*pairs: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            dict(zip(COPIES.names, (a, 0, b, 0, "0.9", ta, tb), strict=True))
            for a, b, ta, tb in pairs
        ]
    )


def test_a_republished_report_is_one_line_naming_the_words_it_changed():
    text = "Direct air service will begin on April 21, 2023, when the first flight lands in Lahore."
    pairs = copies(
        ("d", "i", text, text.replace("April 21", "April 26")),
        (
            "d",
            "i",
            "The route would be served twice a week.",
            "The route would be served twice a week.",
        ),
        ("i", "j", "Another shared paragraph.", "Another shared paragraph."),
    )
    found = findings(
        *(
            {"finding_id": f"duplicate_source-{n}", "check": "duplicate_source", "article_ids": ids}
            for n, ids in enumerate(("d;i", "d;i", "i;j"))
        )
    )
    table = articles(
        ("d", "DNA News", "2023-02-20"), ("i", "Islamabad Post", ""), ("j", "", "2023-03-01")
    )
    order = {r.text("article_id"): (r.text("date_min"), r.text("date")) for r in records(table)}
    (cluster,) = sources.copy_clusters(found, pairs, order)
    line = sources.cluster_markdown(cluster, {r.text("article_id"): r for r in records(table)})
    assert line.startswith("The same report appears in DNA News \\(20 Feb 2023\\)")
    assert "Islamabad Post \\(undated\\, after 5 Apr 2024\\)" in line
    assert "“April 21” in DNA News where Islamabad Post has “April 26”" in line


def test_figures_in_dispute_are_one_table_with_each_figure_and_who_gave_it():
    event = "agreement:mou"
    case = {
        "articles": articles(
            ("p", "Outlet P", "2026-02-04"),
            ("q", "Outlet Q", "2026-02-04"),
            ("r", "Outlet R", "2026-02-05"),
        ),
        "claims": claims(
            *(
                claim(1, a, "happened", event=event, figures=f, quote=f"They signed {f}.")
                for a, f in (("p", "37 MoUs"), ("q", "36 MoUs"), ("r", "37 MoUs"))
            )
        ),
        "tracker": tracker(event, "Agreements and MoUs", "p", [], "Not Yet Rated").iloc[:0],
        "findings": findings(
            {
                "finding_id": "conflict-001",
                "check": "conflict",
                "event": event,
                "article_ids": "p;q",
                "claim_ids": "p:1;q:1",
            }
        ),
    }
    found, corpus = told(case)
    table = sections.disputes_section(found, corpus, {"p": "kp", "q": "kq", "r": "kr"})
    assert ", reported 4–5 Feb 2026\n" in table
    rows = [line for line in table.splitlines() if line.startswith("| 3")]
    assert rows == [
        "| 37 MoUs | 4 Feb 2026 [@kp]; 5 Feb 2026 [@kr] |",
        "| 36 MoUs | 4 Feb 2026 [@kq] |",
    ]


def test_the_commitment_figure_is_the_same_file_twice(tmp_path: Path):
    (c,), _ = told(LATE)
    first = commitment_timeline(c, tmp_path / "a.svg", "Source: test").read_bytes()
    second = commitment_timeline(c, tmp_path / "b.svg", "Source: test").read_bytes()
    assert first == second and b"<svg" in first


def test_a_note_shared_by_many_articles_becomes_one_counted_line():
    notes = [(f"a{n}", "not in the catalog") for n in range(10)] + [("b", "is empty")]
    lines = report._grouped_notes(notes, {f"a{n}": f"key{n}" for n in range(10)} | {"b": "kb"})
    assert len(lines) == 2 and lines[0].startswith("- 10 articles: not in the catalog")
    assert "@key0" in lines[0] and "@key9" not in lines[0]


def test_the_hash_table_of_a_large_corpus_is_cut_and_points_to_all_hashes():
    articles = pd.DataFrame(
        {
            "path": [f"seeds/{n}.txt" for n in range(report.LISTED + 5)],
            "sha256": ["0" * 64] * (report.LISTED + 5),
        }
    )
    table = report.hashes_table(articles)
    listed = report.md_text(f"seeds/{report.LISTED - 1}.txt")
    assert listed in table and report.md_text(f"seeds/{report.LISTED}.txt") not in table
    assert (
        f"all {report.LISTED + 5} files' hashes (column sha256) are in `build/data/articles.csv`"
        in table
    )


def test_a_small_corpus_is_listed_whole():
    articles = pd.DataFrame({"path": ["seeds/a.txt"], "sha256": ["0" * 64]})
    assert "shown" not in report.hashes_table(articles)


def test_a_date_restated_less_precisely_is_not_a_move():
    case = dict(LATE)
    case["claims"] = claims(
        claim(1, "a", "planned", "2023-04-21"),
        claim(1, "b", "planned", "2023-04-01", "2023-04-30"),  # "in April": the same promise
        claim(1, "c", "planned", "2023-07-08"),
    )
    case["articles"] = articles(
        ("a", "Outlet A", "2023-02-20"),
        ("b", "Outlet B", "2023-03-05"),
        ("c", "Outlet C", "2023-05-10"),
    )
    case["tracker"] = case["tracker"].assign(
        mentions="b|planned|2023-03-05|2023-03-05;c|planned|2023-05-10|2023-05-10"
    )
    (c,), _ = told(case)
    assert [m.article_id for m in c.promised_dates()] == ["a", "c"] and c.moves() == 1


def test_a_later_report_of_a_date_already_past_recalls_the_promise_and_is_not_a_move():
    case = dict(LATE)
    case["claims"] = claims(
        claim(1, "a", "planned", "2023-04-01", "2023-04-30"),
        claim(1, "b", "planned", "2023-03-01", "2023-03-31"),  # written in July: a recollection
        claim(1, "c", "happened", "2023-07-01", "2023-07-31"),
    )
    (c,), _ = told(case)
    assert [m.article_id for m in c.promised_dates()] == ["a"] and c.moves() == 0


def test_the_findings_review_is_stated_with_its_counts_and_a_bad_verdict_names_the_file(tmp_path):
    from newsbrief.core.errors import InputError
    from newsbrief.report.stage import review_verdicts
    from newsbrief.report.tables import findings_review

    review = tmp_path / "findings_review_today.yml"
    review.write_text(
        "verdicts:\n- {check: conflict, verdict: wrong}\n- {check: conflict, verdict: right}\n"
        "- {check: slippage, verdict: right}\n",
        encoding="utf-8",
    )
    text = findings_review(review_verdicts(review))
    assert "1 of 3 were wrong (1 of 2 conflict)" in text
    assert findings_review(review_verdicts(tmp_path / "absent.yml")) == ""
    review.write_text("verdicts:\n- {check: conflict, verdict: maybe}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"findings_review_today\.yml"):
        review_verdicts(review)
