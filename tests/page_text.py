"""A built section page read as text: the text of each element with an id (a correction note's text
is its element's) and of each block (everything between its heading and the next block heading)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

LANG_DIRS = {"zh": "", "en": "en/"}
BLOCKS = ("question", "answer", "example", "analysis")
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source", "area", "base", "embed"}


class _Texts(HTMLParser):
    """The text of every element that has an id, and the text of each block of a section page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.by_id: dict[str, list[str]] = {}
        self.block: str | None = None
        self.blocks: dict[str, list[str]] = {}
        self.in_article = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.in_article = True
        if tag == "h2" and attributes.get("id") in BLOCKS:
            self.block = attributes["id"]
        if tag in VOID:
            return
        element_id = attributes.get("id")
        if element_id:
            self.by_id.setdefault(element_id, [])
        self.open.append((tag, element_id))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
            self.block = None
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for _, element_id in self.open:
            if element_id:
                self.by_id[element_id].append(data)
        if self.in_article and self.block:
            self.blocks.setdefault(self.block, []).append(data)


class Page:
    def __init__(self, html: str) -> None:
        parser = _Texts()
        parser.feed(html)
        self.html = html
        self._ids = {k: squash("".join(v)) for k, v in parser.by_id.items()}
        self.blocks = {k: squash("".join(v)) for k, v in parser.blocks.items()}

    def note(self, item: str) -> str:
        text = self._ids.get(f"erratum-{item}")
        assert text is not None, f"no correction note #erratum-{item}"
        return text

    def block_of(self, item: str) -> str:
        """The block a correction note stands in."""
        position = self.html.index(f'id="erratum-{item}"')
        headings = [(self.html.index(f'id="{b}"'), b) for b in BLOCKS if f'id="{b}"' in self.html]
        return max((p, b) for p, b in headings if p < position)[1]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", unescape(text)).strip()
