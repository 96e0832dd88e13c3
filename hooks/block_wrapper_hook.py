"""MkDocs hook: each block of a section page in its wrappers, with the controls reading.js gives life
to (hooks/block_wrappers.py, overrides/partials/practice-controls.html)."""

from __future__ import annotations

from block_wrappers import wrap_blocks
from html_policy import BLOCKS
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

TEMPLATE = "partials/practice-controls.html"

_controls: list = []  # the template's module, made once per build (MkDocs' own environment comes later)


def on_pre_build(config: MkDocsConfig) -> None:
    _controls.clear()


@event_priority(-300)  # after the content check (hooks/validate_hook.py) and the hooks that add to it
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not isinstance(page.meta.get("id"), int):
        return html  # not a section page
    if not _controls:
        _controls.append(config.theme.get_env().get_template(TEMPLATE).module)
    controls = _controls[0]
    lang = config.theme.get("language") or "en"
    buttons = {block: str(controls.reveal(lang, block)) for block in BLOCKS if block != "question"}
    return wrap_blocks(html, str(controls.bar(lang)), buttons)
