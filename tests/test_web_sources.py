"""Real-news inputs: saved pages, page stamps and bylines, URL dates, outlets, and `make fetch`."""

from __future__ import annotations

import http.server
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from newsbrief.core.errors import InputError
from newsbrief.core.paths import CONTEXT_DIR
from newsbrief.ingest.fetch import Wanted, fetch_pages, summary
from newsbrief.ingest.front import read_front
from newsbrief.ingest.html import read_page
from newsbrief.ingest.outlets import load_outlets
from newsbrief.ingest.stamps import find_stamp
from newsbrief.ingest.urls import url_date

BUILT = date(2026, 12, 2)
OUTLETS = load_outlets(CONTEXT_DIR / "outlets.yml")

PAGE = """<html><head><meta charset="{charset}">
<title>Direct flights to Almaty take off | Example</title>
<meta property="og:site_name" content="The Nation">
<meta property="og:url" content="https://www.nation.com.pk/08-Jul-2023/flights-take-off">
{published}
<script>document.write("<p>Injected by a script, never article text</p>");</script>
<style>.x {{ color: red }}</style></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div id="cookie-banner">This site uses cookies. <button onclick="accept()">Accept all</button></div>
<article><h1>Direct flights to Almaty take off</h1>
<p>LAHORE: The first direct flight between Lahore and Almaty left on Saturday morning with
{name} on board, the airport authority said in a statement.</p>
<p onmouseover="steal()">Two weekly flights are planned for the summer, and officials said a
third could be added if demand from traders holds up through the autumn.</p></article>
<aside><h2>Most read</h2><ul><li><a href="/a">Cricket team named for the tour</a></li>
<li><a href="/b">Petrol price unchanged for the fortnight</a></li></ul></aside>
<footer><p>Copyright 2023 The Nation</p></footer></body></html>"""


def page(charset: str = "utf-8", published: str = "", name: str = "150 passengers") -> str:
    return PAGE.format(charset=charset, published=published, name=name)


def test_saved_page_gives_the_article_paragraphs_and_its_metadata():
    meta = '<meta property="article:published_time" content="2023-07-08T09:30:00+05:00">'
    found = read_page(page(published=meta).encode(), "seeds/a.html", BUILT)
    assert found.title == "Direct flights to Almaty take off"
    assert found.date == date(2023, 7, 8) and "2023-07-08" in found.date_evidence
    assert found.sitename == "The Nation"
    lines = found.text.split("\n")
    assert lines[0] == "Direct flights to Almaty take off"
    assert lines[1].startswith("LAHORE: The first direct flight")


def test_navigation_related_links_cookies_and_scripts_never_become_paragraphs():
    text = read_page(page().encode(), "seeds/a.html", BUILT).text
    for furniture in (
        "Home",
        "Most read",
        "Cricket team",
        "cookies",
        "Injected",
        "color",
        "steal",
        "accept()",
        "Copyright",
    ):
        assert furniture not in text


def test_a_page_declaring_windows_1252_is_decoded_by_its_declaration():
    raw = page(charset="windows-1252", name="Zoë and 150 “guests”").encode("cp1252")
    assert "Zoë and 150 “guests”" in read_page(raw, "seeds/a.html", BUILT).text


def test_an_undeclared_page_that_is_not_utf8_is_a_clear_error():
    raw = page(name="Zoë").replace('<meta charset="utf-8">', "").encode("cp1252")
    with pytest.raises(InputError, match=r"a\.html.*UTF-8"):
        read_page(raw, "seeds/a.html", BUILT)


def test_a_page_without_an_article_is_a_clear_error():
    index = (
        "<html><body><nav><a href='/a'>One</a> <a href='/b'>Two</a></nav>"
        "<form>Log in</form></body></html>"
    )
    with pytest.raises(InputError, match="no article text"):
        read_page(index.encode(), "seeds/login.html", BUILT)


def test_a_page_that_is_mostly_boilerplate_still_gives_its_article():
    links = "".join(
        f"<li><a href='/s{i}'>Other story number {i} in the sidebar</a></li>" for i in range(800)
    )
    raw = page().replace("<aside>", f"<aside><ul>{links}</ul>").encode()
    text = read_page(raw, "seeds/a.html", BUILT).text
    assert "first direct flight between Lahore and Almaty" in text and "Other story" not in text


def test_a_20_megabyte_page_is_read():
    filler = "<div class='ad'>" + "x" * 1000 + "</div>\n"
    raw = page().replace("<footer>", filler * 20_000 + "<footer>").encode()
    assert len(raw) > 20_000_000
    assert "Two weekly flights" in read_page(raw, "seeds/big.html", BUILT).text


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Updated 04 February 2026", date(2026, 2, 4)),
        ("Wed Feb 04 2026", date(2026, 2, 4)),
        ("11 June,2023 04:25 am", date(2023, 6, 11)),
        ("Umer Jamshaid Published October 05, 2022 | 05:10 PM", date(2022, 10, 5)),
        ("04.02.2026, 20:45", date(2026, 2, 4)),
        ("Published: 2 May 2023", date(2023, 5, 2)),
        ("May 2, 2023 10:15 PKT", date(2023, 5, 2)),
        ("2023-07-08T09:30:00+05:00", date(2023, 7, 8)),
        ("Last updated 12 Jan 2024", date(2024, 1, 12)),
    ],
)
def test_date_stamps_in_the_shapes_news_pages_print(line, day):
    front = read_front(
        [
            "Kazakh traders eye Karachi port",
            line,
            "KARACHI: Traders from Kazakhstan toured the port on Monday and said they "
            "hoped to ship grain through it before the winter.",
        ]
    )
    assert front.publication is not None and front.publication.day == day


def test_a_published_stamp_is_preferred_to_an_updated_one():
    front = read_front(
        [
            "Visit set for spring",
            "Updated 12 Jan 2024",
            "Published 10 Jan 2024",
            "ISLAMABAD: A visit is expected in the spring, officials said on Monday.",
        ]
    )
    assert front.publication is not None and front.publication.day == date(2024, 1, 10)


def test_the_first_short_line_without_a_full_stop_is_the_headline():
    body = "ASTANA: Officials met on Monday to review the joint projects agreed last year."
    assert read_front(["Kazakhstan and Pakistan review joint projects", body]).headline == (
        "Kazakhstan and Pakistan review joint projects"
    )
    assert read_front([body, body]).headline == ""


def test_a_sentence_that_mentions_a_date_is_not_a_stamp():
    line = "The ministers agreed on 4 February 2026 that a working group would meet in the spring."
    assert read_front(["Working group to meet", line, line]).stamps == []


def test_a_dated_photo_caption_is_read_as_a_caption():
    caption = "The two leaders shake hands in Islamabad on February 4, 2026. — Photo: PID"
    front = read_front(
        [
            "Leaders meet",
            caption,
            "ISLAMABAD: The leaders held talks on trade and transit for two hours.",
        ]
    )
    assert [s.day for _, s in front.captions] == [date(2026, 2, 4)]


def test_a_year_less_stamp_with_a_clock_time_is_page_furniture():
    front = read_front(
        [
            "Trade forum opens in the south",
            "Oct 29, 14:05",
            "ALMATY, Kazakhstan (AKIpress) — Traders from both countries met on Tuesday.",
        ]
    )
    assert [(s.paragraph, s.day, s.found.month, s.found.day_of_month) for s in front.stamps] == [
        (1, None, 10, 29)
    ]


def test_a_year_less_date_inside_a_sentence_is_not_a_stamp():
    line = "Talks resume on June 10 in the capital."
    assert read_front(["Talks to resume", line, line + " More later."]).stamps == []


def test_a_dateline_without_a_year_gives_its_month_and_day():
    stamp = find_stamp("BAKU, Azerbaijan, June 10.", year_optional=True)
    assert stamp is not None and not stamp.has_year and stamp.in_year(2023) == date(2023, 6, 10)


@pytest.mark.parametrize(
    ("url", "low", "high"),
    [
        ("https://astanatimes.com/2022/11/some-story/", date(2022, 11, 1), date(2022, 11, 30)),
        ("https://example.pk/2022/12/02/story-slug", date(2022, 12, 2), date(2022, 12, 2)),
        ("https://nation.com.pk/05-Jul-2023/flights", date(2023, 7, 5), date(2023, 7, 5)),
    ],
)
def test_a_dated_url_path_bounds_or_gives_the_date(url, low, high):
    found = url_date(url)
    assert found is not None and (found.low, found.high) == (low, high)


def test_an_undated_url_gives_no_date():
    assert url_date("https://www.dawn.com/news/1234567/some-story") is None


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://en.trend.az/business/3800000.html", "Trend News Agency"),
        ("https://www.dawn.com/news/1", "Dawn"),
        ("https://qazinform.com/news/x", "Kazinform"),
    ],
)
def test_a_url_domain_gives_the_outlet(url, name):
    found = OUTLETS.of_url(url)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("The deputy minister told Trend on Monday.", "Trend News Agency"),
        ("ASTANA, Qazinform News Agency reports.", "Kazinform"),
        ("Copyright © 2023 Dunya News", "Dunya News"),
    ],
)
def test_an_outlet_named_in_the_text(line, name):
    found = OUTLETS.named_in([line])
    assert found is not None and found.outlet.name == name


def test_a_syndicated_feed_is_credited_to_its_publisher_not_the_wire():
    lines = [
        "Ministers sign transit pact",
        "PTI",
        "Islamabad, Mar 3 (PTI) The two ministers signed a transit pact on Tuesday.",
        "This report is auto-published from an agency feed and was not edited by ThePrint staff.",
    ]
    found = OUTLETS.named_in(lines)
    assert found is not None and found.outlet.name == "ThePrint"


def test_a_follow_us_line_names_the_outlet():
    found = OUTLETS.named_in(["Follow ProPakistani on Google News for more updates."])
    assert found is not None and found.outlet.name == "ProPakistani"


def test_a_wire_line_alone_still_names_the_wire():
    found = OUTLETS.named_in(["PTI", "Islamabad, Mar 3 (PTI) The ministers met."])
    assert found is not None and found.outlet.name == "Press Trust of India"


def test_a_common_word_is_not_an_outlet():
    assert OUTLETS.named_in(["Market trend reports suggest a rise in freight."]) is None


# `make fetch` against a local server: never the network.


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        routes = {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/story.html": (200, "text/html; charset=utf-8", page().encode()),
            "/private/x.html": (200, "text/html", b"<html></html>"),
            "/file.pdf": (200, "application/pdf", b"%PDF-1.4"),
        }
        if self.path == "/slow.html":
            time.sleep(2)
        status, kind, body = routes.get(self.path, (404, "text/html", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the client gave up on the slow page, as it should: the broken pipe is expected


@pytest.fixture()
def server():
    httpd = _QuietServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_saves_pages_and_reports_each_failure_in_one_line(server, tmp_path, monkeypatch):
    monkeypatch.setattr("newsbrief.ingest.fetch.PAUSE_S", 0.0)
    said: list[str] = []
    wanted = [
        Wanted("story.html", f"{server}/story.html"),
        Wanted("gone.html", f"{server}/gone.html"),
        Wanted("slow.html", f"{server}/slow.html"),
        Wanted("pdf.html", f"{server}/file.pdf"),
        Wanted("private.html", f"{server}/private/x.html"),
    ]
    results = fetch_pages(wanted, tmp_path, timeout=0.5, say=said.append)
    assert {r.file: r.outcome for r in results} == {
        "story.html": "fetched",
        "gone.html": "failed",
        "slow.html": "failed",
        "pdf.html": "failed",
        "private.html": "skipped",
    }
    assert (tmp_path / "story.html").read_bytes() == page().encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.html"]  # no partial file
    assert f"[fetch] 1 of 5 {server}/story.html" in said
    assert any("HTTP 404" in line and "/gone.html" in line for line in said)
    assert any("timeout" in line and "/slow.html" in line for line in said)
    assert any("not HTML" in line for line in said)
    assert summary(results) == "1 fetched, 1 skipped, 3 failed"


def test_fetch_keeps_a_page_already_there(server, tmp_path):
    (tmp_path / "story.html").write_bytes(b"kept")
    results = fetch_pages(
        [Wanted("story.html", f"{server}/story.html")], tmp_path, say=lambda _: None
    )
    assert results[0].outcome == "skipped" and (tmp_path / "story.html").read_bytes() == b"kept"


def test_fetch_names_an_unresolvable_host(tmp_path):
    results = fetch_pages(
        [Wanted("x.html", "http://no-such-host.invalid/x.html")],
        tmp_path,
        timeout=2,
        say=lambda _: None,
    )
    assert results[0].outcome == "failed" and "DNS" in results[0].detail
    assert not any(Path(tmp_path).iterdir())


def test_make_fetch_saves_each_catalogued_page_not_yet_in_seeds(
    server, tmp_path, monkeypatch, capsys
):
    from newsbrief.__main__ import main

    monkeypatch.setattr("newsbrief.ingest.fetch.PAUSE_S", 0.0)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "kept.txt").write_text("An article already here.\n", encoding="utf-8")
    entries = [
        ("story.html", f"{server}/story.html"),
        ("gone.txt", f"{server}/gone.html"),
        ("kept.txt", f"{server}/story.html"),
    ]
    (seeds / "catalog.yml").write_text(
        "articles:\n"
        + "".join(
            f"  - file: {f}\n    citekey: key{n}\n    url: {u}\n"
            for n, (f, u) in enumerate(entries)
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["fetch"]) == 1  # one page failed
    said = capsys.readouterr().out
    assert (seeds / "story.html").read_bytes() == page().encode()
    assert not (seeds / "gone.html").exists()
    assert (
        "[fetch] 1 of 2" in said and "HTTP 404" in said and "1 fetched, 0 skipped, 1 failed" in said
    )
