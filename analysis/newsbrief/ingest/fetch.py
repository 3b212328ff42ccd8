"""`make fetch`: the web pages of catalog entries that have a URL and no file yet, into seeds/.

The one step that reads the network, and only when asked. Raw bytes are kept as served; a failed
download leaves no file. Polite: one request at a time, a timeout, a named user agent, robots.txt.
"""

from __future__ import annotations

import os
import socket
import tempfile
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsbrief.ingest.catalog import CatalogEntry, read_catalog

USER_AGENT = "newsbrief/0.1 (policy-brief builder; fetches only the pages its catalog lists)"
TIMEOUT_S = 20.0
PAUSE_S = 1.0  # between two requests to one host, unless its robots.txt asks for more
MOST_BYTES = 50 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Wanted:
    """A page to fetch: where it goes in seeds/ and where it is on the web."""

    file: str
    url: str


@dataclass(frozen=True)
class Fetched:
    url: str
    file: str
    outcome: str  # fetched | skipped | failed
    detail: str


class FetchFailed(Exception):
    """One page could not be had; the message is the one line the user sees."""


@dataclass
class _Host:
    robots: urllib.robotparser.RobotFileParser | None
    last: float = 0.0

    def pause(self) -> float:
        delay = self.robots.crawl_delay(USER_AGENT) if self.robots else None
        return max(PAUSE_S, float(delay or 0))


def _get(url: str, timeout: float) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MOST_BYTES + 1)
            kind = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        raise FetchFailed(f"HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, socket.gaierror):
            raise FetchFailed("the host name does not resolve (DNS)") from None
        if isinstance(reason, TimeoutError | socket.timeout):
            raise FetchFailed(f"no answer within {timeout:g} s (timeout)") from None
        raise FetchFailed(f"cannot connect ({reason})") from None
    except TimeoutError:
        raise FetchFailed(f"no answer within {timeout:g} s (timeout)") from None
    if len(body) > MOST_BYTES:
        raise FetchFailed(f"larger than {MOST_BYTES // 1024 // 1024} MB")
    return body, kind


def _robots(url: str, timeout: float) -> urllib.robotparser.RobotFileParser | None:
    """The host's robots.txt, or None when it has none (4xx): then everything is allowed."""
    parts = urlsplit(url)
    where = f"{parts.scheme}://{parts.netloc}/robots.txt"
    try:
        body, _ = _get(where, timeout)
    except FetchFailed as err:
        if str(err).startswith("HTTP 4"):
            return None
        raise FetchFailed(f"robots.txt unreadable: {err}") from None
    parser = urllib.robotparser.RobotFileParser(where)
    parser.parse(body.decode("utf-8", errors="replace").splitlines())
    return parser


def _save(body: bytes, target: Path) -> None:
    """Write to a temporary file beside the target and rename: never a partial page."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def fetch_one(wanted: Wanted, seeds: Path, hosts: dict[str, _Host], timeout: float) -> Fetched:
    host_name = urlsplit(wanted.url).netloc.casefold()
    if urlsplit(wanted.url).scheme not in ("http", "https"):
        return Fetched(wanted.url, wanted.file, "failed", "not an http(s) URL")
    try:
        host = hosts.get(host_name) or hosts.setdefault(
            host_name, _Host(_robots(wanted.url, timeout))
        )
        if host.robots is not None and not host.robots.can_fetch(USER_AGENT, wanted.url):
            return Fetched(wanted.url, wanted.file, "skipped", "robots.txt disallows it")
        time.sleep(max(0.0, host.last + host.pause() - time.monotonic()))
        body, kind = _get(wanted.url, timeout)
        host.last = time.monotonic()
    except FetchFailed as err:
        return Fetched(wanted.url, wanted.file, "failed", str(err))
    if not any(t in kind.casefold() for t in _HTML_TYPES):
        return Fetched(
            wanted.url, wanted.file, "failed", f"not HTML (Content-Type {kind or 'none'})"
        )
    _save(body, seeds / wanted.file)
    return Fetched(wanted.url, wanted.file, "fetched", f"{len(body) // 1024} KB")


def fetch_pages(
    wanted: list[Wanted],
    seeds: Path,
    timeout: float = TIMEOUT_S,
    say: Callable[[str], None] = print,
) -> list[Fetched]:
    """Fetch each page in turn, saying "n of N url" as it goes; files already there are kept."""
    hosts: dict[str, _Host] = {}
    results = []
    for number, page in enumerate(wanted, start=1):
        if (seeds / page.file).exists():
            results.append(Fetched(page.url, page.file, "skipped", "already in seeds/"))
            continue
        say(f"[fetch] {number} of {len(wanted)} {page.url}")
        result = fetch_one(page, seeds, hosts, timeout)
        if result.outcome != "fetched":
            say(f"[fetch] {result.outcome}: {page.url}: {result.detail}")
        results.append(result)
    return results


def summary(results: list[Fetched]) -> str:
    counts = {
        kind: sum(r.outcome == kind for r in results) for kind in ("fetched", "skipped", "failed")
    }
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


def wanted_pages(entries: list[CatalogEntry], seeds: Path) -> list[Wanted]:
    """The catalog entries with a URL whose file is not in seeds/ yet, each as a page to save:
    under its catalog name when that is a page's (.html/.htm), else as <stem>.html."""
    wanted = []
    for entry in entries:
        if not entry.url or (seeds / entry.file).exists():
            continue
        name = (
            entry.file
            if Path(entry.file).suffix.casefold() in (".html", ".htm")
            else (f"{Path(entry.file).stem}.html")
        )
        wanted.append(Wanted(name, entry.url))
    return wanted


def fetch_catalog(seeds: Path, say: Callable[[str], None] = print) -> list[Fetched]:
    """`make fetch`: every catalogued page not yet in seeds/, fetched politely, then a summary."""
    results = fetch_pages(wanted_pages(read_catalog(seeds / "catalog.yml"), seeds), seeds, say=say)
    say(f"[fetch] {summary(results)}")
    return results
