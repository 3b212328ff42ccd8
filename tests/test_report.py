"""The brief stays readable on a large corpus: long lists are cut and counted, with the full data
named, on small tables written here."""

import pandas as pd

from newsbrief.report import tables as report


def test_a_commitment_with_many_mentions_lists_the_first_and_the_latest():
    mentions = ";".join(f"a{n}|planned|2023-01-{n + 1:02d}|2023-01-{n + 1:02d}" for n in range(20))
    promises = pd.DataFrame(
        [
            {
                "label": "Direct flights X–Y",
                "first_when": "2023-01-01",
                "first_article": "a0",
                "target_text": "April",
                "target_start": "2023-04-01",
                "target_end": "2023-04-30",
                "mentions": mentions,
                "verdict": "Stalled",
            }
        ]
    )
    table = report.tracker_table(promises, {f"a{n}": f"key{n}" for n in range(20)})
    assert "@key0" in table and "@key19" in table and "@key10" not in table
    assert f"{20 - report.MENTIONS_SHOWN} more in `build/data/tracker.csv`" in table


def test_unrated_commitments_beyond_the_first_rows_are_counted_not_dropped():
    n = report.TOP_ROWS + 3
    promises = pd.DataFrame(
        [
            {
                "label": f"Business forum {i}",
                "first_when": "2023-01-01",
                "first_article": f"a{i}",
                "target_text": "",
                "target_start": "",
                "target_end": "",
                "mentions": "",
                "verdict": "Not Yet Rated",
            }
            for i in range(n)
        ]
    )
    table = report.tracker_table(promises, {f"a{i}": f"key{i}" for i in range(n)})
    assert "@key0" in table and f"@key{n - 1}" not in table
    assert "and 3 more in `build/data/tracker.csv`" in table


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
