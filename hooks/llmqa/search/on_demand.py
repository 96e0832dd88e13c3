"""Each language's search index in two files, so that a page loads its entries only when the
reader searches.

Material's bundle fetches <language root>/search/search_index.json as every page loads: it hands the
index to its search worker and reads its settings to highlight the search words on a page opened from
a result. Once the index is complete (and the safety check has read it), the pipeline
moves the entries to search/search_index.full.json and leaves search_index.json with the settings
only, plus `documents`: where the entries are, from the site root. The search worker
(assets/javascripts/workers/search-words.js) fetches them when it starts, on first use of the search
box (assets/javascripts/reading.js, part 0).
"""

from __future__ import annotations

INDEX = "search/search_index.json"
ENTRIES = "search/search_index.full.json"


def split_index(index: dict, folder: str) -> tuple[dict, dict]:
    """(what every page loads, what the worker loads) for the index of the language in `folder`."""
    settings = {"config": {**index["config"], "documents": folder + ENTRIES}, "docs": []}
    return settings, index
