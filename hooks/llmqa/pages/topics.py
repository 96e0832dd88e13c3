"""The topic index (tags.md) in the order readers know from the nav and the home page.

Material's tags plugin lists topics alphabetically, sections by title, and anchors each topic with the
slug of its name in the page's language (#tag:推理与部署 in Chinese, #tag:inference--deployment in
English). The pipeline configures it so that:

- topics come in the nav's order (the home page has the same groups in the same order);
- sections come in number order (their `id`);
- every topic has one ASCII anchor, the slug of its English name (#inference-deployment), in every
  language: the home pages use the same anchors, so a link to a topic survives a language switch.

The topics are the nav's groups of sections (mkdocs.yml), named in the default language; their names in
another language are that language's `nav_translations` (mkdocs-static-i18n). A page tagged with a
topic that is not a nav group is a build warning naming the file (fatal under --strict).
"""

from __future__ import annotations

from markdown.extensions.toc import slugify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger("topics")

ANCHOR_LANGUAGE = "en"


def nav_topics(nav: object) -> list[str]:
    """The names of the nav's groups of pages, in nav order."""
    if not isinstance(nav, list):
        return []
    return [
        title
        for entry in nav
        if isinstance(entry, dict)
        for title, children in entry.items()
        if isinstance(children, list)
    ]


def nav_translations(config: MkDocsConfig) -> dict[str, dict[str, str]]:
    """Each language's nav_translations (mkdocs-static-i18n), by locale; {} without the plugin."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return {}
    return {language.locale: dict(language.nav_translations or {}) for language in plugin.config.languages}


def topic_table(topics: list[str], translations: dict[str, dict[str, str]]) -> dict[str, tuple[int, str]]:
    """(position, anchor) for each topic, under its name in every language.

    The anchor is the slug of the topic's English name (its own name when it has no English one).
    """
    english = translations.get(ANCHOR_LANGUAGE, {})
    table: dict[str, tuple[int, str]] = {}
    for position, topic in enumerate(topics):
        entry = (position, slugify(english.get(topic, topic), "-"))
        table[topic] = entry
        for names in translations.values():
            table.setdefault(names.get(topic, topic), entry)
    return table


def section_number(mapping) -> tuple[int, str]:
    """Sort key of a page in a topic's list: its section number; other pages after, by title."""
    number = mapping.item.meta.get("id")
    if isinstance(number, int) and not isinstance(number, bool):
        return number, ""
    return 1 << 30, str(mapping.item.title)


def read_topics(config: MkDocsConfig) -> dict[str, tuple[int, str]]:
    return topic_table(nav_topics(config.nav), nav_translations(config))


def configure_tags(config: MkDocsConfig, table: dict[str, tuple[int, str]]) -> None:
    """Material's tags plugin set to list topics in nav order under their English anchors."""
    tags = config.plugins.get("material/tags")
    if tags is None:
        return
    fallback = tags.config.tags_slugify

    def topic_position(tag, *args) -> tuple[int, str]:
        return table.get(tag.name, (len(table), ""))[0], tag.name

    def topic_anchor(name: str, separator: str) -> str:
        known = table.get(name)
        return known[1] if known else fallback(name, separator)

    tags.config.listings_tags_sort_by = topic_position
    tags.config.tags_sort_by = topic_position
    tags.config.listings_sort_by = section_number
    tags.config.tags_slugify = topic_anchor
    tags.config.tags_slugify_format = "{slug}"


def warn_unknown_topics(page: Page, table: dict[str, tuple[int, str]]) -> None:
    tags = page.meta.get("tags")
    if isinstance(tags, list) and table:
        for tag in tags[1:]:  # the first places the section in the nav: an error of pages/nav.py
            if isinstance(tag, str) and tag not in table:
                log.warning(
                    f"docs/{page.file.src_uri}: topic '{tag}' is not a group of the nav in mkdocs.yml: "
                    "use one of its topics, or add the topic to the nav (and to nav_translations)"
                )
