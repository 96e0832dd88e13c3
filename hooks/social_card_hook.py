"""MkDocs hook: every page gets its own link-preview card (og:image), in its language.

For each page with a link preview (sections, home, topic index) it describes the card (hooks/social_cards.py),
checks that the committed fonts have every character of it (a missing one stops the build with the
page's file), and writes the PNG to assets/images/social/<lang>/<page>.png. partials/link-preview.html
reads page.meta.qa_card for the og:image and twitter:image tags.

Cards are cached in .cache/social-cards/<key>.png (or $LLM_QA_CACHE_DIR/social-cards), where the key
names what the card shows: a card is drawn again only when its text, the fonts or the drawing code
change. A build with a warm cache copies 44 files instead of drawing them (benchmarks/bench_cards.py).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from font_coverage import coverage_error, missing_characters
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from social_cards import HEIGHT, WIDTH, Card, card_key, draw_card

log = get_plugin_logger("social_cards")

TEXTS = {
    "zh": {
        "section": "第 {number} 节 / 共 {total} 节",
        "home": "中文 / English",
        "labels": ("题目", "答案", "举例", "解析"),
        "separator": "：",
    },
    "en": {
        "section": "Section {number} of {total}",
        "home": "English / 中文",
        "labels": ("Question", "Answer", "Example", "Analysis"),
        "separator": ": ",
    },
}
FOLDER = "assets/images/social"

_stats = {"drawn": 0, "cached": 0}


def cache_dir(config: MkDocsConfig) -> Path:
    root = os.environ.get("LLM_QA_CACHE_DIR") or Path(config.config_file_path).parent / ".cache"
    return Path(root) / "social-cards"


def is_home(page: Page, nav: Navigation | None) -> bool:
    """The home page of the page's language (Material's is_homepage is true only for the default one)."""
    return page.is_homepage or bool(nav and nav.homepage and page.url == nav.homepage.url)


def page_name(page: Page, lang: str) -> str:
    """inference-bottlenecks, index, tags: the page's path inside its language folder."""
    path = page.url
    if path.startswith(f"{lang}/"):
        path = path[len(lang) + 1 :]
    path = re.sub(r"(/|\.html)$", "", path)
    return path.replace("/", "-") or "index"


def home_tagline(config: MkDocsConfig, lang: str) -> str:
    """The home page's title without the site's name in front ("大模型 20 问（题目、答案、举例、解析）")."""
    title = config.extra.get("home_title") or config.site_name
    prefix = config.site_name + TEXTS[lang]["separator"]
    return title[len(prefix) :] if title.startswith(prefix) else title


def describe(page: Page, config: MkDocsConfig, nav: Navigation | None) -> Card:
    lang = config.theme["language"] if config.theme["language"] in TEXTS else "en"
    texts = TEXTS[lang]
    total = section_count(nav)
    number = _number(page)
    summary = page.meta.get("description") or config.site_description or ""
    if number is not None:
        kicker = texts["section"].format(number=number, total=total)
        title = re.sub(rf"^{number}\. ", "", page.title or "")
    elif is_home(page, nav):
        kicker = texts["home"]
        title = home_tagline(config, lang)
    else:
        kicker = ""
        title = page.title or config.site_name
    site = urlsplit(config.site_url or "")
    footer = (site.netloc + site.path).rstrip("/")
    return Card(lang, config.site_name, kicker, title, summary, texts["labels"], footer)


_counted: tuple[Navigation | None, int] = (None, 0)


def section_count(nav: Navigation | None) -> int:
    """The sections of the nav, counted once per nav (once per page, the build would grow as N²)."""
    global _counted
    if _counted[0] is not nav:
        _counted = (nav, sum(1 for p in (nav.pages if nav else []) if _number(p) is not None))
    return _counted[1]


def _number(page) -> int | None:
    number = page.meta.get("id") if page.meta else None
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def card_file(card: Card, cache: Path) -> Path:
    """The card's PNG in the cache, drawn first if it is not there yet."""
    path = cache / f"{card_key(card)}.png"
    if path.is_file():
        _stats["cached"] += 1
        return path
    cache.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(draw_card(card))
    partial.replace(path)  # atomic: a parallel build never reads half a file
    _stats["drawn"] += 1
    return path


def _building_nested(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    return bool(i18n and i18n.building)


def on_pre_build(config: MkDocsConfig) -> None:
    if not _building_nested(config):
        _stats.update(drawn=0, cached=0)


def on_page_context(context, page: Page, config: MkDocsConfig, nav: Navigation):
    if not page.canonical_url:
        return context
    card = describe(page, config, nav)
    missing = missing_characters(card.text(), card.font_files())
    if missing:
        source = Path(page.file.abs_src_path or page.file.src_path)
        where = os.path.relpath(source, Path(config.config_file_path).parent)
        raise PluginError(coverage_error(where, "the link-preview card (title, question)", missing))
    rel = f"{FOLDER}/{card.lang}/{page_name(page, card.lang)}.png"
    target = Path(config.site_dir) / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(card_file(card, cache_dir(config)), target)
    parts = (
        (card.site_name, card.kicker, card.title)
        if _number(page) is not None
        else (card.site_name, card.title)
    )
    alt = " · ".join(part for part in parts if part)
    page.meta["qa_card"] = {"url": config.site_url + rel, "width": WIDTH, "height": HEIGHT, "alt": alt}
    return context


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if _building_nested(config):
        return
    drawn, cached = _stats["drawn"], _stats["cached"]
    log.info(f"Link-preview cards: {drawn} drawn, {cached} from the cache ({cache_dir(config)})")
