"""MkDocs hook: each language's home page links to that language's PDF of all sections.

The PDF itself is made after the site is built, by `make pdf` (pdf/, from the built pages); this hook
only adds the link (overrides/partials/pdf-download.html) between the home page's introduction and its
first topic. The file's place in the site is pdf_path(), which pdf/ uses too.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

FIRST_H2 = re.compile(r"<h2[\s>]")


def pdf_name(lang: str) -> str:
    return f"llm-qa-{lang}.pdf"


def pdf_path(lang: str, default_lang: str) -> str:
    """The PDF's path from the site root: llm-qa-zh.pdf, en/llm-qa-en.pdf."""
    return pdf_name(lang) if lang == default_lang else f"{lang}/{pdf_name(lang)}"


def with_download(content: str, block: str) -> str:
    """The home page's content with the download block before its first H2 (or at the end)."""
    match = FIRST_H2.search(content)
    if match is None:
        return content + block
    return content[: match.start()] + block + content[match.start() :]


def on_page_context(context, page: Page, config: MkDocsConfig, nav: Navigation):
    is_home = page.is_homepage or bool(nav.homepage and page.url == nav.homepage.url)
    if not is_home or page.content is None:
        return context
    lang = config.theme["language"]
    sections = sum(1 for p in nav.pages if isinstance(p.meta.get("id"), int))
    template = config.theme.get_env().get_template("partials/pdf-download.html")
    block = template.render(lang=lang, href=pdf_name(lang), sections=sections)
    page.content = with_download(page.content, block)
    return context
