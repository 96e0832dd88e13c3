"""MkDocs hook: each block of a section page in its wrappers (hooks/block_wrappers.py)."""

from __future__ import annotations

from block_wrappers import wrap_blocks
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@event_priority(-300)  # after the content check (hooks/validate_hook.py) and the hooks that add to it
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not isinstance(page.meta.get("id"), int):
        return html  # not a section page
    return wrap_blocks(html)
