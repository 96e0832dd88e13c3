"""MkDocs hook: a 404 page per language, at 404.html and <lang>/404.html.

MkDocs writes 404.html at the site root in every build, and mkdocs-static-i18n runs one build per
language, so the last language built used to win. This hook keeps the default language's page at
the root and writes every other language's page into its folder. GitHub Pages serves the root
404.html for any missing URL; overrides/404.html therefore gives it a short note in every language.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    i18n = config.plugins.get("i18n")
    lang = config.theme.get("language")
    if i18n is None or lang == i18n.default_language:
        return output_content
    path = Path(config.site_dir) / lang / "404.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output_content, encoding="utf-8")
    return ""  # MkDocs writes nothing for an empty result, so the root 404.html stays the default language's
