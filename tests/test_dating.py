"""Publication dates: the order of trust, and bounds inferred from events, tenures and place names.

People, offices and places are invented for the tests and given in an inline Context.
"""

from __future__ import annotations

from datetime import date

from newsbrief.dating.context import Context, Place, PlaceName, Source, Tenure
from newsbrief.dating.publication import (
    DateHints,
    deciding_facts,
    listed_facts,
    publication_date,
)
from newsbrief.ingest.rules import load_ingest_rules
from newsbrief.ingest.sentences import paragraph_sentences
from newsbrief.ingest.stamps import find_stamp

SOURCE = (Source("Test source", "https://example.org"),)
AMBASSADOR = Tenure(
    "Aigerim Test",
    ("Aigerim Test", "A. Test"),
    "Ambassador of Kazakhstan to Pakistan",
    ("ambassador", "envoy", "ambassador of kazakhstan"),
    "KZ",
    date(2021, 6, 14),
    None,
    "",
    SOURCE,
)
PRIME_MINISTER = Tenure(
    "Bilal Example",
    ("Bilal Example",),
    "Prime Minister of Pakistan",
    ("prime minister",),
    "PK",
    date(2018, 8, 18),
    date(2022, 4, 10),
    "",
    SOURCE,
)
TRADE_TERMS = (
    Tenure(
        "Chingiz Twice",
        ("Chingiz Twice",),
        "Minister of Trade of Kazakhstan",
        ("minister",),
        "KZ",
        date(2010, 1, 1),
        date(2012, 1, 1),
        "first term",
        SOURCE,
    ),
    Tenure(
        "Chingiz Twice",
        ("Chingiz Twice",),
        "Minister of Trade of Kazakhstan",
        ("minister",),
        "KZ",
        date(2015, 1, 1),
        date(2016, 1, 1),
        "second term",
        SOURCE,
    ),
)
LATER_PREMIER = Tenure(
    "Chingiz Twice",
    ("Chingiz Twice",),
    "Prime Minister of Kazakhstan",
    ("prime minister",),
    "KZ",
    date(2019, 1, 1),
    date(2020, 1, 1),
    "",
    SOURCE,
)
CONTEXT = Context(
    tenures=(AMBASSADOR, PRIME_MINISTER, *TRADE_TERMS, LATER_PREMIER),
    place_names=(
        PlaceName(
            "Nur-Sultan",
            "Astana",
            ("Nur-Sultan", "Nur Sultan"),
            date(2019, 3, 23),
            date(2022, 9, 17),
            SOURCE,
        ),
        PlaceName("Alma-Ata", "Almaty", ("Alma-Ata",), None, date(1993, 1, 28), SOURCE),
    ),
    places=(Place("Astana", "city", "KZ", ("Astana", "Nur-Sultan"), (), SOURCE),),
)


def dated(sentences, catalog=None, header=None, basis="", evidence="", place="", context=CONTEXT):
    return publication_date("article", catalog, header, basis, evidence, sentences, context, place)


def bounds(d) -> tuple:
    return d.date_min, d.date_max


# Order of trust


def test_catalog_beats_header_and_says_when_they_disagree():
    d = dated(
        ["Text."],
        catalog=date(2023, 2, 1),
        header=date(2023, 2, 2),
        basis="header",
        evidence="date 2023-02-02",
    )
    assert (d.date, d.date_min, d.date_max, d.basis) == (date(2023, 2, 1),) * 3 + ("catalog",)
    assert "2023-02-02 instead" in d.evidence


def test_catalog_notes_a_header_that_agrees():
    d = dated(
        ["Text."],
        catalog=date(2023, 2, 1),
        header=date(2023, 2, 1),
        basis="dateline",
        evidence="Lahore, 1 February 2023",
    )
    assert d.evidence == (
        "Dated 2023-02-01 by the catalog entry. The dateline “Lahore, 1 February 2023” agrees."
    )


def test_header_date_is_a_point_when_there_is_no_catalog_date():
    d = dated(["Text."], header=date(2023, 2, 23), basis="header", evidence="date 2023-02-23")
    assert (d.date, d.date_min, d.date_max, d.basis) == (date(2023, 2, 23),) * 3 + ("header",)
    assert d.evidence == "Dated 2023-02-23 from the header “date 2023-02-23”."


def test_dateline_date_cites_the_dateline():
    d = dated(
        ["Text."],
        header=date(2023, 3, 23),
        basis="dateline",
        evidence="Islamabad, 23 March 2023 (TDI)",
    )
    assert d.basis == "dateline"
    assert d.evidence == "Dated 2023-03-23 from the dateline “Islamabad, 23 March 2023 (TDI)”."


def test_a_stated_date_is_never_replaced_by_inference():
    d = dated(
        ["The ambassador Aigerim Test will visit in the autumn of 2021."],
        header=date(2023, 5, 1),
        basis="dateline",
        evidence="Lahore, 1 May 2023",
    )
    assert (d.date, d.basis) == (date(2023, 5, 1), "dateline")


def test_a_catalog_date_outside_a_named_officeholders_tenure_is_kept_but_questioned():
    d = dated(["Prime Minister Bilal Example spoke."], catalog=date(2024, 1, 1))
    assert (d.date, d.basis) == (date(2024, 1, 1), "catalog")
    assert "But the text suggests 2018-08-18 to 2022-04-10" in d.evidence
    assert "Bilal Example is named as Prime Minister of Pakistan" in d.evidence


def test_a_catalog_date_inside_the_tenure_raises_no_doubt():
    assert (
        "But"
        not in dated(["Prime Minister Bilal Example spoke."], catalog=date(2020, 1, 1)).evidence
    )


def test_unknown_when_nothing_bounds_the_date():
    d = dated(["Relations are warm.", "Both sides discussed trade."])
    assert (d.date, d.date_min, d.date_max, d.basis) == (None, None, None, "unknown")
    assert d.evidence.startswith("No date is stated")


def test_no_sentences_at_all_is_unknown():
    assert dated([]).basis == "unknown"


# Officeholders


def test_a_person_named_with_their_title_bounds_to_the_tenure():
    d = dated(["The ambassador Aigerim Test met officials."])
    assert (d.date, d.date_min, d.date_max, d.basis) == (None, date(2021, 6, 14), None, "inferred")
    assert d.evidence == (
        "Inferred: not before 2021-06-14 because Aigerim Test is named as Ambassador "
        "of Kazakhstan to Pakistan (in post from 2021-06-14; source: Test source)."
    )


def test_a_title_with_its_country_before_the_name_counts():
    d = dated(["Ambassador of Kazakhstan to Pakistan, H.E. Aigerim Test, met traders."])
    assert d.date_min == date(2021, 6, 14)


def dated_text(paragraph: str):
    """Dated as the build dates an article: the paragraph split by ingest's own splitter, with the
    abbreviations of analysis/ingest.yml."""
    split = paragraph_sentences(
        "article", 0, paragraph, 0, False, load_ingest_rules().abbreviations
    )
    return dated([s.text for s in split])


def test_an_envoys_title_before_an_honorific_initialism_bounds_through_the_splitter():
    d = dated_text(
        "Ambassador of Kazakhstan to Pakistan, H.E. Mr. Aigerim Test, met traders. "
        "They discussed transit routes."
    )
    assert d.date_min == date(2021, 6, 14)


def test_a_title_split_from_its_name_by_a_sentence_end_gives_no_bound_through_the_splitter():
    d = dated_text("He met the Ambassador of Kazakhstan to Pakistan. Aigerim Test spoke later.")
    assert d.basis == "unknown"


def test_a_title_after_the_name_counts():
    assert bounds(dated(["Bilal Example, the prime minister, spoke."])) == (
        date(2018, 8, 18),
        date(2022, 4, 10),
    )


def test_titles_and_aliases_match_in_any_case():
    assert dated(["KAZAKH ENVOY A. TEST ARRIVED."]).date_min == date(2021, 6, 14)


def test_a_possessive_name_with_a_title_counts():
    assert dated(["Envoy Aigerim Test's visit ended."]).date_min == date(2021, 6, 14)


def test_a_name_without_a_title_gives_no_bound():
    assert dated(["Bilal Example spoke at a rally."]).basis == "unknown"


def test_a_title_far_from_the_name_gives_no_bound():
    assert (
        dated(
            ["The prime minister opened the new terminal building and welcomed Bilal Example."]
        ).basis
        == "unknown"
    )


def test_a_title_separated_by_a_verb_belongs_to_someone_else():
    assert dated(["The prime minister met Bilal Example."]).basis == "unknown"


def test_a_former_officeholder_gives_no_bound():
    assert dated(["Former prime minister Bilal Example spoke."]).basis == "unknown"
    assert dated(["Then-prime minister Bilal Example spoke."]).basis == "unknown"
    assert dated(["Bilal Example, the former prime minister, spoke."]).basis == "unknown"


def test_a_title_given_to_the_first_of_two_names_does_not_pass_to_the_second():
    d = dated(["Envoy Aigerim Test and Bilal Example spoke."])
    assert bounds(d) == (date(2021, 6, 14), None)


def test_several_terms_in_one_office_give_the_span_of_all_terms():
    d = dated(["The minister Chingiz Twice opened the fair."])
    assert bounds(d) == (date(2010, 1, 1), date(2016, 1, 1))
    assert "in post 2010-01-01 to 2012-01-01 and 2015-01-01 to 2016-01-01" in d.evidence
    assert "the span of all 2 terms" in d.evidence


def test_a_longer_title_is_read_as_the_office_it_names():
    # "Prime Minister" also contains "minister", the title of this person's earlier office.
    d = dated(["Prime Minister Chingiz Twice opened the fair."])
    assert bounds(d) == (date(2019, 1, 1), date(2020, 1, 1))


# Place names of an era


def test_an_era_place_name_bounds_to_its_era():
    d = dated(["A forum opened in Nur-Sultan."])
    assert bounds(d) == (date(2019, 3, 23), date(2022, 9, 17))
    assert (
        "the place name “Nur-Sultan” for Astana was in use 2019-03-23 to 2022-09-17" in d.evidence
    )


def test_an_era_name_in_the_dateline_counts_too():
    assert dated(["A forum opened."], place="NUR-SULTAN").date_max == date(2022, 9, 17)


def test_an_era_name_marked_as_former_gives_no_bound():
    assert dated(["Astana, formerly Nur-Sultan, hosted it."]).basis == "unknown"
    assert dated(["The capital, then called Nur-Sultan, hosted it."]).basis == "unknown"
    assert dated(["Nur-Sultan (now Astana) hosted it."]).basis == "unknown"


def test_a_document_named_after_an_old_place_name_gives_no_bound():
    assert dated(["The Alma-Ata Declaration is often cited."]).basis == "unknown"


def test_an_era_name_for_a_dated_past_event_belongs_to_the_event():
    d = dated(["A forum was held in Nur-Sultan in 2020."])
    assert bounds(d) == (date(2020, 1, 1), None)


def test_an_era_without_a_start_bounds_only_above():
    assert bounds(dated(["Delegates gathered in Alma-Ata."])) == (None, date(1993, 1, 28))


# Dated events


def test_a_past_event_bounds_below_from_its_start():
    d = dated(["The commission met in March 2020."])
    assert bounds(d) == (date(2020, 3, 1), None)
    assert "of the past event “met in March 2020”" in d.evidence


def test_a_meeting_held_over_several_days_bounds_below_from_its_last_day():
    assert dated(["The commission's meeting was held on February 27–28, 2020."]).date_min == date(
        2020, 2, 28
    )


def test_a_plan_still_ahead_bounds_above_at_its_end():
    d = dated(["The parties agreed to organize a trade mission in the autumn of 2021."])
    assert bounds(d) == (None, date(2021, 11, 30))
    assert (
        d.evidence
        == "Inferred: not after 2021-11-30 because “in the autumn of 2021” is still ahead."
    )


def test_relative_and_vague_expressions_give_no_bound():
    assert (
        dated(["The forum will open next month.", "Flights will begin shortly."]).basis == "unknown"
    )


def test_a_date_in_a_sentence_without_tense_gives_no_bound():
    assert dated(["Trade in 2021: a review."]).basis == "unknown"


def test_a_mixed_sentence_without_a_verb_next_to_the_date_gives_no_bound():
    assert dated(["In 2019, officials said the line will open."]).basis == "unknown"


def test_the_verb_next_to_the_date_decides_in_a_mixed_sentence():
    d = dated(["The deal signed in 2019 will be renewed."])
    assert bounds(d) == (date(2019, 1, 1), None)


# Combining evidence


def test_all_evidence_is_intersected_and_cited_in_a_stable_order():
    d = dated(
        [
            "The envoy Aigerim Test reviewed the results of the meeting held on "
            "February 27–28, 2020.",
            "The parties agreed to organize a trade mission in the autumn of 2021.",
        ]
    )
    assert (d.date, d.date_min, d.date_max, d.basis) == (
        None,
        date(2021, 6, 14),
        date(2021, 11, 30),
        "inferred",
    )
    assert d.evidence == (
        "Inferred: not before 2021-06-14 because Aigerim Test is named as Ambassador of "
        "Kazakhstan to Pakistan (in post from 2021-06-14; source: Test source); not before "
        "2020-02-28 because of the "
        "past event “held on February 27–28, 2020”; not after 2021-11-30 because “in the autumn of "
        "2021” is still ahead."
    )


def test_the_evidence_does_not_depend_on_sentence_order():
    sentences = [
        "Prime minister Bilal Example spoke.",
        "The forum met in May 2019.",
        "A mission will go in the autumn of 2021.",
        "It opened in Nur-Sultan.",
    ]
    assert dated(sentences) == dated(list(reversed(sentences)))


def test_bounds_that_meet_in_one_day_give_a_point_date():
    d = dated(["The forum was held on 5 May 2021.", "The next session will be held on 5 May 2021."])
    assert (d.date, d.date_min, d.date_max, d.basis) == (date(2021, 5, 5),) * 3 + ("inferred",)


def test_two_facts_that_contradict_each_other_alone_are_both_set_aside():
    d = dated(["The ambassador Aigerim Test spoke.", "A forum will open in March 2020."])
    # The envoy took up the post after March 2020: nothing decides which fact is wrong.
    assert (d.date, d.date_min, d.date_max, d.basis) == (None, None, None, "inferred")
    assert "contradict" in d.evidence
    aside = d.evidence.split("Set aside")[1]
    assert (
        "Aigerim Test is named as Ambassador" in aside and "“in March 2020” is still ahead" in aside
    )


def test_facts_in_a_tie_are_set_aside_and_the_fact_that_agrees_with_both_is_kept():
    d = dated(["The ambassador Aigerim Test and Prime Minister Bilal Example met in 2023."])
    # The premier left office in 2022, before the meeting in 2023; the envoy fits either.
    assert (d.date_min, d.date_max) == (date(2021, 6, 14), None)
    aside = d.evidence.split("Set aside")[1]
    assert "Bilal Example" in aside and "2023" in aside and "Aigerim" not in aside


def test_a_tenure_with_no_dates_and_an_officeholder_without_titles_do_not_crash():
    context = Context(
        tenures=(
            Tenure("No Dates", ("No Dates",), "Mayor", ("mayor",), "PK", None, None, "", SOURCE),
            Tenure(
                "No Title", ("No Title",), "Clerk", (), "PK", date(2020, 1, 1), None, "", SOURCE
            ),
        ),
        place_names=(),
        places=(),
    )
    assert dated(["Mayor No Dates and clerk No Title met."], context=context).basis == "unknown"


def test_a_verb_of_beginning_bounds_below_from_the_first_day_only():
    assert dated(["The trade fair opened on 5–9 May 2021."]).date_min == date(2021, 5, 5)


def test_a_meeting_reported_in_the_past_bounds_below_from_its_last_day():
    assert dated(["The delegations met on 5–7 May 2021."]).date_min == date(2021, 5, 7)


# The facts that decide a range


def test_the_deciding_facts_are_the_latest_lower_bound_and_the_earliest_upper_bound():
    d = dated(
        [
            "The envoy Aigerim Test reviewed the results of the meeting held on "
            "February 27–28, 2020.",
            "The parties agreed to organize a trade mission in the autumn of 2021.",
        ]
    )
    assert deciding_facts(d) == [
        "not before 2021-06-14 because Aigerim Test is named as Ambassador of Kazakhstan to "
        "Pakistan (in post from 2021-06-14; source: Test source)",
        "not after 2021-11-30 because “in the autumn of 2021” is still ahead",
    ]


def test_listed_facts_split_between_facts_not_inside_parentheses_or_quotes():
    evidence = (
        "Inferred: not before 2021-06-14 because A is named as B (in post from 2021-06-14; "
        "source: S); "
        "not before 2020-01-01 because of the past event “met; then parted in 2020”; "
        "and 2 further fact(s)."
    )
    assert listed_facts(evidence) == [
        "not before 2021-06-14 because A is named as B (in post from 2021-06-14; source: S)",
        "not before 2020-01-01 because of the past event “met; then parted in 2020”",
    ]


def test_a_stated_or_contradictory_date_lists_no_facts():
    assert listed_facts(dated(["Nothing here."], catalog=date(2023, 1, 1)).evidence) == []
    assert (
        deciding_facts(
            dated(["The ambassador Aigerim Test spoke.", "A forum will open in March 2020."])
        )
        == []
    )


# Historical mentions, contradicting facts, and what a page says short of a date

FOUNDER = Tenure(
    "Nurbek Founder",
    ("Nurbek Founder", "Nur-Sultan Founder"),
    "President of Kazakhstan",
    ("president",),
    "KZ",
    date(1991, 12, 16),
    date(2019, 3, 19),
    "first President",
    SOURCE,
)
WITH_FOUNDER = Context(
    tenures=(*CONTEXT.tenures, FOUNDER),
    place_names=CONTEXT.place_names,
    places=CONTEXT.places,
)


def test_an_era_place_name_inside_a_persons_name_is_no_place():
    d = dated(
        ["The visit was the first since Nur-Sultan Founder came in 2003."], context=WITH_FOUNDER
    )
    assert "place name" not in d.evidence


def test_the_first_president_is_a_historical_mention_not_the_current_one():
    d = dated(
        ["The first President Nurbek Founder opened the embassy in 1994."], context=WITH_FOUNDER
    )
    assert "is named as President" not in d.evidence


def test_one_fact_against_several_is_set_aside_and_the_bounds_follow_the_rest():
    d = dated(
        [
            "The envoy Aigerim Test opened the fair.",  # in post from 2021-06-14
            "The corridor opened in March 2023.",
            "The talks ended on 5 May 2023.",
            "The conference will be held in Nur-Sultan.",  # the name was used until 2022-09-17
        ]
    )
    assert d.date_min is not None and d.date_max is None
    assert d.date_min >= date(2023, 3, 1)
    assert "Set aside" in d.evidence and "Nur-Sultan" in d.evidence.split("Set aside")[1]
    assert all("Nur-Sultan" not in fact for fact in listed_facts(d.evidence))


def test_a_date_whose_facts_contradict_gets_a_source_note(tmp_path):
    from newsbrief.dating.stage import date_articles
    from newsbrief.ingest.files import read_corpus

    (tmp_path / "a.txt").write_text(
        "Fair opens in the capital\n\nThe envoy Aigerim Test opened the fair. The corridor opened "
        "in March 2023. The talks ended on 5 May 2023. A forum will be held in Nur-Sultan.\n",
        encoding="utf-8",
    )
    corpus = read_corpus(tmp_path, load_ingest_rules(), frozenset(), built=date(2026, 1, 1))
    date_articles(corpus, CONTEXT, date(2026, 1, 1))
    assert any("set aside" in note for note in corpus.articles[0].notes)


def test_a_year_less_stamp_takes_the_one_year_the_bounds_allow():
    stamp = find_stamp("Jun 10, 09:15", year_optional=True)
    hints = DateHints((), stamp, "header")
    d = publication_date(
        "a", None, None, "", "", ["Prime Minister Bilal Example spoke on trade."], CONTEXT,
        hints=hints, today=date(2026, 1, 1),
    )  # fmt: skip
    # The premier was in post 2018-08-18 to 2022-04-10: June 10 of 2019, 2020, 2021 all fit.
    assert d.date is None
    d = publication_date(
        "a", None, None, "", "", ["The talks ended on 5 May 2023.", "A vote is due in July 2023."],
        CONTEXT, hints=hints, today=date(2026, 1, 1),
    )  # fmt: skip
    assert d.date == date(2023, 6, 10) and d.basis == "header"
    assert "no year" in d.evidence


def test_a_dated_url_month_and_a_photo_caption_bound_an_undated_article():
    from newsbrief.core.records import Article
    from newsbrief.dating.hints import date_hints

    paragraphs = [
        "Leaders meet in the capital",
        "The two leaders at the talks in Islamabad on February 4, 2026. — Photo: PID",
        "The leaders held talks on trade, transit and energy for two hours on Wednesday.",
    ]
    article = Article(
        "a", "a.txt", "\n\n".join(paragraphs), "0", paragraphs, url="https://ex.pk/2026/02/talks/"
    )
    d = publication_date(
        "a", None, None, "", "", paragraphs[2:], CONTEXT, hints=date_hints(article)
    )
    assert (d.date_min, d.date_max) == (date(2026, 2, 4), date(2026, 2, 28))
    assert "photo caption" in d.evidence and "URL" in d.evidence
