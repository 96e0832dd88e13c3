"""The collection as data in the built site (collection.py makes the files; this places them).

Each language gets, from the section check's pages: llms.txt at its root, the dataset
(llm-qa-zh.jsonl at the site root, en/llm-qa-en.jsonl) and a Markdown copy of every section next to
its page (overfitting/index.md, en/overfitting/index.md), written once every language is built.

The home pages link to llms.txt and the dataset with ordinary relative links. MkDocs checks every
such link against the files it knows, and --strict fails on a link to a file it does not know, so
each language's build is told of its two files in on_files (as generated files, placeholders that
MkDocs copies into the site and the last step overwrites): the links are checked like any other and
stay relative, so a fork's site links to its own files.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from llmqa.pages.home import with_count
from llmqa.publishing.collection import Collection, sections, write_collection
from llmqa.sections.page import SectionPage


def collections(config: MkDocsConfig, i18n, total: int = 0) -> list[Collection]:
    """Every built language's collection, the default language first; `total` sections in each."""
    default = i18n.default_language
    # What a language does not set itself is the site's own setting: mkdocs-static-i18n keeps the
    # value it replaced (config holds the last language built's).
    original = {key: config.get(key) for key in ("site_name", "site_description")}
    original |= {key: value for key, value in i18n.original_configs.items() if key in original}
    found = []
    for lang in sorted(i18n.build_languages, key=lambda lang: lang != default):
        settings = i18n.get_language_config(lang)
        name = settings.site_name or original["site_name"]
        summary = with_count(settings.site_description or original["site_description"] or "", total)
        site_url = config.site_url or "/"
        folder = "" if lang == default else f"{lang}/"
        found.append(Collection(lang, site_url.rstrip("/") + "/", folder, name, summary))
    return found


def linked_files(config: MkDocsConfig, i18n) -> list[File]:
    """This language's llms.txt and dataset as files MkDocs knows (for the home page's links)."""
    lang = i18n.current_language or i18n.default_language
    collection = next(c for c in collections(config, i18n) if c.lang == lang)
    found = []
    for path in (collection.index, collection.dataset):
        file = File.generated(config, f"{lang}/{path.removeprefix(collection.folder)}", content="")
        file.dest_uri = path
        found.append(file)
    return found


def write_collections(config: MkDocsConfig, i18n, pages: dict[str, dict[str, SectionPage]]) -> None:
    """Every language's llms.txt, dataset and Markdown copies, written into the site."""
    total = len(sections(pages.get(i18n.default_language, {})))
    every = collections(config, i18n, total)
    for collection in every:
        others = [other for other in every if other is not collection]
        write_collection(Path(config.site_dir), collection, pages.get(collection.lang, {}), others)
