"""The lead words of list items count more in search than the text after them.

An answer lists its methods as items that open with a name and a colon ("**模型剪枝：** 模型剪枝是一种…",
"**Quantization:** …"). The lead names what the item explains, as a heading would; a page that only
mentions the method in passing ("量化、剪枝和蒸馏") has no such lead. Material indexes the lead as
ordinary text, so a search for 剪枝 listed three pages that mention it in passing above the page that
explains it. The pipeline copies each entry's leads into a `leads` field with a boost between the text's
and the titles'. In Chinese, a lead that is a glossary term kept whole (模型剪枝) also brings its parts
(模型, 剪枝), as dictionary.py does for the text.
"""

from __future__ import annotations

import re

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


def add_leads(index: dict, parts: dict[str, list[str]]) -> None:
    """The `leads` field of each entry of a language's index (`parts`: {} but in Chinese)."""
    separator = index["config"]["separator"]
    for doc in index["docs"]:
        words = entry_leads(doc["text"], separator, parts)
        if words:
            doc[LEADS_FIELD] = " ".join(words)
    index["config"]["fields"][LEADS_FIELD] = {"boost": LEADS_BOOST}
