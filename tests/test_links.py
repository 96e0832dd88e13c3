"""Link check over the built site: every internal link and #anchor resolves, no page links into the
other language except through the language switch and hreflang alternates, and every external link
is listed in test-results/external-links.md (listed, never fetched)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import ROOT
from tests.html_tools import html_pages

REPORT = ROOT / "test-results" / "external-links.md"
# Attributes that hold a URL the browser follows or loads.
URL_ATTRS = {
    "a": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "source": ("src",),
    "form": ("action",),
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
LOCAL_ORIGIN = "http://site.invalid"  # stands in for the server when resolving relative URLs


Element = tuple[str, dict[str, str], str]  # tag, attributes, language (its own or inherited lang)


class _LangCollector(HTMLParser):
    """Start tags in order, each with the language it is in (the nearest lang attribute)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[tuple[str, str]] = []  # (tag, lang) of the open elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        lang = values.get("lang") or (self.open[-1][1] if self.open else "")
        self.elements.append((tag, values, lang))
        if tag not in VOID:
            self.open.append((tag, lang))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.open and self.open[-1][0] == tag:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break


def parse(html: str) -> list[Element]:
    collector = _LangCollector()
    collector.feed(html)
    return collector.elements


@dataclass(frozen=True)
class Link:
    page: str  # the linking page, relative to the site root
    tag: str
    attrs: tuple[tuple[str, str], ...]
    url: str  # as written in the page
    lang: str  # the language of the text around the link

    @property
    def attr(self) -> dict[str, str]:
        return dict(self.attrs)

    def where(self) -> str:
        return f"{self.page}: <{self.tag}> {self.url}"


def anchors(parsed: list[Element]) -> frozenset[str]:
    """Every id a #fragment can point at: id attributes, and name on <a>."""
    found = {attrs["id"] for _, attrs, _ in parsed if attrs.get("id")}
    found |= {attrs["name"] for tag, attrs, _ in parsed if tag == "a" and attrs.get("name")}
    return frozenset(found)


def html_lang(parsed: list[Element]) -> str:
    return next((lang for tag, _, lang in parsed if tag == "html"), "")


class Site:
    """A built site read from disk: its pages' links, ids and languages."""

    def __init__(self, root: Path, site_url: str):
        self.root = root
        self.site_url = site_url
        self.prefix = urlsplit(site_url).path or "/"
        self.pages = [p.relative_to(root).as_posix() for p in html_pages(root)]
        self.parsed = {rel: parse((root / rel).read_text(encoding="utf-8")) for rel in self.pages}
        self.ids = {rel: anchors(parsed) for rel, parsed in self.parsed.items()}
        self.lang = {rel: html_lang(parsed) for rel, parsed in self.parsed.items()}

    def url_of(self, rel: str) -> str:
        """The URL a page or folder is served at (LOCAL_ORIGIN stands in for the server)."""
        path = "" if rel in (".", "index.html") else rel.removesuffix("index.html")
        return f"{LOCAL_ORIGIN}{self.prefix}{path}"

    def links(self) -> list[Link]:
        found = []
        for rel in self.pages:
            for tag, attrs, lang in self.parsed[rel]:
                for name in URL_ATTRS.get(tag, ()):
                    if name in attrs:
                        found.append(Link(rel, tag, tuple(sorted(attrs.items())), attrs[name].strip(), lang))
        return found

    def resolve(self, base_url: str, url: str) -> tuple[str | None, str] | None:
        """(file relative to the site root or None if missing, fragment) for an internal URL;
        None for an external one."""
        absolute = urljoin(base_url, url)
        if absolute.startswith(self.site_url):
            absolute = LOCAL_ORIGIN + self.prefix + absolute[len(self.site_url) :]
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != LOCAL_ORIGIN:
            return None
        path = unquote(parts.path)
        if not path.startswith(self.prefix):
            return (None, parts.fragment)
        rel = path[len(self.prefix) :]
        target = self.root / rel
        if rel == "" or rel.endswith("/") or target.is_dir():
            rel = (rel.rstrip("/") + "/index.html").lstrip("/")
            target = self.root / rel
        return (rel if target.is_file() else None, unquote(parts.fragment))


@pytest.fixture(scope="module")
def site(built_site, site_config) -> Site:
    return Site(built_site, site_config["site_url"])


@pytest.fixture(scope="module")
def links(site) -> list[Link]:
    return site.links()


def test_the_check_sees_both_languages_and_every_page_link(site, links):
    # 20 sections, home and topics in each language; each page links to every section in its nav.
    for lang in ("zh", "en"):
        assert len([p for p in site.pages if site.lang[p] == lang]) >= 22, lang
    home_links = [link for link in links if link.page == "index.html" and link.tag == "a"]
    assert len(home_links) >= 20


def test_every_internal_link_and_anchor_resolves(site, links):
    broken = []
    for link in links:
        if not link.url or link.url.startswith(("mailto:", "tel:")):
            continue
        resolved = site.resolve(site.url_of(link.page), link.url)
        if resolved is None:
            continue
        target, fragment = resolved
        if target is None:
            broken.append(f"{link.where()} -> no such file")
        elif fragment and target.endswith(".html") and fragment not in site.ids[target]:
            broken.append(f"{link.where()} -> no id {fragment!r} in {target}")
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken)


def test_no_url_scheme_that_runs_code_or_embeds_data(links):
    bad = [link.where() for link in links if re.match(r"\s*(javascript|data|vbscript):", link.url, re.I)]
    assert not bad, "\n".join(bad)


def is_language_switch(link: Link) -> bool:
    attr = link.attr
    if link.tag == "a":
        return "md-select__link" in attr.get("class", "").split() and "hreflang" in attr
    if link.tag == "link":
        return attr.get("rel") == "alternate" and "hreflang" in attr
    return False


def test_pages_link_into_the_other_language_only_through_the_language_switch(site, links):
    """Text in one language links to pages in that language. The language of a link is that of its
    text (the nearest lang attribute), so the root 404 page, served for missing URLs of both
    languages, may hold an English part (lang="en") that links to English pages."""
    crossing = []
    for link in links:
        resolved = site.resolve(site.url_of(link.page), link.url)
        if resolved is None or resolved[0] is None or not resolved[0].endswith(".html"):
            continue
        target_lang = site.lang[resolved[0]]
        if link.lang != target_lang and not is_language_switch(link):
            crossing.append(f"{link.where()} ({link.lang} text -> {target_lang} page {resolved[0]})")
    assert not crossing, f"{len(crossing)} links cross languages:\n" + "\n".join(crossing)


def test_language_switch_links_lead_to_the_same_page_in_the_other_language(site, links):
    wrong = []
    for link in links:
        if not is_language_switch(link) or link.attr["hreflang"] == "x-default":
            continue
        resolved = site.resolve(site.url_of(link.page), link.url)
        if resolved is None or resolved[0] is None:
            continue  # a broken one is reported by the resolve test
        if site.lang[resolved[0]] != link.attr["hreflang"]:
            wrong.append(f"{link.where()} -> {resolved[0]} is {site.lang[resolved[0]]!r}")
    assert not wrong, "\n".join(wrong)


def test_sitemap_lists_only_pages_that_exist(site):
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap) + re.findall(r'href="([^"]+)"', sitemap)
    assert urls
    missing = [u for u in urls if (r := site.resolve(site.site_url, u)) is None or r[0] is None]
    assert not missing, "sitemap.xml lists missing pages:\n" + "\n".join(missing)


def test_search_results_lead_to_existing_pages_and_anchors(site):
    broken = []
    indexes = sorted(site.root.glob("**/search/search_index.full.json"))
    assert indexes
    for index in indexes:
        folder = index.parent.parent.relative_to(site.root).as_posix()
        base = site.url_of("." if folder == "." else folder + "/")
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            target, fragment = site.resolve(base, doc["location"]) or (None, "")
            if target is None:
                broken.append(f"{index.relative_to(site.root)}: {doc['location']!r} -> no such page")
            elif fragment and fragment not in site.ids[target]:
                broken.append(f"{index.relative_to(site.root)}: {doc['location']!r} -> no such anchor")
    assert not broken, "\n".join(broken)


def test_external_links_are_listed_in_a_report(site, links):
    """External links are not fetched (tests must not depend on the network): they are written to
    test-results/external-links.md for a person or a scheduled job to check."""
    pages_by_url: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.tag != "a" or not link.url or link.url.startswith("#"):
            continue
        if site.resolve(site.url_of(link.page), link.url) is None:
            pages_by_url[link.url].add(link.page)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# External links in the built site",
        "",
        "Written by tests/test_links.py; listed, not fetched. Plain-http links are marked.",
        "",
        "| URL | pages |",
        "|---|---|",
    ]
    for url in sorted(pages_by_url):
        mark = " (http)" if url.startswith("http:") else ""
        pages = ", ".join(sorted(pages_by_url[url])[:5]) + (" …" if len(pages_by_url[url]) > 5 else "")
        lines.append(f"| {url.replace('|', '%7C')}{mark} | {len(pages_by_url[url])}: {pages} |")
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The theme's own links (repository, Material credit) are always there.
    assert any(url.startswith("https://github.com/") for url in pages_by_url)
    assert f"| {sorted(pages_by_url)[0]}" in REPORT.read_text(encoding="utf-8")
