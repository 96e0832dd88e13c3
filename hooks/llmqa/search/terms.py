"""The other language's names of the terms an entry uses, in the search index of each language.

Each entry of a language's index gets a `terms` field, so "perplexity" typed on the Chinese site finds
the sections about 困惑度, and 困惑度 typed on the English site finds those about perplexity.
"""

from __future__ import annotations

import re

from llmqa.glossary.terms import Term, other_language_terms

TERMS_FIELD = "terms"
TAG = re.compile(r"<[^>]+>")


def entry_terms(doc: dict, lang: str, terms: list[Term]) -> list[str]:
    text = TAG.sub(" ", f"{doc['title']} {doc['text']}").replace("\u200b", "")
    return other_language_terms(text, terms, lang)


def add_other_language_terms(index: dict, lang: str, terms: list[Term]) -> None:
    for doc in index["docs"]:
        if doc["location"].startswith("glossary/"):
            continue  # the glossary names every term in both languages already
        names = entry_terms(doc, lang, terms)
        if names:
            doc[TERMS_FIELD] = " ".join(names)
    index["config"]["fields"][TERMS_FIELD] = {"boost": 1.0}
