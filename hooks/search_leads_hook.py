"""MkDocs hook: the lead words of list items count more in search than the text after them.

An answer lists its methods as items that open with a name and a colon ("**模型剪枝：** 模型剪枝是一种…",
"**Quantization:** …"). The lead names what the item explains, as a heading would; a page that only
mentions the method in passing ("量化、剪枝和蒸馏") has no such lead. Material indexes the lead as
ordinary text, so a search for 剪枝 listed three pages that mention it in passing above the page that
explains it. This hook copies each entry's leads into a `leads` field with a boost between the text's
and the titles'. In Chinese, a lead that is a glossary term kept whole (模型剪枝) also brings its parts
(模型, 剪枝), as hooks/search_dictionary_hook.py does for the text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from search_dictionary_hook import CHINESE, GLOSSARY, glossary_terms, term_parts

LEADS_FIELD = "leads"
LEADS_BOOST = 10.0
# An item's lead: the first words of a list item, up to a colon, before any other markup.
LEAD = re.compile(r"<li>\s*(?:<p>)?([^<：:]{1,60})(?:：|:(?=\s|$))")


def entry_leads(text: str, separator: str, parts: dict[str, list[str]]) -> list[str]:
    """The words of the leads of an entry's list items, with the parts of terms kept whole."""
    words: list[str] = []
    for lead in LEAD.findall(text):
        for word in re.split(separator, lead.replace("\u200b", " ")):
            if word:
                words += [word, *parts.get(word, ())]
    return words


@event_priority(-320)  # after hooks/search_dictionary_hook.py (-300); before the safety check (-400)
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.building:
        return  # nested per-language builds end before the indexes are written
    glossary = Path(config.config_file_path).resolve().parent / GLOSSARY
    for lang in i18n.build_languages:
        folder = "" if lang == i18n.default_language else f"{lang}/"
        path = Path(config.site_dir) / folder / "search" / "search_index.json"
        index = json.loads(path.read_text(encoding="utf-8"))
        parts = term_parts(tuple(glossary_terms(glossary))) if lang == CHINESE else {}
        for doc in index["docs"]:
            words = entry_leads(doc["text"], index["config"]["separator"], parts)
            if words:
                doc[LEADS_FIELD] = " ".join(words)
        index["config"]["fields"][LEADS_FIELD] = {"boost": LEADS_BOOST}
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
