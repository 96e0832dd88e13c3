"""Every page gets its own link-preview card (og:image), in its language.

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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from llmqa.publishing.cards import HEIGHT, WIDTH, Card, card_key, draw_card
from llmqa.publishing.fonts import coverage_error, missing_characters
from llmqa.sections.model import BLOCKS, block_label

TEXTS = {
    "zh": {
        "section": "第 {number} 节",
        "home": "中文 / English",
        "labels": tuple(block_label("zh", block) for block in BLOCKS),
        "separator": "：",
    },
    "en": {
        "section": "Section {number}",
        "home": "English / 中文",
        "labels": tuple(block_label("en", block) for block in BLOCKS),
        "separator": ": ",
    },
}
FOLDER = "assets/images/social"


@dataclass
class CardStats:
    drawn: int = 0
    cached: int = 0


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
    """What the card shows. A section's card does not show how many sections there are: adding one
    redraws only the cards that show the number (the home pages', the pages described by the site)."""
    lang = config.theme["language"] if config.theme["language"] in TEXTS else "en"
    texts = TEXTS[lang]
    number = _number(page)
    summary = page.meta.get("description") or config.site_description or ""
    if number is not None:
        kicker = texts["section"].format(number=number)
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


def section_count(nav: Navigation | None) -> int:
    """The sections of the nav (counted once per language's nav: once per page would grow as N²)."""
    return sum(1 for p in (nav.pages if nav else []) if _number(p) is not None)


def _number(page) -> int | None:
    number = page.meta.get("id") if page.meta else None
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def card_file(card: Card, cache: Path, stats: CardStats) -> Path:
    """The card's PNG in the cache, drawn first if it is not there yet."""
    path = cache / f"{card_key(card)}.png"
    if path.is_file():
        stats.cached += 1
        return path
    cache.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(draw_card(card))
    partial.replace(path)  # atomic: a parallel build never reads half a file
    stats.drawn += 1
    return path


def add_card(page: Page, config: MkDocsConfig, nav: Navigation, stats: CardStats) -> None:
    """The page's card in the site, and page.meta.qa_card for partials/link-preview.html."""
    if not page.canonical_url:
        return
    card = describe(page, config, nav)
    missing = missing_characters(card.text(), card.font_files())
    if missing:
        source = Path(page.file.abs_src_path or page.file.src_path)
        where = os.path.relpath(source, Path(config.config_file_path).parent)
        raise PluginError(coverage_error(where, "the link-preview card (title, question)", missing))
    rel = f"{FOLDER}/{card.lang}/{page_name(page, card.lang)}.png"
    target = Path(config.site_dir) / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(card_file(card, cache_dir(config), stats), target)
    parts = (
        (card.site_name, card.kicker, card.title)
        if _number(page) is not None
        else (card.site_name, card.title)
    )
    alt = " · ".join(part for part in parts if part)
    page.meta["qa_card"] = {"url": config.site_url + rel, "width": WIDTH, "height": HEIGHT, "alt": alt}
