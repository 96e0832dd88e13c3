"""A section page's meta description is its question.

A link pasted into a chat unfurls with the page's description; for a section the question is the
best summary of the page. It is taken from the rendered question block (the H2 with id "question"
up to the next H2), as plain text on one line. Pages without a question block keep the site's
description. overrides/main.html writes it into <meta name="description"> and the Open Graph and
Twitter tags.
"""

from __future__ import annotations

import html
import re

from mkdocs.structure.pages import Page

QUESTION_BLOCK = re.compile(r'<h2[^>]*\bid="question"[^>]*>.*?</h2>(?P<body>.*?)(?=<h2[\s>]|\Z)', re.S)
HEADERLINK = re.compile(r'<a[^>]*class="headerlink"[^>]*>.*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")

MAX_LENGTH = 300


def question_text(content: str) -> str | None:
    """The text of the question block of a rendered page, or None if it has none."""
    match = QUESTION_BLOCK.search(content)
    if match is None:
        return None
    # Inline tags go without a trace; block tags are followed by a line break, which becomes a space.
    text = html.unescape(TAG.sub("", HEADERLINK.sub("", match.group("body"))))
    text = SPACE.sub(" ", text).strip()
    if len(text) > MAX_LENGTH:
        text = text[: MAX_LENGTH - 1].rstrip() + "…"
    return text or None


def describe_page(page: Page, html_content: str) -> None:
    """The page's meta description: its question, unless its front matter gives one."""
    if "description" not in page.meta:
        question = question_text(html_content)
        if question:
            page.meta["description"] = question
