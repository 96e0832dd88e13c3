"""One search index per language, each with that language's tokenizer settings.

mkdocs-static-i18n leaves a single search index at the site root holding every language's pages,
indexed with one set of settings. So a search on /en/ returned Chinese pages, and English words were
hard to find: with lang [zh, en] the index is stemmed (perplexity → perplex) while Material turns
each query word into a prefix query (perplexity*), which lunr does not stem, so they never meet.

After the last language is built, the pipeline splits that index: the default language's pages stay in
search/search_index.json, the pages of each other language go to <lang>/search/search_index.json
with locations relative to <lang>/ (overrides/main.html points those pages' search at it). Each
index gets the settings in SEARCH_SETTINGS.

The pages that only list the sections (home, glossary, topic index, translation status) name every
topic in their titles, so Material would list them above the section a reader is looking for: their
entries get a low score (Material's per-entry `boost`); they are still found, after the sections.
"""

from __future__ import annotations

import copy
import html

from llmqa.sections.model import NOTE_FORMAT

# Both languages use lunr's built-in pipeline: `lang` names the lunr plug-ins Material's worker loads,
# and Chinese needs none (Material segments it itself; lunr's zh plug-in would add a trimmer and a
# stop-word filter that Material's own Chinese settings switch off, and a stemmer that does nothing),
# so the worker loads no extra scripts. Material trims the pipeline to the steps in `pipeline`: the
# stop-word filter, as in its English settings; no stemmer (see above).
# The separator splits words at whitespace, the zero-width space Material puts around each Chinese
# word, ASCII and full-width punctuation, a full stop that is not a decimal point, and the HTML
# entities the index text keeps. No "|" inside brackets: Material splits the separator at "|".
SEARCH_SETTINGS = {
    "lang": ["en"],
    "separator": r"[\s\u200b\u3000\-–—、。，．？！；：（）【】「」『』《》〈〉“”‘’…·,:;!?()\[\]{}\"/=×]+"
    r"|\.(?!\d)|&[lg]t;|&amp;",
    "pipeline": ["stopWordFilter"],
}


LISTING_BOOST = 1e-5


def section_locations(pages: dict) -> set[str]:
    """A language's section pages (file name -> page, from the section check) as search locations
    ('overfitting/')."""
    return {
        name.removesuffix(".md") + "/"
        for name, page in pages.items()
        if isinstance((page.front_matter or {}).get("id"), int)
    }


def listings_lowered(docs: list[dict], sections: set[str]) -> list[dict]:
    return [
        doc if doc["location"].split("#", 1)[0] in sections else {**doc, "boost": LISTING_BOOST}
        for doc in docs
    ]


def language_folders(default: str, languages: list[str]) -> dict[str, str]:
    """Where each language's pages live, relative to the site root: '' for the default language."""
    return {lang: "" if lang == default else f"{lang}/" for lang in languages}


def split_docs(docs: list[dict], folders: dict[str, str]) -> dict[str, list[dict]]:
    """Each language's entries, with locations made relative to the language's folder."""
    prefixed = {lang: folder for lang, folder in folders.items() if folder}
    default = next(lang for lang, folder in folders.items() if not folder)
    result: dict[str, list[dict]] = {lang: [] for lang in folders}
    for doc in docs:
        lang = next(
            (lang for lang, folder in prefixed.items() if doc["location"].startswith(folder)), default
        )
        location = doc["location"][len(folders[lang]) :]
        result[lang].append({**doc, "location": location})
    return result


def language_index(config: dict, docs: list[dict]) -> dict:
    """A language's own index: its settings are a copy, so that fields added to one stay in it."""
    return {"config": {**copy.deepcopy(config), **SEARCH_SETTINGS}, "docs": docs}


def language_indexes(index: dict, folders: dict[str, str], pages: dict[str, dict]) -> dict[str, dict]:
    """Each language's index (by language) from the index of every language that Material wrote;
    `pages`: each language's pages from the section check."""
    return {
        lang: language_index(index["config"], listings_lowered(docs, section_locations(pages.get(lang, {}))))
        for lang, docs in split_docs(index["docs"], folders).items()
    }


def add_title_notes(index: dict, pages: dict, lang: str) -> None:
    """A section's title note (front matter `title_note`) after its title in the page's own entry, as
    the nav lists it: two sections with the same title are told apart in the results too."""
    for doc in index["docs"]:
        name = doc["location"].removesuffix("/") + ".md"
        note = (pages.get(name).front_matter or {}).get("title_note") if name in pages else None
        if isinstance(note, str) and "#" not in doc["location"]:
            doc["title"] = NOTE_FORMAT.get(lang, NOTE_FORMAT["en"]).format(
                title=doc["title"], note=html.escape(note)
            )
