"""What the browser tests of reading share: the languages and screen sizes, a watch on what goes wrong
while a page is open, screenshots, and Material's search driven as a reader types."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser import DESKTOP, PHONE

LANGUAGES = {"zh": "", "en": "en/"}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
SHOTS = Path(os.environ.get("READING_SHOTS", "/tmp/reading-shots"))
SECTION = "inference-bottlenecks/"  # has a correction note in a list item, in the example and in the analysis
BLOCKS = ["question", "answer", "example", "analysis"]
ENGLISH_WORDS = ["perplexity", "harmonic mean", "distillation"]
GLOSSARY_TERMS = ["困惑度", "知识蒸馏", "差分隐私", "混合精度训练"]

# A function of an element id: whether the element is entirely in the viewport.
IN_VIEW = """id => {
    const box = document.getElementById(id).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= innerHeight;
}"""

viewports = pytest.mark.parametrize("viewport", list(VIEWPORTS))
languages = pytest.mark.parametrize("lang", list(LANGUAGES))


class Watch:
    """What went wrong while a page was open: console errors, uncaught exceptions, failed requests
    and requests to another origin."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.problems: list[str] = []
        self.expected_404: set[str] = set()
        self._page = page
        self._handlers = {
            "console": self._console,
            "pageerror": self._uncaught,
            "request": self._request,
            "requestfailed": self._failed,
            "response": self._response,
        }
        for event, handler in self._handlers.items():
            page.on(event, handler)

    def stop(self) -> None:
        for event, handler in self._handlers.items():
            self._page.remove_listener(event, handler)

    def _uncaught(self, error):
        self.problems.append(f"uncaught: {error}")

    def _console(self, message):
        if message.type not in ("error", "warning"):
            return
        url = (message.location or {}).get("url", "")
        if message.type == "error" and "status of 404" in message.text and url in self.expected_404:
            return  # the browser reports the missing page itself, which is what a 404 page answers
        self.problems.append(f"console {message.type}: {message.text} ({url})")

    def _request(self, request):
        if not request.url.startswith(("data:", "blob:")) and not request.url.startswith(self.origin + "/"):
            self.problems.append(f"request to another origin: {request.url}")

    def _failed(self, request):
        if request.failure != "net::ERR_ABORTED":  # a load cut short by leaving the page
            self.problems.append(f"failed: {request.url} {request.failure}")

    def _response(self, response):
        if response.status >= 400 and response.url not in self.expected_404:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def check(self):
        assert not self.problems, "\n".join(self.problems)


def shot(page, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def site_path(served_site: str, url: str) -> str:
    """A URL of the served site as a path below it, e.g. 'en/overfitting/'."""
    return unquote(urlsplit(url).path)[len(urlsplit(served_site).path) :]


def search(page, query: str) -> None:
    """Type a query into Material's search and wait until its results are listed."""
    field = page.locator(".md-search__input")
    opener = page.locator('label.md-header__button[for="__search"]')  # the magnifier shown on phones
    if opener.is_visible():
        opener.click()
    else:
        field.click()  # on a desktop the field sits in the header
    field.wait_for(state="visible")
    field.fill(query)
    field.press("End")  # fill() alone triggers no key event, and Material searches on keyup
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q"
        " && document.querySelectorAll('.md-search-result__item').length > 0",
        arg=query,
    )
    page.wait_for_timeout(300)  # let a slower, second result list replace the first


def result_links(page, served_site: str) -> list[str]:
    hrefs = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    return [
        site_path(served_site, href) + ("#" + href.split("#", 1)[1] if "#" in href else "") for href in hrefs
    ]


def pages_with_term_apart(built_site: Path, term: str) -> set[str]:
    """Chinese pages whose search entries hold the term written apart (hooks/llmqa/search/dictionary.py)."""
    index = json.loads((built_site / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    return {doc["location"].split("#")[0] for doc in index["docs"] if term in doc.get("apart", "").split()}


def pages_with_text(built_site: Path, folder: str, text: str) -> set[str]:
    """Pages of a language whose article mentions the text (case-insensitive), as site paths."""
    found = set()
    root = built_site / folder
    for path in root.rglob("index.html"):
        rel = path.parent.relative_to(root).as_posix()
        if folder == "" and rel.split("/")[0] == "en":
            continue
        article = re.search(r"<article[^>]*>(.*?)</article>", path.read_text(encoding="utf-8"), re.S).group(1)
        plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", article)).lower()
        if text.lower() in plain:
            found.add(folder + ("" if rel == "." else rel + "/"))
    return found


def open_language_menu(page) -> None:
    page.locator(".md-header .md-select > button").click()


def block_shown(page, block: str) -> bool:
    return page.locator(f"#qa-block-{block}").is_visible()


def toggle(page):
    return page.locator(".qa-practice-toggle")
