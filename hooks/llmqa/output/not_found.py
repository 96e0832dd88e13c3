"""A 404 page per language, at 404.html and <lang>/404.html.

MkDocs writes 404.html at the site root in every build, and mkdocs-static-i18n runs one build per
language, so the last language built used to win. This hook keeps the default language's page at
the root and writes every other language's page into its folder. GitHub Pages serves the root
404.html for any missing URL; overrides/404.html therefore gives it a short note in every language.
"""

from __future__ import annotations

from pathlib import Path


def place_not_found(output_content: str, lang: str, default: str, site: Path) -> str:
    """What MkDocs writes at the root 404.html: the default language's page; another language's page
    goes into its folder here."""
    if lang == default:
        return output_content
    path = site / lang / "404.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output_content, encoding="utf-8")
    root = site / "404.html"
    # The root page stays the default language's: MkDocs writes it again, with the same bytes (an empty
    # result would be left out with a line in every build's log).
    return root.read_text(encoding="utf-8") if root.is_file() else ""
