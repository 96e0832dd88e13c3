"""Small readers for built HTML pages, on the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag of a page, in order, with its attributes."""
    collector = _Collector()
    collector.feed(html)
    return collector.elements


def find(html: str, tag: str, **attrs: str) -> list[dict[str, str]]:
    """Attributes of every `tag` element whose attributes include all of `attrs`."""
    want = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
    return [a for t, a in elements(html) if t == tag and all(a.get(k) == v for k, v in want.items())]


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def url_of(site: Path, path: Path, base: str) -> str:
    """The address of a built file below `base` (site_url, or the test server's), as a directory URL."""
    rel = path.relative_to(site).as_posix()
    return base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
