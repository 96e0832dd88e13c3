"""MkDocs hook: each language's search index in two files, so that a page loads its entries only when the
reader searches.

Material's bundle fetches <language root>/search/search_index.json as every page loads: it hands the
index to its search worker and reads its settings to highlight the search words on a page opened from
a result. After every other hook has written the index (and the safety check has read it), this hook
moves the entries to search/search_index.full.json and leaves search_index.json with the settings
only, plus `documents`: where the entries are, from the site root. The search worker
(assets/javascripts/workers/search-words.js) fetches them when it starts, on first use of the search
box (assets/javascripts/search-on-demand.js).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

INDEX = "search/search_index.json"
ENTRIES = "search/search_index.full.json"


def split_index(index: dict, folder: str) -> tuple[dict, dict]:
    """(what every page loads, what the worker loads) for the index of the language in `folder`."""
    settings = {"config": {**index["config"], "documents": folder + ENTRIES}, "docs": []}
    return settings, index


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@event_priority(-500)  # after the safety check (hooks/validate_hook.py, -400) has read the indexes
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.building:
        return  # nested per-language builds end before the indexes are written
    site = Path(config.site_dir)
    for lang in i18n.build_languages:
        folder = "" if lang == i18n.default_language else f"{lang}/"
        path = site / folder / INDEX
        if not path.is_file():
            continue
        settings, entries = split_index(json.loads(path.read_text(encoding="utf-8")), folder)
        _write(site / folder / ENTRIES, entries)
        _write(path, settings)
