"""A section's nav title and page <title> start with its number ("13. 语言模型中的迁移学习问题").

§13 and §20 have the same Chinese title; the number tells them apart in the nav, in the browser tab,
in link previews and in the related-sections lists. The page's H1 stays the source's title.

It runs in on_env, once every page of the build has been rendered and before any template is, so every
nav on every page shows the numbered titles and the steps before it still see the plain ones. It runs
before Material's tags plugin (priority 100) renders the topic index, so the index numbers them too.
"""

from __future__ import annotations

from mkdocs.structure.files import Files

from llmqa.sections.model import NOTE_FORMAT


def numbered_title(number: int, title: str, note: str | None = None, lang: str = "en") -> str:
    """The title as lists show it: its number, and its note when two sections share a title (§13 and
    §20 in Chinese: the page's own heading keeps the source's title)."""
    prefix = f"{number}. "
    title = title if title.startswith(prefix) else prefix + title
    if note and not title.endswith(NOTE_FORMAT.get(lang, NOTE_FORMAT["en"]).format(title="", note=note)):
        title = NOTE_FORMAT.get(lang, NOTE_FORMAT["en"]).format(title=title, note=note)
    return title


def number_titles(files: Files, lang: str) -> None:
    """Every section's title with its number in front (and its note), once every page has been read."""
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.title:
            continue
        number = page.meta.get("id")
        if isinstance(number, int) and not isinstance(number, bool):
            note = page.meta.get("title_note")
            page.meta["title"] = numbered_title(
                number, page.title, note if isinstance(note, str) else None, lang
            )
