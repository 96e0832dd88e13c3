"""MkDocs hook: Material's stylesheets without the rules no page of the site uses (hooks/unused_css.py).

Every page loads Material's main and palette stylesheets before it is shown: 24.8 KB gzip, most of it
for features and colours this site does not use. As pages are written, this hook notes the classes
and palette attributes they use; after the build it rewrites both stylesheets in the site folder with
the rules that can match, reading the site's scripts for the classes they add as pages run. The file
names stay Material's (the pages link to them); their source maps, which no longer match, are removed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from unused_css import UsedNames, unused_rules_removed

THEME_STYLESHEETS = ("main.*.min.css", "palette.*.min.css")

used = UsedNames()


def on_pre_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or not i18n.building:
        used.__init__()  # a new build (mkdocs serve rebuilds in the same process)


@event_priority(-100)  # the page as written, after the hooks that add to it
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    used.add_page(output)
    return output


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        used.add_page(output_content)  # 404.html
    return output_content


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return  # a nested per-language build: the other language's pages are still to come
    assets = Path(config.site_dir) / "assets"
    for script in sorted((assets / "javascripts").rglob("*.js")):
        used.add_script(script.read_text(encoding="utf-8"))
    stylesheets = assets / "stylesheets"
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(stylesheets.glob("*.css"))}
    for pattern in THEME_STYLESHEETS:
        for path in sorted(stylesheets.glob(pattern)):
            # The other stylesheets read the theme's custom properties too (palette.css sets them).
            others = tuple(text for other, text in texts.items() if other != path)
            texts[path] = unused_rules_removed(texts[path], used, others)
            path.write_text(texts[path], encoding="utf-8")
            path.with_name(path.name + ".map").unlink(missing_ok=True)
