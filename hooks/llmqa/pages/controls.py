"""The controls of each block heading and correction note, written into a section page when it is built.

Each block heading (h2#question ... h2#analysis) and each correction note's title (.erratum[id] >
.admonition-title, or its summary) ends with span.qa-controls: the permalink (Markdown's ¶ link, moved
in), "cite" and "report a problem" (overrides/partials/block-controls.html). reading.js used to make
them on load, which restyled every heading while the page was starting; it now only wires their events.
safety/site_markup.py takes each one out again, in its exact shape and place, before the content check.

Plain Python (selectolax), no MkDocs import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from selectolax.lexbor import LexborNode

from llmqa.safety.html_check import children, parse_body_fragment
from llmqa.sections.model import BLOCKS

CONTROLS_TEMPLATE = "partials/block-controls.html"
GITHUB_REPOSITORY = re.compile(r"^https://github\.com/[^/]+/[^/]+$")
NUMBERED = re.compile(r"^(\d+)\.\s+(.+)$", re.S)


@dataclass(frozen=True)
class PageFacts:
    """What a section page's controls say about it, as its head says it (og:site_name, og:title)."""

    lang: str
    site_name: str
    title: str  # numbered: "3. 如何处理…"
    canonical: str  # the page's permanent URL, without a #fragment
    repository: str  # config.repo_url, "" when it is not a GitHub repository


def page_facts(lang: str, site_name: str, title: str, canonical: str, repo_url: str | None) -> PageFacts:
    repository = (repo_url or "").rstrip("/")
    github = repository if GITHUB_REPOSITORY.match(repository) else ""
    return PageFacts(lang, site_name, title, canonical, github)


def holders(body: LexborNode) -> list[tuple[LexborNode, str]]:
    """(element the controls end, the place's id): the block headings, then the correction notes."""
    found = [
        (heading, heading.attributes["id"])
        for heading in body.css("body > h2[id]")
        if heading.attributes.get("id") in BLOCKS
    ]
    for note in body.css(".erratum[id]"):
        title = next(children(note), None)
        if title is not None and note.attributes.get("id") and is_note_title(title):
            found.append((title, note.attributes["id"]))
    return found


def is_note_title(element: LexborNode) -> bool:
    """A correction note's title: its summary, or p.admonition-title (its first element either way)."""
    classes = (element.attributes.get("class") or "").split()
    return element.tag == "summary" or (element.tag == "p" and "admonition-title" in classes)


def own_text(element: LexborNode) -> str:
    """The element's own text, without its children's (a heading without its permalink)."""
    return "".join(
        child.text_content or "" for child in element.iter(include_text=True) if child.tag == "-text"
    ).strip()


def citation(facts: PageFacts, anchor: str, place: str, date: str) -> str:
    url = f"{facts.canonical}#{anchor}"
    numbered = NUMBERED.match(facts.title)
    number, title = numbered.groups() if numbered else ("", facts.title)
    if facts.lang == "zh":
        return f"{facts.site_name}，第 {number} 节「{title}」，{place}。访问日期：{date}。{url}"
    return f"{facts.site_name}, section {number}, \u201c{title}\u201d, {place}. Accessed {date}. {url}"


def report_url(facts: PageFacts, anchor: str) -> str:
    if not facts.repository:
        return ""
    query = {
        "template": "translation.yml" if facts.lang == "en" else "correction.yml",
        "title": f"{facts.title} #{anchor}",
        "page": f"{facts.canonical}#{anchor}",
        "anchor": f"#{anchor}",
        "language": facts.lang,
        "section": facts.title,
    }
    return f"{facts.repository}/issues/new?{urlencode(query)}"


def write_controls(body: LexborNode, macro, facts: PageFacts) -> dict[str, str]:
    """Each place's controls written into `body` (in place); returns them by id, as the parser writes them.

    `macro` is the partial's `controls` macro. Markdown's permalink of a block heading is taken out: the
    controls hold the place's one link.
    """
    date = datetime.now(UTC).strftime("%Y-%m-%d")
    written: dict[str, str] = {}
    for holder, anchor in holders(body):
        for child in list(holder.iter(include_text=False)):
            if "headerlink" in (child.attributes.get("class") or "").split():
                child.decompose()
        name = own_text(holder)
        markup = str(
            macro(
                facts.lang,
                anchor,
                name,
                f"{facts.canonical}#{anchor}",
                citation(facts, anchor, name, date),
                report_url(facts, anchor),
            )
        )
        span = parse_body_fragment(markup).body.child
        written[anchor] = span.html or ""
        holder.insert_child(span)
    return written


def controls_macro(env):
    return env.get_template(CONTROLS_TEMPLATE).module.controls
