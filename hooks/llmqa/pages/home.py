"""The home pages' lists of sections, and the number of sections wherever the site says it.

A home page (docs/<lang>/index.md) has the line LISTS where its sections go: one heading per topic of
the nav, in nav order, with each section listed under the topic of its first tag (the Chinese page's:
the nav's), in number order, with its question. "{sections}" in a home page, in site_description and
in extra.home_title (mkdocs.yml, every language) is the number of sections. So adding a section (two
files) changes every list and every count, and no page says 20 when there are 21.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from llmqa.pages.nav import first_topic
from llmqa.pages.titles import numbered_title
from llmqa.publishing.collection import blocks, markdown_lines, sections, tidy, title_of
from llmqa.sections.page import SectionPage

COUNT = "{sections}"
LISTS = "<!-- sections by topic -->"


def with_count(text: str, total: int) -> str:
    return text.replace(COUNT, str(total))


def fill_counts(config: MkDocsConfig, total: int) -> None:
    """The number of sections in this language's settings (mkdocs-static-i18n set them for it)."""
    if isinstance(config.site_description, str):
        config.site_description = with_count(config.site_description, total)
    title = config.extra.get("home_title")
    if isinstance(title, str):
        config.extra["home_title"] = with_count(title, total)


def is_home_source(src_uri: str, lang: str) -> bool:
    return src_uri in ("index.md", f"{lang}/index.md")


def question_of(page: SectionPage) -> str:
    """The question's first paragraph, on one line (a definition in the home page's list)."""
    lines = blocks(page).get("question", [])
    text = tidy(markdown_lines(lines, lambda target: target, errata=False, headings=False))
    first = text.strip().split("\n\n")[0] if text.strip() else ""
    return " ".join(part.strip() for part in first.splitlines())


def _link_text(title: str) -> str:
    return title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def home_lists(
    pages: dict[str, SectionPage],
    originals: dict[str, SectionPage],
    topics: list[str],
    anchors: dict[str, tuple[int, str]],
    names: dict[str, str],
    lang: str,
) -> str:
    """The Markdown of the lists: `pages` are this language's, `originals` the default language's (whose
    first tag places a section), `names` the topics' names in this language (nav_translations)."""
    by_topic: dict[str, list[str]] = {topic: [] for topic in topics}
    for slug, page in sections(pages):
        original = originals.get(f"{slug}.md", page)
        topic = first_topic(original)
        if topic not in by_topic:
            continue  # an error of the nav already (pages/nav.py)
        note = (page.front_matter or {}).get("title_note")
        title = numbered_title(
            page.front_matter["id"], title_of(page, slug), note if isinstance(note, str) else None, lang
        )
        question = question_of(page)
        entry = f"[{_link_text(title)}]({slug}.md)"
        by_topic[topic].append(f"{entry}\n:   {question}" if question else entry)
    parts = []
    for topic, entries in by_topic.items():
        if not entries:
            continue
        anchor = anchors.get(topic, (0, ""))[1]
        heading = f"## {names.get(topic, topic)}" + (f" {{#{anchor}}}" if anchor else "")
        parts.append(heading + "\n\n" + "\n\n".join(entries))
    return "\n\n".join(parts)


def fill_home(markdown: str, lists: str, total: int) -> str:
    """The home page's Markdown with its lists and its count; one without LISTS gets no lists."""
    lines = markdown.split("\n")
    filled = [lists if line.strip() == LISTS else line for line in lines]
    return with_count("\n".join(filled), total)
