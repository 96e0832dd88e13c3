"""Each language's home page links to that language's PDF of all sections.

The PDF itself is made after the site is built, by `make pdf` (pdf/, from the built pages); the pipeline
only adds the link (overrides/partials/pdf-download.html) between the home page's introduction and its
first topic. The file's place in the site is pdf_path(), which pdf/ uses too.
"""

from __future__ import annotations

import re

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


def add_pdf_link(page: Page, env, lang: str, sections: int, download: bool = True) -> None:
    """The download block on a home page (overrides/partials/pdf-download.html); `download` is off under
    make serve, which makes no PDF."""
    if page.content is None:
        return
    block = env.get_template("partials/pdf-download.html").render(
        lang=lang, href=pdf_name(lang), sections=sections, download=download
    )
    page.content = with_download(page.content, block)
